// What real exports get wrong that careboard would otherwise count silently (docs/input.md):
// a date after its return's year, one mistyped year in undated data, and files that pool several
// authorities in an LA column.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "support/diagnostics.hpp"
#include "support/run.hpp"

namespace careboard {
namespace {

using testing::messages;

bool has_code(const Diagnostics& diagnostics, const std::string& code) {
    for (const Diagnostic& d : diagnostics.items())
        if (d.code == code) return true;
    return false;
}

ReturnText csv_return(int year, const std::string& header, const std::string& episodes, const std::string& reviews) {
    ReturnText r;
    r.year = year;
    const std::string dir = year ? std::to_string(year) + "/" : "";
    r.header_name = dir + "header.csv";
    r.episodes_name = dir + "episodes.csv";
    r.reviews_name = dir + "reviews.csv";
    r.header = header;
    r.episodes = episodes;
    r.reviews = reviews;
    return r;
}

const std::string kHeader = "CHILD,SEX,DOB,ETHNIC\n";
const std::string kEpisodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n";
const std::string kReviews = "CHILD,REVIEW,REVIEW_CODE\n";

TEST(ExportQuirks, ADateAfterItsReturnsYearIsWarnedAboutWhereItIs) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {csv_return(2024, kHeader + "A,1,01/01/2012,WBRI\n",
                    kEpisodes + "A,01/04/2023,S,C2,N1,U4,PR1,01/05/2104,E11\nA,01/05/2104,P,C2,N1,U4,PR1,,\n",
                    kReviews + "A,05/04/2024,PN1\n")},
        diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "2024/episodes.csv:2:8: warning: DEC: 2104-05-01 is after the end of the 2023-24 return's collection "
                  "year (31 March 2024): is its year mistyped? [W204]",
                  "2024/episodes.csv:3:2: warning: DECOM: 2104-05-01 is after the end of the 2023-24 return's collection "
                  "year (31 March 2024): is its year mistyped? [W204]",
                  "2024/reviews.csv:2:2: warning: REVIEW: 2024-04-05 is after the end of the 2023-24 return's "
                  "collection year (31 March 2024): is its year mistyped? [W204]"}));
    EXPECT_EQ(data.episodes.size(), 2u);  // counted as written
}

// `children` children's episodes over 2022 and 2023 (two dates each), and one more child's
// episode ending on `last_dec`.
std::string many_episodes(const std::string& last_dec, int children = 60) {
    std::string rows = kEpisodes;
    for (int c = 0; c < children; ++c) {
        const std::string child = "C" + std::to_string(c);
        const std::string day = std::string(c % 28 + 1 < 10 ? "0" : "") + std::to_string(c % 28 + 1);
        rows += child + "," + day + "/0" + std::to_string(c % 9 + 1) + "/2022,S,C2,N1,U4,PR1," + day + "/0" +
                std::to_string(c % 9 + 1) + "/2023,E11\n";
    }
    rows += "Z,01/06/2023,S,C2,N1,U4,PR1," + last_dec + ",E11\n";
    return rows;
}

TEST(ExportQuirks, OneMistypedYearInUndatedDataDoesNotMoveTheWindow) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset({csv_return(0, kHeader, many_episodes("01/07/2105"), kReviews)}, diagnostics);
    ASSERT_TRUE(data.latest_event);
    EXPECT_EQ(*data.latest_event, Date::from_ymd(2023, 9, 27));  // the latest DEC of the 60 children
    std::vector<std::string> w205;
    for (const std::string& m : messages(diagnostics))
        if (m.find("[W205]") != std::string::npos) w205.push_back(m);
    EXPECT_EQ(w205, (std::vector<std::string>{
                        "episodes.csv:62: warning: DEC: 2105-07-01 is more than a year after every other date in the "
                        "data (the latest is 2023-09-27): is its year mistyped? The window ends at 2023-09-27; the row "
                        "is counted as written [W205]"}));
}

