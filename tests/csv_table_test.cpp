// Reading CSV text for a fixed list of columns (ingest/csv_table.hpp): the shapes real 903
// exports take, and every structural problem reported with its line and field.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "ingest/csv_table.hpp"
#include "support/diagnostics.hpp"

namespace careboard {
namespace {

constexpr std::array<const char*, 3> kReviewColumns{"CHILD", "REVIEW", "REVIEW_CODE"};
const std::string kFile = "reviews.csv";

CsvTable read(std::string_view text, Diagnostics& diagnostics) {
    return read_csv(kFile, text, kReviewColumns, diagnostics);
}

using testing::messages;

// Each row as "line:field|field|field".
std::vector<std::string> rows_of(const CsvTable& table) {
    std::vector<std::string> out;
    for (const CsvTable::Row& row : table.rows) {
        std::string s = std::to_string(row.line) + ":";
        for (std::size_t i = 0; i < row.fields.size(); ++i) s += (i ? "|" : "") + row.fields[i];
        out.push_back(s);
    }
    return out;
}

TEST(CsvTable, ReadsRequestedColumnsWithTheirLines) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,PN1\nB2,2023-05-02,\n", diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_TRUE(t.readable);
    EXPECT_EQ(t.file, kFile);
    EXPECT_EQ(t.columns, (std::vector<std::string>{"CHILD", "REVIEW", "REVIEW_CODE"}));
    EXPECT_EQ(t.present, (std::vector<bool>{true, true, true}));
    EXPECT_EQ(t.file_column, (std::vector<int>{1, 2, 3}));
    // An empty cell is an empty field ("not applicable" in the 903).
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1", "3:B2|2023-05-02|"}));
    EXPECT_EQ(t.column_index("REVIEW"), 1);
    EXPECT_EQ(t.column_index("DOB"), -1);
}

TEST(CsvTable, ByteOrderMarkAndWindowsLineEndingsAreInvisible) {
    Diagnostics diagnostics;
    const CsvTable t = read("\xEF\xBB\xBF" "CHILD,REVIEW,REVIEW_CODE\r\nA1,01/04/2023,PN1\r\nB2,02/04/2023,PN7\r\n",
                            diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    // Without BOM handling the first column would be named "\xEF\xBB\xBF" "CHILD" and be missing;
    // without CRLF handling the last field would end in '\r'.
    EXPECT_EQ(t.present, (std::vector<bool>{true, true, true}));
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1", "3:B2|02/04/2023|PN7"}));
}

TEST(CsvTable, LastLineWithoutNewlineIsRead) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,PN1", diagnostics);
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1"}));
}

TEST(CsvTable, QuotedValuesMayHoldCommasAndDoubledQuotes) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\n\"Smith, J\",\"01/04/2023\",\"say \"\"hi\"\"\"\n", diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:Smith, J|01/04/2023|say \"hi\""}));
}

TEST(CsvTable, SpacesAroundValuesAreTrimmed) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD , REVIEW,REVIEW_CODE\n A1 ,\t01/04/2023\t,PN1 \n", diagnostics);
    EXPECT_EQ(t.present, (std::vector<bool>{true, true, true}));
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1"}));
}

TEST(CsvTable, ExtraColumnsAreIgnoredAndNamed) {
    Diagnostics diagnostics;
    // Real exports carry LA and YEAR; the 903 reviews table also has DOB.
    const CsvTable t = read("LA,CHILD,DOB,REVIEW,YEAR,REVIEW_CODE\n"
                            "123,A1,01/01/2015,01/04/2023,2024,PN1\n",
                            diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_EQ(t.file_column, (std::vector<int>{2, 4, 6}));
    EXPECT_EQ(t.extra_columns, (std::vector<std::string>{"LA", "DOB", "YEAR"}));
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1"}));
}

TEST(CsvTable, ColumnsMayComeInAnyOrder) {
    Diagnostics diagnostics;
    const CsvTable t = read("REVIEW_CODE,REVIEW,CHILD\nPN2,01/04/2023,A1\n", diagnostics);
    EXPECT_EQ(t.file_column, (std::vector<int>{3, 2, 1}));
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN2"}));
}

TEST(CsvTable, MissingColumnIsLeftToTheCaller) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW\nA1,01/04/2023\n", diagnostics);
    // No diagnostic here: whether a column is required is the caller's call.
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_TRUE(t.readable);
    EXPECT_EQ(t.present, (std::vector<bool>{true, true, false}));
    EXPECT_EQ(t.file_column[2], 0);
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|"}));
}

TEST(CsvTable, EmptyTextHasNoHeader) {
    Diagnostics diagnostics;
    const CsvTable t = read("", diagnostics);
    EXPECT_FALSE(t.readable);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"reviews.csv:1: error: the file is empty: expected a header line [E102]"}));
}

TEST(CsvTable, OnlyBlankLinesHasNoHeader) {
    Diagnostics diagnostics;
    const CsvTable t = read("\n  \n\n", diagnostics);
    EXPECT_FALSE(t.readable);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].code, "E102");
}

