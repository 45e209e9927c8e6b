// Comparing two quarters: every figure, its change in words, biggest movers first.
#include <gtest/gtest.h>

#include "compare/compare.hpp"

namespace careboard {
namespace {

Measure measure(const std::string& key, std::vector<std::string> categories,
                std::vector<std::vector<std::optional<double>>> values) {
    Measure m;
    m.key = key;
    m.kind = measure_def(key).period;
    m.decimals = measure_def(key).decimals;
    m.categories = std::move(categories);
    m.values = std::move(values);
    return m;
}

MeasureSet two_quarters() {
    MeasureSet set;
    set.quarters = {Quarter{2023, 3}, Quarter{2024, 3}};
    set.put(measure("looked_after", {"Total"}, {{400.0, 412.0}}));
    // C1 40 -> 50 (+25%), C2 300 -> 300, E1 0 -> 12 (appeared), V2 60 -> 0 (vanished? no: 50).
    set.put(measure("looked_after_by_legal_status", {"C1", "C2", "E1", "J1"}, {{40.0, 50.0}, {300.0, 300.0}, {0.0, 12.0}, {6.0, 0.0}}));
    set.put(measure("reviews_in_timescale_percent", {"Total"}, {{95.4, 93.2}}));
    Measure started = measure("started", {"Total"}, {{20.0, 0.0}});
    started.set_symbol(0, 1, 'c');
    set.put(started);
    return set;
}

const FigureChange& find(const std::vector<FigureChange>& all, const std::string& measure, const std::string& category) {
    for (const FigureChange& f : all)
        if (f.measure == measure && f.category == category) return f;
    throw std::runtime_error("no such figure");
}

TEST(Compare, ChangesAreWorkedOutAsDisplayed) {
    const auto all = compare_quarters(two_quarters(), 0, 1);
    const FigureChange& total = find(all, "looked_after", "Total");
    EXPECT_EQ(change_in_words(total), "up 12 (3%)");  // 12 of 400 = 3%
    const FigureChange& c2 = find(all, "looked_after_by_legal_status", "C2");
    EXPECT_EQ(change_in_words(c2), "no change");
    // 95.4% shows as 95%, 93.2% as 93%: down 2 points.
    EXPECT_EQ(change_in_words(find(all, "reviews_in_timescale_percent", "Total")), "down 2 percentage points");
    // A suppressed figure is not compared, and is said to be withheld.
    const FigureChange& started = find(all, "started", "Total");
    EXPECT_EQ(started.symbol_b, 'c');
    EXPECT_EQ(change_in_words(started), "not compared: a figure is withheld (c)");
    // A figure missing for no stated reason is simply not comparable.
    FigureChange missing = started;
    missing.symbol_b = 0;
    EXPECT_EQ(change_in_words(missing), "not comparable");
}

TEST(Compare, HeadlineFiguresComeFirstThenTheBiggestMovesFromABaseOf20) {
    const auto all = compare_quarters(two_quarters(), 0, 1, {"reviews_in_timescale_percent", "looked_after"});
    ASSERT_EQ(all.size(), 7u);
    // The headline measures' totals, in the order given, whatever their move.
    EXPECT_EQ(all[0].measure, "reviews_in_timescale_percent");
    EXPECT_TRUE(all[0].headline);
    EXPECT_EQ(all[1].measure, "looked_after");
    // Then C1 (40 -> 50, +25%), then C2 (300, no change); then the rest in measure order: E1
    // appeared (0 -> 12), J1 (6 -> 0) vanished from a base under 20, started is withheld.
    EXPECT_EQ(all[2].category, "C1");
    EXPECT_EQ(all[3].category, "C2");
    EXPECT_EQ(all[4].category, "E1");
    EXPECT_TRUE(all[4].appeared);
    EXPECT_EQ(all[5].category, "J1");
    EXPECT_TRUE(all[5].vanished);
    EXPECT_EQ(all[6].measure, "started");
    EXPECT_EQ(change_in_words(all[6]), "not compared: a figure is withheld (c)");
}

TEST(Compare, ASmallBaseIsNotRankedAmongTheBiggestMoves) {
    // 3 -> 9 is +200%, 100 -> 130 +30%: only the second is ranked.
    MeasureSet set;
    set.quarters = {Quarter{2023, 3}, Quarter{2024, 3}};
    set.put(measure("looked_after_by_legal_status", {"C1", "C2"}, {{3.0, 9.0}, {100.0, 130.0}}));
    const auto all = compare_quarters(set, 0, 1);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].category, "C2");
    EXPECT_EQ(all[1].category, "C1");
}

}  // namespace
}  // namespace careboard
