// Hostile labels: every string that comes from the data or the config is escaped for where it
// lands: HTML text, attributes, JSON inside <script>, CSV (no formula injection), on every page type.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard::testing;

namespace {

const char* kScript = "<script>alert(1)</script>";
const char* kImg = "\"><img src=x onerror=alert(1)>";
const char* kComment = "</script><!--";

// Splits one CSV line (quotes, doubled quotes) into cells.
std::vector<std::string> csv_cells(const std::string& line) {
    std::vector<std::string> cells{""};
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cells.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cells.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.emplace_back();
        } else {
            cells.back() += c;
        }
    }
    return cells;
}

// A CSV field holding `text` as it is.
std::string q(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void write_hostile_data(const fs::path& dir) {
    const std::string place = q(kScript);
    spit(dir / "data/2025/header.csv", "CHILD,SEX,DOB,ETHNIC\nA1,1,01/05/2012,WBRI\nA2,2,01/05/2013,WBRI\n");
    // Unknown codes with markup, a comma, a quote and formula starts, in every coded field.
    spit(dir / "data/2025/episodes.csv",
         "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
         "A1,01/06/2023,S,\"=1+1\",\"+cmd\"," + place + ",\"@SUM(A1)\",,\n"
         "A2,01/06/2023,S,C2,N1,\"a,b\",\"-2\",01/12/2024,\"" + std::string(kComment) + "\"\n");
    spit(dir / "data/2025/reviews.csv", "CHILD,REVIEW,REVIEW_CODE\nA1,20/06/2023,\"=HYPERLINK(\"\"x\"\")\"\n");
    spit(dir / "data/2025/escalations.csv",
         "ESCALATION_ID,CHILD,RAISED,ROUTE,STAGE,THEME,TEAM,RESOLVED,RESOLVED_LEVEL,OUTCOME\n"
         "E1,A1,03/04/2024," + q(kImg) + ",0," + q(std::string(kScript) + "; =2+2") + "," + q(kComment) +
             ",05/04/2024,\"@lvl\",\"-out\"\n");
    spit(dir / "careboard.toml", std::string("[authority]\nname = \"Evil & \\\"Co\\\" ") + kComment + "\"\ncode = \"=E06\"\n"
                                 "source = \"" + kScript + "\"\ncontact = \"" + "\\\"><b>x</b>" + "\"\n"
                                 "[output]\ntitle = \"" + "<i>Title</i>" + "\"\n[escalations]\nthemes = [\"" + kScript + "\"]\n");
}

void check_site(const fs::path& site) {
    int pages = 0, json_blocks = 0, csv_files = 0;
    for (const auto& [path, content] : read_tree(site)) {
        if (path.starts_with("assets/")) continue;
        if (path.ends_with(".html")) {
            ++pages;
            EXPECT_EQ(content.find(kScript), std::string::npos) << path;
            EXPECT_EQ(content.find("<img src=x"), std::string::npos) << path;
            EXPECT_EQ(content.find("<b>x</b>"), std::string::npos) << path;
            EXPECT_EQ(content.find("<i>Title</i>"), std::string::npos) << path;
            // Every <script> is careboard's own: a library or a chart's JSON.
            const std::regex open_tag("<script([^>]*)>");
            for (auto it = std::sregex_iterator(content.begin(), content.end(), open_tag); it != std::sregex_iterator(); ++it) {
                const std::string attrs = (*it)[1].str();
                const bool library = attrs.starts_with(" src=\"");
                const bool json = attrs.starts_with(" type=\"application/json\"");
                EXPECT_TRUE(library || json) << path << ": <script" << attrs << ">";
                if (!json) continue;
                ++json_blocks;
                const std::size_t start = static_cast<std::size_t>(it->position() + it->length());
                const std::size_t end = content.find("</script>", start);
                ASSERT_NE(end, std::string::npos) << path;
                const std::string body = content.substr(start, end - start);
                EXPECT_EQ(body.find("<!--"), std::string::npos) << path;
                // The block ends where careboard ended it: it parses whole.
                EXPECT_TRUE(nlohmann::json::accept(body)) << path;
            }
        }
        if (path.ends_with(".csv")) {
            ++csv_files;
            std::istringstream lines(content);
            std::string line;
            std::size_t columns = 0;
            while (std::getline(lines, line)) {
                if (line.starts_with("#")) continue;
                const auto cells = csv_cells(line);
                if (columns == 0) columns = cells.size();
                EXPECT_EQ(cells.size(), columns) << path << ": " << line;
                for (const std::string& cell : cells)
                    EXPECT_TRUE(cell.empty() || std::string("=+-@").find(cell[0]) == std::string::npos ||
                                (cell[0] == '-' && cell.size() > 1 && std::isdigit(static_cast<unsigned char>(cell[1]))))
                        << path << ": cell '" << cell << "' could be read as a formula";
            }
        }
    }
    EXPECT_GE(pages, 8);
    EXPECT_GE(json_blocks, 10);
    EXPECT_GE(csv_files, 10);
}

}  // namespace

