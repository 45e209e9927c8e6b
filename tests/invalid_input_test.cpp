// Invalid-input fixtures (tests/fixtures/invalid/*): each folder holds data (and maybe a
// careboard.toml), the exit code expected, and the exact messages expected on stderr. A build
// must report every problem, stop with that exit code and write nothing.
//
// To accept deliberate message changes: CAREBOARD_UPDATE_GOLDEN=1, then review the diff.
#include <gtest/gtest.h>

#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard::testing;

namespace {

class InvalidInput : public ::testing::TestWithParam<std::string> {};

std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(source_dir() / "tests/fixtures/invalid"))
        if (e.is_directory()) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_P(InvalidInput, ReportsEveryProblemExactlyAndWritesNothing) {
    const fs::path fixture = source_dir() / "tests/fixtures/invalid" / GetParam();
    TempDir tmp("invalid-" + GetParam());
    const std::string config = fs::exists(fixture / "careboard.toml") ? " --config careboard.toml" : "";
    const RunResult r = run_careboard("build --data data --out '" + (tmp.path / "site").string() + "'" + config, fixture);
    const fs::path expected_err = fixture / "expected-stderr.txt";
    if (std::getenv("CAREBOARD_UPDATE_GOLDEN")) spit(expected_err, r.err);
    EXPECT_EQ(std::to_string(r.exit_code) + "\n", slurp(fixture / "expected-exit-code"));
    EXPECT_EQ(r.err, slurp(expected_err));
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(tmp.path / "site"));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, InvalidInput, ::testing::ValuesIn(fixture_names()),
                         [](const auto& param_info) {
                             std::string name = param_info.param;
                             for (char& c : name)
                                 if (c == '-') c = '_';
                             return name;
                         });
