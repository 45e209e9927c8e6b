#include "synth/escalations.hpp"
#include "synth/iro_records.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "synth/support.hpp"

// IRO escalations have no national standard (docs: domain brief, "IRO escalations"); this log
// follows careboard's own export (issue 3) and the IRO Handbook's shape: informal resolution
// first, formal stages up through the authority's seniority, most concluded within 20 working
// days, rare referrals to Cafcass. Each looked-after child raises challenge at a rate of their
// own (a few children attract most of it), only on working days while looked after, and the
// rate, the themes and the staffing drift gently over the years so that trend pages have a story.
// Like the 903 generator, every draw is integer arithmetic on the project's PRNG.

namespace careboard::synth::detail {
namespace {

// ============================================================================ labels

enum class Route : std::uint8_t { Informal, Formal, Alert, GoodPractice };
constexpr std::string_view kRouteText[] = {"Informal resolution", "Problem resolution", "Practice alert",
                                           "Good practice notification"};

// The highest stage reached; formal problem resolutions climb the authority's seniority.
enum class Stage : std::uint8_t { S0, S1, S2, S3, S4, Cafcass };
constexpr std::string_view kStageText[] = {"0", "1", "2", "3", "4", "cafcass"};
constexpr std::string_view kLevelText[] = {"Practice manager", "Team manager",    "Service manager",
                                           "Head of service",  "Head of service", "Head of service"};

enum class Outcome : std::uint8_t { Resolved, RevisedPlan, NotUpheld, Cafcass };
constexpr std::string_view kOutcomeText[] = {"Resolved", "Resolved with revised plan", "Not upheld",
                                             "Referred to Cafcass"};

enum class Team : std::uint8_t { North, South, Permanence, Disabled, LeavingCare };
constexpr std::string_view kTeamText[] = {"Children in care North", "Children in care South", "Permanence",
                                          "Disabled children", "Leaving care"};

constexpr std::size_t kCaseThemes = 13;  // every theme but "Excellent practice"
constexpr std::string_view kThemeText[] = {"Drift or delay",
                                           "Statutory requirements not met",
                                           "Significant tasks not completed",
                                           "Persistent poor practice",
                                           "Care plan not updated",
                                           "Statutory visits",
                                           "Placement concerns",
                                           "Permanence",
                                           "Health",
                                           "Education",
                                           "Family time",
                                           "Pathway plan",
                                           "Recording",
                                           "Excellent practice"};
constexpr std::uint8_t kEducation = 9;
constexpr std::uint8_t kPathwayPlan = 11;  // pathway plans start at 16
constexpr std::uint8_t kExcellentPractice = 13;
constexpr std::uint8_t kNoTheme = 0xFF;

// ============================================================================ tables

// About 55% informal, 25% formal, 10% alerts and 10% good practice (shares reported by IRO
// annual reports that use these routes; they vary a lot between authorities).
constexpr Weighted<Route> kRoute[] = {
    {Route::Informal, 550}, {Route::Formal, 250}, {Route::Alert, 100}, {Route::GoodPractice, 100}};
// Most formal challenge ends at stage 1 (Harrow: 86%); 2% of it (1 in 200 of all) goes to Cafcass.
constexpr Weighted<Stage> kFormalStage[] = {
    {Stage::S1, 730}, {Stage::S2, 180}, {Stage::S3, 60}, {Stage::S4, 10}, {Stage::Cafcass, 20}};

// Theme weights at the start and at the end of the returns' window, interpolated by the day
// raised: drift and care plans improve, visits, recording and family time come up.
struct ThemeWeight {
    int first;
    int last;
};
// Challenge about a child's plan and care (informal and formal routes).
constexpr ThemeWeight kCaseTheme[kCaseThemes] = {
    {210, 140},  // Drift or delay
    {70, 80},    // Statutory requirements not met
    {60, 70},    // Significant tasks not completed
    {30, 35},    // Persistent poor practice
    {155, 125},  // Care plan not updated
    {105, 160},  // Statutory visits
    {80, 90},    // Placement concerns
    {70, 55},    // Permanence
    {50, 55},    // Health
    {50, 50},    // Education
    {40, 55},    // Family time
    {90, 100},   // Pathway plan (asked of young people of 16 and over only)
    {90, 130},   // Recording
};
// Practice alerts are about recording and compliance.
constexpr ThemeWeight kAlertTheme[kCaseThemes] = {
    {30, 25},    // Drift or delay
    {150, 140},  // Statutory requirements not met
    {40, 40},    // Significant tasks not completed
    {10, 10},    // Persistent poor practice
    {120, 100},  // Care plan not updated
    {180, 200},  // Statutory visits
    {0, 0},      // Placement concerns
    {0, 0},      // Permanence
    {60, 60},    // Health
    {30, 30},    // Education
    {0, 0},      // Family time
    {80, 90},    // Pathway plan
    {380, 430},  // Recording
};
// Good practice notifications carry one theme; of the rest, 28% carry two, so that about three
// escalations in four carry one theme.
constexpr int kSecondThemePerMille = 280;

// Working days to resolve: informal median ~8, formal ~15, about 85% of all within the IRO
// Handbook's 20 working days, and a tail to about 60.
constexpr Span kInformalDays[] = {{250, 1, 4}, {270, 5, 8}, {250, 9, 14}, {130, 15, 20}, {80, 21, 40}, {20, 41, 60}};
constexpr Span kAlertDays[] = {{400, 1, 3}, {300, 4, 8}, {200, 9, 20}, {100, 21, 45}};
constexpr Span kStage1Days[] = {{200, 2, 7}, {350, 8, 14}, {250, 15, 20}, {150, 21, 35}, {50, 36, 60}};
constexpr Span kStage2Days[] = {{100, 8, 14}, {350, 15, 20}, {350, 21, 35}, {200, 36, 60}};
constexpr Span kStage3Days[] = {{300, 15, 25}, {400, 26, 40}, {300, 41, 60}};
constexpr Span kCafcassDays[] = {{300, 20, 35}, {700, 36, 60}};

constexpr Weighted<Outcome> kInformalOutcome[] = {
    {Outcome::Resolved, 700}, {Outcome::RevisedPlan, 200}, {Outcome::NotUpheld, 100}};
constexpr Weighted<Outcome> kFormalOutcome[] = {
    {Outcome::Resolved, 450}, {Outcome::RevisedPlan, 450}, {Outcome::NotUpheld, 100}};
constexpr Weighted<Outcome> kAlertOutcome[] = {
    {Outcome::Resolved, 850}, {Outcome::RevisedPlan, 80}, {Outcome::NotUpheld, 70}};

// Escalations per child looked after per year at the middle of the window, and how much the
// rate rises each year (on top of the rising population).
constexpr int kRatePerMille = 600;
constexpr int kTrendPerMillePerYear = 25;
constexpr int kWeekdaysPerYear = 261;
// Challenge concentrates on a minority of children: rate multipliers (per mille, mean ~1000)
// and the share of children with each.
constexpr int kRateMultiplier[] = {250, 750, 1750, 3400};
constexpr int kRateShare[] = {350, 350, 220, 80};
// Escalations raised this long before the first return can still be open at its start.
constexpr int kLeadDays = 120;

// ============================================================================ model

struct Escalation {
    int raised;
    int resolved;  // after the last return's 31 March: still open in every file
    std::uint32_t id;
    std::uint32_t child;
    Route route;
    Stage stage;
    Outcome outcome;
    Team team;
    std::uint8_t theme;
    std::uint8_t second_theme;  // kNoTheme when there is one theme
};

// Days to the next event of a daily Bernoulli process (probability p/2^32 a day), drawn from its
// survival function tabulated in 32-bit fixed point: one table search per escalation instead of
// one draw per child per day. A coarse index by the top bits of the uniform draw narrows each
// search to a few entries (the result is the same as a search of the whole table).
class GapTable {
public:
    GapTable(std::uint64_t p32, std::size_t length) : survival_(length + 1), bucket_(kBuckets + 1) {
        constexpr std::uint64_t kOne = 1ULL << 32;
        survival_[0] = kOne;
        for (std::size_t k = 1; k < survival_.size(); ++k) survival_[k] = (survival_[k - 1] * (kOne - p32)) >> 32;
        for (std::size_t i = 0; i <= kBuckets; ++i) {
            bucket_[i] = first_at_or_below(static_cast<std::uint64_t>(i) << kBucketShift, 1, survival_.size());
        }
    }

