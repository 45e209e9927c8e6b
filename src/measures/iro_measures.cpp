#include "measures/iro_measures.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "ingest/codes.hpp"

namespace careboard {
namespace {

Unit unit_of(const std::string& unit) {
    if (unit == "children") return Unit::children;
    if (unit == "percent") return Unit::percent;
    return Unit::events;
}

// A breakdown lists the categories with a count above 0 in some period (docs/definitions.md).
void drop_empty_categories(Measure& m) {
    for (std::size_t c = m.categories.size(); c-- > 0;) {
        const bool any = std::any_of(m.values[c].begin(), m.values[c].end(), [](const auto& v) { return v && *v > 0; });
        if (any || m.categories[c] == "Total") continue;
        m.categories.erase(m.categories.begin() + static_cast<std::ptrdiff_t>(c));
        m.values.erase(m.values.begin() + static_cast<std::ptrdiff_t>(c));
    }
}

bool any_value(const Measure& m) {
    for (const auto& values : m.values)
        for (const auto& v : values)
            if (v) return true;
    return false;
}

// The declared figures of each measure, as the set's periods have them.
void add_activity(const Dataset& data, MeasureSet& set) {
    std::map<std::tuple<std::string, std::string, int, int>, double> figures;
    for (const ActivityFigure& f : data.activity) figures[{f.measure, f.category, f.start.days, f.end.days}] = f.value;
    for (const DeclaredMeasure& d : declared_measures()) {
        if (!d.numerator.empty()) continue;  // a percentage: derive_ratios
        Measure m = new_measure(d.key);
        if (d.categories.empty()) m.categories = {"Total"};
        for (const auto& [code, label] : d.categories) m.categories.push_back(code);
        for (const std::string& category : m.categories) {
            std::vector<std::optional<double>> values(set.period_count());
            for (std::size_t p = 0; p < set.period_count(); ++p) {
                const auto it = figures.find({d.key, category, set.period_start(p).days, set.period_end(p).days});
                if (it != figures.end()) values[p] = it->second;
            }
            m.values.push_back(std::move(values));
        }
        drop_empty_categories(m);
        if (any_value(m)) set.put(std::move(m));
    }
}

// The latest staffing row dated on or before each period's end.
void add_staffing(const Dataset& data, MeasureSet& set) {
    const std::size_t np = set.period_count();
    std::vector<std::optional<double>> headcount(np), permanent(np), agency(np), vacancies(np);
    for (std::size_t p = 0; p < np; ++p) {
        const StaffingChange* row = nullptr;
        for (const StaffingChange& s : data.staffing)
            if (s.from <= set.period_end(p)) row = &s;
        if (!row) continue;
        headcount[p] = row->headcount;
        if (row->permanent && row->agency) {
            permanent[p] = row->permanent;
            agency[p] = row->agency;
        }
        vacancies[p] = row->vacancies_fte;
    }
    auto any = [](const std::vector<std::optional<double>>& v) {
        return std::any_of(v.begin(), v.end(), [](const auto& x) { return x.has_value(); });
    };
    if (any(headcount)) set.put(total_measure("iro_headcount", headcount));
    if (any(permanent)) {
        Measure m = new_measure("iro_headcount_by_contract");
        m.categories = {"permanent", "agency"};
        m.values = {permanent, agency};
        drop_empty_categories(m);
        set.put(std::move(m));
    }
    if (any(vacancies)) set.put(total_measure("iro_vacancies_fte", vacancies));
}

bool looked_after_at(const Dataset& data, int child, Date d) {
    if (child < 0 || static_cast<std::size_t>(child) + 1 >= data.episode_begin.size()) return false;
    for (std::size_t i = data.episode_begin[static_cast<std::size_t>(child)];
         i < data.episode_begin[static_cast<std::size_t>(child) + 1]; ++i) {
        const Episode& e = data.episodes[i];
        if (!codes::is_short_break(e.ls) && e.open_at(d)) return true;
    }
    return false;
}

// Caseloads per IRO at each period's end: only children looked after on that day count, each
// with the IRO of the allocation that started latest among those open (docs/definitions.md).
void add_caseloads(const Dataset& data, MeasureSet& set) {
    const std::size_t np = set.period_count();
    std::vector<std::optional<double>> children(np, 0.0), iros(np, 0.0), lowest(np), highest(np);
    std::vector<std::vector<std::optional<double>>> bands(3, std::vector<std::optional<double>>(np, 0.0));
    for (std::size_t p = 0; p < np; ++p) {
        const Date d = set.period_end(p);
        std::map<int, const IroAllocation*> of_child;
        for (const IroAllocation& a : data.allocations) {
            if (a.child < 0 || !a.open_at(d)) continue;
            const IroAllocation*& current = of_child[a.child];
            if (!current || std::tie(a.from, a.source.line) > std::tie(current->from, current->source.line)) current = &a;
        }
        std::map<std::string, int> caseload;
        for (const auto& [child, a] : of_child)
            if (looked_after_at(data, child, d)) ++caseload[a->iro];
        for (const auto& [iro, n] : caseload) {
            *children[p] += n;
            *iros[p] += 1;
            lowest[p] = std::min(lowest[p].value_or(n), static_cast<double>(n));
            highest[p] = std::max(highest[p].value_or(n), static_cast<double>(n));
            *bands[n < 50 ? 0 : n <= 70 ? 1 : 2][p] += 1;
        }
    }
    set.put(total_measure("iro_allocated_children", children));
    set.put(total_measure("iro_with_caseload", iros));
    set.put(total_measure("iro_caseload_lowest", lowest));
    set.put(total_measure("iro_caseload_highest", highest));
    Measure band = new_measure("iro_caseload_band");
    for (const codes::Code& c : codes::iro_caseload_bands()) band.categories.emplace_back(c.code);
    band.values = bands;
    drop_empty_categories(band);
    set.put(std::move(band));
}

}  // namespace

void declare_activity_measures(const Config& config, Diagnostics& diagnostics) {
    std::vector<DeclaredMeasure> declared;
    for (const ActivityMeasureConfig& a : config.activity) {
        if (builtin_measure_def(a.key)) {
            diagnostics.error("E002", config.config_path.empty() ? "[activity]" : config.config_path, a.at.line, a.at.column,
                              "activity." + a.key + ": '" + a.key + "' is one of careboard's own measures (" +
                                  std::string(builtin_measure_def(a.key)->label) + "); declare it under another key");
            continue;
        }
        DeclaredMeasure d;
        d.key = a.key;
        d.label = a.label;
        d.period = a.period == "date" ? PeriodKind::at_date : PeriodKind::over_period;
        d.unit = unit_of(a.unit);
        d.decimals = a.decimals;
        d.categories = a.categories;
        d.sums_to = a.sums_to;
        d.numerator = a.numerator;
        d.denominator = a.denominator;
        d.page = a.page;
        d.section = a.section;
        declared.push_back(std::move(d));
    }
    set_declared_measures(std::move(declared));
}

void compute_iro_record_measures(const Dataset& data, MeasureSet& set) {
    if (data.has_activity) add_activity(data, set);
    if (data.has_staffing) add_staffing(data, set);
    if (data.has_allocations) add_caseloads(data, set);
}

}  // namespace careboard
