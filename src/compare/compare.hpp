#pragma once
#include <optional>
#include <string>
#include <vector>

#include "measures/measure_set.hpp"

namespace careboard {

// One figure (a measure's category) at two quarters, and how it moved.
struct FigureChange {
    std::string measure;   // key
    std::string category;
    std::string measure_label;   // "Children looked after by legal status"
    std::string category_label;  // "C2 Full care order"
    std::optional<double> a, b;  // empty when missing or suppressed
    char symbol_a = 0, symbol_b = 0;
    int decimals = 0;
    bool percent = false;             // a percentage measure: changes are in points
    std::optional<double> change;     // b - a
    std::optional<double> percent_change;  // of a, for counts with a > 0
    std::string direction;            // "up", "down", "no change", "new", "gone", "not comparable"
    bool appeared = false;            // 0 or absent at A, above 0 at B
    bool vanished = false;            // above 0 at A, 0 or absent at B
    bool headline = false;            // one of the headline measures' totals
};

// A count's move is ranked among the biggest only from a base of this many at the first
// quarter: 1 to 3 is +200% and says nothing.
constexpr double kSmallestRankedBase = 20;

// Every measure and category of the set at quarters qa and qb (indexes into set.quarters), what
// matters first: the `headline` measures' totals in that order; then the biggest movers, by the
// size of the move (percent change for counts of at least kSmallestRankedBase at qa, points for
// percentages); then the rest (small bases, categories that appeared or vanished, figures not
// compared) in measure order.
std::vector<FigureChange> compare_quarters(const MeasureSet& set, std::size_t qa, std::size_t qb,
                                           const std::vector<std::string>& headline = {});

bool is_percentage_measure(const std::string& key);

// "up 12 (3%)", "down 2 percentage points", "no change": how a figure moved, in words.
std::string change_in_words(const FigureChange& change);

// The same for two figures, compared as displayed (whole percentages for a percentage, else
// `decimals` places): "up 12 (3%)", "down 0.4 (under 1%)", "down 2 percentage points",
// "no change". Empty when either figure is missing.
std::string describe_change(std::optional<double> now, std::optional<double> before, bool percent, int decimals);

// A measure's cell as shown in tables: "1,234", "48%", or its symbol ('x' when simply missing).
std::string display_figure(const Measure& measure, std::size_t category, std::size_t quarter);

// A measure's label inside a sentence: "Reviews held in timescale" (the "(%)" of a table heading
// is said by the figure).
std::string sentence_label(const std::string& key);

}  // namespace careboard
