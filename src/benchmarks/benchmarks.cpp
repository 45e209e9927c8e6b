#include "benchmarks/benchmarks.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/format.hpp"
#include "core/parallel.hpp"
#include "ingest/codes.hpp"

namespace careboard {
namespace {

// 'k' rounds to 0 but is not 0: ranked above 0 and below every published figure of 0.5 or more.
std::optional<double> rank_value(const PublishedCell& cell) {
    if (cell.value) return cell.value;
    if (cell.symbol == 'k') return 0.25;
    return std::nullopt;
}

std::string shown(const PublishedCell* cell, int decimals) {
    if (!cell) return "x";
    if (!cell->value) return std::string(1, cell->symbol ? cell->symbol : 'x');
    return format_number(*cell->value, decimals);
}

std::optional<double> total_at(const MeasureSet& set, const std::string& key, std::size_t q, char* symbol = nullptr) {
    const Measure* m = set.find(key);
    if (!m) return std::nullopt;
    const int c = m->category_index("Total");
    if (c < 0) return std::nullopt;
    if (symbol) *symbol = m->symbol(static_cast<std::size_t>(c), q);
    return m->value("Total", q);
}

// Index of the quarter ending 31 March `year` in the set's window, or -1.
int year_end_quarter(const MeasureSet& set, int year) {
    for (std::size_t q = 0; q < set.quarters.size(); ++q)
        if (set.quarters[q] == Quarter{year - 1, 4}) return static_cast<int>(q);
    return -1;
}

// True when all four quarters of the year ending 31 March `year` are in the window.
bool whole_year_in(const MeasureSet& set, int year) {
    for (int q = 1; q <= 4; ++q)
        if (std::find(set.quarters.begin(), set.quarters.end(), Quarter{year - 1, q}) == set.quarters.end()) return false;
    return true;
}

}  // namespace

std::string year_label(int year) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%d-%02d", year - 1, ((year % 100) + 100) % 100);
    return buffer;
}

std::pair<Date, Date> benchmark_period(const std::string& measure, int year) {
    const Date end = Date::from_ymd(year, 3, 31);
    if (measure_def(measure).period == PeriodKind::at_date) return {end, end};
    return {Date::from_ymd(year - 1, 4, 1), end};
}

const BenchmarkArea* Benchmarks::area(const std::string& id) const {
    auto it = published().areas.find(id);
    return it == published().areas.end() ? nullptr : &it->second;
}

std::string Benchmarks::area_name(const std::string& id) const {
    const BenchmarkArea* a = area(id);
    return a ? a->name : id;
}

const PublishedCell* Benchmarks::cell(const FigureKey& key, const std::string& id, int year) const {
    return published().cell(key, id, year);
}

const PublishedCell* Benchmarks::own_cell(const FigureKey& key, int year) const {
    auto k = own.find(key);
    if (k == own.end()) return nullptr;
    auto y = k->second.find(year);
    return y == k->second.end() ? nullptr : &y->second;
}

std::vector<int> Benchmarks::years(const FigureKey& key) const {
    std::set<int> out;
    auto k = published().cells.find(key);
    if (k != published().cells.end())
        for (const auto& [id, by_year] : k->second)
            for (const auto& [year, c] : by_year) out.insert(year);
    return {out.begin(), out.end()};
}

std::optional<NeighbourAverage> Benchmarks::neighbour_average(const FigureKey& key, int year) const {
    if (neighbours.empty()) return std::nullopt;
    NeighbourAverage avg;
    avg.of = static_cast<int>(neighbours.size());
    double sum = 0;
    for (const std::string& id : neighbours) {
        const PublishedCell* c = cell(key, id, year);
        if (!c || !c->value) continue;  // a symbol is no number to average
        sum += *c->value;
        ++avg.used;
    }
    if (avg.used == 0) return std::nullopt;
    avg.value = sum / avg.used;
    return avg;
}

