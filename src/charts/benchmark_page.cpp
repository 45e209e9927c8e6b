#include "charts/benchmark_page.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "benchmarks/benchmarks.hpp"
#include "core/format.hpp"

namespace careboard {
namespace {

// A figure the DfE publishes for every authority, compared over the years, on the page that
// shows the authority's own figure of it ("how-we-compare" for the care population's).
struct Topic {
    const char* id;
    const char* key;
    const char* name;     // what the chart shows, in a few words
    const char* what;     // the subtitle's first part
    const char* y_title;
    const char* sentence;  // the headline after the authority's name: {v} the figure, {when} "on 31 March 2025" or "in 2024-25"
    bool percent;
    const char* page = "how-we-compare";
    bool ranked = true;    // with a dot chart of its rank among authorities, year by year
};

constexpr Topic kTrends[] = {
    {"benchmark-looked-after-rate", "looked_after_rate_per_10000", "Children looked after per 10,000 children",
     "Children looked after on 31 March per 10,000 children aged 0 to 17", "Per 10,000 children",
     "{v} per 10,000 children looked after {when}", false},
    {"benchmark-started-rate", "started_rate_per_10000", "Children starting to be looked after per 10,000 children",
     "Children who started to be looked after in the year per 10,000 children aged 0 to 17", "Per 10,000 children",
     "{v} per 10,000 children started to be looked after {when}", false},
    {"benchmark-ceased-rate", "ceased_rate_per_10000", "Children ceasing to be looked after per 10,000 children",
     "Children who ceased to be looked after in the year per 10,000 children aged 0 to 17", "Per 10,000 children",
     "{v} per 10,000 children ceased to be looked after {when}", false},
    {"benchmark-placement-stability", "placements_3_or_more_percent", "Children with 3 or more placements in the year",
     "Children looked after on 31 March who had 3 or more placements during the year, as a percentage of all looked after",
     "Per cent of children looked after", "{v} of children in care {when} had 3 or more placements", true},
    {"benchmark-social-workers", "sw_3_or_more_percent", "Children with 3 or more social workers in the year",
     "Children looked after on 31 March who had 3 or more social workers during the year, as a percentage of all looked after",
     "Per cent of children looked after", "{v} of children in care had 3 or more social workers {when}", true},
    // Health and wellbeing (the OC2 cohort).
    {"benchmark-health-assessments", "oc2_health_assessment_percent", "Annual health assessments",
     "Children looked after for at least 12 months who had their annual health assessment, as a percentage",
     "Per cent of children", "{v} of children looked after for a year had their annual health assessment {when}", true,
     "health", false},
    {"benchmark-dental-checks", "oc2_teeth_check_percent", "Dental checks",
     "Children looked after for at least 12 months who had their teeth checked by a dentist, as a percentage",
     "Per cent of children", "{v} of children looked after for a year had their teeth checked by a dentist {when}", true,
     "health", false},
    {"benchmark-immunisations", "oc2_immunisations_percent", "Immunisations up to date",
     "Children looked after for at least 12 months whose immunisations were up to date, as a percentage",
     "Per cent of children", "{v} of children looked after for a year had their immunisations up to date {when}", true,
     "health", false},
    {"benchmark-sdq-average", "oc2_sdq_average", "Average SDQ score",
     "The average strengths and difficulties (SDQ) score of children aged 5 to 16 looked after for at least 12 months "
     "(0 to 40; 17 or more is a cause for concern)",
     "Average score", "an average SDQ score of {v} {when}", false, "health", false},
    // Care leavers (OC3).
    {"benchmark-care-leavers-17-to-18-eet", "care_leavers_17_to_18_eet_percent",
     "Care leavers aged 17 to 18 in education, employment or training",
     "Care leavers aged 17 to 18 in education, employment or training around their birthday, as a percentage of all",
     "Per cent of care leavers", "{v} of care leavers aged 17 to 18 were in education, employment or training {when}", true,
     "care-leavers", false},
    {"benchmark-care-leavers-19-to-21-eet", "care_leavers_19_to_21_eet_percent",
     "Care leavers aged 19 to 21 in education, employment or training",
     "Care leavers aged 19 to 21 in education, employment or training around their birthday, as a percentage of all",
     "Per cent of care leavers", "{v} of care leavers aged 19 to 21 were in education, employment or training {when}", true,
     "care-leavers", false},
    {"benchmark-care-leavers-17-to-18-suitable", "care_leavers_17_to_18_suitable_percent",
     "Care leavers aged 17 to 18 in suitable accommodation",
     "Care leavers aged 17 to 18 in accommodation considered suitable, as a percentage of those whose accommodation's "
     "suitability applies",
     "Per cent of care leavers", "{v} of care leavers aged 17 to 18 were in suitable accommodation {when}", true,
     "care-leavers", false},
    {"benchmark-care-leavers-19-to-21-suitable", "care_leavers_19_to_21_suitable_percent",
     "Care leavers aged 19 to 21 in suitable accommodation",
     "Care leavers aged 19 to 21 in accommodation considered suitable, as a percentage of those whose accommodation's "
     "suitability applies",
     "Per cent of care leavers", "{v} of care leavers aged 19 to 21 were in suitable accommodation {when}", true,
     "care-leavers", false},
    // Missing from care.
    {"benchmark-missing", "missing_children_percent", "Children who went missing",
     "Children looked after during the year who had a missing incident, as a percentage of all looked after during the year",
     "Per cent of children", "{v} of children looked after went missing {when}", true, "missing", false},
    {"benchmark-missing-incidents", "missing_incidents_per_child", "Missing incidents per child who went missing",
     "Missing incidents during the year per child who went missing", "Incidents per child",
     "{v} missing incidents per child who went missing {when}", false, "missing", false},
    {"benchmark-away", "away_children_percent", "Children away from placement without authorisation",
     "Children looked after during the year who were away from placement without authorisation, as a percentage of all "
     "looked after during the year",
     "Per cent of children", "{v} of children looked after were away from placement without authorisation {when}", true,
     "missing", false},
};

// Several percentages of a page compared with every authority for the latest year: a dot
// chart with a row per figure, its rank and quartile.
struct Profile {
    const char* id;
    const char* page;
    const char* name;
    const char* what;
    std::vector<const char*> keys;
};

const std::vector<Profile>& profiles() {
    static const std::vector<Profile> list{
        {"benchmark-health-profile", "health", "Health and wellbeing among every local authority",
         "Children looked after for at least 12 months at 31 March: each figure as a percentage of those it applies to",
         {"oc2_health_assessment_percent", "oc2_immunisations_percent", "oc2_teeth_check_percent",
          "oc2_development_assessment_percent", "oc2_sdq_received_percent", "oc2_convicted_percent",
          "oc2_substance_misuse_percent"}},
        {"benchmark-care-leavers-profile", "care-leavers", "Care leavers among every local authority",
         "Care leavers aged 17 to 18 and 19 to 21, around their birthday: each figure as a percentage",
         {"care_leavers_17_to_18_eet_percent", "care_leavers_17_to_18_neet_percent", "care_leavers_17_to_18_suitable_percent",
          "care_leavers_19_to_21_eet_percent", "care_leavers_19_to_21_neet_percent", "care_leavers_19_to_21_suitable_percent"}},
        {"benchmark-missing-profile", "missing", "Missing from care among every local authority",
         "Children looked after during the year who went missing, and who were away without authorisation, as percentages",
         {"missing_children_percent", "away_children_percent"}},
    };
    return list;
}

// A breakdown the DfE publishes for every authority, compared for the latest year.
struct Breakdown {
    const char* id;
    const char* key;
    const char* name;
    const char* what;
    const char* y_title;
    const char* row_title;
    const char* row_noun;  // what each row is, for the text alternative
    const char* of_what;   // "children starting care"
};

constexpr Breakdown kBreakdowns[] = {
    {"benchmark-started-by-need", "started_by_need_percent", "Children starting care by category of need",
     "Children who started to be looked after in the year by category of need, as a percentage of all who started",
     "Per cent of children starting care", "Category of need", "category of need", "children starting care"},
    {"benchmark-started-by-legal-status", "started_by_legal_status_percent", "Children starting care by legal status",
     "Children who started to be looked after in the year by legal status, as a percentage of all who started",
     "Per cent of children starting care", "Legal status", "legal status", "children starting care"},
    {"benchmark-ceased-by-reason", "ceased_by_reason_percent", "Children ceasing care by reason",
     "Children who ceased to be looked after in the year by reason, as a percentage of all who ceased",
     "Per cent of children ceasing care", "Reason", "reason for ceasing care", "children ceasing care"},
    {"benchmark-new-placements-by-distance", "new_placements_by_distance_percent", "New placements by distance from home",
     "New placements in the year by where they were and how far from home, as a percentage of all new placements",
     "Per cent of new placements", "Where the placement was", "place and distance from home", "new placements"},
};

const char* kField = "Every local authority";

std::string display(double v, int decimals, bool percent) {
    return percent ? format_percent(v, decimals) : format_number(v, decimals);
}

std::string quartile_words(int q) {
    static const char* words[] = {"", "the lowest quartile", "the second quartile", "the third quartile", "the highest quartile"};
    return q >= 1 && q <= 4 ? words[q] : "";
}

std::string join_and(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return out;
}

// An area as a chart's CSV names it: its geographic level as the DfE's files name it.
ChartArea chart_area(const Benchmarks& b, const std::string& id, const std::string& name) {
    const BenchmarkArea* a = b.area(id);
    if (!a) return {"", "", name};
    const char* level = a->level == AreaLevel::national ? "National" : a->level == AreaLevel::regional ? "Regional" : "Local authority";
    return {level, a->code, name};
}

// A series of published cells, one per row; missing cells are 'x'.
ChartSeries published_series(const Benchmarks& b, const std::string& label, const std::string& id,
                             const std::vector<FigureKey>& keys, const std::vector<int>& years) {
    ChartSeries s{id, label, {}, {}};
    s.measure = keys.empty() ? "" : keys.front().measure;
    s.area = chart_area(b, id, label);
    int decimals = 0;
    for (std::size_t r = 0; r < keys.size(); ++r) {
        const PublishedCell* c = b.cell(keys[r], id, years[r]);
        s.values.push_back(c ? c->value : std::nullopt);
        s.symbols.push_back(c ? (c->value ? 0 : c->symbol) : 'x');
        if (c && c->value) decimals = std::max(decimals, c->decimals);
    }
    s.decimals = decimals;
    return s;
}

ChartSeries neighbour_series(const Benchmarks& b, const std::vector<FigureKey>& keys, const std::vector<int>& years) {
    ChartSeries s{"neighbours", "Statistical neighbours (average)", {}, {}};
    s.measure = keys.empty() ? "" : keys.front().measure;
    s.area = {"Statistical neighbours", "", s.label};
    for (std::size_t r = 0; r < keys.size(); ++r) {
        const auto avg = b.neighbour_average(keys[r], years[r]);
        s.values.push_back(avg ? std::optional<double>(avg->value) : std::nullopt);
        s.symbols.push_back(avg ? 0 : 'x');
    }
    s.decimals = 1;
    return s;
}

// The comparators of a figure, as displayed: the region, the neighbours' average and England.
struct Comparator {
    std::string words;  // "the North West", "its statistical neighbours' average", "England"
    std::optional<double> value;
    int decimals = 0;
};

// "higher than the North West (71) and England (70); lower than its statistical neighbours'
// average (81.2)", comparing figures as displayed.
std::string comparison_words(double mine, int mine_decimals, const std::vector<Comparator>& others, bool percent) {
    std::vector<std::string> higher, lower, same;
    for (const Comparator& c : others) {
        if (!c.value) continue;
        const int places = std::max(mine_decimals, c.decimals);
        const double a = round_half_away(mine, places), o = round_half_away(*c.value, places);
        const std::string item = c.words + " (" + display(*c.value, c.decimals, percent) + ")";
        (a > o ? higher : a < o ? lower : same).push_back(item);
    }
    std::vector<std::string> parts;
    if (!higher.empty()) parts.push_back("higher than " + join_and(higher));
    if (!lower.empty()) parts.push_back("lower than " + join_and(lower));
    if (!same.empty()) parts.push_back("the same as " + join_and(same));
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : "; ") + parts[i];
    return out;
}

// "joint 110th lowest of 151 authorities", "the lowest of 150 authorities".
std::string rank_words(const Rank& r) {
    std::string place = r.rank == 1 ? "lowest" : r.rank == r.of ? "highest" : ordinal_number(r.rank) + " lowest";
    return std::string(r.tied ? "joint " : r.rank == 1 || r.rank == r.of ? "the " : "") + place + " of " +
           std::to_string(r.of) + " authorities";
}

std::string fill(std::string text, const std::string& value, const std::string& when) {
    text.replace(text.find("{v}"), 3, value);
    text.replace(text.find("{when}"), 6, when);
    return text;
}

class PageBuilder {
public:
    PageBuilder(const Benchmarks& b, const std::string& authority_name) : b_(b), name_(authority_name) {
        if (name_.empty()) name_ = b.area_name(b.authority);
    }

