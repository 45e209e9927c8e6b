// Sites of several authorities ([authorities], docs/authorities.md): the config, the pooled
// generator, ranking, the combined measures.csv (unit tests), and whole builds of a pooled set:
// each authority's pages as its own build gives them, shared assets once, every link resolving,
// the overview publishing no figure the authorities' pages do not, and input errors.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "app/authorities.hpp"
#include "config/config.hpp"
#include "measures/measures_csv.hpp"
#include "render/overview.hpp"
#include "support/diagnostics.hpp"
#include "support/run.hpp"
#include "synth/pooled.hpp"

namespace fs = std::filesystem;
using namespace careboard::testing;

namespace careboard {
namespace {

std::string all_messages(const Diagnostics& diagnostics) {
    std::string out;
    for (const std::string& m : testing::messages(diagnostics)) out += m + "\n";
    return out;
}

Config parse(std::string_view text, Diagnostics& diagnostics) {
    return parse_config(text, "careboard.toml", "/srv/cfg", diagnostics);
}

TEST(Authorities, ConfigReadsAListOfLaValuesAndFolders) {
    Diagnostics d;
    const Config c = parse(R"([authorities]
name = "South London"
keep_going = true
include = [ { la = " Southwark ", code = "E09000028" }, { dir = "data/Bromley LBC", name = "Bromley" },
            { la = "Hillingdon" } ]
)",
                           d);
    EXPECT_TRUE(d.items().empty()) << all_messages(d);
    ASSERT_TRUE(c.authorities.enabled);
    EXPECT_EQ(c.authorities.name, "South London");
    EXPECT_TRUE(c.authorities.keep_going);
    EXPECT_FALSE(c.authorities.all);
    ASSERT_EQ(c.authorities.list.size(), 3u);
    EXPECT_EQ(c.authorities.list[0].la, "Southwark");
    EXPECT_EQ(c.authorities.list[0].code, "E09000028");
    EXPECT_EQ(c.authorities.list[0].name, "Southwark");
    EXPECT_EQ(c.authorities.list[1].dir, "/srv/cfg/data/Bromley LBC");
    EXPECT_EQ(c.authorities.list[1].code, "bromley-lbc");
    EXPECT_EQ(c.authorities.list[1].name, "Bromley");
    EXPECT_EQ(c.authorities.list[2].code, "hillingdon");
    EXPECT_EQ(c.authorities.list[2].at.line, 5);
}

TEST(Authorities, IncludeAllIsTheDefault) {
    Diagnostics d;
    const Config c = parse("[authorities]\n", d);
    EXPECT_TRUE(d.items().empty());
    EXPECT_TRUE(c.authorities.all);
    EXPECT_EQ(c.authorities.name, "All authorities");
    const Config none = parse("", d);
    EXPECT_FALSE(none.authorities.enabled);
}

TEST(Authorities, ConfigProblemsAreErrorsWhereTheyAreWritten) {
    Diagnostics d;
    parse(R"([authorities]
include = [ { la = "A", dir = "b" }, { code = "x" }, { la = "One", code = "E1" }, { la = "Two", code = "e1" },
            { la = "Data" }, "Southwark" ]
colour = "blue"
)",
          d);
    const std::string m = all_messages(d);
    EXPECT_NE(m.find("careboard.toml:2:13: error: 'authorities.include' must be given either la"), std::string::npos) << m;
    EXPECT_NE(m.find("careboard.toml:2:38: error: 'authorities.include' must be given either la"), std::string::npos) << m;  // neither
    EXPECT_NE(m.find("('e1' is given twice)"), std::string::npos) << m;
    EXPECT_NE(m.find("careboard.toml:3:13: error: 'authorities.include.code' must be a code of letters and digits other than assets, data and overview"), std::string::npos) << m;
    EXPECT_NE(m.find("careboard.toml:3:30: error: 'authorities.include' must be a list of tables"), std::string::npos) << m;
    EXPECT_NE(m.find("colour"), std::string::npos) << m;  // unknown key (W001)
    EXPECT_EQ(d.error_count(), 5u) << m;
    EXPECT_EQ(d.warning_count(), 1u) << m;
}

