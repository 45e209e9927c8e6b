#include "report/commentary.hpp"

#include <cmark.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <system_error>

#include "core/text.hpp"

namespace careboard {
namespace {

// Safe mode is cmark's default since 0.29 (CMARK_OPT_UNSAFE turns it off); CMARK_OPT_SAFE is
// a no-op there but is what turned it on before 0.29, so passing it keeps the output safe
// whichever libcmark the build finds. Smart punctuation only rewrites quotes and dashes in
// text, which is escaped as usual (code spans, URLs and titles are untouched).
constexpr int kCmarkOptions = CMARK_OPT_SAFE | CMARK_OPT_SMART;

// The report's own headings are h1 (the page) and h2 (a section): commentary starts below them.
constexpr int kHeadingShift = 2;
constexpr int kDeepestHeading = 6;

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
    void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
// cmark_render_html allocates with its default allocator, so it is freed by the same one.
struct CmarkTextDeleter {
    void operator()(char* text) const { cmark_get_default_mem_allocator()->free(text); }
};

struct Position {
    int line = 1;
    int column = 1;
};

// 1-based line and byte column of `offset`. Lines end as CommonMark says: \n, \r\n or a lone \r.
Position position_of(std::string_view text, std::size_t offset) {
    Position p;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
            ++p.line;
            line_start = i + 1;
        }
    }
    p.column = static_cast<int>(offset - line_start) + 1;
    return p;
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; });
}

void shift_headings(cmark_node* document) {
    const std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
    for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING)
            cmark_node_set_heading_level(node, std::min(cmark_node_get_heading_level(node) + kHeadingShift, kDeepestHeading));
    }
}

// Braces are never part of cmark's markup, only of text and attribute values, where a character
// reference means the same; so this changes nothing a reader sees, while the report's check for
// unrendered tags ("{{" left in a page, E403) cannot be set off by commentary, and no template
// that embeds the HTML can read a tag in it.
std::string escape_braces(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    for (char c : html) {
        if (c == '{') out += "&#123;";
        else if (c == '}') out += "&#125;";
        else out += c;
    }
    return out;
}

}  // namespace

std::optional<std::string> render_commentary(std::string_view markdown, const std::string& file_name,
                                             Diagnostics& diagnostics) {
    // Windows editors save a BOM; it is not text, and columns are counted after it, as editors do.
    if (markdown.starts_with("\xEF\xBB\xBF")) markdown.remove_prefix(3);

    // cmark would quietly turn bad bytes into U+FFFD; a file saved as Latin-1 or Windows-1252
    // should be re-saved instead, so it is an error with the place to look.
    if (const std::size_t bad = first_invalid_utf8(markdown); bad != std::string_view::npos) {
        const Position at = position_of(markdown, bad);
        diagnostics.error("E701", file_name, at.line, at.column,
                          "commentary: the file is not valid UTF-8 (byte " +
                              hex_byte(static_cast<unsigned char>(markdown[bad])) +
                              " at this position); save it as UTF-8");
        return std::nullopt;
    }
    // Checked here because cmark renders a form feed or vertical tab alone as "<p></p>".
    if (is_blank(markdown)) return std::string();

    // Parsed and rendered in two steps (cmark_markdown_to_html is these two calls) so that the
    // headings can be moved down on the tree, where a heading is a node and not a text match.
    const std::unique_ptr<cmark_node, NodeDeleter> document(
        cmark_parse_document(markdown.data(), markdown.size(), kCmarkOptions));
    // cmark's allocator aborts rather than return null, so these checks are only belt and braces.
    if (!document) return std::string();
    shift_headings(document.get());
    const std::unique_ptr<char, CmarkTextDeleter> html(cmark_render_html(document.get(), kCmarkOptions));
    if (!html) return std::string();
    return escape_braces(html.get());
}

std::vector<CommentaryFile> find_commentary(const std::string& folder, const std::vector<std::string>& known_sections,
                                            Diagnostics& diagnostics) {
    namespace fs = std::filesystem;
    std::vector<std::string> names;
    std::error_code ec;
    // A missing (or unreadable) folder gives no entries: commentary is optional.
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code type_ec;
        if (name.size() > 3 && name.ends_with(".md") && !name.starts_with(".") && it->is_regular_file(type_ec))
            names.push_back(name);
    }
    // Directory order depends on the file system; the report must not.
    std::sort(names.begin(), names.end());

    std::string section_list;
    for (const std::string& s : known_sections) section_list += (section_list.empty() ? "" : ", ") + s;

    std::vector<CommentaryFile> files;
    for (const std::string& name : names) {
        std::string section = name.substr(0, name.size() - 3);
        std::string path = (fs::path(folder) / name).string();
        if (std::find(known_sections.begin(), known_sections.end(), section) == known_sections.end()) {
            diagnostics.error("E702", path, 0, 0,
                              "commentary: no report section is called '" + section + "'; the sections are: " +
                                  section_list);
            continue;
        }
        files.push_back({std::move(section), std::move(path)});
    }
    return files;
}

}  // namespace careboard
