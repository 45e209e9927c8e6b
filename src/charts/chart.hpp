#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

enum class ChartKind {
    line,          // one or more series as lines (totals, rates, percentages)
    stacked_bar,   // a mix: categories stacked per quarter, bars start at zero
    strip,         // a dot chart: a row per year or category, every local authority's figure as a
                   // small dot (`field`) and each plotted series as a larger mark, to show rank
};

// Where a series' figures are of, as its CSV rows name it (docs/data-files.md): a geographic
// level as the DfE names it ("Local authority", "Regional", "National"), or "Statistical
// neighbours" for their average. Empty: the site's own authority.
struct ChartArea {
    std::string level, code, name;
    bool empty() const { return level.empty() && code.empty() && name.empty(); }
};

// A row of a chart other than a quarter, as its CSV rows name it: a financial year ("2023-24"),
// with the dates it runs from and to (for a count at a date, the CSV gives the end date as both).
struct ChartPeriod {
    std::string label;
    std::optional<Date> start = std::nullopt, end = std::nullopt;
};

struct ChartSeries {
    std::string category;  // measure category (code or band)
    std::string label;     // words for readers
    std::vector<std::optional<double>> values;  // one per quarter
    std::vector<char> symbols = {};             // why a value is missing ('c', 'x' ...); may be empty
    // Places shown in tables and CSVs when they differ from the chart's (a published whole number
    // beside an average with a decimal); none: the chart's.
    std::optional<int> decimals = std::nullopt;
    bool plain = false;  // a rank or a count: a plain number, even in a chart of percentages
    std::string measure = {};  // the measure its figures are of; empty: the chart's (`Chart::measures`)
    ChartArea area = {};       // where they are of; empty: the site's authority

    char symbol(std::size_t quarter) const { return quarter < symbols.size() ? symbols[quarter] : 0; }
};

// A threshold drawn on a chart: a dashed rule at `from` (no `to`), or a shaded band from `from`
// to `to`, labelled in words.
struct ChartReference {
    double from = 0;
    std::optional<double> to;
    std::string label;  // "Target: 95%", "IRO Handbook range: 50 to 70"
};

// One chart with everything needed to draw it, table it and describe it.
struct Chart {
    std::string id;        // file-name safe, unique in the site
    std::string title;     // the chart's main message, a sentence generated from its figures
    std::string name;      // what the chart shows, in a few words (contents, captions, downloads)
    std::string subtitle;  // measure, place and period
    std::string description;  // text alternative: one or two sentences from the figures
    std::string y_title;
    std::string unit_words;   // "children", "reviews" (for sentences)
    ChartKind kind = ChartKind::line;
    bool percent = false;
    int display_decimals = 0;
    std::vector<std::string> measures;  // measure keys the chart shows
    std::vector<Quarter> quarters;
    std::vector<ChartSeries> series;    // every category: the table and the CSV
    std::vector<ChartSeries> plotted;   // what the chart draws (at most six series)
    std::vector<ChartReference> references;  // targets and guideline bands
    // Rows other than quarters: years ("2023-24") or categories. When set they label the table's
    // rows and the chart's axis, `quarters` is empty, and each series has one value per row.
    std::vector<std::string> row_labels;
    std::string row_title = "Quarter";  // what the rows are: the table's first heading
    // For the CSV, when `row_labels` are set: each row's period, or (rows of categories) one
    // period for them all with each row's category code in `row_categories`.
    std::vector<ChartPeriod> row_periods;
    std::vector<std::string> row_categories;
    // Rows of different measures (a profile of figures): each row's measure key, for the CSV.
    std::vector<std::string> row_measures;
    // strip charts: every local authority's figure in each row, drawn behind the series.
    std::vector<std::vector<double>> field;
    std::string field_label;  // its legend entry: "Every local authority"
    std::string source;       // the source line, when not the site's own (published statistics)
};

// What kind of chart it is, in words, for its text alternative and caption: "Line chart",
// "Stacked bar chart", "Dot chart".
const char* chart_kind_words(ChartKind kind);

// The chart's rows (its quarters, or its row labels) and their labels, for tables and CSVs.
std::size_t chart_row_count(const Chart& chart);
std::string chart_row_label(const Chart& chart, std::size_t row);

// The lines and bands drawn on a line chart of `measure`: its configured target, and its
// catalogue guideline (the IRO Handbook's) where it has one.
struct Target;  // config/config.hpp
std::vector<ChartReference> chart_references(const std::string& measure, const std::vector<Target>& targets,
                                             bool percent);

// The Analysis Function categorical palette (presentation.md), in order.
const std::vector<std::string>& chart_palette();

// The value axis of a line chart: from zero, or for a percentage with a target or guideline,
// from the tens below its lowest figure (less five) when every figure is 60% or more, so that the
// target line does not sit on the series (presentation.md); to 100%, or for other units a round
// number at or above every figure and reference.
struct ValueScale {
    double from = 0, to = 1;
    bool cropped = false;  // it does not start at zero
};
ValueScale value_scale(const Chart& chart);

// "The vertical axis starts at 80%, not zero." for a line chart whose axis is cropped; else empty.
std::string axis_note(const Chart& chart);

// The configuration every chart shares: Arial, dark text, and no ARIA of Vega's own (careboard.js
// makes each chart one image named by its description).
nlohmann::ordered_json chart_config();

// A Vega-Lite v6 spec with inline data, fixed size, SVG-friendly and deterministic key order.
nlohmann::ordered_json vega_lite_spec(const Chart& chart);

// The chart's figures as a tidy CSV (docs/data-files.md): a row per figure, for each row of the
// chart (a quarter, a year, a category) and each series, in that order, with its period, area,
// measure, category, series, value and symbol. `home` is the site's authority, for series of no
// other area.
std::string chart_csv(const Chart& chart, const ChartArea& home);

// The places a series' figures are written with in CSVs and spreadsheets: its own, else its
// measure's full precision; never fewer than the table beside the chart shows.
int series_places(const Chart& chart, std::size_t series);

// The header chart_csv writes.
extern const char* const kChartCsvHeader;

// Sets a guide's (an axis's, a legend's, a facet header's) labelExpr so that its labels longer
// than `width` characters are drawn on lines of words; leaves it alone when every label fits.
void wrap_guide_labels(nlohmann::ordered_json& guide, const std::vector<std::string>& labels, std::size_t width);

// JSON text safe to place inside <script type="application/json">: '<', '>' and '&' escaped.
std::string json_for_html(const nlohmann::ordered_json& value);

// Display form of a value for tables and words ("1,234", "48%"), or its symbol ('c'; 'x' when
// a value is missing for no stated reason).
std::string display_value(const Chart& chart, const std::optional<double>& value, char symbol = 0);
// The same for a series' value in a quarter.
std::string display_value(const Chart& chart, const ChartSeries& series, std::size_t quarter);

// At most `limit` series: the largest by their latest value, the rest summed into "Other".
std::vector<ChartSeries> top_series(const std::vector<ChartSeries>& series, std::size_t limit);

}  // namespace careboard
