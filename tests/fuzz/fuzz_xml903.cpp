// Fuzz target xml903: the 903 return's XML (read_903_xml in src/ingest/xml903.hpp), the whole
// input one <EXPSSDA903> document, parsed with expat, validated and stitched as a return.
//
// Properties: every row the reader hands on has one field per name of its table, each placed
// at a line and column inside the input (absent elements at their row's place); every problem
// reported with a line is on a line of the input; and the dataset built from the document is
// well formed: each episode and review belongs to a child and to one of the return's three
// table entries, and no table keeps more rows than it read.
#include "fuzz_target.hpp"
#include "ingest/dataset.hpp"
#include "ingest/ssda903.hpp"
#include "ingest/xml903.hpp"

using careboard::fuzz::fuzz_check;

CAREBOARD_FUZZ_TARGET(xml903) {
    // Lines as XML counts them: a line ends at LF, CR or CR LF.
    int lines = 1;
    for (std::size_t i = 0; i < input.size(); ++i)
        if (input[i] == '\n' || (input[i] == '\r' && (i + 1 == input.size() || input[i + 1] != '\n'))) ++lines;
    careboard::Diagnostics diagnostics;
    careboard::read_903_xml("ssda903.xml", input, diagnostics,
        [&](careboard::XmlTable table, int line, int column, std::span<careboard::XmlField> fields) {
            fuzz_check(fields.size() == careboard::xml_field_names(table).size(), "a row has one field per name");
            fuzz_check(line >= 1 && line <= lines && column >= 1, "a row's element is inside the input");
            for (const careboard::XmlField& f : fields)
                fuzz_check(f.line >= 1 && f.line <= lines && f.column >= 1, "a field is placed inside the input");
        });
    for (const careboard::Diagnostic& d : diagnostics.items())
        fuzz_check(d.line >= 0 && d.line <= lines, "a problem is reported on a line of the input");

    careboard::ReturnText r;
    r.year = 2024;
    r.xml_name = "2024/ssda903_2024.xml";
    r.xml = std::string(input);
    careboard::Diagnostics stitched;
    const careboard::Dataset data = careboard::build_dataset({r}, stitched);
    fuzz_check(data.files.size() == 10, "an XML return has an entry for each of its ten tables");
    for (const careboard::Episode& e : data.episodes)
        fuzz_check(e.child >= 0 && static_cast<std::size_t>(e.child) < data.children.size() && e.source.file == 1,
                   "an episode belongs to a child and to the return's episodes");
    for (const careboard::Review& v : data.reviews)
        fuzz_check(v.child >= 0 && static_cast<std::size_t>(v.child) < data.children.size() && v.source.file == 2,
                   "a review belongs to a child and to the return's reviews");
    // The other tables' rows: each of a child, in its own table's entry (header, episodes,
    // reviews, then missing, uasc, oc2, oc3, ad1, placed_for_adoption, previous_permanence).
    auto belongs = [&](const auto& rows, int file, const char* what) {
        for (const auto& row : rows)
            fuzz_check(row.child >= 0 && static_cast<std::size_t>(row.child) < data.children.size() &&
                           row.source.file == file,
                       what);
    };
    belongs(data.missing, 3, "a missing row belongs to a child and to the return's missing table");
    belongs(data.uasc, 4, "a uasc row belongs to a child and to the return's uasc table");
    belongs(data.oc2, 5, "an OC2 row belongs to a child and to the return's OC2 table");
    belongs(data.oc3, 6, "an OC3 row belongs to a child and to the return's OC3 table");
    belongs(data.adoptions, 7, "an ad1 row belongs to a child and to the return's ad1 table");
    belongs(data.placed_for_adoption, 8, "a placement for adoption belongs to a child and to its table");
    belongs(data.previous_permanence, 9, "a previous permanence row belongs to a child and to its table");
    fuzz_check(data.social_workers.empty(), "social worker episodes are never read from the XML");
    for (const careboard::Oc2Record& oc2 : data.oc2)
        fuzz_check(!oc2.sdq_score || (*oc2.sdq_score >= 0 && *oc2.sdq_score <= 40), "an SDQ score is from 0 to 40");
    for (const careboard::SourceFile& f : data.files)
        fuzz_check(f.rows_kept >= 0 && f.rows_kept <= f.rows_read, "a table keeps at most the rows it has");
}
