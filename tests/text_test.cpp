// Text helpers (core/text.hpp): UTF-8 checks, Windows-1252 input, and input quoted in messages.
#include <gtest/gtest.h>

#include <string>

#include "core/diagnostics.hpp"
#include "core/text.hpp"

namespace careboard {
namespace {

TEST(Utf8, FirstInvalidByteIsFoundPastLongAsciiRuns) {
    EXPECT_EQ(first_invalid_utf8("plain ASCII text of some length"), std::string_view::npos);
    EXPECT_EQ(first_invalid_utf8("caf\xC3\xA9 and O\xE2\x80\x99Neill"), std::string_view::npos);
    EXPECT_EQ(first_invalid_utf8("0123456789abcdef O\x92Neill"), 18u);
    EXPECT_EQ(first_invalid_utf8("\xC0\xAF"), 0u);           // overlong
    EXPECT_EQ(first_invalid_utf8("ab\xED\xA0\x80"), 2u);     // a surrogate
    EXPECT_EQ(first_invalid_utf8("abc\xE2\x80"), 3u);        // cut short
}

TEST(Windows1252, UpperHalfBecomesItsUnicodeCharacters) {
    std::vector<std::size_t> undefined;
    EXPECT_EQ(windows_1252_to_utf8("O\x92Neill \x80" "5 caf\xE9 \x96", &undefined),
              "O\u2019Neill \u20AC" "5 caf\u00E9 \u2013");
    EXPECT_TRUE(undefined.empty());
    EXPECT_EQ(windows_1252_to_utf8("a\x81" "b\x9D", &undefined), "a\uFFFD" "b\uFFFD");
    EXPECT_EQ(undefined, (std::vector<std::size_t>{1, 3}));
}

TEST(Visible, ControlCharactersCannotReachTheTerminal) {
    EXPECT_EQ(visible("line\nnext\r\tend"), "line\\nnext\\r\\tend");
    EXPECT_EQ(visible("\x1B[31mred\x1B[0m"), "\\x1B[31mred\\x1B[0m");
    EXPECT_EQ(visible("del\x7F c1\xC2\x9B"), "del\\x7F c1\\xC2\\x9B");
    EXPECT_EQ(visible("bad \xE9 byte"), "bad \\xE9 byte");
    EXPECT_EQ(visible("caf\xC3\xA9 \xE2\x80\x99"), "caf\xC3\xA9 \xE2\x80\x99");
}

TEST(Diagnostics, InputQuotedInAMessageIsWrittenVisibly) {
    Diagnostic d{Severity::error, "E110", "data/2023\n/episodes.csv", 3, 2,
                 "expected a date as dd/mm/yyyy or yyyy-mm-dd, found '\x1B]0;owned\x07\r\n'"};
    EXPECT_EQ(format_diagnostic(d),
              "data/2023\\n/episodes.csv:3:2: error: expected a date as dd/mm/yyyy or yyyy-mm-dd, found "
              "'\\x1B]0;owned\\x07\\r\\n' [E110]");
}

}  // namespace
}  // namespace careboard
