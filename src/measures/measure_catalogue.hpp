#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/codes.hpp"

namespace careboard {

// How a measure's value relates to its period: a count at the period's end date (a stock), or
// over the whole period (a flow).
enum class PeriodKind { at_date, over_period };

// What a value counts or measures. It decides how the value is shown and whether disclosure
// control treats it as a count of people (or of their reviews and escalations). `staff` counts
// IROs (people, so a count like any other).
enum class Unit { children, events, percent, rate, fte, days, staff };

// What a measure's categories are: just "Total", codes of a list, or the authority's own labels.
enum class CategoryKind { total, codes, labels };

// How a ratio measure is worked out from counts once they are disclosure-controlled
// (derive_ratios). Terms name a measure and, optionally, a space-separated list of its
// categories to add up (empty: its Total).
struct RatioDef {
    std::string_view numerator;
    std::string_view numerator_categories = {};
    std::string_view denominator = {};         // "population_0_17": the authority's 0-17 population
    std::string_view denominator_categories = {};
    std::string_view denominator_less = {};    // a Total taken off the denominator
    double scale = 100.0;
    // A percentage of a handful of children says too much about too few; rates of a whole
    // population or per IRO do not.
    bool small_base = true;
    // For financial years only: the mean of `numerator` at the year's quarter ends.
    bool year_mean_of_quarters = false;
};

// Everything careboard knows about one measure, written once; every stage reads it.
struct MeasureDef {
    std::string_view key;
    PeriodKind period = PeriodKind::at_date;
    Unit unit = Unit::children;
    int decimals = 0;              // places written to measures.csv and CSVs
    std::string_view label;        // what it is, in words ("Children looked after")
    CategoryKind breakdown = CategoryKind::total;
    std::span<const codes::Code> (*codes)() = nullptr;  // category order and labels
    // The same for a measure declared in the config, whose categories are not compiled in.
    std::span<const codes::Code> declared_codes = {};
    // The cell this breakdown's categories add up to: "looked_after" (its Total) or
    // "measure:category".
    std::string_view sums_to = {};
    // A breakdown whose categories are groups of this breakdown's codes, and the grouping.
    std::string_view groups_into = {};
    std::string_view (*group_of)(std::string_view) = nullptr;
    // True for a breakdown whose categories overlap (an escalation with two themes counts in
    // each): it has no additive relation; each category is at most `within`'s Total, and shares
    // are of that.
    bool overlapping = false;
    std::string_view within = {};
    // A breakdown by a 903 code list whose codes that few children have each are combined,
    // within their group, in the public edition (coarsen_rare_codes, docs/disclosure.md).
    bool coarsened_in_public = false;
    RatioDef ratio = {};           // for measures derived from counts (ratio.numerator set)
    // A figure that describes the events of a count one by one (a median of a handful of
    // escalations): hidden wherever that count's Total is.
    std::string_view hidden_with = {};
    // A published guideline drawn on its charts (the IRO Handbook's 50 to 70 children per IRO):
    // from `guide_from` (negative: none) to `guide_to` (negative: a line, not a band); shown
    // with a configured target too only when `guide_always`.
    double guide_from = -1, guide_to = -1;
    std::string_view guide_label = {};
    bool guide_always = false;
    std::string_view page = {};    // the site page that shows it ("population"); empty: none
    // Counted for financial years only (the OC2 and OC3 cohorts, social worker changes): it has
    // no quarter or month figures, and is charted by year.
    bool years_only = false;
    bool benchmark_only = false;   // published by the DfE for comparison, never counted here
    // A figure about one person (the lowest or highest caseload of one IRO): never shown in the
    // public edition, 'c' in every period (docs/disclosure.md).
    bool withheld_in_public = false;
    // Declared in the config ([activity]) rather than compiled in, and the report section that
    // shows it (docs/configuration.md).
    bool declared = false;
    std::string_view section = {};

