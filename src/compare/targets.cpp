#include "compare/targets.hpp"

#include <algorithm>
#include <cmath>

#include "compare/compare.hpp"
#include "core/format.hpp"

namespace careboard {
namespace {

int shown_decimals(const std::string& key, int decimals) { return is_percentage_measure(key) ? 0 : decimals; }

std::string shown(double v, bool percent, int decimals) {
    return percent ? format_percent(v, decimals) : format_number(v, decimals);
}

std::optional<double> total_value(const MeasureSet& set, const std::string& key, std::size_t q) {
    const Measure* m = set.find(key);
    if (!m) return std::nullopt;
    const int c = m->category_index("Total");
    if (c < 0 || m->symbol(static_cast<std::size_t>(c), q)) return std::nullopt;
    return m->values[static_cast<std::size_t>(c)][q];
}

}  // namespace

TargetStatus target_status(const Target& target, std::optional<double> value, int decimals) {
    if (!value) return TargetStatus::unknown;
    const double v = round_half_away(*value, decimals);
    if (target.min && v < *target.min) return TargetStatus::below;
    if (target.max && v > *target.max) return TargetStatus::above;
    return TargetStatus::met;
}

std::string target_threshold_words(const Target& target, bool percent) {
    auto n = [&](double v) { return percent ? format_percent(v) : format_number(v, v == std::trunc(v) ? 0 : 1); };
    if (target.min && target.max) return format_number(*target.min) + " to " + n(*target.max);
    if (target.min) return n(*target.min);
    if (target.max) return n(*target.max);
    return "";
}

std::string target_words(const Target& target, std::optional<double> value, int decimals, bool percent) {
    const TargetStatus status = target_status(target, value, decimals);
    if (status == TargetStatus::unknown) return "";
    const std::string threshold = target_threshold_words(target, percent);
    const bool band = target.min && target.max;
    if (band) {
        if (status == TargetStatus::met) return "within the " + threshold + " range";
        return std::string(status == TargetStatus::below ? "below" : "above") + " the " + threshold + " range";
    }
    const double v = round_half_away(*value, decimals);
    if (status == TargetStatus::met) {
        const double edge = target.min ? *target.min : *target.max;
        if (v == edge) return "meets the " + threshold + " target";
        return std::string(target.min ? "above" : "below") + " the " + threshold + " target";
    }
    return std::string(status == TargetStatus::below ? "below" : "above") + " the " + threshold + " target";
}

std::vector<TargetCrossing> target_crossings(const MeasureSet& set, const std::vector<Target>& targets,
                                             std::size_t from_quarter, std::size_t to_quarter) {
    std::vector<TargetCrossing> out;
    for (const Target& target : targets) {
        const Measure* m = set.find(target.measure);
        if (!m) continue;
        const int d = shown_decimals(m->key, m->decimals);
        const bool percent = is_percentage_measure(m->key);
        const auto a = total_value(set, target.measure, from_quarter), b = total_value(set, target.measure, to_quarter);
        const TargetStatus from = target_status(target, a, d), to = target_status(target, b, d);
        if (from == to || from == TargetStatus::unknown || to == TargetStatus::unknown) continue;
        std::string verb;
        if (to == TargetStatus::met) verb = target.min && target.max ? "came back within" : "reached";
        else if (to == TargetStatus::below) verb = "fell below";
        else verb = "rose above";
        const std::string what = target.min && target.max ? " range" : " target";
        out.push_back({target.measure, from_quarter, to_quarter, from, to,
                       sentence_label(m->key) + " " + verb + " the " + target_threshold_words(target, percent) + what + " (" +
                           shown(round_half_away(*b, d), percent, d) + ") in " + set.quarters[to_quarter].label()});
    }
    return out;
}

namespace {

// A figure as measures.csv writes it (the measure's full precision), or its symbol: revisions
// are found on these, not on the rounded display, so that 13.5% written twice is not a revision
// from "14%" to "13%".
std::string as_written(const Measure& m, std::size_t c, std::size_t q) {
    if (const char s = m.symbol(c, q)) return std::string(1, s);
    const auto& v = m.values[c][q];
    return v ? csv_figure(measure_def(m.key), *v) : "x";
}

}  // namespace

std::vector<Revision> revisions(const MeasureSet& now, const MeasureSet& before) {
    std::vector<Revision> out;
    for (const Measure& m : now.measures) {
        const Measure* old = before.find(m.key);
        if (!old) continue;
        for (std::size_t q = 0; q < now.quarters.size(); ++q) {
            const auto it = std::find(before.quarters.begin(), before.quarters.end(), now.quarters[q]);
            if (it == before.quarters.end()) continue;
            const auto oq = static_cast<std::size_t>(it - before.quarters.begin());
            for (std::size_t c = 0; c < m.categories.size(); ++c) {
                const int oc = old->category_index(m.categories[c]);
                const std::size_t occ = static_cast<std::size_t>(oc);
                if ((oc < 0 ? "x" : as_written(*old, occ, oq)) == as_written(m, c, q)) continue;
                out.push_back({m.key, m.categories[c], now.quarters[q], oc < 0 ? "x" : display_figure(*old, occ, oq),
                               display_figure(m, c, q)});
            }
        }
    }
    return out;
}

std::vector<TargetCrossing> new_target_crossings(const MeasureSet& now, const MeasureSet& before,
                                                 const std::vector<Target>& targets) {
    std::vector<TargetCrossing> out;
    for (std::size_t q = 1; q < now.quarters.size(); ++q) {
        for (TargetCrossing& crossing : target_crossings(now, targets, q - 1, q)) {
            const auto a = std::find(before.quarters.begin(), before.quarters.end(), now.quarters[q - 1]);
            const auto b = std::find(before.quarters.begin(), before.quarters.end(), now.quarters[q]);
            bool known = false;
            if (a != before.quarters.end() && b != before.quarters.end())
                for (const TargetCrossing& old :
                     target_crossings(before, targets, static_cast<std::size_t>(a - before.quarters.begin()),
                                      static_cast<std::size_t>(b - before.quarters.begin())))
                    known = known || (old.measure == crossing.measure && old.to == crossing.to);
            if (!known) out.push_back(std::move(crossing));
        }
    }
    return out;
}

}  // namespace careboard