    std::optional<Chart> trend(const Topic& t) {
        const FigureKey key{t.key, "Total"};
        std::set<int> all;
        std::vector<int> published;
        for (int y : b_.years(key)) {
            all.insert(y);
            if (b_.cell(key, b_.authority, y)) published.push_back(y);
        }
        // The authority's own figures where the DfE has published none yet.
        std::vector<int> own_only;
        if (auto it = b_.own.find(key); it != b_.own.end())
            for (const auto& [y, c] : it->second)
                if (!b_.cell(key, b_.authority, y) && (all.empty() || y > *all.begin())) {
                    own_only.push_back(y);
                    all.insert(y);
                }
        if (published.empty()) return std::nullopt;
        const std::vector<int> years(all.begin(), all.end());
        const std::vector<FigureKey> keys(years.size(), key);
        Chart chart = base(t.id, t.name, t.y_title, t.percent);
        chart.kind = ChartKind::line;
        chart.row_title = at_date(t.key) ? "Date" : "Year";
        for (int y : years) {
            chart.row_labels.push_back(row_label(t.key, y));
            chart.row_periods.push_back(row_period(t.key, y));
        }
        chart.series.push_back(published_series(b_, name_, b_.authority, keys, years));
        if (!own_only.empty()) {
            ChartSeries own{"own", name_ + ": own export, not yet published by the DfE", {}, {}};
            for (int y : years) {
                const bool unpublished = std::find(own_only.begin(), own_only.end(), y) != own_only.end();
                const PublishedCell* c = unpublished ? b_.own_cell(key, y) : nullptr;
                own.values.push_back(c ? c->value : std::nullopt);
                own.symbols.push_back(c ? (c->value ? 0 : c->symbol) : 'x');
            }
            own.decimals = b_.own_decimals;
            own.measure = t.key;
            own.area = chart_area(b_, b_.authority, name_);
            chart.series.push_back(std::move(own));
        }
        add_comparators(chart, keys, years);
        chart.plotted = chart.series;
        chart.subtitle = std::string(t.what) + ", " + name_ + " and its comparators, " + span(t.key, years) +
                         (own_only.empty() ? "" : "; the latest year from the authority's own export, not yet published");
        if (!own_only.empty()) chart.source += "; the latest year: the authority's own SSDA903 export";
        // The headline: the latest year the authority's figure is published, against the others.
        const std::size_t r = static_cast<std::size_t>(
            std::find(years.begin(), years.end(), published.back()) - years.begin());
        const ChartSeries& mine = chart.series.front();
        // The heading is the authority's figure, short; the text alternative opens with the
        // whole sentence, with the authority's name and its comparators.
        std::string headline;
        if (mine.values[r]) {
            const std::string sentence = fill(t.sentence, display(*mine.values[r], *mine.decimals, t.percent), when(t.key, r, chart));
            chart.title = upper_first(sentence);
            headline = name_ + ": " + sentence;
            const std::string versus = comparison_words(*mine.values[r], *mine.decimals, comparators(chart, r), t.percent);
            if (!versus.empty()) headline += ", " + versus;
        } else {
            chart.title = std::string(t.name) + " beside the region, statistical neighbours and England";
            headline = std::string(t.name) + ": " + name_ + " beside its region, statistical neighbours and England";
        }
        std::string d = headline + ". " + chart_kind_words(chart.kind) + ". " + chart.subtitle + ". ";
        for (const ChartSeries& s : chart.series) d += describe(chart, s) + " ";
        d += neighbour_note(chart, keys, years);
        if (!own_only.empty()) {
            const ChartSeries& own = chart.series[1];
            for (std::size_t i = 0; i < years.size(); ++i)
                if (own.values[i] || own.symbol(i) == 'c')
                    d += "For " + chart.row_labels[i] + " the DfE has published no figure yet; the authority's own export gives " +
                         display_value(chart, own, i) + ". ";
        }
        finish(chart, d);
        return chart;
    }

