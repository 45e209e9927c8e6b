// Counting (measures/compute.hpp) on small datasets whose every figure is worked out by hand
// from docs/definitions.md. Each dataset is read through build_dataset so that it looks
// exactly like an export.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"

namespace careboard {
namespace {

const std::string kArea = "E09000099";

Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d); }

struct Ep {
    std::string child, decom, rne, ls, dec = "", rec = "", cin = "N1", place = "U4", provider = "PR1";
};

std::string header_row(const std::string& child, const std::string& sex, const std::string& dob,
                       const std::string& ethnic) {
    return child + "," + sex + "," + dob + "," + ethnic + ",,,\n";
}

std::string review_row(const std::string& child, const std::string& date, const std::string& code) {
    return child + ",," + date + "," + code + "\n";
}

// A child with a header row (male, born 1 January 2012, White British) for each episode's child,
// unless `header` is given.
Dataset make_dataset(const std::vector<Ep>& episodes, const std::string& reviews = "",
                     std::optional<std::string> header = std::nullopt, int year = 0) {
    std::string h = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";
    if (header) {
        h += *header;
    } else {
        std::vector<std::string> seen;
        for (const Ep& e : episodes) {
            if (std::find(seen.begin(), seen.end(), e.child) != seen.end()) continue;
            seen.push_back(e.child);
            h += header_row(e.child, "1", "01/01/2012", "WBRI");
        }
    }
    std::string ep = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n";
    for (const Ep& e : episodes)
        ep += e.child + "," + e.decom + "," + e.rne + "," + e.ls + "," + e.cin + "," + e.place + "," + e.provider +
              "," + e.dec + "," + e.rec + "\n";
    ReturnText r;
    r.year = year;
    r.header_name = "header.csv";
    r.episodes_name = "episodes.csv";
    r.reviews_name = "reviews.csv";
    r.header = h;
    r.episodes = ep;
    r.reviews = "CHILD,DOB,REVIEW,REVIEW_CODE\n" + reviews;
    Diagnostics diagnostics;
    Dataset data = build_dataset({r}, diagnostics);
    EXPECT_EQ(diagnostics.error_count(), 0u) << "the test's own data has errors";
    return data;
}

std::vector<Quarter> quarters(Quarter first, Quarter last) {
    std::vector<Quarter> out;
    for (Quarter q = first; q <= last; q = q.next()) out.push_back(q);
    return out;
}

using Values = std::vector<std::optional<double>>;

// A measure's values for one category across the window.
Values row(const MeasureSet& set, std::string_view key, std::string_view category = "Total") {
    Values out;
    for (std::size_t q = 0; q < set.quarters.size(); ++q) out.push_back(set.value(key, q, category));
    return out;
}

std::vector<std::string> categories(const MeasureSet& set, std::string_view key) {
    const Measure* m = set.find(key);
    return m ? m->categories : std::vector<std::string>{"<no such measure>"};
}

const Quarter k2023Q1{2023, 1}, k2023Q2{2023, 2}, k2023Q3{2023, 3}, k2023Q4{2023, 4};

// --- looked after at D ------------------------------------------------------------------------

TEST(Measures, ChildWhoseEpisodeEndsOnQuarterEndIsNotLookedAfter) {
    // DEC = 30 June 2023 = D: the episode is open at D only when DEC > D.
    const Dataset data = make_dataset({{"A1", "01/04/2023", "S", "C2", "30/06/2023", "E13"}});
    const MeasureSet set = compute_measures(data, {k2023Q1}, kArea);
    EXPECT_EQ(row(set, "looked_after"), (Values{0.0}));
    EXPECT_EQ(row(set, "ceased"), (Values{1.0}));  // but it did cease in the quarter
}

TEST(Measures, ChildWhoseEpisodeStartsOnQuarterEndIsLookedAfter) {
    // DECOM = 30 June 2023 = D: DECOM <= D, so looked after at D, and started in the quarter.
    const Dataset data = make_dataset({{"A1", "30/06/2023", "S", "C2"}});
    const MeasureSet set = compute_measures(data, {k2023Q1}, kArea);
    EXPECT_EQ(row(set, "looked_after"), (Values{1.0}));
    EXPECT_EQ(row(set, "started"), (Values{1.0}));
}

TEST(Measures, LookedAfterAtEachQuarterEnd) {
    // Quarter ends: 30/06/2023, 30/09/2023, 31/12/2023, 31/03/2024.
    const Dataset data = make_dataset({
        {"A1", "01/01/2023", "S", "C2", "01/07/2023", "E13"},  // open at 30/06 only
        {"B2", "15/08/2023", "S", "C2", "31/12/2023", "E13"},  // open at 30/09 only (DEC = D at 31/12)
        {"C3", "01/01/2020", "S", "E1"},                       // open throughout
        {"D4", "31/03/2024", "S", "V2"},                       // starts on the last quarter end
    });
    const MeasureSet set = compute_measures(data, quarters(k2023Q1, k2023Q4), kArea);
    EXPECT_EQ(row(set, "looked_after"), (Values{2.0, 2.0, 1.0, 2.0}));
}

TEST(Measures, ShortBreaksAreLeftOutOfEveryCount) {
    const Dataset data = make_dataset({
        {"A1", "05/04/2023", "S", "V3", "01/05/2023", "E13"},
        {"B2", "05/04/2023", "S", "V4"},
    });
    const MeasureSet set = compute_measures(data, {k2023Q1}, kArea);
    EXPECT_EQ(row(set, "looked_after"), (Values{0.0}));
    EXPECT_EQ(row(set, "started"), (Values{0.0}));
    EXPECT_EQ(row(set, "ceased"), (Values{0.0}));
    EXPECT_TRUE(categories(set, "looked_after_by_legal_status").empty());
}

