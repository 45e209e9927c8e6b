#include "render/published_site.hpp"

#include "benchmarks/benchmarks.hpp"
#include "charts/benchmark_page.hpp"
#include "charts/catalogue.hpp"
#include "charts/year_table.hpp"
#include "core/date.hpp"
#include "core/format.hpp"
#include "measures/measure_catalogue.hpp"
#include "measures/measures_csv.hpp"
#include "render/data_files.hpp"
#include "render/renderer.hpp"

namespace careboard {
namespace {

// A published cell as the pages show it: the figure to its measure's displayed places, or its symbol.
std::string shown(const MeasureDef& def, const PublishedCell* c) {
    if (!c) return "x";
    // No more places than published: a rate published as 70 is not shown as 70.0.
    if (c->value) return def.is_percent() ? format_percent(*c->value) : format_number(*c->value, std::min(display_decimals(def), c->decimals));
    return std::string(1, c->symbol ? c->symbol : 'x');
}

// The latest published figures of the authority's measures as a whole (their Total), each beside
// the region's, England's and the neighbours' average for the same year, with its rank.
PageTable latest_figures(const MeasureSet& set, const std::string& name) {
    const Benchmarks& b = *set.benchmarks;
    PageTable t;
    t.id = "latest-figures";
    t.heading = "The latest published figures";
    t.caption = name + ": the latest published figure of each measure, beside " +
                (b.region.empty() ? std::string() : b.area_name(b.region) + ", ") + b.area_name(b.england) +
                (b.neighbours.empty() ? std::string() : " and the statistical neighbours' average");
    t.note = "Each figure is for the latest year the DfE has published it, as published, with the DfE's own symbols. "
             "The rank is among every local authority with a figure that year: 1 is the lowest, and authorities with "
             "the same figure share a rank. Quartile 1 holds the lowest quarter of the figures.";
    t.row_header = "Measure";
    t.reflow = true;
    t.columns = {name};
    if (!b.region.empty()) t.columns.push_back(b.area_name(b.region));
    t.columns.push_back(b.area_name(b.england));
    if (!b.neighbours.empty()) t.columns.push_back("Neighbours' average");
    t.columns.push_back("Rank");
    t.columns.push_back("Quartile");
    for (const Measure& m : set.measures) {
        if (m.category_index("Total") < 0) continue;
        const MeasureDef& def = measure_def(m.key);
        const FigureKey key{m.key, "Total"};
        int latest = 0;
        for (int year : b.years(key))
            if (b.cell(key, b.authority, year)) latest = year;
        if (!latest) continue;
        std::vector<std::string> row{measure_label(m.key) + ", " +
                                         (def.period == PeriodKind::at_date ? Date::from_ymd(latest, 3, 31).long_text()
                                                                            : year_label(latest)),
                                     shown(def, b.cell(key, b.authority, latest))};
        if (!b.region.empty()) row.push_back(shown(def, b.cell(key, b.region, latest)));
        row.push_back(shown(def, b.cell(key, b.england, latest)));
        if (!b.neighbours.empty()) {
            const std::optional<NeighbourAverage> avg = b.neighbour_average(key, latest);
            row.push_back(avg ? display_figure(def, avg->value) : "x");
        }
        const std::optional<Rank> r = b.rank(key, latest);
        row.push_back(r ? std::to_string(r->rank) + " of " + std::to_string(r->of) : "not ranked");
        row.push_back(r ? std::to_string(r->quartile) : "");
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace

OutputTree render_published_authority(const PublishedAuthorityInput& input, Diagnostics& diagnostics) {
    const Config& config = *input.config;
    const MeasureSet& set = *input.measures;
    const Benchmarks& b = *set.benchmarks;
    OutputTree out;
    Renderer renderer(diagnostics);
    const BenchmarkArea* area = b.area(b.authority);
    const ChartArea home{"Local authority", set.area_code, input.name};
    const ChartContext context{input.name, {}};
    std::vector<DataFile> data_files;

    // The pages: the comparison, then the topics the files give figures for.
    std::vector<TrendPage> pages;
    if (std::optional<TrendPage> compared = build_benchmark_page(set, context)) pages.push_back(std::move(*compared));
    const struct {
        const char *slug, *title, *intro;
    } topics[] = {
        {"health", "Health and wellbeing",
         "The health checks, strengths and difficulties scores, convictions and substance misuse of children looked "
         "after for at least 12 months at 31 March (the DfE's OC2 cohort), by year."},
        {"care-leavers", "Care leavers",
         "Young people who left care, around their 17th to 21st birthdays: what they are doing and where they live "
         "(the DfE's OC3 figures), by year."},
        {"missing", "Missing from care",
         "Children looked after who went missing, or were away from their placement without authorisation, by year."},
    };
    for (const auto& t : topics) {
        TrendPage page{t.slug, t.title, t.intro, build_benchmark_charts(set, context, t.slug)};
        if (!page.charts.empty()) pages.push_back(std::move(page));
    }

    PageFrame frame;
    frame.site_title = config.site_title;
    frame.authority_name = input.name;
    frame.data_as_at = input.data_as_at;
    frame.source = input.source;
    frame.build_date = input.build_date;
    frame.shared_root = "../";
    frame.shared_about = true;
    frame.nav.push_back({"../index.html", input.overview_label});
    frame.nav.push_back({"index.html", "Overview"});
    for (const TrendPage& p : pages) frame.nav.push_back({p.slug + ".html", p.title});
    frame.nav.push_back({"../about.html", "About these figures"});
    frame.nav.push_back({"../accessibility.html", "Accessibility"});
    auto layout = [&](const std::string& href, const std::string& title, const std::string& body) {
        out[href] = render_page(renderer, frame, href, title, body);
    };

    std::string years;
    if (!set.years.empty())
        years = year_label(set.years.front() + 1) +
                (set.years.size() > 1 ? " to " + year_label(set.years.back() + 1) : std::string());
    {
        TrendPage index{"index", input.name,
                        input.name + (area && !b.region.empty() ? ", a local authority in " + b.area_name(b.region) : "") +
                            ": the DfE's published figures" + (years.empty() ? "" : " for " + years) +
                            ", beside its region, England and its statistical neighbours.",
                        {}};
        PageTable latest = latest_figures(set, input.name);
        if (!latest.rows.empty()) index.tables.push_back(std::move(latest));
        std::string pages_words;
        for (std::size_t i = 0; i < pages.size(); ++i)
            pages_words += (i == 0 ? "" : i + 1 == pages.size() ? " and " : ", ") + pages[i].title;
        layout("index.html", input.name,
               renderer.render("trend", trend_page_view(index,
                                                        pages.empty() ? std::string("The files give no figures to chart for " + input.name + ".")
                                                                      : "The figures year by year, with charts, are on the pages " + pages_words + ".",
                                                        "The DfE's files give no figures for " + input.name + ".",
                                                        input.source, home, out, data_files)));
    }
    for (const TrendPage& page : pages)
        layout(page.slug + ".html", page.title,
               renderer.render("trend", trend_page_view(page,
                                                        "Figures for " + input.name + (years.empty() ? "" : ", " + years) +
                                                            ". Each chart has a table of the same figures and a CSV download.",
                                                        "", input.source, home, out, data_files)));

    out["data/measures.csv"] = write_measures_csv(set);
    out["data/measure-guide.csv"] = write_measure_guide_csv(set);
    out["data/categories.csv"] = write_categories_csv(set);
    std::vector<DataFile> listed{
        {"data/measures.csv", "every published figure of " + input.name + ", then its region's and England's (each statistical "
                              "neighbour's are in its own folder, and every area's in the site's data/measures.csv)"},
        {"data/measure-guide.csv", "what each measure is: its unit, period, places, what it sums to and is made of"},
        {"data/categories.csv", "each measure's categories, with their words and groups"}};
    listed.insert(listed.end(), data_files.begin(), data_files.end());
    DataGuidanceInput guidance{input.name, config.site_title, input.source, input.data_as_at, false, listed};
    guidance.published = true;
    out["data/data-guidance.txt"] = data_guidance(guidance);
    check_rendered(out, diagnostics);
    return out;
}

}  // namespace careboard