    std::optional<Chart> rank_over_years(const Topic& t) {
        const FigureKey key{t.key, "Total"};
        std::vector<int> years;
        for (int y : b_.years(key))
            if (b_.cell(key, b_.authority, y) && !b_.distribution(key, y).empty()) years.push_back(y);
        if (years.empty()) return std::nullopt;
        const std::vector<FigureKey> keys(years.size(), key);
        Chart chart = base(std::string(t.id) + "-rank", std::string(t.name) + ": rank among authorities", t.y_title, t.percent);
        chart.row_title = at_date(t.key) ? "Date" : "Year";
        for (int y : years) {
            chart.row_labels.push_back(row_label(t.key, y));
            chart.row_periods.push_back(row_period(t.key, y));
        }
        strip(chart, keys, years);
        chart.subtitle = std::string(t.what) + ": " + name_ + " among every local authority, " + span(t.key, years);
        std::optional<std::size_t> latest;
        for (std::size_t r = 0; r < years.size(); ++r)
            if (b_.rank(keys[r], years[r])) latest = r;
        std::string headline;
        if (latest) {
            const Rank rank = *b_.rank(keys[*latest], years[*latest]);
            const std::string ranked = "ranked " + rank_words(rank) + " " + when(t.key, *latest, chart) + ": " +
                                       quartile_words(rank.quartile);
            chart.title = "R" + ranked.substr(1);
            headline = name_ + " " + ranked;
        } else {
            chart.title = std::string(t.name) + " among every local authority";
            headline = std::string(t.name) + ": " + name_ + " among every local authority";
        }
        std::string d = headline + ". " + chart_kind_words(chart.kind) + ". " + chart.subtitle + ". " +
                        strip_words(at_date(t.key) ? "31 March of a year" : "a year") + " ";
        for (std::size_t r = 0; r < years.size(); ++r) d += row_rank_words(chart, keys[r], years[r], r, t.percent) + " ";
        d += neighbour_note(chart, keys, years);
        finish(chart, d);
        return chart;
    }