    // Days skipped before the event (0: the next day); the table's length when beyond it.
    int draw(Rng& rng) const {
        const std::uint64_t u = rng.next() >> 32;
        const std::size_t i = static_cast<std::size_t>(u >> kBucketShift);
        // u lies between the bucket's bounds, and the search result only falls as u rises.
        const std::size_t j = first_at_or_below(u, bucket_[i + 1], bucket_[i]);
        // P(gap >= k) = survival_[k] / 2^32: the gap is the last k whose survival exceeds u.
        return static_cast<int>(j) - 1;
    }

private:
    static constexpr std::size_t kBuckets = 4096;
    static constexpr int kBucketShift = 20;  // 2^32 / kBuckets

    // The first k in [lo, hi) with survival_[k] <= u, or hi when there is none.
    std::uint32_t first_at_or_below(std::uint64_t u, std::size_t lo, std::size_t hi) const {
        const auto begin = survival_.begin();
        const auto it = std::lower_bound(begin + static_cast<std::ptrdiff_t>(lo), begin + static_cast<std::ptrdiff_t>(hi),
                                         u, [](std::uint64_t s, std::uint64_t v) { return s > v; });
        return static_cast<std::uint32_t>(it - begin);
    }

    std::vector<std::uint64_t> survival_;
    std::vector<std::uint32_t> bucket_;  // the search result at each bucket's lowest u
};

// Pseudonymous escalation numbers: a keyed Feistel permutation cycle-walked into [0, limit), so
// the number reveals neither the order raised nor the child.
class IdPermutation {
public:
    IdPermutation(std::uint64_t seed, std::uint32_t limit, int half_bits) : limit_(limit), half_bits_(half_bits) {
        Rng rng(stream_seed(seed, kEscalationIdStream, 0));
        for (auto& k : keys_) k = rng.next();
    }