TEST(ExportQuirks, DatesSpreadOverYearsAreNotMistakenForAMistypedYear) {
    // A date 2 years after the rest is one of many dates there (more than 1% of them), or there
    // are too few dates to tell: the window ends at the latest date.
    Diagnostics few;
    const Dataset tiny = build_dataset(
        {csv_return(0, kHeader, kEpisodes + "A,01/04/2010,S,C2,N1,U4,PR1,01/04/2015,E11\n", kReviews)}, few);
    EXPECT_EQ(*tiny.latest_event, Date::from_ymd(2015, 4, 1));
    EXPECT_FALSE(has_code(few, "W205"));
    Diagnostics spread;
    const Dataset later = build_dataset({csv_return(0, kHeader, many_episodes("01/07/2025", 40), kReviews)}, spread);
    EXPECT_EQ(*later.latest_event, Date::from_ymd(2025, 7, 1));  // 1 of 82 dates: more than 1%
    EXPECT_FALSE(has_code(spread, "W205"));
    // Dated returns bound their own dates (W204), and the window ends at the latest return.
    Diagnostics dated;
    const Dataset returns = build_dataset({csv_return(2105, kHeader, many_episodes("01/07/2105"), kReviews)}, dated);
    EXPECT_EQ(*returns.latest_event, Date::from_ymd(2105, 7, 1));
}

// Three authorities in one file, as a regional pool exports them.
std::vector<ReturnText> pooled() {
    return {csv_return(2024, "CHILD,SEX,DOB,ETHNIC,LA\nA,1,01/01/2012,WBRI,Bromley\nB,2,01/01/2013,WBRI,Southwark\n"
                             "C,2,01/01/2013,WBRI,southwark \nD,1,01/01/2011,WBRI,Hillingdon\n",
                       "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,LA\n"
                       "A,01/04/2023,S,C2,N1,U4,PR1,,,Bromley\nB,01/05/2023,S,C2,N1,U4,PR1,,,Southwark\n"
                       "C,01/06/2023,S,C2,N1,U4,PR1,,,Southwark\nD,01/07/2023,S,C2,N1,U4,PR1,,,Hillingdon\n",
                       kReviews + "B,01/06/2023,PN1\n")};
}

TEST(ExportQuirks, AFileOfSeveralAuthoritiesIsWarnedAboutAndCountedAsOne) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(pooled(), diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "2024/header.csv:3:5: warning: LA: this file holds rows of 3 authorities ('Bromley' 1 rows, "
                  "'Hillingdon' 1, 'Southwark' 2), all counted together as one; set [data] la to the one to count [W206]",
                  "2024/episodes.csv:3:10: warning: LA: this file holds rows of 3 authorities ('Bromley' 1 rows, "
                  "'Hillingdon' 1, 'Southwark' 2), all counted together as one; set [data] la to the one to count [W206]"}));
    EXPECT_EQ(data.episodes.size(), 4u);
}

TEST(ExportQuirks, TheConfigChoosesTheAuthorityOfAPooledFile) {
    Diagnostics diagnostics;
    IngestOptions options;
    options.la = "SOUTHWARK";  // matched without regard to case or spaces around it
    const Dataset data = build_dataset(pooled(), diagnostics, options);
    EXPECT_TRUE(diagnostics.items().empty()) << messages(diagnostics).front();
    ASSERT_EQ(data.episodes.size(), 2u);
    EXPECT_EQ(data.children[static_cast<std::size_t>(data.episodes[0].child)].id, "B");
    EXPECT_EQ(data.children[static_cast<std::size_t>(data.episodes[1].child)].id, "C");
    EXPECT_EQ(data.reviews.size(), 1u);  // reviews.csv has no LA column: every row is the authority's
    EXPECT_EQ(data.files[1].rows_read, 4);
    EXPECT_EQ(data.files[1].rows_kept, 2);
}

