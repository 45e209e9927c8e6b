#include "ingest/escalations.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "core/format.hpp"
#include "core/text.hpp"
#include "ingest/csv_table.hpp"

namespace careboard {
namespace {

constexpr std::array<const char*, 10> kColumns{"ESCALATION_ID", "CHILD", "RAISED", "ROUTE", "STAGE", "THEME",
                                               "TEAM", "RESOLVED", "RESOLVED_LEVEL", "OUTCOME"};
enum Column { kId, kChild, kRaised, kRoute, kStage, kTheme, kTeam, kResolved, kLevel, kOutcome };
constexpr bool kRequired[] = {true, false, true, true, true, true, false, false, false, false};

std::string trimmed(const std::string& text) {
    std::size_t b = 0, e = text.size();
    while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    return text.substr(b, e - b);
}

std::vector<std::string> split_themes(const std::string& text) {
    std::vector<std::string> themes;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(';', start), text.size());
        std::string theme = trimmed(text.substr(start, end - start));
        // A theme repeated within one row counts once.
        if (!theme.empty() && std::find(themes.begin(), themes.end(), theme) == themes.end())
            themes.push_back(std::move(theme));
        start = end + 1;
    }
    return themes;
}

std::optional<std::string> stage_of(const std::string& text) {
    const std::string lower = to_lower_ascii(trimmed(text));
    if (lower == "0" || lower == "1" || lower == "2" || lower == "3" || lower == "4" || lower == "cafcass") return lower;
    return std::nullopt;
}

class LogParser {
public:
    LogParser(Dataset& data_in, Diagnostics& diagnostics_in) : data(data_in), diagnostics(diagnostics_in) {}

    void parse(const NamedText& file, int file_index) {
        const CsvTable header_info = read_csv_rows(file.name, file.text, kColumns, diagnostics,
            [&](const CsvTable& table, int line, std::span<const std::string> fields) {
                if (!columns_checked_) columns_checked_ = check_columns(table);
                if (*columns_checked_) add_row(table, file_index, line, fields);
            });
        if (!columns_checked_) check_columns(header_info);
        columns_checked_.reset();
        child_column_[file_index] = header_info.file_column[1];
        data.files[static_cast<std::size_t>(file_index)].rows_read = rows_read_;
        rows_read_ = 0;
    }

    // The CHILD column's position in a file, for messages about a row's child.
    int child_column(int file_index) const {
        const auto it = child_column_.find(file_index);
        return it == child_column_.end() ? 0 : it->second;
    }

private:
    std::unordered_map<int, int> child_column_;
    Dataset& data;
    Diagnostics& diagnostics;
    std::unordered_map<std::string, std::size_t> by_id;  // stitched position of each id
    std::optional<bool> columns_checked_;
    int rows_read_ = 0;

    bool check_columns(const CsvTable& table) {
        if (!table.readable) return false;
        bool ok = true;
        for (std::size_t i = 0; i < kColumns.size(); ++i)
            if (kRequired[i] && !table.present[i]) {
                diagnostics.error("E101", table.file, 1, 0, std::string("missing column '") + kColumns[i] + "'");
                ok = false;
            }
        for (const std::string& extra : table.extra_columns)
            diagnostics.warning("W401", table.file, 1, 0,
                                "column '" + extra + "' is ignored: careboard reads only the escalation export's own columns, never free text");
        return ok;
    }

