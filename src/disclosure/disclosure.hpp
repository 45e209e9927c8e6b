#pragma once
#include <map>
#include <string>
#include <vector>

#include "measures/measure_set.hpp"

namespace careboard {

// Statistical disclosure control for public output (docs/disclosure.md), DfE practice for
// children-looked-after statistics.

// A published cell: (measure key, category, period: a quarter, then the years, then the months).
struct CellRef {
    std::string measure;
    std::string category;
    std::size_t quarter = 0;
};

struct DisclosureOptions {
    double smallest_shown = 6;   // counts from 1 to smallest_shown - 1 become 'c' (0 stays 0)
    double min_denominator = 10; // percentages of a base above 0 and below this are 'c'
    // Cells a reader knows whatever careboard publishes: the DfE's own publication of the same
    // figure for the same year (known_from_published). The audit takes them as known, and
    // suppression never relies on hiding them.
    std::vector<CellRef> known;
    // Cells the same publication marks as at least 1 without giving them (the DfE's own `c`).
    std::vector<CellRef> known_positive;
};

// What was suppressed, per measure: counts of 1 to 5 (primary) and cells suppressed so that
// those cannot be worked out (secondary).
struct SuppressionReport {
    struct Counts {
        int primary = 0;
        int secondary = 0;
    };
    std::map<std::string, Counts> by_measure;
    int primary() const;
    int secondary() const;
};

// What a relation says, exactly: the audit (disclosure/audit.hpp) writes it as equations and
// inequalities; secondary suppression needs only the cells.
enum class RelationForm {
    sum,         // total = sum of parts (a breakdown and its total, a group and its codes)
    stock_flow,  // total = parts[0] + parts[1] - parts[2]: a stock now = before + in - out
    same,        // total = parts[0]: a count at a date and its last quarter's or month's
    period_sum,  // total = sum of parts: a flow over a period and over its quarters or months
};
struct Relation {
    CellRef total;
    std::vector<CellRef> parts;
    std::string why;  // for messages and tests
    RelationForm form = RelationForm::sum;
};

// Every relation between the counts of a measure set: each breakdown sums to its total, each
// group of codes sums to its group, fostering providers sum to the foster group, and successive
// quarters are linked by flows (looked after now = before + started - ceased).
std::vector<Relation> disclosure_relations(const MeasureSet& set);

// In a coded breakdown, merges the categories whose codes are not in the code list into one,
// codes::other_code: what a public edition shows of them, since such a "code" may be anything a
// column held (a postcode district when PLACE and PL_POST are swapped). Sums are unchanged.
void merge_unknown_codes(MeasureSet& set);

// Suppresses the counts of a measure set in place (symbol 'c'), before anything is derived,
// charted or written: primary suppression of small counts, then secondary suppression until no
// relation has exactly one suppressed cell. Unknown codes are merged first (merge_unknown_codes).
// Ratios are not touched: derive them afterwards with
// derive_ratios(set, population, options.min_denominator).
SuppressionReport apply_disclosure_control(MeasureSet& set, const DisclosureOptions& options);

// True when a relation has exactly one suppressed cell (so that cell could be worked out).
bool relation_reveals_a_cell(const MeasureSet& set, const Relation& relation);

}  // namespace careboard
