#include "ingest/xml903.hpp"

#include <expat.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <vector>

#include "core/format.hpp"
#include "core/text.hpp"

namespace careboard {
namespace {

// The header's own fields, then the other tables' values written directly in <HEADER>.
constexpr std::array<const char*, 11> kHeaderElements{"CHILDID", "SEX", "DOB", "ETHNIC", "UASC", "DUC",
                                                      "IN_TOUCH", "ACTIV", "ACCOM", "DATE_INT", "DATE_MATCH"};
constexpr std::size_t kHeaderFieldCount = 4;  // CHILDID, SEX, DOB, ETHNIC
constexpr std::size_t kUascFlag = 4, kDuc = 5, kInTouch = 6, kDateInt = 9;
constexpr std::array<const char*, 9> kEpisodeFields{"CHILDID", "DECOM", "RNE", "LS", "CIN", "PL",
                                                    "PLACE_PROVIDER", "DEC", "REC"};
constexpr std::array<const char*, 3> kReviewFields{"CHILDID", "REVIEW", "REVIEW_CODE"};
constexpr std::array<const char*, 4> kMissingFields{"CHILDID", "MISSING", "MIS_START", "MIS_END"};
constexpr std::array<const char*, 2> kUascFields{"CHILDID", "DUC"};
constexpr std::array<const char*, 10> kOc2Fields{"CHILDID", "SDQ_SCORE", "CONVICTED", "HEALTH_CHECK",
                                                 "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
                                                 "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
                                                 "INTERVENTION_OFFERED"};
constexpr std::array<const char*, 4> kOc3Fields{"CHILDID", "IN_TOUCH", "ACTIV", "ACCOM"};
constexpr std::array<const char*, 3> kAd1Fields{"CHILDID", "DATE_INT", "DATE_MATCH"};
constexpr std::array<const char*, 4> kPlacedFields{"CHILDID", "DATE_PLACED", "DATE_PLACED_CEASED",
                                                   "REASON_PLACED_CEASED"};
constexpr std::array<const char*, 2> kPermanenceFields{"CHILDID", "PREV_PERM"};
constexpr std::size_t kMostFields = kHeaderElements.size();

// The blocks inside <HEADER> that are rows of a table of their own.
struct Block {
    const char* element;
    XmlTable table;
};
constexpr std::array kBlocks{Block{"AREVIEW", XmlTable::reviews}, Block{"AMISSING", XmlTable::missing},
                             Block{"OC2", XmlTable::oc2}, Block{"AD_PLACED", XmlTable::placed_for_adoption},
                             Block{"PERMANENCE", XmlTable::previous_permanence}};

// Expat is handed the text in pieces no larger than this (its length argument is an int).
constexpr std::size_t kChunk = 1 << 20;

int index_of(std::span<const char* const> names, const char* name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (std::strcmp(names[i], name) == 0) return static_cast<int>(i);
    return -1;
}

// A row being read: its element's position and its fields.
struct Row {
    int line = 0, column = 0;
    std::array<XmlField, kMostFields> fields{};
};

// What an open element is, to know what its children and its text are.
enum class Role { root, ignored, child, header, episode, block, field };

class Reader {
public:
    Reader(XML_Parser parser, const std::string& file, Diagnostics& diagnostics, const XmlRowHandler& on_row)
        : parser_(parser), file_(file), diagnostics_(diagnostics), on_row_(on_row) {}

    static void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char**) {
        static_cast<Reader*>(self)->start(name);
    }
    static void XMLCALL on_end(void* self, const XML_Char*) { static_cast<Reader*>(self)->end(); }
    static void XMLCALL on_text(void* self, const XML_Char* text, int length) {
        Reader& r = *static_cast<Reader*>(self);
        if (r.capture_ && length > 0) r.capture_->append(text, static_cast<std::size_t>(length));
    }
    static void XMLCALL on_doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        Reader& r = *static_cast<Reader*>(self);
        r.stop("E142", "the document declares a DOCTYPE; a 903 return's XML has none, and careboard reads "
                       "no DOCTYPE (nor the entities one could define)");
    }

    bool stopped() const { return stopped_; }

private:
    int line() const { return static_cast<int>(XML_GetCurrentLineNumber(parser_)); }
    int column() const { return static_cast<int>(XML_GetCurrentColumnNumber(parser_)) + 1; }

    void stop(const char* code, std::string message) {
        if (stopped_) return;
        diagnostics_.error(code, file_, line(), column(), std::move(message));
        stopped_ = true;
        XML_StopParser(parser_, XML_FALSE);
    }

    Role parent() const { return roles_.empty() ? Role::ignored : roles_.back(); }

    // Starts capturing `name` into `row` when it is one of `names`; otherwise the element is ignored.
    Role field(Row& row, std::span<const char* const> names, const char* name) {
        const int i = index_of(names, name);
        if (i <= 0) return Role::ignored;  // CHILDID is taken from the child, never from a row
        XmlField& f = row.fields[static_cast<std::size_t>(i)];
        f.text.clear();
        f.line = line();
        f.column = column();
        capture_ = &f.text;
        return Role::field;
    }

