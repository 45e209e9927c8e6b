#include "narrative/headline.hpp"

#include <array>
#include <cmath>

#include "core/format.hpp"

namespace careboard {
namespace {

std::string shown(const SeriesInput& s, double v) {
    switch (s.kind) {
    case FigureKind::percent: return format_percent(v, s.decimals);
    case FigureKind::rate:
    case FigureKind::count: return format_number(v, s.decimals);
    }
    return format_number(v, s.decimals);
}

bool suppressed(const SeriesInput& s, std::size_t q) { return q < s.symbols.size() && s.symbols[q] == 'c'; }

// The value as displayed, or nothing when missing or suppressed.
std::optional<double> displayed(const SeriesInput& s, std::size_t q) {
    if (q >= s.values.size() || !s.values[q] || suppressed(s, q)) return std::nullopt;
    return round_half_away(*s.values[q], s.decimals);
}

}  // namespace

std::string ordinal_word(int n) {
    static constexpr std::array<const char*, 13> words{"", "first", "second", "third", "fourth", "fifth", "sixth",
                                                       "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"};
    if (n >= 1 && n <= 12) return words[static_cast<std::size_t>(n)];
    return std::to_string(n) + "th";
}

std::string span_words(std::size_t quarters) {
    static constexpr std::array<const char*, 11> numbers{"", "one", "two", "three", "four", "five", "six", "seven",
                                                         "eight", "nine", "ten"};
    if (quarters % 4 == 0 && quarters / 4 >= 2 && quarters / 4 <= 10) return std::string(numbers[quarters / 4]) + " years";
    if (quarters == 4) return "a year";
    if (quarters == 6) return "18 months";
    if (quarters <= 10) return std::string(numbers[quarters]) + " quarters";
    return std::to_string(quarters) + " quarters";
}

std::string headline(const SeriesInput& s) {
    const std::size_t n = s.quarters.size();
    if (n == 0) return s.subject;
    const std::size_t last = n - 1;
    const std::string latest_label = s.quarters[last].label();
    const std::optional<double> now = displayed(s, last);
    if (!now) {
        if (suppressed(s, last)) return s.subject + ": the latest figure is not shown, to protect confidentiality";
        return s.subject + ": no figure for " + latest_label;
    }
    std::string value = shown(s, *now);
    std::string careful;
    if (s.kind == FigureKind::percent && s.latest_base && *s.latest_base < 30)
        careful = " of only " + format_number(*s.latest_base) + " (a small number, so the percentage moves easily)";

    const std::optional<double> before = last > 0 ? displayed(s, last - 1) : std::nullopt;
    if (!before) return s.subject + " stood at " + value + careful + " in " + latest_label;
    if (*now == *before) return "No change in " + lower_first(s.subject) + " (" + value + careful + ")";

    const bool rose = *now > *before;
    // Highest or lowest of every figure shown in the window, strictly.
    bool record = n >= 4;
    std::size_t compared = 0;
    for (std::size_t q = 0; q < last; ++q) {
        const std::optional<double> v = displayed(s, q);
        if (!v) continue;
        ++compared;
        if (rose ? *v >= *now : *v <= *now) record = false;
    }
    if (compared + 1 < n) record = false;  // a gap in the figures: no claim about the whole span
    if (record)
        return s.subject + (rose ? " rose to the highest in " : " fell to the lowest in ") + span_words(n) + " (" + value +
               careful + ")";

    // Consecutive moves the same way, ending now; a missing quarter ends the streak.
    int streak = 1;
    for (std::size_t q = last - 1; q >= 1; --q) {
        const std::optional<double> a = displayed(s, q - 1), b = displayed(s, q);
        if (!a || !b || (rose ? !(*b > *a) : !(*b < *a))) break;
        ++streak;
    }
    if (streak >= 2)
        return s.subject + (rose ? " rose" : " fell") + " for the " + ordinal_word(streak) + " quarter in a row, to " +
               value + careful;
    return s.subject + (rose ? " rose to " : " fell to ") + value + careful + ", from " + shown(s, *before) + " in " +
           s.quarters[last - 1].label();
}

std::string share_headline(const ShareInput& input) {
    SeriesInput s;
    s.subject = input.category;
    s.quarters = input.quarters;
    s.values = input.shares;
    s.kind = FigureKind::percent;
    const std::size_t n = input.quarters.size();
    if (n == 0) return input.category;
    const std::optional<double> now = displayed(s, n - 1);
    if (!now) return input.category + ": share of " + input.of_what;
    const std::string value = format_percent(*now);
    const std::optional<double> before = n > 1 ? displayed(s, n - 2) : std::nullopt;
    if (!before) return input.category + ": " + value + " of " + input.of_what;
    if (*now == *before) return input.category + ": " + value + " of " + input.of_what + ", no change";
    const bool rose = *now > *before;
    bool record = n >= 4;
    for (std::size_t q = 0; q + 1 < n; ++q) {
        const std::optional<double> v = displayed(s, q);
        if (!v || (rose ? *v >= *now : *v <= *now)) record = false;
    }
    if (record)
        return input.category + (rose ? ": the highest share in " : ": the lowest share in ") + span_words(n) + " (" +
               value + " of " + input.of_what + ")";
    return input.category + ": " + value + " of " + input.of_what + (rose ? ", up from " : ", down from ") +
           format_percent(*before);
}

}  // namespace careboard
