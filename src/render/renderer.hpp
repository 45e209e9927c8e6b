#pragma once
#include <map>
#include <memory>
#include <string>

#include <mustache.hpp>

#include "core/diagnostics.hpp"

namespace careboard {

// Renders the embedded templates (site-templates/NAME.mustache) with kainjow Mustache, which
// does not throw: a template that does not parse (E401) or does not render (E402) is reported
// with its file. Each template is parsed once, however many pages use it.
class Renderer {
public:
    explicit Renderer(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

    std::string render(const std::string& name, const kainjow::mustache::data& view);

private:
    Diagnostics& diagnostics_;
    std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed_;
};

}  // namespace careboard
