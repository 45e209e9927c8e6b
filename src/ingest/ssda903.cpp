#include "ingest/ssda903.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>

#include "core/format.hpp"
#include "core/parallel.hpp"
#include "ingest/codes.hpp"
#include "ingest/csv_table.hpp"
#include "ingest/escalations.hpp"
#include "ingest/iro_records.hpp"
#include "ingest/xml903.hpp"

namespace careboard {
namespace {

// Only the columns careboard counts with are read: UPN, postcodes, URN and the rest never enter
// memory, so they cannot reach an output.
// Each list ends with LA, the one optional column: the authority of a file that pools several
// (docs/input.md, "Several authorities in one file").
constexpr std::array<const char*, 5> kHeaderColumns{"CHILD", "SEX", "DOB", "ETHNIC", "LA"};
constexpr std::array<const char*, 10> kEpisodeColumns{"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE",
                                                      "PLACE_PROVIDER", "DEC", "REC", "LA"};
constexpr std::array<const char*, 4> kReviewColumns{"CHILD", "REVIEW", "REVIEW_CODE", "LA"};
// The other tables: DOB, SEX and their other columns are not read (the header's are used).
constexpr std::array<const char*, 5> kMissingColumns{"CHILD", "MISSING", "MIS_START", "MIS_END", "LA"};
constexpr std::array<const char*, 3> kUascColumns{"CHILD", "DUC", "LA"};
constexpr std::array<const char*, 11> kOc2Columns{"CHILD", "SDQ_SCORE", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
                                                  "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
                                                  "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED", "LA"};
constexpr std::array<const char*, 5> kOc3Columns{"CHILD", "IN_TOUCH", "ACTIV", "ACCOM", "LA"};
constexpr std::array<const char*, 4> kAd1Columns{"CHILD", "DATE_INT", "DATE_MATCH", "LA"};
constexpr std::array<const char*, 5> kPlacedColumns{"CHILD", "DATE_PLACED", "DATE_PLACED_CEASED",
                                                    "REASON_PLACED_CEASED", "LA"};
constexpr std::array<const char*, 3> kPermanenceColumns{"CHILD", "PREV_PERM", "LA"};
constexpr std::array<const char*, 5> kSocialWorkerColumns{"CHILD", "SW_ID", "SW_DECOM", "SW_DEC", "LA"};

// Below these, files are read and stitched one after another: a thread costs more than the work
// (an authority's return is a few hundred kilobytes; a national one, hundreds of megabytes).
constexpr std::size_t kBytesWorthThreads = 1 << 20;
constexpr std::size_t kRowsWorthThreads = 20000;

std::string join_codes(std::span<const codes::Code> list, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < list.size() && i < limit; ++i) out += (i ? ", " : "") + std::string(list[i].code);
    if (list.size() > limit) out += " ...";
    return out;
}

// How many of a file's values in each coded column were checked and how many were not codes,
// with the first such value: a column mostly of non-codes is a column mapped wrongly.
struct CodeTally {
    struct Column {
        int values = 0, unknown = 0;
        int first_line = 0, file_column = 0;
        std::string first, name, what;
    };
    std::array<Column, 11> columns;

    // An error for each column where more than a quarter of at least 10 values are not codes.
    void report(const std::string& file, Diagnostics& diagnostics) const {
        for (const Column& c : columns) {
            if (c.unknown < 10 || c.unknown * 4 <= c.values) continue;
            diagnostics.error("E115", file, c.first_line, c.file_column,
                              c.name + ": " + std::to_string(c.unknown) + " of its " + std::to_string(c.values) +
                                  " values are not " + c.what + " (the first is '" + c.first +
                                  "'): is this column another one, or two columns swapped?");
        }
    }
};

// Field access with the position needed for messages. A CSV row is on one line with a column
// per field; an XML row's fields are elements, each with its own line and column.
struct RowReader {
    const std::string& file;
    std::span<const std::string> names;  // each field's column or element name
    int line;
    std::span<const std::string> fields;
    std::span<const int> columns;  // each field's column
    std::span<const int> lines;    // each field's line; empty when all are on `line`
    Diagnostics& diagnostics;
    CodeTally* tally = nullptr;
    bool ok = true;

    const std::string& get(int column) const { return fields[static_cast<std::size_t>(column)]; }
    int col(int column) const { return columns[static_cast<std::size_t>(column)]; }
    int line_of(int column) const { return lines.empty() ? line : lines[static_cast<std::size_t>(column)]; }
    const std::string& name(int column) const { return names[static_cast<std::size_t>(column)]; }

    void error(int column, std::string code, std::string message) {
        diagnostics.error(std::move(code), file, line_of(column), col(column), name(column) + ": " + message);
        ok = false;
    }
    void warning(int column, std::string code, std::string message) {
        diagnostics.warning(std::move(code), file, line_of(column), col(column), name(column) + ": " + message);
    }

    // A required or optional date; reports and returns nullopt when unusable.
    std::optional<Date> date(int column, bool required) {
        Date d;
        const DateParse result = parse_date(get(column), d);
        if (result == DateParse::ok) return d;
        if (result != DateParse::empty || required) {
            DateProblem problem = date_problem(result, get(column));
            error(column, problem.code, std::move(problem.message));
        }
        return std::nullopt;
    }

    void code(int column, std::span<const codes::Code> list, std::string_view what, bool allow_empty = false) {
        const std::string& value = get(column);
        if (value.empty()) {
            if (!allow_empty) warning(column, "W102", "is empty; expected " + std::string(what));
            return;
        }
        const bool known = codes::is_known(list, value);
        if (tally) {
            CodeTally::Column& t = tally->columns[static_cast<std::size_t>(column)];
            ++t.values;
            if (!known && t.unknown++ == 0) t = {t.values, 1, line_of(column), col(column), value, name(column), std::string(what)};
        }
        if (!known)
            warning(column, "W101", "'" + value + "' is not " + std::string(what) + " (" + join_codes(list, 8) + ")");
    }