TEST(Measures, ShortBreakEpisodeNeverSuppliesTheLegalStatusAtD) {
    // The V4 episode started later, so it would be the "latest DECOM" episode if it counted.
    const Dataset data = make_dataset({
        {"A1", "01/01/2023", "S", "C2"},
        {"A1", "01/05/2023", "P", "V4"},
    });
    const MeasureSet set = compute_measures(data, {k2023Q1}, kArea);
    EXPECT_EQ(row(set, "looked_after"), (Values{1.0}));
    EXPECT_EQ(categories(set, "looked_after_by_legal_status"), (std::vector<std::string>{"C2"}));
}

TEST(Measures, OverlappingEpisodesCountTheChildOnceWithTheLatestDecom) {
    const Dataset data = make_dataset({
        {"A1", "01/01/2023", "S", "C2", "", "", "N1", "U4", "PR1"},
        {"A1", "01/05/2023", "P", "E1", "", "", "N1", "A5", "PR1"},  // overlaps: a data-quality warning
    });
    const MeasureSet set = compute_measures(data, {k2023Q1}, kArea);
    EXPECT_EQ(row(set, "looked_after"), (Values{1.0}));
    EXPECT_EQ(categories(set, "looked_after_by_legal_status"), (std::vector<std::string>{"E1"}));
    EXPECT_EQ(categories(set, "looked_after_by_placement"), (std::vector<std::string>{"A5"}));
}

// --- breakdowns at D -------------------------------------------------------------------------------

TEST(Measures, AgeBandsAreWholeYearsAtTheQuarterEnd) {
    // D = 31 March 2024; a birthday on D counts.
    const std::string header = header_row("K1", "1", "01/04/2023", "WBRI") +  // 0: under_1
                               header_row("K2", "1", "31/03/2023", "WBRI") +  // 1: 1_to_4
                               header_row("K3", "1", "01/04/2019", "WBRI") +  // 4: 1_to_4
                               header_row("K4", "1", "31/03/2019", "WBRI") +  // 5: 5_to_9
                               header_row("K5", "1", "01/04/2008", "WBRI") +  // 15: 10_to_15
                               header_row("K6", "1", "31/03/2014", "WBRI") +  // 10: 10_to_15
                               header_row("K7", "1", "31/03/2008", "WBRI") +  // 16: 16_and_over
                               header_row("K8", "1", "", "WBRI") +            // no DOB: unknown
                               header_row("K10", "1", "15/05/2024", "WBRI");  // DOB after D: unknown
    std::vector<Ep> episodes;
    for (const char* child : {"K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8", "K9", "K10"})
        episodes.push_back({child, "01/01/2024", "S", "C2"});  // K9 has no header row: unknown
    const MeasureSet set = compute_measures(make_dataset(episodes, "", header), {k2023Q4}, kArea);
    EXPECT_EQ(categories(set, "looked_after_by_age"),
              (std::vector<std::string>{"under_1", "1_to_4", "5_to_9", "10_to_15", "16_and_over", "unknown"}));
    EXPECT_EQ(row(set, "looked_after_by_age", "under_1"), (Values{1.0}));
    EXPECT_EQ(row(set, "looked_after_by_age", "1_to_4"), (Values{2.0}));
    EXPECT_EQ(row(set, "looked_after_by_age", "5_to_9"), (Values{1.0}));
    EXPECT_EQ(row(set, "looked_after_by_age", "10_to_15"), (Values{2.0}));
    EXPECT_EQ(row(set, "looked_after_by_age", "16_and_over"), (Values{1.0}));
    EXPECT_EQ(row(set, "looked_after_by_age", "unknown"), (Values{3.0}));
}

TEST(Measures, SexAndEthnicityGroups) {
    const std::string header = header_row("S1", "1", "01/01/2012", "WBRI") +  // male, white
                               header_row("S2", "2", "01/01/2012", "MWBC") +  // female, mixed
                               header_row("S3", "M", "01/01/2012", "AIND") +  // male, asian
                               header_row("S4", "F", "01/01/2012", "BCRB") +  // female, black
                               header_row("S5", "U", "01/01/2012", "OOTH") +  // unknown, other
                               header_row("S6", "", "01/01/2012", "REFU") +   // unknown, not_known
                               header_row("S8", "1", "01/01/2012", "") +      // male, not_known
                               header_row("S9", "2", "01/01/2012", "XXXX");   // female, not_known
    std::vector<Ep> episodes;
    for (const char* child : {"S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"})
        episodes.push_back({child, "01/01/2024", "S", "C2"});  // S7: no header row, unknown / not_known
    const MeasureSet set = compute_measures(make_dataset(episodes, "", header), {k2023Q4}, kArea);
    EXPECT_EQ(categories(set, "looked_after_by_sex"), (std::vector<std::string>{"male", "female", "unknown"}));
    EXPECT_EQ(row(set, "looked_after_by_sex", "male"), (Values{3.0}));
    EXPECT_EQ(row(set, "looked_after_by_sex", "female"), (Values{3.0}));
    EXPECT_EQ(row(set, "looked_after_by_sex", "unknown"), (Values{3.0}));
    EXPECT_EQ(categories(set, "looked_after_by_ethnicity"),
              (std::vector<std::string>{"white", "mixed", "asian", "black", "other", "not_known"}));
    EXPECT_EQ(row(set, "looked_after_by_ethnicity", "white"), (Values{1.0}));
    EXPECT_EQ(row(set, "looked_after_by_ethnicity", "other"), (Values{1.0}));
    EXPECT_EQ(row(set, "looked_after_by_ethnicity", "not_known"), (Values{4.0}));
}

