// A site of every authority's published figures ([authorities] from = "published",
// docs/authorities.md): the config, an authority's published figures as a measure set (unit
// tests), and whole builds from the demo's fictional DfE files: a folder per authority, every link
// resolving, symbols kept, the overview's figures each authority's own, the same bytes twice, and
// the errors of a config that names no files or an authority the files do not have.
// tests/reference/check_published_site.py checks a build of the DfE's real files figure by figure.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "app/authorities.hpp"
#include "benchmarks/benchmarks.hpp"
#include "config/config.hpp"
#include "support/diagnostics.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard::testing;

namespace careboard {
namespace {

std::string all_messages(const Diagnostics& diagnostics) {
    std::string out;
    for (const std::string& m : testing::messages(diagnostics)) out += m + "\n";
    return out;
}

TEST(PublishedAuthorities, ConfigReadsFromRegionAndCodes) {
    Diagnostics d;
    const Config c = parse_config(R"([authorities]
name = "East Midlands"
from = "published"
region = " E12000004 "
include = [ { code = "E06000015", name = "Derby City" }, { code = "831" } ]
)",
                                  "careboard.toml", "/srv", d);
    EXPECT_TRUE(d.items().empty()) << all_messages(d);
    EXPECT_TRUE(c.authorities.published);
    EXPECT_EQ(c.authorities.region, "E12000004");
    ASSERT_EQ(c.authorities.list.size(), 2u);
    EXPECT_EQ(c.authorities.list[0].code, "E06000015");
    EXPECT_EQ(c.authorities.list[0].name, "Derby City");
    EXPECT_EQ(c.authorities.list[1].code, "831");
    EXPECT_FALSE(parse_config("[authorities]\n", "c.toml", "", d).authorities.published);
}

TEST(PublishedAuthorities, ConfigProblemsAreErrorsWhereTheyAreWritten) {
    Diagnostics d;
    parse_config(R"([authorities]
from = "ees"
)",
                 "careboard.toml", "", d);
    parse_config(R"([authorities]
region = "London"
)",
                 "two.toml", "", d);
    parse_config(R"([authorities]
from = "published"
include = [ { la = "Derby" }, { code = "E06000015" }, { code = "E06000015" } ]
)",
                 "three.toml", "", d);
    const std::string m = all_messages(d);
    EXPECT_NE(m.find("careboard.toml:2:8: error: 'authorities.from' must be \"903\""), std::string::npos) << m;
    EXPECT_NE(m.find("two.toml:2:10: error: 'authorities.region' must be used with from = \"published\" only"),
              std::string::npos) << m;
    EXPECT_NE(m.find("three.toml:3:13: error: 'authorities.include' must be with from = \"published\", a list of { code"),
              std::string::npos) << m;
    EXPECT_NE(m.find("three.toml:3:64: error: 'authorities.include.code' must be different for each authority"),
              std::string::npos) << m;
}

// A small set of published figures: two authorities of one region, England, two years.
EesFigures two_authorities() {
    EesFigures f;
    f.areas["E92000001"] = {"E92000001", "E92000001", "", {}, "England", AreaLevel::national, "", 2024};
    f.areas["E12000004"] = {"E12000004", "E12000004", "", {}, "East Midlands", AreaLevel::regional, "", 2024};
    f.areas["831"] = {"831", "E06000015", "831", {"E06000015"}, "Derby", AreaLevel::local_authority, "E12000004", 2024};
    f.areas["892"] = {"892", "E06000018", "892", {"E06000018"}, "Nottingham", AreaLevel::local_authority, "E12000004", 2024};
    auto put = [&](const std::string& measure, const std::string& category, const std::string& area, int year,
                   std::optional<double> value, char symbol = 0, int decimals = 0) {
        PublishedCell c;
        c.value = value;
        c.symbol = symbol;
        c.decimals = decimals;
        f.cells[{measure, category}][area][year] = c;
    };
    put("looked_after", "Total", "831", 2023, 620);
    put("looked_after", "Total", "831", 2024, 598);
    put("looked_after", "Total", "892", 2024, 700);
    put("looked_after", "Total", "E92000001", 2024, 83630);
    put("looked_after_rate_per_10000", "Total", "831", 2024, 99);
    put("oc2_sdq_average", "Total", "831", 2024, 15.9, 0, 1);
    put("oc2_sdq_average", "Total", "831", 2023, 14, 0, 0);
    put("started_by_need", "N2", "831", 2024, std::nullopt, 'c');
    put("started_by_need", "N1", "831", 2024, 132);
    put("population_0_17", "Total", "831", 2024, 60000);
    return f;
}

