#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace careboard {

// Length of the well-formed UTF-8 sequence at `text[i]` (Unicode table 3-7: no overlong forms,
// no surrogates, nothing past U+10FFFF), or 0 when the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Offset of the first byte of the first ill-formed sequence (for a Latin-1 "é" that is the é
// itself), or npos when the text is all UTF-8.
std::size_t first_invalid_utf8(std::string_view text);

// The text read as Windows-1252 (what Excel saves as "CSV" on Windows), as UTF-8. Bytes that are
// characters in neither (81, 8D, 8F, 90, 9D) become U+FFFD and their offsets go to `undefined`.
std::string windows_1252_to_utf8(std::string_view text, std::vector<std::size_t>* undefined);

// The text without the spaces, tabs, carriage returns and line feeds around it.
std::string_view trim_space(std::string_view text);

// The character a Windows-1252 byte stands for, or 0 for the five bytes that stand for none
// (81, 8D, 8F, 90, 9D).
char32_t windows_1252_character(unsigned char byte);

// "0xE9"
std::string hex_byte(unsigned char byte);

// The text with control characters and bytes that are not UTF-8 written visibly (\n, \r, \t,
// \x1B), so that a value quoted in a message cannot move the cursor, colour a
// terminal or forge a line of its own.
std::string visible(std::string_view text);

}  // namespace careboard
