#include "synth/benchmarks.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "benchmarks/benchmarks.hpp"
#include "ingest/codes.hpp"
#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "synth/support.hpp"

namespace careboard::synth {
namespace {

using detail::Rng;
using detail::stream_seed;

// A stream of its own, so that adding these files left every byte of the returns as it was.
constexpr std::uint64_t kBenchmarkStream = 9;
constexpr std::uint64_t kOtherTablesStream = 10;
constexpr int kPublishedYears = 4;

struct Region {
    const char* code;
    const char* name;
};
constexpr Region kRegions[] = {{"E12999991", "North Riding (fictional)"},
                               {"E12999992", "Middle Shires (fictional)"},
                               {"E12999993", "South Downs (fictional)"}};
constexpr int kAuthorityRegion = 1;

// Fictional authorities; two names carry a comma, as real ones do ("Bristol, City of"), so that
// the files hold quoted values with commas.
constexpr const char* kNames[] = {
    "Ashby Vale",        "Brackenridge",       "Kingsford, City of", "Dunmere",        "Eastholme",
    "Fenwick and Lowe",  "Greystone",          "Harrowgate Moor",    "Ivel Valley",    "Jesmond Fields",
    "Kettlebury",        "Longmarsh",          "Millbrook",          "Northbay",       "Oakhampstead",
    "Pembury Downs",     "Queensferry",        "Rothley, Borough of", "Saltcombe",     "Thornfield",
    "Upton Heath",       "Westerley",          "Yarrowdale"};
constexpr int kOthers = static_cast<int>(sizeof kNames / sizeof kNames[0]);
// The first ten are drawn close to the authority: its statistical neighbours (sample-data's
// careboard.toml names them, E06999901 to E06999910).
constexpr int kNeighbours = 10;

// National-looking shares, per mille, in careboard's category order (benchmark_categories).
const std::vector<int> kNeedShares{620, 30, 30, 80, 120, 20, 3, 97};
const std::vector<int> kLegalShares{330, 20, 0, 3, 500, 90, 15, 1, 30, 10, 1};  // C1 C2 D1 E1 V2 L1 L2 L3 J1 J2 J3
const std::vector<int> kReasonShares{90, 60, 30, 10, 5, 50, 3, 5, 40, 120, 170, 70, 80, 40, 10, 100, 10};
const std::vector<int> kDistanceShares{460, 50, 200, 160, 130};

// One area's figures for one year, as counted (before rounding or suppression).
struct Counts {
    long population = 0;
    long looked_after = 0, started = 0, ceased = 0, three_plus = 0, new_placements = 0;
    std::vector<long> need, legal, reason, distance;  // in category order
    // The other tables' figures, by careboard's measure key ("oc2_cohort",
    // "care_leavers_17_to_18_by_activity:neet_other", "missing_incidents"); oc2_sdq_total is the
    // sum of the SDQ scores received, for averages of areas.
    std::map<std::string, double> more;
};

struct Area {
    std::string code, old_code, name;
    int region = 0;
    std::map<int, Counts> years;
};

// `total` split by weights, largest remainders first (ties to the earlier category).
std::vector<long> allocate(long total, const std::vector<int>& weights) {
    long sum = 0;
    for (int w : weights) sum += w;
    std::vector<long> out(weights.size(), 0);
    if (sum == 0 || total <= 0) return out;
    std::vector<std::pair<long, std::size_t>> remainders;
    long given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        out[i] = total * weights[i] / sum;
        given += out[i];
        remainders.push_back({total * weights[i] % sum, i});
    }
    std::stable_sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < total; ++k, ++given) ++out[remainders[k % remainders.size()].second];
    return out;
}

std::vector<int> perturb(Rng& rng, const std::vector<int>& shares) {
    std::vector<int> out;
    for (int s : shares) out.push_back(s * rng.range(60, 140) / 100);
    return out;
}

// Round half up of a / b, in integers.
long ratio(long a, long b) { return b == 0 ? 0 : (2 * a + b) / (2 * b); }
long round10(long v) { return (v + 5) / 10 * 10; }

std::string csv_quoted(const std::string& text) {
    return text.find(',') == std::string::npos ? text : "\"" + text + "\"";
}

// The DfE's local-authority suppression: counts of 1 to 5 are c, and where a breakdown (with
// its total) would then have exactly one c, its next smallest count above 0 is c too.
std::vector<bool> hidden_counts(const std::vector<long>& counts) {
    std::vector<bool> hide(counts.size(), false);
    int n = 0;
    for (std::size_t i = 0; i < counts.size(); ++i)
        if (counts[i] >= 1 && counts[i] <= 5) hide[i] = true, ++n;
    if (n == 1) {
        std::size_t best = counts.size();
        for (std::size_t i = 0; i < counts.size(); ++i)
            if (!hide[i] && counts[i] > 0 && (best == counts.size() || counts[i] < counts[best])) best = i;
        if (best < counts.size()) hide[best] = true;
    }
    return hide;
}

// A published count: c when hidden, England's and the regions' rounded to the nearest 10.
std::string shown(long count, bool hidden, bool la) {
    return hidden ? std::string("c") : std::to_string(la ? count : round10(count));
}

std::string percent_text(long count, long total, bool hidden) {
    if (hidden) return "c";
    if (total == 0) return "z";
    if (count > 0 && 200 * count < total) return "k";
    return std::to_string(ratio(100 * count, total));
}