TEST(PublishedAuthorities, AnAuthoritysPublishedFiguresAreAMeasureSetOfItsYears) {
    Config config;
    config.authority_code = "E06000015";
    Diagnostics d;
    std::shared_ptr<Benchmarks> b = compare_with(two_authorities(), config, d);
    ASSERT_TRUE(b) << all_messages(d);
    const MeasureSet set = published_measure_set(b);
    EXPECT_EQ(set.area_code, "E06000015");
    EXPECT_TRUE(set.quarters.empty());
    // The year ending 31 March 2024 is the set's 2023 (2023-24).
    EXPECT_EQ(set.years, (std::vector<int>{2022, 2023}));
    const Measure* la = set.find("looked_after");
    ASSERT_TRUE(la);
    EXPECT_EQ(la->values[0][set.year_period(0)], 620);
    EXPECT_EQ(la->values[0][set.year_period(1)], 598);
    // Places: the most any of its cells is published with.
    EXPECT_EQ(la->decimals, 0);
    EXPECT_EQ(set.find("oc2_sdq_average")->decimals, 1);
    // A symbol is kept, never a number; categories in the breakdown's order.
    const Measure* need = set.find("started_by_need");
    ASSERT_TRUE(need);
    EXPECT_EQ(need->categories, (std::vector<std::string>{"N1", "N2"}));
    EXPECT_EQ(need->symbol(1, set.year_period(1)), 'c');
    EXPECT_FALSE(need->values[1][set.year_period(1)]);
    // The 0-17 population the rates are of is no figure of the authority's.
    EXPECT_FALSE(set.find("population_0_17"));
    // Nottingham's figures are not Derby's.
    EXPECT_EQ(set.find("looked_after")->values[0][set.year_period(0)], 620);
}

TEST(PublishedAuthorities, AllIsEveryLocalAuthorityWithAFigureInTheLatestYearOfTheRegion) {
    EesFigures f = two_authorities();
    // An authority that has ceased: only x in the latest year.
    f.areas["909"] = {"909", "E10000006", "909", {"E10000006"}, "Cumbria", AreaLevel::local_authority, "E12000002", 2024};
    f.cells[{"looked_after", "Total"}]["909"][2023].value = 700;
    f.cells[{"looked_after", "Total"}]["909"][2024].symbol = 'x';
    Diagnostics d;
    Config config;
    config.authorities.enabled = config.authorities.published = config.authorities.all = true;
    std::vector<AuthorityEntry> all = resolve_published_authorities(config, f, d);
    ASSERT_EQ(all.size(), 2u) << all_messages(d);
    EXPECT_EQ(all[0].code, "E06000015");
    EXPECT_EQ(all[0].name, "Derby");
    EXPECT_EQ(all[1].code, "E06000018");
    config.authorities.region = "east midlands";
    EXPECT_EQ(resolve_published_authorities(config, f, d).size(), 2u);
    config.authorities.region = "E12000002";
    EXPECT_TRUE(resolve_published_authorities(config, f, d).empty());
    EXPECT_NE(all_messages(d).find("authorities.region: no local authority of the DfE files is in 'E12000002'"),
              std::string::npos);
    // Listed by new or old code; a ceased authority can be listed.
    Diagnostics listed;
    config.authorities.all = false;
    config.authorities.list = {{"", "", "892", "", {4, 13}}, {"", "", "E10000006", "Cumbria County", {4, 40}},
                               {"", "", "E06999999", "", {5, 13}}};
    std::vector<AuthorityEntry> some = resolve_published_authorities(config, f, listed);
    ASSERT_EQ(some.size(), 2u);
    EXPECT_EQ(some[0].code, "E06000018");
    EXPECT_EQ(some[1].name, "Cumbria County");
    EXPECT_NE(all_messages(listed).find(":5:13: error: authorities.include: no local authority 'E06999999'"), std::string::npos)
        << all_messages(listed);
}

