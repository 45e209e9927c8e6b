// Properties of the synthetic SSDA903 returns, each recomputed here from the CSV text alone
// (own CSV split, own date arithmetic), never from the generator's internals.
#include "synth/synth.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using careboard::synth::generate;
using careboard::synth::SynthFile;
using careboard::synth::SynthOptions;

// ---------------------------------------------------------------- dates

int civil_days(int y, int m, int d) {
    // Days since 1970-01-01, by counting years and months (deliberately not the generator's method).
    auto leap = [](int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); };
    static constexpr int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int days = 0;
    for (int year = 1970; year < y; ++year) days += leap(year) ? 366 : 365;
    for (int year = y; year < 1970; ++year) days -= leap(year) ? 366 : 365;
    for (int month = 1; month < m; ++month) days += kMonth[month - 1] + (month == 2 && leap(y) ? 1 : 0);
    return days + d - 1;
}

int month_length(int y, int m) {
    return civil_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - civil_days(y, m, 1);
}

struct Date {
    int y;
    int m;
    int d;
    int days;
};

std::optional<Date> parse_date(const std::string& s) {
    if (s.size() != 10 || s[2] != '/' || s[5] != '/') return std::nullopt;
    for (std::size_t i : {0U, 1U, 3U, 4U, 6U, 7U, 8U, 9U}) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    }
    const int d = std::stoi(s.substr(0, 2));
    const int m = std::stoi(s.substr(3, 2));
    const int y = std::stoi(s.substr(6, 4));
    if (m < 1 || m > 12 || d < 1 || d > month_length(y, m)) return std::nullopt;
    return Date{y, m, d, civil_days(y, m, d)};
}

int days_of(const std::string& s) {
    const auto date = parse_date(s);
    if (!date) throw std::runtime_error("bad date: " + s);
    return date->days;
}

