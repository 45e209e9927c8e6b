#pragma once
// The DfE's own statistics files from explore-education-statistics (EES), read as they are
// published (docs/benchmarks.md): children looked after, starting and ceasing care and their
// rates per 10,000, starts by category of need and legal status, ceasings by reason, placement
// stability and new placements by distance; the OC2 health and conviction outcomes, care leavers'
// activity and accommodation, missing and away incidents, social worker changes; and the ONS
// estimates of the 0-17 population, for England, its regions and every local authority.
#include <compare>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"

namespace careboard {

// What a file holds, as named in the config ([benchmarks] rates = ..., started = ...).
enum class EesKind {
    rates, started, ceased, placement_stability, new_placements,
    health, care_leavers_activity, care_leavers_accommodation, missing, social_workers, population
};
std::optional<EesKind> ees_kind_from_name(std::string_view name);
std::string_view ees_kind_name(EesKind kind);
// Every kind's name, in the order of docs/benchmarks.md (the config's settings).
std::span<const std::string_view> ees_kind_names();

// A figure careboard compares: a measure key (the same key as the authority's own figure where
// the meaning is the same, docs/definitions.md) and a category ("Total", a 903 code, a group).
struct FigureKey {
    std::string measure;
    std::string category = "Total";
    auto operator<=>(const FigureKey&) const = default;
};

// One published cell: a number, or the DfE's symbol in its place (never read as 0): 'c'
// confidential, 'x' not available, 'z' not applicable, 'k' rounds to 0 but is not 0 (the older
// "low" is read as 'k'), 'u' low reliability.
struct PublishedCell {
    std::optional<double> value;
    char symbol = 0;
    int decimals = 0;  // as written, so that the figure is written back as published
    int file = -1;     // index into EesFigures::files
    int line = 0;
    int column = 0;
};

enum class AreaLevel { national, regional, local_authority };

// An area of the published figures. A local authority is known by its old 3-digit code, which
// stays the same when its new code changes (North Yorkshire: E10000023, then E06000065, both 815),
// so that its figures form one series across the change.
struct BenchmarkArea {
    std::string id;        // the key of its figures: E92000001, a region's code, or an LA's old code (its new one when the file has none)
    std::string code;      // the area code to write (an LA's latest new code)
    std::string old_code;  // local authorities: the 3-digit code
    std::vector<std::string> codes;  // local authorities: every new code seen
    std::string name;
    AreaLevel level = AreaLevel::local_authority;
    std::string region_code;  // local authorities: their region (Inner or Outer London for London boroughs)
    int latest_year = 0;      // of the rows that gave its code, name and region
};

// Every published figure read, for every area and year (the year is the one ending 31 March:
// 2023 is 2022-23, and "on 31 March 2023" for counts at a date).
struct EesFigures {
    struct File {
        std::string path;
        EesKind kind = EesKind::rates;
        int latest_year = 0;  // a later publication revises earlier years
    };
    std::vector<File> files;
    std::map<std::string, BenchmarkArea> areas;  // by id
    std::map<FigureKey, std::map<std::string, std::map<int, PublishedCell>>> cells;  // key -> area id -> year

    const PublishedCell* cell(const FigureKey& key, const std::string& area_id, int year) const;
    // The area a code names: a local authority's new or old code, a region's or England's code.
    const BenchmarkArea* find_area(const std::string& code) const;
};

// Reads one EES CSV file's text and adds its figures to `out`. Both column schemes are read:
// `cla_group, characteristic, number, percentage` (to 2023) and `characteristic, breakdown,
// children_count, children_percent` (from 2024), and the rates file's `population_type,
// population_estimate, children_count, rate_per_10000`. Where two files give the same figure,
// the file whose latest year is later wins (a later publication revises earlier years); on a tie
// the file read later. Problems carry file, line and column (E6xx, W6xx in docs/errors.md).
void read_ees(std::string_view text, const std::string& file_name, EesKind kind, EesFigures& out,
              Diagnostics& diagnostics);

// Several files at once: each read on its own, side by side, then added in the order given, as
// read_ees would add them one after another (the same figures and problems, in the same order).
struct EesInput {
    std::string_view text;
    std::string file_name;
    EesKind kind = EesKind::rates;
};
void read_ees_files(std::span<const EesInput> files, EesFigures& out, Diagnostics& diagnostics);

// The DfE's statistical neighbour model: each local authority's old code with its ten nearest
// neighbours' old codes, closest first (sn_model_2025_wide.csv: old_la_code, SN_1 ... SN_10; the
// 2021 groupings' "LA num", SN1 ... SN10 are read too). `line` is where the authority's row is.
struct NeighbourModel {
    struct Row {
        std::vector<std::string> neighbours;
        int line = 0;
    };
    std::string file;
    std::map<std::string, Row> by_authority;
};
NeighbourModel read_neighbour_model(std::string_view text, const std::string& file_name, Diagnostics& diagnostics);

// Reads a published value: a number (thousands separators allowed) or a symbol. False when it is
// neither.
bool parse_published(std::string_view text, PublishedCell& cell);

// The categories of a compared breakdown, in careboard's order (docs/benchmarks.md).
std::vector<std::string> benchmark_categories(const std::string& measure);

// Words for a benchmark category ("N1" -> "N1 Abuse or neglect", "adopted" -> "Adopted").
std::string benchmark_category_label(const std::string& measure, const std::string& category);

}  // namespace careboard
