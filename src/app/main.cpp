#include <exception>
#include <iostream>

#include "app/cli.hpp"

int main(int argc, char** argv) {
    try {
        return careboard::run_cli(argc, argv, std::cout, std::cerr);
    } catch (const std::exception& e) {
        // Every expected problem is a diagnostic; this is a defect, reported plainly.
        std::cerr << "careboard: internal error: " << e.what() << '\n';
        return 70;
    }
}
