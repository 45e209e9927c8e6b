#pragma once
// One authority's pages in a site built from the DfE's published figures alone
// ([authorities] from = "published", docs/authorities.md): its figures beside its region's,
// England's and its statistical neighbours', with its ranks, from the files that any authority's
// "How we compare" page reads. Published figures are disclosure-controlled already: their
// symbols are kept, never recomputed, and nothing is added up.
#include <optional>
#include <string>

#include "config/config.hpp"
#include "core/diagnostics.hpp"
#include "measures/measure_set.hpp"
#include "render/site.hpp"

namespace careboard {

struct PublishedAuthorityInput {
    const Config* config = nullptr;     // the site's title and contact
    const MeasureSet* measures = nullptr;  // published_measure_set: the authority's figures, with its benchmarks
    std::string name;                   // the authority's name
    std::string overview_label;         // the overview's name in the navigation
    std::string source;                 // where the figures come from
    std::string data_as_at;             // the latest year published
    std::optional<std::string> build_date;
};

// index.html (the latest published figures beside England's, the region's and the neighbours'),
// how-we-compare.html, and health.html, care-leavers.html and missing.html where the files give
// their figures; each chart's CSV, data/measures.csv (the authority's figures, then the areas
// compared with), data/measure-guide.csv, data/categories.csv and data/data-guidance.txt. Paths
// are relative to the authority's folder; the shared assets, about and accessibility pages are
// the site's, one level up.
OutputTree render_published_authority(const PublishedAuthorityInput& input, Diagnostics& diagnostics);

}  // namespace careboard
