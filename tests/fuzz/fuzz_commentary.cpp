// Fuzz target commentary: the IRO manager's Markdown commentary rendered for the annual report
// (render_commentary in src/report/commentary.hpp). The whole input is one commentary file.
//
// Properties, from the function's contract: the text is refused (nullopt) exactly when an E701
// error is reported; the HTML holds no brace, no tag or attribute but those cmark writes for
// Markdown (so no raw HTML, script or template tag), no heading above <h3>, and no link or image
// to a javascript:, vbscript:, file: or data: URL but a png, gif, jpeg or webp image's.
// CAREBOARD_FUZZ_VERBOSE=1 prints the HTML.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_target.hpp"
#include "report/commentary.hpp"

namespace {

using careboard::fuzz::fuzz_check;

std::string lower(std::string_view text) {
    std::string out;
    for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// An attribute value as a browser reads it: the character references cmark writes decoded, and
// leading spaces and controls dropped, as URL parsing does.
std::string attribute_value(std::string_view raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '&') {
            const std::size_t semi = raw.find(';', i);
            if (semi != std::string_view::npos) {
                const std::string entity(raw.substr(i + 1, semi - i - 1));
                long code = -1;
                if (entity == "amp") code = '&';
                else if (entity == "quot") code = '"';
                else if (entity == "lt") code = '<';
                else if (entity == "gt") code = '>';
                else if (entity.starts_with("#x") || entity.starts_with("#X")) code = std::strtol(entity.c_str() + 2, nullptr, 16);
                else if (entity.starts_with("#")) code = std::strtol(entity.c_str() + 1, nullptr, 10);
                if (code >= 0 && code < 128) {
                    out += static_cast<char>(code);
                    i = semi;
                    continue;
                }
            }
        }
        out += raw[i];
    }
    std::size_t start = 0;
    while (start < out.size() && static_cast<unsigned char>(out[start]) <= 0x20) ++start;
    return lower(out.substr(start));
}

void check_url(const std::string& url) {
    for (std::string_view scheme : {"javascript:", "vbscript:", "file:"})
        fuzz_check(!url.starts_with(scheme), "no link or image to a javascript:, vbscript: or file: URL");
    if (url.starts_with("data:")) {
        const bool image_data = url.starts_with("data:image/png") || url.starts_with("data:image/gif") ||
                                url.starts_with("data:image/jpeg") || url.starts_with("data:image/webp");
        fuzz_check(image_data, "no data: URL but a png, gif, jpeg or webp image's");
    }
}

constexpr std::array<std::string_view, 17> kTags{"p", "a", "h3", "h4", "h5", "h6", "em", "strong", "img", "code",
                                                 "pre", "blockquote", "ul", "ol", "li", "hr", "br"};

// One tag of cmark's HTML, from after its '<' to its '>' (cmark writes '>' in an attribute value
// as &gt;): its name one that cmark writes for Markdown, each attribute one of theirs, and a
// link's or image's URL safe.
void check_tag(std::string_view tag) {
    if (tag.starts_with("/")) tag.remove_prefix(1);
    if (tag.ends_with(" /")) tag.remove_suffix(2);
    const std::size_t name_end = std::min(tag.find(' '), tag.size());
    const std::string_view name = tag.substr(0, name_end);
    fuzz_check(std::find(kTags.begin(), kTags.end(), name) != kTags.end(), "no tag but those cmark writes for Markdown");
    std::string_view rest = tag.substr(name_end);
    while (!rest.empty()) {
        fuzz_check(rest.starts_with(" "), "attributes are separated by a space");
        rest.remove_prefix(1);
        const std::size_t eq = rest.find("=\"");
        fuzz_check(eq != std::string_view::npos, "an attribute has a quoted value");
        const std::string_view attribute = rest.substr(0, eq);
        fuzz_check(attribute == "href" || attribute == "src" || attribute == "alt" || attribute == "title" ||
                       attribute == "class" || attribute == "start",
                   "no attribute but those cmark writes");
        const std::size_t close = rest.find('"', eq + 2);
        fuzz_check(close != std::string_view::npos, "an attribute value is closed");
        if (attribute == "href" || attribute == "src") check_url(attribute_value(rest.substr(eq + 2, close - eq - 2)));
        rest.remove_prefix(close + 1);
    }
}

}  // namespace

CAREBOARD_FUZZ_TARGET(commentary) {
    careboard::Diagnostics diagnostics;
    const std::optional<std::string> html = careboard::render_commentary(input, "commentary/summary.md", diagnostics);
    const bool refused = diagnostics.has_errors();
    fuzz_check(!html == refused, "refused exactly when an error is reported");
    if (refused) {
        fuzz_check(diagnostics.items().size() == 1 && diagnostics.items()[0].code == "E701",
                   "the only reason to refuse a text is E701");
        return;
    }
    if (std::getenv("CAREBOARD_FUZZ_VERBOSE")) std::fprintf(stderr, "%s", html->c_str());
    fuzz_check(html->find_first_of("{}") == std::string::npos, "no brace in the HTML");
    for (std::size_t at = html->find('<'); at != std::string::npos; at = html->find('<', at + 1)) {
        const std::string_view after = std::string_view(*html).substr(at + 1);
        if (after.starts_with("!-- raw HTML omitted -->")) continue;
        const std::size_t end = after.find('>');
        fuzz_check(end != std::string_view::npos, "a tag is closed");
        check_tag(after.substr(0, end));
    }
}
