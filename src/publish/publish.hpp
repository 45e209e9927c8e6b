#pragma once
#include <string>

#include "core/diagnostics.hpp"
#include "render/site.hpp"

namespace careboard {

// Finds the chart libraries to copy into sites: $CAREBOARD_ASSETS, then careboard-assets/
// beside the executable, then the source tree's assets/node_modules. Empty when none is found.
std::string find_vendor_dir(const std::string& executable_path);

// Adds the chart libraries (vega, vega-lite, vega-embed) to the tree under assets/vendor/.
bool add_vendor_files(OutputTree& tree, const std::string& vendor_dir, Diagnostics& diagnostics);

// Writes the tree as the folder `out_dir`, all or nothing: the files go to a new sibling folder
// which then replaces `out_dir`. If anything fails, `out_dir` is left as it was (error E501).
bool publish_site(const OutputTree& tree, const std::string& out_dir, Diagnostics& diagnostics);

}  // namespace careboard
