// What a careless operator or a hostile file does to careboard: inputs that are not regular
// files, files that never end, values out of any sensible range. Each test is named for the
// behaviour it keeps (docs/errors.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <regex>
#include <sstream>
#include <sys/stat.h>

#include "core/format.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard;
using namespace careboard::testing;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// The sample authority's config with its [benchmarks] rates file replaced by `rates`.
fs::path sample_config_with_rates(const fs::path& dir, const std::string& rates) {
    std::string toml = slurp(source_dir() / "sample-data/careboard.toml");
    const std::string from = "rates = \"ees/cla_number_and_rate_per_10k_children.csv\"";
    toml.replace(toml.find(from), from.size(), "rates = \"" + rates + "\"");
    // Relative paths stay relative to the sample data.
    const fs::path path = dir / "careboard.toml";
    spit(path, "[data]\ndir = \"" + (source_dir() / "sample-data").string() + "\"\n" + toml);
    return path;
}

}  // namespace

TEST(InputFile, OnlyRegularFilesAreRead) {
    TempDir tmp("input-file");
    std::string text;
    spit(tmp.path / "a.csv", "CHILD\nA1\n");
    EXPECT_EQ(read_input_file((tmp.path / "a.csv").string(), text), std::nullopt);
    EXPECT_EQ(text, "CHILD\nA1\n");
    EXPECT_EQ(read_input_file(tmp.path.string(), text), "it is a folder, not a file");
    EXPECT_EQ(read_input_file("/dev/null", text), "it is not a regular file (a pipe, device or socket)");
    EXPECT_EQ(read_input_file("/dev/zero", text), "it is not a regular file (a pipe, device or socket)");
    EXPECT_EQ(read_input_file((tmp.path / "none.csv").string(), text), "there is no such file");
    ASSERT_EQ(::mkfifo((tmp.path / "fifo").c_str(), 0600), 0);
    // Opening a FIFO with no writer would wait for ever; it is refused at once.
    EXPECT_EQ(read_input_file((tmp.path / "fifo").string(), text), "it is not a regular file (a pipe, device or socket)");
    EXPECT_TRUE(text.empty());
}

// A large XML return is read in pieces, with the same checks as a whole file.
TEST(InputFile, AFileReadInPiecesIsHandedOnWholeAndInOrder) {
    TempDir tmp("input-pieces");
    std::string content;
    for (int i = 0; i < 1000; ++i) content += std::to_string(i) + ",";
    spit(tmp.path / "a.xml", content);
    std::string joined;
    std::size_t pieces = 0;
    auto collect = [&](std::string_view piece) {
        EXPECT_LE(piece.size(), 1000u);
        joined += piece;
        ++pieces;
        return true;
    };
    EXPECT_EQ(read_input_file_in_pieces((tmp.path / "a.xml").string(), 1000, collect), std::nullopt);
    EXPECT_EQ(joined, content);
    EXPECT_EQ(pieces, (content.size() + 999) / 1000);
    // Stopped by its reader after the first piece.
    pieces = 0;
    EXPECT_EQ(read_input_file_in_pieces((tmp.path / "a.xml").string(), 1000, [&](std::string_view) { return ++pieces < 1; }),
              std::nullopt);
    EXPECT_EQ(pieces, 1u);
    EXPECT_EQ(read_input_file_in_pieces(tmp.path.string(), 1000, collect), "it is a folder, not a file");
    EXPECT_EQ(read_input_file_in_pieces("/dev/zero", 1000, collect), "it is not a regular file (a pipe, device or socket)");
    EXPECT_EQ(read_input_file_in_pieces((tmp.path / "a.xml").string(), 1000, collect, 100),
              "it is larger than 0 MiB, the most careboard reads from one file");
}