TEST(Measures, PlacementGroupsAndFosteringProviders) {
    const MeasureSet set = compute_measures(
        make_dataset({
            {"P1", "01/01/2024", "S", "C2", "", "", "N1", "U1", "PR1"},  // foster, in-house
            {"P2", "01/01/2024", "S", "C2", "", "", "N1", "U4", "PR4"},  // foster, agency
            {"P3", "01/01/2024", "S", "C2", "", "", "N1", "U6", "PR5"},  // foster, agency
            {"P4", "01/01/2024", "S", "C2", "", "", "N1", "U5", "PR2"},  // foster, other provider
            {"P5", "01/01/2024", "S", "C2", "", "", "N1", "K2", "PR4"},  // children's home
            {"P6", "01/01/2024", "S", "C2", "", "", "N1", "P1", "PR0"},  // placed with parents
            {"P7", "01/01/2024", "S", "C2", "", "", "N1", "Z11", "PR1"}, // other
            {"P8", "01/01/2024", "S", "C2", "", "", "N1", "", ""},       // not recorded: other
        }),
        {k2023Q4}, kArea);
    EXPECT_EQ(categories(set, "looked_after_by_placement"),
              (std::vector<std::string>{"U1", "U4", "U5", "U6", "P1", "K2", "Z11", "not_recorded"}));
    EXPECT_EQ(categories(set, "looked_after_by_placement_group"),
              (std::vector<std::string>{"foster", "placed_with_parents", "secure_and_childrens_homes", "other"}));
    EXPECT_EQ(row(set, "looked_after_by_placement_group", "foster"), (Values{4.0}));
    EXPECT_EQ(row(set, "looked_after_by_placement_group", "other"), (Values{2.0}));
    EXPECT_EQ(categories(set, "looked_after_by_provider"),
              (std::vector<std::string>{"PR0", "PR1", "PR2", "PR4", "PR5", "not_recorded"}));
    EXPECT_EQ(row(set, "looked_after_by_provider", "PR1"), (Values{2.0}));
    EXPECT_EQ(row(set, "looked_after_by_provider", "PR4"), (Values{2.0}));
    // Only the four children in U1-U6.
    EXPECT_EQ(categories(set, "looked_after_fostering_by_provider"),
              (std::vector<std::string>{"in_house", "agency", "other"}));
    EXPECT_EQ(row(set, "looked_after_fostering_by_provider", "in_house"), (Values{1.0}));
    EXPECT_EQ(row(set, "looked_after_fostering_by_provider", "agency"), (Values{2.0}));
    EXPECT_EQ(row(set, "looked_after_fostering_by_provider", "other"), (Values{1.0}));
}

TEST(Measures, CategoriesFollowCodeOrderThenUnknownThenNotRecordedWithZeroRows) {
    // Quarter ends 30/06/2023 and 30/09/2023.
    const MeasureSet set = compute_measures(
        make_dataset({
            {"A", "01/04/2023", "S", "C2", "01/08/2023", "E13"},  // C2 at Q1 only
            {"B", "01/07/2023", "S", "V2"},                       // V2 at Q2 only
            {"C", "01/04/2023", "S", "ZZ"},                       // unknown code, both quarters
            {"D", "01/07/2023", "S", "AA"},                       // unknown code, Q2 only
            {"E", "01/04/2023", "S", "", "01/09/2023", "E13"},    // not recorded, Q1 only
        }),
        quarters(k2023Q1, k2023Q2), kArea);
    EXPECT_EQ(categories(set, "looked_after_by_legal_status"),
              (std::vector<std::string>{"C2", "V2", "AA", "ZZ", "not_recorded"}));
    EXPECT_EQ(row(set, "looked_after_by_legal_status", "C2"), (Values{1.0, 0.0}));
    EXPECT_EQ(row(set, "looked_after_by_legal_status", "V2"), (Values{0.0, 1.0}));
    EXPECT_EQ(row(set, "looked_after_by_legal_status", "AA"), (Values{0.0, 1.0}));
    EXPECT_EQ(row(set, "looked_after_by_legal_status", "ZZ"), (Values{1.0, 1.0}));
    EXPECT_EQ(row(set, "looked_after_by_legal_status", "not_recorded"), (Values{1.0, 0.0}));
    // Groups: unknown and empty codes are "other".
    EXPECT_EQ(categories(set, "looked_after_by_legal_status_group"),
              (std::vector<std::string>{"care_orders", "voluntary_s20", "other"}));
    EXPECT_EQ(row(set, "looked_after_by_legal_status_group", "care_orders"), (Values{1.0, 0.0}));
    EXPECT_EQ(row(set, "looked_after_by_legal_status_group", "voluntary_s20"), (Values{0.0, 1.0}));
    EXPECT_EQ(row(set, "looked_after_by_legal_status_group", "other"), (Values{2.0, 2.0}));
    // Flows list categories the same way.
    EXPECT_EQ(categories(set, "started_by_legal_status"),
              (std::vector<std::string>{"C2", "V2", "AA", "ZZ", "not_recorded"}));
    EXPECT_EQ(row(set, "started_by_legal_status", "C2"), (Values{1.0, 0.0}));
    EXPECT_EQ(row(set, "started_by_legal_status", "AA"), (Values{0.0, 1.0}));
}

// --- flows ------------------------------------------------------------------------------------------

TEST(Measures, ChildWhoStartsTwiceInAQuarterCountsOnceWithTheFirstNeedAndLegalStatus) {
    // Q1 = April-June 2023, Q2 = July-September 2023.
    const MeasureSet set = compute_measures(
        make_dataset({
            {"A1", "05/04/2023", "S", "V2", "20/04/2023", "E13", "N1"},  // first start: N1, V2
            {"A1", "10/05/2023", "S", "C1", "", "", "N4"},               // second start: not counted
            {"B2", "01/02/2023", "S", "C2", "15/05/2023", "X1", "N2"},   // started before the window
            {"B2", "15/05/2023", "P", "C2", "", "", "N2"},               // a change, not a start
            {"C3", "01/07/2023", "S", "C2", "", "", "N3"},               // starts in Q2
            {"D4", "01/04/2023", "S", "V3", "", "", "N5"},               // short break
            {"E5", "02/04/2023", "S", "C2", "", "", ""},                 // need not recorded
        }),
        quarters(k2023Q1, k2023Q2), kArea);
    EXPECT_EQ(row(set, "started"), (Values{2.0, 1.0}));
    EXPECT_EQ(categories(set, "started_by_need"), (std::vector<std::string>{"N1", "N3", "not_recorded"}));
    EXPECT_EQ(row(set, "started_by_need", "N1"), (Values{1.0, 0.0}));
    EXPECT_EQ(row(set, "started_by_need", "N3"), (Values{0.0, 1.0}));
    EXPECT_EQ(row(set, "started_by_need", "not_recorded"), (Values{1.0, 0.0}));
    EXPECT_EQ(categories(set, "started_by_legal_status"), (std::vector<std::string>{"C2", "V2"}));
    EXPECT_EQ(row(set, "started_by_legal_status", "C2"), (Values{1.0, 1.0}));  // E5 then C3
    EXPECT_EQ(row(set, "started_by_legal_status", "V2"), (Values{1.0, 0.0}));
}

