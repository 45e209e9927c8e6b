#include "core/date.hpp"

#include <array>
#include <charconv>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace careboard {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int days_from_civil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Ymd {
    int y, m, d;
};

Ymd civil_from_days(int z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = yoe + era * 400;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    return {m <= 2 ? y + 1 : y, m, d};
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : lengths[static_cast<std::size_t>(m - 1)];
}

bool parse_int(std::string_view text, int& out) {
    if (text.empty()) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    auto result = std::from_chars(text.data(), text.data() + text.size(), out);
    return result.ec == std::errc{};
}

Date easter_sunday(int y) {
    // Anonymous Gregorian algorithm.
    const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return Date::from_ymd(y, month, day);
}

Date first_monday(int y, int m) {
    Date d = Date::from_ymd(y, m, 1);
    return d.plus_days((7 - d.weekday()) % 7);
}

Date last_monday(int y, int m) {
    Date d = Date::from_ymd(y, m, days_in_month(y, m));
    return d.plus_days(-d.weekday());
}

}  // namespace

Date Date::from_ymd(int year, int month, int day) { return Date{days_from_civil(year, month, day)}; }
int Date::year() const { return civil_from_days(days).y; }
int Date::month() const { return civil_from_days(days).m; }
int Date::day() const { return civil_from_days(days).d; }
int Date::weekday() const {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const int w = (days + 3) % 7;
    return w < 0 ? w + 7 : w;
}

std::string Date::iso() const {
    const Ymd c = civil_from_days(days);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", c.y, c.m, c.d);
    return buffer;
}

std::string_view month_name(int month) {
    static constexpr std::array<const char*, 12> names{"January", "February", "March", "April",
        "May", "June", "July", "August", "September", "October", "November", "December"};
    return names[static_cast<std::size_t>(((month - 1) % 12 + 12) % 12)];
}

std::string Date::long_text() const {
    const Ymd c = civil_from_days(days);
    return std::to_string(c.d) + ' ' + std::string(month_name(c.m)) + ' ' + std::to_string(c.y);
}

Date Date::plus_months(int n) const {
    const Ymd c = civil_from_days(days);
    const int months = c.y * 12 + (c.m - 1) + n;
    const int y = months >= 0 ? months / 12 : -((-months + 11) / 12);  // floor, before year 0 too
    const int m = months - y * 12 + 1;
    return from_ymd(y, m, std::min(c.d, days_in_month(y, m)));
}

bool is_valid_ymd(int year, int month, int day) {
    return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

namespace {

// A time of day after a date, as spreadsheets write dates ("00:00", "00:00:00", "00:00:00.000",
// after a space or a "T"): kTimeZero when every digit is 0, kTimeSet when it is a real time,
// kTimeNone when `rest` is not a time at all.
enum TimeOfDay { kTimeNone, kTimeZero, kTimeSet };
TimeOfDay time_of_day(std::string_view rest) {
    if (rest.size() < 2 || (rest[0] != ' ' && rest[0] != 'T')) return kTimeNone;
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    // hh:mm, hh:mm:ss or hh:mm:ss.fff (hours may be one digit, as Excel writes them)
    std::size_t i = 0;
    bool zero = true;
    auto digits = [&](std::size_t min, std::size_t max) {
        std::size_t n = 0;
        for (; i < rest.size() && n < max && rest[i] >= '0' && rest[i] <= '9'; ++i, ++n)
            if (rest[i] != '0') zero = false;
        return n >= min;
    };
    if (!digits(1, 2) || i >= rest.size() || rest[i++] != ':' || !digits(2, 2)) return kTimeNone;
    if (i < rest.size() && rest[i] == ':') {
        ++i;
        if (!digits(2, 2)) return kTimeNone;
        if (i < rest.size() && rest[i] == '.') {
            ++i;
            if (!digits(1, 9)) return kTimeNone;
        }
    }
    if (i != rest.size()) return kTimeNone;
    return zero ? kTimeZero : kTimeSet;
}

}  // namespace

DateParse parse_date(std::string_view text, Date& out) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty()) return DateParse::empty;
    int y = 0, m = 0, d = 0;
    std::size_t end = 0;  // where the date ends and any time of day starts
    if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
        if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), m) ||
            !parse_int(text.substr(8, 2), d))
            return DateParse::malformed;
        end = 10;
    } else {
        // d/m/yyyy, each of day and month one or two digits
        const std::size_t first = text.find('/');
        const std::size_t second = first == std::string_view::npos ? first : text.find('/', first + 1);
        if (first == std::string_view::npos || second == std::string_view::npos || first < 1 || first > 2 ||
            second - first - 1 < 1 || second - first - 1 > 2 || text.size() < second + 5)
            return DateParse::malformed;
        if (!parse_int(text.substr(0, first), d) || !parse_int(text.substr(first + 1, second - first - 1), m) ||
            !parse_int(text.substr(second + 1, 4), y))
            return DateParse::malformed;
        end = second + 5;
    }
    if (end != text.size()) {
        switch (time_of_day(text.substr(end))) {
        case kTimeNone: return DateParse::malformed;
        case kTimeSet: return DateParse::with_time;
        case kTimeZero: break;
        }
    }
    if (!is_valid_ymd(y, m, d)) return DateParse::impossible;
    out = Date::from_ymd(y, m, d);
    return DateParse::ok;
}

