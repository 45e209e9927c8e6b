// measures.csv, careboard's machine-readable output and alternative input
// (measures/measures_csv.hpp, docs/definitions.md "measures.csv").
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "measures/measures_csv.hpp"
#include "support/diagnostics.hpp"

namespace careboard {
namespace {

const std::string kArea = "E09000099";
const std::string kFile = "measures.csv";
const std::string kColumns = "area_code,period_start,period_end,measure,category,value\n";

using Values = std::vector<std::optional<double>>;

Measure measure(const std::string& key, std::vector<std::string> categories, std::vector<Values> values) {
    Measure m;
    m.key = key;
    m.kind = measure_def(key).period;
    m.decimals = measure_def(key).decimals;
    m.categories = std::move(categories);
    m.values = std::move(values);
    return m;
}

// Two quarters: 2023-24 Q4 (1 January - 31 March 2024) and 2024-25 Q1 (1 April - 30 June 2024).
MeasureSet small_set(double percent_q4) {
    MeasureSet set;
    set.area_code = kArea;
    set.quarters = {Quarter{2023, 4}, Quarter{2024, 1}};
    // Put out of order on purpose: the set keeps the canonical order.
    set.put(measure("reviews_in_timescale_percent", {"Total"}, {{percent_q4, 100.0}}));
    set.put(measure("started", {"Total"}, {{3.0, std::nullopt}}));
    set.put(measure("looked_after_by_sex", {"male", "female"}, {{6.0, 600.0}, {4.0, std::nullopt}}));
    set.put(measure("looked_after", {"Total"}, {{10.0, 1234.0}}));
    return set;
}

using testing::messages;

void expect_same_measures(const MeasureSet& expected, const MeasureSet& actual) {
    EXPECT_EQ(actual.area_code, expected.area_code);
    EXPECT_EQ(actual.quarters, expected.quarters);
    ASSERT_EQ(actual.measures.size(), expected.measures.size());
    for (std::size_t i = 0; i < expected.measures.size(); ++i) {
        const Measure& e = expected.measures[i];
        const Measure& a = actual.measures[i];
        SCOPED_TRACE(e.key);
        EXPECT_EQ(a.key, e.key);
        EXPECT_EQ(a.kind, e.kind);
        EXPECT_EQ(a.decimals, e.decimals);
        EXPECT_EQ(a.categories, e.categories);
        EXPECT_EQ(a.values, e.values);
    }
}

TEST(MeasuresCsv, WritesRowsInCanonicalOrderWithPlainValues) {
    // Counts at a date have period_start = period_end = the quarter end; flows cover the
    // quarter. Missing values have no row. The percentage is written to one decimal place
    // (87.54 -> 87.5, 100 -> 100.0).
    EXPECT_EQ(write_measures_csv(small_set(87.54)),
              kColumns +
                  "E09000099,2024-03-31,2024-03-31,looked_after,Total,10\n"
                  "E09000099,2024-06-30,2024-06-30,looked_after,Total,1234\n"
                  "E09000099,2024-03-31,2024-03-31,looked_after_by_sex,male,6\n"
                  "E09000099,2024-03-31,2024-03-31,looked_after_by_sex,female,4\n"
                  "E09000099,2024-06-30,2024-06-30,looked_after_by_sex,male,600\n"
                  "E09000099,2024-01-01,2024-03-31,started,Total,3\n"
                  "E09000099,2024-01-01,2024-03-31,reviews_in_timescale_percent,Total,87.5\n"
                  "E09000099,2024-04-01,2024-06-30,reviews_in_timescale_percent,Total,100.0\n");
}

TEST(MeasuresCsv, RoundTripOfAHandMadeSetGivesTheSameMeasures) {
    const MeasureSet set = small_set(87.5);  // already at the written precision
    Diagnostics diagnostics;
    const std::optional<MeasureSet> back = read_measures_csv(write_measures_csv(set), kFile, diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << ::testing::PrintToString(messages(diagnostics));
    ASSERT_TRUE(back.has_value());
    expect_same_measures(set, *back);
}

TEST(MeasuresCsv, RoundTripOfCountedMeasuresGivesTheSameMeasures) {
    ReturnText r;
    r.header_name = "header.csv";
    r.episodes_name = "episodes.csv";
    r.reviews_name = "reviews.csv";
    r.header = "CHILD,SEX,DOB,ETHNIC\nA,1,01/05/2010,WBRI\nB,2,01/05/2020,BAFR\n";
    r.episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
                 "A,01/02/2023,S,C2,N1,U4,PR4,01/08/2023,E13\n"
                 "B,10/05/2023,S,V2,N4,K2,PR1,,\n";
    r.reviews = "CHILD,REVIEW,REVIEW_CODE\nA,01/03/2023,PN1\nB,01/06/2023,PN0\n";
    Diagnostics diagnostics;
    MeasureSet set = compute_measures(build_dataset({r}, diagnostics),
                                      {Quarter{2022, 4}, Quarter{2023, 1}, Quarter{2023, 2}}, kArea);
    derive_ratios(set, Population(48200.0));
    // Ratios are written to one decimal place; round them so that the comparison is exact.
    for (Measure& m : set.measures)
        for (auto& values : m.values)
            for (auto& v : values)
                if (v && m.decimals == 1) v = std::round(*v * 10.0) / 10.0;
    // A breakdown with no category in any quarter has no rows and so cannot come back; this
    // dataset gives every breakdown at least one category (A: C2, N1, U4/PR4, ceased E13;
    // B: V2, N4, K2/PR1), so every measure must survive.
    for (const Measure& m : set.measures) ASSERT_FALSE(m.categories.empty()) << m.key;

    const std::optional<MeasureSet> back = read_measures_csv(write_measures_csv(set), kFile, diagnostics);
    EXPECT_EQ(diagnostics.error_count(), 0u) << ::testing::PrintToString(messages(diagnostics));
    ASSERT_TRUE(back.has_value());
    expect_same_measures(set, *back);
}

TEST(MeasuresCsv, EmptyCategoryMeansTotalAndGapsAreMissingQuarters) {
    Diagnostics diagnostics;
    // Rows for 2023-24 Q1 and Q3: the set's quarters run without a gap, Q2 has no value.
    const std::optional<MeasureSet> set = read_measures_csv(kColumns +
                                                                "E09000099,2023-06-30,2023-06-30,looked_after,,50\n"
                                                                "E09000099,2023-12-31,2023-12-31,looked_after,,52\n",
                                                            kFile, diagnostics);
    ASSERT_TRUE(set.has_value());
    EXPECT_EQ(set->quarters, (std::vector<Quarter>{{2023, 1}, {2023, 2}, {2023, 3}}));
    ASSERT_NE(set->find("looked_after"), nullptr);
    EXPECT_EQ(set->find("looked_after")->categories, (std::vector<std::string>{"Total"}));
    EXPECT_EQ(set->find("looked_after")->values, (std::vector<Values>{{50.0, std::nullopt, 52.0}}));
}

TEST(MeasuresCsv, ExtraColumnsAndAnyColumnOrderAreAccepted) {
    Diagnostics diagnostics;
    const std::optional<MeasureSet> set =
        read_measures_csv("\xEF\xBB\xBF" "measure,value,notes,category,period_end,period_start,area_code\r\n"
                          "started,4,checked,Total,2024-03-31,2024-01-01,E09000099\r\n",
                          kFile, diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << ::testing::PrintToString(messages(diagnostics));
    ASSERT_TRUE(set.has_value());
    EXPECT_EQ(set->area_code, kArea);
    EXPECT_EQ(set->value("started", 0), 4.0);
}

TEST(MeasuresCsv, BadDateIsAnErrorAtItsField) {
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns + "E09000099,2024-13-01,2024-03-31,looked_after,Total,10\n"
                                                  "E09000099,2024-03-31,31-03-2024,looked_after,Total,10\n",
                                       kFile, diagnostics);
    EXPECT_FALSE(set.has_value());
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "measures.csv:2:2: error: period_start: expected an ISO date, found '2024-13-01' [E110]",
                  "measures.csv:3:3: error: period_end: expected an ISO date, found '31-03-2024' [E110]"}));
}

