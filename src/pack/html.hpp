#pragma once
// Reading and reshaping careboard's own rendered pages for the board pack. The pages come from
// careboard's templates, so a small tag scanner is enough: it knows comments, quoted attribute
// values and the raw text of <script> and <style> (where a '<' is not a tag), and nothing else of
// HTML. It is not a parser for arbitrary HTML.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace careboard::pack {

struct Attribute {
    std::string name;   // lower case
    std::string value;  // as written (entities left encoded)
    char quote = '"';   // '"', '\'' or 0 for an unquoted value
    bool has_value = true;
};

// One tag of a page: where it is, and what it says.
struct Tag {
    std::size_t begin = 0;  // the '<'
    std::size_t end = 0;    // one past the '>'
    std::string name;       // lower case, without the '/'
    bool closing = false;
    bool self_closing = false;
    std::vector<Attribute> attributes;

    const Attribute* find(std::string_view attribute) const {
        for (const Attribute& a : attributes)
            if (a.name == attribute) return &a;
        return nullptr;
    }
    std::string get(std::string_view attribute) const {
        const Attribute* a = find(attribute);
        return a ? a->value : std::string();
    }
    bool has_class(std::string_view cls) const {
        const std::string classes = get("class");
        std::size_t i = 0;
        while (i < classes.size()) {
            while (i < classes.size() && std::isspace(static_cast<unsigned char>(classes[i]))) ++i;
            std::size_t j = i;
            while (j < classes.size() && !std::isspace(static_cast<unsigned char>(classes[j]))) ++j;
            if (j > i && std::string_view(classes).substr(i, j - i) == cls) return true;
            i = j;
        }
        return false;
    }
};

inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

inline bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
}

// Parses the tag that starts at `pos` (a '<'). Returns nothing when `pos` does not start a tag
// (a '<' in text) or the tag is not closed.
inline std::optional<Tag> parse_tag(std::string_view html, std::size_t pos) {
    if (pos >= html.size() || html[pos] != '<') return std::nullopt;
    Tag tag;
    tag.begin = pos;
    std::size_t i = pos + 1;
    if (i < html.size() && html[i] == '/') {
        tag.closing = true;
        ++i;
    }
    const std::size_t name_start = i;
    while (i < html.size() && is_name_char(html[i])) ++i;
    if (i == name_start || !std::isalpha(static_cast<unsigned char>(html[name_start]))) return std::nullopt;
    tag.name = lower(html.substr(name_start, i - name_start));
    for (;;) {
        while (i < html.size() && std::isspace(static_cast<unsigned char>(html[i]))) ++i;
        if (i >= html.size()) return std::nullopt;
        if (html[i] == '>') {
            tag.end = i + 1;
            return tag;
        }
        if (html[i] == '/' && i + 1 < html.size() && html[i + 1] == '>') {
            tag.self_closing = true;
            tag.end = i + 2;
            return tag;
        }
        const std::size_t a_start = i;
        while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '=' && html[i] != '>' &&
               !(html[i] == '/' && i + 1 < html.size() && html[i + 1] == '>'))
            ++i;
        if (i == a_start) {
            ++i;  // a stray character: skip it rather than loop
            continue;
        }
        Attribute attribute;
        attribute.name = lower(html.substr(a_start, i - a_start));
        while (i < html.size() && std::isspace(static_cast<unsigned char>(html[i]))) ++i;
        if (i < html.size() && html[i] == '=') {
            ++i;
            while (i < html.size() && std::isspace(static_cast<unsigned char>(html[i]))) ++i;
            if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
                const char quote = html[i];
                const std::size_t close = html.find(quote, i + 1);
                if (close == std::string_view::npos) return std::nullopt;
                attribute.value = std::string(html.substr(i + 1, close - i - 1));
                attribute.quote = quote;
                i = close + 1;
            } else {
                const std::size_t v_start = i;
                while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '>') ++i;
                attribute.value = std::string(html.substr(v_start, i - v_start));
                attribute.quote = 0;
            }
        } else {
            attribute.has_value = false;
        }
        tag.attributes.push_back(std::move(attribute));
    }
}

// The next tag at or after `pos`, skipping comments, and skipping the raw text of a <script> or
// <style> when `pos` is just after its start tag (callers step over it with `after_tag`).
inline std::optional<Tag> next_tag(std::string_view html, std::size_t pos) {
    while (pos < html.size()) {
        const std::size_t lt = html.find('<', pos);
        if (lt == std::string_view::npos) return std::nullopt;
        if (html.substr(lt, 4) == "<!--") {
            const std::size_t close = html.find("-->", lt + 4);
            if (close == std::string_view::npos) return std::nullopt;
            pos = close + 3;
            continue;
        }
        if (std::optional<Tag> tag = parse_tag(html, lt)) return tag;
        pos = lt + 1;
    }
    return std::nullopt;
}

