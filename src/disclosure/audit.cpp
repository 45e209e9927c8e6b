#include "disclosure/audit.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <string_view>

#include "ingest/codes.hpp"
#include "measures/measure_catalogue.hpp"

namespace careboard {
namespace {

constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
constexpr double kTolerance = 1e-6;

// Where each count cell of a set sits among the system's cells.
class CellIndex {
public:
    explicit CellIndex(const MeasureSet& set) : periods_(set.period_count()) {
        std::size_t next = 0;
        for (const Measure& m : set.measures) {
            base_.push_back(measure_def(m.key).is_count() ? next : npos);
            if (base_.back() != npos) next += m.categories.size() * periods_;
        }
        id_.assign(next, npos);
    }
    std::size_t slot(std::size_t measure, std::size_t category, std::size_t period) const {
        return base_[measure] == npos ? npos : base_[measure] + category * periods_ + period;
    }
    std::vector<std::size_t>& ids() { return id_; }
    const std::vector<std::size_t>& ids() const { return id_; }

private:
    std::size_t periods_;
    std::vector<std::size_t> base_;
    std::vector<std::size_t> id_;
};

// A cell of a relation: a system cell, a category the breakdown does not have (0, so no term), or
// a figure that is not there (the relation cannot be stated).
struct Lookup {
    enum { cell, zero, missing } kind = missing;
    std::size_t id = 0;
};

class SystemBuilder {
public:
    explicit SystemBuilder(const MeasureSet& set) : set_(set), index_(set) {
        for (std::size_t mi = 0; mi < set.measures.size(); ++mi) {
            const Measure& m = set.measures[mi];
            for (std::size_t c = 0; c < m.categories.size(); ++c)
                for (std::size_t p = 0; p < set.period_count(); ++p) {
                    const std::size_t slot = index_.slot(mi, c, p);
                    if (slot == npos || !m.values[c][p]) continue;
                    index_.ids()[slot] = system_.cells.size();
                    system_.cells.push_back({{m.key, m.categories[c], p}, *m.values[c][p],
                                             m.categories[c] == "Total" && measure_def(m.key).sums_to.empty()});
                }
        }
    }

    Lookup find(const CellRef& ref) const {
        const Measure* m = set_.find(ref.measure);
        if (!m || ref.quarter >= set_.period_count()) return {};
        const int c = m->category_index(ref.category);
        if (c < 0) return {Lookup::zero};
        const std::size_t slot = index_.slot(static_cast<std::size_t>(m - set_.measures.data()), static_cast<std::size_t>(c), ref.quarter);
        if (slot == npos || index_.ids()[slot] == npos) return {};
        return {Lookup::cell, index_.ids()[slot]};
    }

    // The cells of one side of a relation; false when one is missing.
    bool cells(const std::vector<CellRef>& refs, std::vector<std::size_t>& out) const {
        for (const CellRef& ref : refs) {
            const Lookup l = find(ref);
            if (l.kind == Lookup::missing) return false;
            if (l.kind == Lookup::cell) out.push_back(l.id);
        }
        return true;
    }

    std::size_t why(std::string text) {
        system_.why.push_back(std::move(text));
        return system_.why.size() - 1;
    }

    // Adds sum(terms) == 0 (or <= 0) when the true figures satisfy it; true when added.
    bool add(std::vector<DisclosureSystem::Term> terms, bool equal, std::size_t why) {
        std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.cell < b.cell; });
        std::vector<DisclosureSystem::Term> merged;
        for (const auto& t : terms) {
            if (!merged.empty() && merged.back().cell == t.cell) merged.back().coef += t.coef;
            else merged.push_back(t);
        }
        std::erase_if(merged, [](const auto& t) { return t.coef == 0; });
        if (merged.empty()) return false;
        double sum = 0;
        for (const auto& t : merged) sum += t.coef * system_.cells[t.cell].value;
        if (equal ? std::fabs(sum) > kTolerance : sum > kTolerance) return false;
        system_.rows.push_back({std::move(merged), equal, why});
        return true;
    }

    static std::vector<DisclosureSystem::Term> terms(const std::vector<std::size_t>& plus, const std::vector<std::size_t>& minus) {
        std::vector<DisclosureSystem::Term> out;
        for (std::size_t id : plus) out.push_back({id, 1});
        for (std::size_t id : minus) out.push_back({id, -1});
        return out;
    }

