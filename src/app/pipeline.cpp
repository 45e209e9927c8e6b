#include "app/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <ostream>

#include "app/authorities.hpp"
#include "benchmarks/benchmarks.hpp"
#include "core/format.hpp"
#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "measures/escalation_measures.hpp"
#include "measures/iro_measures.hpp"
#include "measures/measures_csv.hpp"
#include "publish/publish.hpp"

namespace careboard {
namespace fs = std::filesystem;

namespace {


std::string relative_to(const std::string& path, const std::string& base) {
    std::error_code ec;
    const fs::path rel = fs::relative(path, base, ec);
    return ec || rel.empty() ? fs::path(path).filename().string() : rel.generic_string();
}

std::string return_label(int year) {
    if (year == 0) return "undated";
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%d-%02d", year - 1, year % 100);
    return buffer;
}

bool is_io_code(const std::string& code) {
    return code == "E001" || code == "E004" || code == "E007" || code.starts_with("E5");
}

}  // namespace

std::optional<std::string> build_date_from(const BuildOptions& options, Diagnostics& diagnostics) {
    if (options.build_date) {
        Date d;
        if (parse_date(*options.build_date, d) != DateParse::ok) {
            diagnostics.error("E009", "--build-date", 0, 0, "expected a date as yyyy-mm-dd, found '" + *options.build_date + "'");
            return std::nullopt;
        }
        return d.long_text();
    }
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && seconds >= 0)
            return Date{static_cast<int>(seconds / 86400)}.long_text();
        diagnostics.warning("W002", "SOURCE_DATE_EPOCH", 0, 0, "is not a number of seconds; no build date is shown");
    }
    return std::nullopt;
}

int exit_code_for(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.items())
        if (d.severity == Severity::error && is_io_code(d.code)) return exit_io_error;
    return diagnostics.has_errors() ? exit_data_error : exit_ok;
}

void print_diagnostics(const Diagnostics& diagnostics, std::ostream& err, bool all_warnings) {
    constexpr std::size_t kMaxErrors = 500;
    std::size_t errors = 0;
    std::map<std::string, int> warning_counts;
    for (const Diagnostic& d : diagnostics.sorted()) {
        if (d.severity == Severity::error) {
            if (++errors <= kMaxErrors) err << format_diagnostic(d) << '\n';
        } else if (all_warnings) {
            err << format_diagnostic(d) << '\n';
        } else if (++warning_counts[d.code] <= 3) {
            err << format_diagnostic(d) << '\n';
        }
    }
    if (errors > kMaxErrors) err << "... and " << errors - kMaxErrors << " more errors\n";
    for (const auto& [code, count] : warning_counts)
        if (count > 3)
            err << "... and " << count - 3 << " more warnings [" << code << "]: " << warning_description(code)
                << " (`careboard check` lists them all)\n";
}

Analysis read_build_config(const BuildOptions& options, Diagnostics& diagnostics) {
    Analysis a;
    diagnostics.set_strict(options.strict);
    // Every problem in one run: a setting with a wrong value, a DfE file that cannot be read and
    // the data's own problems are all reported together; only a config file that cannot be read
    // or parsed at all stops here (unless --data names the data), since it says where the data is.
    const std::string config_path = options.config_path ? *options.config_path
                                    : fs::exists("careboard.toml") ? std::string("careboard.toml")
                                                                   : std::string();
    bool unreadable = false;
    if (!config_path.empty()) {
        if (auto c = load_config(config_path, diagnostics)) a.config = *c;
        unreadable = std::any_of(diagnostics.items().begin(), diagnostics.items().end(),
                                 [](const Diagnostic& d) { return d.code == "E001" || d.code == "E003"; });
        if (unreadable && !options.data_dir) {
            a.config_read = false;
            return a;
        }
    }
    if (a.config.strict) diagnostics.set_strict(true);
    a.config_read = !unreadable || options.out_dir;
    if (options.data_dir) a.config.data_dir = *options.data_dir;
    if (options.out_dir) a.config.output_dir = *options.out_dir;
    if (options.profile) a.config.profile = *options.profile;
    return a;
}

Analysis analyse(const BuildOptions& options, Diagnostics& diagnostics) {
    Analysis a = read_build_config(options, diagnostics);
    if (!a.config_read && !options.data_dir && diagnostics.has_errors()) return a;
    if (a.config.authorities.enabled) {
        diagnostics.error("E013", a.config.config_path, a.config.authorities.at.line, a.config.authorities.at.column,
                          "[authorities] builds several authorities: this command works on one; give it a config "
                          "without [authorities] (or [data] la = \"...\" for one of a pooled file's authorities)");
        return a;
    }
    analyse_data(options, a, diagnostics);
    return a;
}

