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
    // The other 903 tables.
    Table missing;
    Table uasc;
    Table oc2;
    Table oc3;
    Table ad1;
    Table placed;
    Table permanence;
    Table sw;
    bool has_sw = false;
};

struct Sample {
    SynthOptions options;
    std::vector<SynthFile> files;
    std::vector<Return> returns;  // oldest first
    Table staffing;
    Table allocations;  // iro_allocations.csv
    Table activity;     // iro_activity.csv
};

Sample build_sample(const SynthOptions& options) {
    Sample s;
    s.options = options;
    s.files = generate(s.options);
    for (const SynthFile& f : s.files) {
        if (f.path == "iro_staffing.csv") {
            s.staffing = parse_csv(f.content);
            continue;
        }
        if (f.path == "iro_allocations.csv" || f.path == "iro_activity.csv") {
            (f.path == "iro_activity.csv" ? s.activity : s.allocations) = parse_csv(f.content);
            continue;
        }
        const int year = std::stoi(f.path.substr(0, 4));
        if (s.returns.empty() || s.returns.back().year != year) {
            s.returns.emplace_back();
            s.returns.back().year = year;
        }
        Return& r = s.returns.back();
        const std::string name = f.path.substr(5);
        Table* table = name == "header.csv"                  ? &r.header
                       : name == "episodes.csv"              ? &r.episodes
                       : name == "reviews.csv"               ? &r.reviews
                       : name == "escalations.csv"           ? &r.escalations
                       : name == "missing.csv"               ? &r.missing
                       : name == "uasc.csv"                  ? &r.uasc
                       : name == "oc2.csv"                   ? &r.oc2
                       : name == "oc3.csv"                   ? &r.oc3
                       : name == "ad1.csv"                   ? &r.ad1
                       : name == "placed_for_adoption.csv"   ? &r.placed
                       : name == "previous_permanence.csv"   ? &r.permanence
                       : name == "sw_episodes.csv"           ? &r.sw
                                                             : nullptr;
        if (table == nullptr) throw std::runtime_error("unexpected file " + f.path);
        if (table == &r.sw) r.has_sw = true;
        *table = parse_csv(f.content);
    }
    return s;
}

const Sample& sample(int children) {
    static std::map<int, Sample> cache;
    auto it = cache.find(children);
    if (it != cache.end()) return it->second;
    SynthOptions options;
    options.children = children;
    return cache.emplace(children, build_sample(options)).first->second;
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
    const std::size_t last_escalations = first.size() - 4;
    EXPECT_EQ(first[last_escalations].path, "2025/escalations.csv");
    EXPECT_NE(other[last_escalations].content, first[last_escalations].content);
    // The other 903 tables follow the seed too.
    for (std::size_t i = 0; i < first.size(); ++i) {
        if (first[i].path.ends_with("missing.csv") || first[i].path.ends_with("oc2.csv") ||
            first[i].path.ends_with("sw_episodes.csv")) {
            EXPECT_NE(other[i].content, first[i].content) << first[i].path;
        }
    }
}