    void relation(const Relation& r) {
        std::vector<std::size_t> total, parts;
        if (!cells({r.total}, total) || total.empty() || !cells(r.parts, parts)) return;
        const std::size_t why_index = why(r.why);
        switch (r.form) {
        case RelationForm::same: add(terms(parts, total), true, why_index); break;
        case RelationForm::sum:
        case RelationForm::period_sum:
            if (add(terms(parts, total), true, why_index)) break;
            // Children counted once in a year and in each quarter they appear in, or in one
            // category of several: the whole is at most the sum of its parts, each part at most
            // the whole.
            add(terms(total, parts), false, why_index);
            for (std::size_t part : parts) add(terms({part}, total), false, why_index);
            break;
        case RelationForm::stock_flow: {
            if (r.parts.size() != 3) break;
            std::vector<std::size_t> before, in, out;
            if (!cells({r.parts[0]}, before) || !cells({r.parts[1]}, in) || !cells({r.parts[2]}, out)) break;
            std::vector<std::size_t> now_and_out = total, before_and_in = before;
            now_and_out.insert(now_and_out.end(), out.begin(), out.end());
            before_and_in.insert(before_and_in.end(), in.begin(), in.end());
            if (add(terms(now_and_out, before_and_in), true, why_index)) break;
            // Those looked after now were looked after before or came in; those looked after
            // before and still looked after did not go out.
            add(terms(total, before_and_in), false, why_index);
            std::vector<std::size_t> now_and_out_side = total;
            now_and_out_side.insert(now_and_out_side.end(), out.begin(), out.end());
            add(terms(before, now_and_out_side), false, why_index);
            break;
        }
        }
    }

    // The cells a ratio's term adds up: a measure's Total, or the listed categories.
    bool term_cells(std::string_view key, std::string_view categories, std::size_t p, std::vector<std::size_t>& out) const {
        std::vector<CellRef> refs;
        if (categories.empty()) refs.push_back({std::string(key), "Total", p});
        for (std::size_t at = 0; at < categories.size();) {
            std::size_t end = categories.find(' ', at);
            if (end == std::string_view::npos) end = categories.size();
            if (end > at) refs.push_back({std::string(key), std::string(categories.substr(at, end - at)), p});
            at = end + 1;
        }
        return cells(refs, out);
    }

    void inequalities() {
        for (const MeasureDef& def : measure_catalogue()) {
            const Measure* m = set_.find(def.key);
            // A category of an overlapping breakdown is at most the Total it lies within.
            if (m && def.overlapping && !def.within.empty() && def.is_count()) {
                const CellName base = share_base(def);
                const std::size_t why_index = why(std::string(def.key) + " within " + base.measure);
                for (std::size_t p = 0; p < set_.period_count(); ++p) {
                    std::vector<std::size_t> whole;
                    if (!cells({{base.measure, base.category, p}}, whole) || whole.empty()) continue;
                    for (const std::string& c : m->categories) {
                        std::vector<std::size_t> part;
                        if (cells({{m->key, c, p}}, part)) add(terms(part, whole), false, why_index);
                    }
                }
            }
            // A percentage's numerator is part of its denominator.
            const RatioDef& r = def.ratio;
            if (!def.is_percent() || !def.is_ratio() || r.denominator.empty() || r.denominator == "population_0_17" ||
                r.year_mean_of_quarters)
                continue;
            const std::size_t why_index = why(std::string(r.numerator) + " within " + std::string(r.denominator) + " (" +
                                              std::string(def.key) + ")");
            for (std::size_t p = 0; p < set_.period_count(); ++p) {
                std::vector<std::size_t> numerator, denominator, less;
                if (!term_cells(r.numerator, r.numerator_categories, p, numerator) ||
                    !term_cells(r.denominator, r.denominator_categories, p, denominator) ||
                    (!r.denominator_less.empty() && !term_cells(r.denominator_less, {}, p, less)))
                    continue;
                if (numerator.empty() || denominator.empty()) continue;
                numerator.insert(numerator.end(), less.begin(), less.end());
                add(terms(numerator, denominator), false, why_index);
            }
        }
    }

    DisclosureSystem finish() {
        for (std::size_t i = 0; i < system_.cells.size(); ++i) {
            const CellRef& r = system_.cells[i].ref;
            system_.index.emplace(std::tuple(r.measure, r.category, r.quarter), i);
        }
        system_.rows_of_cell.assign(system_.cells.size(), {});
        for (std::size_t r = 0; r < system_.rows.size(); ++r)
            for (const auto& t : system_.rows[r].terms) system_.rows_of_cell[t.cell].push_back(r);
        return std::move(system_);
    }

private:
    const MeasureSet& set_;
    CellIndex index_;
    DisclosureSystem system_;
};

// The cells a reader knows from elsewhere.
std::vector<char> known_cells(const DisclosureSystem& system, const std::vector<CellRef>& refs) {
    std::vector<char> out(system.cells.size(), 0);
    for (const CellRef& ref : refs)
        if (const std::optional<std::size_t> id = system.find(ref)) out[*id] = 1;
    return out;
}

// Whether each system cell is unknown to a reader of the set as it is now: suppressed, and not
// known from elsewhere.
std::vector<char> suppressed_cells(const MeasureSet& set, const DisclosureSystem& system, const std::vector<char>& known) {
    std::vector<char> out(system.cells.size(), 0);
    const Measure* m = nullptr;
    for (std::size_t i = 0; i < system.cells.size(); ++i) {
        const CellRef& ref = system.cells[i].ref;
        if (!m || m->key != ref.measure) m = set.find(ref.measure);
        const int c = m ? m->category_index(ref.category) : -1;
        // A cell the edition does not have at all (a code coarsening combined) is unknown to its
        // reader, like a `c` or an `x`.
        const char symbol = c < 0 ? 'x' : m->symbol(static_cast<std::size_t>(c), ref.quarter);
        out[i] = !known[i] && (symbol == 'c' || symbol == 'x');
    }
    return out;
}