TEST(Measures, ChildWhoCeasesTwiceCountsOnceWithTheLastReasonAndX1IsNotCeasing) {
    // Q2 = 1 July - 30 September 2023.
    const MeasureSet set = compute_measures(
        make_dataset({
            {"A1", "01/04/2023", "S", "C2", "01/08/2023", "E13"},
            {"A1", "15/08/2023", "S", "C2", "20/09/2023", "E4A"},  // last cessation: E4A
            {"B2", "01/04/2023", "S", "C2", "10/07/2023", "X1"},   // new episode the same day
            {"B2", "10/07/2023", "P", "C2"},
            {"C3", "01/04/2023", "S", "C2", "30/09/2023", "E11"},  // DEC on the quarter's last day
            {"D4", "01/04/2023", "S", "C2", "01/07/2023", ""},     // no reason: not counted
            {"E5", "01/01/2023", "S", "C2", "30/06/2023", "E13"},  // ceased in Q1
            {"F6", "01/04/2023", "S", "V3", "01/08/2023", "E13"},  // short break
        }),
        {k2023Q2}, kArea);
    EXPECT_EQ(row(set, "ceased"), (Values{2.0}));
    EXPECT_EQ(categories(set, "ceased_by_reason"), (std::vector<std::string>{"E11", "E4A"}));
    EXPECT_EQ(row(set, "ceased_by_reason", "E11"), (Values{1.0}));
    EXPECT_EQ(row(set, "ceased_by_reason", "E4A"), (Values{1.0}));
}

// --- placement stability ------------------------------------------------------------------------

TEST(Measures, ThreeOrMorePlacementsInTheTwelveMonthsToD) {
    // D = 31 March 2024; the 12 months are (31 March 2023, 31 March 2024].
    const MeasureSet set = compute_measures(
        make_dataset({
            // A: S (open into the year), P, T = 3 placements; L is not a placement change.
            {"A", "01/01/2023", "S", "C2", "10/04/2023", "X1"},
            {"A", "10/04/2023", "P", "C2", "01/09/2023", "X1"},
            {"A", "01/09/2023", "L", "E1", "01/12/2023", "X1"},
            {"A", "01/12/2023", "T", "E1"},
            // B: the S episode ended on 31 March 2023, not inside the 12 months: 2 placements.
            {"B", "01/01/2022", "S", "C2", "31/03/2023", "X1"},
            {"B", "31/03/2023", "P", "C2", "01/06/2023", "X1"},
            {"B", "01/06/2023", "B", "C2"},
            // C: 3 placements but no longer looked after at D.
            {"C", "01/05/2023", "S", "C2", "01/06/2023", "X1"},
            {"C", "01/06/2023", "P", "C2", "01/07/2023", "X1"},
            {"C", "01/07/2023", "U", "C2", "01/02/2024", "E13"},
            // D: the middle placement is a short break, which is not counted: 2 placements.
            {"D", "01/04/2023", "S", "C2", "01/05/2023", "X1"},
            {"D", "01/05/2023", "P", "V3", "01/06/2023", "X1"},
            {"D", "01/06/2023", "P", "C2"},
        }),
        {k2023Q4}, kArea);
    EXPECT_EQ(row(set, "looked_after"), (Values{3.0}));  // A, B, D
    EXPECT_EQ(row(set, "placements_3_or_more"), (Values{1.0}));
    MeasureSet with_ratios = set;
    derive_ratios(with_ratios, Population{});
    ASSERT_TRUE(with_ratios.value("placements_3_or_more_percent", 0).has_value());
    EXPECT_NEAR(*with_ratios.value("placements_3_or_more_percent", 0), 100.0 / 3.0, 1e-9);  // 1 of 3
}

// --- reviews ------------------------------------------------------------------------------------------

// Due dates (definitions.md): 20 working days after the start, then 3 months, then 6 months.
//   R1 starts Thu 28/03/2024 (Easter 29/03-01/04): first due Mon 29/04/2024.
//      29/04/2024 on time; next due 29/07/2024, held 30/07/2024 late; next due 30/01/2025,
//      held 30/01/2025 on time.
//   R2 starts 28/03/2024: first review 30/04/2024, a day late.
//   R3's first episode is a placement change (P), so its start is not observed: 01/02/2024
//      not assessed; 01/08/2024 due 01/08/2024 on time; 02/02/2025 due 01/02/2025 late.
//   R4's review of 10/01/2024 is before care began on 01/02/2024: not assessed.
//   R5 starts Thu 02/11/2023: first due Thu 30/11/2023, held then, on time; second due
//      29/02/2024 (30 February does not exist), held 01/03/2024 late; third due 01/09/2024,
//      held 30/08/2024 on time.
//   R6 starts Mon 01/01/2024 (a bank holiday, but the start day is not counted): first due
//      Mon 29/01/2024; the X1 change on 01/02/2024 continues the same period, so the second
//      review is due 29/04/2024, and is held then: both on time.
Dataset review_dataset() {
    return make_dataset(
        {
            {"R1", "28/03/2024", "S", "C2"},
            {"R2", "28/03/2024", "S", "C2"},
            {"R3", "01/01/2024", "P", "C2"},
            {"R4", "01/02/2024", "S", "C2"},
            {"R5", "02/11/2023", "S", "C2"},
            {"R6", "01/01/2024", "S", "C2", "01/02/2024", "X1"},
            {"R6", "01/02/2024", "P", "C2"},
        },
        review_row("R1", "29/04/2024", "PN2") + review_row("R1", "30/07/2024", "PN3") +
            review_row("R1", "30/01/2025", "PN1") + review_row("R2", "30/04/2024", "PN6") +
            review_row("R3", "01/02/2024", "PN7") + review_row("R3", "01/08/2024", "PN4") +
            review_row("R3", "02/02/2025", "PN1") + review_row("R4", "10/01/2024", "PN0") +
            review_row("R5", "30/11/2023", "PN1") + review_row("R5", "01/03/2024", "") +
            review_row("R5", "30/08/2024", "PN5") + review_row("R6", "29/01/2024", "PN1") +
            review_row("R6", "29/04/2024", "PN7"));
}

