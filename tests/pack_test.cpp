// The board pack (`careboard pack`, docs/pack.md): the page reshaping on small fragments, then the
// real binary on the demo site: one document with every trend page in order, every chart, unique
// ids, the edition's markings, all-or-nothing output, Chromium's absence, failure and timeout,
// and (when Chromium and poppler-utils are installed) the printed PDF itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <regex>
#include <set>

#include "pack/command.hpp"
#include "pack/html.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard::testing;
namespace pack = careboard::pack;

namespace {

const std::string kConfig = (source_dir() / "sample-data/careboard.toml").string();

RunResult run_pack(const fs::path& out, const std::string& extra = "", const std::string& env = "") {
    return run_careboard("pack --build-date 2025-05-01 --config '" + kConfig + "' --out '" + out.string() + "' " + extra,
                         fs::current_path(), env);
}

RunResult build_site(const fs::path& out, const std::string& extra = "") {
    return run_careboard("build --quiet --build-date 2025-05-01 --config '" + kConfig + "' --out '" + out.string() + "' " + extra);
}

std::vector<std::string> all_matches(const std::string& text, const std::string& pattern, int group = 1) {
    std::vector<std::string> out;
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[group].str());
    return out;
}

// Text of an HTML fragment, as a reader (or pdftotext) sees it.
std::string plain(const std::string& html) {
    std::string text = std::regex_replace(html, std::regex("<[^>]*>"), " ");
    for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
             {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
        for (std::size_t i = text.find(entity); i != std::string::npos; i = text.find(entity, i + c.size()))
            text.replace(i, entity.size(), c);
    }
    text = std::regex_replace(text, std::regex("\\s+"), " ");
    const std::size_t begin = text.find_first_not_of(' '), end = text.find_last_not_of(' ');
    return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

// The trend pages of a built site, in the order of its navigation: (file, h1 text).
std::vector<std::pair<std::string, std::string>> trend_pages(const std::map<std::string, std::string>& site) {
    std::vector<std::pair<std::string, std::string>> out;
    const std::string& index = site.at("index.html");
    const std::size_t nav = index.find("aria-label=\"Site\"");
    const std::string nav_html = index.substr(nav, index.find("</nav>", nav) - nav);
    for (const std::string& href : all_matches(nav_html, "href=\"([a-z0-9-]+\\.html)\"")) {
        auto it = site.find(href);
        if (it == site.end() || it->second.find("class=\"cb-chart-section\"") == std::string::npos) continue;
        const std::smatch h1 = [&] {
            std::smatch m;
            std::regex_search(it->second, m, std::regex("<h1[^>]*>([^<]*)</h1>"));
            return m;
        }();
        out.emplace_back(href, plain(h1[1].str()));
    }
    return out;
}

// Every piece of `text` from `open` to the next `close`, both included. (Not a regex: libstdc++'s
// regex recurses once per character matched, and a table is many thousands.)
std::vector<std::string> spans(const std::string& text, const std::string& open, const std::string& close) {
    std::vector<std::string> out;
    for (std::size_t begin = text.find(open); begin != std::string::npos; begin = text.find(open, begin + 1)) {
        const std::size_t end = text.find(close, begin);
        if (end == std::string::npos) break;
        out.push_back(text.substr(begin, end + close.size() - begin));
    }
    return out;
}

std::string capture(const std::string& command) {
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
        ::pclose(pipe);
    }
    return out;
}