// Whole builds from the demo's fictional DfE files.
struct PublishedDemo {
    TempDir tmp{"published"};
    fs::path config = tmp.path / "careboard.toml";
    explicit PublishedDemo(const std::string& authorities = "") {
        const fs::path ees = source_dir() / "sample-data" / "ees";
        std::string text = "[output]\ntitle = \"Children looked after\"\n[authorities]\nname = \"Fictional England\"\n"
                           "from = \"published\"\n" + authorities +
                           "[benchmarks]\nsource = \"fictional statistics\"\nneighbour_model = \"" +
                           (ees / "sn_model_wide.csv").string() + "\"\n";
        for (const auto& [kind, file] : std::vector<std::pair<std::string, std::string>>{
                 {"rates", "cla_number_and_rate_per_10k_children.csv"},
                 {"started", "la_cla_who_started_to_be_looked_after.csv"},
                 {"ceased", "la_children_who_ceased_during_the_year.csv"},
                 {"placement_stability", "la_cla_placement_stability.csv"},
                 {"health", "la_conviction_health_outcome_cla.csv"},
                 {"care_leavers_activity", "la_care_leavers_activity.csv"},
                 {"missing", "la_children_who_were_missing_or_away.csv"}})
            text += kind + " = \"" + (ees / file).string() + "\"\n";
        spit(config, text);
    }
    RunResult build(const fs::path& out, const std::string& extra = "") const {
        return run_careboard("build --quiet --build-date 2025-05-01 --config '" + config.string() + "' --out '" +
                             out.string() + "' " + extra);
    }
};

std::vector<std::string> cells_of(const std::string& line) {
    std::vector<std::string> f;
    std::string cell;
    bool quoted = false;
    for (char ch : line) {
        if (ch == '"') quoted = !quoted;
        else if (ch == ',' && !quoted) {
            f.push_back(cell);
            cell.clear();
        } else cell += ch;
    }
    f.push_back(cell);
    return f;
}

