#include "ingest/csv_table.hpp"

#include <csv.h>
#include <optional>
#include <tuple>
#include <utility>

namespace careboard {
namespace {

template <std::size_t N>
using Reader = io::CSVReader<static_cast<unsigned>(N), io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>,
                             io::throw_on_overflow, io::empty_line_comment>;

// Start offsets of every line, so that a message can quote the line it is about.
class LineIndex {
public:
    explicit LineIndex(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') starts_.push_back(i + 1);
    }
    // 1-based; BOM and trailing CR removed.
    std::string_view line(int number) const {
        if (number < 1 || static_cast<std::size_t>(number) > starts_.size()) return {};
        const std::size_t begin = starts_[static_cast<std::size_t>(number - 1)];
        std::size_t end = static_cast<std::size_t>(number) < starts_.size()
                              ? starts_[static_cast<std::size_t>(number)] - 1
                              : text_.size();
        std::string_view l = text_.substr(begin, end - begin);
        if (number == 1 && l.substr(0, 3) == "\xEF\xBB\xBF") l.remove_prefix(3);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        return l;
    }
    int count() const { return static_cast<int>(starts_.size()); }

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

bool is_blank(std::string_view line) {
    for (char c : line)
        if (c != ' ' && c != '\t') return false;
    return true;
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

int count_fields(std::string_view line) {
    int fields = 1;
    bool in_quotes = false;
    for (char c : line) {
        if (c == '"') in_quotes = !in_quotes;
        else if (c == ',' && !in_quotes) ++fields;
    }
    return fields;
}

template <class R, std::size_t N, std::size_t... I>
void read_header_with(R& reader,
                      const std::array<const char*, N>& columns, std::index_sequence<I...>) {
    reader.read_header(io::ignore_extra_column | io::ignore_missing_column, std::string(columns[I])...);
}

template <class R, std::size_t N, std::size_t... I>
bool read_row_with(R& reader,
                   std::array<std::string, N>& fields, std::index_sequence<I...>) {
    return reader.read_row(fields[I]...);
}

}  // namespace

int CsvTable::column_index(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return static_cast<int>(i);
    return -1;
}

std::vector<std::string> split_header_line(std::string_view line) {
    std::vector<std::string> names;
    std::string current;
    bool in_quotes = false;
    for (char c : line) {
        if (c == '"') in_quotes = !in_quotes;
        else if (c == ',' && !in_quotes) {
            names.push_back(current);
            current.clear();
        } else current += c;
    }
    names.push_back(current);
    for (std::string& n : names) {
        while (!n.empty() && (n.back() == ' ' || n.back() == '\t' || n.back() == '\r')) n.pop_back();
        std::size_t start = 0;
        while (start < n.size() && (n[start] == ' ' || n[start] == '\t')) ++start;
        n.erase(0, start);
    }
    return names;
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
CsvTable read_csv_rows(const std::string& file_name, std::string_view text,
                       const std::array<const char*, N>& columns, Diagnostics& diagnostics,
                       const CsvRowHandler& on_row) {
    CsvTable table;
    table.file = file_name;
    for (const char* c : columns) table.columns.emplace_back(c);
    table.present.assign(N, false);
    table.file_column.assign(N, 0);

    // Column positions, for messages, from the first non-blank line (the reader skips blank
    // lines the same way).
    int header_line_number = 1;
    std::string_view header_text = text;
    if (header_text.substr(0, 3) == "\xEF\xBB\xBF") header_text.remove_prefix(3);
    for (;;) {
        const std::size_t nl = header_text.find('\n');
        std::string_view line = header_text.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!is_blank(line) || nl == std::string_view::npos) {
            header_text = line;
            break;
        }
        header_text.remove_prefix(nl + 1);
        ++header_line_number;
    }
    const std::vector<std::string> names = split_header_line(header_text);
    // Line offsets are only needed to quote a bad line, so they are found on the first problem.
    std::optional<LineIndex> index;
    auto lines = [&]() -> const LineIndex& {
        if (!index) index.emplace(text);
        return *index;
    };
    const int header_fields = static_cast<int>(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        bool wanted = false;
        for (std::size_t c = 0; c < N; ++c)
            if (names[i] == columns[c]) {
                table.present[c] = true;
                table.file_column[c] = static_cast<int>(i) + 1;
                wanted = true;
            }
        if (!wanted && !names[i].empty()) table.extra_columns.push_back(names[i]);
    }

    Reader<N> reader(file_name, text.data(), text.data() + text.size());
    try {
        read_header_with(reader, columns, std::make_index_sequence<N>{});
    } catch (const io::error::header_missing&) {
        diagnostics.error("E102", file_name, 1, 0, "the file is empty: expected a header line");
        return table;
    } catch (const io::error::duplicated_column_in_header& e) {
        diagnostics.error("E103", file_name, header_line_number, 0,
                          std::string("column '") + e.column_name + "' appears twice in the header");
        return table;
    } catch (const io::error::base& e) {
        diagnostics.error("E104", file_name, header_line_number, 0,
                          std::string("cannot read the header: ") + e.what());
        return table;
    }
    table.readable = true;

    std::array<std::string, N> fields;
    for (;;) {
        try {
            if (!read_row_with(reader, fields, std::make_index_sequence<N>{})) break;
            on_row(table, static_cast<int>(reader.get_file_line()), std::span<const std::string>(fields));
        } catch (const io::error::escaped_string_not_closed&) {
            const int line = static_cast<int>(reader.get_file_line());
            diagnostics.error("E105", file_name, line, unterminated_quote_column(lines().line(line)),
                              "a quoted value is not closed (a closing \" is missing; values "
                              "cannot span lines)");
        } catch (const io::error::too_few_columns&) {
            const int line = static_cast<int>(reader.get_file_line());
            const int found = count_fields(lines().line(line));
            diagnostics.error("E106", file_name, line, found,
                              "expected " + std::to_string(header_fields) + " values as in the header, found " +
                                  std::to_string(found));
        } catch (const io::error::too_many_columns&) {
            const int line = static_cast<int>(reader.get_file_line());
            const int found = count_fields(lines().line(line));
            diagnostics.error("E106", file_name, line, header_fields + 1,
                              "expected " + std::to_string(header_fields) + " values as in the header, found " +
                                  std::to_string(found));
        } catch (const io::error::base& e) {
            diagnostics.error("E107", file_name, static_cast<int>(reader.get_file_line()), 0,
                              std::string("cannot read this line: ") + e.what());
        }
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
// The DfE's explore-education-statistics files (src/benchmarks/ees.cpp).
template CsvTable read_csv_rows<20>(const std::string&, std::string_view, const std::array<const char*, 20>&, Diagnostics&, const CsvRowHandler&);

}  // namespace careboard