bool on_path(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

std::string chromium_path() {
    if (const char* env = std::getenv("CAREBOARD_CHROMIUM"); env && *env) return env;
    return "/usr/bin/chromium";
}

// Counts cells of a data table holding a whole number from 1 to 5: what the public edition
// never shows.
// The pack without its "How we compare" part: that part shows the DfE's own published figures
// (with the DfE's symbols) and ranks, which are neither the authority's counts nor suppressed
// by careboard.
// What the DfE publishes about every authority (ranks, percentages, its own rounding) is not
// careboard's to suppress: the "How we compare" part and each topic page's comparison charts,
// whose ids are `<page>--benchmark-...`, are left out of the small-count checks.
std::string without_benchmarks(std::string html) {
    const std::size_t start = html.find("<div class=\"cb-pack-part cb-pack-part--new-page\" id=\"how-we-compare\">");
    if (start != std::string::npos) {
        const std::size_t end = html.find("<div class=\"cb-pack-part", start + 1);
        html = html.substr(0, start) + (end == std::string::npos ? std::string() : html.substr(end));
    }
    const std::regex comparison("<section class=\"cb-chart-section\" id=\"[a-z0-9-]+--benchmark-");
    for (std::smatch m; std::regex_search(html, m, comparison);) {
        const std::size_t begin = static_cast<std::size_t>(m.position(0));
        const std::size_t next_chart = html.find("<section class=\"cb-chart-section\"", begin + 1);
        const std::size_t next_part = html.find("<div class=\"cb-pack-part", begin + 1);
        const std::size_t end = std::min(next_chart, next_part);
        html = html.substr(0, begin) + (end == std::string::npos ? std::string() : html.substr(end));
    }
    return html;
}

int small_count_cells(const std::string& html) {
    return static_cast<int>(all_matches(without_benchmarks(html), "<td class=\"[^\"]*\">([1-5])</td>").size());
}

}  // namespace

// ---- Reshaping pages (no binary) -------------------------------------------------------------

TEST(PackHtml, MainContentIsWhatLiesBetweenTheMainTags) {
    const std::string page =
        "<html><body><header>h</header><main class=\"x\" id=\"main-content\">\n<p>a</p><script type=\"application/json\">"
        "{\"t\":\"</main>\"}</script><p>b</p>\n</main><footer>f</footer></body></html>";
    const std::optional<std::string> main = pack::main_content(page);
    ASSERT_TRUE(main);
    // A '</main>' inside a script's raw text is not the end of the element.
    EXPECT_EQ(*main, "\n<p>a</p><script type=\"application/json\">{\"t\":\"</main>\"}</script><p>b</p>\n");
    EXPECT_FALSE(pack::main_content("<p>no main</p>"));
}

TEST(PackHtml, ReshapePrefixesIdsAndEveryReferenceToThem) {
    const std::string html =
        "<h1 class=\"k\">Title</h1>\n"
        "<section class=\"cb-chart-section\" id=\"a\" aria-labelledby=\"a-title\"><h2 id=\"a-title\">Chart</h2>"
        "<div data-spec=\"a-spec\" role=\"img\" aria-label=\"d\"></div>"
        "<script type=\"application/json\" id=\"a-spec\">{\"id\":\"a\",\"href\":\"#a\"}</script>"
        "<label for=\"f\">L</label><td headers=\"h1 h2\">1</td>"
        "<details class=\"govuk-details\"><summary>S</summary></details>"
        "<a href=\"#a\">here</a> <a href=\"other.html#b\">there</a> <a href=\"other.html\">page</a> "
        "<a class=\"govuk-link\" href=\"data/a.csv\" download>csv</a> <a href=\"https://example.org/\">out</a></section>";
    pack::Reshape r;
    r.prefix = "pop";
    r.heading_shift = 1;
    r.pages = {{"other.html", "oth"}};
    const std::string out = pack::reshape(html, r);
    EXPECT_EQ(out,
              "<h2 class=\"k\">Title</h2>\n"
              "<section class=\"cb-chart-section\" id=\"pop--a\" aria-labelledby=\"pop--a-title\"><h3 id=\"pop--a-title\">Chart</h3>"
              "<div data-spec=\"pop--a-spec\" role=\"img\" aria-label=\"d\"></div>"
              "<script type=\"application/json\" id=\"pop--a-spec\">{\"id\":\"a\",\"href\":\"#a\"}</script>"
              "<label for=\"pop--f\">L</label><td headers=\"pop--h1 pop--h2\">1</td>"
              "<details class=\"govuk-details\" open><summary>S</summary></details>"
              "<a href=\"#pop--a\">here</a> <a href=\"#oth--b\">there</a> <a href=\"#oth\">page</a> "
              "csv <a href=\"https://example.org/\">out</a></section>");
}