    std::optional<Chart> breakdown(const Breakdown& t) {
        // The latest year in which the authority has any published figure of the breakdown.
        std::optional<int> year;
        for (const std::string& category : benchmark_categories(t.key)) {
            const FigureKey key{t.key, category};
            for (int y : b_.years(key))
                if (b_.cell(key, b_.authority, y) && (!year || y > *year)) year = y;
        }
        if (!year) return std::nullopt;
        std::vector<FigureKey> keys;
        for (const std::string& category : benchmark_categories(t.key)) {
            const FigureKey key{t.key, category};
            bool any = false;
            for (const auto& [id, area] : b_.published().areas) any = any || b_.cell(key, id, *year);
            if (any) keys.push_back(key);
        }
        const std::vector<int> years(keys.size(), *year);
        Chart chart = base(t.id, t.name, t.y_title, true);
        chart.row_title = t.row_title;
        for (const FigureKey& k : keys) {
            chart.row_labels.push_back(benchmark_category_label(k.measure, k.category));
            chart.row_categories.push_back(k.category);
        }
        chart.row_periods.push_back(row_period(t.key, *year));
        strip(chart, keys, years);
        chart.subtitle = std::string(t.what) + ": " + name_ + " among every local authority, " + year_label(*year);
        // The headline: the authority's largest category, against England.
        const ChartSeries& mine = chart.series.front();
        std::optional<std::size_t> top;
        for (std::size_t r = 0; r < keys.size(); ++r)
            if (mine.values[r] && (!top || *mine.values[r] > *mine.values[*top])) top = r;
        std::string headline;
        if (top) {
            chart.title = chart.row_labels[*top] + " was the largest share of " + t.of_what + " (" +
                          display(*mine.values[*top], *mine.decimals, true) + ")";
            headline = name_ + ", " + year_label(*year) + ": " + chart.title;
            const std::string versus = comparison_words(*mine.values[*top], *mine.decimals, comparators(chart, *top), true);
            if (!versus.empty()) headline += ", " + versus;
        } else {
            chart.title = std::string(t.name) + " among every local authority";
            headline = std::string(t.name) + ": " + name_ + " among every local authority";
        }
        std::string d = headline + ". " + chart_kind_words(chart.kind) + ". " + chart.subtitle + ". " + strip_words(std::string("a ") + t.row_noun) + " ";
        for (std::size_t r = 0; r < keys.size(); ++r) d += row_rank_words(chart, keys[r], years[r], r, true) + " ";
        d += neighbour_note(chart, keys, years);
        finish(chart, d);
        return chart;
    }

