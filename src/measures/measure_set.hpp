#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "measures/measure_catalogue.hpp"

namespace careboard {

struct Benchmarks;  // benchmarks/benchmarks.hpp

// One measure over the window: a value per category per period (the quarters, then the
// financial years: MeasureSet's period indexes). A value is empty when it does not exist (a
// percentage of zero, a period a rebuilt measures.csv lacks).
struct Measure {
    std::string key;
    // Copied from the measure's catalogue entry (measure_def) when the measure is made; for a key
    // careboard does not know, `kind` is the one its rows show and the value is a count.
    PeriodKind kind = PeriodKind::at_date;
    int decimals = 0;  // places written to measures.csv
    std::vector<std::string> categories;
    std::vector<std::vector<std::optional<double>>> values;  // [category][period]
    // Why a value is missing, as a DfE symbol ('c' confidential, 'x' not available, 'z' not
    // applicable, 'k' rounds to zero, 'u' low reliability), [category][quarter]; 0 for none.
    // Empty when no cell has a symbol.
    std::vector<std::vector<char>> symbols;

    std::optional<double> value(std::string_view category, std::size_t quarter) const;
    int category_index(std::string_view category) const;
    char symbol(std::size_t category, std::size_t quarter) const;
    // Replaces a value by a symbol (the value is dropped).
    void set_symbol(std::size_t category, std::size_t quarter, char symbol);
    // A category's values and symbols over the first `periods` periods (the quarters, for a
    // chart of the quarter view); symbols empty when none is set.
    std::vector<std::optional<double>> head_values(std::size_t category, std::size_t periods) const;
    std::vector<char> head_symbols(std::size_t category, std::size_t periods) const;
};

// Every measure of a build, aggregated: the only thing stages after measures see of the data.
struct MeasureSet {
    std::string area_code;
    std::vector<Quarter> quarters;  // the window, oldest first: periods 0 to quarters.size() - 1
    // Financial years (2023 for 2023-24), oldest first: the periods after the quarters. Those
    // whose four quarters are all in the window, or those a measures.csv holds.
    std::vector<int> years;
    // Calendar months, oldest first: the periods after the years ([window] months).
    std::vector<YearMonth> months;
    std::vector<Measure> measures;
    // Why some measures are absent, said where their figures would be ("The 903 files have no
    // reviews table."). Not written to measures.csv.
    std::vector<std::string> unavailable;
    // Published figures for other areas and whole years, to compare the authority with
    // (docs/benchmarks.md); null without [benchmarks]. measures.csv writes their rows after the
    // authority's own, and the "How we compare" page is built from them.
    std::shared_ptr<const Benchmarks> benchmarks;

    std::size_t period_count() const { return quarters.size() + years.size() + months.size(); }
    std::size_t year_period(std::size_t year) const { return quarters.size() + year; }
    std::size_t month_period(std::size_t month) const { return quarters.size() + years.size() + month; }
    bool is_year(std::size_t period) const { return period >= quarters.size() && period < month_period(0); }
    bool is_month(std::size_t period) const { return period >= month_period(0); }
    Date period_start(std::size_t period) const;
    Date period_end(std::size_t period) const;
    std::string period_label(std::size_t period) const;  // "2023-24 Q3", or "2023-24" for a year
    // The period of a financial year, or of a quarter; empty when the set lacks it.
    std::optional<std::size_t> year_period_of(int fy_start) const;
    std::optional<std::size_t> quarter_period_of(Quarter quarter) const;
    std::optional<std::size_t> month_period_of(YearMonth month) const;
    // The months of a quarter's period that the set has (all three when months are counted).
    std::vector<std::size_t> months_of_quarter(std::size_t quarter_period) const;
    // The quarters of a year's period that are in the window (all four for a computed set).
    std::vector<std::size_t> quarters_of_year(std::size_t year_period) const;

    const Measure* find(std::string_view key) const;
    Measure* find(std::string_view key);
    // Value of a measure's Total (or a category) in a quarter.
    std::optional<double> value(std::string_view key, std::size_t quarter,
                                std::string_view category = "Total") const;
    // Adds a measure or replaces one with the same key, keeping the canonical order.
    Measure& put(Measure measure);
};

// An empty measure of this key, its kind and decimals from the catalogue.
Measure new_measure(const std::string& key);
// A measure with one category, "Total", and these values (one per period).
Measure total_measure(const std::string& key, std::vector<std::optional<double>> values);

// The financial years whose four quarters are all in `quarters`, oldest first.
std::vector<int> whole_years_in(const std::vector<Quarter>& quarters);

// The window's quarters in which every figure is 0 or missing: a window set far from the data.
std::vector<Quarter> quarters_without_figures(const MeasureSet& set);
// The calendar months of `quarters`, oldest first.
std::vector<YearMonth> months_in(const std::vector<Quarter>& quarters);

}  // namespace careboard
