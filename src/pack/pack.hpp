#pragma once
// The board pack: one printable HTML document assembled from the site's rendered pages, in
// memory (docs/pack.md). It takes each page's <main> content as the site renders it, so that the
// pack shows exactly the figures, tables, symbols and markings of the edition it comes from
// (suppressed cells stay `c`; the board edition stays "Not for publication"), and adds only a
// cover, a contents list and print layout.
#include <algorithm>
#include <map>
#include <mustache.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/embedded.hpp"
#include "core/format.hpp"
#include "pack/html.hpp"
#include "render/site.hpp"

namespace careboard::pack {

// What the cover says, besides what the pages say.
struct PackInfo {
    std::string authority_name;
    std::string site_title;
    std::string source;
    std::string data_as_at;  // "31 March 2025"
    std::string period;      // "2022-23 Q1 to 2024-25 Q4"
    std::string profile = "public";
    std::optional<std::string> build_date;
    // The printed page each part starts on, by part id, for the contents (found in the text of
    // a first printing); empty: the contents have no page numbers.
    std::map<std::string, int> pages = {};
};

// Each part's id and its title as printed at its start, in the pack's order.
using PartTitles = std::vector<std::pair<std::string, std::string>>;

inline constexpr const char* kPackFile = "board-pack.html";
inline constexpr const char* kPackPdf = "board-pack.pdf";

// One part of the pack, in order: the overview's key figures, each trend page, the symbols key,
// the definitions.
struct PackPart {
    std::string id;     // the part's anchor, also the prefix of every id inside it
    std::string title;  // for the contents list
    std::string html;   // reshaped content
    bool new_page = true;
    struct Item {
        std::string href, title;
    };
    std::vector<Item> items;  // a trend page's charts, for the contents list
};

struct NavLink {
    std::string href, label;
};

// The site's own navigation, in order, from a rendered page.
inline std::vector<NavLink> site_navigation(std::string_view page) {
    std::vector<NavLink> links;
    const std::optional<Element> nav =
        find_element(page, [](const Tag& t) { return t.name == "nav" && t.get("aria-label") == "Site"; });
    if (!nav) return links;
    const std::string_view inner = page.substr(nav->inner_begin, nav->inner_end - nav->inner_begin);
    std::size_t pos = 0;
    while (std::optional<Element> a = find_element(inner, tag_named("a"), pos)) {
        links.push_back({a->start.get("href"), text_content(inner.substr(a->inner_begin, a->inner_end - a->inner_begin))});
        pos = a->outer_end;
    }
    return links;
}

// The value of an attribute of a page's <html> element (its print running line is one).
inline std::optional<std::string> html_attribute(std::string_view page, std::string_view name) {
    const std::optional<Element> html = find_element(page, tag_named("html"));
    if (!html) return std::nullopt;
    const Attribute* a = html->start.find(name);
    if (!a || !a->has_value) return std::nullopt;
    return a->value;
}

// A page's main content without the parts the layout repeats on every page (the board banner
// and the symbols key): the pack shows each once.
inline std::string without_page_furniture(std::string_view main) {
    std::string html = remove_elements(main, tag_with_class("div", "cb-banner"));
    return remove_elements(html, tag_with_class("section", "cb-symbols-key"));
}

// Wraps each chart's heading, drawing, description and source line in a block that printing
// keeps on one page (the table that follows may start the next). The site's sections hold the
// table too, so they cannot be kept whole themselves.
inline std::string keep_charts_whole(std::string_view html) {
    std::string out;
    std::size_t pos = 0;
    while (std::optional<Element> section = find_element(html, tag_with_class("section", "cb-chart-section"), pos)) {
        const std::string_view inner = html.substr(0, section->inner_end);
        const std::optional<Element> source = find_element(inner, tag_with_class("p", "cb-source"), section->inner_begin);
        if (!source) {
            out.append(html.substr(pos, section->outer_end - pos));
        } else {
            out.append(html.substr(pos, section->inner_begin - pos));
            out += "<div class=\"cb-pack-chart\">";
            out.append(html.substr(section->inner_begin, source->outer_end - section->inner_begin));
            out += "</div>";
            out.append(html.substr(source->outer_end, section->outer_end - source->outer_end));
        }
        pos = section->outer_end;
    }
    out.append(html.substr(pos));
    return out;
}

inline bool is_trend_page(std::string_view main) {
    return find_element(main, tag_with_class("section", "cb-chart-section")).has_value();
}

// Assembles board-pack.html from a rendered site and copies the site's own assets beside it
// (careboard.css and careboard.js; the caller adds the chart libraries). Problems are defects
// in careboard, reported as template errors.
inline OutputTree assemble_pack(const OutputTree& site, const PackInfo& info, Diagnostics& diagnostics,
                                PartTitles* titles = nullptr) {
    using kainjow::mustache::data;
    using kainjow::mustache::mustache;
    OutputTree out;
    auto fail = [&](const std::string& file, const std::string& why) {
        diagnostics.error("E402", file, 0, 0, "cannot assemble the board pack: " + why);
        return OutputTree{};
    };
    auto page = [&](const std::string& name) -> const std::string* {
        auto it = site.find(name);
        return it == site.end() ? nullptr : &it->second;
    };

    const std::string* index = page("index.html");
    if (!index) return fail("index.html", "the site has no overview page");
    const std::optional<std::string> index_main = main_content(*index);
    if (!index_main) return fail("index.html", "the page has no <main> element");

    // The trend pages, in the order of the site's navigation.
    struct Source {
        std::string href, slug, main;
    };
    std::vector<Source> trends;
    std::map<std::string, std::string> prefixes{{"index.html", "overview"}, {"about.html", "definitions"}};
    const std::vector<NavLink> nav = site_navigation(*index);
    for (const NavLink& link : nav) {
        const std::string* p = page(link.href);
        if (!p || link.href == "index.html" || !link.href.ends_with(".html")) continue;
        std::optional<std::string> main = main_content(*p);
        if (!main) return fail(link.href, "the page has no <main> element");
        if (!is_trend_page(*main)) continue;
        const std::string slug = link.href.substr(0, link.href.size() - 5);
        prefixes[link.href] = slug;
        trends.push_back({link.href, slug, std::move(*main)});
    }
    if (trends.empty()) return fail("index.html", "the site's navigation lists no trend page");

    std::vector<PackPart> parts;
    std::string cover_glance;

    // The overview: its opening paragraph, the summary of notable changes and the key figures
    // (what comes after them on the overview, the list of pages and the CSV link, is the site's
    // own navigation, which the contents list replaces).
    {
        std::string main = remove_elements(without_page_furniture(*index_main), tag_named("h1"));
        std::string kept;
        for (const Chunk& chunk : split_at_h2(main)) {
            // The year at a glance is the cover's: what the pack says first.
            if (find_element(chunk.html, tag_with_class("dl", "cb-glance"))) {
                cover_glance = reshape(chunk.html, Reshape{"cover", 0, prefixes, true});
                continue;
            }
            kept += chunk.html;
            if (find_element(chunk.html, tag_with_class("ul", "cb-key-figures"))) break;
        }
        PackPart part;
        part.id = "overview";
        part.title = "Overview";
        for (const NavLink& link : nav)
            if (link.href == "index.html" && !link.label.empty()) part.title = link.label;
        Reshape r{part.id, 1, prefixes, true};
        part.html = "<h2 class=\"govuk-heading-xl\">" + html_escape(part.title) + "</h2>\n" + reshape(kept, r);
        parts.push_back(std::move(part));
    }

    // Each trend page's main content, its chart list kept for the pack's contents.
    for (const Source& trend : trends) {
        PackPart part;
        part.id = trend.slug;
        std::string main = without_page_furniture(trend.main);
        if (std::optional<Element> h1 = find_element(main, tag_named("h1")))
            part.title = text_content(std::string_view(main).substr(h1->inner_begin, h1->inner_end - h1->inner_begin));
        if (std::optional<std::string> contents = take_element(main, tag_with_class("nav", "cb-contents"))) {
            const Reshape links{part.id, 0, prefixes, true};
            std::size_t pos = 0;
            const std::string_view c = *contents;
            while (std::optional<Element> a = find_element(c, tag_named("a"), pos)) {
                const std::optional<std::string> href = pack_href(links, a->start.get("href"));
                if (href) part.items.push_back({*href, text_content(c.substr(a->inner_begin, a->inner_end - a->inner_begin))});
                pos = a->outer_end;
            }
        }
        // The pack has its own contents list, and the CSV files stay on the site.
        main = remove_elements(main, tag_with_class("nav", "cb-contents"));
        main = remove_elements(main, tag_with_class("p", "cb-download"));
        part.html = keep_charts_whole(reshape(main, Reshape{part.id, 1, prefixes, true}));
        // Sections the page's own list leaves out (tables without a chart) join the contents
        // under their headings.
        std::size_t pos = 0;
        const std::string_view html = part.html;
        while (std::optional<Element> section = find_element(html, tag_with_class("section", "cb-chart-section"), pos)) {
            pos = section->outer_end;
            const std::string href = "#" + section->start.get("id");
            if (href == "#" || std::any_of(part.items.begin(), part.items.end(), [&](const PackPart::Item& i) { return i.href == href; }))
                continue;
            const std::string_view inner = html.substr(section->inner_begin, section->inner_end - section->inner_begin);
            if (std::optional<Element> h = find_element(inner, [](const Tag& t) { return is_heading(t.name); }))
                part.items.push_back({href, text_content(inner.substr(h->inner_begin, h->inner_end - h->inner_begin))});
        }
        if (part.title.empty()) return fail(trend.href, "the page has no <h1> heading");
        parts.push_back(std::move(part));
    }

    // The symbols key, once, and the about page's definitions after it on the same printed page.
    {
        const std::optional<std::string> key = take_element(*index_main, tag_with_class("section", "cb-symbols-key"));
        if (!key) return fail("index.html", "the page has no symbols key");
        PackPart part;
        part.id = "symbols";
        if (std::optional<Element> h2 = find_element(*key, tag_named("h2")))
            part.title = text_content(std::string_view(*key).substr(h2->inner_begin, h2->inner_end - h2->inner_begin));
        part.html = reshape(*key, Reshape{part.id, 0, prefixes, true});
        parts.push_back(std::move(part));
    }
    {
        const std::string* about = page("about.html");
        const std::optional<std::string> about_main = about ? main_content(*about) : std::nullopt;
        if (!about_main) return fail("about.html", "the site has no about page with a <main> element");
        PackPart part;
        part.id = "definitions";
        part.new_page = false;
        for (const Chunk& chunk : split_at_h2(without_page_furniture(*about_main)))
            if (chunk.heading == "Definitions") {
                part.title = chunk.heading;
                part.html = reshape(chunk.html, Reshape{part.id, 0, prefixes, true});
            }
        if (part.html.empty()) return fail("about.html", "the page has no \"Definitions\" section");
        parts.push_back(std::move(part));
    }

    // The document.
    const auto& files = embedded_files();
    const auto tmpl_it = files.find("site-templates/pack.mustache");
    if (tmpl_it == files.end()) return fail("site-templates/pack.mustache", "the template is not built in");
    mustache tmpl{std::string(tmpl_it->second)};
    if (!tmpl.is_valid()) {
        diagnostics.error("E401", "site-templates/pack.mustache", 0, 0, "template error: " + tmpl.error_message());
        return {};
    }
    const bool board = info.profile == "board";
    data view;
    view.set("page_title", std::string(board ? "Not for publication: " : "") + "Board pack");
    view.set("authority_name", info.authority_name);
    view.set("site_title", info.site_title);
    view.set("source", info.source);
    view.set("data_as_at", info.data_as_at);
    view.set("period", info.period);
    view.set("version", CAREBOARD_VERSION);
    view.set("edition", board ? "Board edition: not for publication. Small numbers are not protected."
                              : "Public edition: small numbers are protected (shown as c; see the symbols key).");
    if (info.build_date) view.set("build_date", *info.build_date);
    if (!cover_glance.empty()) view.set("cover_glance_html", cover_glance);
    // The board edition's cover carries the same banner as every page of its site.
    if (board) {
        const std::optional<std::string> banner = take_element(*index_main, tag_with_class("div", "cb-banner"));
        if (!banner) return fail("index.html", "the board edition's page has no \"Not for publication\" banner");
        view.set("banner_html", *banner);
    }
    // The running line of every printed page (authority, data as at, source), as the site's
    // pages set it.
    if (std::optional<std::string> style = html_attribute(*index, "style")) view.set("html_style", *style);
    data contents{data::type::list};
    data part_views{data::type::list};
    for (const PackPart& part : parts) {
        data entry;
        entry.set("id", part.id);
        entry.set("title", part.title);
        data items{data::type::list};
        for (const PackPart::Item& item : part.items) {
            data i;
            i.set("href", item.href);
            i.set("title", item.title);
            items.push_back(i);
        }
        entry.set("items", items);
        if (auto it = info.pages.find(part.id); it != info.pages.end()) entry.set("page", std::to_string(it->second));
        if (titles) titles->push_back({part.id, part.title});
        if (!part.items.empty()) entry.set("has_items", true);
        contents.push_back(entry);
        data p;
        p.set("id", part.id);
        p.set("html", part.html);
        if (part.new_page) p.set("new_page", true);
        part_views.push_back(p);
    }
    view.set("contents", contents);
    view.set("parts", part_views);
    std::string html = tmpl.render(view);
    if (!tmpl.is_valid()) {
        diagnostics.error("E402", "site-templates/pack.mustache", 0, 0, "cannot render: " + tmpl.error_message());
        return {};
    }
    if (html.find("{{") != std::string::npos) {
        diagnostics.error("E403", kPackFile, 0, 0, "an unrendered template tag is left in the page");
        return {};
    }
    out[kPackFile] = std::move(html);
    for (const auto& [path, content] : site)
        if (path.starts_with("assets/")) out[path] = content;
    return out;
}

}  // namespace careboard::pack
