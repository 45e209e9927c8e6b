#include "measures/compute.hpp"

#include <algorithm>
#include <map>

#include "core/parallel.hpp"
#include "ingest/codes.hpp"
#include "measures/care_events.hpp"
#include "measures/other_tables.hpp"

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
        Measure m = new_measure(key);
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
        return codes::category_sort_key(order_, category);
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

std::string_view sequence_name(ReviewSequence s) {
    switch (s) {
    case ReviewSequence::first: return "first";
    case ReviewSequence::second: return "second";
    case ReviewSequence::later: return "later";
    case ReviewSequence::not_assessed: return "not_assessed";
    }
    return "not_assessed";
}

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
    if (!options.end) {
        if (last.end() > as_at) last = last.previous();
        last = Quarter{last.q == 4 ? last.fy_start : last.fy_start - 1, 4};
    }
    std::vector<Quarter> window;
    for (int i = options.quarters - 1; i >= 0; --i) window.push_back(last.minus(i));
    return window;
}

std::vector<ReviewAssessment> assess_reviews(const Dataset& data, int child) {
    const std::size_t rb = data.review_begin[static_cast<std::size_t>(child)];
    const std::size_t re = data.review_begin[static_cast<std::size_t>(child) + 1];
    std::vector<ReviewAssessment> out(re - rb);
    if (rb == re) return out;
    std::vector<bool> in_a_period(re - rb, false);
    for (const PeriodOfCare& period : periods_of_care(data, child)) {
        std::optional<Date> previous;
        int index = 0;
        for (std::size_t i = rb; i < re; ++i) {
            const Date held = data.reviews[i].date;
            if (held < period.start || (period.end && held > *period.end)) continue;
            in_a_period[i - rb] = true;
            ReviewAssessment& a = out[i - rb];
            std::optional<Date> due;
            if (index == 0) {
                if (period.start_observed) {
                    due = add_working_days(period.start, 20);
                    a.sequence = ReviewSequence::first;
                }
            } else {
                const bool second = index == 1 && period.start_observed;
                due = previous->plus_months(second ? 3 : 6);
                a.sequence = second ? ReviewSequence::second : ReviewSequence::later;
            }
            if (due) a.timing = held <= *due ? ReviewTiming::in_timescale : ReviewTiming::late;
            previous = held;
            ++index;
        }
    }
    // A review outside every period of care but within a short break is the short break's.
    const std::size_t eb = data.episode_begin[static_cast<std::size_t>(child)];
    const std::size_t ee = data.episode_begin[static_cast<std::size_t>(child) + 1];
    for (std::size_t i = rb; i < re; ++i) {
        if (in_a_period[i - rb]) continue;
        const Date held = data.reviews[i].date;
        for (std::size_t e = eb; e < ee; ++e) {
            const Episode& ep = data.episodes[e];
            if (codes::is_short_break(ep.ls) && ep.decom <= held && (!ep.dec || held <= *ep.dec)) {
                out[i - rb].timing = ReviewTiming::short_break;
                break;
            }
        }
    }
    return out;
}

std::vector<ReviewTiming> review_timings(const Dataset& data, int child) {
    std::vector<ReviewTiming> timings;
    for (const ReviewAssessment& a : assess_reviews(data, child)) timings.push_back(a.timing);
    return timings;
}

namespace {

// Everything counted over a range of children; ranges are counted apart and merged.
struct Counts {
    explicit Counts(std::size_t nq)
        : looked_after(nq, 0), three_plus(nq, 0), started(nq, 0), started_occasions(nq, 0), ceased(nq, 0), held(nq, 0),
          in_time(nq, 0), not_assessed(nq, 0), short_break(nq, 0), children_assessed(nq, 0), children_in_time(nq, 0),
          long_cohort(nq, 0), long_same(nq, 0),
          by_ls(nq, codes::legal_status()), by_ls_group(nq, codes::legal_status_groups()),
          by_place(nq, codes::placement()), by_place_group(nq, codes::placement_groups()),
          by_provider(nq, codes::provider()), fostering(nq, codes::fostering_providers()), by_age(nq, codes::age_bands()),
          by_sex(nq, codes::sexes()), by_ethnicity(nq, codes::ethnicity_groups()), by_ethnic_code(nq, codes::ethnic_codes()),
          started_need(nq, codes::need()), started_ls(nq, codes::legal_status()), started_age(nq, codes::age_bands()),
          started_sex(nq, codes::sexes()), started_ethnicity(nq, codes::ethnicity_groups()),
          started_place_group(nq, codes::placement_groups()), ceased_reason(nq, codes::reason_ceased()),
          ceased_reason_group(nq, codes::reason_groups()), participation(nq, codes::participation()),
          by_sequence(nq, codes::review_sequences()), in_time_by_sequence(nq, codes::review_sequences()) {}

