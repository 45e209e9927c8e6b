#pragma once
#include "render/page_sink.hpp"
#include "render/site.hpp"

namespace careboard {

// Pages for managers comparing quarters: a snapshot of every figure at each quarter
// (quarters/2024-25-q3.html), a comparison of every pair of quarters
// (compare/2023-24-q3--2024-25-q3.html), a chooser of any two (compare/index.html), and, when an
// earlier edition is given, what this edition revises (editions.html).
void render_quarter_pages(const SiteInput& input, const PageSink& sink);

// File names, relative to the site root.
std::string snapshot_path(const Quarter& quarter);
std::string comparison_path(const Quarter& a, const Quarter& b);

}  // namespace careboard
