#pragma once
// `careboard pack`: the same analysis and pages as `build`, assembled into one printable
// document, printed to PDF when Chromium is installed, and published all or nothing.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
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

// Runs `args` (no shell, no terminal) and waits for it; true when it exits with status 0.
inline bool run_program(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return false;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// A printed document: the PDF's bytes and its text, pages split by form feeds (empty without
// pdftotext, from poppler-utils), from which the contents' page numbers are found.
struct Printed {
    bool ok = false;
    std::string pdf;
    std::string text;
    double seconds = 0;
};

// Prints `html` of an assembled document (the board pack, the report) to PDF: its files are
// written to a scratch folder (with the same publishing function as the output, so that what is
// printed is what is published), Chromium prints from there, and the PDF's bytes and text are
// read back. `what` names the document in messages. The output folder is written once, whole,
// only when everything has worked.
inline Printed print_document(const OutputTree& tree, const std::string& html, const std::string& pdf_name,
                              const std::string& what, const std::string& chromium, Diagnostics& diagnostics) {
    namespace fs = std::filesystem;
    Printed result;
    ScratchDir scratch;
    if (scratch.path.empty()) {
        diagnostics.error("E505", scratch.parent, 0, 0, "cannot print the " + what + ": cannot make a temporary folder");
        return result;
    }
    const fs::path staged = scratch.path / "document";
    PublishOptions scratch_options;
    scratch_options.durable = false;  // read once by Chromium, then removed
    if (!publish_site(tree, staged.string(), diagnostics, real_disk(), scratch_options)) return result;
    const fs::path pdf = scratch.path / pdf_name;
    const PrintResult printed = print_to_pdf(chromium, staged / html, pdf, scratch.path / "chromium-profile",
                                             scratch.path / "chromium.log", print_timeout());
    if (!printed.ok) {
        diagnostics.error("E505", pdf_name, 0, 0, "cannot print the " + what + " with " + chromium + ": " + printed.error);
        return result;
    }
    if (!read_file(pdf.string(), result.pdf)) {
        diagnostics.error("E505", pdf.string(), 0, 0, "cannot read the PDF Chromium wrote");
        return result;
    }
    const fs::path text = scratch.path / "document.txt";
    if (run_program({"pdftotext", "-layout", pdf.string(), text.string()})) read_file(text.string(), result.text);
    result.seconds = printed.seconds;
    result.ok = true;
    return result;
}

// Which printed page each part of the pack starts on, from the PDF's text (pages split at form
// feeds): parts in the pack's order, each the first line after the previous part's that is its
// title and nothing else (the contents list numbers its entries, so never matches). The report's
// contents are its headings themselves, unnumbered on its first printing, so it takes the last
// line that starts with each heading instead (find_section_pages, app/report_command.cpp).
inline std::map<std::string, int> find_part_pages(const std::string& pdf_text,
                                                  const std::vector<std::pair<std::string, std::string>>& titles) {
    std::map<std::string, int> pages;
    std::size_t next = 0;
    int page = 1;
    std::size_t line_start = 0;
    while (line_start < pdf_text.size() && next < titles.size()) {
        std::size_t line_end = pdf_text.find_first_of("\n\f", line_start);
        if (line_end == std::string::npos) line_end = pdf_text.size();
        std::string_view line(pdf_text.data() + line_start, line_end - line_start);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
        if (line == titles[next].second) pages[titles[next++].first] = page;
        if (line_end < pdf_text.size() && pdf_text[line_end] == '\f') ++page;
        line_start = line_end + 1;
    }
    return pages;
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
    PartTitles titles;
    if (!diagnostics.has_errors()) pack = assemble_pack(site, info, diagnostics, &titles);
    if (!diagnostics.has_errors()) add_vendor_files(pack, find_vendor_dir(options.executable_path), diagnostics);
    if (!diagnostics.has_errors() && is_site_folder(out_dir))
        diagnostics.error("E504", out_dir, 0, 0,
                          "the output folder holds a careboard site, not a board pack; choose another folder for the pack");

    bool printed = false;
    if (!diagnostics.has_errors() && pack_options.pdf) {
        const ChromiumLookup chromium = find_chromium();
        if (chromium.path) {
            if (Printed first = print_document(pack, kPackFile, kPackPdf, "board pack", *chromium.path, diagnostics); first.ok) {
                // The contents' page numbers come from the first printing; the second prints them.
                double seconds = first.seconds;
                std::string pdf = std::move(first.pdf);
                info.pages = find_part_pages(first.text, titles);
                if (!info.pages.empty()) {
                    OutputTree numbered = assemble_pack(site, info, diagnostics);
                    for (auto& [path, content] : numbered) pack[path] = std::move(content);
                    Printed second = print_document(pack, kPackFile, kPackPdf, "board pack", *chromium.path, diagnostics);
                    if (second.ok) {
                        pdf = std::move(second.pdf);
                        seconds += second.seconds;
                    }
                } else {
                    err << "careboard: the contents have no page numbers (pdftotext, from poppler-utils, is needed to find them)\n";
                }
                if (!diagnostics.has_errors()) {
                    err << "careboard: printed " << kPackPdf << " (" << format_number(static_cast<double>(pdf.size()) / 1024.0)
                        << " KB) in " << format_number(seconds, 1) << " s\n";
                    pack[kPackPdf] = std::move(pdf);
                    printed = true;
                }
            }
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