TEST(PackHtml, HeadingsShiftButNeverPastH6AndOpenDetailsStayAsWritten) {
    pack::Reshape r;
    r.heading_shift = 1;
    EXPECT_EQ(pack::reshape("<h5>a</h5><h6>b</h6><details open><p>x</p></details>", r),
              "<h6>a</h6><h6>b</h6><details open><p>x</p></details>");
}

TEST(PackHtml, RemoveElementsCountsNestedElementsOfTheSameName) {
    const std::string html = "<div class=\"keep\">1<div class=\"cb-banner\">2<div>3</div>4</div>\n5</div>";
    EXPECT_EQ(pack::remove_elements(html, pack::tag_with_class("div", "cb-banner")), "<div class=\"keep\">15</div>");
    EXPECT_EQ(pack::take_element(html, pack::tag_with_class("div", "cb-banner")).value_or(""),
              "<div class=\"cb-banner\">2<div>3</div>4</div>");
}

TEST(PackHtml, SplitAtH2KeepsTheOpeningAndNamesEachChunk) {
    const std::vector<pack::Chunk> chunks =
        pack::split_at_h2("<p>intro</p><h2 class=\"l\">What &amp; why</h2><p>1</p><h2>Definitions</h2><dl></dl>");
    ASSERT_EQ(chunks.size(), 3u);
    EXPECT_EQ(chunks[0].heading, "");
    EXPECT_EQ(chunks[0].html, "<p>intro</p>");
    EXPECT_EQ(chunks[1].heading, "What & why");
    EXPECT_EQ(chunks[2].heading, "Definitions");
    EXPECT_EQ(chunks[2].html, "<h2>Definitions</h2><dl></dl>");
}

// ---- The demo site's pack --------------------------------------------------------------------

TEST(Pack, HoldsEveryTrendPageInNavigationOrderUnderOneH1) {
    TempDir tmp("pack-order");
    ASSERT_EQ(build_site(tmp.path / "site").exit_code, 0);
    const RunResult r = run_pack(tmp.path / "pack", "--no-pdf");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, (tmp.path / "pack" / "board-pack.html").string() + "\n");
    const auto site = read_tree(tmp.path / "site");
    const auto files = read_tree(tmp.path / "pack");
    // The document and the same assets as the site: nothing else.
    std::set<std::string> names;
    for (const auto& [path, content] : files) names.insert(path);
    const std::set<std::string> expected{".careboard-site", "board-pack.html", "assets/careboard.css", "assets/careboard.js",
                                         "assets/vendor/vega.min.js", "assets/vendor/vega-lite.min.js",
                                         "assets/vendor/vega-embed.min.js", "assets/vendor/govuk-service-navigation.js"};
    EXPECT_EQ(names, expected);
    for (const std::string& asset : expected) {
        if (asset.starts_with("assets/")) {
            EXPECT_TRUE(files.at(asset) == site.at(asset)) << asset;
        }
    }

    const std::string& html = files.at("board-pack.html");
    EXPECT_EQ(all_matches(html, "(<h1[ >])").size(), 1u);
    EXPECT_EQ(html.find("{{"), std::string::npos);
    // Parts in order: the overview, each trend page as the site's navigation lists it, then the
    // symbols key and the definitions. Each trend part's heading is its page's h1, now an h2.
    const auto trends = trend_pages(site);
    ASSERT_GE(trends.size(), 5u);
    std::vector<std::string> order{"overview"};
    for (const auto& [href, title] : trends) order.push_back(href.substr(0, href.size() - 5));
    order.push_back("symbols");
    order.push_back("definitions");
    EXPECT_EQ(all_matches(html, "<div class=\"cb-pack-part[^\"]*\" id=\"([^\"]+)\">"), order);
    for (const auto& [href, title] : trends) {
        const std::string slug = href.substr(0, href.size() - 5);
        const std::size_t part = html.find("<div class=\"cb-pack-part cb-pack-part--new-page\" id=\"" + slug + "\">");
        ASSERT_NE(part, std::string::npos) << slug;
        std::smatch h2;
        const std::string rest = html.substr(part, 2000);
        ASSERT_TRUE(std::regex_search(rest, h2, std::regex("<h2[^>]*>([^<]*)</h2>"))) << slug;
        EXPECT_EQ(plain(h2[1].str()), title) << slug;
        // Listed in the contents.
        EXPECT_NE(html.find("<a class=\"govuk-link\" href=\"#" + slug + "\">"), std::string::npos) << slug;
    }
    // Headings never skip a level going down, so the outline holds.
    int previous = 1;
    for (const std::string& level : all_matches(html, "<h([1-6])[ >]")) {
        const int l = std::stoi(level);
        EXPECT_LE(l, previous + 1) << "h" << previous << " followed by h" << l;
        previous = l;
    }
}

