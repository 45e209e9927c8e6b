#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"

namespace careboard {

// The IRO manager's own commentary for the annual report: one optional Markdown file per report
// section, `commentary/<section-id>.md` beside the config file. The text is written by a person,
// not by careboard, so it is treated as untrusted: it is rendered by cmark in its safe mode and
// nothing it says can add markup, scripts or template tags to the report.

// Markdown commentary as HTML for the body of a report section, or nullopt after reporting E701
// (the text is not UTF-8, with the line and byte column of the first bad byte) to `diagnostics`.
// `file_name` is only used in that message.
//
// - A UTF-8 byte order mark at the start is dropped; an empty or blank text gives "".
// - Raw HTML (tags, comments) is replaced by cmark's `<!-- raw HTML omitted -->`, and a link or
//   image to a javascript:, vbscript:, file: or data: URL (other than a png, gif, jpeg or webp
//   image) gets an empty href/src; everything else is escaped.
// - Headings are moved down two levels, `#` to <h3> and nothing past <h6>, so that commentary
//   never outranks the report's own <h1> and section <h2>s.
// - Straight quotes and dashes become typographic ones (cmark's smart punctuation).
// - `{` and `}` are written as &#123; and &#125; (the same text in a browser), so that the HTML
//   can hold no Mustache tag, whichever way the report embeds it.
std::optional<std::string> render_commentary(std::string_view markdown, const std::string& file_name,
                                             Diagnostics& diagnostics);

// One commentary file found, for the section its name names.
struct CommentaryFile {
    std::string section;  // the file name without ".md"
    std::string path;     // folder / file name
};

// The commentary files in `folder`, sorted by file name. A file whose name is not one of
// `known_sections` (a typo such as reviewz.md) is reported as E702, listing the sections, and
// left out. A missing folder means no commentary. Only regular files (or links to them) named
// *.md are read; hidden files (.DS_Store, macOS's ._summary.md copies) and anything else are
// passed over.
std::vector<CommentaryFile> find_commentary(const std::string& folder, const std::vector<std::string>& known_sections,
                                            Diagnostics& diagnostics);

}  // namespace careboard