TEST(Authorities, FolderCodesAreAreaCodesOrLowerCaseWords) {
    EXPECT_EQ(authority_folder_code("E09000028"), "E09000028");
    EXPECT_EQ(authority_folder_code(" W06000015 "), "W06000015");
    EXPECT_EQ(authority_folder_code("Kingston upon Hull, City of"), "kingston-upon-hull-city-of");
    EXPECT_EQ(authority_folder_code("--St. Helens--"), "st-helens");
    EXPECT_EQ(authority_folder_code("E0900002"), "e0900002");  // 8 characters: not a code
    EXPECT_EQ(authority_folder_code("..."), "");
}

TEST(Authorities, AnAuthoritysConfigHasItsOwnNameCodeDataAndSource) {
    Diagnostics d;
    const Config shared = parse("[data]\nla = \"Ignored\"\n[benchmarks]\nauthority = \"831\"\n"
                                "[authorities]\ninclude = [{ la = \"Southwark\", code = \"E09000028\" }, { dir = \"b\" }]\n",
                                d);
    ASSERT_EQ(shared.authorities.list.size(), 2u);
    const Config one = authority_config(shared, shared.authorities.list[0]);
    EXPECT_EQ(one.authority_name, "Southwark");
    EXPECT_EQ(one.authority_code, "E09000028");
    EXPECT_EQ(one.data_la, std::optional<std::string>("Southwark"));
    EXPECT_EQ(one.source_name, "SSDA903 export, Southwark");
    EXPECT_FALSE(one.benchmarks.authority.has_value());  // its own code, not the shared one
    EXPECT_FALSE(one.authorities.enabled);
    const Config two = authority_config(shared, shared.authorities.list[1]);
    EXPECT_EQ(two.data_dir, "/srv/cfg/b");
    EXPECT_FALSE(two.data_la.has_value());
}

TEST(Authorities, AnAreaOfAFileOfSeveralIsReadAloneAndItsAreasListed) {
    const std::string text =
        "area_code,period_start,period_end,measure,category,value\n"
        "E92000001,2024-03-31,2024-03-31,looked_after,Total,83630\n"  // England: a benchmark row
        "A,2024-03-31,2024-03-31,looked_after,Total,40\n"
        "B,2024-03-31,2024-03-31,looked_after,Total,30\n"
        "A,2023-12-31,2023-12-31,looked_after,Total,41\n"
        "B,2023-12-31,2023-12-31,looked_after,Total,31\n"
        "S,2024-03-31,2024-03-31,looked_after,Total,35\n";  // only 31 March: a published figure
    EXPECT_EQ(measures_csv_areas(text, "m.csv"), (std::vector<std::string>{"A", "B"}));
    Diagnostics d;
    const std::optional<MeasureSet> b = read_measures_csv(text, "m.csv", d, std::string("B"));
    ASSERT_TRUE(b.has_value()) << all_messages(d);
    EXPECT_TRUE(d.items().empty()) << all_messages(d);  // the other areas are passed over in silence
    EXPECT_EQ(b->area_code, "B");
    EXPECT_EQ(b->value("looked_after", b->quarters.size() - 1), std::optional<double>(30));
    Diagnostics none;
    EXPECT_FALSE(read_measures_csv(text, "m.csv", none, std::string("C")).has_value());
    EXPECT_NE(all_messages(none).find("m.csv: error: holds no rows of area_code 'C' [E123]"), std::string::npos)
        << all_messages(none);
}

TEST(Authorities, CombinedMeasuresKeepEachAuthoritysRowsAndOtherAreasOnce) {
    const std::string a = "area_code,x\nA,1\nA,2\nE92000001,9\nS1,5\n";
    const std::string b = "area_code,x\nE92000001,9\nB,3\nS1,6\n";
    EXPECT_EQ(combine_measures_csv({a, b}, {"A", "B"}), "area_code,x\nA,1\nA,2\nB,3\nE92000001,9\nS1,5\nS1,6\n");
}

// A set of one measure's yearly Totals, for ranking.
MeasureSet yearly(const std::string& area, std::vector<std::optional<double>> per_year, std::vector<char> symbols = {}) {
    MeasureSet set;
    set.area_code = area;
    set.quarters = {Quarter{2023, 1}, Quarter{2023, 2}, Quarter{2023, 3}, Quarter{2023, 4}};
    set.years = {2022, 2023};
    Measure m = new_measure("looked_after");
    m.categories = {"Total"};
    m.values = {{std::nullopt, std::nullopt, std::nullopt, std::nullopt, per_year[0], per_year[1]}};
    m.symbols = {std::vector<char>(6, 0)};
    for (std::size_t i = 0; i < symbols.size(); ++i) m.symbols[0][4 + i] = symbols[i];
    set.put(std::move(m));
    return set;
}

