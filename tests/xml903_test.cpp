// Reading the 903 return as the DfE's XML (ingest/xml903.hpp, docs/input.md "The 903 XML"):
// the same rows as the CSV files, problems placed at the element's line and column, and
// documents that are not a 903 return refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/ssda903.hpp"
#include "ingest/xml903.hpp"
#include "support/diagnostics.hpp"
#include "support/run.hpp"
#include "synth/synth.hpp"

namespace careboard {
namespace {

using testing::messages;

ReturnText xml_return(int year, const std::string& text, const std::string& name = "ssda903.xml") {
    ReturnText r;
    r.year = year;
    r.xml_name = name;
    r.xml = text;
    return r;
}

// A child as the DfE's XML lays it out, each element on its own line (line numbers below count
// from the document's first line, the XML declaration).
const std::string kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
std::string document(const std::string& children) { return kDeclaration + "<EXPSSDA903>\n" + children + "</EXPSSDA903>\n"; }

std::string child(const std::string& id, const std::string& decom, const std::string& dec = "",
                  const std::string& rec = "", const std::string& review = "05/06/2023") {
    return "<CHILD>\n"
           "<HEADER>\n"
           "<CHILDID>" + id + "</CHILDID>\n"
           "<UPN>A123456789012</UPN>\n"
           "<SEX>1</SEX>\n"
           "<DOB>01/01/2012</DOB>\n"
           "<ETHNIC>WBRI</ETHNIC>\n"
           "<AREVIEW>\n<REVIEW>" + review + "</REVIEW>\n<REVIEW_CODE>PN1</REVIEW_CODE>\n</AREVIEW>\n"
           "<OC2><SDQ_SCORE>12</SDQ_SCORE></OC2>\n"
           "</HEADER>\n"
           "<EPISODE>\n"
           "<DECOM>" + decom + "</DECOM>\n"
           "<RNE>S</RNE>\n<LS>C2</LS>\n<CIN>N1</CIN>\n<PL>U4</PL>\n<PLACE_PROVIDER>PR1</PLACE_PROVIDER>\n"
           "<DEC>" + dec + "</DEC>\n<REC>" + rec + "</REC>\n"
           "<HOME_POST>AB1 2CD</HOME_POST>\n<PL_POST>AB3 4EF</PL_POST>\n<URN>1234567</URN>\n"
           "</EPISODE>\n"
           "</CHILD>\n";
}

// The rows the reader hands on, as "table:line:column|field=value|...".
std::vector<std::string> rows_of(const std::string& text, Diagnostics& diagnostics) {
    std::vector<std::string> rows;
    read_903_xml("r.xml", text, diagnostics, [&](XmlTable table, int line, int column, std::span<XmlField> fields) {
        const std::span<const char* const> names = xml_field_names(table);
        constexpr const char* kNames[] = {"header", "episodes", "reviews", "missing", "uasc", "oc2", "oc3", "ad1",
                                          "placed_for_adoption", "previous_permanence"};
        std::string row = std::string(kNames[static_cast<int>(table)]) + ":" + std::to_string(line) + ":" +
                          std::to_string(column);
        for (std::size_t i = 0; i < fields.size(); ++i) row += "|" + std::string(names[i]) + "=" + fields[i].text;
        rows.push_back(row);
    });
    return rows;
}

TEST(Xml903, EachChildGivesItsHeaderThenEpisodesThenItsOtherRowsWithItsChildid) {
    Diagnostics diagnostics;
    const std::vector<std::string> rows = rows_of(document(child("C7", "01/04/2023", "02/05/2023", "E11")), diagnostics);
    EXPECT_TRUE(diagnostics.items().empty()) << messages(diagnostics).front();
    EXPECT_EQ(rows, (std::vector<std::string>{
                        "header:4:1|CHILDID=C7|SEX=1|DOB=01/01/2012|ETHNIC=WBRI",
                        "episodes:16:1|CHILDID=C7|DECOM=01/04/2023|RNE=S|LS=C2|CIN=N1|PL=U4|PLACE_PROVIDER=PR1|"
                        "DEC=02/05/2023|REC=E11",
                        "reviews:10:1|CHILDID=C7|REVIEW=05/06/2023|REVIEW_CODE=PN1",
                        "oc2:14:1|CHILDID=C7|SDQ_SCORE=12|CONVICTED=|HEALTH_CHECK=|IMMUNISATIONS=|TEETH_CHECK=|"
                        "HEALTH_ASSESSMENT=|SUBSTANCE_MISUSE=|INTERVENTION_RECEIVED=|INTERVENTION_OFFERED="}));
}

// The other tables' values written directly in <HEADER> (uasc, oc3, ad1) are rows of their own,
// at the header's place; a child whose UASC is empty or 0 has no uasc row.
TEST(Xml903, UascOc3AndAd1ValuesInTheHeaderAreRowsOfTheirOwn) {
    Diagnostics diagnostics;
    const std::string text = document(
        "<CHILD><HEADER><CHILDID>C1</CHILDID><UASC>1</UASC><DUC>01/02/2030</DUC><IN_TOUCH>YES</IN_TOUCH>"
        "<ACTIV>F2</ACTIV><ACCOM>U1</ACCOM><DATE_INT>01/05/2023</DATE_INT><DATE_MATCH>01/06/2023</DATE_MATCH>"
        "<AD_PLACED><DATE_PLACED>02/07/2023</DATE_PLACED></AD_PLACED><PERMANENCE><PREV_PERM>Z1</PREV_PERM></PERMANENCE>"
        "</HEADER></CHILD>\n"
        "<CHILD><HEADER><CHILDID>C2</CHILDID><UASC>0</UASC><DUC>01/02/2030</DUC></HEADER></CHILD>\n"
        "<CHILD><HEADER><CHILDID>C3</CHILDID><UASC /></HEADER></CHILD>\n");
    EXPECT_EQ(rows_of(text, diagnostics),
              (std::vector<std::string>{
                  "header:3:8|CHILDID=C1|SEX=|DOB=|ETHNIC=",
                  "placed_for_adoption:3:196|CHILDID=C1|DATE_PLACED=02/07/2023|DATE_PLACED_CEASED=|REASON_PLACED_CEASED=",
                  "previous_permanence:3:256|CHILDID=C1|PREV_PERM=Z1",
                  "uasc:3:8|CHILDID=C1|DUC=01/02/2030",
                  "oc3:3:8|CHILDID=C1|IN_TOUCH=YES|ACTIV=F2|ACCOM=U1",
                  "ad1:3:8|CHILDID=C1|DATE_INT=01/05/2023|DATE_MATCH=01/06/2023",
                  "header:4:8|CHILDID=C2|SEX=|DOB=|ETHNIC=",
                  "header:5:8|CHILDID=C3|SEX=|DOB=|ETHNIC="}));
    EXPECT_TRUE(diagnostics.items().empty());
}

TEST(Xml903, ValuesAreTrimmedAndAbsentOrEmptyElementsAreEmpty) {
    Diagnostics diagnostics;
    const std::string text = document(
        "<CHILD><HEADER><CHILDID>  C8\n</CHILDID><SEX/></HEADER><EPISODE><DECOM> 2023-04-01 </DECOM></EPISODE></CHILD>\n");
    EXPECT_EQ(rows_of(text, diagnostics),
              (std::vector<std::string>{"header:3:8|CHILDID=C8|SEX=|DOB=|ETHNIC=",
                                        "episodes:4:26|CHILDID=C8|DECOM=2023-04-01|RNE=|LS=|CIN=|PL=|PLACE_PROVIDER=|DEC=|REC="}));
}

// Only the elements careboard counts with are kept: UPN, postcodes, URN, a table's elements
// outside their block and anything outside <CHILD> are never copied (nor handed on).
TEST(Xml903, ElementsCareboardDoesNotCountWithAreNotRead) {
    Diagnostics diagnostics;
    const std::string text = document(
        "<CHILD><HEADER><CHILDID>C9</CHILDID><OC2><DOB>01/01/1900</DOB><SEX>9</SEX></OC2>"
        "<AMISSING><MISSING>M</MISSING></AMISSING></HEADER><UNKNOWN><EPISODE><DECOM>x</DECOM></EPISODE></UNKNOWN>"
        "</CHILD>\n<OTHER><CHILD><HEADER><CHILDID>Z</CHILDID></HEADER></CHILD></OTHER>\n");
    EXPECT_EQ(rows_of(text, diagnostics),
              (std::vector<std::string>{"header:3:8|CHILDID=C9|SEX=|DOB=|ETHNIC=",
                                        "oc2:3:37|CHILDID=C9|SDQ_SCORE=|CONVICTED=|HEALTH_CHECK=|IMMUNISATIONS=|"
                                        "TEETH_CHECK=|HEALTH_ASSESSMENT=|SUBSTANCE_MISUSE=|INTERVENTION_RECEIVED=|"
                                        "INTERVENTION_OFFERED=",
                                        "missing:3:81|CHILDID=C9|MISSING=M|MIS_START=|MIS_END="}));
    EXPECT_TRUE(diagnostics.items().empty());
}

TEST(Xml903, ProblemsInValuesArePlacedAtTheirElement) {
    Diagnostics diagnostics;
    const Dataset data = build_dataset(
        {xml_return(2024, document(child("C1", "31/02/2023") + child("C2", "01/04/2023", "01/03/2023", "E11") +
                                   child("C3", "2023-04-01 09:30:00") + child("", "01/04/2023")))},
        diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{
                  // each child is 27 lines, from line 3: the first child's DECOM is on line 17
                  "ssda903.xml:17:1: error: DECOM: '31/02/2023' is not a date that exists [E111]",
                  "ssda903.xml:50:1: error: DEC: 01/03/2023 is before DECOM 01/04/2023 [E113]",
                  "ssda903.xml:71:1: error: DECOM: '2023-04-01 09:30:00' has a time of day; expected a date alone as "
                  "dd/mm/yyyy or yyyy-mm-dd (a time of 00:00 is read as the date) [E116]",
                  // an empty CHILDID, given once for the child: its header, episode and review rows
                  "ssda903.xml:86:1: error: CHILDID: is empty; every row needs the child's pseudonym [E114]",
                  "ssda903.xml:86:1: error: CHILDID: is empty; every row needs the child's pseudonym [E114]",
                  "ssda903.xml:86:1: error: CHILDID: is empty; every row needs the child's pseudonym [E114]",
                  "ssda903.xml:86:1: error: CHILDID: is empty; every row needs the child's pseudonym [E114]",
                  // the children whose only episode was refused: their reviews are outside any care
                  "ssda903.xml:11:1: warning: REVIEW: 2023-06-05 is outside every period of care of this child [W203]",
                  "ssda903.xml:38:1: warning: REVIEW: 2023-06-05 is outside every period of care of this child [W203]",
                  "ssda903.xml:65:1: warning: REVIEW: 2023-06-05 is outside every period of care of this child [W203]"}));
    EXPECT_TRUE(data.episodes.empty());
}

TEST(Xml903, DocumentsThatAreNotAReturnAreRefusedWithTheirPlace) {
    struct Case {
        std::string text, expected;
    };
    const std::vector<Case> cases{
        {kDeclaration + "<EXPSSDA903>\n<CHILD>\n<HEADER>\n", "r.xml:5:1: error: not well-formed XML: no element found [E140]"},
        {kDeclaration + "<EXPSSDA903><CHILD></HEADER></EXPSSDA903>\n",
         "r.xml:2:22: error: not well-formed XML: mismatched tag [E140]"},
        {"", "r.xml:1:1: error: not well-formed XML: no element found [E140]"},
        {"CHILD,SEX,DOB\n1,1,01/01/2012\n", "r.xml:1:1: error: not well-formed XML: syntax error [E140]"},
        {kDeclaration + "<CLA><CHILD/></CLA>\n",
         "r.xml:2:1: error: the root element is <CLA>; a 903 return's XML is an <EXPSSDA903> document of <CHILD> "
         "elements [E141]"},
        {kDeclaration + "<!DOCTYPE EXPSSDA903 [<!ENTITY a \"aaaa\">]>\n<EXPSSDA903>&a;</EXPSSDA903>\n",
         "r.xml:2:22: error: the document declares a DOCTYPE; a 903 return's XML has none, and careboard reads no "
         "DOCTYPE (nor the entities one could define) [E142]"},
    };
    for (const Case& c : cases) {
        Diagnostics diagnostics;
        rows_of(c.text, diagnostics);
        EXPECT_EQ(messages(diagnostics), std::vector<std::string>{c.expected}) << c.text;
    }
}

TEST(Xml903, DeclaredEncodingsAreReadAsUtf8) {
    Diagnostics diagnostics;
    const std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<EXPSSDA903><CHILD><HEADER><CHILDID>\xE9</CHILDID>"
                               "</HEADER></CHILD></EXPSSDA903>";
    EXPECT_EQ(rows_of(latin1, diagnostics), (std::vector<std::string>{"header:2:20|CHILDID=\xC3\xA9|SEX=|DOB=|ETHNIC="}));
    EXPECT_TRUE(diagnostics.items().empty());
    // Windows-1252, as Windows software declares it: 0x80 is the euro sign.
    const std::string windows = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<EXPSSDA903><CHILD><HEADER><CHILDID>\x80"
                                "</CHILDID></HEADER></CHILD></EXPSSDA903>";
    EXPECT_EQ(rows_of(windows, diagnostics), (std::vector<std::string>{"header:2:20|CHILDID=\xE2\x82\xAC|SEX=|DOB=|ETHNIC="}));
    EXPECT_TRUE(diagnostics.items().empty());
    // 0x81 stands for no character in it; an encoding expat does not know is refused.
    rows_of("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<EXPSSDA903><CHILD>\x81</CHILD></EXPSSDA903>", diagnostics);
    rows_of("<?xml version=\"1.0\" encoding=\"EBCDIC\"?>\n<EXPSSDA903/>", diagnostics);
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{"r.xml:2:20: error: not well-formed XML: not well-formed (invalid token) [E140]",
                                        "r.xml:1:31: error: not well-formed XML: unknown encoding [E140]"}));
}

