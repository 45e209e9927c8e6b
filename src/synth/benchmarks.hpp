#pragma once
// Fictional published statistics for `careboard synth`: files in the format of the DfE's
// explore-education-statistics downloads (docs/benchmarks.md) for a fictional England of a few
// regions and local authorities, in which the generated authority's own figures are exactly
// those its generated 903 returns give, so that the demo site's "How we compare" page and its
// data-quality check work as they would with real files.
#include <vector>

#include "synth/synth.hpp"

namespace careboard::synth {

// The generated authority as the fictional files name it.
inline constexpr const char* kBenchmarkAuthorityCode = "E06999999";
inline constexpr const char* kBenchmarkAuthorityOldCode = "999";

// Files under ees/: rates (BOM; population_type, population_estimate, children_count,
// rate_per_10000), starts and ceasings (the scheme to 2023: cla_group, characteristic, number,
// percentage), placement stability (BOM; cla_group, placement_stability, children_count,
// children_percent) and new placements (the scheme from 2024: characteristic, breakdown,
// children_count, children_percent); the OC2 outcomes, care leavers' activity and accommodation,
// missing and away incidents and social worker changes (for the years the returns give
// sw_episodes), from the authority's own other 903 tables as careboard counts them; the ONS
// 0-17 population estimates; and the DfE's statistical neighbour model (sn_model_wide.csv). The
// authority's statistical neighbours are E06999901 to E06999910, drawn close to it. Published years are the four before the latest return's (the
// DfE publishes a year's figures the following autumn), so the latest year is the authority's
// own export alone. Deterministic for the same options.
std::vector<SynthFile> generate_benchmark_files(const SynthOptions& options, const std::vector<SynthFile>& returns);

}  // namespace careboard::synth
