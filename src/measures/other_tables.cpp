#include "measures/other_tables.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "ingest/codes.hpp"
#include "measures/care_events.hpp"

namespace careboard {
namespace {

// Each child's first row in a table sorted by child (size children + 1, CSR style).
template <class Row>
std::vector<std::size_t> begins(const std::vector<Row>& rows, std::size_t children) {
    std::vector<std::size_t> begin(children + 1, 0);
    for (const Row& r : rows) ++begin[static_cast<std::size_t>(r.child) + 1];
    for (std::size_t c = 0; c < children; ++c) begin[c + 1] += begin[c];
    return begin;
}

// Counts per period, for a Total measure: periods never counted stay empty (not zero).
struct Counter {
    explicit Counter(std::size_t periods) : values(periods) {}
    std::vector<std::optional<double>> values;
    void open(std::size_t p) {
        if (!values[p]) values[p] = 0.0;
    }
    void add(std::size_t p, double amount = 1.0) {
        open(p);
        *values[p] += amount;
    }
};

// Counts per category per period, as the other breakdowns list them (docs/definitions.md,
// "Code-list order"): the categories met in some period, known codes in the list's order, then
// unknown codes alphabetically, then `not_recorded`; 0 in each counted period without them.
class Breakdown {
public:
    Breakdown(std::size_t periods, std::span<const codes::Code> list) : order_(list), opened_(periods, false) {}
    void open(std::size_t p) { opened_[p] = true; }
    void add(std::string_view category, std::size_t p) {
        open(p);
        auto it = counts_.find(category);
        if (it == counts_.end()) it = counts_.emplace(std::string(category), std::vector<double>(opened_.size(), 0.0)).first;
        it->second[p] += 1;
    }
    // A measure of these counts, or none when no period was counted.
    std::optional<Measure> to_measure(const std::string& key) const {
        if (std::none_of(opened_.begin(), opened_.end(), [](bool b) { return b; })) return std::nullopt;
        std::vector<std::string> categories;
        for (const auto& [category, counts] : counts_) categories.push_back(category);
        std::sort(categories.begin(), categories.end(), [&](const auto& a, const auto& b) {
            return codes::category_sort_key(order_, a) < codes::category_sort_key(order_, b);
        });
        Measure m = new_measure(key);
        for (const std::string& c : categories) {
            m.categories.push_back(c);
            std::vector<std::optional<double>> row(opened_.size());
            for (std::size_t p = 0; p < opened_.size(); ++p)
                if (opened_[p]) row[p] = counts_.at(c)[p];
            m.values.push_back(std::move(row));
        }
        if (m.categories.empty()) return std::nullopt;
        return m;
    }

private:
    std::span<const codes::Code> order_;
    std::vector<bool> opened_;
    std::map<std::string, std::vector<double>, std::less<>> counts_;
};

// A mean of values per period, kept as sums and counts.
struct Mean {
    explicit Mean(std::size_t periods) : sum(periods, 0.0), count(periods) {}
    std::vector<double> sum;
    Counter count;
    void add(std::size_t p, double v) {
        sum[p] += v;
        count.add(p);
    }
    std::vector<std::optional<double>> values() const {
        std::vector<std::optional<double>> out(sum.size());
        for (std::size_t p = 0; p < sum.size(); ++p)
            if (count.values[p] && *count.values[p] > 0) out[p] = sum[p] / *count.values[p];
        return out;
    }
};

void put_total(MeasureSet& set, const std::string& key, const std::vector<std::optional<double>>& values) {
    if (std::none_of(values.begin(), values.end(), [](auto v) { return v.has_value(); })) return;
    set.put(total_measure(key, values));
}

void put(MeasureSet& set, const Breakdown& b, const std::string& key) {
    if (std::optional<Measure> m = b.to_measure(key)) set.put(std::move(*m));
}

bool is_adoption_placement(std::string_view place) {
    return place == "A3" || place == "A4" || place == "A5" || place == "A6";
}

// The child's non-short-break episode open at `d` (the latest-starting), or null.
const Episode* open_at(const Dataset& data, std::size_t child, Date d) {
    const Episode* found = nullptr;
    for (std::size_t i = data.episode_begin[child]; i < data.episode_begin[child + 1]; ++i) {
        const Episode& e = data.episodes[i];
        if (!codes::is_short_break(e.ls) && e.open_at(d)) found = &e;
    }
    return found;
}

// The child's first start (RNE = S, not a short break) in [s, e], as `started` counts it.
const Episode* first_start_in(const Dataset& data, std::size_t child, Date s, Date e) {
    for (std::size_t i = data.episode_begin[child]; i < data.episode_begin[child + 1]; ++i) {
        const Episode& ep = data.episodes[i];
        if (starts_care_in(ep, s, e)) return &ep;
    }
    return nullptr;
}

// The child's last ceasing in [s, e], as `ceased` counts it.
const Episode* last_cease_in(const Dataset& data, std::size_t child, Date s, Date e) {
    const Episode* found = nullptr;
    for (std::size_t i = data.episode_begin[child]; i < data.episode_begin[child + 1]; ++i) {
        const Episode& ep = data.episodes[i];
        if (ceases_care_in(ep, s, e) && (!found || *ep.dec >= *found->dec)) found = &ep;
    }
    return found;
}

bool looked_after_during(const Dataset& data, std::size_t child, Date s, Date e) {
    for (std::size_t i = data.episode_begin[child]; i < data.episode_begin[child + 1]; ++i) {
        if (in_care_during(data.episodes[i], s, e)) return true;
    }
    return false;
}

// The financial years (their periods and the rows' return year) a year-bound table describes:
// the years whose return gave it; an undated return's rows belong to the window's last year.
struct TableYear {
    std::size_t period;
    int fy;           // the year's start (2023 for 2023-24)
    bool undated;     // its rows are an undated return's (return year 0)
};

std::vector<TableYear> table_years(const MeasureSet& set, const std::vector<int>& return_years) {
    std::vector<TableYear> out;
    for (std::size_t y = 0; y < set.years.size(); ++y) {
        const int fy = set.years[y];
        const bool dated = std::find(return_years.begin(), return_years.end(), fy + 1) != return_years.end();
        const bool undated = !dated && y + 1 == set.years.size() &&
                             std::find(return_years.begin(), return_years.end(), 0) != return_years.end();
        if (dated || undated) out.push_back({set.year_period(y), fy, undated});
    }
    return out;
}

// The row of a child's rows (sorted by return year) that belongs to year `t`, or null.
template <class Row>
const Row* row_for(const std::vector<Row>& rows, std::size_t b, std::size_t e, const TableYear& t) {
    for (std::size_t i = b; i < e; ++i)
        if (rows[i].year == (t.undated ? 0 : t.fy + 1)) return &rows[i];
    return nullptr;
}

void count_missing(const Dataset& data, MeasureSet& set) {
    const std::size_t np = set.period_count(), n = data.children.size();
    const std::vector<std::size_t> mb = begins(data.missing, n);
    Counter during(np), missing_children(np), missing_incidents(np), away_children(np), away_incidents(np);
    for (std::size_t p = 0; p < np; ++p) {
        for (Counter* c : {&during, &missing_children, &missing_incidents, &away_children, &away_incidents}) c->open(p);
    }
    for (std::size_t c = 0; c < n; ++c) {
        for (std::size_t p = 0; p < np; ++p) {
            const Date s = set.period_start(p), e = set.period_end(p);
            if (!looked_after_during(data, c, s, e)) continue;
            during.add(p);
            int missing = 0, away = 0;
            for (std::size_t i = mb[c]; i < mb[c + 1]; ++i) {
                const MissingIncident& m = data.missing[i];
                if (m.start < s || m.start > e) continue;
                if (m.kind == "M") ++missing;
                else if (m.kind == "A") ++away;
            }
            if (missing) missing_children.add(p), missing_incidents.add(p, missing);
            if (away) away_children.add(p), away_incidents.add(p, away);
        }
    }
    put_total(set, "looked_after_during", during.values);
    put_total(set, "missing_children", missing_children.values);
    put_total(set, "missing_incidents", missing_incidents.values);
    put_total(set, "away_children", away_children.values);
    put_total(set, "away_incidents", away_incidents.values);
}

void count_uasc(const Dataset& data, MeasureSet& set) {
    const std::size_t np = set.period_count(), n = data.children.size();
    const std::vector<std::size_t> ub = begins(data.uasc, n);
    Counter looked_after(np), started(np);
    for (std::size_t p = 0; p < np; ++p) looked_after.open(p), started.open(p);
    for (std::size_t c = 0; c < n; ++c) {
        if (ub[c] == ub[c + 1]) continue;
        const std::optional<Date>& duc = data.uasc[ub[c]].duc;  // one row per child once stitched
        for (std::size_t p = 0; p < np; ++p) {
            const Date s = set.period_start(p), e = set.period_end(p);
            if (open_at(data, c, e) && (!duc || *duc > e)) looked_after.add(p);
            if (const Episode* first = first_start_in(data, c, s, e); first && (!duc || *duc > first->decom)) started.add(p);
        }
    }
    put_total(set, "uasc_looked_after", looked_after.values);
    put_total(set, "uasc_started", started.values);
}

void count_adoptions(const Dataset& data, MeasureSet& set) {
    const std::size_t np = set.period_count(), n = data.children.size();
    const std::vector<std::size_t> ab = begins(data.adoptions, n);
    Counter adopted(np);
    Mean care_to_moving_in(np), order_to_match(np);
    for (std::size_t p = 0; p < np; ++p) {
        adopted.open(p);
        care_to_moving_in.count.open(p);
        if (data.has_adoptions) order_to_match.count.open(p);
    }
    for (std::size_t c = 0; c < n; ++c) {
        std::optional<std::vector<PeriodOfCare>> periods;
        for (std::size_t p = 0; p < np; ++p) {
            const Episode* last = last_cease_in(data, c, set.period_start(p), set.period_end(p));
            if (!last || (last->rec != "E11" && last->rec != "E12")) continue;
            adopted.add(p);
            if (!periods) periods = periods_of_care(data, static_cast<int>(c));
            const PeriodOfCare* period = nullptr;
            for (const PeriodOfCare& pc : *periods)
                if (pc.start <= last->decom && (!pc.end || *pc.end >= *last->dec)) period = &pc;
            if (!period) continue;
            std::optional<Date> moved_in, order;
            for (std::size_t i = data.episode_begin[c]; i < data.episode_begin[c + 1]; ++i) {
                const Episode& e = data.episodes[i];
                if (codes::is_short_break(e.ls) || e.decom < period->start || e.decom > *last->dec) continue;
                if (!moved_in && is_adoption_placement(e.place)) moved_in = e.decom;
                if (!order && (e.ls == "E1" || e.ls == "D1")) order = e.decom;
            }
            if (moved_in) care_to_moving_in.add(p, moved_in->days - period->start.days);
            if (data.has_adoptions && order && ab[c] < ab[c + 1])
                if (const std::optional<Date>& match = data.adoptions[ab[c]].date_match; match && *match >= *order)
                    order_to_match.add(p, match->days - order->days);
        }
    }
    put_total(set, "adopted", adopted.values);
    put_total(set, "adoption_children_care_to_moving_in", care_to_moving_in.count.values);
    put_total(set, "adoption_days_care_to_moving_in", care_to_moving_in.values());
    if (!data.has_adoptions) return;
    put_total(set, "adoption_children_order_to_match", order_to_match.count.values);
    put_total(set, "adoption_days_order_to_match", order_to_match.values());
}

void count_previous_permanence(const Dataset& data, MeasureSet& set) {
    const std::size_t np = set.period_count(), n = data.children.size();
    const std::vector<std::size_t> pb = begins(data.previous_permanence, n);
    Breakdown by(np, codes::previous_permanence());
    for (std::size_t p = 0; p < np; ++p) by.open(p);
    for (std::size_t c = 0; c < n; ++c)
        for (std::size_t p = 0; p < np; ++p) {
            if (!first_start_in(data, c, set.period_start(p), set.period_end(p))) continue;
            const std::string& code = pb[c] < pb[c + 1] ? data.previous_permanence[pb[c]].code : std::string();
            by.add(code.empty() ? codes::not_recorded : std::string_view(code), p);
        }
    put(set, by, "started_by_previous_permanence");
}

void count_oc2(const Dataset& data, MeasureSet& set) {
    const std::vector<TableYear> years = table_years(set, data.oc2_years);
    if (years.empty()) return;
    const std::size_t np = set.period_count(), n = data.children.size();
    const std::vector<std::size_t> ob = begins(data.oc2, n);
    enum { cohort, c0_4, c5_16, c10_17, assessment, immunisations, teeth, development, sdq, convicted, misuse,
           received, refused, count_kinds };
    static constexpr const char* kKeys[count_kinds] = {
        "oc2_cohort", "oc2_cohort_0_to_4", "oc2_cohort_5_to_16", "oc2_cohort_10_to_17", "oc2_health_assessment",
        "oc2_immunisations", "oc2_teeth_check", "oc2_development_assessment", "oc2_sdq_received", "oc2_convicted",
        "oc2_substance_misuse", "oc2_intervention_received", "oc2_intervention_refused"};
    std::vector<Counter> counts(count_kinds, Counter(np));
    Breakdown bands(np, codes::sdq_bands());
    Mean sdq_mean(np);
    for (const TableYear& t : years) {
        for (Counter& k : counts) k.open(t.period);
        bands.open(t.period);
        sdq_mean.count.open(t.period);
    }
    for (std::size_t c = 0; c < n; ++c) {
        std::optional<std::vector<PeriodOfCare>> periods;
        for (const TableYear& t : years) {
            const Date d = Date::from_ymd(t.fy + 1, 3, 31);
            if (!open_at(data, c, d)) continue;
            if (!periods) periods = periods_of_care(data, static_cast<int>(c));
            bool twelve_months = false;
            for (const PeriodOfCare& pc : *periods)
                if (pc.start <= d && (!pc.end || *pc.end >= d)) twelve_months = pc.start <= Date::from_ymd(t.fy, 4, 1);
            if (!twelve_months) continue;
            const std::size_t p = t.period;
            counts[cohort].add(p);
            const std::optional<Date>& dob = data.children[c].dob;
            const int age = dob ? age_in_years(*dob, d) : -1;
            const bool under_5 = age >= 0 && age <= 4, school = age >= 5 && age <= 16, older = age >= 10 && age <= 17;
            if (under_5) counts[c0_4].add(p);
            if (school) counts[c5_16].add(p);
            if (older) counts[c10_17].add(p);
            const Oc2Record* r = row_for(data.oc2, ob[c], ob[c + 1], t);
            if (!r) continue;
            if (r->yes(Oc2Record::health_assessment)) counts[assessment].add(p);
            if (r->yes(Oc2Record::immunisations)) counts[immunisations].add(p);
            if (r->yes(Oc2Record::teeth_check)) counts[teeth].add(p);
            if (under_5 && r->yes(Oc2Record::health_check)) counts[development].add(p);
            if (school && r->sdq_score) {
                counts[sdq].add(p);
                bands.add(codes::sdq_band(*r->sdq_score), p);
                sdq_mean.add(p, *r->sdq_score);
            }
            if (older && r->yes(Oc2Record::convicted)) counts[convicted].add(p);
            if (r->yes(Oc2Record::substance_misuse)) {
                counts[misuse].add(p);
                if (r->yes(Oc2Record::intervention_received)) counts[received].add(p);
                if (r->yes(Oc2Record::intervention_offered)) counts[refused].add(p);
            }
        }
    }
    for (int k = 0; k < count_kinds; ++k) put_total(set, kKeys[k], counts[static_cast<std::size_t>(k)].values);
    put(set, bands, "oc2_sdq_by_band");
    put_total(set, "oc2_sdq_average", sdq_mean.values());
}

void count_oc3(const Dataset& data, MeasureSet& set) {
    const std::vector<TableYear> years = table_years(set, data.oc3_years);
    if (years.empty()) return;
    const std::size_t np = set.period_count(), n = data.children.size();
    const std::vector<std::size_t> ob = begins(data.oc3, n);
    struct Group {
        std::string key;
        Counter leavers, in_touch;
        Breakdown activity, summary, accommodation, suitability;
        Group(std::string k, std::size_t np)
            : key(std::move(k)), leavers(np), in_touch(np), activity(np, codes::activity_groups()),
              summary(np, codes::activity_summaries()),
              accommodation(np, codes::accommodation_types()), suitability(np, codes::suitability()) {}
    };
    std::array<Group, 2> groups{Group("care_leavers_17_to_18", np), Group("care_leavers_19_to_21", np)};
    for (const TableYear& t : years)
        for (Group& g : groups) {
            g.leavers.open(t.period), g.in_touch.open(t.period);
            g.activity.open(t.period), g.summary.open(t.period), g.accommodation.open(t.period);
            g.suitability.open(t.period);
        }
    for (std::size_t c = 0; c < n; ++c) {
        const std::optional<Date>& dob = data.children[c].dob;
        if (ob[c] == ob[c + 1] || !dob) continue;
        for (const TableYear& t : years) {
            const Oc3Record* r = row_for(data.oc3, ob[c], ob[c + 1], t);
            if (!r || r->in_touch == "DIED" || r->in_touch == "RHOM") continue;
            // The birthday in the financial year: the age at its 31 March.
            const int age = age_in_years(*dob, Date::from_ymd(t.fy + 1, 3, 31));
            if (age < 17 || age > 21) continue;
            Group& g = groups[age <= 18 ? 0 : 1];
            const std::size_t p = t.period;
            g.leavers.add(p);
            if (r->in_touch == "YES") g.in_touch.add(p);
            g.activity.add(codes::activity_group(r->activity), p);
            g.summary.add(codes::activity_summary(codes::activity_group(r->activity)), p);
            g.accommodation.add(codes::accommodation_type(r->accommodation), p);
            g.suitability.add(codes::accommodation_suitability(r->accommodation), p);
        }
    }
    for (const Group& g : groups) {
        put_total(set, g.key, g.leavers.values);
        put_total(set, g.key + "_in_touch", g.in_touch.values);
        put(set, g.activity, g.key + "_by_activity");
        put(set, g.summary, g.key + "_by_activity_group");
        put(set, g.accommodation, g.key + "_by_accommodation");
        put(set, g.suitability, g.key + "_by_suitability");
    }
}

void count_social_workers(const Dataset& data, MeasureSet& set) {
    const std::vector<TableYear> years = table_years(set, data.social_worker_years);
    if (years.empty()) return;
    const std::size_t np = set.period_count(), n = data.children.size();
    const std::vector<std::size_t> sb = begins(data.social_workers, n);
    Counter three_or_more(np);
    for (const TableYear& t : years) three_or_more.open(t.period);
    for (std::size_t c = 0; c < n; ++c) {
        if (sb[c] == sb[c + 1]) continue;
        for (const TableYear& t : years) {
            const Date from = Date::from_ymd(t.fy, 4, 1), d = Date::from_ymd(t.fy + 1, 3, 31);
            if (!open_at(data, c, d)) continue;
            std::set<std::string_view> workers;
            for (std::size_t i = sb[c]; i < sb[c + 1]; ++i) {
                const SocialWorkerEpisode& w = data.social_workers[i];
                if (w.start <= d && (!w.end || *w.end >= from)) workers.insert(w.worker);
            }
            if (workers.size() >= 3) three_or_more.add(t.period);
        }
    }
    put_total(set, "sw_3_or_more", three_or_more.values);
}

}  // namespace

void count_other_tables(const Dataset& data, MeasureSet& set) {
    if (data.has_uasc) count_uasc(data, set);
    if (data.has_previous_permanence) count_previous_permanence(data, set);
    if (data.has_missing) count_missing(data, set);
    count_adoptions(data, set);
    count_oc2(data, set);
    count_oc3(data, set);
    count_social_workers(data, set);
}

}  // namespace careboard
