#include "fuzz_input.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

#include "fuzz_target.hpp"

namespace careboard::fuzz {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The part's name when `line` (without its newline) is a marker line.
std::optional<std::string_view> marker_name(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    constexpr std::string_view open = "==> ", close = " <==";
    if (line.size() < open.size() + close.size() || line.substr(0, open.size()) != open || !ends_with(line, close))
        return std::nullopt;
    return line.substr(open.size(), line.size() - open.size() - close.size());
}

}  // namespace

void fuzz_fail(std::string_view what) {
    std::fprintf(stderr, "careboard fuzz: property failed: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
}

std::vector<Part> split_parts(std::string_view input) {
    std::vector<Part> parts;
    Part current;
    std::size_t part_start = 0;
    bool marked = false;
    for (std::size_t at = 0; at <= input.size();) {
        const std::size_t nl = input.find('\n', at);
        const std::size_t line_end = nl == std::string_view::npos ? input.size() : nl;
        if (const auto name = marker_name(input.substr(at, line_end - at))) {
            current.text = input.substr(part_start, at - part_start);
            if (marked || !current.text.empty()) parts.push_back(current);
            current = Part{std::string(*name), {}};
            marked = true;
            part_start = nl == std::string_view::npos ? input.size() : nl + 1;
        }
        if (nl == std::string_view::npos) break;
        at = nl + 1;
    }
    current.text = input.substr(part_start);
    parts.push_back(current);
    return parts;
}

int year_in_name(std::string_view name) {
    for (std::size_t i = 0; i + 4 <= name.size(); ++i) {
        auto digit = [&](std::size_t k) { return k < name.size() && name[k] >= '0' && name[k] <= '9'; };
        if ((i > 0 && digit(i - 1)) || !digit(i) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3) || digit(i + 4))
            continue;
        const int year = std::atoi(std::string(name.substr(i, 4)).c_str());
        return year >= 1900 && year <= 2100 ? year : 0;
    }
    return 0;
}

namespace {

// The other 903 table a (lower-case) name ends in, if any.
std::optional<OtherTable> other_table_of(const std::string& name) {
    for (std::size_t t = 0; t < kOtherTables; ++t)
        if (ends_with(name, std::string(other_table_name(static_cast<OtherTable>(t))) + ".csv"))
            return static_cast<OtherTable>(t);
    return std::nullopt;
}

}  // namespace

Role role_of(const Part& part) {
    const std::string name = lower(part.name);
    if (!name.empty()) {
        if (ends_with(name, ".toml")) return Role::config;
        if (ends_with(name, ".md")) return Role::commentary;
        if (name.starts_with("ees/")) return Role::ees;
        if (ends_with(name, "measures.csv")) return Role::measures;
        if (ends_with(name, "iro_staffing.csv")) return Role::staffing;
        if (ends_with(name, "escalations.csv")) return Role::escalations;
        if (other_table_of(name)) return Role::other_903;
        if (ends_with(name, "header.csv")) return Role::header;
        if (ends_with(name, "episodes.csv")) return Role::episodes;
        if (ends_with(name, "reviews.csv")) return Role::reviews;
        if (ends_with(name, ".xml")) return Role::xml;
        return Role::other;
    }
    const std::string_view first = part.text.substr(0, part.text.find('\n'));
    if (first.starts_with("<?xml") || first.starts_with("<EXPSSDA903")) return Role::xml;
    if (first.find("ESCALATION_ID") != std::string_view::npos) return Role::escalations;
    if (first.find("DECOM") != std::string_view::npos) return Role::episodes;
    if (first.find("REVIEW") != std::string_view::npos) return Role::reviews;
    if (first.find("FTE") != std::string_view::npos) return Role::staffing;
    return Role::header;
}

std::string file_name_of(const Part& part) {
    if (!part.name.empty()) return part.name;
    switch (role_of(part)) {
    case Role::header: return "header.csv";
    case Role::episodes: return "episodes.csv";
    case Role::reviews: return "reviews.csv";
    case Role::escalations: return "escalations.csv";
    case Role::staffing: return "iro_staffing.csv";
    case Role::xml: return "ssda903.xml";
    default: return "input";
    }
}

std::vector<ReturnText> returns_from_parts(const std::vector<Part>& parts, Diagnostics& diagnostics) {
    std::map<int, ReturnText> by_year;
    for (const Part& part : parts) {
        const Role role = role_of(part);
        if (role != Role::header && role != Role::episodes && role != Role::reviews && role != Role::xml &&
            role != Role::other_903)
            continue;
        const int year = year_in_name(part.name);
        ReturnText& r = by_year[year];
        r.year = year;
        const std::string name = file_name_of(part);
        if (role == Role::header) r.header_name = name, r.header = std::string(part.text);
        if (role == Role::episodes) r.episodes_name = name, r.episodes = std::string(part.text);
        if (role == Role::reviews) r.reviews_name = name, r.reviews = std::string(part.text);
        if (role == Role::xml) r.xml_name = name, r.xml = std::string(part.text);
        if (role == Role::other_903) r.others.push_back({*other_table_of(lower(part.name)), name, std::string(part.text)});
    }
    std::vector<ReturnText> returns;
    bool any_reviews = false;  // reviews are optional when no return has them, as load_dataset reads them
    for (const auto& entry : by_year) any_reviews = any_reviews || entry.second.reviews || entry.second.xml;
    for (auto& [year, r] : by_year) {
        const std::string folder = year ? std::to_string(year) + "/" : "";
        const bool has_xml = r.xml.has_value();  // an XML return holds every table
        auto missing = [&](std::string& name, const char* table) {
            if (!name.empty() || has_xml) return;
            name = folder + table + ".csv";
            diagnostics.error("E006", name, 0, 0, std::string("missing file: the return has no ") + table + " table");
        };
        missing(r.header_name, "header");
        missing(r.episodes_name, "episodes");
        if (any_reviews) missing(r.reviews_name, "reviews");
        returns.push_back(std::move(r));
    }
    return returns;
}

EscalationTexts escalations_from_parts(const std::vector<Part>& parts) {
    EscalationTexts out;
    std::map<int, NamedText> logs;  // one a return, oldest first, undated first, as load_dataset passes them
    for (const Part& part : parts) {
        const Role role = role_of(part);
        if (role == Role::escalations) {
            const int year = year_in_name(part.name);
            logs[year] = NamedText{file_name_of(part), std::string(part.text), year};
        } else if (role == Role::staffing) {
            out.staffing = NamedText{file_name_of(part), std::string(part.text), 0};
        }
    }
    for (auto& [year, log] : logs) out.logs.push_back(std::move(log));
    return out;
}

}  // namespace careboard::fuzz
