#include "ingest/iro_records.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>

#include "core/format.hpp"
#include "core/text.hpp"
#include "ingest/codes.hpp"
#include "ingest/csv_table.hpp"

namespace careboard {
namespace {

std::string trimmed(std::string_view text) { return std::string(trim_space(text)); }

// A number as a spreadsheet writes it: digits, an optional point and fraction; nothing else.
std::optional<double> number_of(std::string_view text) {
    const std::string t = trimmed(text);
    double v = 0;
    const auto result = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || result.ec != std::errc{} || result.ptr != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<int> whole_of(std::string_view text) {
    const std::optional<double> v = number_of(text);
    if (!v || *v < 0 || *v > 1e7 || *v != std::floor(*v)) return std::nullopt;
    return static_cast<int>(*v);
}

const ActivityMeasureConfig* declared_measure(const std::vector<ActivityMeasureConfig>& declared, std::string_view key) {
    for (const ActivityMeasureConfig& m : declared)
        if (m.key == key) return &m;
    return nullptr;
}

std::string period_words(Date start, Date end) {
    if (start.month() == 4 && start.day() == 1 && end == Date::from_ymd(start.year() + 1, 3, 31))
        return financial_year_label(start.year());
    const Quarter q = Quarter::containing(start);
    if (q.start() == start && q.end() == end) return q.label();
    return YearMonth::containing(start).label();
}

std::string lines_words(std::vector<int> lines) {
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (int line : lines)
        if (line > 0) out += (out.empty() ? "" : ", ") + std::to_string(line);
    return out.empty() ? "" : " (line" + std::string(lines.size() > 1 ? "s " : " ") + out + ")";
}

// The figures of iro_activity.csv, keyed by (measure, category, first day, last day).
using FigureKey = std::tuple<std::string, std::string, int, int>;

class ActivityReader {
public:
    ActivityReader(Dataset& data, const NamedText& file, const std::vector<ActivityMeasureConfig>& declared,
                   Diagnostics& diagnostics)
        : data_(data), file_(file), declared_(declared), diagnostics_(diagnostics) {}

    void read() {
        static constexpr std::array<const char*, 4> columns{"PERIOD", "MEASURE", "CATEGORY", "VALUE"};
        const CsvTable table = read_csv(file_.name, file_.text, columns, diagnostics_);
        data_.files.push_back({file_.name, "iro_activity", 0, 0, 0});
        const std::size_t source = data_.files.size() - 1;
        if (!table.readable) return;
        bool ok = true;
        for (std::size_t i : {0u, 1u, 3u})
            if (!table.present[i]) {
                diagnostics_.error("E101", file_.name, 1, 0, std::string("missing column '") + columns[i] + "'");
                ok = false;
            }
        if (!ok) return;
        for (const std::string& extra : table.extra_columns)
            diagnostics_.warning("W401", file_.name, 1, 0,
                                 "column '" + extra + "' is ignored: careboard reads only PERIOD, MEASURE, CATEGORY and VALUE");
        value_column_ = table.file_column[3];
        data_.has_activity = true;
        for (const CsvTable::Row& row : table.rows) {
            ++data_.files[source].rows_read;
            if (add_row(table, row, static_cast<int>(source))) ++data_.files[source].rows_kept;
        }
        derive_from_parts();
        derive_totals();
        for (auto& [key, figure] : figures_) data_.activity.push_back(std::move(figure));
        // Declared order, then category order, then period.
        auto rank = [&](const ActivityFigure& f) {
            std::size_t m = 0, c = 0;
            for (; m < declared_.size() && declared_[m].key != f.measure; ++m) {}
            if (m < declared_.size())
                for (; c < declared_[m].categories.size() && declared_[m].categories[c].first != f.category; ++c) {}
            return std::tuple(m, f.category == "Total" ? 0 : c + 1, f.start, f.end);
        };
        std::stable_sort(data_.activity.begin(), data_.activity.end(),
                         [&](const ActivityFigure& a, const ActivityFigure& b) { return rank(a) < rank(b); });
    }

private:
    Dataset& data_;
    const NamedText& file_;
    const std::vector<ActivityMeasureConfig>& declared_;
    Diagnostics& diagnostics_;
    std::map<FigureKey, ActivityFigure> figures_;
    int value_column_ = 0;

    bool add_row(const CsvTable& table, const CsvTable::Row& row, int source) {
        const auto& f = row.fields;
        auto col = [&](std::size_t c) { return table.file_column[c]; };
        bool ok = true;
        auto error = [&](std::size_t c, const char* code, const std::string& message) {
            diagnostics_.error(code, file_.name, row.line, col(c), message);
            ok = false;
        };
        const std::optional<std::pair<Date, Date>> period = parse_activity_period(f[0]);
        if (!period)
            error(0, "E134", "PERIOD: '" + f[0] + "' is not a quarter (2024-25 Q1), a financial year (2024-25) or a month "
                             "(2024-04)");
        const std::string measure = trimmed(f[1]);
        if (measure.empty()) {
            error(1, "E136", "MEASURE: is empty");
            return false;
        }
        const ActivityMeasureConfig* def = declared_measure(declared_, measure);
        if (!def) {
            diagnostics_.warning("W405", file_.name, row.line, col(1),
                                 "MEASURE: '" + measure + "' is not declared in the config ([activity." + measure +
                                     "]); the row is passed over");
            return false;
        }
        if (def->unit == "percent") {
            error(1, "E136", "MEASURE: " + measure + " is a percentage worked out from " + def->numerator + " and " +
                                 def->denominator + "; give those counts instead");
            return false;
        }
        std::string category = trimmed(f[2]);
        if (category.empty()) category = "Total";
        if (!def->categories.empty()) {
            const bool known = std::any_of(def->categories.begin(), def->categories.end(),
                                           [&](const auto& c) { return c.first == category; });
            if (!known) {
                std::string list;
                for (const auto& [code, label] : def->categories) list += (list.empty() ? "" : ", ") + code;
                error(2, "E136", "CATEGORY: '" + category + "' is not one of " + measure + "'s categories (" + list + ")" +
                                     (def->sums_to.empty() ? "" : "; its Total is " + def->sums_to));
            }
        } else if (category != "Total") {
            error(2, "E136", "CATEGORY: " + measure + " has no categories; leave CATEGORY empty or write Total, not '" +
                                 category + "'");
        }
        const std::optional<int> value = whole_of(f[3]);
        if (!value)
            error(3, "E135", "VALUE: expected a whole number from 0 to 10,000,000 (" + measure + " counts " + def->unit +
                                 "), found '" + f[3] + "'");
        if (!ok) return false;
        ActivityFigure figure{period->first, period->second, measure, category, static_cast<double>(*value),
                              {source, row.line, col(3)}};
        const FigureKey key{measure, category, period->first.days, period->second.days};
        auto [it, inserted] = figures_.try_emplace(key, figure);
        if (!inserted) {
            diagnostics_.warning("W406", file_.name, row.line, col(1),
                                 "this figure (" + period_words(period->first, period->second) + ", " + measure + ", " +
                                     category + ") is already on line " + std::to_string(it->second.source.line) +
                                     "; the later row is used");
            it->second = figure;
        }
        return true;
    }

    const ActivityFigure* find(const std::string& measure, const std::string& category, Date start, Date end) const {
        const auto it = figures_.find({measure, category, start.days, end.days});
        return it == figures_.end() ? nullptr : &it->second;
    }

    void mismatch(const ActivityFigure& whole, const std::vector<const ActivityFigure*>& parts, const std::string& why) {
        int line = whole.source.line;
        for (const ActivityFigure* p : parts)
            if (line == 0) line = p->source.line;
        diagnostics_.error("E137", file_.name, line, line ? value_column_ : 0, "VALUE: " + why);
    }

    // A quarter from its three months, a year from its four quarters (docs/input.md): added when
    // the file lacks it, checked when it has it.
    void derive_from_parts() {
        for (int pass = 0; pass < 2; ++pass) {
            // Pass 0: quarters from months; pass 1: years from quarters (some derived in pass 0).
            std::map<std::tuple<std::string, std::string, int>, std::vector<const ActivityFigure*>> parts;
            for (const auto& [key, f] : figures_) {
                const bool month = f.start.day() == 1 && f.end == YearMonth::containing(f.start).end();
                const Quarter q = Quarter::containing(f.start);
                const bool quarter = q.start() == f.start && q.end() == f.end;
                if (pass == 0 && month) parts[{f.measure, f.category, Quarter::containing(f.start).start().days}].push_back(&f);
                if (pass == 1 && quarter) parts[{f.measure, f.category, q.fy_start}].push_back(&f);
            }
            std::vector<ActivityFigure> added;
            for (auto& [key, list] : parts) {
                const auto& [measure, category, at] = key;
                if (list.size() != (pass == 0 ? 3u : 4u)) continue;
                const Date start = pass == 0 ? Date{at} : Date::from_ymd(at, 4, 1);
                const Date end = pass == 0 ? Quarter::containing(start).end() : Date::from_ymd(at + 1, 3, 31);
                const ActivityMeasureConfig* def = declared_measure(declared_, measure);
                std::sort(list.begin(), list.end(), [](const ActivityFigure* a, const ActivityFigure* b) { return a->start < b->start; });
                double sum = 0, most = 0;
                std::vector<int> lines;
                for (const ActivityFigure* p : list) {
                    sum += p->value;
                    most = std::max(most, p->value);
                    lines.push_back(p->source.line);
                }
                const double last = list.back()->value;
                const char* parts_name = pass == 0 ? "months" : "quarters";
                const std::string what = period_words(start, end) + " of " + measure + (category == "Total" ? "" : " (" + category + ")");
                const ActivityFigure* whole = find(measure, category, start, end);
                if (def->period == "date") {
                    if (!whole) added.push_back({start, end, measure, category, last, {}});
                    else if (whole->value != last)
                        mismatch(*whole, list, what + " is " + format_number(whole->value) + ", but its last " +
                                                   std::string(parts_name).substr(0, std::string(parts_name).size() - 1) + "'s" +
                                                   lines_words({list.back()->source.line}) + " is " + format_number(last) +
                                                   ": a count at a date is the figure of its last day");
                } else if (def->unit == "events") {
                    if (!whole) added.push_back({start, end, measure, category, sum, {}});
                    else if (whole->value != sum)
                        mismatch(*whole, list, what + " is " + format_number(whole->value) + ", but its " + parts_name +
                                                   lines_words(lines) + " add up to " + format_number(sum));
                } else if (whole && (whole->value < most || whole->value > sum)) {
                    // Children over a period: one child may count in several parts, so the whole is
                    // not their sum (never worked out) but lies between the largest and the sum.
                    mismatch(*whole, list, what + " is " + format_number(whole->value) +
                                               ", but children counted over it are at least the most of any of its " +
                                               parts_name + " (" + format_number(most) + ") and at most their sum (" +
                                               format_number(sum) + ")" + lines_words(lines));
                }
            }
            for (ActivityFigure& f : added) figures_.try_emplace({f.measure, f.category, f.start.days, f.end.days}, f);
        }
    }

    // A breakdown's categories (0 where a period gives some but not all of them), and the Total
    // they add up to (sums_to): added when the file lacks it, checked when it has it.
    void derive_totals() {
        for (const ActivityMeasureConfig& def : declared_) {
            if (def.categories.empty()) continue;
            std::map<std::pair<int, int>, std::vector<const ActivityFigure*>> by_period;
            for (const auto& [key, f] : figures_)
                if (f.measure == def.key) by_period[{f.start.days, f.end.days}].push_back(&f);
            for (const auto& [period, list] : by_period) {
                const Date start{period.first}, end{period.second};
                for (const auto& [code, label] : def.categories)
                    if (!find(def.key, code, start, end))
                        figures_.try_emplace({def.key, code, start.days, end.days},
                                             ActivityFigure{start, end, def.key, code, 0, {}});
                if (def.sums_to.empty()) continue;
                double sum = 0;
                std::vector<int> lines;
                for (const ActivityFigure* p : list) {
                    sum += p->value;
                    lines.push_back(p->source.line);
                }
                const ActivityFigure* total = find(def.sums_to, "Total", start, end);
                if (!total)
                    figures_.try_emplace({def.sums_to, "Total", start.days, end.days},
                                         ActivityFigure{start, end, def.sums_to, "Total", sum, {}});
                else if (total->value != sum)
                    mismatch(*total, list, period_words(start, end) + " of " + def.sums_to + " is " + format_number(total->value) +
                                               ", but its breakdown " + def.key + lines_words(lines) + " adds up to " +
                                               format_number(sum));
            }
        }
    }
};

// Days of [from, until) on which the child is not looked after (no episode open, short breaks
// left out): the first one, if any.
std::optional<Date> first_day_not_looked_after(const Dataset& data, int child, Date from, Date until) {
    std::vector<std::pair<Date, std::optional<Date>>> spells;
    if (child >= 0 && static_cast<std::size_t>(child) + 1 < data.episode_begin.size())
        for (std::size_t i = data.episode_begin[static_cast<std::size_t>(child)];
             i < data.episode_begin[static_cast<std::size_t>(child) + 1]; ++i) {
            const Episode& e = data.episodes[i];
            if (!codes::is_short_break(e.ls)) spells.emplace_back(e.decom, e.dec);
        }
    std::sort(spells.begin(), spells.end());
    Date day = from;
    for (const auto& [start, end] : spells) {
        if (day >= until) return std::nullopt;
        if (start > day) return day;
        if (!end) return std::nullopt;
        if (*end > day) day = *end;
    }
    return day < until ? std::optional<Date>(day) : std::nullopt;
}

}  // namespace

std::optional<std::pair<Date, Date>> parse_activity_period(std::string_view raw) {
    std::string text;
    for (char c : trim_space(raw))
        if (c != ' ' || (!text.empty() && text.back() != ' ')) text += c;
    auto digits = [](std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); };
    if (text.size() == 10 && text[7] == ' ')
        if (const std::optional<Quarter> q = Quarter::parse(text)) return std::pair(q->start(), q->end());
    if (text.size() == 7 && text[4] == '-' && digits(text.substr(0, 4)) && digits(text.substr(5))) {
        const int y = std::stoi(text.substr(0, 4)), second = std::stoi(text.substr(5));
        if (y < 1900 || y > 2199) return std::nullopt;
        // 2024-25 is a financial year; 2024-04 a month (a year's second part is the next year's).
        if ((y + 1) % 100 == second) return std::pair(Date::from_ymd(y, 4, 1), Date::from_ymd(y + 1, 3, 31));
        if (second >= 1 && second <= 12) return std::pair(YearMonth{y, second}.start(), YearMonth{y, second}.end());
        return std::nullopt;
    }
    // "Apr 2024", "April 2024".
    const std::size_t space = text.find(' ');
    if (space != std::string::npos && digits(text.substr(space + 1)) && text.size() - space - 1 == 4) {
        const std::string name = to_lower_ascii(text.substr(0, space));
        const int y = std::stoi(text.substr(space + 1));
        for (int m = 1; m <= 12 && y >= 1900 && y <= 2199; ++m) {
            const std::string full = to_lower_ascii(month_name(m));
            if (name == full || name == full.substr(0, 3)) return std::pair(YearMonth{y, m}.start(), YearMonth{y, m}.end());
        }
    }
    return std::nullopt;
}

void add_activity(Dataset& data, const NamedText& file, const std::vector<ActivityMeasureConfig>& declared,
                  Diagnostics& diagnostics) {
    ActivityReader(data, file, declared, diagnostics).read();
}

void add_allocations(Dataset& data, const NamedText& file, Diagnostics& diagnostics) {
    static constexpr std::array<const char*, 4> columns{"IRO", "CHILD", "FROM", "TO"};
    const CsvTable table = read_csv(file.name, file.text, columns, diagnostics);
    data.files.push_back({file.name, "iro_allocations", 0, 0, 0});
    const int source = static_cast<int>(data.files.size()) - 1;
    if (!table.readable) return;
    bool ok = true;
    for (std::size_t i = 0; i < 3; ++i)
        if (!table.present[i]) {
            diagnostics.error("E101", file.name, 1, 0, std::string("missing column '") + columns[i] + "'");
            ok = false;
        }
    if (!ok) return;
    for (const std::string& extra : table.extra_columns)
        diagnostics.warning("W401", file.name, 1, 0, "column '" + extra + "' is ignored: careboard reads only IRO, CHILD, FROM and TO");
    data.has_allocations = true;
    std::unordered_map<std::string, int> child_of;
    for (std::size_t c = 0; c < data.children.size(); ++c) child_of.emplace(data.children[c].id, static_cast<int>(c));
    for (const CsvTable::Row& row : table.rows) {
        ++data.files[static_cast<std::size_t>(source)].rows_read;
        const auto& f = row.fields;
        auto col = [&](std::size_t c) { return table.file_column[c]; };
        bool row_ok = true;
        auto error = [&](std::size_t c, const char* code, const std::string& message) {
            diagnostics.error(code, file.name, row.line, col(c), std::string(columns[c]) + ": " + message);
            row_ok = false;
        };
        IroAllocation a;
        a.iro = trimmed(f[0]);
        const std::string child = trimmed(f[1]);
        if (a.iro.empty()) error(0, "E138", "is empty; every allocation names the IRO's pseudonym");
        if (child.empty()) error(1, "E114", "is empty");
        const DateParse from = parse_date(f[2], a.from);
        if (from != DateParse::ok) {
            const DateProblem problem = date_problem(from, f[2]);
            error(2, problem.code, problem.message);
        }
        Date to;
        const DateParse until = parse_date(f[3], to);
        if (until == DateParse::ok) a.to = to;
        else if (until != DateParse::empty) {
            const DateProblem problem = date_problem(until, f[3]);
            error(3, problem.code, problem.message);
        }
        if (from == DateParse::ok && a.to && *a.to < a.from) error(3, "E113", f[3] + " is before FROM " + f[2]);
        if (!row_ok) continue;
        a.source = {source, row.line, col(1)};
        const auto it = child_of.find(child);
        if (it == child_of.end()) {
            if (!data.children.empty())
                diagnostics.warning("W407", file.name, row.line, col(1), "CHILD: this child is in no 903 file; not counted");
        } else {
            a.child = it->second;
        }
        data.allocations.push_back(std::move(a));
        ++data.files[static_cast<std::size_t>(source)].rows_kept;
    }
    // Per child, in date order: allocations to two IROs at once, and days allocated while not
    // looked after (the allocation not closed when care ended).
    std::vector<std::size_t> order(data.allocations.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const IroAllocation &a = data.allocations[x], &b = data.allocations[y];
        return std::tie(a.child, a.from) < std::tie(b.child, b.from);
    });
    const Date last_day = data.latest_event.value_or(Date{0});
    for (std::size_t k = 0; k < order.size(); ++k) {
        const IroAllocation& a = data.allocations[order[k]];
        if (a.child < 0) continue;
        if (k > 0) {
            const IroAllocation& before = data.allocations[order[k - 1]];
            if (before.child == a.child && (!before.to || *before.to > a.from))
                diagnostics.warning("W409", file.name, a.source.line, a.source.column,
                                    "CHILD: this child is still allocated to another IRO (line " +
                                        std::to_string(before.source.line) + ") on " + a.from.long_text() +
                                        "; on days with two allocations the one that started later is used");
        }
        const Date until = a.to.value_or(std::max(last_day.plus_days(1), a.from.plus_days(1)));
        if (const std::optional<Date> day = first_day_not_looked_after(data, a.child, a.from, until))
            diagnostics.warning("W408", file.name, a.source.line, a.source.column,
                                "CHILD: this child is not looked after on " + day->long_text() +
                                    ", while allocated to this IRO; not counted on such days");
    }
    std::stable_sort(data.allocations.begin(), data.allocations.end(), [](const IroAllocation& a, const IroAllocation& b) {
        return std::tie(a.iro, a.from) < std::tie(b.iro, b.from);
    });
}

}  // namespace careboard
