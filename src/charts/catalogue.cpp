#include "charts/catalogue.hpp"

#include "charts/benchmark_page.hpp"
#include "charts/year_table.hpp"

#include <algorithm>

#include "compare/compare.hpp"
#include "core/format.hpp"
#include "ingest/codes.hpp"
#include "narrative/headline.hpp"

#include <cmath>

namespace careboard {
namespace {

std::string period_words(const MeasureSet& set) {
    return set.quarters.front().label() + " to " + set.quarters.back().label();
}

// Describes a series' path in one sentence: first, last, highest and lowest values.
std::string describe_series(const Chart& chart, const ChartSeries& s) {
    std::optional<std::size_t> first, last, high, low;
    for (std::size_t q = 0; q < s.values.size(); ++q) {
        if (!s.values[q]) continue;
        if (!first) first = q;
        last = q;
        if (!high || *s.values[q] > *s.values[*high]) high = q;
        if (!low || *s.values[q] < *s.values[*low]) low = q;
    }
    if (!first) return s.label + ": no figures.";
    std::string out = s.label + ": " + display_value(chart, s.values[*first]) + " in " + chart_row_label(chart, *first) +
                      " and " + display_value(chart, s.values[*last]) + " in " + chart_row_label(chart, *last);
    out += "; highest " + display_value(chart, s.values[*high]) + " (" + chart_row_label(chart, *high) +
           "), lowest " + display_value(chart, s.values[*low]) + " (" + chart_row_label(chart, *low) + ").";
    return out;
}

// How a chart's figures are spoken of in its headline.
struct Voice {
    const char* id;
    const char* subject;   // for totals: sentence start; for mixes: "of what" the shares are
    const char* base_key;  // percentages: what the latest percentage is of; mixes: their total
    const char* base_category = "Total";
};

constexpr Voice kVoices[] = {
    {"looked-after", "Children in care", nullptr},
    {"looked-after-rate", "Children in care per 10,000 children", nullptr},
    {"starts-and-ceasings", "Children starting care", nullptr},
    {"looked-after-by-age", "children in care", "looked_after"},
    {"looked-after-by-sex", "children in care", "looked_after"},
    {"looked-after-by-ethnicity", "children in care", "looked_after"},
    {"started-by-need", "children starting care", "started"},
    {"started-by-legal-status", "children starting care", "started"},
    {"ceased-by-reason", "children leaving care", "ceased"},
    {"legal-status-group", "children in care", "looked_after"},
    {"legal-status", "children in care", "looked_after"},
    {"placement-group", "children in care", "looked_after"},
    {"placement", "children in care", "looked_after"},
    {"provider", "children in care", "looked_after"},
    {"fostering-provider", "children in foster care", "looked_after_by_placement_group", "foster"},
    {"placement-stability", "Children with 3 or more placements in a year", "looked_after"},
    {"reviews-held", "Reviews held", nullptr},
    {"reviews-in-timescale", "Reviews held in timescale", "reviews_held"},
    {"participation-rate", "Children taking part in their reviews", nullptr},
    {"participation", "reviews", "reviews_held"},
    {"escalations-by-route", "escalations", "escalations_raised"},
    {"escalation-themes", "themes recorded", nullptr},
    {"escalations-by-stage", "escalations", "escalations_raised"},
    {"escalations-timeliness", "Escalations resolved within 20 working days", "escalations_resolved"},
    {"escalation-days", "Working days to resolve an escalation (median)", nullptr},
    {"escalations-open", "Escalations open at the quarter end", nullptr},
    {"escalations-by-level", "escalations resolved", "escalations_resolved"},
    {"escalations-by-team", "escalations", "escalations_raised"},
    {"escalations-per-100", "Escalations per 100 children in care", nullptr},
    {"iro-caseload", "Children in care per full-time IRO", nullptr},
    {"iro-headcount", "IROs in post", nullptr},
    {"iro-contracts", "IROs in post", "iro_headcount"},
    {"iro-vacancies", "Vacant IRO posts (full-time equivalent)", nullptr},
    {"iro-caseload-range", "Children allocated per IRO (average)", nullptr},
    {"iro-caseload-band", "IROs with a caseload", "iro_with_caseload"},
};

const Voice* voice_of(const std::string& id) {
    for (const Voice& v : kVoices)
        if (id == v.id) return &v;
    return nullptr;
}

struct ChartSpecLine {
    std::string id, title, y_title, unit_words;
    ChartKind kind;
    bool percent;
    std::vector<std::pair<std::string, std::string>> measures;  // (key, series label) for totals
    std::string breakdown;                                       // a measure with categories
};

class Builder {
public:
    Builder(const MeasureSet& set, const ChartContext& context) : set_(set), context_(context) {}

