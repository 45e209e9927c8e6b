// Properties of the synthetic SSDA903 returns, each recomputed here from the CSV text alone
// (own CSV split, own date arithmetic), never from the generator's internals.
#include "synth/synth.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
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
    Table escalations;
};

struct Sample {
    SynthOptions options;
    std::vector<SynthFile> files;
    std::vector<Return> returns;  // oldest first
    Table staffing;
};

const Sample& sample(int children) {
    static std::map<int, Sample> cache;
    auto it = cache.find(children);
    if (it != cache.end()) return it->second;
    Sample s;
    s.options.children = children;
    s.files = generate(s.options);
    for (const SynthFile& f : s.files) {
        if (f.path == "iro_staffing.csv") {
            s.staffing = parse_csv(f.content);
            continue;
        }
        const int year = std::stoi(f.path.substr(0, 4));
        if (s.returns.empty() || s.returns.back().year != year) {
            s.returns.emplace_back();
            s.returns.back().year = year;
        }
        Return& r = s.returns.back();
        const std::string name = f.path.substr(5);
        Table* table = name == "header.csv"        ? &r.header
                       : name == "episodes.csv"    ? &r.episodes
                       : name == "reviews.csv"     ? &r.reviews
                       : name == "escalations.csv" ? &r.escalations
                                                   : nullptr;
        if (table == nullptr) throw std::runtime_error("unexpected file " + f.path);
        *table = parse_csv(f.content);
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


// ---------------------------------------------------------------- IRO escalations

const std::set<std::string> kRoutes = {"Informal resolution", "Problem resolution", "Practice alert",
                                       "Good practice notification"};
const std::set<std::string> kThemes = {"Drift or delay", "Statutory requirements not met",
                                       "Significant tasks not completed", "Persistent poor practice",
                                       "Care plan not updated", "Statutory visits", "Placement concerns",
                                       "Permanence", "Health", "Education", "Family time", "Pathway plan",
                                       "Recording", "Excellent practice"};
const std::set<std::string> kTeams = {"Children in care North", "Children in care South", "Permanence",
                                      "Disabled children", "Leaving care"};
const std::set<std::string> kOutcomes = {"Resolved", "Resolved with revised plan", "Not upheld",
                                         "Referred to Cafcass"};

// The IRO Handbook's escalation ladder, as the export names it.
std::string level_for_stage(const std::string& stage) {
    if (stage == "0") return "Practice manager";
    if (stage == "1") return "Team manager";
    if (stage == "2") return "Service manager";
    return "Head of service";  // 3, 4 and cafcass
}

std::vector<std::string> themes_of(const std::string& cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t sep = cell.find("; ", start);
        out.push_back(cell.substr(start, sep == std::string::npos ? std::string::npos : sep - start));
        if (sep == std::string::npos) break;
        start = sep + 2;
    }
    return out;
}

// Weekdays after `from` up to and including `to` (bank holidays are not taken out here, so
// this is at least careboard's count of working days).
int weekdays_between(int from, int to) {
    int n = 0;
    for (int d = from + 1; d <= to; ++d) n += weekend(d) ? 0 : 1;
    return n;
}

// Each escalation's latest version (the last file it appears in).
std::map<std::string, std::vector<std::string>> latest_escalations(const Sample& s) {
    std::map<std::string, std::vector<std::string>> out;
    for (const Return& r : s.returns) {
        for (const auto& row : r.escalations.rows) out[row[0]] = row;
    }
    return out;
}

int age_on(int dob, int day) {
    int years = 0;
    while (plus_months(dob, (years + 1) * 12) <= day) ++years;
    return years;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Escalation columns, in the export's order.
enum EscCol : std::size_t { kId, kChild, kRaised, kRoute, kStage, kTheme, kTeam, kResolved, kLevel, kOutcome };

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
    const std::size_t last_escalations = first.size() - 2;
    EXPECT_EQ(first[last_escalations].path, "2025/escalations.csv");
    EXPECT_NE(other[last_escalations].content, first[last_escalations].content);
}

TEST(Synth, WritesTheFilesAndHeadersOfEachReturn) {
    const Sample& s = sample(500);
    ASSERT_EQ(s.files.size(), 17U);
    const char* const kinds[] = {"header.csv", "episodes.csv", "reviews.csv", "escalations.csv"};
    const char* const columns[] = {
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
        "CHILD,DOB,REVIEW,REVIEW_CODE",
        "ESCALATION_ID,CHILD,RAISED,ROUTE,STAGE,THEME,TEAM,RESOLVED,RESOLVED_LEVEL,OUTCOME"};
    for (int year = 2022; year <= 2025; ++year) {
        for (std::size_t k = 0; k < 4; ++k) {
            const SynthFile& f = s.files[static_cast<std::size_t>(year - 2022) * 4 + k];
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
    const SynthFile& staffing = s.files.back();
    EXPECT_EQ(staffing.path, "iro_staffing.csv");
    EXPECT_EQ(staffing.content.substr(0, staffing.content.find('\n')), "DATE,FTE");
    EXPECT_EQ(staffing.content.back(), '\n');

    SynthOptions old;
    old.years = 2;
    old.last_year = 2010;
    old.children = 50;
    const auto files = generate(old);
    ASSERT_EQ(files.size(), 9U);
    EXPECT_EQ(files[0].path, "2009/header.csv");
    EXPECT_EQ(files[3].path, "2009/escalations.csv");
    EXPECT_EQ(files[6].path, "2010/reviews.csv");
    EXPECT_EQ(files[7].path, "2010/escalations.csv");
    EXPECT_EQ(files[8].path, "iro_staffing.csv");
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

// ---------------------------------------------------------------- IRO escalations and staffing

// The escalation log has a PRNG stream of its own: the 903 returns of the default run, its
// 2023-24 return written as XML, are byte for byte the committed sample data (which were
// written before the log existed).
TEST(Synth, The903ReturnsAreTheCommittedSampleData) {
#ifdef CAREBOARD_SOURCE_DIR
    const std::filesystem::path dir = std::filesystem::path(CAREBOARD_SOURCE_DIR) / "sample-data";
#else
    const std::filesystem::path dir;
    GTEST_SKIP() << "built without CAREBOARD_SOURCE_DIR: no sample data to compare with";
#endif
    if (!std::filesystem::exists(dir / "2025" / "episodes.csv")) GTEST_SKIP() << "no sample data at " << dir;
    SynthOptions defaults;
    ASSERT_EQ(defaults.children, 500);
    ASSERT_EQ(defaults.seed, 1U);
    defaults.xml_years = {2024};
    std::size_t compared = 0;
    for (const SynthFile& f : generate(defaults)) {
        if (!f.path.ends_with("header.csv") && !f.path.ends_with("episodes.csv") && !f.path.ends_with("reviews.csv") &&
            !f.path.ends_with(".xml")) {
            continue;
        }
        ++compared;
        EXPECT_TRUE(f.content == read_file(dir / f.path)) << f.path << " differs from the committed sample data";
    }
    EXPECT_EQ(compared, 10U);  // three CSV returns and one XML return
}

TEST(Synth, EscalationRowsAreWellFormedAndSorted) {
    for (const int children : {500, 5000}) {
        const Sample& s = sample(children);
        for (const Return& r : s.returns) {
            const Table& t = r.escalations;
            ASSERT_EQ(t.columns, (std::vector<std::string>{"ESCALATION_ID", "CHILD", "RAISED", "ROUTE", "STAGE", "THEME",
                                                           "TEAM", "RESOLVED", "RESOLVED_LEVEL", "OUTCOME"}));
            const int from = civil_days(r.year - 1, 4, 1);
            const int to = civil_days(r.year, 3, 31);
            std::set<std::string> ids;
            std::pair<int, std::string> previous{0, ""};
            for (const auto& row : t.rows) {
                ASSERT_EQ(row.size(), 10U);
                const std::string& id = row[kId];
                EXPECT_TRUE(id.size() == 10 && id.rfind("ESC-", 0) == 0 && all_digits(id.substr(4), 6)) << id;
                EXPECT_TRUE(ids.insert(id).second) << "repeated id " << id << " in " << r.year;
                EXPECT_TRUE(all_digits(row[kChild], 8)) << row[kChild];
                const int raised = days_of(row[kRaised]);
                EXPECT_FALSE(weekend(raised)) << id;
                const std::pair<int, std::string> key{raised, id};
                EXPECT_LT(previous, key) << "not sorted by RAISED then ESCALATION_ID at " << id;
                previous = key;

                const std::string& route = row[kRoute];
                const std::string& stage = row[kStage];
                ASSERT_TRUE(kRoutes.count(route)) << route;
                if (route == "Problem resolution") {
                    EXPECT_TRUE(stage == "1" || stage == "2" || stage == "3" || stage == "4" || stage == "cafcass")
                        << id << " " << stage;
                } else {
                    EXPECT_EQ(stage, "0") << id << " " << route;
                }
                const std::vector<std::string> themes = themes_of(row[kTheme]);
                ASSERT_TRUE(themes.size() == 1 || themes.size() == 2) << row[kTheme];
                for (const auto& theme : themes) EXPECT_TRUE(kThemes.count(theme)) << "[" << theme << "]";
                if (themes.size() == 2) {
                    EXPECT_NE(themes[0], themes[1]) << id;
                }
                const bool excellent = std::count(themes.begin(), themes.end(), "Excellent practice") > 0;
                if (route == "Good practice notification") {
                    EXPECT_EQ(row[kTheme], "Excellent practice") << id;
                } else {
                    EXPECT_FALSE(excellent) << id << " " << route;
                }
                EXPECT_TRUE(kTeams.count(row[kTeam])) << row[kTeam];

                // RESOLVED, RESOLVED_LEVEL and OUTCOME are filled in together, once resolved.
                const bool open = row[kResolved].empty();
                EXPECT_EQ(open, row[kLevel].empty()) << id;
                EXPECT_EQ(open, row[kOutcome].empty()) << id;
                // In this collection year, or raised before it and still open on its 1 April.
                EXPECT_LE(raised, to) << id;
                if (!open) {
                    const int resolved = days_of(row[kResolved]);
                    EXPECT_GE(resolved, raised) << id;
                    EXPECT_LE(resolved, to) << id;
                    if (raised < from) {
                        EXPECT_GE(resolved, from) << id << " was closed before this return";
                    }
                    EXPECT_EQ(row[kLevel], level_for_stage(stage)) << id;
                    EXPECT_TRUE(kOutcomes.count(row[kOutcome])) << row[kOutcome];
                    EXPECT_EQ(row[kOutcome] == "Referred to Cafcass", stage == "cafcass") << id;
                    if (route == "Good practice notification") {
                        EXPECT_EQ(resolved, raised) << id;
                    }
                } else {
                    EXPECT_NE(route, "Good practice notification") << id;
                }
            }
        }
    }
}

TEST(Synth, EscalationsNameAChildLookedAfterOnTheDayRaised) {
    for (const int children : {500, 5000}) {
        const Sample& s = sample(children);
        const Stitched st = stitch(s);
        std::size_t checked = 0;
        for (const Return& r : s.returns) {
            std::map<std::string, int> dob;
            for (const auto& row : r.header.rows) dob[row[0]] = days_of(row[2]);
            for (const auto& row : r.escalations.rows) {
                const auto child = dob.find(row[kChild]);
                ASSERT_TRUE(child != dob.end()) << row[kId] << ": child " << row[kChild] << " not in the " << r.year
                                            << " header";
                const int raised = days_of(row[kRaised]);
                bool looked_after_then = false;
                const auto eps = st.episodes.find(row[kChild]);
                if (eps != st.episodes.end()) {
                    for (const Ep& e : eps->second) {
                        if (short_break(e.row[3])) continue;
                        looked_after_then = looked_after_then || (e.start <= raised && (!e.end || *e.end > raised));
                    }
                }
                EXPECT_TRUE(looked_after_then) << row[kId] << ": " << row[kChild] << " not looked after on "
                                               << row[kRaised];
                const int age = age_on(child->second, raised);
                const std::vector<std::string> themes = themes_of(row[kTheme]);
                if (std::count(themes.begin(), themes.end(), "Pathway plan") > 0) {
                    EXPECT_GE(age, 16) << row[kId];
                }
                if (row[kTeam] == "Leaving care") {
                    EXPECT_GE(age, 16) << row[kId];
                }
                ++checked;
            }
        }
        EXPECT_GT(checked, static_cast<std::size_t>(children)) << children;
    }
}

TEST(Synth, AnEscalationInTwoFilesOnlyGainsItsResolution) {
    const Sample& s = sample(5000);
    std::map<std::string, std::pair<int, std::vector<std::string>>> seen;
    std::size_t repeated = 0, resolved_later = 0;
    for (const Return& r : s.returns) {
        std::set<std::string> in_this;
        for (const auto& row : r.escalations.rows) {
            in_this.insert(row[kId]);
            const auto it = seen.find(row[kId]);
            if (it != seen.end()) {
                ++repeated;
                const auto& before = it->second.second;
                for (std::size_t c = kId; c < kResolved; ++c) {
                    EXPECT_EQ(before[c], row[c]) << row[kId] << " " << r.escalations.columns[c];
                }
                if (before[kResolved].empty()) {
                    resolved_later += row[kResolved].empty() ? 0 : 1;
                } else {
                    EXPECT_EQ(before, row) << row[kId] << " resolved, then re-reported differently";
                }
            }
            seen[row[kId]] = {r.year, row};
        }
        // Still open at the end of one return: re-reported in the next.
        for (const auto& [id, value] : seen) {
            if (value.first == r.year - 1 && value.second[kResolved].empty()) {
                EXPECT_TRUE(in_this.count(id)) << id << " open at 31 March " << r.year - 1 << " but not re-reported";
            }
        }
    }
    EXPECT_GT(repeated, 50U);
    EXPECT_GT(resolved_later, 50U);
}

TEST(Synth, EscalationIdsDoNotRevealTheOrderRaised) {
    const Sample& s = sample(5000);
    // Rows half a file apart were raised months apart: a later one should have a larger id
    // about half the time.
    std::size_t pairs = 0, rising = 0;
    for (const Return& r : s.returns) {
        const auto& rows = r.escalations.rows;
        const std::size_t half = rows.size() / 2;
        for (std::size_t i = 0; i + half < rows.size(); ++i) {
            if (rows[i][kRaised] == rows[i + half][kRaised]) continue;
            ++pairs;
            rising += rows[i][kId] < rows[i + half][kId] ? 1 : 0;
        }
    }
    ASSERT_GT(pairs, 1000U);
    EXPECT_GT(share(rising, pairs), 0.40);
    EXPECT_LT(share(rising, pairs), 0.60);
}

TEST(Synth, EscalationMixesAndTimelinessArePlausible) {
    const Sample& s = sample(5000);
    const auto log = latest_escalations(s);
    const std::size_t n = log.size();
    ASSERT_GT(n, 5000U);
    std::map<std::string, std::size_t> route, stage, theme, team;
    std::size_t one_theme = 0, resolved = 0, within_20 = 0, slowest = 0;
    std::vector<int> informal_days, formal_days;
    for (const auto& [id, row] : log) {
        ++route[row[kRoute]];
        ++stage[row[kStage]];
        ++team[row[kTeam]];
        const auto themes = themes_of(row[kTheme]);
        one_theme += themes.size() == 1 ? 1 : 0;
        for (const auto& t : themes) ++theme[t];
        if (row[kResolved].empty()) continue;
        const int days = weekdays_between(days_of(row[kRaised]), days_of(row[kResolved]));
        ++resolved;
        within_20 += days <= 20 ? 1 : 0;
        slowest = std::max(slowest, static_cast<std::size_t>(days));
        if (row[kRoute] == "Informal resolution") informal_days.push_back(days);
        if (row[kRoute] == "Problem resolution") formal_days.push_back(days);
    }
    EXPECT_NEAR(share(route["Informal resolution"], n), 0.55, 0.05);
    EXPECT_NEAR(share(route["Problem resolution"], n), 0.25, 0.04);
    EXPECT_NEAR(share(route["Practice alert"], n), 0.10, 0.03);
    EXPECT_NEAR(share(route["Good practice notification"], n), 0.10, 0.03);
    // Most formal challenge ends at stage 1, a few reach 2-3, very few 4 or Cafcass.
    const std::size_t formal = route["Problem resolution"];
    EXPECT_GT(share(stage["1"], formal), 0.60);
    EXPECT_GT(share(stage["2"], formal), 0.08);
    EXPECT_LT(share(stage["2"], formal), 0.30);
    EXPECT_GT(share(stage["3"], formal), 0.02);
    EXPECT_LT(share(stage["3"], formal), 0.12);
    EXPECT_LT(share(stage["4"], formal), 0.03);
    EXPECT_GT(share(stage["cafcass"], n), 0.001);
    EXPECT_LT(share(stage["cafcass"], n), 0.012);
    EXPECT_GT(share(one_theme, n), 0.68);
    EXPECT_LT(share(one_theme, n), 0.82);
    // Drift, care plans, statutory visits and recording are the most common themes.
    for (const char* top : {"Drift or delay", "Care plan not updated", "Statutory visits", "Recording"}) {
        for (const auto& [name, count] : theme) {
            if (name == "Drift or delay" || name == "Care plan not updated" || name == "Statutory visits" ||
                name == "Recording") {
                continue;
            }
            EXPECT_GT(theme[top], count) << top << " vs " << name;
        }
    }
    EXPECT_EQ(theme.size(), kThemes.size());
    EXPECT_EQ(team.size(), kTeams.size());
    // Resolution against the IRO Handbook's 20 working days.
    EXPECT_GT(share(within_20, resolved), 0.78);
    EXPECT_LT(share(within_20, resolved), 0.92);
    EXPECT_LE(slowest, 66U);
    auto median = [](std::vector<int> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    EXPECT_GE(median(informal_days), 6);
    EXPECT_LE(median(informal_days), 10);
    EXPECT_GE(median(formal_days), 12);
    EXPECT_LE(median(formal_days), 19);
}

TEST(Synth, EscalationVolumeAndThemesMoveOverTheYears) {
    const Sample& s = sample(5000);
    const Stitched st = stitch(s);
    std::vector<std::size_t> raised;
    std::vector<double> drift, visits;
    for (const Return& r : s.returns) {
        const int from = civil_days(r.year - 1, 4, 1);
        std::size_t count = 0, drift_count = 0, visit_count = 0;
        for (const auto& row : r.escalations.rows) {
            if (days_of(row[kRaised]) < from) continue;
            ++count;
            const auto themes = themes_of(row[kTheme]);
            drift_count += std::count(themes.begin(), themes.end(), "Drift or delay") > 0 ? 1 : 0;
            visit_count += std::count(themes.begin(), themes.end(), "Statutory visits") > 0 ? 1 : 0;
        }
        // About 0.6 escalations per child looked after per year.
        const std::size_t looked = looked_after(st, civil_days(r.year, 3, 31)).size();
        EXPECT_GT(share(count, looked), 0.45) << r.year;
        EXPECT_LT(share(count, looked), 0.80) << r.year;
        raised.push_back(count);
        drift.push_back(share(drift_count, count));
        visits.push_back(share(visit_count, count));
    }
    for (std::size_t i = 1; i < raised.size(); ++i) {
        EXPECT_GT(share(raised[i], raised[i - 1]), 0.97);
        EXPECT_LT(share(raised[i], raised[i - 1]), 1.15);
    }
    EXPECT_GT(raised.back(), raised.front());
    EXPECT_LT(drift.back(), drift.front() - 0.02);
    EXPECT_GT(visits.back(), visits.front() + 0.01);
}

TEST(Synth, OnlyTheLastWeeksEscalationsAreStillOpenAtTheEnd) {
    const Sample& s = sample(5000);
    const Return& last = s.returns.back();
    const int end = civil_days(last.year, 3, 31);
    const int last_quarter = civil_days(last.year, 1, 1);
    std::size_t in_quarter = 0, open = 0;
    for (const auto& row : last.escalations.rows) {
        const int raised = days_of(row[kRaised]);
        if (raised >= last_quarter) ++in_quarter;
        if (!row[kResolved].empty()) continue;
        ++open;
        // The slowest resolutions take about 60 working days.
        EXPECT_GE(raised, end - 95) << row[kId];
    }
    EXPECT_GT(open, 0U);
    EXPECT_LT(share(open, in_quarter), 0.35);
}

TEST(Synth, IroStaffingKeepsCaseloadsInTheHandbookBand) {
    for (const int children : {500, 5000}) {
        const Sample& s = sample(children);
        const Table& t = s.staffing;
        ASSERT_EQ(t.columns, (std::vector<std::string>{"DATE", "FTE"}));
        // A first establishment, then 3 to 5 changes.
        EXPECT_GE(t.rows.size(), 4U);
        EXPECT_LE(t.rows.size(), 6U);
        std::vector<std::pair<int, double>> fte;
        for (const auto& row : t.rows) {
            ASSERT_EQ(row.size(), 2U);
            const std::string& v = row[1];
            const std::size_t dot = v.find('.');
            ASSERT_TRUE(dot != std::string::npos && dot > 0 && dot + 2 == v.size()) << "FTE " << v;
            EXPECT_TRUE(all_digits(v.substr(0, dot), dot) && all_digits(v.substr(dot + 1), 1)) << v;
            const int day = days_of(row[0]);
            if (!fte.empty()) {
                EXPECT_GT(day, fte.back().first) << row[0];
            }
            fte.emplace_back(day, std::stod(v));
        }
        EXPECT_LT(fte.front().first, civil_days(s.returns.front().year - 1, 4, 1));
        const Stitched st = stitch(s);
        for (const Return& r : s.returns) {
            for (const int month : {6, 9, 12, 3}) {
                const int y = month == 3 ? r.year : r.year - 1;
                const int day = civil_days(y, month, month_length(y, month));
                double in_post = 0;
                for (const auto& [from, value] : fte) {
                    if (from <= day) in_post = value;
                }
                ASSERT_GT(in_post, 0.0);
                const double caseload = static_cast<double>(looked_after(st, day).size()) / in_post;
                EXPECT_GE(caseload, 45.0) << children << " " << y << "-" << month;
                EXPECT_LE(caseload, 75.0) << children << " " << y << "-" << month;
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