// Which unknown cells a reader knows to be at least 1: the `c`s (not an `x`, which may be 0), and
// those the DfE's own publication shows as `c` (`positive`).
std::vector<char> at_least_one_cells(const MeasureSet& set, const DisclosureSystem& system, const std::vector<char>& suppressed,
                                     const std::vector<char>& positive) {
    std::vector<char> out(system.cells.size(), 0);
    for (std::size_t i = 0; i < system.cells.size(); ++i) {
        if (!suppressed[i]) continue;
        if (positive[i]) {
            out[i] = 1;
            continue;
        }
        const CellRef& ref = system.cells[i].ref;
        const Measure* m = set.find(ref.measure);
        const int c = m ? m->category_index(ref.category) : -1;
        out[i] = c >= 0 && m->symbol(static_cast<std::size_t>(c), ref.quarter) == 'c';
    }
    return out;
}

struct Disjoint {
    std::vector<std::size_t> parent;
    explicit Disjoint(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void join(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

struct GlpkProblem {
    glp_prob* lp;
    GlpkProblem() : lp(glp_create_prob()) {}
    ~GlpkProblem() { glp_delete_prob(lp); }
    GlpkProblem(const GlpkProblem&) = delete;
    GlpkProblem& operator=(const GlpkProblem&) = delete;
};

void quiet_glpk() {
    static const bool once = [] {
        glp_term_out(GLP_OFF);
        return true;
    }();
    (void)once;
}

// Loads rows of (column, coefficient) pairs, 1-based as GLPK wants them.
void load_matrix(glp_prob* lp, const std::vector<std::vector<std::pair<int, double>>>& rows) {
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0};
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (const auto& [col, coef] : rows[r]) {
            ia.push_back(static_cast<int>(r) + 1);
            ja.push_back(col);
            ar.push_back(coef);
        }
    glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
}

// The smallest or largest whole value of column `col`: the linear program first, and the integer
// program only when the linear optimum is not already whole. Nothing when unbounded; `proved`
// is false when the solver could not finish (the caller then treats the cell as unsafe).
std::optional<double> bound(glp_prob* lp, int col, bool maximise, std::size_t& problems, bool& proved) {
    const int n = glp_get_num_cols(lp);
    for (int j = 1; j <= n; ++j) glp_set_obj_coef(lp, j, j == col ? 1.0 : 0.0);
    glp_set_obj_dir(lp, maximise ? GLP_MAX : GLP_MIN);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    ++problems;
    if (glp_simplex(lp, &parm) != 0) {
        glp_adv_basis(lp, 0);
        if (glp_simplex(lp, &parm) != 0) {
            proved = false;
            return std::nullopt;
        }
    }
    const int status = glp_get_status(lp);
    if (status == GLP_UNBND) return std::nullopt;
    if (status != GLP_OPT) {
        proved = false;
        return std::nullopt;
    }
    bool whole = true;
    for (int j = 1; j <= n && whole; ++j) {
        const double x = glp_get_col_prim(lp, j);
        whole = std::fabs(x - std::round(x)) < kTolerance;
    }
    if (whole) return std::round(glp_get_obj_val(lp));
    glp_iocp iparm;
    glp_init_iocp(&iparm);
    iparm.msg_lev = GLP_MSG_OFF;
    iparm.presolve = GLP_ON;
    iparm.gmi_cuts = GLP_ON;
    iparm.mir_cuts = GLP_ON;
    iparm.tm_lim = 10000;
    ++problems;
    if (glp_intopt(lp, &iparm) != 0 || glp_mip_status(lp) != GLP_OPT) {
        proved = false;
        return std::nullopt;
    }
    return std::round(glp_mip_obj_val(lp));
}

struct AuditedCell {
    std::size_t id;
    double low;
    std::optional<double> high;
    bool proved = true;
};

// The bounds of every suppressed cell (with `only`, of the cells it marks), component by component.
// The largest value is solved first; where it is already `enough` values above the true figure,
// the range is wide enough whatever the smallest, which is then not solved (`low` is left at
// the true figure).
// `at_least_one`, when given, marks the unknown cells known to be at least 1; by default every
// suppressed cell is (a `c` is 1 or more).
std::vector<AuditedCell> audit_cells(const DisclosureSystem& system, const std::vector<char>& suppressed,
                                     std::size_t& problems, const std::vector<char>* only = nullptr,
                                     double enough = std::numeric_limits<double>::infinity(),
                                     const std::vector<char>* at_least_one = nullptr) {
    quiet_glpk();
    const std::size_t n = system.cells.size();
    Disjoint parts(n);
    for (const auto& row : system.rows) {
        std::size_t first = npos;
        for (const auto& t : row.terms)
            if (suppressed[t.cell]) {
                if (first == npos) first = t.cell;
                else parts.join(first, t.cell);
            }
    }
    std::vector<std::vector<std::size_t>> members(n);
    for (std::size_t i = 0; i < n; ++i)
        if (suppressed[i]) members[parts.find(i)].push_back(i);
    std::vector<std::vector<std::size_t>> rows_of(n);
    for (std::size_t r = 0; r < system.rows.size(); ++r)
        for (const auto& t : system.rows[r].terms)
            if (suppressed[t.cell]) {
                rows_of[parts.find(t.cell)].push_back(r);
                break;
            }

    std::vector<AuditedCell> out;
    for (std::size_t root = 0; root < n; ++root) {
        const std::vector<std::size_t>& cells = members[root];
        if (cells.empty() || (only && std::none_of(cells.begin(), cells.end(), [&](std::size_t id) { return (*only)[id]; })))
            continue;
        auto lowest = [&](std::size_t id) {
            return at_least_one && !(*at_least_one)[id] ? 0.0 : std::min(1.0, system.cells[id].value);
        };
        if (rows_of[root].empty()) {
            for (std::size_t id : cells) out.push_back({id, lowest(id), std::nullopt});
            continue;
        }
        GlpkProblem problem;
        glp_prob* lp = problem.lp;
        std::vector<int> column(0);
        std::vector<std::pair<std::size_t, int>> col_of;  // (cell, column), sorted by cell
        glp_add_cols(lp, static_cast<int>(cells.size()));
        for (std::size_t k = 0; k < cells.size(); ++k) {
            col_of.emplace_back(cells[k], static_cast<int>(k) + 1);
            glp_set_col_bnds(lp, static_cast<int>(k) + 1, GLP_LO, lowest(cells[k]), 0);
            glp_set_col_kind(lp, static_cast<int>(k) + 1, GLP_IV);
        }
        auto col = [&](std::size_t id) {
            return std::lower_bound(col_of.begin(), col_of.end(), std::pair(id, 0))->second;
        };
        std::vector<std::vector<std::pair<int, double>>> matrix;
        glp_add_rows(lp, static_cast<int>(rows_of[root].size()));
        for (std::size_t r : rows_of[root]) {
            const auto& row = system.rows[r];
            double constant = 0;
            std::vector<std::pair<int, double>> entries;
            for (const auto& t : row.terms) {
                if (suppressed[t.cell]) entries.emplace_back(col(t.cell), t.coef);
                else constant += t.coef * system.cells[t.cell].value;
            }
            const int i = static_cast<int>(matrix.size()) + 1;
            if (row.equal) glp_set_row_bnds(lp, i, GLP_FX, -constant, -constant);
            else glp_set_row_bnds(lp, i, GLP_UP, 0, -constant);
            matrix.push_back(std::move(entries));
        }
        load_matrix(lp, matrix);
        for (std::size_t k = 0; k < cells.size(); ++k) {
            if (only && !(*only)[cells[k]]) continue;
            AuditedCell a{cells[k], lowest(cells[k]), std::nullopt};
            const double value = system.cells[cells[k]].value;
            a.high = bound(lp, static_cast<int>(k) + 1, true, problems, a.proved);
            if (a.proved && (!a.high || *a.high - value + 1 >= enough)) {
                a.low = value;
            } else if (const std::optional<double> low = bound(lp, static_cast<int>(k) + 1, false, problems, a.proved)) {
                a.low = *low;
            }
            out.push_back(a);
        }
    }
    std::sort(out.begin(), out.end(), [](const AuditedCell& a, const AuditedCell& b) { return a.id < b.id; });
    return out;
}

std::size_t rule_width(const DisclosureOptions& options) {
    return static_cast<std::size_t>(std::max(1.0, options.smallest_shown - 1));
}

bool too_narrow(const AuditedCell& a, double width) {
    return !a.proved || (a.high && *a.high - a.low + 1 < width - kTolerance);
}

// The cells within `depth` relations of `start` (all connected cells for depth npos).
std::vector<std::size_t> neighbourhood(const DisclosureSystem& system, std::size_t start, std::size_t depth) {
    std::vector<std::size_t> level(system.cells.size(), npos);
    std::vector<std::size_t> frontier{start}, out{start};
    level[start] = 0;
    for (std::size_t d = 0; d < depth && !frontier.empty(); ++d) {
        std::vector<std::size_t> next;
        for (std::size_t id : frontier)
            for (std::size_t r : system.rows_of_cell[id])
                for (const auto& t : system.rows[r].terms)
                    if (level[t.cell] == npos) {
                        level[t.cell] = d + 1;
                        next.push_back(t.cell);
                        out.push_back(t.cell);
                    }
        frontier = std::move(next);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// How many values each cell must keep: the rule's, or fewer where the figures a reader knows from
// elsewhere (the DfE's publication) already allow fewer whatever careboard publishes. That is
// worked out with every cell careboard counts unknown (at least 1 where the truth is), the known
// ones fixed, once per cell, since careboard's suppression does not change it.
class Requirement {
public:
    Requirement(const DisclosureSystem& system, const std::vector<char>& known, const std::vector<char>& positive,
                std::size_t width)
        : system_(system), known_(known), positive_(positive), width_(static_cast<double>(width)),
          any_known_(std::find(known.begin(), known.end(), 1) != known.end()) {}

    // Works out, together, what the known figures alone leave of each cell listed.
    void prepare(const std::vector<AuditedCell>& cells, std::size_t& problems) {
        if (!any_known_) return;
        std::vector<char> wanted(system_.cells.size(), 0), unknown(system_.cells.size(), 0);
        bool any = false;
        for (const AuditedCell& a : cells) {
            if (cache_.count(a.id) || !careboard::too_narrow(a, width_)) continue;
            // Known figures far from the cell do not narrow it: those within three relations are
            // looked for first (holding a cell to the full rule is the safe side).
            const std::vector<std::size_t> near = neighbourhood(system_, a.id, 3);
            if (std::none_of(near.begin(), near.end(), [&](std::size_t id) { return known_[id] != 0; })) {
                cache_.emplace(a.id, width_);
                continue;
            }
            wanted[a.id] = any = true;
        }
        if (!any) return;
        for (std::size_t i = 0; i < unknown.size(); ++i) unknown[i] = !known_[i];
        // Without careboard's edition a reader knows no cell is at least 1 except those the known
        // figures mark so (the DfE's own `c`): careboard's `c` says that, and is its own doing.
        for (const AuditedCell& a : audit_cells(system_, unknown, problems, &wanted, width_, &positive_))
            cache_[a.id] = a.proved && a.high ? std::min(width_, *a.high - a.low + 1) : width_;
    }

    double values(std::size_t id) const {
        const auto hit = cache_.find(id);
        return hit == cache_.end() ? width_ : hit->second;
    }

    // Call prepare() with the cell first.
    bool too_narrow(const AuditedCell& a) const { return careboard::too_narrow(a, values(a.id)); }

private:
    const DisclosureSystem& system_;
    const std::vector<char>& known_;
    const std::vector<char>& positive_;
    double width_;
    bool any_known_;
    std::map<std::size_t, double> cache_;
};


// A deviation of the table that keeps every relation and moves `target` by `amount` (up when
// positive), at the least cost of published cells moved; returns those cells, or nothing when no
// such deviation exists among `cells`.
struct Deviation {
    double cost = 0;
    std::vector<std::size_t> moved;  // the published cells it moves
};
std::optional<Deviation> deviation(const DisclosureSystem& system, const std::vector<char>& suppressed,
                                   const std::vector<char>& at_least_one, const std::vector<char>& known,
                                   const std::vector<std::size_t>& cells, std::size_t target, double amount) {
    GlpkProblem problem;
    glp_prob* lp = problem.lp;
    const int n = static_cast<int>(cells.size());
    glp_add_cols(lp, 2 * n);  // column 2k+1 moves cell k up, 2k+2 down
    std::vector<char> inside(system.cells.size(), 0);
    for (std::size_t id : cells) inside[id] = 1;
    auto col_of = [&](std::size_t id) { return static_cast<int>(std::lower_bound(cells.begin(), cells.end(), id) - cells.begin()); };
    for (int k = 0; k < n; ++k) {
        const std::size_t id = cells[static_cast<std::size_t>(k)];
        const double value = system.cells[id].value;
        const int up = 2 * k + 1, down = 2 * k + 2;
        // Any other cell may go down to 1 (a `c` is at least 1), an `x` to 0.
        const double room_down = suppressed[id] && !at_least_one[id] ? value : value >= 1 ? value - 1 : 0;
        // Published zeros stay published, and a figure the reader knows from elsewhere stays known.
        if ((value < 1 && !suppressed[id]) || known[id]) {
            glp_set_col_bnds(lp, up, GLP_FX, 0, 0);
            glp_set_col_bnds(lp, down, GLP_FX, 0, 0);
        } else {
            glp_set_col_bnds(lp, up, GLP_LO, 0, 0);
            if (room_down > 0) glp_set_col_bnds(lp, down, GLP_DB, 0, room_down);
            else glp_set_col_bnds(lp, down, GLP_FX, 0, 0);
        }
        if (id == target) {
            if (amount > 0) {
                glp_set_col_bnds(lp, up, GLP_LO, amount, 0);
                glp_set_col_bnds(lp, down, GLP_FX, 0, 0);
            } else {
                if (room_down + kTolerance < -amount) return std::nullopt;
                glp_set_col_bnds(lp, up, GLP_FX, 0, 0);
                glp_set_col_bnds(lp, down, GLP_DB, -amount, room_down);
            }
        }
        // Moving a suppressed cell costs nothing. A published one costs one per cell moved and more
        // for a larger cell (more of what readers want to see is lost), and ten times as much for
        // a headline Total (the children looked after, those who started): few cells, small ones,
        // never the headline when a breakdown's cell will do.
        const double cost = suppressed[id] ? 0.0 : (1.0 + std::log1p(value)) * (system.cells[id].headline ? 10.0 : 1.0);
        glp_set_obj_coef(lp, up, cost);
        glp_set_obj_coef(lp, down, cost);
    }
    std::vector<std::size_t> rows;
    for (std::size_t id : cells)
        for (std::size_t r : system.rows_of_cell[id]) rows.push_back(r);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<std::vector<std::pair<int, double>>> matrix;
    glp_add_rows(lp, static_cast<int>(rows.size()));
    for (std::size_t r : rows) {
        const auto& row = system.rows[r];
        double slack = 0;
        std::vector<std::pair<int, double>> entries;
        for (const auto& t : row.terms) {
            slack -= t.coef * system.cells[t.cell].value;
            if (!inside[t.cell]) continue;
            const int k = col_of(t.cell);
            entries.emplace_back(2 * k + 1, t.coef);
            entries.emplace_back(2 * k + 2, -t.coef);
        }
        const int i = static_cast<int>(matrix.size()) + 1;
        if (row.equal) glp_set_row_bnds(lp, i, GLP_FX, 0, 0);
        else glp_set_row_bnds(lp, i, GLP_UP, 0, std::max(0.0, slack));
        matrix.push_back(std::move(entries));
    }
    load_matrix(lp, matrix);
    glp_set_obj_dir(lp, GLP_MIN);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    if (glp_simplex(lp, &parm) != 0 || glp_get_status(lp) != GLP_OPT) return std::nullopt;
    Deviation out{glp_get_obj_val(lp), {}};
    for (int k = 0; k < n; ++k) {
        const std::size_t id = cells[static_cast<std::size_t>(k)];
        if (!suppressed[id] && glp_get_col_prim(lp, 2 * k + 1) + glp_get_col_prim(lp, 2 * k + 2) > kTolerance)
            out.moved.push_back(id);
    }
    return out;
}

// A code coarsening combined that is not held to the rule: in a quarter or a month (never
// published, and published by the DfE for whole years only), or one that is 0 (a zero is
// published as 0 anyway; docs/disclosure.md).
bool code_within_the_year(const MeasureSet& set, const DisclosureSystem& system, std::size_t id) {
    const CellRef& ref = system.cells[id].ref;
    return ref.measure.ends_with(kCombinedCodes) && (!set.is_year(ref.quarter) || system.cells[id].value < 1);
}

// The published cell that not publishing `ref` means: the cell itself, or for a code coarsening
// combined, its combined category's (c < 0: none).
std::pair<Measure*, int> published_cell(MeasureSet& set, const CellRef& ref) {
    if (const std::string key(coarsened_measure(ref.measure)); !key.empty()) {
        Measure* m = set.find(key);
        if (!m) return {nullptr, -1};
        const auto list = measure_def(key).category_codes();
        for (std::size_t c = 0; c < m->categories.size(); ++c) {
            const auto parts = codes::combined_codes(list, m->categories[c]);
            if (std::find(parts.begin(), parts.end(), std::string_view(ref.category)) != parts.end())
                return {m, static_cast<int>(c)};
        }
        return {nullptr, -1};
    }
    Measure* m = set.find(ref.measure);
    return {m, m ? m->category_index(ref.category) : -1};
}

// Publishes the cell `ref` means (published_cell) as `x`; false when there is none or it is one
// already.
bool publish_as_x(MeasureSet& set, const CellRef& ref, SuppressionReport& report) {
    const auto [m, c] = published_cell(set, ref);
    if (c < 0 || m->symbol(static_cast<std::size_t>(c), ref.quarter) == 'x') return false;
    m->set_symbol(static_cast<std::size_t>(c), ref.quarter, 'x');
    ++report.by_measure[m->key].secondary;
    return true;
}

void suppress(MeasureSet& set, const DisclosureSystem& system, std::size_t id, std::vector<char>& suppressed,
              SuppressionReport& report) {
    if (suppressed[id]) return;  // (a known cell is never chosen: its columns are fixed)
    const CellRef& ref = system.cells[id].ref;
    Measure* m = set.find(ref.measure);
    m->set_symbol(static_cast<std::size_t>(m->category_index(ref.category)), ref.quarter, 'c');
    suppressed[id] = 1;
    ++report.by_measure[ref.measure].secondary;
}

}  // namespace

std::optional<std::size_t> DisclosureSystem::find(const CellRef& ref) const {
    const auto it = index.find(std::tuple(ref.measure, ref.category, ref.quarter));
    if (it == index.end()) return std::nullopt;
    return it->second;
}

DisclosureSystem disclosure_system(const MeasureSet& set) {
    SystemBuilder builder(set);
    for (const Relation& r : disclosure_relations(set)) builder.relation(r);
    builder.inequalities();
    return builder.finish();
}

std::vector<CellRef> known_from_edition(const MeasureSet& counted, const MeasureSet& previous) {
    std::map<std::pair<Date, Date>, std::size_t> period_of;
    for (std::size_t p = 0; p < counted.period_count(); ++p) period_of.emplace(std::pair(counted.period_start(p), counted.period_end(p)), p);
    std::vector<CellRef> out;
    for (const Measure& old : previous.measures) {
        const Measure* m = counted.find(old.key);
        if (!m || !measure_def(old.key).is_count()) continue;
        for (std::size_t oc = 0; oc < old.categories.size(); ++oc) {
            const int c = m->category_index(old.categories[oc]);
            if (c < 0) continue;
            for (std::size_t op = 0; op < previous.period_count() && op < old.values[oc].size(); ++op) {
                const auto it = period_of.find(std::pair(previous.period_start(op), previous.period_end(op)));
                if (it == period_of.end() || old.symbol(oc, op) || !old.values[oc][op]) continue;
                const std::optional<double> now = m->values[static_cast<std::size_t>(c)][it->second];
                if (now && *now == *old.values[oc][op]) out.push_back({m->key, m->categories[static_cast<std::size_t>(c)], it->second});
            }
        }
    }
    return out;
}

DisclosureAudit audit_disclosure(const MeasureSet& truth, const MeasureSet& set, const DisclosureOptions& given) {
    // The public edition shows codes outside their list as one category, and rare codes
    // combined: so does the truth.
    MeasureSet shown = truth, merged;
    DisclosureOptions options = given;
    public_categories(shown, merged, options);
    return audit_disclosure(set, disclosure_system(merged), options);
}

DisclosureAudit audit_disclosure(const MeasureSet& set, const DisclosureSystem& system, const DisclosureOptions& options) {
    DisclosureAudit audit;
    audit.width = rule_width(options);
    const std::vector<char> known = known_cells(system, options.known);
    const std::vector<char> positive = known_cells(system, options.known_positive);
    const std::vector<char> suppressed = suppressed_cells(set, system, known);
    for (std::size_t i = 0; i < known.size(); ++i) {
        const CellRef& ref = system.cells[i].ref;
        const Measure* m = known[i] ? set.find(ref.measure) : nullptr;
        const int c = m ? m->category_index(ref.category) : -1;
        audit.known += c >= 0 && m->symbol(static_cast<std::size_t>(c), ref.quarter) == 'c';
    }
    Requirement requirement(system, known, positive, audit.width);
    const std::vector<char> at_least_one = at_least_one_cells(set, system, suppressed, positive);
    const std::vector<AuditedCell> cells =
        audit_cells(system, suppressed, audit.problems, nullptr, static_cast<double>(audit.width), &at_least_one);
    requirement.prepare(cells, audit.problems);
    for (const AuditedCell& a : cells) {
        // (a combined code, never published, is audited but not counted as a suppressed figure)
        if (!system.cells[a.id].ref.measure.ends_with(kCombinedCodes)) ++audit.suppressed;
        if (!a.high && a.proved) ++audit.unbounded;
        if (too_narrow(a, static_cast<double>(audit.width)) && !requirement.too_narrow(a)) ++audit.narrowed_by_known;
        if (!requirement.too_narrow(a) || code_within_the_year(set, system, a.id)) continue;
        const DisclosureSystem::Cell& cell = system.cells[a.id];
        CellRange range{cell.ref, set.period_label(cell.ref.quarter), cell.value, a.low, a.proved ? a.high : a.low, {}};
        if (!system.rows_of_cell[a.id].empty()) range.relation = system.why[system.rows[system.rows_of_cell[a.id].front()].relation];
        audit.narrow.push_back(std::move(range));
    }
    return audit;
}

bool protect_by_linear_programming(const MeasureSet& truth, MeasureSet& set, const DisclosureOptions& options,
                                   SuppressionReport& report) {
    bool any = false;
    quiet_glpk();
    const DisclosureSystem system = disclosure_system(truth);
    const std::size_t width = rule_width(options);
    const std::vector<char> known = known_cells(system, options.known);
    const std::vector<char> positive = known_cells(system, options.known_positive);
    std::vector<char> suppressed = suppressed_cells(set, system, known);
    Requirement requirement(system, known, positive, width);
    // Hiding a cell only widens the others' ranges (a figure the reader knew becomes one more
    // unknown), so after the first round only the cells still too narrow and those newly hidden
    // are audited again.
    std::vector<char> pending = suppressed;
    const bool any_known = std::find(known.begin(), known.end(), 1) != known.end();
    std::vector<char> looked_at(system.cells.size(), 0);  // checked for the widest range it could have
    std::size_t widen = 0;  // relations around a cell x does not protect that are not published
    for (int round = 0; round < 50; ++round) {
        std::size_t problems = 0;
        std::vector<AuditedCell> narrow;
        std::vector<char> at_least_one = at_least_one_cells(set, system, suppressed, positive);
        const std::vector<AuditedCell> cells =
            audit_cells(system, suppressed, problems, &pending, static_cast<double>(width), &at_least_one);
        requirement.prepare(cells, problems);
        for (const AuditedCell& a : cells)
            if (requirement.too_narrow(a) && !code_within_the_year(set, system, a.id)) narrow.push_back(a);
        if (narrow.empty()) return any;
        if (any_known) {
            // Figures readers know from elsewhere (the DfE's year, an earlier edition) can pin a
            // cell whatever is hidden around it: a year of 7 whose four quarters are all `c`, each
            // at least 1, leaves each 1 to 4. Such a cell, checked with every cell within three
            // relations hidden too, is published as `x` (not published, possibly 0) at once,
            // rather than hiding more (a headline among them) to no purpose.
            bool any_x = false;
            for (AuditedCell& a : narrow) {
                if (looked_at[a.id]) continue;
                looked_at[a.id] = 1;
                const std::vector<std::size_t> near = neighbourhood(system, a.id, 3);
                if (std::none_of(near.begin(), near.end(), [&](std::size_t id) { return known[id] != 0; })) continue;
                std::vector<char> hidden = suppressed, positive_now = at_least_one, wanted(system.cells.size(), 0);
                for (std::size_t id : near)
                    if (!known[id] && !hidden[id] && system.cells[id].value >= 1) hidden[id] = positive_now[id] = 1;
                wanted[a.id] = 1;
                const std::vector<AuditedCell> widest =
                    audit_cells(system, hidden, problems, &wanted, static_cast<double>(width), &positive_now);
                if (widest.empty() || !requirement.too_narrow(widest.front())) continue;
                if (publish_as_x(set, system.cells[a.id].ref, report)) any_x = any = true;
            }
            if (any_x) {
                // Audited again with the `x`s, which widen their neighbours too.
                pending.assign(suppressed.size(), 0);
                for (const AuditedCell& a : narrow) pending[a.id] = 1;
                continue;
            }
        }
        const std::vector<char> before = suppressed;
        bool changed = false;
        std::vector<char> touched(system.cells.size(), 0);  // near a cell this round hid
        for (const AuditedCell& a : narrow) {
            // A cell beside one this round has hidden is audited again first: that may be enough.
            if (touched[a.id]) continue;
            const double value = system.cells[a.id].value;
            const double spread = requirement.values(a.id) - 1;
            // The cell can already move from a.low to a.high: widen the range on the side where
            // that costs least, up (from the room below) or down (from the room above, to 1).
            std::vector<std::vector<double>> plans;  // each: the moves that together give the spread
            if (a.proved && a.high) {
                plans.push_back({spread - (value - a.low)});
                if (value - 1 >= spread - (*a.high - value)) plans.push_back({-(spread - (*a.high - value))});
            } else {
                const double down = std::min(std::max(value - 1, 0.0), std::floor(spread / 2));
                plans.push_back({spread - down, -down});
            }
            std::optional<Deviation> best;
            for (const std::vector<double>& plan : plans) {
                Deviation total;
                bool feasible = true;
                for (const double amount : plan) {
                    if (amount == 0) continue;
                    std::optional<Deviation> d;
                    for (const std::size_t depth : {std::size_t{3}, std::size_t{6}, std::size_t{10}}) {
                        d = deviation(system, suppressed, at_least_one, known, neighbourhood(system, a.id, depth), a.id, amount);
                        if (d) break;
                    }
                    if (!d) {
                        feasible = false;
                        break;
                    }
                    total.cost += d->cost;
                    total.moved.insert(total.moved.end(), d->moved.begin(), d->moved.end());
                }
                if (feasible && (!best || total.cost < best->cost - kTolerance)) best = std::move(total);
            }
            if (!best) continue;
            for (std::size_t id : best->moved) {
                for (std::size_t near : neighbourhood(system, id, 2)) touched[near] = 1;
                changed = changed || !suppressed[id];
                any = any || !suppressed[id];
                if (!suppressed[id]) at_least_one[id] = 1;
                suppress(set, system, id, suppressed, report);
            }
        }
        auto next_pending = [&] {
            pending.assign(suppressed.size(), 0);
            for (const AuditedCell& a : narrow) pending[a.id] = 1;
            for (std::size_t i = 0; i < suppressed.size(); ++i)
                if (suppressed[i] && !before[i]) pending[i] = 1;
        };
        if (changed) {
            next_pending();
            continue;
        }
        // The linear programs allow fractions the whole-number audit does not: hide the smallest
        // published cell above 0 of each relation of each cell that is still too narrow.
        for (const AuditedCell& a : narrow)
            for (std::size_t r : system.rows_of_cell[a.id]) {
                std::size_t choice = npos;
                // A headline Total only when the relation has no other cell to hide.
                auto better = [&](std::size_t id) {
                    if (choice == npos) return true;
                    const auto& x = system.cells[id];
                    const auto& y = system.cells[choice];
                    return std::pair(x.headline, x.value) < std::pair(y.headline, y.value);
                };
                for (const auto& t : system.rows[r].terms)
                    if (!suppressed[t.cell] && !known[t.cell] && system.cells[t.cell].value >= 1 && better(t.cell))
                        choice = t.cell;
                if (choice != npos) {
                    at_least_one[choice] = 1;
                    suppress(set, system, choice, suppressed, report);
                    changed = any = true;
                }
            }
        if (!changed) {
            // Nothing left to hide, and still too narrow: the `c`s themselves tell too much (a
            // year the DfE publishes as 7 with four small quarters: each quarter at least 1, so
            // at most 4). Such a cell is not published at all, `x`: it may then be 0.
            for (const AuditedCell& a : narrow)
                if (publish_as_x(set, system.cells[a.id].ref, report)) changed = any = true;
            if (!changed && widen < 4) {
                // Still too narrow with the cell itself `x`: what pins it lies around it (known
                // figures with published ones). Every figure within `widen` relations of it that
                // readers do not know from elsewhere is not published either, one relation
                // further each time; with all of them unpublished a cell has what the known
                // figures alone leave, which the rule holds it to, so this ends.
                ++widen;
                for (const AuditedCell& a : narrow)
                    for (std::size_t id : neighbourhood(system, a.id, widen)) {
                        if (known[id] || !publish_as_x(set, system.cells[id].ref, report)) continue;
                        suppressed[id] = 1;  // (a published figure, or a `c`, as it was)
                        changed = any = true;
                    }
            }
            if (!changed) return any;  // the audit reports what remains
        }
        next_pending();
    }
    return any;
}

}  // namespace careboard
