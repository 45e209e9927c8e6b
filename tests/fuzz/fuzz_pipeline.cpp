// Fuzz target pipeline: the whole build from texts, as `careboard build` and `careboard report`
// run it (app/pipeline.cpp analyse, render/site.hpp render_site, report/report.hpp
// render_report), with nothing read from or written to disk: config -> 903 tables or a
// measures.csv -> escalations and staffing -> measures -> disclosure control -> ratios ->
// the DfE comparison -> every page of the site in memory, then the IRO annual report for the
// latest year with its commentary.
//
// The input's parts (fuzz_input.hpp): "==> careboard.toml <==" (else the default config), 903
// tables ("==> 2024/episodes.csv <=="), escalation logs ("==> 2024/escalations.csv <=="),
// "==> iro_staffing.csv <==", "==> measures.csv <==" (used when no 903 table is given, as a data
// folder's measures.csv is), DfE files ("==> ees/rates.csv <==") and commentary
// ("==> commentary/summary.md <=="). A stage that reports an error ends the run there, as
// analyse does.
//
// Properties: an input that passes analysis renders a site with its home page and measures.csv;
// rendering and the report report no error of their own (a page with an unrendered template
// tag, a failed template); in the public profile no count from 1 to the smallest count shown
// appears in the site's measures.csv.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "benchmarks/benchmarks.hpp"
#include "benchmarks/ees.hpp"
#include "config/config.hpp"
#include "core/format.hpp"
#include "disclosure/audit.hpp"
#include "disclosure/disclosure.hpp"
#include "fuzz_input.hpp"
#include "fuzz_target.hpp"
#include "ingest/escalations.hpp"
#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "measures/escalation_measures.hpp"
#include "measures/measure_catalogue.hpp"
#include "measures/measures_csv.hpp"
#include "render/site.hpp"
#include "report/commentary.hpp"
#include "report/report.hpp"

namespace {

using namespace careboard;
using careboard::fuzz::fuzz_check;
using careboard::fuzz::Part;
using careboard::fuzz::Role;

// CAREBOARD_FUZZ_VERBOSE=1 says how far an input got (for checking seeds).
void progress(const char* stage, const Diagnostics& diagnostics) {
    static const bool verbose = std::getenv("CAREBOARD_FUZZ_VERBOSE") != nullptr;
    if (!verbose) return;
    std::fprintf(stderr, "pipeline: %s (%zu errors, %zu warnings)\n", stage, diagnostics.error_count(),
                 diagnostics.warning_count());
    for (const Diagnostic& d : diagnostics.items())
        if (d.severity == Severity::error) std::fprintf(stderr, "  %s\n", format_diagnostic(d).c_str());
}

void print_errors(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.items())
        if (d.severity == Severity::error) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
}

// No row of the authority's own in a public site's measures.csv is a count from 1 to
// smallest_shown - 1 (the DfE's published rows for other areas are shown as published).
void check_no_small_counts(const std::string& csv, const std::string& area, double smallest_shown) {
    std::size_t at = csv.find('\n');
    while (at != std::string::npos && at + 1 < csv.size()) {
        const std::size_t end = csv.find('\n', at + 1);
        const std::string line = csv.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
        at = end;
        if (line.empty() || line[0] == '#' || line.find('"') != std::string::npos) continue;
        std::vector<std::string> f;
        for (std::size_t s = 0;;) {
            const std::size_t comma = line.find(',', s);
            f.push_back(line.substr(s, comma == std::string::npos ? std::string::npos : comma - s));
            if (comma == std::string::npos) break;
            s = comma + 1;
        }
        if (f.size() != 6 || f[0] != area || !measure_def(f[3]).is_count()) continue;
        char* stop = nullptr;
        const double v = std::strtod(f[5].c_str(), &stop);
        if (stop == f[5].c_str() || *stop) continue;
        if (v > 0 && v < smallest_shown) {
            std::fprintf(stderr, "measures.csv row: %s\n", line.c_str());
            careboard::fuzz::fuzz_fail("the public edition shows no count from 1 to the smallest count shown");
        }
    }
}

}  // namespace