TEST(InputFile, AFileLargerThanTheLimitIsRefusedNotReadUntilMemoryRunsOut) {
    TempDir tmp("input-limit");
    spit(tmp.path / "big.csv", std::string(3 << 20, 'x'));
    std::string text;
    EXPECT_EQ(read_input_file((tmp.path / "big.csv").string(), text, 2 << 20),
              "it is larger than 2 MiB, the most careboard reads from one file");
    EXPECT_TRUE(text.empty());
    EXPECT_EQ(read_input_file((tmp.path / "big.csv").string(), text, 3 << 20), std::nullopt);
    EXPECT_EQ(text.size(), 3u << 20);
}

TEST(Robustness, ConfigThatIsAFolderIsAnIoErrorNotABuildWithDefaults) {
    TempDir tmp("config-folder");
    fs::create_directories(tmp.path / "conf");
    const RunResult r = run_careboard("build --config conf --out site", tmp.path);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.err, "conf: error: cannot read the config file: it is a folder, not a file [E001]\n"
                     "careboard: build stopped: 1 error(s); nothing was written\n");
    EXPECT_FALSE(fs::exists(tmp.path / "site"));
}

TEST(Robustness, FifoAsConfigIsRefusedAtOnceInsteadOfWaitingForEver) {
    TempDir tmp("config-fifo");
    ASSERT_EQ(::mkfifo((tmp.path / "careboard.toml").c_str(), 0600), 0);
    // `timeout` turns a hang into exit 124.
    const RunResult r = run_careboard("check --config careboard.toml", tmp.path, "timeout 20");
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("careboard.toml: error: cannot read the config file: it is not a regular file (a pipe, "
                         "device or socket) [E001]"),
              std::string::npos)
        << r.err;
}

TEST(Robustness, DeviceAsBenchmarkFileIsAnIoErrorNotEndlessReading) {
    // /dev/zero used to be read until memory ran out; /dev/null read as an empty file is a data
    // error (exit 1) when the operator's mistake is a path (exit 3).
    TempDir tmp("bench-device");
    for (const char* device : {"/dev/zero", "/dev/null"}) {
        const fs::path config = sample_config_with_rates(tmp.path, device);
        const RunResult r = run_careboard("check --config " + quoted(config), tmp.path, "timeout 20");
        EXPECT_EQ(r.exit_code, 3) << device << "\n" << r.err;
        EXPECT_NE(r.err.find(std::string(device) + ": error: cannot read the file (named by benchmarks.rates in " +
                             config.string() + "): it is not a regular file (a pipe, device or socket) [E007]"),
                  std::string::npos)
            << r.err;
    }
}

TEST(Robustness, FolderAsBenchmarkFileIsAnIoError) {
    TempDir tmp("bench-folder");
    fs::create_directories(tmp.path / "ees");
    const fs::path config = sample_config_with_rates(tmp.path, (tmp.path / "ees").string());
    const RunResult r = run_careboard("check --config " + quoted(config), tmp.path);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("it is a folder, not a file [E007]"), std::string::npos) << r.err;
}

namespace {
// One child's return: header, episodes and reviews.
void write_return(const fs::path& dir, const std::string& decom = "01/06/2023") {
    spit(dir / "header.csv", "CHILD,SEX,DOB,ETHNIC\nA1,1,01/05/2012,WBRI\n");
    spit(dir / "episodes.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\nA1," + decom + ",S,C1,N1,U4,PR1,,\n");
    spit(dir / "reviews.csv", "CHILD,REVIEW,REVIEW_CODE\nA1,20/06/2023,PN1\n");
}
}  // namespace