    bool child_id() {
        if (get(0).empty()) {
            error(0, "E114", "is empty; every row needs the child's pseudonym");
            return false;
        }
        return true;
    }
};

// Tables as the parser numbers them: a CSV file is one of them, an XML return all but the last
// (the XML's tables are XmlTable's, in the same order; social worker episodes are CSV only).
enum class Table { header, episodes, reviews, missing, uasc, oc2, oc3, ad1, placed_for_adoption, previous_permanence,
                   sw_episodes };
constexpr std::size_t kTables = 11;
constexpr std::size_t kXmlTables = 10;

std::size_t index_of(Table t) { return static_cast<std::size_t>(t); }
Table table_of(OtherTable t) { return static_cast<Table>(3 + static_cast<std::size_t>(t)); }
Table table_of(XmlTable t) { return static_cast<Table>(static_cast<std::size_t>(t)); }

const char* table_label(Table t) {
    constexpr std::array<const char*, kTables> labels{"header", "episodes", "reviews", "missing", "uasc", "oc2", "oc3",
                                                      "ad1", "placed_for_adoption", "previous_permanence", "sw_episodes"};
    return labels[index_of(t)];
}

// Calls `f` with the table's CSV columns (a std::array, as read_csv_rows takes them).
template <class F>
decltype(auto) with_columns(Table t, F&& f) {
    switch (t) {
    case Table::header: return f(kHeaderColumns);
    case Table::episodes: return f(kEpisodeColumns);
    case Table::reviews: return f(kReviewColumns);
    case Table::missing: return f(kMissingColumns);
    case Table::uasc: return f(kUascColumns);
    case Table::oc2: return f(kOc2Columns);
    case Table::oc3: return f(kOc3Columns);
    case Table::ad1: return f(kAd1Columns);
    case Table::placed_for_adoption: return f(kPlacedColumns);
    case Table::previous_permanence: return f(kPermanenceColumns);
    case Table::sw_episodes: return f(kSocialWorkerColumns);
    }
    return f(kHeaderColumns);
}

// Letters and digits only, in lower case: "Child_ID" and "child id" are both "childid".
std::string plain_name(std::string_view name) {
    std::string out;
    for (char c : name)
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A missing column is said with what the file has instead: a column that looks like it
// ("Child_ID" for CHILD, or its name in the 903 XML: "PL" for PLACE), and the columns not read.
std::string missing_column_message(const CsvTable& table, const std::string& column) {
    std::string message = "missing column '" + column + "'";
    const std::string wanted = plain_name(column);
    // The column's name in the 903 XML (PL for PLACE), at its place in the same table's list.
    std::string xml_name;
    auto xml_name_in = [&](const auto& columns, XmlTable t) {
        for (std::size_t i = 0; i < xml_field_names(t).size() && i < columns.size(); ++i)
            if (column == columns[i]) xml_name = plain_name(xml_field_names(t)[i]);
    };
    for (std::size_t t = 0; t < kXmlTables; ++t)
        with_columns(static_cast<Table>(t), [&](const auto& columns) { xml_name_in(columns, static_cast<XmlTable>(t)); });
    for (const std::string& extra : table.extra_columns) {
        const std::string found = plain_name(extra);
        if (found.empty() || !(found.starts_with(wanted) || found == xml_name)) continue;
        message += " (is '" + extra + "' it? name it " + column + ")";
        break;
    }
    if (!table.extra_columns.empty()) {
        std::string others;
        for (std::size_t i = 0; i < table.extra_columns.size() && i < 20; ++i)
            others += (i ? ", " : "") + table.extra_columns[i];
        if (table.extra_columns.size() > 20) others += " and " + std::to_string(table.extra_columns.size() - 20) + " more";
        message += "; the file's columns that are not read: " + others;
    }
    return message;
}

bool has_required_columns(const CsvTable& table, Diagnostics& diagnostics) {
    if (!table.readable) return false;
    bool ok = true;
    for (std::size_t i = 0; i + 1 < table.columns.size(); ++i) {  // all but LA
        if (!table.present[i]) {
            diagnostics.error("E101", table.file, 1, 0, missing_column_message(table, table.columns[i]));
            ok = false;
        }
    }
    return ok;
}


// One file's rows, parsed and validated on their own (so files can be read in parallel), with
// children numbered locally; merging gives them their dataset-wide numbers. An XML return is
// one file holding the three tables, each with its own entry in Dataset::files.
struct ParsedFile {
    Diagnostics diagnostics;
    std::array<int, kTables> rows_read{};  // per table
    int child_column = 0;                  // CHILD's column in a CSV file, for messages; 0 in XML
    std::vector<std::string> child_ids;    // local child number -> pseudonym
    std::vector<ChildRecord> headers;      // header rows; `id` left empty, child in header_child
    std::vector<int> header_child;
    std::vector<Episode> episodes;         // Episode::child holds the local child number
    std::vector<Review> reviews;           // likewise
    std::vector<MissingIncident> missing;  // and the other tables' rows, likewise
    std::vector<UascRecord> uasc;
    std::vector<Oc2Record> oc2;
    std::vector<Oc3Record> oc3;
    std::vector<AdoptionRecord> adoptions;
    std::vector<PlacedForAdoption> placed_for_adoption;
    std::vector<PreviousPermanence> previous_permanence;
    std::vector<SocialWorkerEpisode> social_workers;
    // The LA column's values (in lower case), each as first written and with its rows.
    std::map<std::string, std::pair<std::string, int>> authorities;
};

// What every file of a return is read with.
struct ParseSettings {
    int year = 0;                       // the return's collection year end; 0 when undated
    const std::optional<std::string>* la = nullptr;  // the authority to keep from an LA column
    bool strict = false;
};

std::string authority_name(const std::string& name) { return name.empty() ? "(empty)" : "'" + name + "'"; }

// Where LA is in each table's columns (the last of each list).
std::size_t la_column(Table t) {
    return with_columns(t, [](const auto& columns) { return columns.size() - 1; });
}

class FileParser {
public:
    // `files`: the Dataset::files index of each table's rows.
    FileParser(ParsedFile& out, std::array<int, kTables> files, const ParseSettings& settings)
        : out_(out), files_(files), settings_(settings),
          year_end_(settings.year ? std::optional<Date>(Date::from_ymd(settings.year, 3, 31)) : std::nullopt) {}

    // After the last row: a file of several authorities read without [data] la is said once,
    // at its first row of a second authority, with every authority it holds.
    void report_authorities(const std::string& file) const {
        if (out_.authorities.size() < 2 || (settings_.la && *settings_.la)) return;
        std::string list;
        for (const auto& [key, name_rows] : out_.authorities)
            list += (list.empty() ? "" : ", ") + authority_name(name_rows.first) + " " + format_number(name_rows.second) +
                    (list.empty() ? " rows" : "");
        out_.diagnostics.warning("W206", file, second_authority_.line, second_authority_.column,
                                 "LA: this file holds rows of " + std::to_string(out_.authorities.size()) +
                                     " authorities (" + list + "), all counted together as one; set [data] la "
                                     "to the one to count");
    }

    // Each table's coded columns, tallied apart (an XML return holds three tables).
    std::array<CodeTally, kTables> tallies;

    void report(const std::string& file) const {
        for (const CodeTally& t : tallies) t.report(file, out_.diagnostics);
    }

    void add(Table table_kind, RowReader& r) {
        ++out_.rows_read[index_of(table_kind)];
        r.tally = &tallies[index_of(table_kind)];
        if (const std::size_t la = la_column(table_kind); la < r.fields.size() && !keep_authority(r, static_cast<int>(la)))
            return;
        if (!r.child_id()) return;
        switch (table_kind) {
        case Table::header: add_header(r); break;
        case Table::episodes: add_episode(r); break;
        case Table::reviews: add_review(r); break;
        case Table::missing: add_missing(r); break;
        case Table::uasc: add_uasc(r); break;
        case Table::oc2: add_oc2(r); break;
        case Table::oc3: add_oc3(r); break;
        case Table::ad1: add_ad1(r); break;
        case Table::placed_for_adoption: add_placed(r); break;
        case Table::previous_permanence: add_permanence(r); break;
        case Table::sw_episodes: add_social_worker(r); break;
        }
    }

private:
    int child(const std::string& id) {
        // Exports list a child's rows together, so the previous row's child is the likely one.
        if (last_child_ >= 0 && out_.child_ids[static_cast<std::size_t>(last_child_)] == id) return last_child_;
        auto [it, inserted] = index_.try_emplace(id, static_cast<int>(out_.child_ids.size()));
        if (inserted) out_.child_ids.push_back(id);
        last_child_ = it->second;
        return it->second;
    }

    // A row of a file with an LA column: kept when it is of the authority [data] la names (in
    // any case), or when no authority is named.
    bool keep_authority(const RowReader& r, int column) {
        const std::string key = to_lower_ascii(r.get(column));
        if (out_.authorities.empty()) first_authority_ = key;
        auto& [name, rows] = out_.authorities[key];
        if (rows++ == 0) name = r.get(column);
        if (settings_.la && *settings_.la) return key == to_lower_ascii(**settings_.la);
        if (key != first_authority_ && second_authority_.line == 0) second_authority_ = {r.line_of(column), r.col(column)};
        return true;
    }

    // A date after its return's collection year ends (31 March) cannot be in that return: a
    // mistyped year, said where it is (docs/errors.md, W204). The row is counted as written.
    void check_in_year(RowReader& r, int column, const std::optional<Date>& date) {
        if (!date || !year_end_ || *date <= *year_end_) return;
        r.warning(column, "W204", date->iso() + " is after the end of the " + financial_year_label(settings_.year - 1) +
                                      " return's collection year (" + year_end_->long_text() + "): is its year mistyped?");
    }

    SourceRef source(Table table, const RowReader& r, int column) const {
        return {files_[index_of(table)], r.line_of(column), r.col(column)};
    }

    void add_header(RowReader& r) {
        std::optional<Date> dob = r.date(2, false);
        if (r.get(2).empty()) r.warning(2, "W103", "is empty; the child's age cannot be known");
        if (!r.get(1).empty() && !codes::is_valid_sex(r.get(1)))
            r.warning(1, "W101", "'" + r.get(1) + "' is not a sex code (1, 2, M, F, U)");
        r.code(3, codes::ethnicity(), "an ethnicity code");
        if (!r.ok) return;
        const int c = child(r.get(0));
        if (static_cast<std::size_t>(c) < seen_in_header_.size() && seen_in_header_[static_cast<std::size_t>(c)])
            r.warning(0, "W104", "the same child appears twice in this header file; the later row is used");
        if (seen_in_header_.size() <= static_cast<std::size_t>(c)) seen_in_header_.resize(static_cast<std::size_t>(c) + 1, false);
        seen_in_header_[static_cast<std::size_t>(c)] = true;
        ChildRecord record;
        record.sex = r.get(1);
        record.dob = dob;
        record.ethnic = r.get(3);
        record.in_header = true;
        out_.headers.push_back(std::move(record));
        out_.header_child.push_back(c);
    }

    void add_episode(RowReader& r) {
        std::optional<Date> decom = r.date(1, true);
        std::optional<Date> dec = r.date(7, false);
        check_order(r, 1, decom, 7, dec);
        r.code(2, codes::new_episode(), "a reason for new episode (RNE) code");
        r.code(3, codes::legal_status(), "a legal status code");
        r.code(4, codes::need(), "a category of need code");
        r.code(5, codes::placement(), "a placement type code");
        r.code(6, codes::provider(), "a placement provider code");
        r.code(8, codes::reason_ceased(), "a reason episode ceased code", true);
        check_in_year(r, 1, decom);
        check_in_year(r, 7, dec);
        if (dec && r.get(8).empty())
            r.warning(8, "W105", "is empty although DEC is set; the episode is not counted as ceasing care");
        if (!dec && !r.get(8).empty() && r.ok)
            r.warning(8, "W106", "is set although DEC is empty; the episode is treated as still open");
        if (!r.ok || !decom) return;
        Episode e;
        e.child = child(r.get(0));
        e.decom = *decom;
        e.dec = dec;
        e.rne = r.get(2);
        e.ls = r.get(3);
        e.cin = r.get(4);
        e.place = r.get(5);
        e.provider = r.get(6);
        e.rec = r.get(8);
        e.source = source(Table::episodes, r, 1);
        out_.episodes.push_back(std::move(e));
    }

    void add_review(RowReader& r) {
        std::optional<Date> date = r.date(1, true);
        check_in_year(r, 1, date);
        r.code(2, codes::participation(), "a review participation code");
        if (!r.ok || !date) return;
        out_.reviews.push_back({child(r.get(0)), *date, r.get(2), source(Table::reviews, r, 1)});
    }

    // A later date that must not come before an earlier one (MIS_END, SW_DEC ...): E113.
    void check_order(RowReader& r, int first, const std::optional<Date>& from, int second, const std::optional<Date>& to) {
        if (from && to && *to < *from) r.error(second, "E113", r.get(second) + " is before " + r.name(first) + " " + r.get(first));
    }

    void add_missing(RowReader& r) {
        r.code(1, codes::missing_kinds(), "a missing code (M missing, A away without authorisation)");
        std::optional<Date> start = r.date(2, true);
        std::optional<Date> end = r.date(3, false);
        check_order(r, 2, start, 3, end);
        check_in_year(r, 2, start);
        if (!r.ok || !start) return;
        out_.missing.push_back({child(r.get(0)), r.get(1), *start, end, source(Table::missing, r, 2)});
    }

    void add_uasc(RowReader& r) {
        std::optional<Date> duc = r.date(1, false);
        if (!r.ok) return;
        out_.uasc.push_back({child(r.get(0)), duc, source(Table::uasc, r, 1)});
    }

    // A yes-or-no value: '1', '0', or 0 when empty or (said, W111) anything else.
    char flag(RowReader& r, int column) {
        const std::string& v = r.get(column);
        if (v == "1" || v == "0") return v[0];
        if (!v.empty()) r.warning(column, "W111", "'" + v + "' is not 1 (yes) or 0 (no); counted as not yes");
        return 0;
    }

    void add_oc2(RowReader& r) {
        Oc2Record rec;
        const std::string& sdq = r.get(1);
        if (!sdq.empty()) {
            int score = -1;
            if (sdq.size() <= 2 && std::all_of(sdq.begin(), sdq.end(), [](char c) { return c >= '0' && c <= '9'; }))
                score = std::stoi(sdq);
            if (score >= 0 && score <= 40) rec.sdq_score = score;
            else r.warning(1, "W111", "'" + sdq + "' is not an SDQ score (a whole number from 0 to 40); counted as no score");
        }
        for (int f = 0; f < Oc2Record::flag_count; ++f) rec.flags[static_cast<std::size_t>(f)] = flag(r, 2 + f);
        if (!r.ok) return;
        rec.child = child(r.get(0));
        rec.year = settings_.year;
        rec.source = source(Table::oc2, r, 1);
        out_.oc2.push_back(std::move(rec));
    }

    void add_oc3(RowReader& r) {
        r.code(1, codes::in_touch(), "an in-touch code");
        r.code(2, codes::activity(), "an activity code", true);
        r.code(3, codes::accommodation(), "an accommodation code", true);
        if (!r.ok) return;
        out_.oc3.push_back({child(r.get(0)), settings_.year, r.get(1), r.get(2), r.get(3), source(Table::oc3, r, 1)});
    }

    void add_ad1(RowReader& r) {
        std::optional<Date> decided = r.date(1, false);
        std::optional<Date> matched = r.date(2, false);
        check_in_year(r, 2, matched);
        if (!r.ok) return;
        out_.adoptions.push_back({child(r.get(0)), decided, matched, source(Table::ad1, r, 2)});
    }

    void add_placed(RowReader& r) {
        std::optional<Date> placed = r.date(1, true);
        std::optional<Date> ceased = r.date(2, false);
        check_order(r, 1, placed, 2, ceased);
        check_in_year(r, 1, placed);
        if (!r.ok || !placed) return;
        out_.placed_for_adoption.push_back({child(r.get(0)), *placed, ceased, r.get(3), source(Table::placed_for_adoption, r, 1)});
    }

    void add_permanence(RowReader& r) {
        r.code(1, codes::previous_permanence(), "a previous permanence code");
        if (!r.ok) return;
        out_.previous_permanence.push_back({child(r.get(0)), r.get(1), source(Table::previous_permanence, r, 1)});
    }

    void add_social_worker(RowReader& r) {
        if (r.get(1).empty()) r.warning(1, "W102", "is empty; expected the social worker's pseudonym; the row is not counted");
        std::optional<Date> start = r.date(2, true);
        std::optional<Date> end = r.date(3, false);
        check_order(r, 2, start, 3, end);
        check_in_year(r, 2, start);
        if (!r.ok || !start || r.get(1).empty()) return;
        out_.social_workers.push_back({child(r.get(0)), r.get(1), *start, end, source(Table::sw_episodes, r, 2)});
    }

    ParsedFile& out_;
    std::array<int, kTables> files_;
    const ParseSettings& settings_;
    std::optional<Date> year_end_;
    std::string first_authority_;
    struct {
        int line = 0, column = 0;
    } second_authority_;
    std::unordered_map<std::string, int> index_;
    std::vector<bool> seen_in_header_;
    int last_child_ = -1;
};

// Reads one CSV file's text: every row validated, problems in the file's own diagnostics.
ParsedFile parse_csv_file(const std::string& name, const std::string& text, Table table_kind, int file,
                          const ParseSettings& settings) {
    ParsedFile out;
    out.diagnostics.set_strict(settings.strict);
    std::array<int, kTables> files;
    files.fill(file);
    FileParser parser(out, files, settings);
    // Required columns are checked when the first row arrives (or after an empty file); rows of
    // a file that lacks one are not used: the error already stops the build.
    std::optional<bool> usable;
    auto on_row = [&](const CsvTable& table, int line, std::span<const std::string> fields) {
        if (!usable) usable = has_required_columns(table, out.diagnostics);
        if (!*usable) return;
        // Without an LA column the row is the authority's own: the column is left out of the row.
        const std::size_t n = table.present.back() ? fields.size() : fields.size() - 1;
        RowReader r{table.file, std::span<const std::string>(table.columns).first(n), line, fields.first(n),
                    std::span<const int>(table.file_column).first(n), {}, out.diagnostics};
        parser.add(table_kind, r);
    };
    CsvTable info = with_columns(table_kind, [&](const auto& columns) {
        return read_csv_rows(name, text, columns, out.diagnostics, on_row);
    });
    if (!usable) has_required_columns(info, out.diagnostics);
    if (info.readable && !info.file_column.empty()) out.child_column = info.file_column[0];
    parser.report(name);
    parser.report_authorities(name);
    return out;
}

// Reads one XML return (<EXPSSDA903>): its rows of every table are validated as the CSV tables'
// rows are, under the XML's element names. The tables' entries in Dataset::files are
// `first_file` on, in Table order.
// `text` is the document, or nullptr to read the file `name` in pieces.
ParsedFile parse_xml_file(const std::string& name, const std::string* text, int first_file, const ParseSettings& settings) {
    std::array<int, kTables> files;
    for (std::size_t t = 0; t < kTables; ++t) files[t] = first_file + static_cast<int>(std::min(t, kXmlTables - 1));
    ParsedFile out;
    out.diagnostics.set_strict(settings.strict);
    FileParser parser(out, files, settings);
    auto names_of = [](XmlTable t) {
        std::vector<std::string> names;
        for (const char* n : xml_field_names(t)) names.emplace_back(n);
        return names;
    };
    std::array<std::vector<std::string>, kXmlTables> names;
    for (std::size_t t = 0; t < kXmlTables; ++t) names[t] = names_of(static_cast<XmlTable>(t));
    std::vector<std::string> texts;
    std::vector<int> lines, columns;
    const XmlRowHandler on_row = [&](XmlTable table, int line, int, std::span<XmlField> fields) {
        texts.resize(fields.size());
        lines.resize(fields.size());
        columns.resize(fields.size());
        for (std::size_t i = 0; i < fields.size(); ++i) {
            texts[i] = std::move(fields[i].text);
            lines[i] = fields[i].line;
            columns[i] = fields[i].column;
        }
        const Table kind = table_of(table);
        RowReader r{name, names[index_of(kind)], line, texts, columns, lines, out.diagnostics};
        parser.add(kind, r);
    };
    if (text) read_903_xml(name, *text, out.diagnostics, on_row);
    else read_903_xml_file(name, out.diagnostics, on_row);
    parser.report(name);
    return out;
}

// Stitches rows keyed by (child, date): sorts them by key and, where a key repeats, keeps the
// row read last (rows arrive oldest return first, then by line). Sorting compact keys and moving
// each row once is deterministic and far cheaper than hashing or sorting the rows themselves.
// `on_repeat(earlier, later)` is told of every repeat.
template <class Row, class DateOf, class OnRepeat>
void stitch_by_child_and_date(std::vector<Row>& rows, DateOf date_of, OnRepeat on_repeat) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keys(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        keys[i] = {(static_cast<std::uint64_t>(static_cast<std::uint32_t>(rows[i].child)) << 32) |
                       static_cast<std::uint32_t>(date_of(rows[i]) + 0x40000000),
                   static_cast<std::uint32_t>(i)};
    std::sort(keys.begin(), keys.end());
    std::vector<Row> kept;
    kept.reserve(rows.size());
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (k + 1 < keys.size() && keys[k + 1].first == keys[k].first) {
            on_repeat(rows[keys[k].second], rows[keys[k + 1].second]);
            continue;
        }
        kept.push_back(std::move(rows[keys[k].second]));
    }
    rows = std::move(kept);
}

// CHILD's column in each of Dataset::files (0 where not known, as in XML), for messages.
using ChildColumns = std::vector<int>;

int child_column_of(const ChildColumns& columns, const SourceRef& s) {
    return static_cast<std::size_t>(s.file) < columns.size() ? columns[static_cast<std::size_t>(s.file)] : 0;
}

void sort_and_index(Dataset& data, Diagnostics& diagnostics) {
    auto path = [&](const SourceRef& s) -> const std::string& { return data.files[static_cast<std::size_t>(s.file)].path; };
    // A repeat within one file is a data-quality problem; across returns it is how returns work.
    // Episodes and reviews are stitched side by side, each with its own messages, appended in a
    // fixed order afterwards.
    Diagnostics episode_notes, review_notes;
    episode_notes.set_strict(diagnostics.strict());
    review_notes.set_strict(diagnostics.strict());
    run_in_parallel(2, data.episodes.size() + data.reviews.size() >= kRowsWorthThreads, [&](std::size_t task) {
        if (task == 0)
            stitch_by_child_and_date(data.episodes, [](const Episode& e) { return e.decom.days; },
                [&](const Episode& earlier, const Episode& later) {
                    if (earlier.source.file == later.source.file)
                        episode_notes.warning("W107", path(later.source), later.source.line, later.source.column,
                                              "DECOM: this child already has an episode starting " + later.decom.iso() +
                                                  " in this file (line " + std::to_string(earlier.source.line) +
                                                  "); the later row is used");
                });
        else
            stitch_by_child_and_date(data.reviews, [](const Review& r) { return r.date.days; },
                [&](const Review& earlier, const Review& later) {
                    if (earlier.source.file == later.source.file)
                        review_notes.warning("W108", path(later.source), later.source.line, later.source.column,
                                             "REVIEW: this child already has a review on " + later.date.iso() +
                                                 " in this file (line " + std::to_string(earlier.source.line) +
                                                 "); the later row is used");
                });
    });
    diagnostics.append(std::move(episode_notes));
    diagnostics.append(std::move(review_notes));
    // The other tables, each by its key (docs/definitions.md, "The other 903 tables").
    auto stitch = [&](auto& rows, auto key_of, const char* what) {
        stitch_by_child_and_date(rows, key_of, [&](const auto& earlier, const auto& later) {
            if (earlier.source.file == later.source.file)
                diagnostics.warning("W112", path(later.source), later.source.line, later.source.column,
                                    std::string("this child already has ") + what + " in this file (line " +
                                        std::to_string(earlier.source.line) + "); the later row is used");
        });
    };
    stitch(data.missing, [](const MissingIncident& m) { return m.start.days; }, "a missing row starting on the same day");
    stitch(data.uasc, [](const UascRecord&) { return 0; }, "a uasc row");
    stitch(data.oc2, [](const Oc2Record& r) { return r.year; }, "an OC2 row");
    stitch(data.oc3, [](const Oc3Record& r) { return r.year; }, "an OC3 row");
    stitch(data.adoptions, [](const AdoptionRecord&) { return 0; }, "an ad1 row");
    stitch(data.placed_for_adoption, [](const PlacedForAdoption& p) { return p.placed.days; },
           "a placed_for_adoption row with the same DATE_PLACED");
    stitch(data.previous_permanence, [](const PreviousPermanence&) { return 0; }, "a previous_permanence row");
    stitch(data.social_workers, [](const SocialWorkerEpisode& w) { return w.start.days; },
           "a social worker episode starting on the same day");
    const std::size_t n = data.children.size();
    data.episode_begin.assign(n + 1, 0);
    data.review_begin.assign(n + 1, 0);
    for (const Episode& e : data.episodes) ++data.episode_begin[static_cast<std::size_t>(e.child) + 1];
    for (const Review& r : data.reviews) ++data.review_begin[static_cast<std::size_t>(r.child) + 1];
    std::partial_sum(data.episode_begin.begin(), data.episode_begin.end(), data.episode_begin.begin());
    std::partial_sum(data.review_begin.begin(), data.review_begin.end(), data.review_begin.begin());
}

std::optional<Date> latest_event(const Dataset& data, Diagnostics& diagnostics);

// Data-quality checks that need the stitched data: warnings only.
void check_stitched(Dataset& data, const ChildColumns& columns, Diagnostics& diagnostics) {
    auto where = [&](const SourceRef& s) -> const std::string& {
        return data.files[static_cast<std::size_t>(s.file)].path;
    };
    for (std::size_t c = 0; c < data.children.size(); ++c) {
        const std::size_t eb = data.episode_begin[c], ee = data.episode_begin[c + 1];
        if (!data.children[c].in_header && eb < ee)
            diagnostics.warning("W201", where(data.episodes[eb].source), data.episodes[eb].source.line,
                                child_column_of(columns, data.episodes[eb].source),
                                "CHILD: this child has episodes but no row in any header file; "
                                "sex, age and ethnicity are counted as not known");
        const Episode* previous = nullptr;
        for (std::size_t i = eb; i < ee; ++i) {
            const Episode& e = data.episodes[i];
            if (codes::is_short_break(e.ls)) continue;
            if (previous && (!previous->dec || e.decom < *previous->dec))
                diagnostics.warning("W202", where(e.source), e.source.line, e.source.column,
                                    "DECOM: this episode starts before the child's previous episode "
                                    "(line " + std::to_string(previous->source.line) + " of " +
                                        where(previous->source) + ") ends");
            previous = &e;
        }
        const std::size_t rb = data.review_begin[c], re = data.review_begin[c + 1];
        if (rb == re) continue;
        const std::vector<PeriodOfCare> periods = periods_of_care(data, static_cast<int>(c));
        for (std::size_t i = rb; i < re; ++i) {
            const Review& r = data.reviews[i];
            bool inside = false;
            for (const PeriodOfCare& p : periods) inside = inside || (p.start <= r.date && (!p.end || r.date <= *p.end));
            // A short break's review is counted apart (docs/definitions.md), not a problem.
            for (std::size_t e = data.episode_begin[c]; !inside && e < data.episode_begin[c + 1]; ++e) {
                const Episode& ep = data.episodes[e];
                inside = codes::is_short_break(ep.ls) && ep.decom <= r.date && (!ep.dec || r.date <= *ep.dec);
            }
            if (!inside)
                diagnostics.warning("W203", where(r.source), r.source.line, r.source.column,
                                    "REVIEW: " + r.date.iso() + " is outside every period of care of this child");
        }
    }
    data.latest_event = latest_event(data, diagnostics);
}

// The latest DECOM, DEC or REVIEW, where undated data's window ends. Without return years to
// bound them, a few dates more than a year after all the others (one mistyped year, 2105 for
// 2015, would move the whole window to 2105) are passed over for it and said where they are
// (W205): dates beyond a gap of more than 366 days with no date in it, holding at most 1% of
// all the dates. The rows are counted as written.
std::optional<Date> latest_event(const Dataset& data, Diagnostics& diagnostics) {
    int first = std::numeric_limits<int>::max(), last = std::numeric_limits<int>::min();
    auto each_day = [&](auto&& f) {
        for (const Episode& e : data.episodes) {
            f(e.decom.days);
            if (e.dec) f(e.dec->days);
        }
        for (const Review& r : data.reviews) f(r.date.days);
    };
    std::size_t total = 0;
    each_day([&](int d) { first = std::min(first, d), last = std::max(last, d), ++total; });
    if (total == 0) return std::nullopt;
    if (!data.return_years.empty()) return Date{last};
    // How many dates fall on each day, from the earliest (dates are 1900 to 2200: at most
    // 110,000 days), so that the gaps are found in one pass over the rows.
    std::vector<std::uint32_t> on_day(static_cast<std::size_t>(last - first) + 1, 0);
    each_day([&](int d) { ++on_day[static_cast<std::size_t>(d - first)]; });
    int kept_day = last, above_day = last;
    std::size_t above = 0;  // dates after the day being looked at
    for (int d = last; d >= first && above * 100 <= total; --d) {
        const std::uint32_t n = on_day[static_cast<std::size_t>(d - first)];
        if (n == 0) continue;
        if (above_day - d > 366) kept_day = d;
        above += n;
        above_day = d;
    }
    const Date kept{kept_day};
    if (kept_day == last) return kept;
    auto where = [&](const SourceRef& s) -> const std::string& { return data.files[static_cast<std::size_t>(s.file)].path; };
    auto say = [&](const SourceRef& s, const std::string& field, Date date) {
        diagnostics.warning("W205", where(s), s.line, field == "DEC" ? 0 : s.column,
                            field + ": " + date.iso() + " is more than a year after every other date in the data "
                            "(the latest is " + kept.iso() + "): is its year mistyped? The window ends at " +
                            kept.iso() + "; the row is counted as written");
    };
    for (const Episode& e : data.episodes) {
        if (e.decom > kept) say(e.source, "DECOM", e.decom);
        if (e.dec && *e.dec > kept) say(e.source, "DEC", *e.dec);
    }
    for (const Review& r : data.reviews)
        if (r.date > kept) say(r.source, "REVIEW", r.date);
    return kept;
}

// The return year a file or folder name holds (docs/definitions.md): the last 4-digit year in
// it, where "2023-24" means 2024, the year the collection ends; 0 when there is none.
int year_in(const std::string& text) {
    int year = 0;
    for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        auto digit = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
        if ((i > 0 && digit(i - 1)) || !digit(i) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3) || digit(i + 4))
            continue;
        const int y = std::stoi(text.substr(i, 4));
        if (y < 1900 || y > 2099) continue;
        year = y;
        // "2023-24" or "2023_24": the return that ends in 2024.
        if (i + 7 <= text.size() && (text[i + 4] == '-' || text[i + 4] == '_') && digit(i + 5) && digit(i + 6) &&
            !digit(i + 7) && std::stoi(text.substr(i + 5, 2)) == (y + 1) % 100) {
            year = y + 1;
            i += 6;
        }
        i += 3;
    }
    return year;
}

