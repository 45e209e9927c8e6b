#include "benchmarks/ees.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include "core/format.hpp"
#include "core/parallel.hpp"
#include "ingest/codes.hpp"
#include "ingest/csv_table.hpp"
#include "measures/measure_catalogue.hpp"

namespace careboard {
namespace {

// Every column careboard may read from an EES file; which ones a file has depends on its kind
// and scheme. Other columns (time_identifier, la_name's companions ...) are ignored.
enum Col : std::size_t {
    c_time_period, c_country_name, c_geographic_level, c_country_code, c_region_code, c_region_name,
    c_old_la_code, c_la_name, c_new_la_code, c_population_type, c_cla_group, c_characteristic, c_breakdown,
    c_placement_stability, c_number, c_percentage, c_children_count, c_children_percent, c_population_estimate,
    c_rate, c_care_leaver_age, c_care_leaver_count, c_care_leaver_percent, c_sw_stability, c_age_group, c_count
};
constexpr std::array<const char*, c_count> kColumns{
    "time_period", "country_name", "geographic_level", "country_code", "region_code", "region_name",
    "old_la_code", "la_name", "new_la_code", "population_type", "cla_group", "characteristic", "breakdown",
    "placement_stability", "number", "percentage", "children_count", "children_percent", "population_estimate",
    "rate_per_10000", "care_leaver_age", "care_leaver_count", "care_leaver_percent", "sw_stability", "age_group"};

// Which published value of a row a figure takes.
enum class Value { count, percent, rate, population };

struct Target {
    FigureKey key;
    Value value;
};

// A DfE label and the careboard category it means.
struct Label {
    std::string_view text;  // lower case, as compared
    std::string_view category;
};

// Legal status on starting to be looked after: each DfE label is one 903 code.
constexpr std::array kStartLegalStatus{
    Label{"interim care order", "C1"}, Label{"full care order", "C2"}, Label{"freeing order granted", "D1"},
    Label{"placement order granted", "E1"}, Label{"voluntary agreement under s20", "V2"},
    Label{"police protection in la accommodation", "L1"}, Label{"emergency protection order", "L2"},
    Label{"child assessment order and in la accommodation", "L3"}, Label{"remand", "J1"},
    Label{"la accommodation under pace 1989", "J2"}, Label{"sentenced to youth rehabilitation order", "J3"}};

// Reason episode ceased: most DfE labels are one 903 code; adoption and special guardianship are
// groups of codes, kept as groups (their own category names) since no single code means the same.
constexpr std::array kReasonCeased{
    Label{"adopted", "adopted"},
    Label{"died", "E2"},
    Label{"care taken by another local authority", "E3"},
    Label{"returned home to live with parents or other person with parental responsibility which was part of the care planning process", "E4A"},
    Label{"returned home to live with parents or other person with parental responsibility which was not part of the care planning process", "E4B"},
    Label{"left care to live with parents, relatives or other person with no parental responsibility", "E13"},
    Label{"residence order or child arrangement order granted", "E41"},
    Label{"special guardianship orders", "special_guardianship"},
    Label{"moved into independent living (with supportive accommodation)", "E5"},
    Label{"moved into independent living (with no formalised support)", "E6"},
    Label{"transferred to residential care funded by adult social services", "E7"},
    Label{"sentenced to custody", "E9"},
    Label{"accommodation on remand ended", "E14"},
    Label{"age assessment determined child aged 18 or over", "E15"},
    Label{"child moved abroad", "E16"},
    Label{"aged 18 (or over) and remained with current carers", "E17"},
    Label{"care ceased for any other reason", "E8"}};

constexpr std::array kDistance{
    Label{"placed inside la boundary less than 20 miles from home", "inside_under_20_miles"},
    Label{"placed inside la boundary more than 20 miles from home", "inside_over_20_miles"},
    Label{"placed outside la boundary less than 20 miles from home", "outside_under_20_miles"},
    Label{"placed outside la boundary more than 20 miles from home", "outside_over_20_miles"},
    Label{"distance not known or not recorded", "not_known"}};

constexpr std::array kDistanceLabels{
    Label{"inside_under_20_miles", "Inside the authority, under 20 miles from home"},
    Label{"inside_over_20_miles", "Inside the authority, over 20 miles from home"},
    Label{"outside_under_20_miles", "Outside the authority, under 20 miles from home"},
    Label{"outside_over_20_miles", "Outside the authority, over 20 miles from home"},
    Label{"not_known", "Distance not known or not recorded"}};

// A published row of the files read by label (the OC2 outcomes, care leavers, missing, social
// workers): its group and category (lower case) and the figure each of its values gives. An
// empty measure is a row careboard knows and does not compare (a total another row gives, or a
// figure it does not count).
struct Figure {
    std::string_view group, category;
    std::string_view measure;               // "{age}" stands for the care leavers' age group
    std::string_view key_category = "Total";
    std::string_view percent_measure = {};  // the figure its percentage gives, if any
    std::string_view percent_category = {}; // empty: key_category
};

constexpr std::string_view kHealthAll = "health assessments: children looked after all ages";
constexpr std::string_view kDevelopment = "development assessments: children looked after ages 0 to 4 years";
constexpr std::string_view kSdq = "ages 5 to 16 years with sdq score";
constexpr std::string_view kConvictions = "convictions: children looked after ages 10 to 17 years";
constexpr std::string_view kSubstance = "substance misuse: children looked after all ages";

// The OC2 outcomes (la_conviction_health_outcome_cla.csv) and careboard's keys for them
// (docs/definitions.md, "OC2"); percentages are of the group's total, the SDQ bands' of the SDQ
// scores received and the interventions' of those identified, as the DfE computes them.
constexpr Figure kHealthFigures[] = {
    {kHealthAll, "total all ages", "oc2_cohort"},
    {kHealthAll, "had their annual health assessment", "oc2_health_assessment", "Total", "oc2_health_assessment_percent"},
    {kHealthAll, "had their immunisations up to date", "oc2_immunisations", "Total", "oc2_immunisations_percent"},
    {kHealthAll, "had their teeth checked by a dentist", "oc2_teeth_check", "Total", "oc2_teeth_check_percent"},
    {kDevelopment, "total ages 0 to 4 years", "oc2_cohort_0_to_4"},
    {kDevelopment, "development assessments up to date", "oc2_development_assessment", "Total",
     "oc2_development_assessment_percent"},
    {kSdq, "total ages 5 to 16 years", "oc2_cohort_5_to_16"},
    {kSdq, "sdq score was received", "oc2_sdq_received", "Total", "oc2_sdq_received_percent"},
    {kSdq, "sdq score is normal", "oc2_sdq_by_band", "normal", "oc2_sdq_by_band_percent"},
    {kSdq, "sdq score is borderline", "oc2_sdq_by_band", "borderline", "oc2_sdq_by_band_percent"},
    {kSdq, "sdq score is a cause for concern", "oc2_sdq_by_band", "concern", "oc2_sdq_by_band_percent"},
    {kSdq, "sdq average score", "oc2_sdq_average"},
    {kConvictions, "total ages 10 to 17 years", "oc2_cohort_10_to_17"},
    {kConvictions, "convicted or subject to youth cautions, or youth conditional cautions during the year", "oc2_convicted",
     "Total", "oc2_convicted_percent"},
    {kSubstance, "total all ages", {}},  // the health assessments' cohort again
    {kSubstance, "identified as having a substance misuse problem", "oc2_substance_misuse", "Total",
     "oc2_substance_misuse_percent"},
    {kSubstance, "received an intervention for their substance misuse problem", "oc2_intervention_received", "Total",
     "oc2_intervention_received_percent"},
    {kSubstance, "offered intervention but refused it", "oc2_intervention_refused", "Total",
     "oc2_intervention_refused_percent"},
};

// Care leavers by activity (la_care_leavers_activity.csv), for each age group ({age}: 17_to_18 or
// 19_to_21). The activity categories are careboard's activity groups.
constexpr Figure kActivityFigures[] = {
    {{}, "total", "care_leavers_{age}"},
    {{}, "higher education i.e. studies beyond a level", "care_leavers_{age}_by_activity", "higher_education", "care_leavers_{age}_by_activity_percent"},
    {{}, "education other than higher education", "care_leavers_{age}_by_activity", "other_education", "care_leavers_{age}_by_activity_percent"},
    {{}, "in an apprenticeship", "care_leavers_{age}_by_activity", "apprenticeship", "care_leavers_{age}_by_activity_percent"},
    {{}, "in training or employment (excl. apprenticeship)", "care_leavers_{age}_by_activity", "training_or_employment", "care_leavers_{age}_by_activity_percent"},
    {{}, "in training or employment", {}},  // apprenticeships and the rest together, or z
    {{}, "not in education, training or employment, owing to illness or disability", "care_leavers_{age}_by_activity",
     "neet_illness_or_disability", "care_leavers_{age}_by_activity_percent"},
    {{}, "not in education, training or employment, owing to other reasons", "care_leavers_{age}_by_activity", "neet_other",
     "care_leavers_{age}_by_activity_percent"},
    {{}, "not in education, training or employment, owing to pregnancy or parenting", "care_leavers_{age}_by_activity",
     "neet_pregnancy_or_parenting", "care_leavers_{age}_by_activity_percent"},
    {{}, "total in education, employment or training", "care_leavers_{age}_by_activity_group", "eet", "care_leavers_{age}_eet_percent", "Total"},
    {{}, "total not in education, employment or training", "care_leavers_{age}_by_activity_group", "neet", "care_leavers_{age}_neet_percent", "Total"},
    {{}, "total information not known", "care_leavers_{age}_by_activity", "not_known", "care_leavers_{age}_by_activity_percent"},
    {{}, "total information not known", "care_leavers_{age}_by_activity_group", "not_known"},
};

// Care leavers by whether their accommodation is suitable
// (la_care_leavers_accommodation_suitability.csv); the DfE's total leaves out those abroad,
// deported or whose residence is not known, as careboard's suitable percentage does.
constexpr Figure kSuitabilityFigures[] = {
    {{}, "accommodation considered suitable", "care_leavers_{age}_by_suitability", "suitable", "care_leavers_{age}_by_suitability_percent"},
    {{}, "accommodation considered suitable", {}, "Total", "care_leavers_{age}_suitable_percent", "Total"},
    {{}, "accommodation considered unsuitable", "care_leavers_{age}_by_suitability", "unsuitable", "care_leavers_{age}_by_suitability_percent"},
    {{}, "no information", "care_leavers_{age}_by_suitability", "no_information", "care_leavers_{age}_by_suitability_percent"},
    {{}, "suitability total", {}},
};

// Missing and away incidents (la_children_who_were_missing_or_away_*.csv): one value per row,
// named by its group alone.
constexpr Figure kMissingFigures[] = {
    {"children looked after during the year", {}, "looked_after_during"},
    {"children who had a missing incident during the year", {}, "missing_children"},
    {"percentage of children who had a missing incident during the year", {}, "missing_children_percent"},
    {"number of missing incidents during the year", {}, "missing_incidents"},
    {"average number of missing incidents per looked after child who went missing", {}, "missing_incidents_per_child"},
    {"children who were away from placement without authorisation during the year", {}, "away_children"},
    {"percentage of children who were away from placement without authorisation during the year", {},
     "away_children_percent"},
    {"number of away from placement without authorisation incidents during the year", {}, "away_incidents"},
    {"average number of away from placement without authorisation incidents per looked after child", {},
     "away_incidents_per_child"},
    {"children who went missing more than once during the year", {}, {}},
    {"children who were away from placement without authorisation more than once during the year", {}, {}},
    {"children missing at 31 march", {}, {}},
    {"children away from placement without authorisation at 31 march", {}, {}},
};

constexpr Figure kSocialWorkerFigures[] = {
    {"cla on 31 march", "3 or more social workers during the year", "sw_3_or_more", "Total", "sw_3_or_more_percent"},
    {"cla on 31 march", "total children", {}},
};

// The targets of a row of a labelled file; `age` replaces "{age}" in its measures.
template <std::size_t N>
std::vector<Target> labelled(const Figure (&figures)[N], std::string_view group, std::string_view category,
                             std::string_view age, bool& known) {
    auto name = [&](std::string_view measure) {
        std::string out(measure);
        if (const std::size_t at = out.find("{age}"); at != std::string::npos) out.replace(at, 5, age);
        return out;
    };
    std::vector<Target> out;
    bool group_known = false, found = false;
    for (const Figure& f : figures) {
        if (!f.group.empty() && f.group != group) continue;
        group_known = true;
        if (!f.category.empty() && f.category != category) continue;
        found = true;
        if (!f.measure.empty()) out.push_back({{name(f.measure), std::string(f.key_category)}, Value::count});
        if (!f.percent_measure.empty())
            out.push_back({{name(f.percent_measure),
                            std::string(f.percent_category.empty() ? f.key_category : f.percent_category)},
                           Value::percent});
    }
    known = found || !group_known;
    return out;
}

template <std::size_t N>
std::optional<std::string_view> lookup(const std::array<Label, N>& labels, std::string_view text) {
    for (const Label& l : labels)
        if (l.text == text) return l.category;
    return std::nullopt;
}

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
    return std::string(s.substr(a, b - a));
}

// Figures a row gives, from its group and category labels (lower case). `known` is false when
// the group is one careboard compares but the category is not one it knows.
std::vector<Target> targets_for(EesKind kind, const std::string& group, const std::string& category, bool& known) {
    known = true;
    auto pair = [](std::string measure, std::string cat) {
        return std::vector<Target>{{{measure, cat}, Value::count}, {{measure + "_percent", cat}, Value::percent}};
    };
    switch (kind) {
    case EesKind::rates: {
        std::string measure;
        if (group == "children looked after on 31 march each year") measure = "looked_after";
        else if (group == "children starting to be looked after each year") measure = "started";
        else if (group == "children ceasing to be looked after each year") measure = "ceased";
        if (measure.empty()) {
            known = false;
            return {};
        }
        return {{{measure, "Total"}, Value::count},
                {{measure + "_rate_per_10000", "Total"}, Value::rate},
                {{"population_0_17", "Total"}, Value::population}};
    }
    case EesKind::started:
        if (group == "category of need") {
            if (category == "total") return {{{"started", "Total"}, Value::count}};
            // "N1. Abuse or neglect": the code leads the label.
            if (category.size() >= 2 && category[0] == 'n' && category[1] >= '1' && category[1] <= '8' &&
                (category.size() == 2 || category[2] == '.' || category[2] == ' '))
                return pair("started_by_need", std::string("N") + category[1]);
            known = false;
            return {};
        }
        if (group == "legal status") {
            if (category == "total") return {{{"started", "Total"}, Value::count}};
            if (auto code = lookup(kStartLegalStatus, category)) return pair("started_by_legal_status", std::string(*code));
            known = false;
        }
        return {};
    case EesKind::ceased:
        if (group == "reason episode ceased") {
            if (category == "total") return {{{"ceased", "Total"}, Value::count}};
            if (auto code = lookup(kReasonCeased, category)) return pair("ceased_by_reason", std::string(*code));
            known = false;
        }
        return {};
    case EesKind::placement_stability:
        if (group == "cla on 31 march") {
            if (category == "with 3 or more placements during the year") {
                return {{{"placements_3_or_more", "Total"}, Value::count},
                        {{"placements_3_or_more_percent", "Total"}, Value::percent}};
            }
            // The total of children looked after on 31 March: the rates file gives it.
            if (category == "total children") return {};
            known = false;
        }
        return {};
    case EesKind::new_placements:
        if (group == "location of new placements during the year") {
            if (category == "total new placements") return {{{"new_placements", "Total"}, Value::count}};
            if (auto code = lookup(kDistance, category)) return pair("new_placements_by_distance", std::string(*code));
            known = false;
        }
        return {};
    case EesKind::health: return labelled(kHealthFigures, group, category, {}, known);
    case EesKind::care_leavers_activity:
    case EesKind::care_leavers_accommodation: {
        // Ages 17 to 18 and 19 to 21; other ages (22 to 25) are passed over.
        const std::string_view age = group == "17 to 18 years" ? "17_to_18" : group == "19 to 21 years" ? "19_to_21" : "";
        if (age.empty()) return {};
        return kind == EesKind::care_leavers_activity ? labelled(kActivityFigures, group, category, age, known)
                                                      : labelled(kSuitabilityFigures, group, category, age, known);
    }
    case EesKind::missing: return labelled(kMissingFigures, group, category, {}, known);
    case EesKind::social_workers: return labelled(kSocialWorkerFigures, group, category, {}, known);
    case EesKind::population:
        // The ONS estimates by age group: careboard's rates per 10,000 use ages 0 to 17.
        if (group == "children aged 0 to 17 years") return {{{"population_0_17", "Total"}, Value::count}};
        return {};
    }
    return {};
}

// The year a time_period ends in: "2023" (a reporting year ending 31 March 2023) or "202223".
std::optional<int> year_of(std::string_view text) {
    auto digits = [&](std::size_t n) {
        return text.size() == n && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    int value = 0;
    if (digits(4)) {
        std::from_chars(text.data(), text.data() + 4, value);
        return value;
    }
    if (digits(6)) {
        int first = 0, second = 0;
        std::from_chars(text.data(), text.data() + 4, first);
        std::from_chars(text.data() + 4, text.data() + 6, second);
        if ((first + 1) % 100 == second) return first + 1;
    }
    return std::nullopt;
}

// Adds what a row says about an area: the latest year's code, name and region win, and every
// new code a local authority has had is kept (a config may name any of them).
void merge_area(std::map<std::string, BenchmarkArea>& areas, const BenchmarkArea& area) {
    auto [it, inserted] = areas.emplace(area.id, area);
    if (inserted) return;
    BenchmarkArea& known = it->second;
    for (const std::string& code : area.codes)
        if (std::find(known.codes.begin(), known.codes.end(), code) == known.codes.end()) known.codes.push_back(code);
    if (area.latest_year > known.latest_year) {
        known.code = area.code;
        known.name = area.name;
        known.region_code = area.region_code;
        known.latest_year = area.latest_year;
    }
}

bool same_figure(const PublishedCell& a, const PublishedCell& b) {
    return a.symbol == b.symbol && a.value.has_value() == b.value.has_value() && (!a.value || *a.value == *b.value);
}

std::string_view kind_columns(EesKind kind) {
    switch (kind) {
    case EesKind::rates: return "population_type, children_count, rate_per_10000";
    case EesKind::placement_stability:
        return "cla_group, placement_stability, children_count, children_percent (or cla_group, characteristic, number, "
               "percentage to 2023; characteristic, breakdown, children_count, children_percent from 2024)";
    case EesKind::care_leavers_activity:
    case EesKind::care_leavers_accommodation:
        return "care_leaver_age, breakdown, care_leaver_count, care_leaver_percent";
    case EesKind::missing: return "cla_group, number (or characteristic, breakdown, children_count from 2024)";
    case EesKind::social_workers: return "cla_group, sw_stability, number, percentage";
    case EesKind::population: return "age_group, population_estimate";
    default:
        return "cla_group, characteristic, number, percentage (to 2023) or characteristic, breakdown, children_count, "
               "children_percent (from 2024)";
    }
}

}  // namespace

namespace {
constexpr std::string_view kKindNames[] = {"rates",          "started",
                                           "ceased",         "placement_stability",
                                           "new_placements", "health",
                                           "care_leavers_activity", "care_leavers_accommodation",
                                           "missing",        "social_workers",
                                           "population"};
static_assert(std::size(kKindNames) == static_cast<std::size_t>(EesKind::population) + 1);
}  // namespace

std::span<const std::string_view> ees_kind_names() { return kKindNames; }

std::optional<EesKind> ees_kind_from_name(std::string_view name) {
    for (std::size_t i = 0; i < std::size(kKindNames); ++i)
        if (kKindNames[i] == name) return static_cast<EesKind>(i);
    return std::nullopt;
}

std::string_view ees_kind_name(EesKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

const PublishedCell* EesFigures::cell(const FigureKey& key, const std::string& area, int year) const {
    auto k = cells.find(key);
    if (k == cells.end()) return nullptr;
    auto a = k->second.find(area);
    if (a == k->second.end()) return nullptr;
    auto y = a->second.find(year);
    return y == a->second.end() ? nullptr : &y->second;
}

const BenchmarkArea* EesFigures::find_area(const std::string& code) const {
    if (auto it = areas.find(code); it != areas.end()) return &it->second;
    for (const auto& [id, area] : areas)
        if (area.code == code || std::find(area.codes.begin(), area.codes.end(), code) != area.codes.end()) return &area;
    return nullptr;
}

bool parse_published(std::string_view raw, PublishedCell& cell) {
    const std::string text = trim(raw);
    cell.value.reset();
    cell.symbol = 0;
    cell.decimals = 0;
    const std::string lower = to_lower_ascii(text);
    if (lower == "c" || lower == "x" || lower == "z" || lower == "k" || lower == "u") {
        cell.symbol = lower[0];
        return true;
    }
    if (lower == "low") {  // the older way of writing k: rounds to 0 but is not 0
        cell.symbol = 'k';
        return true;
    }
    // A number, perhaps with thousands separators ("1,234" in a quoted value).
    std::string plain;
    bool digit = false, dot = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digit = true;
            plain += c;
            if (dot) ++cell.decimals;
        } else if (c == ',' && digit && !dot) {
            continue;
        } else if (c == '.' && !dot) {
            dot = true;
            plain += c;
        } else if (c == '-' && i == 0) {
            plain += c;
        } else {
            return false;
        }
    }
    if (!digit) return false;
    double value = 0;
    const auto parsed = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (parsed.ec != std::errc{} || parsed.ptr != plain.data() + plain.size() || !std::isfinite(value)) return false;
    cell.value = value;
    return true;
}

