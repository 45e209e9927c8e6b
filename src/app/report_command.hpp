#pragma once
#include <iosfwd>
#include <map>
#include <optional>
#include <string>

#include "app/pipeline.hpp"

namespace careboard {

struct ReportOptions {
    std::optional<std::string> year;  // "2024-25"; default the latest whole year of the data
    bool pdf = true;                  // --no-pdf writes the HTML only
};

inline constexpr const char* kDefaultReportDir = "_report";

// `careboard report`: analyse as `build` does, then write the IRO annual report for one
// financial year as one printable HTML document and, with Chromium, its PDF, all or nothing
// (docs/report.md).
int run_report(const BuildOptions& options, const ReportOptions& report_options, std::ostream& out, std::ostream& err);

// Parses "2024-25" (or "2024/25") into the year it starts in; empty when the text is not a
// financial year.
std::optional<int> parse_financial_year(std::string_view text);

// Which printed page each section starts on, from the PDF's text (pages split at form feeds):
// the last page on which a line starts with the section's heading (the first is the contents).
std::map<std::string, int> find_section_pages(const std::string& pdf_text,
                                              const std::vector<std::pair<std::string, std::string>>& headings);

}  // namespace careboard
