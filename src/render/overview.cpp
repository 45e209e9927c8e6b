#include "render/overview.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <mustache.hpp>

#include "benchmarks/benchmarks.hpp"
#include "charts/chart.hpp"
#include "core/date.hpp"
#include "core/embedded.hpp"
#include "core/format.hpp"
#include "core/parallel.hpp"
#include "measures/measure_catalogue.hpp"
#include "render/chart_view.hpp"
#include "render/data_files.hpp"
#include "render/renderer.hpp"

namespace careboard {
namespace {

using kainjow::mustache::data;
using json = nlohmann::ordered_json;

data list() { return data{data::type::list}; }

// An authority's figure for a measure's Total in a financial year: its value, or why there is none.
struct Figure {
    std::optional<double> value;
    char symbol = 'x';
};

Figure figure_of(const MeasureSet* set, const std::string& key, int fy_start) {
    if (!set) return {};
    const Measure* m = set->find(key);
    const std::optional<std::size_t> period = set->year_period_of(fy_start);
    if (!m || !period) return {};
    const int total = m->category_index("Total");
    if (total < 0) return {};
    const auto t = static_cast<std::size_t>(total);
    if (const char symbol = m->symbol(t, *period)) return {std::nullopt, symbol};
    const std::optional<double> v = m->values[t][*period];
    return v ? Figure{v, 0} : Figure{};
}

// Every financial year any authority has, oldest first.
std::vector<int> years_of(const OverviewInput& input) {
    std::set<int> years;
    for (const OverviewAuthority& a : input.authorities)
        if (a.measures) years.insert(a.measures->years.begin(), a.measures->years.end());
    return {years.begin(), years.end()};
}

// "2024-25", or "31 March 2025" for a count at a date.
std::string year_words(const MeasureDef& def, int fy_start) {
    return def.period == PeriodKind::at_date ? Date::from_ymd(fy_start + 1, 3, 31).long_text()
                                             : financial_year_label(fy_start);
}

// The places a measure's figures are shown and written with: careboard's own (display_decimals,
// the catalogue's decimals), or for published figures no more than they are published with (a
// rate published as 70 is not shown as 70.0).
struct Places {
    int shown = 0, written = 0;
};
Places places_of(const OverviewInput& input, const std::string& key) {
    const MeasureDef& def = measure_def(key);
    if (!input.published) return {display_decimals(def), def.decimals};
    int published = 0;
    for (const OverviewAuthority& a : input.authorities)
        if (const Measure* m = a.measures ? a.measures->find(key) : nullptr) published = std::max(published, m->decimals);
    return {std::min(display_decimals(def), published), published};
}

std::string figure_text(const MeasureDef& def, const Places& places, double value) {
    return def.is_percent() ? format_percent(value) : format_number(value, places.shown);
}

std::string shown(const MeasureDef& def, const Places& places, const OverviewRow& row) {
    return row.value ? figure_text(def, places, *row.value) : std::string(1, row.symbol ? row.symbol : 'x');
}

// The areas whose published figures are drawn across the overview's rankings, with their words:
// England, and the region when every authority is of the same one. None without the DfE's files.
std::vector<std::pair<std::string, std::string>> comparison_areas(const OverviewInput& input) {
    std::vector<std::pair<std::string, std::string>> out;
    if (input.authorities.empty() || !input.authorities.front().measures ||
        !input.authorities.front().measures->benchmarks)
        return out;
    const Benchmarks& first = *input.authorities.front().measures->benchmarks;
    if (const BenchmarkArea* e = first.area(first.england)) out.push_back({first.england, e->name});
    bool one_region = !first.region.empty();
    for (const OverviewAuthority& a : input.authorities)
        one_region = one_region && a.measures && a.measures->benchmarks && a.measures->benchmarks->region == first.region;
    if (one_region) out.push_back({first.region, first.area_name(first.region)});
    return out;
}

// The heading of a group of the index's measures: the title of the page that shows them.
std::string page_heading(const std::string& page) {
    static const std::map<std::string, std::string> titles{
        {"population", "Care population"},     {"legal-status", "Legal status"},
        {"placements", "Placements"},          {"reviews", "Reviews"},
        {"health", "Health and wellbeing"},    {"care-leavers", "Care leavers"},
        {"missing", "Missing from care"},      {"adoption", "Adoption"},
        {"escalations", "IRO escalations"},    {"iro-service", "IRO service"},
        {"how-we-compare", "Starting and ceasing care, and new placements"}};
    const auto it = titles.find(page);
    return it == titles.end() ? std::string("Other figures") : it->second;
}

// The authorities' indexes in the order of their names.
std::vector<std::size_t> by_name_order(const OverviewInput& input) {
    std::vector<std::size_t> order(input.authorities.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return input.authorities[a].name < input.authorities[b].name; });
    return order;
}

// A tidy CSV of the overview's figures for `years` (docs/data-files.md, "The overview of several
// authorities"): a row per year and authority, by name.
std::string overview_csv(const OverviewInput& input, const std::string& key, const std::vector<int>& years) {
    const MeasureDef& def = measure_def(key);
    const Places places = places_of(input, key);
    std::string out = std::string(kChartCsvHeader) + ",rank,ranked,quartile\n";
    for (int y : years) {
        std::vector<OverviewRow> rows = overview_rows(input, key, y);
        std::sort(rows.begin(), rows.end(), [&](const OverviewRow& a, const OverviewRow& b) {
            return input.authorities[a.authority].name < input.authorities[b.authority].name;
        });
        const std::string end = Date::from_ymd(y + 1, 3, 31).iso();
        const std::string start = def.period == PeriodKind::at_date ? end : Date::from_ymd(y, 4, 1).iso();
        for (const OverviewRow& r : rows) {
            const OverviewAuthority& a = input.authorities[r.authority];
            out += financial_year_label(y) + ',' + start + ',' + end + ",Local authority," + csv_cell(a.code) + ',' +
                   csv_cell(a.name) + ',' + key + ",Total," + financial_year_label(y) + ',' +
                   (r.value ? format_plain(*r.value, places.written) + "," : "," + std::string(1, r.symbol ? r.symbol : 'x')) +
                   ',' + (r.rank ? std::to_string(r.rank) + ',' + std::to_string(r.of) + ',' + std::to_string(r.quartile)
                                 : std::string(",,")) +
                   '\n';
        }
    }
    return out;
}

// Small multiples: a panel per authority of its figures over the years, on one shared scale.
json small_multiples_spec(const OverviewInput& input, const std::string& key, const std::vector<int>& years,
                          const std::string& description) {
    const MeasureDef& def = measure_def(key);
    json values = json::array();
    json names = json::array();
    const std::vector<std::size_t> order = by_name_order(input);
    // An authority's years and figures as two lists, which Vega-Lite's flatten makes a point each
    // of: a fraction of the size of an object per point.
    for (std::size_t i : order) {
        const OverviewAuthority& a = input.authorities[i];
        names.push_back(a.name);
        json year_list = json::array(), figures = json::array();
        for (int y : years) {
            const Figure f = figure_of(a.measures, key, y);
            // A withheld or missing figure is a gap, never a zero.
            if (!f.value) continue;
            year_list.push_back(financial_year_label(y));
            const double rounded = round_half_away(*f.value, 2);
            if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15) figures.push_back(static_cast<long long>(rounded));
            else figures.push_back(rounded);
        }
        if (!figures.empty())
            values.push_back({{"authority", a.name}, {"year", std::move(year_list)}, {"value", std::move(figures)}});
    }
    json year_labels = json::array();
    for (int y : years) year_labels.push_back(financial_year_label(y));
    json axis_years = json::array();
    if (!years.empty()) {
        axis_years.push_back(financial_year_label(years.front()));
        if (years.size() > 1) axis_years.push_back(financial_year_label(years.back()));
    }
    const std::string format = def.is_percent() ? ".0f" : ",.0f";
    json encoding = {
        {"x", {{"field", "year"}, {"type", "ordinal"}, {"title", nullptr}, {"sort", year_labels},
               {"scale", {{"domain", year_labels}}}, {"axis", {{"labelAngle", 0}, {"values", axis_years}}}}},
        {"y", {{"field", "value"}, {"type", "quantitative"}, {"title", nullptr}, {"scale", {{"zero", true}}},
               {"axis", {{"format", format}, {"tickCount", 3}}}}},
        {"tooltip", json::array({{{"field", "authority"}, {"title", "Authority"}},
                                 {{"field", "year"}, {"title", "Year"}},
                                 {{"field", "value"}, {"title", std::string(def.label)}, {"format", def.is_percent() ? ".1f" : ",.1f"}}})}};
    json spec;
    spec["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json";
    spec["description"] = description;
    spec["data"] = {{"values", values}};
    spec["transform"] = json::array({{{"flatten", json::array({"year", "value"})}}});
    spec["columns"] = 4;  // at most: careboard.js fits them to the page (four fit A4)
    // A long name on lines of words within its panel, never cut off.
    json header = {{"labelFontSize", 12}, {"labelLimit", 0}, {"labelColor", "#0b0c0c"}};
    wrap_guide_labels(header, names.get<std::vector<std::string>>(), 18);
    spec["facet"] = {{"field", "authority"}, {"type", "nominal"}, {"title", nullptr}, {"sort", names}, {"header", header}};
    spec["spec"] = {{"width", 100},
                    {"height", 70},
                    {"mark", {{"type", "line"}, {"point", {{"filled", true}, {"size", 30}}}, {"color", chart_palette().front()},
                              {"strokeWidth", 2}}},
                    {"encoding", encoding}};
    spec["resolve"] = {{"scale", {{"y", "shared"}}}};
    spec["config"] = chart_config();
    return spec;
}

}  // namespace