TEST(MeasuresCsv, BadValueIsAnErrorAtItsField) {
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns + "E09000099,2024-03-31,2024-03-31,looked_after,Total,ten\n"
                                                  "E09000099,2024-03-31,2024-03-31,started,Total,12abc\n"
                                                  "E09000099,2024-03-31,2024-03-31,ceased,Total,\n",
                                       kFile, diagnostics);
    EXPECT_FALSE(set.has_value());
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "measures.csv:2:6: error: value: expected a number or one of the symbols c, x, z, k, u, found 'ten' [E120]",
                  "measures.csv:3:6: error: value: expected a number or one of the symbols c, x, z, k, u, found '12abc' [E120]",
                  "measures.csv:4:6: error: value: expected a number or one of the symbols c, x, z, k, u, found '' [E120]"}));
}

TEST(MeasuresCsv, NotANumberAndInfinityAreNotNumbers) {
    // A figure must be a finite number: "nan" and "inf" are not counts or percentages.
    for (const std::string value : {"nan", "NaN", "inf", "-infinity"}) {
        SCOPED_TRACE(value);
        Diagnostics diagnostics;
        const auto set = read_measures_csv(kColumns + "E09000099,2024-03-31,2024-03-31,looked_after,Total," +
                                               value + "\n",
                                           kFile, diagnostics);
        EXPECT_FALSE(set.has_value());
        EXPECT_EQ(messages(diagnostics),
                  (std::vector<std::string>{"measures.csv:2:6: error: value: expected a number or one of the symbols c, x, z, k, u, found '" + value +
                                            "' [E120]"}));
    }
}

