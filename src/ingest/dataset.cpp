#include "ingest/dataset.hpp"

#include "ingest/codes.hpp"

namespace careboard {

std::vector<PeriodOfCare> periods_of_care(const Dataset& data, int child) {
    std::vector<PeriodOfCare> periods;
    const std::size_t begin = data.episode_begin[static_cast<std::size_t>(child)];
    const std::size_t end = data.episode_begin[static_cast<std::size_t>(child) + 1];
    for (std::size_t i = begin; i < end; ++i) {
        const Episode& e = data.episodes[i];
        if (codes::is_short_break(e.ls)) continue;
        if (!periods.empty()) {
            PeriodOfCare& current = periods.back();
            if (!current.end || e.decom <= *current.end) {
                // Continues the period; it may extend (or, if open, keep open) its end.
                if (!e.dec) current.end.reset();
                else if (current.end && *e.dec > *current.end) current.end = e.dec;
                continue;
            }
        }
        periods.push_back({e.decom, e.dec,
                           e.rne == "S" && (!data.reviews_known_from || e.decom >= *data.reviews_known_from)});
    }
    return periods;
}

}  // namespace careboard
