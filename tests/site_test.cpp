// Whole-site tests: the demo site against its reviewed golden copy, determinism, no child-level
// data in any byte, all-or-nothing publishing, rebuilding from measures.csv.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "charts/chart.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard::testing;

namespace {

const std::string kConfig = (source_dir() / "sample-data/careboard.toml").string();

RunResult build_demo(const fs::path& out, const std::string& extra = "") {
    return run_careboard("build --quiet --build-date 2025-05-01 --config '" + kConfig + "' --out '" + out.string() + "' " + extra);
}

bool is_vendor(const std::string& path) { return path.starts_with("assets/vendor/"); }


}  // namespace

// The golden copy under tests/golden/demo-site is reviewed like code. To accept a deliberate
// change: CAREBOARD_UPDATE_GOLDEN=1 ctest -R Site.DemoSiteMatchesGolden, then review git diff.
TEST(Site, DemoSiteMatchesGolden) {
    TempDir tmp("golden");
    const RunResult r = build_demo(tmp.path / "site");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto built = read_tree(tmp.path / "site");
    std::erase_if(built, [](const auto& kv) { return is_vendor(kv.first); });
    const fs::path golden = source_dir() / "tests/golden/demo-site";
    if (std::getenv("CAREBOARD_UPDATE_GOLDEN")) {
        fs::remove_all(golden);
        for (const auto& [path, content] : built) spit(golden / path, content);
        GTEST_SKIP() << "golden copy rewritten: review the diff";
    }
    ASSERT_TRUE(fs::is_directory(golden)) << "no golden copy: run with CAREBOARD_UPDATE_GOLDEN=1";
    const auto expected = read_tree(golden);
    std::set<std::string> names;
    for (const auto& [p, c] : expected) names.insert(p);
    for (const auto& [p, c] : built) names.insert(p);
    for (const std::string& name : names) {
        ASSERT_TRUE(expected.count(name)) << "new file not in the golden copy: " << name;
        ASSERT_TRUE(built.count(name)) << "file missing from the build: " << name;
        EXPECT_TRUE(expected.at(name) == built.at(name)) << "differs from the golden copy: " << name;
    }
}

TEST(Site, TwoBuildsAreByteIdentical) {
    TempDir tmp("twice");
    ASSERT_EQ(build_demo(tmp.path / "a").exit_code, 0);
    ASSERT_EQ(build_demo(tmp.path / "b").exit_code, 0);
    EXPECT_TRUE(read_tree(tmp.path / "a") == read_tree(tmp.path / "b"));
}

TEST(Site, EveryChartHasSpecTableSourceAndCsv) {
    TempDir tmp("charts");
    ASSERT_EQ(build_demo(tmp.path / "site").exit_code, 0);
    const auto files = read_tree(tmp.path / "site");
    int charts = 0;
    for (const char* page : {"population.html", "legal-status.html", "placements.html", "reviews.html"}) {
        const std::string& html = files.at(page);
        const std::regex canvas("data-spec=\"([a-z0-9-]+)-spec\"");
        for (auto it = std::sregex_iterator(html.begin(), html.end(), canvas); it != std::sregex_iterator(); ++it) {
            const std::string id = (*it)[1].str();
            ++charts;
            EXPECT_NE(html.find("<script type=\"application/json\" id=\"" + id + "-spec\">{"), std::string::npos) << id;
            EXPECT_NE(html.find("<caption>"), std::string::npos) << id;
            EXPECT_NE(html.find("href=\"data/" + id + ".csv\""), std::string::npos) << id;
            EXPECT_TRUE(files.count("data/" + id + ".csv")) << id;
        }
        EXPECT_NE(html.find("Source: "), std::string::npos) << page;
        EXPECT_EQ(html.find("{{"), std::string::npos) << page;
    }
    EXPECT_GE(charts, 18);
    for (const char* vendor : {"assets/vendor/vega.min.js", "assets/vendor/vega-lite.min.js", "assets/vendor/vega-embed.min.js",
                               "assets/vendor/govuk-service-navigation.js"})
        EXPECT_TRUE(files.count(vendor)) << vendor;
}

