// Fuzz target measures_csv: careboard's measures.csv read back (read_measures_csv in
// src/measures/measures_csv.hpp), as a build does when a data folder holds a measures.csv
// instead of 903 files. The whole input is one measures.csv.
//
// Properties: what careboard writes for a set it read, it reads again without an error, and
// writing that gives the same bytes (write, read and write again is a fixed point); the measure
// guide and category list can be written for any set read.
#include <cstdio>

#include "fuzz_target.hpp"
#include "measures/measures_csv.hpp"

CAREBOARD_FUZZ_TARGET(measures_csv) {
    using careboard::fuzz::fuzz_check;
    careboard::Diagnostics diagnostics;
    const std::optional<careboard::MeasureSet> set = careboard::read_measures_csv(input, "measures.csv", diagnostics);
    if (!set) return;
    fuzz_check(!diagnostics.has_errors(), "a set is returned only without errors");
    const std::string written = careboard::write_measures_csv(*set);
    careboard::Diagnostics again;
    const std::optional<careboard::MeasureSet> reread = careboard::read_measures_csv(written, "written.csv", again);
    if (!reread) {
        for (const careboard::Diagnostic& d : again.items()) std::fprintf(stderr, "%s\n", careboard::format_diagnostic(d).c_str());
        careboard::fuzz::fuzz_fail("careboard reads back the measures.csv it wrote");
    }
    fuzz_check(careboard::write_measures_csv(*reread) == written, "write, read and write again gives the same file");
    careboard::write_measure_guide_csv(*set);
    careboard::write_categories_csv(*set);
}
