#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/diagnostics.hpp"
#include "measures/measure_set.hpp"
#include "render/site.hpp"

namespace careboard {

// The IRO annual report to the corporate parenting board: one printable document for a
// financial year, its sections in the order such reports use (docs/report.md).
struct ReportInput {
    const Config* config = nullptr;
    const MeasureSet* measures = nullptr;  // disclosure-controlled in the public edition
    int fy_start = 0;                      // the report's year: 2024 for 2024-25
    std::string data_as_at;
    std::optional<std::string> build_date;
    std::string profile = "public";
    std::map<std::string, std::string> commentary;  // section id -> safe HTML, after its figures
    std::map<std::string, int> pages;               // section id -> printed page, once known
    bool spreadsheet = true;  // data/report-tables.xlsx (off only where no file may be written: fuzzing)
};

// The report's sections, by id, in order: summary, children-in-care, legal-status, placements,
// reviews, iro-service, escalations, how-we-compare.
std::vector<std::string> report_section_ids();

// The latest financial year of the set (its default report year); 0 when it has none.
int latest_report_year(const MeasureSet& set);

// Checks that the set can give a report on `fy_start`: the year is one of its years (E801), and
// its 3-year tables have the two years before (E802). `what` names the option for messages.
bool check_report_year(const MeasureSet& set, int fy_start, const std::string& what, Diagnostics& diagnostics);

// The report's files: report.html and its stylesheet and script (the chart libraries are added
// by the caller, as for a site).
inline constexpr const char* kReportFile = "report.html";
inline constexpr const char* kReportPdf = "report.pdf";
OutputTree render_report(const ReportInput& input, Diagnostics& diagnostics);

// The headings whose printed page numbers the contents give, by section id: "2. Children in
// care". Found in the printed text to number the contents (docs/report.md).
std::vector<std::pair<std::string, std::string>> report_section_headings(const ReportInput& input);

}  // namespace careboard
