// Reading, validating and stitching SSDA903 returns (ingest/ssda903.hpp), and finding the
// return files in a data folder (docs/definitions.md, "Inputs and stitching").
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/ssda903.hpp"
#include "support/diagnostics.hpp"

namespace careboard {
namespace {

// The column lists of domain.md, as a case-management system exports them.
const std::string kHeader = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";
const std::string kEpisodes =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
const std::string kReviews = "CHILD,DOB,REVIEW,REVIEW_CODE\n";

// One episodes line: the nine counted fields, then the four that careboard does not read.
std::string episode(const std::string& child, const std::string& decom, const std::string& rne,
                    const std::string& ls, const std::string& dec = "", const std::string& rec = "",
                    const std::string& place = "U4", const std::string& cin = "N1") {
    return child + "," + decom + "," + rne + "," + ls + "," + cin + "," + place + ",PR1," + dec + "," + rec +
           ",,AB1 2CD,AB3 4EF,\n";
}

ReturnText make_return(int year, const std::string& header, const std::string& episodes,
                       const std::string& reviews, const std::string& prefix = "") {
    ReturnText r;
    r.year = year;
    r.header_name = prefix + "header.csv";
    r.episodes_name = prefix + "episodes.csv";
    r.reviews_name = prefix + "reviews.csv";
    r.header = kHeader + header;
    r.episodes = kEpisodes + episodes;
    r.reviews = kReviews + reviews;
    return r;
}

using testing::messages;

Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d); }

const SourceFile& file_of(const Dataset& data, const SourceRef& ref) {
    return data.files.at(static_cast<std::size_t>(ref.file));
}

// --- errors: the row is not used --------------------------------------------------------------

TEST(Ssda903, ImpossibleDecomIsAnErrorAtTheDecomField) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "31/02/2023", "S", "C2"), "")}, diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "episodes.csv:2:2: error: DECOM: '31/02/2023' is not a date that exists [E111]"}));
    EXPECT_TRUE(data.episodes.empty());
}

TEST(Ssda903, MalformedAndEmptyDecomAreErrors) {
    Diagnostics diagnostics;
    build_dataset({make_return(0, "A1,1,01/01/2015,WBRI,,,\n",
                               episode("A1", "2023/04/01", "S", "C2") + episode("A1", "", "S", "C2"), "")},
                  diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "episodes.csv:2:2: error: DECOM: expected a date as dd/mm/yyyy or yyyy-mm-dd, found "
                  "'2023/04/01' [E110]",
                  "episodes.csv:3:2: error: DECOM: is empty; expected a date as dd/mm/yyyy or yyyy-mm-dd [E112]"}));
}

TEST(Ssda903, DecBeforeDecomIsAnErrorAtTheDecField) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "05/01/2023", "S", "C2", "01/01/2023", "E13"), "")},
        diagnostics);
    // DEC is the 8th field of the episodes file.
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "episodes.csv:2:8: error: DEC: 01/01/2023 is before DECOM 05/01/2023 [E113]"}));
    EXPECT_TRUE(data.episodes.empty());
}

TEST(Ssda903, EmptyChildIsAnError) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset({make_return(0, "A1,1,01/01/2015,WBRI,,,\n",
                                                    episode("A1", "01/04/2023", "S", "C2") +
                                                        episode("", "01/05/2023", "S", "C2"),
                                                    "")},
                                       diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "episodes.csv:3:1: error: CHILD: is empty; every row needs the child's pseudonym [E114]"}));
    EXPECT_EQ(data.episodes.size(), 1u);
}

TEST(Ssda903, MissingColumnIsAnErrorAndTheTableIsNotRead) {
    Diagnostics diagnostics;
    ReturnText r = make_return(0, "A1,1,01/01/2015,WBRI,,,\n", "", "");
    r.episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,REC\nA1,01/04/2023,S,C2,N1,U4,PR1,\n";
    const Dataset data = build_dataset({r}, diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"episodes.csv:1: error: missing column 'DEC' [E101]"}));
    EXPECT_TRUE(data.episodes.empty());
}

