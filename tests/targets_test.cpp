// Targets and editions: statuses and words, crossings between quarters, revised figures.
#include <gtest/gtest.h>

#include "compare/targets.hpp"

namespace careboard {
namespace {

Measure total(const std::string& key, std::vector<std::optional<double>> values) {
    Measure m;
    m.key = key;
    m.kind = measure_def(key).period;
    m.decimals = measure_def(key).decimals;
    m.categories = {"Total"};
    m.values = {std::move(values)};
    return m;
}

const Target kReviews{"reviews_in_timescale_percent", 95.0, std::nullopt};
const Target kCaseload{"iro_caseload", 50.0, 70.0};

TEST(Targets, StatusAndWordsUseTheDisplayedValue) {
    // 94.6% shows as 95%: it meets the target.
    EXPECT_EQ(target_status(kReviews, 94.6, 0), TargetStatus::met);
    EXPECT_EQ(target_words(kReviews, 94.6, 0, true), "meets the 95% target");
    EXPECT_EQ(target_words(kReviews, 96.2, 0, true), "above the 95% target");
    EXPECT_EQ(target_words(kReviews, 94.4, 0, true), "below the 95% target");
    EXPECT_EQ(target_words(kReviews, std::nullopt, 0, true), "");
    EXPECT_EQ(target_words(kCaseload, 62.3, 1, false), "within the 50 to 70 range");
    EXPECT_EQ(target_words(kCaseload, 71.0, 1, false), "above the 50 to 70 range");
    EXPECT_EQ(target_words(kCaseload, 49.9, 1, false), "below the 50 to 70 range");
}

TEST(Targets, CrossingsBetweenQuartersAreSentences) {
    MeasureSet set;
    set.quarters = {Quarter{2024, 1}, Quarter{2024, 2}, Quarter{2024, 3}};
    set.put(total("reviews_in_timescale_percent", {96.0, 93.2, 93.0}));
    set.put(total("iro_caseload", {69.0, 72.4, 68.0}));
    const auto first = target_crossings(set, {kReviews, kCaseload}, 0, 1);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].sentence, "Reviews held in timescale fell below the 95% target (93%) in 2024-25 Q2");
    EXPECT_EQ(first[1].sentence, "Children looked after per full-time IRO rose above the 50 to 70 range (72.4) in 2024-25 Q2");
    const auto second = target_crossings(set, {kReviews, kCaseload}, 1, 2);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].sentence, "Children looked after per full-time IRO came back within the 50 to 70 range (68.0) in 2024-25 Q3");
}

TEST(Editions, RevisedFiguresForQuartersBothBuildsCover) {
    MeasureSet before, now;
    before.quarters = {Quarter{2024, 1}, Quarter{2024, 2}};
    now.quarters = {Quarter{2024, 2}, Quarter{2024, 3}};
    before.put(total("looked_after", {500.0, 510.0}));
    now.put(total("looked_after", {512.0, 520.0}));
    const auto changed = revisions(now, before);
    ASSERT_EQ(changed.size(), 1u);
    EXPECT_EQ(changed[0].quarter.label(), "2024-25 Q2");
    EXPECT_EQ(changed[0].before, "510");
    EXPECT_EQ(changed[0].now, "512");
}

// The earlier edition wrote 13.5 (one decimal) to measures.csv and showed it as 14%; this one
// counts 13.46, written 13.5 and shown 13%. The figure is the same as written: no revision. A
// figure that did change is shown as displayed, and a hidden one as `c`, never its value.
TEST(Editions, RevisionsAreFoundOnTheFiguresAsWrittenNotAsRounded) {
    MeasureSet before, now;
    before.quarters = now.quarters = {Quarter{2024, 1}, Quarter{2024, 2}};
    before.put(total("reviews_in_timescale_percent", {13.5, 90.0}));
    now.put(total("reviews_in_timescale_percent", {13.46, 91.0}));
    before.put(total("started", {12.0, 30.0}));
    now.put(total("started", {12.0, 30.0}));
    now.find("started")->set_symbol(0, 1, 'c');
    const auto changed = revisions(now, before);
    ASSERT_EQ(changed.size(), 2u);
    EXPECT_EQ(changed[0].measure, "started");
    EXPECT_EQ(changed[0].before, "30");
    EXPECT_EQ(changed[0].now, "c");
    EXPECT_EQ(changed[1].measure, "reviews_in_timescale_percent");
    EXPECT_EQ(changed[1].quarter.label(), "2024-25 Q2");
    EXPECT_EQ(changed[1].before, "90%");
    EXPECT_EQ(changed[1].now, "91%");
}

TEST(Editions, NewlyCrossedThresholds) {
    MeasureSet before, now;
    before.quarters = {Quarter{2024, 1}, Quarter{2024, 2}};
    now.quarters = {Quarter{2024, 1}, Quarter{2024, 2}, Quarter{2024, 3}};
    before.put(total("reviews_in_timescale_percent", {96.0, 93.0}));
    now.put(total("reviews_in_timescale_percent", {96.0, 93.0, 97.0}));
    // The fall below in Q2 was already published; the return above it in Q3 is new.
    const auto fresh = new_target_crossings(now, before, {kReviews});
    ASSERT_EQ(fresh.size(), 1u);
    EXPECT_EQ(fresh[0].sentence, "Reviews held in timescale reached the 95% target (97%) in 2024-25 Q3");
}

}  // namespace
}  // namespace careboard
