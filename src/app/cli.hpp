#pragma once
#include <iosfwd>

namespace careboard {

// Parses the command line and runs the command; returns the process exit code (docs/cli.md).
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace careboard
