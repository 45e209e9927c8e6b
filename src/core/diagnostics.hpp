#pragma once
#include <string>
#include <vector>

namespace careboard {

enum class Severity { error, warning };

// One problem found in the input, with where it is. `line` and `column` are 1-based; 0 means
// "the whole file" (or "the whole line"). For CSV files the column is the field's position.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;  // stable identifier such as "E101", documented in docs/errors.md
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;
};

// "file:line:col: error: message [E101]"
std::string format_diagnostic(const Diagnostic& diagnostic);

// Collects every problem of a run, so that all of them can be reported at once.
class Diagnostics {
public:
    void error(std::string code, std::string file, int line, int column, std::string message);
    void warning(std::string code, std::string file, int line, int column, std::string message);
    void add(Diagnostic diagnostic);

    // Under --strict every warning is reported as an error.
    void set_strict(bool strict) { strict_ = strict; }
    bool strict() const { return strict_; }
    // Moves every item of `other` to the end of this list, as they are.
    void append(Diagnostics&& other);

    const std::vector<Diagnostic>& items() const { return items_; }
    std::size_t error_count() const;
    std::size_t warning_count() const;
    bool has_errors() const { return error_count() > 0; }

    // Sorted by file, line, column so that output does not depend on discovery order.
    std::vector<Diagnostic> sorted() const;

private:
    std::vector<Diagnostic> items_;
    bool strict_ = false;
};

}  // namespace careboard
