// The IRO service's own records: measures declared in the config ([activity]) and read from
// iro_activity.csv, staffing beyond FTE, and caseloads per IRO from iro_allocations.csv. Reading,
// problems with file, line and column, the run-time catalogue, every measure on small inputs
// whose figures are worked out by hand in the comments, and disclosure control.
#include <gtest/gtest.h>

#include <algorithm>

#include "config/config.hpp"
#include "disclosure/disclosure.hpp"
#include "ingest/iro_records.hpp"
#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "measures/escalation_measures.hpp"
#include "measures/iro_measures.hpp"
#include "measures/measure_catalogue.hpp"

namespace careboard {
namespace {

std::vector<std::string> messages(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const Diagnostic& x : d.sorted()) out.push_back(format_diagnostic(x));
    return out;
}

bool has(const std::vector<std::string>& list, const std::string& text) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& m) { return m == text; });
}

std::string joined(const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& m : list) out += m + "\n";
    return out;
}

const char* kConfig = R"toml(
[activity.forms_sent]
label = "Consultation forms sent"

[activity.forms_returned]
label = "Consultation forms returned"

[activity.forms_by_source]
label = "Forms returned, by who"
categories = [{ key = "child", label = "Child" }, "carer"]
sums_to = "forms_returned"

[activity.forms_percent]
label = "Forms returned (%)"
unit = "percent"
numerator = "forms_returned"
denominator = "forms_sent"
target = 60

[activity.chaired]
label = "Children who chaired their review"
unit = "children"
)toml";

// Each test starts and ends with the compiled-in catalogue alone.
class IroRecords : public testing::Test {
protected:
    void SetUp() override { clear_declared_measures(); }
    void TearDown() override { clear_declared_measures(); }

    Config config(const std::string& text, Diagnostics& d) { return parse_config(text, "careboard.toml", "", d); }
};

// Two children: A looked after from 1 January 2023 throughout; B from 1 April 2023 to 1 August
// 2023 (so looked after on 30 June, not on 30 September).
Dataset two_children(Diagnostics& d) {
    ReturnText r;
    r.year = 2024;
    r.header_name = "header.csv";
    r.episodes_name = "episodes.csv";
    r.reviews_name = "reviews.csv";
    r.header = std::string("CHILD,SEX,DOB,ETHNIC\nA,1,01/01/2010,WBRI\nB,2,01/01/2012,WBRI\n");
    r.episodes = std::string("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
                             "A,01/01/2023,S,C2,N1,U4,PR1,,\n"
                             "B,01/04/2023,S,C2,N1,U4,PR1,01/08/2023,E13\n");
    r.reviews = std::string("CHILD,REVIEW,REVIEW_CODE\n");
    return build_dataset({r}, d);
}

MeasureSet window_2023(const Dataset& data) {
    const std::vector<Quarter> window{Quarter{2023, 1}, Quarter{2023, 2}, Quarter{2023, 3}, Quarter{2023, 4}};
    MeasureSet set = compute_measures(data, window, "E06999999");
    compute_iro_record_measures(data, set);
    derive_ratios(set, Population{});
    return set;
}

TEST_F(IroRecords, TheConfigDeclaresMeasuresInTheOrderItWritesThem) {
    Diagnostics d;
    const Config c = config(kConfig, d);
    EXPECT_FALSE(d.has_errors()) << joined(messages(d));
    ASSERT_EQ(c.activity.size(), 5u);
    EXPECT_EQ(c.activity[0].key, "forms_sent");
    EXPECT_EQ(c.activity[2].categories,
              (std::vector<std::pair<std::string, std::string>>{{"child", "Child"}, {"carer", "carer"}}));
    EXPECT_EQ(c.activity[3].decimals, 1);
    EXPECT_EQ(c.activity[4].unit, "children");
    ASSERT_EQ(c.targets.size(), 1u);
    EXPECT_EQ(c.targets[0].measure, "forms_percent");
    EXPECT_EQ(c.targets[0].min, 60.0);
}

