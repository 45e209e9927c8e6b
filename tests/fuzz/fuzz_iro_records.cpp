// Fuzz target iro_records: the IRO service's own records (add_activity and add_allocations in
// src/ingest/iro_records.hpp, and their measures in src/measures/iro_measures.hpp). The input's
// parts (fuzz_input.hpp) are a config declaring the activity measures ("==> careboard.toml <=="),
// "==> iro_activity.csv <==", "==> iro_allocations.csv <==" and, optionally, 903 tables whose
// children the allocations name; with no marker the whole input is an activity file read against
// a fixed declaration.
//
// Properties: every activity figure is of a declared measure (not a percentage) and one of its
// categories (or Total), a whole number from 0 to 10,000,000, over a period that starts on or
// before it ends; every allocation names an IRO, ends after it starts and names a child of the
// dataset or none; counted over a fixed window, the lowest caseload is at most the highest and
// the IROs in the bands add up to those with a caseload.
#include <cmath>

#include "fuzz_input.hpp"
#include "fuzz_target.hpp"
#include "config/config.hpp"
#include "ingest/iro_records.hpp"
#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "measures/iro_measures.hpp"
#include "measures/measure_catalogue.hpp"

CAREBOARD_FUZZ_TARGET(iro_records) {
    using careboard::fuzz::fuzz_check;
    using careboard::fuzz::Role;
    careboard::Diagnostics diagnostics;
    const std::vector<careboard::fuzz::Part> parts = careboard::fuzz::split_parts(input);
    std::string config_text =
        "[activity.sent]\n[activity.returned]\n[activity.by_who]\ncategories = [\"child\", \"carer\"]\n"
        "sums_to = \"returned\"\n[activity.share]\nunit = \"percent\"\nnumerator = \"returned\"\n"
        "denominator = \"sent\"\n[activity.chaired]\nunit = \"children\"\n[activity.open]\nperiod = \"date\"\n";
    std::string_view activity, allocations;
    bool has_903 = false, named = false;
    for (const careboard::fuzz::Part& part : parts) {
        named = named || !part.name.empty();
        const Role role = careboard::fuzz::role_of(part);
        if (role == Role::config) config_text = std::string(part.text);
        if (part.name.ends_with("iro_activity.csv")) activity = part.text;
        if (part.name.ends_with("iro_allocations.csv")) allocations = part.text;
        has_903 = has_903 || role == Role::header || role == Role::episodes;
    }
    if (!named && !parts.empty()) activity = parts.front().text;
    const careboard::Config config = careboard::parse_config(config_text, "careboard.toml", "", diagnostics);
    careboard::declare_activity_measures(config, diagnostics);
    careboard::Dataset data;
    if (has_903) data = careboard::build_dataset(careboard::fuzz::returns_from_parts(parts, diagnostics), diagnostics);
    careboard::add_activity(data, {"iro_activity.csv", std::string(activity), 0}, config.activity, diagnostics);
    if (!allocations.empty()) careboard::add_allocations(data, {"iro_allocations.csv", std::string(allocations), 0}, diagnostics);

    for (const careboard::ActivityFigure& f : data.activity) {
        const careboard::ActivityMeasureConfig* def = nullptr;
        for (const careboard::ActivityMeasureConfig& m : config.activity)
            if (m.key == f.measure) def = &m;
        fuzz_check(def != nullptr && def->unit != "percent", "an activity figure is of a declared count");
        bool known = f.category == "Total" && def->categories.empty();
        for (const auto& [code, label] : def->categories) known = known || code == f.category;
        known = known || (f.category == "Total" && def->categories.empty());
        fuzz_check(known, "an activity figure is of one of its measure's categories");
        fuzz_check(f.value >= 0 && f.value <= 1e7 && f.value == std::floor(f.value), "an activity figure is a whole count");
        fuzz_check(f.start <= f.end, "a period starts on or before it ends");
    }
    for (const careboard::IroAllocation& a : data.allocations) {
        fuzz_check(!a.iro.empty(), "an allocation names an IRO");
        fuzz_check(!a.to || *a.to >= a.from, "an allocation does not end before it starts");
        fuzz_check(a.child >= -1 && a.child < static_cast<int>(data.children.size()), "an allocation's child is in the dataset");
    }
    const std::vector<careboard::Quarter> window{{2023, 1}, {2023, 2}, {2023, 3}, {2023, 4}};
    careboard::MeasureSet set = careboard::compute_measures(data, window, "E00000000");
    careboard::compute_iro_record_measures(data, set);
    careboard::derive_ratios(set, careboard::Population{});
    for (std::size_t p = 0; p < set.period_count(); ++p) {
        const auto low = set.value("iro_caseload_lowest", p), high = set.value("iro_caseload_highest", p);
        if (low && high) fuzz_check(*low <= *high, "the lowest caseload is at most the highest");
        if (const careboard::Measure* bands = set.find("iro_caseload_band")) {
            double sum = 0;
            for (std::size_t c = 0; c < bands->categories.size(); ++c) sum += bands->values[c][p].value_or(0);
            fuzz_check(sum == set.value("iro_with_caseload", p).value_or(0), "the bands add up to the IROs with a caseload");
        }
    }
    careboard::clear_declared_measures();
}
