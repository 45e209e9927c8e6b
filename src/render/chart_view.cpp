#include "render/chart_view.hpp"

namespace careboard {

using kainjow::mustache::data;

data chart_view(const Chart& chart, const std::string& source) {
    data view;
    view.set("id", chart.id);
    view.set("title", chart.title);
    // The short name labels the chart where its message would be too long: the contents list,
    // the table's caption and the download link.
    view.set("name", chart.name.empty() ? chart.title : chart.name);
    view.set("subtitle", chart.subtitle);
    view.set("description", chart.description);
    // The visible caption is short: what the chart is and where its figures are. The full text
    // alternative is the chart's accessible name and opens with its table.
    const std::size_t row_count = chart_row_count(chart);
    std::string summary = chart_kind_words(chart.kind);
    if (row_count > 1 && chart.kind != ChartKind::strip)
        summary += ", " + chart_row_label(chart, 0) + " to " + chart_row_label(chart, row_count - 1);
    summary += ".";
    if (const std::string note = axis_note(chart); !note.empty()) summary += " " + note;
    view.set("summary", summary);
    view.set("source", chart.source.empty() ? source : chart.source);
    view.set("row_title", chart.row_title.empty() ? std::string("Quarter") : chart.row_title);
    view.set("spec_json", json_for_html(vega_lite_spec(chart)));
    data columns{data::type::list};
    for (const ChartSeries& s : chart.series) columns.push_back(data{s.label});
    view.set("columns", columns);
    data rows{data::type::list};
    for (std::size_t q = 0; q < chart_row_count(chart); ++q) {
        data row;
        row.set("quarter", chart_row_label(chart, q));
        data cells{data::type::list};
        for (const ChartSeries& s : chart.series) cells.push_back(data{display_value(chart, s, q)});
        row.set("cells", cells);
        rows.push_back(row);
    }
    view.set("rows", rows);
    return view;
}

}  // namespace careboard
