// careboard benchmark: times each pipeline stage on generated data of a given size.
//
//   careboard_bench [--children N] [--years Y] [--seed S] [--repeat R]
//
// Data come from the same generator as `careboard synth`, held in memory, so the figures time
// careboard's own work: parsing and stitching the returns, counting, rendering. Writing to disk
// is timed separately by bench/run.sh with the real binary. Prints the median of R runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "render/site.hpp"
#include "synth/synth.hpp"

using namespace careboard;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    synth::SynthOptions options;
    int repeat = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const long value = std::strtol(argv[i + 1], nullptr, 10);
        if (flag == "--children") options.children = static_cast<int>(value);
        else if (flag == "--years") options.years = static_cast<int>(value);
        else if (flag == "--seed") options.seed = static_cast<std::uint64_t>(value);
        else if (flag == "--repeat") repeat = static_cast<int>(value);
    }
    const std::vector<synth::SynthFile> files = synth::generate(options);
    std::vector<ReturnText> returns;
    std::size_t bytes = 0;
    for (int y = options.last_year - options.years + 1; y <= options.last_year; ++y) {
        ReturnText r;
        r.year = y;
        for (const synth::SynthFile& f : files) {
            if (f.path.rfind(std::to_string(y) + "/", 0) != 0) continue;
            bytes += f.content.size();
            if (f.path.ends_with("header.csv")) { r.header_name = f.path; r.header = f.content; }
            if (f.path.ends_with("episodes.csv")) { r.episodes_name = f.path; r.episodes = f.content; }
            if (f.path.ends_with("reviews.csv")) { r.reviews_name = f.path; r.reviews = f.content; }
        }
        returns.push_back(std::move(r));
    }

    std::vector<double> ingest, count, render;
    std::size_t children = 0, episodes = 0, reviews = 0, output_files = 0;
    for (int run = 0; run < repeat; ++run) {
        Diagnostics diagnostics;
        auto t0 = Clock::now();
        const Dataset data = build_dataset(returns, diagnostics);
        ingest.push_back(ms_since(t0));
        children = data.children.size();
        episodes = data.episodes.size();
        reviews = data.reviews.size();

        t0 = Clock::now();
        const auto window = reporting_window(*data_as_at(data, {}), {});
        MeasureSet set = compute_measures(data, window, "E00000000");
        derive_ratios(set, 1.0e6);
        count.push_back(ms_since(t0));

        t0 = Clock::now();
        Config config;
        SiteInput site;
        site.config = &config;
        site.measures = &set;
        site.data_as_at = "31 March 2025";
        output_files = render_site(site, diagnostics).size();
        render.push_back(ms_since(t0));
    }
    std::printf("input: %d yearly returns, %.1f MB; stitched: %zu children, %zu episodes, %zu reviews\n",
                options.years, static_cast<double>(bytes) / 1e6, children, episodes, reviews);
    std::printf("median of %d runs (ms): parse+stitch+check %.1f | measures %.1f | render %zu files %.1f | total %.1f\n",
                repeat, median(ingest), median(count), output_files, median(render),
                median(ingest) + median(count) + median(render));
    return 0;
}
