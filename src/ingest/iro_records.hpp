#pragma once
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "core/diagnostics.hpp"
#include "ingest/dataset.hpp"
#include "ingest/escalations.hpp"

namespace careboard {

// A period as iro_activity.csv writes it (docs/input.md): a quarter ("2024-25 Q1"), a financial
// year ("2024-25") or a calendar month ("2024-04", "Apr 2024", "April 2024"), as its first and
// last day. Spaces around it and the case of Q and of the month's name do not matter.
std::optional<std::pair<Date, Date>> parse_activity_period(std::string_view text);

// Parses iro_activity.csv against the measures the config declares ([activity]) into
// `data.activity`, checks that the figures agree with each other (a year and its quarters, a
// quarter and its months, a breakdown and its Total) and adds those they imply. Every problem is
// reported with file, line and column (docs/errors.md).
void add_activity(Dataset& data, const NamedText& file, const std::vector<ActivityMeasureConfig>& declared,
                  Diagnostics& diagnostics);

// Parses iro_allocations.csv into `data.allocations`. Needs the 903 children and episodes already
// in `data`, to warn about allocations of children who are not looked after.
void add_allocations(Dataset& data, const NamedText& file, Diagnostics& diagnostics);

}  // namespace careboard