TEST(Authorities, RanksAreOfShownFiguresLowestFirstWithTiesSharingTheLowestRank) {
    const std::vector<MeasureSet> sets{yearly("A", {10, 40}), yearly("B", {20, 25}), yearly("C", {30, std::nullopt}, {0, 'c'}),
                                       yearly("D", {40, 25}), yearly("E", {50, 90})};
    OverviewInput input;
    for (const MeasureSet& s : sets) input.authorities.push_back({s.area_code, "Authority " + s.area_code, &s});
    const std::vector<OverviewRow> rows = overview_rows(input, "looked_after", 2023);
    ASSERT_EQ(rows.size(), 5u);
    // Shown: B 25, D 25, A 40, E 90 (C withheld). Four ranked: ranks 1, 1, 3, 4; quartiles
    // ceil(4 x rank / 4).
    std::vector<std::string> order;
    for (const OverviewRow& r : rows) order.push_back(input.authorities[r.authority].code);
    EXPECT_EQ(order, (std::vector<std::string>{"B", "D", "A", "E", "C"}));
    EXPECT_EQ(rows[0].rank, 1);
    EXPECT_EQ(rows[1].rank, 1);
    EXPECT_EQ(rows[2].rank, 3);
    EXPECT_EQ(rows[3].rank, 4);
    EXPECT_EQ(rows[4].rank, 0);
    EXPECT_EQ(rows[4].symbol, 'c');
    for (const OverviewRow& r : rows) EXPECT_EQ(r.of, r.rank ? 4 : 0);
    EXPECT_EQ(rows[0].quartile, 1);
    EXPECT_EQ(rows[2].quartile, 3);
    EXPECT_EQ(rows[3].quartile, 4);
    // The earlier year: five ranked, 10 to 50.
    const std::vector<OverviewRow> earlier = overview_rows(input, "looked_after", 2022);
    EXPECT_EQ(earlier.front().rank, 1);
    EXPECT_EQ(earlier.back().rank, 5);
    EXPECT_EQ(earlier[2].quartile, 3);  // rank 3 of 5: ceil(12 / 5)
}

TEST(Authorities, PooledAuthoritiesShareTheChildrenUnequally) {
    const std::vector<synth::PooledAuthority> a = synth::pooled_authorities(10000, 153);
    ASSERT_EQ(a.size(), 153u);
    std::set<std::string> codes, names;
    int total = 0, smallest = 1 << 30, largest = 0;
    for (const synth::PooledAuthority& p : a) {
        codes.insert(p.code);
        names.insert(p.name);
        total += p.children;
        smallest = std::min(smallest, p.children);
        largest = std::max(largest, p.children);
    }
    EXPECT_EQ(codes.size(), 153u);
    EXPECT_EQ(names.size(), 153u);
    EXPECT_EQ(a.front().code, "E06990001");
    EXPECT_NEAR(total, 10000, 153);
    EXPECT_GE(largest, 2 * smallest);
    EXPECT_THROW(synth::pooled_authorities(100, 0), std::invalid_argument);
    EXPECT_THROW(synth::pooled_authorities(100, 401), std::invalid_argument);
}

