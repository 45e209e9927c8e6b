#include "measures/measure_set.hpp"

#include <algorithm>
#include <array>

namespace careboard {
namespace {

struct KeyInfo {
    std::string_view key;
    PeriodKind kind;
    int decimals;
};

constexpr std::array kKeys{
    KeyInfo{"looked_after", PeriodKind::at_date, 0},
    KeyInfo{"looked_after_rate_per_10000", PeriodKind::at_date, 1},
    KeyInfo{"looked_after_by_legal_status", PeriodKind::at_date, 0},
    KeyInfo{"looked_after_by_legal_status_group", PeriodKind::at_date, 0},
    KeyInfo{"looked_after_by_placement", PeriodKind::at_date, 0},
    KeyInfo{"looked_after_by_placement_group", PeriodKind::at_date, 0},
    KeyInfo{"looked_after_by_provider", PeriodKind::at_date, 0},
    KeyInfo{"looked_after_fostering_by_provider", PeriodKind::at_date, 0},
    KeyInfo{"looked_after_by_age", PeriodKind::at_date, 0},
    KeyInfo{"looked_after_by_sex", PeriodKind::at_date, 0},
    KeyInfo{"looked_after_by_ethnicity", PeriodKind::at_date, 0},
    KeyInfo{"placements_3_or_more", PeriodKind::at_date, 0},
    KeyInfo{"placements_3_or_more_percent", PeriodKind::at_date, 1},
    KeyInfo{"started", PeriodKind::over_quarter, 0},
    KeyInfo{"started_by_need", PeriodKind::over_quarter, 0},
    KeyInfo{"started_by_legal_status", PeriodKind::over_quarter, 0},
    KeyInfo{"ceased", PeriodKind::over_quarter, 0},
    KeyInfo{"ceased_by_reason", PeriodKind::over_quarter, 0},
    KeyInfo{"reviews_held", PeriodKind::over_quarter, 0},
    KeyInfo{"reviews_in_timescale", PeriodKind::over_quarter, 0},
    KeyInfo{"reviews_in_timescale_percent", PeriodKind::over_quarter, 1},
    KeyInfo{"reviews_timescale_not_assessed", PeriodKind::over_quarter, 0},
    KeyInfo{"reviews_by_participation", PeriodKind::over_quarter, 0},
    KeyInfo{"reviews_participation_percent", PeriodKind::over_quarter, 1},
    KeyInfo{"escalations_raised", PeriodKind::over_quarter, 0},
    KeyInfo{"escalations_by_route", PeriodKind::over_quarter, 0},
    KeyInfo{"escalations_by_route_type", PeriodKind::over_quarter, 0},
    KeyInfo{"escalations_by_theme", PeriodKind::over_quarter, 0},
    KeyInfo{"escalations_by_stage", PeriodKind::over_quarter, 0},
    KeyInfo{"escalations_by_team", PeriodKind::over_quarter, 0},
    KeyInfo{"escalations_resolved", PeriodKind::over_quarter, 0},
    KeyInfo{"escalations_resolved_within_20_days", PeriodKind::over_quarter, 0},
    KeyInfo{"escalations_resolved_within_20_days_percent", PeriodKind::over_quarter, 1},
    KeyInfo{"escalation_days_to_resolve_median", PeriodKind::over_quarter, 1},
    KeyInfo{"escalations_resolved_by_level", PeriodKind::over_quarter, 0},
    KeyInfo{"escalations_open", PeriodKind::at_date, 0},
    KeyInfo{"escalations_open_over_20_days", PeriodKind::at_date, 0},
    KeyInfo{"escalations_per_100_looked_after", PeriodKind::over_quarter, 1},
    KeyInfo{"iro_fte", PeriodKind::at_date, 1},
    KeyInfo{"iro_caseload", PeriodKind::at_date, 1},
    // Published by the DfE for whole years and read for comparison (docs/benchmarks.md): flows
    // over a year are `over_quarter` in kind (a count over a period), counts at 31 March `at_date`.
    KeyInfo{"started_rate_per_10000", PeriodKind::over_quarter, 1},
    KeyInfo{"ceased_rate_per_10000", PeriodKind::over_quarter, 1},
    KeyInfo{"started_by_need_percent", PeriodKind::over_quarter, 1},
    KeyInfo{"started_by_legal_status_percent", PeriodKind::over_quarter, 1},
    KeyInfo{"ceased_by_reason_percent", PeriodKind::over_quarter, 1},
    KeyInfo{"new_placements", PeriodKind::over_quarter, 0},
    KeyInfo{"new_placements_by_distance", PeriodKind::over_quarter, 0},
    KeyInfo{"new_placements_by_distance_percent", PeriodKind::over_quarter, 1},
};

}  // namespace

int measure_rank(std::string_view key) {
    for (std::size_t i = 0; i < kKeys.size(); ++i)
        if (kKeys[i].key == key) return static_cast<int>(i);
    return static_cast<int>(kKeys.size());
}

PeriodKind measure_period_kind(std::string_view key) {
    for (const KeyInfo& k : kKeys)
        if (k.key == key) return k.kind;
    return PeriodKind::at_date;
}

int measure_decimals(std::string_view key) {
    for (const KeyInfo& k : kKeys)
        if (k.key == key) return k.decimals;
    return 1;
}

Measure total_measure(const std::string& key, std::vector<std::optional<double>> values) {
    Measure m;
    m.key = key;
    m.kind = measure_period_kind(key);
    m.decimals = measure_decimals(key);
    m.categories = {"Total"};
    m.values.push_back(std::move(values));
    return m;
}

int Measure::category_index(std::string_view category) const {
    for (std::size_t i = 0; i < categories.size(); ++i)
        if (categories[i] == category) return static_cast<int>(i);
    return -1;
}

std::optional<double> Measure::value(std::string_view category, std::size_t quarter) const {
    const int c = category_index(category);
    if (c < 0 || quarter >= values[static_cast<std::size_t>(c)].size()) return std::nullopt;
    return values[static_cast<std::size_t>(c)][quarter];
}

char Measure::symbol(std::size_t category, std::size_t quarter) const {
    if (category >= symbols.size() || quarter >= symbols[category].size()) return 0;
    return symbols[category][quarter];
}

void Measure::set_symbol(std::size_t category, std::size_t quarter, char symbol) {
    if (symbols.size() < values.size()) symbols.resize(values.size());
    for (std::size_t c = 0; c < values.size(); ++c)
        if (symbols[c].size() < values[c].size()) symbols[c].resize(values[c].size(), 0);
    symbols[category][quarter] = symbol;
    values[category][quarter].reset();
}

const Measure* MeasureSet::find(std::string_view key) const {
    for (const Measure& m : measures)
        if (m.key == key) return &m;
    return nullptr;
}

Measure* MeasureSet::find(std::string_view key) {
    for (Measure& m : measures)
        if (m.key == key) return &m;
    return nullptr;
}

std::optional<double> MeasureSet::value(std::string_view key, std::size_t quarter, std::string_view category) const {
    const Measure* m = find(key);
    return m ? m->value(category, quarter) : std::nullopt;
}

Measure& MeasureSet::put(Measure measure) {
    if (Measure* existing = find(measure.key)) {
        *existing = std::move(measure);
        return *existing;
    }
    const int rank = measure_rank(measure.key);
    auto at = std::find_if(measures.begin(), measures.end(), [&](const Measure& m) {
        return measure_rank(m.key) > rank || (measure_rank(m.key) == rank && m.key > measure.key);
    });
    return *measures.insert(at, std::move(measure));
}

}  // namespace careboard
