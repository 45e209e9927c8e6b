#include "charts/chart.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "config/config.hpp"
#include "core/format.hpp"

namespace careboard {
namespace {

// Line patterns of the series, in the palette's order: a solid line first, then patterns that
// stay distinct from each other in greyscale (one for each colour of the palette).
std::vector<int> dash_pattern(std::size_t i) {
    static const std::vector<std::vector<int>> patterns{{1, 0}, {6, 3}, {2, 2}, {8, 3, 2, 3}, {12, 4}, {2, 4, 6, 4}};
    return patterns[i % patterns.size()];
}

nlohmann::ordered_json strip_spec(const Chart& chart);

nlohmann::ordered_json wrapped_labels(const std::vector<std::string>& labels, std::size_t width);

// Sets a legend's or axis's labelExpr so that its labels longer than `width` characters are
// drawn on lines of words; leaves it alone when every label fits.
void wrap_labels(nlohmann::ordered_json& guide, const std::vector<std::string>& labels, std::size_t width) {
    if (const nlohmann::ordered_json wrapped = wrapped_labels(labels, width); !wrapped.empty())
        guide["labelExpr"] = "(" + wrapped.dump() + ")[datum.label] || datum.label";
}

// A legend under the chart, one entry a line; a label longer than a phone's line is on two or
// more, never cut off.
nlohmann::ordered_json legend_spec(const std::vector<std::string>& labels, std::size_t wrap = 34) {
    nlohmann::ordered_json legend = {{"orient", "bottom"}, {"direction", "vertical"}, {"columns", 1}, {"labelLimit", 0}};
    wrap_labels(legend, labels, wrap);
    return legend;
}

// Labels longer than `width` characters as lines of words, for an axis's labelExpr: an object
// from each such label to its lines (shorter labels are left as they are).
nlohmann::ordered_json wrapped_labels(const std::vector<std::string>& labels, std::size_t width) {
    nlohmann::ordered_json map = nlohmann::ordered_json::object();
    for (const std::string& label : labels) {
        if (label.size() <= width) continue;
        nlohmann::ordered_json lines = nlohmann::ordered_json::array();
        std::string line;
        for (std::size_t at = 0; at <= label.size();) {
            std::size_t space = label.find(' ', at);
            if (space == std::string::npos) space = label.size();
            const std::string word = label.substr(at, space - at);
            if (!line.empty() && line.size() + 1 + word.size() > width) {
                lines.push_back(line);
                line.clear();
            }
            line += (line.empty() ? "" : " ") + word;
            at = space + 1;
        }
        if (!line.empty()) lines.push_back(line);
        map[label] = std::move(lines);
    }
    return map;
}

// A label's lines of at most `width` characters (a word longer than that is a line of its own).
std::vector<std::string> label_lines(const std::string& label, std::size_t width) {
    const nlohmann::ordered_json wrapped = wrapped_labels({label}, width);
    return wrapped.empty() ? std::vector<std::string>{label} : wrapped[label].get<std::vector<std::string>>();
}

// The smallest "nice" number (1, 2 or 5 times a power of ten, times a whole number of those
// steps) at or above `max`, for a count axis of about five steps.
double nice_ceiling(double max) {
    if (!(max > 0)) return 1;
    const double raw = max / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    const double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
    return std::ceil(max / step - 1e-9) * step;
}

// Direct labels for a line chart of a few series: each series' name beside its last point, on
// lines of about 16 characters, moved apart where two would overlap. Empty when the chart keeps
// a legend: one series (its title says what it is), more than four, or a series with no last
// figure (its label would have no point to sit by).
constexpr std::size_t kMaxDirectLabels = 4;
constexpr double kChartHeight = 260;
constexpr double kLabelLineHeight = 14;

struct DirectLabel {
    std::vector<std::string> lines;
    double value = 0;  // where its first line's top sits, on the value axis
};

std::vector<DirectLabel> direct_labels(const Chart& chart, const ValueScale& scale) {
    const std::size_t rows = chart_row_count(chart);
    if (chart.kind != ChartKind::line || chart.plotted.size() < 2 || chart.plotted.size() > kMaxDirectLabels || rows == 0)
        return {};
    for (const ChartSeries& s : chart.plotted)
        if (s.values.size() < rows || !s.values[rows - 1]) return {};
    const double span = scale.to - scale.from;
    auto pixel = [&](double v) { return kChartHeight * (1 - (v - scale.from) / span); };
    struct Box {
        std::size_t series;
        std::vector<std::string> lines;
        double top, height;
    };
    std::vector<Box> boxes;
    for (std::size_t i = 0; i < chart.plotted.size(); ++i) {
        std::vector<std::string> lines = label_lines(chart.plotted[i].label, 16);
        const double height = static_cast<double>(lines.size()) * kLabelLineHeight;
        const double v = round_half_away(*chart.plotted[i].values[rows - 1], chart.percent ? 1 : 2);
        boxes.push_back({i, std::move(lines), pixel(v) - height / 2, height});
    }
    // Top to bottom, each label below the one above it; then, from the bottom, back up inside
    // the plot so that none runs into the axis labels beneath it.
    std::stable_sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) { return a.top < b.top; });
    constexpr double gap = 3;
    for (std::size_t i = 1; i < boxes.size(); ++i)
        boxes[i].top = std::max(boxes[i].top, boxes[i - 1].top + boxes[i - 1].height + gap);
    boxes.back().top = std::min(boxes.back().top, kChartHeight - boxes.back().height);
    for (std::size_t i = boxes.size() - 1; i-- > 0;)
        boxes[i].top = std::min(boxes[i].top, boxes[i + 1].top - boxes[i].height - gap);
    std::vector<DirectLabel> out(chart.plotted.size());
    for (Box& b : boxes) {
        out[b.series].lines = std::move(b.lines);
        out[b.series].value = scale.from + (1 - b.top / kChartHeight) * span;
    }
    return out;
}

}  // namespace