TEST(Ssda903, StructuralCsvProblemsAreReportedToo) {
    Diagnostics diagnostics;
    build_dataset({make_return(0, "A1,1,01/01/2015,WBRI,,,\n", "A1,01/04/2023,S\n", "")}, diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].code, "E106");
    EXPECT_EQ(diagnostics.items()[0].line, 2);
}

// --- warnings: the row is used ------------------------------------------------------------------

TEST(Ssda903, UnknownCodeIsAWarningAndTheRowIsKept) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "01/04/2023", "S", "Q9"), "")}, diagnostics);
    // LS is the 4th field; the message lists the first eight legal status codes.
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"episodes.csv:2:4: warning: LS: 'Q9' is not a legal status code "
                                        "(C1, C2, D1, E1, V2, L1, L2, L3 ...) [W101]"}));
    ASSERT_EQ(data.episodes.size(), 1u);
    EXPECT_EQ(data.episodes[0].ls, "Q9");
}

TEST(Ssda903, CodesAreTrimmedAndCaseSensitive) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\n", "A1,01/04/2023, S , c2 ,N1,U4,PR1,,,,,,\n", "")}, diagnostics);
    ASSERT_EQ(data.episodes.size(), 1u);
    EXPECT_EQ(data.episodes[0].rne, "S");
    // The 903 writes codes in upper case: "c2" is not C2.
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].code, "W101");
    EXPECT_EQ(diagnostics.items()[0].column, 4);
}

TEST(Ssda903, ChildWithEpisodesButNoHeaderRowIsAWarning) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\n",
                     episode("A1", "01/04/2023", "S", "C2") + episode("B2", "01/05/2023", "S", "C2"), "")},
        diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "episodes.csv:3:1: warning: CHILD: this child has episodes but no row in any header file; "
                  "sex, age and ethnicity are counted as not known [W201]"}));
    EXPECT_EQ(data.episodes.size(), 2u);
}

TEST(Ssda903, OverlappingEpisodesAreAWarning) {
    Diagnostics diagnostics;
    // The first episode runs to 1 September; the second starts on 1 August, inside it.
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\n",
                     episode("A1", "01/04/2023", "S", "C2", "01/09/2023", "X1") +
                         episode("A1", "01/08/2023", "P", "C2"),
                     "")},
        diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "episodes.csv:3:2: warning: DECOM: this episode starts before the child's previous "
                  "episode (line 2 of episodes.csv) ends [W202]"}));
    EXPECT_EQ(data.episodes.size(), 2u);
}

TEST(Ssda903, EpisodeStartingTheDayThePreviousEndsDoesNotOverlap) {
    Diagnostics diagnostics;
    build_dataset({make_return(0, "A1,1,01/01/2015,WBRI,,,\n",
                               episode("A1", "01/04/2023", "S", "C2", "01/09/2023", "X1") +
                                   episode("A1", "01/09/2023", "P", "C2"),
                               "")},
                  diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << ::testing::PrintToString(messages(diagnostics));
}

TEST(Ssda903, OpenEpisodeFollowedByAnotherIsAnOverlap) {
    Diagnostics diagnostics;
    build_dataset({make_return(0, "A1,1,01/01/2015,WBRI,,,\n",
                               episode("A1", "01/04/2023", "S", "C2") + episode("A1", "01/08/2023", "P", "C2"), "")},
                  diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].code, "W202");
    EXPECT_EQ(diagnostics.items()[0].line, 3);
}

TEST(Ssda903, ReviewOutsideEveryPeriodOfCareIsAWarningAtTheReviewField) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "01/04/2023", "S", "C2"),
                     "A1,01/01/2015,10/01/2023,PN1\nA1,01/01/2015,02/05/2023,PN1\n")},
        diagnostics);
    // The review of 10 January 2023 is before the child's care began on 1 April 2023. REVIEW is
    // the 3rd field of the reviews file (CHILD, DOB, REVIEW, REVIEW_CODE).
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "reviews.csv:2:3: warning: REVIEW: 2023-01-10 is outside every period of care of this "
                  "child [W203]"}));
    EXPECT_EQ(data.reviews.size(), 2u);  // still a review held
}

