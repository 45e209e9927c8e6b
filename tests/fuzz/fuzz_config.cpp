// Fuzz target config: careboard.toml (parse_config in src/config/config.hpp). The whole input is
// one config file.
//
// Properties: every setting parse_config accepts is within its documented range
// (docs/configuration.md): the window is 2 to 40 quarters, the smallest count shown 1 to 100, the
// profile public or board, a target band's low end no higher than its high end, a population
// above 0, each benchmark file named; and the dates and quarters it gives can be used: worded,
// and a reporting window worked out from them.
#include <cmath>

#include "benchmarks/ees.hpp"
#include "config/config.hpp"
#include "fuzz_target.hpp"
#include "measures/compute.hpp"

CAREBOARD_FUZZ_TARGET(config) {
    using careboard::fuzz::fuzz_check;
    careboard::Diagnostics diagnostics;
    const careboard::Config config = careboard::parse_config(input, "careboard.toml", "fuzz", diagnostics);
    fuzz_check(config.window_quarters >= 2 && config.window_quarters <= 40, "a window of 2 to 40 quarters");
    fuzz_check(config.disclosure_smallest_shown >= 1 && config.disclosure_smallest_shown <= 100,
               "the smallest count shown is 1 to 100");
    fuzz_check(config.disclosure_min_denominator >= 0, "the smallest denominator is 0 or more");
    fuzz_check(config.profile == "public" || config.profile == "board", "the profile is public or board");
    fuzz_check(!config.population_0_17 || *config.population_0_17 > 0, "a population is above 0");
    for (const careboard::Target& t : config.targets)
        fuzz_check(!t.min || !t.max || *t.min <= *t.max, "a target band's low end is no higher than its high end");
    for (const careboard::BenchmarkConfig::File& f : config.benchmarks.files)
        fuzz_check(!f.path.empty() && careboard::ees_kind_from_name(f.kind).has_value(), "a benchmark file has a kind and a path");
    for (const careboard::Diagnostic& d : diagnostics.items())
        fuzz_check(d.line >= 0 && d.column >= 0, "a message's position is not negative");

    // The window a build would count (data as at 31 March 2025 unless the config says).
    const careboard::WindowOptions window{config.data_as_at, config.window_end, config.window_quarters};
    const careboard::Date as_at = config.data_as_at.value_or(careboard::Date::from_ymd(2025, 3, 31));
    as_at.long_text();
    const std::vector<careboard::Quarter> quarters = careboard::reporting_window(as_at, window);
    fuzz_check(quarters.size() == static_cast<std::size_t>(config.window_quarters), "the window has its quarters");
    for (std::size_t i = 0; i < quarters.size(); ++i) {
        fuzz_check(quarters[i].q >= 1 && quarters[i].q <= 4, "a quarter is Q1 to Q4");
        if (i > 0) fuzz_check(quarters[i] == quarters[i - 1].next(), "the window's quarters follow each other");
        quarters[i].start().plus_months(1);
        quarters[i].label();
    }
}
