#include "benchmarks/ees.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include "core/format.hpp"
#include "ingest/codes.hpp"
#include "ingest/csv_table.hpp"

namespace careboard {
namespace {

// Every column careboard may read from an EES file; which ones a file has depends on its kind
// and scheme. Other columns (time_identifier, la_name's companions ...) are ignored.
enum Col : std::size_t {
    c_time_period, c_country_name, c_geographic_level, c_country_code, c_region_code, c_region_name,
    c_old_la_code, c_la_name, c_new_la_code, c_population_type, c_cla_group, c_characteristic, c_breakdown,
    c_placement_stability, c_number, c_percentage, c_children_count, c_children_percent, c_population_estimate,
    c_rate, c_count
};
constexpr std::array<const char*, c_count> kColumns{
    "time_period", "country_name", "geographic_level", "country_code", "region_code", "region_name",
    "old_la_code", "la_name", "new_la_code", "population_type", "cla_group", "characteristic", "breakdown",
    "placement_stability", "number", "percentage", "children_count", "children_percent", "population_estimate",
    "rate_per_10000"};

// Which published value of a row a figure takes.
enum class Value { count, percent, rate, population };

struct Target {
    FigureKey key;
    Value value;
};

// A DfE label and the careboard category it means.
struct Label {
    std::string_view text;  // lower case, as compared
    std::string_view category;
};

// Legal status on starting to be looked after: each DfE label is one 903 code.
constexpr std::array kStartLegalStatus{
    Label{"interim care order", "C1"}, Label{"full care order", "C2"}, Label{"freeing order granted", "D1"},
    Label{"placement order granted", "E1"}, Label{"voluntary agreement under s20", "V2"},
    Label{"police protection in la accommodation", "L1"}, Label{"emergency protection order", "L2"},
    Label{"child assessment order and in la accommodation", "L3"}, Label{"remand", "J1"},
    Label{"la accommodation under pace 1989", "J2"}, Label{"sentenced to youth rehabilitation order", "J3"}};

// Reason episode ceased: most DfE labels are one 903 code; adoption and special guardianship are
// groups of codes, kept as groups (their own category names) since no single code means the same.
constexpr std::array kReasonCeased{
    Label{"adopted", "adopted"},
    Label{"died", "E2"},
    Label{"care taken by another local authority", "E3"},
    Label{"returned home to live with parents or other person with parental responsibility which was part of the care planning process", "E4A"},
    Label{"returned home to live with parents or other person with parental responsibility which was not part of the care planning process", "E4B"},
    Label{"left care to live with parents, relatives or other person with no parental responsibility", "E13"},
    Label{"residence order or child arrangement order granted", "E41"},
    Label{"special guardianship orders", "special_guardianship"},
    Label{"moved into independent living (with supportive accommodation)", "E5"},
    Label{"moved into independent living (with no formalised support)", "E6"},
    Label{"transferred to residential care funded by adult social services", "E7"},
    Label{"sentenced to custody", "E9"},
    Label{"accommodation on remand ended", "E14"},
    Label{"age assessment determined child aged 18 or over", "E15"},
    Label{"child moved abroad", "E16"},
    Label{"aged 18 (or over) and remained with current carers", "E17"},
    Label{"care ceased for any other reason", "E8"}};

constexpr std::array kDistance{
    Label{"placed inside la boundary less than 20 miles from home", "inside_under_20_miles"},
    Label{"placed inside la boundary more than 20 miles from home", "inside_over_20_miles"},
    Label{"placed outside la boundary less than 20 miles from home", "outside_under_20_miles"},
    Label{"placed outside la boundary more than 20 miles from home", "outside_over_20_miles"},
    Label{"distance not known or not recorded", "not_known"}};

constexpr std::array kDistanceLabels{
    Label{"inside_under_20_miles", "Inside the authority, under 20 miles from home"},
    Label{"inside_over_20_miles", "Inside the authority, over 20 miles from home"},
    Label{"outside_under_20_miles", "Outside the authority, under 20 miles from home"},
    Label{"outside_over_20_miles", "Outside the authority, over 20 miles from home"},
    Label{"not_known", "Distance not known or not recorded"}};

template <std::size_t N>
std::optional<std::string_view> lookup(const std::array<Label, N>& labels, std::string_view text) {
    for (const Label& l : labels)
        if (l.text == text) return l.category;
    return std::nullopt;
}

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
    return std::string(s.substr(a, b - a));
}

// Figures a row gives, from its group and category labels (lower case). `known` is false when
// the group is one careboard compares but the category is not one it knows.
std::vector<Target> targets_for(EesKind kind, const std::string& group, const std::string& category, bool& known) {
    known = true;
    auto pair = [](std::string measure, std::string cat) {
        return std::vector<Target>{{{measure, cat}, Value::count}, {{measure + "_percent", cat}, Value::percent}};
    };
    switch (kind) {
    case EesKind::rates: {
        std::string measure;
        if (group == "children looked after on 31 march each year") measure = "looked_after";
        else if (group == "children starting to be looked after each year") measure = "started";
        else if (group == "children ceasing to be looked after each year") measure = "ceased";
        if (measure.empty()) {
            known = false;
            return {};
        }
        return {{{measure, "Total"}, Value::count},
                {{measure + "_rate_per_10000", "Total"}, Value::rate},
                {{"population_0_17", "Total"}, Value::population}};
    }
    case EesKind::started:
        if (group == "category of need") {
            if (category == "total") return {{{"started", "Total"}, Value::count}};
            // "N1. Abuse or neglect": the code leads the label.
            if (category.size() >= 2 && category[0] == 'n' && category[1] >= '1' && category[1] <= '8' &&
                (category.size() == 2 || category[2] == '.' || category[2] == ' '))
                return pair("started_by_need", std::string("N") + category[1]);
            known = false;
            return {};
        }
        if (group == "legal status") {
            if (category == "total") return {{{"started", "Total"}, Value::count}};
            if (auto code = lookup(kStartLegalStatus, category)) return pair("started_by_legal_status", std::string(*code));
            known = false;
        }
        return {};
    case EesKind::ceased:
        if (group == "reason episode ceased") {
            if (category == "total") return {{{"ceased", "Total"}, Value::count}};
            if (auto code = lookup(kReasonCeased, category)) return pair("ceased_by_reason", std::string(*code));
            known = false;
        }
        return {};
    case EesKind::placement_stability:
        if (group == "cla on 31 march") {
            if (category == "with 3 or more placements during the year") {
                return {{{"placements_3_or_more", "Total"}, Value::count},
                        {{"placements_3_or_more_percent", "Total"}, Value::percent}};
            }
            // The total of children looked after on 31 March: the rates file gives it.
            if (category == "total children") return {};
            known = false;
        }
        return {};
    case EesKind::new_placements:
        if (group == "location of new placements during the year") {
            if (category == "total new placements") return {{{"new_placements", "Total"}, Value::count}};
            if (auto code = lookup(kDistance, category)) return pair("new_placements_by_distance", std::string(*code));
            known = false;
        }
        return {};
    }
    return {};
}

// The year a time_period ends in: "2023" (a reporting year ending 31 March 2023) or "202223".
std::optional<int> year_of(std::string_view text) {
    auto digits = [&](std::size_t n) {
        return text.size() == n && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    int value = 0;
    if (digits(4)) {
        std::from_chars(text.data(), text.data() + 4, value);
        return value;
    }
    if (digits(6)) {
        int first = 0, second = 0;
        std::from_chars(text.data(), text.data() + 4, first);
        std::from_chars(text.data() + 4, text.data() + 6, second);
        if ((first + 1) % 100 == second) return first + 1;
    }
    return std::nullopt;
}

// Adds what a row says about an area: the latest year's code, name and region win, and every
// new code a local authority has had is kept (a config may name any of them).
void merge_area(std::map<std::string, BenchmarkArea>& areas, const BenchmarkArea& area) {
    auto [it, inserted] = areas.emplace(area.id, area);
    if (inserted) return;
    BenchmarkArea& known = it->second;
    for (const std::string& code : area.codes)
        if (std::find(known.codes.begin(), known.codes.end(), code) == known.codes.end()) known.codes.push_back(code);
    if (area.latest_year > known.latest_year) {
        known.code = area.code;
        known.name = area.name;
        known.region_code = area.region_code;
        known.latest_year = area.latest_year;
    }
}

bool same_figure(const PublishedCell& a, const PublishedCell& b) {
    return a.symbol == b.symbol && a.value.has_value() == b.value.has_value() && (!a.value || *a.value == *b.value);
}

std::string_view kind_columns(EesKind kind) {
    switch (kind) {
    case EesKind::rates: return "population_type, children_count, rate_per_10000";
    case EesKind::placement_stability:
        return "cla_group, placement_stability, children_count, children_percent (or cla_group, characteristic, number, "
               "percentage to 2023; characteristic, breakdown, children_count, children_percent from 2024)";
    default:
        return "cla_group, characteristic, number, percentage (to 2023) or characteristic, breakdown, children_count, "
               "children_percent (from 2024)";
    }
}

}  // namespace

std::optional<EesKind> ees_kind_from_name(std::string_view name) {
    if (name == "rates") return EesKind::rates;
    if (name == "started") return EesKind::started;
    if (name == "ceased") return EesKind::ceased;
    if (name == "placement_stability") return EesKind::placement_stability;
    if (name == "new_placements") return EesKind::new_placements;
    return std::nullopt;
}

std::string_view ees_kind_name(EesKind kind) {
    switch (kind) {
    case EesKind::rates: return "rates";
    case EesKind::started: return "started";
    case EesKind::ceased: return "ceased";
    case EesKind::placement_stability: return "placement_stability";
    case EesKind::new_placements: return "new_placements";
    }
    return "";
}

const PublishedCell* EesFigures::cell(const FigureKey& key, const std::string& area, int year) const {
    auto k = cells.find(key);
    if (k == cells.end()) return nullptr;
    auto a = k->second.find(area);
    if (a == k->second.end()) return nullptr;
    auto y = a->second.find(year);
    return y == a->second.end() ? nullptr : &y->second;
}

const BenchmarkArea* EesFigures::find_area(const std::string& code) const {
    if (auto it = areas.find(code); it != areas.end()) return &it->second;
    for (const auto& [id, area] : areas)
        if (area.code == code || std::find(area.codes.begin(), area.codes.end(), code) != area.codes.end()) return &area;
    return nullptr;
}

bool parse_published(std::string_view raw, PublishedCell& cell) {
    const std::string text = trim(raw);
    cell.value.reset();
    cell.symbol = 0;
    cell.decimals = 0;
    const std::string lower = to_lower_ascii(text);
    if (lower == "c" || lower == "x" || lower == "z" || lower == "k" || lower == "u") {
        cell.symbol = lower[0];
        return true;
    }
    if (lower == "low") {  // the older way of writing k: rounds to 0 but is not 0
        cell.symbol = 'k';
        return true;
    }
    // A number, perhaps with thousands separators ("1,234" in a quoted value).
    std::string plain;
    bool digit = false, dot = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digit = true;
            plain += c;
            if (dot) ++cell.decimals;
        } else if (c == ',' && digit && !dot) {
            continue;
        } else if (c == '.' && !dot) {
            dot = true;
            plain += c;
        } else if (c == '-' && i == 0) {
            plain += c;
        } else {
            return false;
        }
    }
    if (!digit) return false;
    double value = 0;
    const auto parsed = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (parsed.ec != std::errc{} || parsed.ptr != plain.data() + plain.size() || !std::isfinite(value)) return false;
    cell.value = value;
    return true;
}