TEST(PublishedSite, EveryAuthorityHasItsPagesAndEveryLinkResolves) {
    PublishedDemo p;
    const fs::path site = p.tmp.path / "site";
    const RunResult r = p.build(site);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto tree = read_tree(site);
    // The fictional England's 24 authorities: the demo's own and 23 others, each in its folder.
    std::set<std::string> folders;
    for (const auto& [path, content] : tree)
        if (path.ends_with("/index.html") && path.find('/') == path.rfind('/')) folders.insert(path.substr(0, path.find('/')));
    folders.erase("overview");
    EXPECT_EQ(folders.size(), 24u);
    EXPECT_TRUE(folders.count("E06999999"));
    for (const std::string& code : folders) {
        EXPECT_TRUE(tree.count(code + "/how-we-compare.html")) << code;
        EXPECT_TRUE(tree.count(code + "/data/measures.csv")) << code;
        EXPECT_TRUE(tree.at(code + "/data/measures.csv").find("\n" + code + ",") != std::string::npos) << code;
    }
    EXPECT_TRUE(tree.count("assets/careboard.css"));
    EXPECT_TRUE(tree.count("overview/looked_after_rate_per_10000.html"));
    for (const auto& [path, content] : tree)
        if (path.find("/assets/") != std::string::npos) ADD_FAILURE() << "an authority's own assets: " << path;
    // Every link and source of every page resolves to a file of the site.
    const std::regex link(R"re((?:href|src)="([^"#:]+)(?:#[^"]*)?")re");
    std::size_t checked = 0;
    for (const auto& [path, content] : tree) {
        if (!path.ends_with(".html")) continue;
        for (std::sregex_iterator it(content.begin(), content.end(), link), end; it != end; ++it) {
            const std::string target = (*it)[1].str();
            const std::string resolved = (fs::path(path).parent_path() / target).lexically_normal().generic_string();
            EXPECT_TRUE(tree.count(resolved)) << path << " links to " << target;
            ++checked;
        }
    }
    EXPECT_GT(checked, 2000u);
    // The index names the figures as the DfE's; no page speaks of quarters or 903 returns.
    EXPECT_NE(tree.at("index.html").find("The DfE's published figures for children in care in 24 local authorities"),
              std::string::npos);
    EXPECT_EQ(tree.at("E06999999/index.html").find("SSDA903"), std::string::npos);
    // England's published figure across each ranking, in the chart and in words.
    const std::string& rate = tree.at("overview/looked_after_rate_per_10000.html");
    EXPECT_NE(rate.find("A dashed line marks the DfE&apos;s figure for England (fictional) ("), std::string::npos);
    EXPECT_NE(rate.find(R"("mark":{"type":"rule")"), std::string::npos);
}

TEST(PublishedSite, TheOverviewGivesEachAuthoritysFiguresAndSymbolsAsItsOwnFiles) {
    PublishedDemo p;
    const fs::path site = p.tmp.path / "site";
    ASSERT_EQ(p.build(site).exit_code, 0);
    const auto tree = read_tree(site);
    std::map<std::string, std::string> own;  // "code,start,end,measure" -> value or symbol
    std::size_t symbols = 0;
    for (const auto& [path, content] : tree) {
        if (!path.ends_with("/data/measures.csv") || path.starts_with("data/")) continue;
        const std::string code = path.substr(0, path.find('/'));
        std::istringstream lines(content);
        std::string line;
        while (std::getline(lines, line)) {
            const std::vector<std::string> f = cells_of(line);
            if (f.size() == 6 && f[0] == code && f[4] == "Total") own[f[0] + "," + f[1] + "," + f[2] + "," + f[3]] = f[5];
            if (f.size() == 6 && f[0] == code && f[5] == "c") ++symbols;
        }
    }
    EXPECT_GT(symbols, 0u) << "the fictional files withhold some figures (c): they are kept";
    std::size_t compared = 0, withheld = 0;
    for (const auto& [path, content] : tree) {
        if (!path.starts_with("overview/data/")) continue;
        std::istringstream lines(content);
        std::string line;
        std::getline(lines, line);
        while (std::getline(lines, line)) {
            std::vector<std::string> f = cells_of(line);
            f.resize(14);
            const std::string key = f[4] + "," + f[1] + "," + f[2] + "," + f[6];
            const std::string shown = f[9].empty() ? f[10] : f[9];
            if (shown == "x" && !own.count(key)) continue;  // no figure for that year
            ASSERT_TRUE(own.count(key)) << path << ": " << line;
            EXPECT_EQ(std::stod(shown == "c" ? "0" : shown), std::stod(own[key] == "c" ? "0" : own[key])) << line;
            EXPECT_EQ(shown == "c", own[key] == "c") << line;
            if (shown == "c") {
                ++withheld;
                EXPECT_TRUE(f[11].empty()) << "a withheld figure is ranked: " << line;
            }
            ++compared;
        }
    }
    EXPECT_GT(compared, 1000u);
    EXPECT_GT(withheld, 0u);
    // The site's measures.csv: each authority's rows once, England's and the regions' once.
    const std::string& combined = tree.at("data/measures.csv");
    std::set<std::string> rows;
    std::istringstream lines(combined);
    std::string line;
    while (std::getline(lines, line)) EXPECT_TRUE(rows.insert(line).second) << "twice: " << line;
    EXPECT_NE(combined.find("\nE92000001,"), std::string::npos);
}

