#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "disclosure/disclosure.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

// Everything a reader knows about the counts of a public edition, as linear equations and
// inequalities over its cells (docs/disclosure.md, "The audit"): each relation of
// disclosure_relations() (a breakdown and its total, a group and its codes, a stock and its flows,
// a period and its parts), a category of an overlapping breakdown at most its Total, a
// percentage's numerator at most its denominator. Each is written as 0 = or >= sum of coef * cell,
// and only where the true figures satisfy it: so the true table is always one of the tables the
// system allows, and a relation that holds only nearly (children who start twice in a year are
// one starter of the year and two of its quarters) is kept as the inequalities that do hold.
struct DisclosureSystem {
    struct Cell {
        CellRef ref;
        double value = 0;  // the true figure
        bool headline = false;  // a measure's own Total that no breakdown is of (children looked after)
    };
    struct Term {
        std::size_t cell = 0;
        double coef = 0;
    };
    struct Row {
        std::vector<Term> terms;
        bool equal = true;  // sum of terms == 0; otherwise sum of terms <= 0
        std::size_t relation = 0;  // index into `why`
    };
    std::vector<Cell> cells;  // every count cell that has a figure
    std::vector<Row> rows;
    std::vector<std::string> why;  // what each row comes from, for messages
    std::vector<std::vector<std::size_t>> rows_of_cell;
    // The cell's index, if the set had a figure for it.
    std::optional<std::size_t> find(const CellRef& ref) const;
    std::map<std::tuple<std::string, std::string, std::size_t>, std::size_t> index;
};

// The system for a measure set before suppression (its values are the true figures).
DisclosureSystem disclosure_system(const MeasureSet& set);

// What a reader can tell of one suppressed cell from everything the edition publishes: the
// smallest and largest values it can take in any table of whole numbers that agrees with every
// published figure, every relation, and every suppressed cell being at least 1 (0 is shown).
struct CellRange {
    CellRef cell;
    std::string period;  // the period's label ("2023-24 Q2")
    double value = 0;    // its true figure: for tests and the board-only report, never published
    double low = 0;
    std::optional<double> high;  // none: no upper limit
    std::string relation;        // one relation it takes part in, for messages
    double values() const { return high ? *high - low + 1 : 1e300; }
};

struct DisclosureAudit {
    std::size_t suppressed = 0;     // suppressed count cells audited
    std::size_t known = 0;          // suppressed cells a reader knows anyway (options.known), not audited
    // Cells with fewer values than the rule that the known figures alone already narrow that
    // far (the DfE's own suppression): held to what those figures leave, not to the rule.
    std::size_t narrowed_by_known = 0;
    std::size_t unbounded = 0;      // of which with no upper limit
    std::size_t problems = 0;       // linear and integer programs solved
    std::size_t width = 5;          // the fewest values a suppressed cell may have
    std::vector<CellRange> narrow;  // the cells with fewer, in catalogue order
    bool passed() const { return narrow.empty(); }
};

// The counts an earlier edition published as numbers that the counts now equal, as this set's
// cells (matched by measure, category and the period's dates): a reader of both editions knows
// them whatever this one shows.
std::vector<CellRef> known_from_edition(const MeasureSet& counted, const MeasureSet& previous);

// Solves, for every suppressed count cell of the set, the smallest and largest value it can take
// (GLPK: the linear program, then the integer program where the linear optimum is fractional), and
// lists those with fewer than `options.smallest_shown - 1` possible values. `truth` is the set
// before suppression, `set` the same after it (whose symbols say what is suppressed).
DisclosureAudit audit_disclosure(const MeasureSet& truth, const MeasureSet& set, const DisclosureOptions& options);
DisclosureAudit audit_disclosure(const MeasureSet& set, const DisclosureSystem& system, const DisclosureOptions& options);

// Complementary suppression by linear programming: for each suppressed cell whose range is too
// narrow, the least costly set of published cells whose suppression lets it move up and down by
// the rule's amount (the deviation of a table that satisfies every relation), in the cell's
// neighbourhood of relations; suppresses them, audits again, and repeats until the audit passes.
// The cells it suppresses are counted per measure into `report` as secondary; true when it
// suppressed any.
bool protect_by_linear_programming(const MeasureSet& truth, MeasureSet& set, const DisclosureOptions& options,
                                   SuppressionReport& report);

}  // namespace careboard