int child_index(const Dataset& data, const std::string& id) {
    for (std::size_t c = 0; c < data.children.size(); ++c)
        if (data.children[c].id == id) return static_cast<int>(c);
    ADD_FAILURE() << "no child " << id;
    return 0;
}

constexpr ReviewTiming kIn = ReviewTiming::in_timescale, kLate = ReviewTiming::late,
                       kNotAssessed = ReviewTiming::not_assessed;

TEST(Measures, ReviewTimingsFollowTheDueDates) {
    const Dataset data = review_dataset();
    using T = std::vector<ReviewTiming>;
    EXPECT_EQ(review_timings(data, child_index(data, "R1")), (T{kIn, kLate, kIn}));
    EXPECT_EQ(review_timings(data, child_index(data, "R2")), (T{kLate}));
    EXPECT_EQ(review_timings(data, child_index(data, "R3")), (T{kNotAssessed, kIn, kLate}));
    EXPECT_EQ(review_timings(data, child_index(data, "R4")), (T{kNotAssessed}));
    EXPECT_EQ(review_timings(data, child_index(data, "R5")), (T{kIn, kLate, kIn}));
    EXPECT_EQ(review_timings(data, child_index(data, "R6")), (T{kIn, kIn}));
}

TEST(Measures, ANewPeriodOfCareRestartsTheTwentyWorkingDayClock) {
    // First period 01/01/2024-31/01/2024 (review 29/01/2024 on time). The second starts Fri
    // 01/03/2024: 20 working days, skipping Good Friday 29/03 and Easter Monday 01/04, is Tue
    // 02/04/2024, so a review on 03/04/2024 is late (it would be on time if it were due 3
    // months after the 29 January review).
    const Dataset data = make_dataset({{"R7", "01/01/2024", "S", "C2", "31/01/2024", "E13"},
                                       {"R7", "01/03/2024", "S", "C2"}},
                                      review_row("R7", "29/01/2024", "PN1") + review_row("R7", "03/04/2024", "PN1"));
    EXPECT_EQ(review_timings(data, 0), (std::vector<ReviewTiming>{kIn, kLate}));
}

TEST(Measures, ReviewsHeldAndInTimescaleByQuarter) {
    // Window 2023-24 Q3 ... 2024-25 Q4. Reviews by quarter, from the timings above:
    //   2023-24 Q3: R5 30/11 on time                                   held 1, on time 1
    //   2023-24 Q4: R4 10/01 n/a, R6 29/01 on time, R3 01/02 n/a,
    //               R5 01/03 late                                      held 4, on time 1, n/a 2
    // The percentage is of the reviews that can be assessed: held less not assessed.
    //   2024-25 Q1: R1 29/04 on time, R2 30/04 late, R6 29/04 on time  held 3, on time 2
    //   2024-25 Q2: R1 30/07 late, R3 01/08 on time, R5 30/08 on time  held 3, on time 2
    //   2024-25 Q3: none                                               held 0
    //   2024-25 Q4: R1 30/01 on time, R3 02/02 late                    held 2, on time 1
    MeasureSet set = compute_measures(review_dataset(), quarters(k2023Q3, Quarter{2024, 4}), kArea);
    EXPECT_EQ(row(set, "reviews_held"), (Values{1.0, 4.0, 3.0, 3.0, 0.0, 2.0}));
    EXPECT_EQ(row(set, "reviews_in_timescale"), (Values{1.0, 1.0, 2.0, 2.0, 0.0, 1.0}));
    EXPECT_EQ(row(set, "reviews_timescale_not_assessed"), (Values{0.0, 2.0, 0.0, 0.0, 0.0, 0.0}));

    derive_ratios(set, Population{});
    const Values percent = row(set, "reviews_in_timescale_percent");
    ASSERT_EQ(percent.size(), 6u);
    EXPECT_DOUBLE_EQ(percent[0].value_or(-1), 100.0);
    EXPECT_DOUBLE_EQ(percent[1].value_or(-1), 50.0);  // 1 of 4 - 2
    EXPECT_NEAR(percent[2].value_or(-1), 200.0 / 3.0, 1e-9);
    EXPECT_NEAR(percent[3].value_or(-1), 200.0 / 3.0, 1e-9);
    EXPECT_FALSE(percent[4].has_value());  // no reviews held: no percentage
    EXPECT_DOUBLE_EQ(percent[5].value_or(-1), 50.0);
}

