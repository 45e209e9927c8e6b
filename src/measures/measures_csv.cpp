#include "measures/measures_csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <span>
#include <tuple>

#include "benchmarks/benchmarks.hpp"
#include "core/format.hpp"
#include "ingest/codes.hpp"
#include "ingest/csv_table.hpp"

namespace careboard {
namespace {
// The longest window a measures.csv gives (the config's [window] quarters allows as many).
constexpr int kMostQuarters = 40;

// A breakdown's categories in an order that does not depend on the order of the file's rows, so
// that what careboard writes it reads back the same. A coded breakdown's are in the order
// counting gives them: Total, the codes in their list's order (a combined category at its first
// code's place), other codes alphabetically, "not recorded" last. Any other breakdown's (the authority's own labels, in the config's order; an
// unknown measure's) keep the file's order, except that a category is put after those with a
// figure in an earlier period: written out period by period, a category first seen in a later
// period is read back after them.
void order_categories(Measure& m) {
    const MeasureDef* def = find_measure_def(m.key);
    const bool coded = def && def->has_codes() && def->breakdown == CategoryKind::codes;
    const auto list = coded ? def->category_codes() : std::span<const codes::Code>{};
    auto first_period = [&](std::size_t c) {
        for (std::size_t p = 0; p < m.values[c].size(); ++p)
            if (m.values[c][p] || m.symbol(c, p)) return static_cast<int>(p);
        return static_cast<int>(m.values[c].size());
    };
    auto rank = [&](std::size_t i) {
        const std::string& c = m.categories[i];
        if (c == "Total") return std::tuple<int, int, std::string>{0, 0, {}};
        if (!coded) return std::tuple<int, int, std::string>{1, first_period(i), {}};
        if (c == codes::not_recorded) return std::tuple<int, int, std::string>{3, 0, {}};
        int p = codes::position_of(list, c);
        // A combined category (coarsening) at its first code's place.
        if (const auto parts = codes::combined_codes(list, c); p < 0 && !parts.empty()) p = codes::position_of(list, parts.front());
        if (p >= 0) return std::tuple<int, int, std::string>{1, p, {}};
        return std::tuple<int, int, std::string>{2, 0, c};
    };
    std::vector<std::size_t> order(m.categories.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
    // Symbols are kept only up to the last category that has one: one row per category here.
    if (!m.symbols.empty()) m.symbols.resize(m.categories.size());
    Measure sorted = m;
    for (std::size_t i = 0; i < order.size(); ++i) {
        sorted.categories[i] = m.categories[order[i]];
        sorted.values[i] = m.values[order[i]];
        if (!m.symbols.empty()) sorted.symbols[i] = m.symbols[order[i]];
    }
    m = std::move(sorted);
}
}  // namespace


std::string write_measures_csv(const MeasureSet& set) {
    std::string out = "area_code,period_start,period_end,measure,category,value\n";
    for (const Measure& m : set.measures) {
        for (std::size_t q = 0; q < set.period_count(); ++q) {
            // A year's figure at a date is its 31 March's: the row of its quarter 4 when the
            // window has that quarter.
            if (set.is_year(q) && m.kind == PeriodKind::at_date &&
                set.quarter_period_of(Quarter{set.years[q - set.quarters.size()], 4}))
                continue;
            // Likewise a month's figure at a date, when the month ends one of the window's quarters.
            if (set.is_month(q) && m.kind == PeriodKind::at_date &&
                set.quarter_period_of(Quarter::containing(set.period_end(q))) &&
                Quarter::containing(set.period_end(q)).end() == set.period_end(q))
                continue;
            const std::string start = m.kind == PeriodKind::at_date ? set.period_end(q).iso() : set.period_start(q).iso();
            const std::string end = set.period_end(q).iso();
            for (std::size_t c = 0; c < m.categories.size(); ++c) {
                const std::optional<double>& v = m.values[c][q];
                const char symbol = m.symbol(c, q);
                if (!v && !symbol) continue;
                out += csv_cell(set.area_code) + ',' + start + ',' + end + ',' + m.key + ',' + csv_cell(m.categories[c]) + ',' +
                       (v ? format_plain(*v, m.decimals) : std::string(1, symbol)) + '\n';
            }
        }
    }
    // England's, the region's and the statistical neighbours' published figures, as published.
    if (set.benchmarks)
        for (const BenchmarkRow& r : benchmark_rows(*set.benchmarks))
            out += csv_cell(r.area_code) + ',' + r.period_start.iso() + ',' + r.period_end.iso() + ',' + r.measure + ',' +
                   csv_cell(r.category) + ',' + r.value + '\n';
    return out;
}

std::string write_measure_guide_csv(const MeasureSet& set) {
    std::string out = "measure,label,unit,period,decimals,sums_to_measure,sums_to_category,groups_into,overlapping,"
                      "stock_in,stock_out,numerator,numerator_categories,denominator,denominator_categories,"
                      "denominator_less,hidden_with,average_of,within\n";
    for (const Measure& m : set.measures) {
        const MeasureDef& def = measure_def(m.key);
        const CellName whole = def.sums_to.empty() ? CellName{} : sums_to_cell(def);
        std::string in, outflow;
        for (const StockFlow& sf : stock_flows())
            if (sf.stock == m.key) {
                in = sf.in;
                outflow = sf.out;
            }
        out += csv_cell(m.key) + ',' + csv_cell(def.label.empty() ? std::string_view(m.key) : def.label) + ',' +
               std::string(unit_name(def.unit)) + ',' + std::string(period_kind_name(m.kind)) + ',' +
               std::to_string(m.decimals) + ',' + whole.measure + ',' + whole.category + ',' + std::string(def.groups_into) +
               ',' + (def.overlapping ? "true" : "false") + ',' + in + ',' + outflow + ',' +
               std::string(def.ratio.numerator) + ',' + std::string(def.ratio.numerator_categories) + ',' +
               std::string(def.ratio.denominator) + ',' + std::string(def.ratio.denominator_categories) + ',' +
               std::string(def.ratio.denominator_less) + ',' + std::string(def.hidden_with) + ',' +
               (def.ratio.year_mean_of_quarters ? "quarter_ends" : "") + ',' + std::string(def.within) + '\n';
    }
    return out;
}

std::string write_categories_csv(const MeasureSet& set) {
    std::string out = "measure,category,label,group\n";
    for (const Measure& m : set.measures) {
        const MeasureDef& def = measure_def(m.key);
        for (const std::string& c : m.categories) {
            const std::string group(category_group(def, c));
            out += csv_cell(m.key) + ',' + csv_cell(c) + ',' + csv_cell(category_label(m.key, c)) + ',' + group + '\n';
        }
    }
    return out;
}

namespace {

// A row of a measure careboard knows, for 31 March (a count at a date) or for the whole year
// ending 31 March (a count over a period): the shape of the benchmark rows write_measures_csv
// writes.
bool is_benchmark_row(const std::string& start_text, const std::string& end_text, const std::string& measure) {
    Date start, end;
    if (parse_date(start_text, start) != DateParse::ok || parse_date(end_text, end) != DateParse::ok) return false;
    if (end.month() != 3 || end.day() != 31 || !find_measure_def(measure)) return false;
    return measure_def(measure).period == PeriodKind::at_date ? start == end
                                                               : start == Date::from_ymd(end.year() - 1, 4, 1);
}

}  // namespace

std::vector<std::string> measures_csv_areas(std::string_view text, const std::string& file_name) {
    static constexpr std::array<const char*, 4> columns{"area_code", "period_start", "period_end", "measure"};
    Diagnostics scratch;
    const CsvTable table = read_csv(file_name, std::string(text), columns, scratch);
    std::vector<std::string> areas;
    std::set<std::string> seen;
    std::map<std::string, bool> own;  // area -> has a row that is not a benchmark row
    for (const CsvTable::Row& row : table.rows) {
        const auto& f = row.fields;
        if (f.size() < 4 || f[0].empty() || f[0].starts_with("#")) continue;
        const std::string area = csv_unguard(f[0]);
        if (seen.insert(area).second) areas.push_back(area);
        own[area] = own[area] || !is_benchmark_row(f[1], f[2], f[3]);
    }
    std::vector<std::string> out;
    for (const std::string& a : areas)
        if (own[a]) out.push_back(a);
    return out;
}

std::optional<MeasureSet> read_measures_csv(std::string_view text, const std::string& file_name,
                                            Diagnostics& diagnostics, const std::optional<std::string>& only_area) {
    static constexpr std::array<const char*, 6> columns{"area_code", "period_start", "period_end", "measure",
                                                        "category", "value"};
    const std::size_t errors_before = diagnostics.error_count();
    // Lines starting with '#' are notes (a symbols key, "not for publication", as older
    // measures.csv files have them above the header): blanked, so that line numbers in messages
    // stay those of the file.
    std::string body(text);
    for (std::size_t at = 0; at < body.size();) {
        const std::size_t end = std::min(body.find('\n', at), body.size());
        std::size_t first = at;
        if (at == 0 && body.compare(0, 3, "\xEF\xBB\xBF") == 0) first = 3;
        if (first < end && body[first] == '#')
            for (std::size_t i = first; i < end; ++i) body[i] = ' ';
        at = end + 1;
    }
    const CsvTable table = read_csv(file_name, body, columns, diagnostics);
    if (!table.readable) return std::nullopt;
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (!table.present[i]) diagnostics.error("E101", file_name, 1, 0, std::string("missing column '") + columns[i] + "'");
    if (diagnostics.error_count() > errors_before) return std::nullopt;

    // A row's period: a quarter (a flow over it, or a count at its end), a financial year (a
    // flow over it), or both for a count at 31 March, which is its year's figure too.
    enum class Shape { quarter_flow, at_date, year_flow, month_flow, month_end };
    auto is_at_a_date = [](Shape shape) { return shape == Shape::at_date || shape == Shape::month_end; };
    struct Row {
        std::string measure, category;
        Shape shape;
        Quarter quarter;  // the quarter, or for a year flow its quarter 4, or the month's quarter
        YearMonth month;  // for a month's rows, and a count at a quarter end (its month)
        double value;
        char symbol;  // 0 for a number
        int line;
    };
    struct UnknownMeasure {
        int line;  // of its first row
        bool at_a_date;
    };
    std::map<std::string, UnknownMeasure> unknown_measures;
    std::vector<Row> rows;
    std::string area = only_area.value_or("");
    struct OtherArea {
        std::string written;  // as in the file, for the message
        int line = 0, column = 0;
        bool benchmark = true;
    };
    std::map<std::string, OtherArea> other_areas;
    for (const CsvTable::Row& row : table.rows) {
        auto col = [&](int i) { return table.file_column[static_cast<std::size_t>(i)]; };
        const auto& f = row.fields;
        const std::string row_area = csv_unguard(f[0]);
        if (area.empty()) area = row_area;
        if (row_area != area) {
            // Benchmark rows (docs/benchmarks.md) are another area's published figures for 31
            // March or a whole year: a rebuild takes them again from the DfE files its config
            // names, so an area all of whose rows are of that shape is passed over without a
            // word. Any other area is warned about once, at its first row (below).
            OtherArea& other = other_areas.emplace(row_area, OtherArea{f[0], row.line, col(0), true}).first->second;
            other.benchmark = other.benchmark && is_benchmark_row(f[1], f[2], f[3]);
            continue;
        }
        Date start, end;
        bool ok = true;
        if (parse_date(f[1], start) != DateParse::ok) {
            diagnostics.error("E110", file_name, row.line, col(1), "period_start: expected an ISO date, found '" + f[1] + "'");
            ok = false;
        }
        if (parse_date(f[2], end) != DateParse::ok) {
            diagnostics.error("E110", file_name, row.line, col(2), "period_end: expected an ISO date, found '" + f[2] + "'");
            ok = false;
        }
        double value = 0;
        char symbol = 0;
        const auto parsed = std::from_chars(f[5].data(), f[5].data() + f[5].size(), value);
        if (f[5].size() == 1 && std::string_view("cxzku").find(f[5][0]) != std::string_view::npos) {
            symbol = f[5][0];  // a DfE symbol in place of a number
        } else if (f[5].empty() || parsed.ec != std::errc{} || parsed.ptr != f[5].data() + f[5].size() ||
                   !std::isfinite(value)) {
            diagnostics.error("E120", file_name, row.line, col(5),
                              "value: expected a number or one of the symbols c, x, z, k, u, found '" + f[5] + "'");
            ok = false;
        }
        if (f[3].empty()) {
            diagnostics.error("E121", file_name, row.line, col(3), "measure: is empty");
            ok = false;
        } else if (!symbol && ok) {
            // The catalogue's range for the measure: a negative count or 1e308 is a typo, never a
            // figure to publish. An unknown measure (W302) may be of any unit, so only its sign
            // and size are checked.
            if (const std::optional<std::string> expected = value_outside_range(find_measure_def(f[3]), value)) {
                diagnostics.error("E124", file_name, row.line, col(5),
                                  "value: " + f[3] + " is " + *expected + ", found '" + f[5] + "'");
                ok = false;
            }
        }
        if (!ok) continue;
        const Quarter q = Quarter::containing(end);
        const YearMonth month = YearMonth::containing(end);
        Shape shape = Shape::at_date;
        if (q.end() == end && start == end) shape = Shape::at_date;
        else if (q.end() == end && start == q.start()) shape = Shape::quarter_flow;
        else if (q.end() == end && q.q == 4 && start == Date::from_ymd(end.year() - 1, 4, 1)) shape = Shape::year_flow;
        else if (month.end() == end && start == end) shape = Shape::month_end;
        else if (month.end() == end && start == month.start()) shape = Shape::month_flow;
        else {
            diagnostics.error("E122", file_name, row.line, col(1),
                              "period: " + f[1] + " to " + f[2] +
                                  " is neither a quarter, a financial year (1 April to 31 March), a month nor the end of one");
            continue;
        }
        // A measure is counted at a date (children in care on 31 March) or over a period
        // (reviews held in a quarter), never both: a row of the other shape would be read as
        // another period's figure. The catalogue says which for a known measure; an unknown
        // one is what its first row is.
        const bool at_a_date = is_at_a_date(shape);
        const MeasureDef* def = find_measure_def(f[3]);
        if (!def && unknown_measures.emplace(f[3], UnknownMeasure{row.line, at_a_date}).second)
            diagnostics.warning("W302", file_name, row.line, col(3),
                                "measure: '" + f[3] + "' is not a measure careboard knows; its figures are treated as "
                                "counts of children (suppressed as any count is in the public edition)");
        const bool measure_at_a_date = def ? def->period == PeriodKind::at_date : unknown_measures.at(f[3]).at_a_date;
        if (at_a_date != measure_at_a_date) {
            const std::string said = def ? "is" : "is, by its first row (line " + std::to_string(unknown_measures.at(f[3]).line) + "),";
            diagnostics.error("E125", file_name, row.line, col(1),
                              "period: " + f[3] + " " + said +
                                  (measure_at_a_date ? " a count at a date (period_start equal to period_end), but this row is for " +
                                                           f[1] + " to " + f[2]
                                                     : " counted over a period (a quarter, a financial year or a month), but this "
                                                       "row is for the single date " + f[2]));
            continue;
        }
        std::string category = f[4].empty() ? "Total" : csv_unguard(f[4]);
        if (def && def->breakdown == CategoryKind::total && category != "Total") {
            diagnostics.error("E126", file_name, row.line, col(4),
                              "category: " + f[3] + " has no breakdown, so its category is Total (or empty), found '" +
                                  f[4] + "'");
            continue;
        }
        rows.push_back({f[3], std::move(category), shape, q, month, value, symbol, row.line});
    }
    std::vector<const OtherArea*> warned;
    // The other areas of a file of several authorities were chosen not to be read.
    for (const auto& [code, other] : other_areas)
        if (!other.benchmark && !only_area) warned.push_back(&other);
    std::sort(warned.begin(), warned.end(), [](const OtherArea* a, const OtherArea* b) { return a->line < b->line; });
    for (const OtherArea* other : warned)
        diagnostics.warning("W301", file_name, other->line, other->column,
                            "area_code: rows for '" + other->written + "' are ignored; this build is for '" + area + "'");
    if (diagnostics.error_count() > errors_before) return std::nullopt;
    if (rows.empty()) {
        diagnostics.error("E123", file_name, 0, 0,
                          only_area ? "holds no rows of area_code '" + *only_area + "'" : std::string("holds no measures"));
        return std::nullopt;
    }

    MeasureSet set;
    set.area_code = area;
    std::set<Quarter> quarters;
    std::set<int> years;
    bool quarter_flows = false;
    std::set<YearMonth> months;
    for (const Row& r : rows) {
        if (r.shape == Shape::year_flow) years.insert(r.quarter.fy_start);
        else if (r.shape == Shape::month_flow || r.shape == Shape::month_end) months.insert(r.month);
        else quarters.insert(r.quarter);
        quarter_flows = quarter_flows || r.shape == Shape::quarter_flow;
    }
    // The window runs without gaps from the first quarter to the last, ten years at most (the
    // config's longest window): one mistyped year (2074) must not build every quarter between.
    if (!quarters.empty()) {
        const Quarter last = *quarters.rbegin();
        Quarter first = *quarters.begin();
        const int span = (last.fy_start - first.fy_start) * 4 + (last.q - first.q) + 1;
        if (span > kMostQuarters) {
            const Quarter from = last.minus(kMostQuarters - 1);
            int latest_line = 0;
            for (const Row& r : rows)
                if (r.quarter == last && (latest_line == 0 || r.line < latest_line)) latest_line = r.line;
            diagnostics.warning("W303", file_name, latest_line, 2,
                                "period: the figures run from " + first.label() + " to " + last.label() + ", " +
                                    std::to_string(span) + " quarters; careboard shows at most " +
                                    std::to_string(kMostQuarters) + " (ten years), so only " + from.label() + " to " +
                                    last.label() + " are read. Is a year mistyped here, in the latest period?");
            first = from;
        }
        for (Quarter q = first; q <= last; q = q.next()) set.quarters.push_back(q);
        const Date window_start = first.start(), window_end = last.end();
        std::erase_if(years, [&](int y) { return Quarter{y, 1}.start() < window_start || Quarter{y, 4}.end() > window_end; });
        std::erase_if(months, [&](const YearMonth& m) { return m.start() < window_start || m.end() > window_end; });
    } else {
        while (years.size() > static_cast<std::size_t>(kMostQuarters / 4)) years.erase(years.begin());
        for (int y : years) set.quarters.push_back(Quarter{y, 4});
    }
    for (int y : whole_years_in(set.quarters)) years.insert(y);
    // A file of yearly figures only: its 31 March counts are the years'.
    if (!quarter_flows)
        for (const Row& r : rows)
            if (r.shape == Shape::at_date && r.quarter.q == 4 && set.quarter_period_of(r.quarter))
                years.insert(r.quarter.fy_start);
    set.years.assign(years.begin(), years.end());
    // Months: those with rows of their own, and then every month from the first to the last.
    if (!months.empty())
        for (YearMonth m = *months.begin(); m <= *months.rbegin(); m = m.next()) set.months.push_back(m);
    std::map<std::string, Measure> by_key;
    for (const Row& r : rows) {
        Measure& m = by_key[r.measure];
        if (m.key.empty()) {
            m = new_measure(r.measure);
            if (!find_measure_def(r.measure))
                m.kind = is_at_a_date(r.shape) ? PeriodKind::at_date : PeriodKind::over_period;
        }
        int c = m.category_index(r.category);
        if (c < 0) {
            m.categories.push_back(r.category);
            m.values.emplace_back(set.period_count());
            c = static_cast<int>(m.categories.size()) - 1;
        }
        std::vector<std::size_t> periods;
        if (r.shape == Shape::at_date || r.shape == Shape::quarter_flow)
            if (auto p = set.quarter_period_of(r.quarter)) periods.push_back(*p);
        if (r.shape == Shape::year_flow || (r.shape == Shape::at_date && r.quarter.q == 4))
            if (auto p = set.year_period_of(r.quarter.fy_start)) periods.push_back(*p);
        // A count at a quarter end is also its month's; a month's own rows are the month's.
        if (r.shape == Shape::at_date || r.shape == Shape::month_end || r.shape == Shape::month_flow)
            if (auto p = set.month_period_of(r.month)) periods.push_back(*p);
        for (std::size_t p : periods) {
            if (r.symbol) m.set_symbol(static_cast<std::size_t>(c), p, r.symbol);
            else m.values[static_cast<std::size_t>(c)][p] = r.value;
        }
    }
    for (auto& [key, m] : by_key) {
        order_categories(m);
        set.put(std::move(m));
    }
    return set;
}

}  // namespace careboard
