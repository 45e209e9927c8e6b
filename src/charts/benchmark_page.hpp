#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "charts/catalogue.hpp"

namespace careboard {

// The "How we compare" page (docs/benchmarks.md): for each figure the DfE publishes for every
// authority, the authority beside its region, England and the average of its statistical
// neighbours over the years published (a line chart), and where it ranks among all local
// authorities (a dot chart, with its rank and quartile in words). Breakdowns (starts by category
// of need and legal status, ceasings by reason, new placements by distance) are compared for the
// latest year published. Empty when the measure set has no benchmarks.
std::optional<TrendPage> build_benchmark_page(const MeasureSet& set, const ChartContext& context);

// The comparison charts of a topic page ("health", "care-leavers", "missing"; "how-we-compare"
// for the care population's): each figure over the years beside the region, the neighbours and
// England, and a dot chart of the page's percentages among every authority in the latest year.
std::vector<Chart> build_benchmark_charts(const MeasureSet& set, const ChartContext& context, std::string_view page);

// "1st", "22nd", "113th".
std::string ordinal_number(int n);

}  // namespace careboard