void analyse_data(const BuildOptions& options, Analysis& a, Diagnostics& diagnostics) {
    // The DfE's published statistics to compare with ([benchmarks]): read before the export so
    // that a wrong file or code is reported with everything else.
    const std::shared_ptr<Benchmarks> benchmarks = load_benchmarks(a.config, diagnostics);
    // The config's own measures ([activity]) join the catalogue before anything reads it.
    if (!options.measures_declared) declare_activity_measures(a.config, diagnostics);
    OwnCounts own;

    const std::size_t errors_before_data = diagnostics.error_count();
    const DataFolder folder = discover_data_folder(a.config.data_dir, diagnostics);
    for (const DataFolder::Return& r : folder.returns) {
        for (const std::string* path : {&r.header, &r.episodes, &r.reviews, &r.xml, &r.escalations})
            if (!path->empty()) a.inputs_read.push_back(relative_to(*path, a.config.data_dir));
        for (const std::string& path : r.others)
            if (!path.empty()) a.inputs_read.push_back(relative_to(path, a.config.data_dir));
    }
    for (const std::string* path : {&folder.staffing, &folder.activity, &folder.allocations, &folder.measures_csv})
        if (!path->empty()) a.inputs_read.push_back(relative_to(*path, a.config.data_dir));
    std::sort(a.inputs_read.begin(), a.inputs_read.end());
    for (const DataFolder::Ignored& i : folder.ignored)
        a.inputs_ignored.push_back({relative_to(i.path, a.config.data_dir), i.why});
    if (diagnostics.error_count() > errors_before_data) return;
    WindowOptions window{a.config.data_as_at, a.config.window_end, a.config.window_quarters};
    SiteInput& site = a.site;
    const bool has_903 = std::any_of(folder.returns.begin(), folder.returns.end(),
                                     [](const DataFolder::Return& r) { return r.has_903(); });
    if (has_903) {
        IngestOptions ingest;
        ingest.la = a.config.data_la;
        if (!a.config.config_path.empty()) ingest.la_file = a.config.config_path;
        ingest.la_line = a.config.data_la_at.line;
        ingest.la_column = a.config.data_la_at.column;
        ingest.activity = a.config.activity;
        const Dataset data = load_dataset(folder, diagnostics, ingest);
        if (diagnostics.has_errors()) return;
        const std::optional<Date> as_at = data_as_at(data, window);
        if (!as_at) {
            diagnostics.error("E008", a.config.data_dir, 0, 0, "the 903 files hold no episodes, so there is nothing to count");
            return;
        }
        // A quarter after the data's as-at date would only carry its open episodes forward.
        if (window.end && window.end->end() > *as_at) {
            const Quarter latest = Quarter::containing(as_at->plus_days(1)).previous();
            diagnostics.error("E011", a.config.config_path.empty() ? "[window] end" : a.config.config_path,
                              a.config.window_end_at.line, a.config.window_end_at.column,
                              "window.end: " + window.end->label() + " ends after the data's as-at date (" +
                                  as_at->long_text() + "), so its quarters cannot be counted; set it no later than " +
                                  latest.label() + ", or remove it");
            return;
        }
        const std::vector<Quarter> quarters = reporting_window(*as_at, window);
        // Before the first return's year the returns hold only the children still looked after
        // in it: those quarters are undercounted.
        if (!data.return_years.empty() && quarters.front().start() < Date::from_ymd(data.return_years.front() - 1, 4, 1)) {
            const Quarter first{data.return_years.front() - 1, 1};
            diagnostics.warning("W305", a.config.config_path.empty() ? a.config.data_dir : a.config.config_path,
                                a.config.window_end_at.line, a.config.window_end_at.column,
                                "the window starts at " + quarters.front().label() + ", before the first return (" +
                                    return_label(data.return_years.front()) + "): quarters before " + first.label() +
                                    " count only the children still looked after in it, so they are too low");
        }
        a.measures = compute_measures(data, quarters, a.config.authority_code, a.config.window_months);
        compute_escalation_measures(data, a.config.escalations, a.measures);
        compute_iro_record_measures(data, a.measures);
        if (benchmarks) own = count_own_figures(a.measures);
        site.data_as_at = as_at->long_text();
        int episodes = 0;
        for (const SourceFile& f : data.files) {
            // An XML return's tables it holds no row of were not given (docs/definitions.md).
            const bool core = f.table == "header" || f.table == "episodes" || f.table == "reviews";
            if (!core && f.rows_read == 0 && to_lower_ascii(fs::path(f.path).extension().string()) == ".xml") continue;
            site.files.push_back({relative_to(f.path, a.config.data_dir), f.table, return_label(f.return_year), f.rows_read, f.rows_kept});
        }
        episodes = static_cast<int>(data.episodes.size());
        std::string returns;
        for (int y : data.return_years) returns += (returns.empty() ? "" : ", ") + return_label(y);
        site.provenance_sentence = "The figures are counted from the authority's SSDA903 children looked after " +
                                   std::string(data.return_years.size() > 1 ? "returns (" + returns + "), stitched together"
                                               : data.return_years.size() == 1 ? "return (" + returns + ")"
                                                                               : "export") +
                                   ": " + format_number(static_cast<double>(data.children.size())) + " children and " +
                                   format_number(episodes) + " episodes of care.";
    } else if (!folder.measures_csv.empty()) {
        std::string text;
        if (const std::optional<std::string> why = read_input_file(folder.measures_csv, text)) {
            diagnostics.error("E007", folder.measures_csv, 0, 0, "cannot read the file: " + *why);
            return;
        }
        // [data] la picks one area of a file of several authorities (docs/authorities.md).
        std::optional<MeasureSet> set = read_measures_csv(text, folder.measures_csv, diagnostics, a.config.data_la);
        if (!set || diagnostics.has_errors()) return;
        a.measures = std::move(*set);
        if (!a.config.authority_code.empty() && a.config.authority_code != "E00000000")
            a.measures.area_code = a.config.authority_code;
        if (benchmarks) own = count_own_figures(a.measures);
        const Date as_at = a.config.data_as_at.value_or(a.measures.quarters.back().end());
        site.data_as_at = as_at.long_text();
        site.provenance_sentence = "The figures are read from a measures file (" +
                                   relative_to(folder.measures_csv, a.config.data_dir) +
                                   ") in careboard's own format, not counted from 903 files.";
    } else {
        diagnostics.error("E008", a.config.data_dir, 0, 0,
                          "no SSDA903 files (header.csv, episodes.csv, reviews.csv, or the return's XML) and no "
                          "measures.csv in this folder");
        return;
    }
    // A window set far from the data ([data] as_at, [window] end, or a mistyped year) gives
    // quarters with nothing in them: said, with where the window came from.
    if (const std::vector<Quarter> empty = quarters_without_figures(a.measures); !empty.empty()) {
        std::string which;
        for (std::size_t i = 0; i < empty.size();) {
            std::size_t j = i;
            while (j + 1 < empty.size() && empty[j].next() == empty[j + 1]) ++j;
            which += (which.empty() ? "" : ", ") + empty[i].label() + (j > i ? " to " + empty[j].label() : "");
            i = j + 1;
        }
        diagnostics.warning("W304", a.config.config_path.empty() ? a.config.data_dir : a.config.config_path, 0, 0,
                            std::to_string(empty.size()) + " of the window's " + std::to_string(a.measures.quarters.size()) +
                                " quarters have no figures at all (" + which + "): is [data] as_at or [window] end " +
                                "far from the data's dates, or a year mistyped in the data?");
    }
    if (options.previous) {
        // An earlier edition: its published figures, to list what this one revises (and which
        // its readers know).
        const std::string path = (fs::path(*options.previous) / "data" / "measures.csv").string();
        std::string text;
        if (const std::optional<std::string> why = read_input_file(path, text)) {
            diagnostics.error("E010", path, 0, 0,
                              "cannot read the earlier edition's figures (--previous names a built site): " + *why);
        } else if (std::optional<MeasureSet> previous = read_measures_csv(text, path, diagnostics)) {
            site.previous = std::move(*previous);
            site.previous_name = *options.previous;
        }
    }
    // Disclosure control works on the counts, before anything is derived, charted or written. An
    // earlier edition's figures, and the DfE's own publication of the authority's yearly counts,
    // are known to every reader (docs/disclosure.md).
    DisclosureOptions disclosure{a.config.disclosure_smallest_shown, a.config.disclosure_min_denominator, {}, {}};
    if (site.previous)
        for (CellRef& ref : known_from_edition(a.measures, *site.previous)) disclosure.known.push_back(std::move(ref));
    if (benchmarks) {
        for (CellRef& ref : known_from_published(*benchmarks, a.measures)) disclosure.known.push_back(std::move(ref));
        for (CellRef& ref : known_from_published(*benchmarks, a.measures, true)) disclosure.known_positive.push_back(std::move(ref));
    }
    // Rates per 10,000 need the 0-17 population: the config's, else the published estimates.
    const Population population = rates_population(a.config.population_0_17, benchmarks.get());
    if (a.config.profile == "public") {
        const MeasureSet counted = a.measures;
        a.suppression = apply_disclosure_control(a.measures, disclosure);
        a.audit = audit_disclosure(counted, a.measures, disclosure);
        derive_ratios(a.measures, population, disclosure.min_denominator);
    } else {
        MeasureSet public_view = a.measures;
        a.suppression = apply_disclosure_control(public_view, disclosure);
        if (options.audit_board) a.audit = audit_disclosure(a.measures, public_view, disclosure);
        derive_ratios(a.measures, population);
    }
    if (a.config.profile == "public" && !a.audit.passed()) {
        // Suppression guarantees this never happens; if it does, nothing is published.
        std::string cells;
        for (const CellRange& c : a.audit.narrow)
            cells += (cells.empty() ? " " : "; ") + c.cell.measure + " " + c.cell.category + " " + c.period + ": " + format_number(c.low, 0) + " to " +
                     format_number(*c.high, 0) + " (" + c.relation + ")";
        diagnostics.error("E301", a.config.config_path.empty() ? a.config.data_dir : a.config.config_path, 0, 0,
                          std::to_string(a.audit.narrow.size()) + " suppressed figures could be narrowed to fewer than " +
                              std::to_string(a.audit.width) + " values from what the public edition publishes " +
                              "(a defect in careboard's disclosure control; nothing is written):" + cells);
    }
    if (benchmarks) {
        // The authority's own yearly figures are shown as the rest of the site shows figures;
        // the published ones need no further protection. Where both describe the same thing,
        // a difference is a data-quality warning (W606).
        set_own_figures(*benchmarks, own, a.measures, a.config.profile == "public", disclosure.smallest_shown, population);
        site.published_checks = check_against_published(*benchmarks, own, diagnostics);
        a.measures.benchmarks = benchmarks;
    }
    site.profile = a.config.profile;
    site.suppression = a.suppression;
    site.build_date = build_date_from(options, diagnostics);
    for (const Diagnostic& d : diagnostics.items())
        if (d.severity == Severity::warning) ++site.warning_counts[d.code];
    a.ok = !diagnostics.has_errors();
    return;
}

