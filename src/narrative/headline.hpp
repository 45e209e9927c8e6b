#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace careboard {

// Sentences from numbers (docs/narrative.md): fixed templates, chosen by tested rules, that never
// say more than the figures support. Values are compared as they are displayed (rounded), so a
// sentence never contradicts the table beside it; suppressed values are never narrated.

enum class FigureKind { count, percent, rate };

struct SeriesInput {
    std::string subject;  // sentence start, plural or mass noun: "Children in care"
    std::vector<Quarter> quarters;
    std::vector<std::optional<double>> values;  // one per quarter; empty = missing
    std::vector<char> symbols;                  // 'c' where suppressed (may be empty)
    FigureKind kind = FigureKind::count;
    int decimals = 0;                           // as displayed
    // For percentages: the number of cases the latest percentage is of, when known, so that a
    // percentage of a small base is worded carefully.
    std::optional<double> latest_base;
};

// The main message of a series' latest quarter, as a title sentence, e.g.
//   "Children in care rose for the third quarter in a row, to 512"
//   "Reviews held in timescale fell to their lowest in three years (88%)"
//   "No change in reviews held in timescale (96%)"
// Falls back to a neutral sentence when the latest figure is missing or suppressed.
std::string headline(const SeriesInput& series);

// One category's share of a breakdown, for mixes, e.g.
//   "V2 Section 20: the lowest share in three years (14% of children in care)"
//   "Children's home: 12% of children in care, up from 11%".
struct ShareInput {
    std::string category;  // "Section 20"
    std::string of_what;   // "children in care"
    std::vector<Quarter> quarters;
    std::vector<std::optional<double>> shares;  // percentages, per quarter
};
std::string share_headline(const ShareInput& input);

// "second", "third" ... "twelfth", then "13th".
std::string ordinal_word(int n);
// "three years" for 12 quarters, "18 months" for 6, "four quarters" for 4 ...
std::string span_words(std::size_t quarters);

}  // namespace careboard