    void start(const char* name) {
        if (roles_.empty()) {
            if (std::strcmp(name, "EXPSSDA903") != 0) {
                stop("E141", std::string("the root element is <") + name +
                                 ">; a 903 return's XML is an <EXPSSDA903> document of <CHILD> elements");
                return;
            }
            roles_.push_back(Role::root);
            return;
        }
        Role role = Role::ignored;
        switch (parent()) {
        case Role::root:
            if (std::strcmp(name, "CHILD") == 0) {
                child_ = Child{};
                child_.line = line();
                child_.column = column();
                role = Role::child;
            }
            break;
        case Role::child:
        case Role::header:
            if (std::strcmp(name, "CHILDID") == 0) {
                child_.id = XmlField{{}, line(), column()};
                capture_ = &child_.id.text;
                role = Role::field;
            } else if (parent() == Role::child && std::strcmp(name, "HEADER") == 0) {
                child_.header = Row{line(), column(), {}};
                child_.has_header = true;
                role = Role::header;
            } else if (parent() == Role::child && std::strcmp(name, "EPISODE") == 0) {
                child_.episodes.push_back(Row{line(), column(), {}});
                role = Role::episode;
            } else if (parent() == Role::header) {
                role = Role::ignored;
                for (const Block& b : kBlocks)
                    if (std::strcmp(name, b.element) == 0) {
                        child_.blocks.push_back({b.table, Row{line(), column(), {}}});
                        role = Role::block;
                    }
                if (role == Role::ignored) role = field(child_.header, kHeaderElements, name);
            }
            break;
        case Role::episode: role = field(child_.episodes.back(), kEpisodeFields, name); break;
        case Role::block:
            role = field(child_.blocks.back().second, xml_field_names(child_.blocks.back().first), name);
            break;
        case Role::ignored:
        case Role::field:  // an element inside a value: its text is not the value's
            capture_ = nullptr;
            break;
        }
        roles_.push_back(role);
    }

    void end() {
        if (roles_.empty()) return;
        const Role role = roles_.back();
        roles_.pop_back();
        if (role == Role::field) capture_ = nullptr;
        if (role == Role::child) emit();
    }

    void send(XmlTable table, Row& row) {
        const std::span<const char* const> names = xml_field_names(table);
        std::array<XmlField, kMostFields>& f = row.fields;
        f[0] = child_.id;
        for (std::size_t i = 0; i < names.size(); ++i) {
            f[i].text.assign(trim_space(f[i].text));
            if (f[i].line == 0) f[i].line = row.line, f[i].column = row.column;  // absent: the row's place
        }
        on_row_(table, row.line, row.column, std::span<XmlField>(f.data(), names.size()));
    }

    // A row of a table whose values are written directly in <HEADER> (uasc, oc3, ad1), from
    // the header's elements `first` on; none when none of them is there.
    void send_from_header(XmlTable table, std::size_t first) {
        const std::size_t n = xml_field_names(table).size() - 1;
        bool any = false;
        for (std::size_t i = first; i < first + n; ++i) any = any || child_.header.fields[i].line != 0;
        if (!any) return;
        Row row{child_.header.line, child_.header.column, {}};
        for (std::size_t i = 0; i < n; ++i) row.fields[i + 1] = child_.header.fields[first + i];
        send(table, row);
    }

    // A child's rows, once its </CHILD> is read: its header, its episodes, then the header's
    // blocks (reviews, missing incidents ...) in document order, and the uasc, oc3 and ad1 rows
    // written in the header, each with the child's CHILDID wherever in the child it was written.
    void emit() {
        if (child_.id.line == 0) child_.id = XmlField{{}, child_.line, child_.column};
        else child_.id.text.assign(trim_space(child_.id.text));
        if (child_.has_header) {
            Row header = child_.header;
            send(XmlTable::header, header);
        }
        for (Row& row : child_.episodes) send(XmlTable::episodes, row);
        for (auto& [table, row] : child_.blocks) send(table, row);
        if (child_.has_header) {
            // <UASC /> or <UASC>0</UASC>: not an unaccompanied asylum-seeking child.
            const std::string_view flag = trim_space(child_.header.fields[kUascFlag].text);
            if (!flag.empty() && flag != "0") {
                Row row{child_.header.line, child_.header.column, {}};
                row.fields[1] = child_.header.fields[kDuc];
                send(XmlTable::uasc, row);
            }
            send_from_header(XmlTable::oc3, kInTouch);
            send_from_header(XmlTable::ad1, kDateInt);
        }
        child_ = Child{};
    }

