#include "render/workbook.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <system_error>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/format.hpp"
#include "core/temp.hpp"
#include "render/data_files.hpp"

namespace careboard {

WorkbookTable workbook_table(const Chart& chart, const std::string& where) {
    WorkbookTable t;
    t.sheet = chart.id;
    t.title = chart.name;
    t.subtitle = chart.subtitle + ". " + where;
    t.header.push_back(chart.row_title);
    for (const ChartSeries& s : chart.series) t.header.push_back(s.label);
    for (std::size_t r = 0; r < chart_row_count(chart); ++r) {
        std::vector<WorkbookCell> row{chart_row_label(chart, r)};
        for (std::size_t i = 0; i < chart.series.size(); ++i) {
            const ChartSeries& s = chart.series[i];
            // At the places of the CSV, never more precise than what is published beside it.
            const int places = series_places(chart, i);
            if (s.values[r]) row.emplace_back(WorkbookNumber{round_half_away(*s.values[r], places), places, chart.percent && !s.plain});
            else row.emplace_back(std::string(1, s.symbol(r) ? s.symbol(r) : 'x'));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

namespace {

// "1,234" -> 1234, "48%" -> 48 (a percentage), "55.8" -> 55.8 with 1 place; anything else
// (a label, a symbol, "up 3") is text.
WorkbookCell cell_of(const std::string& text) {
    std::string digits;
    bool percent = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 1 == text.size() && i > 0) percent = true;
        else if (c == ',' && i > 0) continue;  // a thousands separator
        else if ((c >= '0' && c <= '9') || c == '.' || (c == '-' && i == 0)) digits += c;
        else return text;
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size()) return text;
    const std::size_t dot = digits.find('.');
    return WorkbookNumber{value, dot == std::string::npos ? 0 : static_cast<int>(digits.size() - dot - 1), percent};
}

// A sheet name Excel takes: at most 31 characters, none of []:*?/\, unique in the workbook.
std::string sheet_name(std::string wanted, std::set<std::string>& taken) {
    for (char& c : wanted)
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '-';
    if (wanted.empty()) wanted = "Table";
    std::string name = wanted.substr(0, 31);
    for (int n = 2; taken.count(name); ++n) {
        const std::string suffix = "-" + std::to_string(n);
        name = wanted.substr(0, 31 - suffix.size()) + suffix;
    }
    taken.insert(name);
    return name;
}

std::string number_format(int places, bool percent) {
    std::string f = "#,##0";
    if (places > 0) f += "." + std::string(static_cast<std::size_t>(places), '0');
    return percent ? f + "\"%\"" : f;
}

// A temporary file that is removed when it goes out of scope.
struct TempFile {
    std::string path;
    TempFile() {
        const TemporaryFolder folder = temporary_folder();
        if (folder.path.empty()) return;
        std::string pattern = (folder.path / "careboard-tables-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd >= 0) {
            close(fd);
            path = pattern;
        }
    }
    ~TempFile() {
        if (!path.empty()) std::remove(path.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
};

}  // namespace

namespace {

// A table of display text (a row header, then cells) as a workbook table: the header stays text,
// each cell is read by cell_of.
WorkbookTable text_table(std::string sheet, std::string title, std::string subtitle, const std::string& row_header,
                         const std::vector<std::string>& columns) {
    WorkbookTable t{std::move(sheet), std::move(title), std::move(subtitle), {row_header}, {}};
    t.header.insert(t.header.end(), columns.begin(), columns.end());
    return t;
}

void add_text_row(WorkbookTable& t, const std::string& header, auto first, auto last) {
    std::vector<WorkbookCell> row{header};
    for (; first != last; ++first) row.push_back(cell_of(*first));
    t.rows.push_back(std::move(row));
}

}  // namespace

std::vector<std::string> workbook_cover(bool board, const std::string& authority_name, const std::string& data_as_at,
                                        const std::string& source, const std::string& what) {
    std::vector<std::string> lines = edition_sentences(board, authority_name, data_as_at, source);
    lines.push_back(what);
    lines.push_back("Symbols:");
    for (const auto& [symbol, meaning] : symbol_key()) lines.push_back(symbol + ": " + meaning);
    return lines;
}

WorkbookTable workbook_table(const PageTable& table, const std::string& where) {
    const std::string title = table.heading.empty() ? table.caption : table.heading;
    WorkbookTable t = text_table(table.id, title,
                                 (table.caption.empty() || table.caption == title ? "" : table.caption + ". ") + where,
                                 table.row_header, table.columns);
    for (const std::vector<std::string>& r : table.rows)
        if (!r.empty()) add_text_row(t, r[0], r.begin() + 1, r.end());
    return t;
}

WorkbookTable workbook_table(const YearTable& table, const std::string& where) {
    WorkbookTable t = text_table(table.id, table.caption, (table.note.empty() ? "" : table.note + " ") + where,
                                 table.row_header, table.columns);
    for (const YearTable::Row& r : table.rows) add_text_row(t, r.header, r.cells.begin(), r.cells.end());
    return t;
}

std::string write_workbook(const WorkbookInput& input, Diagnostics& diagnostics) {
    TempFile file;
    auto fail = [&](const std::string& why) {
        diagnostics.error("E508", input.path, 0, 0, "the spreadsheet of every table could not be written: " + why);
        return std::string();
    };
    if (file.path.empty()) return fail("no temporary file");
    lxw_workbook* wb = workbook_new(file.path.c_str());
    if (!wb) return fail("libxlsxwriter could not start a workbook");
    // Fixed properties, so that the same figures give the same bytes (the zip's own times are
    // fixed by libxlsxwriter).
    std::tm tm{};
    tm.tm_year = input.created.year() - 1900;
    tm.tm_mon = input.created.month() - 1;
    tm.tm_mday = input.created.day();
    lxw_doc_properties properties{};
    std::string title = input.title, author = "careboard";
    properties.title = title.data();
    properties.author = author.data();
    properties.created = timegm(&tm);
    workbook_set_properties(wb, &properties);

    lxw_format* heading = workbook_add_format(wb);
    format_set_bold(heading);
    format_set_font_size(heading, 14);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    lxw_format* symbol = workbook_add_format(wb);
    format_set_align(symbol, LXW_ALIGN_RIGHT);
    std::map<std::string, lxw_format*> numbers;
    auto number = [&](int places, bool percent) {
        const std::string f = number_format(places, percent);
        lxw_format*& format = numbers[f];
        if (!format) {
            format = workbook_add_format(wb);
            format_set_num_format(format, f.c_str());
        }
        return format;
    };

    std::set<std::string> taken{"Cover", "Contents"};
    lxw_worksheet* cover = workbook_add_worksheet(wb, "Cover");
    worksheet_write_string(cover, 0, 0, input.title.c_str(), heading);
    for (std::size_t i = 0; i < input.cover.size(); ++i)
        worksheet_write_string(cover, static_cast<lxw_row_t>(i + 1), 0, input.cover[i].c_str(), nullptr);
    worksheet_set_column(cover, 0, 0, 110, wrap);

    lxw_worksheet* contents = workbook_add_worksheet(wb, "Contents");
    worksheet_write_string(contents, 0, 0, "Contents", heading);
    worksheet_write_string(contents, 1, 0, "Sheet", bold);
    worksheet_write_string(contents, 1, 1, "Table", bold);
    worksheet_set_column(contents, 0, 0, 34, nullptr);
    worksheet_set_column(contents, 1, 1, 90, nullptr);

    for (std::size_t n = 0; n < input.tables.size(); ++n) {
        const WorkbookTable& t = input.tables[n];
        const std::string name = sheet_name(t.sheet, taken);
        const lxw_row_t contents_row = static_cast<lxw_row_t>(n + 2);
        const std::string link = "internal:'" + name + "'!A1";
        worksheet_write_url_opt(contents, contents_row, 0, link.c_str(), nullptr, name.c_str(), nullptr);
        worksheet_write_string(contents, contents_row, 1, t.title.c_str(), nullptr);

        lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
        worksheet_write_string(ws, 0, 0, t.title.c_str(), heading);
        worksheet_write_string(ws, 1, 0, t.subtitle.c_str(), nullptr);
        const lxw_row_t top = 2;  // the header row
        for (std::size_t r = 0; r < t.rows.size(); ++r)
            for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
                const auto row = static_cast<lxw_row_t>(top + 1 + r);
                const auto col = static_cast<lxw_col_t>(c);
                if (const auto* v = std::get_if<WorkbookNumber>(&t.rows[r][c]))
                    worksheet_write_number(ws, row, col, v->value, number(v->places, v->percent));
                else
                    worksheet_write_string(ws, row, col, std::get<std::string>(t.rows[r][c]).c_str(), c == 0 ? nullptr : symbol);
            }
        // An Excel table over the header and rows, so that screen readers and filters know it.
        // Its headings must be unique: a repeat gains its position.
        std::vector<std::string> headers;
        std::set<std::string> seen;
        for (std::size_t c = 0; c < t.header.size(); ++c) {
            std::string h = t.header[c].empty() ? "Column " + std::to_string(c + 1) : t.header[c];
            if (!seen.insert(h).second) h += " (" + std::to_string(c + 1) + ")";
            seen.insert(h);
            headers.push_back(std::move(h));
        }
        std::vector<lxw_table_column> columns(headers.size());
        std::vector<lxw_table_column*> column_list;
        for (std::size_t c = 0; c < headers.size(); ++c) {
            columns[c] = lxw_table_column{};
            columns[c].header = headers[c].data();
            column_list.push_back(&columns[c]);
        }
        column_list.push_back(nullptr);
        std::string table_name = "Table" + std::to_string(n + 1);
        lxw_table_options options{};
        options.name = table_name.data();
        options.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
        options.style_type_number = 1;
        options.columns = column_list.data();
        if (!headers.empty())
            worksheet_add_table(ws, top, 0, static_cast<lxw_row_t>(top + std::max<std::size_t>(t.rows.size(), 1)),
                                static_cast<lxw_col_t>(headers.size() - 1), &options);
        worksheet_set_column(ws, 0, 0, 28, nullptr);
        if (headers.size() > 1) worksheet_set_column(ws, 1, static_cast<lxw_col_t>(headers.size() - 1), 18, nullptr);
        worksheet_freeze_panes(ws, top + 1, 1);
    }
    if (const lxw_error error = workbook_close(wb); error != LXW_NO_ERROR) return fail(lxw_strerror(error));
    std::ifstream in(file.path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty()) return fail("the file written was empty");
    return bytes;
}

}  // namespace careboard