TEST(Measures, ReviewParticipation) {
    // By quarter (codes from review_dataset):
    //   2023-24 Q3: PN1                    -> 1 of 1 = 100%
    //   2023-24 Q4: PN0, PN1, PN7, (empty) -> PN0 and not recorded left out: 1 of 2 = 50%
    //   2024-25 Q1: PN2, PN6, PN7          -> 2 of 3
    //   2024-25 Q2: PN3, PN4, PN5          -> 3 of 3 = 100%
    //   2024-25 Q3: none                   -> no percentage
    //   2024-25 Q4: PN1, PN1               -> 100%
    MeasureSet set = compute_measures(review_dataset(), quarters(k2023Q3, Quarter{2024, 4}), kArea);
    EXPECT_EQ(categories(set, "reviews_by_participation"),
              (std::vector<std::string>{"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7", "not_recorded"}));
    EXPECT_EQ(row(set, "reviews_by_participation", "PN1"), (Values{1.0, 1.0, 0.0, 0.0, 0.0, 2.0}));
    EXPECT_EQ(row(set, "reviews_by_participation", "PN7"), (Values{0.0, 1.0, 1.0, 0.0, 0.0, 0.0}));
    EXPECT_EQ(row(set, "reviews_by_participation", "not_recorded"), (Values{0.0, 1.0, 0.0, 0.0, 0.0, 0.0}));
    derive_ratios(set, Population{});
    const Values percent = row(set, "reviews_participation_percent");
    ASSERT_EQ(percent.size(), 6u);
    EXPECT_DOUBLE_EQ(percent[0].value_or(-1), 100.0);
    EXPECT_DOUBLE_EQ(percent[1].value_or(-1), 50.0);
    EXPECT_NEAR(percent[2].value_or(-1), 200.0 / 3.0, 1e-9);
    EXPECT_DOUBLE_EQ(percent[3].value_or(-1), 100.0);
    EXPECT_FALSE(percent[4].has_value());
    EXPECT_DOUBLE_EQ(percent[5].value_or(-1), 100.0);
}

TEST(PeriodsOfCare, EpisodesAreJoinedWhileEachStartsByTheEndSoFar) {
    const Dataset data = make_dataset({
        // Period 1: S to 31/01, then a P starting inside it and running to 01/03.
        {"A", "01/01/2024", "S", "C2", "31/01/2024", "X1"},
        {"A", "15/01/2024", "P", "C2", "01/03/2024", "E13"},
        // A gap, then period 2 begins with a placement change: start not observed, still open.
        {"A", "10/03/2024", "P", "C2"},
        {"A", "01/05/2024", "T", "C2", "01/06/2024", "X1"},
    });
    const std::vector<PeriodOfCare> periods = periods_of_care(data, 0);
    ASSERT_EQ(periods.size(), 2u);
    EXPECT_EQ(periods[0].start, ymd(2024, 1, 1));
    EXPECT_EQ(periods[0].end, ymd(2024, 3, 1));
    EXPECT_TRUE(periods[0].start_observed);
    EXPECT_EQ(periods[1].start, ymd(2024, 3, 10));
    EXPECT_FALSE(periods[1].end.has_value());  // open: one of its episodes is open
    EXPECT_FALSE(periods[1].start_observed);
}

// --- measure set shape ----------------------------------------------------------------------------

TEST(Measures, MeasuresComeInTheCanonicalOrderWithTheirPeriodKinds) {
    MeasureSet set = compute_measures(review_dataset(), {k2023Q4}, kArea);
    derive_ratios(set, Population(50000.0));
    std::vector<std::string> keys;
    for (const Measure& m : set.measures) keys.push_back(m.key);
    EXPECT_EQ(keys, (std::vector<std::string>{
                        "looked_after", "looked_after_rate_per_10000", "looked_after_by_legal_status",
                        "looked_after_by_legal_status_group", "looked_after_by_placement",
                        "looked_after_by_placement_group", "looked_after_by_provider",
                        "looked_after_fostering_by_provider", "looked_after_by_age", "looked_after_by_sex",
                        "looked_after_by_ethnicity", "looked_after_by_ethnic_code", "placements_3_or_more",
                        "placements_3_or_more_percent", "long_term_cohort", "long_term_same_placement", "started", "started_by_need", "started_by_legal_status",
                        "started_by_age", "started_by_sex", "started_by_ethnicity", "started_by_placement_group",
                        "started_occasions", "ceased", "ceased_by_reason", "ceased_by_reason_group",
                        "reviews_held", "reviews_in_timescale", "reviews_in_timescale_percent",
                        "reviews_timescale_not_assessed", "reviews_by_sequence", "reviews_in_timescale_by_sequence",
                        "reviews_children_assessed", "reviews_children_all_in_timescale",
                        "reviews_children_all_in_timescale_percent", "reviews_short_break",
                        "reviews_by_participation", "reviews_participation_percent",
                        // from the episodes alone; the other tables' measures need their tables
                        "adopted", "adoption_children_care_to_moving_in"}));
    EXPECT_EQ(set.area_code, kArea);
    EXPECT_EQ(set.quarters, (std::vector<Quarter>{k2023Q4}));
    EXPECT_EQ(set.find("looked_after")->kind, PeriodKind::at_date);
    EXPECT_EQ(set.find("placements_3_or_more")->kind, PeriodKind::at_date);
    EXPECT_EQ(set.find("started")->kind, PeriodKind::over_period);
    EXPECT_EQ(set.find("reviews_held")->kind, PeriodKind::over_period);
    EXPECT_EQ(set.find("looked_after_rate_per_10000")->decimals, 1);
    EXPECT_EQ(set.find("looked_after")->decimals, 0);
}

// --- derive_ratios ------------------------------------------------------------------------------------

Measure total(const std::string& key, Values values) {
    Measure m;
    m.key = key;
    m.kind = measure_def(key).period;
    m.decimals = measure_def(key).decimals;
    m.categories = {"Total"};
    m.values = {std::move(values)};
    return m;
}

