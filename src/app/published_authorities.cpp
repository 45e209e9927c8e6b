// A site of every authority's published figures, from the DfE's files alone ([authorities]
// from = "published", docs/authorities.md).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <ostream>
#include <set>

#include "app/authorities.hpp"
#include "benchmarks/benchmarks.hpp"
#include "core/format.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"
#include "publish/publish.hpp"
#include "render/overview.hpp"
#include "render/published_site.hpp"

namespace careboard {
namespace fs = std::filesystem;

namespace {

bool same_words(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

// The latest year any figure is published for.
int latest_year(const EesFigures& figures) {
    int latest = 0;
    for (const auto& [key, by_area] : figures.cells)
        for (const auto& [id, by_year] : by_area)
            if (!by_year.empty()) latest = std::max(latest, by_year.rbegin()->first);
    return latest;
}

// The area ids with a figure in `year`: a number, or one withheld (c), rounding to 0 (k) or of low
// reliability (u). An authority that no longer exists is still in the files, as x (not
// available) and z (not applicable).
std::set<std::string> areas_in(const EesFigures& figures, int year) {
    std::set<std::string> out;
    for (const auto& [key, by_area] : figures.cells)
        for (const auto& [id, by_year] : by_area) {
            const auto y = by_year.find(year);
            if (y != by_year.end() && (y->second.value || y->second.symbol == 'c' || y->second.symbol == 'k' || y->second.symbol == 'u'))
                out.insert(id);
        }
    return out;
}

// Whether a local authority is in the region asked for: its region's code or name, London's
// taking Inner and Outer London (the DfE's files place each borough in one of the two).
bool in_region(const EesFigures& figures, const BenchmarkArea& la, const std::string& region) {
    if (region.empty()) return true;
    auto matches = [&](const std::string& id) {
        if (id.empty()) return false;
        const auto r = figures.areas.find(id);
        const std::string name = r == figures.areas.end() ? std::string() : r->second.name;
        return same_words(id, region) || same_words(name, region);
    };
    if (matches(la.region_code)) return true;
    const bool london_borough = la.region_code == "E13000001" || la.region_code == "E13000002";
    return london_borough && (same_words(region, "E12000007") || same_words(region, "London"));
}

struct PublishedRun {
    AuthorityEntry entry;
    MeasureSet measures;
    OutputTree tree;
    Diagnostics diagnostics;
};

}  // namespace

std::vector<AuthorityEntry> resolve_published_authorities(const Config& config, const EesFigures& figures,
                                                          Diagnostics& diagnostics) {
    const AuthoritiesConfig& a = config.authorities;
    std::vector<AuthorityEntry> out;
    auto entry_for = [&](const BenchmarkArea& area, const std::string& name, ConfigPosition at) {
        AuthorityEntry e;
        e.code = area.code;
        e.la = area.id;  // its key in the figures
        e.name = name.empty() ? area.name : name;
        e.at = at;
        return e;
    };
    if (!a.all) {
        std::set<std::string> seen;
        for (const AuthorityEntry& wanted : a.list) {
            const BenchmarkArea* area = figures.find_area(wanted.code);
            if (!area || area->level != AreaLevel::local_authority) {
                diagnostics.error("E013", config.config_path, wanted.at.line, wanted.at.column,
                                  "authorities.include: no local authority '" + wanted.code +
                                      "' in the DfE files named in [benchmarks]; give its new (E06...) or old (3-digit) code");
                continue;
            }
            if (!seen.insert(area->id).second) {
                diagnostics.error("E013", config.config_path, wanted.at.line, wanted.at.column,
                                  "authorities.include: '" + wanted.code + "' is " + area->name + ", listed already");
                continue;
            }
            out.push_back(entry_for(*area, wanted.name, wanted.at));
        }
        return out;
    }
    // Every local authority with a figure in the latest year published: an authority that has
    // since ceased (Cumbria, split in 2023) is left out, and can be listed.
    const std::set<std::string> current = areas_in(figures, latest_year(figures));
    for (const auto& [id, area] : figures.areas)
        if (area.level == AreaLevel::local_authority && current.count(id) && in_region(figures, area, a.region))
            out.push_back(entry_for(area, "", a.at));
    std::stable_sort(out.begin(), out.end(), [](const AuthorityEntry& x, const AuthorityEntry& y) { return x.name < y.name; });
    if (out.empty())
        diagnostics.error("E013", config.config_path, a.region.empty() ? a.at.line : a.region_at.line,
                          a.region.empty() ? a.at.column : a.region_at.column,
                          a.region.empty() ? std::string("authorities: the DfE files named in [benchmarks] have no local authority")
                                           : "authorities.region: no local authority of the DfE files is in '" + a.region +
                                                 "'; give a region's code (E12000004) or name (East Midlands)");
    return out;
}

namespace {

// Reads the files and sets out each authority's figures; null when the build cannot go on.
struct PublishedBuild {
    PublishedFiles files;
    std::vector<PublishedRun> runs;
    int latest = 0;
};

bool prepare(const Config& config, PublishedBuild& build, Diagnostics& diagnostics) {
    if (!config.benchmarks.enabled()) {
        diagnostics.error("E013", config.config_path, config.authorities.from_at.line, config.authorities.from_at.column,
                          "authorities.from = \"published\" builds from the DfE's files, and [benchmarks] names none: "
                          "name them there (rates = \"...\", started = \"...\", docs/benchmarks.md)");
        return false;
    }
    build.files = read_published_files(config, diagnostics);
    if (diagnostics.has_errors()) return false;
    const std::vector<AuthorityEntry> entries = resolve_published_authorities(config, *build.files.figures, diagnostics);
    if (diagnostics.has_errors()) return false;
    build.latest = latest_year(*build.files.figures);
    build.runs.resize(entries.size());
    const NeighbourModel* model = build.files.model ? &*build.files.model : nullptr;
    run_in_parallel(entries.size(), entries.size() > 1, [&](std::size_t i) {
        PublishedRun& run = build.runs[i];
        run.entry = entries[i];
        Config one = config;
        one.authorities = {};
        one.authority_code = run.entry.code;
        one.authority_name = run.entry.name;
        one.benchmarks.authority.reset();
        one.benchmarks.neighbours.clear();
        if (std::shared_ptr<Benchmarks> b = compare_with(build.files.figures, one, run.diagnostics, model)) {
            b->neighbour_rows = false;  // each neighbour's rows are in its own folder
            run.measures = published_measure_set(std::move(b));
        }
    });
    return true;
}

std::string source_of(const Config& config) {
    return config.benchmarks.source.empty() ? std::string("the DfE's published statistics") : config.benchmarks.source;
}

}  // namespace

int run_published_build(const BuildOptions& options, Analysis base, Diagnostics& diagnostics, std::ostream& out,
                        std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    const Config& config = base.config;
    if (base.config_read) recover_output(config.output_dir, diagnostics);
    PublishedBuild build;
    const std::optional<std::string> build_date = build_date_from(options, diagnostics);
    if (diagnostics.has_errors() || !prepare(config, build, diagnostics)) {
        print_diagnostics(diagnostics, err, false);
        err << "careboard: build stopped: " << diagnostics.error_count() << " error(s); nothing was written\n";
        return exit_code_for(diagnostics);
    }
    const std::string source = source_of(config);
    const std::string data_as_at = Date::from_ymd(build.latest, 3, 31).long_text();
    run_in_parallel(build.runs.size(), build.runs.size() > 1, [&](std::size_t i) {
        PublishedRun& run = build.runs[i];
        if (!run.measures.benchmarks) return;
        PublishedAuthorityInput input{&config, &run.measures, run.entry.name, config.authorities.name, source, data_as_at,
                                      build_date};
        run.tree = render_published_authority(input, run.diagnostics);
    });

    OutputTree tree;
    OverviewInput overview;
    overview.config = &config;
    overview.group_name = config.authorities.name;
    overview.source = source;
    overview.data_as_at = data_as_at;
    overview.build_date = build_date;
    overview.published = true;
    std::vector<std::string> measures_files, guide_files, category_files, area_codes;
    std::set<std::string> keys;  // measures with a Total for some authority
    for (PublishedRun& run : build.runs) {
        // A warning of one authority's comparison (no row in the neighbour model) is the build's.
        for (const Diagnostic& d : run.diagnostics.items()) diagnostics.add(d);
        if (!run.measures.benchmarks) continue;
        measures_files.push_back(run.tree["data/measures.csv"]);
        guide_files.push_back(run.tree["data/measure-guide.csv"]);
        category_files.push_back(run.tree["data/categories.csv"]);
        area_codes.push_back(run.measures.area_code);
        for (auto& [path, content] : run.tree) tree.emplace(run.entry.code + "/" + path, std::move(content));
        run.tree.clear();
        for (const Measure& m : run.measures.measures)
            if (m.category_index("Total") >= 0) keys.insert(m.key);
        overview.authorities.push_back({run.entry.code, run.entry.name, &run.measures});
    }
    // Every measure as a whole that the files give, in the catalogue's order.
    overview.measures.assign(keys.begin(), keys.end());
    std::stable_sort(overview.measures.begin(), overview.measures.end(), [](const std::string& x, const std::string& y) {
        const int rx = measure_rank(x), ry = measure_rank(y);
        return rx != ry ? rx < ry : x < y;
    });
    if (!diagnostics.has_errors()) {
        for (auto& [path, content] : render_overview(overview, diagnostics)) tree[path] = std::move(content);
        tree["data/measures.csv"] = combine_measures_csv(measures_files, area_codes, true);
        tree["data/measure-guide.csv"] = union_of_rows(guide_files);
        tree["data/categories.csv"] = union_of_rows(category_files);
        add_site_assets(tree);
    }
    if (!publish_built_site(tree, config.output_dir, options, options.quiet, diagnostics, err)) return exit_code_for(diagnostics);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!options.quiet)
        err << "careboard: built " << tree.size() << " files for " << overview.authorities.size()
            << " authorities from the published figures in " << format_number(ms, 1) << " ms (" << diagnostics.warning_count()
            << " warnings)\n";
    out << (fs::absolute(config.output_dir) / "index.html").lexically_normal().string() << '\n';
    return exit_ok;
}

int run_published_check(const BuildOptions& options, Analysis base, Diagnostics& diagnostics, std::ostream& out,
                        std::ostream& err) {
    (void)options;
    PublishedBuild build;
    const bool ok = !diagnostics.has_errors() && prepare(base.config, build, diagnostics);
    for (const PublishedRun& run : build.runs)
        for (const Diagnostic& d : run.diagnostics.items()) diagnostics.add(d);
    print_diagnostics(diagnostics, err, true);
    if (ok) {
        out << build.runs.size() << " authorities in the published figures, the latest year " << year_label(build.latest)
            << "\n";
    }
    out << diagnostics.error_count() << " errors, " << diagnostics.warning_count() << " warnings\n";
    return exit_code_for(diagnostics);
}

}  // namespace careboard
