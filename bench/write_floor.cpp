// The file-writing floor of a build: how long it takes merely to write a built site's files
// again, as careboard's publishing writes them (a new folder, every file created and written,
// and, as careboard does by default, the file system flushed once with syncfs before the swap).
// A build cannot be faster than this on the same machine; bench/README.md compares with it.
//
//   careboard_write_floor SITE_DIR [--repeat N] [--no-sync]
//
// Reads every file of SITE_DIR into memory first, then writes them under a fresh temporary
// folder N times (default 5) and prints the median wall time in milliseconds.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool write_file(const fs::path& path, const std::string& content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n <= 0) {
            ::close(fd);
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return ::close(fd) == 0;
}

void sync_file_system(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::syncfs(fd);
        ::close(fd);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: careboard_write_floor SITE_DIR [--repeat N] [--no-sync]\n");
        return 2;
    }
    const fs::path site = argv[1];
    int repeat = 5;
    bool sync = true;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
        else if (a == "--no-sync") sync = false;
    }
    std::map<std::string, std::string> files;
    std::size_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(site)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        bytes += s.str().size();
        files[fs::relative(e.path(), site).generic_string()] = s.str();
    }
    std::set<std::string> folders;
    for (const auto& [path, content] : files)
        for (fs::path p = fs::path(path).parent_path(); !p.empty(); p = p.parent_path()) folders.insert(p.generic_string());
    const fs::path scratch = fs::temp_directory_path() / ("careboard-write-floor-" + std::to_string(::getpid()));
    std::vector<double> times;
    for (int r = 0; r < repeat; ++r) {
        fs::remove_all(scratch);
        const auto start = std::chrono::steady_clock::now();
        fs::create_directories(scratch);
        for (const std::string& f : folders) fs::create_directories(scratch / f);
        for (const auto& [path, content] : files)
            if (!write_file(scratch / path, content)) {
                std::fprintf(stderr, "cannot write %s\n", (scratch / path).c_str());
                return 1;
            }
        if (sync) sync_file_system(scratch);
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    fs::remove_all(scratch);
    std::sort(times.begin(), times.end());
    std::printf("%zu files, %zu bytes, %zu folders: writing them takes %.1f ms (median of %d%s)\n", files.size(), bytes,
                folders.size(), times[times.size() / 2], repeat, sync ? ", then syncfs" : ", not flushed");
    return 0;
}