    std::vector<double> looked_after, three_plus, started, started_occasions, ceased, held, in_time, not_assessed,
        short_break, children_assessed, children_in_time, long_cohort, long_same;
    Tally by_ls, by_ls_group, by_place, by_place_group, by_provider, fostering, by_age, by_sex, by_ethnicity,
        by_ethnic_code, started_need, started_ls, started_age, started_sex, started_ethnicity, started_place_group,
        ceased_reason, ceased_reason_group, participation, by_sequence, in_time_by_sequence;

    void merge(const Counts& o) {
        auto sum = [](std::vector<double>& a, const std::vector<double>& b) {
            for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
        };
        for (auto [mine, theirs] :
             {std::pair{&looked_after, &o.looked_after}, {&three_plus, &o.three_plus}, {&started, &o.started},
              {&started_occasions, &o.started_occasions}, {&ceased, &o.ceased}, {&held, &o.held}, {&in_time, &o.in_time},
              {&not_assessed, &o.not_assessed}, {&short_break, &o.short_break},
              {&children_assessed, &o.children_assessed}, {&children_in_time, &o.children_in_time},
              {&long_cohort, &o.long_cohort}, {&long_same, &o.long_same}})
            sum(*mine, *theirs);
        for (auto [mine, theirs] :
             {std::pair{&by_ls, &o.by_ls}, {&by_ls_group, &o.by_ls_group}, {&by_place, &o.by_place},
              {&by_place_group, &o.by_place_group}, {&by_provider, &o.by_provider}, {&fostering, &o.fostering},
              {&by_age, &o.by_age}, {&by_sex, &o.by_sex}, {&by_ethnicity, &o.by_ethnicity},
              {&by_ethnic_code, &o.by_ethnic_code}, {&started_need, &o.started_need}, {&started_ls, &o.started_ls},
              {&started_age, &o.started_age}, {&started_sex, &o.started_sex},
              {&started_ethnicity, &o.started_ethnicity}, {&started_place_group, &o.started_place_group},
              {&ceased_reason, &o.ceased_reason}, {&ceased_reason_group, &o.ceased_reason_group},
              {&participation, &o.participation}, {&by_sequence, &o.by_sequence},
              {&in_time_by_sequence, &o.in_time_by_sequence}})
            mine->merge(*theirs);
    }
};

// The earlier non-short-break episode of a child's that episode `i` joins without a gap: the
// latest (by DECOM, then row) whose DEC is episode i's DECOM; none when there is a gap.
std::optional<std::size_t> joined_before(const Dataset& data, std::size_t first, std::size_t i) {
    for (std::size_t j = i; j-- > first;) {
        const Episode& e = data.episodes[j];
        if (!codes::is_short_break(e.ls) && e.dec && *e.dec == data.episodes[i].decom) return j;
    }
    return std::nullopt;
}

// The episode that began the placement episode `i` is part of: walking back through episodes
// that join without a gap to the latest whose RNE starts a placement (docs/definitions.md).
std::size_t placement_began(const Dataset& data, std::size_t first, std::size_t i) {
    for (;;) {
        if (codes::is_placement_start(data.episodes[i].rne)) return i;
        const std::optional<std::size_t> before = joined_before(data, first, i);
        if (!before) return i;
        i = *before;
    }
}

// When the current placement began, for long-term stability: a placement for adoption counts
// together with the placement before it.
Date current_placement_start(const Dataset& data, std::size_t first, std::size_t at_d) {
    const std::size_t began = placement_began(data, first, at_d);
    const std::string& place = data.episodes[at_d].place;
    if (place == "A3" || place == "A4" || place == "A5" || place == "A6")
        if (const std::optional<std::size_t> before = joined_before(data, first, began))
            return data.episodes[placement_began(data, first, *before)].decom;
    return data.episodes[began].decom;
}

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
        std::optional<std::vector<PeriodOfCare>> periods;  // worked out when first needed
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
                if (starts_care_in(e, S, D)) {
                    k.started_occasions[q] += 1;
                    if (!first_start) first_start = &e;
                }
                if (ceases_care_in(e, S, D) && (!last_cease || *e.dec >= *last_cease->dec))
                    last_cease = &e;
            }
            if (first_start) {
                k.started[q] += 1;
                k.started_need.add(or_not_recorded(first_start->cin), q);
                k.started_ls.add(or_not_recorded(first_start->ls), q);
                k.started_age.add(child.dob ? codes::age_band(age_in_years(*child.dob, first_start->decom)) : "unknown", q);
                k.started_sex.add(child.in_header ? codes::sex_category(child.sex) : "unknown", q);
                k.started_ethnicity.add(child.in_header ? codes::ethnicity_group(child.ethnic) : "not_known", q);
                k.started_place_group.add(codes::placement_group(first_start->place), q);
            }
            if (last_cease) {
                k.ceased[q] += 1;
                k.ceased_reason.add(last_cease->rec, q);
                k.ceased_reason_group.add(codes::reason_ceased_group(last_cease->rec), q);
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
            k.by_ethnic_code.add(child.in_header ? or_not_recorded(child.ethnic) : codes::not_recorded, q);

            // Placements in the 12 months to D: the one held at their start, whatever its RNE,
            // and each placement that began in them (docs/definitions.md).
            const Date year_before = years_before[q];
            int placements = 0;
            bool held_at_start = false;
            for (std::size_t i = eb; i < ee; ++i) {
                const Episode& e = data.episodes[i];
                if (codes::is_short_break(e.ls)) continue;
                if (e.open_at(year_before)) held_at_start = true;
                else if (e.decom > year_before && e.decom <= D && codes::is_placement_start(e.rne)) ++placements;
            }
            if (placements + (held_at_start ? 1 : 0) >= 3) k.three_plus[q] += 1;

            // Long-term stability: under 16, in care for 2.5 years, in the same placement for 2.
            if (!child.dob || *child.dob > D || age_in_years(*child.dob, D) >= 16) continue;
            if (!periods) periods = periods_of_care(data, static_cast<int>(c));
            const PeriodOfCare* current = nullptr;
            for (const PeriodOfCare& p : *periods)
                if (p.start <= D && (!p.end || *p.end >= D)) current = &p;
            if (!current || current->start > D.plus_months(-30)) continue;
            k.long_cohort[q] += 1;
            const auto at_index = static_cast<std::size_t>(at_d - data.episodes.data());
            if (current_placement_start(data, eb, at_index) <= D.plus_months(-24)) k.long_same[q] += 1;
        }

        const std::size_t rb = data.review_begin[c], re = data.review_begin[c + 1];
        if (rb == re) continue;
        const std::vector<ReviewAssessment> assessed = assess_reviews(data, static_cast<int>(c));
        std::vector<int> assessed_in(nq, 0), late_in(nq, 0);
        for (std::size_t i = rb; i < re; ++i) {
            const Review& r = data.reviews[i];
            const ReviewAssessment& a = assessed[i - rb];
            for (std::size_t q = 0; q < nq; ++q) {
                if (r.date < starts[q] || r.date > ends[q]) continue;
                if (a.timing == ReviewTiming::short_break) {
                    k.short_break[q] += 1;
                    continue;
                }
                k.held[q] += 1;
                k.participation.add(or_not_recorded(r.code), q);
                k.by_sequence.add(sequence_name(a.sequence), q);
                if (a.timing == ReviewTiming::not_assessed) {
                    k.not_assessed[q] += 1;
                    continue;
                }
                ++assessed_in[q];
                if (a.timing == ReviewTiming::in_timescale) {
                    k.in_time[q] += 1;
                    k.in_time_by_sequence.add(sequence_name(a.sequence), q);
                } else {
                    ++late_in[q];
                }
            }
        }
        for (std::size_t q = 0; q < nq; ++q) {
            if (assessed_in[q] == 0) continue;
            k.children_assessed[q] += 1;
            if (late_in[q] == 0) k.children_in_time[q] += 1;
        }
    }

}

}  // namespace

