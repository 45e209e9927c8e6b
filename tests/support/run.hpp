#pragma once
// Helpers for tests that run the real careboard binary and look at the files it writes.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace careboard::testing {

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void spit(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// Runs `careboard ARGS` through the shell in `cwd`, capturing stdout and stderr separately.
inline RunResult run_careboard(const std::string& args, const std::filesystem::path& cwd = std::filesystem::current_path(),
                               const std::string& env = "") {
    const auto dir = std::filesystem::temp_directory_path() / ("careboard-run-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string command = "cd '" + cwd.string() + "' && " + env + " '" CAREBOARD_BINARY "' " + args + " >'" +
                                (dir / "out").string() + "' 2>'" + (dir / "err").string() + "'";
    const int status = std::system(command.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir / "out");
    r.err = slurp(dir / "err");
    std::filesystem::remove_all(dir);
    return r;
}

// Every file under `root`, by relative path.
inline std::map<std::string, std::string> read_tree(const std::filesystem::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file()) files[std::filesystem::relative(e.path(), root).generic_string()] = slurp(e.path());
    return files;
}

// A fresh temporary folder, removed when the object goes out of scope.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name) {
        path = std::filesystem::temp_directory_path() / ("careboard-test-" + name + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

inline std::filesystem::path source_dir() { return CAREBOARD_SOURCE_DIR; }
inline std::filesystem::path shared_dir() {
    if (const char* env = std::getenv("CAREBOARD_SHARED"); env && *env) return env;
    return source_dir().parent_path() / "shared";
}

}  // namespace careboard::testing
