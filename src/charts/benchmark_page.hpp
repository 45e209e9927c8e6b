#pragma once
#include <optional>
#include <string>

#include "charts/catalogue.hpp"

namespace careboard {

// The "How we compare" page (docs/benchmarks.md): for each figure the DfE publishes for every
// authority, the authority beside its region, England and the average of its statistical
// neighbours over the years published (a line chart), and where it ranks among all local
// authorities (a dot chart, with its rank and quartile in words). Breakdowns (starts by category
// of need and legal status, ceasings by reason, new placements by distance) are compared for the
// latest year published. Empty when the measure set has no benchmarks.
std::optional<TrendPage> build_benchmark_page(const MeasureSet& set, const ChartContext& context);

// "1st", "22nd", "113th".
std::string ordinal_number(int n);

}  // namespace careboard
