#include "report/report.hpp"

#include <array>
#include <cmath>
#include <memory>
#include <mustache.hpp>

#include "benchmarks/benchmarks.hpp"
#include "charts/chart.hpp"
#include "charts/year_table.hpp"
#include "compare/compare.hpp"
#include "compare/targets.hpp"
#include "core/embedded.hpp"
#include "core/format.hpp"
#include "render/chart_view.hpp"
#include "render/data_files.hpp"
#include "render/workbook.hpp"
#include "render/renderer.hpp"

namespace careboard {
namespace {

using kainjow::mustache::data;

data list() { return data{data::type::list}; }

// How a figure is put in a sentence: `text` holds {value} and {when} ("on 31 March 2025", "in
// 2024-25"); the change on the year before, and the figure against its target, are added.
struct SentenceSpec {
    const char* key;
    const char* text;
};

// The largest category of a breakdown in the year, with its count and share.
struct ShareSpec {
    const char* key;
    const char* of_what;  // "children who started to be looked after"
};

struct BreakdownSpec {
    const char* key;
    const char* caption;
};

struct ChartSpec {
    const char* title;
    const char* y_title;
    std::array<const char*, 3> totals{};  // a line per measure (unused places null), or
    const char* breakdown = nullptr;  // a stacked bar of a breakdown
    bool percent = false;
};

struct SectionSpec {
    const char* id;
    const char* title;
    const char* intro;
    std::vector<SentenceSpec> sentences;
    std::vector<ShareSpec> shares;
    std::vector<const char*> figures;  // the figures table
    std::vector<BreakdownSpec> breakdowns;
    ChartSpec chart;
    std::vector<const char*> compared;  // published figures to set beside England's and others'
    const char* empty_words = "The data hold no figures for this section.";
    std::vector<const char*> by_month = {};  // with [window] months: a table of the year's months
};

const std::vector<SectionSpec>& section_specs() {
    static const std::vector<SectionSpec> specs{
        {"summary", "Summary of the year", "The year's main figures, each set against the year before.",
         {}, {},
         {"looked_after", "looked_after_rate_per_10000", "started", "ceased", "reviews_held", "reviews_in_timescale_percent",
          "reviews_participation_percent", "escalations_raised", "iro_caseload"},
         {}, {}, {}},
        {"children-in-care", "Children in care",
         "How many children the authority looked after, who they are, and how many started and stopped being looked "
         "after in the year.",
         {{"looked_after", "{value} children were looked after {when}"},
          {"looked_after_rate_per_10000", "That is {value} children in every 10,000 aged under 18 {when}"},
          {"started", "{value} children started to be looked after {when}"},
          {"ceased", "{value} children ceased to be looked after {when}"}},
         {{"started_by_need", "children who started to be looked after"},
          {"ceased_by_reason_group", "children who ceased to be looked after"}},
         {"looked_after", "looked_after_rate_per_10000", "started", "started_occasions", "ceased", "uasc_looked_after",
          "uasc_started"},
         {{"looked_after_by_age", "Children looked after on 31 March, by age"},
          {"looked_after_by_sex", "Children looked after on 31 March, by sex"},
          {"looked_after_by_ethnicity", "Children looked after on 31 March, by ethnic group"},
          {"started_by_need", "Children who started to be looked after, by category of need"},
          {"started_by_age", "Children who started to be looked after, by age"},
          {"started_by_placement_group", "Children who started to be looked after, by first placement"},
          {"ceased_by_reason_group", "Children who ceased to be looked after, by reason"}},
         {"Children looked after, starting and ceasing", "Children", {"looked_after", "started", "ceased"}},
         {"looked_after_rate_per_10000", "started_rate_per_10000", "ceased_rate_per_10000"},
         "The data hold no figures for this section.",
         {"looked_after", "started", "ceased"}},
        {"legal-status", "Legal status", "The legal basis on which children were looked after on 31 March.",
         {},
         {{"looked_after_by_legal_status_group", "children looked after"}},
         {},
         {{"looked_after_by_legal_status_group", "Children looked after on 31 March, by legal status group"},
          {"looked_after_by_legal_status", "Children looked after on 31 March, by legal status"},
          {"started_by_legal_status", "Children who started to be looked after, by legal status"}},
         {"Children looked after on 31 March by legal status group", "Children", {}, "looked_after_by_legal_status_group"},
         {}},
        {"placements", "Placements and stability", "Where children lived, who provided their placements, and how often "
                                                   "they moved.",
         {{"placements_3_or_more_percent", "{value} of children looked after had 3 or more placements in the 12 months to "
                                           "31 March {year_end}"},
          {"long_term_stability_percent", "{value} of children under 16 looked after for 2.5 years or more had been in "
                                          "the same placement for 2 years or more {when}"}},
         {{"looked_after_by_placement_group", "children looked after"},
          {"looked_after_fostering_by_provider", "children in foster care"}},
         {"placements_3_or_more", "placements_3_or_more_percent", "long_term_cohort", "long_term_same_placement",
          "long_term_stability_percent"},
         {{"looked_after_by_placement_group", "Children looked after on 31 March, by type of placement"},
          {"looked_after_fostering_by_provider", "Children in foster care on 31 March: in-house and agency"},
          {"looked_after_by_provider", "Children looked after on 31 March, by placement provider"}},
         {"Children looked after on 31 March by type of placement", "Children", {}, "looked_after_by_placement_group"},
         {"placements_3_or_more_percent", "sw_3_or_more_percent"}},
        {"reviews", "Reviews", "Statutory reviews of looked-after children chaired by Independent Reviewing Officers: "
                               "how many, how many on time, and how children took part.",
         {{"reviews_held", "{value} reviews were held {when}"},
          {"reviews_in_timescale_percent", "{value} of the reviews that can be assessed were held in timescale {when}"},
          {"reviews_children_all_in_timescale_percent",
           "By child, {value} of children with a review {when} had every review in timescale"},
          {"reviews_participation_percent", "Children took part in {value} of their reviews {when}"}},
         {{"reviews_by_participation", "reviews held"}},
         {"reviews_held", "reviews_in_timescale", "reviews_in_timescale_percent", "reviews_timescale_not_assessed",
          "reviews_children_assessed", "reviews_children_all_in_timescale", "reviews_children_all_in_timescale_percent",
          "reviews_short_break", "reviews_participation_percent"},
         {{"reviews_by_sequence", "Reviews held, by their place in the period of care"},
          {"reviews_in_timescale_by_sequence", "Reviews held in timescale, by their place in the period of care"},
          {"reviews_by_participation", "Reviews held, by how the child took part"}},
         {"Reviews held and reviews in timescale", "Reviews", {"reviews_held", "reviews_in_timescale"}},
         {}},
        {"iro-service", "IRO caseloads and staffing",
         "How many Independent Reviewing Officers were in post and how many children each looked after, against the "
         "IRO Handbook's 50 to 70.",
         {{"iro_caseload", "Each full-time IRO had {value} children looked after {when}"},
          {"iro_caseload_average", "Over the year the average was {value} {when}"},
          {"iro_caseload_mean", "IROs with a caseload had {value} children allocated each on average {when}"},
          {"iro_headcount", "{value} IROs were in post {when}"}},
         {{"iro_caseload_band", "IROs with a caseload"}},
         {"iro_fte", "iro_headcount", "iro_vacancies_fte", "iro_caseload", "iro_caseload_average", "iro_with_caseload",
          "iro_allocated_children", "iro_caseload_mean", "iro_caseload_lowest", "iro_caseload_highest"},
         {{"iro_caseload_band", "IROs with a caseload on 31 March, by children allocated, against the IRO Handbook's 50 to 70"},
          {"iro_headcount_by_contract", "IROs in post on 31 March, by contract"}},
         {"Children looked after per full-time IRO", "Children per full-time IRO", {"iro_caseload", "iro_caseload_average"}},
         {},
         "The data hold no IRO staffing figures (iro_staffing.csv)."},
        {"iro-activity", "The IRO service's activity",
         "What the IRO service did besides chairing reviews, from its own records: consultations, children chairing "
         "their reviews, midway reviews, pathway plan reviews, audits and referrals.",
         {}, {}, {}, {}, {}, {},
         "The data hold no activity figures of the IRO service (iro_activity.csv, with its measures declared in the "
         "config's [activity])."},
        {"escalations", "Challenge and escalation",
         "How often IROs challenged the authority about children's plans, what about, how far the challenge went and how "
         "quickly it was resolved.",
         {{"escalations_raised", "IROs raised {value} escalations {when}"},
          {"escalations_resolved_within_20_days_percent",
           "{value} of the escalations resolved {when} were resolved within 20 working days"},
          {"escalations_open", "{value} escalations were open {when}"}},
         {{"escalations_by_theme", "themes recorded on escalations"}, {"escalations_by_stage", "escalations raised"}},
         {"escalations_raised", "escalations_per_100_looked_after", "escalations_resolved",
          "escalations_resolved_within_20_days_percent", "escalation_days_to_resolve_median", "escalations_open",
          "escalations_open_over_20_days"},
         {{"escalations_by_theme", "Escalation themes"},
          {"escalations_by_stage", "Escalations raised, by the highest stage reached"},
          {"escalations_resolved_by_level", "Escalations resolved, by who resolved them"},
          {"escalations_by_route_type", "Escalations raised, by type of route"}},
         {"Escalations raised and resolved", "Escalations", {"escalations_raised", "escalations_resolved"}},
         {},
         "The data hold no IRO escalation log (escalations.csv).",
         {"escalations_raised", "escalations_resolved", "escalations_open"}},
        {"health", "Health and wellbeing",
         "The health checks, strengths and difficulties scores, convictions and substance misuse of children looked "
         "after for at least 12 months at 31 March (the DfE's OC2 cohort).",
         {{"oc2_health_assessment_percent", "{value} of children looked after for at least 12 months had their annual "
                                            "health assessment {when}"},
          {"oc2_immunisations_percent", "{value} had their immunisations up to date"},
          {"oc2_teeth_check_percent", "{value} had their teeth checked by a dentist"},
          {"oc2_sdq_average", "The average strengths and difficulties score was {value}"}},
         {{"oc2_sdq_by_band", "children aged 5 to 16 with an SDQ score"}},
         {"oc2_cohort", "oc2_health_assessment_percent", "oc2_immunisations_percent", "oc2_teeth_check_percent",
          "oc2_development_assessment_percent", "oc2_sdq_received_percent", "oc2_sdq_average", "oc2_convicted_percent",
          "oc2_substance_misuse_percent", "oc2_intervention_received_percent"},
         {{"oc2_sdq_by_band", "Children aged 5 to 16 with an SDQ score, by band"}},
         {"Health assessments, immunisations and dental checks", "Per cent of children",
          {"oc2_health_assessment_percent", "oc2_immunisations_percent", "oc2_teeth_check_percent"}, nullptr, true},
         {"oc2_health_assessment_percent", "oc2_immunisations_percent", "oc2_teeth_check_percent", "oc2_sdq_average"},
         "The data hold no OC2 table (oc2.csv, or OC2 in the XML return) for these years."},
        {"care-leavers", "Care leavers",
         "Young people who left care, around their 17th to 21st birthdays: whether the authority is in touch, what "
         "they are doing and where they live (the DfE's OC3 figures).",
         {{"care_leavers_17_to_18_eet_percent", "{value} of care leavers aged 17 to 18 were in education, employment "
                                                "or training {when}"},
          {"care_leavers_19_to_21_eet_percent", "{value} of those aged 19 to 21 were"},
          {"care_leavers_19_to_21_suitable_percent", "{value} of care leavers aged 19 to 21 were in suitable "
                                                     "accommodation"}},
         {{"care_leavers_19_to_21_by_activity", "care leavers aged 19 to 21"}},
         {"care_leavers_17_to_18", "care_leavers_17_to_18_in_touch_percent", "care_leavers_17_to_18_eet_percent",
          "care_leavers_17_to_18_suitable_percent", "care_leavers_19_to_21", "care_leavers_19_to_21_in_touch_percent",
          "care_leavers_19_to_21_eet_percent", "care_leavers_19_to_21_suitable_percent"},
         {{"care_leavers_17_to_18_by_activity", "Care leavers aged 17 to 18, by activity"},
          {"care_leavers_19_to_21_by_activity", "Care leavers aged 19 to 21, by activity"},
          {"care_leavers_19_to_21_by_accommodation", "Care leavers aged 19 to 21, by accommodation"}},
         {"Care leavers in education, employment or training", "Per cent of care leavers",
          {"care_leavers_17_to_18_eet_percent", "care_leavers_19_to_21_eet_percent"}, nullptr, true},
         {"care_leavers_17_to_18_eet_percent", "care_leavers_19_to_21_eet_percent", "care_leavers_17_to_18_suitable_percent",
          "care_leavers_19_to_21_suitable_percent"},
         "The data hold no OC3 table (oc3.csv, or OC3 in the XML return) for these years."},
        {"missing", "Missing from care",
         "Children looked after who went missing, or were away from their placement without authorisation.",
         {{"missing_children", "{value} children looked after went missing {when}"},
          {"missing_incidents_per_child", "They went missing {value} times each on average"},
          {"away_children", "{value} children were away from their placement without authorisation"}},
         {},
         {"looked_after_during", "missing_children", "missing_children_percent", "missing_incidents",
          "missing_incidents_per_child", "away_children", "away_children_percent", "away_incidents",
          "away_incidents_per_child"},
         {},
         {"Children who went missing or were away without authorisation", "Children",
          {"missing_children", "away_children"}},
         {"missing_children_percent", "missing_incidents_per_child", "away_children_percent"},
         "The data hold no missing table (missing.csv, or AMISSING in the XML return).",
         {"missing_children", "away_children"}},
        {"adoption", "Adoption and permanence",
         "Children adopted, how long it took from entering care to moving in with their adoptive family and from the "
         "placement order to being matched, and the permanence arrangements children starting care had before.",
         {{"adopted", "{value} children were adopted {when}"},
          {"adoption_days_care_to_moving_in", "On average {value} days passed between entering care and moving in with "
                                              "the adoptive family"}},
         {{"started_by_previous_permanence", "children who started to be looked after"}},
         {"adopted", "adoption_children_care_to_moving_in", "adoption_days_care_to_moving_in",
          "adoption_children_order_to_match", "adoption_days_order_to_match"},
         {{"started_by_previous_permanence", "Children who started to be looked after, by previous permanence"}},
         {"Children adopted", "Children", {"adopted"}},
         {}},
        {"how-we-compare", "How we compare",
         "The authority's figures beside its region's, England's and its statistical neighbours', as the DfE published "
         "them.",
         {}, {}, {}, {}, {}, {}, "The configuration names no DfE statistics to compare with ([benchmarks])."},
    };
    return specs;
}

std::string when_words(const MeasureSet& set, const std::string& key, std::size_t period) {
    if (measure_def(key).period == PeriodKind::at_date) return "on " + set.period_end(period).long_text();
    return "in " + set.period_label(period);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}


// "1,160 reviews were held in 2024-25, 41 more than in 2023-24; ..." with the target.
std::optional<std::string> figure_sentence(const MeasureSet& set, const SentenceSpec& spec, std::size_t now,
                                           std::optional<std::size_t> before, const std::vector<Target>& targets) {
    const Measure* m = set.find(spec.key);
    const int ci = m ? m->category_index("Total") : -1;
    if (ci < 0) return std::nullopt;
    const auto c = static_cast<std::size_t>(ci);
    const MeasureDef& def = measure_def(spec.key);
    const std::string when = when_words(set, spec.key, now);
    if (m->symbol(c, now) == 'c') return sentence_label(spec.key) + " " + when + ": not published, to protect confidentiality.";
    const std::optional<double> v = shown_value(*m, c, now);
    if (!v) return std::nullopt;
    std::string s = replace_all(spec.text, "{value}", display_figure(def, *v));
    s = replace_all(s, "{when}", when);
    s = replace_all(s, "{year_end}", std::to_string(set.period_end(now).year()));
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    const std::optional<double> b = before ? shown_value(*m, c, *before) : std::nullopt;
    if (b) {
        const std::string prev = when_words(set, spec.key, *before);
        const int places = display_decimals(def);
        const double diff = round_half_away(*v, places) - round_half_away(*b, places);
        if (def.is_count()) {
            if (diff == 0) s += ", as many as " + prev;
            else s += ", " + format_number(std::fabs(diff)) + (diff > 0 ? " more than " : " fewer than ") + prev;
        } else {
            s += " (" + display_figure(def, *b) + " " + prev + ")";
        }
    }
    for (const Target& t : targets)
        if (t.measure == spec.key) {
            std::string words = target_words(t, v, display_decimals(def), def.is_percent());
            if (words.starts_with("meets ")) words = "meeting " + words.substr(6);
            if (!words.empty()) s += ", " + words;
        }
    return s + ".";
}

// "The largest group of children who started to be looked after in 2024-25 was N1 Abuse or
// neglect (109, 65%)."
std::optional<std::string> share_sentence(const MeasureSet& set, const ShareSpec& spec, std::size_t now) {
    const Measure* m = set.find(spec.key);
    if (!m) return std::nullopt;
    const MeasureDef& def = measure_def(spec.key);
    const CellName whole = share_base(def);
    const Measure* total = set.find(whole.measure);
    const int tc = total ? total->category_index(whole.category) : -1;
    std::optional<std::size_t> best;
    for (std::size_t c = 0; c < m->categories.size(); ++c) {
        const std::optional<double> v = shown_value(*m, c, now);
        if (v && *v > 0 && (!best || *v > *shown_value(*m, *best, now))) best = c;
    }
    if (!best) return std::nullopt;
    std::string s = "The largest group of " + std::string(spec.of_what) + " " + when_words(set, spec.key, now) + " was " +
                    category_label(spec.key, m->categories[*best]) + " (" + display_cell(*m, *best, now);
    if (tc >= 0)
        if (const auto share = share_of(*m, *best, now, total, static_cast<std::size_t>(tc)))
            s += ", " + format_percent(*share) + (def.overlapping ? " of " + lower_first(measure_label(whole.measure)) : "");
    return s + ").";
}

std::string published_words(const PublishedCell* cell, bool percent) {
    if (!cell) return "not published";
    if (cell->symbol) return std::string(1, cell->symbol);
    if (!cell->value) return "x";
    return percent ? format_percent(*cell->value) : format_number(*cell->value, cell->decimals);
}

// The authority beside its region, England and its neighbours, for the latest published year
// no later than the report's.
std::optional<std::string> compare_sentence(const Benchmarks& b, const std::string& key, int year_end) {
    const FigureKey fk{key, "Total"};
    int year = 0;
    for (int y : b.years(fk))
        if (y <= year_end) year = y;
    if (year == 0) return std::nullopt;
    const bool percent = measure_def(key).is_percent();
    std::string s = measure_label(key) + ", " + year_label(year) + ": " +
                    published_words(b.cell(fk, b.authority, year), percent) + " here";
    if (!b.region.empty()) s += ", " + published_words(b.cell(fk, b.region, year), percent) + " in " + b.area_name(b.region);
    s += ", " + published_words(b.cell(fk, b.england, year), percent) + " in England";
    if (const auto avg = b.neighbour_average(fk, year))
        s += " and " + (percent ? format_percent(avg->value) : format_number(avg->value, 1)) + " on average among " +
             std::to_string(avg->used) + " statistical neighbours";
    if (const auto rank = b.rank(fk, year))
        s += " (ranked " + std::to_string(rank->rank) + " of " + std::to_string(rank->of) + " from the lowest, quartile " +
             std::to_string(rank->quartile) + ")";
    return s + ".";
}

Chart section_chart(const MeasureSet& set, const SectionSpec& spec, const std::vector<std::size_t>& years,
                    const ReportInput& input) {
    Chart chart;
    chart.id = std::string(spec.id) + "-chart";
    chart.title = spec.chart.title;
    chart.name = spec.chart.title;
    chart.y_title = spec.chart.y_title;
    chart.row_title = "Year";
    for (std::size_t p : years) {
        chart.row_labels.push_back(set.period_label(p));
        chart.row_periods.push_back({set.period_label(p), set.period_start(p), set.period_end(p)});
    }
    auto values_of = [&](const Measure& m, std::size_t c) {
        ChartSeries s;
        s.category = m.categories[c];
        for (std::size_t p : years) {
            s.values.push_back(shown_value(m, c, p));
            s.symbols.push_back(m.symbol(c, p));
        }
        return s;
    };
    if (spec.chart.breakdown) {
        if (const Measure* m = set.find(spec.chart.breakdown)) {
            chart.measures.push_back(m->key);
            for (std::size_t c = 0; c < m->categories.size(); ++c) {
                ChartSeries s = values_of(*m, c);
                s.label = category_label(m->key, m->categories[c]);
                chart.series.push_back(std::move(s));
            }
        }
        chart.kind = ChartKind::stacked_bar;
        chart.plotted = chart.series.empty() ? chart.series : top_series(chart.series, 6);
    } else {
        for (const char* key : spec.chart.totals) {
            if (!key) continue;
            const Measure* m = set.find(key);
            const int c = m ? m->category_index("Total") : -1;
            if (c < 0) continue;
            ChartSeries s = values_of(*m, static_cast<std::size_t>(c));
            s.label = measure_label(key);
            if (!measure_def(key).is_count()) s.decimals = display_decimals(measure_def(key));
            chart.measures.push_back(key);
            chart.series.push_back(std::move(s));
        }
        chart.kind = ChartKind::line;
        chart.plotted = chart.series;
        if (!chart.measures.empty() && !measure_def(chart.measures.front()).is_count() &&
            !measure_def(chart.measures.front()).is_percent())
            chart.display_decimals = 1;
        if (!chart.measures.empty())
            chart.references = chart_references(chart.measures.front(), input.config->targets, spec.chart.percent);
    }
    chart.percent = spec.chart.percent;
    chart.subtitle = std::string(spec.chart.title) + ", " + input.config->authority_name + ", " +
                     set.period_label(years.front()) + " to " + set.period_label(years.back());
    std::string d = chart.title + ". " + chart_kind_words(chart.kind) +
                    " by financial year, " + set.period_label(years.front()) + " to " + set.period_label(years.back()) +
                    ". ";
    for (const ChartSeries& s : chart.plotted) {
        d += s.label + ":";
        for (std::size_t r = 0; r < years.size(); ++r)
            d += std::string(r ? "," : "") + " " + chart.row_labels[r] + " " + display_value(chart, s, r);
        d += ". ";
    }
    if (const std::string note = axis_note(chart); !note.empty()) d += note + " ";
    d += "The table gives the figures.";
    chart.description = d;
    return chart;
}

data table_view(const YearTable& t) {
    data view;
    view.set("id", t.id);
    view.set("caption", t.caption);
    view.set("row_header", t.row_header);
    view.set("note", t.note);
    data columns = list();
    for (const std::string& c : t.columns) columns.push_back(data{c});
    view.set("columns", columns);
    data rows = list();
    for (const YearTable::Row& r : t.rows) {
        data row;
        row.set("header", r.header);
        data cells = list();
        for (const std::string& c : r.cells) cells.push_back(data{c});
        row.set("cells", cells);
        rows.push_back(row);
    }
    view.set("rows", rows);
    return view;
}


// A section with the measures the config declares for it ([activity] section = its id) after its
// own: each Total and percentage in its figures table and in a sentence, each breakdown in a table
// of its own, and (for a section without a chart) the first declared Total as its chart. Keys and
// labels live in the catalogue's registry for the whole build, the sentences' wording in `texts`.
SectionSpec with_declared(const SectionSpec& builtin, std::vector<std::unique_ptr<std::string>>& texts) {
    SectionSpec spec = builtin;
    for (const MeasureDef& def : measure_catalogue()) {
        if (!def.declared || def.section != spec.id) continue;
        const char* key = def.key.data();  // the registry's own std::string: NUL-terminated
        if (def.breakdown == CategoryKind::total) {
            spec.figures.push_back(key);
            texts.push_back(std::make_unique<std::string>(std::string(def.label) + " {when}: {value}"));
            spec.sentences.push_back({key, texts.back()->c_str()});
            if (!spec.chart.title && !def.is_percent()) {
                spec.chart.title = def.label.data();
                spec.chart.y_title = def.unit == Unit::children ? "Children" : "Number";
                spec.chart.totals = {key, nullptr, nullptr};
            }
        } else {
            spec.breakdowns.push_back({key, def.label.data()});
        }
    }
    return spec;
}

std::string section_heading(std::size_t number, const SectionSpec& spec) {
    return std::to_string(number) + ". " + spec.title;
}

}  // namespace

std::vector<std::string> report_section_ids() {
    std::vector<std::string> ids;
    for (const SectionSpec& s : section_specs()) ids.emplace_back(s.id);
    return ids;
}

int latest_report_year(const MeasureSet& set) { return set.years.empty() ? 0 : set.years.back(); }

bool check_report_year(const MeasureSet& set, int fy_start, const std::string& what, Diagnostics& diagnostics) {
    if (set.years.empty()) {
        diagnostics.error("E801", what, 0, 0,
                          "the window holds no whole financial year (April to March), so there is no year to report "
                          "on; widen [window] or give a full year's returns");
        return false;
    }
    const std::string have =
        financial_year_label(set.years.front()) + " to " + financial_year_label(set.years.back());
    if (!set.year_period_of(fy_start)) {
        diagnostics.error("E801", what, 0, 0,
                          "the data give no figures for " + financial_year_label(fy_start) +
                              "; the financial years in the window are " + have);
        return false;
    }
    for (int y = fy_start - 2; y < fy_start; ++y)
        if (!set.year_period_of(y)) {
            diagnostics.error("E802", what, 0, 0,
                              "a report on " + financial_year_label(fy_start) + " needs " +
                                  financial_year_label(fy_start - 2) + " to " + financial_year_label(fy_start) +
                                  " for its 3-year tables, but the window's financial years are " + have +
                                  " (set [window] years, or give earlier returns)");
            return false;
        }
    return true;
}

std::vector<std::pair<std::string, std::string>> report_section_headings(const ReportInput&) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t n = 0;
    for (const SectionSpec& s : section_specs()) out.emplace_back(s.id, section_heading(++n, s));
    return out;
}