// Where scanning continues after `tag`: past the raw text of a <script> or <style>, whose '<'
// characters are not tags.
inline std::size_t after_tag(std::string_view html, const Tag& tag) {
    if (tag.closing || tag.self_closing || (tag.name != "script" && tag.name != "style")) return tag.end;
    const std::string close = "</" + tag.name;
    std::size_t i = tag.end;
    while (i < html.size()) {
        const std::size_t lt = html.find("</", i);
        if (lt == std::string_view::npos) return html.size();
        if (lower(html.substr(lt, close.size())) == close) return lt;
        i = lt + 2;
    }
    return html.size();
}

// Every tag of `html`, in order.
inline std::vector<Tag> tags_of(std::string_view html) {
    std::vector<Tag> out;
    std::size_t pos = 0;
    while (std::optional<Tag> tag = next_tag(html, pos)) {
        pos = after_tag(html, *tag);
        out.push_back(std::move(*tag));
    }
    return out;
}

// An element found in a page: its start tag, and the byte ranges of the whole element and of
// its content.
struct Element {
    Tag start;
    std::size_t outer_begin = 0, outer_end = 0;
    std::size_t inner_begin = 0, inner_end = 0;
};

constexpr std::string_view kVoidElements[] = {"area", "base", "br", "col", "embed", "hr", "img",
                                              "input", "link", "meta", "source", "track", "wbr"};

inline bool is_void(const std::string& name) {
    return std::find(std::begin(kVoidElements), std::end(kVoidElements), name) != std::end(kVoidElements);
}

// The first element at or after `pos` whose start tag satisfies `match`, with its matching end
// tag (elements of the same name nested inside it are counted).
template <class Match>
std::optional<Element> find_element(std::string_view html, Match match, std::size_t pos = 0) {
    while (std::optional<Tag> tag = next_tag(html, pos)) {
        pos = after_tag(html, *tag);
        if (tag->closing || !match(*tag)) continue;
        Element e;
        e.start = *tag;
        e.outer_begin = tag->begin;
        e.inner_begin = tag->end;
        if (tag->self_closing || is_void(tag->name)) {
            e.inner_end = e.outer_end = tag->end;
            return e;
        }
        int depth = 1;
        while (std::optional<Tag> inner = next_tag(html, pos)) {
            pos = after_tag(html, *inner);
            if (inner->name != e.start.name || inner->self_closing) continue;
            depth += inner->closing ? -1 : 1;
            if (depth == 0) {
                e.inner_end = inner->begin;
                e.outer_end = inner->end;
                return e;
            }
        }
        return std::nullopt;  // not closed
    }
    return std::nullopt;
}

inline auto tag_named(std::string name) {
    return [name = std::move(name)](const Tag& t) { return t.name == name; };
}

inline auto tag_with_class(std::string name, std::string cls) {
    return [name = std::move(name), cls = std::move(cls)](const Tag& t) { return t.name == name && t.has_class(cls); };
}

// The content of a page's <main> element (between `<main ...>` and `</main>`).
inline std::optional<std::string> main_content(std::string_view page) {
    const std::optional<Element> main = find_element(page, tag_named("main"));
    if (!main) return std::nullopt;
    return std::string(page.substr(main->inner_begin, main->inner_end - main->inner_begin));
}

// The whole first element satisfying `match`, or nothing.
template <class Match>
std::optional<std::string> take_element(std::string_view html, Match match) {
    const std::optional<Element> e = find_element(html, match);
    if (!e) return std::nullopt;
    return std::string(html.substr(e->outer_begin, e->outer_end - e->outer_begin));
}

// `html` without any element satisfying `match` (and without the line break after each, so
// that no blank line is left where it was).
template <class Match>
std::string remove_elements(std::string_view html, Match match) {
    std::string out;
    std::size_t pos = 0;
    while (std::optional<Element> e = find_element(html, match, pos)) {
        out.append(html.substr(pos, e->outer_begin - pos));
        pos = e->outer_end;
        if (pos < html.size() && html[pos] == '\n') ++pos;
    }
    out.append(html.substr(pos));
    return out;
}