PublishOptions publish_options(const BuildOptions& options, std::ostream& err) {
    PublishOptions publish;
    if (!options.quiet) publish.on_wait = [&err](const std::string& message) { err << "careboard: " << message << '\n'; };
    return publish;
}

bool publish_built_site(OutputTree& tree, const std::string& out_dir, const BuildOptions& options, bool quiet,
                        Diagnostics& diagnostics, std::ostream& err) {
    add_vendor_files(tree, find_vendor_dir(options.executable_path), diagnostics);
    if (!diagnostics.has_errors()) publish_site(tree, out_dir, diagnostics, real_disk(), publish_options(options, err));
    if (!quiet || diagnostics.has_errors()) print_diagnostics(diagnostics, err, false);
    if (!diagnostics.has_errors()) return true;
    err << "careboard: build stopped: " << diagnostics.error_count() << " error(s); the previous site is unchanged\n";
    return false;
}

int run_build(const BuildOptions& options, std::ostream& out, std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    Diagnostics diagnostics;
    Analysis a = read_build_config(options, diagnostics);
    if (a.config.authorities.enabled) return run_authorities_build(options, std::move(a), diagnostics, out, err);
    if (a.config_read || options.data_dir || !diagnostics.has_errors()) analyse_data(options, a, diagnostics);
    // First, whatever the data holds: a build stopped half-way through replacing the site is
    // completed, so that the previous site is in place even when this build stops (below).
    if (a.config_read) recover_output(a.config.output_dir, diagnostics);
    if (!a.ok || diagnostics.has_errors()) {
        print_diagnostics(diagnostics, err, false);
        err << "careboard: build stopped: " << diagnostics.error_count() << " error(s); nothing was written\n";
        return exit_code_for(diagnostics);
    }
    a.site.config = &a.config;
    a.site.measures = &a.measures;
    OutputTree tree = render_site(a.site, diagnostics);
    if (!publish_built_site(tree, a.config.output_dir, options, options.quiet, diagnostics, err)) return exit_code_for(diagnostics);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!options.quiet)
        err << "careboard: built " << tree.size() << " files for " << a.measures.quarters.front().label() << " to "
            << a.measures.quarters.back().label() << " in " << format_number(ms, 1) << " ms ("
            << diagnostics.warning_count() << " warnings)\n";
    out << (fs::absolute(a.config.output_dir) / "index.html").lexically_normal().string() << '\n';
    return exit_ok;
}