TEST(Authorities, PooledFilesAreEachAuthoritysRowsWithAnLaColumn) {
    synth::SynthOptions options;
    options.children = 120;
    options.years = 2;
    const std::vector<synth::SynthFile> pooled = synth::generate_pooled(options, 3);
    const std::vector<synth::PooledAuthority> authorities = synth::pooled_authorities(120, 3);
    std::map<std::string, std::string> files;
    for (const synth::SynthFile& f : pooled) files[f.path] = f.content;
    ASSERT_TRUE(files.count("2025/episodes.csv"));
    EXPECT_FALSE(files.count("2025/escalations.csv"));
    EXPECT_FALSE(files.count("iro_staffing.csv"));
    // The pooled file is each authority's own file, in turn, with its code on every row.
    std::string expected;
    for (std::size_t i = 0; i < authorities.size(); ++i) {
        synth::SynthOptions one = options;
        one.children = authorities[i].children;
        one.seed = options.seed * 1000003u + i + 1;
        for (const synth::SynthFile& f : synth::generate(one)) {
            if (f.path != "2025/episodes.csv") continue;
            std::istringstream lines(f.content);
            std::string line;
            bool header = true;
            while (std::getline(lines, line)) {
                if (header && i == 0) expected += line + ",LA\n";
                if (!header) expected += line + "," + authorities[i].code + "\n";
                header = false;
            }
        }
    }
    EXPECT_EQ(files["2025/episodes.csv"], expected);
    const std::string& config = files["careboard.toml"];
    for (const synth::PooledAuthority& a : authorities)
        EXPECT_NE(config.find("{ la = \"" + a.code + "\", name = \"" + a.name + "\" }"), std::string::npos) << config;
    options.xml_years = {2025};
    EXPECT_THROW(synth::generate_pooled(options, 3), std::invalid_argument);
}

// Whole builds of a pooled set of three small authorities.
struct Pooled {
    TempDir tmp{"authorities"};
    fs::path data = tmp.path / "data";
    Pooled() {
        const RunResult r = run_careboard("synth --authorities 3 --children 150 --years 3 --seed 4 --out '" + data.string() + "'");
        EXPECT_EQ(r.exit_code, 0) << r.err;
    }
    RunResult build(const fs::path& out, const std::string& extra = "", const std::string& config = "") const {
        return run_careboard("build --quiet --build-date 2025-05-01 --config '" +
                             (config.empty() ? (data / "careboard.toml").string() : config) + "' --out '" + out.string() +
                             "' " + extra);
    }
};

std::vector<std::string> rows_of_area(const std::string& csv, const std::string& area) {
    std::vector<std::string> out;
    std::istringstream lines(csv);
    std::string line;
    while (std::getline(lines, line))
        if (line.starts_with(area + ",")) out.push_back(line);
    return out;
}

TEST(AuthoritiesSite, EachAuthoritysPagesAreItsOwnBuildsAndTheAssetsAreWrittenOnce) {
    Pooled p;
    const fs::path site = p.tmp.path / "site";
    const RunResult r = p.build(site);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto tree = read_tree(site);
    const std::vector<std::string> codes{"E06990001", "E06990002", "E06990003"};
    for (const auto& [path, content] : tree) {
        // Assets once, at the root: no authority has a copy.
        if (path.find("/assets/") != std::string::npos) ADD_FAILURE() << path;
    }
    EXPECT_TRUE(tree.count("assets/careboard.css"));
    EXPECT_TRUE(tree.count("assets/vendor/vega.min.js"));
    EXPECT_TRUE(tree.count("index.html"));
    EXPECT_TRUE(tree.count("overview/looked_after.html"));
    EXPECT_TRUE(tree.count("overview/looked_after-by-name.html"));
    EXPECT_TRUE(tree.count("overview/data/looked_after-years.csv"));
    const std::string& combined = tree.at("data/measures.csv");
    EXPECT_TRUE(combined.starts_with("area_code,period_start,period_end,measure,category,value\n"));
    for (const std::string& code : codes) {
        ASSERT_TRUE(tree.count(code + "/index.html")) << code;
        // The authority alone: a config of one, reading its LA value from the same files.
        const fs::path one_config = p.tmp.path / (code + ".toml");
        spit(one_config, "[authority]\nname = \"x\"\ncode = \"" + code + "\"\n[data]\ndir = \"" + p.data.string() +
                             "\"\nla = \"" + code + "\"\n");
        const fs::path one = p.tmp.path / ("one-" + code);
        const RunResult single = p.build(one, "", one_config.string());
        ASSERT_EQ(single.exit_code, 0) << single.err;
        const std::string own = slurp(one / "data/measures.csv");
        EXPECT_EQ(slurp(site / code / "data/measures.csv"), own) << code;
        // The combined file holds exactly its rows, in its order.
        EXPECT_EQ(rows_of_area(combined, code), rows_of_area(own, code)) << code;
        EXPECT_FALSE(rows_of_area(own, code).empty());
    }
    // Every link and source of every page resolves to a file of the site.
    const std::regex link(R"re((?:href|src)="([^"#:]+)(?:#[^"]*)?")re");
    std::size_t checked = 0;
    for (const auto& [path, content] : tree) {
        if (!path.ends_with(".html")) continue;
        for (std::sregex_iterator it(content.begin(), content.end(), link), end; it != end; ++it) {
            const std::string target = (*it)[1].str();
            if (target.empty()) continue;
            const std::string resolved = (fs::path(path).parent_path() / target).lexically_normal().generic_string();
            EXPECT_TRUE(tree.count(resolved)) << path << " links to " << target;
            ++checked;
        }
    }
    EXPECT_GT(checked, 1000u);
}