// [data] la names the authority to read from files that pool several: one that no LA column
// holds is an error (the message lists those there are); with no LA column at all, it is said.
void check_authority(const IngestOptions& options,
                     const std::map<std::string, std::pair<std::string, int>>& authorities, Diagnostics& diagnostics) {
    const std::string& la = *options.la;
    if (authorities.empty()) {
        diagnostics.warning("W207", options.la_file, options.la_line, options.la_column,
                            "data.la: '" + la + "' is set, but no 903 file has an LA column: every row is read");
        return;
    }
    if (authorities.count(to_lower_ascii(la))) return;
    std::string list;
    for (const auto& [key, name_rows] : authorities)
        list += (list.empty() ? "" : ", ") + authority_name(name_rows.first) + " (" + format_number(name_rows.second) + " rows)";
    diagnostics.error("E012", options.la_file, options.la_line, options.la_column,
                      "data.la: no row's LA is '" + la + "'; the 903 files' LA columns hold " + list);
}

}  // namespace

std::string_view other_table_name(OtherTable table) { return table_label(table_of(table)); }

Dataset build_dataset(const std::vector<ReturnText>& returns, Diagnostics& diagnostics, const IngestOptions& options) {
    Dataset data;
    std::vector<std::size_t> order(returns.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return returns[a].year < returns[b].year; });

    // Files in stitching order: oldest return first, then header, episodes, reviews (an XML
    // return holds all three, and has an entry in data.files for each).
    struct Job {
        const std::string* name;
        const std::string* text;     // nullptr for an XML return read from its file
        std::optional<Table> table;  // empty for an XML return
        int file;                    // its (first) entry in data.files
        int year;
    };
    std::vector<Job> jobs;
    // Says that a return (of collection year `year`) gave one of the other tables.
    auto gives = [&](Table t, int year) {
        switch (t) {
        case Table::missing: data.has_missing = true; break;
        case Table::uasc: data.has_uasc = true; break;
        case Table::oc2: data.oc2_years.push_back(year); break;
        case Table::oc3: data.oc3_years.push_back(year); break;
        case Table::ad1: data.has_adoptions = true; break;
        case Table::placed_for_adoption: data.has_placed_for_adoption = true; break;
        case Table::previous_permanence: data.has_previous_permanence = true; break;
        case Table::sw_episodes: data.social_worker_years.push_back(year); break;
        default: break;
        }
    };
    data.has_reviews = std::any_of(returns.begin(), returns.end(), [](const ReturnText& r) { return r.reviews || r.has_xml(); });
    for (std::size_t index : order) {
        const ReturnText& rt = returns[index];
        if (rt.year != 0) data.return_years.push_back(rt.year);
        auto add = [&](const std::optional<std::string>& text, const std::string& name, Table table, const char* label) {
            if (!text) return;
            jobs.push_back({&name, &*text, table, static_cast<int>(data.files.size()), rt.year});
            data.files.push_back({name, label, rt.year, 0, 0});
        };
        if (rt.has_xml()) {
            jobs.push_back({&rt.xml_name, rt.xml ? &*rt.xml : nullptr, std::nullopt, static_cast<int>(data.files.size()),
                            rt.year});
            for (std::size_t t = 0; t < kXmlTables; ++t)
                data.files.push_back({rt.xml_name, table_label(static_cast<Table>(t)), rt.year, 0, 0});
        }
        add(rt.header, rt.header_name, Table::header, "header");
        add(rt.episodes, rt.episodes_name, Table::episodes, "episodes");
        add(rt.reviews, rt.reviews_name, Table::reviews, "reviews");
        for (const ReturnText::Other& other : rt.others) {
            const Table t = table_of(other.table);
            jobs.push_back({&other.name, &other.text, t, static_cast<int>(data.files.size()), rt.year});
            data.files.push_back({other.name, table_label(t), rt.year, 0, 0});
            gives(t, rt.year);  // even with no rows: the file says the table is empty
        }
    }
    std::vector<ParsedFile> parsed(jobs.size());
    std::size_t bytes = 0;
    for (const Job& job : jobs) {
        std::error_code ec;
        const std::uintmax_t size = job.text ? job.text->size() : std::filesystem::file_size(*job.name, ec);
        if (!ec) bytes += static_cast<std::size_t>(size);
    }
    run_in_parallel(jobs.size(), bytes >= kBytesWorthThreads, [&](std::size_t i) {
        const Job& job = jobs[i];
        const ParseSettings settings{job.year, &options.la, diagnostics.strict()};
        parsed[i] = job.table ? parse_csv_file(*job.name, *job.text, *job.table, job.file, settings)
                              : parse_xml_file(*job.name, job.text, job.file, settings);
    });

    // Merge in file order, so the result and the messages do not depend on thread timing.
    std::size_t episode_rows = 0, review_rows = 0, child_rows = 0;
    for (const ParsedFile& p : parsed) {
        episode_rows += p.episodes.size();
        review_rows += p.reviews.size();
        child_rows = std::max(child_rows, p.child_ids.size());
    }
    data.episodes.reserve(episode_rows);
    data.reviews.reserve(review_rows);
    std::unordered_map<std::string, int> child_index;
    child_index.reserve(child_rows * 2);
    ChildColumns columns(data.files.size(), 0);
    std::map<std::string, std::pair<std::string, int>> authorities;  // every LA column's, as in ParsedFile
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        ParsedFile& p = parsed[i];
        for (const auto& [key, name_rows] : p.authorities) {
            auto& [name, rows] = authorities[key];
            if (rows == 0) name = name_rows.first;
            rows += name_rows.second;
        }
        diagnostics.append(std::move(p.diagnostics));
        const std::size_t first = static_cast<std::size_t>(jobs[i].file);
        if (jobs[i].table) {
            data.files[first].rows_read = p.rows_read[index_of(*jobs[i].table)];
            columns[first] = p.child_column;
        } else {
            for (std::size_t t = 0; t < kXmlTables; ++t) data.files[first + t].rows_read = p.rows_read[t];
            // An XML return has every table's elements; one it holds no row of is taken as not
            // exported (docs/definitions.md), not as a table of zeros.
            for (std::size_t t = 3; t < kXmlTables; ++t)
                if (p.rows_read[t] > 0) gives(static_cast<Table>(t), jobs[i].year);
        }
        std::vector<int> global(p.child_ids.size());
        for (std::size_t c = 0; c < p.child_ids.size(); ++c) {
            auto [it, inserted] = child_index.try_emplace(p.child_ids[c], static_cast<int>(data.children.size()));
            if (inserted) {
                data.children.push_back({});
                data.children.back().id = std::move(p.child_ids[c]);
            }
            global[c] = it->second;
        }
        for (std::size_t h = 0; h < p.headers.size(); ++h) {
            ChildRecord& record = data.children[static_cast<std::size_t>(global[static_cast<std::size_t>(p.header_child[h])])];
            p.headers[h].id = std::move(record.id);
            record = std::move(p.headers[h]);
        }
        for (Episode& e : p.episodes) {
            e.child = global[static_cast<std::size_t>(e.child)];
            data.episodes.push_back(std::move(e));
        }
        for (Review& r : p.reviews) {
            r.child = global[static_cast<std::size_t>(r.child)];
            data.reviews.push_back(std::move(r));
        }
        auto move_rows = [&](auto& from, auto& to) {
            for (auto& row : from) {
                row.child = global[static_cast<std::size_t>(row.child)];
                to.push_back(std::move(row));
            }
        };
        move_rows(p.missing, data.missing);
        move_rows(p.uasc, data.uasc);
        move_rows(p.oc2, data.oc2);
        move_rows(p.oc3, data.oc3);
        move_rows(p.adoptions, data.adoptions);
        move_rows(p.placed_for_adoption, data.placed_for_adoption);
        move_rows(p.previous_permanence, data.previous_permanence);
        move_rows(p.social_workers, data.social_workers);
        p = ParsedFile{};
    }
    if (options.la && !parsed.empty()) check_authority(options, authorities, diagnostics);
    data.authorities = std::move(authorities);
    std::sort(data.return_years.begin(), data.return_years.end());
    data.return_years.erase(std::unique(data.return_years.begin(), data.return_years.end()), data.return_years.end());
    sort_and_index(data, diagnostics);
    if (!data.return_years.empty()) data.reviews_known_from = Date::from_ymd(data.return_years.front() - 1, 4, 1);
    for (const Episode& e : data.episodes) ++data.files[static_cast<std::size_t>(e.source.file)].rows_kept;
    for (const Review& r : data.reviews) ++data.files[static_cast<std::size_t>(r.source.file)].rows_kept;
    auto count_kept = [&](const auto& rows) {
        for (const auto& row : rows) ++data.files[static_cast<std::size_t>(row.source.file)].rows_kept;
    };
    count_kept(data.missing);
    count_kept(data.uasc);
    count_kept(data.oc2);
    count_kept(data.oc3);
    count_kept(data.adoptions);
    count_kept(data.placed_for_adoption);
    count_kept(data.previous_permanence);
    count_kept(data.social_workers);
    for (std::vector<int>* years : {&data.oc2_years, &data.oc3_years, &data.social_worker_years}) {
        std::sort(years->begin(), years->end());
        years->erase(std::unique(years->begin(), years->end()), years->end());
    }
    check_stitched(data, columns, diagnostics);
    return data;
}