    void add_row(const CsvTable& table, int file_index, int line, std::span<const std::string> f) {
        ++rows_read_;
        auto col = [&](Column c) { return table.file_column[static_cast<std::size_t>(c)]; };
        auto name = [&](Column c) { return std::string(kColumns[static_cast<std::size_t>(c)]); };
        bool ok = true;
        auto error = [&](Column c, const char* code, const std::string& message) {
            diagnostics.error(code, table.file, line, col(c), name(c) + ": " + message);
            ok = false;
        };
        auto date = [&](Column c, bool required) -> std::optional<Date> {
            Date d;
            const DateParse result = parse_date(f[c], d);
            if (result == DateParse::ok) return d;
            if (result != DateParse::empty || required) {
                DateProblem problem = date_problem(result, f[c]);
                error(c, problem.code, problem.message);
            }
            return std::nullopt;
        };
        for (Column c : {kId, kRoute, kStage, kTheme})
            if (trimmed(f[c]).empty()) error(c, "E131", "is empty; every escalation needs one");
        const std::optional<Date> raised = date(kRaised, true);
        const std::optional<Date> resolved = date(kResolved, false);
        if (raised && resolved && *resolved < *raised)
            error(kResolved, "E132", f[kResolved] + " is before RAISED " + f[kRaised]);
        std::optional<std::string> stage = stage_of(f[kStage]);
        if (!stage && !trimmed(f[kStage]).empty())
            diagnostics.warning("W402", table.file, line, col(kStage),
                                "STAGE: '" + f[kStage] + "' is not a stage (0, 1, 2, 3, 4 or cafcass); counted as written");
        if (!ok || !raised) return;

        Escalation e;
        e.id = trimmed(f[kId]);
        e.child = trimmed(f[kChild]);
        e.raised = *raised;
        e.route = trimmed(f[kRoute]);
        e.stage = stage.value_or(trimmed(f[kStage]));
        e.themes = split_themes(f[kTheme]);
        e.team = trimmed(f[kTeam]);
        e.resolved = resolved;
        e.level = trimmed(f[kLevel]);
        e.outcome = trimmed(f[kOutcome]);
        e.source = {file_index, line};
        if (e.themes.empty()) {
            error(kTheme, "E131", "holds no theme");
            return;
        }
        auto [it, inserted] = by_id.try_emplace(e.id, data.escalations.size());
        if (inserted) {
            data.escalations.push_back(std::move(e));
        } else {
            Escalation& previous = data.escalations[it->second];
            if (previous.source.file == file_index)
                diagnostics.warning("W404", table.file, line, col(kId),
                                    "ESCALATION_ID: this id is already on line " + std::to_string(previous.source.line) +
                                        " of this file; the later row is used");
            previous = std::move(e);
        }
    }
};