TEST(AuthoritiesSite, TheOverviewPublishesOnlyFiguresTheAuthoritiesPagesDo) {
    Pooled p;
    const fs::path site = p.tmp.path / "site";
    ASSERT_EQ(p.build(site).exit_code, 0);
    const auto tree = read_tree(site);
    // Each authority's published Totals for whole years, from its own public measures.csv.
    std::map<std::string, std::string> published;  // "code,start,end,measure" -> value or symbol
    for (const auto& [path, content] : tree) {
        if (!path.ends_with("/data/measures.csv") || path.starts_with("data/")) continue;
        std::istringstream lines(content);
        std::string line;
        while (std::getline(lines, line)) {
            std::vector<std::string> f;
            std::stringstream cells(line);
            std::string cell;
            while (std::getline(cells, cell, ',')) f.push_back(cell);
            if (f.size() == 6 && f[4] == "Total") published[f[0] + "," + f[1] + "," + f[2] + "," + f[3]] = f[5];
        }
    }
    std::size_t compared = 0, withheld = 0;
    for (const auto& [path, content] : tree) {
        if (!path.starts_with("overview/data/")) continue;
        std::istringstream lines(content);
        std::string line;
        std::getline(lines, line);
        EXPECT_EQ(line, "period,period_start,period_end,geographic_level,area_code,area_name,measure,category,series,value,"
                        "symbol,rank,ranked,quartile");
        while (std::getline(lines, line)) {
            std::vector<std::string> f;
            std::stringstream cells(line);
            std::string cell;
            while (std::getline(cells, cell, ',')) f.push_back(cell);
            f.resize(14);
            const std::string key = f[4] + "," + f[1] + "," + f[2] + "," + f[6];
            ASSERT_TRUE(published.count(key)) << path << ": " << line;
            const std::string shown = f[9].empty() ? f[10] : f[9];
            EXPECT_EQ(shown, published[key]) << path << ": " << line;
            if (f[10] == "c") {
                ++withheld;
                EXPECT_TRUE(f[11].empty()) << "a withheld figure is ranked: " << line;
            }
            ++compared;
        }
    }
    EXPECT_GT(compared, 50u);
    EXPECT_GT(withheld, 0u) << "small authorities should have withheld figures to leave out of the ranking";
}

