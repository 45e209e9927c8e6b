#include "measures/measure_set.hpp"

#include <algorithm>
#include <array>

namespace careboard {
Measure new_measure(const std::string& key) {
    const MeasureDef& def = measure_def(key);
    Measure m;
    m.key = key;
    m.kind = def.period;
    m.decimals = def.decimals;
    return m;
}

Measure total_measure(const std::string& key, std::vector<std::optional<double>> values) {
    Measure m = new_measure(key);
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

std::vector<int> whole_years_in(const std::vector<Quarter>& quarters) {
    std::vector<int> years;
    for (std::size_t q = 0; q + 3 < quarters.size(); ++q)
        if (quarters[q].q == 1 && quarters[q + 3] == Quarter{quarters[q].fy_start, 4}) years.push_back(quarters[q].fy_start);
    return years;
}

std::vector<YearMonth> months_in(const std::vector<Quarter>& quarters) {
    std::vector<YearMonth> months;
    for (const Quarter& q : quarters)
        for (YearMonth m = YearMonth::containing(q.start()); m.start() <= q.end(); m = m.next()) months.push_back(m);
    return months;
}

Date MeasureSet::period_start(std::size_t period) const {
    if (is_month(period)) return months[period - month_period(0)].start();
    return is_year(period) ? Date::from_ymd(years[period - quarters.size()], 4, 1) : quarters[period].start();
}

Date MeasureSet::period_end(std::size_t period) const {
    if (is_month(period)) return months[period - month_period(0)].end();
    return is_year(period) ? Date::from_ymd(years[period - quarters.size()] + 1, 3, 31) : quarters[period].end();
}

std::string MeasureSet::period_label(std::size_t period) const {
    if (is_month(period)) return months[period - month_period(0)].label();
    return is_year(period) ? financial_year_label(years[period - quarters.size()]) : quarters[period].label();
}

std::optional<std::size_t> MeasureSet::month_period_of(YearMonth month) const {
    for (std::size_t m = 0; m < months.size(); ++m)
        if (months[m] == month) return month_period(m);
    return std::nullopt;
}

std::vector<std::size_t> MeasureSet::months_of_quarter(std::size_t period) const {
    std::vector<std::size_t> out;
    if (period >= quarters.size()) return out;
    for (std::size_t m = 0; m < months.size(); ++m)
        if (months[m].start() >= quarters[period].start() && months[m].end() <= quarters[period].end())
            out.push_back(month_period(m));
    return out;
}

std::optional<std::size_t> MeasureSet::year_period_of(int fy_start) const {
    for (std::size_t y = 0; y < years.size(); ++y)
        if (years[y] == fy_start) return year_period(y);
    return std::nullopt;
}

std::optional<std::size_t> MeasureSet::quarter_period_of(Quarter quarter) const {
    for (std::size_t q = 0; q < quarters.size(); ++q)
        if (quarters[q] == quarter) return q;
    return std::nullopt;
}

std::vector<std::size_t> MeasureSet::quarters_of_year(std::size_t period) const {
    std::vector<std::size_t> out;
    if (!is_year(period)) return out;
    const int fy = years[period - quarters.size()];
    for (std::size_t q = 0; q < quarters.size(); ++q)
        if (quarters[q].fy_start == fy) out.push_back(q);
    return out;
}

std::vector<std::optional<double>> Measure::head_values(std::size_t category, std::size_t periods) const {
    const auto& v = values[category];
    return {v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(periods, v.size()))};
}

std::vector<char> Measure::head_symbols(std::size_t category, std::size_t periods) const {
    if (category >= symbols.size()) return {};
    const auto& v = symbols[category];
    return {v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(periods, v.size()))};
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

std::vector<Quarter> quarters_without_figures(const MeasureSet& set) {
    std::vector<Quarter> empty;
    for (std::size_t p = 0; p < set.quarters.size(); ++p) {
        bool any = false;
        for (const Measure& m : set.measures) {
            for (std::size_t c = 0; c < m.values.size() && !any; ++c)
                any = (m.values[c][p] && *m.values[c][p] != 0) || m.symbol(c, p) != 0;
            if (any) break;
        }
        if (!any) empty.push_back(set.quarters[p]);
    }
    return empty;
}

}  // namespace careboard
