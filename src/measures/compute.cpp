#include "measures/compute.hpp"

#include <algorithm>
#include <map>

#include "core/parallel.hpp"
#include "ingest/codes.hpp"

namespace careboard {
namespace {

// Counts per category per quarter, turned into a Measure with categories in code-list order.
class Tally {
public:
    Tally(std::size_t quarters, std::span<const codes::Code> order) : quarters_(quarters), order_(order) {}

    Tally(Tally&&) = default;
    Tally& operator=(Tally&&) = default;
    Tally(const Tally&) = delete;  // `seen_` points into `counts_`

    // Adds another tally's counts (of the same window) to this one.
    void merge(const Tally& other) {
        for (const auto& [category, values] : other.counts_)
            for (std::size_t q = 0; q < values.size(); ++q)
                if (values[q] != 0) add(category, q, values[q]);
    }

    void add(std::string_view category, std::size_t quarter, double amount = 1.0) {
        // Categories are few and short and adds are many (children x quarters): a linear scan
        // of the categories seen so far beats any tree or hash here.
        for (Entry& e : seen_)
            if (e.name == category) {
                (*e.counts)[quarter] += amount;
                return;
            }
        auto it = counts_.emplace(std::string(category), std::vector<double>(quarters_, 0.0)).first;
        seen_.push_back({it->first, &it->second});
        it->second[quarter] += amount;
    }

    Measure to_measure(std::string key, bool with_total_only = false) const {
        Measure m;
        m.key = std::move(key);
        m.kind = measure_period_kind(m.key);
        m.decimals = measure_decimals(m.key);
        std::vector<std::string> categories;
        for (const auto& [category, values] : counts_) categories.push_back(category);
        std::sort(categories.begin(), categories.end(), [&](const std::string& a, const std::string& b) {
            return sort_key(a) < sort_key(b);
        });
        if (with_total_only && categories.empty()) categories.push_back("Total");
        for (const std::string& c : categories) {
            m.categories.push_back(c);
            std::vector<std::optional<double>> row;
            auto it = counts_.find(c);
            for (std::size_t q = 0; q < quarters_; ++q)
                row.push_back(it == counts_.end() ? 0.0 : it->second[q]);
            m.values.push_back(std::move(row));
        }
        return m;
    }

private:
    // Known codes first in list order, then unknown codes alphabetically, then "not recorded".
    std::pair<int, std::string> sort_key(const std::string& category) const {
        if (category == codes::not_recorded) return {2, category};
        const int p = codes::position_of(order_, category);
        if (p >= 0) return {0, std::string(1, static_cast<char>(p))};
        return {1, category};
    }

    struct Entry {
        std::string_view name;
        std::vector<double>* counts;
    };
    std::size_t quarters_;
    std::span<const codes::Code> order_;
    std::map<std::string, std::vector<double>, std::less<>> counts_;  // node-based: pointers stay valid
    std::vector<Entry> seen_;
};

std::string_view or_not_recorded(const std::string& code) {
    return code.empty() ? codes::not_recorded : std::string_view(code);
}

Measure total_measure_of(const std::string& key, const std::vector<double>& values) {
    return total_measure(key, std::vector<std::optional<double>>(values.begin(), values.end()));
}

}  // namespace

std::optional<Date> data_as_at(const Dataset& data, const WindowOptions& options) {
    if (options.as_at) return options.as_at;
    if (!data.return_years.empty()) return Date::from_ymd(data.return_years.back(), 3, 31);
    return data.latest_event;
}

std::vector<Quarter> reporting_window(Date as_at, const WindowOptions& options) {
    Quarter last = options.end.value_or(Quarter::containing(as_at));
    if (!options.end && last.end() > as_at) last = last.previous();
    std::vector<Quarter> window;
    for (int i = options.quarters - 1; i >= 0; --i) window.push_back(last.minus(i));
    return window;
}

std::vector<ReviewTiming> review_timings(const Dataset& data, int child) {
    const std::size_t rb = data.review_begin[static_cast<std::size_t>(child)];
    const std::size_t re = data.review_begin[static_cast<std::size_t>(child) + 1];
    std::vector<ReviewTiming> timings(re - rb, ReviewTiming::not_assessed);
    if (rb == re) return timings;
    for (const PeriodOfCare& period : periods_of_care(data, child)) {
        std::optional<Date> previous;
        int index = 0;
        for (std::size_t i = rb; i < re; ++i) {
            const Date held = data.reviews[i].date;
            if (held < period.start || (period.end && held > *period.end)) continue;
            std::optional<Date> due;
            if (index == 0) {
                if (period.start_observed) due = add_working_days(period.start, 20);
            } else {
                const bool second = index == 1 && period.start_observed;
                due = previous->plus_months(second ? 3 : 6);
            }
            if (due) timings[i - rb] = held <= *due ? ReviewTiming::in_timescale : ReviewTiming::late;
            previous = held;
            ++index;
        }
    }
    return timings;
}

namespace {

// Everything counted over a range of children; ranges are counted apart and merged.
struct Counts {
    explicit Counts(std::size_t nq)
        : looked_after(nq, 0), three_plus(nq, 0), started(nq, 0), ceased(nq, 0), held(nq, 0), in_time(nq, 0),
          not_assessed(nq, 0), by_ls(nq, codes::legal_status()), by_ls_group(nq, codes::legal_status_groups()),
          by_place(nq, codes::placement()), by_place_group(nq, codes::placement_groups()),
          by_provider(nq, codes::provider()), fostering(nq, codes::fostering_providers()), by_age(nq, codes::age_bands()),
          by_sex(nq, codes::sexes()), by_ethnicity(nq, codes::ethnicity_groups()), started_need(nq, codes::need()),
          started_ls(nq, codes::legal_status()), ceased_reason(nq, codes::reason_ceased()),
          participation(nq, codes::participation()) {}