class Writer {
public:
    Writer(const std::vector<Area>& las, int first, int last) : las_(las), first_(first), last_(last) {
        for (std::size_t r = 0; r < std::size(kRegions); ++r) {
            regions_.push_back(sum_of(static_cast<int>(r)));
            regions_.back().code = kRegions[r].code;
            regions_.back().name = kRegions[r].name;
        }
        england_ = sum_of(-1);
    }

    std::string rates() const {
        std::string out = "\xEF\xBB\xBFtime_period,time_identifier,geographic_level,country_code,country_name,region_code,"
                          "region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,children_count,"
                          "rate_per_10000\n";
        for (int y = last_; y >= first_; --y) {
            each_area(y, [&](const std::string& prefix, const Counts& c, bool la) {
                const std::pair<const char*, long> types[] = {
                    {"Children ceasing to be looked after each year", c.ceased},
                    {"Children looked after on 31 March each year", c.looked_after},
                    {"Children starting to be looked after each year", c.started}};
                for (const auto& [type, count] : types) {
                    const bool hide = la && count >= 1 && count <= 5;
                    const std::string shown = hide ? "c" : std::to_string(la ? count : round10(count));
                    const std::string rate = hide ? "c" : std::to_string(ratio(count * 10000, c.population));
                    out += prefix + type + ',' + std::to_string(c.population) + ',' + shown + ',' + rate + '\n';
                }
            });
        }
        return out;
    }

    // The starts or ceasings file, in the scheme used to 2023.
    std::string breakdowns(bool starts) const {
        std::string out = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                          "old_la_code,la_name,new_la_code,cla_group,characteristic,number,percentage\n";
        for (int y = last_; y >= first_; --y) {
            each_area(y, [&](const std::string& prefix, const Counts& c, bool la) {
                if (starts) {
                    group(out, prefix, "Category of need", kNeedLabels, c.need, c.started, la);
                    group(out, prefix, "Legal status", kLegalLabels, c.legal, c.started, la);
                } else {
                    group(out, prefix, "Reason episode ceased", kReasonLabels, c.reason, c.ceased, la);
                }
            });
        }
        return out;
    }

    std::string stability() const {
        std::string out = "\xEF\xBB\xBFtime_period,time_identifier,geographic_level,country_code,country_name,region_code,"
                          "region_name,old_la_code,la_name,new_la_code,cla_group,placement_stability,children_count,"
                          "children_percent\n";
        for (int y = last_; y >= first_; --y) {
            each_area(y, [&](const std::string& prefix, const Counts& c, bool la) {
                const std::vector<bool> hide = la ? hidden_counts({c.looked_after, c.three_plus}) : std::vector<bool>{false, false};
                auto count = [&](long v, bool h) { return h ? std::string("c") : std::to_string(la ? v : round10(v)); };
                out += prefix + "CLA on 31 March,Total children," + count(c.looked_after, hide[0]) + "," +
                       (hide[0] ? "c" : "100") + '\n';
                out += prefix + "CLA on 31 March,With 3 or more placements during the year," + count(c.three_plus, hide[1]) +
                       "," + percent_text(c.three_plus, c.looked_after, hide[0] || hide[1]) + '\n';
            });
        }
        return out;
    }

    // The new placements file, in the scheme used from 2024.
    std::string new_placements() const {
        std::string out = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                          "old_la_code,la_name,new_la_code,characteristic,breakdown,children_count,children_percent\n";
        for (int y = last_; y >= first_; --y) {
            each_area(y, [&](const std::string& prefix, const Counts& c, bool la) {
                group(out, prefix, "Location of new placements during the year", kDistanceLabels, c.distance,
                      c.new_placements, la, "Total new placements");
            });
        }
        return out;
    }

