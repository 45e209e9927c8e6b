// The IRO annual report printed by Chromium (`careboard report`, docs/report.md): an A4 PDF with
// a contents page whose page numbers are the pages its sections start on, and the running line
// on every page. Skipped, and said so, without Chromium or poppler-utils.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "report/report.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard::testing;

namespace {

bool on_path(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

std::string capture(const std::string& command) {
    std::string out;
    if (FILE* p = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
        ::pclose(p);
    }
    return out;
}

TEST(ReportPdf, ContentsGiveThePagesTheSectionsStartOn) {
    const char* env = std::getenv("CAREBOARD_CHROMIUM");
    const std::string chromium = env && *env ? env : "/usr/bin/chromium";
    if (::access(chromium.c_str(), X_OK) != 0) GTEST_SKIP() << "Chromium not found at " << chromium;
    if (!on_path("pdfinfo") || !on_path("pdftotext")) GTEST_SKIP() << "pdfinfo or pdftotext not found (install poppler-utils)";
    TempDir tmp("report-pdf");
    const RunResult r = run_careboard("report --build-date 2025-05-01 --config '" +
                                      (source_dir() / "sample-data/careboard.toml").string() + "' --out '" +
                                      (tmp.path / "r").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const fs::path pdf = tmp.path / "r" / "report.pdf";
    EXPECT_EQ(r.out, (tmp.path / "r" / "report.html").string() + "\n" + pdf.string() + "\n");
    const std::string info = capture("pdfinfo '" + pdf.string() + "' 2>&1");
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;

    std::vector<std::string> pages;
    const std::string text = capture("pdftotext -layout -enc UTF-8 '" + pdf.string() + "' - 2>&1");
    std::size_t begin = 0;
    for (std::size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', begin)) {
        pages.push_back(text.substr(begin, ff - begin));
        begin = ff + 1;
    }
    ASSERT_GE(pages.size(), 10u);
    // The contents: "2. Children in care ...... 4". Each number must be a page on which the
    // section's heading is the first line.
    const std::size_t contents = 1;  // the second page, after the cover
    ASSERT_NE(pages[contents].find("Contents"), std::string::npos) << pages[contents];
    std::size_t previous = 0;
    for (const auto& [id, heading] : careboard::report_section_headings({})) {
        std::smatch m;
        ASSERT_TRUE(std::regex_search(pages[contents], m, std::regex(std::regex_replace(heading, std::regex("\\."), "\\.") +
                                                                     "\\s+(\\d+)")))
            << heading << " has no page number in:\n" << pages[contents];
        const std::size_t page = std::stoul(m[1].str());
        ASSERT_GE(page, 3u);
        ASSERT_LE(page, pages.size());
        std::istringstream lines(pages[page - 1]);
        std::string first;
        while (std::getline(lines, first) && first.find_first_not_of(" \t") == std::string::npos) {
        }
        EXPECT_EQ(first.substr(first.find_first_not_of(" \t")), heading) << "page " << page;
        EXPECT_GT(page, previous) << heading;
        previous = page;
    }
    for (std::size_t p = 0; p < pages.size(); ++p) {
        const std::string flat = std::regex_replace(pages[p], std::regex("\\s+"), " ");
        EXPECT_NE(flat.find("Data as at 31 March 2025"), std::string::npos) << "page " << p + 1;
    }
}

}  // namespace
