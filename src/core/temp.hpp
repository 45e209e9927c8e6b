#pragma once
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace careboard {

// The system's temporary folder (TMPDIR, else /tmp), and what to call it in a message. `path`
// is empty when TMPDIR names no folder: a failure to report, never an exception.
struct TemporaryFolder {
    std::filesystem::path path;
    std::string shown;
};

inline TemporaryFolder temporary_folder() {
    std::error_code error;
    std::filesystem::path path = std::filesystem::temp_directory_path(error);
    if (!error) return {path, path.string()};
    const char* tmpdir = std::getenv("TMPDIR");
    return {{}, tmpdir ? tmpdir : "the temporary folder"};
}

}  // namespace careboard
