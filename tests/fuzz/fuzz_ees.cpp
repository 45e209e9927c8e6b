// Fuzz target ees: the DfE's explore-education-statistics files (read_ees in
// src/benchmarks/ees.hpp) and the comparison set out from them (compare_with in
// src/benchmarks/benchmarks.hpp). The input's parts (fuzz_input.hpp) are EES files named by
// their kind, "==> ees/rates.csv <==" (any of ees_kind_names()), the DfE's statistical neighbour
// model ("==> ees/neighbour_model.csv <==", read_neighbour_model), and optionally a config
// ("==> careboard.toml <==") whose [benchmarks] authority and neighbours are compared; without
// one, the first local authority read is the authority and the next ten its neighbours, unless
// a neighbour model is given. A part with no name is read as the kind its header suggests
// (population_type: rates; placement_stability; care_leaver_age: care leavers' activity;
// sw_stability: social workers; age_group: population; SN_1 or SN1: the neighbour model; else
// started).
//
// Properties: the files read side by side (read_ees_files) give the same figures as read one
// after another; a rank is between 1 and the number of authorities ranked, in quartile 1 to 4; a
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
        if (header.find("care_leaver_age") != std::string_view::npos) return EesKind::care_leavers_activity;
        if (header.find("sw_stability") != std::string_view::npos) return EesKind::social_workers;
        if (header.find("age_group") != std::string_view::npos) return EesKind::population;
        if (header.find("CLA_group,number") != std::string_view::npos) return EesKind::missing;
        if (header.find("Health assessments") != std::string_view::npos) return EesKind::health;
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
    std::optional<NeighbourModel> model;
    std::vector<EesInput> together;
    for (const careboard::fuzz::Part& part : parts) {
        const std::string_view header = part.text.substr(0, part.text.find('\n'));
        const bool is_model = part.name.find("neighbour_model") != std::string::npos ||
                              (part.name.empty() && (header.find("SN_1") != std::string_view::npos ||
                                                     header.find("SN1") != std::string_view::npos));
        if (is_model) {
            model = read_neighbour_model(part.text, part.name.empty() ? "sn.csv" : part.name, diagnostics);
            for (const auto& [code, row] : model->by_authority)
                fuzz_check(row.neighbours.size() <= 10 && !code.empty(), "a model row has an authority and at most ten neighbours");
        } else if (careboard::fuzz::role_of(part) == careboard::fuzz::Role::config) {
            config = parse_config(part.text, part.name, "fuzz", diagnostics);
            configured = true;
        } else if (const std::optional<EesKind> kind = kind_of(part)) {
            read_ees(part.text, part.name.empty() ? "ees.csv" : part.name, *kind, figures, diagnostics);
            together.push_back({part.text, part.name.empty() ? "ees.csv" : part.name, *kind});
        }
    }
    {
        Diagnostics side_by_side;
        EesFigures at_once;
        read_ees_files(together, at_once, side_by_side);
        fuzz_check(at_once.areas.size() == figures.areas.size(), "the files read side by side have the same areas");
        for (const auto& [id, area] : at_once.areas) {
            const auto it = figures.areas.find(id);
            fuzz_check(it != figures.areas.end() && it->second.name == area.name && it->second.code == area.code,
                       "an area read side by side is the same area");
        }
        fuzz_check(at_once.cells.size() == figures.cells.size(), "the files read side by side give the same figures");
        for (const auto& [key, by_area] : at_once.cells)
            for (const auto& [id, by_year] : by_area)
                for (const auto& [year, c] : by_year) {
                    const PublishedCell* one = figures.cell(key, id, year);
                    fuzz_check(one && one->value == c.value && one->symbol == c.symbol && one->file == c.file && one->line == c.line,
                               "a figure read side by side is the one read file by file");
                }
    }
    if (diagnostics.has_errors()) return;
    if (!configured && !model) {
        int found = 0;
        for (const auto& [id, area] : figures.areas) {
            if (area.level != AreaLevel::local_authority) continue;
            if (found++ == 0) config.authority_code = area.code;
            else if (found <= 11) config.benchmarks.neighbours.push_back({area.code, {}});
        }
    }
    if (!configured && model)
        for (const auto& [id, area] : figures.areas)
            if (area.level == AreaLevel::local_authority) {
                config.authority_code = area.code;
                break;
            }
    const std::shared_ptr<Benchmarks> b = compare_with(std::move(figures), config, diagnostics, model ? &*model : nullptr);
    if (!b) return;
    fuzz_check(b->neighbours.size() <= std::max<std::size_t>(config.benchmarks.neighbours.size(), 10),
               "the neighbours are the config's, or at most the model's ten");
    for (const auto& [key, by_area] : b->published().cells) {
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