TEST(Robustness, CheckSaysWhichFoldersAndFilesWereReadAndWhyOthersWereNot) {
    // A return's folder named at length ("Return 2023-24") used to be passed over in silence.
    TempDir tmp("folders-read");
    write_return(tmp.path / "data" / "Return 2023-24");
    spit(tmp.path / "data" / "Return 2023-24" / "notes.csv", "a,b\n");
    fs::create_directories(tmp.path / "data" / "Return 2023-24" / "old");
    fs::create_directories(tmp.path / "data" / "archive");
    const RunResult r = run_careboard("check --data data", tmp.path);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("read Return 2023-24/: episodes.csv, header.csv, reviews.csv\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("not read: archive (a folder without a year in its name; files in it are read only where "
                         "the config names them)\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("not read: Return 2023-24/notes.csv (not a table careboard reads)\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("not read: Return 2023-24/old (a folder inside a return's folder)\n"), std::string::npos) << r.out;
}

TEST(Robustness, LinkToNothingWhereATableWouldBeIsAnIoError) {
    TempDir tmp("dangling");
    write_return(tmp.path / "data" / "2024");
    fs::create_directory_symlink(tmp.path / "gone", tmp.path / "data" / "2025");
    fs::create_symlink(tmp.path / "gone.csv", tmp.path / "data" / "2024" / "escalations.csv");
    const RunResult r = run_careboard("build --data data --out site", tmp.path);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("data/2025: error: cannot read: it is a link to nothing [E007]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("data/2024/escalations.csv: error: cannot read: it is a link to nothing [E007]"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(tmp.path / "site"));
}

TEST(Robustness, UnreadableReturnFolderIsAnIoErrorNotSkipped) {
    if (::geteuid() == 0) GTEST_SKIP() << "running as root, who can read a folder without read permission";
    TempDir tmp("unreadable");
    write_return(tmp.path / "data" / "2024");
    write_return(tmp.path / "data" / "2025");
    fs::permissions(tmp.path / "data" / "2025", fs::perms::none);
    const RunResult r = run_careboard("build --data data --out site", tmp.path);
    fs::permissions(tmp.path / "data" / "2025", fs::perms::owner_all);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("data/2025: error: cannot read the folder: Permission denied [E007]"), std::string::npos) << r.err;
}

namespace {
// The sample authority's config (without its DfE files) with a [window] end.
fs::path sample_config_with_window_end(const fs::path& dir, const std::string& end) {
    std::string toml = slurp(source_dir() / "sample-data/careboard.toml");
    toml.replace(toml.find("[output]"), 8, "[window]\nend = \"" + end + "\"\n\n[output]");
    toml.erase(toml.find("[benchmarks]"));  // its files are named relative to sample-data/
    spit(dir / "careboard.toml", "[data]\ndir = \"" + (source_dir() / "sample-data").string() + "\"\n" + toml);
    return dir / "careboard.toml";
}
}  // namespace

TEST(Robustness, WindowEndingAfterTheDataIsAnErrorNotOpenEpisodesCarriedForward) {
    // Quarters after 31 March 2025 used to be counted from the episodes still open then.
    TempDir tmp("late-window");
    sample_config_with_window_end(tmp.path, "2031-32 Q4");
    const RunResult r = run_careboard("build --config careboard.toml --out site", tmp.path);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("careboard.toml:16:7: error: window.end: 2031-32 Q4 ends after the data's as-at date (31 March "
                         "2025), so its quarters cannot be counted; set it no later than 2024-25 Q4, or remove it [E011]"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(tmp.path / "site"));
}

TEST(Robustness, WindowStartingBeforeTheFirstReturnIsWarnedAbout) {
    TempDir tmp("early-window");
    sample_config_with_window_end(tmp.path, "2012-13 Q4");
    const RunResult r = run_careboard("check --config careboard.toml", tmp.path);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("careboard.toml:16:7: warning: the window starts at 2010-11 Q1, before the first return "
                         "(2021-22): quarters before 2021-22 Q1 count only the children still looked after in it, so "
                         "they are too low [W305]"),
              std::string::npos)
        << r.err;
}

