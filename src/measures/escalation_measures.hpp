#pragma once
#include <vector>

#include "config/config.hpp"
#include "ingest/dataset.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

// Adds the IRO escalation and staffing measures (docs/definitions.md, "IRO escalations") for the
// window to `set`: counts only; the percentage, rate per 100 and caseload come from
// derive_ratios. Nothing is added for an input the data lacks.
void compute_escalation_measures(const Dataset& data, const EscalationConfig& config, MeasureSet& set);

// The label order of a breakdown: configured labels first, then the others alphabetically, then
// "not_recorded".
std::vector<std::string> order_labels(std::vector<std::string> found, const std::vector<std::string>& configured);

}  // namespace careboard