TEST(AuthoritiesSite, ASitesMeasuresCsvBuildsTheSameSite) {
    Pooled p;
    const fs::path site = p.tmp.path / "site";
    ASSERT_EQ(p.build(site).exit_code, 0);
    // Its data/measures.csv as the data of another build, its areas the authorities.
    spit(p.tmp.path / "again/data/measures.csv", slurp(site / "data/measures.csv"));
    spit(p.tmp.path / "again/careboard.toml", "[data]\ndir = \"data\"\n[authorities]\nname = \"3 fictional authorities\"\n");
    const fs::path rebuilt = p.tmp.path / "rebuilt";
    const RunResult r = p.build(rebuilt, "", (p.tmp.path / "again/careboard.toml").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(slurp(rebuilt / "data/measures.csv"), slurp(site / "data/measures.csv"));
    for (const char* code : {"E06990001", "E06990002", "E06990003"})
        EXPECT_EQ(slurp(rebuilt / code / "data/measures.csv"), slurp(site / code / "data/measures.csv")) << code;
}

TEST(AuthoritiesSite, TwoBuildsAreByteIdentical) {
    Pooled p;
    ASSERT_EQ(p.build(p.tmp.path / "a").exit_code, 0);
    ASSERT_EQ(p.build(p.tmp.path / "b").exit_code, 0);
    EXPECT_TRUE(read_tree(p.tmp.path / "a") == read_tree(p.tmp.path / "b"));
}

TEST(AuthoritiesSite, AnInputErrorInOneAuthorityStopsTheBuildUnlessKeepGoing) {
    Pooled p;
    std::string config = slurp(p.data / "careboard.toml");
    // A fourth authority whose folder holds a broken return.
    const fs::path broken = p.tmp.path / "broken/2025";
    spit(broken / "header.csv", "CHILD,SEX,DOB,ETHNIC\n1,1,01/01/2015,WBRI\n");
    spit(broken / "episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n1,not a date,S,C2,N1,U1,PR1,,\n");
    config.replace(config.rfind("]"), 1, "  { dir = \"" + (p.tmp.path / "broken").string() + "\", code = \"E06990099\", name = \"Broken\" },\n]");
    const fs::path config_path = p.tmp.path / "with-broken.toml";
    spit(config_path, config);
    const fs::path site = p.tmp.path / "site";
    const std::string data = "--data '" + p.data.string() + "'";
    const RunResult stopped = p.build(site, data, config_path.string());
    EXPECT_EQ(stopped.exit_code, 1);
    EXPECT_NE(stopped.err.find("careboard: Broken (E06990099):"), std::string::npos) << stopped.err;
    EXPECT_NE(stopped.err.find("episodes.csv:2:2: error:"), std::string::npos) << stopped.err;
    EXPECT_NE(stopped.err.find("1 of 4 authorities have errors; nothing was written"), std::string::npos) << stopped.err;
    EXPECT_FALSE(fs::exists(site));
    // check: a line for each authority, its problems under its name.
    const RunResult checked = run_careboard("check --config '" + config_path.string() + "' " + data);
    EXPECT_EQ(checked.exit_code, 1);
    EXPECT_NE(checked.out.find("E06990001 (Northfield (fictional)): 0 errors, "), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("disclosure audit passed"), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("E06990099 (Broken): 1 errors, "), std::string::npos) << checked.out;
    EXPECT_NE(checked.out.find("4 authorities: 1 errors, "), std::string::npos) << checked.out;
    EXPECT_NE(checked.err.find("careboard: Broken (E06990099):\n"), std::string::npos) << checked.err;

    const RunResult kept = p.build(site, data + " --keep-going", config_path.string());
    EXPECT_EQ(kept.exit_code, 1) << kept.err;
    EXPECT_NE(kept.err.find("not built, with errors: 1"), std::string::npos) << kept.err;
    EXPECT_TRUE(fs::exists(site / "E06990001/index.html"));
    EXPECT_FALSE(fs::exists(site / "E06990099"));
    const std::string index = slurp(site / "index.html");
    EXPECT_NE(index.find("Broken (E06990099): "), std::string::npos);
    EXPECT_NE(index.find("episodes.csv:2:2: error:"), std::string::npos);
}

TEST(AuthoritiesSite, IncludeAllTakesTheLaValuesAndNeedsAnLaColumn) {
    Pooled p;
    const fs::path config = p.tmp.path / "all.toml";
    spit(config, "[authorities]\ninclude = \"all\"\n");
    const RunResult all = p.build(p.tmp.path / "site", "--data '" + p.data.string() + "'", config.string());
    EXPECT_EQ(all.exit_code, 0) << all.err;
    EXPECT_TRUE(fs::exists(p.tmp.path / "site/E06990003/index.html"));
    // An earlier edition of the site: each authority's editions page from its own folder.
    const RunResult again = p.build(p.tmp.path / "again", "--data '" + p.data.string() + "' --previous '" +
                                                              (p.tmp.path / "site").string() + "'",
                                    config.string());
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(fs::exists(p.tmp.path / "again/E06990002/editions.html"));
    const RunResult none = p.build(p.tmp.path / "site2", "--data '" + (source_dir() / "sample-data").string() + "'", config.string());
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("all.toml:1:1: error: authorities.include = \"all\" takes the authorities from the 903 files' LA "
                            "column, and no 903 file in"),
              std::string::npos)
        << none.err;
    // One authority's commands refuse a config of several.
    const RunResult report = run_careboard("report --no-pdf --config '" + (p.data / "careboard.toml").string() + "' --out '" +
                                           (p.tmp.path / "r").string() + "'");
    EXPECT_EQ(report.exit_code, 1);
    EXPECT_NE(report.err.find("[E013]"), std::string::npos) << report.err;
}

}  // namespace
}  // namespace careboard
