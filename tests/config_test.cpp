// The TOML config (config/config.hpp): defaults, every key, and where problems are reported.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "support/diagnostics.hpp"

namespace careboard {
namespace {

const std::string kFile = "careboard.toml";

Config parse(std::string_view text, Diagnostics& diagnostics, const std::string& base = "/srv/cfg") {
    return parse_config(text, kFile, base, diagnostics);
}

using testing::messages;

TEST(Config, EmptyTextGivesTheDefaults) {
    Diagnostics diagnostics;
    const Config c = parse("", diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_EQ(c.authority_name, "Example Borough Council");
    EXPECT_EQ(c.authority_code, "E00000000");
    EXPECT_FALSE(c.population_0_17.has_value());
    // The source defaults to words built from the authority's name.
    EXPECT_EQ(c.source_name, "SSDA903 export, Example Borough Council");
    EXPECT_EQ(c.data_dir, "/srv/cfg");  // the config file's own folder
    EXPECT_FALSE(c.data_as_at.has_value());
    EXPECT_FALSE(c.window_end.has_value());
    EXPECT_EQ(c.window_quarters, 12);
    EXPECT_EQ(c.output_dir, "_site");
    EXPECT_EQ(c.site_title, "Children in care: trends");
    EXPECT_FALSE(c.strict);
    EXPECT_EQ(c.config_path, kFile);
}

TEST(Config, WithoutABaseFolderTheDataFolderIsTheCurrentOne) {
    Diagnostics diagnostics;
    EXPECT_EQ(parse("", diagnostics, "").data_dir, ".");
}

TEST(Config, ReadsEveryKey) {
    Diagnostics diagnostics;
    const Config c = parse(R"([authority]
name = "Northshire County Council"
code = "E10000099"
population_0_17 = 52000
source = "Liquidlogic export, March 2025"

[data]
dir = "returns"
as_at = 2025-03-31

[window]
end = "2024-25 Q4"
quarters = 8

[output]
dir = "public"
title = "Our children in care"
strict = true
)",
                           diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << ::testing::PrintToString(messages(diagnostics));
    EXPECT_EQ(c.authority_name, "Northshire County Council");
    EXPECT_EQ(c.authority_code, "E10000099");
    ASSERT_TRUE(c.population_0_17.has_value());  // a TOML integer is a number too
    EXPECT_DOUBLE_EQ(*c.population_0_17, 52000.0);
    EXPECT_EQ(c.source_name, "Liquidlogic export, March 2025");
    EXPECT_EQ(c.data_dir, "/srv/cfg/returns");
    EXPECT_EQ(c.data_as_at, Date::from_ymd(2025, 3, 31));
    EXPECT_EQ(c.window_end, (Quarter{2024, 4}));
    EXPECT_EQ(c.window_quarters, 8);
    EXPECT_EQ(c.output_dir, "/srv/cfg/public");
    EXPECT_EQ(c.site_title, "Our children in care");
    EXPECT_TRUE(c.strict);
}

TEST(Config, DefaultSourceUsesTheConfiguredAuthorityName) {
    Diagnostics diagnostics;
    const Config c = parse("[authority]\nname = \"Northshire\"\n", diagnostics);
    EXPECT_EQ(c.source_name, "SSDA903 export, Northshire");
}

TEST(Config, PopulationMayBeAFloat) {
    Diagnostics diagnostics;
    const Config c = parse("[authority]\npopulation_0_17 = 48200.5\n", diagnostics);
    ASSERT_TRUE(c.population_0_17.has_value());
    EXPECT_DOUBLE_EQ(*c.population_0_17, 48200.5);
}

TEST(Config, OldCodeAndRegionForTheOpenDataExport) {
    Diagnostics diagnostics;
    const Config c = parse("[authority]\nold_code = \"831\"\nregion_code = \"E12000004\"\nregion_name = \"East Midlands\"\n",
                           diagnostics);
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_EQ(c.authority_old_code, "831");
    EXPECT_EQ(c.region_code, "E12000004");
    EXPECT_EQ(c.region_name, "East Midlands");
    // A code of the wrong shape is an error at its own line and column, and is not used.
    Diagnostics bad;
    const Config d = parse("[authority]\nold_code = \"8311\"\nregion_code = \"E10000004\"\n", bad);
    EXPECT_EQ(messages(bad), (std::vector<std::string>{
                                 "careboard.toml:2:12: error: 'authority.old_code' must be a 3-digit code such as 831 [E002]",
                                 "careboard.toml:3:15: error: 'authority.region_code' must be a region's code such as "
                                 "E12000004 [E002]"}));
    EXPECT_EQ(d.authority_old_code, "");
    EXPECT_EQ(d.region_code, "");
}

// A whole-number setting written as a float: 4.0 is 4; 4.5 and a float beyond any integer
// (which toml++'s own conversion would turn into undefined behaviour) are errors.
TEST(Config, WholeNumbersWrittenAsFloats) {
    Diagnostics ok;
    EXPECT_EQ(parse("[window]\nyears = 4.0\n", ok).window_quarters, 16);
    EXPECT_TRUE(ok.items().empty());
    for (const char* text : {"[window]\nyears = 4.5\n", "[window]\nquarters = 1e300\n",
                             "[disclosure]\nsmallest_shown = 16666666666666666666666666666.5\n",
                             "[disclosure]\nsmallest_shown = nan\n", "[disclosure]\nsmallest_shown = -inf\n"}) {
        Diagnostics bad;
        parse(text, bad);
        ASSERT_EQ(bad.items().size(), 1u) << text;
        EXPECT_EQ(bad.items().front().code, "E002") << text;
    }
}

TEST(Config, AsAtMayBeWrittenAsTextInEitherDateForm) {
    Diagnostics diagnostics;
    EXPECT_EQ(parse("[data]\nas_at = \"2025-03-31\"\n", diagnostics).data_as_at, Date::from_ymd(2025, 3, 31));
    EXPECT_EQ(parse("[data]\nas_at = \"30/06/2024\"\n", diagnostics).data_as_at, Date::from_ymd(2024, 6, 30));
    EXPECT_TRUE(diagnostics.items().empty());
}

TEST(Config, RelativeDataFolderIsResolvedAgainstTheConfigFolder) {
    Diagnostics diagnostics;
    EXPECT_EQ(parse("[data]\ndir = \"../data/903\"\n", diagnostics, "/srv/cfg").data_dir, "/srv/data/903");
    EXPECT_EQ(parse("[data]\ndir = \"./returns/\"\n", diagnostics, "/srv/cfg").data_dir, "/srv/cfg/returns/");
    // An absolute folder is used as it is.
    EXPECT_EQ(parse("[data]\ndir = \"/data/903\"\n", diagnostics, "/srv/cfg").data_dir, "/data/903");
    // With no base folder a relative folder stays relative to the working folder.
    EXPECT_EQ(parse("[data]\ndir = \"returns\"\n", diagnostics, "").data_dir, "returns");
    EXPECT_TRUE(diagnostics.items().empty());
}

// Wrong types: an E002 error at the value's line and column, and the default is kept.

TEST(Config, WrongTypeForAStringNamesTheKeyAndItsPosition) {
    Diagnostics diagnostics;
    // Line 2 is `name = 42`: the value starts at column 8.
    const Config c = parse("[authority]\nname = 42\n", diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"careboard.toml:2:8: error: 'authority.name' must be a string [E002]"}));
    EXPECT_EQ(c.authority_name, "Example Borough Council");
}

TEST(Config, WrongTypesInEverySection) {
    Diagnostics diagnostics;
    const Config c = parse(R"([authority]
code = true
population_0_17 = -5
[data]
dir = 3
as_at = "31/02/2025"
[window]
end = "2024 Q4"
quarters = 1
[output]
title = ["a"]
strict = "yes"
)",
                           diagnostics);
    // Values start after "key = ": code (8), population_0_17 (19), dir (7), as_at (9),
    // end (7), quarters (12), title (9), strict (10).
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "careboard.toml:2:8: error: 'authority.code' must be a string [E002]",
                  "careboard.toml:3:19: error: 'authority.population_0_17' must be a positive number below 100,000,000 [E002]",
                  "careboard.toml:5:7: error: 'data.dir' must be a string [E002]",
                  "careboard.toml:6:9: error: 'data.as_at' must be a date such as 2025-03-31, from 1900 to 2200 [E002]",
                  "careboard.toml:8:7: error: 'window.end' must be a quarter such as \"2024-25 Q4\", from 1900 to 2200 [E002]",
                  "careboard.toml:9:12: error: 'window.quarters' must be a whole number from 2 to 40 [E002]",
                  "careboard.toml:11:9: error: 'output.title' must be a string [E002]",
                  "careboard.toml:12:10: error: 'output.strict' must be true or false [E002]",
              }));
    EXPECT_EQ(c.authority_code, "E00000000");
    EXPECT_FALSE(c.population_0_17.has_value());
    EXPECT_EQ(c.data_dir, "/srv/cfg");
    EXPECT_FALSE(c.data_as_at.has_value());
    EXPECT_FALSE(c.window_end.has_value());
    EXPECT_EQ(c.window_quarters, 12);
    EXPECT_EQ(c.site_title, "Children in care: trends");
    EXPECT_FALSE(c.strict);
}

