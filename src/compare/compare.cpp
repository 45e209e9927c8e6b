#include "compare/compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "charts/catalogue.hpp"
#include "core/format.hpp"

namespace careboard {

bool is_percentage_measure(const std::string& key) { return measure_def(key).is_percent(); }


std::string describe_change(std::optional<double> now, std::optional<double> before, bool percent, int decimals) {
    if (!now || !before) return "";
    const int places = percent ? 0 : decimals;
    const double a = round_half_away(*before, places), b = round_half_away(*now, places);
    const double diff = b - a;
    if (diff == 0) return "no change";
    const std::string dir = diff > 0 ? "up " : "down ";
    const double size = std::fabs(diff);
    if (percent) return dir + format_number(size, 0) + (size == 1 ? " percentage point" : " percentage points");
    std::string out = dir + format_number(size, places);
    if (a > 0) {
        const double relative = size / a * 100.0;
        out += round_half_away(relative, 0) == 0 ? " (under 1%)" : " (" + format_percent(relative) + ")";
    }
    return out;
}

std::string change_in_words(const FigureChange& c) {
    if (c.symbol_a == 'c' || c.symbol_b == 'c') return "not compared: a figure is withheld (c)";
    if (!c.a || !c.b) return "not comparable";
    return describe_change(c.b, c.a, c.percent, c.decimals);
}

std::string display_figure(const Measure& m, std::size_t c, std::size_t q) {
    if (const char s = m.symbol(c, q)) return std::string(1, s);
    const auto& v = m.values[c][q];
    if (!v) return "x";
    return display_figure(measure_def(m.key), *v);
}

std::string sentence_label(const std::string& key) {
    std::string label = measure_label(key);
    if (label.ends_with(" (%)")) label.resize(label.size() - 4);
    return label;
}

std::vector<FigureChange> compare_quarters(const MeasureSet& set, std::size_t qa, std::size_t qb,
                                           const std::vector<std::string>& headline) {
    std::vector<FigureChange> out;
    for (const Measure& m : set.measures) {
        for (std::size_t c = 0; c < m.categories.size(); ++c) {
            FigureChange f;
            f.measure = m.key;
            f.category = m.categories[c];
            f.measure_label = measure_label(m.key);
            f.category_label = category_label(m.key, m.categories[c]);
            f.decimals = m.decimals;
            f.percent = is_percentage_measure(m.key);
            f.symbol_a = m.symbol(c, qa);
            f.symbol_b = m.symbol(c, qb);
            if (!f.symbol_a) f.a = m.values[c][qa];
            if (!f.symbol_b) f.b = m.values[c][qb];
            // Compared as displayed, so words never contradict the figures beside them.
            const int shown_decimals = f.percent ? 0 : m.decimals;
            if (f.a && f.b) {
                const double a = round_half_away(*f.a, shown_decimals), b = round_half_away(*f.b, shown_decimals);
                const double change = b - a;
                f.change = change;
                if (!f.percent && a > 0) f.percent_change = change / a * 100.0;
                f.direction = change > 0 ? "up" : change < 0 ? "down" : "no change";
                const bool breakdown = m.categories[c] != "Total" && !f.percent;
                f.appeared = breakdown && a == 0 && b > 0;
                f.vanished = breakdown && a > 0 && b == 0;
            } else {
                f.direction = "not comparable";
            }
            out.push_back(std::move(f));
        }
    }
    auto headline_rank = [&](const FigureChange& f) -> std::size_t {
        if (f.category != "Total") return headline.size();
        return static_cast<std::size_t>(std::find(headline.begin(), headline.end(), f.measure) - headline.begin());
    };
    for (FigureChange& f : out) f.headline = headline_rank(f) < headline.size();
    // The size of a move worth ranking; negative for one that is not (a small base, a category
    // that appeared or vanished, a figure not compared).
    auto size_of_move = [](const FigureChange& f) -> double {
        if (!f.change || f.appeared || f.vanished) return -1;
        if (f.percent) return std::fabs(*f.change);
        if (f.percent_change && f.a && *f.a >= kSmallestRankedBase) return std::fabs(*f.percent_change);
        return -1;
    };
    std::stable_sort(out.begin(), out.end(), [&](const FigureChange& x, const FigureChange& y) {
        const std::size_t hx = headline_rank(x), hy = headline_rank(y);
        if (hx != hy) return hx < hy;
        if (x.headline) return false;
        return size_of_move(x) > size_of_move(y);
    });
    return out;
}

}  // namespace careboard
