#pragma once
// The IRO service's own records for a synthetic authority: the allocation of each child looked
// after to an IRO (iro_allocations.csv) and the service's activity counts (iro_activity.csv),
// drawn for the same simulated children as the 903 returns.
#include <cstdint>
#include <string>

#include "synth/escalations.hpp"
#include "synth/support.hpp"

namespace careboard::synth::detail {

// Every period of care that reaches the first return's year, allocated to one of 8 to 10 IROs
// (IRO01, IRO02 ...; more for a larger authority) from its first episode in the returns to its
// end, with an occasional change of IRO part-way through. The IROs' shares differ (part-time
// posts, more complex cases), so that caseloads spread around 50 to 80.
std::string write_iro_allocations(const CareRecord& care, std::uint64_t seed, int first_day, int last_day,
                                  const DateText& dates);

// Quarterly counts of the measures sample-data/careboard.toml declares ([activity]), for each
// financial year of the returns, in proportion to the children looked after at each quarter end.
std::string write_iro_activity(const CareRecord& care, std::uint64_t seed, int first_year, int last_year);

}  // namespace careboard::synth::detail
