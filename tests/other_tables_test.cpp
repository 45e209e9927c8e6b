// The 903's other tables (docs/definitions.md, "The other 903 tables"): how they are read,
// checked and stitched, and the shape of the measures they give. Their figures are checked
// against the independent reference implementation on whole datasets (tests/reference); these
// tests pin the rules a few rows can show, each worked out by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "support/diagnostics.hpp"

namespace careboard {
namespace {

using testing::messages;

// A 2024 return (2023-24) of two children: M looked after from 1 April 2023, the first day of the
// year (so in the 2023-24 OC2 cohort on 31 March 2024), N from 2 April 2023 (a day too late for it).
ReturnText base_return() {
    ReturnText r;
    r.year = 2024;
    r.header_name = "2024/header.csv";
    r.episodes_name = "2024/episodes.csv";
    r.reviews_name = "2024/reviews.csv";
    r.header = "CHILD,SEX,DOB,ETHNIC\nM,1,01/06/2010,WBRI\nN,2,01/06/2020,WBRI\n";
    r.episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
                 "M,01/04/2023,S,C2,N1,U4,PR1,,\n"
                 "N,02/04/2023,S,C2,N1,U4,PR1,,\n";
    r.reviews = "CHILD,DOB,REVIEW,REVIEW_CODE\n";
    return r;
}

void add(ReturnText& r, OtherTable table, const std::string& text) {
    r.others.push_back({table, "2024/" + std::string(other_table_name(table)) + ".csv", text});
}

MeasureSet measures_of(const Dataset& data) {
    std::vector<Quarter> window;
    for (int q = 1; q <= 4; ++q) window.push_back(Quarter{2023, q});
    MeasureSet set = compute_measures(data, window, "E00000001");
    derive_ratios(set, Population{});
    return set;
}

TEST(OtherTables, BadValuesAreSaidWhereTheyAreAndRowsRepeatedInAFileWarnedAbout) {
    ReturnText r = base_return();
    add(r, OtherTable::missing, "CHILD,DOB,MISSING,MIS_START,MIS_END\nM,,M,10/05/2023,09/05/2023\nM,,Q,11/05/2023,\n");
    add(r, OtherTable::oc2,
        "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,"
        "SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n"
        "M,,41,,0,0,1,1,yes,0,0,0\nM,,12,,0,0,1,1,1,0,0,0\n");
    Diagnostics diagnostics;
    const Dataset data = build_dataset({r}, diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "2024/missing.csv:2:5: error: MIS_END: 09/05/2023 is before MIS_START 10/05/2023 [E113]",
                  "2024/missing.csv:3:3: warning: MISSING: 'Q' is not a missing code (M missing, A away without "
                  "authorisation) (M, A) [W101]",
                  "2024/oc2.csv:2:3: warning: SDQ_SCORE: '41' is not an SDQ score (a whole number from 0 to 40); "
                  "counted as no score [W111]",
                  "2024/oc2.csv:2:9: warning: HEALTH_ASSESSMENT: 'yes' is not 1 (yes) or 0 (no); counted as not yes [W111]",
                  "2024/oc2.csv:3:3: warning: this child already has an OC2 row in this file (line 2); the later row "
                  "is used [W112]"}));
    ASSERT_EQ(data.oc2.size(), 1u);
    EXPECT_EQ(data.oc2[0].sdq_score, 12);
    EXPECT_EQ(data.oc2[0].year, 2024);
}

TEST(OtherTables, TheOc2CohortStartsOnTheFirstDayOfTheYearBefore) {
    ReturnText r = base_return();
    add(r, OtherTable::oc2,
        "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,"
        "SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n"
        "M,,15,,0,0,1,0,1,1,1,0\n"
        "N,,,SDQ1,0,1,1,1,1,0,0,0\n");
    Diagnostics diagnostics;
    const MeasureSet set = measures_of(build_dataset({r}, diagnostics));
    ASSERT_FALSE(diagnostics.has_errors()) << messages(diagnostics).front();
    const std::size_t year = set.year_period(0);
    // M (from 1 April 2023) is in the cohort for 2023-24; N (from 2 April 2023) is not, so N's
    // row counts nowhere. M is 13 on 31 March 2024: in the 5 to 16 and 10 to 17 groups.
    EXPECT_EQ(set.value("oc2_cohort", year), 1);
    EXPECT_EQ(set.value("oc2_cohort_0_to_4", year), 0);
    EXPECT_EQ(set.value("oc2_cohort_5_to_16", year), 1);
    EXPECT_EQ(set.value("oc2_health_assessment_percent", year), 100);
    EXPECT_EQ(set.value("oc2_teeth_check_percent", year), 0);
    EXPECT_EQ(set.value("oc2_sdq_average", year), 15);
    EXPECT_EQ(set.value("oc2_sdq_by_band", year, "borderline"), 1);
    EXPECT_EQ(set.value("oc2_intervention_received_percent", year), 100);
    // Counted for the year only: no quarter has a figure.
    for (std::size_t q = 0; q < set.quarters.size(); ++q) EXPECT_FALSE(set.value("oc2_cohort", q)) << q;
}

