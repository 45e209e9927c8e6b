#include "synth/pooled.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace careboard::synth {
namespace {

// The 903 tables a pooled file holds (the file names generate() writes in a year's folder).
bool is_pooled_table(const std::string& path) {
    static const char* const tables[] = {"/header.csv", "/episodes.csv", "/reviews.csv", "/missing.csv",
                                         "/uasc.csv", "/oc2.csv", "/oc3.csv", "/ad1.csv", "/placed_for_adoption.csv",
                                         "/previous_permanence.csv", "/sw_episodes.csv"};
    for (const char* t : tables)
        if (path.ends_with(t)) return true;
    return false;
}

// `text` with ",LA" on its header and `,code` on every row.
void append_with_la(std::string& out, const std::string& text, const std::string& code, bool with_header) {
    std::size_t at = 0;
    bool first = true;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        std::size_t line_end = end;
        if (line_end > at && text[line_end - 1] == '\r') --line_end;
        if (!first || with_header) {
            out.append(text, at, line_end - at);
            out += first ? ",LA" : "," + code;
            out.append(text, line_end, end - line_end);
            out += '\n';
        }
        first = false;
        at = end + 1;
    }
}

}  // namespace

std::vector<PooledAuthority> pooled_authorities(int children, int count) {
    if (count < 1 || count > 400) throw std::invalid_argument("--authorities must be from 1 to 400");
    static const char* const first[] = {"North", "South", "East", "West", "Upper", "Lower",
                                        "Old", "New", "Great", "Little", "Kings", "Queens"};
    static const char* const second[] = {"field", "moor", "brook", "dale", "ford", "ham", "wick", "bury", "ton",
                                         "leigh", "mouth", "stead", "worth", "combe", "hurst", "gate", "by",
                                         "thorpe", "well", "cross", "marsh", "bridge", "haven", "wood", "port",
                                         "minster", "castle", "chester", "stow", "ley", "borough", "mere", "holm", "den"};
    std::vector<PooledAuthority> out;
    double total_weight = 0;
    std::vector<double> weights;
    for (int i = 0; i < count; ++i) {
        // 0.5 to 1.5, spread without a pattern a reader would notice.
        weights.push_back(0.5 + static_cast<double>((static_cast<unsigned>(i) * 7919u + 3u) % 11u) / 10.0);
        total_weight += weights.back();
    }
    for (int i = 0; i < count; ++i) {
        char code[16];
        std::snprintf(code, sizeof code, "E0699%04d", i + 1);
        const std::size_t a = static_cast<std::size_t>(i) % std::size(first);
        const std::size_t b = (static_cast<std::size_t>(i) / std::size(first)) % std::size(second);
        std::string name = std::string(first[a]) + second[b];
        if (i >= static_cast<int>(std::size(first) * std::size(second))) name += " " + std::to_string(i + 1);
        const int share = static_cast<int>(std::lround(children * weights[static_cast<std::size_t>(i)] / total_weight));
        out.push_back({code, name + " (fictional)", std::max(20, share)});
    }
    return out;
}

std::vector<SynthFile> generate_pooled(const SynthOptions& options, int count) {
    if (!options.xml_years.empty())
        throw std::invalid_argument("--xml-year cannot be used with --authorities: the 903 XML has no LA column to pool by");
    const std::vector<PooledAuthority> authorities = pooled_authorities(options.children, count);
    std::map<std::string, std::string> pooled;  // path -> content, in path order
    std::vector<std::string> order;
    for (std::size_t i = 0; i < authorities.size(); ++i) {
        SynthOptions one = options;
        one.children = authorities[i].children;
        one.seed = options.seed * 1000003u + static_cast<std::uint64_t>(i) + 1u;
        for (const SynthFile& f : generate(one)) {
            if (!is_pooled_table(f.path)) continue;
            auto [it, inserted] = pooled.try_emplace(f.path);
            if (inserted) order.push_back(f.path);
            append_with_la(it->second, f.content, authorities[i].code, inserted);
        }
    }
    std::vector<SynthFile> files;
    for (const std::string& path : order) files.push_back({path, std::move(pooled[path])});
    std::string config = "# " + std::to_string(count) + " fictional authorities' 903 returns pooled in one set of files (an LA\n"
                         "# column tells them apart), written by\n"
                         "#   careboard synth --authorities " + std::to_string(count) + " --children " +
                         std::to_string(options.children) + " --years " + std::to_string(options.years) + " --seed " +
                         std::to_string(options.seed) + " --last-year " + std::to_string(options.last_year) + "\n"
                         "# Every setting is described in docs/configuration.md and docs/authorities.md.\n\n"
                         "[output]\ntitle = \"Children in care: trends\"\n\n"
                         "[authorities]\nname = \"" + std::to_string(count) + " fictional authorities\"\ninclude = [\n";
    for (const PooledAuthority& a : authorities) config += "  { la = \"" + a.code + "\", name = \"" + a.name + "\" },\n";
    config += "]\n";
    files.push_back({"careboard.toml", std::move(config)});
    return files;
}

}  // namespace careboard::synth