TEST(Pack, KeepsEveryChartSpecTableAndSourceLineAsTheSiteShowsThem) {
    TempDir tmp("pack-charts");
    ASSERT_EQ(build_site(tmp.path / "site").exit_code, 0);
    ASSERT_EQ(run_pack(tmp.path / "pack", "--no-pdf").exit_code, 0);
    const auto site = read_tree(tmp.path / "site");
    const std::string html = slurp(tmp.path / "pack" / "board-pack.html");
    int charts = 0, tables = 0, sources = 0;
    for (const auto& [href, title] : trend_pages(site)) {
        const std::string slug = href.substr(0, href.size() - 5);
        const std::string& page = site.at(href);
        const std::string open = "<script type=\"application/json\" id=\"";
        for (const std::string& script : spans(page, open, "</script>")) {
            ++charts;
            const std::string id = script.substr(open.size(), script.find('"', open.size()) - open.size());
            EXPECT_NE(html.find(open + slug + "--" + script.substr(open.size())), std::string::npos) << id;
            EXPECT_NE(html.find("data-spec=\"" + slug + "--" + id + "\""), std::string::npos) << id;
        }
        for (const std::string& table : spans(page, "<table", "</table>")) {
            ++tables;
            EXPECT_NE(html.find(table), std::string::npos) << href << ": a table differs from the site's";
        }
        for (const std::string& source : all_matches(page, "(<p class=\"govuk-body-s cb-source\">[^<]*</p>)")) {
            ++sources;
            EXPECT_NE(html.find(source), std::string::npos) << source;
        }
    }
    EXPECT_GE(charts, 18);
    EXPECT_GE(tables, charts);
    EXPECT_EQ(static_cast<int>(all_matches(html, "(<script type=\"application/json\")").size()), charts);
    EXPECT_EQ(static_cast<int>(all_matches(html, "(<table[ >])").size()), tables);
    EXPECT_EQ(static_cast<int>(all_matches(html, "(cb-source\">)").size()), sources);
    // Every table prints: no closed <details>.
    EXPECT_TRUE(all_matches(html, "(<details(?![^>]*\\bopen\\b)[^>]*>)").empty());
}

TEST(Pack, IdsAreUniqueAndEveryReferenceFindsOne) {
    TempDir tmp("pack-ids");
    ASSERT_EQ(run_pack(tmp.path / "pack", "--no-pdf --profile board").exit_code, 0);
    const std::string html = slurp(tmp.path / "pack" / "board-pack.html");
    std::set<std::string> ids;
    for (const std::string& id : all_matches(html, "\\sid=\"([^\"]*)\"")) EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
    EXPECT_GT(ids.size(), 100u);
    for (const std::string& target : all_matches(html, "href=\"#([^\"]*)\"")) EXPECT_TRUE(ids.count(target)) << "#" << target;
    for (const std::string& target : all_matches(html, "data-spec=\"([^\"]*)\"")) EXPECT_TRUE(ids.count(target)) << target;
    for (const std::string& list : all_matches(html, "aria-labelledby=\"([^\"]*)\""))
        for (const std::string& target : all_matches(list, "(\\S+)")) EXPECT_TRUE(ids.count(target)) << target;
    // Nothing links to a page or file that is not beside the pack.
    for (const std::string& href : all_matches(html, "href=\"([^\"#][^\"]*)\""))
        EXPECT_TRUE(href.starts_with("assets/") || href.starts_with("data:") || href.starts_with("https://")) << href;
}

