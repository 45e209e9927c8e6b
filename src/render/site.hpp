#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <mustache.hpp>

#include "benchmarks/benchmarks.hpp"
#include "charts/catalogue.hpp"
#include "charts/chart.hpp"
#include "config/config.hpp"
#include "core/diagnostics.hpp"
#include "disclosure/disclosure.hpp"
#include "measures/measure_set.hpp"
#include "render/data_files.hpp"

namespace careboard {

// Every file of a site, by path relative to the site's root. Sorted, so output order is fixed.
using OutputTree = std::map<std::string, std::string>;

struct ProvenanceFile {
    std::string path;
    std::string table;
    std::string return_label;  // "2023-24" or "undated"
    int rows_read = 0;
    int rows_kept = 0;
};

// Everything the pages say besides the measures. Holds no child-level data: warnings are
// counted by kind, never quoted.
struct SiteInput {
    const Config* config = nullptr;
    const MeasureSet* measures = nullptr;
    std::string data_as_at;                 // "31 March 2025"
    std::optional<std::string> build_date;  // only when given (--build-date, SOURCE_DATE_EPOCH)
    std::string provenance_sentence;
    std::vector<ProvenanceFile> files;
    std::map<std::string, int> warning_counts;  // code -> number of warnings
    std::string profile = "public";             // or "board"
    SuppressionReport suppression;              // what the public profile suppresses
    std::optional<MeasureSet> previous;         // an earlier edition's figures (--previous)
    std::string previous_name;                  // where they came from, for the page
    // Figures the export and the DfE's published statistics both give (looked after on 31 March,
    // started and ceased in a year), for the about page's data-quality section; empty without
    // [benchmarks]. published_checks_summary() words them in one sentence.
    std::vector<PublishedCheck> published_checks;
    // data/tables.xlsx, which libxlsxwriter writes through a temporary file: off only where
    // nothing may touch the disk (the pipeline fuzz target).
    bool spreadsheet = true;
    // In a site of several authorities (docs/authorities.md): the way up from this authority's
    // folder to the site's root, which holds the shared assets and the overview pages ("../");
    // empty for a site of one authority. And the overview's name in the navigation.
    std::string shared_root;
    std::string overview_label;
};

// Suppressed cells per trend page (by the page's title), from a suppression report.
std::map<std::string, SuppressionReport::Counts> suppression_by_page(const MeasureSet& set,
                                                                     const SuppressionReport& report);

// Renders every page, chart spec and CSV into memory. Template problems are reported as errors.
OutputTree render_site(const SiteInput& input, Diagnostics& diagnostics);

// "Up 12 (3%) on 2024-25 Q3", "Down 2 percentage points on 2023-24 Q4", "No change on ...",
// comparing the figures as displayed (whole percentages; `decimals` places otherwise).
std::string change_words(std::optional<double> now, std::optional<double> before, bool percent,
                         const std::string& quarter_label, int decimals = 0);

// The measures of the overview's key figures, in their order: the headline figures that also
// lead every comparison of two quarters.
std::vector<std::string> key_figure_measures();

// What every page's frame (site-templates/layout.mustache) says besides its body: the header, the
// navigation, the symbols key, the footer and the running text printed on every page.
struct NavItem {
    std::string href, label;  // href relative to the site's (or the authority's) root
};
struct PageFrame {
    std::string site_title, authority_name, data_as_at, source;
    std::optional<std::string> build_date;
    bool board = false;
    std::string shared_root;  // SiteInput::shared_root
    // The about and accessibility pages are the site's, at the shared root, not the authority's
    // own (a site of published figures).
    bool shared_about = false;
    std::vector<NavItem> nav;
};

// A page: its body inside the frame, for the page at `href` (relative to the root; a page in a
// sub-folder reaches the root one level up).
class Renderer;
std::string render_page(Renderer& renderer, const PageFrame& frame, const std::string& href, const std::string& page_title,
                        const std::string& body);

// The trend template's view of a table (a PageTable): its columns and rows, each row's link, the
// links above it, and a reflowing table's cells labelled with their columns.
kainjow::mustache::data page_table_view(const PageTable& table);

// The site's own stylesheet and script (assets/careboard.css, careboard.js ...) into `out`.
void add_site_assets(OutputTree& out);

// Strictness kainjow lacks: a tag left in a page of `out` means a template problem (E403).
void check_rendered(const OutputTree& out, Diagnostics& diagnostics);

// The trend template's view of a page: its charts (each chart's CSV written to data/<id>.csv in
// `out` and listed in `files`) and tables. `empty_words` is said when it has neither.
kainjow::mustache::data trend_page_view(const TrendPage& page, const std::string& period_sentence,
                                        const std::string& empty_words, const std::string& source, const ChartArea& home,
                                        OutputTree& out, std::vector<DataFile>& files);

// A sentence describing a kind of warning, for the about page and `careboard check`.
std::string warning_description(const std::string& code);

}  // namespace careboard
