#include "core/format.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace careboard {

double round_half_away(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    // Snap to nine decimals first: a ratio such as 0.125 computed as 1/8 is exact, but a sum of
    // binary fractions may land a hair below the half.
    const double snapped = std::round(value * 1e9) / 1e9;
    return std::round(snapped * scale) / scale;  // std::round is half away from zero
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

}  // namespace careboard
