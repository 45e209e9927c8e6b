#include "disclosure/disclosure.hpp"

#include <algorithm>
#include <optional>

#include "ingest/codes.hpp"

namespace careboard {
namespace {

// Counts are the measures written as whole numbers; ratios are derived afterwards.
bool is_count(const Measure& m) { return m.decimals == 0; }

struct Cell {
    Measure* measure = nullptr;
    std::size_t category = 0;
    std::size_t quarter = 0;

    bool exists() const { return measure != nullptr; }
    bool suppressed() const { return measure->symbol(category, quarter) == 'c'; }
    std::optional<double> value() const { return measure->values[category][quarter]; }
};

Cell resolve(MeasureSet& set, const CellRef& ref) {
    Measure* m = set.find(ref.measure);
    if (!m) return {};
    const int c = m->category_index(ref.category);
    if (c < 0 || ref.quarter >= set.quarters.size()) return {};
    return {m, static_cast<std::size_t>(c), ref.quarter};
}

// The breakdowns of the children looked after at a quarter end, all summing to looked_after.
constexpr const char* kLookedAfterBreakdowns[] = {
    "looked_after_by_legal_status", "looked_after_by_legal_status_group", "looked_after_by_placement",
    "looked_after_by_placement_group", "looked_after_by_provider", "looked_after_by_age",
    "looked_after_by_sex", "looked_after_by_ethnicity"};

void add_sum(const MeasureSet& set, std::vector<Relation>& out, const std::string& total_measure,
             const std::string& total_category, const std::string& parts_measure,
             const std::vector<std::string>& categories, std::size_t q, const std::string& why) {
    if (categories.empty()) return;
    Relation r{{total_measure, total_category, q}, {}, why};
    for (const std::string& c : categories) r.parts.push_back({parts_measure, c, q});
    out.push_back(std::move(r));
    (void)set;
}

std::vector<std::string> categories_of(const MeasureSet& set, const std::string& key) {
    const Measure* m = set.find(key);
    return m ? m->categories : std::vector<std::string>{};
}

template <class GroupOf>
void add_groups(const MeasureSet& set, std::vector<Relation>& out, const std::string& group_measure,
                const std::string& code_measure, GroupOf group_of, std::size_t q) {
    const Measure* groups = set.find(group_measure);
    if (!groups) return;
    for (const std::string& g : groups->categories) {
        std::vector<std::string> codes_in_group;
        for (const std::string& code : categories_of(set, code_measure))
            if (group_of(code == codes::not_recorded ? std::string_view() : std::string_view(code)) == g)
                codes_in_group.push_back(code);
        add_sum(set, out, group_measure, g, code_measure, codes_in_group, q, group_measure + " " + g + " = its codes");
    }
}

}  // namespace

int SuppressionReport::primary() const {
    int n = 0;
    for (const auto& [k, c] : by_measure) n += c.primary;
    return n;
}

int SuppressionReport::secondary() const {
    int n = 0;
    for (const auto& [k, c] : by_measure) n += c.secondary;
    return n;
}

std::vector<Relation> disclosure_relations(const MeasureSet& set) {
    std::vector<Relation> out;
    for (std::size_t q = 0; q < set.quarters.size(); ++q) {
        // The finest relations first: a cell chosen to protect a code within its group then also
        // protects the breakdown, where choosing in the breakdown first could cascade upwards.
        add_sum(set, out, "looked_after_by_placement_group", "foster", "looked_after_fostering_by_provider",
                categories_of(set, "looked_after_fostering_by_provider"), q, "foster placements = by provider");
        add_groups(set, out, "looked_after_by_legal_status_group", "looked_after_by_legal_status",
                   codes::legal_status_group, q);
        add_groups(set, out, "looked_after_by_placement_group", "looked_after_by_placement", codes::placement_group, q);
        for (const char* b : kLookedAfterBreakdowns)
            add_sum(set, out, "looked_after", "Total", b, categories_of(set, b), q, std::string("looked_after = ") + b);
        add_sum(set, out, "started", "Total", "started_by_need", categories_of(set, "started_by_need"), q, "started = by need");
        add_sum(set, out, "started", "Total", "started_by_legal_status", categories_of(set, "started_by_legal_status"), q,
                "started = by legal status");
        add_sum(set, out, "ceased", "Total", "ceased_by_reason", categories_of(set, "ceased_by_reason"), q, "ceased = by reason");
        add_sum(set, out, "reviews_held", "Total", "reviews_by_participation", categories_of(set, "reviews_by_participation"),
                q, "reviews held = by participation");
        for (const char* b : {"escalations_by_route", "escalations_by_route_type", "escalations_by_stage", "escalations_by_team"})
            add_sum(set, out, "escalations_raised", "Total", b, categories_of(set, b), q, std::string("escalations raised = ") + b);
        add_sum(set, out, "escalations_resolved", "Total", "escalations_resolved_by_level",
                categories_of(set, "escalations_resolved_by_level"), q, "escalations resolved = by level");
        // Stock and flows: looked after at this quarter end = at the last one + started - ceased
        // (nearly exactly), so the four are treated as one relation.
        if (q > 0)
            out.push_back({{"looked_after", "Total", q},
                           {{"looked_after", "Total", q - 1}, {"started", "Total", q}, {"ceased", "Total", q}},
                           "looked after, started and ceased in successive quarters"});
    }
    return out;
}

bool relation_reveals_a_cell(const MeasureSet& set, const Relation& relation) {
    MeasureSet& mutable_set = const_cast<MeasureSet&>(set);  // resolve() only reads
    int suppressed = 0, present = 0;
    std::vector<CellRef> cells{relation.total};
    cells.insert(cells.end(), relation.parts.begin(), relation.parts.end());
    for (const CellRef& ref : cells) {
        const Cell cell = resolve(mutable_set, ref);
        if (!cell.exists()) continue;
        ++present;
        if (cell.suppressed()) ++suppressed;
    }
    return present > 1 && suppressed == 1;
}

SuppressionReport apply_disclosure_control(MeasureSet& set, const DisclosureOptions& options) {
    SuppressionReport report;
    // Primary: every count from 1 to 5.
    for (Measure& m : set.measures) {
        if (!is_count(m)) continue;
        for (std::size_t c = 0; c < m.categories.size(); ++c)
            for (std::size_t q = 0; q < set.quarters.size(); ++q) {
                const std::optional<double> v = m.values[c][q];
                if (v && *v > 0 && *v < options.smallest_shown) {
                    m.set_symbol(c, q, 'c');
                    ++report.by_measure[m.key].primary;
                }
            }
    }
    // Secondary: while some relation has exactly one suppressed cell, suppress its smallest
    // other cell that is above 0 (a part before the total); if all the others are 0, the total.
    // The original values decide "smallest", so the choice does not depend on order of work.
    const std::vector<Relation> relations = disclosure_relations(set);
    const MeasureSet original = set;
    auto original_value = [&](const Cell& cell) -> double {
        const Measure* m = original.find(cell.measure->key);
        const auto& v = m->values[cell.category][cell.quarter];
        return v.value_or(0.0);
    };
    bool changed = true;
    while (changed) {
        changed = false;
        for (const Relation& relation : relations) {
            if (!relation_reveals_a_cell(set, relation)) continue;
            std::optional<Cell> choice;
            double choice_value = 0;
            for (const CellRef& ref : relation.parts) {
                const Cell cell = resolve(set, ref);
                if (!cell.exists() || cell.suppressed() || !cell.value() || *cell.value() <= 0) continue;
                const double v = original_value(cell);
                if (!choice || v < choice_value) {
                    choice = cell;
                    choice_value = v;
                }
            }
            if (!choice) {
                const Cell total = resolve(set, relation.total);
                if (total.exists() && !total.suppressed()) choice = total;
            }
            if (!choice) {
                // Every other cell is 0 and the total is suppressed already: a 0 then reveals
                // nothing beyond what the total's suppression hides.
                continue;
            }
            choice->measure->set_symbol(choice->category, choice->quarter, 'c');
            ++report.by_measure[choice->measure->key].secondary;
            changed = true;
        }
    }
    // A median of a handful of escalations describes them one by one: it goes with its count.
    if (Measure* median = set.find("escalation_days_to_resolve_median")) {
        const Measure* resolved = set.find("escalations_resolved");
        for (std::size_t q = 0; resolved && q < set.quarters.size(); ++q)
            if (resolved->symbol(0, q) == 'c' && median->values[0][q]) {
                median->set_symbol(0, q, 'c');
                ++report.by_measure[median->key].secondary;
            }
    }
    return report;
}

}  // namespace careboard
