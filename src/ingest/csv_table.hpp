#pragma once
#include <array>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"

namespace careboard {

// A CSV table read for a fixed list of named columns. Extra columns in the file are ignored;
// `present[i]` says whether the i-th requested column was found, and `file_column[i]` is its
// 1-based position in the file (for messages).
struct CsvTable {
    std::string file;
    std::vector<std::string> columns;
    std::vector<bool> present;
    std::vector<int> file_column;
    std::vector<std::string> extra_columns;  // names in the file that were not asked for
    struct Row {
        int line = 0;
        std::vector<std::string> fields;  // one per requested column ("" when absent)
    };
    std::vector<Row> rows;
    bool readable = false;  // false when the header could not be read at all

    int column_index(std::string_view name) const;
};

// Reads CSV text with fast-cpp-csv-parser's line parser: double-quote escaping, spaces trimmed,
// a BOM, blank lines skipped, lines ending in \n, \r\n, \r\r\n or \r, header names matched
// without regard to case. A file that is not UTF-8 is read as Windows-1252 (warning W109);
// UTF-16 (E108) and NUL bytes (E104, E107) are errors. Every value handed on is valid UTF-8. Structural problems (wrong number of fields, unterminated quote, duplicated or
// missing header) go to `diagnostics` with file, line and column; the reader carries on with the
// next line so that every problem of the file is reported in one run. Missing required columns
// are the caller's to judge (see `present`).
template <std::size_t N>
CsvTable read_csv(const std::string& file_name, std::string_view text,
                  const std::array<const char*, N>& columns, Diagnostics& diagnostics);

// The same, streaming: each row goes to `on_row` (the table's header information, the line
// number, one field per requested column) instead of into `rows`, so large files are never
// held twice in memory.
using CsvRowHandler = std::function<void(const CsvTable& table, int line, std::span<const std::string> fields)>;
template <std::size_t N>
CsvTable read_csv_rows(const std::string& file_name, std::string_view text,
                       const std::array<const char*, N>& columns, Diagnostics& diagnostics,
                       const CsvRowHandler& on_row);

}  // namespace careboard