// No CHILD pseudonym, URN, social worker pseudonym (SW_ID) or date of birth from the input
// appears in any output byte of the site or of the annual report (HTML, CSVs, spreadsheets).
TEST(Site, NoChildLevelIdentifierReachesAnyOutputFile) {
    TempDir tmp("privacy");
    ASSERT_EQ(build_demo(tmp.path / "site").exit_code, 0);
    {
        const RunResult report = run_careboard("report --no-pdf --quiet --config '" + (source_dir() / "sample-data/careboard.toml").string() +
                                               "' --out '" + (tmp.path / "site" / "report").string() + "'");
        ASSERT_EQ(report.exit_code, 0) << report.err;
    }
    std::set<std::string> identifiers;
    for (const auto& [path, text] : read_tree(source_dir() / "sample-data")) {
        if (path.ends_with(".xml")) {  // the XML return: each CHILDID, DOB and URN element's text
            const std::regex element("<(CHILDID|DOB|URN)>([^<]+)</");
            for (auto it = std::sregex_iterator(text.begin(), text.end(), element); it != std::sregex_iterator(); ++it)
                identifiers.insert((*it)[2].str());
            continue;
        }
        // ees/ holds published-style statistics for whole areas (docs/benchmarks.md), no child.
        // iro_activity.csv holds counts by period, no person.
        if (!path.ends_with(".csv") || path.starts_with("ees/") || path == "iro_activity.csv") continue;
        std::istringstream lines(text);
        std::string line;
        std::getline(lines, line);
        const bool episodes = path.ends_with("/episodes.csv"), header = path.ends_with("header.csv"),
                   social_workers = path.ends_with("sw_episodes.csv"), allocations = path == "iro_allocations.csv";
        while (std::getline(lines, line)) {
            std::vector<std::string> f;
            std::stringstream ss(line);
            for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
            if (!f.empty()) identifiers.insert(f[0]);                             // CHILD (an IRO's pseudonym)
            if (allocations && f.size() > 1) identifiers.insert(f[1]);            // CHILD
            if (header && f.size() > 2 && !f[2].empty()) identifiers.insert(f[2]);  // DOB
            if (episodes && f.size() > 12 && !f[12].empty()) identifiers.insert(f[12]);  // URN
            if (social_workers && f.size() > 2 && !f[2].empty()) identifiers.insert(f[2]);  // SW_ID
        }
    }
    ASSERT_GT(identifiers.size(), 500u);
    ASSERT_TRUE(identifiers.count("IRO01") && identifiers.count("IRO08")) << "the IROs' pseudonyms are looked for too";
    int spreadsheets = 0;
    for (auto [path, content] : read_tree(tmp.path / "site")) {
        // A spreadsheet is a zip of XML files: its text is what is searched.
        if (path.ends_with(".xlsx")) {
            ++spreadsheets;
            const fs::path text = tmp.path / "xlsx.txt";
            const std::string unzip = "python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
                                      "sys.stdout.buffer.write(b\"\".join(z.read(n) for n in z.namelist()))' '" +
                                      (tmp.path / "site" / path).string() + "' > '" + text.string() + "'";
            ASSERT_EQ(std::system(unzip.c_str()), 0) << path;
            content = slurp(text);
            ASSERT_NE(content.find("Children looked after"), std::string::npos) << path;  // the text is there to search
        }
        for (const std::string& id : identifiers)
            ASSERT_EQ(content.find(id), std::string::npos) << "'" << id << "' found in " << path;
    }
    EXPECT_EQ(spreadsheets, 2);  // data/tables.xlsx, report/data/report-tables.xlsx
}

TEST(Site, FailedBuildLeavesThePreviousSiteUntouched) {
    TempDir tmp("atomic");
    const fs::path site = tmp.path / "site";
    ASSERT_EQ(build_demo(site).exit_code, 0);
    const auto before = read_tree(site);
    fs::copy(source_dir() / "sample-data", tmp.path / "data", fs::copy_options::recursive);
    spit(tmp.path / "data/2025/episodes.csv", slurp(tmp.path / "data/2025/episodes.csv") + "X1,31/02/2025,S,C1,N1,U4,PR1,,,,,,\n");
    const RunResult r = build_demo(site, "--data '" + (tmp.path / "data").string() + "'");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("DECOM: '31/02/2025' is not a date that exists [E111]"), std::string::npos) << r.err;
    EXPECT_TRUE(read_tree(site) == before);
}