    // The OC2 outcomes, in the scheme from 2024 (characteristic, breakdown, children_count,
    // children_percent): each group with its total, percentages of the total (SDQ bands of the
    // scores received, interventions of those identified).
    std::string health() const {
        std::string out = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                          "old_la_code,la_name,new_la_code,characteristic,breakdown,children_count,children_percent\n";
        for (int y = last_; y >= first_; --y) {
            each_area(y, [&](const std::string& prefix, const Counts& c, bool la) {
                auto get = [&](const char* key) { return static_cast<long>(c.more.count(key) ? c.more.at(key) : 0); };
                struct Item {
                    const char* label;
                    const char* key;
                    const char* of;  // the percentage's base
                };
                auto block = [&](const char* group, const std::vector<Item>& items, const char* total_label, const char* total_key) {
                    std::vector<long> counts;
                    for (const Item& i : items) counts.push_back(get(i.key));
                    counts.push_back(get(total_key));
                    // A group of one figure and its total: the total gives nothing away.
                    std::vector<bool> hide = la ? hidden_counts(counts) : std::vector<bool>(counts.size(), false);
                    if (items.size() == 1) hide.back() = la && counts.back() >= 1 && counts.back() <= 5;
                    for (std::size_t i = 0; i < items.size(); ++i)
                        out += prefix + group + ',' + csv_quoted(items[i].label) + ',' + shown(counts[i], hide[i], la) + ',' +
                               percent_text(counts[i], get(items[i].of), hide[i]) + '\n';
                    out += prefix + group + ',' + total_label + ',' + shown(counts.back(), hide.back(), la) + ',' +
                           (hide.back() ? "c" : counts.back() ? "100" : "z") + '\n';
                };
                block("Health assessments: Children looked after all ages",
                      {{"Had their annual health assessment", "oc2_health_assessment", "oc2_cohort"},
                       {"Had their immunisations up to date", "oc2_immunisations", "oc2_cohort"},
                       {"Had their teeth checked by a dentist", "oc2_teeth_check", "oc2_cohort"}},
                      "Total all ages", "oc2_cohort");
                block("Development assessments: Children looked after ages 0 to 4 years",
                      {{"Development assessments up to date", "oc2_development_assessment", "oc2_cohort_0_to_4"}},
                      "Total ages 0 to 4 years", "oc2_cohort_0_to_4");
                block("Ages 5 to 16 years with SDQ score",
                      {{"SDQ score was received", "oc2_sdq_received", "oc2_cohort_5_to_16"},
                       {"SDQ score is normal", "oc2_sdq_by_band:normal", "oc2_sdq_received"},
                       {"SDQ score is borderline", "oc2_sdq_by_band:borderline", "oc2_sdq_received"},
                       {"SDQ score is a cause for concern", "oc2_sdq_by_band:concern", "oc2_sdq_received"}},
                      "Total ages 5 to 16 years", "oc2_cohort_5_to_16");
                const long received = get("oc2_sdq_received");
                const bool hide_average = la && received >= 1 && received <= 5;
                char average[32] = "x";
                if (!hide_average && received > 0) std::snprintf(average, sizeof average, "%.1f", c.more.at("oc2_sdq_total") / static_cast<double>(received));
                out += prefix + "Ages 5 to 16 years with SDQ score,SDQ average score," + (hide_average ? "c" : average) + ",z\n";
                block("Convictions: Children looked after Ages 10 to 17 years",
                      {{"Convicted or subject to youth cautions, or youth conditional cautions during the year", "oc2_convicted",
                        "oc2_cohort_10_to_17"}},
                      "Total ages 10 to 17 years", "oc2_cohort_10_to_17");
                block("Substance misuse: Children looked after all ages",
                      {{"Identified as having a substance misuse problem", "oc2_substance_misuse", "oc2_cohort"},
                       {"Received an intervention for their substance misuse problem", "oc2_intervention_received",
                        "oc2_substance_misuse"},
                       {"Offered intervention but refused it", "oc2_intervention_refused", "oc2_substance_misuse"}},
                      "Total all ages", "oc2_cohort");
            });
        }
        return out;
    }

    // Care leavers by activity, or by whether their accommodation is suitable, for each age group
    // (care_leaver_age, breakdown, care_leaver_count, care_leaver_percent).
    std::string care_leavers(bool activity) const {
        std::string out = std::string(activity ? "\xEF\xBB\xBF" : "") +
                          "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                          "old_la_code,la_name,new_la_code,care_leaver_age,breakdown,care_leaver_count,care_leaver_percent\n";
        for (int y = last_; y >= first_; --y) {
            each_area(y, [&](const std::string& prefix, const Counts& c, bool la) {
                for (const char* age : {"17_to_18", "19_to_21"}) {
                    const std::string g = std::string("care_leavers_") + age;
                    const std::string age_label = std::string(age) == "17_to_18" ? "17 to 18 years," : "19 to 21 years,";
                    auto get = [&](const std::string& key) { return static_cast<long>(c.more.count(key) ? c.more.at(key) : 0); };
                    std::vector<std::pair<std::string, long>> rows;
                    long total = 0;
                    if (activity) {
                        const std::pair<const char*, const char*> labels[] = {
                            {"Higher education i.e. studies beyond A level", "higher_education"},
                            {"Education other than higher education", "other_education"},
                            {"In an apprenticeship", "apprenticeship"},
                            {"In training or employment (excl. apprenticeship)", "training_or_employment"},
                            {"Not in education, training or employment, owing to illness or disability", "neet_illness_or_disability"},
                            {"Not in education, training or employment, owing to other reasons", "neet_other"},
                            {"Not in education, training or employment, owing to pregnancy or parenting", "neet_pregnancy_or_parenting"}};
                        long eet = 0, neet = 0;
                        for (const auto& [label, code] : labels) {
                            const long n = get(g + "_by_activity:" + code);
                            rows.push_back({label, n});
                            (std::string_view(code).starts_with("neet") ? neet : eet) += n;
                        }
                        const long not_known = get(g + "_by_activity:not_known");
                        rows.push_back({"Total in education, employment or training", eet});
                        rows.push_back({"Total not in education, employment or training", neet});
                        rows.push_back({"Total information not known", not_known});
                        total = eet + neet + not_known;
                    } else {
                        const std::pair<const char*, const char*> labels[] = {
                            {"Accommodation considered suitable", "suitable"},
                            {"Accommodation considered unsuitable", "unsuitable"},
                            {"No information", "no_information"}};
                        for (const auto& [label, code] : labels) {
                            rows.push_back({label, get(g + "_by_suitability:" + code)});
                            total += rows.back().second;
                        }
                    }
                    std::vector<long> counts;
                    for (const auto& r : rows) counts.push_back(r.second);
                    counts.push_back(total);
                    const std::vector<bool> hide = la ? hidden_counts(counts) : std::vector<bool>(counts.size(), false);
                    for (std::size_t i = 0; i < rows.size(); ++i)
                        out += prefix + age_label + csv_quoted(rows[i].first) + ',' + shown(rows[i].second, hide[i], la) + ',' +
                               percent_text(rows[i].second, total, hide[i] || hide.back()) + '\n';
                    if (activity) out += prefix + age_label + "In training or employment,z,z\n";
                    out += prefix + age_label + (activity ? "Total," : "Suitability total,") + shown(total, hide.back(), la) +
                           ',' + (hide.back() ? "c" : total ? "100" : "z") + '\n';
                }
            });
        }
        return out;
    }

