#include "measures/measures_csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "benchmarks/benchmarks.hpp"
#include "core/format.hpp"
#include "ingest/csv_table.hpp"

namespace careboard {

std::string write_measures_csv(const MeasureSet& set, const std::vector<std::string>& notes) {
    std::string out;
    for (const std::string& note : notes) out += "# " + note + "\n";
    out += "area_code,period_start,period_end,measure,category,value\n";
    for (const Measure& m : set.measures) {
        for (std::size_t q = 0; q < set.quarters.size(); ++q) {
            const Quarter& quarter = set.quarters[q];
            const std::string start = m.kind == PeriodKind::at_date ? quarter.end().iso() : quarter.start().iso();
            const std::string end = quarter.end().iso();
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

namespace {

// A row of a measure careboard knows, for 31 March (a count at a date) or for the whole year
// ending 31 March (a count over a period): the shape of the benchmark rows write_measures_csv
// writes.
bool is_benchmark_row(const std::string& start_text, const std::string& end_text, const std::string& measure) {
    Date start, end;
    if (parse_date(start_text, start) != DateParse::ok || parse_date(end_text, end) != DateParse::ok) return false;
    if (end.month() != 3 || end.day() != 31 || measure_rank(measure) == measure_rank("")) return false;
    return measure_period_kind(measure) == PeriodKind::at_date ? start == end
                                                               : start == Date::from_ymd(end.year() - 1, 4, 1);
}

}  // namespace

std::optional<MeasureSet> read_measures_csv(std::string_view text, const std::string& file_name,
                                            Diagnostics& diagnostics) {
    static constexpr std::array<const char*, 6> columns{"area_code", "period_start", "period_end", "measure",
                                                        "category", "value"};
    const std::size_t errors_before = diagnostics.error_count();
    // Lines starting with '#' are notes (the symbols key, "not for publication"): blanked, so
    // that line numbers in messages stay those of the file.
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

    struct Row {
        std::string measure, category;
        Quarter quarter;
        double value;
        char symbol;  // 0 for a number
    };
    std::vector<Row> rows;
    std::string area;
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
        }
        if (!ok) continue;
        const Quarter q = Quarter::containing(end);
        if (q.end() != end || (start != end && start != q.start())) {
            diagnostics.error("E122", file_name, row.line, col(1),
                              "period: " + f[1] + " to " + f[2] + " is neither a quarter nor a quarter end");
            continue;
        }
        rows.push_back({f[3], f[4].empty() ? "Total" : csv_unguard(f[4]), q, value, symbol});
    }
    std::vector<const OtherArea*> warned;
    for (const auto& [code, other] : other_areas)
        if (!other.benchmark) warned.push_back(&other);
    std::sort(warned.begin(), warned.end(), [](const OtherArea* a, const OtherArea* b) { return a->line < b->line; });
    for (const OtherArea* other : warned)
        diagnostics.warning("W301", file_name, other->line, other->column,
                            "area_code: rows for '" + other->written + "' are ignored; this build is for '" + area + "'");
    if (diagnostics.error_count() > errors_before) return std::nullopt;
    if (rows.empty()) {
        diagnostics.error("E123", file_name, 0, 0, "holds no measures");
        return std::nullopt;
    }

    MeasureSet set;
    set.area_code = area;
    std::set<Quarter> quarters;
    for (const Row& r : rows) quarters.insert(r.quarter);
    // The window runs without gaps from the first quarter to the last.
    for (Quarter q = *quarters.begin(); q <= *quarters.rbegin(); q = q.next()) set.quarters.push_back(q);
    std::map<std::string, Measure> by_key;
    for (const Row& r : rows) {
        Measure& m = by_key[r.measure];
        if (m.key.empty()) {
            m.key = r.measure;
            m.kind = measure_period_kind(r.measure);
            m.decimals = measure_decimals(r.measure);
        }
        int c = m.category_index(r.category);
        if (c < 0) {
            m.categories.push_back(r.category);
            m.values.emplace_back(set.quarters.size());
            c = static_cast<int>(m.categories.size()) - 1;
        }
        const auto qi = static_cast<std::size_t>(std::find(set.quarters.begin(), set.quarters.end(), r.quarter) - set.quarters.begin());
        if (r.symbol) m.set_symbol(static_cast<std::size_t>(c), qi, r.symbol);
        else m.values[static_cast<std::size_t>(c)][qi] = r.value;
    }
    for (auto& [key, m] : by_key) set.put(std::move(m));
    return set;
}

}  // namespace careboard