TEST_F(IroRecords, BadDeclarationsAreConfigErrorsWithLineAndColumn) {
    Diagnostics d;
    config("[activity.a]\nunit = \"hours\"\n"
           "[activity.b]\ncategories = [\"x\", \"x\"]\nsums_to = \"nothing\"\n"
           "[activity.c]\nunit = \"percent\"\n"
           "[activity.Bad-Key]\nlabel = \"x\"\n",
           d);
    const auto m = messages(d);
    EXPECT_TRUE(has(m, "careboard.toml:2:8: error: 'activity.a.unit' must be one of \"children\", \"events\", \"percent\" [E002]"))
        << joined(m);
    EXPECT_TRUE(has(m, "careboard.toml:4:20: error: 'activity.b.categories' must be a list of different categories ('x' "
                       "is given twice) [E002]"))
        << joined(m);
    EXPECT_TRUE(has(m, "careboard.toml:5:11: error: 'activity.b.sums_to' must be the key of another declared measure "
                       "without categories, of the same unit and period ('nothing' is not) [E002]"))
        << joined(m);
    EXPECT_TRUE(has(m, "careboard.toml:6:1: error: 'activity.c' must be given a numerator and a denominator (two declared "
                       "counts): a percentage is worked out from its counts, so that disclosure control can protect it [E002]"))
        << joined(m);
    EXPECT_TRUE(has(m, "careboard.toml:8:1: error: 'activity.Bad-Key' must be named by a key of lower-case letters, digits "
                       "and _, starting with a letter (such as consultations_returned) [E002]"))
        << joined(m);
}

TEST_F(IroRecords, AKeyOfCareboardsOwnMeasuresIsRefusedAtItsTable) {
    Diagnostics d;
    const Config c = config("[authority]\nname = \"x\"\n\n[activity.looked_after]\nlabel = \"Mine\"\n", d);
    declare_activity_measures(c, d);
    EXPECT_TRUE(has(messages(d), "careboard.toml:4:1: error: activity.looked_after: 'looked_after' is one of careboard's "
                                 "own measures (Children looked after); declare it under another key [E002]"))
        << joined(messages(d));
    EXPECT_EQ(measure_def("looked_after").label, "Children looked after");
    EXPECT_TRUE(declared_measures().empty());
}

TEST_F(IroRecords, DeclaredMeasuresJoinTheCatalogueUntilReset) {
    Diagnostics d;
    declare_activity_measures(config(kConfig, d), d);
    const MeasureDef* sent = find_measure_def("forms_sent");
    ASSERT_NE(sent, nullptr);
    EXPECT_TRUE(sent->declared);
    EXPECT_TRUE(sent->is_count());
    EXPECT_EQ(sent->page, "iro-service");
    EXPECT_EQ(sent->section, "iro-activity");
    const MeasureDef& by = measure_def("forms_by_source");
    EXPECT_EQ(by.breakdown, CategoryKind::codes);
    EXPECT_EQ(by.sums_to, "forms_returned");
    EXPECT_EQ(category_label("forms_by_source", "child"), "Child");
    EXPECT_TRUE(measure_def("forms_percent").is_ratio());
    EXPECT_EQ(measure_def("forms_percent").unit, Unit::percent);
    EXPECT_EQ(measure_def("chaired").unit, Unit::children);
    // After careboard's own measures, in the config's order.
    EXPECT_GT(measure_rank("forms_sent"), measure_rank("iro_caseload_band"));
    EXPECT_LT(measure_rank("forms_sent"), measure_rank("forms_returned"));
    clear_declared_measures();
    EXPECT_EQ(find_measure_def("forms_sent"), nullptr);
    EXPECT_EQ(measure_rank("forms_sent"), static_cast<int>(measure_catalogue().size()));
}

TEST_F(IroRecords, ActivityPeriodsAreQuartersYearsAndMonths) {
    auto period = [](const char* text) {
        const auto p = parse_activity_period(text);
        return p ? p->first.iso() + " " + p->second.iso() : std::string("none");
    };
    EXPECT_EQ(period("2024-25 Q1"), "2024-04-01 2024-06-30");
    EXPECT_EQ(period(" 2024-25  q4 "), "2025-01-01 2025-03-31");
    EXPECT_EQ(period("2024-25"), "2024-04-01 2025-03-31");
    EXPECT_EQ(period("2024-04"), "2024-04-01 2024-04-30");
    EXPECT_EQ(period("Feb 2024"), "2024-02-01 2024-02-29");
    EXPECT_EQ(period("september 2024"), "2024-09-01 2024-09-30");
    EXPECT_EQ(period("2024-26"), "none");
    EXPECT_EQ(period("2024-25 Q5"), "none");
    EXPECT_EQ(period("Q1 2024"), "none");
}