    bool is_count() const { return unit == Unit::children || unit == Unit::events || unit == Unit::staff; }
    bool is_percent() const { return unit == Unit::percent; }
    bool is_ratio() const { return !ratio.numerator.empty(); }
    // The category order and labels: the compiled-in code list, or the declared categories.
    std::span<const codes::Code> category_codes() const { return codes ? codes() : declared_codes; }
    bool has_codes() const { return codes != nullptr || !declared_codes.empty(); }
};

// A stock and the flows that move it: stock at a period's end = stock at the one before + in - out.
struct StockFlow {
    std::string_view stock, in, out;
};

// Every measure, in canonical order (the order of docs/definitions.md and of measures.csv): the
// compiled-in entries, then those declared in the config (set_declared_measures).
std::span<const MeasureDef> measure_catalogue();

// A measure the authority declares in its config ([activity.<key>], docs/configuration.md) for
// counts no national dataset holds. Its facts are owned here; the catalogue's MeasureDef for it
// points into the registry's own copy.
struct DeclaredMeasure {
    std::string key;
    std::string label;
    PeriodKind period = PeriodKind::over_period;
    Unit unit = Unit::events;
    int decimals = 0;
    std::vector<std::pair<std::string, std::string>> categories;  // (key, label), in display order
    std::string sums_to;      // a declared Total its categories add up to; empty for none
    std::string numerator, denominator;  // a percentage worked out from two declared counts
    std::string page = "iro-service";    // the site page that shows it
    std::string section = "iro-activity";  // the report section that shows it
};

// The run-time registry: replaces the declared measures (a build sets them once, from its
// config, before any stage reads the catalogue; pointers and spans from the catalogue are valid
// until the next call). Keys that are already compiled-in entries are left out: the caller
// checks for clashes first (builtin_measure_def). Deterministic: the order given is kept.
void set_declared_measures(std::vector<DeclaredMeasure> measures);
// Back to the compiled-in catalogue alone (tests reset with it).
void clear_declared_measures();
std::span<const DeclaredMeasure> declared_measures();
// A compiled-in entry only, whatever is declared.
const MeasureDef* builtin_measure_def(std::string_view key);
std::span<const StockFlow> stock_flows();

// The measure's entry, or null when careboard does not know the key.
const MeasureDef* find_measure_def(std::string_view key);
// The measure's entry; for an unknown key, the fail-closed entry: a count of children (so
// suppressed like any count), shown as a whole number, labelled with its key.
const MeasureDef& measure_def(std::string_view key);

// Canonical position of a key; unknown keys sort after every known one.
int measure_rank(std::string_view key);

// The one display rule for a figure, on pages, in tables, tooltips and sentences: percentages
// as whole numbers with %, rates, FTEs and days with the measure's decimal place, counts with
// thousands separators.
int display_decimals(const MeasureDef& def);
std::string display_figure(const MeasureDef& def, double value);
// The figure as written to measures.csv and every chart CSV: plain, at the measure's full
// precision.
std::string csv_figure(const MeasureDef& def, double value);

// Words for a measure ("Children looked after by legal status"); its key when careboard does
// not know it.
std::string measure_label(std::string_view key);

// Words for a category of a measure ("C2" -> "C2 Full care order", "10_to_15" -> "10 to 15").
std::string category_label(std::string_view measure, std::string_view category);

// The cell a breakdown sums to, split into measure and category ("Total" when not given).
// The group of a breakdown's category (def.group_of's): a combined category's is its codes'
// group; empty when the breakdown has no groups.
std::string_view category_group(const MeasureDef& def, std::string_view category);

struct CellName {
    std::string measure, category;
};
CellName sums_to_cell(const MeasureDef& def);
// What a breakdown's shares are of: the cell it sums to, or for overlapping categories the Total
// they lie within; empty for neither.
CellName share_base(const MeasureDef& def);

// The values a measure of this unit can take, for checking a measures.csv: a count is a whole
// number from 0 to 10,000,000 (England has some 84,000 children looked after), a percentage is
// from 0 to 100, anything else from 0 to 10,000,000. Returns what was expected when `value` is
// outside, as words ("a whole number from 0 to 10,000,000"), or nothing. A measure not in the
// catalogue (`def` null) may be of any unit: only its sign and size are checked.
std::optional<std::string> value_outside_range(const MeasureDef* def, double value);

std::string_view unit_name(Unit unit);          // "children", "percent" ...
std::string_view period_kind_name(PeriodKind);  // "date", "period"

}  // namespace careboard