    std::optional<Chart> profile(const Profile& t) {
        // The latest year in which any of the authority's figures is published.
        std::optional<int> year;
        for (const char* key : t.keys)
            for (int y : b_.years({key, "Total"}))
                if (b_.cell({key, "Total"}, b_.authority, y) && (!year || y > *year)) year = y;
        if (!year) return std::nullopt;
        std::vector<FigureKey> keys;
        for (const char* key : t.keys) {
            const FigureKey k{key, "Total"};
            if (b_.cell(k, b_.authority, *year)) keys.push_back(k);
        }
        const std::vector<int> years(keys.size(), *year);
        Chart chart = base(t.id, t.name, "Per cent", true);
        chart.row_title = "Figure";
        for (const FigureKey& k : keys) {
            std::string label = measure_label(k.measure);
            if (label.ends_with(" (%)")) label.resize(label.size() - 4);
            chart.row_labels.push_back(label);
            chart.row_categories.push_back(k.category);
            chart.row_measures.push_back(k.measure);
        }
        chart.row_periods.push_back(row_period(keys.front().measure, *year));
        strip(chart, keys, years);
        chart.subtitle = std::string(t.what) + ": " + name_ + " among every local authority, " + year_label(*year);
        // The headline: how many of the figures are above England's, as displayed.
        const ChartSeries& mine = chart.series.front();
        const ChartSeries* england = nullptr;
        for (const ChartSeries& s : chart.series)
            if (s.category == b_.england) england = &s;
        int higher = 0, lower = 0, same = 0, compared = 0;
        for (std::size_t r = 0; england && r < keys.size(); ++r) {
            if (!mine.values[r] || !england->values[r]) continue;
            const int places = std::max(mine.decimals.value_or(0), england->decimals.value_or(0));
            const double a = round_half_away(*mine.values[r], places), e = round_half_away(*england->values[r], places);
            ++compared;
            higher += a > e ? 1 : 0;
            lower += a < e ? 1 : 0;
            same += a == e ? 1 : 0;
        }
        std::string headline;
        if (compared > 0) {
            // "In 2024-25, 5 of the 7 figures were above England's, 1 below and 1 the same".
            auto n = [](int k) { return k == 0 ? std::string("none") : std::to_string(k); };
            chart.title = "In " + year_label(*year) + ", " + n(higher) + " of the " + std::to_string(compared) + " figures " +
                          (higher == 1 ? "was" : "were") + " above " + b_.area_name(b_.england) + "'s, " + n(lower) +
                          " below" + (same > 0 ? " and " + n(same) + " the same" : "");
            if (compared == 1)
                chart.title = "In " + year_label(*year) + ", the figure was " +
                              (higher ? "above " : lower ? "below " : "the same as ") + b_.area_name(b_.england) + "'s";
            headline = name_ + ": " + lower_first(chart.title);
        } else {
            chart.title = t.name;
            headline = std::string(t.name) + ": " + name_ + " among every local authority";
        }
        std::string d = headline + ". " + chart_kind_words(chart.kind) + ". " + chart.subtitle + ". " +
                        strip_words("a figure") + " ";
        for (std::size_t r = 0; r < keys.size(); ++r) d += row_rank_words(chart, keys[r], years[r], r, true) + " ";
        d += neighbour_note(chart, keys, years);
        finish(chart, d);
        return chart;
    }

private:
    static bool at_date(const std::string& key) { return measure_def(key).period == PeriodKind::at_date; }

