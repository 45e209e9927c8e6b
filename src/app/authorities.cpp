#include "app/authorities.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <ostream>
#include <set>

#include "core/format.hpp"
#include "core/parallel.hpp"
#include "measures/iro_measures.hpp"
#include "ingest/ssda903.hpp"
#include "measures/measures_csv.hpp"
#include "publish/publish.hpp"
#include "render/overview.hpp"

namespace careboard {
namespace fs = std::filesystem;

namespace {

// One authority of the build: what was read and counted, and its own problems.
struct AuthorityRun {
    AuthorityEntry entry;
    Analysis analysis;
    Diagnostics diagnostics;
};

// Each line of `text` after its first (a CSV file's rows), without the line end.
std::vector<std::string_view> rows_of(std::string_view text) {
    std::vector<std::string_view> rows;
    std::size_t at = text.find('\n');
    while (at != std::string_view::npos && at + 1 < text.size()) {
        const std::size_t next = text.find('\n', at + 1);
        rows.push_back(text.substr(at + 1, (next == std::string_view::npos ? text.size() : next) - at - 1));
        at = next;
    }
    return rows;
}

std::string_view header_of(std::string_view text) { return text.substr(0, text.find('\n')); }

void print_headed(const AuthorityRun& run, std::ostream& err, bool all_warnings) {
    if (run.diagnostics.items().empty()) return;
    err << "careboard: " << run.entry.name << " (" << run.entry.code << "):\n";
    print_diagnostics(run.diagnostics, err, all_warnings);
}

std::string first_error(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.sorted())
        if (d.severity == Severity::error) return format_diagnostic(d);
    return "it could not be read";
}

// Reads and counts every authority, each with its own diagnostics, two or more at a time: they
// share nothing but the measure catalogue, whose declared measures are set once here, before
// (the same for every authority: the config is shared). Problems of the declarations go to
// `diagnostics`; the runs are in the order of `entries` whatever the threads' timing.
std::vector<AuthorityRun> analyse_each(const BuildOptions& options, const Analysis& base,
                                       const std::vector<AuthorityEntry>& entries, Diagnostics& diagnostics) {
    declare_activity_measures(base.config, diagnostics);
    std::vector<AuthorityRun> runs(entries.size());
    run_in_parallel(entries.size(), entries.size() > 1, [&](std::size_t i) {
        const AuthorityEntry& entry = entries[i];
        AuthorityRun& run = runs[i];
        run.entry = entry;
        run.analysis.config = authority_config(base.config, entry);
        run.analysis.config_read = base.config_read;
        run.diagnostics.set_strict(options.strict || base.config.strict);
        BuildOptions one = options;
        one.measures_declared = true;
        // An earlier edition of a site of several: each authority's own pages, where it has them
        // (an authority new to the site has no earlier edition).
        if (options.previous) {
            const fs::path earlier = fs::path(*options.previous) / entry.code;
            const bool earlier_site = fs::exists(fs::path(*options.previous) / "data" / "measures.csv");
            if (fs::exists(earlier / "data" / "measures.csv") || !earlier_site) one.previous = earlier.string();
            else one.previous.reset();
        }
        analyse_data(one, run.analysis, run.diagnostics);
    });
    return runs;
}

}  // namespace

Config authority_config(const Config& shared, const AuthorityEntry& entry) {
    Config c = shared;
    c.authorities = {};
    c.authority_name = entry.name;
    c.authority_code = entry.code;
    // The default source line names the authority: each its own.
    if (shared.source_name == "SSDA903 export, " + shared.authority_name) c.source_name = "SSDA903 export, " + entry.name;
    // Its code in the DfE's files is its own code, unless [benchmarks] authority is set for all.
    c.benchmarks.authority.reset();
    c.benchmarks.neighbours.clear();
    if (!entry.la.empty()) {
        c.data_la = entry.la;
        c.data_la_at = entry.at;
    }
    if (!entry.dir.empty()) {
        c.data_dir = entry.dir;
        c.data_la.reset();
    }
    return c;
}

