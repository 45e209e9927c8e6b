// The IRO manager's Markdown commentary for the annual report (report/commentary.hpp): what it
// renders to, exactly; that nothing hostile in it reaches the page as markup; and which files of
// the commentary folder are read.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "report/commentary.hpp"
#include "support/diagnostics.hpp"
#include "support/run.hpp"

namespace careboard {
namespace {

const std::string kFile = "commentary/summary.md";

using testing::messages;

// The HTML of `markdown`, which must render without a diagnostic.
std::string render(std::string_view markdown) {
    Diagnostics diagnostics;
    const std::optional<std::string> html = render_commentary(markdown, kFile, diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << markdown;
    EXPECT_TRUE(html.has_value()) << markdown;
    return html.value_or("(nullopt)");
}

// The one E701 message for `markdown`, which must not render.
std::string utf8_error(std::string_view markdown) {
    Diagnostics diagnostics;
    const std::optional<std::string> html = render_commentary(markdown, kFile, diagnostics);
    EXPECT_FALSE(html.has_value());
    const std::vector<std::string> found = messages(diagnostics);
    EXPECT_EQ(found.size(), 1u);
    return found.empty() ? "(none)" : found.front();
}

TEST(Commentary, RendersParagraphsAndEmphasis) {
    EXPECT_EQ(render("Reviews were *mostly* on time.\n\nA **second** paragraph, with `code`.\n"),
              "<p>Reviews were <em>mostly</em> on time.</p>\n"
              "<p>A <strong>second</strong> paragraph, with <code>code</code>.</p>\n");
    // Lines of one paragraph stay one paragraph (a soft break, not <br />).
    EXPECT_EQ(render("one\ntwo\n"), "<p>one\ntwo</p>\n");
}

TEST(Commentary, RendersLists) {
    EXPECT_EQ(render("- one\n- two\n\n1. first\n2. second\n"),
              "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
              "<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n");
}

TEST(Commentary, KeepsHttpsLinks) {
    EXPECT_EQ(render("See [the guidance](https://www.gov.uk/guidance?a=1&b=2 \"DfE\")."),
              "<p>See <a href=\"https://www.gov.uk/guidance?a=1&amp;b=2\" title=\"DfE\">the guidance</a>.</p>\n");
    EXPECT_EQ(render("<https://example.org/x>"), "<p><a href=\"https://example.org/x\">https://example.org/x</a></p>\n");
    EXPECT_EQ(render("[mail](mailto:iro@example.org)"), "<p><a href=\"mailto:iro@example.org\">mail</a></p>\n");
}

TEST(Commentary, HeadingsStartAtH3AndStopAtH6) {
    // cmark refuses a level past 6 and keeps the old one, so without the cap "#####" would stay h5.
    EXPECT_EQ(render("# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six\n\nSetext\n======\n\n"
                     "Setext two\n---\n"),
              "<h3>One</h3>\n<h4>Two</h4>\n<h5>Three</h5>\n<h6>Four</h6>\n<h6>Five</h6>\n<h6>Six</h6>\n"
              "<h3>Setext</h3>\n<h4>Setext two</h4>\n");
}

TEST(Commentary, ScriptTagsAreOmitted) {
    EXPECT_EQ(render("<script>alert(1)</script>"), "<!-- raw HTML omitted -->\n");
    EXPECT_EQ(render("Before <script>alert(1)</script> after"),
              "<p>Before <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> after</p>\n");
}

TEST(Commentary, ImageTagsWithHandlersAreOmitted) {
    EXPECT_EQ(render("<img src=x onerror=alert(1)>"), "<!-- raw HTML omitted -->\n");
    EXPECT_EQ(render("a <img src=x onerror=alert(1)> b"), "<p>a <!-- raw HTML omitted --> b</p>\n");
    EXPECT_EQ(render("<a href=\"javascript:alert(1)\">y</a>"),
              "<p><!-- raw HTML omitted -->y<!-- raw HTML omitted --></p>\n");
}

TEST(Commentary, HtmlCommentsAndIframesAreOmitted) {
    // The comment's own text is gone: only cmark's fixed placeholder is left.
    EXPECT_EQ(render("<!-- a note for the board only -->"), "<!-- raw HTML omitted -->\n");
    EXPECT_EQ(render("a <!-- note --> b"), "<p>a <!-- raw HTML omitted --> b</p>\n");
    EXPECT_EQ(render("<iframe src=\"https://evil.example/\"></iframe>"), "<!-- raw HTML omitted -->\n");
}

TEST(Commentary, DangerousLinksLoseTheirUrl) {
    EXPECT_EQ(render("[x](javascript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
    EXPECT_EQ(render("[x](JavaScript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
    // Character references are decoded before the check, so they hide nothing.
    EXPECT_EQ(render("[x](&#106;avascript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
    EXPECT_EQ(render("[x]\n\n[x]: javascript:alert(1)"), "<p><a href=\"\">x</a></p>\n");
    EXPECT_EQ(render("<javascript:alert(1)>"), "<p><a href=\"\">javascript:alert(1)</a></p>\n");
    EXPECT_EQ(render("[v](vbscript:msgbox) [f](file:///etc/passwd) [d](data:text/html,hi)"),
              "<p><a href=\"\">v</a> <a href=\"\">f</a> <a href=\"\">d</a></p>\n");
    EXPECT_EQ(render("![i](javascript:alert(1))"), "<p><img src=\"\" alt=\"i\" /></p>\n");
    // A tab inside the scheme (which a browser would drop) is percent-encoded, so the URL is a
    // harmless relative one.
    EXPECT_EQ(render("[x](java&#9;script:alert(1))"), "<p><a href=\"java%09script:alert(1)\">x</a></p>\n");
    // Inline images are the one data: URL kept.
    EXPECT_EQ(render("![dot](data:image/png;base64,iVBORw0KGgo=)"),
              "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" /></p>\n");
}

TEST(Commentary, AttributesCannotBeBrokenOutOf) {
    EXPECT_EQ(render("[t](https://a.example/ \"x\\\" onmouseover=\\\"alert(1)\")"),
              "<p><a href=\"https://a.example/\" title=\"x&quot; onmouseover=&quot;alert(1)\">t</a></p>\n");
    EXPECT_EQ(render("```\"><script>\nx\n```\n"),
              "<pre><code class=\"language-&quot;&gt;&lt;script&gt;\">x\n</code></pre>\n");
}

TEST(Commentary, MustacheTagsAreLiteralText) {
    // Without the brace references cmark writes "<p>{{mustache}}</p>", which the report's check
    // for unrendered tags would report as a defect (E403), and a template could read.
    EXPECT_EQ(render("{{mustache}} and {{{triple}}}"),
              "<p>&#123;&#123;mustache&#125;&#125; and &#123;&#123;&#123;triple&#125;&#125;&#125;</p>\n");
    EXPECT_EQ(render("`{{code}}`"), "<p><code>&#123;&#123;code&#125;&#125;</code></p>\n");
    EXPECT_EQ(render("[x](https://a.example/{{y}})"), "<p><a href=\"https://a.example/%7B%7By%7D%7D\">x</a></p>\n");
}

TEST(Commentary, SmartPunctuationKeepsEscaping) {
    EXPECT_EQ(render("\"Quoted\" -- and it's a < b & c"), "<p>“Quoted” – and it’s a &lt; b &amp; c</p>\n");
    // Code keeps its straight quotes, escaped.
    EXPECT_EQ(render("`\"x\" < 'y'`"), "<p><code>&quot;x&quot; &lt; 'y'</code></p>\n");
}

TEST(Commentary, InvalidUtf8IsReportedWhereItIs) {
    // "£" is two bytes, so the bad byte is the fifth byte (and fourth character) of line 3.
    EXPECT_EQ(utf8_error("First line\n\n\xC2\xA3" "3 \xE9t\xE9\n"),
              "commentary/summary.md:3:5: error: commentary: the file is not valid UTF-8 (byte 0xE9 at this position); "
              "save it as UTF-8 [E701]");
}

TEST(Commentary, EveryIllFormedSequenceIsCaught) {
    const std::string at = "commentary/summary.md:";
    const std::string tail = " at this position); save it as UTF-8 [E701]";
    const std::string head = ": error: commentary: the file is not valid UTF-8 (byte ";
    EXPECT_EQ(utf8_error("ab\x80"), at + "1:3" + head + "0x80" + tail);                  // lone continuation
    EXPECT_EQ(utf8_error("\xC0\xAF"), at + "1:1" + head + "0xC0" + tail);                // overlong "/"
    EXPECT_EQ(utf8_error("x\xE0\x80\xAF"), at + "1:2" + head + "0xE0" + tail);           // overlong, 3 bytes
    EXPECT_EQ(utf8_error("\xED\xA0\x80"), at + "1:1" + head + "0xED" + tail);            // a surrogate
    EXPECT_EQ(utf8_error("\xF4\x90\x80\x80"), at + "1:1" + head + "0xF4" + tail);        // past U+10FFFF
    EXPECT_EQ(utf8_error("\xF0\x8F\xBF\xBF"), at + "1:1" + head + "0xF0" + tail);        // overlong, 4 bytes
    EXPECT_EQ(utf8_error("\xF8\x88\x80\x80\x80"), at + "1:1" + head + "0xF8" + tail);    // five bytes
    EXPECT_EQ(utf8_error("end \xE2\x82"), at + "1:5" + head + "0xE2" + tail);             // cut off at the end
    EXPECT_EQ(utf8_error("\xE2\x82x"), at + "1:1" + head + "0xE2" + tail);               // cut off mid-text
    // Windows (\r\n) and old Mac (\r) line endings both count as lines.
    EXPECT_EQ(utf8_error("a\r\nb\r\n\xFF"), at + "3:1" + head + "0xFF" + tail);
    EXPECT_EQ(utf8_error("a\rb\r\r  \xFE"), at + "4:3" + head + "0xFE" + tail);
}

TEST(Commentary, WellFormedUtf8AtTheEdgesIsAccepted) {
    EXPECT_EQ(render("\xF0\x9F\x98\x80 \xEF\xBF\xBD \xF4\x8F\xBF\xBF \xED\x9F\xBF \xE0\xA0\x80 \xC2\x80"),
              "<p>\xF0\x9F\x98\x80 \xEF\xBF\xBD \xF4\x8F\xBF\xBF \xED\x9F\xBF \xE0\xA0\x80 \xC2\x80</p>\n");
}

TEST(Commentary, ByteOrderMarkIsDropped) {
    EXPECT_EQ(render("\xEF\xBB\xBF# Title\n\nText.\n"), "<h3>Title</h3>\n<p>Text.</p>\n");
    // Columns on the first line are counted after the mark, as an editor shows them.
    EXPECT_EQ(utf8_error("\xEF\xBB\xBF" "ab\xFF"),
              "commentary/summary.md:1:3: error: commentary: the file is not valid UTF-8 (byte 0xFF at this "
              "position); save it as UTF-8 [E701]");
    // Only at the start: elsewhere it is a character (U+FEFF) like any other.
    EXPECT_EQ(render("a\xEF\xBB\xBF" "b"), "<p>a\xEF\xBB\xBF" "b</p>\n");
}

TEST(Commentary, EmptyOrBlankFilesRenderNothing) {
    EXPECT_EQ(render(""), "");
    EXPECT_EQ(render(" \n\t\r\n   \n"), "");
    // cmark alone would give "<p></p>" for a form feed or vertical tab.
    EXPECT_EQ(render("\f\n \v \n"), "");
    EXPECT_EQ(render("\xEF\xBB\xBF"), "");
    EXPECT_EQ(render("\xEF\xBB\xBF  \n"), "");
}

const std::vector<std::string> kSections{"summary", "children-in-care", "reviews"};

TEST(CommentaryFiles, FindsKnownSectionsInNameOrderAndReportsUnknownOnes) {
    testing::TempDir dir("commentary");
    const std::string folder = (dir.path / "commentary").string();
    testing::spit(dir.path / "commentary" / "summary.md", "Summary.\n");
    testing::spit(dir.path / "commentary" / "reviews.md", "Reviews.\n");
    testing::spit(dir.path / "commentary" / "notes.txt", "not commentary\n");
    testing::spit(dir.path / "commentary" / "reviewz.md", "A typo.\n");

    Diagnostics diagnostics;
    const std::vector<CommentaryFile> found = find_commentary(folder, kSections, diagnostics);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].section, "reviews");
    EXPECT_EQ(found[0].path, folder + "/reviews.md");
    EXPECT_EQ(found[1].section, "summary");
    EXPECT_EQ(found[1].path, folder + "/summary.md");
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{folder + "/reviewz.md: error: commentary: no report section is called 'reviewz'; "
                                                 "the sections are: summary, children-in-care, reviews [E702]"}));
}

TEST(CommentaryFiles, AreSortedByNameWhateverTheFolderOrder) {
    testing::TempDir dir("commentary-order");
    const std::vector<std::string> sections{"a", "b", "c", "d", "e", "f", "g", "h"};
    // Created last to first: many file systems list a folder in creation order, or its reverse.
    for (auto it = sections.rbegin(); it != sections.rend(); ++it) testing::spit(dir.path / (*it + ".md"), *it);

    Diagnostics diagnostics;
    std::vector<std::string> found;
    for (const CommentaryFile& f : find_commentary(dir.path.string(), sections, diagnostics)) found.push_back(f.section);
    EXPECT_EQ(found, sections);
    EXPECT_TRUE(diagnostics.items().empty());
}

TEST(CommentaryFiles, PassesOverWhatIsNotARegularMarkdownFile) {
    testing::TempDir dir("commentary-other");
    const std::filesystem::path folder = dir.path / "commentary";
    std::filesystem::create_directories(folder / "reviews.md");          // a folder with an .md name
    testing::spit(folder / "._summary.md", "macOS resource fork copy");  // hidden
    testing::spit(folder / ".md", "no name");
    testing::spit(folder / "summary.md.bak", "backup");
    testing::spit(folder / "summary.markdown", "other extension");
    testing::spit(folder / "children-in-care.md", "Kept.\n");
    std::filesystem::create_symlink(folder / "missing-target.md", folder / "summary.md");  // dangling link

    Diagnostics diagnostics;
    const std::vector<CommentaryFile> found = find_commentary(folder.string(), kSections, diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << messages(diagnostics).front();
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].section, "children-in-care");
}

TEST(CommentaryFiles, MissingFolderMeansNoCommentary) {
    testing::TempDir dir("commentary-missing");
    Diagnostics diagnostics;
    EXPECT_TRUE(find_commentary((dir.path / "commentary").string(), kSections, diagnostics).empty());
    EXPECT_TRUE(diagnostics.items().empty());
}

}  // namespace
}  // namespace careboard
