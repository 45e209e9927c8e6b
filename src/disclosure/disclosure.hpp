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
    // Combine rare codes before suppressing (coarsen_rare_codes); off only in tests of the rules.
    bool coarsen = true;
};

// What was suppressed, per measure: counts of 1 to 5 (primary) and cells suppressed so that
// those cannot be worked out (secondary).
struct SuppressionReport {
    struct Counts {
        int primary = 0;
        int secondary = 0;
    };
    std::map<std::string, Counts> by_measure;
    // The categories coarsening combined, per measure ("N2+N3+N6").
    std::map<std::string, std::vector<std::string>> combined;
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

// Coarsening (docs/disclosure.md): in each breakdown the catalogue marks coarsened_in_public,
// the codes that few children have (more of their quarter and month figures, or year figures
// for a yearly measure, from 1 to smallest_shown - 1 than from smallest_shown up) are combined
// into one category (codes::combine_codes) within their group, where a group has two or more of
// them. Sums are unchanged. The result depends only on the figures, so the truth and its public
// edition are coarsened alike. Returns, per measure, each code combined and its new category.
using Coarsening = std::map<std::string, std::map<std::string, std::string>>;
Coarsening coarsen_rare_codes(MeasureSet& set, double smallest_shown);
// The codes coarsening combined, as the truth has them: for each coarsened measure, a measure of
// the same key with kCombinedCodes after it, holding the figures of each code it combined. Never
// published: the audit and the protection take its cells as unknown (at least 0) and each
// combined category as the sum of its codes, so that what a reader knows of a single code (the
// DfE's figure for it) is used, and a code a combined figure would give away is protected.
inline constexpr std::string_view kCombinedCodes = "~codes";
// The coarsened measure whose combined codes measure `key` holds; empty for any other key.
inline std::string_view coarsened_measure(std::string_view key) {
    return key.ends_with(kCombinedCodes) ? key.substr(0, key.size() - kCombinedCodes.size()) : std::string_view();
}
void add_combined_codes(MeasureSet& truth, const MeasureSet& uncoarsened, const Coarsening& coarsening);
// `refs` (cells of the set before coarsening) as cells of the coarsened truth: a combined code's
// cell is its add_combined_codes measure's.
std::vector<CellRef> coarsened_refs(const Coarsening& coarsening, const std::vector<CellRef>& refs);
// The public edition's categories and the truth disclosure control works on, alike for the
// protection and the audit: unknown codes merged and (options.coarsen) rare codes combined in
// `set`; `truth` set to the result with the combined codes kept (add_combined_codes); the
// options' known cells made cells of that truth.
Coarsening public_categories(MeasureSet& set, MeasureSet& truth, DisclosureOptions& options);

// Suppresses the counts of a measure set in place (symbol 'c'), before anything is derived,
// charted or written: primary suppression of small counts, then secondary suppression until no
// relation has exactly one suppressed cell. Unknown codes are merged first (merge_unknown_codes),
// then rare codes combined (coarsen_rare_codes, unless options.coarsen is false).
// Ratios are not touched: derive them afterwards with
// derive_ratios(set, population, options.min_denominator).
SuppressionReport apply_disclosure_control(MeasureSet& set, const DisclosureOptions& options);

// True when a relation has exactly one suppressed cell (so that cell could be worked out).
bool relation_reveals_a_cell(const MeasureSet& set, const Relation& relation);

}  // namespace careboard
