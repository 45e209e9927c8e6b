#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/diagnostics.hpp"

namespace careboard {

// The authority's escalation vocabulary (docs/definitions.md, "IRO escalations").
struct EscalationConfig {
    std::vector<std::pair<std::string, std::string>> route_types;  // ROUTE label -> informal, formal, alert, good_practice
    std::vector<std::string> themes, levels, outcomes, teams;       // display order
};

// A threshold for a measure's Total: met when the value is at least `min` and at most `max`
// (either may be absent). "reviews_in_timescale_percent = 95" sets min = 95; "iro_caseload =
// [50, 70]" sets a band.
struct Target {
    std::string measure;
    std::optional<double> min, max;
};

// Where a setting was written in the config file, for messages about its value.
struct ConfigPosition {
    int line = 0;
    int column = 0;
};

// The DfE's published statistics to compare the authority with (docs/benchmarks.md).
struct BenchmarkConfig {
    // One explore-education-statistics CSV file and what it holds: its setting's name, one of
    // ees_kind_names() ("rates", "started", ... "population").
    struct File {
        std::string kind;
        std::string path;  // resolved against the config file's folder
        ConfigPosition at;
    };
    struct Code {
        std::string code;  // new (E06000015) or old (831) local authority code
        ConfigPosition at;
    };
    std::vector<File> files;
    std::optional<Code> authority;   // when absent, [authority] code
    std::vector<Code> neighbours;    // statistical neighbours, in the order given
    // The DfE's statistical neighbour model (sn_model_2025_wide.csv): the authority's ten
    // neighbours, closest first, when `neighbours` is not given.
    std::optional<File> neighbour_model;
    // The source line of the comparison's charts.
    std::string source = "Department for Education, Children looked after in England including adoptions "
                         "(explore-education-statistics), Open Government Licence v3.0";

    bool enabled() const { return !files.empty(); }
};

// A measure the authority declares for the IRO service's own records (iro_activity.csv), from
// its [activity.<key>] table (docs/configuration.md). Checked here for its own settings and its
// references to other declared measures; a key that is one of careboard's own measures is refused
// where the catalogue is (declare_activity_measures).
struct ActivityMeasureConfig {
    std::string key;
    std::string label;
    std::string unit = "events";      // "children", "events" or "percent"
    std::string period = "period";    // "period" (counted over it) or "date" (at its last day)
    int decimals = 0;                 // 1 for a percentage
    std::vector<std::pair<std::string, std::string>> categories;  // (key, label), in display order
    std::string sums_to;              // a declared Total that the categories add up to
    std::string numerator, denominator;  // a percentage's two declared counts
    std::string page = "iro-service";    // iro-service, escalations or reviews
    std::string section = "iro-activity";  // iro-activity, iro-service, reviews or escalations
    ConfigPosition at;                // the [activity.<key>] table
};

// [authorities]: one build of several authorities (docs/authorities.md): a page set per
// authority under <code>/ and overview pages beside them.
struct AuthorityEntry {
    std::string la;    // the LA column's value of its rows in pooled 903 files (or)
    std::string dir;   // its own data folder, resolved against the config file's folder
    std::string code;  // its folder in the site and its area_code; from `la` or `dir` when not given
    std::string name;  // in titles and tables; the LA value or the folder's name when not given
    ConfigPosition at;
};

struct AuthoritiesConfig {
    bool enabled = false;                 // the config has an [authorities] table
    std::string name = "All authorities";  // what the group is called on the overview pages
    bool all = false;                     // include = "all": every LA value of the pooled files
    std::vector<AuthorityEntry> list;     // include = [...], in the order given
    // from = "published": the authorities and their figures are the DfE's published ones, from
    // the files [benchmarks] names, with no 903 data (docs/authorities.md). "903" (the default):
    // each authority's own 903 returns.
    bool published = false;
    ConfigPosition from_at;
    // region = "E12000004": with from = "published", only the local authorities of that region
    // (its code or its name as the files give it). Empty: all.
    std::string region;
    ConfigPosition region_at;
    // false: an input error in one authority stops the build before anything is written;
    // true: the others are built and the failures listed.
    bool keep_going = false;
    ConfigPosition at;
};

// An authority's folder name in a site of several: its code as given, or made from its LA value
// or folder (lower case, letters and digits, other characters as '-').
std::string authority_folder_code(const std::string& from);

// Everything a build needs to know besides the data. Every field is documented in
// docs/configuration.md; defaults apply when the config file or a key is absent.
struct Config {
    std::string authority_name = "Example Borough Council";
    std::string authority_code = "E00000000";
    ConfigPosition authority_code_at;  // where [authority] code is written, for messages
    ConfigPosition window_end_at;      // where [window] end is written
    std::optional<double> population_0_17;  // for rates per 10,000 children
    std::string source_name;                // "SSDA903 export, <authority>" when empty
    std::string contact;                    // for the accessibility statement (email or web address)
    // The authority as the DfE's open data names it (docs/data-files.md): its 3-digit old code
    // and its region. Empty: taken from the DfE's files when [benchmarks] names them.
    std::string authority_old_code, region_code, region_name;

    std::string data_dir;                   // resolved against the config file's folder
    std::optional<Date> data_as_at;
    // [data] la: the authority to read from 903 files whose LA column pools several.
    std::optional<std::string> data_la;
    ConfigPosition data_la_at;

    std::optional<Quarter> window_end;
    int window_quarters = 12;
    bool window_months = false;  // count each calendar month of the window too

    // Who the site is for: "public" (disclosure-controlled; the default, so that a forgotten
    // setting is safe) or "board" (unsuppressed, marked "Not for publication").
    std::string profile = "public";
    double disclosure_smallest_shown = 6;  // counts 1 to 5 become 'c'
    double disclosure_min_denominator = 10;

    std::string output_dir = "_site";
    std::string site_title = "Children in care: trends";
    bool strict = false;

    EscalationConfig escalations;
    std::vector<ActivityMeasureConfig> activity;  // in the order the config file writes them
    std::vector<Target> targets;
    BenchmarkConfig benchmarks;
    AuthoritiesConfig authorities;

    std::string config_path;  // empty when built from defaults
};

// Parses TOML text. Problems go to `diagnostics` with the file name given, line and column.
// `base_dir` resolves relative paths.
Config parse_config(std::string_view text, const std::string& file_name,
                    const std::string& base_dir, Diagnostics& diagnostics);

// Reads and parses a config file; a missing file is an error (code E001).
std::optional<Config> load_config(const std::string& path, Diagnostics& diagnostics);

}  // namespace careboard