int run_check(const BuildOptions& given, std::ostream& out, std::ostream& err) {
    Diagnostics diagnostics;
    BuildOptions options = given;
    options.audit_board = true;
    Analysis a = read_build_config(options, diagnostics);
    if (a.config.authorities.enabled) return run_authorities_check(options, std::move(a), diagnostics, out, err);
    if (a.config_read || options.data_dir || !diagnostics.has_errors()) analyse_data(options, a, diagnostics);
    print_diagnostics(diagnostics, err, true);
    out << diagnostics.error_count() << " errors, " << diagnostics.warning_count() << " warnings\n";
    // How many of each kind, so that a long list can be read by what is wrong.
    std::map<std::string, std::size_t> by_code;
    for (const Diagnostic& d : diagnostics.items()) ++by_code[d.code];
    if (!by_code.empty()) {
        std::string line = "by code:";
        for (const auto& [code, n] : by_code) line += (line.size() > 8 ? ", " : " ") + code + " " + std::to_string(n);
        out << line << '\n';
    }
    // Which files were read, folder by folder, and what was passed over.
    std::map<std::string, std::vector<std::string>> by_folder;
    for (const std::string& path : a.inputs_read) {
        const fs::path p(path);
        by_folder[p.has_parent_path() ? p.parent_path().generic_string() + "/" : std::string()].push_back(
            p.filename().string());
    }
    for (const auto& [folder, names] : by_folder) {
        out << "read " << (folder.empty() ? (fs::path(a.config.data_dir) / "").generic_string() : folder) << ": ";
        for (std::size_t i = 0; i < names.size(); ++i) out << (i ? ", " : "") << names[i];
        out << '\n';
    }
    for (const DataFolder::Ignored& i : a.inputs_ignored) out << "not read: " << i.path << " (" << i.why << ")\n";
    if (a.ok) {
        out << "window: " << a.measures.quarters.front().label() << " to " << a.measures.quarters.back().label()
            << " (" << a.measures.quarters.size() << " quarters), data as at " << a.site.data_as_at << '\n';
        out << "disclosure control (public profile): " << a.suppression.primary() << " counts of 1 to "
            << static_cast<int>(a.config.disclosure_smallest_shown - 1) << " suppressed, " << a.suppression.secondary()
            << " more suppressed so that they cannot be worked out\n";
        for (const auto& [page, counts] : suppression_by_page(a.measures, a.suppression))
            out << "  " << page << ": " << counts.primary << " + " << counts.secondary << '\n';
        out << "disclosure audit (public profile): " << a.audit.suppressed << " suppressed counts, each with at least "
            << a.audit.width << " possible values given everything published: "
            << (a.audit.passed() ? "passed" : std::to_string(a.audit.narrow.size()) + " fail") << " ("
            << a.audit.unbounded << " with no upper limit; " << a.audit.problems << " linear programs solved)\n";
        for (const auto& [measure, combined] : a.suppression.combined) {
            out << "  coarsened: " << measure << ":";
            for (const std::string& c : combined) out << ' ' << c;
            out << '\n';
        }
        if (a.audit.known || a.audit.narrowed_by_known)
            out << "  known to readers from elsewhere (the DfE's publication, an earlier edition): " << a.audit.known
                << " suppressed counts it published; " << a.audit.narrowed_by_known
                << " that those figures alone narrow to fewer values (held to what they leave)\n";
        for (const CellRange& c : a.audit.narrow)
            out << "  narrow: " << c.cell.measure << " " << c.cell.category << " " << c.period << ": " << format_number(c.low, 0)
                << " to " << format_number(*c.high, 0) << '\n';
        if (a.measures.benchmarks) {
            const Benchmarks& b = *a.measures.benchmarks;
            std::size_t differ = 0;
            for (const Diagnostic& d : diagnostics.items()) differ += d.code == "W606" ? 1 : 0;
            out << "benchmarks: " << b.area_name(b.authority) << " (" << b.area(b.authority)->code << ") beside "
                << (b.region.empty() ? "" : b.area_name(b.region) + ", ") << "England and " << b.neighbours.size()
                << " statistical neighbours; " << a.site.published_checks.size()
                << " figures of the export checked against the DfE's, " << differ << " differ\n";
        }
    }
    return a.ok ? exit_ok : exit_code_for(diagnostics);
}

}  // namespace careboard