TEST(Ssda903, StitchedWarningsPointAtTheirFieldWhenExtraColumnsComeFirst) {
    Diagnostics diagnostics;
    ReturnText r = make_return(0, "", "", "");
    // Exports often add LA and YEAR columns in front; CHILD is then field 3 and DECOM field 4.
    r.episodes = "LA,YEAR,CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
                 "999,2024,B2,01/04/2023,S,C2,N1,U4,PR1,,\n"
                 "999,2024,B2,01/08/2023,P,C2,N1,U4,PR1,,\n";
    build_dataset({r}, diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 2u) << ::testing::PrintToString(messages(diagnostics));
    std::vector<std::tuple<std::string, int, int>> where;
    for (const Diagnostic& d : diagnostics.items()) where.emplace_back(d.code, d.line, d.column);
    EXPECT_EQ(where, (std::vector<std::tuple<std::string, int, int>>{{"W201", 2, 3}, {"W202", 3, 4}}));
}

TEST(Ssda903, DecWithoutReasonAndReasonWithoutDecAreWarnings) {
    Diagnostics diagnostics;
    build_dataset({make_return(0, "A1,1,01/01/2015,WBRI,,,\nB2,2,01/01/2015,WBRI,,,\n",
                               episode("A1", "01/04/2023", "S", "C2", "01/06/2023", "") +
                                   episode("B2", "01/04/2023", "S", "C2", "", "E13"),
                               "")},
                  diagnostics);
    std::vector<std::tuple<std::string, int, int>> where;
    for (const Diagnostic& d : diagnostics.items()) where.emplace_back(d.code, d.line, d.column);
    // REC is the 9th field.
    EXPECT_EQ(where, (std::vector<std::tuple<std::string, int, int>>{{"W105", 2, 9}, {"W106", 3, 9}}));
}

// --- stitching -------------------------------------------------------------------------------------

TEST(Ssda903, LaterReturnFillsTheEndOfAnEpisodeStillOpenInTheEarlierOne) {
    const ReturnText r2023 = make_return(2023, "A1,1,01/01/2015,WBRI,,,\n",
                                         episode("A1", "01/06/2022", "S", "C2"), "", "2023/");
    const ReturnText r2024 = make_return(2024, "A1,1,01/01/2015,WBRI,,,\n",
                                         episode("A1", "01/06/2022", "S", "C2", "10/10/2023", "E13"), "", "2024/");
    // The later return wins whatever order the returns are given in.
    for (const auto& returns : {std::vector<ReturnText>{r2023, r2024}, std::vector<ReturnText>{r2024, r2023}}) {
        Diagnostics diagnostics;
        const Dataset data = build_dataset(returns, diagnostics);
        EXPECT_TRUE(diagnostics.items().empty()) << ::testing::PrintToString(messages(diagnostics));
        ASSERT_EQ(data.episodes.size(), 1u);
        const Episode& e = data.episodes[0];
        EXPECT_EQ(e.decom, ymd(2022, 6, 1));
        EXPECT_EQ(e.dec, ymd(2023, 10, 10));
        EXPECT_EQ(e.rec, "E13");
        EXPECT_EQ(file_of(data, e.source).path, "2024/episodes.csv");
        EXPECT_EQ(data.return_years, (std::vector<int>{2023, 2024}));
        for (const SourceFile& f : data.files) {
            if (f.table != "episodes") continue;
            SCOPED_TRACE(f.path);
            EXPECT_EQ(f.rows_read, 1);
            EXPECT_EQ(f.rows_kept, f.return_year == 2024 ? 1 : 0);
        }
    }
}