MeasureSet compute_measures(const Dataset& data, const std::vector<Quarter>& window, const std::string& area_code,
                            bool months) {
    MeasureSet set;
    set.area_code = area_code;
    set.quarters = window;
    set.years = whole_years_in(window);
    if (months) set.months = months_in(window);
    // Quarters and financial years are counted alike, each over its own dates.
    const std::size_t nq = set.period_count();
    QuarterDates dates;
    for (std::size_t p = 0; p < nq; ++p) {
        dates.starts.push_back(set.period_start(p));
        dates.ends.push_back(set.period_end(p));
        dates.years_before.push_back(set.period_end(p).plus_months(-12));
    }
    // Children are independent: large datasets are counted in parts, side by side.
    const std::size_t n = data.children.size();
    const std::size_t parts = n >= 20000 ? 2 : 1;
    std::vector<Counts> counts;
    for (std::size_t p = 0; p < parts; ++p) counts.emplace_back(nq);
    run_in_parallel(parts, parts > 1, [&](std::size_t p) { count_children(data, n * p / parts, n * (p + 1) / parts, dates, counts[p]); });
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
    set.put(k.by_ethnic_code.to_measure("looked_after_by_ethnic_code"));
    set.put(total_measure_of("placements_3_or_more", k.three_plus));
    set.put(total_measure_of("long_term_cohort", k.long_cohort));
    set.put(total_measure_of("long_term_same_placement", k.long_same));
    set.put(total_measure_of("started", k.started));
    set.put(k.started_need.to_measure("started_by_need"));
    set.put(k.started_ls.to_measure("started_by_legal_status"));
    set.put(k.started_age.to_measure("started_by_age"));
    set.put(k.started_sex.to_measure("started_by_sex"));
    set.put(k.started_ethnicity.to_measure("started_by_ethnicity"));
    set.put(k.started_place_group.to_measure("started_by_placement_group"));
    set.put(total_measure_of("started_occasions", k.started_occasions));
    set.put(total_measure_of("ceased", k.ceased));
    set.put(k.ceased_reason.to_measure("ceased_by_reason"));
    set.put(k.ceased_reason_group.to_measure("ceased_by_reason_group"));
    // Without a reviews table there are no review figures, not figures of zero.
    if (data.has_reviews) {
        set.put(total_measure_of("reviews_held", k.held));
        set.put(total_measure_of("reviews_in_timescale", k.in_time));
        set.put(total_measure_of("reviews_timescale_not_assessed", k.not_assessed));
        set.put(k.by_sequence.to_measure("reviews_by_sequence"));
        set.put(k.in_time_by_sequence.to_measure("reviews_in_timescale_by_sequence"));
        set.put(total_measure_of("reviews_children_assessed", k.children_assessed));
        set.put(total_measure_of("reviews_children_all_in_timescale", k.children_in_time));
        set.put(total_measure_of("reviews_short_break", k.short_break));
        set.put(k.participation.to_measure("reviews_by_participation"));
    } else {
        set.unavailable.push_back("The 903 files have no reviews table, so there are no figures of reviews.");
    }
    count_other_tables(data, set);
    return set;
}

