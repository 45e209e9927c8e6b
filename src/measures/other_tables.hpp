#pragma once
#include "ingest/dataset.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

// Counts the measures of the other 903 tables (docs/definitions.md, "The other 903 tables") into
// `set`, whose periods are already laid out: missing and away incidents, UASC, adoption, previous
// permanence, the OC2 and OC3 cohorts and social worker changes. A table no return gave has no
// measures (not zeros); the year-bound ones have figures for the years whose return gave them.
void count_other_tables(const Dataset& data, MeasureSet& set);

}  // namespace careboard
