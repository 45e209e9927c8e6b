#pragma once
#include <string>

#include <mustache.hpp>

#include "charts/chart.hpp"

namespace careboard {

// A chart's view for the templates (site-templates/trend.mustache, report.mustache): its
// headings, description, Vega-Lite spec as JSON safe in HTML, and its data table (a row per
// quarter, year or category: `quarter` is the row's label, `cells` each series' figure).
kainjow::mustache::data chart_view(const Chart& chart, const std::string& source);

}  // namespace careboard