std::vector<OverviewRow> overview_rows(const OverviewInput& input, const std::string& measure, int fy_start) {
    const int places = places_of(input, measure).shown;
    std::vector<OverviewRow> rows;
    std::vector<double> shown_values;
    for (std::size_t i = 0; i < input.authorities.size(); ++i) {
        const Figure f = figure_of(input.authorities[i].measures, measure, fy_start);
        OverviewRow row;
        row.authority = i;
        row.value = f.value;
        row.symbol = f.value ? 0 : f.symbol;
        if (f.value) shown_values.push_back(round_half_away(*f.value, places));
        rows.push_back(row);
    }
    for (OverviewRow& row : rows) {
        if (!row.value) continue;
        const Rank r = rank_among(round_half_away(*row.value, places), shown_values);
        row.rank = r.rank;
        row.of = r.of;
        row.quartile = r.quartile;
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const OverviewRow& a, const OverviewRow& b) {
        if ((a.rank == 0) != (b.rank == 0)) return a.rank != 0;
        if (a.rank != b.rank) return a.rank < b.rank;
        return input.authorities[a.authority].name < input.authorities[b.authority].name;
    });
    return rows;
}

std::vector<std::string> overview_measures(const OverviewInput& input) {
    if (!input.measures.empty()) return input.measures;
    std::vector<std::string> out;
    const std::vector<int> years = years_of(input);
    if (years.empty()) return out;
    for (const std::string& key : key_figure_measures()) {
        bool any = false;
        for (const OverviewAuthority& a : input.authorities)
            for (int y : years) any = any || figure_of(a.measures, key, y).value.has_value();
        if (any) out.push_back(key);
    }
    return out;
}