    std::uint32_t operator()(std::uint32_t index) const {
        std::uint32_t x = index;
        do {
            x = permute(x);
        } while (x >= limit_);
        return x;
    }

private:
    std::uint32_t permute(std::uint32_t x) const {
        const std::uint32_t mask = (1U << half_bits_) - 1U;
        std::uint32_t left = x >> half_bits_;
        std::uint32_t right = x & mask;
        for (const std::uint64_t key : keys_) {
            const auto f = static_cast<std::uint32_t>(hash64(key ^ right) & mask);
            const std::uint32_t mixed = left ^ f;
            left = right;
            right = mixed;
        }
        return (left << half_bits_) | right;
    }

    std::uint32_t limit_;
    int half_bits_;
    std::array<std::uint64_t, 4> keys_{};
};

struct Window {
    int first_day;   // 1 April of the first return's collection year
    int last_day;    // 31 March of the last return's
    int raise_from;  // first day an escalation in the files can have been raised
};

// Per mille of the rate at the end of the window: the rising trend, never below half.
int trend_per_mille(const Window& w, int day) {
    const int years_before_end = (w.last_day - day) * kTrendPerMillePerYear / 365;
    return std::max(500, 1000 - years_before_end);
}

int progress_per_mille(const Window& w, int day) {
    const int span = std::max(1, w.last_day - w.first_day);
    return std::clamp((day - w.first_day) * 1000 / span, 0, 1000);
}

std::uint8_t pick_theme(Rng& rng, const std::array<int, kCaseThemes>& weights) {
    int total = 0;
    for (const int x : weights) total += x;
    int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
    for (std::size_t i = 0; i < kCaseThemes; ++i) {
        if (r < weights[i]) return static_cast<std::uint8_t>(i);
        r -= weights[i];
    }
    return 0;
}

// The team that holds the child's case: disabled children's and permanence teams keep their
// children, most young people move to leaving care at 16, the rest are held by locality.
// `roll` is fixed per child so the same circumstances always give the same team.
Team team_for(const CareStretch& s, int age, int roll, bool elsewhere_north) {
    if (s.disabled && roll < 850) return Team::Disabled;
    if (age >= 16 && roll < 750) return Team::LeavingCare;
    if (s.permanence && roll < 850) return Team::Permanence;
    switch (s.locality) {
    case Locality::North: return Team::North;
    case Locality::South: return Team::South;
    case Locality::Elsewhere: break;
    }
    return elsewhere_north ? Team::North : Team::South;
}

int working_days_to_resolve(Rng& rng, Route route, Stage stage) {
    switch (route) {
    case Route::Informal: return draw(rng, kInformalDays);
    case Route::Alert: return draw(rng, kAlertDays);
    case Route::GoodPractice: return 0;
    case Route::Formal: break;
    }
    switch (stage) {
    case Stage::S1: return draw(rng, kStage1Days);
    case Stage::S2: return draw(rng, kStage2Days);
    case Stage::Cafcass: return draw(rng, kCafcassDays);
    default: return draw(rng, kStage3Days);
    }
}

Outcome outcome_for(Rng& rng, Route route, Stage stage) {
    if (stage == Stage::Cafcass) return Outcome::Cafcass;
    switch (route) {
    case Route::Informal: return pick(rng, kInformalOutcome);
    case Route::Formal: return pick(rng, kFormalOutcome);
    case Route::Alert: return pick(rng, kAlertOutcome);
    case Route::GoodPractice: break;
    }
    return Outcome::Resolved;
}

Escalation raise_escalation(Rng& rng, const Window& w, const CaredForChild& child, const CareStretch& s, int day,
                            int team_roll, bool elsewhere_north) {
    Escalation e{};
    e.raised = day;
    e.child = child.id;
    const int age = age_years(child.dob, day);
    e.route = pick(rng, kRoute);
    e.stage = e.route == Route::Formal ? pick(rng, kFormalStage) : Stage::S0;
    e.second_theme = kNoTheme;
    if (e.route == Route::GoodPractice) {
        e.theme = kExcellentPractice;
    } else {
        const ThemeWeight* table = e.route == Route::Alert ? kAlertTheme : kCaseTheme;
        const int progress = progress_per_mille(w, day);
        std::array<int, kCaseThemes> weights{};
        for (std::size_t i = 0; i < kCaseThemes; ++i) {
            weights[i] = table[i].first + (table[i].last - table[i].first) * progress / 1000;
        }
        if (age < 16) weights[kPathwayPlan] = 0;
        if (age < 4) weights[kEducation] = 0;
        e.theme = pick_theme(rng, weights);
        if (rng.per_mille(kSecondThemePerMille)) {
            weights[e.theme] = 0;
            e.second_theme = pick_theme(rng, weights);
        }
    }
    e.team = team_for(s, age, team_roll, elsewhere_north);
    // The IRO's role ends when the child leaves care: anything still open is closed then.
    const int days = working_days_to_resolve(rng, e.route, e.stage);
    e.resolved = days == 0 ? day : std::min(add_weekdays(day, days), s.period_end);
    e.outcome = outcome_for(rng, e.route, e.stage);
    return e;
}

std::vector<Escalation> simulate_escalations(const CareRecord& care, std::uint64_t seed, const Window& w) {
    // Candidate days at the end-of-window rate, thinned by the trend, so that the rate at the
    // middle of the window is kRatePerMille.
    const int mid_trend = trend_per_mille(w, w.first_day + (w.last_day - w.first_day) / 2);
    const auto rate_at_end = static_cast<std::uint64_t>(kRatePerMille * 1000 / mid_trend);
    const auto length = static_cast<std::size_t>(w.last_day - w.raise_from + 2);
    std::vector<GapTable> gaps;
    gaps.reserve(std::size(kRateMultiplier));
    for (const int multiplier : kRateMultiplier) {
        const std::uint64_t p32 =
            (rate_at_end * static_cast<std::uint64_t>(multiplier) << 32) / (1'000'000ULL * kWeekdaysPerYear);
        gaps.emplace_back(std::clamp<std::uint64_t>(p32, 1, (1ULL << 32) - 1), length);
    }

    std::vector<Escalation> out;
    for (const CaredForChild& child : care.children) {
        Rng rng(stream_seed(seed, kEscalationStream, child.id));
        const auto rate_class = pick_index<std::size_t>(rng, kRateShare);
        const int team_roll = static_cast<int>(rng.below(1000));
        const bool elsewhere_north = rng.per_mille(500);
        const GapTable& gap = gaps[rate_class];
        for (std::uint32_t i = child.first_stretch; i < child.end_stretch; ++i) {
            const CareStretch& s = care.stretches[i];
            const int from = std::max(s.start, w.raise_from);
            const int until = std::min(s.end, w.last_day + 1);  // looked after on days before `until`
            if (from >= until) continue;
            // The process is memoryless, so it may restart at each episode.
            for (int day = from - 1;;) {
                day += 1 + gap.draw(rng);
                if (day >= until) break;
                if (is_weekend(day) || !rng.per_mille(trend_per_mille(w, day))) continue;
                const Escalation e = raise_escalation(rng, w, child, s, day, team_roll, elsewhere_north);
                // Raised before the first return and closed before it began: in no file.
                if (e.resolved >= w.first_day) out.push_back(e);
            }
        }
    }
    return out;
}

// ============================================================================ files

void write_escalations(const std::vector<Escalation>& log, int year, int digits, int longest, const DateText& dates,
                       std::string& out) {
    const int from = days_from_civil(year - 1, 4, 1);
    const int to = days_from_civil(year, 3, 31);
    out = "ESCALATION_ID,CHILD,RAISED,ROUTE,STAGE,THEME,TEAM,RESOLVED,RESOLVED_LEVEL,OUTCOME\n";
    const auto begin = std::lower_bound(log.begin(), log.end(), from - longest,
                                        [](const Escalation& e, int day) { return e.raised < day; });
    for (auto it = begin; it != log.end() && it->raised <= to; ++it) {
        const Escalation& e = *it;
        // Raised in this collection year, or earlier and still open on its 1 April.
        if (e.raised < from && e.resolved < from) continue;
        out += "ESC-";
        append_number(out, e.id, digits);
        out += ',';
        append_number(out, e.child, 8);
        out += ',';
        dates.append(out, e.raised);
        out += ',';
        out += kRouteText[static_cast<std::size_t>(e.route)];
        out += ',';
        out += kStageText[static_cast<std::size_t>(e.stage)];
        out += ',';
        out += kThemeText[e.theme];
        if (e.second_theme != kNoTheme) {
            out += "; ";
            out += kThemeText[e.second_theme];
        }
        out += ',';
        out += kTeamText[static_cast<std::size_t>(e.team)];
        out += ',';
        if (e.resolved <= to) {  // resolutions after this return are not known yet
            dates.append(out, e.resolved);
            out += ',';
            out += kLevelText[static_cast<std::size_t>(e.stage)];
            out += ',';
            out += kOutcomeText[static_cast<std::size_t>(e.outcome)];
        } else {
            out += ",,";
        }
        out += '\n';
    }
}

int next_weekday(int day) {
    while (is_weekend(day)) ++day;
    return day;
}

// IROs in post: a first establishment before the returns, then 3 to 5 changes at least two
// quarters apart, alternating recruitment (caseloads fall to 53-58 children per full-time IRO)
// and vacancies (they climb to 61-66), each clamped so that every quarter end the FTE covers
// stays inside the IRO Handbook's 50-70 band with room to spare (52-68).
std::string write_staffing(const CareRecord& care, std::uint64_t seed, const Window& w, int years,
                           const DateText& dates) {
    const int quarters = years * 4;
    std::vector<int> quarter_start(static_cast<std::size_t>(quarters) + 1);
    const int first_year = civil_from_days(w.first_day).y;
    for (int q = 0; q <= quarters; ++q) {
        const int month_index = first_year * 12 + 3 + 3 * q;  // months from year 0; April of the first year
        quarter_start[static_cast<std::size_t>(q)] = days_from_civil(month_index / 12, month_index % 12 + 1, 1);
    }
    // Children looked after at each quarter end (a child's episodes never overlap), counted as
    // the episodes open on it: start <= end < DEC.
    std::vector<int> quarter_end(quarter_start.begin() + 1, quarter_start.end());
    for (int& day : quarter_end) --day;
    std::vector<int> looked_after(static_cast<std::size_t>(quarters) + 1, 0);
    for (const CareStretch& s : care.stretches) {
        const auto a = std::lower_bound(quarter_end.begin(), quarter_end.end(), s.start) - quarter_end.begin();
        const auto b = std::lower_bound(quarter_end.begin(), quarter_end.end(), s.end) - quarter_end.begin();
        if (a >= b) continue;
        ++looked_after[static_cast<std::size_t>(a)];
        --looked_after[static_cast<std::size_t>(b)];
    }
    for (std::size_t q = 1; q < looked_after.size(); ++q) looked_after[q] += looked_after[q - 1];

    // The quarters in which the establishment changes: distinct, and two quarters apart when
    // the window has room for that.
    Rng rng(stream_seed(seed, kStaffingStream, 0));
    const int changes = std::min(quarters - 1, rng.range(3, 5) + std::max(0, (years - 4) / 3));
    std::vector<int> starts;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::vector<int> candidates;
        for (int q = 1; q < quarters; ++q) candidates.push_back(q);
        for (int i = 0; i < changes; ++i) {
            const int j = rng.range(i, static_cast<int>(candidates.size()) - 1);
            std::swap(candidates[static_cast<std::size_t>(i)], candidates[static_cast<std::size_t>(j)]);
        }
        starts.assign(candidates.begin(), candidates.begin() + changes);
        std::sort(starts.begin(), starts.end());
        bool spaced = true;
        for (std::size_t i = 1; i < starts.size(); ++i) spaced = spaced && starts[i] - starts[i - 1] >= 2;
        if (spaced) break;
    }
    starts.insert(starts.begin(), 0);

