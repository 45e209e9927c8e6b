#include "publish/publish.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>
#include <unistd.h>

#include "core/format.hpp"

namespace careboard {
namespace fs = std::filesystem;

namespace {
constexpr const char* kMarker = ".careboard-site";
constexpr const char* kVendorFiles[] = {"vega.min.js", "vega-lite.min.js", "vega-embed.min.js"};

bool has_vendor_files(const fs::path& dir) {
    std::error_code ec;
    for (const char* f : kVendorFiles)
        if (!fs::is_regular_file(dir / f, ec)) return false;
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
    if (fs::is_regular_file(source / "vega/build/vega.min.js", ec)) return source.string();
    return {};
}

bool add_vendor_files(OutputTree& tree, const std::string& vendor_dir, Diagnostics& diagnostics) {
    if (vendor_dir.empty()) {
        diagnostics.error("E502", "", 0, 0,
                          "cannot find the chart libraries (vega, vega-lite, vega-embed): run `npm ci` in "
                          "assets/ and rebuild, or set CAREBOARD_ASSETS to a folder holding vendor/*.min.js");
        return false;
    }
    const fs::path dir(vendor_dir);
    const bool flat = has_vendor_files(dir);
    const fs::path sources[] = {
        flat ? dir / kVendorFiles[0] : dir / "vega/build/vega.min.js",
        flat ? dir / kVendorFiles[1] : dir / "vega-lite/build/vega-lite.min.js",
        flat ? dir / kVendorFiles[2] : dir / "vega-embed/build/vega-embed.min.js",
    };
    bool ok = true;
    for (std::size_t i = 0; i < 3; ++i) {
        std::string content;
        if (!read_file(sources[i].string(), content)) {
            diagnostics.error("E503", sources[i].string(), 0, 0, "cannot read this chart library");
            ok = false;
            continue;
        }
        tree["assets/vendor/" + std::string(kVendorFiles[i])] = std::move(content);
    }
    return ok;
}

bool publish_site(const OutputTree& tree, const std::string& out_dir, Diagnostics& diagnostics) {
    std::error_code ec;
    fs::path target = fs::absolute(out_dir, ec);
    if (ec) {
        diagnostics.error("E501", out_dir, 0, 0, "cannot resolve the output folder: " + ec.message());
        return false;
    }
    target = target.lexically_normal();
    if (target.filename().empty()) target = target.parent_path();
    const fs::path parent = target.parent_path();
    fs::create_directories(parent, ec);
    if (ec) {
        diagnostics.error("E501", parent.string(), 0, 0, "cannot create the folder: " + ec.message());
        return false;
    }
    if (fs::exists(target, ec) && !fs::is_directory(target, ec)) {
        diagnostics.error("E501", out_dir, 0, 0, "the output path exists and is not a folder");
        return false;
    }
    // Never replace a folder careboard did not write (a typo in --out must not delete data).
    if (fs::is_directory(target, ec) && !fs::is_empty(target, ec) && !fs::exists(target / kMarker, ec)) {
        diagnostics.error("E504", out_dir, 0, 0,
                          "the output folder exists and was not written by careboard; choose an empty or new folder");
        return false;
    }
    const std::string suffix = "." + std::to_string(static_cast<long>(::getpid()));
    const fs::path staging = parent / ("." + target.filename().string() + ".new" + suffix);
    const fs::path retired = parent / ("." + target.filename().string() + ".old" + suffix);
    fs::remove_all(staging, ec);

    auto fail = [&](const std::string& where, const std::string& why) {
        diagnostics.error("E501", where, 0, 0, "cannot write the site: " + why + "; the previous site is unchanged");
        std::error_code ignore;
        fs::remove_all(staging, ignore);
        return false;
    };
    const std::pair<const std::string, std::string> marker{
        kMarker, "This folder is a site written by careboard; careboard replaces it whole on each build.\n"};
    std::vector<const std::pair<const std::string, std::string>*> files;
    for (const auto& entry : tree) files.push_back(&entry);
    files.push_back(&marker);
    for (const auto* entry : files) {
        const auto& [path, content] = *entry;
        const fs::path file = staging / path;
        fs::create_directories(file.parent_path(), ec);
        if (ec) return fail(file.parent_path().string(), ec.message());
        std::ofstream stream(file, std::ios::binary | std::ios::trunc);
        stream.write(content.data(), static_cast<std::streamsize>(content.size()));
        stream.close();
        if (!stream) return fail(file.string(), "write failed");
    }
    // Swap: the old site moves aside, the new one takes its name, the old one is removed.
    const bool had_old = fs::exists(target, ec);
    if (had_old) {
        fs::rename(target, retired, ec);
        if (ec) return fail(target.string(), ec.message());
    }
    fs::rename(staging, target, ec);
    if (ec) {
        std::error_code ignore;
        if (had_old) fs::rename(retired, target, ignore);
        return fail(target.string(), ec.message());
    }
    if (had_old) fs::remove_all(retired, ec);
    return true;
}

}  // namespace careboard
