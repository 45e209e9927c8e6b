#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

// careboard's machine-readable output: area_code,period_start,period_end,measure,category,value
// (docs/definitions.md, docs/data-files.md). Rows in canonical order; values in plain form, or a
// symbol. The header is line 1: the symbols key is in the data guidance beside it.
std::string write_measures_csv(const MeasureSet& set);

// What each measure of the set is, one row a measure: its label, unit, period kind, decimals,
// the cell its categories add up to, the measure its codes group into, whether its categories
// overlap, and the flows of a stock (docs/definitions.md, "measures.csv"). Written from the
// measure catalogue, so that anyone (the independent disclosure checker too) can work out the
// relations between published figures from the published files alone.
std::string write_measure_guide_csv(const MeasureSet& set);

// Each category of each measure of the set with its label and, for a breakdown by codes that
// group into another, its group.
std::string write_categories_csv(const MeasureSet& set);

// Reads a measures.csv (careboard's own, or one an authority wrote in the same format) back
// into a measure set. Quarters are those the rows cover; rows for other areas than the first
// are ignored: benchmark rows (another area's figures for a whole year ending 31 March, or on
// 31 March, docs/benchmarks.md) silently, any other with a warning (W301). Problems carry file,
// line and column.
// `only_area`: read the rows of that area_code of a file of several authorities (a site of
// several's data/measures.csv, docs/authorities.md) and pass over the others without a word.
std::optional<MeasureSet> read_measures_csv(std::string_view text, const std::string& file_name,
                                            Diagnostics& diagnostics,
                                            const std::optional<std::string>& only_area = std::nullopt);

// The areas of a measures.csv whose rows are not all published benchmark figures (the
// authorities of a file of several), in the order of their first rows.
std::vector<std::string> measures_csv_areas(std::string_view text, const std::string& file_name);

}  // namespace careboard