    // Missing and away incidents: one value per group (CLA_group, number), in the scheme to 2023.
    std::string missing() const {
        std::string out = "\xEF\xBB\xBFtime_period,time_identifier,geographic_level,country_code,country_name,region_code,"
                          "region_name,old_la_code,la_name,new_la_code,CLA_group,number\n";
        for (int y = last_; y >= first_; --y) {
            each_area(y, [&](const std::string& prefix, const Counts& c, bool la) {
                auto get = [&](const char* key) { return static_cast<long>(c.more.count(key) ? c.more.at(key) : 0); };
                const long during = get("looked_after_during");
                for (const bool away : {false, true}) {
                    const long children = get(away ? "away_children" : "missing_children");
                    const long incidents = get(away ? "away_incidents" : "missing_incidents");
                    const bool hide = la && children >= 1 && children <= 5;
                    char average[32] = "z";
                    if (!hide && children > 0) std::snprintf(average, sizeof average, "%.1f", static_cast<double>(incidents) / static_cast<double>(children));
                    const std::string what = away ? "away from placement without authorisation" : "missing";
                    out += prefix + (away ? "Children who were away from placement without authorisation during the year,"
                                          : "Children who had a missing incident during the year,") +
                           shown(children, hide, la) + '\n';
                    out += prefix + (away ? "Percentage of children who were away from placement without authorisation during the year,"
                                          : "Percentage of children who had a missing incident during the year,") +
                           percent_text(children, during, hide) + '\n';
                    out += prefix + "Number of " + what + " incidents during the year," +
                           shown(incidents, hide || (la && incidents >= 1 && incidents <= 5), la) + '\n';
                    out += prefix + (away ? "Average number of away from placement without authorisation incidents per looked after child,"
                                          : "Average number of missing incidents per looked after child who went missing,") +
                           (hide ? std::string("c") : std::string(average)) + '\n';
                }
                out += prefix + "Children looked after during the year," + shown(during, la && during >= 1 && during <= 5, la) + '\n';
            });
        }
        return out;
    }

    // Social worker changes, for the years the returns give sw_episodes (the DfE's file is one year).
    std::string social_workers() const {
        std::string out = "\xEF\xBB\xBFtime_period,time_identifier,geographic_level,country_code,country_name,region_code,"
                          "region_name,old_la_code,la_name,new_la_code,cla_group,sw_stability,number,percentage\n";
        for (int y = last_; y >= first_; --y) {
            if (!england_.years.at(y).more.count("sw_3_or_more")) continue;
            each_area(y, [&](const std::string& prefix, const Counts& c, bool la) {
                const long three = static_cast<long>(c.more.count("sw_3_or_more") ? c.more.at("sw_3_or_more") : 0);
                const std::vector<bool> hide = la ? hidden_counts({c.looked_after, three}) : std::vector<bool>{false, false};
                out += prefix + "CLA on 31 March,Total children," + shown(c.looked_after, hide[0], la) + "," +
                       (hide[0] ? "c" : "100") + '\n';
                out += prefix + "CLA on 31 March,3 or more social workers during the year," + shown(three, hide[1], la) + "," +
                       percent_text(three, c.looked_after, hide[0] || hide[1]) + '\n';
            });
        }
        return out;
    }

    // The ONS mid-year estimates of children aged 0 to 17, unrounded: mid-2023 is the population
    // of 2023-24, and the latest (mid-year of the last published year) that of the year the DfE
    // has not yet published, a little above the year before's. The ONS columns put new_la_code
    // before la_name.
    std::string population() const {
        std::string out = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                          "old_la_code,new_la_code,la_name,age_group,population_estimate\n";
        auto of = [&](const Area& a, int y) {
            return y > last_ ? a.years.at(last_).population * 1004 / 1000 : a.years.at(y).population;
        };
        for (int y = last_ + 1; y >= first_; --y) {
            const std::string start = std::to_string(y - 1) + ",Reporting year,";
            const std::string ages = "Children aged 0 to 17 years,";
            out += start + "National,E92000001,England (fictional),,,,,," + ages + std::to_string(of(england_, y)) + '\n';
            for (const Area& r : regions_)
                out += start + "Regional,E92000001,England (fictional)," + r.code + ',' + csv_quoted(r.name) + ",,,," + ages +
                       std::to_string(of(r, y)) + '\n';
            for (std::size_t r = 0; r < std::size(kRegions); ++r)
                for (const Area& la : las_)
                    if (la.region == static_cast<int>(r))
                        out += start + "Local authority,E92000001,England (fictional)," + kRegions[r].code + ',' +
                               csv_quoted(kRegions[r].name) + ',' + la.old_code + ',' + la.code + ',' + csv_quoted(la.name) + ',' +
                               ages + std::to_string(of(la, y)) + '\n';
        }
        return out;
    }

private:
    static inline const std::vector<std::string> kNeedLabels{
        "N1. Abuse or neglect", "N2. Child's disability", "N3. Parental illness or disability", "N4. Family acute stress",
        "N5. Family dysfunction", "N6. Socially unacceptable behaviour", "N7. Low income", "N8. Absent parenting"};
    static inline const std::vector<std::string> kLegalLabels{
        "Interim care order", "Full care order", "", "Placement order granted", "Voluntary agreement under S20",
        "Police protection in LA accommodation", "Emergency protection order",
        "Child assessment order and in LA accommodation", "Remand", "LA accommodation under PACE 1989",
        "Sentenced to youth rehabilitation order"};
    static inline const std::vector<std::string> kReasonLabels{
        "Adopted",
        "Left care to live with parents, relatives or other person with no parental responsibility",
        "Accommodation on remand ended",
        "Age assessment determined child aged 18 or over",
        "Child moved abroad",
        "Aged 18 (or over) and remained with current carers",
        "Died",
        "Care taken by another local authority",
        "Residence order or child arrangement order granted",
        "Special guardianship orders",
        "Returned home to live with parents or other person with parental responsibility which was part of the care planning process",
        "Returned home to live with parents or other person with parental responsibility which was not part of the care planning process",
        "Moved into independent living (with supportive accommodation)",
        "Moved into independent living (with no formalised support)",
        "Transferred to residential care funded by adult social services",
        "Care ceased for any other reason",
        "Sentenced to custody"};
    static inline const std::vector<std::string> kDistanceLabels{
        "Placed inside LA boundary less than 20 miles from home", "Placed inside LA boundary more than 20 miles from home",
        "Placed outside LA boundary less than 20 miles from home", "Placed outside LA boundary more than 20 miles from home",
        "Distance not known or not recorded"};

