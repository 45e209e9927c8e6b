#include "ingest/csv_table.hpp"

#include <csv.h>
#include <cstring>
#include <optional>
#include <utility>

#include "core/text.hpp"

namespace careboard {
namespace {

// fast-cpp-csv-parser's own policies and its per-line parser (the code its CSVReader runs on
// every line): spaces and tabs trimmed, double-quote escaping, no values across lines. Its
// LineReader is not used: it holds a 48 MiB buffer per file, stops at a 16 MiB line and knows
// only \n and \r\n. careboard splits the in-memory text into lines itself (see LineCursor).
using Trim = io::trim_chars<' ', '\t'>;
using Quote = io::double_quote_escape<',', '"'>;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The lines of a text. A line ends at \n, at \r\n, at a run of \r before \n (a CRLF file
// converted twice, \r\r\n, is one line end, not an empty last value), or at a \r before anything
// else (old Mac files, \r only). Line numbers are those a text editor shows.
class LineCursor {
public:
    explicit LineCursor(std::string_view text) : text_(text) {}
    bool next(std::string_view& line) {
        if (pos_ >= text_.size()) return false;
        ++number_;
        const char* base = text_.data();
        const std::size_t size = text_.size();
        const void* nl = std::memchr(base + pos_, '\n', size - pos_);
        const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) : size;
        const void* cr = std::memchr(base + pos_, '\r', end - pos_);
        if (!cr) {
            line = text_.substr(pos_, end - pos_);
            pos_ = end < size ? end + 1 : size;
            return true;
        }
        const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(cr) - base);
        std::size_t after = at;
        while (after < size && text_[after] == '\r') ++after;
        line = text_.substr(pos_, at - pos_);
        if (after == end) pos_ = end < size ? end + 1 : size;  // \r...\r\n, or \r... at the end
        else pos_ = at + 1;                                     // \r alone ends the line
        return true;
    }
    int number() const { return number_; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int number_ = 0;
};

bool is_blank(std::string_view line) {
    for (char c : line)
        if (c != ' ' && c != '\t') return false;
    return true;
}

// 1-based field number of byte `offset` of `line`, counting commas outside quotes.
int field_at(std::string_view line, std::size_t offset) {
    int field = 1;
    bool in_quotes = false;
    for (std::size_t i = 0; i < offset && i < line.size(); ++i) {
        if (line[i] == '"') in_quotes = !in_quotes;
        else if (line[i] == ',' && !in_quotes) ++field;
    }
    return field;
}

// 1-based field number at which an unterminated quote opens in `line`.
int unterminated_quote_column(std::string_view line) {
    int field = 1;
    bool in_quotes = false;
    int open_field = 1;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') ++i;
                else in_quotes = false;
            }
        } else if (c == '"') {
            in_quotes = true;
            open_field = field;
        } else if (c == ',') {
            ++field;
        }
    }
    return open_field;
}

int count_fields(std::string_view line) { return field_at(line, line.size()); }

bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
        if (x != y) return false;
    }
    return true;
}

// The names of a header line: each value trimmed and unquoted as fast-cpp-csv-parser does.
std::vector<std::string> header_names(std::string_view line) {
    std::vector<std::string> names;
    std::string buffer(line);
    char* rest = buffer.data();
    while (rest) {
        char *begin, *end;
        io::detail::chop_next_column<Quote>(rest, begin, end);
        Trim::trim(begin, end);
        Quote::unescape(begin, end);
        names.emplace_back(begin, end);
    }
    return names;
}

// Text checks done once per file before any line is parsed: not UTF-16, valid UTF-8 (else read
// as Windows-1252, said once), and where a NUL byte is.
struct TextCheck {
    std::optional<std::string> transcoded;  // when the file was read as Windows-1252
    bool utf16 = false;
};

