#include "render/renderer.hpp"

#include "core/embedded.hpp"

namespace careboard {
namespace {

std::string template_text(const std::string& name) {
    const auto& files = embedded_files();
    auto it = files.find("site-templates/" + name + ".mustache");
    return it == files.end() ? std::string() : std::string(it->second);
}

}  // namespace

std::string Renderer::render(const std::string& name, const kainjow::mustache::data& view) {
    auto it = parsed_.find(name);
    if (it == parsed_.end()) {
        it = parsed_.emplace(name, std::make_unique<kainjow::mustache::mustache>(template_text(name))).first;
        // Mustache's own escaping, and braces as character references, as html_escape does, so
        // that "{{" in a label cannot look like a tag left unrendered (site.cpp, E403).
        it->second->set_custom_escape([](const std::string& text) {
            std::string out;
            for (char c : kainjow::mustache::html_escape<std::string>(text)) {
                if (c == '{') out += "&#123;";
                else if (c == '}') out += "&#125;";
                else out += c;
            }
            return out;
        });
    }
    kainjow::mustache::mustache& tmpl = *it->second;
    if (!tmpl.is_valid()) {
        diagnostics_.error("E401", "site-templates/" + name + ".mustache", 0, 0, "template error: " + tmpl.error_message());
        return {};
    }
    std::string out = tmpl.render(view);
    if (!tmpl.is_valid())
        diagnostics_.error("E402", "site-templates/" + name + ".mustache", 0, 0, "cannot render: " + tmpl.error_message());
    return out;
}

}  // namespace careboard
