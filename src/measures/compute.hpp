#pragma once
#include <map>
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

// The reporting window: `quarters` quarters ending at the configured end, or else at the last
// quarter 4 (31 March) on or before `as_at`, so that the window is made of whole financial years.
std::vector<Quarter> reporting_window(Date as_at, const WindowOptions& options);

// Counts every measure of docs/definitions.md for the window (counts only; see derive_ratios).
// With `months`, each calendar month of the window is counted too ([window] months).
MeasureSet compute_measures(const Dataset& data, const std::vector<Quarter>& window,
                            const std::string& area_code, bool months = false);

// The 0-17 population for rates per 10,000 children: one figure for every period (the config's),
// or an estimate for each financial year (keyed by the year ending 31 March, the DfE's and the
// ONS'), a period taking its year's estimate, else the latest before it, else the earliest.
struct Population {
    std::optional<double> all;
    std::map<int, double> by_year;

    Population() = default;
    Population(std::optional<double> every) : all(every) {}  // NOLINT: one figure is a population
    std::optional<double> for_year(int year_end) const;
    bool known() const { return all.has_value() || !by_year.empty(); }
};

// Adds the percentages and rates that are worked out from counts (placements_3_or_more_percent,
// reviews_in_timescale_percent, reviews_participation_percent, looked_after_rate_per_10000),
// replacing any already present. Used after counting (and disclosure control) and after reading
// a measures.csv, so both paths give the same figures. A ratio whose numerator or denominator is
// suppressed, or whose denominator is above 0 but below `min_denominator`, is 'c'.
// A rate of a period uses the population of the financial year its end falls in.
void derive_ratios(MeasureSet& set, const Population& population_0_17, double min_denominator = 0);

// How timely one review was (docs/definitions.md, "In timescale"). A short-break review is one
// of a child on a short break (LS V3, V4), counted apart and never late.
enum class ReviewTiming { in_timescale, late, not_assessed, short_break };
// A review's place in its period of care (docs/definitions.md, "By sequence").
enum class ReviewSequence { first, second, later, not_assessed };

struct ReviewAssessment {
    ReviewTiming timing = ReviewTiming::not_assessed;
    ReviewSequence sequence = ReviewSequence::not_assessed;
};

// Each of a child's reviews, in the order of Dataset::reviews.
std::vector<ReviewAssessment> assess_reviews(const Dataset& data, int child);
// Their timings only.
std::vector<ReviewTiming> review_timings(const Dataset& data, int child);

}  // namespace careboard