ValueScale value_scale(const Chart& chart) {
    ValueScale scale;
    double low = chart.percent ? 100 : 0, high = 0;
    bool any = false;
    auto see = [&](double v) {
        low = any ? std::min(low, v) : v;
        high = any ? std::max(high, v) : v;
        any = true;
    };
    for (const ChartSeries& s : chart.plotted)
        for (const std::optional<double>& v : s.values)
            if (v) see(*v);
    for (const ChartReference& r : chart.references) {
        see(r.from);
        if (r.to) see(*r.to);
    }
    if (chart.percent) {
        scale.to = 100;
        // A target line would sit on the series of a 0 to 100 axis when every figure and the
        // target are high (reviews in timescale at 94% against 95%): the axis then starts at the
        // tens below the lowest of them, less five, and the chart says so.
        if (!chart.references.empty() && any && low >= 60) {
            scale.from = std::floor((low - 5) / 10) * 10;
            scale.cropped = scale.from > 0;
        }
    } else {
        scale.to = nice_ceiling(any ? high : 0);
    }
    return scale;
}

std::string axis_note(const Chart& chart) {
    if (chart.kind != ChartKind::line) return {};
    const ValueScale scale = value_scale(chart);
    if (!scale.cropped) return {};
    return "The vertical axis starts at " + (chart.percent ? format_percent(scale.from) : format_number(scale.from)) +
           ", not zero.";
}

const std::vector<std::string>& chart_palette() {
    static const std::vector<std::string> palette{"#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"};
    return palette;
}