TEST_F(IroRecords, ActivityProblemsAreReportedWithFileLineAndColumnAllInOneRun) {
    Diagnostics d;
    const Config c = config(kConfig, d);
    Dataset data = two_children(d);
    add_activity(data,
                 {"iro_activity.csv",
                  "period,measure,category,value\n"
                  "2023-24 Q1,forms_sent,,10\n"        // fine
                  "2023-24 Q9,forms_sent,,10\n"        // not a period
                  "2023-24 Q2,forms_sent,,1.5\n"       // not a whole number
                  "2023-24 Q2,visits,,4\n"             // not declared: a warning
                  "2023-24 Q2,forms_by_source,dog,4\n" // not a category
                  "2023-24 Q2,forms_sent,child,4\n"    // a category of a measure without any
                  "2023-24 Q2,forms_percent,,40\n"     // a percentage is worked out
                  "2023-24 Q1,forms_sent,,12\n",       // given twice: the later row is used
                  0},
                 c.activity, d);
    const auto m = messages(d);
    EXPECT_TRUE(has(m, "iro_activity.csv:3:1: error: PERIOD: '2023-24 Q9' is not a quarter (2024-25 Q1), a financial year "
                       "(2024-25) or a month (2024-04) [E134]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_activity.csv:4:4: error: VALUE: expected a whole number from 0 to 10,000,000 (forms_sent counts "
                       "events), found '1.5' [E135]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_activity.csv:5:2: warning: MEASURE: 'visits' is not declared in the config ([activity.visits]); "
                       "the row is passed over [W405]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_activity.csv:6:3: error: CATEGORY: 'dog' is not one of forms_by_source's categories (child, "
                       "carer); its Total is forms_returned [E136]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_activity.csv:7:3: error: CATEGORY: forms_sent has no categories; leave CATEGORY empty or write "
                       "Total, not 'child' [E136]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_activity.csv:8:2: error: MEASURE: forms_percent is a percentage worked out from forms_returned "
                       "and forms_sent; give those counts instead [E136]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_activity.csv:9:2: warning: this figure (2023-24 Q1, forms_sent, Total) is already on line 2; "
                       "the later row is used [W406]"))
        << joined(m);
}

TEST_F(IroRecords, FiguresThatDisagreeAreErrorsAtTheWhole) {
    Diagnostics d;
    const Config c = config(kConfig, d);
    Dataset data = two_children(d);
    add_activity(data,
                 {"iro_activity.csv",
                  "period,measure,category,value\n"
                  "2023-24 Q1,forms_sent,,10\n2023-24 Q2,forms_sent,,10\n2023-24 Q3,forms_sent,,10\n2023-24 Q4,forms_sent,,10\n"
                  "2023-24,forms_sent,,41\n"  // the quarters add up to 40
                  "2023-24 Q1,forms_by_source,child,3\n2023-24 Q1,forms_by_source,carer,4\n"
                  "2023-24 Q1,forms_returned,,8\n"  // the breakdown adds up to 7
                  "2023-24 Q1,chaired,,5\n2023-24 Q2,chaired,,2\n2023-24 Q3,chaired,,0\n2023-24 Q4,chaired,,1\n"
                  "2023-24,chaired,,9\n",  // children: at least 5, at most 8
                  0},
                 c.activity, d);
    const auto m = messages(d);
    EXPECT_TRUE(has(m, "iro_activity.csv:6:4: error: VALUE: 2023-24 of forms_sent is 41, but its quarters (lines 2, 3, 4, 5) "
                       "add up to 40 [E137]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_activity.csv:9:4: error: VALUE: 2023-24 Q1 of forms_returned is 8, but its breakdown "
                       "forms_by_source (lines 7, 8) adds up to 7 [E137]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_activity.csv:14:4: error: VALUE: 2023-24 of chaired is 9, but children counted over it are at "
                       "least the most of any of its quarters (5) and at most their sum (8) (lines 10, 11, 12, 13) [E137]"))
        << joined(m);
}

