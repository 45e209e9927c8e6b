#include "publish/publish.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>
#include <vector>
#include <unistd.h>

#include "core/format.hpp"
#include "publish/output_folder.hpp"

namespace careboard {
namespace fs = std::filesystem;

namespace {
// The npm files every site carries (assets/package-lock.json): the chart libraries, and
// govuk-frontend's service navigation (its Menu button on narrow screens) as its UMD bundle, a
// plain script, because module scripts do not load from file:// pages. By the name they have in
// a site (and beside the binary), and where they are in node_modules.
struct VendorFile {
    const char* name;
    const char* in_node_modules;
};
constexpr VendorFile kVendorFiles[] = {
    {"vega.min.js", "vega/build/vega.min.js"},
    {"vega-lite.min.js", "vega-lite/build/vega-lite.min.js"},
    {"vega-embed.min.js", "vega-embed/build/vega-embed.min.js"},
    {"govuk-service-navigation.js", "govuk-frontend/dist/govuk/components/service-navigation/service-navigation.bundle.js"},
};

bool has_vendor_files(const fs::path& dir) {
    std::error_code ec;
    for (const VendorFile& f : kVendorFiles)
        if (!fs::is_regular_file(dir / f.name, ec)) return false;
    return true;
}
}  // namespace

std::string find_vendor_dir(const std::string& executable_path) {
    if (const char* env = std::getenv("CAREBOARD_ASSETS"); env && *env) {
        if (has_vendor_files(fs::path(env) / "vendor")) return (fs::path(env) / "vendor").string();
        if (has_vendor_files(env)) return env;
    }
    std::error_code ec;
    fs::path exe = fs::canonical(executable_path, ec);
    if (ec) exe = fs::canonical("/proc/self/exe", ec);
    if (!ec) {
        const fs::path beside = exe.parent_path() / "careboard-assets" / "vendor";
        if (has_vendor_files(beside)) return beside.string();
    }
    // A build tree: the npm packages in the source tree, copied flat by name.
    const fs::path source = fs::path(CAREBOARD_SOURCE_ASSETS) / "node_modules";
    if (fs::is_regular_file(source / kVendorFiles[0].in_node_modules, ec)) return source.string();
    return {};
}

bool add_vendor_files(OutputTree& tree, const std::string& vendor_dir, Diagnostics& diagnostics) {
    if (vendor_dir.empty()) {
        diagnostics.error("E502", "", 0, 0,
                          "cannot find the chart libraries (vega, vega-lite, vega-embed) and govuk-frontend's "
                          "service navigation: run `npm ci` in assets/ and rebuild, or set CAREBOARD_ASSETS to a "
                          "folder holding vendor/*.js");
        return false;
    }
    const fs::path dir(vendor_dir);
    const bool flat = has_vendor_files(dir);
    bool ok = true;
    for (const VendorFile& f : kVendorFiles) {
        const fs::path source = flat ? dir / f.name : dir / f.in_node_modules;
        std::string content;
        if (!read_file(source.string(), content)) {
            diagnostics.error("E503", source.string(), 0, 0, "cannot read this library");
            ok = false;
            continue;
        }
        tree["assets/vendor/" + std::string(f.name)] = std::move(content);
    }
    return ok;
}

namespace {

constexpr const char* kMarkerText =
    "This folder is a site written by careboard; careboard replaces it whole on each build.\n";

std::string join(const std::string& dir, const std::string& name) { return (fs::path(dir) / name).string(); }

std::string seconds_text(std::chrono::milliseconds wait) {
    const auto ms = wait.count();
    return format_number(static_cast<double>(ms) / 1000.0, ms % 1000 == 0 ? 0 : 1) + " s";
}

// Takes the output folder's lock, waiting up to options.lock_wait for another careboard to
// finish with it (E506 after that).
std::unique_ptr<Disk::Lock> take_lock(const OutputFolder& folder, Disk& disk, const PublishOptions& options,
                                      Diagnostics& diagnostics, const std::string& shown) {
    const auto deadline = std::chrono::steady_clock::now() + options.lock_wait;
    bool told = false;
    for (;;) {
        Disk::LockAttempt attempt = disk.try_lock(folder.lock_path());
        if (attempt.lock) return std::move(attempt.lock);
        if (attempt.error) {
            diagnostics.error("E501", folder.lock_path(), 0, 0,
                              "cannot write the site: cannot lock the output folder: " + attempt.error.message() +
                                  "; the previous site is unchanged");
            return nullptr;
        }
        const std::string who =
            attempt.holder > 0 ? "another careboard (process " + std::to_string(attempt.holder) + ")" : "another careboard";
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            diagnostics.error("E506", shown, 0, 0,
                              who + " is writing this folder and has not finished after " + seconds_text(options.lock_wait) +
                                  " (it holds " + folder.lock_path() + "); the previous site is unchanged");
            return nullptr;
        }
        if (!told && options.on_wait) options.on_wait(who + " is writing " + shown + "; waiting for it to finish");
        told = true;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(50), deadline - now));
    }
}