    // A chart of one or more Total series.
    std::optional<Chart> totals(const std::string& id, const std::string& title, const std::string& y_title,
                                const std::vector<std::pair<std::string, std::string>>& measures, bool percent,
                                const std::string& what) {
        Chart chart = base(id, title, y_title, percent, what);
        for (const auto& [key, label] : measures) {
            const Measure* m = set_.find(key);
            if (!m || m->category_index("Total") < 0) continue;
            chart.measures.push_back(key);
            const auto c = static_cast<std::size_t>(m->category_index("Total"));
            const std::size_t nq = set_.quarters.size();
            chart.series.push_back({"Total", label, m->head_values(c, nq), m->head_symbols(c, nq)});
        }
        if (chart.series.empty()) return std::nullopt;
        chart.kind = ChartKind::line;
        chart.plotted = chart.series;
        // Rates, medians and caseloads carry a decimal place; counts and percentages do not.
        for (const std::string& key : chart.measures)
            if (!percent && measure_def(key).decimals > 0) chart.display_decimals = 1;
        finish(chart);
        return chart;
    }

    // A stacked bar chart of a breakdown; the table keeps every category.
    std::optional<Chart> mix(const std::string& id, const std::string& title, const std::string& key,
                             const std::string& what, const std::string& y_title = "Children") {
        const Measure* m = set_.find(key);
        if (!m || m->categories.empty()) return std::nullopt;
        Chart chart = base(id, title, y_title, false, what);
        chart.measures.push_back(key);
        for (std::size_t c = 0; c < m->categories.size(); ++c)
            chart.series.push_back({m->categories[c], category_label(key, m->categories[c]),
                                    m->head_values(c, set_.quarters.size()), m->head_symbols(c, set_.quarters.size())});
        chart.kind = ChartKind::stacked_bar;
        chart.plotted = top_series(chart.series, 6);
        finish(chart);
        return chart;
    }

    // A chart by financial year, for measures counted for years only (docs/definitions.md, "The
    // other 903 tables"): a line per Total, or a stacked bar of a breakdown's categories.
    std::optional<Chart> yearly_totals(const std::string& id, const std::string& title, const std::string& y_title,
                                       const std::vector<std::pair<std::string, std::string>>& measures, bool percent,
                                       const std::string& what) {
        Chart chart = yearly_base(id, title, y_title, percent, what);
        for (const auto& [key, label] : measures) {
            const Measure* m = set_.find(key);
            if (!m || m->category_index("Total") < 0) continue;
            ChartSeries s = year_series(*m, static_cast<std::size_t>(m->category_index("Total")));
            s.label = label;
            chart.measures.push_back(key);
            chart.series.push_back(std::move(s));
        }
        if (!has_figures(chart)) return std::nullopt;
        chart.kind = ChartKind::line;
        chart.plotted = chart.series;
        for (const std::string& key : chart.measures)
            if (!percent && measure_def(key).decimals > 0) chart.display_decimals = 1;
        finish(chart);
        return chart;
    }

    std::optional<Chart> yearly_mix(const std::string& id, const std::string& title, const std::string& key,
                                    const std::string& what, const std::string& y_title = "Children") {
        const Measure* m = set_.find(key);
        if (!m || m->categories.empty()) return std::nullopt;
        Chart chart = yearly_base(id, title, y_title, false, what);
        chart.measures.push_back(key);
        for (std::size_t c = 0; c < m->categories.size(); ++c) {
            ChartSeries s = year_series(*m, c);
            s.label = category_label(key, m->categories[c]);
            chart.series.push_back(std::move(s));
        }
        if (!has_figures(chart)) return std::nullopt;
        chart.kind = ChartKind::stacked_bar;
        chart.plotted = top_series(chart.series, 6);
        finish(chart);
        return chart;
    }

private:
    Chart yearly_base(const std::string& id, const std::string& title, const std::string& y_title, bool percent,
                      const std::string& what) {
        Chart chart = base(id, title, y_title, percent, what);
        chart.quarters.clear();
        chart.row_title = "Year";
        for (std::size_t y = 0; y < set_.years.size(); ++y) {
            const std::size_t p = set_.year_period(y);
            chart.row_labels.push_back(set_.period_label(p));
            chart.row_periods.push_back({set_.period_label(p), set_.period_start(p), set_.period_end(p)});
        }
        if (!set_.years.empty())
            chart.subtitle = what + ", " + context_.authority_name + ", " + chart.row_labels.front() + " to " +
                             chart.row_labels.back();
        return chart;
    }