TEST(PublishedSite, TwoBuildsAreByteIdenticalAndARegionIsItsAuthorities) {
    PublishedDemo p;
    ASSERT_EQ(p.build(p.tmp.path / "a").exit_code, 0);
    ASSERT_EQ(p.build(p.tmp.path / "b").exit_code, 0);
    EXPECT_TRUE(read_tree(p.tmp.path / "a") == read_tree(p.tmp.path / "b"));

    PublishedDemo region("region = \"Middle Shires (fictional)\"\n");
    const fs::path site = region.tmp.path / "site";
    const RunResult r = region.build(site);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t folders = 0;
    for (const auto& e : fs::directory_iterator(site))
        if (fs::exists(e.path() / "how-we-compare.html")) ++folders;
    EXPECT_GT(folders, 1u);
    EXPECT_LT(folders, 24u);
    EXPECT_TRUE(fs::exists(site / "E06999999" / "index.html")) << "the demo's authority is in the Middle Shires";
}

TEST(PublishedSite, TheGeneratorWritesFilesOfAsManyAuthoritiesAsAsked) {
    TempDir tmp("published-synth");
    RunResult r = run_careboard("synth --children 200 --years 3 --seed 2 --ees-authorities 40 --out '" +
                                (tmp.path / "data").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const fs::path ees = tmp.path / "data" / "ees";
    spit(tmp.path / "careboard.toml", "[authorities]\nfrom = \"published\"\n[benchmarks]\nrates = \"" +
                                          (ees / "cla_number_and_rate_per_10k_children.csv").string() +
                                          "\"\nneighbour_model = \"" + (ees / "sn_model_wide.csv").string() + "\"\n");
    r = run_careboard("build --quiet --config '" + (tmp.path / "careboard.toml").string() + "' --out '" +
                      (tmp.path / "site").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << "every authority is in the neighbour model: " << r.err;
    std::set<std::string> codes;
    for (const auto& e : fs::directory_iterator(tmp.path / "site"))
        if (fs::exists(e.path() / "how-we-compare.html")) codes.insert(e.path().filename().string());
    EXPECT_EQ(codes.size(), 40u);
    EXPECT_TRUE(codes.count("E06999999") && codes.count("E06998015")) << *codes.rbegin();
    r = run_careboard("synth --ees-authorities 10 --out '" + (tmp.path / "few").string() + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--ees-authorities must be from 11"), std::string::npos) << r.err;
}

TEST(PublishedSite, NoFilesOrAnAuthorityNotInThemStopsTheBuild) {
    TempDir tmp("published-errors");
    spit(tmp.path / "careboard.toml", "[authorities]\nfrom = \"published\"\n");
    RunResult r = run_careboard("build --config '" + (tmp.path / "careboard.toml").string() + "' --out '" +
                                (tmp.path / "site").string() + "'");
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("careboard.toml:2:8: error: authorities.from = \"published\" builds from the DfE's files, and "
                         "[benchmarks] names none"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(tmp.path / "site"));

    PublishedDemo p("include = [ { code = \"E06999999\" },\n            { code = \"E06000015\" } ]\n");
    r = p.build(p.tmp.path / "site");
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("careboard.toml:7:13: error: authorities.include: no local authority 'E06000015' in the DfE files"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(p.tmp.path / "site"));
    r = run_careboard("check --config '" + p.config.string() + "'");
    EXPECT_NE(r.exit_code, 0);
}

}  // namespace
}  // namespace careboard