    struct Child {
        int line = 0, column = 0;
        XmlField id;
        bool has_header = false;
        Row header;
        std::vector<Row> episodes;
        std::vector<std::pair<XmlTable, Row>> blocks;
    };

    XML_Parser parser_;
    const std::string& file_;
    Diagnostics& diagnostics_;
    const XmlRowHandler& on_row_;
    std::vector<Role> roles_;
    Child child_;
    std::string* capture_ = nullptr;
    bool stopped_ = false;
};

}  // namespace

std::span<const char* const> xml_field_names(XmlTable table) {
    switch (table) {
    case XmlTable::header: return std::span<const char* const>(kHeaderElements).first(kHeaderFieldCount);
    case XmlTable::episodes: return kEpisodeFields;
    case XmlTable::reviews: return kReviewFields;
    case XmlTable::missing: return kMissingFields;
    case XmlTable::uasc: return kUascFields;
    case XmlTable::oc2: return kOc2Fields;
    case XmlTable::oc3: return kOc3Fields;
    case XmlTable::ad1: return kAd1Fields;
    case XmlTable::placed_for_adoption: return kPlacedFields;
    case XmlTable::previous_permanence: return kPermanenceFields;
    }
    return {};
}

namespace {

// Expat and the reader, fed the document piece by piece.
class Feeder {
public:
    Feeder(const std::string& file, Diagnostics& diagnostics, const XmlRowHandler& on_row)
        : file_(file), diagnostics_(diagnostics), parser_(XML_ParserCreate(nullptr)),
          reader_(parser_, file, diagnostics, on_row) {
        if (!parser_) {
            diagnostics.error("E140", file, 0, 0, "cannot start the XML parser (out of memory)");
            done_ = true;
            return;
        }
        XML_SetUserData(parser_, &reader_);
        XML_SetElementHandler(parser_, &Reader::on_start, &Reader::on_end);
        XML_SetCharacterDataHandler(parser_, &Reader::on_text);
        XML_SetStartDoctypeDeclHandler(parser_, &Reader::on_doctype);
        XML_SetUnknownEncodingHandler(parser_, &Feeder::on_unknown_encoding, nullptr);
    }

    // Expat knows UTF-8, UTF-16, ISO-8859-1 and US-ASCII; Windows-1252, which Windows software
    // declares, is mapped here (a byte it has no character for is then not well-formed).
    static int XMLCALL on_unknown_encoding(void*, const XML_Char* name, XML_Encoding* info) {
        const std::string encoding = to_lower_ascii(name);
        if (encoding != "windows-1252" && encoding != "cp1252" && encoding != "x-cp1252") return XML_STATUS_ERROR;
        for (int byte = 0; byte < 256; ++byte) {
            const char32_t c = windows_1252_character(static_cast<unsigned char>(byte));
            info->map[byte] = c == 0 && byte != 0 ? -1 : static_cast<int>(c);
        }
        info->data = nullptr;
        info->convert = nullptr;
        info->release = nullptr;
        return XML_STATUS_OK;
    }
    ~Feeder() {
        if (parser_) XML_ParserFree(parser_);
    }
    Feeder(const Feeder&) = delete;
    Feeder& operator=(const Feeder&) = delete;

    // Parses the next piece (the last one with `last`); false once the document has failed.
    bool feed(std::string_view piece, bool last) {
        if (done_) return false;
        do {
            const std::size_t n = std::min(kChunk, piece.size());
            const bool final_piece = last && n == piece.size();
            if (XML_Parse(parser_, piece.data(), static_cast<int>(n), final_piece ? XML_TRUE : XML_FALSE) ==
                XML_STATUS_ERROR) {
                if (!reader_.stopped())
                    diagnostics_.error("E140", file_, static_cast<int>(XML_GetCurrentLineNumber(parser_)),
                                       static_cast<int>(XML_GetCurrentColumnNumber(parser_)) + 1,
                                       std::string("not well-formed XML: ") + XML_ErrorString(XML_GetErrorCode(parser_)));
                done_ = true;
                return false;
            }
            piece.remove_prefix(n);
        } while (!piece.empty());
        return true;
    }

private:
    const std::string& file_;
    Diagnostics& diagnostics_;
    XML_Parser parser_;
    Reader reader_;
    bool done_ = false;
};

}  // namespace

void read_903_xml(const std::string& file, std::string_view text, Diagnostics& diagnostics,
                  const XmlRowHandler& on_row) {
    Feeder(file, diagnostics, on_row).feed(text, true);
}

void read_903_xml_file(const std::string& path, Diagnostics& diagnostics, const XmlRowHandler& on_row) {
    Feeder feeder(path, diagnostics, on_row);
    if (const std::optional<std::string> why =
            read_input_file_in_pieces(path, kChunk, [&](std::string_view piece) { return feeder.feed(piece, false); }))
        diagnostics.error("E007", path, 0, 0, "cannot read the file: " + *why);
    else
        feeder.feed({}, true);
}

}  // namespace careboard
