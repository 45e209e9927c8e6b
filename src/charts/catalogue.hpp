#pragma once
#include <optional>
#include <string>
#include <vector>

#include "charts/chart.hpp"
#include "config/config.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

// A trend page and its charts, built from the measure set.
// A table that is not one chart's figures, such as themes counted by year.
struct PageTable {
    std::string id;
    std::string heading;
    std::string caption;
    std::string note;
    std::vector<std::string> columns;               // after the first, the row headers' column
    std::string row_header;                         // the first column's heading
    std::vector<std::vector<std::string>> rows;     // first cell: the row's header
    // Long row headings (measure names): they wrap, and on a phone each row is a block with a
    // line per cell naming its column (.cb-table--reflow).
    bool reflow = false;
    std::vector<std::string> row_hrefs;  // a link for each row's header; empty: none
    std::vector<std::pair<std::string, std::string>> links;  // (href, words) above the table
};

struct TrendPage {
    std::string slug;   // file name without .html
    std::string title;  // the page's h1 and nav label
    std::string intro;
    std::vector<Chart> charts;
    std::vector<PageTable> tables = {};  // after the charts
};

// Each theme's escalations by financial year across the window (full years only) and the change
// from the year before. A year that includes a suppressed quarter is suppressed too (it would
// give that quarter back). Empty when the set has no themes or no full year.
std::optional<PageTable> themes_by_year(const MeasureSet& set);

struct ChartContext {
    std::string authority_name;
    std::vector<Target> targets;  // drawn on the charts of their measures
};

// The trend pages in navigation order: care population, legal status, placements, reviews.
// A chart whose measures are absent (for example a rate without a population) is left out.
std::vector<TrendPage> build_trend_pages(const MeasureSet& set, const ChartContext& context);

}  // namespace careboard