namespace {

// The other table a (lower-case) file name is, by its end: "2024-oc2.csv", "SSDA903_missing.csv".
std::optional<OtherTable> other_table_of(const std::string& name) {
    for (std::size_t t = 0; t < kOtherTables; ++t) {
        const std::string suffix = std::string(other_table_name(static_cast<OtherTable>(t))) + ".csv";
        if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return static_cast<OtherTable>(t);
    }
    return std::nullopt;
}

}  // namespace

DataFolder discover_data_folder(const std::string& dir, Diagnostics& diagnostics) {
    namespace fs = std::filesystem;
    DataFolder folder;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        diagnostics.error("E004", dir, 0, 0, "the data folder does not exist or is not a folder");
        return folder;
    }
    // Lists a folder's entries in name order; false (with the error said) when it cannot be read.
    auto list = [&](const fs::path& path, const char* code, const char* what, std::vector<fs::directory_entry>& out) {
        std::error_code error;
        fs::directory_iterator it(path, error);
        for (; !error && it != fs::directory_iterator(); it.increment(error)) out.push_back(*it);
        if (error) {
            diagnostics.error(code, path.string(), 0, 0, std::string("cannot read the ") + what + ": " + error.message());
            return false;
        }
        std::sort(out.begin(), out.end(),
                  [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
        return true;
    };
    std::vector<fs::directory_entry> top;
    if (!list(dir, "E004", "data folder", top)) return folder;
    auto is_csv = [](const fs::path& p) { return to_lower_ascii(p.extension().string()) == ".csv"; };
    auto is_xml = [](const fs::path& p) { return to_lower_ascii(p.extension().string()) == ".xml"; };
    std::vector<fs::path> files;
    // A link to nothing where a table or a return's folder would be is an error, not a gap.
    auto dangling = [&](const fs::directory_entry& entry) {
        std::error_code error;
        if (!entry.is_symlink(error) || fs::exists(entry.path(), error)) return false;
        const std::string name = entry.path().filename().string();
        if (is_csv(entry.path()) || is_xml(entry.path()) || year_in(name) != 0)
            diagnostics.error("E007", entry.path().string(), 0, 0, "cannot read: it is a link to nothing");
        return true;
    };
    for (const fs::directory_entry& entry : top) {
        const std::string name = entry.path().filename().string();
        if (dangling(entry)) continue;
        if (entry.is_directory(ec)) {
            if (year_in(name) == 0) {
                folder.ignored.push_back({entry.path().string(), "a folder without a year in its name; files in "
                                                                 "it are read only where the config names them"});
                continue;
            }
            std::vector<fs::directory_entry> inner;
            if (!list(entry.path(), "E007", "folder", inner)) continue;
            for (const fs::directory_entry& e : inner) {
                if (dangling(e)) continue;
                if (e.is_regular_file(ec)) files.push_back(e.path());
                else if (e.is_directory(ec)) folder.ignored.push_back({e.path().string(), "a folder inside a return's folder"});
            }
        } else if (entry.is_regular_file(ec)) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::map<int, DataFolder::Return> by_year;
    for (const fs::path& path : files) {
        const std::string name = to_lower_ascii(path.filename().string());
        const bool in_subfolder = path.parent_path() != fs::path(dir);
        int year = year_in(path.filename().string());
        if (year == 0 && in_subfolder) year = year_in(path.parent_path().filename().string());
        auto slot = [&](std::string DataFolder::Return::*member, const char* table) {
            DataFolder::Return& r = by_year[year];
            r.year = year;
            if (!(r.*member).empty())
                diagnostics.error("E005", path.string(), 0, 0,
                                  std::string("a second ") + table + " file for the same return (the first is " +
                                      r.*member + ")");
            else r.*member = path.string();
        };
        auto ends_with = [&](std::string_view suffix) {
            return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        auto slot_other = [&](OtherTable t) {
            DataFolder::Return& r = by_year[year];
            r.year = year;
            std::string& slot_path = r.others[static_cast<std::size_t>(t)];
            if (!slot_path.empty())
                diagnostics.error("E005", path.string(), 0, 0,
                                  "a second " + std::string(other_table_name(t)) + " file for the same return (the first is " +
                                      slot_path + ")");
            else slot_path = path.string();
        };
        if (name == "measures.csv") folder.measures_csv = path.string();
        else if (name == "iro_staffing.csv" && !in_subfolder) folder.staffing = path.string();
        else if (name == "iro_activity.csv" && !in_subfolder) folder.activity = path.string();
        else if (name == "iro_allocations.csv" && !in_subfolder) folder.allocations = path.string();
        else if (ends_with("escalations.csv")) slot(&DataFolder::Return::escalations, "escalations");
        else if (const std::optional<OtherTable> other = other_table_of(name))
            slot_other(*other);
        else if (ends_with("header.csv")) slot(&DataFolder::Return::header, "header");
        else if (ends_with("episodes.csv")) slot(&DataFolder::Return::episodes, "episodes");
        else if (ends_with("reviews.csv")) slot(&DataFolder::Return::reviews, "reviews");
        else if (is_xml(path)) slot(&DataFolder::Return::xml, "XML");
        else if (is_csv(path)) folder.ignored.push_back({path.string(), "not a table careboard reads"});
    }
    for (auto& [year, r] : by_year) {
        // One return is one export: its XML, or its CSV files, not both.
        std::vector<const std::string*> csvs{&r.header, &r.episodes, &r.reviews};
        for (std::size_t t = 0; t < kOtherTables; ++t)
            if (static_cast<OtherTable>(t) != OtherTable::sw_episodes) csvs.push_back(&r.others[t]);  // not in the XML
        for (const std::string* csv : csvs)
            if (!r.xml.empty() && !csv->empty())
                diagnostics.error("E005", *csv, 0, 0,
                                  "the same return is also given as XML (" + r.xml +
                                      "); a return is read from its XML or from its CSV files, not both");
        folder.returns.push_back(r);
    }
    return folder;
}

Dataset load_dataset(const DataFolder& folder, Diagnostics& diagnostics, const IngestOptions& options) {
    std::vector<ReturnText> texts;
    const bool any_reviews = std::any_of(folder.returns.begin(), folder.returns.end(),
                                         [](const DataFolder::Return& r) { return !r.reviews.empty() || !r.xml.empty(); });
    for (const DataFolder::Return& r : folder.returns) {
        // An escalation log may stand alone (an undated log beside yearly returns).
        if (!r.has_903()) continue;
        ReturnText t;
        t.year = r.year;
        for (std::size_t o = 0; o < kOtherTables; ++o) {
            if (r.others[o].empty()) continue;
            ReturnText::Other other{static_cast<OtherTable>(o), r.others[o], {}};
            if (const std::optional<std::string> why = read_input_file(other.name, other.text))
                diagnostics.error("E007", other.name, 0, 0, "cannot read the file: " + *why);
            else t.others.push_back(std::move(other));
        }
        if (!r.xml.empty()) {  // read in pieces as it is parsed
            t.xml_name = r.xml;
            t.xml_from_file = true;
            texts.push_back(std::move(t));
            continue;
        }
        const std::string where = r.year ? "the " + std::to_string(r.year) + " return" : "the data folder";
        auto load = [&](const std::string& path, const char* table, std::string& name,
                        std::optional<std::string>& text) {
            std::string any = !r.episodes.empty() ? r.episodes : !r.header.empty() ? r.header : r.reviews;
            for (const std::string& other : r.others)
                if (any.empty()) any = other;
            if (path.empty()) {
                name = (std::filesystem::path(any).parent_path() / (std::string(table) + ".csv")).string();
                diagnostics.error("E006", name, 0, 0, std::string("missing file: ") + where + " has no " + table +
                                                          " table (a file whose name ends in " + table + ".csv)");
                return;
            }
            name = path;
            std::string content;
            if (const std::optional<std::string> why = read_input_file(path, content))
                diagnostics.error("E007", path, 0, 0, "cannot read the file: " + *why);
            else text = std::move(content);
        };
        load(r.header, "header", t.header_name, t.header);
        load(r.episodes, "episodes", t.episodes_name, t.episodes);
        // Reviews are optional when no return has them (the review figures are then not
        // available); a return without them beside returns with them would undercount its years.
        if (!r.reviews.empty() || any_reviews) load(r.reviews, "reviews", t.reviews_name, t.reviews);
        texts.push_back(std::move(t));
    }
    Dataset data = build_dataset(texts, diagnostics, options);
    std::vector<NamedText> logs;
    for (const DataFolder::Return& r : folder.returns) {
        if (r.escalations.empty()) continue;
        NamedText log{r.escalations, {}, r.year};
        if (const std::optional<std::string> why = read_input_file(r.escalations, log.text))
            diagnostics.error("E007", r.escalations, 0, 0, "cannot read the file: " + *why);
        else logs.push_back(std::move(log));
    }
    std::optional<NamedText> staffing;
    if (!folder.staffing.empty()) {
        staffing = NamedText{folder.staffing, {}, 0};
        if (const std::optional<std::string> why = read_input_file(folder.staffing, staffing->text)) {
            diagnostics.error("E007", folder.staffing, 0, 0, "cannot read the file: " + *why);
            staffing.reset();
        }
    }
    if (!logs.empty() || staffing) add_escalations(data, logs, staffing, diagnostics);
    // The IRO service's own records (docs/input.md).
    auto read_named = [&](const std::string& path) -> std::optional<NamedText> {
        if (path.empty()) return std::nullopt;
        NamedText text{path, {}, 0};
        if (const std::optional<std::string> why = read_input_file(path, text.text)) {
            diagnostics.error("E007", path, 0, 0, "cannot read the file: " + *why);
            return std::nullopt;
        }
        return text;
    };
    if (const std::optional<NamedText> activity = read_named(folder.activity))
        add_activity(data, *activity, options.activity, diagnostics);
    if (const std::optional<NamedText> allocations = read_named(folder.allocations))
        add_allocations(data, *allocations, diagnostics);
    return data;
}

}  // namespace careboard