TEST(Robustness, MeasuresFileWithAMistypedYearIsCappedAtTenYearsAndSaysWhere) {
    // One row of 2074 among 2023-24's used to build every quarter and every pair of quarters
    // between (1.3 GB of pages); the window is now at most 40 quarters, with a warning at the row.
    TempDir tmp("typo-year");
    std::string csv = "area_code,period_start,period_end,measure,category,value\n";
    for (const char* end : {"2023-06-30", "2023-09-30", "2023-12-31", "2024-03-31"})
        csv += std::string("E09000099,") + end + "," + end + ",looked_after,Total,40\n";
    csv += "E09000099,2074-03-31,2074-03-31,looked_after,Total,41\n";
    spit(tmp.path / "data/measures.csv", csv);
    const RunResult r = run_careboard("build --data data --out site", tmp.path, "timeout 120");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("data/measures.csv:6:2: warning: period: the figures run from 2023-24 Q1 to 2073-74 Q4, 204 "
                         "quarters; careboard shows at most 40 (ten years), so only 2064-65 Q1 to 2073-74 Q4 are "
                         "read. Is a year mistyped here, in the latest period? [W303]"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("[W304]"), std::string::npos) << r.err;
    int pages = 0;
    for (const auto& e : fs::recursive_directory_iterator(tmp.path / "site")) pages += e.path().extension() == ".html";
    EXPECT_LT(pages, 1000);
}

namespace {
// The sample authority copied to `dir` (data and config), with `edit` applied to each line of
// the 2025 episodes file after its header: (line number, fields) -> fields.
void sample_with_episodes(const fs::path& dir, const std::function<void(int, std::vector<std::string>&)>& edit) {
    fs::copy(source_dir() / "sample-data", dir / "sample", fs::copy_options::recursive);
    const fs::path episodes = dir / "sample/2025/episodes.csv";
    std::istringstream in(slurp(episodes));
    std::string line, out;
    for (int number = 1; std::getline(in, line); ++number) {
        if (number > 1) {
            std::vector<std::string> fields;
            std::stringstream cells(line);
            for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
            if (line.ends_with(",")) fields.emplace_back();
            edit(number, fields);
            line.clear();
            for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + fields[i];
        }
        out += line + "\n";
    }
    spit(episodes, out);
}
constexpr std::size_t kPlace = 5, kPlacePostcode = 11;
}  // namespace

TEST(Robustness, UnknownCodesAreNeverPublishedAsWrittenInThePublicEdition) {
    // A few rows with postcode districts in PLACE: warned about (W101), counted, and in the
    // public edition shown only as "Codes not in the 903 list".
    TempDir tmp("unknown-codes");
    sample_with_episodes(tmp.path, [](int line, std::vector<std::string>& f) {
        if (line % 200 == 0) f[kPlace] = "ZZ9";
    });
    for (const char* profile : {"public", "board"}) {
        const fs::path site = tmp.path / profile;
        const RunResult r = run_careboard(std::string("build --config sample/careboard.toml --profile ") + profile +
                                              " --out " + quoted(site),
                                          tmp.path);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.err.find("[W101]"), std::string::npos);
        bool written = false, grouped = false;
        for (const auto& [path, content] : read_tree(site)) {
            written = written || content.find("ZZ9") != std::string::npos;
            grouped = grouped || content.find("other_code") != std::string::npos;
        }
        if (std::string(profile) == "public") {
            EXPECT_FALSE(written) << "a code not in the 903 list is published as written";
            EXPECT_TRUE(grouped);
        } else {
            EXPECT_TRUE(written) << "the board edition names the code, for the data team to fix";
        }
    }
}

TEST(Robustness, ColumnMostlyOfNonCodesIsAnErrorNotPublishedCategories) {
    // PLACE and PL_POST swapped: every placement "type" a postcode district.
    TempDir tmp("swapped-columns");
    sample_with_episodes(tmp.path, [](int, std::vector<std::string>& f) { std::swap(f[kPlace], f[kPlacePostcode]); });
    const RunResult r = run_careboard("build --config sample/careboard.toml --out site", tmp.path);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("sample/2025/episodes.csv:2:6: error: PLACE: 1236 of its 1236 values are not a placement type "
                         "code (the first is 'NF2'): is this column another one, or two columns swapped? [E115]"),
              std::string::npos)
        << r.err.substr(0, 2000);
    EXPECT_FALSE(fs::exists(tmp.path / "site"));
}