TEST(Config, DatesAndPopulationOutOfRangeAreRejectedNotComputedWith) {
    // Year 0 used to reach the calendar arithmetic (an out-of-bounds read in days_in_month) and
    // build a window "-003--2 Q1 to 0000-01 Q0"; inf was a population.
    Diagnostics diagnostics;
    const Config c = parse("[authority]\npopulation_0_17 = inf\n[data]\nas_at = 0000-03-31\n[window]\nend = \"0001-02 Q1\"\n",
                           diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "careboard.toml:2:19: error: 'authority.population_0_17' must be a positive number below 100,000,000 [E002]",
                  "careboard.toml:4:9: error: 'data.as_at' must be a date such as 2025-03-31, from 1900 to 2200 [E002]",
                  "careboard.toml:6:7: error: 'window.end' must be a quarter such as \"2024-25 Q4\", from 1900 to 2200 [E002]",
              }));
    EXPECT_FALSE(c.population_0_17.has_value());
    EXPECT_FALSE(c.data_as_at.has_value());
    EXPECT_FALSE(c.window_end.has_value());
    Diagnostics late;
    parse("[data]\nas_at = \"2201-01-01\"\n[window]\nend = \"2300-01 Q1\"\n", late);
    EXPECT_EQ(late.error_count(), 2u);
}