TEST(Pack, CoverNamesTheAuthorityTheDataDateAndTheEdition) {
    TempDir tmp("pack-cover");
    ASSERT_EQ(run_pack(tmp.path / "public", "--no-pdf").exit_code, 0);
    ASSERT_EQ(run_pack(tmp.path / "board", "--no-pdf --profile board").exit_code, 0);
    auto cover_of = [](const std::string& html) {
        const std::size_t begin = html.find("<div class=\"cb-pack-cover\">");
        return plain(html.substr(begin, html.find("<nav class=\"cb-pack-contents\"") - begin));
    };
    const std::string public_html = slurp(tmp.path / "public" / "board-pack.html");
    const std::string board_html = slurp(tmp.path / "board" / "board-pack.html");
    for (const std::string& cover : {cover_of(public_html), cover_of(board_html)}) {
        EXPECT_NE(cover.find("Northfield Borough Council (fictional)"), std::string::npos) << cover;
        EXPECT_NE(cover.find("Children in care: trends"), std::string::npos) << cover;
        EXPECT_NE(cover.find("Board pack"), std::string::npos) << cover;
        EXPECT_NE(cover.find("Data as at 31 March 2025"), std::string::npos) << cover;
        EXPECT_NE(cover.find("2022-23 Q1 to 2024-25 Q4"), std::string::npos) << cover;
        EXPECT_NE(cover.find("Built 1 May 2025"), std::string::npos) << cover;
    }
    EXPECT_NE(cover_of(public_html).find("Public edition"), std::string::npos);
    // The board edition is marked as its site's pages are: title, banner, running line.
    const std::string board_cover = cover_of(board_html);
    EXPECT_NE(board_cover.find("Board edition: not for publication"), std::string::npos) << board_cover;
    EXPECT_NE(board_html.find("<title>Not for publication: Board pack - "), std::string::npos);
    EXPECT_NE(board_html.substr(0, board_html.find("cb-pack-contents")).find("<strong>Not for publication.</strong>"),
              std::string::npos);
    EXPECT_NE(board_html.substr(0, board_html.find("<head>")).find("Not for publication. Northfield"), std::string::npos);
    // Each printed page's running line: the authority, the data-as-at date and the source.
    EXPECT_NE(public_html.substr(0, public_html.find("<head>"))
                  .find("--cb-print-running: &quot;Northfield Borough Council (fictional): Children in care: trends. Data as at "
                        "31 March 2025. Source: SSDA903"),
              std::string::npos);
}

// The public pack is assembled from the public site's pages, so it shows only what they show:
// suppressed cells stay `c`, no count from 1 to 5 appears, and nothing says "Not for publication".
TEST(Pack, PublicPackShowsNoSmallCountThatThePublicSiteSuppresses) {
    TempDir tmp("pack-public");
    ASSERT_EQ(run_pack(tmp.path / "public", "--no-pdf").exit_code, 0);
    ASSERT_EQ(run_pack(tmp.path / "board", "--no-pdf --profile board").exit_code, 0);
    const std::string public_html = slurp(tmp.path / "public" / "board-pack.html");
    const std::string board_html = slurp(tmp.path / "board" / "board-pack.html");
    EXPECT_EQ(public_html.find("Not for publication"), std::string::npos);
    EXPECT_GT(all_matches(public_html, "(<td class=\"[^\"]*\">c</td>)").size(), 100u);
    EXPECT_EQ(small_count_cells(public_html), 0);
    // The same check finds the small counts the board edition shows.
    EXPECT_GT(small_count_cells(board_html), 0);
    EXPECT_TRUE(all_matches(without_benchmarks(board_html), "(<td class=\"[^\"]*\">c</td>)").empty());
}

TEST(Pack, TwoPacksAreByteIdentical) {
    TempDir tmp("pack-twice");
    ASSERT_EQ(run_pack(tmp.path / "a", "--no-pdf").exit_code, 0);
    ASSERT_EQ(run_pack(tmp.path / "b", "--no-pdf").exit_code, 0);
    EXPECT_TRUE(read_tree(tmp.path / "a") == read_tree(tmp.path / "b"));
}