DateProblem date_problem(DateParse result, std::string_view text) {
    const std::string shown(text);
    switch (result) {
    case DateParse::empty: return {"E112", "is empty; expected a date as dd/mm/yyyy or yyyy-mm-dd"};
    case DateParse::impossible: return {"E111", "'" + shown + "' is not a date that exists"};
    case DateParse::with_time:
        return {"E116", "'" + shown + "' has a time of day; expected a date alone as dd/mm/yyyy or yyyy-mm-dd "
                        "(a time of 00:00 is read as the date)"};
    case DateParse::ok:
    case DateParse::malformed: break;
    }
    return {"E110", "expected a date as dd/mm/yyyy or yyyy-mm-dd, found '" + shown + "'"};
}

int age_in_years(Date birth, Date on) {
    const Ymd b = civil_from_days(birth.days);
    const Ymd o = civil_from_days(on.days);
    int age = o.y - b.y;
    int birthday_day = b.d;
    if (b.m == 2 && b.d == 29 && !is_leap(o.y)) birthday_day = 28;
    if (o.m < b.m || (o.m == b.m && o.d < birthday_day)) --age;
    return age;
}

namespace {
bool compute_is_bank_holiday(Date date);
}  // namespace

namespace {

// Each year's bank holidays (day numbers), worked out once: working-day arithmetic asks about
// the same few years again and again. careboard counts on one thread; the cache is per thread.
const std::vector<int>& holiday_days(int y) {
    constexpr int first_year = 1900, last_year = 2200;
    thread_local std::vector<std::vector<int>> holidays(static_cast<std::size_t>(last_year - first_year + 3));
    thread_local std::vector<bool> known(static_cast<std::size_t>(last_year - first_year + 3), false);
    const std::size_t index = y < first_year ? 0 : y > last_year ? holidays.size() - 1 : static_cast<std::size_t>(y - first_year + 1);
    if (!known[index]) {
        if (y >= first_year && y <= last_year)
            for (Date d = Date::from_ymd(y, 1, 1); d <= Date::from_ymd(y, 12, 31); d = d.plus_days(1))
                if (compute_is_bank_holiday(d)) holidays[index].push_back(d.days);
        known[index] = true;
    }
    return holidays[index];
}

}  // namespace

bool is_bank_holiday(Date date) {
    const int y = date.year();
    if (y < 1900 || y > 2200) return compute_is_bank_holiday(date);
    const std::vector<int>& days = holiday_days(y);
    return std::find(days.begin(), days.end(), date.days) != days.end();
}

namespace {
bool compute_is_bank_holiday(Date date) {
    const Ymd c = civil_from_days(date.days);
    const int y = c.y;

    // One-off days proclaimed for single years.
    static constexpr std::array<std::array<int, 3>, 7> one_off{{{1999, 12, 31}, {2002, 6, 3},
        {2011, 4, 29}, {2012, 6, 5}, {2022, 6, 3}, {2022, 9, 19}, {2023, 5, 8}}};
    for (const auto& o : one_off)
        if (o[0] == y && o[1] == c.m && o[2] == c.d) return true;

    // New Year's Day, moved to the Monday when it falls at a weekend.
    if (c.m == 1) {
        Date ny = Date::from_ymd(y, 1, 1);
        const int nw = ny.weekday();
        if (nw == 5) ny = ny.plus_days(2);
        if (nw == 6) ny = ny.plus_days(1);
        if (date == ny) return true;
    }
    const Date easter = easter_sunday(y);
    if (date == easter.plus_days(-2) || date == easter.plus_days(1)) return true;

    if (c.m == 5) {
        Date early = first_monday(y, 5);
        if (y == 1995 || y == 2020) early = Date::from_ymd(y, 5, 8);
        if (date == early) return true;
    }
    Date spring = last_monday(y, 5);
    if (y == 2002) spring = Date::from_ymd(2002, 6, 4);
    if (y == 2012) spring = Date::from_ymd(2012, 6, 4);
    if (y == 2022) spring = Date::from_ymd(2022, 6, 2);
    if (date == spring) return true;
    if (date == last_monday(y, 8)) return true;

    if (c.m == 12 && c.d >= 25 && c.d <= 28) {
        // Christmas Day and Boxing Day, with substitute weekdays when they fall at a weekend.
        const Date christmas = Date::from_ymd(y, 12, 25);
        const int cw = christmas.weekday();
        Date first = christmas, second = christmas.plus_days(1);
        if (cw == 4) second = christmas.plus_days(3);                                  // Fri: Mon 28
        if (cw == 5) { first = christmas.plus_days(2); second = christmas.plus_days(3); }  // Sat
        if (cw == 6) { first = christmas.plus_days(1); second = christmas.plus_days(2); }  // Sun
        if (date == first || date == second) return true;
    }
    return false;
}
}  // namespace