TEST(Config, WindowQuartersMustBeFromTwoToForty) {
    Diagnostics ok;
    EXPECT_EQ(parse("[window]\nquarters = 2\n", ok).window_quarters, 2);
    EXPECT_EQ(parse("[window]\nquarters = 40\n", ok).window_quarters, 40);
    EXPECT_TRUE(ok.items().empty());
    Diagnostics too_many;
    EXPECT_EQ(parse("[window]\nquarters = 41\n", too_many).window_quarters, 12);
    EXPECT_EQ(too_many.error_count(), 1u);
}

TEST(Config, ASectionThatIsNotATableIsAnError) {
    Diagnostics diagnostics;
    parse("authority = \"Northshire\"\n", diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"careboard.toml:1:13: error: 'authority' must be a table [E002]"}));
}

TEST(Config, UnknownKeysAreWarningsWithTheirPosition) {
    Diagnostics diagnostics;
    const Config c = parse(R"(colour = "red"
[authority]
name = "Northshire"
nmae = "typo"
[output]
dir = "public"
theme = "dark"
)",
                           diagnostics);
    // Positions point at the setting's value: `colour = "red"` -> column 10, `nmae = ...` -> 8,
    // `theme = ...` -> 9.
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "careboard.toml:1:10: warning: unknown setting 'colour' is ignored [W001]",
                  "careboard.toml:4:8: warning: unknown setting 'authority.nmae' is ignored [W001]",
                  "careboard.toml:7:9: warning: unknown setting 'output.theme' is ignored [W001]",
              }));
    EXPECT_EQ(diagnostics.error_count(), 0u);
    EXPECT_EQ(c.authority_name, "Northshire");  // known keys are still read
}