OutputTree render_overview(const OverviewInput& input, Diagnostics& diagnostics) {
    const Config& config = *input.config;
    OutputTree out;
    Renderer renderer(diagnostics);
    const bool board = input.profile == "board";
    const std::vector<int> all_years = years_of(input);
    const std::vector<std::string> measures = overview_measures(input);

    PageFrame frame;
    frame.site_title = config.site_title;
    frame.authority_name = input.group_name;
    frame.data_as_at = input.data_as_at;
    frame.source = input.source;
    frame.build_date = input.build_date;
    frame.board = board;
    frame.nav = {{"index.html", input.group_name}, {"about.html", "About these figures"}, {"accessibility.html", "Accessibility"}};
    auto layout = [&](const std::string& href, const std::string& title, const std::string& body) {
        out[href] = render_page(renderer, frame, href, title, body);
    };

    std::vector<DataFile> files{
        {"data/measures.csv", "every figure of every authority (area_code tells them apart), for every period, with the "
                              "DfE's published figures for the areas compared with, once each"},
        {"data/measure-guide.csv", "what each measure is: its unit, period, places, what it sums to and is made of"},
        {"data/categories.csv", "each measure's categories, with their words and groups (every authority's)"}};
    // A page per measure, twice: the table by rank and by name. The measures side by side, each
    // with its own renderer, files and problems, joined in the measures' order.
    struct MeasurePages {
        OutputTree out;
        std::vector<DataFile> files;
        Diagnostics diagnostics;
    };
    std::vector<MeasurePages> per_measure(measures.size());
    run_in_parallel(measures.size(), measures.size() > 1, [&](std::size_t measure_index) {
        const std::string& key = measures[measure_index];
        MeasurePages& mp = per_measure[measure_index];
        Renderer measure_renderer(mp.diagnostics);
        auto measure_layout = [&](const std::string& href, const std::string& title, const std::string& body) {
            mp.out[href] = render_page(measure_renderer, frame, href, title, body);
        };
        const MeasureDef& def = measure_def(key);
        const Places places = places_of(input, key);
        // The years any authority has a figure (or a symbol other than x) for this measure.
        std::vector<int> years;
        for (int y : all_years) {
            bool any = false;
            for (const OverviewAuthority& a : input.authorities) {
                const Figure f = figure_of(a.measures, key, y);
                any = any || f.value || f.symbol != 'x';
            }
            if (any) years.push_back(y);
        }
        if (years.empty()) return;
        const std::string label(def.label);
        // The latest year any authority has a figure for.
        int latest = years.back();
        for (auto y = years.rbegin(); y != years.rend(); ++y) {
            bool any = false;
            for (const OverviewAuthority& a : input.authorities) any = any || figure_of(a.measures, key, *y).value.has_value();
            if (any) {
                latest = *y;
                break;
            }
        }
        const std::vector<OverviewRow> ranked = overview_rows(input, key, latest);
        const std::string when = year_words(def, latest);
        std::size_t ranked_count = 0, withheld = 0;
        for (const OverviewRow& r : ranked) {
            ranked_count += r.rank ? 1 : 0;
            withheld += !r.value && r.symbol == 'c' ? 1 : 0;
        }

        // The ranked dot chart: a row per authority, lowest first.
        Chart dots;
        dots.id = key + "-ranked";
        dots.kind = ChartKind::strip;
        dots.name = label + ", " + when + ", ranked";
        dots.subtitle = label + ", " + when + ", " + std::to_string(input.authorities.size()) + " authorities";
        dots.y_title = label;
        dots.percent = def.is_percent();
        dots.display_decimals = places.shown;
        dots.measures = {key};
        dots.row_title = "Authority";
        ChartSeries series{"Total", when, {}, {}};
        series.measure = key;
        for (const OverviewRow& r : ranked) {
            dots.row_labels.push_back(input.authorities[r.authority].name);
            series.values.push_back(r.value);
            series.symbols.push_back(r.value ? 0 : (r.symbol ? r.symbol : 'x'));
        }
        dots.series = {series};
        dots.plotted = dots.series;
        // England's figure (and, when every authority is of one region, the region's), as the
        // DfE published them, drawn across the ranking: published figures, not worked out here.
        std::vector<std::string> lines;
        for (const auto& [area, words] : comparison_areas(input)) {
            const Benchmarks& b = *input.authorities.front().measures->benchmarks;
            const PublishedCell* c = b.cell({key, "Total"}, area, latest + 1);
            if (!c || !c->value) continue;
            const std::string figure = def.is_percent() ? format_percent(*c->value) : format_number(*c->value, std::min(places.shown, c->decimals));
            dots.references.push_back({*c->value, std::nullopt, words + ": " + figure});
            lines.push_back(words + " (" + figure + ")");
        }
        std::string message;
        if (ranked_count >= 2) {
            const OverviewRow& low = ranked.front();
            const OverviewRow& high = ranked[ranked_count - 1];
            message = input.authorities[high.authority].name + " has the highest figure (" + shown(def, places, high) + ") and " +
                      input.authorities[low.authority].name + " the lowest (" + shown(def, places, low) + ")";
            dots.title = message + ", " + when;
        } else {
            dots.title = label + ", " + when;
        }
        dots.description = "Dot chart of " + label + ", " + when + ", a row per authority from the lowest figure to the highest" +
                           (ranked_count >= 2 ? ": " + message : std::string()) + "." +
                           (lines.empty() ? std::string()
                                          : std::string(lines.size() > 1 ? " Dashed lines mark" : " A dashed line marks") +
                                                " the DfE's figure for " + lines.front() +
                                                (lines.size() > 1 ? " and for " + lines.back() : "") + ".") +
                           (withheld ? " " + std::to_string(withheld) + " figures are withheld to protect confidentiality (c) and are not ranked." : "");

        // Small multiples of every year; the table beside them is a row per authority.
        Chart trend;
        trend.id = key + "-years";
        trend.kind = ChartKind::line;
        trend.name = label + ", " + financial_year_label(years.front()) + " to " + financial_year_label(years.back()) +
                     ", each authority";
        trend.title = label + " year by year, a panel for each authority";
        trend.subtitle = label + ", " + financial_year_label(years.front()) + " to " + financial_year_label(years.back()) +
                         ", on one scale";
        trend.y_title = label;
        trend.percent = def.is_percent();
        trend.display_decimals = places.shown;
        trend.measures = {key};
        trend.row_title = "Authority";
        const std::vector<std::size_t> by_name = by_name_order(input);
        for (std::size_t i : by_name) trend.row_labels.push_back(input.authorities[i].name);
        for (int y : years) {
            ChartSeries s{"Total", financial_year_label(y), {}, {}};
            s.measure = key;
            for (std::size_t i : by_name) {
                const Figure f = figure_of(input.authorities[i].measures, key, y);
                s.values.push_back(f.value);
                s.symbols.push_back(f.value ? 0 : f.symbol);
            }
            trend.series.push_back(std::move(s));
        }
        trend.description = "Small multiples of " + label + ", a line for each authority over the financial years " +
                            financial_year_label(years.front()) + " to " + financial_year_label(years.back()) +
                            ", every panel on the same scale. Withheld figures (c) are gaps.";

        data charts = list();
        charts.push_back(chart_view(dots, input.source));
        data multiples = chart_view(trend, input.source);
        multiples.set("spec_json", json_for_html(small_multiples_spec(input, key, years, trend.description)));
        multiples.set("summary", "Small multiples, " + financial_year_label(years.front()) + " to " +
                                     financial_year_label(years.back()) + ", a panel per authority.");
        charts.push_back(multiples);
        mp.out["overview/data/" + dots.id + ".csv"] = overview_csv(input, key, {latest});
        mp.out["overview/data/" + trend.id + ".csv"] = overview_csv(input, key, years);
        mp.files.push_back({"overview/data/" + dots.id + ".csv", dots.name + ": every authority, ranked"});
        mp.files.push_back({"overview/data/" + trend.id + ".csv", trend.name + ", ranked year by year"});

        for (const bool by_rank : {true, false}) {
            PageTable table;
            table.id = "table";
            table.heading = "Every authority, " + std::string(by_rank ? "ranked" : "by name");
            table.caption = label + ", " + when + ", every authority " + (by_rank ? "ranked (1 = the lowest)" : "by name");
            table.note = std::to_string(ranked_count) + " of " + std::to_string(input.authorities.size()) +
                         " authorities have a figure to rank. Rank 1 is the lowest figure; authorities with the same "
                         "figure share a rank. Quartile 1 holds the lowest quarter of the figures, quartile 4 the highest. "
                         "Figures withheld to protect confidentiality (c) and figures not available (x) are not ranked." +
                         (lines.empty() ? std::string()
                                        : " The DfE's figure for " + lines.front() + (lines.size() > 1 ? " and for " + lines.back() : "") +
                                              (lines.size() > 1 ? " are drawn as dashed lines" : " is drawn as a dashed line") +
                                              " on the chart, and not ranked.");
            table.row_header = "Authority";
            table.columns = {"Rank", "Quartile", when};
            for (auto y = years.rbegin(); y != years.rend(); ++y)
                if (*y != latest) table.columns.push_back(year_words(def, *y));
            std::vector<OverviewRow> rows = ranked;
            if (!by_rank)
                std::sort(rows.begin(), rows.end(), [&](const OverviewRow& a, const OverviewRow& b) {
                    return input.authorities[a.authority].name < input.authorities[b.authority].name;
                });
            for (const OverviewRow& r : rows) {
                const OverviewAuthority& a = input.authorities[r.authority];
                std::vector<std::string> row{a.name};
                table.row_hrefs.push_back("../" + a.code + "/index.html");
                row.push_back(r.rank ? std::to_string(r.rank) : "");
                row.push_back(r.quartile ? std::to_string(r.quartile) : "");
                row.push_back(shown(def, places, r));
                for (auto y = years.rbegin(); y != years.rend(); ++y) {
                    if (*y == latest) continue;
                    const Figure f = figure_of(a.measures, key, *y);
                    row.push_back(f.value ? figure_text(def, places, *f.value) : std::string(1, f.symbol));
                }
                table.rows.push_back(std::move(row));
            }
            table.links.push_back(by_rank ? std::pair<std::string, std::string>{key + "-by-name.html", "Order the table by name"}
                                          : std::pair<std::string, std::string>{key + ".html", "Order the table by rank"});
            data view;
            view.set("title", label);
            view.set("intro", "Every authority's figure for " + when + " side by side, ranked, with each authority's "
                              "figures for every year. " + std::string(input.published ? "The figures are the DfE's, as published."
                                                                                         : "The figures are those of each authority's own pages."));
            data tables = list();
            tables.push_back(page_table_view(table));
            view.set("tables", tables);
            // The charts once, on the page by rank; the page by name is its table reordered.
            if (by_rank) {
                view.set("period_sentence", "Each chart has a table of the same figures and a CSV download.");
                view.set("charts", charts);
                view.set("has_contents", true);
            } else {
                view.set("period_sentence", "The table below is ordered by name; the charts are on the page ordered by rank.");
                view.set("charts", list());
            }
            measure_layout("overview/" + key + (by_rank ? "" : "-by-name") + ".html", label, measure_renderer.render("trend", view));
        }
        });
    for (MeasurePages& mp : per_measure) {
        for (auto& [path, content] : mp.out) out[path] = std::move(content);
        files.insert(files.end(), mp.files.begin(), mp.files.end());
        diagnostics.append(std::move(mp.diagnostics));
    }

    // The index: the authorities, and the measures compared.
    {
        data view;
        view.set("group_name", input.group_name);
        view.set("published", input.published);
        view.set("count", std::to_string(input.authorities.size()));
        view.set("period", all_years.empty() ? std::string() : financial_year_label(all_years.front()) + " to " +
                                                                 financial_year_label(all_years.back()));
        data authorities = list();
        const std::vector<std::size_t> by_name = by_name_order(input);
        // The first key figures, as at the latest year.
        std::vector<std::string> columns;
        for (const std::string& key : measures)
            if (columns.size() < 3) columns.push_back(key);
        data headers = list();
        for (const std::string& key : columns)
            headers.push_back(data{std::string(measure_def(key).label) + ", " + year_words(measure_def(key), all_years.back())});
        view.set("columns", headers);
        for (std::size_t i : by_name) {
            const OverviewAuthority& a = input.authorities[i];
            data item;
            item.set("name", a.name);
            item.set("href", a.code + "/index.html");
            data cells = list();
            for (const std::string& key : columns) {
                const Figure f = figure_of(a.measures, key, all_years.back());
                cells.push_back(data{f.value ? figure_text(measure_def(key), places_of(input, key), *f.value) : std::string(1, f.symbol)});
            }
            item.set("cells", cells);
            authorities.push_back(item);
        }
        view.set("authorities", authorities);
        // The measures under the headings of the pages that show them (the catalogue's page of
        // each), in the order their first measure comes: a label such as "Of those, aged 0 to 4"
        // reads under "Health and wellbeing".
        data groups = list();
        std::vector<std::pair<std::string, std::vector<std::string>>> by_page;
        for (const std::string& key : measures) {
            const std::string page(measure_def(key).page);
            auto it = std::find_if(by_page.begin(), by_page.end(), [&](const auto& g) { return g.first == page; });
            if (it == by_page.end()) it = by_page.insert(by_page.end(), {page, {}});
            it->second.push_back(key);
        }
        for (const auto& [page, keys] : by_page) {
            data group;
            group.set("heading", page_heading(page));
            data items = list();
            for (const std::string& key : keys) {
                data item;
                item.set("href", "overview/" + key + ".html");
                item.set("label", std::string(measure_def(key).label));
                items.push_back(item);
            }
            group.set("measures", items);
            groups.push_back(group);
        }
        view.set("groups", groups);
        data failures = list();
        for (const OverviewFailure& f : input.failures) {
            data item;
            item.set("name", f.name);
            item.set("code", f.code);
            item.set("why", f.why);
            failures.push_back(item);
        }
        if (!input.failures.empty()) view.set("has_failures", true);
        view.set("failures", failures);
        layout("index.html", input.group_name, renderer.render("overview-index", view));
    }
    {
        data view;
        view.set("group_name", input.group_name);
        view.set("data_as_at", input.data_as_at);
        view.set("published", input.published);
        view.set("source", input.source);
        layout("about.html", "About these figures", renderer.render("overview-about", view));
    }
    {
        data view;
        view.set("authority_name", input.group_name);
        view.set("site_title", config.site_title);
        if (!config.contact.empty()) view.set("contact", config.contact);
        layout("accessibility.html", "Accessibility statement", renderer.render("accessibility", view));
    }
    DataGuidanceInput guidance{input.group_name, config.site_title, input.source, input.data_as_at, board, files};
    guidance.overview = true;
    out["data/data-guidance.txt"] = data_guidance(guidance);
    check_rendered(out, diagnostics);
    return out;
}

}  // namespace careboard
