// The disclosure audit (what a reader can work out from everything published, solved as a linear
// and integer program) and complementary suppression by linear programming. Every expected range
// is worked out by hand in the comments.
#include <gtest/gtest.h>

#include <algorithm>

#include "disclosure/audit.hpp"
#include "disclosure/disclosure.hpp"

namespace careboard {
namespace {

// The rules on hand-worked sets, without coarsening (its own tests below combine codes).
DisclosureOptions rules_only() {
    DisclosureOptions options;
    options.coarsen = false;
    return options;
}

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

MeasureSet quarters(int n) {
    MeasureSet set;
    set.area_code = "E06999999";
    for (int q = 1; q <= n; ++q) set.quarters.push_back(Quarter{2024, q});
    if (n == 4) set.years = {2024};
    return set;
}

void hide(MeasureSet& set, const std::string& key, const std::string& category, std::size_t period = 0) {
    Measure* m = set.find(key);
    m->set_symbol(static_cast<std::size_t>(m->category_index(category)), period, 'c');
}

const CellRange* narrow_cell(const DisclosureAudit& audit, const std::string& key, const std::string& category) {
    for (const CellRange& c : audit.narrow)
        if (c.cell.measure == key && c.cell.category == category) return &c;
    return nullptr;
}

std::string shown(const MeasureSet& set, const std::string& key, const std::string& category, std::size_t q = 0) {
    const Measure* m = set.find(key);
    const int c = m->category_index(category);
    if (const auto v = m->values[static_cast<std::size_t>(c)][q]) return std::to_string(static_cast<int>(*v));
    return std::string(1, m->symbol(static_cast<std::size_t>(c), q));
}

// The adoption placements of the children looked after: A3 0, A4 1, A5 1, A6 11, the group 13.
// With A4 and A5 hidden, no relation has exactly one `c`, but A4 + A5 = 13 - 0 - 11 = 2 and each
// `c` is at least 1, so both are 1: each can take one value only.
MeasureSet adoption_placements() {
    MeasureSet set = quarters(1);
    set.put(measure("looked_after", {"Total"}, {{40.0}}));
    set.put(measure("looked_after_by_placement_group", {"adoption", "foster"}, {{13.0}, {27.0}}));
    set.put(measure("looked_after_by_placement", {"A3", "A4", "A5", "A6", "U1"}, {{0.0}, {1.0}, {1.0}, {11.0}, {27.0}}));
    return set;
}

TEST(DisclosureAudit, TwoSmallCellsWhoseKnownSumIsTinyAreFound) {
    const MeasureSet truth = adoption_placements();
    MeasureSet published = truth;
    hide(published, "looked_after_by_placement", "A4");
    hide(published, "looked_after_by_placement", "A5");
    const DisclosureAudit audit = audit_disclosure(truth, published, rules_only());
    EXPECT_EQ(audit.suppressed, 2u);
    EXPECT_EQ(audit.width, 5u);
    ASSERT_EQ(audit.narrow.size(), 2u);
    for (const char* code : {"A4", "A5"}) {
        const CellRange* c = narrow_cell(audit, "looked_after_by_placement", code);
        ASSERT_NE(c, nullptr) << code;
        EXPECT_EQ(c->low, 1);
        ASSERT_TRUE(c->high);
        EXPECT_EQ(*c->high, 1);
        EXPECT_EQ(c->period, "2024-25 Q1");
    }
}

// Complementary suppression finds the third cell: A6 (11) hidden too, A4 + A5 + A6 = 13 and each
// is from 1 to 11. The group (13) would do as well, but it is the larger cell and then the
// children looked after (a headline) would have to go with it.
TEST(DisclosureAudit, SuppressionHidesACellThatWidensTheRange) {
    MeasureSet set = adoption_placements();
    const MeasureSet truth = set;
    apply_disclosure_control(set, rules_only());
    EXPECT_EQ(shown(set, "looked_after_by_placement", "A4"), "c");
    EXPECT_EQ(shown(set, "looked_after_by_placement", "A5"), "c");
    EXPECT_EQ(shown(set, "looked_after_by_placement", "A6"), "c");
    EXPECT_EQ(shown(set, "looked_after_by_placement", "A3"), "0");
    EXPECT_EQ(shown(set, "looked_after_by_placement_group", "adoption"), "13");
    EXPECT_EQ(shown(set, "looked_after", "Total"), "40");
    EXPECT_EQ(shown(set, "looked_after_by_placement", "U1"), "27");
    const DisclosureAudit audit = audit_disclosure(truth, set, rules_only());
    EXPECT_TRUE(audit.passed());
    EXPECT_EQ(audit.suppressed, 3u);
    EXPECT_EQ(audit.unbounded, 0u);  // each is at most 11
}

// The DfE publishes A6 (11) for the same period: a reader knows it whatever careboard shows, so
// hiding it protects nothing. Suppression leaves it shown and hides the group instead (13; then
// the children looked after, 40 = adoption + foster, would give the group back unless foster (27)
// and its one code U1 go too): A4 + A5 + U1 = 40 - 11 = 29, each from 1 to 27.
TEST(DisclosureAudit, AFigureTheDfePublishesIsKnownAndNeverReliedOn) {
    MeasureSet set = adoption_placements();
    const MeasureSet truth = set;
    DisclosureOptions options = rules_only();
    options.known = {{"looked_after_by_placement", "A6", 0}};
    apply_disclosure_control(set, options);
    EXPECT_EQ(shown(set, "looked_after_by_placement", "A6"), "11");
    EXPECT_EQ(shown(set, "looked_after_by_placement_group", "adoption"), "c");
    EXPECT_EQ(shown(set, "looked_after_by_placement_group", "foster"), "c");
    EXPECT_EQ(shown(set, "looked_after_by_placement", "U1"), "c");
    EXPECT_EQ(shown(set, "looked_after", "Total"), "40");
    const DisclosureAudit audit = audit_disclosure(truth, set, options);
    EXPECT_TRUE(audit.passed());
    EXPECT_EQ(audit.known, 0u);  // A6 is not hidden
    // Audited without knowing A6, the same table is safe too.
    EXPECT_TRUE(audit_disclosure(truth, set, rules_only()).passed());
}

// When the known figures alone pin a cell (the DfE shows 13 for the group, 11 for A6 and 0 for
// A3, and `c` for A4 and A5), careboard cannot do better than they do: the cell is held to what
// they leave (A4 + A5 = 2, each at least 1, so one value each), not failed. Without the DfE's
// `c` the reader would not know they are at least 1 (A4 from 0 to 2), and careboard's own `c`
// must not be what pins them.
TEST(DisclosureAudit, ACellTheKnownFiguresAlonePinIsNotFailed) {
    MeasureSet set = adoption_placements();
    const MeasureSet truth = set;
    DisclosureOptions options = rules_only();
    options.known = {{"looked_after_by_placement", "A6", 0}, {"looked_after_by_placement_group", "adoption", 0},
                     {"looked_after_by_placement", "A3", 0}};
    options.known_positive = {{"looked_after_by_placement", "A4", 0}, {"looked_after_by_placement", "A5", 0}};
    apply_disclosure_control(set, options);
    const DisclosureAudit audit = audit_disclosure(truth, set, options);
    EXPECT_TRUE(audit.passed());
    EXPECT_EQ(audit.narrowed_by_known, 2u);  // A4 and A5
    EXPECT_EQ(shown(set, "looked_after", "Total"), "40");
    // Without the DfE's `c`, A4 could be 0 to 2 for a reader of the DfE alone, but careboard's `c`
    // (at least 1) pins it to 1; no suppression can widen it (A4 + A5 = 2 is known), so careboard
    // does not publish A4 and A5 at all: `x`, which may be 0, leaves them 0 to 2.
    options.known_positive.clear();
    MeasureSet again = truth;
    apply_disclosure_control(again, options);
    EXPECT_EQ(shown(again, "looked_after_by_placement", "A4"), "x");
    EXPECT_EQ(shown(again, "looked_after_by_placement", "A5"), "x");
    EXPECT_TRUE(audit_disclosure(truth, again, options).passed());
}

// An earlier edition published started 10 in Q1 and 9 in Q2 (since corrected to 8), and hid Q3:
// only Q1 is known to its readers now.
TEST(DisclosureAudit, AnEarlierEditionsUnchangedFiguresAreKnown) {
    MeasureSet counted = quarters(3);
    counted.put(measure("started", {"Total"}, {{10.0, 8.0, 7.0}}));
    MeasureSet earlier = quarters(3);
    earlier.put(measure("started", {"Total"}, {{10.0, 9.0, 7.0}}));
    hide(earlier, "started", "Total", 2);
    const std::vector<CellRef> known = known_from_edition(counted, earlier);
    ASSERT_EQ(known.size(), 1u);
    EXPECT_EQ(known[0].measure, "started");
    EXPECT_EQ(known[0].quarter, 0u);
}

// A figure with no relation to any other can be anything from 1 up.
TEST(DisclosureAudit, ACellNoRelationBoundsHasNoUpperLimit) {
    MeasureSet truth = quarters(1);
    truth.put(measure("started", {"Total"}, {{3.0}}));
    MeasureSet published = truth;
    hide(published, "started", "Total");
    const DisclosureAudit audit = audit_disclosure(truth, published, rules_only());
    EXPECT_EQ(audit.suppressed, 1u);
    EXPECT_EQ(audit.unbounded, 1u);
    EXPECT_TRUE(audit.passed());
}

// Escalations open at the end of Q1 10 and of Q2 11, raised in Q2 3 and resolved 2, both hidden:
// 11 = 10 + raised - resolved, so resolved = raised - 1; resolved is at least 1, so raised is at
// least 2, with no upper limit (and resolved at least 1).
TEST(DisclosureAudit, AStockAndItsFlowsAreOneEquation) {
    MeasureSet truth = quarters(2);
    truth.put(measure("escalations_open", {"Total"}, {{10.0, 11.0}}));
    truth.put(measure("escalations_raised", {"Total"}, {{20.0, 3.0}}));
    truth.put(measure("escalations_resolved", {"Total"}, {{15.0, 2.0}}));
    MeasureSet published = truth;
    hide(published, "escalations_raised", "Total", 1);
    hide(published, "escalations_resolved", "Total", 1);
    DisclosureOptions wide = rules_only();
    wide.smallest_shown = 100;  // even a rule of 99 values: neither has an upper limit
    const DisclosureAudit audit = audit_disclosure(truth, published, wide);
    EXPECT_EQ(audit.suppressed, 2u);
    EXPECT_EQ(audit.unbounded, 2u);
    EXPECT_TRUE(audit.passed());
    // Published resolved (2) and raised hidden: raised = 11 - 10 + 2 = 3 exactly.
    MeasureSet one_hidden = truth;
    hide(one_hidden, "escalations_raised", "Total", 1);
    const DisclosureAudit exact = audit_disclosure(truth, one_hidden, rules_only());
    const CellRange* raised = narrow_cell(exact, "escalations_raised", "Total");
    ASSERT_NE(raised, nullptr);
    EXPECT_EQ(raised->low, 3);
    EXPECT_EQ(*raised->high, 3);
}

// Children who start in a year and in its quarters: 6, 6, 6 and 2 in the quarters, 19 in the year
// (one child started twice, in two quarters). The year is not the sum of its quarters, so a
// reader knows only year <= sum of quarters (19 <= 18 + Q4, so Q4 >= 1) and Q4 <= year (19).
// Taking the sum as exact would wrongly pin Q4 to 1.
TEST(DisclosureAudit, ARelationThatHoldsOnlyNearlyIsKeptAsInequalities) {
    MeasureSet truth = quarters(4);
    truth.put(measure("started", {"Total"}, {{6.0, 6.0, 6.0, 2.0, 19.0}}));
    MeasureSet published = truth;
    hide(published, "started", "Total", 3);
    const DisclosureSystem system = disclosure_system(truth);
    const bool any_equal = std::any_of(system.rows.begin(), system.rows.end(), [](const auto& r) { return r.equal; });
    EXPECT_FALSE(any_equal);
    DisclosureOptions wide = rules_only();
    wide.smallest_shown = 20;  // a rule of 19 values: Q4 from 1 to 19 has exactly 19
    EXPECT_TRUE(audit_disclosure(truth, published, wide).passed());
    wide.smallest_shown = 21;  // 20 values: one too many
    const DisclosureAudit audit = audit_disclosure(truth, published, wide);
    const CellRange* q4 = narrow_cell(audit, "started", "Total");
    ASSERT_NE(q4, nullptr);
    EXPECT_EQ(q4->low, 1);
    EXPECT_EQ(*q4->high, 19);
    EXPECT_EQ(q4->period, "2024-25 Q4");
}

// The same year with its quarters adding up (6 + 6 + 6 + 2 = 20): one equation, and Q4 = 20 - 18.
// Secondary suppression's one-`c` rule already hides another quarter; the audit then passes.
TEST(DisclosureAudit, AYearAndItsQuartersAreProtectedTogether) {
    MeasureSet set = quarters(4);
    set.put(measure("started", {"Total"}, {{6.0, 6.0, 6.0, 2.0, 20.0}}));
    const MeasureSet truth = set;
    apply_disclosure_control(set, rules_only());
    EXPECT_EQ(shown(set, "started", "Total", 3), "c");
    EXPECT_EQ(shown(set, "started", "Total", 4), "20");
    int hidden = 0;
    for (std::size_t q = 0; q < 3; ++q) hidden += shown(set, "started", "Total", q) == "c";
    EXPECT_GE(hidden, 1);
    EXPECT_TRUE(audit_disclosure(truth, set, rules_only()).passed());
}

// Coarsening, worked by hand. Starters by need over four quarters and their year:
//   N1 20 20 20 20 | 80   (no small quarter: kept)
//   N2  2  1  0  3 |  6   (three small quarters, none of 6 or more: rare)
//   N3  1  2  1  1 |  5   (four small: rare)
//   N4  8  7  9  6 | 30   (none small: kept)
//   N5  4  7  3  8 | 22   (two small, two not: not mostly small, kept)
// N2 and N3 become one category "N2+N3": 3 3 1 4 | 11. The breakdown still sums to started.
TEST(Coarsening, CodesThatAreMostlySmallAreCombined) {
    MeasureSet set = quarters(4);
    set.put(measure("started", {"Total"}, {{35.0, 37.0, 33.0, 38.0, 143.0}}));
    set.put(measure("started_by_need", {"N1", "N2", "N3", "N4", "N5"},
                    {{20.0, 20.0, 20.0, 20.0, 80.0}, {2.0, 1.0, 0.0, 3.0, 6.0}, {1.0, 2.0, 1.0, 1.0, 5.0},
                     {8.0, 7.0, 9.0, 6.0, 30.0}, {4.0, 7.0, 3.0, 8.0, 22.0}}));
    const Coarsening coarsening = coarsen_rare_codes(set, 6);
    const Measure* need = set.find("started_by_need");
    ASSERT_NE(need, nullptr);
    EXPECT_EQ(need->categories, (std::vector<std::string>{"N1", "N2+N3", "N4", "N5"}));
    EXPECT_EQ(need->values[1], (std::vector<std::optional<double>>{3.0, 3.0, 1.0, 4.0, 11.0}));
    EXPECT_EQ(coarsening.at("started_by_need").at("N2"), "N2+N3");
    EXPECT_EQ(coarsening.at("started_by_need").at("N3"), "N2+N3");
    EXPECT_EQ(coarsening.at("started_by_need").count("N5"), 0u);
    EXPECT_EQ(category_label("started_by_need", "N2+N3"), "N2 and N3 combined");
    // The public edition shows the combined category; the disclosure report names it.
    MeasureSet published = set;
    MeasureSet uncoarsened = quarters(4);
    uncoarsened.put(measure("started", {"Total"}, {{35.0, 37.0, 33.0, 38.0, 143.0}}));
    uncoarsened.put(measure("started_by_need", {"N1", "N2", "N3", "N4", "N5"},
                            {{20.0, 20.0, 20.0, 20.0, 80.0}, {2.0, 1.0, 0.0, 3.0, 6.0}, {1.0, 2.0, 1.0, 1.0, 5.0},
                             {8.0, 7.0, 9.0, 6.0, 30.0}, {4.0, 7.0, 3.0, 8.0, 22.0}}));
    const MeasureSet truth = uncoarsened;
    const SuppressionReport report = apply_disclosure_control(uncoarsened, {});
    EXPECT_EQ(report.combined.at("started_by_need"), (std::vector<std::string>{"N2+N3"}));
    EXPECT_EQ(uncoarsened.find("started_by_need")->categories, need->categories);
    EXPECT_TRUE(audit_disclosure(truth, uncoarsened, {}).passed());
    // Coarsening depends only on the figures: the result is coarsened again to itself.
    EXPECT_TRUE(coarsen_rare_codes(published, 6).empty());
}

// Within groups: legal status J1 and J2 (youth justice) are both rare and combine; C1 is the only
// rare code of the care orders and L2 the only one of its group, so each stays as it is (alone it
// would be the same figure under another name). The combined category keeps its group.
TEST(Coarsening, CodesAreCombinedOnlyWithinTheirGroup) {
    MeasureSet set = quarters(4);
    set.put(measure("looked_after_by_legal_status", {"C1", "C2", "J1", "J2", "L2"},
                    {{1.0, 2.0, 1.0, 3.0, 3.0}, {50.0, 52.0, 51.0, 49.0, 49.0}, {1.0, 0.0, 2.0, 1.0, 1.0},
                     {2.0, 1.0, 1.0, 0.0, 0.0}, {1.0, 1.0, 0.0, 2.0, 2.0}}));
    const Coarsening coarsening = coarsen_rare_codes(set, 6);
    const Measure* ls = set.find("looked_after_by_legal_status");
    EXPECT_EQ(ls->categories, (std::vector<std::string>{"C1", "C2", "J1+J2", "L2"}));
    EXPECT_EQ(ls->values[2], (std::vector<std::optional<double>>{3.0, 1.0, 3.0, 1.0, 1.0}));
    const MeasureDef& def = measure_def("looked_after_by_legal_status");
    EXPECT_EQ(category_group(def, "J1+J2"), "youth_justice");
    EXPECT_NE(category_label("looked_after_by_legal_status", "J1+J2").find(": J1 and J2 combined"), std::string::npos);
    // What readers know of a combined code (the DfE's figure for J1) is of that code, which the
    // truth keeps beside the combined category, never published; other cells are unchanged.
    const std::vector<CellRef> known = coarsened_refs(
        coarsening, {{"looked_after_by_legal_status", "J1", 4}, {"looked_after_by_legal_status", "C2", 4}});
    ASSERT_EQ(known.size(), 2u);
    EXPECT_EQ(known[0].measure, "looked_after_by_legal_status~codes");
    EXPECT_EQ(known[0].category, "J1");
    EXPECT_EQ(known[1].measure, "looked_after_by_legal_status");
    EXPECT_EQ(known[1].category, "C2");
    MeasureSet truth = set;
    MeasureSet before = quarters(4);
    before.put(measure("looked_after_by_legal_status", {"C1", "C2", "J1", "J2", "L2"},
                       {{1.0, 2.0, 1.0, 3.0, 3.0}, {50.0, 52.0, 51.0, 49.0, 49.0}, {1.0, 0.0, 2.0, 1.0, 1.0},
                        {2.0, 1.0, 1.0, 0.0, 0.0}, {1.0, 1.0, 0.0, 2.0, 2.0}}));
    add_combined_codes(truth, before, coarsening);
    const Measure* codes = truth.find("looked_after_by_legal_status~codes");
    ASSERT_NE(codes, nullptr);
    EXPECT_EQ(codes->categories, (std::vector<std::string>{"J1", "J2"}));
    EXPECT_EQ(codes->values[1], (std::vector<std::optional<double>>{2.0, 1.0, 1.0, 0.0, 0.0}));
}

// The DfE publishes E5 (independent living with support) as 8 for the year; coarsening combines
// E5 and E6 into one category of 10. Published, it would give E6 = 2 away, a count the DfE itself
// hides: the combined codes are audited, and the combined figure is hidden.
TEST(Coarsening, ACodeTheDfeGivesDoesNotGiveAwayTheCodesCombinedWithIt) {
    MeasureSet set = quarters(4);
    set.put(measure("ceased", {"Total"}, {{30.0, 30.0, 30.0, 30.0, 120.0}}));
    set.put(measure("ceased_by_reason", {"E4A", "E5", "E6"},
                    {{26.0, 27.0, 28.0, 29.0, 110.0}, {2.0, 2.0, 2.0, 2.0, 8.0}, {2.0, 1.0, 0.0, 1.0, 2.0}}));
    const MeasureSet truth = set;
    DisclosureOptions options;
    options.known = {{"ceased_by_reason", "E5", 4}};
    apply_disclosure_control(set, options);
    ASSERT_EQ(set.find("ceased_by_reason")->categories, (std::vector<std::string>{"E4A", "E5+E6"}));
    EXPECT_NE(shown(set, "ceased_by_reason", "E5+E6", 4), "10");
    EXPECT_TRUE(audit_disclosure(truth, set, options).passed());
    // Audited as if the combined figure were shown: E6 is 2, one value.
    MeasureSet shown_year = set;
    Measure* m = shown_year.find("ceased_by_reason");
    m->values[1][4] = 10.0;
    m->symbols[1][4] = 0;
    const DisclosureAudit audit = audit_disclosure(truth, shown_year, options);
    const CellRange* e6 = narrow_cell(audit, "ceased_by_reason~codes", "E6");
    ASSERT_NE(e6, nullptr);
    EXPECT_EQ(e6->low, 2);
    EXPECT_EQ(*e6->high, 2);
}

// A year the DfE publishes as 7 whose four quarters are 2, 2, 1 and 2: each quarter is a `c`, at
// least 1, and they add up to the known 7, so each is 1 to 4 whatever else is hidden. careboard
// does not publish them at all (`x`, which may be 0: each then 0 to 7), and hides nothing else.
TEST(DisclosureAudit, QuartersAKnownYearPinsAreNotPublished) {
    MeasureSet set = quarters(4);
    set.put(measure("adopted", {"Total"}, {{2.0, 2.0, 1.0, 2.0, 7.0}}));
    const MeasureSet truth = set;
    DisclosureOptions options;
    options.known = {{"adopted", "Total", 4}};
    const SuppressionReport report = apply_disclosure_control(set, options);
    for (std::size_t q = 0; q < 4; ++q) EXPECT_EQ(shown(set, "adopted", "Total", q), "x") << q;
    EXPECT_EQ(shown(set, "adopted", "Total", 4), "7");
    EXPECT_TRUE(audit_disclosure(truth, set, options).passed());
    EXPECT_EQ(report.primary(), 4);
    EXPECT_EQ(report.secondary(), 4);
    // When careboard's own year is what tells, hiding it is enough: the quarters stay `c`.
    MeasureSet alone = truth;
    apply_disclosure_control(alone, {});
    for (std::size_t q = 0; q < 4; ++q) EXPECT_EQ(shown(alone, "adopted", "Total", q), "c") << q;
    EXPECT_EQ(shown(alone, "adopted", "Total", 4), "c");
    EXPECT_TRUE(audit_disclosure(truth, alone, {}).passed());
}

}  // namespace
}  // namespace careboard
