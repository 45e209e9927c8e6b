#include "measures/escalation_measures.hpp"

#include <algorithm>
#include <map>

namespace careboard {
namespace {

// Counts per label per quarter.
class LabelTally {
public:
    explicit LabelTally(std::size_t quarters) : quarters_(quarters) {}

    void add(const std::string& label, std::size_t quarter) {
        auto [it, inserted] = counts_.try_emplace(label, std::vector<double>(quarters_, 0.0));
        it->second[quarter] += 1.0;
    }

    bool empty() const { return counts_.empty(); }

    Measure to_measure(const std::string& key, const std::vector<std::string>& order) const {
        Measure m = new_measure(key);
        for (const std::string& label : order) {
            auto it = counts_.find(label);
            if (it == counts_.end()) continue;
            m.categories.push_back(label);
            m.values.emplace_back(it->second.begin(), it->second.end());
        }
        return m;
    }

    std::vector<std::string> labels() const {
        std::vector<std::string> out;
        for (const auto& [label, v] : counts_) out.push_back(label);
        return out;
    }

private:
    std::size_t quarters_;
    std::map<std::string, std::vector<double>> counts_;
};

std::string or_not_recorded(const std::string& label) { return label.empty() ? "not_recorded" : label; }

}  // namespace

std::vector<std::string> order_labels(std::vector<std::string> found, const std::vector<std::string>& configured) {
    std::vector<std::string> out;
    for (const std::string& c : configured)
        if (std::find(found.begin(), found.end(), c) != found.end() && std::find(out.begin(), out.end(), c) == out.end())
            out.push_back(c);
    std::sort(found.begin(), found.end());
    for (const std::string& f : found)
        if (f != "not_recorded" && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    if (std::find(found.begin(), found.end(), "not_recorded") != found.end() &&
        std::find(out.begin(), out.end(), "not_recorded") == out.end())
        out.push_back("not_recorded");
    return out;
}

void compute_escalation_measures(const Dataset& data, const EscalationConfig& config, MeasureSet& set) {
    // Quarters and financial years alike, each over its own dates.
    const std::size_t nq = set.period_count();
    if (data.has_escalations) {
        std::vector<std::optional<double>> raised(nq, 0.0), resolved(nq, 0.0), within(nq, 0.0), open(nq, 0.0),
            open_long(nq, 0.0), median(nq);
        LabelTally by_route(nq), by_type(nq), by_theme(nq), by_stage(nq), by_team(nq), by_level(nq);
        std::vector<std::vector<int>> days(nq);
        for (const Escalation& e : data.escalations) {
            const int to_resolve = e.resolved ? working_days_between(e.raised, *e.resolved) : 0;
            for (std::size_t q = 0; q < nq; ++q) {
                const Date S = set.period_start(q), E = set.period_end(q);
                if (e.raised >= S && e.raised <= E) {
                    *raised[q] += 1;
                    by_route.add(e.route, q);
                    std::string type = "unmapped";
                    for (const auto& [label, t] : config.route_types)
                        if (label == e.route) type = t;
                    by_type.add(type, q);
                    for (const std::string& theme : e.themes) by_theme.add(theme, q);
                    by_stage.add(e.stage, q);
                    by_team.add(or_not_recorded(e.team), q);
                }
                if (e.resolved && *e.resolved >= S && *e.resolved <= E) {
                    *resolved[q] += 1;
                    if (to_resolve <= 20) *within[q] += 1;
                    days[q].push_back(to_resolve);
                    by_level.add(or_not_recorded(e.level), q);
                }
                if (e.raised <= E && (!e.resolved || *e.resolved > E)) {
                    *open[q] += 1;
                    if (working_days_between(e.raised, E) > 20) *open_long[q] += 1;
                }
            }
        }
        for (std::size_t q = 0; q < nq; ++q) {
            std::vector<int>& d = days[q];
            if (d.empty()) continue;
            std::sort(d.begin(), d.end());
            const std::size_t n = d.size();
            median[q] = n % 2 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2.0;
        }
        std::vector<std::string> route_labels;
        for (const auto& [label, type] : config.route_types) route_labels.push_back(label);
        set.put(total_measure("escalations_raised", raised));
        set.put(by_route.to_measure("escalations_by_route", order_labels(by_route.labels(), route_labels)));
        set.put(by_type.to_measure("escalations_by_route_type", {"informal", "formal", "alert", "good_practice", "unmapped"}));
        set.put(by_theme.to_measure("escalations_by_theme", order_labels(by_theme.labels(), config.themes)));
        set.put(by_stage.to_measure("escalations_by_stage", order_labels(by_stage.labels(), {"0", "1", "2", "3", "4", "cafcass"})));
        set.put(by_team.to_measure("escalations_by_team", order_labels(by_team.labels(), config.teams)));
        set.put(total_measure("escalations_resolved", resolved));
        set.put(total_measure("escalations_resolved_within_20_days", within));
        if (std::any_of(median.begin(), median.end(), [](const auto& v) { return v.has_value(); }))
            set.put(total_measure("escalation_days_to_resolve_median", median));
        set.put(by_level.to_measure("escalations_resolved_by_level", order_labels(by_level.labels(), config.levels)));
        set.put(total_measure("escalations_open", open));
        set.put(total_measure("escalations_open_over_20_days", open_long));
    }
    if (data.has_staffing) {
        std::vector<std::optional<double>> fte(nq);
        bool any = false;
        for (std::size_t q = 0; q < nq; ++q)
            for (const StaffingChange& s : data.staffing)
                if (s.from <= set.period_end(q)) {
                    fte[q] = s.fte;
                    any = true;
                }
        if (any) set.put(total_measure("iro_fte", fte));
    }
}

}  // namespace careboard
