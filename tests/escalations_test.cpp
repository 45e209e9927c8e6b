// The IRO escalation export: reading, stitching, problems, and every measure, on small logs whose
// expected figures are worked out by hand in the comments.
#include <gtest/gtest.h>

#include "ingest/escalations.hpp"
#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "measures/escalation_measures.hpp"
#include "charts/catalogue.hpp"

namespace careboard {
namespace {

const char* kHeader = "ESCALATION_ID,CHILD,RAISED,ROUTE,STAGE,THEME,TEAM,RESOLVED,RESOLVED_LEVEL,OUTCOME\n";

std::vector<std::string> messages(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const Diagnostic& x : d.sorted()) out.push_back(format_diagnostic(x));
    return out;
}

// One child, A, looked after throughout 2023-24, so that per-100 and caseload have a base.
Dataset one_child(Diagnostics& d) {
    ReturnText r;
    r.year = 2024;
    r.header_name = "header.csv";
    r.episodes_name = "episodes.csv";
    r.reviews_name = "reviews.csv";
    r.header = std::string("CHILD,SEX,DOB,ETHNIC\nA,1,01/01/2010,WBRI\n");
    r.episodes = std::string("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\nA,01/01/2023,S,C2,N1,U4,PR1,,\n");
    r.reviews = std::string("CHILD,REVIEW,REVIEW_CODE\n");
    return build_dataset({r}, d);
}

MeasureSet measures_for(const Dataset& data, const EscalationConfig& config) {
    const std::vector<Quarter> window{Quarter{2023, 1}, Quarter{2023, 2}, Quarter{2023, 3}, Quarter{2023, 4}};
    MeasureSet set = compute_measures(data, window, "E06999999");
    compute_escalation_measures(data, config, set);
    derive_ratios(set, Population{});
    return set;
}

std::optional<double> v(const MeasureSet& set, const char* key, std::size_t q, const char* category = "Total") {
    return set.value(key, q, category);
}

TEST(Escalations, ProblemsAreReportedWithFileLineAndColumn) {
    Diagnostics d;
    Dataset data = one_child(d);
    add_escalations(data,
                    {{"escalations.csv",
                      std::string(kHeader) +
                          "E1,A,03/04/2023,Informal,0,Drift,,,,\n"           // fine
                          "E2,A,31/04/2023,Informal,0,Drift,,,,\n"           // impossible RAISED
                          "E3,A,03/04/2023,,0,Drift,,,,\n"                   // empty ROUTE
                          "E4,A,03/04/2023,Formal,7,Drift,,,,\n"             // unknown stage: a warning
                          "E5,A,03/04/2023,Formal,1,Drift,,01/04/2023,,\n"   // resolved before raised
                          "E6,Z,03/04/2023,Formal,1,Drift,,,,\n"             // child not in the 903 header
                          "E1,A,04/04/2023,Informal,0,Drift,,,,\n",          // repeated id: later row wins
                      2024}},
                    std::nullopt, d);
    EXPECT_EQ(messages(d), (std::vector<std::string>{
                               "escalations.csv:3:3: error: RAISED: '31/04/2023' is not a date that exists [E111]",
                               "escalations.csv:4:4: error: ROUTE: is empty; every escalation needs one [E131]",
                               "escalations.csv:5:5: warning: STAGE: '7' is not a stage (0, 1, 2, 3, 4 or cafcass); counted as written [W402]",
                               "escalations.csv:6:8: error: RESOLVED: 01/04/2023 is before RAISED 03/04/2023 [E132]",
                               "escalations.csv:7:2: warning: CHILD: this child is in no 903 header file [W403]",
                               "escalations.csv:8:1: warning: ESCALATION_ID: this id is already on line 2 of this file; the later row is used [W404]",
                           }));
}

TEST(Escalations, OtherColumnsAreIgnoredWithAWarningAndNeverRead) {
    Diagnostics d;
    Dataset data = one_child(d);
    add_escalations(data,
                    {{"escalations.csv",
                      "ESCALATION_ID,RAISED,ROUTE,STAGE,THEME,CASE_NOTES\nE1,03/04/2023,Informal,0,Drift,Child A said x\n",
                      0}},
                    std::nullopt, d);
    EXPECT_EQ(messages(d), (std::vector<std::string>{
                               "escalations.csv:1: warning: column 'CASE_NOTES' is ignored: careboard reads only the "
                               "escalation export's own columns, never free text [W401]"}));
    ASSERT_EQ(data.escalations.size(), 1u);
}

// E1 is open at the end of the 2023-24 return and re-reported, resolved, in 2024-25's file.
TEST(Escalations, TheLatestReturnsRowWins) {
    Diagnostics d;
    Dataset data = one_child(d);
    add_escalations(data,
                    {{"2025/escalations.csv", std::string(kHeader) + "E1,A,20/03/2024,Formal,2,Drift,,10/04/2024,Team manager,Resolved\n", 2025},
                     {"2024/escalations.csv", std::string(kHeader) + "E1,A,20/03/2024,Formal,1,Drift,,,,\n", 2024}},
                    std::nullopt, d);
    EXPECT_TRUE(messages(d).empty());
    ASSERT_EQ(data.escalations.size(), 1u);
    EXPECT_EQ(data.escalations[0].stage, "2");
    ASSERT_TRUE(data.escalations[0].resolved);
    EXPECT_EQ(data.escalations[0].resolved->iso(), "2024-04-10");
}

// Quarters of 2023-24: Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar.
//  E1 raised Mon 3 Apr 2023, resolved Tue 2 May: working days after 3 Apr up to 2 May are
//     4, 5, 6 Apr (7 Good Friday, 10 Easter Monday), 11-14 (4), 17-21 (5), 24-28 (5), 2 May
//     (1 May bank holiday) = 3 + 4 + 5 + 5 + 1 = 18: within 20.
//  E2 raised 3 Apr, resolved Fri 30 Jun: far over 20 (Q1 resolution).
//  E3 raised 15 May, two themes (Drift; Health; Drift again counts once), open throughout.
//  E4 raised 2 Oct 2023, resolved 2 Oct (0 days), team empty.
//  E5 raised 10 Jan 2024, route not in the config, resolved 7 Feb 2024: 10 Jan -> 7 Feb is
//     11-12 (2), 15-19 (5), 22-26 (5), 29 Jan-2 Feb (5), 5-7 Feb (3) = 20: within 20.
TEST(Escalations, MeasuresFollowTheDefinitions) {
    Diagnostics d;
    Dataset data = one_child(d);
    add_escalations(data,
                    {{"escalations.csv",
                      std::string(kHeader) +
                          "E1,A,03/04/2023,Informal,0,Drift,North,02/05/2023,Practice manager,Resolved\n"
                          "E2,A,03/04/2023,Formal,2,Health,North,30/06/2023,Service manager,Resolved\n"
                          "E3,A,15/05/2023,Formal,1,Drift; Health; Drift,South,,,\n"
                          "E4,A,02/10/2023,Good practice,0,Excellent practice,,02/10/2023,Practice manager,Resolved\n"
                          "E5,A,10/01/2024,Alert of some kind,cafcass,Recording,North,07/02/2024,,Referred\n",
                      0},
                    },
                    NamedText{"iro_staffing.csv", "DATE,FTE\n01/01/2020,0.5\n01/01/2024,0.8\n", 0}, d);
    ASSERT_TRUE(messages(d).empty()) << messages(d)[0];
    EscalationConfig config;
    config.route_types = {{"Informal", "informal"}, {"Formal", "formal"}, {"Good practice", "good_practice"}};
    config.themes = {"Health", "Drift"};
    const MeasureSet set = measures_for(data, config);

    EXPECT_EQ(v(set, "escalations_raised", 0), 3.0);  // E1, E2, E3
    EXPECT_EQ(v(set, "escalations_raised", 1), 0.0);
    EXPECT_EQ(v(set, "escalations_raised", 2), 1.0);  // E4
    EXPECT_EQ(v(set, "escalations_raised", 3), 1.0);  // E5
    // Themes in Q1: Drift (E1, E3), Health (E2, E3); in the configured order Health first.
    const Measure* themes = set.find("escalations_by_theme");
    ASSERT_NE(themes, nullptr);
    EXPECT_EQ(themes->categories, (std::vector<std::string>{"Health", "Drift", "Excellent practice", "Recording"}));
    EXPECT_EQ(v(set, "escalations_by_theme", 0, "Drift"), 2.0);
    EXPECT_EQ(v(set, "escalations_by_theme", 0, "Health"), 2.0);
    EXPECT_EQ(v(set, "escalations_by_route_type", 3, "unmapped"), 1.0);
    EXPECT_EQ(v(set, "escalations_by_route_type", 0, "formal"), 2.0);
    EXPECT_EQ(set.find("escalations_by_stage")->categories, (std::vector<std::string>{"0", "1", "2", "cafcass"}));
    EXPECT_EQ(v(set, "escalations_by_team", 2, "not_recorded"), 1.0);
    // Resolved in Q1: E1 (18 days) and E2, 3 Apr -> 30 Jun:
    //   April after the 3rd: 4-6 (3), 11-14 (4), 17-21, 24-28 (10) = 17; May: 23 weekdays less the
    //   1 May, 8 May (coronation) and 29 May bank holidays = 20; June: 22 weekdays. 17 + 20 + 22 =
    //   59 days. Median of {18, 59} = 38.5.
    EXPECT_EQ(v(set, "escalations_resolved", 0), 2.0);
    EXPECT_EQ(v(set, "escalations_resolved_within_20_days", 0), 1.0);
    EXPECT_EQ(v(set, "escalation_days_to_resolve_median", 0), 38.5);
    EXPECT_EQ(v(set, "escalations_resolved_within_20_days_percent", 0), 50.0);
    EXPECT_EQ(v(set, "escalations_resolved_within_20_days", 3), 1.0);  // E5: exactly 20
    EXPECT_EQ(v(set, "escalations_resolved_by_level", 3, "not_recorded"), 1.0);
    // Open at 30 Jun 2023: E3 only (E2 resolved that day); raised 15 May, over 20 working days before.
    EXPECT_EQ(v(set, "escalations_open", 0), 1.0);
    EXPECT_EQ(v(set, "escalations_open_over_20_days", 0), 1.0);
    EXPECT_EQ(v(set, "escalations_open", 3), 1.0);
    // One child looked after: 3 escalations per 1 child = 300 per 100; caseload 1 / 0.5 = 2,
    // then 1 / 0.8 = 1.25 from 1 January 2024.
    EXPECT_EQ(v(set, "escalations_per_100_looked_after", 0), 300.0);
    EXPECT_EQ(v(set, "iro_fte", 3), 0.8);
    EXPECT_EQ(v(set, "iro_caseload", 0), 2.0);
    EXPECT_EQ(v(set, "iro_caseload", 3), 1.25);
    EXPECT_FALSE(v(set, "escalation_days_to_resolve_median", 1));  // nothing resolved
}

TEST(Escalations, LabelsFollowTheConfiguredOrderThenTheAlphabet) {
    EXPECT_EQ(order_labels({"b", "not_recorded", "Z", "a", "c"}, {"c", "x", "a"}),
              (std::vector<std::string>{"c", "a", "Z", "b", "not_recorded"}));
}

}  // namespace
}  // namespace careboard

