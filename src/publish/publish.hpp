#pragma once
#include <chrono>
#include <functional>
#include <string>

#include "core/diagnostics.hpp"
#include "publish/disk.hpp"
#include "render/site.hpp"

namespace careboard {

// Finds the chart libraries to copy into sites: $CAREBOARD_ASSETS, then careboard-assets/
// beside the executable, then the source tree's assets/node_modules. Empty when none is found.
std::string find_vendor_dir(const std::string& executable_path);

// Adds the chart libraries (vega, vega-lite, vega-embed) to the tree under assets/vendor/.
bool add_vendor_files(OutputTree& tree, const std::string& vendor_dir, Diagnostics& diagnostics);

struct PublishOptions {
    // How long to wait for another careboard writing the same output folder (then E506).
    std::chrono::milliseconds lock_wait{std::chrono::seconds(60)};
    // fsync every file and folder before the swap, and the parent folder after it. Off for
    // scratch folders that are read once and removed.
    bool durable = true;
    // Told once, when another careboard holds the folder's lock and this one starts waiting.
    std::function<void(const std::string&)> on_wait;
};

// Writes the tree as the folder `out_dir`, all or nothing (docs/publishing.md): under a lock
// beside the folder, after recovering whatever a stopped build left, the files go to a new
// sibling folder which then takes the folder's place in one atomic exchange (two renames where
// the file system has no exchange, which the next build completes if stopped between them). If
// anything fails, `out_dir` is left as it was (E501). A symbolic link given as `out_dir` stays a
// link: the folder it names is replaced.
bool publish_site(const OutputTree& tree, const std::string& out_dir, Diagnostics& diagnostics);
bool publish_site(const OutputTree& tree, const std::string& out_dir, Diagnostics& diagnostics, Disk& disk,
                  const PublishOptions& options = {});

// Recovers what a stopped build left beside `out_dir`: puts the previous site back if the build
// was stopped half-way through the swap, and removes staging and retired folders. Called at the
// start of every build, so that a build that then fails on its data still leaves the previous
// site in place. Does nothing, and takes no lock, when nothing was left, or when another build
// holds the lock (it recovers before it publishes). False (E507) when recovery fails.
bool recover_output(const std::string& out_dir, Diagnostics& diagnostics, Disk& disk = real_disk());

}  // namespace careboard