TEST(DeriveRatios, PercentagesAndRateFromCounts) {
    MeasureSet set;
    set.area_code = kArea;
    set.quarters = {k2023Q3, k2023Q4};
    set.put(total("looked_after", {40.0, 0.0}));
    set.put(total("placements_3_or_more", {5.0, 0.0}));
    set.put(total("reviews_held", {8.0, 0.0}));
    set.put(total("reviews_in_timescale", {7.0, 0.0}));
    Measure participation;
    participation.key = "reviews_by_participation";
    participation.kind = PeriodKind::over_period;
    participation.categories = {"PN0", "PN1", "PN5", "PN7", "not_recorded"};
    participation.values = {{3.0, 0.0}, {2.0, 0.0}, {1.0, 0.0}, {1.0, 0.0}, {1.0, 0.0}};
    set.put(participation);
    // A stale figure is replaced, not kept.
    set.put(total("placements_3_or_more_percent", {99.0, 99.0}));

    derive_ratios(set, Population(52000.0));
    // 5 / 40 = 12.5%; 7 / 8 = 87.5%; (PN1 + PN5) / (PN1 + PN5 + PN7) = 3 / 4 = 75%;
    // 40 / 52,000 x 10,000 = 7.6923...; the second quarter has zero denominators: no value.
    EXPECT_EQ(row(set, "placements_3_or_more_percent"), (Values{12.5, std::nullopt}));
    EXPECT_EQ(row(set, "reviews_in_timescale_percent"), (Values{87.5, std::nullopt}));
    EXPECT_EQ(row(set, "reviews_participation_percent"), (Values{75.0, std::nullopt}));
    const Values rate = row(set, "looked_after_rate_per_10000");
    ASSERT_EQ(rate.size(), 2u);
    EXPECT_NEAR(rate[0].value_or(-1), 40.0 / 52000.0 * 10000.0, 1e-9);
    EXPECT_NEAR(rate[0].value_or(-1), 7.6923, 1e-4);
    EXPECT_DOUBLE_EQ(rate[1].value_or(-1), 0.0);  // 0 children is a rate of 0
}

TEST(DeriveRatios, ARateUsesThePopulationOfItsFinancialYear) {
    // Estimates for 2022-23 (40,000) and 2024-25 (50,000): 2023-24 takes the one before it, a
    // year before every estimate the earliest, a later one the latest; one figure for every year
    // (the config's) wins.
    Population by_year;
    by_year.by_year = {{2023, 40000.0}, {2025, 50000.0}};
    EXPECT_EQ(by_year.for_year(2022), 40000.0);
    EXPECT_EQ(by_year.for_year(2023), 40000.0);
    EXPECT_EQ(by_year.for_year(2024), 40000.0);
    EXPECT_EQ(by_year.for_year(2025), 50000.0);
    EXPECT_EQ(by_year.for_year(2030), 50000.0);
    Population configured(45000.0);
    configured.by_year = by_year.by_year;
    EXPECT_EQ(configured.for_year(2023), 45000.0);
    EXPECT_FALSE(Population{}.for_year(2023));

    // 100 children on 31 March 2023 (2022-23 Q4) and on 30 June 2024 (2024-25 Q1).
    MeasureSet set;
    set.area_code = kArea;
    set.quarters = {Quarter{2022, 4}, Quarter{2024, 1}};
    set.put(total("looked_after", {100.0, 100.0}));
    derive_ratios(set, by_year);
    // 100 / 40,000 x 10,000 = 25; 100 / 50,000 x 10,000 = 20.
    EXPECT_EQ(row(set, "looked_after_rate_per_10000"), (Values{25.0, 20.0}));
}

TEST(DeriveRatios, StalePercentageGoesWhenNoQuarterHasADenominator) {
    // compute.hpp: derive_ratios replaces any percentage already present (for example one read
    // from a measures.csv), and definitions.md: "A percentage whose denominator is 0 is left
    // out". With no child looked after in any quarter, nothing may be left of the old 40%.
    MeasureSet set;
    set.quarters = {k2023Q3, k2023Q4};
    set.put(total("looked_after", {0.0, 0.0}));
    set.put(total("placements_3_or_more", {0.0, 0.0}));
    set.put(total("placements_3_or_more_percent", {40.0, 40.0}));
    derive_ratios(set, Population{});
    const Measure* percent = set.find("placements_3_or_more_percent");
    if (percent) {
        EXPECT_EQ(percent->values, (std::vector<Values>{{std::nullopt, std::nullopt}}));
    }
}

TEST(DeriveRatios, NoRateWithoutAPopulation) {
    MeasureSet set;
    set.quarters = {k2023Q4};
    set.put(total("looked_after", {40.0}));
    derive_ratios(set, Population{});
    EXPECT_EQ(set.find("looked_after_rate_per_10000"), nullptr);
}

// --- data as at and the window --------------------------------------------------------------------

TEST(Window, DataAsAtIsConfiguredElseLatestReturnElseLatestDate) {
    const Dataset dated = make_dataset({{"A1", "01/06/2022", "S", "C2", "10/10/2023", "E13"}}, "", std::nullopt, 2024);
    EXPECT_EQ(data_as_at(dated, {}), ymd(2024, 3, 31));  // 31 March of the 2024 return
    WindowOptions configured;
    configured.as_at = ymd(2024, 2, 14);
    EXPECT_EQ(data_as_at(dated, configured), ymd(2024, 2, 14));

    // Undated: the latest DECOM, DEC or REVIEW.
    const Dataset undated = make_dataset({{"A1", "01/06/2022", "S", "C2", "10/10/2023", "E13"}},
                                         review_row("A1", "01/09/2023", "PN1"));
    EXPECT_EQ(data_as_at(undated, {}), ymd(2023, 10, 10));
    EXPECT_EQ(data_as_at(Dataset{}, {}), std::nullopt);
}

TEST(Window, ThreeCompleteFinancialYearsByDefault) {
    // 15 May 2025 is in 2025-26 Q1, which has not ended: the window ends at 2024-25 Q4 and
    // starts 11 quarters earlier, at 2022-23 Q1.
    const std::vector<Quarter> window = reporting_window(ymd(2025, 5, 15), {});
    EXPECT_EQ(window, quarters(Quarter{2022, 1}, Quarter{2024, 4}));
    EXPECT_EQ(window.size(), 12u);
    // On 31 March the year is complete.
    EXPECT_EQ(reporting_window(ymd(2025, 3, 31), {}).back(), (Quarter{2024, 4}));
    // A day earlier it is not, and the window ends at the year before's quarter 4, even though
    // three quarters of 2024-25 have ended: the default window is made of whole years.
    EXPECT_EQ(reporting_window(ymd(2025, 3, 30), {}).back(), (Quarter{2023, 4}));
    EXPECT_EQ(reporting_window(ymd(2025, 3, 30), {}).front(), (Quarter{2021, 1}));
    EXPECT_EQ(reporting_window(ymd(2024, 12, 31), {}).back(), (Quarter{2023, 4}));
}

