#pragma once
// A fuzz target is one function of the input bytes, written once with CAREBOARD_FUZZ_TARGET and
// built two ways (tests/fuzz/CMakeLists.txt, docs/fuzzing.md):
// - as a libFuzzer binary of its own (CAREBOARD_FUZZ, clang), where the macro defines
//   LLVMFuzzerTestOneInput;
// - into careboard_fuzz_replay, with every other target, in every build with tests (GCC too):
//   `careboard_fuzz_replay <target> FILE...` runs the target once on each file, so that the saved
//   regression inputs and seeds are replayed by the ordinary test suite.
// A target returns normally on any input careboard must accept or reject; it calls fuzz_fail()
// when a property that must hold does not, which libFuzzer and the replay both report as a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace careboard::fuzz {

using TargetFunction = void (*)(std::string_view input);

// Registers a target for careboard_fuzz_replay (unused in libFuzzer binaries).
bool register_target(const char* name, TargetFunction function);

// Prints "careboard fuzz: property failed: <what>" and aborts.
[[noreturn]] void fuzz_fail(std::string_view what);
inline void fuzz_check(bool holds, std::string_view what) {
    if (!holds) fuzz_fail(what);
}

}  // namespace careboard::fuzz

#ifdef CAREBOARD_LIBFUZZER
#define CAREBOARD_FUZZ_TARGET(name)                                                                 \
    static void careboard_fuzz_target(std::string_view input);                                      \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {             \
        careboard_fuzz_target(std::string_view(reinterpret_cast<const char*>(data), size));         \
        return 0;                                                                                   \
    }                                                                                               \
    static void careboard_fuzz_target(std::string_view input)
#else
#define CAREBOARD_FUZZ_TARGET(name)                                                                 \
    static void careboard_fuzz_target(std::string_view input);                                      \
    [[maybe_unused]] static const bool careboard_fuzz_registered =                                  \
        ::careboard::fuzz::register_target(#name, &careboard_fuzz_target);                          \
    static void careboard_fuzz_target(std::string_view input)
#endif