// The spreadsheet is written through a temporary file: when none can be made, the build fails
// as any failure to write does, and the site already published stays as it was.
TEST(Site, ASpreadsheetThatCannotBeMadeFailsTheBuildAndLeavesThePreviousSite) {
    TempDir tmp("xlsx");
    const fs::path site = tmp.path / "site";
    ASSERT_EQ(build_demo(site).exit_code, 0);
    const auto before = read_tree(site);
    const RunResult r = run_careboard("build --quiet --build-date 2025-05-01 --config '" + kConfig + "' --out '" + site.string() + "'",
                                      fs::current_path(), "TMPDIR='" + (tmp.path / "no-such-folder").string() + "'");
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("data/tables.xlsx: error: the spreadsheet of every table could not be written"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("[E508]"), std::string::npos) << r.err;
    EXPECT_TRUE(read_tree(site) == before);
}

TEST(Site, RefusesToReplaceAFolderCareboardDidNotWrite) {
    TempDir tmp("foreign");
    spit(tmp.path / "precious/notes.txt", "keep me");
    const RunResult r = build_demo(tmp.path / "precious");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("was not written by careboard"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(tmp.path / "precious/notes.txt"), "keep me");
}

// A published site's measures.csv rebuilds the same figures.
TEST(Site, RebuildFromMeasuresCsvGivesTheSameFigures) {
    TempDir tmp("rebuild");
    ASSERT_EQ(build_demo(tmp.path / "a").exit_code, 0);
    fs::create_directories(tmp.path / "counts");
    fs::copy_file(tmp.path / "a/data/measures.csv", tmp.path / "counts/measures.csv");
    const RunResult r = build_demo(tmp.path / "b", "--data '" + (tmp.path / "counts").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto a = read_tree(tmp.path / "a"), b = read_tree(tmp.path / "b");
    EXPECT_TRUE(a.at("data/measures.csv") == b.at("data/measures.csv"));
    for (const char* page : {"index.html", "population.html", "legal-status.html", "placements.html", "reviews.html"})
        EXPECT_TRUE(a.at(page) == b.at(page)) << page;
}

// Other people's synthetic 903 files (random codes, broken rows, CRLF, extra columns) never
// crash careboard: it builds or stops with diagnostics (exit 0 or 1).
TEST(Site, SharedSyntheticFilesNeverCrash) {
    const fs::path shared = shared_dir() / "data/903-synthetic";
    if (!fs::is_directory(shared)) GTEST_SKIP() << "../shared is absent: " << shared << " not found";
    for (const char* folder : {"d2i-demand-model-returns", "d2i-validator-fake", "sf-regional", "liia-dirty"}) {
        TempDir tmp(std::string("shared-") + folder);
        const RunResult r = run_careboard("build --data '" + (shared / folder).string() + "' --out '" + (tmp.path / "site").string() + "'", tmp.path);
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << folder << " exit " << r.exit_code << "\n" << r.err.substr(0, 2000);
        if (r.exit_code == 1) {
            EXPECT_FALSE(fs::exists(tmp.path / "site")) << folder;
        }
        const RunResult c = run_careboard("check --data '" + (shared / folder).string() + "'", tmp.path);
        EXPECT_TRUE(c.exit_code == 0 || c.exit_code == 1) << folder;
    }
}

// The board edition: unsuppressed, and every page and file says it is not for publication.
TEST(Site, BoardProfileMarksEveryPageAndFileNotForPublication) {
    TempDir tmp("board");
    const RunResult r = build_demo(tmp.path / "site", "--profile board");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto files = read_tree(tmp.path / "site");
    int pages = 0, csvs = 0;
    for (const auto& [path, content] : files) {
        if (path.ends_with(".html")) {
            ++pages;
            EXPECT_NE(content.find("<title>Not for publication: "), std::string::npos) << path;
            EXPECT_NE(content.find("<strong>Not for publication.</strong>"), std::string::npos) << path;
        }
        if (path.ends_with(".csv")) ++csvs;
    }
    EXPECT_GE(pages, 8);
    EXPECT_GE(csvs, 20);
    // The warning is in the data guidance beside the CSVs, never a line inside one (which
    // pandas, R and Excel would read as the header).
    EXPECT_NE(files.at("data/data-guidance.txt").find("\nNOT FOR PUBLICATION. "), std::string::npos);
    EXPECT_TRUE(files.count("disclosure.html"));
    // Unsuppressed: the authority's measures carry no 'c' (rows for other areas are the DfE's
    // published figures, with the DfE's own symbols: docs/benchmarks.md).
    std::istringstream measures(files.at("data/measures.csv"));
    for (std::string line; std::getline(measures, line);)
        EXPECT_FALSE(line.starts_with("E06999999,") && line.ends_with(",c")) << line;
}

// The public edition (the default) is suppressed, has no board-only page, and keys its symbols
// on every page and in every CSV.
// The about page of the public edition lists the files read but publishes no figure the
// disclosure control does not cover: no rows read or used per file (a reviews file's rows are
// the reviews held), and not the export's figures beside the DfE's with "Same" for each. The
// board edition keeps both for the data team.
TEST(Site, ThePublicAboutPageHasNoRowCountsAndNoComparisonWithTheDfe) {
    TempDir tmp("about-editions");
    ASSERT_EQ(build_demo(tmp.path / "public").exit_code, 0);
    ASSERT_EQ(build_demo(tmp.path / "board", "--profile board").exit_code, 0);
    const std::string pub = slurp(tmp.path / "public" / "about.html");
    const std::string board = slurp(tmp.path / "board" / "about.html");
    for (const char* text : {"Rows read", "Rows used after stitching", "Published by the DfE", "Same or different", ">Same<"})
        EXPECT_EQ(pub.find(text), std::string::npos) << text;
    EXPECT_NE(pub.find("2024/ssda903_2024.xml"), std::string::npos);  // the files are still listed
    EXPECT_NE(pub.find("that check is in the board edition"), std::string::npos);
    for (const char* text : {"Rows read", "Rows used after stitching", "Published by the DfE", "Same or different"})
        EXPECT_NE(board.find(text), std::string::npos) << text;
}

TEST(Site, PublicProfileIsTheDefaultAndKeysItsSymbolsEverywhere) {
    TempDir tmp("public");
    ASSERT_EQ(build_demo(tmp.path / "site").exit_code, 0);
    const auto files = read_tree(tmp.path / "site");
    EXPECT_FALSE(files.count("disclosure.html"));
    EXPECT_NE(files.at("data/measures.csv").find(",c\n"), std::string::npos);
    for (const auto& [path, content] : files) {
        if (path.ends_with(".html")) {
            EXPECT_EQ(content.find("Not for publication"), std::string::npos) << path;
            EXPECT_NE(content.find("Symbols used in tables and files"), std::string::npos) << path;
        }
    }
    const std::string& guidance = files.at("data/data-guidance.txt");
    EXPECT_EQ(guidance.find("NOT FOR PUBLICATION"), std::string::npos);
    EXPECT_NE(guidance.find("\n  c: confidential: a count of 1 to 5 children"), std::string::npos);
    // The guidance lists every CSV of the site.
    for (const auto& [path, content] : files) {
        if (path.ends_with(".csv")) {
            EXPECT_NE(guidance.find("\n  " + path + ": "), std::string::npos) << path;
        }
    }
}

// Every CSV is plain: its header on line 1, in snake_case, and no note line.
TEST(Site, EveryCsvHasItsHeaderOnLineOneAndNoNoteLines) {
    TempDir tmp("plain-csv");
    ASSERT_EQ(build_demo(tmp.path / "site").exit_code, 0);
    int csvs = 0;
    for (const auto& [path, content] : read_tree(tmp.path / "site")) {
        if (!path.ends_with(".csv")) continue;
        ++csvs;
        const std::string header = content.substr(0, content.find('\n'));
        EXPECT_TRUE(std::all_of(header.begin(), header.end(),
                                [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == ','; }))
            << path << ": " << header;
        EXPECT_EQ(content.find("\n#"), std::string::npos) << path;
    }
    EXPECT_GE(csvs, 40);
}

// Managers' pages: a snapshot per quarter, every pair compared, each snapshot linked to its
// comparisons with the quarter before and the same quarter a year before.
TEST(Site, SnapshotsAndEveryComparisonAreReachable) {
    TempDir tmp("quarters");
    ASSERT_EQ(build_demo(tmp.path / "site").exit_code, 0);
    const auto files = read_tree(tmp.path / "site");
    int snapshots = 0, comparisons = 0;
    for (const auto& [path, content] : files) {
        if (path.starts_with("quarters/")) ++snapshots;
        if (path.starts_with("compare/") && path != "compare/index.html") ++comparisons;
    }
    EXPECT_EQ(snapshots, 12);
    EXPECT_EQ(comparisons, 66);  // 12 quarters, every pair once
    const std::string& q4 = files.at("quarters/2024-25-q4.html");
    EXPECT_NE(q4.find("href=\"../compare/2024-25-q3--2024-25-q4.html\""), std::string::npos);
    EXPECT_NE(q4.find("href=\"../compare/2023-24-q4--2024-25-q4.html\""), std::string::npos);
    const std::string& chooser = files.at("compare/index.html");
    for (const auto& [path, content] : files) {
        if (path.starts_with("compare/") && path != "compare/index.html") {
            EXPECT_NE(chooser.find("href=\"../" + path + "\""), std::string::npos) << path << " is not linked from the chooser";
        }
    }
}

// An edition built with --previous lists the figures the corrected data revised.
TEST(Site, EditionsPageListsRevisedFigures) {
    TempDir tmp("editions");
    ASSERT_EQ(build_demo(tmp.path / "first").exit_code, 0);
    fs::copy(source_dir() / "sample-data", tmp.path / "data", fs::copy_options::recursive);
    // The authority corrects its data: one more child looked after from 1 April 2024.
    spit(tmp.path / "data/2025/header.csv", slurp(tmp.path / "data/2025/header.csv") + "ZZ999999,1,01/01/2015,WBRI,,,\n");
    spit(tmp.path / "data/2025/episodes.csv",
         slurp(tmp.path / "data/2025/episodes.csv") + "ZZ999999,01/04/2024,S,C2,N1,U4,PR1,,,,,,\n");
    const RunResult r = build_demo(tmp.path / "second", "--profile board --data '" + (tmp.path / "data").string() +
                                                            "' --previous '" + (tmp.path / "first").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string editions = slurp(tmp.path / "second/editions.html");
    EXPECT_NE(editions.find("Revised figures"), std::string::npos);
    // Looked after at 30 June 2024 (2024-25 Q1) went up by one.
    EXPECT_NE(editions.find("<th scope=\"row\" class=\"govuk-table__header\">Children looked after</th><td class=\"govuk-table__cell\">Total</td><td class=\"govuk-table__cell\">2024-25 Q1</td>"),
              std::string::npos);
}

// One display rule for a figure: a chart's CSV is as precise as measures.csv (a caseload of 55.8
// is 55.8 in both, never 56), whatever the page shows.
TEST(Site, ChartCsvsKeepTheFullPrecisionOfMeasuresCsv) {
    TempDir tmp("precision");
    ASSERT_EQ(build_demo(tmp.path / "site").exit_code, 0);
    const auto files = read_tree(tmp.path / "site");
    std::map<std::string, std::string> measures;  // period_end -> value of iro_caseload
    std::istringstream in(files.at("data/measures.csv"));
    for (std::string line; std::getline(in, line);)
        if (line.find(",iro_caseload,Total,") != std::string::npos && line.starts_with("E06999999,"))
            measures[line.substr(21, 10)] = line.substr(line.rfind(',') + 1);
    ASSERT_EQ(measures.size(), 12u);
    std::istringstream chart(files.at("data/iro-caseload.csv"));
    int rows = 0;
    std::string header;
    std::getline(chart, header);
    EXPECT_EQ(header, careboard::kChartCsvHeader);
    for (std::string line; std::getline(chart, line);) {
        // period,period_start,period_end,...,value,symbol: no field of these rows holds a comma.
        std::vector<std::string> f;
        std::istringstream fields(line);
        for (std::string field; std::getline(fields, field, ',');) f.push_back(field);
        ASSERT_EQ(f.size(), 10u) << line;  // the symbol, the 11th, is empty
        EXPECT_EQ(f[4], "E06999999") << line;
        EXPECT_EQ(f[9], measures.at(f[2])) << line;
        ++rows;
    }
    EXPECT_EQ(rows, 12);
    EXPECT_NE(measures.begin()->second.find('.'), std::string::npos);
}
