#include "config/config.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <span>
#include <toml++/toml.h>

#include "benchmarks/ees.hpp"
#include "core/format.hpp"
#include "core/text.hpp"

namespace careboard {
namespace {

// A whole number, written as a TOML integer or as a float with nothing after the point (4.0).
// Never toml++'s own conversion of a float, which is undefined for one outside int64's range.
std::optional<int64_t> whole_number(const toml::node& node) {
    if (const auto* i = node.as_integer()) return i->get();
    if (const auto* f = node.as_floating_point()) {
        const double d = f->get();
        if (std::isfinite(d) && std::fabs(d) < 1e15 && d == std::floor(d)) return static_cast<int64_t>(d);
    }
    return std::nullopt;
}

struct Reader {
    const std::string& file;
    Diagnostics& diagnostics;

    int line_of(const toml::node& node) const { return static_cast<int>(node.source().begin.line); }
    int column_of(const toml::node& node) const { return static_cast<int>(node.source().begin.column); }

    void wrong_type(const toml::node& node, std::string_view key, std::string_view expected) {
        std::string message = "'";
        message.append(key).append("' must be ").append(expected);
        diagnostics.error("E002", file, line_of(node), column_of(node), std::move(message));
    }

    void read_string(const toml::table& table, std::string_view section, std::string_view key,
                     std::string& out) {
        const toml::node* node = table.get(key);
        if (!node) return;
        if (auto value = node->value<std::string>()) out = *value;
        else wrong_type(*node, std::string(section) + "." + std::string(key), "a string");
    }

    void read_bool(const toml::table& table, std::string_view section, std::string_view key, bool& out) {
        const toml::node* node = table.get(key);
        if (!node) return;
        if (auto value = node->value<bool>()) out = *value;
        else wrong_type(*node, std::string(section) + "." + std::string(key), "true or false");
    }

