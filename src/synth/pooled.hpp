#pragma once
// Several fictional authorities' 903 returns pooled into one set of files told apart by an LA
// column, as a regional pool's are (docs/authorities.md), for `careboard synth --authorities N`.
#include <string>
#include <vector>

#include "synth/synth.hpp"

namespace careboard::synth {

// A fictional authority of a pooled set: its LA value (an area code, E06990001 on) and name.
struct PooledAuthority {
    std::string code, name;
    int children = 0;  // about how many it looks after at a time
};

// The authorities of a pooled set of `count` (1 to 400): `children` shared among them in
// deterministic, unequal parts (the largest about three times the smallest), each at least 20.
std::vector<PooledAuthority> pooled_authorities(int children, int count);

// Each authority's returns (generate(), with its own children and seed) with an LA column added
// to every 903 table, concatenated table by table: Y/header.csv, Y/episodes.csv ... for each year,
// then careboard.toml naming every authority in [authorities]. The IRO service's own records
// (escalations, staffing, allocations, activity) are one authority's, not a pool's: they are not
// written. Throws std::invalid_argument for a bad count or with xml_years (the XML has no LA).
std::vector<SynthFile> generate_pooled(const SynthOptions& options, int count);

}  // namespace careboard::synth