std::vector<AuthorityEntry> resolve_authorities(const Config& config, Diagnostics& diagnostics) {
    const AuthoritiesConfig& a = config.authorities;
    if (!a.all) return a.list;
    // Every LA value of the pooled files: read them once without choosing an authority.
    Diagnostics scratch;
    const DataFolder folder = discover_data_folder(config.data_dir, scratch);
    std::vector<AuthorityEntry> out;
    const bool has_903 = std::any_of(folder.returns.begin(), folder.returns.end(),
                                     [](const DataFolder::Return& r) { return r.has_903(); });
    if (!scratch.has_errors() && !has_903 && !folder.measures_csv.empty()) {
        // A site of several authorities' measures.csv: its authorities are its areas.
        std::string text;
        if (!read_input_file(folder.measures_csv, text))
            for (const std::string& area : measures_csv_areas(text, folder.measures_csv)) {
                AuthorityEntry e;
                e.la = area;
                e.name = area;
                e.code = authority_folder_code(area);
                e.at = a.at;
                if (!e.code.empty()) out.push_back(std::move(e));
            }
    } else if (!scratch.has_errors()) {
        const Dataset data = load_dataset(folder, scratch, {});
        std::set<std::string> codes;
        for (const auto& [key, name_rows] : data.authorities) {
            AuthorityEntry e;
            e.la = name_rows.first;
            e.name = name_rows.first;
            e.code = authority_folder_code(name_rows.first);
            e.at = a.at;
            if (e.code.empty() || !codes.insert(e.code).second) {
                diagnostics.error("E013", config.config_path, a.at.line, a.at.column,
                                  "authorities.include = \"all\": the LA value '" + e.la +
                                      "' gives no folder name of its own; list the authorities with a code each");
                continue;
            }
            out.push_back(std::move(e));
        }
    }
    if (out.empty() && !diagnostics.has_errors()) {
        // The data's own problems are reported by the build of each authority; here only that
        // there is nothing to tell authorities apart by.
        if (scratch.has_errors()) {
            diagnostics.append(std::move(scratch));
        } else {
            diagnostics.error("E013", config.config_path, a.at.line, a.at.column,
                              "authorities.include = \"all\" takes the authorities from the 903 files' LA column, and no "
                              "903 file in " + config.data_dir + " has one: list them instead, each with la or dir");
        }
    }
    return out;
}

std::string union_of_rows(const std::vector<std::string>& files) {
    if (files.empty()) return {};
    std::string out(header_of(files.front()));
    out += '\n';
    std::set<std::string_view> seen;
    for (const std::string& f : files)
        for (std::string_view row : rows_of(f))
            if (seen.insert(row).second) out.append(row).append("\n");
    return out;
}

std::string combine_measures_csv(const std::vector<std::string>& files, const std::vector<std::string>& area_codes,
                                 bool built_only_own) {
    if (files.empty()) return {};
    std::string out(header_of(files.front()));
    out += '\n';
    std::vector<std::string_view> others;
    std::set<std::string_view> seen;
    std::set<std::string_view> built;
    if (built_only_own)
        for (const std::string& code : area_codes) built.insert(code);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string prefix = area_codes[i] + ",";
        for (std::string_view row : rows_of(files[i])) {
            if (row.starts_with(prefix)) out.append(row).append("\n");
            else if (!built.count(row.substr(0, row.find(','))) && seen.insert(row).second) others.push_back(row);
        }
    }
    for (std::string_view row : others) out.append(row).append("\n");
    return out;
}

