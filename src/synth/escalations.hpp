#pragma once
// The IRO side of a synthetic authority: the escalation log (issue 3's export) and IRO staffing,
// drawn for the same simulated children as the 903 returns so that every escalation names a
// child who is looked after on the day it is raised.
#include <cstdint>
#include <string>
#include <vector>

namespace careboard::synth::detail {

enum class Locality : std::uint8_t { North, South, Elsewhere };

// One 903 episode of a child looked after (never a short break), with the facts that decide
// which team an IRO's challenge is addressed to.
struct CareStretch {
    int start;           // DECOM: looked after from this day
    int end;             // DEC: no longer looked after from this day (may lie after the last return)
    int period_end;      // DEC of the last episode of the same period of care
    bool permanence;     // placement order or placed for adoption
    bool disabled;       // category of need N2
    Locality locality;   // where the child's home is
};

struct CaredForChild {
    std::uint32_t id;  // the 903 pseudonym
    int dob;           // as exported (1st of the birth month)
    std::uint32_t first_stretch;
    std::uint32_t end_stretch;
};

// Every child who appears in a return with an episode that is not a short break, with those
// episodes in date order.
struct CareRecord {
    std::vector<CaredForChild> children;  // sorted by id
    std::vector<CareStretch> stretches;
};

struct IroFiles {
    std::vector<std::string> escalations;  // escalations.csv of each return year, oldest first
    std::string staffing;                  // iro_staffing.csv
    std::string allocations;               // iro_allocations.csv
    std::string activity;                  // iro_activity.csv
};

IroFiles generate_iro_files(const CareRecord& care, std::uint64_t seed, int first_year, int last_year);

}  // namespace careboard::synth::detail