namespace {

// A term of a ratio: a cell's value, or the knowledge that it is suppressed.
struct Part {
    std::optional<double> value;
    bool suppressed = false;
};

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    while (!text.empty()) {
        const std::size_t space = text.find(' ');
        words.push_back(text.substr(0, space));
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
    }
    return words;
}

// The Total of a measure in a period.
Part total_part(const MeasureSet& set, std::string_view key, std::size_t p) {
    const Measure* m = set.find(key);
    const int c = m ? m->category_index("Total") : -1;
    if (c < 0) return {};
    return {m->values[static_cast<std::size_t>(c)][p], m->symbol(static_cast<std::size_t>(c), p) == 'c'};
}

// The sum of some categories of a breakdown. When one of them is hidden the sum is still known,
// and so publishable, if the breakdown's total (the cell it sums to) and every category outside
// the sum are shown: it is then the total less those (and reveals nothing the published cells
// do not).
Part sum_part(const MeasureSet& set, std::string_view key, std::string_view categories, std::size_t p) {
    const Measure* m = set.find(key);
    if (!m) return {};
    const std::vector<std::string_view> wanted = split_words(categories);
    auto inside = [&](const std::string& c) { return std::find(wanted.begin(), wanted.end(), c) != wanted.end(); };
    Part in{0.0, false}, out{0.0, false};
    for (std::size_t i = 0; i < m->categories.size(); ++i) {
        Part& part = inside(m->categories[i]) ? in : out;
        if (m->symbol(i, p) == 'c') part.suppressed = true;
        if (auto v = m->values[i][p]) *part.value += *v;
    }
    if (!in.suppressed) return in;
    const CellName whole = sums_to_cell(measure_def(key));
    const Measure* t = set.find(whole.measure);
    const int tc = t ? t->category_index(whole.category) : -1;
    if (!out.suppressed && tc >= 0 && t->values[static_cast<std::size_t>(tc)][p])
        return {*t->values[static_cast<std::size_t>(tc)][p] - *out.value, false};
    return {std::nullopt, true};
}