    std::string out = "DATE,FTE,HEADCOUNT,PERMANENT,AGENCY,VACANCIES_FTE\n";
    // Headcount (some IROs part-time), agency IROs and vacant posts, from a stream of their own.
    Rng detail(stream_seed(seed, kStaffingDetailStream, 0));
    int target = rng.range(58, 64);
    for (std::size_t seg = 0; seg < starts.size(); ++seg) {
        const int q0 = starts[seg];
        const int q1 = seg + 1 < starts.size() ? starts[seg + 1] : quarters;
        if (seg > 0) target = target >= 60 ? rng.range(53, 58) : rng.range(61, 66);
        std::int64_t sum = 0;
        int low = looked_after[static_cast<std::size_t>(q0)];
        int high = low;
        for (int q = q0; q < q1; ++q) {
            const int n = looked_after[static_cast<std::size_t>(q)];
            sum += n;
            low = std::min(low, n);
            high = std::max(high, n);
        }
        // FTE in tenths: the target caseload on the segment's average, then within the band.
        const std::int64_t count = q1 - q0;
        int tenths = static_cast<int>((20 * sum + count * target) / (2 * count * target));
        const int fewest = (10 * high + 67) / 68;
        const int most = 10 * low / 52;
        if (fewest <= most) tenths = std::clamp(tenths, fewest, most);
        tenths = std::max(1, tenths);
        const int date = seg == 0 ? next_weekday(w.first_day - rng.range(30, 330))
                                  : next_weekday(quarter_start[static_cast<std::size_t>(q0)] + rng.range(0, 45));
        dates.append(out, date);
        out += ',';
        out += std::to_string(tenths / 10);
        out += '.';
        out += static_cast<char>('0' + tenths % 10);
        const int headcount = (tenths + 9) / 10 + (detail.per_mille(400) ? 1 : 0);
        const int agency = std::min(headcount, detail.range(0, 2));
        const int vacant_tenths = detail.range(0, 15);
        out += ',' + std::to_string(headcount) + ',' + std::to_string(headcount - agency) + ',' + std::to_string(agency) + ',';
        out += std::to_string(vacant_tenths / 10);
        out += '.';
        out += static_cast<char>('0' + vacant_tenths % 10);
        out += '\n';
    }
    return out;
}

}  // namespace