    // "on 31 March 2025" for a count at a date, "in 2024-25" for a year.
    static std::string when(const std::string& key, std::size_t r, const Chart& chart) {
        return (at_date(key) ? "on " : "in ") + chart.row_labels[r];
    }

    static std::string row_label(const std::string& key, int year) {
        return at_date(key) ? Date::from_ymd(year, 3, 31).long_text() : year_label(year);
    }

    // The year's period for the CSV: the financial year ending 31 March of `year`.
    static ChartPeriod row_period(const std::string& key, int year) {
        const auto [start, end] = benchmark_period(key, year);
        return {year_label(year), start, end};
    }

    // "2020-21 to 2024-25", or "31 March 2021 to 31 March 2025" for counts at a date.
    static std::string span(const std::string& key, const std::vector<int>& years) {
        if (years.empty()) return "";
        const std::string first = row_label(key, years.front()), last = row_label(key, years.back());
        return years.size() == 1 ? first : first + " to " + last;
    }

    Chart base(const std::string& id, const std::string& name, const std::string& y_title, bool percent) const {
        Chart chart;
        chart.id = id;
        chart.name = name;
        chart.title = name;
        chart.y_title = y_title;
        chart.percent = percent;
        chart.unit_words = "children";
        chart.source = b_.source;
        return chart;
    }

    // The region, the neighbours' average and England, as series over the chart's rows.
    void add_comparators(Chart& chart, const std::vector<FigureKey>& keys, const std::vector<int>& years) const {
        if (!b_.region.empty()) chart.series.push_back(published_series(b_, b_.area_name(b_.region), b_.region, keys, years));
        if (!b_.neighbours.empty()) chart.series.push_back(neighbour_series(b_, keys, years));
        if (b_.area(b_.england)) chart.series.push_back(published_series(b_, b_.area_name(b_.england), b_.england, keys, years));
    }