namespace {

// One file's figures, read on their own: what read_ees adds to the figures of every file.
struct ParsedEes {
    bool ok = false;  // read, with figures to add
    std::map<FigureKey, std::map<std::string, std::map<int, PublishedCell>>> cells;
    std::map<std::string, BenchmarkArea> areas;
    int latest = 0;
};

ParsedEes parse_ees(std::string_view text, const std::string& file_name, EesKind kind, int file_index,
                    Diagnostics& diagnostics) {
    ParsedEes parsed;
    auto& local = parsed.cells;
    auto& areas = parsed.areas;
    std::set<std::string> unknown_labels;
    std::size_t errors_before = diagnostics.error_count();
    int latest = 0;
    std::size_t group_col = c_cla_group, category_col = c_characteristic, count_col = c_number, percent_col = c_percentage;
    bool columns_checked = false, columns_ok = true;

    auto on_row = [&](const CsvTable& table, int line, std::span<const std::string> f) {
        if (!columns_checked) {
            columns_checked = true;
            // Which columns hold the group, the category and the values, by scheme.
            const auto& has = table.present;
            if (kind == EesKind::rates) {
                group_col = c_population_type;
                category_col = c_population_type;
                count_col = c_children_count;
                columns_ok = has[c_population_type] && has[c_children_count] && has[c_rate];
            } else if (kind == EesKind::population) {
                // The ONS estimates: one value per age group.
                group_col = category_col = c_age_group;
                count_col = c_population_estimate;
                columns_ok = has[c_age_group] && has[c_population_estimate];
            } else {
                // The group: care leavers' age, the 2024 scheme's characteristic, or cla_group.
                group_col = has[c_care_leaver_age] ? c_care_leaver_age : has[c_breakdown] ? c_characteristic : c_cla_group;
                // The category within it; a file of one value per group (missing incidents) has none.
                category_col = has[c_breakdown]              ? c_breakdown
                               : has[c_placement_stability]  ? c_placement_stability
                               : has[c_sw_stability]         ? c_sw_stability
                               : has[c_characteristic]       ? c_characteristic
                               : kind == EesKind::missing    ? group_col
                                                             : c_characteristic;
                count_col = has[c_care_leaver_count] ? c_care_leaver_count : has[c_children_count] ? c_children_count : c_number;
                percent_col = has[c_care_leaver_percent] ? c_care_leaver_percent
                              : has[c_children_percent]  ? c_children_percent
                                                         : c_percentage;
                columns_ok = has[group_col] && has[category_col] && has[count_col];
            }
            columns_ok = columns_ok && has[c_time_period] && has[c_geographic_level];
            if (!columns_ok)
                diagnostics.error("E601", file_name, 1, 0,
                                  "the columns are not those of a DfE '" + std::string(ees_kind_name(kind)) +
                                      "' file: expected time_period, geographic_level and " + std::string(kind_columns(kind)));
        }
        if (!columns_ok) return;
        auto col = [&](std::size_t c) { return table.file_column[c]; };
        std::optional<int> year = year_of(trim(f[c_time_period]));
        // An ONS estimate is for the middle of its year: mid-2024 is the population of the year
        // ending 31 March 2025, as the DfE's rates use it.
        if (year && kind == EesKind::population) ++*year;
        if (!year) {
            diagnostics.error("E602", file_name, line, col(c_time_period),
                              "time_period: expected a year such as 2023 (the year ending 31 March 2023) or 202223, found '" +
                                  f[c_time_period] + "'");
            return;
        }
        const std::string level = to_lower_ascii(trim(f[c_geographic_level]));
        BenchmarkArea area;
        if (level == "national") {
            area.code = trim(f[c_country_code]);
            if (area.code.empty()) area.code = "E92000001";
            area.name = trim(f[c_country_name]);
            if (area.name.empty()) area.name = "England";
            area.level = AreaLevel::national;
        } else if (level == "regional") {
            area.code = trim(f[c_region_code]);
            area.name = trim(f[c_region_name]);
            area.level = AreaLevel::regional;
        } else if (level == "local authority") {
            area.old_code = trim(f[c_old_la_code]);
            area.code = trim(f[c_new_la_code]);
            if (area.code.empty()) area.code = area.old_code;
            else area.codes.push_back(area.code);
            area.name = trim(f[c_la_name]);
            area.region_code = trim(f[c_region_code]);
            area.level = AreaLevel::local_authority;
        } else {
            return;  // other geographies (districts, constituencies) are not compared
        }
        if (area.code.empty()) {
            diagnostics.warning("W607", file_name, line, col(level == "regional" ? c_region_code : c_new_la_code),
                                "a " + level + " row without an area code is ignored");
            return;
        }
        if (area.name.empty()) area.name = area.code;
        area.id = area.old_code.empty() ? area.code : area.old_code;
        area.latest_year = *year;
        merge_area(areas, area);
        latest = std::max(latest, *year);

        const std::string group = to_lower_ascii(trim(f[group_col]));
        const std::string category = to_lower_ascii(trim(f[category_col]));
        bool known = true;
        const std::vector<Target> targets = targets_for(kind, group, category, known);
        if (!known) {
            const std::string label = trim(f[kind == EesKind::rates ? group_col : category_col]);
            if (unknown_labels.insert(label).second)
                diagnostics.warning("W604", file_name, line, col(kind == EesKind::rates ? group_col : category_col),
                                    std::string(kColumns[kind == EesKind::rates ? group_col : category_col]) + ": '" + label +
                                        "' is not a figure careboard compares; rows with it are ignored");
            return;
        }
        for (const Target& t : targets) {
            const std::size_t vc = t.value == Value::count        ? count_col
                                   : t.value == Value::percent    ? percent_col
                                   : t.value == Value::rate       ? c_rate
                                                                  : c_population_estimate;
            if (!table.present[vc]) continue;  // a scheme without percentages, a rates file without populations
            PublishedCell cell;
            cell.file = file_index;
            cell.line = line;
            cell.column = col(vc);
            if (!parse_published(f[vc], cell)) {
                diagnostics.warning("W601", file_name, line, col(vc),
                                    std::string(kColumns[vc]) + ": '" + f[vc] +
                                        "' is neither a number nor one of the DfE's symbols (c, x, z, k, low, u); read as x");
                cell.symbol = 'x';
                cell.value.reset();
            }
            auto& slot = local[t.key][area.id];
            auto [it, inserted] = slot.emplace(*year, cell);
            if (!inserted) {
                if (!same_figure(it->second, cell))
                    diagnostics.warning("W603", file_name, line, col(vc),
                                        std::string(kColumns[vc]) + ": line " + std::to_string(it->second.line) +
                                            " gives a different figure for " + area.name + ", " + std::to_string(*year) +
                                            ", " + t.key.measure + " " + t.key.category + "; this later one is used");
                it->second = cell;
            }
        }
    };
    const CsvTable table = read_csv_rows(file_name, text, kColumns, diagnostics, on_row);
    if (!table.readable || diagnostics.error_count() > errors_before) return parsed;
    if (!columns_checked) {
        // A header and no rows: still say whether the columns were right.
        const auto& has = table.present;
        const bool ok = has[c_time_period] && has[c_geographic_level];
        if (!ok)
            diagnostics.error("E601", file_name, 1, 0,
                              "the columns are not those of a DfE '" + std::string(ees_kind_name(kind)) +
                                  "' file: expected time_period, geographic_level and " + std::string(kind_columns(kind)));
    }
    if (local.empty()) {
        diagnostics.warning("W605", file_name, 0, 0,
                            "holds no figures careboard compares for a '" + std::string(ees_kind_name(kind)) +
                                "' file (is it the right file?)");
        return parsed;
    }
    parsed.latest = latest;
    parsed.ok = true;
    return parsed;
}

// Adds a file's figures (read as the figures' file `file_index`) to every file's before it.
void add_parsed(ParsedEes& parsed, int file_index, EesFigures& out) {
    if (!parsed.ok) return;
    const int latest = parsed.latest;
    out.files[static_cast<std::size_t>(file_index)].latest_year = latest;
    for (auto& [id, area] : parsed.areas) merge_area(out.areas, area);
    for (auto& [key, by_area] : parsed.cells)
        for (auto& [code, by_year] : by_area)
            for (auto& [year, cell] : by_year) {
                auto& slot = out.cells[key][code];
                auto it = slot.find(year);
                if (it == slot.end()) {
                    slot.emplace(year, cell);
                } else if (latest >= out.files[static_cast<std::size_t>(it->second.file)].latest_year) {
                    it->second = cell;
                }
            }
}

}  // namespace