    // A breakdown and its total, suppressed at LA level as the DfE does, percentages of the total.
    static void group(std::string& out, const std::string& prefix, const std::string& name,
                      const std::vector<std::string>& labels, const std::vector<long>& counts, long total, bool la,
                      const std::string& total_label = "Total") {
        std::vector<long> all(counts);
        all.push_back(total);
        const std::vector<bool> hide = la ? hidden_counts(all) : std::vector<bool>(all.size(), false);
        auto count = [&](std::size_t i) { return hide[i] ? std::string("c") : std::to_string(la ? all[i] : round10(all[i])); };
        for (std::size_t i = 0; i < counts.size(); ++i) {
            if (labels[i].empty()) continue;  // a code the DfE does not publish on its own
            out += prefix + name + ',' + csv_quoted(labels[i]) + ',' + count(i) + ',' +
                   percent_text(counts[i], total, hide[i] || hide.back()) + '\n';
        }
        out += prefix + name + ',' + total_label + ',' + count(counts.size()) + ',' + (hide.back() ? "c" : "100") + '\n';
    }

    Area sum_of(int region) const {
        Area sum;
        for (const Area& la : las_) {
            if (region >= 0 && la.region != region) continue;
            for (const auto& [y, c] : la.years) {
                Counts& s = sum.years[y];
                s.population += c.population;
                s.looked_after += c.looked_after;
                s.started += c.started;
                s.ceased += c.ceased;
                s.three_plus += c.three_plus;
                s.new_placements += c.new_placements;
                auto add = [](std::vector<long>& to, const std::vector<long>& from) {
                    to.resize(from.size(), 0);
                    for (std::size_t i = 0; i < from.size(); ++i) to[i] += from[i];
                };
                add(s.need, c.need);
                add(s.legal, c.legal);
                add(s.reason, c.reason);
                add(s.distance, c.distance);
                for (const auto& [key, v] : c.more) s.more[key] += v;
            }
        }
        return sum;
    }

    template <class F>
    void each_area(int year, F&& f) const {
        const std::string start = std::to_string(year) + ",Reporting year,";
        f(start + "National,E92000001,England (fictional),,,,,,", england_.years.at(year), false);
        for (const Area& r : regions_)
            f(start + "Regional,E92000001,England (fictional)," + r.code + ',' + csv_quoted(r.name) + ",,,,", r.years.at(year), false);
        for (std::size_t r = 0; r < std::size(kRegions); ++r)
            for (const Area& la : las_)
                if (la.region == static_cast<int>(r))
                    f(start + "Local authority,E92000001,England (fictional)," + kRegions[r].code + ',' +
                          csv_quoted(kRegions[r].name) + ',' + la.old_code + ',' + csv_quoted(la.name) + ',' + la.code + ',',
                      la.years.at(year), true);
    }

    const std::vector<Area>& las_;
    std::vector<Area> regions_;
    Area england_;
    int first_, last_;
};

// The other tables' figures the fictional files publish, as keys of Counts::more.
const std::vector<std::string>& other_table_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k{"oc2_cohort", "oc2_health_assessment", "oc2_immunisations", "oc2_teeth_check",
                                   "oc2_cohort_0_to_4", "oc2_development_assessment", "oc2_cohort_5_to_16",
                                   "oc2_sdq_received", "oc2_sdq_by_band:normal", "oc2_sdq_by_band:borderline",
                                   "oc2_sdq_by_band:concern", "oc2_sdq_average", "oc2_cohort_10_to_17", "oc2_convicted",
                                   "oc2_substance_misuse", "oc2_intervention_received", "oc2_intervention_refused",
                                   "looked_after_during", "missing_children", "missing_incidents", "away_children",
                                   "away_incidents", "sw_3_or_more"};
        for (const char* age : {"17_to_18", "19_to_21"}) {
            for (const codes::Code& c : codes::activity_groups())
                k.push_back(std::string("care_leavers_") + age + "_by_activity:" + std::string(c.code));
            for (const char* s : {"suitable", "unsuitable", "no_information"})
                k.push_back(std::string("care_leavers_") + age + "_by_suitability:" + s);
        }
        return k;
    }();
    return keys;
}