    std::vector<Comparator> comparators(const Chart& chart, std::size_t r) const {
        std::vector<Comparator> out;
        for (const ChartSeries& s : chart.series) {
            if (s.category == b_.region) out.push_back({"the " + s.label, s.values[r], s.decimals.value_or(0)});
            else if (s.category == "neighbours") out.push_back({"its statistical neighbours' average", s.values[r], 1});
            else if (s.category == b_.england) out.push_back({s.label, s.values[r], s.decimals.value_or(0)});
        }
        // "the North West", but not "the Inner London" or "the Yorkshire and The Humber".
        for (Comparator& c : out)
            if (c.words.starts_with("the ") &&
                (c.words.find("London") != std::string::npos || c.words.starts_with("the Yorkshire")))
                c.words.erase(0, 4);
        return out;
    }

    // The strip chart's series: the authority and its comparators (plotted), then its rank, the
    // number ranked and its quartile, and the spread of every authority's figure.
    void strip(Chart& chart, const std::vector<FigureKey>& keys, const std::vector<int>& years) const {
        chart.kind = ChartKind::strip;
        chart.field_label = kField;
        chart.series.push_back(published_series(b_, name_, b_.authority, keys, years));
        add_comparators(chart, keys, years);
        chart.plotted = chart.series;
        const int decimals = chart.series.front().decimals.value_or(0);
        ChartSeries rank{"rank", "Rank (1 = the lowest)", {}, {}}, of{"of", "Authorities ranked", {}, {}},
            quartile{"quartile", "Quartile (1 = the lowest)", {}, {}}, low{"lowest", "Lowest", {}, {}},
            median{"median", "Median", {}, {}}, high{"highest", "Highest", {}, {}};
        for (ChartSeries* s : {&rank, &of, &quartile}) {
            s->plain = true;
            s->area = chart_area(b_, b_.authority, name_);
        }
        for (ChartSeries* s : {&rank, &of, &quartile, &low, &median, &high}) s->measure = keys.empty() ? "" : keys.front().measure;
        for (ChartSeries* s : {&low, &median, &high}) s->area = {"Local authority", "", kField};
        for (ChartSeries* s : {&low, &high}) s->decimals = decimals;
        median.decimals = std::max(decimals, 1);
        for (std::size_t r = 0; r < keys.size(); ++r) {
            const std::optional<Rank> rk = b_.rank(keys[r], years[r]);
            const std::vector<double> all = b_.distribution(keys[r], years[r]);
            chart.field.push_back(all);
            auto put = [&](ChartSeries& s, std::optional<double> v) {
                s.values.push_back(v);
                s.symbols.push_back(v ? 0 : 'x');
            };
            put(rank, rk ? std::optional<double>(rk->rank) : std::nullopt);
            put(of, rk ? std::optional<double>(rk->of) : std::nullopt);
            put(quartile, rk ? std::optional<double>(rk->quartile) : std::nullopt);
            put(low, all.empty() ? std::nullopt : std::optional<double>(all.front()));
            put(high, all.empty() ? std::nullopt : std::optional<double>(all.back()));
            std::optional<double> mid;
            if (!all.empty()) {
                const std::size_t n = all.size();
                mid = n % 2 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2.0;
            }
            put(median, mid);
        }
        for (ChartSeries* s : {&rank, &of, &quartile, &low, &median, &high}) chart.series.push_back(std::move(*s));
    }

    // Where the neighbours' average is of fewer than all of them: "The statistical neighbours'
    // average for 2023-24 is of 2 of 3 neighbours (the others' figures are not published)."
    std::string neighbour_note(const Chart& chart, const std::vector<FigureKey>& keys, const std::vector<int>& years) const {
        std::string out;
        for (std::size_t r = 0; r < keys.size(); ++r) {
            const auto avg = b_.neighbour_average(keys[r], years[r]);
            if (avg && avg->used < avg->of)
                out += "The statistical neighbours' average for " + chart.row_labels[r] + " is of " +
                       std::to_string(avg->used) + " of " + std::to_string(avg->of) +
                       " neighbours (the others' figures are not published). ";
        }
        return out;
    }

    std::string strip_words(const std::string& rows) const {
        return "Each row is " + rows + ", with a small grey dot for every local authority's figure, and larger marks for " +
               name_ + (b_.region.empty() ? "" : ", " + b_.area_name(b_.region)) +
               (b_.neighbours.empty() ? "" : ", the statistical neighbours' average") + " and " + b_.area_name(b_.england) + ".";
    }

