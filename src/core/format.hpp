#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace careboard {

// Rounds half away from zero to `decimals` places. Values are first snapped to 9 significant
// decimals so that binary noise (0.1 + 0.2) never decides a rounding.
double round_half_away(double value, int decimals);

// Plain machine form: "1234", "12.5", "-3.0" (exactly `decimals` places), for CSV files.
std::string format_plain(double value, int decimals);

// en-GB display form with thousands separators: "1,234", "12.5".
std::string format_number(double value, int decimals = 0);

// "48%" (whole numbers unless decimals > 0).
std::string format_percent(double value, int decimals = 0);

std::string to_lower_ascii(std::string_view text);

// The text with its first letter in lower case, for a label used inside a sentence.
std::string lower_first(std::string text);
// "An average" for "an average": a sentence as a heading.
std::string upper_first(std::string text);

// A CSV cell: quoted when it holds a comma, quote, newline or a tab/CR, and, when it starts with
// = + - @ (or a tab or CR), prefixed with ' so that no spreadsheet reads it as a formula.
std::string csv_cell(std::string_view text);
// The reverse of csv_cell's formula guard: drops a ' that precedes = + - @.
std::string csv_unguard(std::string_view text);

// Text made safe for HTML element content and quoted attributes: & < > " ' escaped, as
// Mustache's {{ }} does, and { } as character references, as every template's escaping does
// (render/renderer.cpp).
std::string html_escape(std::string_view text);

// A CSS string literal holding `text` (quotes and backslashes escaped, line ends as spaces):
// for the custom property the print stylesheet writes in the margin of every printed page.
std::string css_string_literal(const std::string& text);

// Reads a whole file; returns false (and leaves `out` empty) when it cannot be read. For files
// careboard wrote itself; inputs are read with read_input_file.
bool read_file(const std::string& path, std::string& out);

// The largest input file careboard reads: 2 GiB, some twenty times a national-scale episodes table.
inline constexpr std::uint64_t kMaxInputBytes = std::uint64_t{2} << 30;

// Reads an input file whole. Only a regular file is read: a folder, a pipe, a device (such as
// /dev/zero or /dev/null) or a socket is refused without waiting on it, and so is a file larger
// than `max_bytes`. Returns why the file cannot be read ("it is a folder, not a file"), or nothing
// when `out` holds it.
std::optional<std::string> read_input_file(const std::string& path, std::string& out,
                                           std::uint64_t max_bytes = kMaxInputBytes);

// The same checks, reading the file in pieces of at most `piece` bytes, each handed to `on_piece`
// (which returns false to stop reading), so that a large file is never held whole. Returns why
// the file cannot be read, or nothing when every piece was handed on (or `on_piece` stopped).
std::optional<std::string> read_input_file_in_pieces(const std::string& path, std::size_t piece,
                                                     const std::function<bool(std::string_view)>& on_piece,
                                                     std::uint64_t max_bytes = kMaxInputBytes);

// "it is larger than 2048 MiB, the most careboard reads from one file"
std::string too_large_message(std::uint64_t max_bytes);

}  // namespace careboard