bool is_working_day(Date date) { return date.weekday() < 5 && !is_bank_holiday(date); }

Date add_working_days(Date start, int n) {
    Date d = start;
    while (n > 0) {
        d = d.plus_days(1);
        if (is_working_day(d)) --n;
    }
    return d;
}

int working_days_between(Date from, Date to) {
    if (to <= from) return 0;
    // Weekdays in (from, to]: whole weeks at five each, then the remaining days one by one;
    // then the bank holidays in that span that fall on weekdays. Escalation timings ask this for
    // every escalation and quarter, so it must not walk day by day.
    const int span = to.days - from.days;
    int weekdays = span / 7 * 5;
    for (int d = from.days + span / 7 * 7 + 1; d <= to.days; ++d)
        if (Date{d}.weekday() < 5) ++weekdays;
    int holidays = 0;
    for (int y = from.year(); y <= to.year(); ++y) {
        if (y < 1900 || y > 2200) {
            for (Date d = std::max(from.plus_days(1), Date::from_ymd(y, 1, 1)); d <= to && d.year() == y; d = d.plus_days(1))
                if (d.weekday() < 5 && compute_is_bank_holiday(d)) ++holidays;
            continue;
        }
        for (int h : holiday_days(y))
            if (h > from.days && h <= to.days && Date{h}.weekday() < 5) ++holidays;
    }
    return weekdays - holidays;
}

Quarter Quarter::containing(Date date) {
    const int y = date.year(), m = date.month();
    if (m >= 4) return {y, (m - 4) / 3 + 1};
    return {y - 1, 4};
}

std::optional<Quarter> Quarter::parse(std::string_view text) {
    // "2023-24 Q3"
    if (text.size() != 10 || text[4] != '-' || text[7] != ' ' || (text[8] != 'Q' && text[8] != 'q'))
        return std::nullopt;
    int y = 0, yy = 0, q = 0;
    if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), yy) ||
        !parse_int(text.substr(9, 1), q))
        return std::nullopt;
    if ((y + 1) % 100 != yy || q < 1 || q > 4) return std::nullopt;
    if (!is_valid_ymd(y, 4, 1) || !is_valid_ymd(y + 1, 3, 31)) return std::nullopt;  // 1900 to 2200
    return Quarter{y, q};
}

Date Quarter::start() const {
    if (q == 4) return Date::from_ymd(fy_start + 1, 1, 1);
    return Date::from_ymd(fy_start, 4 + (q - 1) * 3, 1);
}

Date Quarter::end() const { return next().start().plus_days(-1); }
Quarter Quarter::next() const { return q == 4 ? Quarter{fy_start + 1, 1} : Quarter{fy_start, q + 1}; }
Quarter Quarter::previous() const { return q == 1 ? Quarter{fy_start - 1, 4} : Quarter{fy_start, q - 1}; }
Quarter Quarter::minus(int quarters) const {
    const int index = fy_start * 4 + (q - 1) - quarters;
    const int year = index >= 0 ? index / 4 : -((-index + 3) / 4);  // floor, before year 0 too
    return {year, index - year * 4 + 1};
}

std::string Quarter::label() const {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d Q%d", fy_start, (fy_start + 1) % 100, q);
    return buffer;
}

std::string Quarter::slug() const {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-q%d", fy_start, (fy_start + 1) % 100, q);
    return buffer;
}

}  // namespace careboard

namespace careboard {

std::string YearMonth::label() const { return std::string(month_name(month)) + " " + std::to_string(year); }

std::string financial_year_label(int fy_start) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", fy_start, (fy_start + 1) % 100);
    return buffer;
}

}  // namespace careboard
