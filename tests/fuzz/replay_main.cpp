// careboard_fuzz_replay TARGET PATH...: runs a fuzz target once on each file (and on each file of
// each folder) given, as libFuzzer does when given files, in any build with tests: the ordinary
// suite replays every saved regression input and seed with it (tests/fuzz/CMakeLists.txt). A
// failing input aborts with the sanitizer's or the target's report; the input's path is printed
// first.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz_target.hpp"

namespace careboard::fuzz {
namespace {

std::map<std::string, TargetFunction>& targets() {
    static std::map<std::string, TargetFunction> registry;
    return registry;
}

}  // namespace

bool register_target(const char* name, TargetFunction function) {
    targets()[name] = function;
    return true;
}

}  // namespace careboard::fuzz

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    using careboard::fuzz::targets;
    if (argc < 3 || !targets().count(argv[1])) {
        std::fprintf(stderr, "usage: careboard_fuzz_replay TARGET FILE-OR-FOLDER...\ntargets:");
        for (const auto& [name, function] : targets()) std::fprintf(stderr, " %s", name.c_str());
        std::fprintf(stderr, "\n");
        return 2;
    }
    const careboard::fuzz::TargetFunction run = targets()[argv[1]];
    std::vector<fs::path> files;
    for (int i = 2; i < argc; ++i) {
        const fs::path path = argv[i];
        if (fs::is_directory(path)) {
            std::vector<fs::path> inside;
            for (const auto& entry : fs::directory_iterator(path))
                if (entry.is_regular_file()) inside.push_back(entry.path());
            std::sort(inside.begin(), inside.end());
            files.insert(files.end(), inside.begin(), inside.end());
        } else if (fs::is_regular_file(path)) {
            files.push_back(path);
        } else {
            std::fprintf(stderr, "careboard_fuzz_replay: %s: no such file or folder\n", argv[i]);
            return 2;
        }
    }
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::fprintf(stderr, "careboard_fuzz_replay %s: %s (%zu bytes)\n", argv[1], file.c_str(), bytes.size());
        run(bytes);
    }
    std::printf("careboard_fuzz_replay %s: %zu inputs ran\n", argv[1], files.size());
    return files.empty() ? 1 : 0;
}