TEST(Ssda903, EpisodesOnlyInAnEarlierReturnAreKept) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(2023, "A1,1,01/01/2015,WBRI,,,\n",
                     episode("A1", "01/06/2021", "S", "C2", "01/01/2022", "E13"), "", "2023/"),
         make_return(2024, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "01/06/2023", "S", "C2"), "", "2024/")},
        diagnostics);
    ASSERT_EQ(data.episodes.size(), 2u);
    EXPECT_EQ(data.episodes[0].decom, ymd(2021, 6, 1));  // sorted by DECOM
    EXPECT_EQ(file_of(data, data.episodes[0].source).path, "2023/episodes.csv");
    EXPECT_EQ(data.episodes[1].decom, ymd(2023, 6, 1));
}

TEST(Ssda903, UndatedReturnIsOlderThanEveryDatedOne) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(2024, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "01/06/2022", "S", "C2"), "", "dated/"),
         make_return(0, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "01/06/2022", "S", "C2", "01/07/2022", "E13"),
                     "", "undated/")},
        diagnostics);
    ASSERT_EQ(data.episodes.size(), 1u);
    EXPECT_FALSE(data.episodes[0].dec.has_value());
    EXPECT_EQ(file_of(data, data.episodes[0].source).path, "dated/episodes.csv");
    EXPECT_EQ(data.return_years, (std::vector<int>{2024}));  // undated returns are not years
}

TEST(Ssda903, LaterReturnsHeaderRowWins) {
    Diagnostics diagnostics;
    // SEX changed from 1/2 to M/F/U in 2024-25; the latest return's row is the one kept.
    const Dataset data = build_dataset(
        {make_return(2024, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "01/06/2022", "S", "C2"), "", "2024/"),
         make_return(2025, "A1,M,01/02/2015,WIRI,,,\n", episode("A1", "01/06/2022", "S", "C2"), "", "2025/")},
        diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << ::testing::PrintToString(messages(diagnostics));
    ASSERT_EQ(data.children.size(), 1u);
    EXPECT_EQ(data.children[0].sex, "M");
    EXPECT_EQ(data.children[0].dob, ymd(2015, 2, 1));
    EXPECT_EQ(data.children[0].ethnic, "WIRI");
    EXPECT_TRUE(data.children[0].in_header);
}

TEST(Ssda903, LaterReturnsReviewRowWinsWithoutAWarning) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(2023, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "01/06/2022", "S", "C2"),
                     "A1,01/01/2015,01/07/2022,\n", "2023/"),
         make_return(2024, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "01/06/2022", "S", "C2"),
                     "A1,01/01/2015,01/07/2022,PN1\n", "2024/")},
        diagnostics);
    // The 2023 row's empty REVIEW_CODE is a warning; nothing is said about the repeat.
    EXPECT_EQ(diagnostics.items().size(), 1u);
    ASSERT_EQ(data.reviews.size(), 1u);
    EXPECT_EQ(data.reviews[0].code, "PN1");
}

TEST(Ssda903, RepeatedEpisodeInOneReturnWarnsAndTheLaterRowWins) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\n",
                     episode("A1", "01/06/2022", "S", "C2", "", "", "U4") +
                         episode("A1", "01/06/2022", "S", "C2", "", "", "K2"),
                     "")},
        diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "episodes.csv:3:2: warning: DECOM: this child already has an episode starting 2022-06-01 "
                  "in this file (line 2); the later row is used [W107]"}));
    ASSERT_EQ(data.episodes.size(), 1u);
    EXPECT_EQ(data.episodes[0].place, "K2");
    EXPECT_EQ(data.episodes[0].source.line, 3);
}

TEST(Ssda903, RepeatedHeaderRowInOneReturnWarnsAndTheLaterRowWins) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\nA1,2,01/01/2016,BAFR,,,\n", episode("A1", "01/06/2022", "S", "C2"),
                     "")},
        diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"header.csv:3:1: warning: CHILD: the same child appears twice in this "
                                        "header file; the later row is used [W104]"}));
    ASSERT_EQ(data.children.size(), 1u);
    EXPECT_EQ(data.children[0].sex, "2");
    EXPECT_EQ(data.children[0].ethnic, "BAFR");
}

