// Fuzz target escalations: the IRO escalation logs and the IRO staffing file (add_escalations in
// src/ingest/escalations.hpp). The input's parts (fuzz_input.hpp) are escalation logs
// ("==> 2024/escalations.csv <=="), a staffing file ("==> iro_staffing.csv <==") and, optionally,
// 903 tables whose children the logs may name; with no marker the whole input is one escalation
// log (or a staffing file, when its header has FTE).
//
// Properties: the stitched escalations are sorted by date raised then id, one per id, each with a
// theme and resolved no earlier than raised; staffing is sorted by date with FTEs above 0.
#include <cmath>
#include <set>

#include "fuzz_input.hpp"
#include "fuzz_target.hpp"
#include "ingest/escalations.hpp"
#include "ingest/ssda903.hpp"

CAREBOARD_FUZZ_TARGET(escalations) {
    using careboard::fuzz::fuzz_check;
    careboard::Diagnostics diagnostics;
    const std::vector<careboard::fuzz::Part> parts = careboard::fuzz::split_parts(input);
    bool has_903 = false;
    for (const careboard::fuzz::Part& part : parts) {
        const careboard::fuzz::Role role = careboard::fuzz::role_of(part);
        has_903 = has_903 || role == careboard::fuzz::Role::header || role == careboard::fuzz::Role::episodes ||
                  role == careboard::fuzz::Role::reviews;
    }
    careboard::Dataset data;
    if (has_903) data = careboard::build_dataset(careboard::fuzz::returns_from_parts(parts, diagnostics), diagnostics);
    const careboard::fuzz::EscalationTexts texts = careboard::fuzz::escalations_from_parts(parts);
    careboard::add_escalations(data, texts.logs, texts.staffing, diagnostics);

    std::set<std::string> ids;
    for (std::size_t i = 0; i < data.escalations.size(); ++i) {
        const careboard::Escalation& e = data.escalations[i];
        fuzz_check(ids.insert(e.id).second, "one escalation per id");
        fuzz_check(!e.themes.empty(), "an escalation has a theme");
        fuzz_check(!e.resolved || *e.resolved >= e.raised, "an escalation is not resolved before it is raised");
        fuzz_check(e.source.file >= 0 && static_cast<std::size_t>(e.source.file) < data.files.size(),
                   "an escalation comes from a file of the dataset");
        if (i > 0) {
            const careboard::Escalation& before = data.escalations[i - 1];
            fuzz_check(before.raised < e.raised || (before.raised == e.raised && before.id < e.id),
                       "escalations are sorted by date raised, then id");
        }
    }
    for (std::size_t i = 0; i < data.staffing.size(); ++i) {
        fuzz_check(data.staffing[i].fte > 0 && std::isfinite(data.staffing[i].fte), "an FTE is a number above 0");
        if (i > 0) fuzz_check(data.staffing[i - 1].from <= data.staffing[i].from, "staffing is sorted by date");
    }
    fuzz_check(data.has_escalations == !texts.logs.empty(), "has_escalations says whether a log was given");
}