std::vector<ChartReference> chart_references(const std::string& measure, const std::vector<Target>& targets,
                                             bool percent) {
    std::vector<ChartReference> out;
    for (const Target& t : targets) {
        if (t.measure != measure || (!t.min && !t.max)) continue;
        auto n = [&](double v) { return percent ? format_percent(v) : format_number(v, v == std::floor(v) ? 0 : 1); };
        if (t.min && t.max)
            out.push_back({*t.min, *t.max, "Target range: " + format_number(*t.min) + " to " + n(*t.max)});
        else
            out.push_back({t.min ? *t.min : *t.max, std::nullopt, "Target: " + n(t.min ? *t.min : *t.max)});
    }
    const MeasureDef& def = measure_def(measure);
    if (def.guide_from >= 0 && (out.empty() || def.guide_always))
        out.push_back({def.guide_from, def.guide_to >= 0 ? std::optional<double>(def.guide_to) : std::nullopt,
                       std::string(def.guide_label)});
    return out;
}

std::size_t chart_row_count(const Chart& chart) {
    return chart.row_labels.empty() ? chart.quarters.size() : chart.row_labels.size();
}

nlohmann::ordered_json chart_config() {
    return {{"font", "Arial, sans-serif"},
            {"aria", false},
            {"axis", {{"labelFontSize", 12}, {"titleFontSize", 13}, {"labelColor", "#0b0c0c"}, {"titleColor", "#0b0c0c"},
                      {"domainColor", "#505a5f"}, {"tickColor", "#505a5f"}, {"gridColor", "#dddddd"}}},
            {"legend", {{"labelFontSize", 12}, {"labelColor", "#0b0c0c"}, {"symbolStrokeWidth", 2.5}}},
            {"view", {{"stroke", nullptr}}}};
}

const char* chart_kind_words(ChartKind kind) {
    switch (kind) {
    case ChartKind::line: return "Line chart";
    case ChartKind::stacked_bar: return "Stacked bar chart";
    case ChartKind::strip: return "Dot chart";
    }
    return "Chart";
}

std::string chart_row_label(const Chart& chart, std::size_t row) {
    return chart.row_labels.empty() ? chart.quarters[row].label() : chart.row_labels[row];
}

std::string display_value(const Chart& chart, const ChartSeries& series, std::size_t quarter) {
    if (series.plain || series.decimals) {
        const std::optional<double>& v = series.values[quarter];
        if (!v) return std::string(1, series.symbol(quarter) ? series.symbol(quarter) : 'x');
        const int places = series.decimals.value_or(0);
        return chart.percent && !series.plain ? format_percent(*v, places) : format_number(*v, places);
    }
    return display_value(chart, series.values[quarter], series.symbol(quarter));
}

std::string display_value(const Chart& chart, const std::optional<double>& value, char symbol) {
    if (!value) return std::string(1, symbol ? symbol : 'x');
    return chart.percent ? format_percent(*value, chart.display_decimals)
                         : format_number(*value, chart.display_decimals);
}

std::vector<ChartSeries> top_series(const std::vector<ChartSeries>& series, std::size_t limit) {
    if (series.size() <= limit) return series;
    // What is large now matters most to readers: rank by the latest value, then by the total.
    auto weight = [](const ChartSeries& s) {
        double total = 0;
        for (const auto& v : s.values) total += v.value_or(0.0);
        const double latest = s.values.empty() ? 0.0 : s.values.back().value_or(0.0);
        return std::pair<double, double>{latest, total};
    };
    std::vector<std::size_t> order(series.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return weight(series[a]) > weight(series[b]); });
    std::vector<bool> keep(series.size(), false);
    for (std::size_t i = 0; i + 1 < limit; ++i) keep[order[i]] = true;
    std::vector<ChartSeries> out;
    const std::size_t nq = series.front().values.size();
    ChartSeries other{"Other", "All other", std::vector<std::optional<double>>(nq, 0.0), std::vector<char>(nq, 0)};
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (keep[i]) {
            out.push_back(series[i]);
            continue;
        }
        for (std::size_t q = 0; q < nq; ++q) {
            // A sum with a suppressed part is suppressed too: it would reveal that part.
            if (series[i].symbol(q) == 'c' || other.symbols[q] == 'c') {
                other.values[q].reset();
                other.symbols[q] = 'c';
            } else if (!series[i].values[q] || !other.values[q]) {
                other.values[q].reset();
            } else {
                *other.values[q] += *series[i].values[q];
            }
        }
    }
    out.push_back(std::move(other));
    return out;
}

