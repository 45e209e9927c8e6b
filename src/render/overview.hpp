#pragma once
// The overview pages of a site of several authorities (docs/authorities.md): every authority side
// by side for each of the key figures, ranked, with quartiles, a ranked dot chart and small
// multiples of the years. They show each authority's published figures only (after its own
// disclosure control): nothing is added up across authorities, so no new figure is published.
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/diagnostics.hpp"
#include "measures/measure_set.hpp"
#include "render/site.hpp"

namespace careboard {

struct OverviewAuthority {
    std::string code;  // its folder: its pages are under <code>/
    std::string name;
    const MeasureSet* measures = nullptr;  // its figures as its own pages publish them
};

struct OverviewFailure {
    std::string code, name;
    std::string why;  // its first error, as careboard printed it
};

struct OverviewInput {
    const Config* config = nullptr;  // the site's title, source and contact
    std::string group_name;          // [authorities] name
    std::string source;              // the source line of the overview's pages and charts
    std::vector<OverviewAuthority> authorities;  // built, in the config's (or the LA values') order
    std::vector<OverviewFailure> failures;       // not built (keep_going)
    std::string data_as_at;
    std::optional<std::string> build_date;
    std::string profile = "public";
    // The measures compared, in their order; empty: overview_measures' key figures.
    std::vector<std::string> measures;
    // The authorities' figures are the DfE's published ones (from = "published").
    bool published = false;
};

// One authority's figure for a measure and year in the overview's order: ranked figures first,
// lowest rank first (1 = the lowest figure, as on the comparison page), then those with no rank
// (withheld or missing), by name.
struct OverviewRow {
    std::size_t authority = 0;  // index in OverviewInput::authorities
    std::optional<double> value;
    char symbol = 0;            // 'c', 'x' ... when there is no value
    int rank = 0, of = 0, quartile = 0;  // 0: not ranked
};

// The rows of a measure's table for a financial year (2023 for 2023-24): ranked by the figures
// as they are displayed (so that two authorities shown as 48% share a rank).
std::vector<OverviewRow> overview_rows(const OverviewInput& input, const std::string& measure, int fy_start);

// The overview's measures: the key figures that any authority has for a whole year.
std::vector<std::string> overview_measures(const OverviewInput& input);

// index.html, overview/<measure>.html (by rank) and overview/<measure>-by-name.html, their CSV
// files under overview/data/, about.html and accessibility.html, in memory.
OutputTree render_overview(const OverviewInput& input, Diagnostics& diagnostics);

}  // namespace careboard