// Plausible other-table figures for a fictional authority with `looked_after` children on 31
// March (national-looking rates, each authority a little different).
std::map<std::string, double> fictional_other_tables(Rng& r, long looked_after, bool social_workers) {
    std::map<std::string, double> m;
    auto part = [&](double of, int low, int high) { return static_cast<double>(static_cast<long>(of) * r.range(low, high) / 100); };
    const double all = static_cast<double>(looked_after);
    const double cohort = part(all, 66, 74);
    m["oc2_cohort"] = cohort;
    m["oc2_health_assessment"] = part(cohort, 84, 97);
    m["oc2_immunisations"] = part(cohort, 74, 95);
    m["oc2_teeth_check"] = part(cohort, 68, 92);
    m["oc2_cohort_0_to_4"] = part(cohort, 9, 14);
    m["oc2_development_assessment"] = part(m["oc2_cohort_0_to_4"], 80, 98);
    m["oc2_cohort_5_to_16"] = part(cohort, 58, 66);
    const double received = part(m["oc2_cohort_5_to_16"], 60, 88);
    m["oc2_sdq_received"] = received;
    m["oc2_sdq_by_band:normal"] = part(received, 40, 50);
    m["oc2_sdq_by_band:borderline"] = part(received, 11, 15);
    m["oc2_sdq_by_band:concern"] = received - m["oc2_sdq_by_band:normal"] - m["oc2_sdq_by_band:borderline"];
    m["oc2_sdq_total"] = received * r.range(135, 165) / 10.0;
    m["oc2_cohort_10_to_17"] = part(cohort, 50, 58);
    m["oc2_convicted"] = part(m["oc2_cohort_10_to_17"], 2, 8);
    m["oc2_substance_misuse"] = part(cohort, 1, 5);
    m["oc2_intervention_received"] = part(m["oc2_substance_misuse"], 35, 55);
    m["oc2_intervention_refused"] = part(m["oc2_substance_misuse"], 30, 45);
    const double during = part(all, 135, 150);
    m["looked_after_during"] = during;
    m["missing_children"] = part(during, 7, 14);
    m["missing_incidents"] = m["missing_children"] * r.range(40, 80) / 10;
    m["away_children"] = part(during, 1, 4);
    m["away_incidents"] = m["away_children"] * r.range(20, 40) / 10;
    if (social_workers) m["sw_3_or_more"] = part(all, 18, 35);
    // Care leavers: activity shares per cent in the order of codes::activity_groups().
    const std::pair<const char*, std::vector<int>> ages[] = {{"17_to_18", {3, 45, 3, 12, 5, 20, 2, 10}},
                                                             {"19_to_21", {10, 15, 3, 28, 9, 25, 5, 5}}};
    for (const auto& [age, shares] : ages) {
        const long leavers = static_cast<long>(part(all, std::string_view(age) == "17_to_18" ? 11 : 26,
                                                    std::string_view(age) == "17_to_18" ? 15 : 34));
        const std::vector<long> split = allocate(leavers, perturb(r, shares));
        std::size_t i = 0;
        for (const codes::Code& c : codes::activity_groups())
            m[std::string("care_leavers_") + age + "_by_activity:" + std::string(c.code)] = static_cast<double>(split[i++]);
        const std::vector<long> suitability = allocate(leavers, perturb(r, {88, 5, 5}));
        m[std::string("care_leavers_") + age + "_by_suitability:suitable"] = static_cast<double>(suitability[0]);
        m[std::string("care_leavers_") + age + "_by_suitability:unsuitable"] = static_cast<double>(suitability[1]);
        m[std::string("care_leavers_") + age + "_by_suitability:no_information"] = static_cast<double>(suitability[2]);
    }
    return m;
}

