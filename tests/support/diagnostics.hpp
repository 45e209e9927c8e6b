#pragma once
// Diagnostics as the tests compare them: each formatted as careboard prints it.
#include <string>
#include <vector>

#include "core/diagnostics.hpp"

namespace careboard::testing {

inline std::vector<std::string> messages(const Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics.items()) out.push_back(format_diagnostic(d));
    return out;
}

}  // namespace careboard::testing
