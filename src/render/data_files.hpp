#pragma once
// The site's data files beyond the chart CSVs (docs/data-files.md): the data guidance that keys
// every file's symbols and columns, and the export of every figure in the shape of the DfE's
// open data (explore-education-statistics), with its .meta.csv. Every file is plain CSV or
// text: the header on line 1, no note lines.
#include <string>
#include <utility>
#include <vector>

#include "measures/measure_set.hpp"

namespace careboard {

// The symbols key (domain.md), in order: on every page and in the data guidance.
const std::vector<std::pair<std::string, std::string>>& symbol_key();

// A data file of a site, for the guidance: its path from the site's root and what it holds.
struct DataFile {
    std::string path;
    std::string about;
};

struct DataGuidanceInput {
    std::string authority_name, site_title, source, data_as_at;
    bool board = false;  // the board edition: not for publication
    std::vector<DataFile> files;  // in the order listed
    // The overview of a site of several authorities: its files have rank columns, and the open
    // data export is each authority's own.
    bool overview = false;
    // Built from the DfE's published figures alone ([authorities] from = "published"): already
    // disclosure-controlled by the DfE, with no open data export of careboard's own.
    bool published = false;
};

// What the edition is and where its figures come from, in two sentences: the data guidance's
// and the spreadsheet's cover say the same.
std::vector<std::string> edition_sentences(bool board, const std::string& authority_name, const std::string& data_as_at,
                                           const std::string& source);

// data/data-guidance.txt: the edition, the symbols key, every file with what it holds, and
// every column of the chart CSVs, measures.csv and the open data export.
std::string data_guidance(const DataGuidanceInput& input);

// The authority as the DfE's open data names it. Region and old code are known from the DfE's
// files ([benchmarks]); without them they are left empty.
struct OpenDataArea {
    std::string new_la_code, la_name, old_la_code, region_code, region_name;
};

// One file of the open data export, with its metadata.
struct OpenDataFile {
    std::string path;  // data/open-data/<name>.csv; its metadata is <name>.meta.csv
    std::string what;  // for the guidance
    std::string csv, meta;
};

// Every figure of the set in the DfE's open data shape, a file per kind of period (financial
// years, their quarters, months) as the DfE's files keep one kind of time period each: one row
// per period, measure and category, the measure and category as filters and the figure in the
// indicator column of its unit, 'z' in the others.
std::vector<OpenDataFile> open_data_export(const MeasureSet& set, const OpenDataArea& area);

}  // namespace careboard