    void unknown_keys(const toml::table& table, std::string_view section,
                      std::initializer_list<std::string_view> known, std::span<const std::string_view> more = {}) {
        for (const auto& [key, node] : table) {
            bool found = false;
            for (auto k : known) found = found || k == key.str();
            for (auto k : more) found = found || k == key.str();
            if (!found)
                diagnostics.warning("W001", file, line_of(node), column_of(node),
                                    "unknown setting '" + std::string(section) +
                                        (section.empty() ? "" : ".") + std::string(key.str()) +
                                        "' is ignored");
        }
    }
};

// A measure's key: lower-case letters, digits and _, starting with a letter (as careboard's own).
bool is_measure_key(std::string_view key) {
    if (key.empty() || key.size() > 64 || !(key[0] >= 'a' && key[0] <= 'z')) return false;
    return std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// [activity.<key>]: the measures of iro_activity.csv (docs/configuration.md).
void read_activity(Reader& r, const toml::table& activity, Config& config) {
    std::vector<std::pair<const toml::table*, std::string>> tables;
    for (const auto& [key, node] : activity) {
        const std::string name = "activity." + std::string(key.str());
        if (const toml::table* t = node.as_table()) tables.emplace_back(t, std::string(key.str()));
        else r.wrong_type(node, name, "a table: [" + name + "] with label, unit and the rest");
    }
    // The order the file writes them (a TOML table has none of its own): pages and the report
    // show them in that order.
    std::stable_sort(tables.begin(), tables.end(), [&](const auto& a, const auto& b) {
        return std::pair(r.line_of(*a.first), r.column_of(*a.first)) < std::pair(r.line_of(*b.first), r.column_of(*b.first));
    });
    std::vector<std::optional<double>> target_min, target_max;
    for (const auto& table : tables) {
        // Named, not a structured binding: clang 14 cannot capture a binding in the lambdas below.
        const toml::table* const t = table.first;
        const std::string& key = table.second;
        const std::string name = "activity." + key;
        r.unknown_keys(*t, name, {"label", "unit", "period", "decimals", "categories", "sums_to", "numerator", "denominator",
                                  "target", "page", "section"});
        ActivityMeasureConfig m;
        m.key = key;
        m.at = {r.line_of(*t), r.column_of(*t)};
        if (!is_measure_key(key)) {
            r.wrong_type(*t, name, "named by a key of lower-case letters, digits and _, starting with a letter (such as "
                                   "consultations_returned)");
            continue;
        }
        m.label = key;
        r.read_string(*t, name, "label", m.label);
        auto one_of = [&](const char* setting, std::string& out, std::initializer_list<std::string_view> allowed) {
            const toml::node* node = t->get(setting);
            if (!node) return;
            const std::optional<std::string> v = node->value<std::string>();
            if (v && std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) {
                out = *v;
                return;
            }
            std::string words;
            for (std::string_view a : allowed) words += (words.empty() ? "" : ", ") + ("\"" + std::string(a) + "\"");
            r.wrong_type(*node, name + "." + setting, "one of " + words);
        };
        one_of("unit", m.unit, {"children", "events", "percent"});
        one_of("period", m.period, {"period", "date"});
        one_of("page", m.page, {"iro-service", "escalations", "reviews"});
        one_of("section", m.section, {"iro-activity", "iro-service", "reviews", "escalations"});
        m.decimals = m.unit == "percent" ? 1 : 0;
        if (const toml::node* node = t->get("decimals")) {
            const std::optional<int64_t> n = whole_number(*node);
            if (m.unit == "percent" && n && *n >= 0 && *n <= 3) m.decimals = static_cast<int>(*n);
            else if (m.unit != "percent" && n && *n == 0) m.decimals = 0;
            else r.wrong_type(*node, name + ".decimals", m.unit == "percent" ? "a whole number from 0 to 3"
                                                                               : "0: a count is a whole number");
        }
        if (const toml::node* node = t->get("categories")) {
            const toml::array* array = node->as_array();
            if (!array || array->empty())
                r.wrong_type(*node, name + ".categories", "a list of categories, each \"key\" or { key = \"...\", label = \"...\" }");
            for (std::size_t i = 0; array && i < array->size(); ++i) {
                const toml::node& item = *array->get(i);
                std::optional<std::string> code, label;
                if (auto v = item.value<std::string>()) code = label = *v;
                else if (const toml::table* c = item.as_table()) {
                    code = c->get("key") ? c->get("key")->value<std::string>() : std::nullopt;
                    label = c->get("label") ? c->get("label")->value<std::string>() : code;
                }
                const std::string trimmed = code ? std::string(trim_space(*code)) : std::string();
                const bool repeated = std::any_of(m.categories.begin(), m.categories.end(),
                                                  [&](const auto& p) { return p.first == trimmed; });
                if (!code || !label || trimmed.empty() || trimmed == "Total" || repeated ||
                    trimmed.find_first_of(",\"") != std::string::npos) {
                    r.wrong_type(item, name + ".categories",
                                 repeated ? "a list of different categories ('" + trimmed + "' is given twice)"
                                          : "a list of categories, each \"key\" or { key = \"...\", label = \"...\" }, "
                                            "a key neither empty nor Total, without commas or quotes");
                    continue;
                }
                m.categories.emplace_back(trimmed, *label);
            }
        }
        r.read_string(*t, name, "sums_to", m.sums_to);
        r.read_string(*t, name, "numerator", m.numerator);
        r.read_string(*t, name, "denominator", m.denominator);
        if (m.unit == "percent" && (m.numerator.empty() || m.denominator.empty()))
            r.wrong_type(*t, name, "given a numerator and a denominator (two declared counts): a percentage is worked out "
                                   "from its counts, so that disclosure control can protect it");
        if (m.unit != "percent" && (!m.numerator.empty() || !m.denominator.empty()))
            r.wrong_type(*t->get(!m.numerator.empty() ? "numerator" : "denominator"), name,
                         "of unit = \"percent\" to have a numerator and a denominator");
        if (m.unit == "percent" && !m.categories.empty())
            r.wrong_type(*t->get("categories"), name + ".categories", "absent for a percentage (one figure a period)");
        if (const toml::node* node = t->get("target")) {
            Target target{key, std::nullopt, std::nullopt};
            if (auto v = node->value<double>()) {
                target.min = *v;
            } else if (const toml::array* band = node->as_array();
                       band && band->size() == 2 && (*band)[0].value<double>() && (*band)[1].value<double>() &&
                       *(*band)[0].value<double>() <= *(*band)[1].value<double>()) {
                target.min = *(*band)[0].value<double>();
                target.max = *(*band)[1].value<double>();
            } else {
                r.wrong_type(*node, name + ".target", "a number (a minimum) or [low, high] (a band)");
            }
            if (target.min && !m.categories.empty())
                r.wrong_type(*node, name + ".target", "set on a measure without categories (a target is for a Total)");
            else if (target.min)
                config.targets.push_back(std::move(target));
        }
        config.activity.push_back(std::move(m));
    }
    // References between declared measures: a breakdown's total, a percentage's two counts.
    auto find = [&](const std::string& key) -> const ActivityMeasureConfig* {
        for (const ActivityMeasureConfig& m : config.activity)
            if (m.key == key) return &m;
        return nullptr;
    };
    for (const ActivityMeasureConfig& m : config.activity) {
        const toml::table& t = *activity.get(m.key)->as_table();
        const std::string name = "activity." + m.key;
        if (!m.sums_to.empty()) {
            const ActivityMeasureConfig* total = find(m.sums_to);
            if (m.categories.empty())
                r.wrong_type(*t.get("sums_to"), name + ".sums_to", "set only on a measure with categories");
            else if (!total || total == &m || !total->categories.empty() || total->unit != m.unit || total->period != m.period)
                r.wrong_type(*t.get("sums_to"), name + ".sums_to",
                             "the key of another declared measure without categories, of the same unit and period ('" +
                                 m.sums_to + "' is not)");
        }
        for (const char* part : {"numerator", "denominator"}) {
            const std::string& ref = std::string_view(part) == "numerator" ? m.numerator : m.denominator;
            if (ref.empty() || m.unit != "percent") continue;
            const ActivityMeasureConfig* count = find(ref);
            if (!count || count->unit == "percent" || !count->categories.empty() || count->period != m.period)
                r.wrong_type(*t.get(part), name + "." + part,
                             "the key of a declared count without categories, of the same period ('" + ref + "' is not)");
        }
    }
}


// [authorities] (docs/authorities.md).
void read_authorities(const toml::table& t, Reader& r, const std::string& base_dir, Config& config) {
    AuthoritiesConfig& a = config.authorities;
    a.enabled = true;
    a.at = {r.line_of(t), r.column_of(t)};
    r.unknown_keys(t, "authorities", {"name", "include", "keep_going", "from", "region"});
    r.read_string(t, "authorities", "name", a.name);
    r.read_bool(t, "authorities", "keep_going", a.keep_going);
    if (const toml::node* from = t.get("from")) {
        a.from_at = {r.line_of(*from), r.column_of(*from)};
        const std::optional<std::string> v = from->value<std::string>();
        if (v && (*v == "903" || *v == "published")) a.published = *v == "published";
        else r.wrong_type(*from, "authorities.from", "\"903\" (each authority's 903 returns) or \"published\" (the DfE's files in [benchmarks])");
    }
    if (const toml::node* region = t.get("region")) {
        a.region_at = {r.line_of(*region), r.column_of(*region)};
        r.read_string(t, "authorities", "region", a.region);
        a.region = std::string(trim_space(a.region));
        if (!a.published) r.wrong_type(*region, "authorities.region", "used with from = \"published\" only (the DfE's files say which region each authority is in)");
    }
    const toml::node* include = t.get("include");
    if (!include) {
        a.all = true;
        return;
    }
    if (auto v = include->value<std::string>(); v && *v == "all") {
        a.all = true;
        return;
    }
    const toml::array* list = include->as_array();
    if (!list || list->empty()) {
        r.wrong_type(*include, "authorities.include",
                     "\"all\" (every LA value of the pooled 903 files) or a list of { la = \"...\" } or { dir = \"...\" } "
                     "tables, each with an optional code and name");
        return;
    }
    std::set<std::string> codes;
    const std::filesystem::path base(base_dir.empty() ? "." : base_dir);
    for (const toml::node& item : *list) {
        const toml::table* entry = item.as_table();
        if (!entry) {
            r.wrong_type(item, "authorities.include", "a list of tables such as { la = \"Southwark\", code = \"E09000028\" }");
            continue;
        }
        r.unknown_keys(*entry, "authorities.include", {"la", "dir", "code", "name"});
        AuthorityEntry e;
        e.at = {r.line_of(item), r.column_of(item)};
        r.read_string(*entry, "authorities.include", "la", e.la);
        r.read_string(*entry, "authorities.include", "dir", e.dir);
        r.read_string(*entry, "authorities.include", "code", e.code);
        r.read_string(*entry, "authorities.include", "name", e.name);
        e.la = std::string(trim_space(e.la));
        if (a.published) {
            // An authority of the DfE's files, by its new or old code: its folder is its new code,
            // known once the files are read.
            e.code = std::string(trim_space(e.code));
            if (!e.la.empty() || !e.dir.empty() || e.code.empty()) {
                r.wrong_type(item, "authorities.include", "with from = \"published\", a list of { code = \"E06000015\" } tables (an authority's new or old code in the DfE's files), each with an optional name");
                continue;
            }
            if (!codes.insert(e.code).second) {
                r.wrong_type(*entry->get("code"), "authorities.include.code", "different for each authority ('" + e.code + "' is given twice)");
                continue;
            }
            a.list.push_back(std::move(e));
            continue;
        }
        if (e.la.empty() == e.dir.empty()) {
            r.wrong_type(item, "authorities.include", "given either la (the LA column's value) or dir (its own data folder), not both");
            continue;
        }
        if (!e.dir.empty()) e.dir = (base / e.dir).lexically_normal().string();
        const std::string from = !e.la.empty() ? e.la : std::filesystem::path(e.dir).filename().string();
        if (e.name.empty()) e.name = from;
        e.code = authority_folder_code(e.code.empty() ? from : e.code);
        // The folder names the overview itself uses.
        static const std::set<std::string> reserved{"assets", "data", "overview", "index.html"};
        if (e.code.empty() || reserved.count(e.code)) {
            r.wrong_type(entry->get("code") ? *entry->get("code") : item, "authorities.include.code",
                         "a code of letters and digits other than assets, data and overview");
            continue;
        }
        if (!codes.insert(e.code).second) {
            r.wrong_type(entry->get("code") ? *entry->get("code") : item, "authorities.include.code",
                         "different for each authority ('" + e.code + "' is given twice)");
            continue;
        }
        a.list.push_back(std::move(e));
    }
}

}  // namespace

Config parse_config(std::string_view text, const std::string& file_name, const std::string& base_dir,
                    Diagnostics& diagnostics) {
    Config config;
    config.config_path = file_name;
    config.data_dir = base_dir.empty() ? "." : base_dir;
    toml::table root;
    try {
        root = toml::parse(text, file_name);
    } catch (const toml::parse_error& error) {
        diagnostics.error("E003", file_name, static_cast<int>(error.source().begin.line),
                          static_cast<int>(error.source().begin.column),
                          "invalid TOML: " + std::string(error.description()));
        return config;
    }
    Reader r{file_name, diagnostics};
    r.unknown_keys(root, "", {"authority", "data", "window", "output", "disclosure", "escalations", "activity", "targets",
                              "benchmarks", "authorities"});

    auto section = [&](std::string_view name) -> const toml::table* {
        const toml::node* node = root.get(name);
        if (!node) return nullptr;
        if (const toml::table* t = node->as_table()) return t;
        r.wrong_type(*node, name, "a table");
        return nullptr;
    };

    if (const toml::table* t = section("authority")) {
        r.unknown_keys(*t, "authority",
                       {"name", "code", "population_0_17", "source", "contact", "old_code", "region_code", "region_name"});
        // A 3-digit old code (831) and a region's code (E12000004), as the DfE's files give them.
        auto read_code = [&](const char* key, std::string& out, std::size_t digits, std::string_view prefix, const char* what) {
            r.read_string(*t, "authority", key, out);
            const bool ok = out.empty() || (out.size() == prefix.size() + digits && out.starts_with(prefix) &&
                                            std::all_of(out.begin() + static_cast<std::ptrdiff_t>(prefix.size()), out.end(),
                                                        [](char c) { return c >= '0' && c <= '9'; }));
            if (!ok) {
                r.wrong_type(*t->get(key), std::string("authority.") + key, what);
                out.clear();
            }
        };
        read_code("old_code", config.authority_old_code, 3, "", "a 3-digit code such as 831");
        read_code("region_code", config.region_code, 6, "E12", "a region's code such as E12000004");
        r.read_string(*t, "authority", "region_name", config.region_name);
        r.read_string(*t, "authority", "contact", config.contact);
        r.read_string(*t, "authority", "name", config.authority_name);
        r.read_string(*t, "authority", "code", config.authority_code);
        if (const toml::node* node = t->get("code")) config.authority_code_at = {r.line_of(*node), r.column_of(*node)};
        r.read_string(*t, "authority", "source", config.source_name);
        if (const toml::node* node = t->get("population_0_17")) {
            std::optional<double> value = node->value<double>();
            // England's whole 0-17 population is some 12 million: inf, nan and 1e300 are typos.
            if (value && *value > 0 && *value < 1e8) config.population_0_17 = *value;
            else r.wrong_type(*node, "authority.population_0_17", "a positive number below 100,000,000");
        }
    }
    if (const toml::table* t = section("data")) {
        r.unknown_keys(*t, "data", {"dir", "as_at", "la"});
        std::string dir;
        r.read_string(*t, "data", "dir", dir);
        if (const toml::node* node = t->get("la")) {
            const std::optional<std::string> la = node->value<std::string>();
            if (la && !trim_space(*la).empty()) {
                config.data_la = std::string(trim_space(*la));
                config.data_la_at = {r.line_of(*node), r.column_of(*node)};
            } else {
                r.wrong_type(*node, "data.la", "the LA column's value of the authority to read, such as \"Southwark\"");
            }
        }
        if (!dir.empty())
            config.data_dir = (std::filesystem::path(base_dir.empty() ? "." : base_dir) / dir)
                                  .lexically_normal().string();
        if (const toml::node* node = t->get("as_at")) {
            Date date;
            if (auto d = node->as_date(); d && is_valid_ymd(d->get().year, d->get().month, d->get().day)) {
                config.data_as_at = Date::from_ymd(d->get().year, d->get().month, d->get().day);
            } else if (auto s = node->value<std::string>(); s && parse_date(*s, date) == DateParse::ok) {
                config.data_as_at = date;
            } else {
                r.wrong_type(*node, "data.as_at", "a date such as 2025-03-31, from 1900 to 2200");
            }
        }
    }
    if (const toml::table* t = section("window")) {
        r.unknown_keys(*t, "window", {"end", "quarters", "years", "months"});
        if (const toml::node* node = t->get("months")) {
            if (auto b = node->value<bool>()) config.window_months = *b;
            else r.wrong_type(*node, "window.months", "true or false");
        }
        if (const toml::node* node = t->get("end")) {
            std::optional<Quarter> q;
            if (auto s = node->value<std::string>()) q = Quarter::parse(*s);
            config.window_end_at = {r.line_of(*node), r.column_of(*node)};
            if (q) config.window_end = q;
            else r.wrong_type(*node, "window.end", "a quarter such as \"2024-25 Q4\", from 1900 to 2200");
        }
        // Whole financial years (the annual report's 3 to 5 year tables); `quarters`, when also
        // given, wins.
        if (const toml::node* node = t->get("years")) {
            const std::optional<int64_t> n = whole_number(*node);
            if (n && *n >= 3 && *n <= 5) config.window_quarters = static_cast<int>(*n) * 4;
            else r.wrong_type(*node, "window.years", "a whole number from 3 to 5");
        }
        if (const toml::node* node = t->get("quarters")) {
            std::optional<int64_t> n = whole_number(*node);
            if (n && *n >= 2 && *n <= 40) config.window_quarters = static_cast<int>(*n);
            else r.wrong_type(*node, "window.quarters", "a whole number from 2 to 40");
        }
    }
    if (const toml::table* t = section("output")) {
        r.unknown_keys(*t, "output", {"dir", "title", "strict", "profile"});
        if (const toml::node* node = t->get("profile")) {
            std::optional<std::string> v = node->value<std::string>();
            if (v && (*v == "public" || *v == "board")) config.profile = *v;
            else r.wrong_type(*node, "output.profile", "\"public\" or \"board\"");
        }
        std::string dir;
        r.read_string(*t, "output", "dir", dir);
        if (!dir.empty())
            config.output_dir = (std::filesystem::path(base_dir.empty() ? "." : base_dir) / dir)
                                    .lexically_normal().string();
        r.read_string(*t, "output", "title", config.site_title);
        r.read_bool(*t, "output", "strict", config.strict);
    }
    if (const toml::table* t = section("disclosure")) {
        r.unknown_keys(*t, "disclosure", {"smallest_shown", "min_denominator"});
        if (const toml::node* node = t->get("smallest_shown")) {
            std::optional<int64_t> v = whole_number(*node);
            if (v && *v >= 1 && *v <= 100) config.disclosure_smallest_shown = static_cast<double>(*v);
            else r.wrong_type(*node, "disclosure.smallest_shown", "a whole number from 1 to 100");
        }
        if (const toml::node* node = t->get("min_denominator")) {
            std::optional<double> v = node->value<double>();
            if (v && *v >= 0) config.disclosure_min_denominator = *v;
            else r.wrong_type(*node, "disclosure.min_denominator", "a number of 0 or more");
        }
    }
    if (const toml::table* t = section("escalations")) {
        r.unknown_keys(*t, "escalations", {"route_types", "themes", "levels", "outcomes", "teams"});
        if (const toml::node* node = t->get("route_types")) {
            if (const toml::table* routes = node->as_table()) {
                for (const auto& [label, type] : *routes) {
                    std::optional<std::string> v = type.value<std::string>();
                    if (v && (*v == "informal" || *v == "formal" || *v == "alert" || *v == "good_practice"))
                        config.escalations.route_types.emplace_back(std::string(label.str()), *v);
                    else
                        r.wrong_type(type, "escalations.route_types." + std::string(label.str()),
                                     "one of \"informal\", \"formal\", \"alert\", \"good_practice\"");
                }
            } else {
                r.wrong_type(*node, "escalations.route_types", "a table of ROUTE label = route type");
            }
        }
        auto read_list = [&](const char* key, std::vector<std::string>& out) {
            const toml::node* node = t->get(key);
            if (!node) return;
            const toml::array* array = node->as_array();
            if (!array) {
                r.wrong_type(*node, std::string("escalations.") + key, "a list of labels");
                return;
            }
            for (const toml::node& item : *array) {
                if (auto v = item.value<std::string>()) out.push_back(*v);
                else r.wrong_type(item, std::string("escalations.") + key, "a list of labels");
            }
        };
        read_list("themes", config.escalations.themes);
        read_list("levels", config.escalations.levels);
        read_list("outcomes", config.escalations.outcomes);
        read_list("teams", config.escalations.teams);
    }
    if (const toml::table* t = section("activity")) read_activity(r, *t, config);
    if (const toml::table* t = section("targets")) {
        for (const auto& [key, node] : *t) {
            Target target{std::string(key.str()), std::nullopt, std::nullopt};
            if (auto v = node.value<double>()) {
                target.min = *v;
            } else if (const toml::array* band = node.as_array();
                       band && band->size() == 2 && (*band)[0].value<double>() && (*band)[1].value<double>() &&
                       *(*band)[0].value<double>() <= *(*band)[1].value<double>()) {
                target.min = *(*band)[0].value<double>();
                target.max = *(*band)[1].value<double>();
            } else {
                r.wrong_type(node, "targets." + target.measure, "a number (a minimum) or [low, high] (a band)");
                continue;
            }
            config.targets.push_back(std::move(target));
        }
    }
    if (const toml::table* t = section("benchmarks")) {
        const std::span<const std::string_view> kinds = ees_kind_names();
        r.unknown_keys(*t, "benchmarks", {"authority", "neighbours", "neighbour_model", "source"}, kinds);
        r.read_string(*t, "benchmarks", "source", config.benchmarks.source);
        auto position = [&](const toml::node& node) { return ConfigPosition{r.line_of(node), r.column_of(node)}; };
        // A DfE area code: new (E06000015, nine characters) or old (831, three digits).
        auto is_area_code = [](const std::string& code) {
            const bool old_code = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
            const bool new_code = code.size() == 9 && code[0] == 'E' &&
                                  std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
            return old_code || new_code;
        };
        const char* code_words = "a local authority code such as \"E06000015\" (new) or \"831\" (old)";
        if (const toml::node* node = t->get("authority")) {
            std::optional<std::string> v = node->value<std::string>();
            if (v && is_area_code(*v)) config.benchmarks.authority = BenchmarkConfig::Code{*v, position(*node)};
            else r.wrong_type(*node, "benchmarks.authority", code_words);
        }
        if (const toml::node* node = t->get("neighbours")) {
            if (const toml::array* array = node->as_array()) {
                for (const toml::node& item : *array) {
                    std::optional<std::string> v = item.value<std::string>();
                    if (v && is_area_code(*v)) config.benchmarks.neighbours.push_back({*v, position(item)});
                    else r.wrong_type(item, "benchmarks.neighbours", std::string("a list of codes, each ") + code_words);
                }
            } else {
                r.wrong_type(*node, "benchmarks.neighbours", "a list of local authority codes");
            }
        }
        const std::filesystem::path base = base_dir.empty() ? "." : base_dir;
        if (const toml::node* node = t->get("neighbour_model")) {
            std::optional<std::string> v = node->value<std::string>();
            if (v && !v->empty())
                config.benchmarks.neighbour_model = BenchmarkConfig::File{"neighbour_model", (base / *v).lexically_normal().string(), position(*node)};
            else
                r.wrong_type(*node, "benchmarks.neighbour_model", "a file name (the DfE's statistical neighbour model)");
        }
        for (std::string_view kind : kinds) {
            const toml::node* node = t->get(kind);
            if (!node) continue;
            const std::string key = "benchmarks." + std::string(kind);
            auto add = [&](const toml::node& item) {
                std::optional<std::string> v = item.value<std::string>();
                if (!v || v->empty()) {
                    r.wrong_type(item, key, "a file name, or a list of file names");
                    return;
                }
                config.benchmarks.files.push_back(
                    {std::string(kind), (base / *v).lexically_normal().string(), position(item)});
            };
            if (const toml::array* array = node->as_array()) {
                for (const toml::node& item : *array) add(item);
            } else {
                add(*node);
            }
        }
        if (!config.benchmarks.enabled() &&
            (config.benchmarks.authority || !config.benchmarks.neighbours.empty() || config.benchmarks.neighbour_model)) {
            std::string names;
            for (std::string_view kind : kinds) names += (names.empty() ? "" : ", ") + std::string(kind);
            diagnostics.warning("W001", file_name, r.line_of(*t), r.column_of(*t),
                                "[benchmarks] names no DfE files (" + names + "), so nothing is compared");
        }
    }
    if (const toml::table* t = section("authorities")) read_authorities(*t, r, base_dir, config);
    if (config.source_name.empty()) config.source_name = "SSDA903 export, " + config.authority_name;
    return config;
}

std::string authority_folder_code(const std::string& from) {
    const std::string_view trimmed = trim_space(from);
    // An area code (E09000028) is kept as it is; anything else is made folder-safe.
    const bool code = trimmed.size() == 9 && (trimmed[0] == 'E' || trimmed[0] == 'W') &&
                      std::all_of(trimmed.begin() + 1, trimmed.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (code) return std::string(trimmed);
    std::string out;
    for (char c : trimmed) {
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        if (keep) out += lower;
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::optional<Config> load_config(const std::string& path, Diagnostics& diagnostics) {
    std::string text;
    if (const std::optional<std::string> why = read_input_file(path, text)) {
        diagnostics.error("E001", path, 0, 0, "cannot read the config file: " + *why);
        return std::nullopt;
    }
    const std::string base = std::filesystem::path(path).parent_path().string();
    return parse_config(text, path, base, diagnostics);
}

}  // namespace careboard
