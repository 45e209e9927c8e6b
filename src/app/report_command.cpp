#include "app/report_command.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <ostream>

#include "core/format.hpp"
#include "pack/command.hpp"
#include "pack/print.hpp"
#include "publish/publish.hpp"
#include "report/commentary.hpp"
#include "report/report.hpp"

namespace careboard {
namespace fs = std::filesystem;

namespace {

using pack::Printed;

std::string trim_left(std::string_view line) {
    const std::size_t first = line.find_first_not_of(" \t");
    return first == std::string_view::npos ? std::string() : std::string(line.substr(first));
}

Printed print_report(const OutputTree& tree, const std::string& chromium, Diagnostics& diagnostics) {
    return pack::print_document(tree, kReportFile, kReportPdf, "report", chromium, diagnostics);
}

// The manager's commentary: commentary/<section>.md beside the config file.
std::map<std::string, std::string> read_commentary(const Config& config, Diagnostics& diagnostics) {
    std::map<std::string, std::string> out;
    const fs::path base = config.config_path.empty() ? fs::path(".") : fs::path(config.config_path).parent_path();
    const std::string folder = (base / "commentary").string();
    for (const CommentaryFile& f : find_commentary(folder, report_section_ids(), diagnostics)) {
        std::string text;
        if (const std::optional<std::string> why = read_input_file(f.path, text)) {
            diagnostics.error("E007", f.path, 0, 0, "cannot read the file: " + *why);
            continue;
        }
        if (std::optional<std::string> html = render_commentary(text, f.path, diagnostics)) out[f.section] = *html;
    }
    return out;
}

}  // namespace

std::optional<int> parse_financial_year(std::string_view text) {
    if (text.size() != 7 || (text[4] != '-' && text[4] != '/')) return std::nullopt;
    int start = 0, end = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
        start = start * 10 + (text[i] - '0');
    }
    for (std::size_t i = 5; i < 7; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
        end = end * 10 + (text[i] - '0');
    }
    if (start < 1900 || start > 2999 || (start + 1) % 100 != end) return std::nullopt;
    return start;
}

std::map<std::string, int> find_section_pages(const std::string& pdf_text,
                                              const std::vector<std::pair<std::string, std::string>>& headings) {
    std::map<std::string, int> pages;
    int page = 1;
    std::size_t at = 0;
    while (at <= pdf_text.size()) {
        const std::size_t end = std::min(pdf_text.find('\f', at), pdf_text.size());
        const std::string_view text(pdf_text.data() + at, end - at);
        for (std::size_t line_start = 0; line_start < text.size();) {
            const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
            const std::string line = trim_left(text.substr(line_start, line_end - line_start));
            for (const auto& [id, heading] : headings)
                if (line.starts_with(heading)) pages[id] = page;
            line_start = line_end + 1;
        }
        if (end == pdf_text.size()) break;
        at = end + 1;
        ++page;
    }
    return pages;
}

int run_report(const BuildOptions& options, const ReportOptions& report_options, std::ostream& out, std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    Diagnostics diagnostics;
    std::optional<int> wanted;
    if (report_options.year) {
        wanted = parse_financial_year(*report_options.year);
        if (!wanted) {
            err << "careboard: --year: expected a financial year such as 2024-25, found '" << *report_options.year
                << "'\nRun 'careboard --help' for usage.\n";
            return exit_usage;
        }
    }
    Analysis a = analyse(options, diagnostics);
    ReportInput input;
    if (a.ok) {
        input.fy_start = wanted.value_or(latest_report_year(a.measures));
        check_report_year(a.measures, input.fy_start, wanted ? "--year" : a.config.data_dir, diagnostics);
        input.commentary = read_commentary(a.config, diagnostics);
    }
    const std::string out_dir = options.out_dir.value_or(kDefaultReportDir);
    recover_output(out_dir, diagnostics);  // a report stopped half-way through replacing the folder
    if (!diagnostics.has_errors() && pack::is_site_folder(out_dir))
        diagnostics.error("E504", out_dir, 0, 0,
                          "the output folder holds a careboard site, not a report; choose another folder for the report");
    if (diagnostics.has_errors()) {
        print_diagnostics(diagnostics, err, false);
        err << "careboard: report stopped: " << diagnostics.error_count() << " error(s); nothing was written\n";
        return exit_code_for(diagnostics);
    }
    input.config = &a.config;
    input.measures = &a.measures;
    input.data_as_at = a.site.data_as_at;
    input.build_date = a.site.build_date;
    input.profile = a.site.profile;

    OutputTree tree = render_report(input, diagnostics);
    if (!diagnostics.has_errors()) add_vendor_files(tree, find_vendor_dir(options.executable_path), diagnostics);
    bool printed = false;
    if (!diagnostics.has_errors() && report_options.pdf) {
        const pack::ChromiumLookup chromium = pack::find_chromium();
        if (!chromium.path) {
            err << "careboard: " << chromium.why_not << "; " << kReportPdf
                << " not written (the HTML report is complete: print it from a browser, or install chromium)\n";
        } else if (Printed first = print_report(tree, *chromium.path, diagnostics); first.ok) {
            // The contents' page numbers come from the first printing; the second prints them.
            double seconds = first.seconds;
            std::string pdf = std::move(first.pdf);
            input.pages = find_section_pages(first.text, report_section_headings(input));
            if (!input.pages.empty()) {
                OutputTree numbered = render_report(input, diagnostics);
                for (auto& [path, content] : numbered) tree[path] = std::move(content);
                Printed second = print_report(tree, *chromium.path, diagnostics);
                if (second.ok) {
                    pdf = std::move(second.pdf);
                    seconds += second.seconds;
                }
            } else {
                err << "careboard: the contents have no page numbers (pdftotext, from poppler-utils, is needed to find them)\n";
            }
            if (!diagnostics.has_errors()) {
                err << "careboard: printed " << kReportPdf << " (" << format_number(static_cast<double>(pdf.size()) / 1024.0)
                    << " KB) in " << format_number(seconds, 1) << " s\n";
                tree[kReportPdf] = std::move(pdf);
                printed = true;
            }
        }
    }
    if (!diagnostics.has_errors()) publish_site(tree, out_dir, diagnostics, real_disk(), publish_options(options, err));
    print_diagnostics(diagnostics, err, false);
    if (diagnostics.has_errors()) {
        err << "careboard: report stopped: " << diagnostics.error_count() << " error(s); the previous report is unchanged\n";
        return exit_code_for(diagnostics);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!options.quiet)
        err << "careboard: IRO annual report " << financial_year_label(input.fy_start) << " ("
            << (input.profile == "board" ? "board" : "public") << " edition) written in " << format_number(ms, 1)
            << " ms (" << diagnostics.warning_count() << " warnings)\n";
    const fs::path dir = fs::absolute(out_dir).lexically_normal();
    out << (dir / kReportFile).string() << '\n';
    if (printed) out << (dir / kReportPdf).string() << '\n';
    return exit_ok;
}

}  // namespace careboard
