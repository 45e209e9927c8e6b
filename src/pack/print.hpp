#pragma once
// Printing the board pack to PDF with headless Chromium, run as a child process: an argv array
// (no shell, so no path or option is ever interpreted as shell text), its own process group (so
// that a timeout ends Chromium's helper processes too), a fresh profile folder, and a time limit.
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace careboard::pack {

struct ChromiumLookup {
    std::optional<std::string> path;
    std::string why_not;  // when not found: what was looked for
};

inline bool is_executable_file(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// CAREBOARD_CHROMIUM when set (and then only it, so that a wrong setting is said, not silently
// replaced by another browser), otherwise Debian's /usr/bin/chromium.
inline ChromiumLookup find_chromium() {
    ChromiumLookup found;
    if (const char* env = std::getenv("CAREBOARD_CHROMIUM"); env && *env) {
        if (is_executable_file(env)) found.path = env;
        else found.why_not = std::string("CAREBOARD_CHROMIUM is set to '") + env + "', which is not an executable file";
        return found;
    }
    constexpr const char* kDebian = "/usr/bin/chromium";
    if (is_executable_file(kDebian)) found.path = kDebian;
    else found.why_not = std::string("Chromium was not found at ") + kDebian + " and CAREBOARD_CHROMIUM is not set";
    return found;
}

// A file:// URL for an absolute path, with every byte outside the unreserved set and '/'
// percent-encoded (spaces and '#' in a temporary folder's name must not change the URL).
inline std::string file_url(const std::filesystem::path& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out = "file://";
    for (const char byte : path.generic_string()) {
        const auto c = static_cast<unsigned char>(byte);
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

struct PrintResult {
    bool ok = false;
    std::string error;  // what went wrong, for the message
    double seconds = 0;
};

// Chromium's arguments for printing `html` to `pdf`: headless, no network services, no first-run
// or sync, a profile of its own. What waits for the charts (docs/pack.md, "How long printing
// takes", has the measurements):
// - Headless Chromium prints only after the page's load event, and careboard.js draws every chart
//   in its DOMContentLoaded handler: vega-embed compiles and renders each spec from inline data in
//   promise callbacks, with no timer, frame or fetch, so all 42 charts of the demo pack are drawn
//   before the load event fires, on however slow or busy a machine.
// - The virtual time budget is a safety net for any timer a future page might use: virtual time
//   advances only when the page is idle (a timer fires at once, time does not pass while the page
//   works or fetches), so the budget is the page's clock, not the machine's, and costs no more on a
//   slow machine. 15000 cost 0.1 to 0.2 s after the load event, 5000 about 0.1 s; 5000 still
//   prints charts whose drawing is held back 3 s by a timer, 1000 or none do not.
// - --run-all-compositor-stages-before-draw is gone: it makes screenshot frames complete, and
//   printing paints the page itself; without it the PDF is the same and no slower.
// - Chromium's headless mode builds a hidden browser window whose omnibox popup is a web page
//   rendered in a process of its own (1.5 to 2 s of CPU while the pack is printing, on two
//   cores that the pack's own renderer needs); these two features turn that off. Unknown
//   feature names are ignored, so other Chromium versions are unaffected.
// - The PDF stays tagged (--disable-pdf-tagging would save about 1.5 s) so that screen readers
//   can follow its headings and tables.
inline std::vector<std::string> chromium_arguments(const std::string& chromium, const std::filesystem::path& html,
                                                   const std::filesystem::path& pdf, const std::filesystem::path& profile) {
    return {chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
            "--user-data-dir=" + profile.string(),
            // A window whose page is 640 px wide inside its margins: charts are as wide as their
            // containers, headless printing lays the page out again for A4 without redrawing
            // them, and the print stylesheet scales each drawing to the text width (180 mm, 680
            // px), so a chart drawn at 640 px prints its 12 px text at about 9 pt.
            "--window-size=700,1000",
            "--virtual-time-budget=5000",
            "--no-pdf-header-footer",
            "--print-to-pdf=" + pdf.string(),
            file_url(html)};
}

// The end of Chromium's own output on one line, to say why it failed (messages stay one line).
inline std::string last_output(const std::filesystem::path& log) {
    std::ifstream in(log);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    std::string out;
    for (std::size_t i = lines.size() > 3 ? lines.size() - 3 : 0; i < lines.size(); ++i)
        out += (out.empty() ? "" : " / ") + lines[i];
    if (out.size() > 400) out = "..." + out.substr(out.size() - 400);
    return out.empty() ? std::string() : " (its last output: " + out + ")";
}

// Prints `html` to `pdf` with `chromium`, waiting at most `timeout`. Chromium's output goes to
// `log`. On a timeout every process of Chromium's group is ended.
inline PrintResult print_to_pdf(const std::string& chromium, const std::filesystem::path& html,
                                const std::filesystem::path& pdf, const std::filesystem::path& profile,
                                const std::filesystem::path& log, std::chrono::milliseconds timeout) {
    namespace fs = std::filesystem;
    using clock = std::chrono::steady_clock;
    PrintResult result;
    const auto started = clock::now();
    const std::vector<std::string> args = chromium_arguments(chromium, html, pdf, profile);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const std::string log_path = log.string();

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);  // a group of its own, led by Chromium
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, chromium.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (spawned != 0) {
        result.error = "cannot start " + chromium + ": " + std::strerror(spawned);
        return result;
    }

    // Wait for Chromium to end without reaping it (WNOWAIT): while it is not reaped its process
    // id, which is also its group's id, cannot be reused, so signalling the group reaches only
    // Chromium's own processes.
    bool timed_out = false;
    for (;;) {
        siginfo_t info{};
        const int rc = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
        if (rc == 0 && info.si_pid == pid) break;
        if (rc != 0 && errno != EINTR) break;
        if (clock::now() - started > timeout) {
            timed_out = true;
            ::kill(-pid, SIGKILL);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ::kill(-pid, SIGKILL);  // any helper process left behind
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.seconds = std::chrono::duration<double>(clock::now() - started).count();

    std::error_code ec;
    if (timed_out) {
        result.error = "Chromium did not finish printing within " + std::to_string(timeout.count() / 1000) +
                       " seconds (CAREBOARD_PRINT_TIMEOUT sets the limit) and was stopped";
        return result;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::ostringstream why;
        if (WIFEXITED(status)) why << "Chromium exited with status " << WEXITSTATUS(status);
        else if (WIFSIGNALED(status)) why << "Chromium was ended by signal " << WTERMSIG(status);
        else why << "Chromium failed";
        result.error = why.str() + last_output(log);
        return result;
    }
    char magic[5] = {};
    std::ifstream in(pdf, std::ios::binary);
    in.read(magic, 5);
    if (!fs::is_regular_file(pdf, ec) || fs::file_size(pdf, ec) == 0 || std::string(magic, 5) != "%PDF-") {
        result.error = "Chromium finished but wrote no PDF" + last_output(log);
        return result;
    }
    result.ok = true;
    return result;
}

// The time limit for printing: CAREBOARD_PRINT_TIMEOUT seconds when it is a whole number from 1
// to 3600, else 120 seconds, well beyond what the demo site takes.
inline std::chrono::milliseconds print_timeout() {
    if (const char* env = std::getenv("CAREBOARD_PRINT_TIMEOUT"); env && *env) {
        char* end = nullptr;
        const long seconds = std::strtol(env, &end, 10);
        if (end && *end == '\0' && seconds > 0 && seconds <= 3600) return std::chrono::seconds(seconds);
    }
    return std::chrono::seconds(120);
}

}  // namespace careboard::pack
