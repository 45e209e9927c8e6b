// The IRO annual report (`careboard report`, docs/report.md), through the real binary: its
// sections in order, the year's figures as measures.csv states them, bad years and windows,
// the manager's commentary (hostile Markdown escaped), a report built from published yearly
// figures, and all-or-nothing output. The printed PDF is tested in report_pdf_test.cpp.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "app/report_command.hpp"
#include "report/report.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard::testing;

namespace {

const fs::path kSample = source_dir() / "sample-data";

RunResult run_report(const fs::path& config, const fs::path& out, const std::string& extra = "") {
    return run_careboard("report --no-pdf --quiet --build-date 2025-05-01 --config '" + config.string() + "' --out '" +
                         out.string() + "' " + extra);
}

// A copy of the sample authority's config in a folder of its own (commentary sits beside it),
// reading the sample data where they are.
fs::path config_in(const fs::path& dir, const std::string& extra = "") {
    std::string toml = slurp(kSample / "careboard.toml");
    toml = std::regex_replace(toml, std::regex("(^|\\n)dir = \"[^\"]*\""), "$1dir = \"" + kSample.string() + "\"");
    if (toml.find("dir = \"" + kSample.string()) == std::string::npos)
        toml = "[data]\ndir = \"" + kSample.string() + "\"\n" + toml;
    toml = std::regex_replace(toml, std::regex("\"ees/"), "\"" + (kSample / "ees").string() + "/");
    spit(dir / "careboard.toml", toml + extra);
    return dir / "careboard.toml";
}

// measures.csv's value for a measure's Total over a financial year (flows) or on its 31 March.
std::string yearly_value(const std::string& measures_csv, const std::string& key, int fy_start) {
    const std::string start = std::to_string(fy_start) + "-04-01", end = std::to_string(fy_start + 1) + "-03-31";
    std::istringstream in(measures_csv);
    for (std::string line; std::getline(in, line);) {
        if (line.find("," + key + ",Total,") == std::string::npos) continue;
        if (line.find("," + start + "," + end + ",") != std::string::npos ||
            line.find("," + end + "," + end + ",") != std::string::npos)
            return line.substr(line.rfind(',') + 1);
    }
    return "";
}

TEST(Report, SectionsInOrderEachWithItsFiguresTableAndChart) {
    TempDir tmp("report-sections");
    const RunResult r = run_report(kSample / "careboard.toml", tmp.path / "r");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = slurp(tmp.path / "r" / "report.html");
    std::size_t at = 0;
    for (const std::string& id : careboard::report_section_ids()) {
        const std::size_t found = html.find("<section class=\"cb-pack-part cb-pack-part--new-page cb-report-section\" id=\"" + id + "\"");
        ASSERT_NE(found, std::string::npos) << id;
        EXPECT_GT(found, at) << id << " out of order";
        at = found;
    }
    // Every section but the comparison has a year table; those with a chart have its spec.
    for (const std::string id : {"summary", "children-in-care", "legal-status", "placements", "reviews", "iro-service",
                                  "escalations"})
        EXPECT_NE(html.find("<table class=\"govuk-table cb-table\" id=\"" + id + "-"), std::string::npos) << id;
    for (const std::string id : {"children-in-care", "legal-status", "placements", "reviews", "iro-service", "escalations"})
        EXPECT_NE(html.find("id=\"" + id + "-chart-spec\""), std::string::npos) << id;
    EXPECT_NE(html.find("<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">2022-23</th>"),
              std::string::npos);
    EXPECT_NE(html.find("Change on 2023-24"), std::string::npos);
    EXPECT_TRUE(fs::exists(tmp.path / "r" / "assets" / "careboard.css"));
    EXPECT_TRUE(fs::exists(tmp.path / "r" / "assets" / "vendor" / "vega.min.js"));
    EXPECT_EQ(html.find("{{"), std::string::npos);
}

// The sentences state the year's figures as measures.csv gives them (counted and checked against
// the reference implementation elsewhere), with the change worked out here from those rows.
TEST(Report, SentencesStateTheYearsFiguresAndTheirChange) {
    TempDir tmp("report-figures");
    ASSERT_EQ(run_careboard("build --quiet --profile board --config '" + (kSample / "careboard.toml").string() + "' --out '" +
                            (tmp.path / "site").string() + "'").exit_code, 0);
    const std::string csv = slurp(tmp.path / "site" / "data" / "measures.csv");
    const RunResult r = run_report(kSample / "careboard.toml", tmp.path / "r", "--profile board");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = slurp(tmp.path / "r" / "report.html");
    const int held = std::stoi(yearly_value(csv, "reviews_held", 2024));
    const int held_before = std::stoi(yearly_value(csv, "reviews_held", 2023));
    ASSERT_GT(held, 1000);
    auto thousands = [](int n) { return n >= 1000 ? std::to_string(n / 1000) + "," + std::to_string(1000 + n % 1000).substr(1) : std::to_string(n); };
    const int diff = held - held_before;
    const std::string expected = thousands(held) + " reviews were held in 2024-25, " + std::to_string(std::abs(diff)) +
                                 (diff > 0 ? " more" : " fewer") + " than in 2023-24.";
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
    const std::string la = yearly_value(csv, "looked_after", 2024);
    EXPECT_NE(html.find(la + " children were looked after on 31 March 2025"), std::string::npos) << la;
    EXPECT_NE(html.find("Not for publication"), std::string::npos);
}

TEST(Report, AYearOutsideTheDataIsRefusedAndNothingIsWritten) {
    TempDir tmp("report-year");
    const RunResult r = run_report(kSample / "careboard.toml", tmp.path / "r", "--year 2026-27");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("--year: error: the data give no figures for 2026-27; the financial years in the window are "
                         "2022-23 to 2024-25 [E801]"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(tmp.path / "r"));
    const RunResult bad = run_report(kSample / "careboard.toml", tmp.path / "r", "--year 2024");
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--year: expected a financial year such as 2024-25, found '2024'"), std::string::npos);
}

// Printing needs a scratch folder: a TMPDIR that names no folder is an error saying so (exit 3),
// never an internal error, and nothing is written.
TEST(Report, ATemporaryFolderThatDoesNotExistIsAnErrorNotACrash) {
    TempDir tmp("report-tmpdir");
    const RunResult r = run_careboard("report --quiet --config '" + (kSample / "careboard.toml").string() +
                                          "' --out '" + (tmp.path / "r").string() + "'",
                                      fs::current_path(),
                                      "CAREBOARD_CHROMIUM=/bin/true TMPDIR='" + (tmp.path / "no-such-folder").string() + "'");
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    // The spreadsheet is written through a temporary file: it fails first, before printing.
    EXPECT_NE(r.err.find("data/report-tables.xlsx: error: the spreadsheet of every table could not be written: no "
                         "temporary file [E508]"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(tmp.path / "r"));
}

TEST(Report, AWindowTooShortForThreeYearsSaysWhatIsNeeded) {
    TempDir tmp("report-short");
    const fs::path config = config_in(tmp.path / "cfg", "\n[window]\nquarters = 8\n");
    const RunResult r = run_report(config, tmp.path / "r");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("error: a report on 2024-25 needs 2022-23 to 2024-25 for its 3-year tables, but the window's "
                         "financial years are 2023-24 to 2024-25 (set [window] years, or give earlier returns) [E802]"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(tmp.path / "r"));
}

TEST(Report, CommentaryFollowsItsSectionsFiguresAndHostileMarkdownIsEscaped) {
    TempDir tmp("report-commentary");
    const fs::path config = config_in(tmp.path / "cfg");
    spit(tmp.path / "cfg" / "commentary" / "reviews.md",
         "# What the IROs saw\n\nReviews were **mostly** on time.\n\n<script>alert(1)</script>\n\n"
         "[click](javascript:alert(1)) and {{site_title}}\n");
    const RunResult r = run_report(config, tmp.path / "r");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = slurp(tmp.path / "r" / "report.html");
    const std::size_t reviews = html.find("id=\"reviews\"");
    const std::size_t next = html.find("id=\"iro-service\"");
    const std::size_t words = html.find("Reviews were <strong>mostly</strong> on time.");
    ASSERT_NE(words, std::string::npos);
    EXPECT_GT(words, html.find("id=\"reviews-figures\"", reviews)) << "commentary comes after the section's figures";
    EXPECT_LT(words, next);
    EXPECT_NE(html.find("<h3>What the IROs saw</h3>"), std::string::npos);
    EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
    EXPECT_NE(html.find("&#123;&#123;site_title&#125;&#125;"), std::string::npos);
}

TEST(Report, CommentaryForAnUnknownSectionStopsTheReport) {
    TempDir tmp("report-unknown");
    const fs::path config = config_in(tmp.path / "cfg");
    spit(tmp.path / "cfg" / "commentary" / "reviewz.md", "Words.\n");
    spit(tmp.path / "cfg" / "commentary" / "summary.md", "ok \xE9t\xE9\n");
    const RunResult r = run_report(config, tmp.path / "r");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("reviewz.md"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[E702]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("summary.md:1:4: error:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[E701]"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp.path / "r"));
}

// An authority's own published yearly figures, typed into a measures.csv, make a report that
// states them with their shares, as the authority's own report did.
TEST(Report, PublishedYearlyFiguresGiveTablesWithShares) {
    TempDir tmp("report-published");
    std::string csv = "area_code,period_start,period_end,measure,category,value\n";
    const int started[3] = {240, 255, 268};
    for (int i = 0; i < 3; ++i) {
        const int y = 2022 + i;
        const std::string flow = "E06000015," + std::to_string(y) + "-04-01," + std::to_string(y + 1) + "-03-31,";
        const std::string at = "E06000015," + std::to_string(y + 1) + "-03-31," + std::to_string(y + 1) + "-03-31,";
        csv += flow + "started,Total," + std::to_string(started[i]) + "\n";
        const int n1 = started[i] * 7 / 10;
        csv += flow + "started_by_need,N1," + std::to_string(n1) + "\n";
        csv += flow + "started_by_need,N4," + std::to_string(started[i] - n1) + "\n";
        csv += at + "looked_after,Total,600\n";
        csv += at + "looked_after_by_legal_status,C2,420\n";
        csv += at + "looked_after_by_legal_status,V2,180\n";
        csv += at + "looked_after_by_provider,PR1,390\n";
        csv += at + "looked_after_by_provider,PR4,210\n";
    }
    spit(tmp.path / "data" / "measures.csv", csv);
    spit(tmp.path / "careboard.toml", "[authority]\nname = \"Derby (published figures)\"\ncode = \"E06000015\"\n");
    const RunResult r = run_report(tmp.path / "careboard.toml", tmp.path / "r", "--profile board --data '" +
                                                                                  (tmp.path / "data").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = slurp(tmp.path / "r" / "report.html");
    // 268 x 7 / 10 = 187 (integer division), 187 / 268 = 69.8% -> 70%.
    EXPECT_NE(html.find("The largest group of children who started to be looked after in 2024-25 was N1 Abuse or "
                        "neglect (187, 70%)."),
              std::string::npos);
    EXPECT_NE(html.find("268 children started to be looked after in 2024-25, 13 more than in 2023-24."), std::string::npos);
    // The legal status mix on 31 March: 420 of 600 = 70%; the provider split: 390 of 600 = 65%.
    EXPECT_NE(html.find("<th scope=\"row\" class=\"govuk-table__header\">C2 Full care order</th><td class=\"govuk-table__cell "
                        "govuk-table__cell--numeric\">420</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">70%</td>"),
              std::string::npos);
    EXPECT_NE(html.find(">PR1 Own local authority</th>"), std::string::npos);
    EXPECT_NE(html.find(">390</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">65%</td>"), std::string::npos);
}

TEST(Report, AWindowWithNoWholeYearSaysSo) {
    TempDir tmp("report-no-year");
    const fs::path config = config_in(tmp.path / "cfg", "\n[window]\nend = \"2024-25 Q2\"\nquarters = 3\n");
    const RunResult r = run_report(config, tmp.path / "r");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("error: the window holds no whole financial year (April to March), so there is no year to "
                         "report on; widen [window] or give a full year's returns [E801]"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(tmp.path / "r"));
}

// In the public edition a suppressed figure is said to be withheld, in a sentence of its own.
TEST(Report, ASuppressedFigureIsSaidToBeNotPublished) {
    TempDir tmp("report-tiny");
    ASSERT_EQ(run_careboard("synth --children 12 --years 4 --seed 2 --out '" + (tmp.path / "data").string() + "'").exit_code, 0);
    spit(tmp.path / "careboard.toml", "[authority]\nname = \"Tiny\"\ncode = \"E09999990\"\n");
    const RunResult r = run_report(tmp.path / "careboard.toml", tmp.path / "r", "--data '" + (tmp.path / "data").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = slurp(tmp.path / "r" / "report.html");
    EXPECT_NE(html.find(": not published, to protect confidentiality.</li>"), std::string::npos);
    EXPECT_EQ(html.find("<li>children"), std::string::npos) << "a sentence starts in lower case";
    // No table cell shows a count of 1 to 5 (rates and percentages are never whole numbers alone).
    const std::regex small("numeric\">([1-5])</td>");
    EXPECT_FALSE(std::regex_search(html, small));
}

TEST(Report, FinancialYearsAreParsedStrictly) {
    EXPECT_EQ(careboard::parse_financial_year("2024-25"), 2024);
    EXPECT_EQ(careboard::parse_financial_year("2024/25"), 2024);
    EXPECT_EQ(careboard::parse_financial_year("1999-00"), 1999);
    EXPECT_FALSE(careboard::parse_financial_year("2024-26"));
    EXPECT_FALSE(careboard::parse_financial_year("2024"));
    EXPECT_FALSE(careboard::parse_financial_year("24-25"));
}

TEST(Report, SectionPagesAreFoundInThePrintedText) {
    const std::vector<std::pair<std::string, std::string>> headings{{"summary", "1. Summary of the year"},
                                                                    {"reviews", "5. Reviews"}};
    // Page 2 is the contents (both headings), the sections start on pages 3 and 5.
    const std::string text = "cover\f  Contents\n  1. Summary of the year     3\n  5. Reviews    5\f1. Summary of the year\n"
                             "text\fmore\f  5. Reviews\nreviews text\f";
    const auto pages = careboard::find_section_pages(text, headings);
    EXPECT_EQ(pages.at("summary"), 3);
    EXPECT_EQ(pages.at("reviews"), 5);
}

}  // namespace
