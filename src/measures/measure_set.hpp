#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace careboard {

enum class PeriodKind { at_date, over_quarter };

struct Benchmarks;  // benchmarks/benchmarks.hpp

// One measure over the window: a value per category per quarter. A value is empty when it does
// not exist (a percentage of zero, a quarter a rebuilt measures.csv lacks).
struct Measure {
    std::string key;
    PeriodKind kind = PeriodKind::at_date;
    int decimals = 0;  // places written to measures.csv
    std::vector<std::string> categories;
    std::vector<std::vector<std::optional<double>>> values;  // [category][quarter]
    // Why a value is missing, as a DfE symbol ('c' confidential, 'x' not available, 'z' not
    // applicable, 'k' rounds to zero, 'u' low reliability), [category][quarter]; 0 for none.
    // Empty when no cell has a symbol.
    std::vector<std::vector<char>> symbols;

    std::optional<double> value(std::string_view category, std::size_t quarter) const;
    int category_index(std::string_view category) const;
    char symbol(std::size_t category, std::size_t quarter) const;
    // Replaces a value by a symbol (the value is dropped).
    void set_symbol(std::size_t category, std::size_t quarter, char symbol);
};

// Every measure of a build, aggregated: the only thing stages after measures see of the data.
struct MeasureSet {
    std::string area_code;
    std::vector<Quarter> quarters;  // the window, oldest first
    std::vector<Measure> measures;
    // Published figures for other areas and whole years, to compare the authority with
    // (docs/benchmarks.md); null without [benchmarks]. measures.csv writes their rows after the
    // authority's own, and the "How we compare" page is built from them.
    std::shared_ptr<const Benchmarks> benchmarks;

    const Measure* find(std::string_view key) const;
    Measure* find(std::string_view key);
    // Value of a measure's Total (or a category) in a quarter.
    std::optional<double> value(std::string_view key, std::size_t quarter,
                                std::string_view category = "Total") const;
    // Adds a measure or replaces one with the same key, keeping the canonical order.
    Measure& put(Measure measure);
};

// A measure with one category, "Total", and these values; kind and decimals from its key.
Measure total_measure(const std::string& key, std::vector<std::optional<double>> values);

// The canonical order of measure keys (docs/definitions.md); unknown keys sort after.
int measure_rank(std::string_view key);
PeriodKind measure_period_kind(std::string_view key);
int measure_decimals(std::string_view key);

}  // namespace careboard
