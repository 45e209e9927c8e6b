#include "render/data_files.hpp"

#include <array>
#include <algorithm>

#include "charts/chart.hpp"
#include "core/date.hpp"
#include "core/format.hpp"
#include "measures/measure_catalogue.hpp"

namespace careboard {

const std::vector<std::pair<std::string, std::string>>& symbol_key() {
    static const std::vector<std::pair<std::string, std::string>> key{
        {"c", "confidential: a count of 1 to 5 children, or a figure that would let one be worked out"},
        {"x", "not available: no figure exists (for example a percentage of zero)"},
        {"z", "not applicable (in the DfE's published figures, and in the open data export for an indicator of another unit)"},
        {"k", "rounds to zero, but is not zero (in the DfE's published figures; the DfE's \"low\" is shown as k)"},
        {"u", "low reliability (in the DfE's published figures)"},
    };
    return key;
}

namespace {

void heading(std::string& out, const std::string& text) { out += "\n" + text + "\n" + std::string(text.size(), '-') + "\n"; }

void columns(std::string& out, std::initializer_list<std::pair<const char*, const char*>> list) {
    for (const auto& [name, what] : list) out += "  " + std::string(name) + ": " + what + "\n";
}

}  // namespace

std::vector<std::string> edition_sentences(bool board, const std::string& authority_name, const std::string& data_as_at,
                                           const std::string& source) {
    return {board ? "NOT FOR PUBLICATION. These are the board edition's figures, as counted: small numbers are not "
                    "protected. They are for " + authority_name + "'s corporate parenting board and officers only."
                  : std::string("The public edition: a count of 1 to 5 children, and any figure that would let one be "
                                "worked out, is shown as c (see the symbols)."),
            "Data as at " + data_as_at + ". Source: " + source + "."};
}

std::string data_guidance(const DataGuidanceInput& in) {
    std::string out;
    const std::string title = "Data guidance: " + in.site_title + ", " + in.authority_name;
    out += title + "\n" + std::string(title.size(), '=') + "\n\n";
    if (in.published)
        out += "The DfE's published figures, as published: the DfE protects small numbers before it publishes\n"
               "(a count of 1 to 5 children is c), and careboard keeps its symbols, neither recomputing nor\n"
               "adding up any figure.\nData as at " + in.data_as_at + ". Source: " + in.source + ".\n";
    else
        for (const std::string& sentence : edition_sentences(in.board, in.authority_name, in.data_as_at, in.source))
            out += sentence + "\n";
    out += "Every file is CSV in UTF-8 with its header on line 1, one row per figure, dates as\n"
           "yyyy-mm-dd, and figures at their full precision (at least as precise as the pages).\n";

    heading(out, "Symbols");
    for (const auto& [symbol, meaning] : symbol_key()) out += "  " + symbol + ": " + meaning + "\n";
    out += "A suppressed or missing figure is never written as 0.\n";

    heading(out, "Files");
    for (const DataFile& f : in.files) out += "  " + f.path + ": " + f.about + "\n";

    if (in.overview) {
        heading(out, "Columns of the overview's files (overview/data/)");
        out += "One row per authority and financial year, by name; the columns of the chart files (below)\n"
               "and three more:\n";
        columns(out, {{"rank", "the figure's rank among the authorities' figures that year (1 = the lowest; the "
                                "same figure as displayed, the same rank); empty when it has none"},
                      {"ranked", "how many authorities' figures were ranked that year"},
                      {"quartile", "1 (the lowest quarter of the ranked figures) to 4 (the highest)"}});
        out += "A figure withheld (c) or not available (x) has no rank. Each authority's own files are in\n"
               "its folder (<code>/data/, with its data guidance), and its open data export with them.\n";
    }
    heading(out, "Columns of the chart files (each listed above with its page)");
    out += "One row per figure of the chart: for each of its rows (a quarter, a year or a category),\n"
           "each series, in the order of the chart's table.\n";
    columns(out, {{"period", "the quarter (2023-24 Q3) or financial year (2023-24) of the figure"},
                  {"period_start", "the first day it covers; for a count at a date, the date itself"},
                  {"period_end", "the last day it covers, or the date of a count at a date"},
                  {"geographic_level", "Local authority, Regional or National as the DfE names them, or "
                                       "Statistical neighbours for their average"},
                  {"area_code", "the area's code (empty for an average of several areas)"},
                  {"area_name", "the area's name"},
                  {"measure", "the measure, as data/measure-guide.csv names it"},
                  {"category", "the category of the measure (Total for a measure as a whole), as "
                               "data/categories.csv names it"},
                  {"series", "the figure's column heading in the chart's table"},
                  {"value", "the figure: a number, empty when there is none"},
                  {"symbol", "why there is no figure, one of the symbols above; empty when there is one"}});

    heading(out, "Columns of data/measures.csv");
    out += "Every figure of every measure for every quarter, financial year (and month), and the DfE's\n"
           "published figures for England, the region and the statistical neighbours. A build of\n"
           "careboard can read it back (--data).\n";
    columns(out, {{"area_code", "the area's code"},
                  {"period_start", "the first day the figure covers; for a count at a date, the date itself"},
                  {"period_end", "the last day it covers, or the date of a count at a date"},
                  {"measure", "the measure, as data/measure-guide.csv names it"},
                  {"category", "the category of the measure (Total for a measure as a whole)"},
                  {"value", "the figure, or one of the symbols above in its place, as the DfE's files do"}});
    if (in.overview || in.published) return out;

    heading(out, "The open data export (data/open-data/)");
    out += "The same figures in the shape of the DfE's open data (explore-education-statistics), one file\n"
           "per kind of period, each with a .meta.csv that names its filters and indicators. Filters:\n"
           "measure and breakdown (Total for a measure as a whole). Each row's figure is in the\n"
           "indicator of its measure's unit; the other indicators are z. Symbols stand in place of a\n"
           "figure, as in the DfE's files.\n";
    return out;
}

namespace {

struct Indicator {
    Unit unit;
    const char* column;
    const char* label;
    const char* unit_symbol;  // the meta file's indicator_unit
};

constexpr std::array<Indicator, 7> kIndicators{{
    {Unit::children, "children_count", "Number of children", ""},
    {Unit::events, "events_count", "Number of reviews, escalations or occasions", ""},
    {Unit::percent, "percent", "Percentage", "%"},
    {Unit::rate, "rate", "Rate (per 10,000 children, per 100 children or children per IRO)", ""},
    {Unit::days, "days", "Days", ""},
    {Unit::fte, "fte", "Full-time equivalent IROs", ""},
    {Unit::staff, "staff_count", "Number of IROs", ""},
}};

// The indicator of a measure: its catalogue unit (a count of children for a measure careboard
// does not know: the catalogue's fail-closed entry).
std::size_t indicator_of(const std::string& key) {
    const Unit unit = measure_def(key).unit;
    for (std::size_t i = 0; i < kIndicators.size(); ++i)
        if (kIndicators[i].unit == unit) return i;
    return 0;
}

enum class PeriodFamily { years, quarters, months };

OpenDataFile export_file(const MeasureSet& set, const OpenDataArea& area, PeriodFamily family) {
    OpenDataFile file;
    const char* name = family == PeriodFamily::years ? "financial_years" : family == PeriodFamily::quarters ? "quarters" : "months";
    file.path = std::string("data/open-data/") + name + ".csv";
    file.what = family == PeriodFamily::years      ? "every figure for each financial year (April to March)"
                : family == PeriodFamily::quarters ? "every figure for each quarter of the financial years"
                                                   : "every figure for each month";
    std::string& out = file.csv;
    out = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,"
          "la_name,new_la_code,measure,breakdown";
    for (const Indicator& i : kIndicators) out += std::string(",") + i.column;
    out += '\n';
    const std::string geography = ",Local authority,E92000001,England," + csv_cell(area.region_code) + ',' +
                                  csv_cell(area.region_name) + ',' + csv_cell(area.old_la_code) + ',' + csv_cell(area.la_name) +
                                  ',' + csv_cell(area.new_la_code);
    std::vector<std::size_t> periods;
    for (std::size_t p = 0; p < set.period_count(); ++p)
        if ((family == PeriodFamily::years && set.is_year(p)) || (family == PeriodFamily::months && set.is_month(p)) ||
            (family == PeriodFamily::quarters && p < set.quarters.size()))
            periods.push_back(p);
    for (std::size_t p : periods) {
        std::string time;
        if (family == PeriodFamily::months) {
            const Date end = set.period_end(p);
            time = std::to_string(end.year()) + ',' + std::string(month_name(end.month()));
        } else {
            const int fy = family == PeriodFamily::years ? set.years[p - set.quarters.size()] : set.quarters[p].fy_start;
            time = std::to_string(fy) + std::to_string((fy + 1) % 100 + 100).substr(1) + ",Financial year";
            if (family == PeriodFamily::quarters) time += " Q" + std::to_string(set.quarters[p].q);
        }
        for (const Measure& m : set.measures) {
            const std::string label = measure_label(m.key);
            const std::size_t indicator = indicator_of(m.key);
            for (std::size_t c = 0; c < m.categories.size(); ++c) {
                const std::optional<double>& v = m.values[c][p];
                const char symbol = m.symbol(c, p);
                if (!v && !symbol) continue;
                out += time + geography + ',' + csv_cell(label) + ',' + csv_cell(category_label(m.key, m.categories[c]));
                for (std::size_t i = 0; i < kIndicators.size(); ++i)
                    out += ',' + (i != indicator ? std::string("z") : v ? format_plain(*v, m.decimals) : std::string(1, symbol));
                out += '\n';
            }
        }
    }
    // The metadata: the two filters, then every indicator with its unit and places.
    file.meta = "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\n"
                "measure,Filter,Measure,,,,What is counted,\n"
                "breakdown,Filter,Breakdown,,,,The category of the measure (Total for all),\n";
    for (std::size_t i = 0; i < kIndicators.size(); ++i) {
        int places = 0;
        for (const Measure& m : set.measures)
            if (indicator_of(m.key) == i) places = std::max(places, m.decimals);
        file.meta += std::string(kIndicators[i].column) + ",Indicator," + csv_cell(kIndicators[i].label) + ",," +
                     kIndicators[i].unit_symbol + ',' + std::to_string(places) + ",,\n";
    }
    return file;
}

}  // namespace

std::vector<OpenDataFile> open_data_export(const MeasureSet& set, const OpenDataArea& area) {
    std::vector<OpenDataFile> files;
    if (!set.years.empty()) files.push_back(export_file(set, area, PeriodFamily::years));
    if (!set.quarters.empty()) files.push_back(export_file(set, area, PeriodFamily::quarters));
    if (!set.months.empty()) files.push_back(export_file(set, area, PeriodFamily::months));
    return files;
}

}  // namespace careboard