// The generated authority's counts for the years its returns cover, as careboard counts them.
std::map<int, Counts> own_counts(const SynthOptions& options, const std::vector<SynthFile>& returns, int first_year) {
    std::vector<ReturnText> texts;
    for (int year = first_year; year <= options.last_year; ++year) {
        ReturnText r;
        r.year = year;
        const std::string y = std::to_string(year);
        r.header_name = y + "/header.csv";
        r.episodes_name = y + "/episodes.csv";
        r.reviews_name = y + "/reviews.csv";
        r.xml_name = y + "/ssda903_" + y + ".xml";
        for (const SynthFile& f : returns) {
            if (f.path == r.header_name) r.header = f.content;
            if (f.path == r.episodes_name) r.episodes = f.content;
            if (f.path == r.reviews_name) r.reviews = f.content;
            if (f.path == r.xml_name) r.xml = f.content;
            for (std::size_t t = 0; t < kOtherTables; ++t) {
                const OtherTable table = static_cast<OtherTable>(t);
                if (f.path == y + "/" + std::string(other_table_name(table)) + ".csv")
                    r.others.push_back({table, f.path, f.content});
            }
        }
        texts.push_back(std::move(r));
    }
    Diagnostics ignored;
    const Dataset data = build_dataset(texts, ignored);
    std::vector<Quarter> window;
    for (Quarter q{first_year - 1, 1}; q <= Quarter{options.last_year - 1, 4}; q = q.next()) window.push_back(q);
    const MeasureSet set = compute_measures(data, window, kBenchmarkAuthorityCode);
    std::map<int, Counts> out;
    for (int year = first_year; year <= options.last_year; ++year) {
        const Date from = Date::from_ymd(year - 1, 4, 1), to = Date::from_ymd(year, 3, 31);
        const std::size_t q = static_cast<std::size_t>(std::find(window.begin(), window.end(), Quarter{year - 1, 4}) - window.begin());
        Counts c;
        c.looked_after = static_cast<long>(set.value("looked_after", q).value_or(0));
        c.three_plus = static_cast<long>(set.value("placements_3_or_more", q).value_or(0));
        c.started = count_started(data, from, to);
        c.ceased = count_ceased(data, from, to);
        c.new_placements = count_new_placements(data, from, to);
        const auto need = count_started_by(data, from, to, true);
        const auto legal = count_started_by(data, from, to, false);
        const auto reason = count_ceased_by_reason(data, from, to);
        auto by = [](const std::map<std::string, int>& counts, const std::string& measure) {
            std::vector<long> v;
            for (const std::string& category : benchmark_categories(measure)) {
                long n = 0;
                for (const auto& [code, k] : counts) {
                    const bool adopted = category == "adopted" && (code == "E11" || code == "E12");
                    const bool sgo = category == "special_guardianship" &&
                                     (code == "E43" || code == "E44" || code == "E45" || code == "E46" || code == "E47" || code == "E48");
                    if (code == category || adopted || sgo) n += k;
                }
                v.push_back(n);
            }
            return v;
        };
        c.need = by(need, "started_by_need");
        c.legal = by(legal, "started_by_legal_status");
        c.reason = by(reason, "ceased_by_reason");
        // The other tables' figures for the whole year, as careboard counts them.
        if (const std::optional<std::size_t> p = set.year_period_of(year - 1)) {
            for (const std::string& key : other_table_keys()) {
                const std::size_t colon = key.find(':');
                const Measure* m = set.find(key.substr(0, colon));
                if (!m) continue;
                if (const std::optional<double> v = m->value(colon == std::string::npos ? "Total" : key.substr(colon + 1), *p))
                    c.more[key] = *v;
            }
            if (c.more.count("oc2_sdq_average") && c.more.count("oc2_sdq_received"))
                c.more["oc2_sdq_total"] = c.more["oc2_sdq_average"] * c.more["oc2_sdq_received"];
            c.more.erase("oc2_sdq_average");
        }
        out[year] = std::move(c);
    }
    return out;
}

// The statistical neighbour model in the DfE's wide layout: the generated authority's ten
// neighbours are the ten drawn close to it (E06999901 to E06999910); the others' are the
// authorities next to them in the list.
std::string neighbour_model(const std::vector<Area>& las) {
    std::string out = "\xEF\xBB\xBFold_la_code,la_name,region_ind,region_name";
    for (int i = 1; i <= 10; ++i) out += ",SN_" + std::to_string(i) + ",SN_" + std::to_string(i) + "P";
    out += '\n';
    for (std::size_t a = 0; a < las.size(); ++a) {
        const Area& la = las[a];
        out += la.old_code + ',' + csv_quoted(la.name) + ',' + std::to_string(la.region + 1) + ',' + csv_quoted(kRegions[la.region].name);
        std::vector<std::string> near;
        if (la.old_code == kBenchmarkAuthorityOldCode) {
            for (const Area& other : las)
                if (other.old_code != la.old_code && near.size() < static_cast<std::size_t>(kNeighbours)) near.push_back(other.old_code);
        } else {
            for (std::size_t step = 1; near.size() < 10 && step < las.size(); ++step)
                near.push_back(las[(a + step) % las.size()].old_code);
        }
        for (std::size_t i = 0; i < near.size(); ++i) out += ',' + near[i] + (i < 4 ? ",Very close" : ",Close ");
        for (std::size_t i = near.size(); i < 10; ++i) out += ",,";
        out += '\n';
    }
    return out;
}

}  // namespace

