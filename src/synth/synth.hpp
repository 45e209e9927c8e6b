#pragma once
// Synthetic SSDA903 returns for `careboard synth`: a simulated English local authority's
// children-looked-after population, written as the yearly 903 CSV files (header, episodes,
// reviews and the other tables) a case-management system exports (anonymised), so that the site can be demonstrated and
// tested without real children's data. Beside each return goes the IRO escalation log of the
// same children (escalations.csv, issue 3's export), and once at the top the IRO staffing
// (iro_staffing.csv).
#include <cstdint>
#include <string>
#include <vector>

namespace careboard::synth {

struct SynthOptions {
    int children = 500;          // about how many children are looked after at any one time (steady state)
    int years = 4;               // number of yearly returns written
    std::uint64_t seed = 1;
    int last_year = 2025;        // collection year end of the latest return (2025 = 1 Apr 2024 - 31 Mar 2025)
    std::vector<int> xml_years;  // returns written as the DfE's XML (Y/ssda903_Y.xml) instead of CSV
    // Local authorities of the fictional DfE files under ees/ (synth/benchmarks.hpp), the
    // generated authority among them: 24 by default, as many as 900 (England has 153).
    int ees_authorities = 24;
};

struct SynthFile {
    std::string path;     // relative, e.g. "2023/episodes.csv"
    std::string content;
};

// Files in this order: for each return year Y, oldest first, Y/header.csv, Y/episodes.csv,
// Y/reviews.csv, Y/missing.csv, Y/uasc.csv, Y/oc2.csv, Y/oc3.csv, Y/ad1.csv,
// Y/placed_for_adoption.csv, Y/previous_permanence.csv (or, for the years of `xml_years`,
// Y/ssda903_Y.xml holding the same rows), from 2024 on Y/sw_episodes.csv (never in the XML), and
// Y/escalations.csv; then iro_staffing.csv. A header also lists the care leavers of its OC3
// table who were not in care in its year.
// Deterministic for the same options on any platform. Throws std::invalid_argument on bad options
// (children < 1 or > 200000, years < 1 or > 20, last_year outside 2000..2100).
std::vector<SynthFile> generate(const SynthOptions& options);

}  // namespace careboard::synth