void read_ees(std::string_view text, const std::string& file_name, EesKind kind, EesFigures& out,
              Diagnostics& diagnostics) {
    const int file_index = static_cast<int>(out.files.size());
    out.files.push_back({file_name, kind, 0});
    std::map<FigureKey, std::map<std::string, std::map<int, PublishedCell>>> local;
    std::map<std::string, BenchmarkArea> areas;
    std::set<std::string> unknown_labels;
    std::size_t errors_before = diagnostics.error_count();
    int latest = 0;
    std::size_t group_col = c_cla_group, category_col = c_characteristic, count_col = c_number, percent_col = c_percentage;
    bool columns_checked = false, columns_ok = true;

    auto on_row = [&](const CsvTable& table, int line, std::span<const std::string> f) {
        if (!columns_checked) {
            columns_checked = true;
            // Which columns hold the group, the category and the values, by scheme.
            const auto& has = table.present;
            if (kind == EesKind::rates) {
                group_col = c_population_type;
                category_col = c_population_type;
                count_col = c_children_count;
                columns_ok = has[c_population_type] && has[c_children_count] && has[c_rate];
            } else {
                if (has[c_breakdown]) {
                    group_col = c_characteristic;
                    category_col = c_breakdown;
                } else if (has[c_placement_stability]) {
                    group_col = c_cla_group;
                    category_col = c_placement_stability;
                } else {
                    group_col = c_cla_group;
                    category_col = c_characteristic;
                }
                count_col = has[c_children_count] ? c_children_count : c_number;
                percent_col = has[c_children_percent] ? c_children_percent : c_percentage;
                columns_ok = has[group_col] && has[category_col] && has[count_col];
            }
            columns_ok = columns_ok && has[c_time_period] && has[c_geographic_level];
            if (!columns_ok)
                diagnostics.error("E601", file_name, 1, 0,
                                  "the columns are not those of a DfE '" + std::string(ees_kind_name(kind)) +
                                      "' file: expected time_period, geographic_level and " + std::string(kind_columns(kind)));
        }
        if (!columns_ok) return;
        auto col = [&](std::size_t c) { return table.file_column[c]; };
        const std::optional<int> year = year_of(trim(f[c_time_period]));
        if (!year) {
            diagnostics.error("E602", file_name, line, col(c_time_period),
                              "time_period: expected a year such as 2023 (the year ending 31 March 2023) or 202223, found '" +
                                  f[c_time_period] + "'");
            return;
        }
        const std::string level = to_lower_ascii(trim(f[c_geographic_level]));
        BenchmarkArea area;
        if (level == "national") {
            area.code = trim(f[c_country_code]);
            if (area.code.empty()) area.code = "E92000001";
            area.name = trim(f[c_country_name]);
            if (area.name.empty()) area.name = "England";
            area.level = AreaLevel::national;
        } else if (level == "regional") {
            area.code = trim(f[c_region_code]);
            area.name = trim(f[c_region_name]);
            area.level = AreaLevel::regional;
        } else if (level == "local authority") {
            area.old_code = trim(f[c_old_la_code]);
            area.code = trim(f[c_new_la_code]);
            if (area.code.empty()) area.code = area.old_code;
            else area.codes.push_back(area.code);
            area.name = trim(f[c_la_name]);
            area.region_code = trim(f[c_region_code]);
            area.level = AreaLevel::local_authority;
        } else {
            return;  // other geographies (districts, constituencies) are not compared
        }
        if (area.code.empty()) {
            diagnostics.warning("W607", file_name, line, col(level == "regional" ? c_region_code : c_new_la_code),
                                "a " + level + " row without an area code is ignored");
            return;
        }
        if (area.name.empty()) area.name = area.code;
        area.id = area.old_code.empty() ? area.code : area.old_code;
        area.latest_year = *year;
        merge_area(areas, area);
        latest = std::max(latest, *year);

        const std::string group = to_lower_ascii(trim(f[group_col]));
        const std::string category = to_lower_ascii(trim(f[category_col]));
        bool known = true;
        const std::vector<Target> targets = targets_for(kind, group, category, known);
        if (!known) {
            const std::string label = trim(f[kind == EesKind::rates ? group_col : category_col]);
            if (unknown_labels.insert(label).second)
                diagnostics.warning("W604", file_name, line, col(kind == EesKind::rates ? group_col : category_col),
                                    std::string(kColumns[kind == EesKind::rates ? group_col : category_col]) + ": '" + label +
                                        "' is not a figure careboard compares; rows with it are ignored");
            return;
        }
        for (const Target& t : targets) {
            const std::size_t vc = t.value == Value::count        ? count_col
                                   : t.value == Value::percent    ? percent_col
                                   : t.value == Value::rate       ? c_rate
                                                                  : c_population_estimate;
            if (!table.present[vc]) continue;  // a scheme without percentages, a rates file without populations
            PublishedCell cell;
            cell.file = file_index;
            cell.line = line;
            cell.column = col(vc);
            if (!parse_published(f[vc], cell)) {
                diagnostics.warning("W601", file_name, line, col(vc),
                                    std::string(kColumns[vc]) + ": '" + f[vc] +
                                        "' is neither a number nor one of the DfE's symbols (c, x, z, k, low, u); read as x");
                cell.symbol = 'x';
                cell.value.reset();
            }
            auto& slot = local[t.key][area.id];
            auto [it, inserted] = slot.emplace(*year, cell);
            if (!inserted) {
                if (!same_figure(it->second, cell))
                    diagnostics.warning("W603", file_name, line, col(vc),
                                        std::string(kColumns[vc]) + ": line " + std::to_string(it->second.line) +
                                            " gives a different figure for " + area.name + ", " + std::to_string(*year) +
                                            ", " + t.key.measure + " " + t.key.category + "; this later one is used");
                it->second = cell;
            }
        }
    };
    const CsvTable table = read_csv_rows(file_name, text, kColumns, diagnostics, on_row);
    if (!table.readable || diagnostics.error_count() > errors_before) return;
    if (!columns_checked) {
        // A header and no rows: still say whether the columns were right.
        const auto& has = table.present;
        const bool ok = has[c_time_period] && has[c_geographic_level];
        if (!ok)
            diagnostics.error("E601", file_name, 1, 0,
                              "the columns are not those of a DfE '" + std::string(ees_kind_name(kind)) +
                                  "' file: expected time_period, geographic_level and " + std::string(kind_columns(kind)));
    }
    if (local.empty()) {
        diagnostics.warning("W605", file_name, 0, 0,
                            "holds no figures careboard compares for a '" + std::string(ees_kind_name(kind)) +
                                "' file (is it the right file?)");
        return;
    }
    out.files[static_cast<std::size_t>(file_index)].latest_year = latest;
    for (auto& [id, area] : areas) merge_area(out.areas, area);
    for (auto& [key, by_area] : local)
        for (auto& [code, by_year] : by_area)
            for (auto& [year, cell] : by_year) {
                auto& slot = out.cells[key][code];
                auto it = slot.find(year);
                if (it == slot.end()) {
                    slot.emplace(year, cell);
                } else if (latest >= out.files[static_cast<std::size_t>(it->second.file)].latest_year) {
                    it->second = cell;
                }
            }
}