TEST(Ssda903, RepeatedReviewInOneReturnWarnsAndTheLaterRowWins) {
    Diagnostics diagnostics;
    // definitions.md: "Within one return a repeated key is a warning" - reviews are keyed by
    // (CHILD, REVIEW) like episodes by (CHILD, DECOM).
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\n", episode("A1", "01/06/2022", "S", "C2"),
                     "A1,01/01/2015,01/07/2022,PN1\nA1,01/01/2015,01/07/2022,PN2\n")},
        diagnostics);
    ASSERT_EQ(data.reviews.size(), 1u);
    EXPECT_EQ(data.reviews[0].code, "PN2");
    ASSERT_EQ(diagnostics.items().size(), 1u) << "no warning for the repeated review";
    EXPECT_EQ(diagnostics.items()[0].severity, Severity::warning);
    EXPECT_EQ(diagnostics.items()[0].file, "reviews.csv");
    EXPECT_EQ(diagnostics.items()[0].line, 3);
}

TEST(Ssda903, EpisodesAndReviewsAreSortedByChildThenDate) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {make_return(0, "A1,1,01/01/2015,WBRI,,,\nB2,2,01/01/2016,WBRI,,,\n",
                     episode("B2", "01/05/2023", "S", "C2") + episode("A1", "01/09/2023", "P", "C2") +
                         episode("A1", "01/04/2023", "S", "C2", "01/09/2023", "X1"),
                     "A1,,01/10/2023,PN1\nA1,,05/04/2023,PN1\nB2,,03/05/2023,PN0\n")},
        diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << ::testing::PrintToString(messages(diagnostics));
    ASSERT_EQ(data.children.size(), 2u);
    EXPECT_EQ(data.children[0].id, "A1");  // children are numbered in order of first appearance
    ASSERT_EQ(data.episodes.size(), 3u);
    EXPECT_EQ(data.episodes[0].decom, ymd(2023, 4, 1));
    EXPECT_EQ(data.episodes[1].decom, ymd(2023, 9, 1));
    EXPECT_EQ(data.episodes[2].child, 1);
    EXPECT_EQ(data.episode_begin, (std::vector<std::size_t>{0, 2, 3}));
    ASSERT_EQ(data.reviews.size(), 3u);
    EXPECT_EQ(data.reviews[0].date, ymd(2023, 4, 5));
    EXPECT_EQ(data.reviews[1].date, ymd(2023, 10, 1));
    EXPECT_EQ(data.review_begin, (std::vector<std::size_t>{0, 2, 3}));
    // The latest DECOM, DEC or REVIEW date.
    EXPECT_EQ(data.latest_event, ymd(2023, 10, 1));
}

// --- discover_data_folder --------------------------------------------------------------------------

class DataFolderTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = std::filesystem::temp_directory_path() /
                ("careboard-ssda903-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(root_);
        std::filesystem::create_directories(root_);
    }
    void TearDown() override { std::filesystem::remove_all(root_); }

    void touch(const std::string& relative) {
        const std::filesystem::path p = root_ / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p) << "x\n";
    }
    std::string path(const std::string& relative) const { return (root_ / relative).string(); }

    std::filesystem::path root_;
};

