#include "render/site.hpp"

#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <mustache.hpp>

#include "charts/catalogue.hpp"
#include "charts/year_table.hpp"
#include "compare/compare.hpp"
#include "compare/targets.hpp"
#include "narrative/headline.hpp"
#include "render/chart_view.hpp"
#include "render/renderer.hpp"
#include "render/quarters.hpp"
#include "core/embedded.hpp"
#include "core/format.hpp"
#include "measures/measures_csv.hpp"
#include "render/data_files.hpp"
#include "render/workbook.hpp"

namespace careboard {
namespace {

using kainjow::mustache::data;

data list() { return data{data::type::list}; }


struct KeyFigure {
    const char* key;
    const char* name;
    const char* page;
    const char* subject = nullptr;  // for the summary of notable changes
};

constexpr KeyFigure kKeyFigures[] = {
    {"looked_after", "Children looked after", "population.html#looked-after"},
    {"looked_after_rate_per_10000", "Children looked after per 10,000 children", "population.html#looked-after-rate"},
    {"started", "Children who started to be looked after in the quarter", "population.html#starts-and-ceasings"},
    {"ceased", "Children who ceased to be looked after in the quarter", "population.html#starts-and-ceasings"},
    {"placements_3_or_more_percent", "Children with 3 or more placements in 12 months", "placements.html#placement-stability"},
    {"reviews_in_timescale_percent", "Reviews held in timescale", "reviews.html#reviews-in-timescale"},
    {"reviews_participation_percent", "Reviews in which the child took part", "reviews.html#participation-rate"},
    {"escalations_raised", "Escalations raised by IROs in the quarter", "escalations.html#escalations-by-route"},
    {"escalations_resolved_within_20_days_percent", "Escalations resolved within 20 working days",
     "escalations.html#escalations-timeliness"},
    {"escalations_open_over_20_days", "Escalations open over 20 working days at the quarter end",
     "escalations.html#escalations-open"},
    {"iro_caseload", "Children looked after per full-time IRO", "escalations.html#iro-caseload"},
};

// Measures the summary of notable changes may speak of, with the sentence subject.
struct Notable {
    const char* key;
    const char* subject;
};
constexpr Notable kNotable[] = {
    {"looked_after", "Children in care"},
    {"started", "Children starting care"},
    {"ceased", "Children leaving care"},
    {"placements_3_or_more_percent", "Children with 3 or more placements in a year"},
    {"reviews_in_timescale_percent", "Reviews held in timescale"},
    {"reviews_participation_percent", "Children taking part in their reviews"},
    {"escalations_raised", "Escalations raised by IROs"},
    {"escalations_resolved_within_20_days_percent", "Escalations resolved within 20 working days"},
    {"escalations_open_over_20_days", "Escalations open over 20 working days"},
    {"iro_caseload", "Children in care per full-time IRO"},
};

// The 3 to 5 most notable changes in the latest quarter, each a sentence with its numbers:
// thresholds crossed first, then records, then the largest moves (relative for counts of 20 or
// more, in points for percentages). Suppressed figures are never narrated.
std::vector<std::string> notable_changes(const MeasureSet& set, const std::vector<Target>& targets) {
    struct Candidate {
        double score;
        std::string sentence;
    };
    std::vector<Candidate> candidates;
    const std::size_t n = set.quarters.size();
    if (n < 2) return {};
    for (const TargetCrossing& crossing : target_crossings(set, targets, n - 2, n - 1))
        candidates.push_back({1000, crossing.sentence});
    for (const Notable& notable : kNotable) {
        const Measure* m = set.find(notable.key);
        if (!m || m->category_index("Total") < 0) continue;
        if (std::any_of(targets.begin(), targets.end(), [&](const Target& t) { return t.measure == notable.key; }) &&
            std::any_of(candidates.begin(), candidates.end(),
                        [&](const Candidate& c) { return c.score >= 1000 && c.sentence.find(measure_label(notable.key).substr(0, 12)) == 0; }))
            continue;
        const auto c = static_cast<std::size_t>(m->category_index("Total"));
        const MeasureDef& def = measure_def(notable.key);
        const bool percent = def.is_percent();
        const int decimals = display_decimals(def);
        SeriesInput in{notable.subject, set.quarters, m->head_values(c, n), m->head_symbols(c, n),
                       percent ? FigureKind::percent : decimals ? FigureKind::rate : FigureKind::count, decimals, std::nullopt};
        const auto& now = m->values[c][n - 1];
        const auto& before = m->values[c][n - 2];
        if (!now || !before || m->symbol(c, n - 1) || m->symbol(c, n - 2)) continue;
        const double a = round_half_away(*before, decimals), b = round_half_away(*now, decimals);
        if (a == b) continue;
        double score = percent ? std::fabs(b - a) * 2 : (a >= 20 ? std::fabs(b - a) / a * 100 : 0);
        const std::string sentence = headline(in);
        if (sentence.find("highest in") != std::string::npos || sentence.find("lowest in") != std::string::npos) score += 500;
        if (sentence.find("in a row") != std::string::npos) score += 20;
        if (score >= 3) candidates.push_back({score, sentence});
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
    std::vector<std::string> out;
    for (const Candidate& c : candidates)
        if (out.size() < 5) out.push_back(c.sentence + ".");
    return out;
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

std::map<std::string, SuppressionReport::Counts> suppression_by_page(const MeasureSet& set,
                                                                     const SuppressionReport& report) {
    std::map<std::string, SuppressionReport::Counts> out;
    for (const TrendPage& page : build_trend_pages(set, {"", {}})) {
        std::set<std::string> keys;
        for (const Chart& chart : page.charts) keys.insert(chart.measures.begin(), chart.measures.end());
        SuppressionReport::Counts& counts = out[page.title];
        for (const std::string& key : keys) {
            auto it = report.by_measure.find(key);
            if (it == report.by_measure.end()) continue;
            counts.primary += it->second.primary;
            counts.secondary += it->second.secondary;
        }
    }
    return out;
}

std::string change_words(std::optional<double> now, std::optional<double> before, bool percent,
                         const std::string& quarter_label, int decimals) {
    std::string words = describe_change(now, before, percent, decimals);
    if (words.empty()) return "No figure for " + quarter_label + " to compare with";
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
    return words + " on " + quarter_label;
}

std::vector<std::string> key_figure_measures() {
    std::vector<std::string> keys;
    for (const KeyFigure& k : kKeyFigures) keys.push_back(k.key);
    return keys;
}

std::string render_page(Renderer& renderer, const PageFrame& frame, const std::string& href, const std::string& page_title,
                        const std::string& body) {
    data view;
    view.set("page_title", frame.board ? "Not for publication: " + page_title : page_title);
    if (frame.board) view.set("not_for_publication", true);
    data key = list();
    for (const auto& [symbol, meaning] : symbol_key()) {
        data item;
        item.set("symbol", symbol);
        item.set("meaning", meaning);
        key.push_back(item);
    }
    view.set("symbol_key", key);
    view.set("site_title", frame.site_title);
    view.set("authority_name", frame.authority_name);
    view.set("version", CAREBOARD_VERSION);
    // Pages in a sub-folder (quarters/, compare/, overview/) reach the rest of the site one level up.
    const std::string root = href.find('/') == std::string::npos ? "" : "../";
    view.set("root", root);
    view.set("shared_root", frame.shared_root);
    view.set("about_root", frame.shared_about ? frame.shared_root : std::string());
    view.set("data_as_at", frame.data_as_at);
    view.set("source", frame.source);
    view.set("print_running_css", css_string_literal(std::string(frame.board ? "Not for publication. " : "") +
                                                     frame.authority_name + ": " + frame.site_title + ". Data as at " +
                                                     frame.data_as_at + ". Source: " + frame.source + "."));
    if (frame.build_date) view.set("build_date", *frame.build_date);
    data items = list();
    const bool in_compare = href.starts_with("compare/") || href.starts_with("quarters/");
    for (const NavItem& n : frame.nav) {
        data item;
        item.set("href", n.href);
        item.set("label", n.label);
        if (n.href == href || (in_compare && n.href == "compare/index.html")) item.set("current", true);
        items.push_back(item);
    }
    view.set("nav", items);
    view.set("body_html", body);
    return renderer.render("layout", view);
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
        {"W302", "A measure careboard does not know, in a measures file"},
        {"W401", "An escalation file column careboard does not read"},
        {"W402", "An escalation stage that is not 0 to 4 or Cafcass"},
        {"W403", "An escalation for a child in no 903 header"},
        {"W404", "The same escalation listed twice in one file"},
        {"W405", "An IRO activity measure the config does not declare"},
        {"W406", "The same IRO activity figure listed twice"},
        {"W407", "An IRO allocation of a child in no 903 file"},
        {"W408", "An IRO allocation of a child who is not looked after"},
        {"W409", "A child allocated to two IROs at once"},
        {"W601", "A DfE benchmark value that is neither a number nor a DfE symbol"},
        {"W602", "A statistical neighbour in none of the DfE files"},
        {"W603", "Two different DfE figures for the same area, year and measure"},
        {"W604", "A category in a DfE file that careboard does not compare"},
        {"W605", "A DfE file with no figure careboard compares"},
        {"W606", "The export and the DfE's published figure differ"},
        {"W607", "A DfE row for an area without an area code"},
    };
    auto it = texts.find(code);
    return it == texts.end() ? "Other data-quality warning" : it->second;
}

data page_table_view(const PageTable& t) {
    data tv;
    tv.set("id", t.id);
    tv.set("heading", t.heading);
    tv.set("caption", t.caption);
    tv.set("note", t.note);
    tv.set("row_header", t.row_header);
    data columns = list();
    for (const std::string& c : t.columns) columns.push_back(data{c});
    tv.set("columns", columns);
    if (t.reflow) tv.set("reflow", true);
    data rows = list();
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const std::vector<std::string>& cells_of_row = t.rows[r];
        data row;
        row.set("header", cells_of_row.front());
        if (r < t.row_hrefs.size() && !t.row_hrefs[r].empty()) row.set("row_href", t.row_hrefs[r]);
        data cells = list();
        for (std::size_t i = 1; i < cells_of_row.size(); ++i) {
            data cell;
            cell.set("value", cells_of_row[i]);
            if (t.reflow && i - 1 < t.columns.size()) cell.set("label", t.columns[i - 1]);
            cells.push_back(cell);
        }
        row.set("cells", cells);
        rows.push_back(row);
    }
    tv.set("rows", rows);
    data links = list();
    for (const auto& [href, words] : t.links) {
        data l;
        l.set("href", href);
        l.set("words", words);
        links.push_back(l);
    }
    tv.set("table_links", links);
    return tv;
}

void add_site_assets(OutputTree& out) {
    for (const auto& [path, content] : embedded_files())
        if (path.starts_with("assets/site/")) out["assets/" + std::string(path.substr(12))] = std::string(content);
}

void check_rendered(const OutputTree& out, Diagnostics& diagnostics) {
    for (const auto& [path, content] : out)
        if (path.ends_with(".html") && content.find("{{") != std::string::npos)
            diagnostics.error("E403", path, 0, 0, "an unrendered template tag is left in the page");
}

kainjow::mustache::data trend_page_view(const TrendPage& page, const std::string& period_sentence,
                                        const std::string& empty_words, const std::string& source, const ChartArea& home,
                                        OutputTree& out, std::vector<DataFile>& files) {
    data view;
    view.set("title", page.title);
    view.set("intro", page.intro);
    view.set("period_sentence", period_sentence);
    data charts = list();
    for (const Chart& chart : page.charts) {
        charts.push_back(chart_view(chart, source));
        out["data/" + chart.id + ".csv"] = chart_csv(chart, home);
        files.push_back({"data/" + chart.id + ".csv", chart.name + " (the " + page.title + " page)"});
    }
    view.set("charts", charts);
    if (page.charts.size() > 1) view.set("has_contents", true);
    if (page.charts.empty() && page.tables.empty()) view.set("empty_words", empty_words);
    data tables = list();
    for (const PageTable& t : page.tables) tables.push_back(page_table_view(t));
    view.set("tables", tables);
    return view;
}

OutputTree render_site(const SiteInput& input, Diagnostics& diagnostics) {
    const Config& config = *input.config;
    const MeasureSet& set = *input.measures;
    OutputTree out;
    Renderer renderer(diagnostics);
    const bool board = input.profile == "board";
    const ChartArea home{"Local authority", set.area_code, config.authority_name};
    std::vector<DataFile> data_files;  // for the data guidance, in the order written here
    WorkbookInput workbook;            // data/tables.xlsx: every table of the trend pages
    const std::vector<TrendPage> pages = build_trend_pages(set, {config.authority_name, config.targets});
    const std::string period = set.quarters.front().label() + " to " + set.quarters.back().label();
    const std::size_t latest = set.quarters.size() - 1;

    PageFrame frame;
    frame.site_title = config.site_title;
    frame.authority_name = config.authority_name;
    frame.data_as_at = input.data_as_at;
    frame.source = config.source_name;
    frame.build_date = input.build_date;
    frame.board = board;
    frame.shared_root = input.shared_root;
    std::vector<NavItem>& nav = frame.nav;
    if (!input.overview_label.empty()) nav.push_back({input.shared_root + "index.html", input.overview_label});
    nav.push_back({"index.html", "Overview"});
    for (const TrendPage& p : pages) nav.push_back({p.slug + ".html", p.title});
    nav.push_back({"compare/index.html", "Compare quarters"});
    if (input.previous) nav.push_back({"editions.html", "Changes since the last edition"});
    nav.push_back({"about.html", "About the data"});
    if (board) nav.push_back({"disclosure.html", "Disclosure control"});
    nav.push_back({"accessibility.html", "Accessibility"});

    auto layout = [&](const std::string& href, const std::string& page_title, const std::string& body) {
        out[href] = render_page(renderer, frame, href, page_title, body);
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
            const Measure* m = set.find(k.key);
            if (!m || m->category_index("Total") < 0) continue;
            const auto total = static_cast<std::size_t>(m->category_index("Total"));
            const std::optional<double> now = m->values[total][latest];
            const bool suppressed = m->symbol(total, latest) == 'c';
            if (!now && !suppressed) continue;
            data f;
            f.set("name", k.name);
            const MeasureDef& def = measure_def(k.key);
            const int decimals = display_decimals(def);
            if (suppressed) {
                // A suppressed figure is never narrated, and neither is its change.
                f.set("value", "c");
                f.set("change_previous", "Not shown, to protect confidentiality (see the symbols key)");
            } else {
                f.set("value", display_figure(def, *now));
                auto before = [&](std::size_t back) -> std::optional<double> {
                    if (latest < back || m->symbol(total, latest - back)) return std::nullopt;
                    return m->values[total][latest - back];
                };
                // A suppressed earlier figure is said to be withheld, not to be missing.
                auto change = [&](std::size_t back, const std::string& label) {
                    if (latest >= back && m->symbol(total, latest - back) == 'c')
                        return "The " + label + " figure is withheld (c), so no change is given";
                    return change_words(now, before(back), def.is_percent(), label, decimals);
                };
                f.set("change_previous", change(1, set.quarters[latest].previous().label()));
                f.set("change_year", change(4, set.quarters[latest].minus(4).label()));
                for (const Target& target : config.targets)
                    if (target.measure == k.key) {
                        std::string words = target_words(target, now, decimals, def.is_percent());
                        if (!words.empty()) {
                            words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
                            f.set("target", words);
                        }
                    }
            }
            f.set("href", k.page);
            f.set("link_text", std::string("See the trend: ") + k.name);
            figures.push_back(f);
        }
        view.set("key_figures", figures);
        // The latest financial year at a glance: its key figures and their change on the year before.
        if (!set.years.empty()) {
            const std::size_t year = set.year_period(set.years.size() - 1);
            // The year before's period; the year's own when there is none (then no change is given).
            const std::size_t year_before = set.years.size() >= 2 ? set.year_period(set.years.size() - 2) : year;
            data glance = list();
            for (const KeyFigure& k : kKeyFigures) {
                const Measure* m = set.find(k.key);
                const int c = m ? m->category_index("Total") : -1;
                if (c < 0) continue;
                const auto total = static_cast<std::size_t>(c);
                if (!m->values[total][year] && !m->symbol(total, year)) continue;
                const MeasureDef& def = measure_def(k.key);
                data g;
                g.set("name", measure_label(k.key));
                g.set("when", def.period == PeriodKind::at_date ? "on " + set.period_end(year).long_text()
                                                                 : "in " + set.period_label(year));
                g.set("value", display_cell(*m, total, year));
                if (year_before != year && !m->symbol(total, year) && !m->symbol(total, year_before)) {
                    const std::string change = change_words(m->values[total][year], m->values[total][year_before],
                                                            def.is_percent(), set.period_label(year_before),
                                                            display_decimals(def));
                    g.set("change", change);
                }
                g.set("href", k.page);
                glance.push_back(g);
            }
            view.set("glance_year", set.period_label(year));
            view.set("glance", glance);
            view.set("has_glance", !glance.is_empty_list());
        }
        data summary = list();
        const std::vector<std::string> notable = notable_changes(set, config.targets);
        for (const std::string& sentence : notable) summary.push_back(data{sentence});
        view.set("summary", summary);
        if (!notable.empty()) view.set("has_summary", true);
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
        for (const Chart& chart : page.charts)
            workbook.tables.push_back(workbook_table(chart, "On the " + page.title + " page, with a chart."));
        for (const PageTable& t : page.tables) workbook.tables.push_back(workbook_table(t, "On the " + page.title + " page."));
        std::string empty_words = "The data hold no figures for this page.";
        for (const std::string& why : set.unavailable) empty_words += " " + why;
        const std::string period_sentence =
            "Figures for " + config.authority_name + ", " + period +
            (page.charts.empty() ? std::string(".") : ". Each chart has a table of the same figures and a CSV download.");
        layout(page.slug + ".html", page.title,
               renderer.render("trend", trend_page_view(page, period_sentence, empty_words, config.source_name, home, out,
                                                        data_files)));
    }

