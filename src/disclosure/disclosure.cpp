#include "disclosure/disclosure.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

#include "disclosure/audit.hpp"
#include "ingest/codes.hpp"

namespace careboard {
namespace {

// Counts of people, reviews and escalations, by the catalogue; a measure it does not know is
// treated as a count (fail closed). Ratios are derived afterwards.
bool is_count(const Measure& m) { return measure_def(m.key).is_count(); }

struct Cell {
    Measure* measure = nullptr;
    std::size_t category = 0;
    std::size_t quarter = 0;

    bool exists() const { return measure != nullptr; }
    bool suppressed() const {
        const char s = measure->symbol(category, quarter);
        return s == 'c' || s == 'x';  // an `x` hides its figure too
    }
    std::optional<double> value() const { return measure->values[category][quarter]; }
};

Cell resolve(MeasureSet& set, const CellRef& ref) {
    Measure* m = set.find(ref.measure);
    if (!m) return {};
    const int c = m->category_index(ref.category);
    if (c < 0 || ref.quarter >= set.period_count()) return {};
    return {m, static_cast<std::size_t>(c), ref.quarter};
}

void add_sum(std::vector<Relation>& out, const std::string& total_measure, const std::string& total_category,
             const std::string& parts_measure, const std::vector<std::string>& categories, std::size_t p,
             const std::string& why) {
    if (categories.empty()) return;
    Relation r{{total_measure, total_category, p}, {}, why};
    for (const std::string& c : categories) r.parts.push_back({parts_measure, c, p});
    out.push_back(std::move(r));
}

// A breakdown's code categories within each of its groups sum to the group's figure.
void add_groups(const MeasureSet& set, std::vector<Relation>& out, const MeasureDef& def, std::size_t p) {
    const Measure* groups = set.find(def.groups_into);
    const Measure* codes_measure = set.find(def.key);
    if (!groups || !codes_measure) return;
    const std::string group_key(def.groups_into);
    for (const std::string& g : groups->categories) {
        std::vector<std::string> codes_in_group;
        for (const std::string& code : codes_measure->categories)
            if (category_group(def, code) == g)
                codes_in_group.push_back(code);
        add_sum(out, group_key, g, codes_measure->key, codes_in_group, p, group_key + " " + g + " = its codes");
    }
}

// A period and the shorter periods it is made of (all `expected` of them, or none is added).
void add_period_parts(const MeasureSet& set, std::vector<Relation>& out, std::size_t whole,
                      const std::vector<std::size_t>& parts, std::size_t expected, const char* what) {
    if (parts.size() != expected) return;
    for (const Measure& m : set.measures) {
        if (!is_count(m)) continue;
        for (const std::string& c : m.categories) {
            Relation r{{m.key, c, whole}, {}, m.key + " " + c + ": " + set.period_label(whole) + " and its " + what,
                       m.kind == PeriodKind::at_date ? RelationForm::same : RelationForm::period_sum};
            if (m.kind == PeriodKind::at_date) r.parts.push_back({m.key, c, parts.back()});
            else
                for (std::size_t p : parts) r.parts.push_back({m.key, c, p});
            out.push_back(std::move(r));
        }
    }
}

}  // namespace

std::vector<Relation> disclosure_relations(const MeasureSet& set) {
    std::vector<Relation> out;
    const std::span<const MeasureDef> catalogue = measure_catalogue();
    for (std::size_t p = 0; p < set.period_count(); ++p) {
        // The finest relations first: a cell chosen to protect a code within its group then also
        // protects the breakdown, where choosing in the breakdown first could cascade upwards.
        for (const MeasureDef& def : catalogue) {
            if (def.sums_to.empty() || def.benchmark_only) continue;
            const CellName whole = sums_to_cell(def);
            if (whole.category != "Total" && set.find(def.key))
                add_sum(out, whole.measure, whole.category, std::string(def.key), set.find(def.key)->categories, p,
                        whole.measure + " " + whole.category + " = " + std::string(def.key));
        }
        // A combined category and its codes (add_combined_codes: in the truth only).
        for (const Measure& codes_measure : set.measures) {
            const std::string key(coarsened_measure(codes_measure.key));
            const Measure* coarsened = key.empty() ? nullptr : set.find(key);
            if (!coarsened) continue;
            const auto list = measure_def(key).category_codes();
            for (const std::string& c : coarsened->categories) {
                const auto parts = codes::combined_codes(list, c);
                if (parts.empty()) continue;
                std::vector<std::string> names(parts.begin(), parts.end());
                add_sum(out, key, c, codes_measure.key, names, p, key + " " + c + " = its codes");
            }
        }
        for (const MeasureDef& def : catalogue)
            if (def.group_of) add_groups(set, out, def, p);
        for (const MeasureDef& def : catalogue) {
            if (def.sums_to.empty() || def.benchmark_only) continue;
            const CellName whole = sums_to_cell(def);
            if (whole.category == "Total" && set.find(def.key))
                add_sum(out, whole.measure, "Total", std::string(def.key), set.find(def.key)->categories, p,
                        whole.measure + " = " + std::string(def.key));
        }
    }
    // Stock and flows: the stock at a period's end = at the one before + in - out (nearly exactly
    // for children, exactly for escalations), so the four are treated as one relation; for
    // successive quarters, and successive years.
    for (const StockFlow& sf : stock_flows()) {
        if (!set.find(sf.stock) || !set.find(sf.in) || !set.find(sf.out)) continue;
        const std::string stock(sf.stock), in(sf.in), outflow(sf.out);
        auto link = [&](std::size_t before, std::size_t now) {
            out.push_back({{stock, "Total", now},
                           {{stock, "Total", before}, {in, "Total", now}, {outflow, "Total", now}},
                           stock + ", " + in + " and " + outflow + " in successive periods", RelationForm::stock_flow});
        };
        for (std::size_t q = 1; q < set.quarters.size(); ++q) link(q - 1, q);
        for (std::size_t y = 1; y < set.years.size(); ++y)
            if (set.years[y] == set.years[y - 1] + 1) link(set.year_period(y - 1), set.year_period(y));
        for (std::size_t m = 1; m < set.months.size(); ++m) link(set.month_period(m - 1), set.month_period(m));
    }
    // A year and its quarters, and a quarter and its months: a longer period's count at a date is
    // its last part's; its flow is (for events exactly, for children nearly) the sum of its
    // parts'. Every category of every count, so that no part can be worked out from the whole or
    // the whole from its parts.
    for (std::size_t y = 0; y < set.years.size(); ++y) {
        const std::size_t yp = set.year_period(y);
        add_period_parts(set, out, yp, set.quarters_of_year(yp), 4, "quarters");
    }
    for (std::size_t q = 0; q < set.quarters.size(); ++q) add_period_parts(set, out, q, set.months_of_quarter(q), 3, "months");
    return out;
}

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

void merge_unknown_codes(MeasureSet& set) {
    for (Measure& m : set.measures) {
        const MeasureDef* def = find_measure_def(m.key);
        if (!def || def->declared || def->breakdown != CategoryKind::codes || !def->has_codes()) continue;
        const auto list = def->category_codes();
        std::vector<std::size_t> unknown;
        for (std::size_t c = 0; c < m.categories.size(); ++c) {
            const std::string& category = m.categories[c];
            if (category != "Total" && category != codes::not_recorded && category != codes::other_code &&
                !codes::is_known(list, category) && (!def->coarsened_in_public || codes::combined_codes(list, category).empty()))
                unknown.push_back(c);
        }
        if (unknown.empty()) continue;
        // Symbols are kept only up to the last category that has one: one row per category here.
        if (!m.symbols.empty()) m.symbols.resize(m.categories.size());
        // One category holding their sum; a symbol in any of them (a measures.csv's) is the sum's.
        std::vector<std::optional<double>> merged(set.period_count());
        std::vector<char> symbols(set.period_count(), 0);
        for (std::size_t c : unknown)
            for (std::size_t p = 0; p < set.period_count(); ++p) {
                if (const char s = m.symbol(c, p)) symbols[p] = s;
                else if (m.values[c][p]) merged[p] = merged[p].value_or(0) + *m.values[c][p];
            }
        for (auto it = unknown.rbegin(); it != unknown.rend(); ++it) {
            m.categories.erase(m.categories.begin() + static_cast<std::ptrdiff_t>(*it));
            m.values.erase(m.values.begin() + static_cast<std::ptrdiff_t>(*it));
            if (!m.symbols.empty()) m.symbols.erase(m.symbols.begin() + static_cast<std::ptrdiff_t>(*it));
        }
        // Where the unknown codes were: after the known ones, before "not recorded".
        const auto at = std::find(m.categories.begin(), m.categories.end(), std::string(codes::not_recorded));
        const std::size_t c = static_cast<std::size_t>(at - m.categories.begin());
        m.categories.insert(at, std::string(codes::other_code));
        m.values.insert(m.values.begin() + static_cast<std::ptrdiff_t>(c), std::move(merged));
        if (!m.symbols.empty()) m.symbols.insert(m.symbols.begin() + static_cast<std::ptrdiff_t>(c), std::vector<char>(set.period_count(), 0));
        for (std::size_t p = 0; p < set.period_count(); ++p)
            if (symbols[p]) m.set_symbol(c, p, symbols[p]);
    }
}

Coarsening coarsen_rare_codes(MeasureSet& set, double smallest_shown) {
    Coarsening out;
    for (Measure& m : set.measures) {
        const MeasureDef* def = find_measure_def(m.key);
        if (!def || !def->coarsened_in_public || !def->has_codes()) continue;
        const auto list = def->category_codes();
        // The periods a reader sees the breakdown by: quarters and months, or years for a measure
        // counted by year.
        std::vector<std::size_t> periods;
        for (std::size_t p = 0; p < set.period_count(); ++p)
            if (set.is_year(p) == def->years_only) periods.push_back(p);
        // Rare codes by group, in the breakdown's order.
        std::map<std::string, std::vector<std::size_t>> rare;
        std::vector<std::string> group_order;
        for (std::size_t c = 0; c < m.categories.size(); ++c) {
            const std::string& category = m.categories[c];
            if (!codes::is_known(list, category)) continue;  // Total, not recorded, others, combined
            std::size_t small = 0, shown = 0;
            for (std::size_t p : periods)
                if (const std::optional<double> v = m.values[c][p]; v && *v > 0 && !m.symbol(c, p))
                    ++(*v < smallest_shown ? small : shown);
            if (small <= shown) continue;
            const std::string group(category_group(*def, category));
            if (!rare.count(group)) group_order.push_back(group);
            rare[group].push_back(c);
        }
        std::vector<std::size_t> dropped;
        for (const std::string& group : group_order) {
            const std::vector<std::size_t>& cs = rare[group];
            if (cs.size() < 2) continue;
            std::vector<std::string> names;
            for (std::size_t c : cs) names.push_back(m.categories[c]);
            const std::string combined = codes::combine_codes(names);
            std::vector<std::optional<double>> sum(set.period_count());
            for (std::size_t c : cs)
                for (std::size_t p = 0; p < set.period_count(); ++p)
                    if (m.values[c][p]) sum[p] = sum[p].value_or(0) + *m.values[c][p];
            // The combined category takes its first code's place.
            m.categories[cs.front()] = combined;
            m.values[cs.front()] = std::move(sum);
            for (const std::string& n : names) out[m.key][n] = combined;
            dropped.insert(dropped.end(), cs.begin() + 1, cs.end());
        }
        std::sort(dropped.rbegin(), dropped.rend());
        for (std::size_t c : dropped) {
            m.categories.erase(m.categories.begin() + static_cast<std::ptrdiff_t>(c));
            m.values.erase(m.values.begin() + static_cast<std::ptrdiff_t>(c));
            if (c < m.symbols.size()) m.symbols.erase(m.symbols.begin() + static_cast<std::ptrdiff_t>(c));
        }
    }
    return out;
}

void add_combined_codes(MeasureSet& truth, const MeasureSet& uncoarsened, const Coarsening& coarsening) {
    for (const auto& [key, into] : coarsening) {
        const Measure* before = uncoarsened.find(key);
        if (!before) continue;
        Measure codes_measure;
        codes_measure.key = key + std::string(kCombinedCodes);
        codes_measure.kind = before->kind;
        codes_measure.decimals = before->decimals;
        for (std::size_t c = 0; c < before->categories.size(); ++c)
            if (into.count(before->categories[c])) {
                codes_measure.categories.push_back(before->categories[c]);
                codes_measure.values.push_back(before->values[c]);
            }
        truth.put(std::move(codes_measure));
    }
}

std::vector<CellRef> coarsened_refs(const Coarsening& coarsening, const std::vector<CellRef>& refs) {
    std::vector<CellRef> out;
    for (const CellRef& ref : refs) {
        const auto m = coarsening.find(ref.measure);
        if (m != coarsening.end() && m->second.count(ref.category))
            out.push_back({ref.measure + std::string(kCombinedCodes), ref.category, ref.quarter});
        else
            out.push_back(ref);
    }
    return out;
}

Coarsening public_categories(MeasureSet& set, MeasureSet& truth, DisclosureOptions& options) {
    merge_unknown_codes(set);
    Coarsening coarsening;
    MeasureSet uncoarsened;
    if (options.coarsen) {
        uncoarsened = set;
        coarsening = coarsen_rare_codes(set, options.smallest_shown);
        options.known = coarsened_refs(coarsening, options.known);
        options.known_positive = coarsened_refs(coarsening, options.known_positive);
    }
    truth = set;
    add_combined_codes(truth, uncoarsened, coarsening);
    return coarsening;
}

SuppressionReport apply_disclosure_control(MeasureSet& set, const DisclosureOptions& given) {
    DisclosureOptions options = given;
    SuppressionReport report;
    // The true figures (a suppressed cell's value is gone from `set`), with the combined codes'.
    MeasureSet original;
    for (const auto& [measure, into] : public_categories(set, original, options)) {
        std::vector<std::string>& list = report.combined[measure];
        for (const auto& [code, combined] : into)
            if (std::find(list.begin(), list.end(), combined) == list.end()) list.push_back(combined);
        std::sort(list.begin(), list.end());
    }
    // Primary: every count from 1 to 5.
    for (Measure& m : set.measures) {
        if (!is_count(m)) continue;
        for (std::size_t c = 0; c < m.categories.size(); ++c)
            for (std::size_t q = 0; q < set.period_count(); ++q) {
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
    auto original_value = [&](const Cell& cell) -> double {
        const Measure* m = original.find(cell.measure->key);
        const auto& v = m->values[cell.category][cell.quarter];
        return v.value_or(0.0);
    };
    auto no_relation_with_one_c = [&] {
        bool any = false;
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
                // A total of 0 beside a part not published (`x`, which may be 0) is not published
                // either: `x` too, since a `c` is at least 1.
                const bool zero = choice->value() && *choice->value() < 1;
                choice->measure->set_symbol(choice->category, choice->quarter, zero ? 'x' : 'c');
                ++report.by_measure[choice->measure->key].secondary;
                changed = any = true;
            }
        }
        return any;
    };
    // Then the cells no single relation shows to be at risk but the relations together do: the
    // audit's linear programs find them, and complementary suppression by linear programming
    // protects each (disclosure/audit.hpp). A cell it hides may leave a relation with one `c`
    // again, which the rule above settles; until neither changes anything.
    no_relation_with_one_c();
    while (protect_by_linear_programming(original, set, options, report) && no_relation_with_one_c()) {
    }
    // A figure that describes a handful of events one by one (a median) goes with their count.
    for (Measure& m : set.measures) {
        const MeasureDef& def = measure_def(m.key);
        const Measure* count = def.hidden_with.empty() ? nullptr : set.find(def.hidden_with);
        const int total = count ? count->category_index("Total") : -1;
        for (std::size_t q = 0; total >= 0 && q < set.period_count() && !m.values.empty(); ++q)
            if (count->symbol(static_cast<std::size_t>(total), q) == 'c' && m.values[0][q]) {
                m.set_symbol(0, q, 'c');
                ++report.by_measure[m.key].secondary;
            }
    }
    // A figure about one person (the lowest or highest caseload of one IRO) is never published.
    for (Measure& m : set.measures) {
        if (!measure_def(m.key).withheld_in_public) continue;
        for (std::size_t c = 0; c < m.categories.size(); ++c)
            for (std::size_t q = 0; q < set.period_count(); ++q)
                if (m.values[c][q]) {
                    m.set_symbol(c, q, 'c');
                    ++report.by_measure[m.key].primary;
                }
    }
    return report;
}

}  // namespace careboard
