// Chart specs, chart CSVs and series selection (charts/chart.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "charts/chart.hpp"

namespace careboard {
namespace {

using Values = std::vector<std::optional<double>>;
using json = nlohmann::ordered_json;

Chart line_chart() {
    Chart c;
    c.id = "looked-after";
    c.title = "Children looked after";
    c.description = "Line chart. Children looked after: 10 in 2023-24 Q4 and 12 in 2024-25 Q2.";
    c.y_title = "Children";
    c.kind = ChartKind::line;
    c.quarters = {Quarter{2023, 4}, Quarter{2024, 1}, Quarter{2024, 2}};
    c.series = {{"Total", "Looked after", {10.0, std::nullopt, 12.3456}}};
    c.plotted = c.series;
    return c;
}

TEST(VegaLiteSpec, IsAsWideAsItsContainerWithAFixedHeightAndTheTextAlternative) {
    const json spec = vega_lite_spec(line_chart());
    EXPECT_EQ(spec["$schema"], "https://vega.github.io/schema/vega-lite/v6.json");
    // As wide as the page (a phone's text stays legible: no wide drawing scaled down), its
    // padding, axes and legend inside that width; a fixed height.
    EXPECT_EQ(spec["width"], "container");
    EXPECT_EQ(spec["autosize"], (json{{"type", "fit-x"}, {"contains", "padding"}}));
    EXPECT_EQ(spec["height"], 260);
    // Horizontal quarter labels on two lines ("2023-24" over "Q4"), every other one where they
    // do not all fit.
    EXPECT_EQ(spec["encoding"]["x"]["axis"]["labelAngle"], 0);
    EXPECT_EQ(spec["encoding"]["x"]["axis"]["labelExpr"], "split(datum.label, ' ')");
    EXPECT_EQ(spec["encoding"]["x"]["axis"]["labelOverlap"], "parity");
    EXPECT_EQ(spec["description"], "Line chart. Children looked after: 10 in 2023-24 Q4 and 12 in 2024-25 Q2.");
    EXPECT_EQ(spec["mark"]["type"], "line");
    EXPECT_TRUE(spec["config"]["view"]["stroke"].is_null());
}

TEST(VegaLiteSpec, KeyOrderIsFixed) {
    const json spec = vega_lite_spec(line_chart());
    std::vector<std::string> keys;
    for (auto it = spec.begin(); it != spec.end(); ++it) keys.push_back(it.key());
    ASSERT_GE(keys.size(), 4u);
    EXPECT_EQ(keys[0], "$schema");
    EXPECT_EQ(keys[1], "description");
    // Same input, same text: the site is reproducible.
    EXPECT_EQ(vega_lite_spec(line_chart()).dump(), spec.dump());
}

TEST(VegaLiteSpec, InlineDataHasAQuarterLabelPerValueAndNullForMissing) {
    const json values = vega_lite_spec(line_chart())["data"]["values"];
    ASSERT_EQ(values.size(), 3u);
    EXPECT_EQ(values[0]["quarter"], "2023-24 Q4");
    EXPECT_EQ(values[0]["series"], "Looked after");
    EXPECT_EQ(values[0]["value"], 10.0);
    // A missing value is a gap (null), never a zero.
    EXPECT_EQ(values[1]["quarter"], "2024-25 Q1");
    EXPECT_TRUE(values[1]["value"].is_null());
    // Counts are kept to two decimal places: 12.3456 -> 12.35.
    EXPECT_DOUBLE_EQ(values[2]["value"].get<double>(), 12.35);
}

// The axis lists every quarter in order, whatever the data: a gap (null) in the first series
// once let Vega-Lite reorder the quarters of a stacked bar chart.
TEST(VegaLiteSpec, EveryQuarterIsOnTheXAxisInOrderEvenWithGaps) {
    const json spec = vega_lite_spec(line_chart());
    EXPECT_EQ(spec["encoding"]["x"]["field"], "quarter");
    EXPECT_EQ(spec["encoding"]["x"]["type"], "ordinal");
    const json expected = json::array({"2023-24 Q4", "2024-25 Q1", "2024-25 Q2"});
    EXPECT_EQ(spec["encoding"]["x"]["scale"]["domain"], expected);
    EXPECT_EQ(spec["encoding"]["x"]["sort"], expected);
    EXPECT_EQ(spec["encoding"]["y"]["title"], "Children");
    // From zero to a round number above the largest figure (12.35): 15, in steps of 5.
    EXPECT_EQ(spec["encoding"]["y"]["scale"]["domain"], json::array({0, 15}));
    EXPECT_EQ(spec["encoding"]["y"]["scale"]["nice"], false);
}

TEST(ValueScale, CountsRunFromZeroToARoundNumberAtOrAboveEveryFigureAndReference) {
    Chart c = line_chart();
    for (const auto& [largest, top] : std::vector<std::pair<double, double>>{
             {508, 600}, {500, 500}, {52, 60}, {9, 10}, {0.4, 0.4}, {1234, 1500}, {0, 1}}) {
        c.plotted = {{"Total", "Looked after", {largest / 2, largest, 0.0}}};
        const ValueScale scale = value_scale(c);
        EXPECT_EQ(scale.from, 0) << largest;
        EXPECT_NEAR(scale.to, top, 1e-9) << largest;
        EXPECT_FALSE(scale.cropped);
    }
    // A guideline above every figure (the IRO Handbook's 70) is inside the axis.
    c.plotted = {{"Total", "Caseload", {55.0, 62.0, 58.0}}};
    c.references = {{50, 70.0, "IRO Handbook range: 50 to 70"}};
    EXPECT_EQ(value_scale(c).to, 80);
}

TEST(ValueScale, APercentAxisIsZoomedOnlyWhenATargetWouldSitOnHighFigures) {
    Chart c = line_chart();
    c.percent = true;
    c.plotted = {{"Total", "In timescale", {94.2, 92.0, 96.3}}};
    // No target: 0 to 100.
    ValueScale scale = value_scale(c);
    EXPECT_EQ(scale.from, 0);
    EXPECT_EQ(scale.to, 100);
    EXPECT_EQ(axis_note(c), "");
    // A 95% target among figures of 92% to 96%: from the tens below 92 - 5 = 87.
    c.references = {{95, std::nullopt, "Target: 95%"}};
    scale = value_scale(c);
    EXPECT_EQ(scale.from, 80);
    EXPECT_EQ(scale.to, 100);
    EXPECT_TRUE(scale.cropped);
    EXPECT_EQ(axis_note(c), "The vertical axis starts at 80%, not zero.");
    const json spec = vega_lite_spec(c);
    // Every layer names the same domain, so that no layer's default widens it back to zero.
    for (const json& layer : spec["layer"]) EXPECT_EQ(layer["encoding"]["y"]["scale"]["domain"], json::array({80, 100}));
    // A figure of 64%: from 50. One of 58%, below 60%: the target is far from most of the
    // axis, which runs from zero.
    c.plotted = {{"Total", "In timescale", {64.0, 92.0, 96.3}}};
    EXPECT_EQ(value_scale(c).from, 50);
    c.plotted = {{"Total", "In timescale", {58.0, 92.0, 96.3}}};
    EXPECT_EQ(value_scale(c).from, 0);
    EXPECT_EQ(axis_note(c), "");
    // A stacked bar chart is never cropped: bars start at zero.
    c.kind = ChartKind::stacked_bar;
    c.plotted = {{"Total", "In timescale", {94.2, 92.0, 96.3}}};
    EXPECT_EQ(axis_note(c), "");
}

TEST(VegaLiteSpec, ReferenceLayersDrawOnceWithDataOfTheirOwn) {
    // A layer without data of its own would inherit the chart's rows and draw its band and
    // label once per quarter, stacking the band's opacity.
    Chart c = line_chart();
    c.references = {{50, 70.0, "IRO Handbook range: 50 to 70"}};
    const json spec = vega_lite_spec(c);
    ASSERT_EQ(spec["layer"].size(), 3u);  // band, its label, the line
    for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(spec["layer"][i]["data"]["values"], json::array({json::object()}));
    EXPECT_EQ(spec["layer"][1]["encoding"]["text"]["value"], "IRO Handbook range: 50 to 70");
    EXPECT_FALSE(spec["layer"][2].contains("data"));  // the line: the chart's rows
}

// Where a direct label's block is drawn, in pixels from the plot's top, for a chart of fixed
// height 260 and the given value axis.
double label_top(const json& layer, double from, double to) {
    return 260 * (1 - (layer["data"]["values"][0]["value"].get<double>() - from) / (to - from));
}

TEST(VegaLiteSpec, AFewLinesAreLabelledAtTheirEndsInsteadOfALegend) {
    Chart c = line_chart();
    c.series = {{"Total", "Children looked after", {480.0, 500.0, 506.0}},
                {"Started", "Children who started to be looked after", {170.0, 148.0, 167.0}},
                {"Ceased", "Children who ceased to be looked after", {153.0, 129.0, 162.0}}};
    c.plotted = c.series;
    const json spec = vega_lite_spec(c);
    ASSERT_TRUE(spec.contains("layer"));
    const json& lines = spec["layer"][0];
    EXPECT_EQ(lines["mark"]["type"], "line");
    EXPECT_TRUE(lines["encoding"]["color"]["legend"].is_null());
    EXPECT_TRUE(lines["encoding"]["strokeDash"]["legend"].is_null());
    ASSERT_EQ(spec["layer"].size(), 4u);
    const json domain = lines["encoding"]["y"]["scale"]["domain"];
    const double from = domain[0].get<double>(), to = domain[1].get<double>();
    EXPECT_EQ(domain, json::array({0, 600}));
    std::vector<std::pair<double, double>> blocks;  // top and bottom in pixels
    for (std::size_t i = 0; i < 3; ++i) {
        const json& label = spec["layer"][i + 1];
        EXPECT_EQ(label["mark"]["type"], "text");
        EXPECT_EQ(label["mark"]["baseline"], "top");
        EXPECT_EQ(label["data"]["values"][0]["quarter"], "2024-25 Q2");  // beside the last point
        const json text = label["encoding"]["text"]["value"];
        // Lines of at most 16 characters that are the series' label again.
        std::string joined;
        for (const json& line : text) {
            EXPECT_LE(line.get<std::string>().size(), 16u) << line;
            joined += (joined.empty() ? "" : " ") + line.get<std::string>();
        }
        EXPECT_EQ(joined, c.plotted[i].label);
        const double top = label_top(label, from, to);
        blocks.push_back({top, top + 14.0 * static_cast<double>(text.size())});
        EXPECT_GE(top, 0);
        EXPECT_LE(blocks.back().second, 260 + 1e-6);
    }
    // The first label is centred on its point (506 of 600: 40.7 px from the top, 28 px tall),
    // to the hundredth of a pixel (the spec keeps three decimals).
    EXPECT_NEAR(blocks[0].first, 260 * (1 - 506.0 / 600) - 14, 0.01);
    // 167 and 162 are 2 px apart: their labels are moved apart, never overlapping.
    for (std::size_t a = 0; a < blocks.size(); ++a)
        for (std::size_t b = a + 1; b < blocks.size(); ++b)
            EXPECT_TRUE(blocks[a].second <= blocks[b].first || blocks[b].second <= blocks[a].first) << a << " " << b;
    // The higher figure's label is the higher one.
    EXPECT_LT(blocks[1].first, blocks[2].first);
}

TEST(VegaLiteSpec, ALegendStaysForOneLineManyLinesOrALineWithoutALastFigure) {
    Chart c = line_chart();
    EXPECT_TRUE(vega_lite_spec(c)["encoding"]["color"]["legend"].is_null());  // one line: its title says it
    EXPECT_FALSE(vega_lite_spec(c).contains("layer"));
    for (std::size_t n : {5u}) {
        c.plotted.clear();
        for (std::size_t i = 0; i < n; ++i)
            c.plotted.push_back({"S" + std::to_string(i), "Series " + std::to_string(i), {1.0, 2.0, 3.0}});
        EXPECT_TRUE(vega_lite_spec(c)["encoding"]["color"]["legend"].is_object()) << n;
    }
    c.plotted = {{"A", "First", {1.0, 2.0, 3.0}}, {"B", "Second", {1.0, 2.0, std::nullopt}}};
    EXPECT_TRUE(vega_lite_spec(c)["encoding"]["color"]["legend"].is_object());
}

TEST(VegaLiteSpec, PercentChartsRunFromZeroToAHundredWithOneDecimal) {
    Chart c = line_chart();
    c.percent = true;
    c.series = {{"Total", "Reviews in timescale", {87.54, 90.0, 100.0}}};
    c.plotted = c.series;
    const json spec = vega_lite_spec(c);
    EXPECT_EQ(spec["encoding"]["y"]["scale"]["domain"], json::array({0, 100}));
    EXPECT_DOUBLE_EQ(spec["data"]["values"][0]["value"].get<double>(), 87.5);
}

TEST(VegaLiteSpec, StackedBarsStackFromZeroInLegendOrder) {
    Chart c = line_chart();
    c.kind = ChartKind::stacked_bar;
    c.series = {{"U4", "Foster", {5.0, 6.0, 7.0}}, {"K2", "Children's home", {1.0, 1.0, 2.0}}};
    c.plotted = c.series;
    const json spec = vega_lite_spec(c);
    EXPECT_EQ(spec["mark"]["type"], "bar");
    EXPECT_EQ(spec["encoding"]["y"]["stack"], "zero");
    EXPECT_EQ(spec["data"]["values"].size(), 6u);  // 2 series x 3 quarters
    EXPECT_EQ(spec["encoding"]["color"]["scale"]["domain"], json::array({"Foster", "Children's home"}));
    EXPECT_EQ(spec["encoding"]["color"]["scale"]["range"],
              json::array({chart_palette()[0], chart_palette()[1]}));
}

TEST(JsonForHtml, CannotCloseTheScriptElement) {
    json value = {{"title", "</script><script>alert(1)</script>"}, {"note", "A & B > C"}};
    const std::string text = json_for_html(value);
    EXPECT_EQ(text.find('<'), std::string::npos);
    EXPECT_EQ(text.find('>'), std::string::npos);
    EXPECT_EQ(text.find('&'), std::string::npos);
    EXPECT_EQ(text,
              "{\"title\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\","
              "\"note\":\"A \\u0026 B \\u003e C\"}");
    // It is still the same JSON.
    EXPECT_EQ(json::parse(text), value);
}

TEST(JsonForHtml, KeepsNonAsciiText) {
    const json value = {{"name", "Ynys Môn"}};
    EXPECT_EQ(json::parse(json_for_html(value)), value);
}

Chart table_chart() {
    Chart c;
    c.quarters = {Quarter{2023, 4}, Quarter{2024, 1}};
    c.series = {{"A", "=SUM(A1:A9)", {5.0, 6.0}},
                {"B", "Foster, in-house", {std::nullopt, 2.0}},
                {"C", "He said \"hi\"", {7.0, 0.0}}};
    c.plotted = c.series;
    return c;
}

const ChartArea kHome{"Local authority", "E09000099", "Example Borough"};

TEST(ChartCsv, NeutralisesFormulaLabelsAndQuotesWhereNeeded) {
    // A row per quarter and series. A label starting with '=' gains a leading apostrophe so that
    // a spreadsheet shows it as text; commas and quotes are quoted the CSV way; a missing value
    // is empty, with "x" in the symbol column.
    EXPECT_EQ(chart_csv(table_chart(), kHome),
              "period,period_start,period_end,geographic_level,area_code,area_name,measure,category,series,value,symbol\n"
              "2023-24 Q4,2024-01-01,2024-03-31,Local authority,E09000099,Example Borough,,A,\"'=SUM(A1:A9)\",5,\n"
              "2023-24 Q4,2024-01-01,2024-03-31,Local authority,E09000099,Example Borough,,B,\"Foster, in-house\",,x\n"
              "2023-24 Q4,2024-01-01,2024-03-31,Local authority,E09000099,Example Borough,,C,\"He said \"\"hi\"\"\",7,\n"
              "2024-25 Q1,2024-04-01,2024-06-30,Local authority,E09000099,Example Borough,,A,\"'=SUM(A1:A9)\",6,\n"
              "2024-25 Q1,2024-04-01,2024-06-30,Local authority,E09000099,Example Borough,,B,\"Foster, in-house\",2,\n"
              "2024-25 Q1,2024-04-01,2024-06-30,Local authority,E09000099,Example Borough,,C,\"He said \"\"hi\"\"\",0,\n");
}

TEST(ChartCsv, OtherFormulaStartsAreNeutralisedToo) {
    Chart c = table_chart();
    c.series = {{"A", "+1", {1.0, 1.0}}, {"B", "-1", {1.0, 1.0}}, {"C", "@cmd", {1.0, 1.0}}};
    const std::string csv = chart_csv(c, kHome);
    for (const char* label : {",\"'+1\",1,\n", ",\"'-1\",1,\n", ",\"'@cmd\",1,\n"})
        EXPECT_NE(csv.find(label), std::string::npos) << label;
}

TEST(ChartCsv, PercentagesHaveTheirMeasuresPlaces) {
    Chart c = table_chart();
    c.percent = true;
    c.measures = {"reviews_in_timescale_percent"};
    c.series = {{"Total", "In timescale", {87.54, 100.0}}};
    EXPECT_EQ(chart_csv(c, kHome),
              "period,period_start,period_end,geographic_level,area_code,area_name,measure,category,series,value,symbol\n"
              "2023-24 Q4,2024-01-01,2024-03-31,Local authority,E09000099,Example Borough,reviews_in_timescale_percent,"
              "Total,In timescale,87.5,\n"
              "2024-25 Q1,2024-04-01,2024-06-30,Local authority,E09000099,Example Borough,reviews_in_timescale_percent,"
              "Total,In timescale,100.0,\n");
}

TEST(ChartCsv, CountsAtADateStartAndEndOnTheDate) {
    // A count at a date (children looked after) is of the quarter's last day, as in measures.csv;
    // a count over the quarter (children starting) runs from its first day.
    Chart c = table_chart();
    c.measures = {"looked_after", "started"};
    c.series = {{"Total", "Looked after", {480.0, 490.0}}, {"Total", "Started", {30.0, 31.0}}};
    const std::string csv = chart_csv(c, kHome);
    EXPECT_NE(csv.find("\n2024-25 Q1,2024-06-30,2024-06-30,Local authority,E09000099,Example Borough,looked_after,Total,"
                       "Looked after,490,\n"),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find("\n2024-25 Q1,2024-04-01,2024-06-30,Local authority,E09000099,Example Borough,started,Total,"
                       "Started,31,\n"),
              std::string::npos)
        << csv;
}

TEST(ChartCsv, SeriesOfOtherAreasAndRowsOfCategoriesNameThemselves) {
    // A benchmark breakdown: rows are categories of one year, series are areas.
    Chart c;
    c.row_labels = {"Abuse or neglect", "Disability"};
    c.row_categories = {"N1", "N2"};
    c.row_periods = {{"2023-24", Date::from_ymd(2023, 4, 1), Date::from_ymd(2024, 3, 31)}};
    c.series = {{"mine", "Example Borough", {60.0, 4.5}}, {"E92000001", "England", {65.0, std::nullopt}, {0, 'z'}}};
    c.series[0].measure = c.series[1].measure = "started_by_need_percent";
    c.series[1].area = {"National", "E92000001", "England"};
    c.series[0].decimals = c.series[1].decimals = 1;
    c.plotted = c.series;
    EXPECT_EQ(chart_csv(c, kHome),
              "period,period_start,period_end,geographic_level,area_code,area_name,measure,category,series,value,symbol\n"
              "2023-24,2023-04-01,2024-03-31,Local authority,E09000099,Example Borough,started_by_need_percent,N1,"
              "Example Borough,60.0,\n"
              "2023-24,2023-04-01,2024-03-31,National,E92000001,England,started_by_need_percent,N1,England,65.0,\n"
              "2023-24,2023-04-01,2024-03-31,Local authority,E09000099,Example Borough,started_by_need_percent,N2,"
              "Example Borough,4.5,\n"
              "2023-24,2023-04-01,2024-03-31,National,E92000001,England,started_by_need_percent,N2,England,,z\n");
}

TEST(DisplayValue, CountsPercentagesAndMissing) {
    Chart c;
    EXPECT_EQ(display_value(c, 1234.0), "1,234");
    EXPECT_EQ(display_value(c, std::nullopt), "x");
    c.percent = true;
    EXPECT_EQ(display_value(c, 47.5), "48%");
    c.display_decimals = 1;
    EXPECT_EQ(display_value(c, 47.25), "47.3%");
}

ChartSeries series(const std::string& name, Values values) { return {name, name + " label", std::move(values)}; }

TEST(TopSeries, FewSeriesAreKeptAsTheyAre) {
    const std::vector<ChartSeries> in = {series("A", {1.0}), series("B", {2.0})};
    const std::vector<ChartSeries> out = top_series(in, 6);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].category, "A");
    EXPECT_EQ(out[1].category, "B");
}

