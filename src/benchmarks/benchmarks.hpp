#pragma once
// How the authority compares: its published figures beside its region's, England's and the
// average of its statistical neighbours', its rank and quartile among all local authorities,
// its own figures for years the DfE has not yet published, and a check of its export against
// what the DfE published (docs/benchmarks.md).
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <string>
#include <vector>

#include "benchmarks/ees.hpp"
#include "config/config.hpp"
#include "core/date.hpp"
#include "core/diagnostics.hpp"
#include "disclosure/disclosure.hpp"
#include "ingest/dataset.hpp"
#include "measures/compute.hpp"
#include "measures/measure_set.hpp"

namespace careboard {

// Where the authority stands among every local authority with a published figure.
struct Rank {
    int rank = 0;      // 1 = the lowest value; tied authorities share the lowest rank of the tie
    int of = 0;        // authorities ranked (those with a number, or k, that year)
    int quartile = 0;  // 1 (the lowest quarter) to 4 (the highest): ceil(4 x rank / of)
    bool tied = false; // another authority has the same figure
};

// The rank of `value` among `values` (which hold it): how careboard ranks authorities everywhere
// (the comparison page, the overview of several authorities).
Rank rank_among(double value, const std::vector<double>& values);

// The mean of the statistical neighbours' published figures.
struct NeighbourAverage {
    double value = 0;
    int used = 0;  // neighbours with a number that year
    int of = 0;    // neighbours found in the files
};

struct Benchmarks {
    // Every published figure read: shared by the authorities of a site of several, which each
    // compare themselves with the same files.
    std::shared_ptr<const EesFigures> figures;
    const EesFigures& published() const { return *figures; }
    std::string authority;                // the authority's id in `published().areas`
    std::string region;                   // its region's id (empty when the files give none)
    std::string england = "E92000001";
    std::vector<std::string> neighbours;  // ids of the statistical neighbours found, in the order configured
    std::string neighbours_from;          // the neighbour model's file when they come from it; empty: the config's
    std::string source;                   // where the published figures come from ([benchmarks] source)
    // Whether measures.csv gives the neighbours' figures (benchmark_rows): not in a site of the
    // published figures of every authority, in which each neighbour's figures are its own rows.
    bool neighbour_rows = true;
    // The authority's own figures for whole years (key -> year ending 31 March), counted from its
    // export and shown as the rest of the site shows figures: in the public edition a figure made
    // from a suppressed count is 'c'.
    std::map<FigureKey, std::map<int, PublishedCell>> own;
    int own_decimals = 1;  // own rates and percentages are worked out, so they carry a decimal