std::vector<std::string> benchmark_categories(const std::string& measure) {
    std::vector<std::string> out;
    if (measure.starts_with("started_by_need")) {
        for (const codes::Code& c : codes::need()) out.emplace_back(c.code);
    } else if (measure.starts_with("started_by_legal_status")) {
        for (const codes::Code& c : codes::legal_status())
            if (!codes::is_short_break(c.code)) out.emplace_back(c.code);
    } else if (measure.starts_with("ceased_by_reason")) {
        out = {"adopted", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "special_guardianship",
               "E4A", "E4B", "E5", "E6", "E7", "E8", "E9"};
    } else if (measure.starts_with("new_placements_by_distance")) {
        for (const Label& l : kDistance) out.emplace_back(l.category);
    }
    return out;
}

std::string benchmark_category_label(const std::string& measure, const std::string& category) {
    if (category == "Total") return "Total";
    if (measure.starts_with("started_by_need")) return category + " " + codes::label_of(codes::need(), category);
    if (measure.starts_with("started_by_legal_status"))
        return category + " " + codes::label_of(codes::legal_status(), category);
    if (measure.starts_with("ceased_by_reason")) {
        if (category == "adopted") return "Adopted (E11, E12)";
        if (category == "special_guardianship") return "Special guardianship order (E45 to E48)";
        return category + " " + codes::label_of(codes::reason_ceased(), category);
    }
    if (measure.starts_with("new_placements_by_distance"))
        if (auto label = lookup(kDistanceLabels, category)) return std::string(*label);
    return category;
}

}  // namespace careboard