TEST(MeasuresCsv, ValuesOutsideTheirMeasuresRangeAreErrorsNotPublished) {
    // A negative count used to be published as it was, and 1e308 children became "nan%".
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns + "E09000099,2024-03-31,2024-03-31,looked_after,Total,-3\n"
                                                  "E09000099,2024-03-31,2024-03-31,started,Total,1e308\n"
                                                  "E09000099,2024-03-31,2024-03-31,ceased,Total,2.5\n"
                                                  "E09000099,2024-01-01,2024-03-31,reviews_in_timescale_percent,Total,101\n"
                                                  "E09000099,2024-03-31,2024-03-31,children_in_boats,Total,-1\n"
                                                  "E09000099,2024-03-31,2024-03-31,looked_after_by_sex,male,7\n",
                                       kFile, diagnostics);
    EXPECT_FALSE(set.has_value());
    const std::vector<std::string> all = messages(diagnostics);
    EXPECT_EQ(std::vector<std::string>(all.begin(), all.begin() + 4),
              (std::vector<std::string>{
                  "measures.csv:2:6: error: value: looked_after is a whole number from 0 to 10,000,000, found '-3' [E124]",
                  "measures.csv:3:6: error: value: started is a whole number from 0 to 10,000,000, found '1e308' [E124]",
                  "measures.csv:4:6: error: value: ceased is a whole number from 0 to 10,000,000, found '2.5' [E124]",
                  "measures.csv:5:6: error: value: reviews_in_timescale_percent is a percentage from 0 to 100, found '101' [E124]"}));
    // A measure careboard does not know may be of any unit: only its sign and size are checked.
    EXPECT_EQ(all.back(), "measures.csv:6:6: error: value: children_in_boats is a number from 0 to 10,000,000, found '-1' [E124]");
    EXPECT_EQ(diagnostics.error_count(), 5u);
}

TEST(MeasuresCsv, CategoriesComeInTheCodeListsOrderWhateverTheRowsOrder) {
    // Found by fuzzing (tests/fuzz): a file naming "second" before "first" was written back in
    // that order, so reading and writing a measures.csv was not a fixed point.
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns + "E09000099,2024-01-01,2024-03-31,reviews_by_sequence,second,1\n"
                                                  "E09000099,2024-01-01,2024-03-31,reviews_by_sequence,first,2\n"
                                                  "E09000099,2023-10-01,2023-12-31,reviews_by_sequence,first,3\n",
                                       kFile, diagnostics);
    ASSERT_TRUE(set.has_value());
    EXPECT_EQ(set->find("reviews_by_sequence")->categories, (std::vector<std::string>{"first", "second"}));
    const std::string written = write_measures_csv(*set);
    Diagnostics again;
    EXPECT_EQ(write_measures_csv(*read_measures_csv(written, kFile, again)), written);
}

TEST(MeasuresCsv, SymbolBeforeLaterCategoriesIsKeptWhenCategoriesAreOrdered) {
    // Found by fuzzing (tests/fuzz): a symbol set before a measure's later categories left the
    // symbols shorter than the categories, and ordering them read past the end.
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns + "E09000099,2024-04-01,2025-03-31,reviews_in_timescale_by_sequence,second,x\n"
                                                  "E09000099,2024-04-01,2025-03-31,reviews_in_timescale_by_sequence,later,14\n"
                                                  "E09000099,2024-04-01,2025-03-31,reviews_in_timescale_by_sequence,first,3\n",
                                       kFile, diagnostics);
    ASSERT_TRUE(set.has_value());
    const Measure& m = *set->find("reviews_in_timescale_by_sequence");
    EXPECT_EQ(m.categories, (std::vector<std::string>{"first", "second", "later"}));
    const std::size_t year = *set->year_period_of(2024);
    EXPECT_EQ(m.symbol(1, year), 'x');
    EXPECT_EQ(m.symbol(0, year), 0);
    EXPECT_EQ(m.values[2][year], 14.0);
}