    const BenchmarkArea* area(const std::string& id) const;
    std::string area_name(const std::string& id) const;
    const PublishedCell* cell(const FigureKey& key, const std::string& id, int year) const;
    const PublishedCell* own_cell(const FigureKey& key, int year) const;
    // Years for which any area has a published figure for `key`, ascending.
    std::vector<int> years(const FigureKey& key) const;
    std::optional<NeighbourAverage> neighbour_average(const FigureKey& key, int year) const;
    // Empty when the authority's own figure that year is not a number (or k).
    std::optional<Rank> rank(const FigureKey& key, int year) const;
    // Every local authority's published number that year, ascending (symbols left out).
    std::vector<double> distribution(const FigureKey& key, int year) const;
};

// Reads the files [benchmarks] names and sets out the comparison for the authority
// ([benchmarks] authority, else [authority] code). Null when nothing is configured or a problem
// was reported (an unreadable file is E007; an authority in no file is E603).
std::shared_ptr<Benchmarks> load_benchmarks(const Config& config, Diagnostics& diagnostics);

// The same from figures already read (the entry point tests use). The neighbours are the
// config's, else the model's ten for the authority (W609 when it has none there).
std::shared_ptr<Benchmarks> compare_with(EesFigures figures, const Config& config, Diagnostics& diagnostics,
                                         const NeighbourModel* model = nullptr);
std::shared_ptr<Benchmarks> compare_with(std::shared_ptr<const EesFigures> figures, const Config& config,
                                         Diagnostics& diagnostics, const NeighbourModel* model = nullptr);

// The files [benchmarks] names, read (E007 for a file that cannot be read, and each file's own
// problems): the figures, and the neighbour model when one is named.
struct PublishedFiles {
    std::shared_ptr<const EesFigures> figures;
    std::optional<NeighbourModel> model;
};
PublishedFiles read_published_files(const Config& config, Diagnostics& diagnostics);

// The authority's own whole-year counts, as counted (before disclosure control).
struct OwnCounts {
    std::map<int, double> looked_after;  // on 31 March of the year: the count at that quarter end
    std::map<int, double> started;       // children who started in the year ending 31 March, each once
    std::map<int, double> ceased;        // children who ceased in the year, each once
    // The other tables' cohorts, by measure key (other_checked_measures()), for whole years.
    std::map<std::string, std::map<int, double>> other;
};

// The other tables' counts checked against the DfE's: the OC2 cohort, care leavers of each age
// group, children who went missing, children with 3 or more social workers.
std::span<const std::string_view> other_checked_measures();

// The authority's counts that the DfE publishes as numbers and that the export's own counts
// equal, as the measure set's yearly cells: a reader of the DfE's files knows them whatever
// careboard publishes, so disclosure control takes them as known (docs/disclosure.md).
// With `positive`, instead the cells the DfE marks `c` (so at least 1) without giving them.
std::vector<CellRef> known_from_published(const Benchmarks& benchmarks, const MeasureSet& counted, bool positive = false);

// The counts from the measure set as counted (before disclosure control): its 31 March figures
// and its financial years' flows. Only years whose four quarters are all in the window count.
OwnCounts count_own_figures(const MeasureSet& counted);

// Children who started (RNE S) or ceased (REC set, not X1) in [from, to], each child once,
// short breaks (V3, V4) left out: the DfE's yearly counts (docs/definitions.md).
int count_started(const Dataset& data, Date from, Date to);
int count_ceased(const Dataset& data, Date from, Date to);
// The same by category: starts by the first occasion's category of need (CIN) or legal status
// (LS), ceasings by the last occasion's reason (REC); an empty code is `not_recorded`.
std::map<std::string, int> count_started_by(const Dataset& data, Date from, Date to, bool by_need);
std::map<std::string, int> count_ceased_by_reason(const Dataset& data, Date from, Date to);
// New placements in [from, to]: episodes starting a placement (RNE S, P, T, B or U), short breaks
// left out.
int count_new_placements(const Dataset& data, Date from, Date to);

// Sets `benchmarks.own` from the counts as the site shows figures: `shown` is the measure set the
// site publishes (disclosure-controlled in the public edition). In the public edition a yearly
// count of 1 to smallest_shown - 1, or one of a year in which any quarter's count is suppressed,
// is 'c' (else the year's total would let a suppressed quarter be worked out); a rate is 'c' when
// its count is. Rates use the config's 0-17 population, else the published estimate for the year
// (the rates file's or the ONS'), else the latest published one.
void set_own_figures(Benchmarks& benchmarks, const OwnCounts& counts, const MeasureSet& shown, bool is_public,
                     double smallest_shown, const Population& population_0_17);

// The authority's 0-17 population for rates: the config's figure when it gives one, else the
// published estimate of each year (the rates file's, the ONS file's), when there are any.
Population rates_population(std::optional<double> configured, const Benchmarks* benchmarks);

// One figure that the export and the DfE's statistics both give: a data-quality check, since a
// difference means the export or the return needs a look.
struct PublishedCheck {
    std::string what;       // "Children looked after on 31 March 2024"
    std::string own;        // as the site may show it: "491", or "c" in the public edition
    std::string published;  // "490", or the DfE's symbol
    bool differs = false;   // both shown as numbers, and not equal
    std::string sentence;   // "Children looked after on 31 March 2024: your export gives 491; the DfE published 490."
};

// Compares the export's counts with the authority's published ones (looked after on 31 March,
// started and ceased in the year) for every year in the window. Each difference in the counts
// as counted is a warning W606 at the published figure's place; the returned rows show the own
// figure as the site does (benchmarks.own), and flag a difference only where both are shown.
std::vector<PublishedCheck> check_against_published(const Benchmarks& benchmarks, const OwnCounts& counts,
                                                    Diagnostics& diagnostics);

// "All 9 figures that both give agree." / "2 of 9 figures that both give differ."
std::string published_checks_summary(const std::vector<PublishedCheck>& checks);

// A row of measures.csv for a benchmark area (England, the region, each statistical neighbour),
// in the order written: area by area, then measure, year and category.
struct BenchmarkRow {
    std::string area_code;
    Date period_start, period_end;
    std::string measure, category, value;
};
std::vector<BenchmarkRow> benchmark_rows(const Benchmarks& benchmarks);

// The period a published figure covers: 31 March of `year` for counts at a date; 1 April of
// the year before to 31 March of `year` for counts over the year.
std::pair<Date, Date> benchmark_period(const std::string& measure, int year);

// An authority's published figures as a measure set of financial years (docs/authorities.md, "From
// the DfE's published figures"): every figure the files give for `benchmarks.authority`, its
// value as published or the DfE's symbol in its place (never recomputed), each measure written with
// the most places any of its cells is published with. Its years are those any of its figures
// has (the year ending 31 March 2024 is the set's 2023, 2023-24); it has no quarters. The 0-17
// population the rates are of is left out, as from benchmark_rows. The set's benchmarks are
// `benchmarks`, so its measures.csv gives the other areas' figures after its own.
MeasureSet published_measure_set(std::shared_ptr<const Benchmarks> benchmarks);

// "2023-24" for the year ending 31 March 2024.
std::string year_label(int year);

}  // namespace careboard
