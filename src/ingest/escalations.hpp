#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "ingest/dataset.hpp"

namespace careboard {

// One escalations.csv (or iro_staffing.csv) held in memory, with its name for messages.
struct NamedText {
    std::string name;
    std::string text;
    int return_year = 0;  // for escalation files; 0 when undated
};

// Parses the escalation logs (oldest return first), stitches them by ESCALATION_ID (the latest
// return's row wins) and the IRO staffing file, into `data`. Structural problems are errors,
// data-quality problems warnings, with file, line and column (docs/errors.md). Needs the 903
// children already in `data`, to warn about escalations for unknown children.
void add_escalations(Dataset& data, const std::vector<NamedText>& logs, const std::optional<NamedText>& staffing,
                     Diagnostics& diagnostics);

}  // namespace careboard
