#pragma once
#include <string>
#include <vector>

#include "charts/chart.hpp"
#include "config/config.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

// A trend page and its charts, built from the measure set.
struct TrendPage {
    std::string slug;   // file name without .html
    std::string title;  // the page's h1 and nav label
    std::string intro;
    std::vector<Chart> charts;
};

struct ChartContext {
    std::string authority_name;
    std::vector<Target> targets;  // drawn on the charts of their measures
};

// The trend pages in navigation order: care population, legal status, placements, reviews.
// A chart whose measures are absent (for example a rate without a population) is left out.
std::vector<TrendPage> build_trend_pages(const MeasureSet& set, const ChartContext& context);

// Words for a measure's category ("C2" -> "C2 Full care order", "10_to_15" -> "10 to 15").
std::string category_label(const std::string& measure, const std::string& category);

}  // namespace careboard