    std::vector<double> looked_after, three_plus, started, ceased, held, in_time, not_assessed;
    Tally by_ls, by_ls_group, by_place, by_place_group, by_provider, fostering, by_age, by_sex, by_ethnicity,
        started_need, started_ls, ceased_reason, participation;

    void merge(const Counts& o) {
        auto sum = [](std::vector<double>& a, const std::vector<double>& b) {
            for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
        };
        sum(looked_after, o.looked_after);
        sum(three_plus, o.three_plus);
        sum(started, o.started);
        sum(ceased, o.ceased);
        sum(held, o.held);
        sum(in_time, o.in_time);
        sum(not_assessed, o.not_assessed);
        for (auto [mine, theirs] : {std::pair{&by_ls, &o.by_ls}, {&by_ls_group, &o.by_ls_group}, {&by_place, &o.by_place},
                                    {&by_place_group, &o.by_place_group}, {&by_provider, &o.by_provider},
                                    {&fostering, &o.fostering}, {&by_age, &o.by_age}, {&by_sex, &o.by_sex},
                                    {&by_ethnicity, &o.by_ethnicity}, {&started_need, &o.started_need},
                                    {&started_ls, &o.started_ls}, {&ceased_reason, &o.ceased_reason},
                                    {&participation, &o.participation}})
            mine->merge(*theirs);
    }
};

struct QuarterDates {
    std::vector<Date> starts, ends, years_before;
};

void count_children(const Dataset& data, std::size_t first, std::size_t last, const QuarterDates& dates, Counts& k) {
    const std::size_t nq = dates.ends.size();
    const std::vector<Date>& starts = dates.starts;
    const std::vector<Date>& ends = dates.ends;
    const std::vector<Date>& years_before = dates.years_before;
    for (std::size_t c = first; c < last; ++c) {
        const ChildRecord& child = data.children[c];
        const std::size_t eb = data.episode_begin[c], ee = data.episode_begin[c + 1];
        for (std::size_t q = 0; q < nq; ++q) {
            const Date D = ends[q];
            const Date S = starts[q];
            const Episode* at_d = nullptr;
            const Episode* first_start = nullptr;
            const Episode* last_cease = nullptr;
            for (std::size_t i = eb; i < ee; ++i) {
                const Episode& e = data.episodes[i];
                if (codes::is_short_break(e.ls)) continue;
                if (e.open_at(D)) at_d = &e;  // sorted by DECOM: the last one open has the latest DECOM
                if (e.rne == "S" && e.decom >= S && e.decom <= D && !first_start) first_start = &e;
                if (e.dec && *e.dec >= S && *e.dec <= D && !e.rec.empty() && e.rec != "X1" &&
                    (!last_cease || *e.dec >= *last_cease->dec))
                    last_cease = &e;
            }
            if (first_start) {
                k.started[q] += 1;
                k.started_need.add(or_not_recorded(first_start->cin), q);
                k.started_ls.add(or_not_recorded(first_start->ls), q);
            }
            if (last_cease) {
                k.ceased[q] += 1;
                k.ceased_reason.add(last_cease->rec, q);
            }
            if (!at_d) continue;
            k.looked_after[q] += 1;
            k.by_ls.add(or_not_recorded(at_d->ls), q);
            k.by_ls_group.add(codes::legal_status_group(at_d->ls), q);
            k.by_place.add(or_not_recorded(at_d->place), q);
            k.by_place_group.add(codes::placement_group(at_d->place), q);
            k.by_provider.add(or_not_recorded(at_d->provider), q);
            if (codes::placement_group(at_d->place) == "foster")
                k.fostering.add(codes::fostering_provider(at_d->provider), q);
            k.by_age.add(child.dob ? codes::age_band(age_in_years(*child.dob, D)) : "unknown", q);
            k.by_sex.add(child.in_header ? codes::sex_category(child.sex) : "unknown", q);
            k.by_ethnicity.add(child.in_header ? codes::ethnicity_group(child.ethnic) : "not_known", q);

            const Date year_before = years_before[q];
            int placements = 0;
            for (std::size_t i = eb; i < ee; ++i) {
                const Episode& e = data.episodes[i];
                if (codes::is_short_break(e.ls) || !codes::is_placement_start(e.rne)) continue;
                if (e.decom <= D && (!e.dec || *e.dec > year_before)) ++placements;
            }
            if (placements >= 3) k.three_plus[q] += 1;
        }

        const std::size_t rb = data.review_begin[c], re = data.review_begin[c + 1];
        if (rb == re) continue;
        const std::vector<ReviewTiming> timings = review_timings(data, static_cast<int>(c));
        for (std::size_t i = rb; i < re; ++i) {
            const Review& r = data.reviews[i];
            for (std::size_t q = 0; q < nq; ++q) {
                if (r.date < starts[q] || r.date > ends[q]) continue;
                k.held[q] += 1;
                k.participation.add(or_not_recorded(r.code), q);
                if (timings[i - rb] == ReviewTiming::in_timescale) k.in_time[q] += 1;
                if (timings[i - rb] == ReviewTiming::not_assessed) k.not_assessed[q] += 1;
            }
        }
    }

}

}  // namespace

MeasureSet compute_measures(const Dataset& data, const std::vector<Quarter>& window, const std::string& area_code) {
    const std::size_t nq = window.size();
    MeasureSet set;
    set.area_code = area_code;
    set.quarters = window;
    QuarterDates dates;
    for (const Quarter& q : window) {
        dates.starts.push_back(q.start());
        dates.ends.push_back(q.end());
        dates.years_before.push_back(q.end().plus_months(-12));
    }
    // Children are independent: large datasets are counted in parts, side by side.
    const std::size_t n = data.children.size();
    const std::size_t parts = n >= 20000 ? 2 : 1;
    std::vector<Counts> counts;
    for (std::size_t p = 0; p < parts; ++p) counts.emplace_back(nq);
    run_in_parallel(parts, [&](std::size_t p) { count_children(data, n * p / parts, n * (p + 1) / parts, dates, counts[p]); });
    for (std::size_t p = 1; p < parts; ++p) counts[0].merge(counts[p]);
    Counts& k = counts[0];

    set.put(total_measure_of("looked_after", k.looked_after));
    set.put(k.by_ls.to_measure("looked_after_by_legal_status"));
    set.put(k.by_ls_group.to_measure("looked_after_by_legal_status_group"));
    set.put(k.by_place.to_measure("looked_after_by_placement"));
    set.put(k.by_place_group.to_measure("looked_after_by_placement_group"));
    set.put(k.by_provider.to_measure("looked_after_by_provider"));
    set.put(k.fostering.to_measure("looked_after_fostering_by_provider"));
    set.put(k.by_age.to_measure("looked_after_by_age"));
    set.put(k.by_sex.to_measure("looked_after_by_sex"));
    set.put(k.by_ethnicity.to_measure("looked_after_by_ethnicity"));
    set.put(total_measure_of("placements_3_or_more", k.three_plus));
    set.put(total_measure_of("started", k.started));
    set.put(k.started_need.to_measure("started_by_need"));
    set.put(k.started_ls.to_measure("started_by_legal_status"));
    set.put(total_measure_of("ceased", k.ceased));
    set.put(k.ceased_reason.to_measure("ceased_by_reason"));
    set.put(total_measure_of("reviews_held", k.held));
    set.put(total_measure_of("reviews_in_timescale", k.in_time));
    set.put(total_measure_of("reviews_timescale_not_assessed", k.not_assessed));
    set.put(k.participation.to_measure("reviews_by_participation"));
    return set;
}

void derive_ratios(MeasureSet& set, std::optional<double> population_0_17, double min_denominator) {
    const std::size_t nq = set.quarters.size();
    struct Part {
        std::optional<double> value;
        bool suppressed = false;
    };
    // `small_base`: a percentage of a small number of children (or reviews, or escalations) says
    // too much about too few; rates of a population or per IRO do not.
    auto ratio = [&](const std::string& key, auto numerator, auto denominator, double scale, bool small_base = true) {
        Measure m = total_measure(key, std::vector<std::optional<double>>(nq));
        bool any = false;
        for (std::size_t q = 0; q < nq; ++q) {
            const Part n = numerator(q), d = denominator(q);
            // A ratio of a suppressed figure, or of too small a base, is itself confidential.
            if ((n.suppressed || d.suppressed || (small_base && d.value && *d.value > 0 && *d.value < min_denominator)) &&
                (n.value || n.suppressed) && (d.value || d.suppressed)) {
                m.set_symbol(0, q, 'c');
                any = true;
            } else if (n.value && d.value && *d.value > 0) {
                m.values[0][q] = *n.value / *d.value * scale;
                any = true;
            }
        }
        if (any) set.put(std::move(m));
        else std::erase_if(set.measures, [&](const Measure& old) { return old.key == key; });
    };
    auto measure_total = [&set](const char* key) {
        return [&set, key](std::size_t q) -> Part {
            const Measure* m = set.find(key);
            const int c = m ? m->category_index("Total") : -1;
            if (c < 0) return {};
            return {m->values[static_cast<std::size_t>(c)][q], m->symbol(static_cast<std::size_t>(c), q) == 'c'};
        };
    };
    // The sum of some categories of a breakdown. When one of them is hidden the sum is still
    // known, and so publishable, if the breakdown's total and every category outside the sum are
    // shown: it is then the total less those (and reveals nothing the published cells do not).
    auto sum_of = [&set](const char* key, std::initializer_list<std::string_view> categories, const char* total_key) {
        return [&set, key, total_key, categories = std::vector<std::string_view>(categories)](std::size_t q) -> Part {
            const Measure* m = set.find(key);
            if (!m) return {};
            auto inside = [&](const std::string& c) {
                return std::find(categories.begin(), categories.end(), c) != categories.end();
            };
            Part in{0.0, false}, out{0.0, false};
            for (std::size_t i = 0; i < m->categories.size(); ++i) {
                Part& part = inside(m->categories[i]) ? in : out;
                if (m->symbol(i, q) == 'c') part.suppressed = true;
                if (auto v = m->values[i][q]) *part.value += *v;
            }
            if (!in.suppressed) return in;
            const Measure* t = set.find(total_key);
            const int tc = t ? t->category_index("Total") : -1;
            if (!out.suppressed && tc >= 0 && t->values[static_cast<std::size_t>(tc)][q])
                return {*t->values[static_cast<std::size_t>(tc)][q] - *out.value, false};
            return {std::nullopt, true};
        };
    };
    if (set.find("placements_3_or_more") && set.find("looked_after"))
        ratio("placements_3_or_more_percent", measure_total("placements_3_or_more"), measure_total("looked_after"), 100.0);
    if (set.find("reviews_in_timescale") && set.find("reviews_held"))
        ratio("reviews_in_timescale_percent", measure_total("reviews_in_timescale"), measure_total("reviews_held"), 100.0);
    if (set.find("reviews_by_participation"))
        ratio("reviews_participation_percent",
              sum_of("reviews_by_participation", {"PN1", "PN2", "PN3", "PN4", "PN5", "PN6"}, "reviews_held"),
              sum_of("reviews_by_participation", {"PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"}, "reviews_held"), 100.0);
    if (set.find("escalations_resolved_within_20_days") && set.find("escalations_resolved"))
        ratio("escalations_resolved_within_20_days_percent", measure_total("escalations_resolved_within_20_days"),
              measure_total("escalations_resolved"), 100.0);
    if (set.find("escalations_raised") && set.find("looked_after"))
        ratio("escalations_per_100_looked_after", measure_total("escalations_raised"), measure_total("looked_after"), 100.0,
              false);
    if (set.find("iro_fte") && set.find("looked_after"))
        ratio("iro_caseload", measure_total("looked_after"), measure_total("iro_fte"), 1.0, false);
    if (population_0_17 && set.find("looked_after"))
        ratio("looked_after_rate_per_10000", measure_total("looked_after"),
              [&](std::size_t) { return Part{population_0_17, false}; }, 10000.0, false);
}

}  // namespace careboard