TEST(Hostile, LabelsFromDataAndConfigAreEscapedOnEveryPageTypeInBothEditions) {
    TempDir tmp("hostile");
    write_hostile_data(tmp.path);
    for (const char* profile : {"board", "public"}) {
        const fs::path site = tmp.path / (std::string("site-") + profile);
        const RunResult r = run_careboard(std::string("build --quiet --config careboard.toml --data data --profile ") + profile +
                                              " --out '" + site.string() + "'",
                                          tmp.path);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        SCOPED_TRACE(profile);
        check_site(site);
    }
}

// The guarded labels read back to what they were.
TEST(Hostile, MeasuresCsvRoundTripsGuardedLabels) {
    TempDir tmp("hostile-roundtrip");
    write_hostile_data(tmp.path);
    ASSERT_EQ(run_careboard("build --quiet --config careboard.toml --data data --profile board --out a", tmp.path).exit_code, 0);
    fs::create_directories(tmp.path / "counts");
    fs::copy_file(tmp.path / "a/data/measures.csv", tmp.path / "counts/measures.csv");
    const RunResult r = run_careboard("build --quiet --config careboard.toml --data counts --profile board --out b", tmp.path);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(slurp(tmp.path / "a/data/measures.csv"), slurp(tmp.path / "b/data/measures.csv"));
}

// Mustache syntax in a label is text: it used to fail the build as a template left unrendered
// (E403). In pages it is written as character references, in chart JSON as \u007b escapes.
TEST(Hostile, TemplateSyntaxInLabelsIsTextNotATemplateError) {
    TempDir tmp("hostile-braces");
    write_hostile_data(tmp.path);
    const std::string braces = "{{#a}}x{{/a}} {{>p}} {{{z}}}";
    spit(tmp.path / "data/2025/escalations.csv",
         "ESCALATION_ID,CHILD,RAISED,ROUTE,STAGE,THEME,TEAM,RESOLVED,RESOLVED_LEVEL,OUTCOME\n"
         "E1,A1,03/04/2024,Informal resolution,0,Drift," + q(braces) + ",05/04/2024,Team manager,Resolved\n");
    std::string toml = slurp(tmp.path / "careboard.toml");
    toml.replace(toml.find("<i>Title</i>"), 12, "Title {{x}}");
    spit(tmp.path / "careboard.toml", toml);
    for (const char* profile : {"board", "public"}) {
        const fs::path site = tmp.path / (std::string("site-") + profile);
        const RunResult r = run_careboard(std::string("build --quiet --config careboard.toml --data data --profile ") +
                                              profile + " --out '" + site.string() + "'",
                                          tmp.path);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        int with_title = 0;
        for (const auto& [path, content] : read_tree(site)) {
            if (!path.ends_with(".html")) continue;
            EXPECT_EQ(content.find("{{"), std::string::npos) << profile << " " << path;
            with_title += content.find("Title &#123;&#123;x&#125;&#125;") != std::string::npos;
        }
        EXPECT_GE(with_title, 8) << profile;
        const std::string escalations = slurp(site / "escalations.html");
        if (std::string(profile) == "board") {
            EXPECT_NE(escalations.find("\\u007b\\u007b#a\\u007d\\u007dx"), std::string::npos) << "the chart's JSON names the team";
        }
    }
}

// The about page names the kinds of data-quality problem in both editions, but how many rows had
// each (counts of children's records, which no suppression covers) only in the board edition.
TEST(Hostile, ThePublicAboutPageNamesTheKindsOfWarningButNotHowMany) {
    TempDir tmp("hostile-about");
    write_hostile_data(tmp.path);
    for (const char* profile : {"public", "board"}) {
        ASSERT_EQ(run_careboard(std::string("build --quiet --config careboard.toml --data data --profile ") + profile +
                                    " --out " + profile, tmp.path).exit_code, 0);
    }
    const std::string pub = slurp(tmp.path / "public" / "about.html");
    const std::string board = slurp(tmp.path / "board" / "about.html");
    for (const std::string* page : {&pub, &board}) {
        EXPECT_NE(page->find("Data-quality warnings by kind"), std::string::npos);
        EXPECT_NE(page->find(">W101<"), std::string::npos);
    }
    const std::string rows_header = "govuk-table__header--numeric\">Rows</th>";
    EXPECT_EQ(pub.find(rows_header), std::string::npos);
    EXPECT_NE(board.find(rows_header), std::string::npos);
    EXPECT_EQ(pub.find("data-quality warnings in the input"), std::string::npos);
    EXPECT_NE(pub.find("How many of each is given in the board edition"), std::string::npos);
    EXPECT_NE(board.find("data-quality warnings in the input"), std::string::npos);
}
