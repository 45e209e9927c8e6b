#include "core/diagnostics.hpp"

#include <algorithm>
#include <tuple>

#include "core/text.hpp"

namespace careboard {

std::string format_diagnostic(const Diagnostic& d) {
    // File names and messages quote input; they are written visibly (core/text.hpp).
    std::string out = visible(d.file);
    if (d.line > 0) {
        out += ':' + std::to_string(d.line);
        if (d.column > 0) out += ':' + std::to_string(d.column);
    }
    if (!out.empty()) out += ": ";
    out += d.severity == Severity::error ? "error: " : "warning: ";
    out += visible(d.message);
    if (!d.code.empty()) out += " [" + d.code + "]";
    return out;
}

void Diagnostics::error(std::string code, std::string file, int line, int column, std::string message) {
    add({Severity::error, std::move(code), std::move(file), line, column, std::move(message)});
}

void Diagnostics::warning(std::string code, std::string file, int line, int column, std::string message) {
    add({Severity::warning, std::move(code), std::move(file), line, column, std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic) {
    if (strict_) diagnostic.severity = Severity::error;
    items_.push_back(std::move(diagnostic));
}

void Diagnostics::append(Diagnostics&& other) {
    for (Diagnostic& d : other.items_) items_.push_back(std::move(d));
    other.items_.clear();
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
        [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    return out;
}

}  // namespace careboard
