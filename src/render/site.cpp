#include "render/site.hpp"

#include <cmath>
#include <mustache.hpp>

#include "charts/catalogue.hpp"
#include "core/embedded.hpp"
#include "core/format.hpp"
#include "measures/measures_csv.hpp"

namespace careboard {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

std::string template_text(const std::string& name) {
    const auto& files = embedded_files();
    auto it = files.find("site-templates/" + name + ".mustache");
    return it == files.end() ? std::string() : std::string(it->second);
}

class Renderer {
public:
    explicit Renderer(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

    std::string render(const std::string& name, const data& view) {
        mustache tmpl{template_text(name)};
        if (!tmpl.is_valid()) {
            diagnostics_.error("E401", "site-templates/" + name + ".mustache", 0, 0, "template error: " + tmpl.error_message());
            return {};
        }
        std::string out = tmpl.render(view);
        if (!tmpl.is_valid())
            diagnostics_.error("E402", "site-templates/" + name + ".mustache", 0, 0, "cannot render: " + tmpl.error_message());
        return out;
    }

private:
    Diagnostics& diagnostics_;
};

data list() { return data{data::type::list}; }

data chart_view(const Chart& chart, const std::string& source) {
    data view;
    view.set("id", chart.id);
    view.set("title", chart.title);
    view.set("subtitle", chart.subtitle);
    view.set("description", chart.description);
    view.set("source", source);
    view.set("spec_json", json_for_html(vega_lite_spec(chart)));
    data columns = list();
    for (const ChartSeries& s : chart.series) columns.push_back(data{s.label});
    view.set("columns", columns);
    data rows = list();
    for (std::size_t q = 0; q < chart.quarters.size(); ++q) {
        data row;
        row.set("quarter", chart.quarters[q].label());
        data cells = list();
        for (const ChartSeries& s : chart.series) cells.push_back(data{display_value(chart, s, q)});
        row.set("cells", cells);
        rows.push_back(row);
    }
    view.set("rows", rows);
    return view;
}

bool has_missing(const Chart& chart) {
    for (const ChartSeries& s : chart.series)
        for (const auto& v : s.values)
            if (!v) return true;
    return false;
}

struct KeyFigure {
    const char* key;
    const char* name;
    bool percent;
    const char* page;
};

constexpr KeyFigure kKeyFigures[] = {
    {"looked_after", "Children looked after", false, "population.html"},
    {"looked_after_rate_per_10000", "Children looked after per 10,000 children", false, "population.html#looked-after-rate"},
    {"started", "Children who started to be looked after in the quarter", false, "population.html#starts-and-ceasings"},
    {"ceased", "Children who ceased to be looked after in the quarter", false, "population.html#starts-and-ceasings"},
    {"placements_3_or_more_percent", "Children with 3 or more placements in 12 months", true, "placements.html#placement-stability"},
    {"reviews_in_timescale_percent", "Reviews held in timescale", true, "reviews.html#reviews-in-timescale"},
    {"reviews_participation_percent", "Reviews in which the child took part", true, "reviews.html#participation-rate"},
};

std::string display(double value, bool percent, int decimals) {
    return percent ? format_percent(value, decimals) : format_number(value, decimals);
}

std::vector<std::pair<std::string, std::string>> definitions() {
    return {
        {"Children looked after", "Children with an episode of care open at the end of the quarter (started on or before that day and not ended by it). Short breaks (legal status V3 and V4) are left out of every count."},
        {"Started and ceased", "Children who started to be looked after (a new period of care) or ceased to be looked after in the quarter, each child counted once. An episode that ends only because another begins the same day (X1) is not a ceasing."},
        {"Age", "Age in whole years at the end of the quarter, in the Department for Education's bands."},
        {"Placement stability", "Children looked after at the quarter end who had 3 or more placements in the 12 months to that day, as a percentage of all children looked after then."},
        {"Reviews in timescale", "The first review of a period of care is due within 20 working days of its start, the second within 3 months of the first, and later ones within 6 months of the one before. A review held on or before its due date is in timescale. Reviews whose due date cannot be known from the data count as held but not in timescale."},
        {"Participation", "Reviews in which the child took part (codes PN1 to PN6) as a percentage of reviews of children aged 4 and over (PN1 to PN7)."},
        {"Percentages", "Worked out from the counts and rounded half away from zero to whole numbers; the CSV files give one decimal place."},
    };
}

}  // namespace

std::string change_words(std::optional<double> now, std::optional<double> before, bool percent,
                         const std::string& quarter_label) {
    if (!now || !before) return "No comparison with " + quarter_label + " is available";
    if (percent) {
        const double a = round_half_away(*now, 0), b = round_half_away(*before, 0);
        const double diff = a - b;
        if (diff == 0) return "No change on " + quarter_label;
        const std::string points = format_number(std::fabs(diff)) + (std::fabs(diff) == 1 ? " percentage point" : " percentage points");
        return std::string(diff > 0 ? "Up " : "Down ") + points + " on " + quarter_label;
    }
    const double diff = *now - *before;
    if (diff == 0) return "No change on " + quarter_label;
    std::string out = std::string(diff > 0 ? "Up " : "Down ") + format_number(std::fabs(diff));
    if (*before > 0) out += " (" + format_percent(std::fabs(diff) / *before * 100.0) + ")";
    return out + " on " + quarter_label;
}

std::string warning_description(const std::string& code) {
    static const std::map<std::string, std::string> texts{
        {"W001", "An unknown setting in the config file"},
        {"W101", "A code that is not in the 903 code list"},
        {"W102", "An empty code where one is expected"},
        {"W103", "A child with no date of birth"},
        {"W104", "A child listed twice in one header file"},
        {"W105", "An episode with an end date but no reason for ending"},
        {"W106", "An episode with a reason for ending but no end date"},
        {"W107", "The same episode listed twice in one file"},
        {"W108", "The same review listed twice in one file"},
        {"W002", "SOURCE_DATE_EPOCH is not a number of seconds"},
        {"W201", "A child with episodes but no header row"},
        {"W202", "Episodes of one child that overlap"},
        {"W203", "A review outside every period of care"},
        {"W301", "Rows for another area in a measures file"},
    };
    auto it = texts.find(code);
    return it == texts.end() ? "Other data-quality warning" : it->second;
}

OutputTree render_site(const SiteInput& input, Diagnostics& diagnostics) {
    const Config& config = *input.config;
    const MeasureSet& set = *input.measures;
    OutputTree out;
    Renderer renderer(diagnostics);
    const std::vector<TrendPage> pages = build_trend_pages(set, {config.authority_name});
    const std::string period = set.quarters.front().label() + " to " + set.quarters.back().label();
    const std::size_t latest = set.quarters.size() - 1;

    struct NavItem {
        std::string href, label;
    };
    std::vector<NavItem> nav{{"index.html", "Overview"}};
    for (const TrendPage& p : pages) nav.push_back({p.slug + ".html", p.title});
    nav.push_back({"about.html", "About the data"});

    auto layout = [&](const std::string& href, const std::string& page_title, const std::string& body) {
        data view;
        view.set("page_title", page_title);
        view.set("site_title", config.site_title);
        view.set("authority_name", config.authority_name);
        view.set("version", CAREBOARD_VERSION);
        view.set("root", "");
        view.set("data_as_at", input.data_as_at);
        view.set("source", config.source_name);
        if (input.build_date) view.set("build_date", *input.build_date);
        data items = list();
        for (const NavItem& n : nav) {
            data item;
            item.set("href", n.href);
            item.set("label", n.label);
            if (n.href == href) item.set("current", true);
            items.push_back(item);
        }
        view.set("nav", items);
        view.set("body_html", body);
        out[href] = renderer.render("layout", view);
    };

    // Index.
    {
        data view;
        view.set("site_title", config.site_title);
        view.set("authority_name", config.authority_name);
        view.set("period", period);
        view.set("latest_quarter", set.quarters[latest].label());
        view.set("data_as_at", input.data_as_at);
        data figures = list();
        for (const KeyFigure& k : kKeyFigures) {
            const std::optional<double> now = set.value(k.key, latest);
            if (!now) continue;
            data f;
            f.set("name", k.name);
            const int decimals = std::string(k.key).find("rate") != std::string::npos ? 1 : 0;
            f.set("value", display(*now, k.percent, decimals));
            f.set("change_previous", change_words(now, latest >= 1 ? set.value(k.key, latest - 1) : std::nullopt, k.percent,
                                                  set.quarters[latest].previous().label()));
            f.set("change_year", change_words(now, latest >= 4 ? set.value(k.key, latest - 4) : std::nullopt, k.percent,
                                              set.quarters[latest].minus(4).label()));
            f.set("href", k.page);
            f.set("link_text", std::string("See the trend: ") + k.name);
            figures.push_back(f);
        }
        view.set("key_figures", figures);
        data page_list = list();
        for (const TrendPage& p : pages) {
            data item;
            item.set("href", p.slug + ".html");
            item.set("title", p.title);
            item.set("intro", p.intro);
            page_list.push_back(item);
        }
        view.set("pages", page_list);
        layout("index.html", "Overview", renderer.render("index", view));
    }

    // Trend pages, their chart CSVs.
    for (const TrendPage& page : pages) {
        data view;
        view.set("title", page.title);
        view.set("intro", page.intro);
        view.set("period_sentence", "Figures for " + config.authority_name + ", " + period +
                                        ". Each chart has a table of the same figures and a CSV download.");
        data charts = list();
        bool symbols = false;
        for (const Chart& chart : page.charts) {
            charts.push_back(chart_view(chart, config.source_name));
            out["data/" + chart.id + ".csv"] = chart_csv(chart, set.area_code);
            symbols = symbols || has_missing(chart);
        }
        view.set("charts", charts);
        if (page.charts.size() > 1) view.set("has_contents", true);
        if (symbols) view.set("has_symbols", true);
        layout(page.slug + ".html", page.title, renderer.render("trend", view));
    }

    // About.
    {
        data view;
        view.set("authority_name", config.authority_name);
        view.set("quarter_count", std::to_string(set.quarters.size()));
        view.set("period", period);
        view.set("data_as_at", input.data_as_at);
        view.set("provenance_sentence", input.provenance_sentence);
        data files = list();
        for (const ProvenanceFile& f : input.files) {
            data item;
            item.set("path", f.path);
            item.set("table", f.table);
            item.set("return_label", f.return_label);
            item.set("rows_read", format_number(f.rows_read));
            item.set("rows_kept", format_number(f.rows_kept));
            files.push_back(item);
        }
        if (!input.files.empty()) view.set("has_files", true);
        view.set("files", files);
        int total = 0;
        data warnings = list();
        for (const auto& [code, count] : input.warning_counts) {
            total += count;
            data item;
            item.set("code", code);
            item.set("text", warning_description(code));
            item.set("count", format_number(count));
            warnings.push_back(item);
        }
        view.set("warnings", warnings);
        if (total > 0) view.set("has_warnings", true);
        view.set("warning_sentence",
                 total == 0 ? std::string("careboard found no data-quality problems in the input.")
                            : "careboard found " + format_number(total) + (total == 1 ? " data-quality warning" : " data-quality warnings") +
                                  " in the input. They are counted here by kind; the data team can list each one with careboard's check command.");
        data defs = list();
        for (const auto& [term, text] : definitions()) {
            data item;
            item.set("term", term);
            item.set("text", text);
            defs.push_back(item);
        }
        view.set("definitions", defs);
        layout("about.html", "About the data", renderer.render("about", view));
    }

    out["data/measures.csv"] = write_measures_csv(set);
    for (const auto& [path, content] : embedded_files())
        if (path.starts_with("assets/site/")) out["assets/" + std::string(path.substr(12))] = std::string(content);

    // Strictness kainjow lacks: a tag left in the output means a template problem.
    for (const auto& [path, content] : out)
        if (path.ends_with(".html") && content.find("{{") != std::string::npos)
            diagnostics.error("E403", path, 0, 0, "an unrendered template tag is left in the page");
    return out;
}

}  // namespace careboard