    std::string row_rank_words(const Chart& chart, const FigureKey& key, int year, std::size_t r, bool percent) const {
        const ChartSeries& mine = chart.series.front();
        std::string out = chart.row_labels[r] + ": " + name_ + " " + display_value(chart, mine, r);
        if (const std::optional<Rank> rk = b_.rank(key, year)) out += ", " + rank_words(*rk) + ", in " + quartile_words(rk->quartile);
        else out += ", not ranked";
        const std::vector<Comparator> others = comparators(chart, r);
        std::vector<std::string> parts;
        for (const Comparator& c : others)
            if (c.value) parts.push_back(c.words + " " + display(*c.value, c.decimals, percent));
        if (!parts.empty()) out += "; " + join_and(parts);
        return out + ".";
    }

    // One sentence per series: its first and last figures.
    static std::string describe(const Chart& chart, const ChartSeries& s) {
        const std::string in = chart.row_title == "Date" ? " on " : " in ";
        std::optional<std::size_t> first, last;
        for (std::size_t i = 0; i < s.values.size(); ++i)
            if (s.values[i]) {
                if (!first) first = i;
                last = i;
            }
        if (!first) return s.label + ": no figures shown.";
        if (*first == *last) return s.label + ": " + display_value(chart, s, *first) + in + chart.row_labels[*first] + ".";
        return s.label + ": " + display_value(chart, s, *first) + in + chart.row_labels[*first] + " and " +
               display_value(chart, s, *last) + in + chart.row_labels[*last] + ".";
    }

    void finish(Chart& chart, std::string d) const {
        bool suppressed = false;
        for (const ChartSeries& s : chart.series)
            for (char symbol : s.symbols) suppressed = suppressed || symbol == 'c';
        if (suppressed)
            d += "Some figures are not shown to protect confidentiality (c in the table); they are gaps in the chart. ";
        while (!d.empty() && d.back() == ' ') d.pop_back();
        chart.description = d;
        chart.measures = {};
    }

    const Benchmarks& b_;
    std::string name_;
};

}  // namespace

std::string ordinal_number(int n) {
    const int last_two = n % 100, last = n % 10;
    const char* suffix = (last_two >= 11 && last_two <= 13) ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
    return std::to_string(n) + suffix;
}

std::optional<TrendPage> build_benchmark_page(const MeasureSet& set, const ChartContext& context) {
    if (!set.benchmarks) return std::nullopt;
    const Benchmarks& b = *set.benchmarks;
    PageBuilder builder(b, context.authority_name);
    TrendPage page;
    page.slug = "how-we-compare";
    page.title = "How we compare";
    std::vector<std::string> neighbour_names;
    for (const std::string& id : b.neighbours) neighbour_names.push_back(b.area_name(id));
    page.intro = (context.authority_name.empty() ? b.area_name(b.authority) : context.authority_name) + " beside " +
                 (b.region.empty() ? "" : b.area_name(b.region) + ", ") + b.area_name(b.england) +
                 (neighbour_names.empty() ? ""
                                          : " and the average of its " + std::to_string(neighbour_names.size()) +
                                                " statistical neighbours (" + join_and(neighbour_names) + ")") +
                 ". The figures are as published (" + b.source +
                 "), with the DfE's own symbols; published figures need no further protection. Ranks are among every "
                 "local authority with a published figure, 1 being the lowest, and authorities with the same figure "
                 "share a rank. England and regional counts are rounded to the nearest 10 by the DfE.";
    page.charts = build_benchmark_charts(set, context, page.slug);
    for (const Breakdown& t : kBreakdowns)
        if (auto c = builder.breakdown(t)) page.charts.push_back(std::move(*c));
    if (page.charts.empty()) return std::nullopt;
    return page;
}

std::vector<Chart> build_benchmark_charts(const MeasureSet& set, const ChartContext& context, std::string_view page) {
    std::vector<Chart> out;
    if (!set.benchmarks) return out;
    PageBuilder builder(*set.benchmarks, context.authority_name);
    for (const Topic& t : kTrends) {
        if (t.page != page) continue;
        if (auto c = builder.trend(t)) out.push_back(std::move(*c));
        if (t.ranked)
            if (auto c = builder.rank_over_years(t)) out.push_back(std::move(*c));
    }
    for (const Profile& p : profiles())
        if (p.page == page)
            if (auto c = builder.profile(p)) out.push_back(std::move(*c));
    return out;
}

}  // namespace careboard