TEST(Pack, WithoutChromiumItSaysSoAndStillWritesTheHtml) {
    TempDir tmp("pack-no-chromium");
    const RunResult r = run_pack(tmp.path / "pack", "", "CAREBOARD_CHROMIUM='" + (tmp.path / "no-chromium").string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, (tmp.path / "pack" / "board-pack.html").string() + "\n");
    EXPECT_NE(r.err.find("CAREBOARD_CHROMIUM is set to '" + (tmp.path / "no-chromium").string() +
                         "', which is not an executable file; board-pack.pdf not written"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(fs::is_regular_file(tmp.path / "pack" / "board-pack.html"));
    EXPECT_FALSE(fs::exists(tmp.path / "pack" / "board-pack.pdf"));
}

TEST(Pack, APrintingFailureIsAnIoErrorAndLeavesThePreviousPackAsItWas) {
    TempDir tmp("pack-print-fails");
    ASSERT_EQ(run_pack(tmp.path / "pack", "--no-pdf").exit_code, 0);
    const auto before = read_tree(tmp.path / "pack");
    const fs::path fake = tmp.path / "fake-chromium";
    spit(fake, "#!/bin/sh\necho 'cannot open display' >&2\nexit 4\n");
    fs::permissions(fake, fs::perms::owner_all);
    const RunResult r = run_pack(tmp.path / "pack", "--profile board", "CAREBOARD_CHROMIUM='" + fake.string() + "'");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("board-pack.pdf: error: cannot print the board pack with " + fake.string() +
                         ": Chromium exited with status 4 (its last output: cannot open display) [E505]"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(read_tree(tmp.path / "pack") == before);
}

TEST(Pack, APrintThatHangsIsStoppedAtTheTimeLimit) {
    TempDir tmp("pack-print-hangs");
    const fs::path fake = tmp.path / "hanging-chromium";
    spit(fake, "#!/bin/sh\nsleep 60 &\nsleep 60\n");
    fs::permissions(fake, fs::perms::owner_all);
    const auto started = std::chrono::steady_clock::now();
    const RunResult r = run_pack(tmp.path / "pack", "", "CAREBOARD_PRINT_TIMEOUT=1 CAREBOARD_CHROMIUM='" + fake.string() + "'");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("did not finish printing within 1 seconds"), std::string::npos) << r.err;
    EXPECT_LT(seconds, 15);
    EXPECT_FALSE(fs::exists(tmp.path / "pack"));
    // Its whole process group was stopped: no process still runs the fake browser.
    std::error_code ec;
    for (auto it = fs::directory_iterator("/proc", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string cmdline = slurp(it->path() / "cmdline");
        EXPECT_EQ(cmdline.find(fake.string()), std::string::npos) << it->path();
    }
}

TEST(Pack, NeverReplacesASiteOrAFolderCareboardDidNotWrite) {
    TempDir tmp("pack-refuses");
    ASSERT_EQ(build_site(tmp.path / "site").exit_code, 0);
    const auto site = read_tree(tmp.path / "site");
    const RunResult r = run_pack(tmp.path / "site", "--no-pdf");
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("the output folder holds a careboard site, not a board pack; choose another folder for the pack [E504]"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(read_tree(tmp.path / "site") == site);

    spit(tmp.path / "mine" / "notes.txt", "mine");
    EXPECT_EQ(run_pack(tmp.path / "mine", "--no-pdf").exit_code, 3);
    EXPECT_EQ(slurp(tmp.path / "mine" / "notes.txt"), "mine");

    // A pack replaces the pack it wrote before.
    ASSERT_EQ(run_pack(tmp.path / "pack", "--no-pdf").exit_code, 0);
    EXPECT_EQ(run_pack(tmp.path / "pack", "--no-pdf --profile board").exit_code, 0);
    EXPECT_NE(slurp(tmp.path / "pack" / "board-pack.html").find("Not for publication"), std::string::npos);
}

TEST(Pack, ExitCodesAreThoseOfBuild) {
    TempDir tmp("pack-exit");
    EXPECT_EQ(run_careboard("pack --profile secret --no-pdf").exit_code, 2);
    EXPECT_EQ(run_careboard("pack --no-such-option").exit_code, 2);
    const RunResult missing = run_careboard("pack --no-pdf --data '" + (tmp.path / "nowhere").string() + "' --out '" +
                                            (tmp.path / "pack").string() + "'");
    EXPECT_EQ(missing.exit_code, 3);
    EXPECT_NE(missing.err.find("[E004]"), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("careboard: pack stopped: 1 error(s); nothing was written"), std::string::npos) << missing.err;
    EXPECT_FALSE(fs::exists(tmp.path / "pack"));
    const RunResult bad_date = run_careboard("pack --no-pdf --build-date 2025-02-30 --config '" + kConfig + "' --out '" +
                                             (tmp.path / "pack").string() + "'");
    EXPECT_EQ(bad_date.exit_code, 1);
    EXPECT_NE(bad_date.err.find("[E009]"), std::string::npos) << bad_date.err;
    EXPECT_FALSE(fs::exists(tmp.path / "pack"));
}

TEST(Pack, DefaultOutputFolderIsUnderscorePack) {
    TempDir tmp("pack-default");
    const RunResult r = run_careboard("pack --no-pdf --config '" + kConfig + "'", tmp.path);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, (tmp.path / "_pack" / "board-pack.html").string() + "\n");
    EXPECT_TRUE(fs::is_regular_file(tmp.path / "_pack" / "board-pack.html"));
}

// ---- The printed PDF -------------------------------------------------------------------------

// The board edition printed by Chromium: an A4 PDF that opens, each part starting a page of its
// own (its heading first on the page) in order, and on every page the running line with the
// authority, the data-as-at date, the source and "Not for publication".
TEST(PackPdf, OpensAndHasEachSectionOnItsOwnPagesInOrder) {
    const std::string chromium = chromium_path();
    if (::access(chromium.c_str(), X_OK) != 0)
        GTEST_SKIP() << "Chromium not found at " << chromium << " (install chromium, or set CAREBOARD_CHROMIUM)";
    if (!on_path("pdfinfo") || !on_path("pdftotext"))
        GTEST_SKIP() << "pdfinfo or pdftotext not found (install poppler-utils)";
    TempDir tmp("pack-pdf");
    // How long printing takes is measured in bench/README.md, not asserted here: a loaded
    // machine prints slowly, and careboard's own time limit (CAREBOARD_PRINT_TIMEOUT) stops a hang.
    const RunResult r = run_pack(tmp.path / "pack", "--profile board");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const fs::path pdf = tmp.path / "pack" / "board-pack.pdf";
    EXPECT_EQ(r.out, (tmp.path / "pack" / "board-pack.html").string() + "\n" + pdf.string() + "\n");
    ASSERT_TRUE(fs::is_regular_file(pdf));

    const std::string info = capture("pdfinfo '" + pdf.string() + "' 2>&1");
    std::smatch pages_match;
    ASSERT_TRUE(std::regex_search(info, pages_match, std::regex("Pages:\\s+(\\d+)"))) << info;
    const int pages = std::stoi(pages_match[1].str());
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;

    // The parts that start a printed page, with their headings, from the HTML.
    const std::string html = slurp(tmp.path / "pack" / "board-pack.html");
    std::vector<std::string> headings;
    for (const std::string& part : spans(html, "<div class=\"cb-pack-part cb-pack-part--new-page\"", "</h2>"))
        headings.push_back(plain(part.substr(part.rfind("<h2"))));
    ASSERT_GE(headings.size(), 7u);  // overview, five trend pages, symbols key
    // The cover and the contents have a page each, and each part at least one.
    EXPECT_GE(pages, 2 + static_cast<int>(headings.size()));

    std::vector<std::string> page_texts;
    {
        const std::string text = capture("pdftotext -enc UTF-8 '" + pdf.string() + "' - 2>&1");
        std::size_t begin = 0;
        for (std::size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', begin)) {
            page_texts.push_back(text.substr(begin, ff - begin));
            begin = ff + 1;
        }
    }
    ASSERT_EQ(static_cast<int>(page_texts.size()), pages);
    for (int p = 0; p < pages; ++p) {
        const std::string text = std::regex_replace(page_texts[static_cast<std::size_t>(p)], std::regex("\\s+"), " ");
        EXPECT_NE(text.find("Not for publication"), std::string::npos) << "page " << p + 1;
        EXPECT_NE(text.find("Northfield Borough Council (fictional)"), std::string::npos) << "page " << p + 1;
        EXPECT_NE(text.find("Data as at 31 March 2025"), std::string::npos) << "page " << p + 1;
        EXPECT_NE(text.find("Source: SSDA903"), std::string::npos) << "page " << p + 1;
    }
    auto first_line = [&](std::size_t p) {
        std::istringstream lines(page_texts[p]);
        for (std::string line; std::getline(lines, line);)
            if (line.find_first_not_of(" \t") != std::string::npos) return line;
        return std::string();
    };
    EXPECT_NE(first_line(0).find("Northfield Borough Council (fictional)"), std::string::npos);
    EXPECT_EQ(first_line(1), "Contents");
    std::size_t next_page = 2;
    std::vector<int> starts;  // the printed page (from 1) each part starts on
    for (const std::string& heading : headings) {
        bool found = false;
        for (std::size_t p = next_page; p < page_texts.size() && !found; ++p) {
            const std::string line = first_line(p);
            if (line.size() >= 5 && heading.starts_with(line)) {
                found = true;
                next_page = p + 1;
                starts.push_back(static_cast<int>(p) + 1);
            }
        }
        EXPECT_TRUE(found) << "no page after page " << next_page << " starts with the heading \"" << heading << "\"";
    }
    // The contents give each of those parts the page it starts on, in the HTML and in print.
    std::vector<int> listed;
    for (const std::string& entry : spans(html, "<span class=\"cb-pack-contents__entry\">", "</span></span>")) {
        // "...<span class="govuk-visually-hidden">, page </span>3</span></span>": the number.
        const std::string inner = entry.substr(0, entry.size() - std::string("</span></span>").size());
        const std::size_t at = inner.rfind("</span>");
        ASSERT_NE(at, std::string::npos) << entry;
        listed.push_back(std::stoi(inner.substr(at + 7)));
    }
    ASSERT_GE(listed.size(), starts.size());
    for (std::size_t i = 0; i < starts.size(); ++i) EXPECT_EQ(listed[i], starts[i]) << headings[i];
    const std::string contents = std::regex_replace(page_texts[1], std::regex("\\s+"), " ");
    EXPECT_NE(contents.find(headings[1] + " " + std::to_string(starts[1])), std::string::npos) << contents;
    // The cover opens with the year at a glance.
    EXPECT_NE(page_texts[0].find("2024-25 at a glance"), std::string::npos) << page_texts[0];
}

TEST(PackPrint, PartPagesAreTheFirstLinesThatAreEachTitleInOrder) {
    const careboard::pack::PartTitles titles{{"overview", "Overview"}, {"reviews", "Reviews"}, {"definitions", "Definitions"}};
    // Page 2 is the contents, numbered; "Reviews held" on page 3 is not the heading; the
    // definitions follow the symbols key on page 5, after the reviews on page 4.
    const std::string text = "cover\f  Contents\n  1. Overview\n  2. Reviews\f  Overview\n  Reviews held  300\f"
                             "    Reviews  \nreviews text\fSymbols\n  Definitions\ntext\f";
    const auto pages = careboard::pack::find_part_pages(text, titles);
    EXPECT_EQ(pages, (std::map<std::string, int>{{"overview", 3}, {"reviews", 4}, {"definitions", 5}}));
    // A title never printed: it and the parts after it have no page.
    EXPECT_EQ(careboard::pack::find_part_pages("Overview\fnothing\f", titles), (std::map<std::string, int>{{"overview", 1}}));
    EXPECT_TRUE(careboard::pack::find_part_pages("", titles).empty());
}
