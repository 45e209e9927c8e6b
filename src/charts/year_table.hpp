#pragma once
#include <optional>
#include <string>
#include <vector>

#include "measures/measure_set.hpp"

namespace careboard {

// A financial-year table, as the IRO annual report and the trend pages show it: the last years
// side by side with the change on the year before. Every cell is formatted for display by the
// measure catalogue's one rule; a suppressed figure shows its symbol.
struct YearTable {
    std::string id;
    std::string caption;
    std::string row_header;                      // the first column's heading
    std::vector<std::string> columns;            // after the first
    struct Row {
        std::string header;
        std::vector<std::string> cells;
    };
    std::vector<Row> rows;
    std::string note;  // what the percentages are of, how the change is worked out
};

// The year periods of `set` to show for a report on `fy_start`: that year and up to `most - 1`
// before it, oldest first. Empty when the set lacks the year.
std::vector<std::size_t> report_years(const MeasureSet& set, int fy_start, std::size_t most = 5);

// Rows of figures (the Total of each measure present), a column per year, and the change from
// the year before the last: "up 41 (4%)", "down 2 percentage points".
std::optional<YearTable> figures_table(const MeasureSet& set, const std::vector<std::size_t>& years,
                                       const std::vector<std::string>& keys, const std::string& id,
                                       const std::string& caption);

// A breakdown: a row per category with, for each year, the count and its percentage of the cell
// the breakdown sums to (for a breakdown whose categories overlap, of the Total they lie within:
// share_base), then the change in the count from the year before the last.
std::optional<YearTable> breakdown_table(const MeasureSet& set, const std::vector<std::size_t>& years,
                                         const std::string& key, const std::string& id, const std::string& caption);

// A value as shown: empty when it is missing or replaced by a symbol.
std::optional<double> shown_value(const Measure& measure, std::size_t category, std::size_t period);

// A row per period (the months of a year, say) and a column per measure's Total.
std::optional<YearTable> periods_table(const MeasureSet& set, const std::vector<std::size_t>& periods,
                                       const std::vector<std::string>& keys, const std::string& id,
                                       const std::string& caption, const std::string& row_header);

// The month periods of a financial year that the set has, oldest first.
std::vector<std::size_t> months_of_year(const MeasureSet& set, int fy_start);

// A measure's value (or symbol) in a period, for display: "1,234", "48%", "55.8", "c", or "x"
// when there is no figure.
std::string display_cell(const Measure& measure, std::size_t category, std::size_t period);

// The percentage `part` is of `whole`, for display, or the symbol that stands for it: 'c' when
// either is suppressed, "x" when either is missing or the whole is 0.
std::string share_cell(const Measure& part_measure, std::size_t category, std::size_t period,
                       const Measure* whole_measure, std::size_t whole_category);
std::optional<double> share_of(const Measure& part_measure, std::size_t category, std::size_t period,
                               const Measure* whole_measure, std::size_t whole_category);

}  // namespace careboard
