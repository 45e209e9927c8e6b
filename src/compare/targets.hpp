#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

enum class TargetStatus { met, below, above, unknown };

// Whether a value (as displayed: whole percentages, one decimal for rates) meets a target.
TargetStatus target_status(const Target& target, std::optional<double> value, int decimals);

// "above the 95% target", "meets the 95% target", "below the 50 to 70 range", "within the 50 to
// 70 range". Empty for an unknown status.
std::string target_words(const Target& target, std::optional<double> value, int decimals, bool percent);

// The target's threshold in words: "95%", "50 to 70".
std::string target_threshold_words(const Target& target, bool percent);

// A measure whose status against its target changed between two quarters.
struct TargetCrossing {
    std::string measure;
    std::size_t from_quarter = 0, to_quarter = 0;
    TargetStatus from = TargetStatus::unknown, to = TargetStatus::unknown;
    std::string sentence;  // "Reviews held in timescale fell below the 95% target (93%) in 2024-25 Q3"
};
std::vector<TargetCrossing> target_crossings(const MeasureSet& set, const std::vector<Target>& targets,
                                             std::size_t from_quarter, std::size_t to_quarter);

// A figure that an earlier build published differently for the same quarter.
struct Revision {
    std::string measure, category;
    Quarter quarter;
    std::string before, now;  // as displayed, or the symbol
};

// Figures revised between an earlier build's measures and this build's, for quarters both cover,
// compared as measures.csv writes them (full precision) and shown as displayed; in measure,
// category and quarter order. A suppressed figure is `c` on either side, never its value.
std::vector<Revision> revisions(const MeasureSet& now, const MeasureSet& before);

// Thresholds crossed in this build that the earlier build did not show crossed: crossings
// between successive quarters of this build that the earlier build lacked.
std::vector<TargetCrossing> new_target_crossings(const MeasureSet& now, const MeasureSet& before,
                                                 const std::vector<Target>& targets);

}  // namespace careboard