bool weekend(int days) {
    const int w = ((days % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
    return w == 0 || w == 6;
}

int nth_weekday_after(int day, int n) {
    while (n > 0) {
        ++day;
        if (!weekend(day)) --n;
    }
    return day;
}

int plus_months(int days, int months) {
    int y = 1970;
    while (civil_days(y + 1, 1, 1) <= days) ++y;
    while (civil_days(y, 1, 1) > days) --y;
    int m = 1;
    while (m < 12 && civil_days(y, m + 1, 1) <= days) ++m;
    const int d = days - civil_days(y, m, 1) + 1;
    int index = y * 12 + m - 1 + months;
    const int ny = index / 12;
    const int nm = index % 12 + 1;
    return civil_days(ny, nm, std::min(d, month_length(ny, nm)));
}

// ---------------------------------------------------------------- CSV

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;

    std::size_t col(std::string_view name) const {
        const auto it = std::find(columns.begin(), columns.end(), name);
        if (it == columns.end()) throw std::runtime_error("no column " + std::string(name));
        return static_cast<std::size_t>(it - columns.begin());
    }
};

std::vector<std::string> split(std::string_view line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        const std::size_t length = comma == std::string_view::npos ? std::string_view::npos : comma - start;
        cells.emplace_back(line.substr(start, length));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return cells;
}

Table parse_csv(std::string_view text) {
    Table t;
    std::size_t start = 0;
    bool first = true;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string_view line = text.substr(start, end - start);
        if (first) {
            t.columns = split(line);
            first = false;
        } else {
            t.rows.push_back(split(line));
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return t;
}

// ---------------------------------------------------------------- generated samples

struct Return {
    int year = 0;
    Table header;
    Table episodes;
    Table reviews;
};

struct Sample {
    SynthOptions options;
    std::vector<SynthFile> files;
    std::vector<Return> returns;  // oldest first
};

const Sample& sample(int children) {
    static std::map<int, Sample> cache;
    auto it = cache.find(children);
    if (it != cache.end()) return it->second;
    Sample s;
    s.options.children = children;
    s.files = generate(s.options);
    for (std::size_t i = 0; i + 2 < s.files.size(); i += 3) {
        Return r;
        r.year = std::stoi(s.files[i].path.substr(0, 4));
        r.header = parse_csv(s.files[i].content);
        r.episodes = parse_csv(s.files[i + 1].content);
        r.reviews = parse_csv(s.files[i + 2].content);
        s.returns.push_back(std::move(r));
    }
    return cache.emplace(children, std::move(s)).first->second;
}

bool short_break(const std::string& ls) { return ls == "V3" || ls == "V4"; }

// Episodes after stitching the returns: the latest return's row of each (CHILD, DECOM) wins.
struct Ep {
    std::string child;
    int start;
    std::optional<int> end;
    std::vector<std::string> row;
};

struct Stitched {
    std::map<std::string, std::vector<Ep>> episodes;  // by child, in DECOM order
    std::map<std::string, std::vector<int>> reviews;  // by child, in date order
    std::map<std::string, int> dob;
};

Stitched stitch(const Sample& s) {
    std::map<std::pair<std::string, int>, std::vector<std::string>> rows;
    std::set<std::pair<std::string, int>> review_keys;
    Stitched out;
    for (const Return& r : s.returns) {
        const std::size_t child = r.episodes.col("CHILD");
        const std::size_t decom = r.episodes.col("DECOM");
        for (const auto& row : r.episodes.rows) rows[{row[child], days_of(row[decom])}] = row;
        for (const auto& row : r.reviews.rows) review_keys.insert({row[0], days_of(row[2])});
        for (const auto& row : r.header.rows) out.dob[row[0]] = days_of(row[2]);
    }
    const Table& t = s.returns.back().episodes;
    const std::size_t dec = t.col("DEC");
    for (const auto& [key, row] : rows) {
        std::optional<int> end;
        if (!row[dec].empty()) end = days_of(row[dec]);
        out.episodes[key.first].push_back(Ep{key.first, key.second, end, row});
    }
    for (const auto& [child, day] : review_keys) out.reviews[child].push_back(day);
    return out;
}

// Children looked after on `day` (short breaks left out), with the episode that applies
// (pointers into `st`, which must outlive the result).
std::map<std::string, const Ep*> looked_after(const Stitched& st, int day) {
    std::map<std::string, const Ep*> open;
    for (const auto& [child, eps] : st.episodes) {
        for (const Ep& e : eps) {
            if (short_break(e.row[3])) continue;
            if (e.start <= day && (!e.end || *e.end > day)) open[child] = &e;
        }
    }
    return open;
}

int count_looked_after_at_last_march(int children) {
    const Sample& s = sample(children);
    const Stitched st = stitch(s);
    return static_cast<int>(looked_after(st, civil_days(s.options.last_year, 3, 31)).size());
}

double share(std::size_t part, std::size_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

const std::set<std::string> kLs = {"C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"};
const std::set<std::string> kPlace = {"U1", "U2", "U3", "U4", "U5", "U6", "A3", "A4", "A5", "A6", "P1", "P2",
                                      "P3", "K1", "K2", "K3", "H5", "R1", "R2", "R3", "R5", "S1", "T0", "T1",
                                      "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"};
const std::set<std::string> kProvider = {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"};
const std::set<std::string> kCin = {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"};
const std::set<std::string> kRne = {"S", "L", "P", "T", "B", "U"};
const std::set<std::string> kRec = {"X1",  "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41",
                                    "E45", "E46", "E47", "E48", "E4A", "E4B", "E5", "E6",  "E7", "E8", "E9"};
const std::set<std::string> kRpc = {"CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB",
                                    "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER"};
const std::set<std::string> kPn = {"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"};
const std::set<std::string> kEthnic = {"WBRI", "WIRI", "WIRT", "WROM", "WOTH", "MWBC", "MWBA",
                                       "MWAS", "MOTH", "AIND", "APKN", "ABAN", "CHNE", "AOTH",
                                       "BCRB", "BAFR", "BOTH", "OOTH", "REFU", "NOBT"};

bool is_postcode(const std::string& s) {
    return s.size() == 3 && (s.rfind("NF", 0) == 0 || s.rfind("ZZ", 0) == 0) && s[2] >= '1' && s[2] <= '9';
}

bool all_digits(const std::string& s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

}  // namespace

TEST(Synth, SameSeedGivesIdenticalBytesAndOtherSeedsDiffer) {
    SynthOptions a;
    a.children = 300;
    a.seed = 42;
    const auto first = generate(a);
    const auto second = generate(a);
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].path, second[i].path);
        EXPECT_TRUE(first[i].content == second[i].content) << first[i].path;
    }
    SynthOptions b = a;
    b.seed = 43;
    const auto other = generate(b);
    ASSERT_EQ(other.size(), first.size());
    EXPECT_NE(other[1].content, first[1].content);
    EXPECT_NE(other.back().content, first.back().content);
}

TEST(Synth, WritesTheFilesAndHeadersOfEachReturn) {
    const Sample& s = sample(500);
    ASSERT_EQ(s.files.size(), 12U);
    const char* const kinds[] = {"header.csv", "episodes.csv", "reviews.csv"};
    const char* const columns[] = {
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
        "CHILD,DOB,REVIEW,REVIEW_CODE"};
    for (int year = 2022; year <= 2025; ++year) {
        for (std::size_t k = 0; k < 3; ++k) {
            const SynthFile& f = s.files[static_cast<std::size_t>(year - 2022) * 3 + k];
            EXPECT_EQ(f.path, std::to_string(year) + "/" + kinds[k]);
            ASSERT_FALSE(f.content.empty());
            EXPECT_EQ(f.content.substr(0, f.content.find('\n')), columns[k]);
            EXPECT_EQ(f.content.back(), '\n');
            EXPECT_EQ(f.content.find('\r'), std::string::npos) << f.path;
            EXPECT_NE(static_cast<unsigned char>(f.content[0]), 0xEFU) << "BOM in " << f.path;
            const Table t = parse_csv(f.content);
            EXPECT_GT(t.rows.size(), 10U) << f.path;
            for (const auto& row : t.rows) ASSERT_EQ(row.size(), t.columns.size()) << f.path;
        }
    }
    SynthOptions old;
    old.years = 2;
    old.last_year = 2010;
    old.children = 50;
    const auto files = generate(old);
    ASSERT_EQ(files.size(), 6U);
    EXPECT_EQ(files[0].path, "2009/header.csv");
    EXPECT_EQ(files[5].path, "2010/reviews.csv");
}

TEST(Synth, DatesParseAndLieInTheirCollectionYear) {
    const Sample& s = sample(500);
    for (const Return& r : s.returns) {
        const int from = civil_days(r.year - 1, 4, 1);
        const int to = civil_days(r.year, 3, 31);
        for (const auto& row : r.header.rows) {
            const auto dob = parse_date(row[2]);
            ASSERT_TRUE(dob) << row[2];
            EXPECT_EQ(dob->d, 1) << "DOB not anonymised to the 1st: " << row[2];
            EXPECT_LE(dob->days, to);
        }
        const Table& e = r.episodes;
        for (const auto& row : e.rows) {
            const auto decom = parse_date(row[e.col("DECOM")]);
            ASSERT_TRUE(decom) << row[1];
            EXPECT_LE(decom->days, to);
            const std::string& dec_text = row[e.col("DEC")];
            EXPECT_EQ(dec_text.empty(), row[e.col("REC")].empty());
            if (dec_text.empty()) continue;
            const auto dec = parse_date(dec_text);
            ASSERT_TRUE(dec) << dec_text;
            EXPECT_GT(dec->days, decom->days) << row[0];
            EXPECT_GE(dec->days, from);
            EXPECT_LE(dec->days, to);
        }
        for (const auto& row : r.reviews.rows) {
            const auto review = parse_date(row[2]);
            ASSERT_TRUE(review && parse_date(row[1])) << row[2];
            EXPECT_GE(review->days, from);
            EXPECT_LE(review->days, to);
            EXPECT_FALSE(weekend(review->days)) << row[2];
        }
    }
}

TEST(Synth, EpisodesAreSortedAndChainWithoutOverlap) {
    const Sample& s = sample(500);
    for (const Return& r : s.returns) {
        const Table& e = r.episodes;
        const std::size_t child = e.col("CHILD"), decom = e.col("DECOM"), dec = e.col("DEC"), rec = e.col("REC"),
                          rne = e.col("RNE");
        for (std::size_t i = 1; i < e.rows.size(); ++i) {
            const auto& a = e.rows[i - 1];
            const auto& b = e.rows[i];
            ASSERT_LE(a[child], b[child]) << r.year;
            if (a[child] != b[child]) continue;
            ASSERT_LT(days_of(a[decom]), days_of(b[decom])) << a[child];
            // Only the child's last episode in a return may still be open.
            ASSERT_FALSE(a[dec].empty()) << a[child] << " " << r.year;
            const int a_end = days_of(a[dec]);
            const int b_start = days_of(b[decom]);
            EXPECT_LE(a_end, b_start) << "overlap " << a[child];
            if (a[rec] == "X1") {
                EXPECT_EQ(a_end, b_start) << "X1 chain broken " << a[child];
                EXPECT_NE(b[rne], "S") << a[child];
            } else {
                EXPECT_LT(a_end, b_start) << "ceased and restarted the same day " << a[child];
                EXPECT_EQ(b[rne], "S") << "new period without RNE S " << a[child];
            }
        }
    }
}

TEST(Synth, HeadersReviewsAndEpisodesDescribeTheSameChildren) {
    const Sample& s = sample(500);
    for (const Return& r : s.returns) {
        std::map<std::string, std::string> dob;
        for (const auto& row : r.header.rows) {
            EXPECT_TRUE(all_digits(row[0], 8)) << row[0];
            EXPECT_TRUE(dob.emplace(row[0], row[2]).second) << "repeated header row " << row[0];
            if (r.year <= 2024) {
                EXPECT_TRUE(row[1] == "1" || row[1] == "2") << row[1];
            } else {
                EXPECT_TRUE(row[1] == "M" || row[1] == "F") << row[1];
            }
            EXPECT_TRUE(kEthnic.count(row[3])) << row[3];
            EXPECT_TRUE(row[4].empty() && row[5].empty() && row[6].empty());
        }
        std::set<std::string> with_episodes;
        for (const auto& row : r.episodes.rows) with_episodes.insert(row[0]);
        EXPECT_EQ(with_episodes.size(), dob.size());
        for (const auto& id : with_episodes) EXPECT_TRUE(dob.count(id)) << id;
        for (const auto& row : r.reviews.rows) {
            ASSERT_TRUE(dob.count(row[0])) << row[0];
            EXPECT_EQ(row[1], dob[row[0]]);
            EXPECT_TRUE(kPn.count(row[3])) << row[3];
        }
    }
}

TEST(Synth, CodesAreValidAndConsistent) {
    const Sample& s = sample(5000);
    const int supported_accommodation = civil_days(2023, 10, 28);
    std::size_t short_breaks = 0;
    for (const Return& r : s.returns) {
        const Table& e = r.episodes;
        std::map<std::string, std::set<std::string>> short_break_codes;
        for (const auto& row : e.rows) {
            const std::string& ls = row[e.col("LS")];
            const std::string& place = row[e.col("PLACE")];
            const std::string& rne = row[e.col("RNE")];
            EXPECT_TRUE(kLs.count(ls)) << ls;
            EXPECT_TRUE(kPlace.count(place)) << place;
            EXPECT_TRUE(kProvider.count(row[e.col("PLACE_PROVIDER")]));
            EXPECT_TRUE(kCin.count(row[e.col("CIN")]));
            EXPECT_TRUE(kRne.count(rne)) << rne;
            const std::string& rec = row[e.col("REC")];
            EXPECT_TRUE(rec.empty() || kRec.count(rec)) << rec;
            const std::string& rpc = row[e.col("REASON_PLACE_CHANGE")];
            if (rne == "P" || rne == "T" || rne == "B" || rne == "U") {
                EXPECT_TRUE(kRpc.count(rpc)) << rne << " without a reason: " << rpc;
            } else {
                EXPECT_TRUE(rpc.empty()) << rne << " with reason " << rpc;
            }
            EXPECT_TRUE(is_postcode(row[e.col("HOME_POST")])) << row[e.col("HOME_POST")];
            const std::string& pl_post = row[e.col("PL_POST")];
            const std::string& urn = row[e.col("URN")];
            if (short_break(ls)) {
                ++short_breaks;
                short_break_codes[row[0]].insert(ls);
                EXPECT_TRUE(pl_post.empty() && urn.empty());
                continue;
            }
            EXPECT_TRUE(is_postcode(pl_post) || (pl_post.empty() && place == "P1")) << place << " " << pl_post;
            const bool needs_urn = place == "K1" || place == "K2" || place == "R1";
            EXPECT_EQ(all_digits(urn, 7), needs_urn) << place << " URN " << urn;
            if (!needs_urn) {
                EXPECT_TRUE(urn.empty());
            }
            if (place == "P1") {
                EXPECT_EQ(row[e.col("PLACE_PROVIDER")], "PR0");
            }
            const int start = days_of(row[e.col("DECOM")]);
            if (place == "K3") {
                EXPECT_GE(start, supported_accommodation);
            }
            if (place == "H5" || place == "P2") {
                EXPECT_LT(start, supported_accommodation);
            }
        }
        // A child has single short breaks (V3) or a series (V4), not both in a year.
        for (const auto& [child, codes] : short_break_codes) EXPECT_EQ(codes.size(), 1U) << child;
    }
    EXPECT_GT(short_breaks, 0U);
}

TEST(Synth, LookedAfterOnTheLastDayIsNearTheTarget) {
    for (const int children : {500, 5000}) {
        const int n = count_looked_after_at_last_march(children);
        EXPECT_GE(n, children * 85 / 100) << children;
        EXPECT_LE(n, children * 115 / 100) << children;
    }
}

TEST(Synth, PopulationRisesGentlyOverTheReturns) {
    const Sample& s = sample(5000);
    const Stitched st = stitch(s);
    std::vector<std::size_t> counts;
    for (const Return& r : s.returns) counts.push_back(looked_after(st, civil_days(r.year, 3, 31)).size());
    EXPECT_GT(counts.back(), counts.front());
    for (std::size_t i = 1; i < counts.size(); ++i) {
        const double change = share(counts[i], counts[i - 1]);
        EXPECT_GT(change, 0.95);
        EXPECT_LT(change, 1.10);
    }
}

TEST(Synth, AnEpisodeInTwoReturnsOnlyGainsItsEnd) {
    const Sample& s = sample(500);
    std::map<std::pair<std::string, std::string>, std::pair<int, std::vector<std::string>>> seen;
    std::size_t repeated = 0;
    for (const Return& r : s.returns) {
        const Table& e = r.episodes;
        const std::size_t dec = e.col("DEC"), rec = e.col("REC");
        std::set<std::pair<std::string, std::string>> in_this;
        for (const auto& row : e.rows) {
            const auto key = std::make_pair(row[0], row[1]);
            in_this.insert(key);
            const auto it = seen.find(key);
            if (it != seen.end()) {
                ++repeated;
                const auto& before = it->second.second;
                for (std::size_t c = 0; c < row.size(); ++c) {
                    if (c == dec || c == rec) continue;
                    EXPECT_EQ(before[c], row[c]) << key.first << " " << key.second << " " << e.columns[c];
                }
                if (!before[dec].empty()) {
                    EXPECT_EQ(before[dec], row[dec]);
                    EXPECT_EQ(before[rec], row[rec]);
                }
            }
            seen[key] = {r.year, row};
        }
        // An episode still open at the end of one return is re-reported in the next one.
        for (const auto& [key, value] : seen) {
            if (value.first == r.year - 1 && value.second[dec].empty()) {
                EXPECT_TRUE(in_this.count(key)) << key.first;
            }
        }
    }
    EXPECT_GT(repeated, 100U);
}

TEST(Synth, LegalStatusAndPlacementMixesArePlausible) {
    const Sample& s = sample(5000);
    const Stitched st = stitch(s);  // `open` points into it
    const auto open = looked_after(st, civil_days(s.options.last_year, 3, 31));
    std::map<std::string, std::size_t> ls;
    std::size_t foster = 0, homes = 0;
    for (const auto& [child, e] : open) {
        ++ls[e->row[3]];
        foster += e->row[5][0] == 'U';
        homes += e->row[5] == "K2";
    }
    const std::size_t n = open.size();
    EXPECT_GT(share(ls["C2"], n), 0.45);
    EXPECT_LT(share(ls["C2"], n), 0.70);
    EXPECT_GT(share(ls["C1"], n), 0.05);
    EXPECT_GT(share(ls["E1"], n), 0.02);
    EXPECT_GT(share(ls["V2"], n), 0.08);
    EXPECT_LT(share(ls["V2"], n), 0.30);
    EXPECT_GT(share(foster, n), 0.60);
    EXPECT_LT(share(foster, n), 0.80);
    EXPECT_GT(share(homes, n), 0.06);
    EXPECT_LT(share(homes, n), 0.22);
}

TEST(Synth, EntriesExitsAndStabilityArePlausible) {
    const Sample& s = sample(5000);
    const Stitched st = stitch(s);
    const int from = civil_days(s.options.last_year - 3, 4, 1);
    const int to = civil_days(s.options.last_year, 3, 31);
    std::size_t starts = 0, infants = 0, abuse = 0, ceased = 0, home = 0, adopted = 0;
    for (const auto& [child, eps] : st.episodes) {
        for (const Ep& e : eps) {
            if (short_break(e.row[3])) continue;
            if (e.row[2] == "S" && e.start >= from && e.start <= to) {
                ++starts;
                infants += e.start - st.dob.at(child) < 365;
                abuse += e.row[4] == "N1";
            }
            const std::string& rec = e.row[8];
            if (e.end && *e.end >= from && !rec.empty() && rec != "X1") {
                ++ceased;
                home += rec == "E4A" || rec == "E4B";
                adopted += rec == "E11" || rec == "E12";
            }
        }
    }
    EXPECT_GT(share(infants, starts), 0.10);
    EXPECT_LT(share(infants, starts), 0.30);
    EXPECT_GT(share(abuse, starts), 0.50);
    EXPECT_LT(share(abuse, starts), 0.75);
    EXPECT_GT(share(home, ceased), 0.15);
    EXPECT_LT(share(home, ceased), 0.35);
    EXPECT_GT(share(adopted, ceased), 0.04);
    EXPECT_LT(share(adopted, ceased), 0.15);

    // DfE stability measure: placements (RNE S/P/T/B/U) open in the 12 months to the last 31 March.
    const auto open = looked_after(st, to);
    std::size_t three_or_more = 0;
    for (const auto& [child, e] : open) {
        int placements = 0;
        for (const Ep& x : st.episodes.at(child)) {
            const std::string& rne = x.row[2];
            const bool placement = rne == "S" || rne == "P" || rne == "T" || rne == "B" || rne == "U";
            if (placement && x.start <= to && (!x.end || *x.end > to - 365)) ++placements;
        }
        three_or_more += placements >= 3;
    }
    EXPECT_GT(share(three_or_more, open.size()), 0.04);
    EXPECT_LT(share(three_or_more, open.size()), 0.18);
}

TEST(Synth, SomeReviewsAreLateButMostAreOnTime) {
    const Sample& s = sample(5000);
    const Stitched st = stitch(s);
    const int window_start = civil_days(s.options.last_year - s.options.years, 4, 1);
    std::size_t first = 0, first_late = 0, later = 0, later_late = 0, under_four = 0, pn0 = 0;
    for (const auto& [child, eps] : st.episodes) {
        // Periods of care as careboard joins them; only periods starting inside the returns,
        // so that none of their reviews predate the data.
        std::vector<std::pair<int, std::optional<int>>> periods;
        std::vector<bool> observed;
        for (const Ep& e : eps) {
            if (short_break(e.row[3])) continue;
            if (!periods.empty() && (!periods.back().second || e.start <= *periods.back().second)) {
                periods.back().second = e.end;
            } else {
                periods.emplace_back(e.start, e.end);
                observed.push_back(e.row[2] == "S");
            }
        }
        const auto found = st.reviews.find(child);
        if (found == st.reviews.end()) continue;
        for (std::size_t p = 0; p < periods.size(); ++p) {
            if (!observed[p] || periods[p].first < window_start) continue;
            int held = 0;
            int previous = 0;
            for (const int day : found->second) {
                if (day < periods[p].first || (periods[p].second && day > *periods[p].second)) continue;
                if (held == 0) {
                    ++first;
                    first_late += day > nth_weekday_after(periods[p].first, 20);
                } else {
                    ++later;
                    later_late += day > plus_months(previous, held == 1 ? 3 : 6);
                }
                previous = day;
                ++held;
            }
        }
    }
    for (const Return& r : s.returns) {
        for (const auto& row : r.reviews.rows) {
            if (days_of(row[2]) < plus_months(days_of(row[1]), 48)) {
                ++under_four;
                pn0 += row[3] == "PN0";
            }
        }
    }
    EXPECT_GT(first, 500U);
    EXPECT_GT(share(first_late, first), 0.03);
    EXPECT_LT(share(first_late, first), 0.25);
    EXPECT_GT(later, 2000U);
    EXPECT_GT(share(later_late, later), 0.01);
    EXPECT_LT(share(later_late, later), 0.15);
    EXPECT_EQ(pn0, under_four);
}

TEST(Synth, NobodyIsLookedAfterOnOrAfterTheir18thBirthday) {
    for (const int children : {500, 5000}) {
        const Sample& s = sample(children);
        for (const Return& r : s.returns) {
            std::map<std::string, int> adult;
            for (const auto& row : r.header.rows) adult[row[0]] = plus_months(days_of(row[2]), 18 * 12);
            const int after_return = civil_days(r.year, 4, 1);
            for (const auto& row : r.episodes.rows) {
                const int eighteen = adult.at(row[0]);
                EXPECT_LT(days_of(row[1]), eighteen) << row[0];
                // Looked after up to the day before DEC; an open episode at least to 31 March.
                const int end = row[7].empty() ? after_return : days_of(row[7]);
                EXPECT_LE(end, eighteen) << row[0] << " " << r.year;
            }
        }
    }
}

TEST(Synth, InvalidOptionsThrow) {
    auto with = [](int children, int years, int last_year) {
        SynthOptions o;
        o.children = children;
        o.years = years;
        o.last_year = last_year;
        return o;
    };
    EXPECT_THROW(generate(with(0, 4, 2025)), std::invalid_argument);
    EXPECT_THROW(generate(with(200001, 4, 2025)), std::invalid_argument);
    EXPECT_THROW(generate(with(500, 0, 2025)), std::invalid_argument);
    EXPECT_THROW(generate(with(500, 21, 2025)), std::invalid_argument);
    EXPECT_THROW(generate(with(500, 4, 1999)), std::invalid_argument);
    EXPECT_THROW(generate(with(500, 4, 2101)), std::invalid_argument);
    EXPECT_NO_THROW(generate(with(1, 1, 2000)));
}