void read_ees(std::string_view text, const std::string& file_name, EesKind kind, EesFigures& out,
              Diagnostics& diagnostics) {
    const int file_index = static_cast<int>(out.files.size());
    out.files.push_back({file_name, kind, 0});
    ParsedEes parsed = parse_ees(text, file_name, kind, file_index, diagnostics);
    add_parsed(parsed, file_index, out);
}

void read_ees_files(std::span<const EesInput> files, EesFigures& out, Diagnostics& diagnostics) {
    const int first = static_cast<int>(out.files.size());
    std::vector<ParsedEes> parsed(files.size());
    std::vector<Diagnostics> problems(files.size());
    run_in_parallel(files.size(), files.size() > 1, [&](std::size_t i) {
        parsed[i] = parse_ees(files[i].text, files[i].file_name, files[i].kind, first + static_cast<int>(i), problems[i]);
    });
    for (std::size_t i = 0; i < files.size(); ++i) {
        out.files.push_back({files[i].file_name, files[i].kind, 0});
        diagnostics.append(std::move(problems[i]));
        add_parsed(parsed[i], first + static_cast<int>(i), out);
    }
}

NeighbourModel read_neighbour_model(std::string_view text, const std::string& file_name, Diagnostics& diagnostics) {
    // Column 0 or 1 is the authority; then SN_1 ... SN_10, or SN1 ... SN10.
    static constexpr std::array<const char*, 22> kModelColumns{
        "old_la_code", "la num", "sn_1", "sn_2", "sn_3", "sn_4", "sn_5", "sn_6", "sn_7", "sn_8", "sn_9", "sn_10",
        "sn1",         "sn2",    "sn3",  "sn4",  "sn5",  "sn6",  "sn7",  "sn8",  "sn9",  "sn10"};
    NeighbourModel model;
    model.file = file_name;
    bool checked = false, ok = true;
    std::size_t code_col = 0, first_sn = 2;
    auto on_row = [&](const CsvTable& table, int line, std::span<const std::string> f) {
        if (!checked) {
            checked = true;
            code_col = table.present[0] ? 0 : 1;
            first_sn = table.present[2] ? 2 : 12;
            ok = table.present[code_col] && table.present[first_sn];
            if (!ok)
                diagnostics.error("E604", file_name, 1, 0,
                                  "the columns are not those of the DfE's statistical neighbour model: expected "
                                  "old_la_code and SN_1 to SN_10 (or LA num and SN1 to SN10)");
        }
        if (!ok) return;
        const std::string code = trim(f[code_col]);
        if (code.empty()) return;
        NeighbourModel::Row row;
        row.line = line;
        for (std::size_t c = first_sn; c < first_sn + 10; ++c) {
            const std::string n = trim(f[c]);
            if (!n.empty()) row.neighbours.push_back(n);
        }
        if (!model.by_authority.emplace(code, std::move(row)).second)
            diagnostics.warning("W608", file_name, line, table.file_column[code_col],
                                "authority '" + code + "' has a second row in the neighbour model; the first is used");
    };
    const CsvTable table = read_csv_rows(file_name, text, kModelColumns, diagnostics, on_row);
    if (table.readable && !checked && !(table.present[0] || table.present[1]))
        diagnostics.error("E604", file_name, 1, 0,
                          "the columns are not those of the DfE's statistical neighbour model: expected old_la_code and "
                          "SN_1 to SN_10 (or LA num and SN1 to SN10)");
    return model;
}

