#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace careboard {

// Runs `work(i)` for every i in [0, n), each exactly once, on up to four threads when
// `worth_threads` (the caller's judgement that the work is large: starting a thread costs more
// than reading a small file, and far more under the sanitizers), else here, in order. Callers
// keep results per i and combine them in order afterwards, so output never depends on timing.
template <class Work>
void run_in_parallel(std::size_t n, bool worth_threads, Work work) {
    const std::size_t threads =
        worth_threads ? std::min<std::size_t>(n, std::max(1u, std::min(4u, std::thread::hardware_concurrency()))) : 1;
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i) work(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < n; i = next++) work(i);
        });
    for (std::thread& th : pool) th.join();
}

}  // namespace careboard
