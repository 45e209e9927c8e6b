#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace careboard {

// A calendar date, stored as days since 1970-01-01 so that comparison and arithmetic are cheap.
struct Date {
    int days = 0;

    static Date from_ymd(int year, int month, int day);
    int year() const;
    int month() const;
    int day() const;
    int weekday() const;  // 0 = Monday ... 6 = Sunday

    std::string iso() const;        // 2024-03-31
    std::string long_text() const;  // 31 March 2024

    Date plus_days(int n) const { return Date{days + n}; }
    // Same day of the month n months later (or earlier), clamped to the month's last day.
    Date plus_months(int n) const;

    auto operator<=>(const Date&) const = default;
};

bool is_valid_ymd(int year, int month, int day);

enum class DateParse { ok, empty, malformed, impossible, with_time };

// Parses d/m/yyyy (the 903's own dd/mm/yyyy, with or without leading zeros: 3/1/2021 is 3 January)
// or ISO yyyy-mm-dd, either followed by a time of day of zero as spreadsheets write dates
// ("2021-01-03 00:00:00", "03/01/2021 00:00"). "impossible" is a well-formed date that does not
// exist, such as 31/02/2023; "with_time" is a date with a time of day other than midnight, which
// no 903 date has.
DateParse parse_date(std::string_view text, Date& out);

// How a date that is not `ok` is reported (docs/errors.md): its code (E110 malformed, E111
// impossible, E112 empty, E116 a time of day) and the message after the column's name.
struct DateProblem {
    const char* code;
    std::string message;
};
DateProblem date_problem(DateParse result, std::string_view text);

// Whole years from `birth` to `on` (a 29 February birthday falls on 28 February otherwise).
int age_in_years(Date birth, Date on);

// England and Wales bank holidays and working days.
bool is_bank_holiday(Date date);
bool is_working_day(Date date);
// The n-th working day after `start` (start itself is not counted).
Date add_working_days(Date start, int n);
// Working days after `from` up to and including `to` (0 when to <= from).
int working_days_between(Date from, Date to);

// A financial-year quarter: Q1 April-June ... Q4 January-March.
struct Quarter {
    int fy_start = 0;  // 2023 for 2023-24
    int q = 1;         // 1..4

    static Quarter containing(Date date);
    // "2023-24 Q3"; returns nullopt when the text is not of that form.
    static std::optional<Quarter> parse(std::string_view text);

    Date start() const;
    Date end() const;
    Quarter next() const;
    Quarter previous() const;
    Quarter minus(int quarters) const;
    std::string label() const;  // 2023-24 Q3
    std::string slug() const;   // 2023-24-q3

    auto operator<=>(const Quarter&) const = default;
};

// A financial year's label: 2023 -> "2023-24".
std::string financial_year_label(int fy_start);

// "January" ... "December" for 1 ... 12.
std::string_view month_name(int month);

// A calendar month.
struct YearMonth {
    int year = 0;
    int month = 1;  // 1..12

    static YearMonth containing(Date date) { return {date.year(), date.month()}; }
    Date start() const { return Date::from_ymd(year, month, 1); }
    Date end() const { return YearMonth{month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1}.start().plus_days(-1); }
    YearMonth next() const { return month == 12 ? YearMonth{year + 1, 1} : YearMonth{year, month + 1}; }
    std::string label() const;  // "April 2024"

    auto operator<=>(const YearMonth&) const = default;
};

}  // namespace careboard