// Decodes the character references careboard's templates write (Mustache's escapes and numeric
// references); others are left as written.
inline std::string decode_entities(std::string_view text) {
    static const std::map<std::string, std::string, std::less<>> named{
        {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}};
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t semi = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
        if (semi != std::string_view::npos && semi - i <= 10) {
            const std::string_view ref = text.substr(i + 1, semi - i - 1);
            if (auto it = named.find(ref); it != named.end()) {
                out += it->second;
                i = semi + 1;
                continue;
            }
            if (ref.size() > 1 && ref[0] == '#') {
                const bool hex = ref[1] == 'x' || ref[1] == 'X';
                const std::string digits(ref.substr(hex ? 2 : 1));
                char* end = nullptr;
                const unsigned long code = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
                if (!digits.empty() && end && *end == '\0' && code > 0 && code < 0x110000) {
                    // UTF-8 encoding of the code point.
                    if (code < 0x80) {
                        out += static_cast<char>(code);
                    } else if (code < 0x800) {
                        out += static_cast<char>(0xC0 | (code >> 6));
                        out += static_cast<char>(0x80 | (code & 0x3F));
                    } else if (code < 0x10000) {
                        out += static_cast<char>(0xE0 | (code >> 12));
                        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (code & 0x3F));
                    } else {
                        out += static_cast<char>(0xF0 | (code >> 18));
                        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
                        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                        out += static_cast<char>(0x80 | (code & 0x3F));
                    }
                    i = semi + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

// The text of an HTML fragment: tags removed, references decoded, white space collapsed.
inline std::string text_content(std::string_view html) {
    std::string raw;
    std::size_t pos = 0;
    while (std::optional<Tag> tag = next_tag(html, pos)) {
        raw.append(html.substr(pos, tag->begin - pos));
        raw += ' ';
        pos = after_tag(html, *tag);
        if (pos != tag->end) {  // the raw text of a script or style is not text to read
            const std::optional<Tag> close = next_tag(html, pos);
            pos = close ? close->end : html.size();
        }
    }
    raw.append(html.substr(pos));
    const std::string decoded = decode_entities(raw);
    std::string out;
    bool space = false;
    for (char c : decoded) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += c;
        }
    }
    return out;
}

// A fragment cut at each top-level <h2>: the part before the first, then one chunk per <h2>
// heading, each running to the next.
struct Chunk {
    std::string heading;  // the heading's text; empty for the part before the first
    std::string html;
};

inline std::vector<Chunk> split_at_h2(std::string_view html) {
    std::vector<std::size_t> starts;
    for (const Tag& tag : tags_of(html))
        if (tag.name == "h2" && !tag.closing) starts.push_back(tag.begin);
    std::vector<Chunk> out;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= starts.size(); ++i) {
        const std::size_t end = i < starts.size() ? starts[i] : html.size();
        Chunk chunk;
        chunk.html = std::string(html.substr(begin, end - begin));
        if (i > 0) {
            if (std::optional<Element> h = find_element(chunk.html, tag_named("h2")))
                chunk.heading = text_content(std::string_view(chunk.html).substr(h->inner_begin, h->inner_end - h->inner_begin));
        }
        if (i > 0 || !chunk.html.empty()) out.push_back(std::move(chunk));
        begin = end;
    }
    return out;
}

// How a page's content is changed to sit inside the pack.
struct Reshape {
    // Every id in the fragment becomes `prefix + "--" + id`, and every reference to one
    // (href="#...", for, headers, aria-*by, data-spec) follows it, so that ids stay unique when
    // several pages share one document.
    std::string prefix;
    // Added to every heading level (a page's h1 becomes an h2 under the pack's own h1).
    int heading_shift = 0;
    // Other pages of the site that are in the pack, by file name: the prefix of their section.
    // Links to them become links within the pack; links to pages that are not in it are
    // removed (their text stays), as the pack has no other pages beside it.
    std::map<std::string, std::string> pages;
    // Every <details> is printed open.
    bool open_details = true;
};

inline std::string prefixed_id(const std::string& prefix, std::string_view id) {
    return prefix.empty() ? std::string(id) : prefix + "--" + std::string(id);
}

inline std::string prefixed_id_list(const std::string& prefix, std::string_view ids) {
    std::string out;
    std::size_t i = 0;
    while (i < ids.size()) {
        while (i < ids.size() && std::isspace(static_cast<unsigned char>(ids[i]))) ++i;
        std::size_t j = i;
        while (j < ids.size() && !std::isspace(static_cast<unsigned char>(ids[j]))) ++j;
        if (j > i) out += (out.empty() ? "" : " ") + prefixed_id(prefix, ids.substr(i, j - i));
        i = j;
    }
    return out;
}