// The generator writes a return as XML or as CSV files from the same rows: both give the same
// stitched dataset, row for row, with each row placed in its own file.
TEST(Xml903, AnXmlReturnGivesTheSameDatasetAsItsCsvFiles) {
    synth::SynthOptions options;
    options.children = 300;
    options.years = 3;
    options.seed = 9;
    auto returns_of = [](const std::vector<synth::SynthFile>& files) {
        std::map<int, ReturnText> by_year;
        for (const synth::SynthFile& f : files) {
            if (f.path.find('/') != 4) continue;  // iro_staffing.csv
            const int year = std::stoi(f.path.substr(0, 4));
            ReturnText& r = by_year[year];
            r.year = year;
            if (f.path.ends_with("header.csv")) r.header_name = f.path, r.header = f.content;
            if (f.path.ends_with("/episodes.csv")) r.episodes_name = f.path, r.episodes = f.content;
            if (f.path.ends_with("reviews.csv")) r.reviews_name = f.path, r.reviews = f.content;
            if (f.path.ends_with(".xml")) r.xml_name = f.path, r.xml = f.content;
            for (std::size_t t = 0; t < kOtherTables; ++t)
                if (f.path.ends_with("/" + std::string(other_table_name(static_cast<OtherTable>(t))) + ".csv"))
                    r.others.push_back({static_cast<OtherTable>(t), f.path, f.content});
        }
        std::vector<ReturnText> out;
        for (auto& [year, r] : by_year) out.push_back(r);
        return out;
    };
    Diagnostics from_csv, from_xml;
    const Dataset csv = build_dataset(returns_of(synth::generate(options)), from_csv);
    options.xml_years = {options.last_year - 1};
    const Dataset xml = build_dataset(returns_of(synth::generate(options)), from_xml);
    ASSERT_FALSE(from_csv.has_errors());
    ASSERT_FALSE(from_xml.has_errors()) << messages(from_xml).front();
    EXPECT_EQ(from_csv.warning_count(), from_xml.warning_count());
    ASSERT_EQ(csv.children.size(), xml.children.size());
    for (std::size_t c = 0; c < csv.children.size(); ++c) {
        EXPECT_EQ(csv.children[c].id, xml.children[c].id);
        EXPECT_EQ(csv.children[c].sex, xml.children[c].sex);
        EXPECT_EQ(csv.children[c].dob, xml.children[c].dob);
        EXPECT_EQ(csv.children[c].ethnic, xml.children[c].ethnic);
    }
    ASSERT_EQ(csv.episodes.size(), xml.episodes.size());
    std::size_t from_the_xml = 0;
    for (std::size_t i = 0; i < csv.episodes.size(); ++i) {
        const Episode &a = csv.episodes[i], &b = xml.episodes[i];
        EXPECT_TRUE(a.child == b.child && a.decom == b.decom && a.dec == b.dec && a.rne == b.rne && a.ls == b.ls &&
                    a.cin == b.cin && a.place == b.place && a.provider == b.provider && a.rec == b.rec)
            << "episode " << i;
        const SourceFile& file = xml.files.at(static_cast<std::size_t>(b.source.file));
        EXPECT_EQ(file.table, "episodes");
        if (file.path.ends_with(".xml")) ++from_the_xml;
    }
    EXPECT_GT(from_the_xml, 0u);
    ASSERT_EQ(csv.reviews.size(), xml.reviews.size());
    for (std::size_t i = 0; i < csv.reviews.size(); ++i)
        EXPECT_TRUE(csv.reviews[i].child == xml.reviews[i].child && csv.reviews[i].date == xml.reviews[i].date &&
                    csv.reviews[i].code == xml.reviews[i].code)
            << "review " << i;
    // Each table's rows read and kept, table by table, in the same order.
    auto tables = [](const Dataset& d) {
        std::vector<std::string> out;
        for (const SourceFile& f : d.files)
            out.push_back(std::to_string(f.return_year) + " " + f.table + " " + std::to_string(f.rows_read) + " " +
                          std::to_string(f.rows_kept));
        std::stable_sort(out.begin(), out.end());
        return out;
    };
    std::vector<std::string> from_csv_files = tables(csv), from_xml_files = tables(xml);
    // The XML's tables that a CSV return does not give are there with no rows.
    std::erase_if(from_xml_files, [&](const std::string& t) {
        return t.ends_with(" 0 0") && std::find(from_csv_files.begin(), from_csv_files.end(), t) == from_csv_files.end();
    });
    EXPECT_EQ(from_csv_files, from_xml_files);
}