// Writes every file of the tree into the new folder `staging`, careboard's mark last, then, when
// durable, flushes it to the disk: the whole file system at once, or else every file and then
// every folder (deepest first). On failure `where` is the path that failed.
std::error_code write_staging(const OutputTree& tree, const std::string& staging, Disk& disk, bool durable,
                              std::string& where) {
    std::vector<std::string> dirs{staging};
    std::vector<std::string> files;
    std::set<std::string> made;
    auto failed = [&](const std::string& path, std::error_code ec) {
        where = path;
        return ec;
    };
    auto write = [&](const std::string& relative, const std::string& content) -> std::error_code {
        for (std::size_t slash = relative.find('/'); slash != std::string::npos; slash = relative.find('/', slash + 1)) {
            if (!made.insert(relative.substr(0, slash)).second) continue;
            dirs.push_back(join(staging, relative.substr(0, slash)));
            if (std::error_code ec = disk.make_dir(dirs.back())) return failed(dirs.back(), ec);
        }
        files.push_back(join(staging, relative));
        if (std::error_code ec = disk.write_file(files.back(), content)) return failed(files.back(), ec);
        return {};
    };
    if (std::error_code ec = disk.make_dir(staging)) return failed(staging, ec);
    for (const auto& [path, content] : tree)
        if (path != kSiteMarker)
            if (std::error_code ec = write(path, content)) return ec;
    if (std::error_code ec = write(kSiteMarker, kMarkerText)) return ec;
    if (!durable) return {};
    // Without this, a power cut soon after the swap can leave the new site's files empty on
    // file systems that write data after metadata (ext4's delayed allocation). One syncfs where
    // there is one (0.02-0.08 s for the demo site, against 0.5 s for an fsync of each file).
    const std::error_code all = disk.sync_file_system(staging);
    if (all != std::errc::operation_not_supported) return all ? failed(staging, all) : all;
    for (const std::string& file : files)
        if (std::error_code ec = disk.sync_file(file)) return failed(file, ec);
    for (auto dir = dirs.rbegin(); dir != dirs.rend(); ++dir)
        if (std::error_code ec = disk.sync_dir(*dir)) return failed(*dir, ec);
    return {};
}

bool unchanged(Diagnostics& diagnostics, const std::string& where, const std::string& why) {
    diagnostics.error("E501", where, 0, 0, "cannot write the site: " + why + "; the previous site is unchanged");
    return false;
}

// What is at the output folder's place: nothing, or a folder that is empty or careboard's. Never
// replace a folder careboard did not write (a typo in --out must not delete data).
bool check_target(const OutputFolder& folder, Disk& disk, Diagnostics& diagnostics, const std::string& shown,
                  FileKind& kind) {
    if (std::error_code ec = disk.stat(folder.target, kind)) return unchanged(diagnostics, folder.target, ec.message());
    if (kind != FileKind::missing && kind != FileKind::directory) {
        diagnostics.error("E501", shown, 0, 0, "the output path exists and is not a folder");
        return false;
    }
    if (kind == FileKind::missing) return true;
    std::vector<std::string> names;
    if (std::error_code ec = disk.list_dir(folder.target, names)) return unchanged(diagnostics, folder.target, ec.message());
    if (names.empty()) return true;
    bool marked = false;
    if (std::error_code ec = check_marked_site(disk, folder.target, marked))
        return unchanged(diagnostics, folder.target, ec.message());
    if (!marked) {
        diagnostics.error("E504", shown, 0, 0,
                          "the output folder exists and was not written by careboard; choose an empty or new folder");
        return false;
    }
    return true;
}

}  // namespace

