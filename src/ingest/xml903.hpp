#pragma once
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "core/diagnostics.hpp"

namespace careboard {

// The 903 tables careboard reads from the return's XML (docs/input.md, "The 903 XML").
// The other tables' rows come from the child's <HEADER>: its AMISSING, OC2, AD_PLACED and
// PERMANENCE blocks, and its UASC and DUC, IN_TOUCH, ACTIV and ACCOM, DATE_INT and DATE_MATCH
// elements (a uasc row only where UASC is set and not 0). Social worker episodes are not read
// from the XML.
enum class XmlTable { header, episodes, reviews, missing, uasc, oc2, oc3, ad1, placed_for_adoption, previous_permanence };

// One value of a row read from the XML, and where its element starts (1-based line and column).
// A row's elements that are absent are empty, at the row's own position.
struct XmlField {
    std::string text;
    int line = 0;
    int column = 0;
};

// The element names of each table's fields, in the order the handler receives them. They are
// the CSV tables' columns under their XML names: CHILDID for CHILD, PL for PLACE.
std::span<const char* const> xml_field_names(XmlTable table);

// A row: its table, the position of the element it comes from (<HEADER>, <EPISODE>, <AREVIEW>),
// and one field per name of xml_field_names(table). Every row of an episode or a review carries
// its child's CHILDID, from the child's <HEADER>. A child's rows come header first, then its
// episodes, then the rest.
using XmlRowHandler = std::function<void(XmlTable table, int line, int column, std::span<XmlField> fields)>;

// Reads an <EXPSSDA903> document with expat, streaming: one <CHILD> at a time is held, and only
// the elements careboard counts with are kept (UPN, postcodes, URN and the other tables' values
// are never copied), so a national return needs no more memory than its rows. Each child's
// header row is handed on first, then its episodes, then its reviews. A document that is not
// well-formed XML (E140), whose root is not <EXPSSDA903> (E141) or that declares a DOCTYPE
// (E142) is reported with its line and column; rows read before the problem have been handed on.
void read_903_xml(const std::string& file, std::string_view text, Diagnostics& diagnostics,
                  const XmlRowHandler& on_row);

// The same from a file, read in pieces of 1 MiB and never held whole (a national return is some
// hundreds of megabytes of XML). A file that cannot be read is E007, as any input file.
void read_903_xml_file(const std::string& path, Diagnostics& diagnostics, const XmlRowHandler& on_row);

}  // namespace careboard