void add_staffing(Dataset& data, const NamedText& file, Diagnostics& diagnostics) {
    // DATE and FTE, then the optional columns (docs/input.md).
    static constexpr std::array<const char*, 6> columns{"DATE", "FTE", "HEADCOUNT", "PERMANENT", "AGENCY", "VACANCIES_FTE"};
    data.files.push_back({file.name, "iro_staffing", 0, 0, 0});
    SourceFile& source = data.files.back();
    const CsvTable table = read_csv(file.name, file.text, columns, diagnostics);
    if (!table.readable) return;
    for (std::size_t i = 0; i < 2; ++i)
        if (!table.present[i]) {
            diagnostics.error("E101", file.name, 1, 0, std::string("missing column '") + columns[i] + "'");
            return;
        }
    auto number = [](const std::string& text) -> std::optional<double> {
        double v = 0;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || result.ec != std::errc{} || result.ptr != text.data() + text.size() || !std::isfinite(v))
            return std::nullopt;
        return v;
    };
    for (const CsvTable::Row& row : table.rows) {
        ++source.rows_read;
        Date from;
        const DateParse parsed = parse_date(row.fields[0], from);
        if (parsed != DateParse::ok) {
            const DateProblem problem = date_problem(parsed, row.fields[0]);
            diagnostics.error(problem.code, file.name, row.line, table.file_column[0], "DATE: " + problem.message);
            continue;
        }
        const std::string& text = row.fields[1];
        const std::optional<double> fte = number(text);
        if (!fte || *fte <= 0) {
            diagnostics.error("E133", file.name, row.line, table.file_column[1],
                              "FTE: expected a number of full-time-equivalent IROs above 0, found '" + text + "'");
            continue;
        }
        StaffingChange change{from, *fte, {}, {}, {}, {}};
        bool ok = true;
        // The optional columns: headcounts are whole numbers of IROs, vacancies an FTE of 0 or more.
        std::optional<double>* targets[] = {nullptr, nullptr, &change.headcount, &change.permanent, &change.agency,
                                            &change.vacancies_fte};
        for (std::size_t c = 2; c < columns.size(); ++c) {
            const std::string value(trim_space(row.fields[c]));
            if (value.empty()) continue;
            const std::optional<double> v = number(value);
            const bool whole = c != 5;
            if (!v || *v < 0 || *v > 10000 || (whole && *v != std::floor(*v))) {
                diagnostics.error("E139", file.name, row.line, table.file_column[c],
                                  std::string(columns[c]) + ": expected " +
                                      (whole ? "a whole number of IROs from 0 to 10,000" : "a number of full-time-equivalent posts, 0 or more") +
                                      ", found '" + row.fields[c] + "'");
                ok = false;
                continue;
            }
            *targets[c] = *v;
        }
        if (ok && change.permanent && change.agency) {
            const double both = *change.permanent + *change.agency;
            if (!change.headcount) change.headcount = both;
            else if (*change.headcount != both) {
                diagnostics.error("E139", file.name, row.line, table.file_column[2],
                                  "HEADCOUNT: " + format_number(*change.headcount) + " is not PERMANENT + AGENCY (" +
                                      format_number(*change.permanent) + " + " + format_number(*change.agency) + ")");
                ok = false;
            }
        }
        // One of the two with the headcount gives the other.
        if (ok && change.headcount && change.permanent.has_value() != change.agency.has_value()) {
            std::optional<double>& other = change.permanent ? change.agency : change.permanent;
            const double given = change.permanent ? *change.permanent : *change.agency;
            if (given > *change.headcount) {
                diagnostics.error("E139", file.name, row.line, table.file_column[change.permanent ? 3 : 4],
                                  std::string(change.permanent ? "PERMANENT" : "AGENCY") + ": " + format_number(given) +
                                      " is more than HEADCOUNT (" + format_number(*change.headcount) + ")");
                ok = false;
            } else {
                other = *change.headcount - given;
            }
        }
        if (!ok) continue;
        data.staffing.push_back(change);
        ++source.rows_kept;
    }
    std::stable_sort(data.staffing.begin(), data.staffing.end(),
                     [](const StaffingChange& a, const StaffingChange& b) { return a.from < b.from; });
    data.has_staffing = true;
}

}  // namespace

void add_escalations(Dataset& data, const std::vector<NamedText>& logs, const std::optional<NamedText>& staffing,
                     Diagnostics& diagnostics) {
    std::vector<const NamedText*> ordered;
    for (const NamedText& log : logs) ordered.push_back(&log);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const NamedText* a, const NamedText* b) { return a->return_year < b->return_year; });
    LogParser parser(data, diagnostics);
    for (const NamedText* log : ordered) {
        data.files.push_back({log->name, "escalations", log->return_year, 0, 0});
        parser.parse(*log, static_cast<int>(data.files.size()) - 1);
        data.has_escalations = true;
    }
    std::stable_sort(data.escalations.begin(), data.escalations.end(), [](const Escalation& a, const Escalation& b) {
        return a.raised != b.raised ? a.raised < b.raised : a.id < b.id;
    });
    std::unordered_set<std::string> known_children;
    for (const ChildRecord& c : data.children)
        if (c.in_header) known_children.insert(c.id);
    for (const Escalation& e : data.escalations) {
        ++data.files[static_cast<std::size_t>(e.source.file)].rows_kept;
        if (!e.child.empty() && !data.children.empty() && !known_children.count(e.child))
            diagnostics.warning("W403", data.files[static_cast<std::size_t>(e.source.file)].path, e.source.line,
                                parser.child_column(e.source.file),
                                "CHILD: this child is in no 903 header file");
    }
    if (staffing) add_staffing(data, *staffing, diagnostics);
}

}  // namespace careboard