IroFiles generate_iro_files(const CareRecord& care, std::uint64_t seed, int first_year, int last_year) {
    Window w{};
    w.first_day = days_from_civil(first_year - 1, 4, 1);
    w.last_day = days_from_civil(last_year, 3, 31);
    w.raise_from = w.first_day - kLeadDays;
    std::vector<Escalation> log = simulate_escalations(care, seed, w);

    // Six digits while they suffice (up to 900,000 escalations), eight for the largest runs.
    const bool six = log.size() <= 900'000;
    const IdPermutation permutation(seed, six ? 900'000U : 90'000'000U, six ? 10 : 14);
    const std::uint32_t base = six ? 100'000U : 10'000'000U;
    int longest = 0;
    for (std::size_t i = 0; i < log.size(); ++i) {
        log[i].id = permutation(static_cast<std::uint32_t>(i)) + base;
        longest = std::max(longest, log[i].resolved - log[i].raised);
    }
    std::sort(log.begin(), log.end(), [](const Escalation& a, const Escalation& b) {
        return a.raised != b.raised ? a.raised < b.raised : a.id < b.id;
    });

    const DateText dates(std::min(w.raise_from, w.first_day - 400), w.last_day);
    IroFiles files;
    for (int year = first_year; year <= last_year; ++year) {
        files.escalations.emplace_back();
        write_escalations(log, year, six ? 6 : 8, longest, dates, files.escalations.back());
    }
    files.staffing = write_staffing(care, seed, w, last_year - first_year + 1, dates);
    files.allocations = write_iro_allocations(care, seed, w.first_day, w.last_day, dates);
    files.activity = write_iro_activity(care, seed, first_year, last_year);
    return files;
}

}  // namespace careboard::synth::detail
