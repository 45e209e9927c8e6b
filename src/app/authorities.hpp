#pragma once
// Builds and checks of several authorities in one site ([authorities], docs/authorities.md).
#include <iosfwd>
#include <string>
#include <vector>

#include "app/pipeline.hpp"

namespace careboard {

// The authorities a config's [authorities] names: its list, or with include = "all" every LA
// value of the pooled 903 files in the data folder (E013 when they have no LA column). Each
// entry's la or dir, code and name are filled in.
std::vector<AuthorityEntry> resolve_authorities(const Config& config, Diagnostics& diagnostics);

// The config of one of them: the shared settings with its name, code and data.
Config authority_config(const Config& shared, const AuthorityEntry& entry);

// `careboard build` of a config with [authorities]: every authority's pages under <code>/, the
// overview pages and one data/measures.csv of every authority, published at once. By default an
// input error in any authority stops the build before anything is written; with keep_going the
// others are built and the failures listed (exit code 1 all the same).
int run_authorities_build(const BuildOptions& options, Analysis base, Diagnostics& diagnostics, std::ostream& out,
                          std::ostream& err);

// `careboard check` of such a config: each authority's problems, headed by its name.
int run_authorities_check(const BuildOptions& options, Analysis base, Diagnostics& diagnostics, std::ostream& out,
                          std::ostream& err);

// Every authority's measures.csv rows as one file: the header once, then each authority's own rows
// (in the order given), then the published figures of other areas (England, regions, statistical
// neighbours) once each, in the order first met.
// With `built_only_own`, another area's rows are left out when that area is one of the built
// authorities, whose own rows hold them (a site of published figures, whose statistical
// neighbours are its authorities).
std::string combine_measures_csv(const std::vector<std::string>& files, const std::vector<std::string>& area_codes,
                                 bool built_only_own = false);

// Files every authority writes alike (the measure guide, the categories): each row once, in the
// order first met, under the first file's header.
std::string union_of_rows(const std::vector<std::string>& files);

// [authorities] from = "published": the local authorities of the DfE's files, listed (by new or
// old code, E013 for one not in them) or all of them with a figure in the latest year published
// (of `region` when it is set), by name. Each entry's `la` is its id in the figures and its
// `code` its new code (its folder).
struct EesFigures;
std::vector<AuthorityEntry> resolve_published_authorities(const Config& config, const EesFigures& figures,
                                                          Diagnostics& diagnostics);

// `careboard build` and `check` of such a config (src/app/published_authorities.cpp).
int run_published_build(const BuildOptions& options, Analysis base, Diagnostics& diagnostics, std::ostream& out,
                        std::ostream& err);
int run_published_check(const BuildOptions& options, Analysis base, Diagnostics& diagnostics, std::ostream& out,
                        std::ostream& err);

}  // namespace careboard