TEST(OtherTables, ATableNoReturnGivesHasNoMeasuresAndAnXmlReturnWithoutItsRowsGivesNone) {
    Diagnostics diagnostics;
    const MeasureSet csv = measures_of(build_dataset({base_return()}, diagnostics));
    for (const char* key : {"missing_children", "looked_after_during", "uasc_looked_after", "oc2_cohort",
                            "care_leavers_17_to_18", "sw_3_or_more", "started_by_previous_permanence",
                            "adoption_children_order_to_match"})
        EXPECT_EQ(csv.find(key), nullptr) << key;
    // Adoptions come from the episodes alone: none here, counted as 0.
    EXPECT_EQ(csv.value("adopted", csv.year_period(0)), 0);

    // The same return as XML, with no AMISSING anywhere: the table was not exported, not empty.
    ReturnText xml;
    xml.year = 2024;
    xml.xml_name = "2024/return.xml";
    xml.xml = "<EXPSSDA903><CHILD><HEADER><CHILDID>M</CHILDID><DOB>01/06/2010</DOB><UASC>1</UASC>"
              "<DUC>01/06/2028</DUC></HEADER><EPISODE><DECOM>01/04/2023</DECOM><RNE>S</RNE><LS>C2</LS>"
              "<PL>U4</PL></EPISODE></CHILD></EXPSSDA903>";
    Diagnostics xml_diagnostics;
    const MeasureSet from_xml = measures_of(build_dataset({xml}, xml_diagnostics));
    EXPECT_EQ(from_xml.find("missing_children"), nullptr);
    // ... while its uasc row gives the UASC figures: M is looked after and UASC until 2028.
    EXPECT_EQ(from_xml.value("uasc_looked_after", from_xml.year_period(0)), 1);
}

TEST(OtherTables, CareLeaversAreCountedByTheirAgeOnTheirBirthdayInTheYear) {
    ReturnText r = base_return();
    r.header = *r.header + "L1,1,01/06/2006,WBRI\nL2,1,01/03/2003,WBRI\nL3,2,01/02/2002,WBRI\nL4,2,01/01/2006,WBRI\n";
    // L1: 17 on 1 June 2023, in touch, in higher education, in suitable lodgings (K1).
    // L2: 21 on 1 March 2024, not in touch, no information. L3: 22, left out. L4: died, left out.
    add(r, OtherTable::oc3, "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nL1,,YES,F1,K1\nL2,,NO,0,0\nL3,,YES,F5,U1\nL4,,DIED,0,0\n");
    Diagnostics diagnostics;
    const MeasureSet set = measures_of(build_dataset({r}, diagnostics));
    ASSERT_FALSE(diagnostics.has_errors()) << messages(diagnostics).front();
    const std::size_t year = set.year_period(0);
    EXPECT_EQ(set.value("care_leavers_17_to_18", year), 1);
    EXPECT_EQ(set.value("care_leavers_19_to_21", year), 1);
    EXPECT_EQ(set.value("care_leavers_17_to_18_eet_percent", year), 100);
    EXPECT_EQ(set.value("care_leavers_17_to_18_by_activity", year, "higher_education"), 1);
    EXPECT_EQ(set.value("care_leavers_17_to_18_by_activity_group", year, "eet"), 1);
    EXPECT_EQ(set.value("care_leavers_17_to_18_by_accommodation", year, "K"), 1);
    EXPECT_EQ(set.value("care_leavers_17_to_18_suitable_percent", year), 100);
    EXPECT_EQ(set.value("care_leavers_19_to_21_in_touch_percent", year), 0);
    EXPECT_EQ(set.value("care_leavers_19_to_21_by_suitability", year, "no_information"), 1);
}

TEST(OtherTables, MissingIncidentsCountForChildrenLookedAfterInThePeriod) {
    ReturnText r = base_return();
    // Two incidents of M in Q1 (10 May, 20 May), one away in Q3; a row of a child never looked
    // after (Z) counts nowhere.
    add(r, OtherTable::missing,
        "CHILD,DOB,MISSING,MIS_START,MIS_END\nM,,M,10/05/2023,11/05/2023\nM,,M,20/05/2023,\nM,,A,01/11/2023,\n"
        "Z,,M,10/05/2023,\n");
    Diagnostics diagnostics;
    const MeasureSet set = measures_of(build_dataset({r}, diagnostics));
    ASSERT_FALSE(diagnostics.has_errors()) << messages(diagnostics).front();
    EXPECT_EQ(set.value("looked_after_during", 0), 2);
    EXPECT_EQ(set.value("missing_children", 0), 1);
    EXPECT_EQ(set.value("missing_incidents", 0), 2);
    EXPECT_EQ(set.value("missing_children_percent", 0), 50);
    EXPECT_EQ(set.value("missing_incidents_per_child", 0), 2);
    EXPECT_EQ(set.value("away_children", 2), 1);
    EXPECT_EQ(set.value("missing_incidents", set.year_period(0)), 2);
}

TEST(OtherTables, SocialWorkerPseudonymsAreCountedNotKeptInAnyMeasure) {
    ReturnText r = base_return();
    add(r, OtherTable::sw_episodes,
        "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nM,,SW1,01/04/2023,01/05/2023,\nM,,SW2,01/05/2023,01/09/2023,\n"
        "M,,SW3,01/09/2023,,\nN,,SW1,02/04/2023,,\n");
    Diagnostics diagnostics;
    const Dataset data = build_dataset({r}, diagnostics);
    ASSERT_FALSE(diagnostics.has_errors()) << messages(diagnostics).front();
    const MeasureSet set = measures_of(data);
    // M had SW1, SW2 and SW3 in 2023-24; N one.
    EXPECT_EQ(set.value("sw_3_or_more", set.year_period(0)), 1);
    EXPECT_EQ(set.value("sw_3_or_more_percent", set.year_period(0)), 50);
    for (const Measure& m : set.measures)
        for (const std::string& c : m.categories) EXPECT_FALSE(c.starts_with("SW")) << m.key << " " << c;
    EXPECT_EQ(data.social_worker_years, (std::vector<int>{2024}));
}

}  // namespace
}  // namespace careboard
