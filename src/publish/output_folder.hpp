#pragma once
// The output folder and the names beside it that a publish uses while it replaces the folder:
// where a symbolic link leads, the lock, the staging and retired folders, and how a later build
// recovers what a stopped one left (docs/publishing.md).
#include <optional>
#include <string>
#include <system_error>

#include "core/diagnostics.hpp"
#include "publish/disk.hpp"

namespace careboard {

// Marks a folder as written by careboard; only a marked (or empty) folder is ever replaced.
inline constexpr const char* kSiteMarker = ".careboard-site";

// The folder a publish replaces, and its parent, where the names beside it live.
struct OutputFolder {
    std::string target;  // absolute; never a symbolic link (a link given as --out is followed)
    std::string parent;
    std::string name;    // target's last component

    std::string lock_path() const;             // parent/.name.lock
    std::string staging_path(long pid) const;  // parent/.name.new.PID: the new site being written
    std::string retired_path(long pid) const;  // parent/.name.old.PID: the previous site moved aside
    // True when `sibling` (a name in parent) is a staging or retired folder of this output.
    bool is_leftover(const std::string& sibling) const;
    bool is_retired(const std::string& sibling) const;
};

// `out_dir` made absolute, with a symbolic link at its end followed to the folder it names (made
// there if missing), so that a symlinked output folder stays a link. E501 when it cannot be.
std::optional<OutputFolder> resolve_output_folder(const std::string& out_dir, Disk& disk, Diagnostics& diagnostics);

// Makes the folder and any missing parents.
std::error_code make_dirs(Disk& disk, const std::string& path);
// Removes a file, a link or a folder with everything in it; what can be removed is, even when
// something cannot (the first error is returned).
std::error_code remove_tree(Disk& disk, const std::string& path);
// Whether `path` is a folder holding careboard's mark; an error when that cannot be known.
std::error_code check_marked_site(Disk& disk, const std::string& path, bool& marked);
bool is_marked_site(Disk& disk, const std::string& path);  // false also when it cannot be known
// Removes a staging or retired folder: its mark first, so that a removal stopped half-way never
// leaves something that looks like a whole site.
std::error_code discard(Disk& disk, const std::string& path);

// With the lock held: every staging or retired folder beside the output is left by a build
// that no longer runs. When the output folder is missing and a retired folder is a marked site,
// a build was stopped between the two renames of a swap: the retired site is put back. The other
// folders are removed. E507 when that cannot be done (`shown` is --out as the user wrote it).
bool recover_locked(const OutputFolder& folder, Disk& disk, Diagnostics& diagnostics, const std::string& shown,
                    bool durable);

}  // namespace careboard