TEST(Window, ConfiguredEndAndLength) {
    WindowOptions options;
    options.end = Quarter{2023, 2};
    options.quarters = 4;
    // Four quarters ending 2023-24 Q2, whatever the data-as-at date.
    EXPECT_EQ(reporting_window(ymd(2025, 5, 15), options), quarters(Quarter{2022, 3}, Quarter{2023, 2}));
}

}  // namespace
}  // namespace careboard

namespace careboard {
namespace {

// Long-term stability at 31 March 2025 (docs/definitions.md): children born 1 January 2012 (13
// on that day), in care since 2021 unless said otherwise.
TEST(Measures, LongTermStabilityFollowsThePlacementBackThroughJoinedEpisodes) {
    const Dataset data = make_dataset({
        // A: one placement since 2021: cohort and same placement.
        {"A", "01/04/2021", "S", "C2"},
        // B: a change of legal status only a year ago, joined without a gap: the same placement.
        {"B", "01/04/2021", "S", "C1", "01/04/2024", "X1"},
        {"B", "01/04/2024", "L", "C2"},
        // C: moved a year ago: in the cohort, not in the same placement.
        {"C", "01/04/2021", "S", "C1", "01/04/2024", "X1"},
        {"C", "01/04/2024", "P", "C2"},
        // D: a gap of a day a year ago, then an RNE L episode: the placement starts after the gap,
        // and so does the period of care (2.5 years not reached): not in the cohort.
        {"D", "01/04/2021", "S", "C1", "31/03/2024", "E13"},
        {"D", "01/04/2024", "L", "C2"},
        // E: in care since April 2021; a foster placement (RNE P) from 1 October 2022, then placed
        // for adoption (A5) on 1 June 2024, joined: the adoptive placement counts with the foster
        // placement before it, which began 29 months before 31 March 2025: the same placement.
        {"E", "01/04/2021", "S", "C2", "01/10/2022", "X1", "N1", "U4"},
        {"E", "01/10/2022", "P", "C2", "01/06/2024", "X1", "N1", "U4"},
        {"E", "01/06/2024", "P", "E1", "", "", "N1", "A5"},
        // F: in care only since 1 May 2023: not in the cohort.
        {"F", "01/05/2023", "S", "C2"},
    });
    MeasureSet set = compute_measures(data, {Quarter{2024, 4}}, kArea);
    // Cohort: A, B, C, E (D's period began 1 April 2024; F's in May 2023).
    EXPECT_EQ(set.value("long_term_cohort", 0), 4.0);
    // Same placement for 2 years: A (since 2021), B (the L episode continues it), E (adoptive
    // placement from June 2024 with the foster placement from October 2022: 29 months); not C.
    EXPECT_EQ(set.value("long_term_same_placement", 0), 3.0);
    derive_ratios(set, Population{});
    EXPECT_DOUBLE_EQ(set.value("long_term_stability_percent", 0).value_or(-1), 75.0);
}

TEST(Measures, LongTermStabilityLeavesOutChildrenAged16AndThoseWithoutADateOfBirth) {
    const Dataset data = make_dataset({{"G", "01/04/2020", "S", "C2"}, {"H", "01/04/2020", "S", "C2"},
                                       {"I", "01/04/2020", "S", "C2"}},
                                      "",
                                      header_row("G", "1", "31/03/2009", "WBRI") +  // 16 on 31 March 2025
                                          header_row("H", "1", "", "WBRI") + header_row("I", "2", "01/04/2009", "WBRI"));
    const MeasureSet set = compute_measures(data, {Quarter{2024, 4}}, kArea);
    EXPECT_EQ(set.value("long_term_cohort", 0), 1.0);  // I, 15 until 1 April
    EXPECT_EQ(set.value("long_term_same_placement", 0), 1.0);
}

}  // namespace
}  // namespace careboard

namespace careboard {
namespace {

// Months ([window] months): counted like quarters over their own dates; a child who starts twice
// in a quarter, in April and in May, counts once in each month and once in the quarter.
TEST(Measures, MonthsAreCountedOverTheirOwnDates) {
    const Dataset data = make_dataset({
        {"M1", "10/04/2024", "S", "C1", "20/04/2024", "E13"},
        {"M1", "15/05/2024", "S", "C1"},
        {"M2", "01/06/2024", "S", "V2"},
    });
    const MeasureSet set = compute_measures(data, {Quarter{2024, 1}}, kArea, true);
    ASSERT_EQ(set.months.size(), 3u);
    EXPECT_EQ(set.months.front(), (YearMonth{2024, 4}));
    auto at = [&](const char* key, std::size_t p) { return set.value(key, p).value_or(-1); };
    EXPECT_EQ(at("started", 0), 2.0);                         // the quarter: M1 once, M2
    EXPECT_EQ(at("started", set.month_period(0)), 1.0);       // April: M1
    EXPECT_EQ(at("started", set.month_period(1)), 1.0);       // May: M1 again
    EXPECT_EQ(at("started", set.month_period(2)), 1.0);       // June: M2
    EXPECT_EQ(at("looked_after", set.month_period(0)), 0.0);  // 30 April: M1 left on the 20th
    EXPECT_EQ(at("looked_after", set.month_period(1)), 1.0);  // 31 May
    EXPECT_EQ(at("looked_after", set.month_period(2)), at("looked_after", 0));  // 30 June: the quarter's
    EXPECT_EQ(set.period_label(set.month_period(1)), "May 2024");
    EXPECT_EQ(set.period_start(set.month_period(1)), ymd(2024, 5, 1));
    EXPECT_EQ(set.period_end(set.month_period(1)), ymd(2024, 5, 31));
}

}  // namespace
}  // namespace careboard
