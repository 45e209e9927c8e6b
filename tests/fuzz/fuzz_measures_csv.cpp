// Fuzz target measures_csv: careboard's measures.csv read back (read_measures_csv in
// src/measures/measures_csv.hpp), as a build does when a data folder holds a measures.csv
// instead of 903 files. The whole input is one measures.csv.
//
// Properties: what careboard writes for a set it read, it reads again without an error, and
// writing that gives the same file (write, read and write again is a fixed point); the measure
// guide and category list can be written for any set read; every area measures_csv_areas lists
// (the authorities of a file of several) reads on its own, and the file's first area read alone
// is the set read without choosing one. CAREBOARD_FUZZ_VERBOSE=1 prints both files when they
// differ.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "fuzz_target.hpp"
#include "measures/measures_csv.hpp"

namespace {

std::vector<std::string_view> sorted_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t nl = std::min(text.find('\n', at), text.size());
        lines.push_back(text.substr(at, nl - at));
        at = nl + 1;
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

}  // namespace

CAREBOARD_FUZZ_TARGET(measures_csv) {
    using careboard::fuzz::fuzz_check;
    careboard::Diagnostics diagnostics;
    const std::optional<careboard::MeasureSet> set = careboard::read_measures_csv(input, "measures.csv", diagnostics);
    const std::vector<std::string> areas = careboard::measures_csv_areas(input, "measures.csv");
    for (const std::string& area : areas) {
        careboard::Diagnostics one;
        const std::optional<careboard::MeasureSet> alone = careboard::read_measures_csv(input, "measures.csv", one, area);
        if (alone) fuzz_check(alone->area_code == area, "an area read alone is that area's set");
        if (set && alone && area == set->area_code)
            fuzz_check(careboard::write_measures_csv(*alone) == careboard::write_measures_csv(*set),
                       "the first area read alone is the set read without choosing one");
    }
    if (!set) return;
    fuzz_check(!diagnostics.has_errors(), "a set is returned only without errors");
    const std::string written = careboard::write_measures_csv(*set);
    careboard::Diagnostics again;
    const std::optional<careboard::MeasureSet> reread = careboard::read_measures_csv(written, "written.csv", again);
    if (!reread) {
        for (const careboard::Diagnostic& d : again.items()) std::fprintf(stderr, "%s\n", careboard::format_diagnostic(d).c_str());
        careboard::fuzz::fuzz_fail("careboard reads back the measures.csv it wrote");
    }
    const std::string rewritten = careboard::write_measures_csv(*reread);
    if (rewritten != written && std::getenv("CAREBOARD_FUZZ_VERBOSE"))
        std::fprintf(stderr, "--- written\n%s--- written again\n%s", written.c_str(), rewritten.c_str());
    fuzz_check(sorted_lines(rewritten) == sorted_lines(written), "write, read and write again gives the same rows");
    fuzz_check(rewritten == written, "write, read and write again gives the same file, in the same order");
    careboard::write_measure_guide_csv(*set);
    careboard::write_categories_csv(*set);
}
