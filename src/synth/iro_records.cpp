#include "synth/iro_records.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace careboard::synth::detail {
namespace {

// Children looked after at each quarter end of the returns' years (the episodes open on it).
std::vector<int> looked_after_at_quarter_ends(const CareRecord& care, int first_year, int quarters) {
    std::vector<int> ends;
    for (int q = 1; q <= quarters; ++q) {
        const int month_index = (first_year - 1) * 12 + 3 + 3 * q;  // months from year 0
        ends.push_back(days_from_civil(month_index / 12, month_index % 12 + 1, 1) - 1);
    }
    std::vector<int> counts(ends.size(), 0);
    for (const CareStretch& s : care.stretches)
        for (std::size_t q = 0; q < ends.size(); ++q)
            if (s.start <= ends[q] && ends[q] < s.end) ++counts[q];
    return counts;
}

// n split by shares (per mille), the remainder to the first.
template <std::size_t N>
std::array<int, N> split(Rng& rng, int n, const std::array<int, N>& per_mille) {
    std::array<int, N> out{};
    int given = 0;
    for (std::size_t i = 1; i < N; ++i) {
        const int jitter = rng.range(-per_mille[i] / 5, per_mille[i] / 5);
        out[i] = std::min(n - given, std::max(0, (n * (per_mille[i] + jitter) + 500) / 1000));
        given += out[i];
    }
    out[0] = n - given;
    return out;
}

void row(std::string& out, const std::string& period, const char* measure, const char* category, int value) {
    out += period;
    out += ',';
    out += measure;
    out += ',';
    out += category;
    out += ',';
    out += std::to_string(value);
    out += '\n';
}

std::string quarter_label(int fy, int q) {
    return std::to_string(fy) + "-" + std::to_string((fy + 1) % 100 + 100).substr(1) + " Q" + std::to_string(q);
}

std::string year_label(int fy) { return std::to_string(fy) + "-" + std::to_string((fy + 1) % 100 + 100).substr(1); }

}  // namespace

std::string write_iro_allocations(const CareRecord& care, std::uint64_t seed, int first_day, int last_day,
                                  const DateText& dates) {
    // About one IRO for every 62 children looked after on an average day, 8 at the least.
    const int quarters = 4 * (civil_from_days(last_day).y - civil_from_days(first_day).y);
    const std::vector<int> counts = looked_after_at_quarter_ends(care, civil_from_days(last_day).y - quarters / 4 + 1, quarters);
    long long sum = 0;
    for (int n : counts) sum += n;
    const int average = counts.empty() ? 0 : static_cast<int>(sum / static_cast<long long>(counts.size()));
    Rng rng(stream_seed(seed, kAllocationStream, 0));
    const int iros = std::max(8, (average + 31) / 62 + (rng.per_mille(500) ? 1 : 0));
    std::vector<int> weight(static_cast<std::size_t>(iros));
    int total_weight = 0;
    for (int& w : weight) total_weight += (w = rng.range(70, 125));
    auto pick = [&](Rng& r) {
        int x = static_cast<int>(r.below(static_cast<std::uint64_t>(total_weight)));
        for (int i = 0; i < iros; ++i)
            if ((x -= weight[static_cast<std::size_t>(i)]) < 0) return i;
        return iros - 1;
    };
    auto name = [](int i) {  // IRO01, IRO02, ... IRO99, IRO100 (national scale has over 1,000)
        std::string digits = std::to_string(i + 1);
        if (digits.size() < 2) digits.insert(0, "0");
        return "IRO" + digits;
    };
    struct Row {
        int iro;
        std::uint32_t child;
        int from, to;  // to > last_day: still allocated
    };
    std::vector<Row> rows;
    for (const CaredForChild& child : care.children) {
        Rng r(stream_seed(seed, kAllocationStream, child.id + 1ULL));
        for (std::uint32_t i = child.first_stretch; i < child.end_stretch;) {
            // A period of care: the stretches that share its end.
            std::uint32_t j = i;
            while (j < child.end_stretch && care.stretches[j].period_end == care.stretches[i].period_end) ++j;
            // From its first episode the returns hold (one still open on the first day of the
            // first return's year, or starting after it).
            std::uint32_t k = i;
            while (k < j && care.stretches[k].end <= first_day) ++k;
            const int end = care.stretches[i].period_end;
            if (k < j && care.stretches[k].start <= last_day) {
                const int from = std::max(care.stretches[k].start, first_day - 400);
                int iro = pick(r);
                // One in eight periods changes IRO part-way (a new IRO, a move of team).
                const int limit = std::min(end, last_day + 1);
                if (limit - from > 120 && r.per_mille(125)) {
                    const int change = from + r.range(60, limit - from - 60);
                    rows.push_back({iro, child.id, from, change});
                    int next = pick(r);
                    if (next == iro) next = (iro + 1) % iros;
                    rows.push_back({next, child.id, change, end});
                } else {
                    rows.push_back({iro, child.id, from, end});
                }
            }
            i = j;
        }
    }
    std::sort(rows.begin(), rows.end(),
              [](const Row& a, const Row& b) { return a.from != b.from ? a.from < b.from : a.child < b.child; });
    std::string out = "IRO,CHILD,FROM,TO\n";
    for (const Row& row : rows) {
        out += name(row.iro);
        out += ',';
        append_number(out, row.child, 8);
        out += ',';
        dates.append(out, row.from);
        out += ',';
        if (row.to <= last_day) dates.append(out, row.to);
        out += '\n';
    }
    return out;
}