std::vector<SynthFile> generate_benchmark_files(const SynthOptions& options, const std::vector<SynthFile>& returns) {
    const int first_return = options.last_year - options.years + 1;
    const int last_published = options.last_year - 1;
    const int first_published = last_published - kPublishedYears + 1;
    std::map<int, Counts> own = own_counts(options, returns, first_return);
    Rng rng(stream_seed(options.seed, kBenchmarkStream, 0));

    // The authority: its own counts where its returns cover the year; before that, the first
    // covered year's figures a little higher each year back (a population that grew gently).
    const long latest_population = std::max(1000L, static_cast<long>(options.children) * 48200L / 500L);
    Area authority{kBenchmarkAuthorityCode, kBenchmarkAuthorityOldCode, "Northfield (fictional)", kAuthorityRegion, {}};
    const int first_own = own.empty() ? last_published + 1 : own.begin()->first;
    for (int y = first_published; y <= last_published; ++y) {
        Counts c;
        if (own.count(y)) {
            c = own.at(y);
        } else {
            const Counts& base = own.count(first_own) ? own.at(first_own) : own.rbegin()->second;
            const long back = first_own - y;
            auto scale = [&](long v) { return v * (100 - 3 * back) / 100; };
            c.looked_after = scale(base.looked_after);
            c.started = scale(base.started);
            c.ceased = scale(base.ceased);
            c.three_plus = scale(base.three_plus);
            c.new_placements = scale(base.new_placements);
            c.need = allocate(c.started, kNeedShares);
            c.legal = allocate(c.started, kLegalShares);
            c.reason = allocate(c.ceased, kReasonShares);
            // The other tables alike, but social workers: sw_episodes begins with a later return.
            for (const auto& [key, v] : base.more)
                if (key != "sw_3_or_more") c.more[key] = key == "oc2_sdq_total" ? v * static_cast<double>(100 - 3 * back) / 100.0 : static_cast<double>(scale(static_cast<long>(v)));
        }
        c.population = latest_population * (1000 - 4 * (last_published - y)) / 1000;
        // Distance from home is not in the 903 export careboard reads: fictional, summing to the count.
        c.distance = allocate(c.new_placements, perturb(rng, kDistanceShares));
        authority.years[y] = std::move(c);
    }
    const long authority_rate = ratio(authority.years.at(last_published).looked_after * 100000,
                                      authority.years.at(last_published).population);  // tenths per 10,000

    std::vector<Area> las;
    if (options.ees_authorities < 11 || options.ees_authorities > 900)
        throw std::invalid_argument("--ees-authorities must be from 11 (the authority and its ten statistical neighbours) to 900");
    const int others = options.ees_authorities - 1;
    for (int i = 0; i < others; ++i) {
        Rng r(stream_seed(options.seed, kBenchmarkStream, static_cast<std::uint64_t>(i) + 1));
        Area la;
        char code[16];
        // The first ones as the demo's files name them; more, past the names above, by number.
        if (i < kOthers) {
            std::snprintf(code, sizeof code, "E06999%03d", 901 + i);
            la.old_code = std::to_string(950 + i);
            la.name = std::string(kNames[i]) + " (fictional)";
        } else {
            const int n = i - kOthers;
            std::snprintf(code, sizeof code, "E06998%03d", n);
            la.old_code = std::to_string(100 + n);
            if (n >= 850) {  // 100 to 949, then 000 up: every one 3 digits, none the demo's 950 to 999
                char old[8];
                std::snprintf(old, sizeof old, "%03d", n - 850);
                la.old_code = old;
            }
            la.name = std::string(kNames[n % kOthers]) + " " + std::to_string(n / kOthers + 2) + " (fictional)";
        }
        la.code = code;
        la.region = i % 3;
        const long population = r.range(25000, 240000);
        const long rate = i < kNeighbours ? authority_rate * r.range(75, 125) / 100 : r.range(350, 1300);
        const int drift = r.range(-4, 4);
        const std::vector<int> need = perturb(r, kNeedShares), legal = perturb(r, kLegalShares),
                               reason = perturb(r, kReasonShares), distance = perturb(r, kDistanceShares);
        const int starts = r.range(28, 50), ceases = r.range(85, 110), moves = r.range(5, 14), placements = r.range(30, 60);
        for (int y = first_published; y <= last_published; ++y) {
            Counts c;
            c.population = population * (1000 + 5 * (y - first_published)) / 1000;
            const long year_rate = rate * (100 + drift * (y - first_published)) / 100;
            c.looked_after = c.population * year_rate / 100000;
            c.started = c.looked_after * (starts + r.range(-3, 3)) / 100;
            c.ceased = c.started * (ceases + r.range(-5, 5)) / 100;
            c.three_plus = c.looked_after * moves / 100;
            c.new_placements = c.looked_after * placements / 100;
            c.need = allocate(c.started, need);
            c.legal = allocate(c.started, legal);
            c.reason = allocate(c.ceased, reason);
            c.distance = allocate(c.new_placements, distance);
            // A stream of its own, so that the figures above are as they were before these.
            Rng other(stream_seed(options.seed, kOtherTablesStream, static_cast<std::uint64_t>(i * 100 + (y - first_published))));
            const bool social_workers = authority.years.at(y).more.count("sw_3_or_more") > 0;
            c.more = fictional_other_tables(other, c.looked_after, social_workers);
            la.years[y] = std::move(c);
        }
        las.push_back(std::move(la));
    }
    las.insert(las.begin() + 1, std::move(authority));

    const Writer w(las, first_published, last_published);
    std::vector<SynthFile> files{{"ees/cla_number_and_rate_per_10k_children.csv", w.rates()},
                                 {"ees/la_cla_who_started_to_be_looked_after.csv", w.breakdowns(true)},
                                 {"ees/la_children_who_ceased_during_the_year.csv", w.breakdowns(false)},
                                 {"ees/la_cla_placement_stability.csv", w.stability()},
                                 {"ees/la_cla_during_year_new_placements.csv", w.new_placements()},
                                 {"ees/la_conviction_health_outcome_cla.csv", w.health()},
                                 {"ees/la_care_leavers_activity.csv", w.care_leavers(true)},
                                 {"ees/la_care_leavers_accommodation_suitability.csv", w.care_leavers(false)},
                                 {"ees/la_children_who_were_missing_or_away.csv", w.missing()}};
    const std::string workers = w.social_workers();
    if (workers.find('\n') + 1 < workers.size()) files.push_back({"ees/la_cla_swcount.csv", workers});
    files.push_back({"ees/ons_mid-year_population_estimates.csv", w.population()});
    files.push_back({"ees/sn_model_wide.csv", neighbour_model(las)});
    return files;
}

}  // namespace careboard::synth
