#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "app/pipeline.hpp"
#include "app/report_command.hpp"
#include "pack/command.hpp"
#include "synth/benchmarks.hpp"
#include "synth/pooled.hpp"
#include "synth/synth.hpp"

namespace careboard {
namespace {

int run_synth(const synth::SynthOptions& options, int authorities, const std::string& out_dir, std::ostream& out,
              std::ostream& err) {
    namespace fs = std::filesystem;
    std::vector<synth::SynthFile> files;
    try {
        if (authorities > 0) {
            files = synth::generate_pooled(options, authorities);
        } else {
            files = synth::generate(options);
            // Fictional published statistics in the DfE's format, consistent with those returns.
            std::vector<synth::SynthFile> published = synth::generate_benchmark_files(options, files);
            files.insert(files.end(), std::make_move_iterator(published.begin()), std::make_move_iterator(published.end()));
        }
    } catch (const std::invalid_argument& e) {
        err << "careboard synth: " << e.what() << '\n';
        return exit_usage;
    }
    std::error_code ec;
    for (const synth::SynthFile& f : files) {
        const fs::path path = fs::path(out_dir) / f.path;
        fs::create_directories(path.parent_path(), ec);
        std::ofstream stream(path, std::ios::binary | std::ios::trunc);
        stream.write(f.content.data(), static_cast<std::streamsize>(f.content.size()));
        stream.close();
        if (ec || !stream) {
            err << path.string() << ": error: cannot write the file [E501]\n";
            return exit_io_error;
        }
    }
    out << "wrote " << files.size() << " files to " << out_dir << '\n';
    return exit_ok;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"careboard: turns a local authority's SSDA903 children-looked-after export into a static "
                 "site of quarterly trend charts.",
                 "careboard"};
    app.set_version_flag("--version", std::string("careboard ") + CAREBOARD_VERSION);
    app.require_subcommand(1);

    BuildOptions options;
    options.executable_path = argc > 0 ? argv[0] : "careboard";
    std::string config_path, data_dir, out_dir, build_date, profile, previous;
    auto add_common = [&](CLI::App* cmd) {
        cmd->add_option("--config", config_path, "Config file (TOML); default ./careboard.toml when present");
        cmd->add_option("--data", data_dir, "Folder of 903 files (or yearly sub-folders) or a measures.csv");
        cmd->add_option_function<bool>("--strict", [&](bool v) { options.strict = v; }, "Treat data-quality warnings as errors")
            ->default_str("false")
            ->expected(0, 1)
            ->default_val(true);
        cmd->add_option("--profile", profile, "public (default: disclosure-controlled) or board (not for publication)")
            ->check(CLI::IsMember({"public", "board"}));
    };
    CLI::App* build = app.add_subcommand("build", "Build the site");
    add_common(build);
    build->add_option("--out", out_dir, "Output folder; default from the config, else _site");
    build->add_option("--build-date", build_date, "Date shown as the build date (yyyy-mm-dd); default SOURCE_DATE_EPOCH, else none");
    build->add_flag("--quiet", options.quiet, "Print only the index path and errors");
    build->add_option("--previous", previous, "An earlier built site: list the figures this edition revises");
    build->add_flag("--keep-going", options.keep_going,
                    "With [authorities]: build the authorities without input errors, list the others (exit code 1)");

    CLI::App* check = app.add_subcommand("check", "Validate the data and config; write nothing");
    add_common(check);
    check->add_option("--previous", previous, "An earlier built site, whose figures the disclosure audit takes as known");

    pack::PackOptions pack_options;
    CLI::App* pack_cmd = app.add_subcommand("pack", "Write the board pack: one printable HTML document and its PDF");
    add_common(pack_cmd);
    pack_cmd->add_option("--out", out_dir, "Output folder; default _pack");
    pack_cmd->add_option("--build-date", build_date, "Date shown as the build date (yyyy-mm-dd); default SOURCE_DATE_EPOCH, else none");
    pack_cmd->add_flag("--no-pdf{false}", pack_options.pdf, "Write only the HTML pack; do not print it with Chromium");

    ReportOptions report_options;
    std::string report_year;
    CLI::App* report_cmd =
        app.add_subcommand("report", "Write the IRO annual report for a financial year: one printable HTML document and its PDF");
    add_common(report_cmd);
    report_cmd->add_option("--year", report_year, "The financial year, such as 2024-25; default the latest whole year of the data");
    report_cmd->add_option("--out", out_dir, "Output folder; default _report");
    report_cmd->add_option("--build-date", build_date, "Date shown as the build date (yyyy-mm-dd); default SOURCE_DATE_EPOCH, else none");
    report_cmd->add_flag("--no-pdf{false}", report_options.pdf, "Write only the HTML report; do not print it with Chromium");
    report_cmd->add_flag("--quiet", options.quiet, "Print only the report's paths and errors");

    synth::SynthOptions synth_options;
    std::string synth_out;
    CLI::App* synth_cmd = app.add_subcommand("synth", "Write a fictional authority's 903 returns (deterministic)");
    synth_cmd->add_option("--children", synth_options.children, "About how many children are looked after at a time")
        ->capture_default_str();
    synth_cmd->add_option("--years", synth_options.years, "Number of yearly returns")->capture_default_str();
    synth_cmd->add_option("--seed", synth_options.seed, "Random seed (a whole number from 0)")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                std::uint64_t value = 0;
                const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
                if (text.empty() || error != std::errc{} || end != text.data() + text.size())
                    return "'" + text + "' is not a whole number from 0 to 18446744073709551615";
                return {};
            },
            "UINT64"))
        ->capture_default_str();
    synth_cmd->add_option("--last-year", synth_options.last_year, "Year the latest return's collection year ends")
        ->capture_default_str();
    synth_cmd->add_option("--xml-year", synth_options.xml_years,
                          "Write this year's return as the DfE's XML instead of CSV (repeatable)");
    synth_cmd->add_option("--ees-authorities", synth_options.ees_authorities,
                          "Local authorities of the fictional DfE files written under ees/ (11 to 900; England has 153)")
        ->capture_default_str();
    int synth_authorities = 0;
    synth_cmd->add_option("--authorities", synth_authorities,
                          "Write this many fictional authorities (1 to 400) sharing --children, pooled in one set of "
                          "files with an LA column, and a careboard.toml that builds them all");
    synth_cmd->add_option("--out", synth_out, "Folder to write into")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        out << app.help();
        return exit_ok;
    } catch (const CLI::CallForVersion& e) {
        out << e.what() << '\n';
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            out << app.help();
            return exit_ok;
        }
        err << "careboard: " << e.what() << "\nRun 'careboard --help' for usage.\n";
        return exit_usage;
    }
    if (!config_path.empty()) options.config_path = config_path;
    if (!data_dir.empty()) options.data_dir = data_dir;
    if (!out_dir.empty()) options.out_dir = out_dir;
    if (!build_date.empty()) options.build_date = build_date;
    if (!profile.empty()) options.profile = profile;
    if (!previous.empty()) options.previous = previous;

    if (*build) return run_build(options, out, err);
    if (*check) return run_check(options, out, err);
    if (*pack_cmd) return pack::run_pack(options, pack_options, out, err);
    if (*report_cmd) {
        if (!report_year.empty()) report_options.year = report_year;
        return run_report(options, report_options, out, err);
    }
    if (*synth_cmd) return run_synth(synth_options, synth_authorities, synth_out, out, err);
    return exit_usage;
}

}  // namespace careboard
