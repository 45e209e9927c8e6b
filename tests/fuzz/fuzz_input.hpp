#pragma once
// How a fuzz input holds several files (docs/fuzzing.md, "Input formats").
//
// An input is split into parts at marker lines, as `head` prints several files:
//
//     ==> 2024/episodes.csv <==
//
// A line that starts with "==> " and ends with " <==" (a CR before the newline is allowed)
// starts a part named by what lies between; the part is every byte after that line up to the
// next marker line. Bytes before the first marker are a part with no name (left out when empty
// and a marker follows). An input with no marker is one unnamed part: the whole input.
//
// A part's name says which file it is, as careboard's data folder would (ssda903.cpp,
// discover_data_folder): a name ending in header.csv, episodes.csv or reviews.csv is that 903
// table, of the return whose year (1900 to 2100) is the first four-digit number in the name
// (none: undated), and a name ending in .xml that return as the DfE's XML; escalations.csv is an escalation log of that return; iro_staffing.csv the
// staffing file; .toml the config; measures.csv a measures file; ees/<kind>.csv a DfE file;
// commentary/<section>.md the report's commentary. An unnamed part is sniffed from its first
// line: an XML return when it starts with "<?xml" or "<EXPSSDA903", else the 903 table whose
// columns it names (DECOM: episodes, REVIEW: reviews, ESCALATION_ID: an escalation log, FTE:
// staffing), else a header table.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/escalations.hpp"
#include "ingest/ssda903.hpp"

namespace careboard::fuzz {

struct Part {
    std::string name;       // "" for the unnamed part
    std::string_view text;  // a view into the input
};

std::vector<Part> split_parts(std::string_view input);

// `other_903`: one of the return's other tables (missing.csv, oc2.csv, sw_episodes.csv ...), by name.
enum class Role { header, episodes, reviews, xml, other_903, escalations, staffing, config, measures, ees, commentary, other };

// What a part is, from its name or, unnamed, its first line.
Role role_of(const Part& part);

// The return year a name gives (1900 to 2100), or 0.
int year_in_name(std::string_view name);

// The name a part is given in careboard's messages: its own, or for an unnamed part the file
// name of its role ("episodes.csv").
std::string file_name_of(const Part& part);

// The 903 returns the parts hold: one per year (undated first, then ascending), each table that
// no part gives missing (nullopt) after an E006 error (reviews only when another return has
// them), as load_dataset passes them. A second
// part for the same table of the same return replaces the first.
std::vector<ReturnText> returns_from_parts(const std::vector<Part>& parts, Diagnostics& diagnostics);

// The escalation logs, one a return (the last part given for it), oldest return first, and the
// staffing file the parts hold.
struct EscalationTexts {
    std::vector<NamedText> logs;
    std::optional<NamedText> staffing;
};
EscalationTexts escalations_from_parts(const std::vector<Part>& parts);

}  // namespace careboard::fuzz
