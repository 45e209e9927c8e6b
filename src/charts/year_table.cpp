#include "charts/year_table.hpp"

#include "compare/compare.hpp"
#include "core/format.hpp"

namespace careboard {
std::optional<double> shown_value(const Measure& m, std::size_t c, std::size_t p) {
    if (m.symbol(c, p)) return std::nullopt;
    return m.values[c][p];
}

namespace {

// The change from the year before the last to the last, in words, or why there is none.
std::string change_cell(const Measure& m, std::size_t c, std::size_t before, std::size_t now) {
    const MeasureDef& def = measure_def(m.key);
    if (m.symbol(c, now) == 'c' || m.symbol(c, before) == 'c') return "c";
    const std::string words =
        describe_change(shown_value(m, c, now), shown_value(m, c, before), def.is_percent(), display_decimals(def));
    return words.empty() ? "x" : words;
}

}  // namespace

std::vector<std::size_t> report_years(const MeasureSet& set, int fy_start, std::size_t most) {
    std::vector<std::size_t> out;
    const std::optional<std::size_t> last = set.year_period_of(fy_start);
    if (!last) return out;
    for (std::size_t y = 0; y < set.years.size(); ++y)
        if (set.years[y] <= fy_start && set.years[y] > fy_start - static_cast<int>(most)) out.push_back(set.year_period(y));
    return out;
}

std::string display_cell(const Measure& m, std::size_t c, std::size_t p) {
    if (const char s = m.symbol(c, p)) return std::string(1, s);
    const std::optional<double>& v = m.values[c][p];
    return v ? display_figure(measure_def(m.key), *v) : "x";
}

std::optional<double> share_of(const Measure& part, std::size_t c, std::size_t p, const Measure* whole,
                               std::size_t wc) {
    if (!whole) return std::nullopt;
    const std::optional<double> n = shown_value(part, c, p), d = shown_value(*whole, wc, p);
    if (!n || !d || *d <= 0) return std::nullopt;
    return *n / *d * 100.0;
}

std::string share_cell(const Measure& part, std::size_t c, std::size_t p, const Measure* whole, std::size_t wc) {
    if (part.symbol(c, p) == 'c' || (whole && whole->symbol(wc, p) == 'c')) return "c";
    const std::optional<double> share = share_of(part, c, p, whole, wc);
    return share ? format_percent(*share) : "x";
}

std::optional<YearTable> figures_table(const MeasureSet& set, const std::vector<std::size_t>& years,
                                       const std::vector<std::string>& keys, const std::string& id,
                                       const std::string& caption) {
    if (years.empty()) return std::nullopt;
    YearTable t;
    t.id = id;
    t.caption = caption;
    t.row_header = "Figure";
    for (std::size_t p : years) t.columns.push_back(set.period_label(p));
    const bool with_change = years.size() >= 2;
    if (with_change) t.columns.push_back("Change on " + set.period_label(years[years.size() - 2]));
    for (const std::string& key : keys) {
        const Measure* m = set.find(key);
        const int c = m ? m->category_index("Total") : -1;
        if (c < 0) continue;
        const auto ci = static_cast<std::size_t>(c);
        YearTable::Row row{measure_label(key), {}};
        bool any = false;
        for (std::size_t p : years) {
            row.cells.push_back(display_cell(*m, ci, p));
            any = any || m->values[ci][p] || m->symbol(ci, p);
        }
        if (!any) continue;
        if (with_change) row.cells.push_back(change_cell(*m, ci, years[years.size() - 2], years.back()));
        t.rows.push_back(std::move(row));
    }
    if (t.rows.empty()) return std::nullopt;
    t.note = "Figures for each financial year (1 April to 31 March): counts over the year, or on 31 March for "
             "figures at a date.";
    if (with_change) t.note += " Percentages change in percentage points.";
    return t;
}

std::optional<YearTable> periods_table(const MeasureSet& set, const std::vector<std::size_t>& periods,
                                       const std::vector<std::string>& keys, const std::string& id,
                                       const std::string& caption, const std::string& row_header) {
    std::vector<std::pair<const Measure*, std::size_t>> columns;
    YearTable t;
    t.id = id;
    t.caption = caption;
    t.row_header = row_header;
    for (const std::string& key : keys) {
        const Measure* m = set.find(key);
        const int c = m ? m->category_index("Total") : -1;
        if (c < 0) continue;
        columns.emplace_back(m, static_cast<std::size_t>(c));
        t.columns.push_back(measure_label(key));
    }
    if (columns.empty() || periods.empty()) return std::nullopt;
    for (std::size_t p : periods) {
        YearTable::Row row{set.period_label(p), {}};
        for (const auto& [m, c] : columns) row.cells.push_back(display_cell(*m, c, p));
        t.rows.push_back(std::move(row));
    }
    t.note = "Counts at a date are at each month's last day; flows over the month.";
    return t;
}

std::vector<std::size_t> months_of_year(const MeasureSet& set, int fy_start) {
    std::vector<std::size_t> out;
    for (std::size_t m = 0; m < set.months.size(); ++m)
        if (set.months[m].start() >= Date::from_ymd(fy_start, 4, 1) && set.months[m].end() <= Date::from_ymd(fy_start + 1, 3, 31))
            out.push_back(set.month_period(m));
    return out;
}

std::optional<YearTable> breakdown_table(const MeasureSet& set, const std::vector<std::size_t>& years,
                                         const std::string& key, const std::string& id, const std::string& caption) {
    const Measure* m = set.find(key);
    if (!m || m->categories.empty() || years.empty()) return std::nullopt;
    const MeasureDef& def = measure_def(key);
    const CellName whole = share_base(def);
    const Measure* total = whole.measure.empty() ? nullptr : set.find(whole.measure);
    const int tc = total ? total->category_index(whole.category) : -1;
    if (tc < 0) total = nullptr;
    const std::size_t wc = tc < 0 ? 0 : static_cast<std::size_t>(tc);

    YearTable t;
    t.id = id;
    t.caption = caption;
    t.row_header = "Category";
    for (std::size_t p : years) {
        t.columns.push_back(set.period_label(p));
        if (total) t.columns.push_back(set.period_label(p) + " %");
    }
    const bool with_change = years.size() >= 2;
    if (with_change) t.columns.push_back("Change on " + set.period_label(years[years.size() - 2]));
    for (std::size_t c = 0; c < m->categories.size(); ++c) {
        bool any = false;
        for (std::size_t p : years) any = any || m->symbol(c, p) || m->values[c][p].value_or(0) != 0;
        if (!any) continue;  // a category with no child in any of these years
        YearTable::Row row{category_label(key, m->categories[c]), {}};
        for (std::size_t p : years) {
            row.cells.push_back(display_cell(*m, c, p));
            if (total) row.cells.push_back(share_cell(*m, c, p, total, wc));
        }
        if (with_change) row.cells.push_back(change_cell(*m, c, years[years.size() - 2], years.back()));
        t.rows.push_back(std::move(row));
    }
    if (total) {
        YearTable::Row row{def.overlapping ? measure_label(whole.measure) : "Total", {}};
        for (std::size_t p : years) {
            row.cells.push_back(display_cell(*total, wc, p));
            row.cells.push_back(def.overlapping ? "" : "100%");
        }
        if (with_change) row.cells.push_back(change_cell(*total, wc, years[years.size() - 2], years.back()));
        t.rows.push_back(std::move(row));
    }
    if (t.rows.empty()) return std::nullopt;
    t.note = def.overlapping
                 ? "One item can count under several categories, so the percentages (of " +
                       lower_first(measure_label(whole.measure)) + ") add up to more than 100%."
                 : "Percentages are of the total in the same year; c marks a figure not shown to protect "
                   "confidentiality, and a percentage made from one.";
    return t;
}

}  // namespace careboard