OutputTree render_report(const ReportInput& input, Diagnostics& diagnostics) {
    const MeasureSet& set = *input.measures;
    const Config& config = *input.config;
    OutputTree out;
    const std::vector<std::size_t> years = report_years(set, input.fy_start, 5);
    if (years.empty()) return out;
    const std::size_t now = years.back();
    const std::optional<std::size_t> before =
        years.size() >= 2 ? std::optional<std::size_t>(years[years.size() - 2]) : std::nullopt;
    const bool board = input.profile == "board";
    const std::string year = set.period_label(now);
    std::vector<DataFile> data_files;  // the charts' CSVs, for the data guidance
    WorkbookInput workbook;            // data/report-tables.xlsx: every table of the report

    data view;
    view.set("authority_name", config.authority_name);
    view.set("site_title", config.site_title);
    view.set("year", year);
    view.set("title", "Independent Reviewing Officer service annual report " + year);
    view.set("data_as_at", input.data_as_at);
    const std::string source =
        config.source_name.empty() ? "SSDA903 export, " + config.authority_name : config.source_name;
    view.set("source", source);
    view.set("edition", board ? "Board edition: not for publication (small numbers are not protected)"
                              : "Public edition (small numbers protected as the DfE does)");
    view.set("board", board);
    view.set("period", set.period_label(years.front()) + " to " + year);
    if (input.build_date) view.set("build_date", *input.build_date);
    view.set("page_title", std::string(board ? "Not for publication: " : "") + "IRO annual report " + year);
    // The running line of every printed page, as the site's (careboard.scss writes it).
    view.set("print_running_css", css_string_literal(std::string(board ? "Not for publication. " : "") +
                                                     config.authority_name + ": IRO annual report " + year +
                                                     ". Data as at " + input.data_as_at + ". Source: " + source + "."));

    // The cover's headline figures: the year's key figures, each with the year before.
    data cover = list();
    for (const char* key : {"looked_after", "started", "reviews_in_timescale_percent", "escalations_raised"}) {
        const Measure* m = set.find(key);
        const int c = m ? m->category_index("Total") : -1;
        if (c < 0) continue;
        data item;
        item.set("label", sentence_label(key));
        item.set("when", when_words(set, key, now));
        item.set("value", display_cell(*m, static_cast<std::size_t>(c), now));
        if (before) {
            const std::string change = describe_change(shown_value(*m, static_cast<std::size_t>(c), now),
                                                       shown_value(*m, static_cast<std::size_t>(c), *before),
                                                       measure_def(key).is_percent(), display_decimals(measure_def(key)));
            if (!change.empty()) item.set("change", change + " on " + set.period_label(*before));
        }
        cover.push_back(item);
    }
    view.set("has_cover_figures", !cover.is_empty_list());
    view.set("cover_figures", cover);

    data contents = list();
    data sections = list();
    std::size_t number = 0;
    std::vector<std::unique_ptr<std::string>> declared_texts;  // with_declared's sentences
    for (const SectionSpec& builtin : section_specs()) {
        const SectionSpec spec = with_declared(builtin, declared_texts);
        ++number;
        data section;
        section.set("id", spec.id);
        section.set("heading", section_heading(number, spec));
        section.set("intro", spec.intro);
        data entry;
        entry.set("id", spec.id);
        entry.set("heading", section_heading(number, spec));
        if (auto p = input.pages.find(spec.id); p != input.pages.end()) entry.set("page", std::to_string(p->second));
        contents.push_back(entry);

        data sentences = list();
        for (const SentenceSpec& s : spec.sentences)
            if (auto text = figure_sentence(set, s, now, before, config.targets)) sentences.push_back(data{*text});
        for (const ShareSpec& s : spec.shares)
            if (auto text = share_sentence(set, s, now)) sentences.push_back(data{*text});
        // The summary speaks of every section: the first sentence of each.
        if (std::string_view(spec.id) == "summary")
            for (const SectionSpec& other : section_specs())
                if (!other.sentences.empty())
                    if (auto text = figure_sentence(set, other.sentences.front(), now, before, config.targets))
                        sentences.push_back(data{*text});
        data tables = list();
        const std::string where = "In the report's " + std::string(spec.title) + " section.";
        auto add_table = [&](const YearTable& t) {
            tables.push_back(table_view(t));
            workbook.tables.push_back(workbook_table(t, where));
        };
        if (auto t = figures_table(set, years, {spec.figures.begin(), spec.figures.end()}, std::string(spec.id) + "-figures",
                                   std::string(spec.title) + ": the figures by financial year"))
            add_table(*t);
        for (const BreakdownSpec& b : spec.breakdowns)
            if (auto t = breakdown_table(set, years, b.key, std::string(spec.id) + "-" + b.key, b.caption)) add_table(*t);
        if (!spec.by_month.empty())
            if (auto t = periods_table(set, months_of_year(set, input.fy_start), {spec.by_month.begin(), spec.by_month.end()},
                                       std::string(spec.id) + "-months", std::string(spec.title) + " month by month, " + year,
                                       "Month"))
                add_table(*t);
        data compared = list();
        if (set.benchmarks)
            for (const char* key : spec.compared)
                if (auto text = compare_sentence(*set.benchmarks, key, set.period_end(now).year()))
                    compared.push_back(data{*text});
        if (std::string_view(spec.id) == "how-we-compare" && set.benchmarks)
            for (const SectionSpec& other : section_specs())
                for (const char* key : other.compared)
                    if (auto text = compare_sentence(*set.benchmarks, key, set.period_end(now).year()))
                        compared.push_back(data{*text});
        const bool has_figures = !sentences.is_empty_list() || !tables.is_empty_list() || !compared.is_empty_list();
        section.set("has_sentences", !sentences.is_empty_list());
        section.set("sentences", sentences);
        section.set("tables", tables);
        section.set("compared", compared);
        section.set("has_compared", !compared.is_empty_list());
        if (!has_figures) {
            std::string words = spec.empty_words;
            for (const std::string& why : set.unavailable) words += " " + why;
            section.set("empty_words", words);
        }
        if (spec.chart.title && has_figures && !tables.is_empty_list()) {
            const Chart chart = section_chart(set, spec, years, input);
            if (!chart.series.empty()) {
                // The chart with its own figures: a table (years as rows, as the axis) and a CSV.
                data c = chart_view(chart, source);
                out["data/" + chart.id + ".csv"] = chart_csv(chart, {"Local authority", set.area_code, input.config->authority_name});
                data_files.push_back({"data/" + chart.id + ".csv", chart.name + " (the report's " + std::string(spec.title) + " section)"});
                workbook.tables.push_back(workbook_table(chart, where + " The chart's figures."));
                section.set("chart", c);
            }
        }
        // The manager's own words, rendered safely from Markdown (render_commentary).
        if (auto c = input.commentary.find(spec.id); c != input.commentary.end() && !c->second.empty())
            section.set("commentary_html", c->second);
        sections.push_back(section);
    }
    view.set("contents", contents);
    view.set("sections", sections);

    // The spreadsheet: a cover with what the guidance says of the edition and symbols.
    if (input.spreadsheet && !workbook.tables.empty()) {
        workbook.title = "IRO service annual report " + year + ": " + config.authority_name + (board ? " (NOT FOR PUBLICATION)" : "");
        workbook.cover = workbook_cover(board, config.authority_name, input.data_as_at, source,
                                        "Each table of the report is on a sheet of its own (see Contents), as the "
                                        "report shows it; percentages are out of 100.");
        workbook.created = set.period_end(now);
        // Sheets named in the report's order, as the Analysis Function's guidance names them
        // ("Table_1"); the Contents sheet gives each one's title.
        for (std::size_t i = 0; i < workbook.tables.size(); ++i) workbook.tables[i].sheet = "Table_" + std::to_string(i + 1);
        workbook.path = "data/report-tables.xlsx";
        out[workbook.path] = write_workbook(workbook, diagnostics);
        data_files.push_back({"data/report-tables.xlsx", "every table of the report as a spreadsheet, a sheet each"});
    }
    if (!data_files.empty())
        out["data/data-guidance.txt"] = data_guidance({config.authority_name, "IRO service annual report " + year, source,
                                                       input.data_as_at, board, data_files});
    out[kReportFile] = Renderer(diagnostics).render("report", view);
    if (out[kReportFile].find("{{") != std::string::npos)
        diagnostics.error("E403", kReportFile, 0, 0, "an unrendered template tag is left in the report");
    for (const auto& [path, content] : embedded_files())
        if (path.starts_with("assets/site/")) out["assets/" + std::string(path.substr(12))] = std::string(content);
    return out;
}

}  // namespace careboard