TEST_F(IroRecords, ActivityFiguresGoIntoTheSetAndImplyTheOthers) {
    Diagnostics d;
    const Config c = config(kConfig, d);
    declare_activity_measures(c, d);
    Dataset data = two_children(d);
    add_activity(data,
                 {"iro_activity.csv",
                  "PERIOD,MEASURE,CATEGORY,VALUE\n"
                  "2023-24 Q1,forms_sent,,20\n2023-24 Q2,forms_sent,,30\n2023-24 Q3,forms_sent,,25\n2023-24 Q4,forms_sent,,25\n"
                  "2023-24 Q1,forms_by_source,child,6\n2023-24 Q1,forms_by_source,carer,4\n"
                  "2023-24 Q2,forms_by_source,child,15\n"  // carer 0 this quarter
                  "2023-24 Q3,forms_returned,,5\n"          // a Total without its breakdown
                  "2023-24,chaired,,7\n"
                  "2022-23 Q4,forms_sent,,99\n",            // before the window: not shown
                  0},
                 c.activity, d);
    ASSERT_FALSE(d.has_errors()) << joined(messages(d));
    const MeasureSet set = window_2023(data);
    // Periods 0-3 are the quarters, 4 the year.
    EXPECT_EQ(set.value("forms_sent", 1), 30.0);
    EXPECT_EQ(set.value("forms_sent", 4), 100.0);  // 20 + 30 + 25 + 25, worked out
    EXPECT_EQ(set.value("forms_by_source", 1, "carer"), 0.0);
    EXPECT_EQ(set.value("forms_returned", 0), 10.0);  // 6 + 4, worked out
    EXPECT_EQ(set.value("forms_returned", 1), 15.0);
    EXPECT_EQ(set.value("forms_returned", 2), 5.0);
    EXPECT_FALSE(set.value("forms_returned", 3));    // no figure for Q4, so none for the year
    EXPECT_FALSE(set.value("forms_returned", 4));
    EXPECT_EQ(set.value("forms_percent", 0), 50.0);  // 10 of 20
    EXPECT_EQ(set.value("forms_percent", 1), 50.0);  // 15 of 30
    EXPECT_EQ(set.value("forms_percent", 2), 20.0);  // 5 of 25
    EXPECT_EQ(set.value("chaired", 4), 7.0);
    EXPECT_FALSE(set.value("chaired", 0));           // a year of children is never split into quarters
    ASSERT_NE(set.find("forms_by_source"), nullptr);
    EXPECT_EQ(set.find("forms_by_source")->categories, (std::vector<std::string>{"child", "carer"}));
}

TEST_F(IroRecords, StaffingBeyondFteAtEachQuarterEnd) {
    Diagnostics d;
    Dataset data = two_children(d);
    add_escalations(data, {},
                    NamedText{"iro_staffing.csv",
                              "DATE,FTE,HEADCOUNT,PERMANENT,AGENCY,VACANCIES_FTE\n"
                              "01/01/2023,2.5,3,2,1,0.5\n"
                              "01/08/2023,3,,3,0,\n"      // headcount 3 + 0 = 3, worked out; vacancies not given
                              "01/11/2023,3,4,,1,1.0\n"   // permanent 4 - 1 = 3, worked out
                              "01/02/2024,3,4,2,1,\n"     // 2 + 1 is not 4
                              "01/03/2024,3,x,,,-1\n",    // not numbers
                              0},
                    d);
    const auto m = messages(d);
    EXPECT_TRUE(has(m, "iro_staffing.csv:5:3: error: HEADCOUNT: 4 is not PERMANENT + AGENCY (2 + 1) [E139]")) << joined(m);
    EXPECT_TRUE(has(m, "iro_staffing.csv:6:3: error: HEADCOUNT: expected a whole number of IROs from 0 to 10,000, found 'x' [E139]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_staffing.csv:6:6: error: VACANCIES_FTE: expected a number of full-time-equivalent posts, 0 or "
                       "more, found '-1' [E139]"))
        << joined(m);
    const MeasureSet set = window_2023(data);
    // 30 June: the 1 January row; 30 September: 1 August's; 31 December and 31 March: 1 November's.
    EXPECT_EQ(set.value("iro_headcount", 0), 3.0);
    EXPECT_EQ(set.value("iro_headcount_by_contract", 0, "agency"), 1.0);
    EXPECT_EQ(set.value("iro_vacancies_fte", 0), 0.5);
    EXPECT_EQ(set.value("iro_headcount", 1), 3.0);
    EXPECT_EQ(set.value("iro_headcount_by_contract", 1, "permanent"), 3.0);
    EXPECT_FALSE(set.value("iro_vacancies_fte", 1));
    EXPECT_EQ(set.value("iro_headcount", 3), 4.0);
    EXPECT_EQ(set.value("iro_headcount_by_contract", 3, "permanent"), 3.0);
    EXPECT_EQ(set.value("iro_vacancies_fte", 4), 1.0);  // the year's is its 31 March
}

