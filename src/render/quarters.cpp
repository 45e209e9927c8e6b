#include "render/quarters.hpp"

#include <cmath>
#include <set>

#include "charts/catalogue.hpp"
#include "compare/compare.hpp"
#include "compare/targets.hpp"
#include "core/format.hpp"
#include "render/site.hpp"

namespace careboard {
namespace {

using kainjow::mustache::data;

std::string shown(const FigureChange& f, bool at_b) {
    const std::optional<double>& v = at_b ? f.b : f.a;
    const char symbol = at_b ? f.symbol_b : f.symbol_a;
    if (!v) return std::string(1, symbol ? symbol : 'x');
    return f.percent ? format_percent(*v) : format_number(*v, f.decimals);
}

// The measures a snapshot shows, grouped under headings, in this order.
struct Group {
    const char* heading;
    std::vector<const char*> measures;
};

const std::vector<Group>& snapshot_groups() {
    static const std::vector<Group> groups{
        {"Children looked after at the quarter end",
         {"looked_after", "looked_after_rate_per_10000", "looked_after_by_legal_status_group", "looked_after_by_legal_status",
          "looked_after_by_placement_group", "looked_after_by_placement", "looked_after_by_provider",
          "looked_after_fostering_by_provider", "looked_after_by_age", "looked_after_by_sex", "looked_after_by_ethnicity",
          "placements_3_or_more", "placements_3_or_more_percent"}},
        {"Children starting and ceasing care in the quarter",
         {"started", "started_by_need", "started_by_legal_status", "ceased", "ceased_by_reason"}},
        {"Reviews in the quarter",
         {"reviews_held", "reviews_in_timescale", "reviews_in_timescale_percent", "reviews_timescale_not_assessed",
          "reviews_by_participation", "reviews_participation_percent"}},
        {"IRO escalations and caseloads",
         {"escalations_raised", "escalations_by_route", "escalations_by_route_type", "escalations_by_theme",
          "escalations_by_stage", "escalations_by_team", "escalations_resolved", "escalations_resolved_within_20_days",
          "escalations_resolved_within_20_days_percent", "escalation_days_to_resolve_median", "escalations_resolved_by_level",
          "escalations_open", "escalations_open_over_20_days", "escalations_per_100_looked_after", "iro_fte", "iro_caseload"}},
    };
    return groups;
}

std::string slug_of(const std::string& key) {
    std::string out = key;
    for (char& ch : out)
        if (ch == '_') ch = '-';
    return out;
}

// Target flags for a quarter: "Reviews held in timescale: 94%, below the 95% target".
std::vector<std::string> target_flags(const MeasureSet& set, const std::vector<Target>& targets, std::size_t q) {
    std::vector<std::string> out;
    for (const Target& t : targets) {
        const Measure* m = set.find(t.measure);
        if (!m || m->category_index("Total") < 0) continue;
        const auto c = static_cast<std::size_t>(m->category_index("Total"));
        if (m->symbol(c, q) || !m->values[c][q]) continue;
        const bool percent = is_percentage_measure(m->key);
        const std::string words = target_words(t, m->values[c][q], percent ? 0 : m->decimals, percent);
        if (words.empty()) continue;
        out.push_back(sentence_label(m->key) + ": " + display_figure(*m, c, q) + ", " + words);
    }
    return out;
}

data quarter_links(const MeasureSet& set, std::size_t q, const std::string& root) {
    data links = view_list();
    auto add = [&](std::size_t other, const std::string& text) {
        data item;
        const Quarter& a = set.quarters[std::min(q, other)];
        const Quarter& b = set.quarters[std::max(q, other)];
        item.set("href", root + comparison_path(a, b));
        item.set("text", text);
        links.push_back(item);
    };
    if (q >= 1) add(q - 1, "Compare " + set.quarters[q].label() + " with the quarter before, " + set.quarters[q - 1].label());
    if (q >= 4) add(q - 4, "Compare " + set.quarters[q].label() + " with the same quarter a year before, " + set.quarters[q - 4].label());
    return links;
}

data chooser_view(const MeasureSet& set, const std::string& root) {
    data view;
    data quarters = view_list();
    for (std::size_t i = 0; i < set.quarters.size(); ++i) {
        data item;
        item.set("label", set.quarters[i].label());
        item.set("slug", set.quarters[i].slug());
        item.set("snapshot_href", root + snapshot_path(set.quarters[i]));
        data pairs = view_list();
        for (std::size_t j = i + 1; j < set.quarters.size(); ++j) {
            data pair;
            pair.set("label", set.quarters[j].label());
            pair.set("href", root + comparison_path(set.quarters[i], set.quarters[j]));
            pairs.push_back(pair);
        }
        item.set("pairs", pairs);
        if (i + 1 < set.quarters.size()) item.set("has_pairs", true);
        quarters.push_back(item);
    }
    view.set("quarters", quarters);
    view.set("root", root);
    // For the two-select chooser careboard.js draws when scripts run: slug and label per quarter.
    std::string options;
    for (const Quarter& q : set.quarters) options += (options.empty() ? "" : ";") + q.slug() + "|" + q.label();
    view.set("quarter_options", options);
    view.set("first_label", set.quarters.front().label());
    view.set("last_label", set.quarters.back().label());
    return view;
}

}  // namespace

std::string snapshot_path(const Quarter& quarter) { return "quarters/" + quarter.slug() + ".html"; }
std::string comparison_path(const Quarter& a, const Quarter& b) { return "compare/" + a.slug() + "--" + b.slug() + ".html"; }

void render_quarter_pages(const SiteInput& input, const PageSink& sink) {
    const MeasureSet& set = *input.measures;
    const Config& config = *input.config;
    const std::size_t nq = set.quarters.size();
    const std::string root = "../";

    // Snapshots.
    for (std::size_t q = 0; q < nq; ++q) {
        data view;
        const Quarter& quarter = set.quarters[q];
        view.set("quarter", quarter.label());
        view.set("quarter_start", quarter.start().long_text());
        view.set("quarter_end", quarter.end().long_text());
        view.set("authority_name", config.authority_name);
        view.set("links", quarter_links(set, q, root));
        view.set("chooser_href", root + "compare/index.html");
        if (q > 0) view.set("previous_href", root + snapshot_path(set.quarters[q - 1]));
        if (q > 0) view.set("previous_label", set.quarters[q - 1].label());
        if (q + 1 < nq) view.set("next_href", root + snapshot_path(set.quarters[q + 1]));
        if (q + 1 < nq) view.set("next_label", set.quarters[q + 1].label());
        data flags = view_list();
        for (const std::string& f : target_flags(set, config.targets, q)) flags.push_back(data{f});
        view.set("flags", flags);
        if (!target_flags(set, config.targets, q).empty()) view.set("has_flags", true);
        data groups = view_list();
        for (const Group& g : snapshot_groups()) {
            data group;
            group.set("heading", g.heading);
            data tables = view_list();
            bool any = false;
            for (const char* key : g.measures) {
                const Measure* m = set.find(key);
                if (!m || m->categories.empty()) continue;
                any = true;
                data table;
                table.set("id", slug_of(key) + "-" + quarter.slug());
                table.set("caption", measure_label(key) + ", " + quarter.label());
                data rows = view_list();
                for (std::size_t c = 0; c < m->categories.size(); ++c) {
                    data row;
                    row.set("category", category_label(key, m->categories[c]));
                    row.set("value", display_figure(*m, c, q));
                    rows.push_back(row);
                }
                table.set("rows", rows);
                tables.push_back(table);
            }
            if (!any) continue;
            group.set("tables", tables);
            groups.push_back(group);
        }
        view.set("groups", groups);
        sink.page(snapshot_path(quarter), "Snapshot: " + quarter.label(), sink.render("snapshot", view));
    }

    // Comparisons of every pair, earlier first, the overview's key figures leading each.
    const std::vector<std::string> headline = key_figure_measures();
    for (std::size_t a = 0; a < nq; ++a) {
        for (std::size_t b = a + 1; b < nq; ++b) {
            const std::vector<FigureChange> changes = compare_quarters(set, a, b, headline);
            data view;
            const std::string la = set.quarters[a].label(), lb = set.quarters[b].label();
            view.set("a", la);
            view.set("b", lb);
            view.set("authority_name", config.authority_name);
            view.set("snapshot_a", root + snapshot_path(set.quarters[a]));
            view.set("snapshot_b", root + snapshot_path(set.quarters[b]));
            view.set("chooser_href", root + "compare/index.html");
            // The table of every figure is long (hundreds of rows on each of many pages), so its rows
            // are written here, every value escaped, rather than through a view per cell.
            data appeared = view_list(), vanished = view_list();
            // The table's columns, once: its headings and each cell's data-label (the heading a
            // phone shows beside the cell) come from this list.
            struct Column {
                std::string label;
                bool numeric;
            };
            const Column columns[] = {{"Measure", false}, {"Category", false}, {la, true},          {lb, true},
                                      {"Change", true},   {"Change (%)", true}, {"In words", false}};
            data column_views = view_list();
            for (const Column& c : columns) {
                data column;
                column.set("label", c.label);
                if (c.numeric) column.set("numeric", true);
                column_views.push_back(column);
            }
            view.set("columns", column_views);
            std::string rows;
            bool any_appeared = false, any_vanished = false;
            for (const FigureChange& f : changes) {
                const std::string name = f.measure_label + (f.category == "Total" ? "" : ": " + f.category_label);
                if (f.appeared) {
                    appeared.push_back(data{name + " (" + shown(f, true) + " in " + lb + ", none in " + la + ")"});
                    any_appeared = true;
                }
                if (f.vanished) {
                    vanished.push_back(data{name + " (" + shown(f, false) + " in " + la + ", none in " + lb + ")"});
                    any_vanished = true;
                }
                const std::string change =
                    f.change ? (*f.change > 0 ? "+" : "") +
                                   (f.percent ? format_number(*f.change) +
                                                    (std::fabs(*f.change) == 1 ? " percentage point" : " percentage points")
                                              : format_number(*f.change, f.decimals))
                             : std::string(f.symbol_a == 'c' || f.symbol_b == 'c' ? "c" : "x");
                const std::string percent_change =
                    f.percent_change ? (*f.percent_change > 0 ? "+" : "") + format_percent(*f.percent_change) : std::string("x");
                // Each cell names its column (data-label) for a phone, where every row is a block
                // of labelled lines (careboard.scss, .cb-table--reflow); the roles keep the table a
                // table to assistive technology when its display is changed.
                rows += "<tr class=\"govuk-table__row\" role=\"row\"><th scope=\"row\" class=\"govuk-table__header\" "
                        "role=\"rowheader\">" +
                        html_escape(f.measure_label) + "</th><td class=\"govuk-table__cell\" role=\"cell\" data-label=\"" +
                        html_escape(columns[1].label) + "\">" +
                        html_escape(f.category == "Total" ? std::string("Total") : f.category_label) + "</td>";
                const std::string cells[] = {shown(f, false), shown(f, true), change, percent_change, change_in_words(f)};
                for (std::size_t i = 0; i < std::size(cells); ++i)
                    rows += std::string("<td class=\"govuk-table__cell") + (columns[i + 2].numeric ? " govuk-table__cell--numeric" : "") +
                            "\" role=\"cell\" data-label=\"" + html_escape(columns[i + 2].label) + "\">" + html_escape(cells[i]) + "</td>";
                rows += "</tr>\n";
            }
            view.set("appeared", appeared);
            view.set("vanished", vanished);
            if (any_appeared) view.set("has_appeared", true);
            if (any_vanished) view.set("has_vanished", true);
            view.set("rows_html", rows);
            data crossings = view_list();
            bool any_crossing = false;
            for (const TargetCrossing& c : target_crossings(set, config.targets, a, b)) {
                crossings.push_back(data{c.sentence});
                any_crossing = true;
            }
            view.set("crossings", crossings);
            if (any_crossing) view.set("has_crossings", true);
            data flags = view_list();
            for (const std::string& f : target_flags(set, config.targets, b)) flags.push_back(data{f});
            view.set("flags", flags);
            sink.page(comparison_path(set.quarters[a], set.quarters[b]), "Compare " + la + " with " + lb,
                      sink.render("compare", view));
        }
    }

    // The chooser: plain links always; two selects when scripts run (careboard.js).
    sink.page("compare/index.html", "Compare quarters", sink.render("compare-index", chooser_view(set, root)));

    // Editions: what this build changed from an earlier one.
    if (input.previous) {
        data view;
        view.set("previous_name", input.previous_name);
        data rows = view_list();
        const std::vector<Revision> revised = revisions(set, *input.previous);
        for (const Revision& r : revised) {
            data row;
            row.set("measure", measure_label(r.measure));
            row.set("category", r.category == "Total" ? std::string("Total") : category_label(r.measure, r.category));
            row.set("quarter", r.quarter.label());
            row.set("before", r.before);
            row.set("now", r.now);
            rows.push_back(row);
        }
        view.set("revisions", rows);
        view.set("revision_count", format_number(static_cast<double>(revised.size())));
        if (!revised.empty()) view.set("has_revisions", true);
        data crossings = view_list();
        const auto fresh = new_target_crossings(set, *input.previous, config.targets);
        for (const TargetCrossing& c : fresh) crossings.push_back(data{c.sentence});
        view.set("crossings", crossings);
        if (!fresh.empty()) view.set("has_crossings", true);
        sink.page("editions.html", "What changed since the last edition", sink.render("editions", view));
    }
}

}  // namespace careboard