std::string write_iro_activity(const CareRecord& care, std::uint64_t seed, int first_year, int last_year) {
    const int years = last_year - first_year + 1;
    const std::vector<int> looked_after = looked_after_at_quarter_ends(care, first_year, years * 4);
    Rng rng(stream_seed(seed, kActivityStream, 0));
    std::string out = "period,measure,category,value\n";
    for (int y = 0; y < years; ++y) {
        const int fy = first_year - 1 + y;
        int sent_year = 0, chaired_sum = 0, chaired_most = 0;
        for (int q = 1; q <= 4; ++q) {
            const int n = looked_after[static_cast<std::size_t>(y * 4 + q - 1)];
            const std::string period = quarter_label(fy, q);
            // Consultation forms: sent before most reviews, returned for about half to two thirds.
            const int sent = n * rng.range(48, 62) / 100;
            const int returned = sent * rng.range(45, 68) / 100;
            sent_year += sent;
            row(out, period, "consultations_sent", "", sent);
            row(out, period, "consultations_returned", "", returned);
            const std::array<const char*, 5> sources{"child", "parent", "carer", "social_worker", "other"};
            const auto by_source = split(rng, returned, std::array<int, 5>{350, 200, 300, 120, 30});
            for (std::size_t i = 0; i < sources.size(); ++i) row(out, period, "consultations_returned_by_source", sources[i], by_source[i]);
            const int chaired = std::max(0, n * rng.range(2, 6) / 100);
            chaired_sum += chaired;
            chaired_most = std::max(chaired_most, chaired);
            row(out, period, "children_chaired_own_review", "", chaired);
            row(out, period, "midway_reviews", "", n * rng.range(10, 18) / 100);
            row(out, period, "disruption_meetings", "", rng.range(2, 9));
            row(out, period, "legal_advice_sought", "", rng.range(1, 7));
            const int pathway = n * rng.range(6, 10) / 100;
            row(out, period, "pathway_plan_reviews", "", pathway);
            row(out, period, "pathway_plan_reviews_in_timescale", "", pathway * rng.range(82, 99) / 100);
            // Audits by grade; their total is worked out from the grades.
            const int audits = rng.range(18, 34);
            const std::array<const char*, 4> grades{"good", "outstanding", "requires_improvement", "inadequate"};
            const auto by_grade = split(rng, audits, std::array<int, 4>{450, 120, 330, 100});
            for (std::size_t i = 0; i < grades.size(); ++i) row(out, period, "audits_by_grade", grades[i], by_grade[i]);
            row(out, period, "advocacy_referrals", "", rng.range(4, 15));
        }
        // The year's forms sent (the sum of its quarters), and children who chaired a review in
        // the year (some in more than one quarter, so fewer than the quarters' sum).
        row(out, year_label(fy), "consultations_sent", "", sent_year);
        row(out, year_label(fy), "children_chaired_own_review", "",
            std::max(chaired_most, chaired_sum * rng.range(70, 90) / 100));
    }
    return out;
}

}  // namespace careboard::synth::detail