// Allocations: IRO01 has A throughout and B from 1 April 2023 (B ceases care on 1 August, but the
// allocation is left open); IRO02 has A from 1 October 2023 too, overlapping IRO01's; Z is in no
// 903 file.
const char* kAllocations = "IRO,CHILD,FROM,TO\n"
                           "IRO01,A,01/01/2023,\n"
                           "IRO01,B,01/04/2023,\n"
                           "IRO02,A,01/10/2023,01/02/2024\n"
                           "IRO02,Z,01/10/2023,\n"
                           "IRO03,B,01/09/2023,01/08/2023\n";  // TO before FROM

TEST_F(IroRecords, AllocationProblemsAreReportedWithFileLineAndColumn) {
    Diagnostics d;
    Dataset data = two_children(d);
    add_allocations(data, {"iro_allocations.csv", kAllocations, 0}, d);
    const auto m = messages(d);
    EXPECT_TRUE(has(m, "iro_allocations.csv:6:4: error: TO: 01/08/2023 is before FROM 01/09/2023 [E113]")) << joined(m);
    EXPECT_TRUE(has(m, "iro_allocations.csv:5:2: warning: CHILD: this child is in no 903 file; not counted [W407]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_allocations.csv:3:2: warning: CHILD: this child is not looked after on 1 August 2023, while "
                       "allocated to this IRO; not counted on such days [W408]"))
        << joined(m);
    EXPECT_TRUE(has(m, "iro_allocations.csv:4:2: warning: CHILD: this child is still allocated to another IRO (line 2) on "
                       "1 October 2023; on days with two allocations the one that started later is used [W409]"))
        << joined(m);
}

TEST_F(IroRecords, CaseloadsCountChildrenLookedAfterAtEachQuarterEnd) {
    Diagnostics d;
    Dataset data = two_children(d);
    add_allocations(data, {"iro_allocations.csv", kAllocations, 0}, d);
    const MeasureSet set = window_2023(data);
    // 30 June: IRO01 has A and B: one IRO, 2 children.
    EXPECT_EQ(set.value("iro_allocated_children", 0), 2.0);
    EXPECT_EQ(set.value("iro_with_caseload", 0), 1.0);
    EXPECT_EQ(set.value("iro_caseload_lowest", 0), 2.0);
    EXPECT_EQ(set.value("iro_caseload_mean", 0), 2.0);
    EXPECT_EQ(set.value("iro_caseload_band", 0, "below_50"), 1.0);
    EXPECT_EQ(set.find("iro_caseload_band")->categories, std::vector<std::string>{"below_50"});
    // 30 September: B is no longer looked after; IRO01 has A alone.
    EXPECT_EQ(set.value("iro_allocated_children", 1), 1.0);
    EXPECT_EQ(set.value("iro_with_caseload", 1), 1.0);
    // 31 December: A is with IRO02 (the later allocation); IRO01 has none; Z counts nowhere.
    EXPECT_EQ(set.value("iro_allocated_children", 2), 1.0);
    EXPECT_EQ(set.value("iro_with_caseload", 2), 1.0);
    EXPECT_EQ(set.value("iro_caseload_highest", 2), 1.0);
    // 31 March (and the year): IRO02's allocation ended on 1 February, so A is with IRO01 again.
    EXPECT_EQ(set.value("iro_allocated_children", 4), 1.0);
    EXPECT_EQ(set.value("iro_caseload_mean", 4), 1.0);
}

