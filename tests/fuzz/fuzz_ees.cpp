// Fuzz target ees: the DfE's explore-education-statistics files (read_ees in
// src/benchmarks/ees.hpp) and the comparison set out from them (compare_with in
// src/benchmarks/benchmarks.hpp). The input's parts (fuzz_input.hpp) are EES files named by
// their kind, "==> ees/rates.csv <==" (rates, started, ceased, placement_stability,
// new_placements), and optionally a config ("==> careboard.toml <==") whose [benchmarks]
// authority and neighbours are compared; without one, the first local authority read is the
// authority and the next ten its neighbours. A part with no name is read as the kind its header
// suggests (population_type: rates, placement_stability, else started).
//
// Properties: a rank is between 1 and the number of authorities ranked, in quartile 1 to 4; a
// neighbours' average uses at most the neighbours there are; a distribution is sorted; every
// benchmark row has a period that ends on 31 March and starts no later.
#include <algorithm>

#include "benchmarks/benchmarks.hpp"
#include "benchmarks/ees.hpp"
#include "config/config.hpp"
#include "fuzz_input.hpp"
#include "fuzz_target.hpp"

namespace {

using namespace careboard;
using careboard::fuzz::fuzz_check;

std::optional<EesKind> kind_of(const careboard::fuzz::Part& part) {
    if (part.name.empty()) {
        const std::string_view header = part.text.substr(0, part.text.find('\n'));
        if (header.find("population_type") != std::string_view::npos) return EesKind::rates;
        if (header.find("placement_stability") != std::string_view::npos) return EesKind::placement_stability;
        return EesKind::started;
    }
    std::string_view stem = part.name;
    if (stem.starts_with("ees/")) stem.remove_prefix(4);
    stem = stem.substr(0, stem.find('.'));
    return ees_kind_from_name(stem);
}

}  // namespace

CAREBOARD_FUZZ_TARGET(ees) {
    Diagnostics diagnostics;
    EesFigures figures;
    Config config;
    bool configured = false;
    const std::vector<careboard::fuzz::Part> parts = careboard::fuzz::split_parts(input);
    for (const careboard::fuzz::Part& part : parts) {
        if (careboard::fuzz::role_of(part) == careboard::fuzz::Role::config) {
            config = parse_config(part.text, part.name, "fuzz", diagnostics);
            configured = true;
        } else if (const std::optional<EesKind> kind = kind_of(part)) {
            read_ees(part.text, part.name.empty() ? "ees.csv" : part.name, *kind, figures, diagnostics);
        }
    }
    if (diagnostics.has_errors()) return;
    if (!configured) {
        int found = 0;
        for (const auto& [id, area] : figures.areas) {
            if (area.level != AreaLevel::local_authority) continue;
            if (found++ == 0) config.authority_code = area.code;
            else if (found <= 11) config.benchmarks.neighbours.push_back({area.code, {}});
        }
    }
    const std::shared_ptr<Benchmarks> b = compare_with(std::move(figures), config, diagnostics);
    if (!b) return;
    for (const auto& [key, by_area] : b->published.cells) {
        for (int year : b->years(key)) {
            if (const std::optional<Rank> r = b->rank(key, year)) {
                fuzz_check(r->of >= 1 && r->rank >= 1 && r->rank <= r->of, "a rank is between 1 and the authorities ranked");
                fuzz_check(r->quartile >= 1 && r->quartile <= 4, "a quartile is 1 to 4");
            }
            if (const std::optional<NeighbourAverage> avg = b->neighbour_average(key, year))
                fuzz_check(avg->used >= 1 && avg->used <= avg->of, "an average uses at most the neighbours there are");
            const std::vector<double> values = b->distribution(key, year);
            fuzz_check(std::is_sorted(values.begin(), values.end()), "a distribution is sorted");
        }
        benchmark_categories(key.measure);
        benchmark_category_label(key.measure, key.category);
    }
    for (const BenchmarkRow& row : benchmark_rows(*b)) {
        fuzz_check(row.period_end.month() == 3 && row.period_end.day() == 31, "a benchmark period ends on 31 March");
        fuzz_check(row.period_start <= row.period_end, "a benchmark period starts no later than it ends");
    }
    rates_population(std::nullopt, b.get()).for_year(2025);
}
