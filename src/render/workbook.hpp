#pragma once
// data/tables.xlsx: every table of a site as a spreadsheet (docs/data-files.md), laid out as the
// Analysis Function's guidance on releasing statistics in spreadsheets asks: a cover sheet with
// the edition, source and symbols, a contents sheet, and each table on a sheet of its own with
// its title in A1 and its figures in an Excel table (numbers as numbers, symbols as text).
// Written with libxlsxwriter; the same figures give the same bytes.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "charts/catalogue.hpp"
#include "charts/chart.hpp"
#include "charts/year_table.hpp"
#include "core/date.hpp"
#include "core/diagnostics.hpp"

namespace careboard {

// A cell of a table: a number with its places (and whether it is a percentage, shown with %
// but stored as the number shown, 48 for 48%), or text (a label, a symbol).
struct WorkbookNumber {
    double value = 0;
    int places = 0;
    bool percent = false;
};
using WorkbookCell = std::variant<std::string, WorkbookNumber>;

struct WorkbookTable {
    std::string sheet;     // wanted sheet name (made unique and at most 31 characters)
    std::string title;     // A1
    std::string subtitle;  // A2: what, where and when; where the table is on the site
    std::vector<std::string> header;
    std::vector<std::vector<WorkbookCell>> rows;
};

struct WorkbookInput {
    std::string path = "data/tables.xlsx";  // where it is written, for messages
    std::string title;           // the cover sheet's heading
    std::vector<std::string> cover;  // its lines: edition, data as at, source, the symbols
    Date created;                // the workbook's creation date in its properties (fixed: same bytes)
    std::vector<WorkbookTable> tables;
};

// The cover sheet's lines: what the edition is and where its figures come from (as the data
// guidance says it), `what` (how the workbook is laid out), then every symbol and its meaning.
std::vector<std::string> workbook_cover(bool board, const std::string& authority_name, const std::string& data_as_at,
                                        const std::string& source, const std::string& what);

// The table beside a chart: its rows (quarters, years or categories) and a column per series,
// at the places the CSV gives (full precision).
WorkbookTable workbook_table(const Chart& chart, const std::string& where);

// A page's own table (display text) as a workbook table: "1,234" and "48%" become numbers.
WorkbookTable workbook_table(const PageTable& table, const std::string& where);

// A report's financial-year table (display text, as YearTable holds it) as a workbook table:
// "1,234" and "48%" become numbers, "up 41 (4%)" and symbols stay text.
WorkbookTable workbook_table(const YearTable& table, const std::string& where);

// The .xlsx file's bytes; empty, with an error (E508), when it cannot be written.
std::string write_workbook(const WorkbookInput& input, Diagnostics& diagnostics);

}  // namespace careboard
