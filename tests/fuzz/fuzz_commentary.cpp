// Fuzz target commentary: the IRO manager's Markdown commentary rendered for the annual report
// (render_commentary in src/report/commentary.hpp). The whole input is one commentary file.
//
// Properties, from the function's contract: the text is refused (nullopt) exactly when an E701
// error is reported; the HTML holds no brace, no tag but those cmark writes for Markdown (so no
// raw HTML, script or template tag), no heading above <h3>, and no link to a javascript:,
// vbscript:, file: or data: URL but a png, gif, jpeg or webp image's.
#include <array>
#include <cctype>
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
                const std::string_view entity = raw.substr(i + 1, semi - i - 1);
                long code = -1;
                if (entity == "amp") code = '&';
                else if (entity == "quot") code = '"';
                else if (entity == "lt") code = '<';
                else if (entity == "gt") code = '>';
                else if (entity.starts_with("#x") || entity.starts_with("#X")) code = std::strtol(std::string(entity.substr(2)).c_str(), nullptr, 16);
                else if (entity.starts_with("#")) code = std::strtol(std::string(entity.substr(1)).c_str(), nullptr, 10);
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

void check_urls(const std::string& html, std::string_view attribute) {
    for (std::size_t at = html.find(attribute); at != std::string::npos; at = html.find(attribute, at + 1)) {
        const std::size_t begin = at + attribute.size();
        const std::size_t end = html.find('"', begin);
        fuzz_check(end != std::string::npos, "an attribute value is closed");
        const std::string url = attribute_value(std::string_view(html).substr(begin, end - begin));
        for (std::string_view scheme : {"javascript:", "vbscript:", "file:"})
            fuzz_check(!url.starts_with(scheme), "no link or image to a javascript:, vbscript: or file: URL");
        if (url.starts_with("data:")) {
            const bool image_data = url.starts_with("data:image/png") || url.starts_with("data:image/gif") ||
                                    url.starts_with("data:image/jpeg") || url.starts_with("data:image/webp");
            fuzz_check(image_data, "no data: URL but a png, gif, jpeg or webp image's");
        }
    }
}

constexpr std::array<std::string_view, 20> kTags{
    "p>", "a>", "h3>", "h4>", "h5>", "h6>", "em>", "strong>", "a href=\"", "img src=\"", "code>", "code class=\"",
    "pre>", "blockquote>", "ul>", "ol>", "ol start=\"", "li>", "hr />", "br />"};

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
    fuzz_check(html->find_first_of("{}") == std::string::npos, "no brace in the HTML");
    for (std::size_t at = html->find('<'); at != std::string::npos; at = html->find('<', at + 1)) {
        std::string_view tag = std::string_view(*html).substr(at + 1);
        if (tag.starts_with("!-- raw HTML omitted -->")) continue;
        if (tag.starts_with("/")) tag.remove_prefix(1);
        bool known = false;
        for (std::string_view t : kTags) known = known || tag.starts_with(t);
        fuzz_check(known, "no tag but those cmark writes for Markdown");
    }
    check_urls(*html, "href=\"");
    check_urls(*html, "src=\"");
}