Part term(const MeasureSet& set, std::string_view key, std::string_view categories, std::size_t p) {
    return categories.empty() ? total_part(set, key, p) : sum_part(set, key, categories, p);
}

}  // namespace

std::optional<double> Population::for_year(int year_end) const {
    if (all) return all;
    if (by_year.empty()) return std::nullopt;
    auto after = by_year.upper_bound(year_end);
    if (after == by_year.begin()) return after->second;  // before every estimate: the earliest
    return std::prev(after)->second;
}

void derive_ratios(MeasureSet& set, const Population& population_0_17, double min_denominator) {
    const std::size_t np = set.period_count();
    for (const MeasureDef& def : measure_catalogue()) {
        if (!def.is_ratio()) continue;
        const RatioDef& r = def.ratio;
        const std::string key(def.key);
        const bool from_population = r.denominator == "population_0_17";
        const bool inputs_present =
            set.find(r.numerator) && (from_population || r.denominator.empty() || set.find(r.denominator));
        if (!inputs_present || (from_population && !population_0_17.known())) {
            std::erase_if(set.measures, [&](const Measure& old) { return old.key == key; });
            continue;
        }
        Measure m = total_measure(key, std::vector<std::optional<double>>(np));
        bool any = false;
        for (std::size_t p = 0; p < np; ++p) {
            if (r.year_mean_of_quarters) {
                // The year's average of a figure at its quarter ends; hidden when any of them is.
                if (!set.is_year(p)) continue;
                double sum = 0;
                int n = 0;
                bool hidden = false;
                for (std::size_t q : set.quarters_of_year(p)) {
                    const Part v = total_part(set, r.numerator, q);
                    hidden = hidden || v.suppressed;
                    if (v.value) {
                        sum += *v.value;
                        ++n;
                    }
                }
                if (hidden) m.set_symbol(0, p, 'c');
                else if (n > 0) m.values[0][p] = sum / n;
                any = any || hidden || n > 0;
                continue;
            }
            const Part n = term(set, r.numerator, r.numerator_categories, p);
            // The population of the financial year the period ends in (a year ends on 31 March).
            const Date end = set.period_end(p);
            Part d = from_population ? Part{population_0_17.for_year(end.month() >= 4 ? end.year() + 1 : end.year()), false}
                                     : term(set, r.denominator, r.denominator_categories, p);
            if (!r.denominator_less.empty()) {
                const Part less = total_part(set, r.denominator_less, p);
                if (less.suppressed) d = {std::nullopt, true};
                else if (d.value && less.value) *d.value -= *less.value;
            }
            // A ratio of a suppressed figure, or of too small a base, is itself confidential.
            if ((n.suppressed || d.suppressed || (r.small_base && d.value && *d.value > 0 && *d.value < min_denominator)) &&
                (n.value || n.suppressed) && (d.value || d.suppressed)) {
                m.set_symbol(0, p, 'c');
                any = true;
            } else if (n.value && d.value && *d.value > 0) {
                m.values[0][p] = *n.value / *d.value * r.scale;
                any = true;
            }
        }
        if (any) set.put(std::move(m));
        else std::erase_if(set.measures, [&](const Measure& old) { return old.key == key; });
    }
}

}  // namespace careboard
