// Dates, ages, England and Wales working days and financial-year quarters (core/date.hpp).
// Every expected value below comes from the calendar or from the published gov.uk lists of
// bank holidays, not from the code under test.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"

namespace careboard {
namespace {

Date ymd(int y, int m, int d) { return Date::from_ymd(y, m, d); }

DateParse parse(std::string_view text, Date& out) { return parse_date(text, out); }

DateParse parse(std::string_view text) {
    Date ignored;
    return parse_date(text, ignored);
}

// Every date of `year` that is_bank_holiday() accepts, as ISO text, so that a failure names
// both missing and extra days.
std::vector<std::string> bank_holidays_in(int year) {
    std::vector<std::string> out;
    for (Date d = ymd(year, 1, 1); d <= ymd(year, 12, 31); d = d.plus_days(1))
        if (is_bank_holiday(d)) out.push_back(d.iso());
    return out;
}

// --- Date basics ---------------------------------------------------------------------------

TEST(Date, FromYmdRoundTripsAndFormats) {
    const Date d = ymd(2024, 2, 29);
    EXPECT_EQ(d.year(), 2024);
    EXPECT_EQ(d.month(), 2);
    EXPECT_EQ(d.day(), 29);
    EXPECT_EQ(d.iso(), "2024-02-29");
    EXPECT_EQ(d.long_text(), "29 February 2024");
    EXPECT_EQ(ymd(2025, 3, 31).long_text(), "31 March 2025");
    EXPECT_EQ(ymd(1970, 1, 1).days, 0);
    // 2024 is a leap year: 1 March is two days after 28 February.
    EXPECT_EQ(ymd(2024, 3, 1).days - ymd(2024, 2, 28).days, 2);
    EXPECT_EQ(ymd(2023, 3, 1).days - ymd(2023, 2, 28).days, 1);
}

TEST(Date, WeekdayCountsFromMonday) {
    EXPECT_EQ(ymd(1970, 1, 1).weekday(), 3);   // a Thursday
    EXPECT_EQ(ymd(2000, 1, 1).weekday(), 5);   // a Saturday
    EXPECT_EQ(ymd(2024, 3, 31).weekday(), 6);  // a Sunday
    EXPECT_EQ(ymd(2024, 4, 1).weekday(), 0);   // Easter Monday 2024
    EXPECT_EQ(ymd(1969, 12, 31).weekday(), 2); // before the epoch: a Wednesday
}

// --- parse_date ----------------------------------------------------------------------------

TEST(ParseDate, ReadsTheReturnsOwnDayMonthYearForm) {
    Date d;
    ASSERT_EQ(parse("31/03/2024", d), DateParse::ok);
    EXPECT_EQ(d, ymd(2024, 3, 31));
    ASSERT_EQ(parse("01/12/2019", d), DateParse::ok);
    EXPECT_EQ(d, ymd(2019, 12, 1));  // day first, never month first
}

TEST(ParseDate, ReadsIsoDates) {
    Date d;
    ASSERT_EQ(parse("2024-03-31", d), DateParse::ok);
    EXPECT_EQ(d, ymd(2024, 3, 31));
}

TEST(ParseDate, TrimsSurroundingSpacesAndTabs) {
    Date d;
    ASSERT_EQ(parse("  31/03/2024 ", d), DateParse::ok);
    EXPECT_EQ(d, ymd(2024, 3, 31));
    ASSERT_EQ(parse("\t2024-01-05\t", d), DateParse::ok);
    EXPECT_EQ(d, ymd(2024, 1, 5));
}

TEST(ParseDate, EmptyOrBlankTextIsEmpty) {
    EXPECT_EQ(parse(""), DateParse::empty);
    EXPECT_EQ(parse("   "), DateParse::empty);
    EXPECT_EQ(parse("\t"), DateParse::empty);
}

TEST(ParseDate, OtherShapesAreMalformed) {
    EXPECT_EQ(parse("31/03/24"), DateParse::malformed);      // two-digit year
    EXPECT_EQ(parse("31-03-2024"), DateParse::malformed);    // wrong separator
    EXPECT_EQ(parse("2024/03/31"), DateParse::malformed);
    EXPECT_EQ(parse("2024-3-31"), DateParse::malformed);
    EXPECT_EQ(parse("aa/bb/cccc"), DateParse::malformed);
    EXPECT_EQ(parse("+1/03/2024"), DateParse::malformed);    // signs are not digits
    EXPECT_EQ(parse("31 / 03 / 2024"), DateParse::malformed); // spaces inside the date
    EXPECT_EQ(parse("123/1/2024"), DateParse::malformed);    // a three-digit day
    EXPECT_EQ(parse("1/123/2024"), DateParse::malformed);
    EXPECT_EQ(parse("//2024"), DateParse::malformed);
    EXPECT_EQ(parse("1/1/202"), DateParse::malformed);
    EXPECT_EQ(parse("1/1/20245"), DateParse::malformed);      // a five-digit year is not a time
    EXPECT_EQ(parse("2024-03-31 0000"), DateParse::malformed); // not a time of day
    EXPECT_EQ(parse("2024-03-31 00:0"), DateParse::malformed);
    EXPECT_EQ(parse("2024-03-31 00:00:"), DateParse::malformed);
    EXPECT_EQ(parse("2024-03-31 00:00:00."), DateParse::malformed);
    EXPECT_EQ(parse("2024-03-31 00:00 am"), DateParse::malformed);
    EXPECT_EQ(parse("2024-03-31x"), DateParse::malformed);
}

// What spreadsheets make of a 903 date: Excel drops the leading zeros (3/1/2021) and pandas and
// database exports add a time of midnight. Day first always: 3/1/2021 is 3 January.
TEST(ParseDate, ReadsSpreadsheetDatesWithoutLeadingZerosOrWithAMidnightTime) {
    const std::vector<std::pair<std::string, Date>> cases{
        {"3/1/2021", ymd(2021, 1, 3)},           {"03/1/2021", ymd(2021, 1, 3)},
        {"3/12/2021", ymd(2021, 12, 3)},         {"2021-01-03 00:00:00", ymd(2021, 1, 3)},
        {"2021-01-03T00:00:00", ymd(2021, 1, 3)}, {"2021-01-03 00:00:00.000", ymd(2021, 1, 3)},
        {"03/01/2021 00:00", ymd(2021, 1, 3)},   {"3/1/2021 0:00", ymd(2021, 1, 3)},
    };
    for (const auto& [text, expected] : cases) {
        Date d;
        ASSERT_EQ(parse(text, d), DateParse::ok) << text;
        EXPECT_EQ(d, expected) << text;
    }
    EXPECT_EQ(parse("31/2/2021 00:00"), DateParse::impossible);
}

TEST(ParseDate, ADateWithARealTimeOfDayIsNotReadAsTheDate) {
    EXPECT_EQ(parse("2021-01-03 09:30:00"), DateParse::with_time);
    EXPECT_EQ(parse("03/01/2021 23:59"), DateParse::with_time);
    EXPECT_EQ(parse("2021-01-03 00:00:00.001"), DateParse::with_time);
    const DateProblem problem = date_problem(DateParse::with_time, "2021-01-03 09:30:00");
    EXPECT_STREQ(problem.code, "E116");
    EXPECT_EQ(problem.message, "'2021-01-03 09:30:00' has a time of day; expected a date alone as dd/mm/yyyy or "
                               "yyyy-mm-dd (a time of 00:00 is read as the date)");
}

TEST(ParseDate, WellFormedDatesThatDoNotExistAreImpossible) {
    EXPECT_EQ(parse("31/02/2023"), DateParse::impossible);
    EXPECT_EQ(parse("30/02/2024"), DateParse::impossible);
    EXPECT_EQ(parse("31/04/2024"), DateParse::impossible);  // April has 30 days
    EXPECT_EQ(parse("00/01/2024"), DateParse::impossible);
    EXPECT_EQ(parse("2024-13-01"), DateParse::impossible);
    EXPECT_EQ(parse("2024-00-10"), DateParse::impossible);
}

TEST(ParseDate, TwentyNinthFebruaryExistsOnlyInLeapYears) {
    Date d;
    EXPECT_EQ(parse("29/02/2023"), DateParse::impossible);
    ASSERT_EQ(parse("29/02/2024", d), DateParse::ok);
    EXPECT_EQ(d, ymd(2024, 2, 29));
    EXPECT_EQ(parse("2023-02-29"), DateParse::impossible);
    // Century rule: 1900 was not a leap year, 2000 was.
    EXPECT_EQ(parse("29/02/1900"), DateParse::impossible);
    EXPECT_EQ(parse("29/02/2000"), DateParse::ok);
}

// --- age_in_years --------------------------------------------------------------------------

TEST(AgeInYears, BirthdayCountsOnTheDayItself) {
    const Date dob = ymd(2010, 6, 15);
    EXPECT_EQ(age_in_years(dob, ymd(2024, 6, 14)), 13);
    EXPECT_EQ(age_in_years(dob, ymd(2024, 6, 15)), 14);
    EXPECT_EQ(age_in_years(dob, ymd(2024, 6, 16)), 14);
    EXPECT_EQ(age_in_years(dob, dob), 0);
    EXPECT_EQ(age_in_years(dob, ymd(2011, 6, 14)), 0);
    EXPECT_EQ(age_in_years(dob, ymd(2011, 6, 15)), 1);
}

TEST(AgeInYears, TwentyNinthFebruaryBirthdayFallsOnTwentyEighthInOtherYears) {
    const Date dob = ymd(2008, 2, 29);
    EXPECT_EQ(age_in_years(dob, ymd(2009, 2, 27)), 0);
    EXPECT_EQ(age_in_years(dob, ymd(2009, 2, 28)), 1);  // 2009 has no 29 February
    EXPECT_EQ(age_in_years(dob, ymd(2011, 3, 1)), 3);
    // In a leap year the birthday is the 29th itself.
    EXPECT_EQ(age_in_years(dob, ymd(2012, 2, 28)), 3);
    EXPECT_EQ(age_in_years(dob, ymd(2012, 2, 29)), 4);
}

TEST(AgeInYears, QuarterEndAgesAcrossTheYearEnd) {
    // A child born 1 April 2008 is still 15 on 31 March 2024 and 16 the next day.
    EXPECT_EQ(age_in_years(ymd(2008, 4, 1), ymd(2024, 3, 31)), 15);
    EXPECT_EQ(age_in_years(ymd(2008, 3, 31), ymd(2024, 3, 31)), 16);
    EXPECT_EQ(age_in_years(ymd(2023, 12, 31), ymd(2024, 12, 30)), 0);
}

// --- bank holidays (gov.uk published lists for England and Wales) ---------------------------

TEST(BankHolidays, Year2019MatchesThePublishedList) {
    EXPECT_EQ(bank_holidays_in(2019),
              (std::vector<std::string>{"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06",
                                        "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"}));
}

TEST(BankHolidays, Year2020HasTheVeDayMoveAndABoxingDaySubstitute) {
    // Early May moved to Friday 8 May (VE Day 75); Boxing Day was a Saturday, so Monday 28th.
    EXPECT_EQ(bank_holidays_in(2020),
              (std::vector<std::string>{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
                                        "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"}));
    EXPECT_FALSE(is_bank_holiday(ymd(2020, 5, 4)));  // the usual first Monday was a working day
}

TEST(BankHolidays, Year2021HasBothChristmasSubstitutes) {
    // Christmas Day on a Saturday and Boxing Day on a Sunday: Monday 27 and Tuesday 28.
    EXPECT_EQ(bank_holidays_in(2021),
              (std::vector<std::string>{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
                                        "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"}));
}

TEST(BankHolidays, Year2022HasTheJubileeAndTheStateFuneral) {
    // New Year's Day on a Saturday -> Monday 3 January; spring holiday moved to Thursday 2 June
    // with the Platinum Jubilee on Friday 3 June; the Queen's funeral on 19 September;
    // Christmas Day on a Sunday -> Boxing Day Monday 26, substitute Tuesday 27.
    EXPECT_EQ(bank_holidays_in(2022),
              (std::vector<std::string>{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
                                        "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
                                        "2022-12-26", "2022-12-27"}));
    EXPECT_FALSE(is_bank_holiday(ymd(2022, 5, 30)));  // the usual last Monday of May
}

TEST(BankHolidays, Year2023HasTheCoronation) {
    EXPECT_EQ(bank_holidays_in(2023),
              (std::vector<std::string>{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
                                        "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
                                        "2023-12-26"}));
}

TEST(BankHolidays, Years2024To2026MatchThePublishedLists) {
    EXPECT_EQ(bank_holidays_in(2024),
              (std::vector<std::string>{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
                                        "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"}));
    EXPECT_EQ(bank_holidays_in(2025),
              (std::vector<std::string>{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
                                        "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"}));
    // Christmas Day 2026 is a Friday: Boxing Day's substitute is Monday 28 December.
    EXPECT_EQ(bank_holidays_in(2026),
              (std::vector<std::string>{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                        "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"}));
}

TEST(BankHolidays, EarlierYearsWithOneOffDaysAndSubstitutes) {
    // 2011: New Year's Day on a Saturday, the royal wedding on 29 April, Christmas on a Sunday.
    EXPECT_EQ(bank_holidays_in(2011),
              (std::vector<std::string>{"2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29",
                                        "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26",
                                        "2011-12-27"}));
    // 2012: spring holiday moved to 4 June, Diamond Jubilee 5 June.
    EXPECT_EQ(bank_holidays_in(2012),
              (std::vector<std::string>{"2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07",
                                        "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25",
                                        "2012-12-26"}));
    // 2016: Christmas Day on a Sunday -> substitute Tuesday 27 December.
    EXPECT_EQ(bank_holidays_in(2016),
              (std::vector<std::string>{"2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02",
                                        "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27"}));
}

TEST(WorkingDays, WeekendsAndBankHolidaysAreNotWorkingDays) {
    EXPECT_TRUE(is_working_day(ymd(2024, 3, 28)));   // Thursday before Easter
    EXPECT_FALSE(is_working_day(ymd(2024, 3, 29)));  // Good Friday
    EXPECT_FALSE(is_working_day(ymd(2024, 3, 30)));  // Saturday
    EXPECT_FALSE(is_working_day(ymd(2024, 3, 31)));  // Sunday
    EXPECT_FALSE(is_working_day(ymd(2024, 4, 1)));   // Easter Monday
    EXPECT_TRUE(is_working_day(ymd(2024, 4, 2)));
}

TEST(WorkingDays, AddingWorkingDaysSkipsEaster) {
    const Date thursday = ymd(2024, 3, 28);
    // Fri 29 Mar Good Friday, weekend, Mon 1 Apr Easter Monday: the first working day after
    // is Tuesday 2 April.
    EXPECT_EQ(add_working_days(thursday, 1), ymd(2024, 4, 2));
    // Working days after 28 March: Apr 2,3,4,5 (4), 8-12 (9), 15-19 (14), 22-26 (19), 29 (20).
    EXPECT_EQ(add_working_days(thursday, 20), ymd(2024, 4, 29));
    EXPECT_EQ(add_working_days(thursday, 0), thursday);
}

TEST(WorkingDays, AddingWorkingDaysSkipsChristmasAndNewYear) {
    // 2020: Fri 25 Dec and Mon 28 Dec (substitute) are holidays.
    // After Wed 23 Dec: Thu 24 (1), Tue 29 (2), Wed 30 (3).
    EXPECT_EQ(add_working_days(ymd(2020, 12, 23), 3), ymd(2020, 12, 30));
    // After Fri 16 Dec 2022: Dec 19-23 (5); 26, 27 holidays; 28-30 (8); Mon 2 Jan 2023 holiday;
    // Jan 3-6 (12), 9-13 (17), 16-18 (20).
    EXPECT_EQ(add_working_days(ymd(2022, 12, 16), 20), ymd(2023, 1, 18));
}

TEST(WorkingDays, StartingAtAWeekendCountsFromTheNextWorkingDay) {
    // Saturday 6 January 2024: the first working day after it is Monday 8 January.
    EXPECT_EQ(add_working_days(ymd(2024, 1, 6), 1), ymd(2024, 1, 8));
}

TEST(WorkingDays, WorkingDaysBetweenExcludesTheFirstDay) {
    EXPECT_EQ(working_days_between(ymd(2024, 3, 28), ymd(2024, 4, 2)), 1);
    EXPECT_EQ(working_days_between(ymd(2024, 3, 28), ymd(2024, 4, 29)), 20);
    EXPECT_EQ(working_days_between(ymd(2024, 4, 2), ymd(2024, 4, 2)), 0);
    EXPECT_EQ(working_days_between(ymd(2024, 4, 5), ymd(2024, 4, 2)), 0);
}

// --- plus_months ---------------------------------------------------------------------------

TEST(PlusMonths, KeepsTheDayOfTheMonthWhenItExists) {
    EXPECT_EQ(ymd(2023, 11, 15).plus_months(3), ymd(2024, 2, 15));  // across a year end
    EXPECT_EQ(ymd(2024, 6, 30).plus_months(-12), ymd(2023, 6, 30));
    EXPECT_EQ(ymd(2024, 1, 31).plus_months(0), ymd(2024, 1, 31));
}

TEST(PlusMonths, ClampsToTheLastDayOfAShorterMonth) {
    EXPECT_EQ(ymd(2023, 1, 31).plus_months(3), ymd(2023, 4, 30));
    EXPECT_EQ(ymd(2023, 8, 31).plus_months(6), ymd(2024, 2, 29));  // leap year
    EXPECT_EQ(ymd(2022, 8, 31).plus_months(6), ymd(2023, 2, 28));
    EXPECT_EQ(ymd(2023, 11, 30).plus_months(3), ymd(2024, 2, 29));
    EXPECT_EQ(ymd(2024, 2, 29).plus_months(-12), ymd(2023, 2, 28));
    EXPECT_EQ(ymd(2024, 3, 31).plus_months(-1), ymd(2024, 2, 29));
}

// --- Quarter -------------------------------------------------------------------------------

TEST(Quarter, ContainingFollowsTheFinancialYear) {
    EXPECT_EQ(Quarter::containing(ymd(2023, 4, 1)), (Quarter{2023, 1}));
    EXPECT_EQ(Quarter::containing(ymd(2023, 6, 30)), (Quarter{2023, 1}));
    EXPECT_EQ(Quarter::containing(ymd(2023, 7, 1)), (Quarter{2023, 2}));
    EXPECT_EQ(Quarter::containing(ymd(2023, 12, 31)), (Quarter{2023, 3}));
    EXPECT_EQ(Quarter::containing(ymd(2024, 1, 1)), (Quarter{2023, 4}));
    EXPECT_EQ(Quarter::containing(ymd(2024, 3, 31)), (Quarter{2023, 4}));
    EXPECT_EQ(Quarter::containing(ymd(2024, 4, 1)), (Quarter{2024, 1}));
}

TEST(Quarter, StartAndEndDates) {
    EXPECT_EQ((Quarter{2023, 1}).start(), ymd(2023, 4, 1));
    EXPECT_EQ((Quarter{2023, 1}).end(), ymd(2023, 6, 30));
    EXPECT_EQ((Quarter{2023, 2}).start(), ymd(2023, 7, 1));
    EXPECT_EQ((Quarter{2023, 2}).end(), ymd(2023, 9, 30));
    EXPECT_EQ((Quarter{2023, 3}).start(), ymd(2023, 10, 1));
    EXPECT_EQ((Quarter{2023, 3}).end(), ymd(2023, 12, 31));
    EXPECT_EQ((Quarter{2023, 4}).start(), ymd(2024, 1, 1));
    EXPECT_EQ((Quarter{2023, 4}).end(), ymd(2024, 3, 31));
}

TEST(Quarter, LabelAndSlug) {
    EXPECT_EQ((Quarter{2023, 3}).label(), "2023-24 Q3");
    EXPECT_EQ((Quarter{2023, 3}).slug(), "2023-24-q3");
    // The second year is the last two digits, even across a century.
    EXPECT_EQ((Quarter{1999, 1}).label(), "1999-00 Q1");
    EXPECT_EQ((Quarter{2009, 4}).label(), "2009-10 Q4");
}

TEST(Quarter, ParseAcceptsOnlyTheLabelForm) {
    EXPECT_EQ(Quarter::parse("2023-24 Q3"), (Quarter{2023, 3}));
    EXPECT_EQ(Quarter::parse("1999-00 Q1"), (Quarter{1999, 1}));
    EXPECT_EQ(Quarter::parse("2023-25 Q3"), std::nullopt);   // years not consecutive
    EXPECT_EQ(Quarter::parse("2023-24 Q5"), std::nullopt);
    EXPECT_EQ(Quarter::parse("2023-24 Q0"), std::nullopt);
    EXPECT_EQ(Quarter::parse("2023-24Q3"), std::nullopt);
    EXPECT_EQ(Quarter::parse("2023/24 Q3"), std::nullopt);
    EXPECT_EQ(Quarter::parse(" 2023-24 Q3"), std::nullopt);
    EXPECT_EQ(Quarter::parse("2023-24 Q3 "), std::nullopt);
    EXPECT_EQ(Quarter::parse(""), std::nullopt);
}

TEST(Quarter, ParseIsTheInverseOfLabel) {
    for (Quarter q{2019, 1}; q <= Quarter{2026, 4}; q = q.next()) {
        SCOPED_TRACE(q.label());
        EXPECT_EQ(Quarter::parse(q.label()), q);
    }
}

TEST(Quarter, NextPreviousAndMinus) {
    EXPECT_EQ((Quarter{2023, 4}).next(), (Quarter{2024, 1}));
    EXPECT_EQ((Quarter{2024, 1}).previous(), (Quarter{2023, 4}));
    EXPECT_EQ((Quarter{2024, 1}).minus(1), (Quarter{2023, 4}));
    EXPECT_EQ((Quarter{2024, 3}).minus(4), (Quarter{2023, 3}));
    EXPECT_EQ((Quarter{2024, 2}).minus(0), (Quarter{2024, 2}));
    // Twelve quarters ending 2024-25 Q4 start at 2022-23 Q1.
    EXPECT_EQ((Quarter{2024, 4}).minus(11), (Quarter{2022, 1}));
    EXPECT_EQ((Quarter{2024, 1}).minus(-1), (Quarter{2024, 2}));
}

TEST(Quarter, ParseRejectsYearsOutsideTheCalendarsRange) {
    EXPECT_FALSE(Quarter::parse("0001-02 Q1"));
    EXPECT_FALSE(Quarter::parse("1899-00 Q4"));
    EXPECT_FALSE(Quarter::parse("2300-01 Q1"));
    EXPECT_EQ(Quarter::parse("1900-01 Q1"), (Quarter{1900, 1}));
}

TEST(Quarter, MinusAndPlusMonthsGoBackPastYearZeroWithoutBreaking) {
    // Floor division: the quarter 5 before 0001-02 Q1 is in financial year -1.
    EXPECT_EQ((Quarter{1, 1}.minus(5)), (Quarter{-1, 4}));
    EXPECT_EQ((Quarter{0, 1}.minus(1)), (Quarter{-1, 4}));
    EXPECT_EQ(Date::from_ymd(0, 3, 31).plus_months(-3), Date::from_ymd(-1, 12, 31));
}

TEST(Quarter, OrderingIsChronological) {
    EXPECT_LT((Quarter{2023, 4}), (Quarter{2024, 1}));
    EXPECT_LT((Quarter{2023, 1}), (Quarter{2023, 2}));
}

}  // namespace
}  // namespace careboard