namespace careboard {
namespace {

// Two full years (2023-24, 2024-25) and a stray quarter before them, which is left out.
// Drift: 1+2+3+4 = 10, then 5+5+5+5 = 20: +10, +100%. Health: a suppressed quarter in the
// second year hides that year and the change.
TEST(ThemesByYear, FullYearsAreSummedAndSuppressionSpreadsToTheYear) {
    MeasureSet set;
    set.quarters = {Quarter{2022, 4}};
    for (int i = 0; i < 8; ++i) set.quarters.push_back(Quarter{2023 + i / 4, i % 4 + 1});
    Measure m;
    m.key = "escalations_by_theme";
    m.kind = PeriodKind::over_period;
    m.categories = {"Drift", "Health"};
    m.values = {{9.0, 1.0, 2.0, 3.0, 4.0, 5.0, 5.0, 5.0, 5.0}, {9.0, 6.0, 6.0, 6.0, 6.0, 7.0, 7.0, 0.0, 7.0}};
    m.set_symbol(1, 7, 'c');
    set.put(m);
    const std::optional<PageTable> table = themes_by_year(set);
    ASSERT_TRUE(table);
    EXPECT_EQ(table->columns, (std::vector<std::string>{"2023-24", "2024-25", "Change", "Change (%)"}));
    EXPECT_EQ(table->rows[0], (std::vector<std::string>{"Drift", "10", "20", "+10", "+100%"}));
    EXPECT_EQ(table->rows[1], (std::vector<std::string>{"Health", "24", "c", "c", "c"}));
}

}  // namespace
}  // namespace careboard