TEST(Robustness, EscalationLabelInWindowsEncodingBuildsWithItsCharacterAndAWarning) {
    // A cp1252 apostrophe (0x92) in TEAM passed `check` and made `build` exit 70 with a JSON
    // type error; the file is now read as Windows-1252, said once, and the label is UTF-8.
    TempDir tmp("cp1252");
    fs::copy(source_dir() / "sample-data", tmp.path / "sample", fs::copy_options::recursive);
    const fs::path log = tmp.path / "sample/2025/escalations.csv";
    std::string text = slurp(log);
    const std::string team = "Children in care North";
    text.replace(text.find(team), team.size(), "Children\x92s team North");
    spit(log, text);
    const RunResult r = run_careboard("build --config sample/careboard.toml --profile board --out site", tmp.path);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("sample/2025/escalations.csv:"), std::string::npos);
    EXPECT_NE(r.err.find("warning: the file is not UTF-8 (byte 0x92); it is read as Windows-1252"), std::string::npos) << r.err;
    EXPECT_NE(slurp(tmp.path / "site/escalations.html").find("Children\u2019s team North"), std::string::npos);
}

// What a spreadsheet makes of an export (docs/input.md): column names in lower case with spaces
// around them, dates without leading zeros and with a midnight time. The sample authority saved
// so gives the same figures, byte for byte, as saved by its case-management system.
TEST(Robustness, ASpreadsheetSavedExportGivesTheSameFigures) {
    TempDir tmp("spreadsheet-saved");
    fs::copy(source_dir() / "sample-data", tmp.path / "sample", fs::copy_options::recursive);
    const std::regex dmy("\\b(\\d\\d)/(\\d\\d)/(\\d{4})\\b");
    std::size_t dates = 0;
    for (const char* year : {"2022", "2023", "2025"})
        for (const char* table : {"header", "episodes", "reviews"}) {
            const fs::path file = tmp.path / "sample" / year / (std::string(table) + ".csv");
            std::string text = slurp(file);
            const std::size_t eol = text.find('\n');
            std::string names = text.substr(0, eol);
            std::transform(names.begin(), names.end(), names.begin(), [](unsigned char c) { return std::tolower(c); });
            std::string rows = text.substr(eol);
            dates += static_cast<std::size_t>(std::distance(std::sregex_iterator(rows.begin(), rows.end(), dmy), std::sregex_iterator()));
            // Episodes as pandas writes dates, the others as Excel shows them.
            rows = std::string(table) == "episodes" ? std::regex_replace(rows, dmy, "$3-$2-$1 00:00:00")
                                                    : std::regex_replace(rows, std::regex("\\b0?(\\d+)/0?(\\d+)/(\\d{4})\\b"), "$1/$2/$3");
            std::string spaced;  // " child , sex ,..."
            for (std::size_t i = 0; i < names.size(); ++i) spaced += names[i] == ',' ? std::string(" , ") : std::string(1, names[i]);
            spit(file, " " + spaced + " " + rows);
        }
    ASSERT_GT(dates, 10000u);
    const RunResult saved = run_careboard("build --config sample/careboard.toml --out saved", tmp.path);
    ASSERT_EQ(saved.exit_code, 0) << saved.err;
    EXPECT_NE(saved.err.find("(0 warnings)"), std::string::npos) << saved.err;
    const RunResult original = run_careboard("build --config " + quoted(source_dir() / "sample-data/careboard.toml") + " --out original", tmp.path);
    ASSERT_EQ(original.exit_code, 0) << original.err;
    EXPECT_TRUE(slurp(tmp.path / "saved/data/measures.csv") == slurp(tmp.path / "original/data/measures.csv"));
}