TEST(CsvTable, DuplicatedRequestedColumnIsAnError) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,CHILD,REVIEW_CODE\nA1,01/04/2023,A1,PN1\n", diagnostics);
    EXPECT_FALSE(t.readable);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"reviews.csv:1:3: error: column 'CHILD' appears twice in the header [E103]"}));
}

TEST(CsvTable, TooFewFieldsIsAnErrorOnItsLine) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,PN1\nB2,01/05/2023\nC3,01/06/2023,PN2\n",
                            diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    const Diagnostic& d = diagnostics.items()[0];
    EXPECT_EQ(d.severity, Severity::error);
    EXPECT_EQ(d.code, "E106");
    EXPECT_EQ(d.file, kFile);
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.message, "expected 3 values as in the header, found 2");
    // The short line is dropped; the lines around it are kept.
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1", "4:C3|01/06/2023|PN2"}));
}

TEST(CsvTable, TooManyFieldsIsAnErrorAtTheFirstExtraField) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,PN1,oops,again\n", diagnostics);
    // The header has 3 fields, so the first one too many is field 4.
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "reviews.csv:2:4: error: expected 3 values as in the header, found 5 [E106]"}));
    EXPECT_TRUE(t.rows.empty());
}

TEST(CsvTable, FieldCountIncludesIgnoredColumns) {
    Diagnostics diagnostics;
    // The header has 4 fields (YEAR is not requested), and a quoted comma is not a separator.
    read("CHILD,REVIEW,REVIEW_CODE,YEAR\n\"A,1\",01/04/2023,PN1\n", diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].line, 2);
    EXPECT_EQ(diagnostics.items()[0].message, "expected 4 values as in the header, found 3");
}

TEST(CsvTable, UnterminatedQuoteIsReportedAtTheFieldWhereItOpens) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,PN1\nB2,\"01/05/2023,PN1\nC3,01/06/2023,PN2\n",
                            diagnostics);
    // The quote opens in field 2 of line 3; values cannot span lines, so line 4 is still read.
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "reviews.csv:3:2: error: a quoted value is not closed (a closing \" is missing; "
                  "values cannot span lines) [E105]"}));
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1", "4:C3|01/06/2023|PN2"}));
}

TEST(CsvTable, BlankLinesAreSkippedAndLaterLinesKeepTheirNumbers) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\n\nA1,01/04/2023,PN1\n   \n\t\nB2,02/04/2023,PN2\n\n", diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    // Lines: 1 header, 2 blank, 3 A1, 4 spaces, 5 tab, 6 B2, 7 blank.
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"3:A1|01/04/2023|PN1", "6:B2|02/04/2023|PN2"}));
}

TEST(CsvTable, BlankLinesBeforeTheHeaderAreSkipped) {
    Diagnostics diagnostics;
    const CsvTable t = read("\n\nCHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,PN1\nB2,01/05/2023\n", diagnostics);
    EXPECT_EQ(t.present, (std::vector<bool>{true, true, true}));
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"4:A1|01/04/2023|PN1"}));
    // The short line is line 5 of the file, counted from the very first line.
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].line, 5);
}

TEST(CsvTable, ErrorLineNumbersCountSkippedBlankAndCrlfLines) {
    Diagnostics diagnostics;
    read("CHILD,REVIEW,REVIEW_CODE\r\n\r\nA1,01/04/2023,PN1\r\n\r\nB2\r\n", diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "reviews.csv:5:1: error: expected 3 values as in the header, found 1 [E106]"}));
}

TEST(CsvTable, EveryBadLineOfAFileIsReported) {
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\n"  // 1
                            "A1,01/04/2023\n"             // 2 too few
                            "B2,01/04/2023,PN1\n"         // 3 fine
                            "C3,01/04/2023,PN1,x\n"       // 4 too many
                            "D4,\"01/04/2023,PN1\n"       // 5 unterminated quote
                            "\n"                          // 6 blank
                            "E5,01/04/2023,PN3\n"         // 7 fine
                            "F6\n",                       // 8 too few
                            diagnostics);
    std::vector<std::pair<int, std::string>> found;
    for (const Diagnostic& d : diagnostics.items()) found.emplace_back(d.line, d.code);
    EXPECT_EQ(found, (std::vector<std::pair<int, std::string>>{{2, "E106"}, {4, "E106"}, {5, "E105"}, {8, "E106"}}));
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"3:B2|01/04/2023|PN1", "7:E5|01/04/2023|PN3"}));
}

TEST(CsvTable, OtherTableWidthsAreSupported) {
    // The 903 header table is read for 4 columns and the episodes table for 9.
    constexpr std::array<const char*, 4> header{"CHILD", "SEX", "DOB", "ETHNIC"};
    Diagnostics diagnostics;
    const CsvTable t = read_csv("header.csv",
                                "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,1,01/01/2015,WBRI,A123,,\n",
                                header, diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|1|01/01/2015|WBRI"}));
    EXPECT_EQ(t.extra_columns, (std::vector<std::string>{"UPN", "MOTHER", "MC_DOB"}));
}

TEST(CsvTable, UnclosedQuoteInTheHeaderIsAnErrorNotACrash) {
    // Found by fuzzing (tests/fuzz): the header's names are split by fast-cpp-csv-parser, which
    // throws on an unclosed quote; it ended careboard.
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,\"REVIEW\n1,01/01/2010\n", diagnostics);
    EXPECT_FALSE(t.readable);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"reviews.csv:1:2: error: cannot read the header: a quoted name is not closed (a "
                                        "closing \" is missing) [E105]"}));
}

