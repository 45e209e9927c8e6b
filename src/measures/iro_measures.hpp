#pragma once
#include "config/config.hpp"
#include "core/diagnostics.hpp"
#include "ingest/dataset.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

// Puts the config's [activity] measures into the measure catalogue (set_declared_measures), so
// that every stage knows them as it knows careboard's own. A key that is one of careboard's own
// measures is an error at its [activity.<key>] table (E002), and that measure is not declared.
// Every build calls it once, before counting; it replaces whatever an earlier call declared.
void declare_activity_measures(const Config& config, Diagnostics& diagnostics);

// Adds the IRO service's own records (docs/definitions.md, "The IRO service's own records") for
// the window to `set`: the declared activity figures as iro_activity.csv gives them, the
// staffing beyond FTE, and caseloads per IRO from iro_allocations.csv. Counts only: percentages
// and the average caseload come from derive_ratios. Nothing is added for an input the data lack.
void compute_iro_record_measures(const Dataset& data, MeasureSet& set);

}  // namespace careboard