nlohmann::ordered_json vega_lite_spec(const Chart& chart) {
    using json = nlohmann::ordered_json;
    if (chart.kind == ChartKind::strip) return strip_spec(chart);
    // Charts of years or categories name their axis field after their rows; quarters keep theirs.
    const bool by_row = !chart.row_labels.empty();
    const std::string x_field = by_row ? "row" : "quarter";
    const std::string x_title = by_row ? chart.row_title : "Quarter";
    json values = json::array();
    for (const ChartSeries& s : chart.plotted) {
        for (std::size_t q = 0; q < chart_row_count(chart); ++q) {
            json row;
            row[x_field] = chart_row_label(chart, q);
            row["series"] = s.label;
            // A missing value is null: Vega-Lite draws a gap, never a zero.
            if (s.values[q]) row["value"] = round_half_away(*s.values[q], chart.percent ? 1 : 2);
            else row["value"] = nullptr;
            values.push_back(std::move(row));
        }
    }
    json labels = json::array();
    for (const ChartSeries& s : chart.plotted) labels.push_back(s.label);
    json palette = json::array();
    for (std::size_t i = 0; i < chart.plotted.size(); ++i)
        palette.push_back(chart_palette()[i % chart_palette().size()]);
    if (chart.plotted.size() == 2 && chart.kind == ChartKind::line) palette = json::array({"#12436D", "#F46A25"});

    json spec;
    spec["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json";
    spec["description"] = chart.description;
    // As wide as the page allows (a phone's 340 px to the page's 960), redrawn when the window
    // changes, and at A4 width in print (careboard.js): text stays at its own size, never a
    // 600 px drawing scaled down.
    spec["width"] = "container";
    spec["height"] = 260;
    spec["autosize"] = {{"type", "fit-x"}, {"contains", "padding"}};
    spec["data"] = {{"values", values}};
    // Every quarter, in order, as the axis: Vega-Lite drops rows with a null value (a gap) before
    // it derives a domain, so without this a gap in the first series would reorder the axis.
    json quarter_domain = json::array();
    for (std::size_t q = 0; q < chart_row_count(chart); ++q) quarter_domain.push_back(chart_row_label(chart, q));
    json x = {{"field", x_field}, {"type", "ordinal"}, {"title", x_title}, {"sort", quarter_domain},
              {"scale", {{"domain", quarter_domain}}}, {"axis", {{"labelAngle", 0}, {"labelOverlap", "parity"}}}};
    // "2023-24 Q3" as "2023-24" over "Q3": horizontal labels that fit twice as many quarters.
    if (!by_row) x["axis"]["labelExpr"] = "split(datum.label, ' ')";
    json y_axis = {{"field", "value"}, {"type", "quantitative"}, {"title", chart.y_title}};
    const std::string format = chart.percent ? ".0f" : ",.0f";
    y_axis["axis"] = {{"format", format}};
    // A few lines are labelled at their ends instead of in a legend (presentation.md): the
    // reader's eye stays on the chart, and the labels survive greyscale printing.
    const ValueScale scale = value_scale(chart);
    const std::vector<DirectLabel> named = direct_labels(chart, scale);
    const bool legend = chart.plotted.size() > 1 && named.empty();
    json color = {{"field", "series"}, {"type", "nominal"}, {"title", nullptr},
                  {"scale", {{"domain", labels}, {"range", palette}}},
                  {"legend", legend ? legend_spec(labels.get<std::vector<std::string>>()) : json(nullptr)}};
    // A line chart's legend draws each series as a short stretch of its line, dash included.
    if (chart.kind == ChartKind::line && color["legend"].is_object()) {
        color["legend"]["symbolType"] = "stroke";
        color["legend"]["symbolSize"] = 600;
    }
    json tooltip = json::array({{{"field", x_field}, {"title", x_title}},
                                {{"field", "series"}, {"title", "Series"}},
                                {{"field", "value"}, {"title", chart.y_title}, {"format", chart.percent ? ".1f" : ",.0f"}}});
    if (chart.kind == ChartKind::line) {
        // The value axis from zero (or, for a % axis with a target, zoomed: value_scale) to a
        // round number above every figure and reference, fixed here so that the direct labels
        // can be placed where the points are.
        y_axis["scale"] = {{"domain", {scale.from, scale.to}}, {"nice", false}};
        spec["mark"] = {{"type", "line"}, {"point", true}, {"strokeWidth", 2.5}};
        // Series differ in dash pattern as well as colour, so that a chart printed in greyscale
        // or seen without colour still tells them apart; the legend shows both.
        json dashes = json::array();
        for (std::size_t i = 0; i < chart.plotted.size(); ++i) dashes.push_back(dash_pattern(i));
        json dash = {{"field", "series"}, {"type", "nominal"}, {"title", nullptr},
                     {"scale", {{"domain", labels}, {"range", dashes}}}, {"legend", color["legend"]}};
        spec["encoding"] = {{"x", x}, {"y", y_axis}, {"color", color}, {"strokeDash", dash}, {"tooltip", tooltip}};
    } else {
        y_axis["stack"] = "zero";
        // A white edge between stacked parts: neighbouring palette colours do not reach 3:1
        // against each other, a white gap does against each of them.
        spec["mark"] = {{"type", "bar"}, {"stroke", "#ffffff"}, {"strokeWidth", 1}};
        json order = {{"field", "order"}, {"type", "quantitative"}};
        // Stack in the palette's order so the legend and the bars read the same way.
        spec["transform"] = json::array({{{"calculate", "indexof(" + labels.dump() + ", datum.series)"}, {"as", "order"}}});
        spec["encoding"] = {{"x", x}, {"y", y_axis}, {"color", color}, {"order", order}, {"tooltip", tooltip}};
    }
    // Targets and guideline bands: layered behind the data, on the same scales, labelled in words;
    // the direct labels in front of it.
    if (!chart.references.empty() || !named.empty()) {
        json layers = json::array();
        // Each layer names the line chart's value scale: a layer's own default (from zero) would
        // otherwise widen the shared scale's domain to zero.
        json ref_scale = chart.kind == ChartKind::line ? y_axis["scale"] : json(nullptr);
        auto at = [&](double v) {
            json y = {{"datum", v}, {"type", "quantitative"}};
            if (!ref_scale.is_null()) y["scale"] = ref_scale;
            return y;
        };
        // One datum of its own per reference layer: a layer without data inherits the chart's
        // rows and would draw its band or label once per row, darkening it.
        const json one = {{"values", json::array({json::object()})}};
        for (const ChartReference& r : chart.references) {
            if (r.to) {
                layers.push_back({{"data", one}, {"mark", {{"type", "rect"}, {"color", "#BFBFBF"}, {"opacity", 0.35}}},
                                  {"encoding", {{"y", at(r.from)}, {"y2", {{"datum", *r.to}}}}}});
            } else {
                layers.push_back({{"data", one}, {"mark", {{"type", "rule"}, {"color", "#3D3D3D"}, {"strokeDash", {6, 4}}, {"strokeWidth", 1.5}}},
                                  {"encoding", {{"y", at(r.from)}}}});
            }
            layers.push_back({{"data", one}, {"mark", {{"type", "text"}, {"align", "left"}, {"baseline", "bottom"}, {"dx", 4}, {"dy", -3},
                                        {"color", "#0b0c0c"}, {"fontSize", 12}}},
                              {"encoding", {{"y", at(r.to ? *r.to : r.from)},
                                            {"x", {{"value", 0}}},
                                            {"text", {{"value", r.label}}}}}});
        }
        json main_layer = {{"mark", spec["mark"]}, {"encoding", spec["encoding"]}};
        if (spec.contains("transform")) {
            main_layer["transform"] = spec["transform"];
            spec.erase("transform");
        }
        layers.push_back(std::move(main_layer));
        const std::string last = chart_row_label(chart, chart_row_count(chart) - 1);
        for (const DirectLabel& label : named) {
            // The same x and y definitions as the lines', so that the layers share their scales
            // and axes; baseline "top": the label's first line starts at its value.
            json lines = json::array();
            for (const std::string& line : label.lines) lines.push_back(line);
            layers.push_back({{"data", {{"values", json::array({{{x_field, last}, {"value", round_half_away(label.value, 3)}}})}}},
                              {"mark", {{"type", "text"}, {"align", "left"}, {"baseline", "top"}, {"dx", 9},
                                        {"fontSize", 12}, {"lineHeight", kLabelLineHeight}, {"color", "#0b0c0c"}}},
                              {"encoding", {{"x", x}, {"y", y_axis}, {"text", {{"value", lines}}}}}});
        }
        spec.erase("mark");
        spec.erase("encoding");
        spec["layer"] = std::move(layers);
    }
    // aria false: the page makes each chart one image named by its description (careboard.js),
    // and its table carries the figures, so Vega's own labels for every mark and axis would
    // only repeat them, less well. Axis lines and ticks are dark enough for 3:1 on white.
    spec["config"] = chart_config();
    return spec;
}

namespace {

// Where the authority stands: for each row, every local authority's figure as a small grey dot
// and each plotted series (the authority, its region, its neighbours, England) as a larger mark
// of its own colour and shape, so that the chart reads without colour and in greyscale.
nlohmann::ordered_json strip_spec(const Chart& chart) {
    using json = nlohmann::ordered_json;
    static const std::vector<std::string> shapes{"circle", "square", "diamond", "triangle-up", "cross", "triangle-down"};
    json rows = json::array();
    for (const std::string& label : chart.row_labels) rows.push_back(label);
    json labels = json::array(), colours = json::array(), marks = json::array();
    if (!chart.field.empty()) {
        labels.push_back(chart.field_label);
        colours.push_back("#6f777b");
        marks.push_back("circle");
    }
    for (std::size_t i = 0; i < chart.plotted.size(); ++i) {
        labels.push_back(chart.plotted[i].label);
        colours.push_back(chart_palette()[i % chart_palette().size()]);
        marks.push_back(shapes[i % shapes.size()]);
    }
    const std::string format = chart.percent ? ".0f" : ",.0f";
    // A long axis title on two lines rather than cut at a phone's edge.
    const json x_title = wrapped_labels({chart.y_title}, 24).value(chart.y_title, json(chart.y_title));
    json x = {{"field", "value"}, {"type", "quantitative"}, {"title", x_title}, {"axis", {{"format", format}}},
              {"scale", {{"zero", true}}}};
    json y = {{"field", "row"}, {"type", "nominal"}, {"title", chart.row_title}, {"sort", rows},
              {"scale", {{"domain", rows}}}, {"axis", {{"labelLimit", 0}}}};
    // Long row labels (categories of need, places and distances) on lines of about 24
    // characters, so that the dots keep most of a phone's width.
    wrap_labels(y["axis"], chart.row_labels, 24);
    json legend = legend_spec(labels.get<std::vector<std::string>>(), 22);
    json colour = {{"field", "series"}, {"type", "nominal"}, {"title", nullptr},
                   {"scale", {{"domain", labels}, {"range", colours}}}, {"legend", legend}};
    json shape = {{"field", "series"}, {"type", "nominal"}, {"title", nullptr},
                  {"scale", {{"domain", labels}, {"range", marks}}}, {"legend", legend}};
    json tooltip = json::array({{{"field", "row"}, {"title", chart.row_title}},
                                {{"field", "series"}, {"title", "Series"}},
                                {{"field", "value"}, {"title", chart.y_title}, {"format", chart.percent ? ".0f" : ",.1f"}}});
    json layers = json::array();
    if (!chart.field.empty()) {
        // Every authority's dot: a row's figures as one list (Vega-Lite's flatten makes a dot of
        // each), a fraction of the size and the time of an object per dot; the series, the same
        // for every dot, is worked out once.
        json values = json::array();
        for (std::size_t r = 0; r < chart.field.size() && r < chart.row_labels.size(); ++r) {
            json figures = json::array();
            for (double v : chart.field[r]) {
                const double rounded = round_half_away(v, 2);
                // A whole number is written without a decimal point (16, not 16.0).
                if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15) figures.push_back(static_cast<long long>(rounded));
                else figures.push_back(rounded);
            }
            values.push_back({{"row", chart.row_labels[r]}, {"value", std::move(figures)}});
        }
        // Overlapping dots darken where many authorities share a figure.
        layers.push_back({{"data", {{"values", std::move(values)}}},
                          {"transform", json::array({{{"flatten", json::array({"value"})}},
                                                     {{"calculate", json(chart.field_label).dump()}, {"as", "series"}}})},
                          {"mark", {{"type", "point"}, {"filled", true}, {"size", 30}, {"opacity", 0.4}}},
                          {"encoding", {{"x", x}, {"y", y}, {"color", colour}, {"shape", shape}}}});
    }
    json values = json::array();
    for (const ChartSeries& s : chart.plotted)
        for (std::size_t r = 0; r < chart.row_labels.size(); ++r) {
            if (!s.values[r]) continue;  // a suppressed or missing figure is no mark, never a zero
            values.push_back({{"row", chart.row_labels[r]}, {"series", s.label}, {"value", round_half_away(*s.values[r], 2)}});
        }
    // Reference lines across every row (England's figure, its region's): a dashed rule at each,
    // named at the top, behind the dots. One datum each, so that a line is drawn once.
    const json one = {{"values", json::array({json::object()})}};
    for (const ChartReference& r : chart.references) {
        if (r.to) continue;
        const json at = {{"datum", round_half_away(r.from, 2)}, {"type", "quantitative"}};
        layers.push_back({{"data", one}, {"mark", {{"type", "rule"}, {"color", "#3D3D3D"}, {"strokeDash", {6, 4}}, {"strokeWidth", 1.5}}},
                          {"encoding", {{"x", at}}}});
        layers.push_back({{"data", one}, {"mark", {{"type", "text"}, {"align", "left"}, {"baseline", "top"}, {"dx", 4}, {"dy", 2},
                                                   {"color", "#0b0c0c"}, {"fontSize", 12}}},
                          {"encoding", {{"x", at}, {"y", {{"value", 0}}}, {"text", {{"value", r.label}}}}}});
    }
    layers.push_back({{"data", {{"values", values}}},
                      {"mark", {{"type", "point"}, {"filled", true}, {"size", 150}, {"opacity", 1}, {"stroke", "#ffffff"},
                                {"strokeWidth", 1}}},
                      {"encoding", {{"x", x}, {"y", y}, {"color", colour}, {"shape", shape}, {"tooltip", tooltip}}}});
    json spec;
    spec["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json";
    spec["description"] = chart.description;
    spec["width"] = "container";
    // 40 pixels a row, more for a label wrapped onto three lines or more, so labels never overlap.
    double height = 0;
    for (const std::string& label : chart.row_labels)
        height += std::max(40.0, static_cast<double>(label_lines(label, 24).size()) * kLabelLineHeight + 12);
    spec["height"] = static_cast<int>(std::max(80.0, height));
    spec["autosize"] = {{"type", "fit-x"}, {"contains", "padding"}};
    spec["layer"] = std::move(layers);
    spec["config"] = chart_config();
    return spec;
}

}  // namespace

void wrap_guide_labels(nlohmann::ordered_json& guide, const std::vector<std::string>& labels, std::size_t width) {
    wrap_labels(guide, labels, width);
}

int series_places(const Chart& chart, std::size_t series) {
    const ChartSeries& s = chart.series[series];
    // A series with its own places (a published figure, as published) keeps them, as the table
    // beside the chart does; a rank or a count is whole.
    if (s.decimals) return *s.decimals;
    if (s.plain) return 0;
    // Otherwise its measure's full precision (the measure catalogue's decimals), never less
    // precise than the table beside the chart.
    if (const MeasureDef* def = s.measure.empty() ? nullptr : find_measure_def(s.measure)) return def->decimals;
    if (chart.measures.size() == chart.series.size() && series < chart.measures.size())
        return measure_def(chart.measures[series]).decimals;
    if (!chart.measures.empty()) return measure_def(chart.measures.front()).decimals;
    return chart.percent ? 1 : 0;
}

const char* const kChartCsvHeader =
    "period,period_start,period_end,geographic_level,area_code,area_name,measure,category,series,value,symbol";

std::string chart_csv(const Chart& chart, const ChartArea& home) {
    std::string out = std::string(kChartCsvHeader) + "\n";
    const std::size_t rows = chart_row_count(chart);
    for (std::size_t r = 0; r < rows; ++r) {
        ChartPeriod period;
        if (chart.row_labels.empty()) {
            period = {chart.quarters[r].label(), chart.quarters[r].start(), chart.quarters[r].end()};
        } else if (!chart.row_categories.empty()) {
            if (!chart.row_periods.empty()) period = chart.row_periods.front();
        } else if (r < chart.row_periods.size()) {
            period = chart.row_periods[r];
        } else {
            period.label = chart.row_labels[r];
        }
        for (std::size_t i = 0; i < chart.series.size(); ++i) {
            const ChartSeries& s = chart.series[i];
            const std::string& measure = r < chart.row_measures.size()              ? chart.row_measures[r]
                                         : !s.measure.empty()                        ? s.measure
                                         : chart.measures.size() == chart.series.size() ? chart.measures[i]
                                         : !chart.measures.empty()                   ? chart.measures.front()
                                                                                     : s.measure;
            const MeasureDef* def = find_measure_def(measure);
            const bool at_a_date = def && def->period == PeriodKind::at_date;
            const std::string end = period.end ? period.end->iso() : "";
            const std::string start = at_a_date ? end : period.start ? period.start->iso() : "";
            const std::string category = r < chart.row_categories.size() ? chart.row_categories[r]
                                          : s.area.empty()                   ? s.category
                                                                             : std::string("Total");
            const ChartArea& area = s.area.empty() ? home : s.area;
            const int places = series_places(chart, i);
            const std::optional<double>& v = s.values[r];
            out += csv_cell(period.label) + ',' + start + ',' + end + ',' + csv_cell(area.level) + ',' + csv_cell(area.code) +
                   ',' + csv_cell(area.name) + ',' + csv_cell(measure) + ',' + csv_cell(category) + ',' + csv_cell(s.label) +
                   ',' + (v ? format_plain(*v, places) + "," : "," + std::string(1, s.symbol(r) ? s.symbol(r) : 'x')) +
                   '\n';
        }
    }
    return out;
}

std::string json_for_html(const nlohmann::ordered_json& value) {
    const std::string text = value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        // Braces inside strings (labels) as escapes, so that "{{" in a label is not taken for
        // a template tag left unrendered (site.cpp, E403). JSON's own braces never pair up.
        else if (in_string && c == '{') out += "\\u007b";
        else if (in_string && c == '}') out += "\\u007d";
        else {
            out += c;
            if (c == '"') in_string = !in_string;
            else if (c == '\\' && in_string && i + 1 < text.size()) out += text[++i];
        }
    }
    return out;
}

}  // namespace careboard