int run_authorities_build(const BuildOptions& options, Analysis base, Diagnostics& diagnostics, std::ostream& out,
                          std::ostream& err) {
    if (base.config.authorities.published) return run_published_build(options, std::move(base), diagnostics, out, err);
    const auto started = std::chrono::steady_clock::now();
    const Config& config = base.config;
    if (base.config_read) recover_output(config.output_dir, diagnostics);
    const std::vector<AuthorityEntry> entries = diagnostics.has_errors() ? std::vector<AuthorityEntry>{}
                                                                         : resolve_authorities(config, diagnostics);
    if (diagnostics.has_errors() || entries.empty()) {
        print_diagnostics(diagnostics, err, false);
        err << "careboard: build stopped: " << diagnostics.error_count() << " error(s); nothing was written\n";
        return exit_code_for(diagnostics);
    }
    const bool keep_going = options.keep_going || config.authorities.keep_going;
    std::vector<AuthorityRun> runs = analyse_each(options, base, entries, diagnostics);
    if (diagnostics.has_errors()) {
        print_diagnostics(diagnostics, err, false);
        err << "careboard: build stopped: " << diagnostics.error_count() << " error(s); nothing was written\n";
        return exit_code_for(diagnostics);
    }

    std::size_t failed = 0;
    int exit_code = exit_ok;
    for (const AuthorityRun& run : runs) {
        if (!run.analysis.ok || run.diagnostics.has_errors()) {
            ++failed;
            exit_code = std::max(exit_code, exit_code_for(run.diagnostics));
        }
        if (!options.quiet || run.diagnostics.has_errors()) print_headed(run, err, false);
    }
    if (failed == runs.size() || (failed && !keep_going)) {
        err << "careboard: build stopped: " << failed << " of " << runs.size()
            << " authorities have errors; nothing was written"
            << (failed < runs.size() ? " (keep_going = true in [authorities], or --keep-going, builds the others)" : "")
            << '\n';
        return exit_code;
    }

    // Each authority's pages under <code>/; the assets once, at the root.
    OutputTree tree;
    OverviewInput overview;
    overview.config = &config;
    overview.group_name = config.authorities.name;
    overview.profile = config.profile;
    // The source line: the config's, unless it is the default (which names one authority).
    overview.source = config.source_name == "SSDA903 export, " + config.authority_name
                          ? "each authority's SSDA903 returns, " + config.authorities.name
                          : config.source_name;
    std::vector<std::string> measures_files, guide_files, category_files, area_codes;
    // Rendered side by side (each into its own tree, with its own problems), joined in order.
    auto built = [](const AuthorityRun& run) { return run.analysis.ok && !run.diagnostics.has_errors(); };
    std::vector<OutputTree> rendered(runs.size());
    std::vector<Diagnostics> render_problems(runs.size());
    run_in_parallel(runs.size(), runs.size() > 1, [&](std::size_t i) {
        if (!built(runs[i])) return;
        Analysis& a = runs[i].analysis;
        a.site.config = &a.config;
        a.site.measures = &a.measures;
        a.site.shared_root = "../";
        a.site.overview_label = config.authorities.name;
        rendered[i] = render_site(a.site, render_problems[i]);
    });
    for (std::size_t i = 0; i < runs.size(); ++i) {
        AuthorityRun& run = runs[i];
        if (!built(run)) {
            overview.failures.push_back({run.entry.code, run.entry.name, first_error(run.diagnostics)});
            continue;
        }
        diagnostics.append(std::move(render_problems[i]));
        Analysis& a = run.analysis;
        OutputTree& own = rendered[i];
        measures_files.push_back(own["data/measures.csv"]);
        guide_files.push_back(own["data/measure-guide.csv"]);
        category_files.push_back(own["data/categories.csv"]);
        area_codes.push_back(a.measures.area_code);
        for (auto& [path, content] : own) {
            if (path.starts_with("assets/")) tree.try_emplace(path, std::move(content));
            else tree.emplace(run.entry.code + "/" + path, std::move(content));
        }
        own.clear();
        overview.data_as_at = a.site.data_as_at;
        overview.build_date = a.site.build_date;
        overview.authorities.push_back({run.entry.code, run.entry.name, &a.measures});
    }
    for (auto& [path, content] : render_overview(overview, diagnostics)) tree[path] = std::move(content);
    tree["data/measures.csv"] = combine_measures_csv(measures_files, area_codes);
    tree["data/measure-guide.csv"] = union_of_rows(guide_files);
    tree["data/categories.csv"] = union_of_rows(category_files);
    // Each authority's problems are printed above, under its name: the build's own only on an error.
    if (!publish_built_site(tree, config.output_dir, options, true, diagnostics, err)) return exit_code_for(diagnostics);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!options.quiet || failed) {
        err << "careboard: built " << tree.size() << " files for " << runs.size() - failed << " authorities in "
            << format_number(ms, 1) << " ms";
        if (failed) err << "; not built, with errors: " << failed << " (listed above and on the overview page)";
        err << '\n';
    }
    out << (fs::absolute(config.output_dir) / "index.html").lexically_normal().string() << '\n';
    return failed ? exit_code : exit_ok;
}

int run_authorities_check(const BuildOptions& options, Analysis base, Diagnostics& diagnostics, std::ostream& out,
                          std::ostream& err) {
    if (base.config.authorities.published) return run_published_check(options, std::move(base), diagnostics, out, err);
    const std::vector<AuthorityEntry> entries = diagnostics.has_errors() ? std::vector<AuthorityEntry>{}
                                                                         : resolve_authorities(base.config, diagnostics);
    print_diagnostics(diagnostics, err, true);
    if (diagnostics.has_errors()) {
        out << diagnostics.error_count() << " errors, " << diagnostics.warning_count() << " warnings\n";
        return exit_code_for(diagnostics);
    }
    BuildOptions audited = options;
    audited.audit_board = true;
    int exit_code = exit_ok;
    std::size_t errors = 0, warnings = 0;
    Diagnostics declared;
    const std::vector<AuthorityRun> runs = analyse_each(audited, base, entries, declared);
    print_diagnostics(declared, err, true);
    if (declared.has_errors()) return exit_code_for(declared);
    for (const AuthorityRun& run : runs) {
        print_headed(run, err, true);
        errors += run.diagnostics.error_count();
        warnings += run.diagnostics.warning_count();
        const Analysis& a = run.analysis;
        out << run.entry.code << " (" << run.entry.name << "): " << run.diagnostics.error_count() << " errors, "
            << run.diagnostics.warning_count() << " warnings";
        if (a.ok)
            out << "; window " << a.measures.quarters.front().label() << " to " << a.measures.quarters.back().label()
                << ", data as at " << a.site.data_as_at << "; disclosure audit "
                << (a.audit.passed() ? "passed" : std::to_string(a.audit.narrow.size()) + " fail");
        out << '\n';
        if (!a.ok || run.diagnostics.has_errors()) exit_code = std::max(exit_code, exit_code_for(run.diagnostics));
    }
    out << entries.size() << " authorities: " << errors << " errors, " << warnings << " warnings\n";
    return exit_code;
}

}  // namespace careboard
