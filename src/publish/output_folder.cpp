#include "publish/output_folder.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace careboard {
namespace fs = std::filesystem;

namespace {

std::string join(const std::string& dir, const std::string& name) { return (fs::path(dir) / name).string(); }

// ".name.KIND.digits"
bool is_named(const std::string& sibling, const std::string& name, const char* kind) {
    const std::string prefix = "." + name + "." + kind + ".";
    if (!sibling.starts_with(prefix) || sibling.size() == prefix.size()) return false;
    return std::all_of(sibling.begin() + static_cast<std::ptrdiff_t>(prefix.size()), sibling.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

fs::path without_trailing_separator(fs::path path) {
    path = path.lexically_normal();
    if (path.filename().empty() && path.has_parent_path() && path != path.root_path()) path = path.parent_path();
    return path;
}

}  // namespace

std::string OutputFolder::lock_path() const { return join(parent, "." + name + ".lock"); }
std::string OutputFolder::staging_path(long pid) const { return join(parent, "." + name + ".new." + std::to_string(pid)); }
std::string OutputFolder::retired_path(long pid) const { return join(parent, "." + name + ".old." + std::to_string(pid)); }
bool OutputFolder::is_leftover(const std::string& sibling) const {
    return is_named(sibling, name, "new") || is_named(sibling, name, "old");
}
bool OutputFolder::is_retired(const std::string& sibling) const { return is_named(sibling, name, "old"); }

std::optional<OutputFolder> resolve_output_folder(const std::string& out_dir, Disk& disk, Diagnostics& diagnostics) {
    auto fail = [&](const std::string& why) {
        diagnostics.error("E501", out_dir, 0, 0, "cannot resolve the output folder: " + why);
        return std::nullopt;
    };
    std::error_code ec;
    fs::path path = fs::absolute(out_dir, ec);
    if (ec) return fail(ec.message());
    path = without_trailing_separator(path);
    // Follow a link at the end of the path, so that the folder it names is replaced and the link
    // stays: a web server's configuration often names the link.
    for (int hops = 0;; ++hops) {
        FileKind kind = FileKind::missing;
        if ((ec = disk.stat(path.string(), kind))) return fail(ec.message());
        if (kind != FileKind::symlink) break;
        if (hops == 40) return fail(std::make_error_code(std::errc::too_many_symbolic_link_levels).message());
        std::string resolved;
        ec = disk.real_path(path.string(), resolved);
        if (!ec) {
            path = resolved;
            continue;
        }
        if (ec != std::errc::no_such_file_or_directory) return fail(ec.message());
        // A link to a folder that does not exist yet: it is made where the link points.
        std::string link, parent;
        if ((ec = disk.read_link(path.string(), link))) return fail(ec.message());
        if ((ec = disk.real_path(path.parent_path().string(), parent))) return fail(ec.message());
        path = without_trailing_separator(fs::path(link).is_absolute() ? fs::path(link) : fs::path(parent) / link);
    }
    if (path == path.root_path() || path.filename().empty() || path.filename() == "..")
        return fail("it is the root of the file system");
    return OutputFolder{path.string(), path.parent_path().string(), path.filename().string()};
}

std::error_code make_dirs(Disk& disk, const std::string& path) {
    FileKind kind = FileKind::missing;
    if (std::error_code ec = disk.stat(path, kind)) return ec;
    if (kind == FileKind::directory) return {};
    if (kind == FileKind::symlink) {
        std::string resolved;
        if (!disk.real_path(path, resolved) && !disk.stat(resolved, kind) && kind == FileKind::directory) return {};
        return std::make_error_code(std::errc::not_a_directory);
    }
    if (kind != FileKind::missing) return std::make_error_code(std::errc::not_a_directory);
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && parent != fs::path(path))
        if (std::error_code ec = make_dirs(disk, parent.string())) return ec;
    std::error_code ec = disk.make_dir(path);
    if (ec == std::errc::file_exists && !disk.stat(path, kind) && kind == FileKind::directory) return {};
    return ec;
}

std::error_code remove_tree(Disk& disk, const std::string& path) {
    FileKind kind = FileKind::missing;
    if (std::error_code ec = disk.stat(path, kind)) return ec;
    if (kind == FileKind::missing) return {};
    if (kind != FileKind::directory) return disk.remove_file(path);
    std::vector<std::string> names;
    if (std::error_code ec = disk.list_dir(path, names)) return ec;
    std::error_code first;
    for (const std::string& name : names)
        if (std::error_code ec = remove_tree(disk, join(path, name)); ec && !first) first = ec;
    return first ? first : disk.remove_dir(path);
}

std::error_code check_marked_site(Disk& disk, const std::string& path, bool& marked) {
    marked = false;
    FileKind kind = FileKind::missing;
    if (std::error_code ec = disk.stat(path, kind)) return ec;
    if (kind != FileKind::directory) return {};
    if (std::error_code ec = disk.stat(join(path, kSiteMarker), kind)) return ec;
    marked = kind == FileKind::file;
    return {};
}

bool is_marked_site(Disk& disk, const std::string& path) {
    bool marked = false;
    return !check_marked_site(disk, path, marked) && marked;
}

std::error_code discard(Disk& disk, const std::string& path) {
    const std::string marker = join(path, kSiteMarker);
    FileKind kind = FileKind::missing;
    if (std::error_code ec = disk.stat(marker, kind)) return ec;
    if (kind == FileKind::file)
        if (std::error_code ec = disk.remove_file(marker)) return ec;
    return remove_tree(disk, path);
}

bool recover_locked(const OutputFolder& folder, Disk& disk, Diagnostics& diagnostics, const std::string& shown,
                    bool durable) {
    std::vector<std::string> names;
    if (std::error_code ec = disk.list_dir(folder.parent, names)) {
        diagnostics.error("E507", shown, 0, 0,
                          "cannot look for what a stopped build left beside the output folder: cannot list " +
                              folder.parent + ": " + ec.message());
        return false;
    }
    std::erase_if(names, [&](const std::string& n) { return !folder.is_leftover(n); });
    if (names.empty()) return true;
    FileKind kind = FileKind::missing;
    if (std::error_code ec = disk.stat(folder.target, kind)) {
        diagnostics.error("E507", shown, 0, 0, "cannot recover from a stopped build: " + ec.message());
        return false;
    }
    if (kind == FileKind::missing) {
        // Stopped between moving the previous site aside and moving the new one in: the
        // previous site, whole and marked, goes back (the stopped build never reported success).
        for (auto it = names.begin(); it != names.end(); ++it) {
            const std::string path = join(folder.parent, *it);
            if (!folder.is_retired(*it)) continue;
            bool marked = false;
            std::error_code ec = check_marked_site(disk, path, marked);
            if (!ec && !marked) continue;
            if (!ec) ec = disk.rename(path, folder.target);
            if (ec) {  // nothing is removed: the previous site may be the one that cannot be looked at
                diagnostics.error("E507", shown, 0, 0,
                                  "a build was stopped while replacing the output folder, and the previous site, kept in " +
                                      path + ", cannot be put back: " + ec.message());
                return false;
            }
            if (durable) disk.sync_dir(folder.parent);  // a failure here loses nothing now
            names.erase(it);
            break;
        }
    }
    for (const std::string& name : names) {
        const std::string path = join(folder.parent, name);
        if (std::error_code ec = discard(disk, path)) {
            diagnostics.error("E507", shown, 0, 0, "cannot remove " + path + ", left by a build that was stopped: " + ec.message());
            return false;
        }
    }
    return true;
}

}  // namespace careboard