TextCheck check_text(const std::string& file_name, std::string_view text, Diagnostics& diagnostics) {
    TextCheck check;
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
        check.utf16 = true;
        diagnostics.error("E108", file_name, 1, 0,
                          "the file is UTF-16 text; save it as CSV UTF-8 (comma delimited)");
        return check;
    }
    const std::size_t bad = first_invalid_utf8(text);
    if (bad == std::string_view::npos) return check;
    // Where the first bad byte is, for the one warning.
    int line = 1;
    std::size_t line_start = 0;
    LineCursor lines(text);
    std::string_view l;
    while (lines.next(l)) {
        const std::size_t start = static_cast<std::size_t>(l.data() - text.data());
        if (start > bad) break;
        line = lines.number();
        line_start = start;
    }
    const std::string_view bad_line = text.substr(line_start, text.find_first_of("\r\n", line_start) - line_start);
    std::vector<std::size_t> undefined;
    check.transcoded = windows_1252_to_utf8(text, &undefined);
    diagnostics.warning("W109", file_name, line, field_at(bad_line, bad - line_start),
                        "the file is not UTF-8 (byte " + hex_byte(static_cast<unsigned char>(text[bad])) +
                            "); it is read as Windows-1252, as Excel saves CSV. Save it as CSV UTF-8 to "
                            "be sure of its characters");
    if (!undefined.empty()) {
        // Bytes that are characters in neither encoding: one error per line, at the first one.
        LineCursor again(text);
        std::size_t next = 0;
        while (next < undefined.size() && again.next(l)) {
            const std::size_t start = static_cast<std::size_t>(l.data() - text.data());
            const std::size_t stop = start + l.size();
            if (undefined[next] < start || undefined[next] >= stop) continue;
            diagnostics.error("E109", file_name, again.number(), field_at(l, undefined[next] - start),
                              "byte " + hex_byte(static_cast<unsigned char>(text[undefined[next]])) +
                                  " is a character neither in UTF-8 nor in Windows-1252; save the file as "
                                  "CSV UTF-8");
            while (next < undefined.size() && undefined[next] < stop) ++next;
        }
    }
    return check;
}

}  // namespace

int CsvTable::column_index(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return static_cast<int>(i);
    return -1;
}

template <std::size_t N>
CsvTable read_csv(const std::string& file_name, std::string_view text,
                  const std::array<const char*, N>& columns, Diagnostics& diagnostics) {
    std::vector<CsvTable::Row> rows;
    CsvTable table = read_csv_rows(file_name, text, columns, diagnostics,
                                   [&](const CsvTable&, int line, std::span<const std::string> fields) {
                                       rows.push_back({line, std::vector<std::string>(fields.begin(), fields.end())});
                                   });
    table.rows = std::move(rows);
    return table;
}