TEST_F(DataFolderTest, FindsYearlyReturnsInFoldersAndNames) {
    touch("2023/header.csv");
    touch("2023/episodes.csv");
    touch("2023/reviews.csv");
    touch("2023/sw_episodes.csv");  // social worker episodes: another 903 table
    touch("2023/oc2.csv");
    touch("2023-24/Header.csv");    // "2023-24" is the return ending in 2024
    touch("2023-24/EPISODES.csv");
    touch("2023-24/reviews.csv");
    touch("2025-header.csv");        // years in the file names
    touch("SSDA903_2025_episodes.csv");
    touch("2025_reviews.csv");
    touch("notes.txt");
    touch("old/episodes.csv");       // not a year-named folder: not read
    Diagnostics diagnostics;
    const DataFolder folder = discover_data_folder(root_.string(), diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    ASSERT_EQ(folder.returns.size(), 3u);
    EXPECT_EQ(folder.returns[0].year, 2023);
    EXPECT_EQ(folder.returns[0].header, path("2023/header.csv"));
    EXPECT_EQ(folder.returns[0].episodes, path("2023/episodes.csv"));
    EXPECT_EQ(folder.returns[0].reviews, path("2023/reviews.csv"));
    EXPECT_EQ(folder.returns[1].year, 2024);
    EXPECT_EQ(folder.returns[1].header, path("2023-24/Header.csv"));
    EXPECT_EQ(folder.returns[1].episodes, path("2023-24/EPISODES.csv"));
    EXPECT_EQ(folder.returns[1].reviews, path("2023-24/reviews.csv"));
    EXPECT_EQ(folder.returns[2].year, 2025);
    EXPECT_EQ(folder.returns[2].header, path("2025-header.csv"));
    EXPECT_EQ(folder.returns[2].episodes, path("SSDA903_2025_episodes.csv"));
    EXPECT_EQ(folder.returns[2].reviews, path("2025_reviews.csv"));
    EXPECT_TRUE(folder.measures_csv.empty());
}

TEST_F(DataFolderTest, SwEpisodesAloneIsNotAnEpisodesFile) {
    touch("header.csv");
    touch("sw_episodes.csv");
    touch("reviews.csv");
    Diagnostics diagnostics;
    const DataFolder folder = discover_data_folder(root_.string(), diagnostics);
    ASSERT_EQ(folder.returns.size(), 1u);
    EXPECT_TRUE(folder.returns[0].episodes.empty());
}

TEST_F(DataFolderTest, UndatedFilesFormOneReturnListedFirst) {
    touch("header.csv");
    touch("episodes.csv");
    touch("reviews.csv");
    touch("2024/header.csv");
    touch("2024/episodes.csv");
    touch("2024/reviews.csv");
    Diagnostics diagnostics;
    const DataFolder folder = discover_data_folder(root_.string(), diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    ASSERT_EQ(folder.returns.size(), 2u);
    EXPECT_EQ(folder.returns[0].year, 0);
    EXPECT_EQ(folder.returns[0].episodes, path("episodes.csv"));
    EXPECT_EQ(folder.returns[1].year, 2024);
}

TEST_F(DataFolderTest, FileNameYearWinsOverItsFoldersAndTheLastYearInANameWins) {
    touch("2024/2023_header.csv");             // the name says 2023
    touch("returns_2022_to_2025_episodes.csv"); // the last year in the name: 2025
    Diagnostics diagnostics;
    const DataFolder folder = discover_data_folder(root_.string(), diagnostics);
    ASSERT_EQ(folder.returns.size(), 2u);
    EXPECT_EQ(folder.returns[0].year, 2023);
    EXPECT_EQ(folder.returns[0].header, path("2024/2023_header.csv"));
    EXPECT_EQ(folder.returns[1].year, 2025);
    EXPECT_EQ(folder.returns[1].episodes, path("returns_2022_to_2025_episodes.csv"));
}

TEST_F(DataFolderTest, TwoFilesForTheSameTableAndReturnIsAnError) {
    touch("2024/episodes.csv");
    touch("2024-episodes.csv");
    Diagnostics diagnostics;
    discover_data_folder(root_.string(), diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].code, "E005");
}

TEST_F(DataFolderTest, MeasuresCsvIsNoted) {
    touch("measures.csv");
    Diagnostics diagnostics;
    const DataFolder folder = discover_data_folder(root_.string(), diagnostics);
    EXPECT_EQ(folder.measures_csv, path("measures.csv"));
    EXPECT_TRUE(folder.returns.empty());
}

TEST(DataFolder, MissingFolderIsAnError) {
    Diagnostics diagnostics;
    const DataFolder folder = discover_data_folder("/nonexistent-careboard-data", diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "/nonexistent-careboard-data: error: the data folder does not exist or is not a folder [E004]"}));
    EXPECT_TRUE(folder.returns.empty());
}

}  // namespace
}  // namespace careboard
