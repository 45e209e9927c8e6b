#pragma once
#include <functional>
#include <mustache.hpp>
#include <string>

namespace careboard {

// How a part of the site hands its pages to the site renderer: render a template with a view,
// wrap a body in the site's layout as a page, or add a file as it is.
struct PageSink {
    std::function<std::string(const std::string& template_name, const kainjow::mustache::data& view)> render;
    std::function<void(const std::string& path, const std::string& title, const std::string& body)> page;
    std::function<void(const std::string& path, std::string content)> file;
};

inline kainjow::mustache::data view_list() { return kainjow::mustache::data{kainjow::mustache::data::type::list}; }

}  // namespace careboard