template <std::size_t N>
CsvTable read_csv_rows(const std::string& file_name, std::string_view raw_text,
                       const std::array<const char*, N>& columns, Diagnostics& diagnostics,
                       const CsvRowHandler& on_row) {
    CsvTable table;
    table.file = file_name;
    for (const char* c : columns) table.columns.emplace_back(c);
    table.present.assign(N, false);
    table.file_column.assign(N, 0);

    const TextCheck check = check_text(file_name, raw_text, diagnostics);
    if (check.utf16) return table;
    const std::string_view text = check.transcoded ? std::string_view(*check.transcoded) : raw_text;

    LineCursor lines(text);
    std::string_view line;
    bool have_header = false;
    while (lines.next(line)) {
        if (lines.number() == 1 && line.starts_with(kBom)) line.remove_prefix(kBom.size());
        if (!is_blank(line)) {
            have_header = true;
            break;
        }
    }
    if (!have_header) {
        diagnostics.error("E102", file_name, 1, 0, "the file is empty: expected a header line");
        return table;
    }
    const int header_line = lines.number();
    if (line.find('\0') != std::string_view::npos) {
        diagnostics.error("E104", file_name, header_line, field_at(line, line.find('\0')),
                          "cannot read the header: it holds a NUL byte (is this a CSV file?)");
        return table;
    }
    std::vector<std::string> names;
    try {
        names = header_names(line);
    } catch (const io::error::escaped_string_not_closed&) {
        diagnostics.error("E105", file_name, header_line, unterminated_quote_column(line),
                          "cannot read the header: a quoted name is not closed (a closing \" is missing)");
        return table;
    }
    const int header_fields = static_cast<int>(names.size());
    // Which requested column each of the file's columns is (-1: not requested). Names match
    // without regard to case; spaces around them are trimmed.
    std::vector<int> order(names.size(), -1);
    for (std::size_t i = 0; i < names.size(); ++i) {
        for (std::size_t c = 0; c < N; ++c) {
            if (!same_name(names[i], columns[c])) continue;
            if (table.present[c]) {
                diagnostics.error("E103", file_name, header_line, static_cast<int>(i) + 1,
                                  std::string("column '") + columns[c] + "' appears twice in the header");
                return table;
            }
            table.present[c] = true;
            table.file_column[c] = static_cast<int>(i) + 1;
            order[i] = static_cast<int>(c);
        }
        if (order[i] < 0 && !names[i].empty()) table.extra_columns.push_back(names[i]);
    }
    table.readable = true;

    std::array<std::string, N> fields;
    std::array<char*, N> found{};
    std::string buffer;
    while (lines.next(line)) {
        if (is_blank(line)) continue;
        const int number = lines.number();
        if (line.starts_with(kBom)) {
            diagnostics.warning("W110", file_name, number, 1,
                                "a byte order mark starts this line (two files joined into one?); it is ignored");
            line.remove_prefix(kBom.size());
        }
        if (const std::size_t nul = line.find('\0'); nul != std::string_view::npos) {
            diagnostics.error("E107", file_name, number, field_at(line, nul),
                              "cannot read this line: it holds a NUL byte (is this a CSV file?)");
            continue;
        }
        buffer.assign(line);
        found.fill(nullptr);
        try {
            io::detail::parse_line<Trim, Quote>(buffer.data(), found.data(), order);
        } catch (const io::error::escaped_string_not_closed&) {
            diagnostics.error("E105", file_name, number, unterminated_quote_column(line),
                              "a quoted value is not closed (a closing \" is missing; values "
                              "cannot span lines)");
            continue;
        } catch (const io::error::too_few_columns&) {
            const int count = count_fields(line);
            diagnostics.error("E106", file_name, number, count,
                              "expected " + std::to_string(header_fields) + " values as in the header, found " +
                                  std::to_string(count));
            continue;
        } catch (const io::error::too_many_columns&) {
            diagnostics.error("E106", file_name, number, header_fields + 1,
                              "expected " + std::to_string(header_fields) + " values as in the header, found " +
                                  std::to_string(count_fields(line)));
            continue;
        }
        for (std::size_t c = 0; c < N; ++c) {
            if (found[c]) fields[c].assign(found[c]);
            else fields[c].clear();
        }
        on_row(table, number, std::span<const std::string>(fields));
    }
    return table;
}
template CsvTable read_csv<3>(const std::string&, std::string_view, const std::array<const char*, 3>&, Diagnostics&);
template CsvTable read_csv_rows<3>(const std::string&, std::string_view, const std::array<const char*, 3>&, Diagnostics&, const CsvRowHandler&);
template CsvTable read_csv<4>(const std::string&, std::string_view, const std::array<const char*, 4>&, Diagnostics&);
template CsvTable read_csv_rows<4>(const std::string&, std::string_view, const std::array<const char*, 4>&, Diagnostics&, const CsvRowHandler&);
template CsvTable read_csv<6>(const std::string&, std::string_view, const std::array<const char*, 6>&, Diagnostics&);
template CsvTable read_csv_rows<6>(const std::string&, std::string_view, const std::array<const char*, 6>&, Diagnostics&, const CsvRowHandler&);
template CsvTable read_csv<7>(const std::string&, std::string_view, const std::array<const char*, 7>&, Diagnostics&);
template CsvTable read_csv_rows<7>(const std::string&, std::string_view, const std::array<const char*, 7>&, Diagnostics&, const CsvRowHandler&);
template CsvTable read_csv<10>(const std::string&, std::string_view, const std::array<const char*, 10>&, Diagnostics&);
template CsvTable read_csv_rows<10>(const std::string&, std::string_view, const std::array<const char*, 10>&, Diagnostics&, const CsvRowHandler&);
template CsvTable read_csv<2>(const std::string&, std::string_view, const std::array<const char*, 2>&, Diagnostics&);
template CsvTable read_csv_rows<2>(const std::string&, std::string_view, const std::array<const char*, 2>&, Diagnostics&, const CsvRowHandler&);
template CsvTable read_csv<9>(const std::string&, std::string_view, const std::array<const char*, 9>&, Diagnostics&);
template CsvTable read_csv_rows<9>(const std::string&, std::string_view, const std::array<const char*, 9>&, Diagnostics&, const CsvRowHandler&);
template CsvTable read_csv<5>(const std::string&, std::string_view, const std::array<const char*, 5>&, Diagnostics&);
template CsvTable read_csv_rows<5>(const std::string&, std::string_view, const std::array<const char*, 5>&, Diagnostics&, const CsvRowHandler&);
template CsvTable read_csv<11>(const std::string&, std::string_view, const std::array<const char*, 11>&, Diagnostics&);
template CsvTable read_csv_rows<11>(const std::string&, std::string_view, const std::array<const char*, 11>&, Diagnostics&, const CsvRowHandler&);
// The DfE's explore-education-statistics files and statistical neighbour model (src/benchmarks/ees.cpp).
template CsvTable read_csv_rows<25>(const std::string&, std::string_view, const std::array<const char*, 25>&, Diagnostics&, const CsvRowHandler&);
template CsvTable read_csv_rows<22>(const std::string&, std::string_view, const std::array<const char*, 22>&, Diagnostics&, const CsvRowHandler&);

}  // namespace careboard
