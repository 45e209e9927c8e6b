// Fuzz target ssda903: the 903 tables, parsed, validated and stitched (build_dataset in
// src/ingest/ssda903.hpp). The input holds any number of header, episodes and reviews tables of
// any returns, as parts (fuzz_input.hpp): "==> 2024/episodes.csv <==" and so on; an input with
// no marker is one table, sniffed from its header line.
//
// Properties: the stitched dataset is well formed whatever the input (each episode and review
// belongs to a child and a file, each child's rows are together and in date order, the CSR
// index is consistent), and, when no error was reported, every child's periods of care can be
// worked out from it.
#include "fuzz_input.hpp"
#include "fuzz_target.hpp"
#include "ingest/dataset.hpp"
#include "ingest/ssda903.hpp"

namespace {

using careboard::fuzz::fuzz_check;

template <class Row, class DateOf>
void check_rows(const careboard::Dataset& data, const std::vector<Row>& rows, const std::vector<std::size_t>& begin,
                DateOf date_of) {
    const std::size_t n = data.children.size();
    fuzz_check(begin.size() == n + 1 && begin.front() == 0 && begin.back() == rows.size(),
               "the index has one entry per child, and one past the last row");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        fuzz_check(row.child >= 0 && static_cast<std::size_t>(row.child) < n, "a row belongs to a child of the dataset");
        fuzz_check(row.source.file >= 0 && static_cast<std::size_t>(row.source.file) < data.files.size(),
                   "a row comes from a file of the dataset");
        const auto child = static_cast<std::size_t>(row.child);
        fuzz_check(begin[child] <= i && i < begin[child + 1], "a child's rows are where the index says");
        if (i > 0 && rows[i - 1].child == row.child)
            fuzz_check(date_of(rows[i - 1]) < date_of(row), "a child's rows are in date order, one a date");
        if (i > 0) fuzz_check(rows[i - 1].child <= row.child, "rows are sorted by child");
    }
}

}  // namespace

CAREBOARD_FUZZ_TARGET(ssda903) {
    careboard::Diagnostics diagnostics;
    const std::vector<careboard::fuzz::Part> parts = careboard::fuzz::split_parts(input);
    const std::vector<careboard::ReturnText> returns = careboard::fuzz::returns_from_parts(parts, diagnostics);
    const careboard::Dataset data = careboard::build_dataset(returns, diagnostics);
    check_rows(data, data.episodes, data.episode_begin, [](const careboard::Episode& e) { return e.decom; });
    check_rows(data, data.reviews, data.review_begin, [](const careboard::Review& r) { return r.date; });
    for (const careboard::SourceFile& f : data.files)
        fuzz_check(f.rows_kept >= 0 && f.rows_kept <= f.rows_read, "a file keeps at most the rows it has");
    // Counting starts only from a dataset without errors (app/pipeline.cpp).
    if (diagnostics.has_errors()) return;
    for (std::size_t c = 0; c < data.children.size(); ++c)
        for (const careboard::PeriodOfCare& p : careboard::periods_of_care(data, static_cast<int>(c)))
            fuzz_check(!p.end || p.start <= *p.end, "a period of care does not end before it starts");
}