TEST(ExportQuirks, AnAuthorityThatNoLaColumnHoldsIsAnError) {
    Diagnostics diagnostics;
    IngestOptions options;
    options.la = "Croydon";
    options.la_file = "careboard.toml";
    options.la_line = 7;
    options.la_column = 6;
    build_dataset(pooled(), diagnostics, options);
    ASSERT_FALSE(diagnostics.items().empty());
    EXPECT_EQ(messages(diagnostics).front(),
              (std::string{"careboard.toml:7:6: error: data.la: no row's LA is 'Croydon'; the 903 files' LA "
                                        "columns hold 'Bromley' (2 rows), 'Hillingdon' (2 rows), 'Southwark' (4 rows) [E012]"}));
    EXPECT_EQ(diagnostics.error_count(), 1u);
    Diagnostics without;
    build_dataset({csv_return(2024, kHeader, kEpisodes, kReviews)}, without, options);
    EXPECT_EQ(messages(without),
              (std::vector<std::string>{"careboard.toml:7:6: warning: data.la: 'Croydon' is set, but no 903 file has an "
                                        "LA column: every row is read [W207]"}));
}

// Lower-case names are read (`child` is CHILD); a name that is not the 903's is said with what
// the file has instead.
TEST(ExportQuirks, AMissingColumnIsSaidWithTheColumnsThatLookLikeIt) {
    Diagnostics diagnostics;
    build_dataset({csv_return(2024, " child ,sex,dob,ethnic\nA,1,01/01/2012,WBRI\n",
                              "Child_ID,DECOM,RNE,LS,CIN,PL,PLACE_PROVIDER,DEC,REC,URN\n", kReviews)},
                  diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "2024/episodes.csv:1: error: missing column 'CHILD' (is 'Child_ID' it? name it CHILD); the file's "
                  "columns that are not read: Child_ID, PL, URN [E101]",
                  "2024/episodes.csv:1: error: missing column 'PLACE' (is 'PL' it? name it PLACE); the file's columns "
                  "that are not read: Child_ID, PL, URN [E101]"}));
}

// A pooled regional file may come without reviews: the returns build, and the review figures
// are not there (not zeros), with the reason given where they would be shown.
TEST(ExportQuirks, ReturnsWithoutAnyReviewsTableBuildWithoutReviewFigures) {
    testing::TempDir tmp("no-reviews");
    const std::filesystem::path dir = tmp.path / "data";
    for (const char* year : {"2024", "2025"}) {
        std::filesystem::create_directories(dir / year);
        testing::spit(dir / year / "header.csv", kHeader + "A,1,01/01/2012,WBRI\n");
        testing::spit(dir / year / "episodes.csv", kEpisodes + "A,01/04/2023,S,C2,N1,U4,PR1,,\n");
    }
    Diagnostics diagnostics;
    const Dataset data = load_dataset(discover_data_folder(dir.string(), diagnostics), diagnostics);
    EXPECT_FALSE(diagnostics.has_errors()) << messages(diagnostics).front();
    EXPECT_FALSE(data.has_reviews);
    const MeasureSet set = compute_measures(data, {Quarter{2023, 1}, Quarter{2023, 2}, Quarter{2023, 3}, Quarter{2023, 4}}, "E1");
    EXPECT_NE(set.find("looked_after"), nullptr);
    EXPECT_EQ(set.find("reviews_held"), nullptr);
    EXPECT_EQ(set.unavailable, (std::vector<std::string>{"The 903 files have no reviews table, so there are no figures of reviews."}));

    // One return with reviews and one without would undercount the other's years: an error.
    testing::spit(dir / "2025" / "reviews.csv", kReviews + "A,01/06/2024,PN1\n");
    Diagnostics partial;
    load_dataset(discover_data_folder(dir.string(), partial), partial);
    EXPECT_EQ(messages(partial),
              (std::vector<std::string>{(dir / "2024" / "reviews.csv").string() +
                                        ": error: missing file: the 2024 return has no reviews table (a file whose name "
                                        "ends in reviews.csv) [E006]"}));
}

}  // namespace
}  // namespace careboard