inline bool is_external(std::string_view href) {
    const std::size_t colon = href.find(':');
    if (colon == std::string_view::npos) return href.starts_with("//");
    const std::size_t slash = href.find('/');
    return slash == std::string_view::npos || colon < slash;  // a scheme: https:, mailto:, data:
}

// Where a link goes once the page is in the pack; nothing when it goes to a page that is not.
inline std::optional<std::string> pack_href(const Reshape& r, std::string_view href) {
    if (href.empty() || is_external(href)) return std::string(href);
    if (href == "#") return std::string(href);
    if (href.starts_with("#")) return "#" + prefixed_id(r.prefix, href.substr(1));
    const std::size_t hash = href.find('#');
    const std::string page(href.substr(0, hash));
    auto it = r.pages.find(page);
    if (it == r.pages.end()) return std::nullopt;
    if (hash == std::string_view::npos || hash + 1 == href.size()) return "#" + it->second;
    return "#" + prefixed_id(it->second, href.substr(hash + 1));
}

inline std::string write_tag(const Tag& tag) {
    std::string out = "<";
    if (tag.closing) out += '/';
    out += tag.name;
    for (const Attribute& a : tag.attributes) {
        out += ' ';
        out += a.name;
        if (!a.has_value) continue;
        out += '=';
        if (a.quote) out += a.quote;
        out += a.value;
        if (a.quote) out += a.quote;
    }
    if (tag.self_closing) out += " /";
    return out + ">";
}

inline bool is_heading(const std::string& name) {
    return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

inline std::string shifted_heading(const std::string& name, int shift) {
    const int level = std::clamp(name[1] - '0' + shift, 1, 6);
    return "h" + std::to_string(level);
}

// A page's content, reshaped to sit inside the pack (see Reshape). Text and the raw content of
// <script> elements (the chart specs) are copied byte for byte; only tags change.
inline std::string reshape(std::string_view html, const Reshape& r) {
    std::string out;
    out.reserve(html.size() + html.size() / 8);
    std::size_t pos = 0;
    int dropped_links = 0;  // <a> start tags removed, whose end tags go too
    while (std::optional<Tag> found = next_tag(html, pos)) {
        Tag tag = std::move(*found);
        out.append(html.substr(pos, tag.begin - pos));
        const std::size_t next = after_tag(html, tag);
        bool changed = false, keep = true;
        if (is_heading(tag.name) && r.heading_shift != 0) {
            tag.name = shifted_heading(tag.name, r.heading_shift);
            changed = true;
        }
        if (tag.name == "a" && tag.closing && dropped_links > 0) {
            --dropped_links;
            keep = false;
        }
        if (!tag.closing) {
            for (Attribute& a : tag.attributes) {
                if (!a.has_value) continue;
                if (a.name == "id" || a.name == "for" || a.name == "data-spec") {
                    a.value = prefixed_id(r.prefix, a.value);
                    changed = true;
                } else if (a.name == "headers" || a.name == "aria-labelledby" || a.name == "aria-describedby" ||
                           a.name == "aria-controls" || a.name == "aria-owns") {
                    a.value = prefixed_id_list(r.prefix, a.value);
                    changed = true;
                } else if (a.name == "href" && tag.name == "a") {
                    if (std::optional<std::string> href = pack_href(r, a.value)) {
                        changed = changed || *href != a.value;
                        a.value = *href;
                    } else {
                        keep = false;
                    }
                }
            }
            if (tag.name == "a" && !keep) ++dropped_links;
            if (r.open_details && tag.name == "details" && !tag.find("open")) {
                tag.attributes.push_back({"open", "", '"', false});
                changed = true;
            }
        }
        if (keep) out += changed ? write_tag(tag) : std::string(html.substr(tag.begin, tag.end - tag.begin));
        out.append(html.substr(tag.end, next - tag.end));  // a script's raw text, unchanged
        pos = next;
    }
    out.append(html.substr(pos));
    return out;
}

// Every id attribute in `html`, in order (for checks that they are unique).
inline std::vector<std::string> ids_of(std::string_view html) {
    std::vector<std::string> out;
    for (const Tag& tag : tags_of(html))
        if (!tag.closing)
            if (const Attribute* id = tag.find("id"); id && id->has_value) out.push_back(id->value);
    return out;
}

}  // namespace careboard::pack
