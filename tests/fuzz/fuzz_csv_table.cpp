// Fuzz target csv_table: the generic CSV reader (src/ingest/csv_table.hpp). The whole input is
// one CSV file, read for the columns CHILD, DOB and SEX, and for the nine episode columns.
//
// Properties checked on every input: each row has one field per requested column, rows come in
// increasing line order after the header, a requested column is `present` exactly when it has a
// file position, and every message points at a line of the file. On a plain file (UTF-8 without
// quotes, CRs, NUL bytes or byte order marks; a non-blank first line naming each requested column
// at most once, in any case) the rows and the E106 lines must be exactly those of a naive split
// at commas.
#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "fuzz_target.hpp"
#include "ingest/csv_table.hpp"

namespace {

using careboard::CsvTable;
using careboard::Diagnostics;
using careboard::fuzz::fuzz_check;

constexpr std::array<const char*, 3> kColumns{"CHILD", "DOB", "SEX"};
constexpr std::array<const char*, 9> kEpisodeColumns{"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE",
                                                     "PLACE_PROVIDER", "DEC", "REC"};

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t at = 0;;) {
        const std::size_t nl = text.find('\n', at);
        lines.push_back(text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at));
        if (nl == std::string_view::npos) break;
        at = nl + 1;
    }
    return lines;
}

std::string trim(std::string_view field) {
    while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
    while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.remove_suffix(1);
    return std::string(field);
}

std::vector<std::string> split_fields(std::string_view line) {
    std::vector<std::string> fields;
    for (std::size_t at = 0;;) {
        const std::size_t comma = line.find(',', at);
        fields.push_back(trim(line.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at)));
        if (comma == std::string_view::npos) break;
        at = comma + 1;
    }
    return fields;
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

template <std::size_t N>
void check_table(const CsvTable& table, const Diagnostics& diagnostics, std::size_t line_count) {
    fuzz_check(table.columns.size() == N && table.present.size() == N && table.file_column.size() == N,
               "one present flag and one position per requested column");
    for (std::size_t i = 0; i < N; ++i)
        fuzz_check(table.present[i] == (table.file_column[i] > 0), "present exactly when the column has a position");
    int previous = 0;
    for (const CsvTable::Row& row : table.rows) {
        fuzz_check(row.fields.size() == N, "one field per requested column");
        fuzz_check(row.line > previous && row.line >= 2, "rows in increasing line order, after the header");
        fuzz_check(static_cast<std::size_t>(row.line) <= line_count, "a row's line is a line of the file");
        previous = row.line;
    }
    for (const careboard::Diagnostic& d : diagnostics.items()) {
        fuzz_check(d.line >= 0 && static_cast<std::size_t>(d.line) <= line_count, "a message's line is in the file");
        fuzz_check(d.column >= 0, "a message's column is not negative");
    }
}

// The rows and E106 lines a plain file must give; false when the input is not plain.
bool check_plain(std::string_view text, const CsvTable& table, const Diagnostics& diagnostics) {
    if (text.find_first_of(std::string_view("\"\r\0", 3)) != std::string_view::npos ||
        text.find("\xEF\xBB\xBF") != std::string_view::npos || careboard::first_invalid_utf8(text) != std::string_view::npos)
        return false;
    const std::vector<std::string_view> lines = split_lines(text);
    if (is_blank(lines[0])) return false;
    const std::vector<std::string> header = split_fields(lines[0]);
    std::vector<int> position(kColumns.size(), -1);
    for (std::size_t f = 0; f < header.size(); ++f)
        for (std::size_t c = 0; c < kColumns.size(); ++c)
            if (upper(header[f]) == kColumns[c]) {
                if (position[c] >= 0) return false;
                position[c] = static_cast<int>(f);
            }
    std::vector<CsvTable::Row> expected;
    std::set<int> bad_lines;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (is_blank(lines[i])) continue;
        const std::vector<std::string> fields = split_fields(lines[i]);
        const int line = static_cast<int>(i) + 1;
        if (fields.size() != header.size()) {
            bad_lines.insert(line);
            continue;
        }
        CsvTable::Row row{line, {}};
        for (std::size_t c = 0; c < kColumns.size(); ++c)
            row.fields.push_back(position[c] >= 0 ? fields[static_cast<std::size_t>(position[c])] : "");
        expected.push_back(std::move(row));
    }
    fuzz_check(table.readable, "a plain file with a header is readable");
    fuzz_check(table.rows.size() == expected.size(), "a plain file gives a row for each line with the header's field count");
    for (std::size_t r = 0; r < expected.size(); ++r) {
        fuzz_check(table.rows[r].line == expected[r].line, "a plain file's row has its line number");
        fuzz_check(table.rows[r].fields == expected[r].fields, "a plain file's fields are its trimmed comma-separated values");
    }
    std::set<int> reported;
    for (const careboard::Diagnostic& d : diagnostics.items()) {
        fuzz_check(d.code == "E106", "a plain file's only problem is a line with the wrong number of values");
        reported.insert(d.line);
    }
    fuzz_check(reported == bad_lines, "each plain line with the wrong number of values is reported, once");
    return true;
}

}  // namespace

CAREBOARD_FUZZ_TARGET(csv_table) {
    // Lines end at \n, \r\n or a lone \r: at most one line per \n or \r, and the last.
    const std::size_t line_count =
        1 + static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n') + std::count(input.begin(), input.end(), '\r'));
    {
        Diagnostics diagnostics;
        const CsvTable table = careboard::read_csv("input.csv", input, kColumns, diagnostics);
        check_table<kColumns.size()>(table, diagnostics, line_count);
        check_plain(input, table, diagnostics);

        // The streaming reader gives the same rows.
        Diagnostics streamed_diagnostics;
        std::vector<CsvTable::Row> streamed;
        careboard::read_csv_rows("input.csv", input, kColumns, streamed_diagnostics,
                                 [&](const CsvTable&, int line, std::span<const std::string> fields) {
                                     streamed.push_back({line, std::vector<std::string>(fields.begin(), fields.end())});
                                 });
        fuzz_check(streamed.size() == table.rows.size(), "read_csv_rows gives as many rows as read_csv");
        for (std::size_t r = 0; r < streamed.size(); ++r)
            fuzz_check(streamed[r].line == table.rows[r].line && streamed[r].fields == table.rows[r].fields,
                       "read_csv_rows gives the rows of read_csv");
        fuzz_check(streamed_diagnostics.items().size() == diagnostics.items().size(),
                   "read_csv_rows reports what read_csv reports");
    }
    {
        Diagnostics diagnostics;
        const CsvTable table = careboard::read_csv("episodes.csv", input, kEpisodeColumns, diagnostics);
        check_table<kEpisodeColumns.size()>(table, diagnostics, line_count);
    }
}
