#pragma once
#include <optional>
#include <vector>

#include "core/diagnostics.hpp"
#include "ingest/dataset.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

struct WindowOptions {
    std::optional<Date> as_at;        // config [data] as_at
    std::optional<Quarter> end;       // config [window] end
    int quarters = 12;
};

// The data-as-at date (docs/definitions.md): configured, else 31 March of the latest dated
// return, else the latest date in the data. Empty when the data holds no date at all.
std::optional<Date> data_as_at(const Dataset& data, const WindowOptions& options);

// The reporting window: `quarters` quarters ending at the last quarter that ends on or before
// `as_at` (or at the configured end).
std::vector<Quarter> reporting_window(Date as_at, const WindowOptions& options);

// Counts every measure of docs/definitions.md for the window (counts only; see derive_ratios).
MeasureSet compute_measures(const Dataset& data, const std::vector<Quarter>& window,
                            const std::string& area_code);

// Adds the percentages and rates that are worked out from counts (placements_3_or_more_percent,
// reviews_in_timescale_percent, reviews_participation_percent, looked_after_rate_per_10000),
// replacing any already present. Used after counting (and disclosure control) and after reading
// a measures.csv, so both paths give the same figures. A ratio whose numerator or denominator is
// suppressed, or whose denominator is above 0 but below `min_denominator`, is 'c'.
void derive_ratios(MeasureSet& set, std::optional<double> population_0_17, double min_denominator = 0);

// How timely one review was (docs/definitions.md, "In timescale").
enum class ReviewTiming { in_timescale, late, not_assessed };

// Timing of each of a child's reviews, in the order of Dataset::reviews.
std::vector<ReviewTiming> review_timings(const Dataset& data, int child);

}  // namespace careboard