TEST(MeasuresCsv, SymbolBeforeALaterCategoryIsReorderedNotIndexedPastTheSymbols) {
    // Found by fuzzing (tests/fuzz/regressions/measures_csv/symbol-then-new-category.csv): a
    // symbol is held only for the categories there were when it was set, and putting the
    // categories in order read past the end of that list for a category named after it.
    std::ifstream in(std::string(CAREBOARD_TEST_DIR) + "/fuzz/regressions/measures_csv/symbol-then-new-category.csv");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Diagnostics diagnostics;
    const auto set = read_measures_csv(text, kFile, diagnostics);
    ASSERT_TRUE(set.has_value()) << messages(diagnostics).front();
    const Measure& m = *set->find("reviews_in_timescale_by_sequence");
    EXPECT_EQ(m.categories, (std::vector<std::string>{"second", "later"}));
    const std::size_t year = *set->year_period_of(2024);
    EXPECT_EQ(m.symbol(0, year), 'x');
    EXPECT_EQ(m.symbol(1, year), 0);
    EXPECT_EQ(m.values[1][year], 14.0);
    const std::string written = write_measures_csv(*set);
    Diagnostics again;
    EXPECT_EQ(write_measures_csv(*read_measures_csv(written, kFile, again)), written);
}

TEST(MeasuresCsv, PeriodThatIsNotAQuarterIsAnError) {
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns +
                                           // ends on 29 February, not a quarter end
                                           "E09000099,2024-01-01,2024-02-29,started,Total,3\n"
                                           // ends on a quarter end but starts mid-quarter
                                           "E09000099,2024-02-01,2024-03-31,started,Total,3\n",
                                       kFile, diagnostics);
    EXPECT_FALSE(set.has_value());
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "measures.csv:2:2: error: period: 2024-01-01 to 2024-02-29 is neither a quarter, a financial "
                  "year (1 April to 31 March), a month nor the end of one [E122]",
                  "measures.csv:3:2: error: period: 2024-02-01 to 2024-03-31 is neither a quarter, a financial "
                  "year (1 April to 31 March), a month nor the end of one [E122]"}));
}

// A row at a single date for a measure counted over a period (or a period for a count at a
// date) would be read as another period's figure: read as the count at 31 March it became the
// year's figure too and dropped the file's other years (tests/fuzz/FINDINGS.md, finding 5).
TEST(MeasuresCsv, RowOfTheWrongShapeForItsMeasureIsAnError) {
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns +
                                           "E09000099,2022-04-01,2023-03-31,reviews_in_timescale_by_sequence,first,1\n"
                                           "E09000099,2024-03-31,2024-03-31,reviews_in_timescale_by_sequence,first,2\n"
                                           "E09000099,2024-01-01,2024-03-31,looked_after,Total,40\n"
                                           "E09000099,2024-03-31,2024-03-31,children_in_boats,Total,4\n"
                                           "E09000099,2024-03-01,2024-03-31,children_in_boats,Total,5\n",
                                       kFile, diagnostics);
    EXPECT_FALSE(set.has_value());
    const std::vector<std::string> all = messages(diagnostics);
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[0],
              "measures.csv:3:2: error: period: reviews_in_timescale_by_sequence is counted over a period (a quarter, a "
              "financial year or a month), but this row is for the single date 2024-03-31 [E125]");
    EXPECT_EQ(all[1],
              "measures.csv:4:2: error: period: looked_after is a count at a date (period_start equal to period_end), "
              "but this row is for 2024-01-01 to 2024-03-31 [E125]");
    EXPECT_EQ(all[2], "measures.csv:5:4: warning: measure: 'children_in_boats' is not a measure careboard knows; its "
                      "figures are treated as counts of children (suppressed as any count is in the public edition) [W302]");
    EXPECT_EQ(all[3],
              "measures.csv:6:2: error: period: children_in_boats is, by its first row (line 5), a count at a date "
              "(period_start equal to period_end), but this row is for 2024-03-01 to 2024-03-31 [E125]");
}

// A category for a measure without a breakdown was kept beside its Total, and its place among
// the categories came from the order of the file's rows: written and read again, the rows came
// back in another order (tests/fuzz/FINDINGS.md, finding 6).
TEST(MeasuresCsv, CategoryOfAMeasureWithoutABreakdownIsAnError) {
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns +
                                           "E09000099,2024-10-01,2024-12-31,reviews_in_timescale_percent,Tal,85.7\n"
                                           "E09000099,2024-10-01,2024-12-31,reviews_in_timescale_percent,,80\n",
                                       kFile, diagnostics);
    EXPECT_FALSE(set.has_value());
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"measures.csv:2:5: error: category: reviews_in_timescale_percent has no breakdown, "
                                        "so its category is Total (or empty), found 'Tal' [E126]"}));
}

