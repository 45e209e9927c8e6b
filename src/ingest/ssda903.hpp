#pragma once
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/diagnostics.hpp"
#include "ingest/dataset.hpp"

namespace careboard {

// The 903 tables beyond header, episodes and reviews (docs/definitions.md, "The other 903
// tables"), all optional.
enum class OtherTable { missing, uasc, oc2, oc3, ad1, placed_for_adoption, previous_permanence, sw_episodes };
inline constexpr std::size_t kOtherTables = 8;
// The table's name as the 903 and its CSV file names write it ("placed_for_adoption").
std::string_view other_table_name(OtherTable table);

// One yearly return's tables as text, with the names used in messages: CSV files, or the
// return's XML (<EXPSSDA903>), which holds all three tables.
struct ReturnText {
    int year = 0;  // collection year end; 0 when undated
    std::string header_name, episodes_name, reviews_name, xml_name;
    // Text of each table; nullopt when the file is missing (already reported) or not CSV.
    std::optional<std::string> header, episodes, reviews, xml;
    // With no `xml` text, the XML return is read from the file `xml_name` in pieces, never held
    // whole (load_dataset does so: a national XML return is hundreds of megabytes).
    bool xml_from_file = false;

    // The other tables given as CSV files (the XML holds them all but sw_episodes).
    struct Other {
        OtherTable table;
        std::string name, text;
    };
    std::vector<Other> others;

    bool has_xml() const { return xml || xml_from_file; }
};

// How the 903 files are read ([data] in the config).
struct IngestOptions {
    // The authority to read from files whose LA column pools several (matched without regard to
    // case); every row when empty (docs/input.md, "Several authorities in one file").
    std::optional<std::string> la;
    // Where `la` is set, for messages about it (the config file, line and column).
    std::string la_file = "[data] la";
    int la_line = 0, la_column = 0;
    // The measures iro_activity.csv may give ([activity] in the config).
    std::vector<ActivityMeasureConfig> activity;
};

// Parses, validates and stitches returns held in memory (the entry point tests use).
// Structural problems are errors; data-quality problems are warnings (docs/errors.md).
Dataset build_dataset(const std::vector<ReturnText>& returns, Diagnostics& diagnostics,
                      const IngestOptions& options = {});

// The files careboard found in a data folder.
struct DataFolder {
    struct Return {
        int year = 0;
        std::string header, episodes, reviews;  // paths; empty when missing
        std::string xml;                        // the return as XML: all three tables
        std::array<std::string, kOtherTables> others;  // paths of the other tables' CSV files
        std::string escalations;                // optional IRO escalation log

        bool has_903() const {
            return !header.empty() || !episodes.empty() || !reviews.empty() || !xml.empty() ||
                   std::any_of(others.begin(), others.end(), [](const std::string& p) { return !p.empty(); });
        }
    };
    std::vector<Return> returns;  // ascending year, undated first
    std::string measures_csv;     // a measures.csv given instead of 903 files
    std::string staffing;         // iro_staffing.csv, optional
    std::string activity;         // iro_activity.csv, optional
    std::string allocations;      // iro_allocations.csv, optional
    // What was passed over, and why: a sub-folder without a year in its name, a CSV file that is
    // no table careboard reads. `check` lists them.
    struct Ignored {
        std::string path;
        std::string why;
    };
    std::vector<Ignored> ignored;
};

// Finds the 903 tables in `dir` and its year-named sub-folders (docs/input.md). A folder that
// cannot be listed is an I/O error (E004 for `dir`, E007 for a sub-folder), never skipped.
DataFolder discover_data_folder(const std::string& dir, Diagnostics& diagnostics);

// Reads the files of a data folder and builds the dataset. Missing files are errors.
Dataset load_dataset(const DataFolder& folder, Diagnostics& diagnostics, const IngestOptions& options = {});

}  // namespace careboard