Rank rank_among(double value, const std::vector<double>& values) {
    Rank r;
    int lower = 0, equal = 0;
    for (double v : values) {
        lower += v < value ? 1 : 0;
        equal += v == value ? 1 : 0;
    }
    r.of = static_cast<int>(values.size());
    r.rank = lower + 1;
    r.tied = equal > 1;
    r.quartile = r.of > 0 ? (4 * r.rank + r.of - 1) / r.of : 0;
    return r;
}

std::optional<Rank> Benchmarks::rank(const FigureKey& key, int year) const {
    const PublishedCell* mine = cell(key, authority, year);
    if (!mine) return std::nullopt;
    const std::optional<double> own_value = rank_value(*mine);
    if (!own_value) return std::nullopt;
    auto k = published().cells.find(key);
    std::vector<double> values;
    for (const auto& [id, by_year] : k->second) {
        const BenchmarkArea* a = area(id);
        if (!a || a->level != AreaLevel::local_authority) continue;
        auto y = by_year.find(year);
        if (y == by_year.end()) continue;
        const std::optional<double> v = rank_value(y->second);
        if (!v) continue;
        values.push_back(*v);
    }
    return rank_among(*own_value, values);
}

std::vector<double> Benchmarks::distribution(const FigureKey& key, int year) const {
    std::vector<double> out;
    auto k = published().cells.find(key);
    if (k == published().cells.end()) return out;
    for (const auto& [id, by_year] : k->second) {
        const BenchmarkArea* a = area(id);
        if (!a || a->level != AreaLevel::local_authority) continue;
        auto y = by_year.find(year);
        if (y != by_year.end() && y->second.value) out.push_back(*y->second.value);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::shared_ptr<Benchmarks> compare_with(EesFigures figures, const Config& config, Diagnostics& diagnostics,
                                         const NeighbourModel* model) {
    return compare_with(std::make_shared<const EesFigures>(std::move(figures)), config, diagnostics, model);
}

std::shared_ptr<Benchmarks> compare_with(std::shared_ptr<const EesFigures> figures, const Config& config,
                                         Diagnostics& diagnostics, const NeighbourModel* model) {
    const BenchmarkConfig& bc = config.benchmarks;
    auto b = std::make_shared<Benchmarks>();
    b->figures = std::move(figures);
    const std::string code = bc.authority ? bc.authority->code : config.authority_code;
    const BenchmarkArea* mine = b->published().find_area(code);
    if (!mine || mine->level != AreaLevel::local_authority) {
        const ConfigPosition at = bc.authority ? bc.authority->at : config.authority_code_at;
        diagnostics.error("E603", config.config_path.empty() ? "[benchmarks]" : config.config_path, at.line, at.column,
                          std::string(bc.authority ? "benchmarks.authority" : "authority.code") + ": no local authority '" +
                              code + "' in the DfE files named in [benchmarks]; give the authority's new (E06...) or old (3-digit) code");
        return nullptr;
    }
    b->authority = mine->id;
    b->source = bc.source;
    if (!mine->region_code.empty() && b->published().areas.count(mine->region_code)) b->region = mine->region_code;
    for (const auto& [id, area] : b->published().areas)
        if (area.level == AreaLevel::national) b->england = id;
    // The neighbours: the config's list, else the DfE's model for the authority (by its old code).
    struct Neighbour {
        std::string code, file;
        ConfigPosition at;
    };
    std::vector<Neighbour> wanted;
    for (const BenchmarkConfig::Code& n : bc.neighbours) wanted.push_back({n.code, config.config_path, n.at});
    if (bc.neighbours.empty() && model) {
        const auto row = model->by_authority.find(mine->old_code);
        if (row == model->by_authority.end()) {
            diagnostics.warning("W609", model->file, 0, 0,
                                "the statistical neighbour model has no row for " + mine->name + " (" + mine->old_code +
                                    "); no neighbours are compared");
        } else {
            for (const std::string& n : row->second.neighbours) wanted.push_back({n, model->file, {row->second.line, 0}});
            b->neighbours_from = model->file;
        }
    }
    for (const Neighbour& n : wanted) {
        const BenchmarkArea* a = b->published().find_area(n.code);
        if (!a || a->level != AreaLevel::local_authority) {
            diagnostics.warning("W602", n.file, n.at.line, n.at.column,
                                (n.file == config.config_path ? "benchmarks.neighbours: no local authority '"
                                                              : "statistical neighbour model: no local authority '") +
                                    n.code + "' in the DfE files; it is left out of the neighbours' average");
            continue;
        }
        if (a->id == b->authority || std::find(b->neighbours.begin(), b->neighbours.end(), a->id) != b->neighbours.end())
            continue;
        b->neighbours.push_back(a->id);
    }
    return b;
}

PublishedFiles read_published_files(const Config& config, Diagnostics& diagnostics) {
    PublishedFiles out;
    auto figures = std::make_shared<EesFigures>();
    // Each file read and parsed on its own, side by side; added in the config's order.
    std::vector<std::string> texts(config.benchmarks.files.size());
    std::vector<std::optional<std::string>> unreadable(texts.size());
    run_in_parallel(texts.size(), texts.size() > 1,
                    [&](std::size_t i) { unreadable[i] = read_input_file(config.benchmarks.files[i].path, texts[i]); });
    std::vector<EesInput> inputs;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const BenchmarkConfig::File& f = config.benchmarks.files[i];
        if (unreadable[i]) {
            diagnostics.error("E007", f.path, 0, 0, "cannot read the file (named by benchmarks." + f.kind + " in " +
                                                        config.config_path + "): " + *unreadable[i]);
            continue;
        }
        inputs.push_back({texts[i], f.path, *ees_kind_from_name(f.kind)});
    }
    read_ees_files(inputs, *figures, diagnostics);
    if (const std::optional<BenchmarkConfig::File>& m = config.benchmarks.neighbour_model) {
        std::string text;
        if (const std::optional<std::string> why = read_input_file(m->path, text))
            diagnostics.error("E007", m->path, 0, 0, "cannot read the file (named by benchmarks.neighbour_model in " +
                                                         config.config_path + "): " + *why);
        else
            out.model = read_neighbour_model(text, m->path, diagnostics);
    }
    out.figures = std::move(figures);
    return out;
}

std::shared_ptr<Benchmarks> load_benchmarks(const Config& config, Diagnostics& diagnostics) {
    if (!config.benchmarks.enabled()) return nullptr;
    const std::size_t errors_before = diagnostics.error_count();
    PublishedFiles files = read_published_files(config, diagnostics);
    if (diagnostics.error_count() > errors_before) return nullptr;
    return compare_with(std::move(files.figures), config, diagnostics, files.model ? &*files.model : nullptr);
}

int count_started(const Dataset& data, Date from, Date to) {
    int n = 0;
    for (std::size_t child = 0; child + 1 < data.episode_begin.size(); ++child) {
        for (std::size_t i = data.episode_begin[child]; i < data.episode_begin[child + 1]; ++i) {
            const Episode& e = data.episodes[i];
            if (e.rne == "S" && !codes::is_short_break(e.ls) && e.decom >= from && e.decom <= to) {
                ++n;
                break;
            }
        }
    }
    return n;
}

int count_ceased(const Dataset& data, Date from, Date to) {
    int n = 0;
    for (std::size_t child = 0; child + 1 < data.episode_begin.size(); ++child) {
        for (std::size_t i = data.episode_begin[child]; i < data.episode_begin[child + 1]; ++i) {
            const Episode& e = data.episodes[i];
            if (e.dec && !e.rec.empty() && e.rec != "X1" && !codes::is_short_break(e.ls) && *e.dec >= from && *e.dec <= to) {
                ++n;
                break;
            }
        }
    }
    return n;
}

std::map<std::string, int> count_started_by(const Dataset& data, Date from, Date to, bool by_need) {
    std::map<std::string, int> out;
    for (std::size_t child = 0; child + 1 < data.episode_begin.size(); ++child) {
        // Episodes are sorted by date within a child: the first match is the first occasion.
        for (std::size_t i = data.episode_begin[child]; i < data.episode_begin[child + 1]; ++i) {
            const Episode& e = data.episodes[i];
            if (e.rne == "S" && !codes::is_short_break(e.ls) && e.decom >= from && e.decom <= to) {
                const std::string& code = by_need ? e.cin : e.ls;
                ++out[code.empty() ? std::string(codes::not_recorded) : code];
                break;
            }
        }
    }
    return out;
}

std::map<std::string, int> count_ceased_by_reason(const Dataset& data, Date from, Date to) {
    std::map<std::string, int> out;
    for (std::size_t child = 0; child + 1 < data.episode_begin.size(); ++child) {
        const Episode* last = nullptr;
        for (std::size_t i = data.episode_begin[child]; i < data.episode_begin[child + 1]; ++i) {
            const Episode& e = data.episodes[i];
            if (e.dec && !e.rec.empty() && e.rec != "X1" && !codes::is_short_break(e.ls) && *e.dec >= from && *e.dec <= to &&
                (!last || *e.dec >= *last->dec))
                last = &e;
        }
        if (last) ++out[last->rec];
    }
    return out;
}

int count_new_placements(const Dataset& data, Date from, Date to) {
    int n = 0;
    for (const Episode& e : data.episodes)
        if (codes::is_placement_start(e.rne) && !codes::is_short_break(e.ls) && e.decom >= from && e.decom <= to) ++n;
    return n;
}

std::span<const std::string_view> other_checked_measures() {
    static constexpr std::string_view keys[] = {"oc2_cohort", "care_leavers_17_to_18", "care_leavers_19_to_21",
                                                "missing_children", "sw_3_or_more"};
    return keys;
}

std::vector<CellRef> known_from_published(const Benchmarks& benchmarks, const MeasureSet& counted, bool positive) {
    std::vector<CellRef> out;
    for (const auto& [key, by_area] : benchmarks.published().cells) {
        const MeasureDef* def = find_measure_def(key.measure);
        const Measure* m = counted.find(key.measure);
        const auto cells = by_area.find(benchmarks.authority);
        if (!def || !def->is_count() || def->benchmark_only || !m || cells == by_area.end()) continue;
        int c = m->category_index(key.category);
        // A DfE category that is a group of codes (adopted: E11 and E12) is the group breakdown's.
        if (c < 0 && !def->groups_into.empty())
            if (const Measure* groups = counted.find(def->groups_into)) {
                m = groups;
                c = m->category_index(key.category);
            }
        if (c < 0) continue;
        for (const auto& [year, cell] : cells->second) {
            // The year ending 31 March `year` is the financial year starting the April before.
            const std::optional<std::size_t> p = counted.year_period_of(year - 1);
            if (!p) continue;
            if (positive) {
                if (cell.symbol == 'c') out.push_back({m->key, key.category, *p});
                continue;
            }
            if (!cell.value) continue;
            const std::optional<double> own = m->values[static_cast<std::size_t>(c)][*p];
            if (own && *own == *cell.value) out.push_back({m->key, key.category, *p});
        }
    }
    return out;
}

OwnCounts count_own_figures(const MeasureSet& counted) {
    OwnCounts out;
    if (counted.quarters.empty()) return out;
    for (int year = counted.quarters.front().fy_start + 1; year <= counted.quarters.back().fy_start + 1; ++year) {
        const int q = year_end_quarter(counted, year);
        if (q >= 0)
            if (auto v = total_at(counted, "looked_after", static_cast<std::size_t>(q))) out.looked_after[year] = *v;
        // The year's flows as the measures stage counted them (each child once in the year).
        if (const auto p = counted.year_period_of(year - 1); p && whole_year_in(counted, year)) {
            if (auto v = total_at(counted, "started", *p)) out.started[year] = *v;
            if (auto v = total_at(counted, "ceased", *p)) out.ceased[year] = *v;
            for (std::string_view key : other_checked_measures())
                if (auto v = total_at(counted, std::string(key), *p)) out.other[std::string(key)][year] = *v;
        }
    }
    return out;
}

Population rates_population(std::optional<double> configured, const Benchmarks* benchmarks) {
    Population out(configured);
    if (configured || !benchmarks) return out;
    auto k = benchmarks->published().cells.find(FigureKey{"population_0_17", "Total"});
    if (k == benchmarks->published().cells.end()) return out;
    auto a = k->second.find(benchmarks->authority);
    if (a == k->second.end()) return out;
    for (const auto& [year, cell] : a->second)
        if (cell.value && *cell.value > 0) out.by_year[year] = *cell.value;
    return out;
}

void set_own_figures(Benchmarks& b, const OwnCounts& counts, const MeasureSet& shown, bool is_public,
                     double smallest_shown, const Population& population_0_17) {
    b.own.clear();
    auto population_of = [&](int year) { return population_0_17.for_year(year); };
    auto number = [](double v, int decimals) {
        PublishedCell c;
        c.value = v;
        c.decimals = decimals;
        return c;
    };
    auto suppressed = [] {
        PublishedCell c;
        c.symbol = 'c';
        return c;
    };
    auto put_with_rate = [&](const std::string& measure, int year, const PublishedCell& count) {
        b.own[{measure, "Total"}][year] = count;
        const std::optional<double> population = population_of(year);
        if (!population) return;
        b.own[{measure + "_rate_per_10000", "Total"}][year] =
            count.value ? number(*count.value / *population * 10000.0, b.own_decimals) : count;
    };
    for (const auto& entry : counts.looked_after) {
        const int year = entry.first;
        const int q = year_end_quarter(shown, year);
        if (q < 0) continue;
        char symbol = 0;
        const std::optional<double> v = total_at(shown, "looked_after", static_cast<std::size_t>(q), &symbol);
        if (symbol == 'c') put_with_rate("looked_after", year, suppressed());
        else if (v) put_with_rate("looked_after", year, number(*v, 0));
        char pct_symbol = 0;
        const std::optional<double> pct =
            total_at(shown, "placements_3_or_more_percent", static_cast<std::size_t>(q), &pct_symbol);
        if (pct) b.own[{"placements_3_or_more_percent", "Total"}][year] = number(*pct, b.own_decimals);
        else if (pct_symbol == 'c') b.own[{"placements_3_or_more_percent", "Total"}][year] = suppressed();
    }
    auto flow = [&](const std::string& measure, const std::map<int, double>& by_year) {
        for (const auto& [year, count] : by_year) {
            bool quarter_hidden = false;
            for (int q = 1; q <= 4; ++q) {
                const auto at = std::find(shown.quarters.begin(), shown.quarters.end(), Quarter{year - 1, q});
                if (at == shown.quarters.end()) continue;
                char symbol = 0;
                total_at(shown, measure, static_cast<std::size_t>(at - shown.quarters.begin()), &symbol);
                quarter_hidden = quarter_hidden || symbol == 'c';
            }
            const bool hide = is_public && ((count > 0 && count < smallest_shown) || quarter_hidden);
            put_with_rate(measure, year, hide ? suppressed() : number(count, 0));
        }
    };
    flow("started", counts.started);
    flow("ceased", counts.ceased);
    // Every other published figure the export also gives (the OC2 and OC3 figures, missing,
    // social workers): the site's own figure for the whole financial year, as it shows it (so a
    // suppressed one is c).
    for (const auto& [key, by_area] : b.published().cells) {
        if (key.category != "Total" || b.own.count(key)) continue;
        const Measure* m = shown.find(key.measure);
        if (!m || m->category_index("Total") < 0) continue;
        const int decimals = measure_def(key.measure).decimals;
        for (int year = shown.quarters.empty() ? 0 : shown.quarters.front().fy_start + 1;
             !shown.quarters.empty() && year <= shown.quarters.back().fy_start + 1; ++year) {
            const auto p = shown.year_period_of(year - 1);
            if (!p || !whole_year_in(shown, year)) continue;
            char symbol = 0;
            const std::optional<double> v = total_at(shown, key.measure, *p, &symbol);
            if (v) b.own[key][year] = number(*v, decimals);
            else if (symbol == 'c') b.own[key][year] = suppressed();
        }
    }
}

std::vector<PublishedCheck> check_against_published(const Benchmarks& b, const OwnCounts& counts,
                                                    Diagnostics& diagnostics) {
    std::vector<PublishedCheck> out;
    struct Item {
        std::string measure;
        const std::map<int, double>* counts;
    };
    std::vector<Item> items{{"looked_after", &counts.looked_after}, {"started", &counts.started}, {"ceased", &counts.ceased}};
    for (const auto& [key, by_year] : counts.other) items.push_back({key, &by_year});
    for (const Item& item : items) {
        for (const auto& [year, own] : *item.counts) {
            const FigureKey key{item.measure, "Total"};
            const PublishedCell* published = b.cell(key, b.authority, year);
            if (!published) continue;
            const std::string label = measure_label(item.measure);
            const std::string year_words = year_label(year) + " (1 April " + std::to_string(year - 1) + " to 31 March " +
                                           std::to_string(year) + ")";
            const std::string what = item.measure == "looked_after"
                                         ? "Children looked after on " + Date::from_ymd(year, 3, 31).long_text()
                                     : item.measure == "started"
                                         ? "Children who started to be looked after in " + year_label(year)
                                     : item.measure == "ceased"
                                         ? "Children who ceased to be looked after in " + year_label(year)
                                         : label + " in " + year_label(year);
            const std::string subject = item.measure == "looked_after" ? "children looked after"
                                        : item.measure == "started"  ? "children who started to be looked after"
                                        : item.measure == "ceased"   ? "children who ceased to be looked after"
                                                                     : lower_first(label);
            const std::string period =
                item.measure == "looked_after" ? Date::from_ymd(year, 3, 31).long_text() : year_words;
            if (published->value && *published->value != own) {
                const EesFigures::File& file = b.published().files[static_cast<std::size_t>(published->file)];
                diagnostics.warning("W606", file.path, published->line, published->column,
                                    subject + ": your export gives " + format_number(own) + "; the DfE published " +
                                        format_number(*published->value) + " for " + period +
                                        ". The export or the return needs a look");
            }
            PublishedCheck check;
            check.what = what;
            const PublishedCell* mine = b.own_cell(key, year);
            check.own = mine ? shown(mine, 0) : format_number(own);
            check.published = shown(published, 0);
            check.differs = mine && mine->value && published->value && *mine->value != *published->value;
            if (check.differs)
                check.sentence = what + ": your export gives " + check.own + "; the DfE published " + check.published + ".";
            else if (mine && mine->value && published->value)
                check.sentence = what + ": your export and the DfE both give " + check.own + ".";
            else
                check.sentence = what + ": your export gives " + check.own + "; the DfE published " + check.published +
                                 " (one of them is not shown, so they are not compared).";
            out.push_back(std::move(check));
        }
    }
    return out;
}

std::string published_checks_summary(const std::vector<PublishedCheck>& checks) {
    if (checks.empty()) return "";
    int differ = 0, compared = 0;
    for (const PublishedCheck& c : checks) {
        differ += c.differs ? 1 : 0;
        compared += c.sentence.find("not compared") == std::string::npos ? 1 : 0;
    }
    const std::string n = std::to_string(compared);
    if (differ == 0)
        return compared == 1 ? "The one figure that both the export and the DfE's published statistics give agrees."
                              : "All " + n + " figures that both the export and the DfE's published statistics give agree.";
    return std::to_string(differ) + " of " + n + " figures that both the export and the DfE's published statistics give " +
           (differ == 1 ? "differs" : "differ") + ": the export or the return needs a look.";
}

std::vector<BenchmarkRow> benchmark_rows(const Benchmarks& b) {
    std::vector<BenchmarkRow> rows;
    std::vector<std::string> areas;
    if (b.area(b.england)) areas.push_back(b.england);
    if (!b.region.empty()) areas.push_back(b.region);
    if (b.neighbour_rows)
        for (const std::string& n : b.neighbours) areas.push_back(n);
    std::vector<FigureKey> keys;
    for (const auto& [key, by_area] : b.published().cells)
        if (key.measure != "population_0_17") keys.push_back(key);
    // Canonical measure order, then the breakdown's own category order.
    auto category_position = [](const FigureKey& k) {
        if (k.category == "Total") return -1;
        const std::vector<std::string> order = benchmark_categories(k.measure);
        const auto it = std::find(order.begin(), order.end(), k.category);
        return static_cast<int>(it - order.begin());
    };
    std::stable_sort(keys.begin(), keys.end(), [&](const FigureKey& x, const FigureKey& y) {
        if (x.measure != y.measure) {
            const int rx = measure_rank(x.measure), ry = measure_rank(y.measure);
            return rx != ry ? rx < ry : x.measure < y.measure;
        }
        const int px = category_position(x), py = category_position(y);
        return px != py ? px < py : x.category < y.category;
    });
    std::vector<std::vector<FigureKey>> by_measure;
    for (const FigureKey& k : keys) {
        if (by_measure.empty() || by_measure.back().front().measure != k.measure) by_measure.emplace_back();
        by_measure.back().push_back(k);
    }
    for (const std::string& id : areas) {
        const std::string& code = b.area(id)->code;
        for (const std::vector<FigureKey>& group : by_measure) {
            std::set<int> years;
            for (const FigureKey& k : group) {
                const auto& by_area = b.published().cells.at(k);
                if (auto a = by_area.find(id); a != by_area.end())
                    for (const auto& [year, c] : a->second) years.insert(year);
            }
            for (int year : years) {
                const auto [start, end] = benchmark_period(group.front().measure, year);
                for (const FigureKey& k : group) {
                    const PublishedCell* c = b.cell(k, id, year);
                    if (!c) continue;
                    rows.push_back({code, start, end, k.measure, k.category,
                                    c->value ? format_plain(*c->value, c->decimals) : std::string(1, c->symbol ? c->symbol : 'x')});
                }
            }
        }
    }
    return rows;
}

MeasureSet published_measure_set(std::shared_ptr<const Benchmarks> benchmarks) {
    const Benchmarks& b = *benchmarks;
    MeasureSet set;
    if (const BenchmarkArea* a = b.area(b.authority)) set.area_code = a->code;
    // The authority's cells, measure by measure.
    std::map<std::string, std::map<std::string, const std::map<int, PublishedCell>*>> mine;  // measure -> category -> year
    std::set<int> years;
    for (const auto& [key, by_area] : b.published().cells) {
        if (key.measure == "population_0_17") continue;
        const auto a = by_area.find(b.authority);
        if (a == by_area.end() || a->second.empty()) continue;
        mine[key.measure][key.category] = &a->second;
        for (const auto& [year, c] : a->second) years.insert(year);
    }
    for (int y : years) set.years.push_back(y - 1);
    for (const auto& [measure, by_category] : mine) {
        Measure m = new_measure(measure);
        // Total first, then the breakdown's own order, then any other category by name.
        std::vector<std::string> order{"Total"};
        for (const std::string& c : benchmark_categories(measure)) order.push_back(c);
        for (const auto& [c, cells] : by_category)
            if (std::find(order.begin(), order.end(), c) == order.end()) order.push_back(c);
        int decimals = 0;
        for (const std::string& c : order) {
            const auto cells = by_category.find(c);
            if (cells == by_category.end()) continue;
            m.categories.push_back(c);
            m.values.emplace_back(set.period_count());
            const std::size_t row = m.categories.size() - 1;
            for (const auto& [year, cell] : *cells->second) {
                const auto at = std::find(set.years.begin(), set.years.end(), year - 1);
                const std::size_t period = set.year_period(static_cast<std::size_t>(at - set.years.begin()));
                if (cell.value) {
                    m.values[row][period] = cell.value;
                    decimals = std::max(decimals, cell.decimals);
                } else {
                    m.set_symbol(row, period, cell.symbol ? cell.symbol : 'x');
                }
            }
        }
        m.decimals = decimals;
        set.put(std::move(m));
    }
    set.benchmarks = std::move(benchmarks);
    return set;
}

}  // namespace careboard