// The authority's own labels, and an unknown measure's categories, keep the file's order, but a
// category first given in a later period comes after those given earlier, as it does when the
// set is written out period by period: reading what careboard wrote gives the same order.
TEST(MeasuresCsv, LabelsFirstGivenInALaterPeriodComeAfterTheOthers) {
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns +
                                           "E09000099,2024-04-01,2024-06-30,children_in_boats,rowing,3\n"
                                           "E09000099,2024-01-01,2024-03-31,children_in_boats,sailing,2\n"
                                           "E09000099,2024-01-01,2024-03-31,children_in_boats,canoeing,1\n"
                                           "E09000099,2024-04-01,2024-06-30,children_in_boats,sailing,4\n",
                                       kFile, diagnostics);
    ASSERT_TRUE(set.has_value());
    const Measure* m = set->find("children_in_boats");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->categories, (std::vector<std::string>{"sailing", "canoeing", "rowing"}));
    const std::string written = write_measures_csv(*set);
    Diagnostics again;
    const auto reread = read_measures_csv(written, kFile, again);
    ASSERT_TRUE(reread.has_value());
    EXPECT_EQ(reread->find("children_in_boats")->categories, m->categories);
    EXPECT_EQ(write_measures_csv(*reread), written);
}

TEST(MeasuresCsv, EmptyMeasureIsAnError) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_measures_csv(kColumns + "E09000099,2024-03-31,2024-03-31,,Total,3\n", kFile, diagnostics));
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"measures.csv:2:4: error: measure: is empty [E121]"}));
}

TEST(MeasuresCsv, MissingColumnIsAnError) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_measures_csv("area_code,period_start,period_end,measure,category\n"
                                   "E09000099,2024-03-31,2024-03-31,looked_after,Total\n",
                                   kFile, diagnostics));
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"measures.csv:1: error: missing column 'value' [E101]"}));
}

TEST(MeasuresCsv, FileWithNoRowsHoldsNoMeasures) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_measures_csv(kColumns, kFile, diagnostics));
    EXPECT_EQ(messages(diagnostics), (std::vector<std::string>{"measures.csv: error: holds no measures [E123]"}));
}

TEST(MeasuresCsv, RowsForAnotherAreaAreIgnoredWithOneWarning) {
    Diagnostics diagnostics;
    const auto set = read_measures_csv(kColumns + "E09000099,2024-03-31,2024-03-31,looked_after,Total,10\n"
                                                  "E09000001,2024-03-31,2024-03-31,looked_after,Total,99\n"
                                                  "E09000001,2024-03-31,2024-03-31,started,Total,99\n",
                                       kFile, diagnostics);
    ASSERT_TRUE(set.has_value());
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"measures.csv:3:1: warning: area_code: rows for 'E09000001' are "
                                        "ignored; this build is for 'E09000099' [W301]"}));
    EXPECT_EQ(set->value("looked_after", 0), 10.0);
    EXPECT_EQ(set->find("started"), nullptr);
}

}  // namespace
}  // namespace careboard

namespace careboard {
namespace {

// A set with months, written and read back, gives the same rows; a month that ends a quarter
// shares the quarter's row for a count at a date.
TEST(MeasuresCsv, MonthsRoundTrip) {
    MeasureSet set;
    set.area_code = "E09000099";
    set.quarters = {Quarter{2024, 1}};
    set.months = months_in(set.quarters);
    set.put(total_measure("looked_after", {10.0, 11.0, 12.0, 10.0}));
    set.put(total_measure("started", {3.0, 1.0, 1.0, 1.0}));
    const std::string csv = write_measures_csv(set);
    EXPECT_EQ(csv, "area_code,period_start,period_end,measure,category,value\n"
                   "E09000099,2024-06-30,2024-06-30,looked_after,Total,10\n"
                   "E09000099,2024-04-30,2024-04-30,looked_after,Total,11\n"
                   "E09000099,2024-05-31,2024-05-31,looked_after,Total,12\n"
                   "E09000099,2024-04-01,2024-06-30,started,Total,3\n"
                   "E09000099,2024-04-01,2024-04-30,started,Total,1\n"
                   "E09000099,2024-05-01,2024-05-31,started,Total,1\n"
                   "E09000099,2024-06-01,2024-06-30,started,Total,1\n");
    Diagnostics diagnostics;
    const std::optional<MeasureSet> back = read_measures_csv(csv, "measures.csv", diagnostics);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->months.size(), 3u);
    EXPECT_EQ(write_measures_csv(*back), csv);
}

}  // namespace
}  // namespace careboard
