#pragma once
#include <map>
#include <string_view>

namespace careboard {

// Site templates and careboard's own assets, compiled into the binary (cmake/embed_files.cmake),
// keyed by their path in the source tree, e.g. "site-templates/layout.mustache".
const std::map<std::string_view, std::string_view>& embedded_files();

}  // namespace careboard