TEST(Xml903, AReturnIsReadFromItsXmlOrItsCsvFilesNotBoth) {
    testing::TempDir tmp("xmlfolder");
    const std::filesystem::path dir = tmp.path / "data";
    std::filesystem::create_directories(dir / "2024");
    std::filesystem::create_directories(dir / "2025");
    std::ofstream(dir / "2024" / "ssda903_2024.xml") << document(child("C1", "01/04/2023"));
    std::ofstream(dir / "2024" / "episodes.csv") << "CHILD,DECOM\n";
    std::ofstream(dir / "2025" / "return.XML") << document(child("C1", "01/04/2023"));
    Diagnostics diagnostics;
    const DataFolder folder = discover_data_folder(dir.string(), diagnostics);
    ASSERT_EQ(folder.returns.size(), 2u);
    EXPECT_EQ(folder.returns[1].xml, (dir / "2025" / "return.XML").string());
    EXPECT_EQ(messages(diagnostics),
              (std::vector<std::string>{(dir / "2024" / "episodes.csv").string() +
                                        ": error: the same return is also given as XML (" +
                                        (dir / "2024" / "ssda903_2024.xml").string() +
                                        "); a return is read from its XML or from its CSV files, not both [E005]"}));
    // The 2025 return alone: an XML return needs no CSV table (no E006).
    std::filesystem::remove(dir / "2024" / "episodes.csv");
    Diagnostics again;
    const Dataset data = load_dataset(discover_data_folder(dir.string(), again), again);
    EXPECT_FALSE(again.has_errors()) << messages(again).front();
    EXPECT_EQ(data.return_years, (std::vector<int>{2024, 2025}));
    EXPECT_EQ(data.files.size(), 20u);  // each return's ten XML tables
}

}  // namespace
}  // namespace careboard
