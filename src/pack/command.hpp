#pragma once
// `careboard pack`: the same analysis and pages as `build`, assembled into one printable
// document, printed to PDF when Chromium is installed, and published all or nothing.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string>

#include "app/pipeline.hpp"
#include "core/format.hpp"
#include "core/temp.hpp"
#include "pack/pack.hpp"
#include "pack/print.hpp"
#include "publish/publish.hpp"

namespace careboard::pack {

struct PackOptions {
    bool pdf = true;  // --no-pdf turns printing off
};

inline constexpr const char* kDefaultPackDir = "_pack";

// A scratch folder of our own under the system's temporary folder, removed with the object.
struct ScratchDir {
    std::filesystem::path path;
    std::string parent;  // the system's temporary folder, for messages (TMPDIR as set when it is no folder)
    ScratchDir() {
        const TemporaryFolder folder = temporary_folder();
        parent = folder.shown;
        if (folder.path.empty()) return;
        std::string pattern = (folder.path / "careboard-pack-XXXXXX").string();
        if (::mkdtemp(pattern.data())) path = pattern;
    }
    ~ScratchDir() {
        std::error_code ignore;
        if (!path.empty()) std::filesystem::remove_all(path, ignore);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
};

// Prints the assembled pack to PDF: the files are written to a scratch folder (with the same
// publishing function as the output), Chromium prints from there, and the PDF joins the tree,
// so that the output folder is written once, whole, only when everything has worked.
inline bool add_pdf(OutputTree& tree, const std::string& chromium, Diagnostics& diagnostics, std::ostream& err) {
    namespace fs = std::filesystem;
    ScratchDir scratch;
    if (scratch.path.empty()) {
        diagnostics.error("E505", scratch.parent, 0, 0, "cannot print the board pack: cannot make a temporary folder");
        return false;
    }
    const fs::path staged = scratch.path / "pack";
    PublishOptions scratch_options;
    scratch_options.durable = false;  // read once by Chromium, then removed
    if (!publish_site(tree, staged.string(), diagnostics, real_disk(), scratch_options)) return false;
    const fs::path pdf = scratch.path / kPackPdf;
    const PrintResult printed = print_to_pdf(chromium, staged / kPackFile, pdf, scratch.path / "chromium-profile",
                                             scratch.path / "chromium.log", print_timeout());
    if (!printed.ok) {
        diagnostics.error("E505", kPackPdf, 0, 0, "cannot print the board pack with " + chromium + ": " + printed.error);
        return false;
    }
    std::string bytes;
    if (!read_file(pdf.string(), bytes)) {
        diagnostics.error("E505", pdf.string(), 0, 0, "cannot read the PDF Chromium wrote");
        return false;
    }
    err << "careboard: printed " << kPackPdf << " (" << format_number(static_cast<double>(bytes.size()) / 1024.0) << " KB) in "
        << format_number(printed.seconds, 1) << " s\n";
    tree[kPackPdf] = std::move(bytes);
    return true;
}

// A folder holding a careboard site (not a pack) is not replaced by a pack: `--out _site` by
// mistake must not delete the site.
inline bool is_site_folder(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    return fs::exists(fs::path(dir) / ".careboard-site", ec) && fs::exists(fs::path(dir) / "index.html", ec) &&
           !fs::exists(fs::path(dir) / kPackFile, ec);
}

inline int run_pack(const BuildOptions& options, const PackOptions& pack_options, std::ostream& out, std::ostream& err) {
    namespace fs = std::filesystem;
    const auto started = std::chrono::steady_clock::now();
    Diagnostics diagnostics;
    Analysis a = analyse(options, diagnostics);
    const std::string out_dir = options.out_dir.value_or(kDefaultPackDir);
    recover_output(out_dir, diagnostics);  // a pack stopped half-way through replacing the folder
    if (!a.ok || diagnostics.has_errors()) {
        print_diagnostics(diagnostics, err, false);
        err << "careboard: pack stopped: " << diagnostics.error_count() << " error(s); nothing was written\n";
        return exit_code_for(diagnostics);
    }
    a.site.config = &a.config;
    a.site.measures = &a.measures;

    const OutputTree site = render_site(a.site, diagnostics);
    PackInfo info;
    info.authority_name = a.config.authority_name;
    info.site_title = a.config.site_title;
    info.source = a.config.source_name;
    info.data_as_at = a.site.data_as_at;
    info.period = a.measures.quarters.front().label() + " to " + a.measures.quarters.back().label();
    info.profile = a.site.profile;
    info.build_date = a.site.build_date;
    OutputTree pack;
    if (!diagnostics.has_errors()) pack = assemble_pack(site, info, diagnostics);
    if (!diagnostics.has_errors()) add_vendor_files(pack, find_vendor_dir(options.executable_path), diagnostics);
    if (!diagnostics.has_errors() && is_site_folder(out_dir))
        diagnostics.error("E504", out_dir, 0, 0,
                          "the output folder holds a careboard site, not a board pack; choose another folder for the pack");

    bool printed = false;
    if (!diagnostics.has_errors() && pack_options.pdf) {
        const ChromiumLookup chromium = find_chromium();
        if (chromium.path) {
            printed = add_pdf(pack, *chromium.path, diagnostics, err);
        } else {
            err << "careboard: " << chromium.why_not << "; " << kPackPdf
                << " not written (the HTML pack is complete: print it from a browser, or install chromium)\n";
        }
    }
    if (!diagnostics.has_errors()) publish_site(pack, out_dir, diagnostics, real_disk(), publish_options(options, err));
    print_diagnostics(diagnostics, err, false);
    if (diagnostics.has_errors()) {
        err << "careboard: pack stopped: " << diagnostics.error_count() << " error(s); the previous pack is unchanged\n";
        return exit_code_for(diagnostics);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    err << "careboard: board pack for " << info.period << " (" << (info.profile == "board" ? "board" : "public")
        << " edition) written in " << format_number(ms, 0) << " ms (" << diagnostics.warning_count() << " warnings)\n";
    const fs::path dir = fs::absolute(out_dir).lexically_normal();
    out << (dir / kPackFile).string() << '\n';
    if (printed) out << (dir / kPackPdf).string() << '\n';
    return exit_ok;
}

}  // namespace careboard::pack