CAREBOARD_FUZZ_TARGET(pipeline) {
    const std::vector<Part> parts = careboard::fuzz::split_parts(input);
    Diagnostics diagnostics;
    Config config;
    bool has_903 = false, has_ees = false;
    const Part* measures_part = nullptr;
    for (const Part& part : parts) {
        const Role role = careboard::fuzz::role_of(part);
        if (role == Role::config) config = parse_config(part.text, part.name, "fuzz", diagnostics);
        has_903 = has_903 || role == Role::header || role == Role::episodes || role == Role::reviews || role == Role::xml ||
                  role == Role::other_903;
        has_ees = has_ees || role == Role::ees;
        if (role == Role::measures) measures_part = &part;
    }
    if (config.strict) diagnostics.set_strict(true);
    progress("config read", diagnostics);
    if (diagnostics.has_errors()) return;

    // The DfE's figures, read before the export as analyse does.
    std::shared_ptr<Benchmarks> benchmarks;
    if (has_ees) {
        EesFigures figures;
        for (const Part& part : parts) {
            if (careboard::fuzz::role_of(part) != Role::ees) continue;
            std::string_view stem = std::string_view(part.name).substr(4);
            if (const std::optional<EesKind> kind = ees_kind_from_name(stem.substr(0, stem.find('.'))))
                read_ees(part.text, part.name, *kind, figures, diagnostics);
        }
        if (diagnostics.has_errors()) return;
        benchmarks = compare_with(std::move(figures), config, diagnostics);
        progress("DfE files read", diagnostics);
        if (diagnostics.has_errors()) return;
    }

    const WindowOptions window{config.data_as_at, config.window_end, config.window_quarters};
    MeasureSet measures;
    SiteInput site;
    OwnCounts own;
    if (has_903) {
        Dataset data = build_dataset(careboard::fuzz::returns_from_parts(parts, diagnostics), diagnostics);
        const careboard::fuzz::EscalationTexts escalations = careboard::fuzz::escalations_from_parts(parts);
        if (!escalations.logs.empty() || escalations.staffing)
            add_escalations(data, escalations.logs, escalations.staffing, diagnostics);
        progress("903 tables and escalations read", diagnostics);
        if (diagnostics.has_errors()) return;
        const std::optional<Date> as_at = data_as_at(data, window);
        if (!as_at) return;                                       // E008: no episodes
        if (window.end && window.end->end() > *as_at) return;     // E011: a window past the data
        measures = compute_measures(data, reporting_window(*as_at, window), config.authority_code, config.window_months);
        compute_escalation_measures(data, config.escalations, measures);
        if (benchmarks) own = count_own_figures(measures);
        site.data_as_at = as_at->long_text();
        site.provenance_sentence = "The figures are counted from " + format_number(static_cast<double>(data.children.size())) +
                                   " children.";
    } else if (measures_part) {
        std::optional<MeasureSet> set = read_measures_csv(measures_part->text, measures_part->name, diagnostics);
        progress("measures.csv read", diagnostics);
        if (!set || diagnostics.has_errors()) return;
        measures = std::move(*set);
        if (benchmarks) own = count_own_figures(measures);
        site.data_as_at = config.data_as_at.value_or(measures.quarters.back().end()).long_text();
        site.provenance_sentence = "The figures are read from a measures file.";
    } else {
        return;  // E008: nothing to count
    }

    const DisclosureOptions disclosure{config.disclosure_smallest_shown, config.disclosure_min_denominator, {}, {}};
    const Population population = rates_population(config.population_0_17, benchmarks.get());
    if (config.profile == "public") {
        const MeasureSet counted = measures;
        site.suppression = apply_disclosure_control(measures, disclosure);
        if (!audit_disclosure(counted, measures, disclosure).passed()) return;  // E301
        derive_ratios(measures, population, disclosure.min_denominator);
    } else {
        MeasureSet public_view = measures;
        site.suppression = apply_disclosure_control(public_view, disclosure);
        derive_ratios(measures, population);
    }
    if (benchmarks) {
        set_own_figures(*benchmarks, own, measures, config.profile == "public", disclosure.smallest_shown, population);
        site.published_checks = check_against_published(*benchmarks, own, diagnostics);
        measures.benchmarks = benchmarks;
    }
    site.profile = config.profile;
    for (const Diagnostic& d : diagnostics.items())
        if (d.severity == Severity::warning) ++site.warning_counts[d.code];
    if (diagnostics.has_errors()) return;  // --strict: a warning is an error

    site.config = &config;
    site.measures = &measures;
    site.spreadsheet = false;  // written through a temporary file; its tables are the charts' above
    Diagnostics rendering;
    const OutputTree tree = render_site(site, rendering);
    progress(("site rendered: " + std::to_string(tree.size()) + " files").c_str(), rendering);
    if (rendering.has_errors()) {
        print_errors(rendering);
        careboard::fuzz::fuzz_fail("a site renders without an error of its own");
    }
    fuzz_check(tree.count("index.html") == 1, "a site has a home page");
    const auto csv = tree.find("data/measures.csv");
    fuzz_check(csv != tree.end(), "a site has its measures.csv");
    if (config.profile == "public") check_no_small_counts(csv->second, measures.area_code, config.disclosure_smallest_shown);

    // The IRO annual report for the latest year, when the window allows one.
    Diagnostics report_checks;
    const int year = latest_report_year(measures);
    if (!check_report_year(measures, year, "fuzz", report_checks)) {
        progress("no report for this window", report_checks);
        return;
    }
    ReportInput report;
    report.config = &config;
    report.measures = &measures;
    report.fy_start = year;
    report.data_as_at = site.data_as_at;
    report.profile = site.profile;
    const std::vector<std::string> sections = report_section_ids();
    for (const Part& part : parts) {
        if (careboard::fuzz::role_of(part) != Role::commentary || !part.name.starts_with("commentary/")) continue;
        const std::string section = part.name.substr(11, part.name.size() - 11 - 3);
        if (std::find(sections.begin(), sections.end(), section) == sections.end()) continue;  // E702
        if (std::optional<std::string> html = render_commentary(part.text, part.name, report_checks))
            report.commentary[section] = *html;
    }
    if (report_checks.has_errors()) return;
    report.spreadsheet = false;  // libxlsxwriter writes through a temporary file
    const OutputTree report_tree = render_report(report, rendering);
    if (rendering.has_errors()) {
        print_errors(rendering);
        careboard::fuzz::fuzz_fail("a report renders without an error of its own");
    }
    fuzz_check(report_tree.count(kReportFile) == 1, "a report has its HTML file");
    progress(("report rendered, " + std::to_string(report.commentary.size()) + " sections with commentary").c_str(), rendering);
}