TEST(Config, UnknownSectionIsAWarningAtItsLine) {
    Diagnostics diagnostics;
    parse("[authority]\nname = \"N\"\n\n[charts]\nstyle = 1\n", diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    const Diagnostic& d = diagnostics.items()[0];
    EXPECT_EQ(d.severity, Severity::warning);
    EXPECT_EQ(d.code, "W001");
    EXPECT_EQ(d.line, 4);
    EXPECT_EQ(d.message, "unknown setting 'charts' is ignored");
}

// Found by fuzzing (tests/fuzz/regressions/config/, and fixed with the test above): a TOML date
// or a quarter of year 0 was taken, and counting a window before year 1 read past the end of the
// month-length table. The saved inputs, and the edges of the range.
std::string regression_input(const std::string& name) {
    std::ifstream in(std::string(CAREBOARD_TEST_DIR) + "/fuzz/regressions/" + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(Config, DateYearZeroIsRejectedNotReadOutOfBounds) {
    Diagnostics diagnostics;
    const Config c = parse(regression_input("config/as-at-year-0.toml"), diagnostics);
    EXPECT_EQ(messages(diagnostics), (std::vector<std::string>{
                                         "careboard.toml:2:9: error: 'data.as_at' must be a date such as 2025-03-31, from 1900 to 2200 [E002]"}));
    EXPECT_FALSE(c.data_as_at.has_value());
    // The range is the 903 files' own: 1900 to 2200.
    Diagnostics in_range;
    EXPECT_EQ(parse("[data]\nas_at = 1900-01-01\n", in_range).data_as_at, Date::from_ymd(1900, 1, 1));
    EXPECT_EQ(parse("[data]\nas_at = 2200-12-31\n", in_range).data_as_at, Date::from_ymd(2200, 12, 31));
    EXPECT_TRUE(in_range.items().empty());
    EXPECT_FALSE(parse("[data]\nas_at = 2201-01-01\n", in_range).data_as_at.has_value());
    EXPECT_EQ(in_range.error_count(), 1u);
}

TEST(Config, WindowEndOfYearZeroIsRejectedNotReadOutOfBounds) {
    Diagnostics diagnostics;
    const Config c = parse(regression_input("config/window-end-year-0.toml"), diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  "careboard.toml:2:7: error: 'window.end' must be a quarter such as \"2024-25 Q4\", from 1900 to 2200 [E002]"}));
    EXPECT_FALSE(c.window_end.has_value());
    Diagnostics in_range;
    EXPECT_EQ(parse("[window]\nend = \"1900-01 Q1\"\n", in_range).window_end, (Quarter{1900, 1}));
    EXPECT_EQ(parse("[window]\nend = \"2199-00 Q4\"\n", in_range).window_end, (Quarter{2199, 4}));
    EXPECT_TRUE(in_range.items().empty());
    EXPECT_FALSE(parse("[window]\nend = \"1899-00 Q4\"\n", in_range).window_end.has_value());
    EXPECT_EQ(in_range.error_count(), 1u);
}

TEST(Config, StrictTurnsUnknownKeyWarningsIntoErrors) {
    Diagnostics diagnostics;
    diagnostics.set_strict(true);
    parse("colour = \"red\"\n", diagnostics);
    EXPECT_EQ(diagnostics.error_count(), 1u);
}

TEST(Config, InvalidTomlIsAnErrorAtItsLine) {
    Diagnostics diagnostics;
    // An unterminated string on line 3.
    const Config c = parse("[authority]\ncode = \"E1\"\nname = \"Northshire\n", diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    const Diagnostic& d = diagnostics.items()[0];
    EXPECT_EQ(d.severity, Severity::error);
    EXPECT_EQ(d.code, "E003");
    EXPECT_EQ(d.file, kFile);
    EXPECT_EQ(d.line, 3);
    EXPECT_GT(d.column, 0);
    EXPECT_EQ(d.message.rfind("invalid TOML: ", 0), 0u) << d.message;
    // Nothing from a broken file is used.
    EXPECT_EQ(c.authority_code, "E00000000");
}

TEST(Config, RedefinedKeyIsInvalidTomlAtTheSecondDefinition) {
    Diagnostics diagnostics;
    parse("[authority]\nname = \"A\"\nname = \"B\"\n", diagnostics);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].code, "E003");
    EXPECT_EQ(diagnostics.items()[0].line, 3);
}

TEST(Config, MissingConfigFileIsAnError) {
    Diagnostics diagnostics;
    const std::string path = "/nonexistent-careboard-dir/careboard.toml";
    EXPECT_FALSE(load_config(path, diagnostics).has_value());
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{path + ": error: cannot read the config file: there is no such file [E001]"}));
}

TEST(Config, LoadedFileResolvesPathsAgainstItsOwnFolder) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("careboard-config-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "careboard.toml";
    {
        std::ofstream out(file);
        out << "[data]\ndir = \"returns\"\n";
    }
    Diagnostics diagnostics;
    const std::optional<Config> c = load_config(file.string(), diagnostics);
    fs::remove_all(dir);
    ASSERT_TRUE(c.has_value());
    EXPECT_TRUE(diagnostics.items().empty());
    EXPECT_EQ(c->data_dir, (dir / "returns").string());
    EXPECT_EQ(c->config_path, file.string());
}

}  // namespace
}  // namespace careboard