TEST(TopSeries, KeepsFiveAndSumsTheRestIntoOther) {
    // Eight categories, limit 6: the five largest are kept (in their original order) and the
    // three smallest (F, G, H) are summed: 3+2+1 = 6 and 2+2+2 = 6.
    const std::vector<ChartSeries> in = {
        series("A", {50.0, 60.0}), series("F", {3.0, 2.0}), series("B", {40.0, 41.0}),
        series("C", {30.0, 31.0}), series("G", {2.0, 2.0}), series("D", {20.0, 21.0}),
        series("E", {10.0, 11.0}), series("H", {1.0, 2.0}),
    };
    const std::vector<ChartSeries> out = top_series(in, 6);
    ASSERT_EQ(out.size(), 6u);
    std::vector<std::string> names;
    for (const ChartSeries& s : out) names.push_back(s.category);
    EXPECT_EQ(names, (std::vector<std::string>{"A", "B", "C", "D", "E", "Other"}));
    EXPECT_EQ(out.back().values, (Values{6.0, 6.0}));
    EXPECT_EQ(out[0].values, (Values{50.0, 60.0}));
}

TEST(TopSeries, OtherIsMissingWhereAnyMergedValueIsMissing) {
    // A sum with an unknown part is unknown: never show it as if the part were zero.
    const std::vector<ChartSeries> in = {series("A", {9.0, 9.0}), series("B", {8.0, 8.0}),
                                         series("C", {1.0, std::nullopt}), series("D", {1.0, 1.0})};
    const std::vector<ChartSeries> out = top_series(in, 3);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out.back().category, "Other");
    EXPECT_EQ(out.back().values, (Values{2.0, std::nullopt}));
}

TEST(TopSeries, LargestAreChosenByTheirLatestValue) {
    // chart.hpp: "the largest by their latest value". "Old" was large early on but is the
    // smallest in the latest quarter, so it belongs in Other; "New" is third largest now.
    const std::vector<ChartSeries> in = {
        series("Old", {100.0, 1.0}), series("A", {10.0, 10.0}), series("B", {9.0, 9.0}),
        series("New", {0.0, 8.0}),   series("C", {7.0, 7.0}),
    };
    const std::vector<ChartSeries> out = top_series(in, 4);  // three kept + Other
    std::vector<std::string> names;
    for (const ChartSeries& s : out) names.push_back(s.category);
    EXPECT_EQ(names, (std::vector<std::string>{"A", "B", "New", "Other"}));
    // Other = Old + C = (100 + 7, 1 + 7).
    EXPECT_EQ(out.back().values, (Values{107.0, 8.0}));
}

}  // namespace
}  // namespace careboard