    ChartSeries year_series(const Measure& m, std::size_t c) const {
        ChartSeries s;
        s.category = m.categories[c];
        for (std::size_t y = 0; y < set_.years.size(); ++y) {
            const std::size_t p = set_.year_period(y);
            s.values.push_back(m.values[c][p]);
            s.symbols.push_back(m.symbol(c, p));
        }
        return s;
    }

    static bool has_figures(const Chart& chart) {
        for (const ChartSeries& s : chart.series)
            for (std::size_t r = 0; r < s.values.size(); ++r)
                if (s.values[r] || s.symbol(r)) return true;
        return false;
    }

    Chart base(const std::string& id, const std::string& title, const std::string& y_title, bool percent,
               const std::string& what) {
        Chart chart;
        chart.id = id;
        chart.title = title;
        chart.name = title;
        chart.y_title = y_title;
        chart.percent = percent;
        chart.quarters = set_.quarters;
        chart.subtitle = what + ", " + context_.authority_name + ", " + period_words(set_);
        return chart;
    }

    // The headline: the first series' latest move for lines; for mixes, the category whose share
    // moved most (or the largest, when none moved).
    std::string headline_for(const Chart& chart) const {
        const Voice* voice = voice_of(chart.id);
        // A measure declared in the config ([activity]) speaks of itself by its label.
        Voice declared{"", "", nullptr};
        std::string declared_subject, declared_base;
        if (!voice && !chart.measures.empty())
            if (const MeasureDef* def = find_measure_def(chart.measures.front()); def && def->declared) {
                declared_base = def->is_percent()                         ? std::string(def->ratio.denominator)
                                : def->breakdown != CategoryKind::total ? sums_to_cell(*def).measure
                                                                        : std::string();
                // A line by its own label; a breakdown's shares are of the total it sums to.
                declared_subject = chart.kind == ChartKind::line ? std::string(def->label)
                                   : declared_base.empty()       ? std::string()
                                                                 : lower_first(measure_label(declared_base));
                if (declared_subject.ends_with(" (%)")) declared_subject.resize(declared_subject.size() - 4);
                declared.subject = declared_subject.c_str();
                declared.base_key = declared_base.empty() ? nullptr : declared_base.c_str();
                voice = &declared;
            }
        if (!voice) return chart.name;
        const std::size_t n = chart.quarters.size();
        if (chart.kind == ChartKind::line) {
            const ChartSeries& s = chart.series.front();
            SeriesInput in{voice->subject, chart.quarters, s.values, s.symbols,
                           chart.percent ? FigureKind::percent : chart.display_decimals > 0 ? FigureKind::rate : FigureKind::count,
                           chart.display_decimals, std::nullopt};
            if (voice->base_key && n > 0) in.latest_base = set_.value(voice->base_key, n - 1);
            return headline(in);
        }
        if (n < 2) return chart.name;
        // Shares of the breakdown's published total; a hidden figure has no share, and a theme
        // breakdown (an escalation may count twice) has no total to share.
        auto share = [&](const ChartSeries& s, std::size_t q) -> std::optional<double> {
            if (!voice->base_key || s.symbol(q) == 'c' || !s.values[q]) return std::nullopt;
            const std::optional<double> total = set_.value(voice->base_key, q, voice->base_category);
            if (!total || *total <= 0) return std::nullopt;
            return *s.values[q] / *total * 100.0;
        };
        const ChartSeries* best = nullptr;
        double best_move = -1, best_size = -1;
        for (const ChartSeries& s : chart.series) {
            const auto now = share(s, n - 1), before = share(s, n - 2);
            if (!now || !before) continue;
            const double move = std::fabs(round_half_away(*now, 0) - round_half_away(*before, 0));
            if (move > best_move || (move == best_move && *now > best_size)) {
                best = &s;
                best_move = move;
                best_size = *now;
            }
        }
        if (!best) return chart.name;
        ShareInput in{best->label, voice->subject, chart.quarters, {}};
        for (std::size_t q = 0; q < n; ++q) in.shares.push_back(share(*best, q));
        return share_headline(in);
    }

    void add_references(Chart& chart) {
        if (chart.kind != ChartKind::line || chart.measures.empty()) return;
        chart.references = chart_references(chart.measures.front(), context_.targets, chart.percent);
    }

