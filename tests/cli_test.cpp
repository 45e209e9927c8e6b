// Smoke tests of the real binary: commands, exit codes, messages.
#include <gtest/gtest.h>

#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard::testing;

TEST(Cli, VersionPrintsNameAndVersion) {
    const RunResult r = run_careboard("--version");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, std::string("careboard ") + CAREBOARD_VERSION + "\n");
}

TEST(Cli, HelpListsTheCommands) {
    const RunResult r = run_careboard("--help");
    EXPECT_EQ(r.exit_code, 0);
    for (const char* command : {"build", "check", "synth"}) EXPECT_NE(r.out.find(command), std::string::npos) << command;
}

TEST(Cli, UnknownOptionIsAUsageErrorWithExitCode2) {
    const RunResult r = run_careboard("build --no-such-option");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--no-such-option"), std::string::npos) << r.err;
}

TEST(Cli, NoCommandIsAUsageError) {
    EXPECT_EQ(run_careboard("").exit_code, 2);
}

TEST(Cli, MissingDataFolderIsAnIoErrorWithExitCode3) {
    TempDir tmp("missing-data");
    const RunResult r = run_careboard("build --data '" + (tmp.path / "nowhere").string() + "' --out '" + (tmp.path / "site").string() + "'");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("nowhere: error: the data folder does not exist or is not a folder [E004]"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp.path / "site"));
}

TEST(Cli, BuildPrintsThePathOfIndexHtml) {
    TempDir tmp("build-path");
    const RunResult r = run_careboard("build --config '" + (source_dir() / "sample-data/careboard.toml").string() +
                                      "' --out '" + (tmp.path / "site").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, (tmp.path / "site" / "index.html").string() + "\n");
    EXPECT_TRUE(fs::is_regular_file(tmp.path / "site" / "index.html"));
}

TEST(Cli, CheckReportsCountsAndTheWindowAndWritesNothing) {
    TempDir tmp("check");
    const RunResult r = run_careboard("check --config '" + (source_dir() / "sample-data/careboard.toml").string() + "'", tmp.path);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("0 errors"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("window: 2022-23 Q1 to 2024-25 Q4 (12 quarters), data as at 31 March 2025"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::is_empty(tmp.path));
}

TEST(Cli, SynthIsDeterministicForASeed) {
    TempDir tmp("synth");
    ASSERT_EQ(run_careboard("synth --children 80 --years 2 --seed 5 --out a", tmp.path).exit_code, 0);
    ASSERT_EQ(run_careboard("synth --children 80 --years 2 --seed 5 --out b", tmp.path).exit_code, 0);
    ASSERT_EQ(run_careboard("synth --children 80 --years 2 --seed 6 --out c", tmp.path).exit_code, 0);
    EXPECT_EQ(read_tree(tmp.path / "a"), read_tree(tmp.path / "b"));
    EXPECT_NE(read_tree(tmp.path / "a"), read_tree(tmp.path / "c"));
}

TEST(Cli, SynthRejectsBadOptionsWithUsageExit) {
    TempDir tmp("synth-bad");
    const RunResult r = run_careboard("synth --children 0 --out x", tmp.path);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_FALSE(r.err.empty());
}

TEST(Cli, SynthSeedThatIsNotAWholeNumberIsAUsageError) {
    // -1 used to wrap round to 18446744073709551615 and write an authority.
    TempDir tmp("synth-seed");
    for (const char* seed : {"-1", "1.5", "99999999999999999999999"}) {
        const RunResult r = run_careboard(std::string("synth --seed ") + seed + " --out x", tmp.path);
        EXPECT_EQ(r.exit_code, 2) << seed;
        EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
                  std::string("careboard: --seed: '") + seed + "' is not a whole number from 0 to 18446744073709551615");
        EXPECT_FALSE(fs::exists(tmp.path / "x"));
    }
}

// The sample data regenerate byte for byte from the command recorded in sample-data/careboard.toml.
TEST(Cli, SampleDataComesFromTheGenerator) {
    TempDir tmp("sample");
    ASSERT_EQ(run_careboard("synth --children 500 --years 4 --seed 1 --xml-year 2024 --out s", tmp.path).exit_code, 0);
    auto expected = read_tree(source_dir() / "sample-data");
    expected.erase("careboard.toml");
    EXPECT_EQ(read_tree(tmp.path / "s"), expected);
}