TEST(CsvTable, CrlfConvertedTwiceKeepsTheLastColumn) {
    // A CRLF file converted to CRLF again ends its lines in \r\r\n: one line end, not an empty
    // last value (REVIEW_CODE, like the episodes' REC, is the last column).
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\r\r\nA1,01/04/2023,PN1\r\r\nB2,02/04/2023,PN7\r\r\n", diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << messages(diagnostics)[0];
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1", "3:B2|02/04/2023|PN7"}));
}

TEST(CsvTable, CarriageReturnOnlyLineEndsAreLines) {
    // Old Mac line ends: \r alone. Line numbers are those an editor shows.
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\rA1,01/04/2023,PN1\r\rB2,02/04/2023\r", diagnostics);
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1"}));
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"reviews.csv:4:2: error: expected 3 values as in the header, found 2 [E106]"}));
}

TEST(CsvTable, LineLongerThan16MebibytesIsReadAndTheNextLinesToo) {
    // fast-cpp-csv-parser's own line reader stops at 16 MiB; careboard reads any length.
    std::string text = "CHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,";
    text.append(17u << 20, 'x');
    text += "\nB2,02/04/2023,PN7\n";
    Diagnostics diagnostics;
    const CsvTable t = read(text, diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].fields[2].size(), 17u << 20);
    EXPECT_EQ(rows_of(t)[1], "3:B2|02/04/2023|PN7");
}

TEST(CsvTable, HeaderNamesMatchWithoutRegardToCase) {
    Diagnostics diagnostics;
    const CsvTable t = read(" child ,Review,review_code\nA1,01/04/2023,PN1\n", diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_EQ(t.present, (std::vector<bool>{true, true, true}));
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1"}));
}

TEST(CsvTable, WindowsCodePageFileIsReadAsUtf8AndSaidOnce) {
    // Excel's "CSV" on Windows: a cp1252 right single quote (0x92) and e-acute (0xE9).
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,O\x92Neill\nB2,02/04/2023,caf\xE9\n", diagnostics);
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|O\u2019Neill", "3:B2|02/04/2023|caf\u00e9"}));
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"reviews.csv:2:3: warning: the file is not UTF-8 (byte 0x92); it is read as "
                                        "Windows-1252, as Excel saves CSV. Save it as CSV UTF-8 to be sure of its "
                                        "characters [W109]"}));
}

TEST(CsvTable, ByteThatIsNoCharacterInEitherEncodingIsAnErrorOnItsLine) {
    Diagnostics diagnostics;
    read("CHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,PN1\nB2,02/\x81\x81/2023,PN7\n", diagnostics);
    ASSERT_EQ(diagnostics.error_count(), 1u);
    EXPECT_EQ(messages(diagnostics)[1],
              "reviews.csv:3:2: error: byte 0x81 is a character neither in UTF-8 nor in Windows-1252; save the file "
              "as CSV UTF-8 [E109]");
}

TEST(CsvTable, Utf16FileIsRejectedWithWhatToDo) {
    Diagnostics diagnostics;
    const std::string text("\xFF\xFE" "C\0H\0", 6);
    const CsvTable t = read(text, diagnostics);
    EXPECT_FALSE(t.readable);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "reviews.csv:1: error: the file is UTF-16 text; save it as CSV UTF-8 (comma delimited) [E108]"}));
}

TEST(CsvTable, NulByteIsAnErrorAtItsFieldAndTheRestIsRead) {
    Diagnostics diagnostics;
    const char bytes[] = "CHILD,REVIEW,REVIEW_CODE\nA1,0\0/04/2023,PN1\nB2,02/04/2023,PN7\n";
    const std::string text(bytes, sizeof bytes - 1);
    const CsvTable t = read(text, diagnostics);
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"3:B2|02/04/2023|PN7"}));
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "reviews.csv:2:2: error: cannot read this line: it holds a NUL byte (is this a CSV file?) [E107]"}));
}

TEST(CsvTable, ByteOrderMarkInsideTheFileIsNotPartOfTheValue) {
    // Two exports joined with `cat`: the second one's BOM would otherwise start a child's id.
    Diagnostics diagnostics;
    const CsvTable t = read("CHILD,REVIEW,REVIEW_CODE\nA1,01/04/2023,PN1\n\xEF\xBB\xBF" "A1,02/04/2023,PN7\n", diagnostics);
    EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2:A1|01/04/2023|PN1", "3:A1|02/04/2023|PN7"}));
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"reviews.csv:3:1: warning: a byte order mark starts this line (two files "
                                        "joined into one?); it is ignored [W110]"}));
}

}  // namespace
}  // namespace careboard