// Each return's files, in order, with their columns exactly (the 903 tables as the DfE names
// them; social worker episodes from the 2023-24 return on).
const std::vector<std::pair<std::string, std::string>>& return_files(int year) {
    static const std::vector<std::pair<std::string, std::string>> kBefore = {
        {"header.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"},
        {"episodes.csv",
         "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"},
        {"reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE"},
        {"missing.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END"},
        {"uasc.csv", "CHILD,SEX,DOB,DUC"},
        {"oc2.csv",
         "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,"
         "SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED"},
        {"oc3.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM"},
        {"ad1.csv", "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR"},
        {"placed_for_adoption.csv", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED"},
        {"previous_permanence.csv", "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM"},
        {"escalations.csv", "ESCALATION_ID,CHILD,RAISED,ROUTE,STAGE,THEME,TEAM,RESOLVED,RESOLVED_LEVEL,OUTCOME"}};
    static const std::vector<std::pair<std::string, std::string>> kFrom2024 = [] {
        auto files = kBefore;
        files.insert(files.end() - 1, {"sw_episodes.csv", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON"});
        return files;
    }();
    return year >= 2024 ? kFrom2024 : kBefore;
}

TEST(Synth, WritesTheFilesAndHeadersOfEachReturn) {
    const Sample& s = sample(500);
    std::size_t i = 0;
    for (int year = 2022; year <= 2025; ++year) {
        for (const auto& [name, columns] : return_files(year)) {
            ASSERT_LT(i, s.files.size());
            const SynthFile& f = s.files[i++];
            EXPECT_EQ(f.path, std::to_string(year) + "/" + name);
            ASSERT_FALSE(f.content.empty());
            EXPECT_EQ(f.content.substr(0, f.content.find('\n')), columns) << f.path;
            EXPECT_EQ(f.content.back(), '\n');
            EXPECT_EQ(f.content.find('\r'), std::string::npos) << f.path;
            EXPECT_NE(static_cast<unsigned char>(f.content[0]), 0xEFU) << "BOM in " << f.path;
            const Table t = parse_csv(f.content);
            EXPECT_GT(t.rows.size(), 10U) << f.path;
            for (const auto& row : t.rows) ASSERT_EQ(row.size(), t.columns.size()) << f.path;
        }
    }
    ASSERT_EQ(s.files.size(), i + 3);
    const SynthFile& staffing = s.files[i];
    EXPECT_EQ(staffing.path, "iro_staffing.csv");
    EXPECT_EQ(staffing.content.substr(0, staffing.content.find('\n')), "DATE,FTE,HEADCOUNT,PERMANENT,AGENCY,VACANCIES_FTE");
    EXPECT_EQ(staffing.content.back(), '\n');
    EXPECT_EQ(s.files[i + 1].path, "iro_allocations.csv");
    EXPECT_EQ(s.files[i + 1].content.substr(0, s.files[i + 1].content.find('\n')), "IRO,CHILD,FROM,TO");
    EXPECT_EQ(s.files[i + 2].path, "iro_activity.csv");
    EXPECT_EQ(s.files[i + 2].content.substr(0, s.files[i + 2].content.find('\n')), "period,measure,category,value");

    SynthOptions old;
    old.years = 2;
    old.last_year = 2010;
    old.children = 50;
    const auto files = generate(old);
    ASSERT_EQ(files.size(), 2 * return_files(2010).size() + 3);
    EXPECT_EQ(files[0].path, "2009/header.csv");
    EXPECT_EQ(files[10].path, "2009/escalations.csv");
    EXPECT_EQ(files[13].path, "2010/reviews.csv");
    EXPECT_EQ(files[20].path, "2010/previous_permanence.csv");
    EXPECT_EQ(files[21].path, "2010/escalations.csv");
    EXPECT_EQ(files[22].path, "iro_staffing.csv");

    // An XML return keeps social worker episodes in a CSV file beside it.
    SynthOptions xml;
    xml.children = 50;
    xml.xml_years = {2023, 2024};
    std::vector<std::string> paths;
    for (const SynthFile& f : generate(xml)) {
        if (f.path.starts_with("2023/") || f.path.starts_with("2024/")) paths.push_back(f.path);
    }
    EXPECT_EQ(paths, (std::vector<std::string>{"2023/ssda903_2023.xml", "2023/escalations.csv", "2024/ssda903_2024.xml",
                                               "2024/sw_episodes.csv", "2024/escalations.csv"}));
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
        for (const auto& id : with_episodes) EXPECT_TRUE(dob.count(id)) << id;
        // The others in the header are care leavers, there for their OC3 row.
        std::set<std::string> leavers;
        for (const auto& row : r.oc3.rows) leavers.insert(row[0]);
        for (const auto& [id, birth] : dob) EXPECT_TRUE(with_episodes.count(id) || leavers.count(id)) << id;
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

// The 903 returns of the default run, its 2023-24 return written as XML, are byte for byte the
// committed sample data. (The escalation log has a PRNG stream of its own, and so have the 903
// tables beyond header, episodes and reviews: adding them left every episode and review row as
// it was.)
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
        if (f.path.ends_with("escalations.csv") || f.path.starts_with("iro_") || f.path.starts_with("ees/")) continue;
        ++compared;
        EXPECT_TRUE(f.content == read_file(dir / f.path)) << f.path << " differs from the committed sample data";
    }
    // Three CSV returns of ten tables (2025's with social worker episodes too), and one XML return
    // with its social worker episodes.
    EXPECT_EQ(compared, 33U);
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
        ASSERT_EQ(t.columns, (std::vector<std::string>{"DATE", "FTE", "HEADCOUNT", "PERMANENT", "AGENCY", "VACANCIES_FTE"}));
        // A first establishment, then 3 to 5 changes.
        EXPECT_GE(t.rows.size(), 4U);
        EXPECT_LE(t.rows.size(), 6U);
        std::vector<std::pair<int, double>> fte;
        for (const auto& row : t.rows) {
            ASSERT_EQ(row.size(), 6U);
            // Every IRO is permanent or agency; the headcount covers the FTE.
            EXPECT_EQ(std::stoi(row[2]), std::stoi(row[3]) + std::stoi(row[4]));
            EXPECT_GE(std::stod(row[2]), std::stod(row[1]));
            EXPECT_GE(std::stod(row[5]), 0.0);
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


// iro_allocations.csv: 8 to 10 IROs for the sample authority, named IRO01 ..., each allocation a
// child of the returns, its TO (when set) after its FROM; caseloads near 50 to 80 on 31 March.
TEST(Synth, IroAllocationsSpreadChildrenOverAHandfulOfIros) {
    const Sample& s = sample(500);
    const Table& t = s.allocations;
    ASSERT_EQ(t.columns, (std::vector<std::string>{"IRO", "CHILD", "FROM", "TO"}));
    const Stitched st = stitch(s);
    const int day = civil_days(s.returns.back().year, 3, 31);
    std::set<std::string> looked_after_then;
    for (const auto& [child, episode] : looked_after(st, day)) looked_after_then.insert(child);
    std::map<std::string, int> caseload;
    std::set<std::string> iros;
    for (const auto& row : t.rows) {
        ASSERT_EQ(row.size(), 4U);
        ASSERT_EQ(row[0].size(), 5U);
        EXPECT_EQ(row[0].substr(0, 3), "IRO");
        iros.insert(row[0]);
        const int from = days_of(row[2]);
        if (!row[3].empty()) {
            EXPECT_GT(days_of(row[3]), from) << row[1];
        }
        if (from <= day && (row[3].empty() || days_of(row[3]) > day) && looked_after_then.count(row[1])) ++caseload[row[0]];
    }
    EXPECT_GE(iros.size(), 8U);
    EXPECT_LE(iros.size(), 10U);
    for (const auto& [iro, n] : caseload) {
        EXPECT_GE(n, 35) << iro;
        EXPECT_LE(n, 95) << iro;
    }
    // The activity file's header, and a row per quarter of each of its measures.
    EXPECT_EQ(s.activity.columns, (std::vector<std::string>{"period", "measure", "category", "value"}));
    EXPECT_GT(s.activity.rows.size(), 16U * 12U);
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

// ---------------------------------------------------------------- the other 903 tables

namespace {

struct CarePeriod {
    int start;
    std::optional<int> end;  // empty while open
    std::vector<const Ep*> episodes;
};

// Periods of care as docs/definitions.md joins them: non-short-break episodes in DECOM order, an
// episode continuing the period when it starts on or before the period's end so far.
std::vector<CarePeriod> periods_of(const std::vector<Ep>& eps) {
    std::vector<CarePeriod> out;
    for (const Ep& e : eps) {
        if (short_break(e.row[3])) continue;
        if (!out.empty() && (!out.back().end || e.start <= *out.back().end)) {
            CarePeriod& p = out.back();
            if (!e.end) {
                p.end.reset();
            } else if (p.end) {
                p.end = std::max(*p.end, *e.end);
            }
            p.episodes.push_back(&e);
        } else {
            out.push_back({e.start, e.end, {&e}});
        }
    }
    return out;
}

// Children with a non-short-break episode open some day of [from, to].
std::set<std::string> looked_after_during(const Stitched& st, int from, int to) {
    std::set<std::string> out;
    for (const auto& [child, eps] : st.episodes) {
        for (const Ep& e : eps) {
            if (!short_break(e.row[3]) && e.start <= to && (!e.end || *e.end > from)) out.insert(child);
        }
    }
    return out;
}

std::map<std::string, std::vector<std::string>> header_of(const Return& r) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& row : r.header.rows) out[row[0]] = row;
    return out;
}

// The age on the birthday that falls in the collection year of `year`.
int age_on_birthday_in(int dob, int year) {
    const int from = civil_days(year - 1, 4, 1);
    int age = 0;
    while (plus_months(dob, age * 12) < from) ++age;
    return age;
}

std::string join(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
    return out;
}

bool valid_date_or_empty(const std::string& s) { return s.empty() || parse_date(s).has_value(); }

}  // namespace

TEST(Synth, EveryRowOfTheOtherTablesIsAChildOfItsReturnsHeader) {
    const Sample& s = sample(500);
    for (const Return& r : s.returns) {
        const auto header = header_of(r);
        EXPECT_EQ(r.has_sw, r.year >= 2024) << r.year;
        for (const Table* t : {&r.missing, &r.uasc, &r.oc2, &r.oc3, &r.ad1, &r.placed, &r.permanence, &r.sw}) {
            if (t == &r.sw && !r.has_sw) continue;
            const std::size_t dob = t->col("DOB");
            for (const auto& row : t->rows) {
                ASSERT_EQ(row.size(), t->columns.size());
                const auto h = header.find(row[0]);
                ASSERT_NE(h, header.end()) << r.year << " " << join(row);
                EXPECT_EQ(row[dob], h->second[2]) << r.year << " " << join(row);
                for (std::size_t c = 0; c < row.size(); ++c) {
                    if (t->columns[c].find("DATE") != std::string::npos || t->columns[c] == "DOB" ||
                        t->columns[c] == "DUC" || t->columns[c].starts_with("MIS_") || t->columns[c].starts_with("SW_DEC")) {
                        EXPECT_TRUE(valid_date_or_empty(row[c])) << t->columns[c] << " " << join(row);
                    }
                }
            }
        }
        // One row per child in the tables keyed by child.
        for (const Table* t : {&r.uasc, &r.oc2, &r.oc3, &r.ad1, &r.permanence}) {
            std::set<std::string> seen;
            for (const auto& row : t->rows) EXPECT_TRUE(seen.insert(row[0]).second) << r.year << " " << row[0];
        }
    }
}

TEST(Synth, MissingIncidentsStartOnADayInCareInTheirYear) {
    const Sample& s = sample(500);
    const Stitched st = stitch(s);
    for (const Return& r : s.returns) {
        const int from = civil_days(r.year - 1, 4, 1);
        const int to = civil_days(r.year, 3, 31);
        const auto header = header_of(r);
        std::set<std::pair<std::string, int>> keys;
        std::map<char, std::set<std::string>> children;
        std::map<char, int> incidents;
        int teenagers = 0;
        for (const auto& row : r.missing.rows) {
            ASSERT_TRUE(row[2] == "M" || row[2] == "A") << join(row);
            const int start = days_of(row[3]);
            EXPECT_GE(start, from) << join(row);
            EXPECT_LE(start, to) << join(row);
            EXPECT_TRUE(keys.insert({row[0], start}).second) << "two incidents start the same day " << join(row);
            if (!row[4].empty()) {
                EXPECT_GE(days_of(row[4]), start) << join(row);
                EXPECT_LE(days_of(row[4]), start + 90) << join(row);
            }
            bool in_care = false;
            for (const Ep& e : st.episodes.at(row[0])) {
                in_care = in_care || (!short_break(e.row[3]) && e.start <= start && (!e.end || *e.end > start));
            }
            EXPECT_TRUE(in_care) << "not in care when the incident started " << join(row);
            children[row[2][0]].insert(row[0]);
            ++incidents[row[2][0]];
            if (age_on(days_of(header.at(row[0])[2]), start) >= 12) ++teenagers;
        }
        const std::size_t during = looked_after_during(st, from, to).size();
        for (const char kind : {'M', 'A'}) {
            const double children_share = share(children[kind].size(), during);
            EXPECT_GT(children_share, 0.05) << r.year << kind;
            EXPECT_LT(children_share, 0.16) << r.year << kind;
            const double per_child = share(static_cast<std::size_t>(incidents[kind]), children[kind].size());
            EXPECT_GT(per_child, 2.5) << r.year << kind;
            EXPECT_LT(per_child, 7.0) << r.year << kind;
        }
        EXPECT_GT(share(static_cast<std::size_t>(teenagers), r.missing.rows.size()), 0.85) << r.year;
    }
}

TEST(Synth, UascRowsAreUnaccompaniedTeenagersAndEndOnTheir18thBirthday) {
    const Sample& s = sample(500);
    const Stitched st = stitch(s);
    for (const Return& r : s.returns) {
        const int from = civil_days(r.year - 1, 4, 1);
        const int to = civil_days(r.year, 3, 31);
        const auto header = header_of(r);
        const std::set<std::string> during = looked_after_during(st, from, to);
        std::set<std::string> in_return;  // also those who ceased on 1 April
        for (const auto& row : r.episodes.rows) in_return.insert(row[0]);
        std::size_t boys = 0;
        std::size_t teenagers = 0;
        for (const auto& row : r.uasc.rows) {
            const auto& h = header.at(row[0]);
            EXPECT_EQ(row[1], h[1]) << join(row);
            const int dob = days_of(row[2]);
            EXPECT_EQ(days_of(row[3]), plus_months(dob, 18 * 12)) << "DUC is not the 18th birthday " << join(row);
            EXPECT_TRUE(in_return.count(row[0])) << "not in care in the year " << join(row);
            EXPECT_FALSE(short_break(st.episodes.at(row[0]).front().row[3])) << join(row);
            boys += row[1] == "1" || row[1] == "M" ? 1 : 0;
            const int first_start = st.episodes.at(row[0]).front().start;
            const int age = age_on(dob, first_start);
            teenagers += age >= 14 && age <= 17 ? 1 : 0;
        }
        const double uasc_share = share(r.uasc.rows.size(), during.size());
        EXPECT_GT(uasc_share, 0.03) << r.year;
        EXPECT_LT(uasc_share, 0.09) << r.year;
        EXPECT_GT(share(boys, r.uasc.rows.size()), 0.8) << r.year;
        EXPECT_GT(share(teenagers, r.uasc.rows.size()), 0.8) << r.year;
    }
}

TEST(Synth, Oc2RowsAreExactlyTheChildrenLookedAfterForTwelveMonths) {
    const Sample& s = sample(500);
    const Stitched st = stitch(s);
    for (const Return& r : s.returns) {
        const int from = civil_days(r.year - 1, 4, 1);
        const int to = civil_days(r.year, 3, 31);
        std::set<std::string> cohort;
        for (const auto& [child, eps] : st.episodes) {
            for (const CarePeriod& p : periods_of(eps)) {
                const bool open_at_end = std::any_of(p.episodes.begin(), p.episodes.end(), [&](const Ep* e) {
                    return e->start <= to && (!e->end || *e->end > to);
                });
                if (open_at_end && p.start <= from) cohort.insert(child);
            }
        }
        std::set<std::string> rows;
        const auto header = header_of(r);
        std::map<std::string, std::pair<int, int>> yes;  // column: (yes, of)
        std::vector<int> scores;
        std::size_t school_age = 0;
        for (const auto& row : r.oc2.rows) {
            rows.insert(row[0]);
            const int age = age_on(days_of(header.at(row[0])[2]), to);
            for (std::size_t c = 4; c < row.size(); ++c) ASSERT_TRUE(row[c] == "0" || row[c] == "1") << join(row);
            if (row[2].empty()) {
                EXPECT_TRUE(row[3].size() == 4 && row[3].starts_with("SDQ") && row[3][3] >= '1' && row[3][3] <= '5')
                    << join(row);
            } else {
                EXPECT_TRUE(row[3].empty()) << join(row);
                ASSERT_TRUE(std::all_of(row[2].begin(), row[2].end(), [](char ch) { return ch >= '0' && ch <= '9'; }));
                const int score = std::stoi(row[2]);
                EXPECT_LE(score, 40);
                EXPECT_TRUE(age >= 5 && age <= 16) << join(row);
                scores.push_back(score);
            }
            school_age += age >= 5 && age <= 16 ? 1 : 0;
            if (age < 10 || age > 17) { EXPECT_EQ(row[4], "0") << "convicted under 10 " << join(row); }
            if (row[9] == "0") { EXPECT_TRUE(row[10] == "0" && row[11] == "0") << join(row); }
            for (const std::size_t c : {6U, 7U, 8U, 9U}) {
                yes[r.oc2.columns[c]].first += row[c] == "1" ? 1 : 0;
                ++yes[r.oc2.columns[c]].second;
            }
        }
        EXPECT_EQ(rows, cohort) << r.year;
        EXPECT_GT(cohort.size(), 200U) << r.year;
        auto rate = [&](const std::string& column) { return share(static_cast<std::size_t>(yes[column].first), static_cast<std::size_t>(yes[column].second)); };
        EXPECT_NEAR(rate("HEALTH_ASSESSMENT"), 0.88, 0.06) << r.year;
        EXPECT_NEAR(rate("IMMUNISATIONS"), 0.80, 0.07) << r.year;
        EXPECT_NEAR(rate("TEETH_CHECK"), 0.75, 0.07) << r.year;
        EXPECT_GT(rate("SUBSTANCE_MISUSE"), 0.0) << r.year;
        EXPECT_LT(rate("SUBSTANCE_MISUSE"), 0.08) << r.year;
        EXPECT_NEAR(share(scores.size(), school_age), 0.75, 0.08) << r.year;
        double mean = 0;
        for (const int score : scores) mean += score;
        mean /= static_cast<double>(std::max<std::size_t>(1, scores.size()));
        EXPECT_NEAR(mean, 14.0, 2.5) << r.year;
    }
}

TEST(Synth, Oc3RowsAreCareLeaversOnTheir17thTo21stBirthday) {
    const Sample& s = sample(500);
    const Stitched st = stitch(s);
    const std::set<std::string> activities = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"};
    const std::string letters = "BCDEGHKRSTUVWXYZ";
    for (const Return& r : s.returns) {
        const auto header = header_of(r);
        std::map<bool, std::size_t> group;  // older: 19-21
        std::size_t in_touch = 0;
        for (const auto& row : r.oc3.rows) {
            const int dob = days_of(header.at(row[0])[2]);
            const int age = age_on_birthday_in(dob, r.year);
            EXPECT_GE(age, 17) << join(row);
            EXPECT_LE(age, 21) << join(row);
            // No longer looked after on that birthday.
            const int day = plus_months(dob, age * 12);
            const auto eps = st.episodes.find(row[0]);
            if (eps != st.episodes.end()) {
                for (const Ep& e : eps->second) {
                    EXPECT_FALSE(!short_break(e.row[3]) && e.start <= day && (!e.end || *e.end > day))
                        << "looked after on their birthday " << join(row);
                }
            }
            const std::string& touch = row[2];
            ASSERT_TRUE(touch == "YES" || touch == "NO" || touch == "REFU" || touch == "NREQ" || touch == "DIED" ||
                        touch == "RHOM")
                << join(row);
            if (touch == "YES") {
                EXPECT_TRUE(activities.count(row[3])) << join(row);
                ASSERT_EQ(row[4].size(), 2U) << join(row);
                EXPECT_NE(letters.find(row[4][0]), std::string::npos) << join(row);
                EXPECT_TRUE(row[4][1] == '1' || row[4][1] == '2') << join(row);
            } else {
                EXPECT_EQ(row[3], "0") << join(row);
                EXPECT_EQ(row[4], "0") << join(row);
            }
            if (touch == "DIED" || touch == "RHOM") continue;
            ++group[age >= 19];
            in_touch += touch == "YES" ? 1 : 0;
        }
        EXPECT_GE(group[false], 15U) << r.year;
        EXPECT_GE(group[true], 20U) << r.year;
        EXPECT_NEAR(share(in_touch, group[false] + group[true]), 0.9, 0.06) << r.year;
    }
}

// With twelve returns, the whole care of the last four returns' care leavers from their 14th
// birthday is in the returns: at least 13 weeks of it, some after their 16th birthday.
TEST(Synth, Oc3CareLeaversWereLookedAfterThirteenWeeksFrom14) {
    SynthOptions o;
    o.children = 300;
    o.years = 12;
    o.seed = 5;
    const Sample s = build_sample(o);
    const Stitched st = stitch(s);
    std::size_t checked = 0;
    for (std::size_t i = s.returns.size() - 4; i < s.returns.size(); ++i) {
        const Return& r = s.returns[i];
        const auto header = header_of(r);
        for (const auto& row : r.oc3.rows) {
            const auto eps = st.episodes.find(row[0]);
            ASSERT_NE(eps, st.episodes.end()) << "a care leaver with no care in twelve years " << row[0];
            const int dob = days_of(header.at(row[0])[2]);
            const int fourteen = plus_months(dob, 14 * 12);
            const int sixteen = plus_months(dob, 16 * 12);
            ASSERT_GE(fourteen, civil_days(s.returns.front().year - 1, 4, 1));
            int days = 0;
            bool after_sixteen = false;
            for (const CarePeriod& p : periods_of(eps->second)) {
                ASSERT_TRUE(p.end.has_value()) << row[0];
                days += std::max(0, *p.end - std::max(p.start, fourteen));
                after_sixteen = after_sixteen || *p.end > sixteen;
            }
            EXPECT_GE(days, 91) << row[0];
            EXPECT_TRUE(after_sixteen) << row[0];
            ++checked;
        }
    }
    EXPECT_GT(checked, 100U);
}

TEST(Synth, AdoptionRowsFollowTheChildsEpisodes) {
    const Sample& s = sample(500);
    const Stitched st = stitch(s);
    const std::set<std::string> sexes = {"MF", "MM", "FF", "M1", "F1"};
    const std::set<std::string> statuses = {"L0", "L11", "L12", "L2", "L4"};
    std::size_t with_order = 0;
    for (const Return& r : s.returns) {
        const int from = civil_days(r.year - 1, 4, 1);
        const int to = civil_days(r.year, 3, 31);
        std::map<std::string, std::vector<std::string>> ad1;
        for (const auto& row : r.ad1.rows) ad1[row[0]] = row;
        std::set<std::string> placed_children;
        for (const auto& row : r.placed.rows) {
            placed_children.insert(row[0]);
            const auto periods = periods_of(st.episodes.at(row[0]));
            const CarePeriod* period = nullptr;
            const Ep* move = nullptr;
            for (const CarePeriod& p : periods) {
                for (const Ep* e : p.episodes) {
                    const std::string& place = e->row[5];
                    if (move == nullptr && (place == "A3" || place == "A4" || place == "A5" || place == "A6")) {
                        move = e;
                        period = &p;
                    }
                }
            }
            ASSERT_NE(move, nullptr) << "placed for adoption without an A3-A6 episode " << join(row);
            EXPECT_EQ(days_of(row[2]), move->start) << join(row);
            EXPECT_LE(move->start, to);
            const Ep* last_ep = period->episodes.back();
            const bool adopted = last_ep->end && *last_ep->end <= to && (last_ep->row[8] == "E11" || last_ep->row[8] == "E12");
            if (adopted) {
                EXPECT_EQ(days_of(row[3]), *last_ep->end) << join(row);
                EXPECT_EQ(row[4], last_ep->row[8]) << join(row);
            } else {
                EXPECT_TRUE(row[3].empty() && row[4].empty()) << join(row);
            }
            ASSERT_TRUE(ad1.count(row[0])) << row[0];
            const auto& a = ad1.at(row[0]);
            const int decided = days_of(a[2]);
            const int matched = days_of(a[3]);
            EXPECT_LT(decided, matched) << join(a);
            EXPECT_LE(matched, move->start) << join(a);
            // Where the whole period is in the returns (its first episode is there), the decision
            // follows its placement order.
            for (const Ep* e : period->episodes) {
                if (period->episodes.front()->row[2] != "S") break;
                if (e->row[3] != "E1") continue;
                if (e->start < move->start) {
                    EXPECT_GT(decided, e->start) << "decision before the placement order " << join(a);
                    ++with_order;
                }
                break;
            }
            const bool with_carers = move->row[5] == "A3" || move->row[5] == "A5";
            EXPECT_EQ(a[4], with_carers ? "1" : "0") << join(a);
            EXPECT_TRUE(sexes.count(a[6]) && statuses.count(a[7])) << join(a);
            EXPECT_EQ(a[5] == "1", a[6].size() == 2 && a[6][1] == '1') << join(a);
            if (a[5] == "1") { EXPECT_EQ(a[7], "L4") << join(a); }
        }
        std::set<std::string> ad1_children;
        for (const auto& [child, row] : ad1) ad1_children.insert(child);
        EXPECT_EQ(ad1_children, placed_children) << r.year;
        // Every child adopted in the year has them.
        for (const auto& [child, eps] : st.episodes) {
            for (const Ep& e : eps) {
                if (e.end && *e.end >= from && *e.end <= to && (e.row[8] == "E11" || e.row[8] == "E12")) {
                    EXPECT_TRUE(ad1.count(child)) << "adopted without an ad1 row " << child;
                }
            }
        }
        EXPECT_GT(r.ad1.rows.size(), 5U) << r.year;
    }
    EXPECT_GT(with_order, 10U);
}

TEST(Synth, PreviousPermanenceIsGivenForEveryChildInCare) {
    const Sample& s = sample(500);
    std::map<std::string, std::size_t> codes;
    for (const Return& r : s.returns) {
        std::set<std::string> with_episodes;
        for (const auto& row : r.episodes.rows) with_episodes.insert(row[0]);
        std::set<std::string> rows;
        std::map<std::string, int> first_start;
        for (const auto& row : r.episodes.rows) first_start.emplace(row[0], days_of(row[1]));
        for (const auto& row : r.permanence.rows) {
            rows.insert(row[0]);
            ++codes[row[2]];
            if (row[2] == "Z1") {
                EXPECT_TRUE(row[3].empty() && row[4].empty()) << join(row);
                continue;
            }
            ASSERT_TRUE(row[2] == "P1" || row[2] == "P2" || row[2] == "P3") << join(row);
            EXPECT_TRUE(all_digits(row[3], 3)) << join(row);
            EXPECT_GT(days_of(row[4]), days_of(row[1])) << "order before birth " << join(row);
            EXPECT_LT(days_of(row[4]), civil_days(r.year, 3, 31)) << join(row);
        }
        EXPECT_EQ(rows, with_episodes) << r.year;
    }
    std::size_t total = 0;
    for (const auto& [code, n] : codes) total += n;
    EXPECT_NEAR(share(codes["Z1"], total), 0.88, 0.05);
    for (const char* code : {"P1", "P2", "P3"}) EXPECT_GT(codes[code], 0U) << code;
}

TEST(Synth, SocialWorkerEpisodesCoverEachChildsCareInTheYear) {
    const Sample& s = sample(500);
    const Stitched st = stitch(s);
    const std::set<std::string> reasons = {"MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC",
                                           "ABSENC", "CHCHAN", "PCCHAN", "SWDIED", "OTHERS"};
    for (const Return& r : s.returns) {
        if (!r.has_sw) continue;
        const int from = civil_days(r.year - 1, 4, 1);
        const int to = civil_days(r.year, 3, 31);
        std::map<std::string, std::vector<const std::vector<std::string>*>> by_child;
        for (const auto& row : r.sw.rows) {
            ASSERT_TRUE(row[2].size() == 6 && row[2].starts_with("SW") && all_digits(row[2].substr(2), 4)) << join(row);
            const int start = days_of(row[3]);
            EXPECT_LE(start, to) << join(row);
            if (!row[4].empty()) {
                EXPECT_LT(start, days_of(row[4])) << join(row);
                EXPECT_GE(days_of(row[4]), from) << join(row);
                EXPECT_LE(days_of(row[4]), to) << join(row);
            }
            EXPECT_TRUE(row[5].empty() || reasons.count(row[5])) << join(row);
            by_child[row[0]].push_back(&row);
        }
        const auto open = looked_after(st, to);
        std::size_t three_or_more = 0;
        for (const auto& [child, ep] : open) {
            ASSERT_TRUE(by_child.count(child)) << "no social worker " << child << " " << r.year;
            const auto& rows = by_child.at(child);
            // In order, each allocation starting the day the one before ended, the last still open.
            EXPECT_TRUE(rows.back()->at(4).empty()) << child;
            for (std::size_t i = 1; i < rows.size(); ++i) {
                ASSERT_FALSE(rows[i - 1]->at(4).empty()) << child;
                EXPECT_LE(days_of(rows[i - 1]->at(4)), days_of(rows[i]->at(3))) << child;
                if (rows[i - 1]->at(4) == rows[i]->at(3)) {
                    EXPECT_NE(rows[i - 1]->at(2), rows[i]->at(2)) << child;
                    EXPECT_FALSE(rows[i]->at(5).empty()) << "a change of worker without a reason " << child;
                }
            }
            // The current allocation began on or before the current episode.
            int current_period_start = 0;
            for (const CarePeriod& p : periods_of(st.episodes.at(child)))
                if (p.start <= to) current_period_start = p.start;
            EXPECT_LE(days_of(rows.front()->at(3)), std::max(current_period_start, from)) << child;
            std::set<std::string> workers;
            for (const auto* row : rows) workers.insert(row->at(2));
            three_or_more += workers.size() >= 3 ? 1 : 0;
        }
        for (const auto& [child, rows] : by_child) EXPECT_TRUE(st.episodes.count(child)) << child;
        EXPECT_NEAR(share(three_or_more, open.size()), 0.25, 0.08) << r.year;
    }
}

namespace {

// A child of an XML return, read line by line (the generator writes one element a line): the
// header's own values, and each block (<AMISSING>, <AREVIEW>, <PERMANENCE>, <OC2>, <AD_PLACED>,
// <EPISODE>) as its values.
struct XmlChild {
    std::map<std::string, std::string> header;
    std::vector<std::pair<std::string, std::map<std::string, std::string>>> blocks;
};

std::vector<XmlChild> read_xml_children(const std::string& xml) {
    std::vector<XmlChild> out;
    std::map<std::string, std::string>* current = nullptr;
    std::istringstream lines(xml);
    std::string line;
    while (std::getline(lines, line)) {
        const std::size_t open = line.find('<');
        if (open == std::string::npos) continue;
        const std::string tag = line.substr(open);
        if (tag == "<CHILD>") {
            out.emplace_back();
        } else if (tag == "<HEADER>") {
            current = &out.back().header;
        } else if (tag == "<AMISSING>" || tag == "<AREVIEW>" || tag == "<PERMANENCE>" || tag == "<OC2>" ||
                   tag == "<AD_PLACED>" || tag == "<EPISODE>") {
            out.back().blocks.emplace_back(tag.substr(1, tag.size() - 2), std::map<std::string, std::string>{});
            current = &out.back().blocks.back().second;
        } else if (tag == "</AMISSING>" || tag == "</AREVIEW>" || tag == "</PERMANENCE>" || tag == "</OC2>" ||
                   tag == "</AD_PLACED>") {
            current = &out.back().header;
        } else if (tag.starts_with("</")) {
            // the end of a child, its header or an episode: nothing to keep
        } else if (tag.ends_with("/>") && current != nullptr) {
            (*current)[tag.substr(1, tag.size() - 3)] = "";
        } else if (const std::size_t close = tag.find("</"); close != std::string::npos && current != nullptr) {
            const std::size_t gt = tag.find('>');
            (*current)[tag.substr(1, gt - 1)] = tag.substr(gt + 1, close - gt - 1);
        }
    }
    return out;
}

// The CSV rows (as text) that the XML return's children hold, table by table.
std::map<std::string, std::vector<std::string>> csv_rows_of_xml(const std::string& xml) {
    std::map<std::string, std::vector<std::string>> t;
    auto pick = [](const std::map<std::string, std::string>& values, std::initializer_list<const char*> names) {
        std::vector<std::string> cells;
        for (const char* name : names) {
            const auto it = values.find(name);
            cells.push_back(it == values.end() ? "<absent>" : it->second);
        }
        return cells;
    };
    for (const XmlChild& c : read_xml_children(xml)) {
        const auto& h = c.header;
        const std::string id = h.at("CHILDID");
        const std::string dob = h.at("DOB");
        t["header.csv"].push_back(join(pick(h, {"CHILDID", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"})));
        if (h.at("UASC") == "1") t["uasc.csv"].push_back(join(pick(h, {"CHILDID", "SEX", "DOB", "DUC"})));
        if (h.count("IN_TOUCH")) t["oc3.csv"].push_back(join(pick(h, {"CHILDID", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"})));
        if (h.count("DATE_INT")) {
            t["ad1.csv"].push_back(join(pick(h, {"CHILDID", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR",
                                                 "SEX_ADOPTR", "LS_ADOPTR"})));
        }
        for (const auto& [name, values] : c.blocks) {
            const std::string lead = id + "," + dob + ",";
            if (name == "AMISSING") t["missing.csv"].push_back(lead + join(pick(values, {"MISSING", "MIS_START", "MIS_END"})));
            if (name == "AREVIEW") t["reviews.csv"].push_back(lead + join(pick(values, {"REVIEW", "REVIEW_CODE"})));
            if (name == "PERMANENCE") {
                t["previous_permanence.csv"].push_back(lead + join(pick(values, {"PREV_PERM", "LA_PERM", "DATE_PERM"})));
            }
            if (name == "AD_PLACED") {
                t["placed_for_adoption.csv"].push_back(
                    lead + join(pick(values, {"DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"})));
            }
            if (name == "OC2") {
                t["oc2.csv"].push_back(lead + join(pick(values, {"SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
                                                                 "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
                                                                 "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
                                                                 "INTERVENTION_OFFERED"})));
            }
            if (name == "EPISODE") {
                t["episodes.csv"].push_back(id + "," + join(pick(values, {"DECOM", "RNE", "LS", "CIN", "PL", "PLACE_PROVIDER",
                                                                          "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST",
                                                                          "PL_POST", "URN"})));
            }
        }
    }
    return t;
}

}  // namespace

TEST(Synth, AnXmlReturnHoldsTheRowsOfTheSameReturnAsCsv) {
    SynthOptions csv;
    csv.children = 500;
    SynthOptions xml = csv;
    xml.xml_years = {2024, 2025};
    std::map<std::string, const SynthFile*> csv_files;
    const auto csv_run = generate(csv);
    for (const SynthFile& f : csv_run) csv_files[f.path] = &f;
    const auto xml_run = generate(xml);
    std::size_t compared = 0;
    for (const SynthFile& f : xml_run) {
        if (f.path.ends_with(".xml")) {
            const std::string year = f.path.substr(0, 4);
            const auto rows = csv_rows_of_xml(f.content);
            for (const auto& [name, columns] : return_files(std::stoi(year))) {
                if (name == "escalations.csv" || name == "sw_episodes.csv") continue;
                std::vector<std::string> expected;
                const std::string& text = csv_files.at(year + "/" + name)->content;
                std::istringstream lines(text);
                std::string line;
                std::getline(lines, line);  // the column names
                while (std::getline(lines, line)) expected.push_back(line);
                const auto it = rows.find(name);
                const std::vector<std::string> got = it == rows.end() ? std::vector<std::string>{} : it->second;
                EXPECT_EQ(got, expected) << f.path << " " << name;
                EXPECT_FALSE(expected.empty()) << name;
                ++compared;
            }
        } else {
            // Every other file, social worker episodes included, is the CSV run's.
            ASSERT_TRUE(csv_files.count(f.path)) << f.path;
            EXPECT_TRUE(f.content == csv_files.at(f.path)->content) << f.path;
        }
    }
    EXPECT_EQ(compared, 20U);
    // Children who are not UASC say so with an empty element.
    for (const SynthFile& f : xml_run) {
        if (!f.path.ends_with(".xml")) continue;
        for (const XmlChild& c : read_xml_children(f.content)) {
            const std::string& uasc = c.header.at("UASC");
            EXPECT_TRUE(uasc.empty() || (uasc == "1" && c.header.count("DUC"))) << c.header.at("CHILDID");
        }
    }
}
