// Rounding and number formatting (core/format.hpp). docs/definitions.md: percentages and rates
// are rounded half away from zero; pages use en-GB thousands separators.
#include <gtest/gtest.h>

#include "core/format.hpp"

namespace careboard {
namespace {

TEST(RoundHalfAway, HalvesGoAwayFromZero) {
    EXPECT_DOUBLE_EQ(round_half_away(2.5, 0), 3.0);
    EXPECT_DOUBLE_EQ(round_half_away(-2.5, 0), -3.0);
    EXPECT_DOUBLE_EQ(round_half_away(0.5, 0), 1.0);
    EXPECT_DOUBLE_EQ(round_half_away(4.5, 0), 5.0);  // banker's rounding would give 4
    EXPECT_DOUBLE_EQ(round_half_away(2.4999, 0), 2.0);
}

TEST(RoundHalfAway, HalvesAtDecimalPlaces) {
    // 0.125 is exact in binary: 12.5 hundredths, so 0.13.
    EXPECT_DOUBLE_EQ(round_half_away(0.125, 2), 0.13);
    EXPECT_DOUBLE_EQ(round_half_away(-0.125, 2), -0.13);
    // 94.45 is not exact in binary but written as a decimal half: 94.5.
    EXPECT_DOUBLE_EQ(round_half_away(94.45, 1), 94.5);
    EXPECT_DOUBLE_EQ(round_half_away(-94.45, 1), -94.5);
    EXPECT_DOUBLE_EQ(round_half_away(12.25, 1), 12.3);
}

TEST(RoundHalfAway, BinaryNoiseDoesNotDecideARounding) {
    // 0.1 + 0.2 is 0.30000000000000004 in binary, and a ratio that is a decimal half once
    // snapped to 9 places is treated as the half.
    EXPECT_DOUBLE_EQ(round_half_away(0.1 + 0.2, 1), 0.3);
    // 1889 / 2000 * 100 = 94.45 exactly in decimals.
    EXPECT_DOUBLE_EQ(round_half_away(1889.0 / 2000.0 * 100.0, 1), 94.5);
    // 7 / 8 * 100 = 87.5.
    EXPECT_DOUBLE_EQ(round_half_away(7.0 / 8.0 * 100.0, 0), 88.0);
}

TEST(RoundHalfAway, DecimalHalvesThatBinaryCannotHoldRoundAwayAtTwoPlaces) {
    // The header promises that values are snapped to 9 decimals before rounding, so a value
    // typed as 1.005 is the decimal half 1.005000000 and rounds to 1.01 (likewise 2.675 ->
    // 2.68, 1.015 -> 1.02).
    EXPECT_DOUBLE_EQ(round_half_away(1.005, 2), 1.01);
    EXPECT_DOUBLE_EQ(round_half_away(2.675, 2), 2.68);
    EXPECT_DOUBLE_EQ(round_half_away(1.015, 2), 1.02);
}

TEST(RoundHalfAway, NonHalvesRoundToNearest) {
    EXPECT_DOUBLE_EQ(round_half_away(7.6923076923, 1), 7.7);
    EXPECT_DOUBLE_EQ(round_half_away(-7.64, 1), -7.6);
    EXPECT_DOUBLE_EQ(round_half_away(1234.0, 0), 1234.0);
}

TEST(FormatPlain, WritesExactlyTheRequestedPlaces) {
    EXPECT_EQ(format_plain(1234, 0), "1234");  // no separators in machine form
    EXPECT_EQ(format_plain(12.5, 1), "12.5");
    EXPECT_EQ(format_plain(-3, 1), "-3.0");
    EXPECT_EQ(format_plain(100, 1), "100.0");
    EXPECT_EQ(format_plain(2.5, 0), "3");
    EXPECT_EQ(format_plain(0.125, 2), "0.13");
    EXPECT_EQ(format_plain(87.5, 0), "88");
}

TEST(FormatPlain, NeverWritesNegativeZero) {
    // -0.4 rounds to zero; a CSV must not say "-0".
    EXPECT_EQ(format_plain(-0.4, 0), "0");
    EXPECT_EQ(format_plain(-0.04, 1), "0.0");
    EXPECT_EQ(format_plain(0.0, 0), "0");
}

TEST(FormatNumber, GroupsThousandsWithCommas) {
    EXPECT_EQ(format_number(0), "0");
    EXPECT_EQ(format_number(999), "999");
    EXPECT_EQ(format_number(1000), "1,000");
    EXPECT_EQ(format_number(1234), "1,234");
    EXPECT_EQ(format_number(12345), "12,345");
    EXPECT_EQ(format_number(123456), "123,456");
    EXPECT_EQ(format_number(1234567), "1,234,567");
    EXPECT_EQ(format_number(1234567.891, 2), "1,234,567.89");
    EXPECT_EQ(format_number(12.5, 1), "12.5");
}

TEST(FormatNumber, RoundsBeforeGroupingAndKeepsTheSign) {
    EXPECT_EQ(format_number(999.5), "1,000");  // rounding carries into a new group
    EXPECT_EQ(format_number(-1234.5), "-1,235");
    EXPECT_EQ(format_number(-999), "-999");
    EXPECT_EQ(format_number(-0.4), "0");
}

TEST(FormatPercent, WholeNumbersUnlessDecimalsAreAsked) {
    EXPECT_EQ(format_percent(48.4), "48%");
    EXPECT_EQ(format_percent(47.5), "48%");
    EXPECT_EQ(format_percent(100), "100%");
    EXPECT_EQ(format_percent(12.25, 1), "12.3%");
    EXPECT_EQ(format_percent(0, 0), "0%");
}

TEST(ToLowerAscii, LowersOnlyAsciiLetters) {
    EXPECT_EQ(to_lower_ascii("SSDA903_Episodes.CSV"), "ssda903_episodes.csv");
    EXPECT_EQ(to_lower_ascii("\xC3\x89"), "\xC3\x89");  // UTF-8 bytes are left alone
}

}  // namespace
}  // namespace careboard