bool publish_site(const OutputTree& tree, const std::string& out_dir, Diagnostics& diagnostics) {
    return publish_site(tree, out_dir, diagnostics, real_disk());
}

bool publish_site(const OutputTree& tree, const std::string& out_dir, Diagnostics& diagnostics, Disk& disk,
                  const PublishOptions& options) {
    const std::optional<OutputFolder> folder = resolve_output_folder(out_dir, disk, diagnostics);
    if (!folder) return false;
    // First without the lock, so that a mistaken --out gets nothing written beside it; then again
    // with it, after recovery, for what the swap finds.
    FileKind kind = FileKind::missing;
    if (!check_target(*folder, disk, diagnostics, out_dir, kind)) return false;
    if (std::error_code ec = make_dirs(disk, folder->parent)) {
        diagnostics.error("E501", folder->parent, 0, 0, "cannot create the folder: " + ec.message());
        return false;
    }
    // Held to the end: one build at a time replaces a folder, and whatever is found beside it
    // under the lock was left by a build that no longer runs.
    const std::unique_ptr<Disk::Lock> lock = take_lock(*folder, disk, options, diagnostics, out_dir);
    if (!lock) return false;
    if (!recover_locked(*folder, disk, diagnostics, out_dir, options.durable)) return false;
    if (!check_target(*folder, disk, diagnostics, out_dir, kind)) return false;

    const long pid = static_cast<long>(::getpid());
    const std::string staging = folder->staging_path(pid);
    auto fail = [&](const std::string& where, const std::string& why) {
        discard(disk, staging);  // if this fails too, the next build removes it
        return unchanged(diagnostics, where, why);
    };
    std::string where;
    if (std::error_code ec = write_staging(tree, staging, disk, options.durable, where)) return fail(where, ec.message());

    // The swap. Where the file system can exchange two names atomically, the output folder is at
    // every moment either the whole previous site or the whole new one. Otherwise it takes two
    // renames, and a build stopped between them leaves the previous site, marked, in the retired
    // folder, which the next build puts back (recover_locked).
    std::string retired;
    if (kind == FileKind::missing) {
        if (std::error_code ec = disk.rename(staging, folder->target)) return fail(folder->target, ec.message());
    } else if (std::error_code ec = disk.exchange(staging, folder->target); !ec) {
        retired = staging;  // it now holds the previous site
    } else if (ec == std::errc::operation_not_supported) {
        retired = folder->retired_path(pid);
        if ((ec = disk.rename(folder->target, retired))) return fail(folder->target, ec.message());
        if ((ec = disk.rename(staging, folder->target))) {
            if (std::error_code back = disk.rename(retired, folder->target)) {
                discard(disk, staging);
                diagnostics.error("E501", folder->target, 0, 0,
                                  "cannot write the site: " + ec.message() + "; the previous site is kept whole in " +
                                      retired + ", and the next build puts it back");
                return false;
            }
            return fail(folder->target, ec.message());
        }
    } else {
        return fail(folder->target, ec.message());
    }
    // The new site is in place whatever happens now: a failure to flush the parent folder, or to
    // remove the previous site, is not reported as a failed build (the next build removes it).
    if (options.durable) disk.sync_dir(folder->parent);
    if (!retired.empty()) discard(disk, retired);
    return true;
}

bool recover_output(const std::string& out_dir, Diagnostics& diagnostics, Disk& disk) {
    Diagnostics ignored;  // a folder that cannot be resolved is reported by the publish
    const std::optional<OutputFolder> folder = resolve_output_folder(out_dir, disk, ignored);
    if (!folder) return true;
    std::vector<std::string> names;
    if (disk.list_dir(folder->parent, names)) return true;
    if (std::none_of(names.begin(), names.end(), [&](const std::string& n) { return folder->is_leftover(n); })) return true;
    const Disk::LockAttempt attempt = disk.try_lock(folder->lock_path());
    if (!attempt.lock) return true;  // another build is publishing and recovers first
    return recover_locked(*folder, disk, diagnostics, out_dir, true);
}

}  // namespace careboard