    void finish(Chart& chart) {
        add_references(chart);
        chart.title = headline_for(chart);
        std::string d = chart.title + ". " + chart_kind_words(chart.kind) + ". " + chart.subtitle + ". ";
        for (const ChartSeries& s : chart.plotted) d += describe_series(chart, s) + " ";
        if (chart.plotted.size() < chart.series.size()) d += "The table gives every category. ";
        bool suppressed = false;
        for (const ChartSeries& s : chart.series)
            for (char symbol : s.symbols) suppressed = suppressed || symbol == 'c';
        if (suppressed) d += "Some figures are not shown to protect confidentiality (c in the table); they are gaps in the chart. ";
        for (const ChartReference& r : chart.references)
            d += std::string(r.to ? "A shaded band marks the " : "A dashed line marks the ") + lower_first(r.label) + ". ";
        if (const std::string note = axis_note(chart); !note.empty()) d += note + " ";
        while (!d.empty() && d.back() == ' ') d.pop_back();
        chart.description = d;
    }

    const MeasureSet& set_;
    const ChartContext& context_;
};

void add(std::vector<Chart>& charts, std::optional<Chart> chart) {
    if (chart) charts.push_back(std::move(*chart));
}

// The charts of the measures the config declares for a page ([activity]), in the config's order:
// a line for a Total or a percentage, a stacked bar for a breakdown.
void add_declared(Builder& b, std::vector<Chart>& charts, std::string_view slug) {
    for (const MeasureDef& def : measure_catalogue()) {
        if (!def.declared || def.page != slug) continue;
        std::string id(def.key);
        std::replace(id.begin(), id.end(), '_', '-');
        const std::string key(def.key), label(def.label);
        const std::string when = def.period == PeriodKind::at_date ? " at the quarter end" : " in each quarter";
        const std::string y_title = def.is_percent() ? "Per cent" : def.unit == Unit::children ? "Children" : "Number";
        if (def.breakdown == CategoryKind::total)
            add(charts, b.totals(id, label, y_title, {{key, label}}, def.is_percent(), label + when));
        else
            add(charts, b.mix(id, label, key, label + when, y_title));
    }
}

}  // namespace

std::optional<PageTable> themes_by_year(const MeasureSet& set) {
    const Measure* m = set.find("escalations_by_theme");
    if (!m || m->categories.empty()) return std::nullopt;
    // Full financial years in the window: Q1 to Q4 all present.
    std::vector<std::pair<int, std::size_t>> years;  // (fy_start, index of its Q1)
    for (std::size_t q = 0; q + 3 < set.quarters.size(); ++q)
        if (set.quarters[q].q == 1) years.emplace_back(set.quarters[q].fy_start, q);
    if (years.empty()) return std::nullopt;
    PageTable table;
    table.id = "themes-by-year";
    table.heading = "Every theme, year by year";
    table.caption = "Escalation themes by financial year";
    table.note = "An escalation with two themes counts in each. Change is from the year before; c marks a figure "
                 "not shown to protect confidentiality, or a year that includes one.";
    table.row_header = "Theme";
    for (const auto& [fy, q] : years) table.columns.push_back(Quarter{fy, 1}.label().substr(0, 7));
    if (years.size() >= 2) {
        table.columns.push_back("Change");
        table.columns.push_back("Change (%)");
    }
    for (std::size_t c = 0; c < m->categories.size(); ++c) {
        std::vector<std::string> row{m->categories[c]};
        std::vector<std::optional<double>> totals;
        for (const auto& [fy, first] : years) {
            std::optional<double> total = 0.0;
            for (std::size_t q = first; q < first + 4; ++q) {
                if (m->symbol(c, q) || !m->values[c][q]) {
                    total.reset();
                    break;
                }
                *total += *m->values[c][q];
            }
            totals.push_back(total);
            row.push_back(total ? format_number(*total) : "c");
        }
        if (years.size() >= 2) {
            const auto& now = totals.back();
            const auto& before = totals[totals.size() - 2];
            if (now && before) {
                const double change = *now - *before;
                row.push_back((change > 0 ? "+" : "") + format_number(change));
                row.push_back(*before > 0 ? (change > 0 ? "+" : "") + format_percent(change / *before * 100.0) : "x");
            } else {
                row.push_back("c");
                row.push_back("c");
            }
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

// The page's figures by financial year: every total measure the catalogue shows on the page.
std::optional<PageTable> year_by_year(const MeasureSet& set, const std::string& slug) {
    if (set.years.empty()) return std::nullopt;
    std::vector<std::string> keys;
    std::string first_breakdown;
    for (const MeasureDef& def : measure_catalogue()) {
        if (def.page != slug || def.benchmark_only) continue;
        if (def.breakdown == CategoryKind::total) keys.emplace_back(def.key);
        else if (first_breakdown.empty() && set.find(def.key)) first_breakdown = def.key;
    }
    const std::vector<std::size_t> years = report_years(set, set.years.back());
    // A page of breakdowns only (legal status) shows its first breakdown, with shares.
    std::optional<YearTable> t = figures_table(set, years, keys, "year-by-year", "Figures by financial year");
    if (!t && !first_breakdown.empty())
        t = breakdown_table(set, years, first_breakdown, "year-by-year", measure_label(first_breakdown) + ", by financial year");
    if (!t) return std::nullopt;
    PageTable table;
    table.id = t->id;
    table.heading = "Year by year";
    table.caption = t->caption;
    table.note = t->note;
    table.row_header = t->row_header;
    table.columns = t->columns;
    for (const YearTable::Row& r : t->rows) {
        std::vector<std::string> row{r.header};
        row.insert(row.end(), r.cells.begin(), r.cells.end());
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::vector<TrendPage> build_trend_pages(const MeasureSet& set, const ChartContext& context) {
    Builder b(set, context);
    std::vector<TrendPage> pages;

    TrendPage population{"population", "Care population",
                         "How many children the authority looks after, who they are, and how many start and "
                         "stop being looked after each quarter.", {}};
    add(population.charts, b.totals("looked-after", "Children looked after at the end of each quarter", "Children",
                                    {{"looked_after", "Children looked after"}}, false,
                                    "Children looked after at the quarter end"));
    add(population.charts, b.totals("looked-after-rate", "Children looked after per 10,000 children",
                                    "Per 10,000 children", {{"looked_after_rate_per_10000", "Rate per 10,000"}}, false,
                                    "Children looked after per 10,000 children aged 0 to 17"));
    add(population.charts, b.totals("starts-and-ceasings", "Children starting and ceasing to be looked after",
                                    "Children", {{"started", "Started"}, {"ceased", "Ceased"}}, false,
                                    "Children starting and ceasing care in each quarter"));
    add(population.charts, b.mix("looked-after-by-age", "Children looked after by age", "looked_after_by_age",
                                 "Children looked after at the quarter end by age band"));
    add(population.charts, b.mix("looked-after-by-sex", "Children looked after by sex", "looked_after_by_sex",
                                 "Children looked after at the quarter end by sex"));
    add(population.charts, b.mix("looked-after-by-ethnicity", "Children looked after by ethnic group",
                                 "looked_after_by_ethnicity", "Children looked after at the quarter end by ethnic group"));
    add(population.charts, b.mix("started-by-need", "Children starting care by category of need", "started_by_need",
                                 "Children starting care in each quarter by category of need"));
    add(population.charts, b.mix("started-by-legal-status", "Children starting care by legal status",
                                 "started_by_legal_status", "Children starting care in each quarter by legal status"));
    add(population.charts, b.mix("ceased-by-reason", "Children ceasing care by reason", "ceased_by_reason",
                                 "Children ceasing care in each quarter by reason"));
    add(population.charts, b.totals("uasc", "Unaccompanied asylum-seeking children looked after", "Children",
                                    {{"uasc_looked_after", "Looked after"}}, false,
                                    "Unaccompanied asylum-seeking children looked after at the quarter end"));
    add(population.charts, b.yearly_mix("started-by-previous-permanence",
                                        "Children starting care by previous permanence arrangement",
                                        "started_by_previous_permanence",
                                        "Children starting care in each financial year by the permanence arrangement "
                                        "they had before (adoption, special guardianship, child arrangements)"));
    pages.push_back(std::move(population));

    TrendPage legal{"legal-status", "Legal status",
                    "The legal basis on which children are looked after at each quarter end.", {}};
    add(legal.charts, b.mix("legal-status-group", "Children looked after by legal status group",
                            "looked_after_by_legal_status_group", "Children looked after at the quarter end by legal status group"));
    add(legal.charts, b.mix("legal-status", "Children looked after by legal status", "looked_after_by_legal_status",
                            "Children looked after at the quarter end by legal status"));
    pages.push_back(std::move(legal));

    TrendPage placements{"placements", "Placements",
                         "Where children live, who provides the placement, and how often children move.", {}};
    add(placements.charts, b.mix("placement-group", "Children looked after by type of placement",
                                 "looked_after_by_placement_group", "Children looked after at the quarter end by placement group"));
    add(placements.charts, b.mix("placement", "Children looked after by placement", "looked_after_by_placement",
                                 "Children looked after at the quarter end by placement code"));
    add(placements.charts, b.mix("provider", "Children looked after by placement provider", "looked_after_by_provider",
                                 "Children looked after at the quarter end by placement provider"));
    add(placements.charts, b.mix("fostering-provider", "Children in foster care: in-house and agency",
                                 "looked_after_fostering_by_provider",
                                 "Children in foster placements at the quarter end by provider"));
    add(placements.charts, b.totals("placement-stability", "Children with 3 or more placements in 12 months",
                                    "Per cent of children looked after",
                                    {{"placements_3_or_more_percent", "3 or more placements"}}, true,
                                    "Children looked after at the quarter end with 3 or more placements in the 12 months before, as a percentage"));
    add(placements.charts, b.yearly_totals("social-workers", "Children with 3 or more social workers in the year",
                                           "Per cent of children looked after",
                                           {{"sw_3_or_more_percent", "3 or more social workers"}}, true,
                                           "Children looked after on 31 March who had 3 or more social workers in the "
                                           "financial year, as a percentage"));
    pages.push_back(std::move(placements));

    TrendPage reviews{"reviews", "Reviews",
                      "Statutory reviews of looked-after children chaired by Independent Reviewing Officers: how many, "
                      "how many on time, and how children took part.", {}};
    add(reviews.charts, b.totals("reviews-held", "Reviews held each quarter", "Reviews",
                                 {{"reviews_held", "Reviews held"}, {"reviews_in_timescale", "Held in timescale"}}, false,
                                 "Reviews of looked-after children held in each quarter"));
    add(reviews.charts, b.totals("reviews-in-timescale", "Reviews held in timescale", "Per cent of reviews held",
                                 {{"reviews_in_timescale_percent", "In timescale"}}, true,
                                 "Reviews held in timescale as a percentage of reviews held in each quarter"));
    add(reviews.charts, b.totals("participation-rate", "Children taking part in their reviews",
                                 "Per cent of reviews (PN1 to PN7)", {{"reviews_participation_percent", "Participated"}},
                                 true, "Reviews in which the child took part (PN1 to PN6) as a percentage of PN1 to PN7"));
    add(reviews.charts, b.mix("participation", "How children took part in their reviews", "reviews_by_participation",
                              "Reviews held in each quarter by participation code", "Reviews"));
    add_declared(b, reviews.charts, "reviews");
    pages.push_back(std::move(reviews));

    // England, the region and statistical neighbours, after the page's own charts, when the
    // config names the DfE's files (docs/benchmarks.md).
    auto compared_with_others = [&](TrendPage& page) {
        for (Chart& c : build_benchmark_charts(set, context, page.slug)) page.charts.push_back(std::move(c));
    };

    TrendPage health{"health", "Health and wellbeing",
                     "The health checks, strengths and difficulties scores, convictions and substance misuse of "
                     "children looked after for at least 12 months at 31 March (the DfE's OC2 cohort), by financial year.",
                     {}};
    add(health.charts, b.yearly_totals("health-checks", "Health assessments, immunisations and dental checks",
                                       "Per cent of children",
                                       {{"oc2_health_assessment_percent", "Annual health assessment"},
                                        {"oc2_immunisations_percent", "Immunisations up to date"},
                                        {"oc2_teeth_check_percent", "Teeth checked by a dentist"}},
                                       true, "Children looked after for at least 12 months at 31 March, as a percentage"));
    add(health.charts, b.yearly_totals("development-and-sdq", "Development assessments and SDQ scores received",
                                       "Per cent of children",
                                       {{"oc2_development_assessment_percent", "Development assessments (aged 0 to 4)"},
                                        {"oc2_sdq_received_percent", "SDQ score received (aged 5 to 16)"}},
                                       true, "Children of each age looked after for at least 12 months, as a percentage"));
    add(health.charts, b.yearly_mix("sdq-bands", "Strengths and difficulties scores", "oc2_sdq_by_band",
                                    "Children aged 5 to 16 with an SDQ score, by band"));
    add(health.charts, b.yearly_totals("sdq-average", "Average strengths and difficulties score", "Average score",
                                       {{"oc2_sdq_average", "Average SDQ score"}}, false,
                                       "Average SDQ score of children aged 5 to 16 with a score (higher is more concern)"));
    add(health.charts, b.yearly_totals("convictions-and-substance-misuse", "Convictions and substance misuse",
                                       "Per cent of children",
                                       {{"oc2_convicted_percent", "Convicted or cautioned (aged 10 to 17)"},
                                        {"oc2_substance_misuse_percent", "Substance misuse identified"}},
                                       true, "Children looked after for at least 12 months, as a percentage"));
    compared_with_others(health);
    if (!health.charts.empty()) pages.push_back(std::move(health));

    TrendPage leavers{"care-leavers", "Care leavers",
                      "Young people who left care, around their 17th to 21st birthdays: whether the authority is in "
                      "touch, what they are doing and where they live (the DfE's OC3 figures), by financial year.",
                      {}};
    add(leavers.charts, b.yearly_totals("care-leavers-eet", "Care leavers in education, employment or training",
                                        "Per cent of care leavers",
                                        {{"care_leavers_17_to_18_eet_percent", "Aged 17 to 18"},
                                         {"care_leavers_19_to_21_eet_percent", "Aged 19 to 21"}},
                                        true, "Care leavers in education, employment or training, as a percentage"));
    add(leavers.charts, b.yearly_totals("care-leavers-in-touch", "Care leavers the authority is in touch with",
                                        "Per cent of care leavers",
                                        {{"care_leavers_17_to_18_in_touch_percent", "Aged 17 to 18"},
                                         {"care_leavers_19_to_21_in_touch_percent", "Aged 19 to 21"}},
                                        true, "Care leavers in touch with the authority, as a percentage"));
    add(leavers.charts, b.yearly_totals("care-leavers-suitable", "Care leavers in suitable accommodation",
                                        "Per cent of care leavers",
                                        {{"care_leavers_17_to_18_suitable_percent", "Aged 17 to 18"},
                                         {"care_leavers_19_to_21_suitable_percent", "Aged 19 to 21"}},
                                        true, "Care leavers whose accommodation is suitable, as a percentage of those "
                                              "whose accommodation is known to be suitable or not, or not recorded"));
    add(leavers.charts, b.yearly_mix("care-leavers-17-to-18-activity", "What care leavers aged 17 to 18 are doing",
                                     "care_leavers_17_to_18_by_activity", "Care leavers aged 17 to 18, by activity",
                                     "Care leavers"));
    add(leavers.charts, b.yearly_mix("care-leavers-19-to-21-activity", "What care leavers aged 19 to 21 are doing",
                                     "care_leavers_19_to_21_by_activity", "Care leavers aged 19 to 21, by activity",
                                     "Care leavers"));
    add(leavers.charts, b.yearly_mix("care-leavers-19-to-21-accommodation", "Where care leavers aged 19 to 21 live",
                                     "care_leavers_19_to_21_by_accommodation",
                                     "Care leavers aged 19 to 21, by accommodation", "Care leavers"));
    compared_with_others(leavers);
    if (!leavers.charts.empty()) pages.push_back(std::move(leavers));

    TrendPage missing{"missing", "Missing from care",
                      "Children looked after who went missing, or were away from their placement without "
                      "authorisation, and how often.",
                      {}};
    add(missing.charts, b.totals("missing-children", "Children who went missing or were away without authorisation",
                                 "Children", {{"missing_children", "Missing"}, {"away_children", "Away without authorisation"}},
                                 false, "Children looked after in each quarter with a missing or away incident in it"));
    add(missing.charts, b.totals("missing-percent", "Children who went missing, as a share of those looked after",
                                 "Per cent of children looked after",
                                 {{"missing_children_percent", "Missing"}, {"away_children_percent", "Away without authorisation"}},
                                 true, "Children with a missing or away incident as a percentage of those looked after in the quarter"));
    add(missing.charts, b.totals("missing-incidents-per-child", "Incidents per child who went missing",
                                 "Incidents per child",
                                 {{"missing_incidents_per_child", "Missing"}, {"away_incidents_per_child", "Away without authorisation"}},
                                 false, "Incidents in each quarter per child who had one"));
    compared_with_others(missing);
    if (!missing.charts.empty()) pages.push_back(std::move(missing));

    TrendPage adoption{"adoption", "Adoption",
                       "Children adopted, and how long it took from entering care to moving in with their adoptive "
                       "family, and from the placement order to the match with adopters.",
                       {}};
    add(adoption.charts, b.totals("adopted", "Children adopted each quarter", "Children", {{"adopted", "Adopted"}}, false,
                                  "Children who ceased to be looked after in each quarter because they were adopted"));
    add(adoption.charts, b.yearly_totals("adoption-timeliness", "Days taken to move in with adopters, and to be matched",
                                         "Days (average)",
                                         {{"adoption_days_care_to_moving_in", "Entering care to moving in"},
                                          {"adoption_days_order_to_match", "Placement order to match"}},
                                         false, "Average days for the children adopted in each financial year"));
    if (!adoption.charts.empty()) pages.push_back(std::move(adoption));

    TrendPage escalations{"escalations", "IRO escalations",
                          "How often Independent Reviewing Officers challenged the authority about children's plans, "
                          "what about, how far the challenge went and how quickly it was resolved; and IRO caseloads.",
                          {}};
    add(escalations.charts, b.mix("escalations-by-route", "Escalations raised each quarter", "escalations_by_route",
                                  "Escalations raised in each quarter by route", "Escalations"));
    add(escalations.charts, b.mix("escalation-themes", "What escalations were about", "escalations_by_theme",
                                  "Themes of escalations raised in each quarter; an escalation with two themes counts in each",
                                  "Themes recorded"));
    add(escalations.charts, b.mix("escalations-by-stage", "How far escalations went", "escalations_by_stage",
                                  "Escalations raised in each quarter by the highest stage reached", "Escalations"));
    add(escalations.charts, b.totals("escalations-timeliness", "Escalations resolved within 20 working days",
                                     "Per cent of escalations resolved",
                                     {{"escalations_resolved_within_20_days_percent", "Within 20 working days"}}, true,
                                     "Escalations resolved in each quarter within 20 working days of being raised (the IRO Handbook's timescale), as a percentage"));
    add(escalations.charts, b.totals("escalation-days", "Working days taken to resolve escalations",
                                     "Working days (median)", {{"escalation_days_to_resolve_median", "Median working days"}},
                                     false, "Median working days from raising to resolving, escalations resolved in each quarter"));
    add(escalations.charts, b.totals("escalations-open", "Escalations open at the end of each quarter", "Escalations",
                                     {{"escalations_open", "Open"}, {"escalations_open_over_20_days", "Open over 20 working days"}},
                                     false, "Escalations open at the quarter end, and those raised more than 20 working days before it"));
    add(escalations.charts, b.mix("escalations-by-level", "Who resolved escalations", "escalations_resolved_by_level",
                                  "Escalations resolved in each quarter by the level that resolved them", "Escalations"));
    add(escalations.charts, b.mix("escalations-by-team", "Escalations by team", "escalations_by_team",
                                  "Escalations raised in each quarter by the team challenged", "Escalations"));
    add(escalations.charts, b.totals("escalations-per-100", "Escalations per 100 children looked after",
                                     "Per 100 children", {{"escalations_per_100_looked_after", "Escalations per 100 children"}},
                                     false, "Escalations raised in each quarter per 100 children looked after at its end"));
    add(escalations.charts, b.totals("iro-caseload", "Children looked after per IRO", "Children per full-time IRO",
                                     {{"iro_caseload", "Children per full-time IRO"}}, false,
                                     "Children looked after at the quarter end per full-time-equivalent IRO in post (the IRO Handbook suggests 50 to 70)"));
    add(escalations.charts, b.totals("iro-headcount", "IROs in post", "IROs",
                                     {{"iro_headcount", "Headcount"}, {"iro_with_caseload", "With a caseload"}}, false,
                                     "IROs in post (headcount) and IROs with children allocated at the quarter end"));
    add(escalations.charts, b.mix("iro-contracts", "IROs in post: permanent and agency", "iro_headcount_by_contract",
                                  "IROs in post at the quarter end by contract", "IROs"));
    add(escalations.charts, b.totals("iro-vacancies", "Vacant IRO posts", "Full-time equivalent",
                                     {{"iro_vacancies_fte", "Vacancies (FTE)"}}, false,
                                     "Vacant IRO posts at the quarter end, full-time equivalent"));
    add(escalations.charts, b.totals("iro-caseload-range", "Children allocated per IRO",
                                     "Children per IRO",
                                     {{"iro_caseload_mean", "Average"}, {"iro_caseload_lowest", "Lowest"},
                                      {"iro_caseload_highest", "Highest"}},
                                     false,
                                     "Children looked after allocated to each IRO with a caseload at the quarter end: the "
                                     "average, and the lowest and highest (the IRO Handbook suggests 50 to 70)"));
    add(escalations.charts, b.mix("iro-caseload-band", "IROs by caseload, against 50 to 70", "iro_caseload_band",
                                  "IROs with a caseload at the quarter end, by the children allocated to them", "IROs"));
    add_declared(b, escalations.charts, "escalations");
    if (std::optional<PageTable> themes = themes_by_year(set)) escalations.tables.push_back(std::move(*themes));
    if (!escalations.charts.empty()) pages.push_back(std::move(escalations));

    TrendPage service{"iro-service", "IRO service",
                      "The IRO service's own activity, from its own records: consultations before reviews, children "
                      "chairing their reviews, midway reviews, pathway plan reviews, audits and referrals.",
                      {}};
    add_declared(b, service.charts, "iro-service");
    if (!service.charts.empty()) pages.push_back(std::move(service));
    for (TrendPage& page : pages)
        if (std::optional<PageTable> years = year_by_year(set, page.slug)) page.tables.insert(page.tables.begin(), std::move(*years));
    // England, the region and statistical neighbours, when the config names the DfE's files.
    if (std::optional<TrendPage> compared = build_benchmark_page(set, context)) pages.push_back(std::move(*compared));
    return pages;
}

}  // namespace careboard