    // About.
    {
        data view;
        view.set("authority_name", config.authority_name);
        view.set("quarter_count", std::to_string(set.quarters.size()));
        view.set("period", period);
        view.set("data_as_at", input.data_as_at);
        view.set("provenance_sentence", input.provenance_sentence);
        // The public edition publishes no figure its disclosure control does not cover: not the
        // rows read and used per file (a reviews file's rows are the reviews held; an escalation
        // log's read less used are those still open), nor the export's figures beside the DfE's
        // (docs/disclosure.md). The board edition shows both, for the data team.
        data files = list();
        for (const ProvenanceFile& f : input.files) {
            data item;
            item.set("path", f.path);
            item.set("table", f.table);
            item.set("return_label", f.return_label);
            if (board) {
                item.set("rows_read", format_number(f.rows_read));
                item.set("rows_kept", format_number(f.rows_kept));
            }
            files.push_back(item);
        }
        if (!input.files.empty()) view.set("has_files", true);
        if (board) view.set("has_row_counts", true);
        view.set("files", files);
        int total = 0;
        data warnings = list();
        for (const auto& [code, count] : input.warning_counts) {
            total += count;
            data item;
            item.set("code", code);
            item.set("text", warning_description(code));
            // How many rows had each problem are counts of children's records that no suppression
            // covers (docs/disclosure.md, rule 4): the board edition only.
            if (board) item.set("count", format_number(count));
            warnings.push_back(item);
        }
        view.set("warnings", warnings);
        if (total > 0) view.set("has_warnings", true);
        if (board) view.set("has_warning_counts", true);
        if (!input.published_checks.empty() && !board)
            view.set("published_checks_elsewhere", true);
        if (!input.published_checks.empty() && board) {
            view.set("has_published_checks", true);
            view.set("published_summary", published_checks_summary(input.published_checks));
            data checks = list();
            for (const PublishedCheck& c : input.published_checks) {
                data item;
                item.set("what", c.what);
                item.set("own", c.own);
                item.set("published", c.published);
                item.set("verdict", c.differs ? "Differs" : "Same");
                checks.push_back(item);
            }
            view.set("published_checks", checks);
        }
        view.set("warning_sentence",
                 total == 0 ? std::string("careboard found no data-quality problems in the input.")
                 : board    ? "careboard found " + format_number(total) + (total == 1 ? " data-quality warning" : " data-quality warnings") +
                               " in the input. They are counted here by kind; the data team can list each one with careboard's check command."
                            : std::string("careboard found data-quality problems of the kinds below in the input. How many of each "
                                          "is given in the board edition; the data team can list each one with careboard's check "
                                          "command."));
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

    // Disclosure control report: board builds only (it is about the public build).
    if (board) {
        data view;
        view.set("authority_name", config.authority_name);
        view.set("primary", format_number(input.suppression.primary()));
        view.set("secondary", format_number(input.suppression.secondary()));
        data pages_view = list();
        for (const auto& [title, counts] : suppression_by_page(set, input.suppression)) {
            data item;
            item.set("page", title);
            item.set("primary", format_number(counts.primary));
            item.set("secondary", format_number(counts.secondary));
            pages_view.push_back(item);
        }
        view.set("pages", pages_view);
        data measures_view = list();
        for (const auto& [key, counts] : input.suppression.by_measure) {
            data item;
            item.set("measure", key);
            item.set("primary", format_number(counts.primary));
            item.set("secondary", format_number(counts.secondary));
            measures_view.push_back(item);
        }
        view.set("measures", measures_view);
        layout("disclosure.html", "Disclosure control", renderer.render("disclosure", view));
    }

    // Accessibility statement.
    {
        data view;
        view.set("authority_name", config.authority_name);
        view.set("site_title", config.site_title);
        if (!config.contact.empty()) view.set("contact", config.contact);
        layout("accessibility.html", "Accessibility statement", renderer.render("accessibility", view));
    }

    // Snapshots, comparisons, the chooser and the editions page.
    render_quarter_pages(input, PageSink{[&](const std::string& name, const data& view) { return renderer.render(name, view); },
                                         layout,
                                         [&](const std::string& path, std::string content) { out[path] = std::move(content); }});

    out["data/measures.csv"] = write_measures_csv(set);
    out["data/measure-guide.csv"] = write_measure_guide_csv(set);
    out["data/categories.csv"] = write_categories_csv(set);
    std::vector<DataFile> listed{
        {"data/measures.csv", "every figure of every measure, for every period, with the DfE's published figures for "
                              "the areas compared with"},
        {"data/measure-guide.csv", "what each measure is: its unit, period, places, what it sums to and is made of"},
        {"data/categories.csv", "each measure's categories, with their words and groups"},
    };
    // The old code and region as configured, else as the DfE's files give them.
    OpenDataArea area{set.area_code, config.authority_name, config.authority_old_code, config.region_code, config.region_name};
    if (set.benchmarks) {
        if (const BenchmarkArea* a = set.benchmarks->area(set.benchmarks->authority); a && area.old_la_code.empty())
            area.old_la_code = a->old_code;
        if (const BenchmarkArea* r = set.benchmarks->area(set.benchmarks->region); r && area.region_code.empty()) {
            area.region_code = r->code;
            area.region_name = r->name;
        }
    }
    for (OpenDataFile& f : open_data_export(set, area)) {
        listed.push_back({f.path, "the open data export: " + f.what});
        const std::string meta = f.path.substr(0, f.path.size() - 4) + ".meta.csv";
        listed.push_back({meta, "its metadata: the filters and indicators of " + f.path});
        out[f.path] = std::move(f.csv);
        out[meta] = std::move(f.meta);
    }
    listed.insert(listed.end(), data_files.begin(), data_files.end());
    // The spreadsheet: a cover with what the guidance says of the edition and symbols.
    workbook.title = config.site_title + ": " + config.authority_name + (board ? " (NOT FOR PUBLICATION)" : "");
    workbook.cover = workbook_cover(board, config.authority_name, input.data_as_at, config.source_name,
                                    "Each table is on a sheet of its own (see Contents), with the figures of the site's "
                                    "pages at their full precision; percentages are out of 100.");
    workbook.created = set.period_end(set.quarters.size() - 1);
    if (input.spreadsheet) {
        out["data/tables.xlsx"] = write_workbook(workbook, diagnostics);
        listed.push_back({"data/tables.xlsx", "every table of the trend pages as a spreadsheet, a sheet each"});
    }
    out["data/data-guidance.txt"] = data_guidance({config.authority_name, config.site_title, config.source_name,
                                                   input.data_as_at, board, listed});
    add_site_assets(out);
    check_rendered(out, diagnostics);
    return out;
}

}  // namespace careboard