TEST_F(IroRecords, BandsFollowTheHandbooksFiftyToSeventy) {
    // 120 children looked after throughout; IRO01 has 49, IRO02 50, IRO03 21: below, within, below.
    ReturnText r;
    r.year = 2024;
    r.header_name = "header.csv";
    r.episodes_name = "episodes.csv";
    r.reviews_name = "reviews.csv";
    std::string header = "CHILD,SEX,DOB,ETHNIC\n", episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n",
                allocations = "IRO,CHILD,FROM,TO\n";
    for (int i = 0; i < 120; ++i) {
        const std::string id = "C" + std::to_string(i);
        header += id + ",1,01/01/2010,WBRI\n";
        episodes += id + ",01/01/2023,S,C2,N1,U4,PR1,,\n";
        allocations += std::string(i < 49 ? "IRO01" : i < 99 ? "IRO02" : "IRO03") + "," + id + ",01/01/2023,\n";
    }
    r.header = header;
    r.episodes = episodes;
    r.reviews = std::string("CHILD,REVIEW,REVIEW_CODE\n");
    Diagnostics d;
    Dataset data = build_dataset({r}, d);
    add_allocations(data, {"iro_allocations.csv", allocations, 0}, d);
    ASSERT_FALSE(d.has_errors());
    MeasureSet set = window_2023(data);
    EXPECT_EQ(set.value("iro_with_caseload", 3), 3.0);
    EXPECT_EQ(set.value("iro_caseload_band", 3, "below_50"), 2.0);
    EXPECT_EQ(set.value("iro_caseload_band", 3, "50_to_70"), 1.0);
    EXPECT_FALSE(set.value("iro_caseload_band", 3, "above_70"));  // a band no IRO is in is not listed
    EXPECT_EQ(set.value("iro_caseload_lowest", 3), 21.0);
    EXPECT_EQ(set.value("iro_caseload_highest", 3), 50.0);
    EXPECT_EQ(set.value("iro_caseload_mean", 3), 40.0);  // 120 / 3

    // The public edition: the lowest and highest are one person's figures, never shown; the
    // counts of IROs in each band are counts (2 and 1 are suppressed), and the
    // number of IROs with a caseload (3) with them; the average then has a suppressed base.
    MeasureSet counts = window_2023(data);
    std::erase_if(counts.measures, [](const Measure& m) { return measure_def(m.key).is_ratio(); });
    apply_disclosure_control(counts, DisclosureOptions{});
    derive_ratios(counts, Population{}, 10);
    const Measure* lowest = counts.find("iro_caseload_lowest");
    ASSERT_NE(lowest, nullptr);
    EXPECT_EQ(lowest->symbol(0, 3), 'c');
    EXPECT_EQ(counts.find("iro_caseload_highest")->symbol(0, 4), 'c');
    const Measure* band = counts.find("iro_caseload_band");
    EXPECT_EQ(band->symbol(0, 3), 'c');
    EXPECT_EQ(band->symbol(1, 3), 'c');
    EXPECT_EQ(counts.find("iro_with_caseload")->symbol(0, 3), 'c');
    EXPECT_EQ(counts.find("iro_caseload_mean")->symbol(0, 3), 'c');
    EXPECT_EQ(counts.value("iro_allocated_children", 3), 120.0);
}

TEST_F(IroRecords, DeclaredCountsAreSuppressedInThePublicEdition) {
    Diagnostics d;
    const Config c = config(kConfig, d);
    declare_activity_measures(c, d);
    Dataset data = two_children(d);
    add_activity(data,
                 {"iro_activity.csv",
                  "period,measure,category,value\n"
                  "2023-24 Q1,forms_by_source,child,3\n2023-24 Q1,forms_by_source,carer,40\n"
                  "2023-24 Q1,forms_sent,,50\n",
                  0},
                 c.activity, d);
    ASSERT_FALSE(d.has_errors()) << joined(messages(d));
    const std::vector<Quarter> window{Quarter{2023, 1}, Quarter{2023, 2}, Quarter{2023, 3}, Quarter{2023, 4}};
    MeasureSet set = compute_measures(data, window, "E06999999");
    compute_iro_record_measures(data, set);
    apply_disclosure_control(set, DisclosureOptions{});
    derive_ratios(set, Population{}, 10);
    const Measure* by = set.find("forms_by_source");
    ASSERT_NE(by, nullptr);
    // child 3 is primary; carer 40 goes with it, since forms_returned (43) is their sum.
    EXPECT_EQ(by->symbol(0, 0), 'c');
    EXPECT_EQ(by->symbol(1, 0), 'c');
    EXPECT_EQ(set.value("forms_returned", 0), 43.0);
    EXPECT_EQ(set.value("forms_sent", 0), 50.0);
    EXPECT_EQ(set.value("forms_percent", 0), 86.0);  // 43 of 50, both shown
}

}  // namespace
}  // namespace careboard
