#include "core/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace careboard {

double round_half_away(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double scaled = std::fabs(value) * scale;
    double whole = std::floor(scaled);
    // A decimal half such as 1.005 is stored a hair below or above the half (1.00499999...);
    // anything within a relative 1e-9 of the half is taken as the half and rounded away from 0.
    const double fraction = scaled - whole;
    const double tolerance = 1e-9 * std::max(1.0, scaled);
    if (fraction >= 0.5 - tolerance) whole += 1.0;
    const double result = whole / scale;
    return value < 0 ? -result : result;
}

std::string format_plain(double value, int decimals) {
    const double rounded = round_half_away(value, decimals);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, rounded == 0.0 ? 0.0 : rounded);
    return buffer;
}

std::string format_number(double value, int decimals) {
    std::string plain = format_plain(value, decimals);
    const bool negative = !plain.empty() && plain[0] == '-';
    if (negative) plain.erase(0, 1);
    const std::size_t dot = plain.find('.');
    std::string integer = plain.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? "" : plain.substr(dot);
    std::string grouped;
    const std::size_t n = integer.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) grouped += ',';
        grouped += integer[i];
    }
    return (negative ? "-" : "") + grouped + fraction;
}

std::string format_percent(double value, int decimals) { return format_number(value, decimals) + "%"; }

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string lower_first(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

std::string upper_first(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

std::string csv_cell(std::string_view text) {
    std::string out(text);
    bool quote = out.find_first_of(",\"\n\r") != std::string::npos;
    if (!out.empty() && std::string_view("=+-@\t\r").find(out[0]) != std::string_view::npos) {
        out.insert(out.begin(), '\'');
        quote = true;
    }
    if (!quote) return out;
    std::string quoted = "\"";
    for (char c : out) {
        if (c == '"') quoted += '"';
        quoted += c == '\n' || c == '\r' ? ' ' : c;
    }
    return quoted + "\"";
}

std::string csv_unguard(std::string_view text) {
    if (text.size() >= 2 && text[0] == '\'' && std::string_view("=+-@").find(text[1]) != std::string_view::npos)
        text.remove_prefix(1);
    return std::string(text);
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        // Braces too: a label holding "{{" must not look like a template tag to the check that
        // nothing was left unrendered (site.cpp, E403), and it is then plainly text.
        case '{': out += "&#123;"; break;
        case '}': out += "&#125;"; break;
        default: out += c;
        }
    }
    return out;
}

bool read_file(const std::string& path, std::string& out) {
    out.clear();
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return false;
    out = std::move(buffer).str();
    return true;
}

namespace {

// Opens an input file for reading, refusing anything but a regular file of at most `max_bytes`;
// returns why it cannot be read, or nothing with `fd` and `size` set.
std::optional<std::string> open_input_file(const std::string& path, std::uint64_t max_bytes, int& fd, std::uint64_t& size) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
    fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT) return "there is no such file";
        if (error == EACCES) return "permission denied";
        return std::string(std::strerror(error));
    }
    struct stat info {};
    std::optional<std::string> why;
    if (::fstat(fd, &info) != 0) why = std::string(std::strerror(errno));
    else if (S_ISDIR(info.st_mode)) why = "it is a folder, not a file";
    else if (!S_ISREG(info.st_mode)) why = "it is not a regular file (a pipe, device or socket)";
    else if (static_cast<std::uint64_t>(info.st_size) > max_bytes) why = too_large_message(max_bytes);
    if (why) {
        ::close(fd);
        fd = -1;
        return why;
    }
    size = static_cast<std::uint64_t>(info.st_size);
    return std::nullopt;
}

struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
};

}  // namespace

std::string too_large_message(std::uint64_t max_bytes) {
    return "it is larger than " + std::to_string(max_bytes >> 20) + " MiB, the most careboard reads from one file";
}

std::optional<std::string> read_input_file(const std::string& path, std::string& out, std::uint64_t max_bytes) {
    out.clear();
    int fd = -1;
    std::uint64_t size = 0;
    if (std::optional<std::string> why = open_input_file(path, max_bytes, fd, size)) return why;
    const Closer closer{fd};
    out.resize(static_cast<std::size_t>(size));
    std::size_t done = 0;
    for (;;) {
        if (done == out.size()) {
            // The file may have grown since fstat: read on, within the limit.
            if (out.size() >= max_bytes) {
                char probe;
                const ssize_t more = ::read(fd, &probe, 1);
                if (more > 0) {
                    out.clear();
                    return too_large_message(max_bytes);
                }
                break;
            }
            out.resize(std::min<std::uint64_t>(max_bytes, out.size() + (out.size() / 2) + 4096));
        }
        const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int error = errno;
            out.clear();
            return std::string(std::strerror(error));
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    return std::nullopt;
}

std::optional<std::string> read_input_file_in_pieces(const std::string& path, std::size_t piece,
                                                     const std::function<bool(std::string_view)>& on_piece,
                                                     std::uint64_t max_bytes) {
    int fd = -1;
    std::uint64_t size = 0;
    if (std::optional<std::string> why = open_input_file(path, max_bytes, fd, size)) return why;
    const Closer closer{fd};
    std::string buffer(std::max<std::size_t>(piece, 1), '\0');
    std::uint64_t total = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return std::string(std::strerror(errno));
        }
        if (n == 0) return std::nullopt;
        total += static_cast<std::uint64_t>(n);
        if (total > max_bytes) return too_large_message(max_bytes);
        if (!on_piece(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) return std::nullopt;
    }
}

std::string css_string_literal(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n' || c == '\r') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace careboard
