#pragma once
#include <iosfwd>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "disclosure/audit.hpp"
#include "disclosure/disclosure.hpp"
#include "core/diagnostics.hpp"
#include "ingest/ssda903.hpp"
#include "measures/measure_set.hpp"
#include "publish/publish.hpp"
#include "render/site.hpp"

namespace careboard {

// Exit codes (docs/cli.md).
enum ExitCode : int { exit_ok = 0, exit_data_error = 1, exit_usage = 2, exit_io_error = 3 };

struct BuildOptions {
    std::optional<std::string> config_path;
    std::optional<std::string> data_dir;
    std::optional<std::string> out_dir;
    std::optional<std::string> build_date;  // YYYY-MM-DD; else SOURCE_DATE_EPOCH; else none
    std::optional<std::string> profile;     // "public" or "board"; overrides the config
    std::optional<std::string> previous;    // an earlier built site, for the editions page
    bool strict = false;
    bool quiet = false;
    // The board edition's audit of what the public edition would let a reader work out: printed
    // by `check`, and not needed to build (docs/disclosure.md).
    bool audit_board = false;
    // [authorities]: build the authorities without input errors and list the others.
    bool keep_going = false;
    // The config's [activity] measures are already in the catalogue (a build of several
    // authorities declares them once, before its authorities are analysed side by side).
    bool measures_declared = false;
    std::string executable_path;
};

// The result of reading and counting: what `check` reports and `build` renders.
struct Analysis {
    Config config;
    MeasureSet measures;  // disclosure-controlled in the public profile
    SuppressionReport suppression;  // what the public profile suppresses (also for board builds)
    DisclosureAudit audit;          // what a reader can tell of the public profile's suppressed cells
    SiteInput site;  // without config/measures pointers (set by the caller)
    // The data folder's files that were read, and what was passed over and why (for `check`),
    // relative to the data folder.
    std::vector<std::string> inputs_read;
    std::vector<DataFolder::Ignored> inputs_ignored;
    bool config_read = false;  // the config (if any) was read, so config.output_dir is the one meant
    bool ok = false;
};

// config -> ingest -> measures. Problems go to `diagnostics`. A config with [authorities] is an
// error here (E013): run_build and run_check take those (src/app/authorities.cpp).
Analysis analyse(const BuildOptions& options, Diagnostics& diagnostics);

// The two halves of analyse: the config with the command line's overrides (config_read is false
// when it could not be read), then the data it names into `a`.
Analysis read_build_config(const BuildOptions& options, Diagnostics& diagnostics);
void analyse_data(const BuildOptions& options, Analysis& a, Diagnostics& diagnostics);

// The build date the pages show: --build-date, else SOURCE_DATE_EPOCH, else none (E009, W002).
std::optional<std::string> build_date_from(const BuildOptions& options, Diagnostics& diagnostics);

// The last step of `careboard build`: the chart libraries added to `tree`, then the site published
// at once to `out_dir`. Problems are printed (every one unless `quiet`; else only when there are
// errors), and on an error that the previous site is unchanged. False on an error.
bool publish_built_site(OutputTree& tree, const std::string& out_dir, const BuildOptions& options, bool quiet,
                        Diagnostics& diagnostics, std::ostream& err);

// How build, report and pack publish: waiting for another careboard is said on `err` (not under --quiet).
PublishOptions publish_options(const BuildOptions& options, std::ostream& err);

// `careboard build`: analyse, render, publish. Prints problems to `err`, the site path to `out`.
int run_build(const BuildOptions& options, std::ostream& out, std::ostream& err);

// `careboard check`: analyse and list every problem; writes nothing.
int run_check(const BuildOptions& options, std::ostream& out, std::ostream& err);

// Exit code for a run that found errors: I/O problems (3) or data problems (1).
int exit_code_for(const Diagnostics& diagnostics);

// Prints diagnostics: every error; warnings in full or summarised by kind.
void print_diagnostics(const Diagnostics& diagnostics, std::ostream& err, bool all_warnings);

}  // namespace careboard