std::vector<std::string> benchmark_categories(const std::string& measure) {
    std::vector<std::string> out;
    if (measure.starts_with("started_by_need")) {
        for (const codes::Code& c : codes::need()) out.emplace_back(c.code);
    } else if (measure.starts_with("started_by_legal_status")) {
        for (const codes::Code& c : codes::legal_status())
            if (!codes::is_short_break(c.code)) out.emplace_back(c.code);
    } else if (measure.starts_with("ceased_by_reason")) {
        out = {"adopted", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "special_guardianship",
               "E4A", "E4B", "E5", "E6", "E7", "E8", "E9"};
    } else if (measure.starts_with("new_placements_by_distance")) {
        for (const Label& l : kDistance) out.emplace_back(l.category);
    } else if (const MeasureDef* def = find_measure_def(measure); def && def->codes) {
        // The other breakdowns compared are careboard's own (SDQ bands, activity, suitability).
        for (const codes::Code& c : def->codes()) out.emplace_back(c.code);
    }
    return out;
}

std::string benchmark_category_label(const std::string& measure, const std::string& category) {
    if (category == "Total") return "Total";
    if (measure.starts_with("started_by_need")) return category + " " + codes::label_of(codes::need(), category);
    if (measure.starts_with("started_by_legal_status"))
        return category + " " + codes::label_of(codes::legal_status(), category);
    if (measure.starts_with("ceased_by_reason")) {
        if (category == "adopted") return "Adopted (E11, E12)";
        if (category == "special_guardianship") return "Special guardianship order (E45 to E48)";
        return category + " " + codes::label_of(codes::reason_ceased(), category);
    }
    if (measure.starts_with("new_placements_by_distance"))
        if (auto label = lookup(kDistanceLabels, category)) return std::string(*label);
    return category_label(measure, category);
}

}  // namespace careboard
