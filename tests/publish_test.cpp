// Publishing the output folder (docs/publishing.md): every step of the sequence failed, or stopped
// as by a kill, for the build's site and the report's _report folder, with and without an atomic
// exchange; what the next build recovers; the lock; a symlinked output folder; flushing to disk.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>

#include "publish/output_folder.hpp"
#include "publish/publish.hpp"
#include "support/faulty_disk.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using namespace careboard;
using namespace careboard::testing;
using Fault = FaultyDisk::Fault;

namespace {

const std::string kMarkText = "This folder is a site written by careboard; careboard replaces it whole on each build.\n";
const std::string kConfig = (source_dir() / "sample-data/careboard.toml").string();

// Everything under a folder, byte for byte: a folder as "path/", a link as "path@" (its target).
// Empty when nothing is there.
using Snapshot = std::map<std::string, std::string>;
std::optional<Snapshot> snapshot(const fs::path& root) {
    if (!fs::is_directory(root)) return std::nullopt;
    Snapshot s;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        const std::string rel = fs::relative(e.path(), root).generic_string();
        if (e.is_symlink()) s[rel + "@"] = fs::read_symlink(e.path()).string();
        else if (e.is_directory()) s[rel + "/"] = "";
        else s[rel] = slurp(e.path());
    }
    return s;
}

// What publishing `tree` must give: its files, their folders and careboard's mark, unchanged.
Snapshot published(const OutputTree& tree) {
    Snapshot s{{".careboard-site", kMarkText}};
    for (const auto& [path, content] : tree) {
        s[path] = content;
        for (fs::path p = fs::path(path).parent_path(); !p.empty(); p = p.parent_path()) s[p.generic_string() + "/"] = "";
    }
    return s;
}

// Two editions of a site and of a report. Each edition has a file the other lacks, so that a
// folder mixing them passes for neither.
OutputTree site_edition(const std::string& edition) {
    return {{"index.html", "<h1>Children in care, " + edition + "</h1>\n"},
            {edition == "2024" ? "editions.html" : "revisions.html", "<p>" + edition + "</p>\n"},
            {"assets/careboard.css", "body { margin: 0 }\n"},
            {"assets/vendor/vega.min.js", std::string(6000, 'v') + edition},
            {"data/measures.csv", "measure,period,value\nlooked_after," + edition + ",181\n"},
            {"charts/looked-after/spec.json", "{\"edition\":\"" + edition + "\"}"}};
}
OutputTree report_edition(const std::string& edition) {
    return {{"report.html", "<h1>IRO annual report " + edition + "</h1>\n"},
            {"report.pdf", "%PDF-1.7 " + edition + std::string(3000, '.')},
            {edition == "2023-24" ? "print.css" : "contents.css", "@page { size: A4 }\n"},
            {"assets/careboard.css", "body { margin: 0 }\n"},
            {"assets/vendor/vega.min.js", std::string(6000, 'v') + edition}};
}

// For the real disk's publishes that set up and check a test.
PublishOptions quick() {
    PublishOptions o;
    o.durable = false;
    o.lock_wait = std::chrono::milliseconds(0);
    return o;
}
// For the publish under test, on a FaultyDisk (whose syncs are steps but do not reach the disk).
PublishOptions durable() {
    PublishOptions o;
    o.lock_wait = std::chrono::milliseconds(0);
    return o;
}

std::string messages(const Diagnostics& d) {
    std::string s;
    for (const Diagnostic& x : d.items()) s += format_diagnostic(x) + "\n";
    return s;
}

// One output folder in a test's own temporary folder, with an unrelated file beside it that
// publishing must never touch.
struct Scenario {
    std::string name;                 // the output folder's name
    std::optional<OutputTree> before; // the site published before; none for a first build
    OutputTree next;                  // the site the build under test publishes
    bool exchange = true;             // whether the system has Linux's RENAME_EXCHANGE and syncfs
                                      // (without them: two renames, and an fsync of each file)
};

struct Folder {
    TempDir tmp;
    fs::path parent;
    fs::path out;
    Scenario sc;
    std::optional<Snapshot> before;
    Snapshot after;

    explicit Folder(const Scenario& s)
        : tmp("publish-" + s.name), parent(tmp.path / "www"), out(parent / s.name), sc(s), after(published(s.next)) {
        if (s.before) before = published(*s.before);
    }

    void reset() {
        fs::remove_all(parent);
        fs::create_directories(parent);
        spit(parent / "unrelated.txt", "not careboard's");
        Diagnostics d;
        if (sc.before) {
            ASSERT_TRUE(publish_site(*sc.before, out.string(), d, real_disk(), quick())) << messages(d);
        }
        ASSERT_EQ(snapshot(out), before);
    }

    // Names beside the output folder other than itself, its lock and the unrelated file.
    std::vector<std::string> leftovers() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(parent)) {
            const std::string n = e.path().filename().string();
            if (n != sc.name && n != "." + sc.name + ".lock") names.push_back(n);
        }
        std::sort(names.begin(), names.end());
        std::erase(names, "unrelated.txt");
        EXPECT_EQ(slurp(parent / "unrelated.txt"), "not careboard's");
        return names;
    }

    // The previous site as a build stopped between the two renames of a swap keeps it.
    std::optional<Snapshot> kept_aside() const {
        for (const auto& e : fs::directory_iterator(parent))
            if (e.path().filename().string().starts_with("." + sc.name + ".old.")) return snapshot(e.path());
        return std::nullopt;
    }

    FaultyDisk disk(Fault fault, int at) const {
        FaultyDisk d(fault, at);
        d.exchange_supported = sc.exchange;
        d.syncfs_supported = sc.exchange;
        return d;
    }

    // The number of disk operations of a whole publish, checked to include the swap.
    int steps_of_a_publish() {
        reset();
        FaultyDisk counting = disk(Fault::none, 0);
        Diagnostics d;
        EXPECT_TRUE(publish_site(sc.next, out.string(), d, counting, durable())) << messages(d);
        EXPECT_EQ(snapshot(out), after);
        const auto has = [&](const std::string& op) {
            return std::any_of(counting.log.begin(), counting.log.end(), [&](const std::string& l) { return l.starts_with(op); });
        };
        EXPECT_TRUE(has("try_lock ") && has("write_file ") && (sc.before ? has("exchange ") : has("rename ")));
        EXPECT_TRUE(sc.exchange ? has("sync_file_system ") : has("sync_file ") && has("sync_dir "));
        if (sc.before && !sc.exchange) {
            EXPECT_TRUE(has("rename " + out.string() + " "));
        }
        return counting.steps;
    }
};

// The folder is at this moment the whole previous site or the whole new one; only without an
// atomic exchange can it be missing, the previous site then being kept whole beside it.
void expect_whole_site_now(const Folder& f) {
    const std::optional<Snapshot> now = snapshot(f.out);
    if (now || f.sc.exchange || !f.before) EXPECT_TRUE(now == f.before || now == f.after);
    else EXPECT_TRUE(f.kept_aside() == f.before);
}

// The next build: the start-of-build recovery, then a publish, both on a sound disk.
void expect_next_build_recovers(Folder& f, bool start_of_build_recovery) {
    const std::optional<Snapshot> now = snapshot(f.out);
    if (start_of_build_recovery) {
        Diagnostics r;
        EXPECT_TRUE(recover_output(f.out.string(), r)) << messages(r);
        // The stopped build's site if its swap was done, else the previous one (put back when
        // the stop came between the two renames).
        EXPECT_TRUE(snapshot(f.out) == (now ? now : f.before));
        EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
    }
    Diagnostics d;
    EXPECT_TRUE(publish_site(f.sc.next, f.out.string(), d, real_disk(), quick())) << messages(d);
    EXPECT_TRUE(snapshot(f.out) == f.after);
    EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
}

// The number of steps covered, in the test's XML output (--gtest_output=xml).
void record_steps(const Scenario& sc, int total) {
    ::testing::Test::RecordProperty("steps_" + sc.name + (sc.before ? "" : "_first") + (sc.exchange ? "_exchange" : "_renames"),
                                    total);
}

void kill_at_every_step(const Scenario& sc) {
    Folder f(sc);
    const int total = f.steps_of_a_publish();
    ASSERT_GT(total, sc.before ? 25 : 15);
    record_steps(sc, total);
    for (const bool start_of_build_recovery : {true, false}) {
        for (int n = 1; n <= total + 1; ++n) {
            SCOPED_TRACE("killed at step " + std::to_string(n) + " of " + std::to_string(total));
            f.reset();
            FaultyDisk disk = f.disk(Fault::kill, n);
            Diagnostics d;
            if (n <= total) {
                EXPECT_THROW(publish_site(sc.next, f.out.string(), d, disk, durable()), SimulatedKill);
                SCOPED_TRACE("at: " + disk.log.back());
                expect_whole_site_now(f);
                expect_next_build_recovers(f, start_of_build_recovery);
            } else {  // past the last step: nothing stops it
                EXPECT_TRUE(publish_site(sc.next, f.out.string(), d, disk, durable())) << messages(d);
                EXPECT_TRUE(snapshot(f.out) == f.after);
                EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
            }
        }
    }
}

void fail_at_every_step(const Scenario& sc, Fault fault) {
    Folder f(sc);
    const int total = f.steps_of_a_publish();
    ASSERT_GT(total, sc.before ? 25 : 15);
    record_steps(sc, total);
    for (int n = 1; n <= total; ++n) {
        f.reset();
        FaultyDisk disk = f.disk(fault, n);
        Diagnostics d;
        const bool ok = publish_site(sc.next, f.out.string(), d, disk, durable());
        SCOPED_TRACE("failed at step " + std::to_string(n) + " of " + std::to_string(total) + ": " + disk.log[std::size_t(n - 1)] +
                     "\n" + messages(d));
        const std::optional<Snapshot> now = snapshot(f.out);
        if (ok) {
            // The fault came after the swap (flushing the parent, removing the previous site).
            EXPECT_FALSE(d.has_errors());
            EXPECT_TRUE(now == f.after);
            // What is left beside it (the previous site, if removing it failed) is either whole
            // or without the mark, so it can never be taken for a site and put back half-removed.
            for (const std::string& name : f.leftovers()) {
                if (is_marked_site(real_disk(), (f.parent / name).string())) {
                    EXPECT_TRUE(snapshot(f.parent / name) == f.before) << name;
                }
            }
        } else {
            ASSERT_TRUE(d.has_errors());
            const std::string code = d.items().front().code;
            EXPECT_TRUE(code == "E501" || code == "E506" || code == "E507") << code;
            if (fault == Fault::fail_once) {
                // A passing fault: the previous site byte for byte, and nothing beside it.
                EXPECT_TRUE(now == f.before);
                EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
            } else {
                // A disk that stopped working cannot be cleaned up on: the previous site is in
                // place, or kept whole beside it for the next build to put back.
                if (now || !f.before) EXPECT_TRUE(now == f.before);
                else EXPECT_TRUE(f.kept_aside() == f.before);
            }
        }
        // The next build, on a sound disk, starts from what this one left.
        Diagnostics r;
        EXPECT_TRUE(recover_output(f.out.string(), r)) << messages(r);
        EXPECT_TRUE(snapshot(f.out) == (ok ? std::optional(f.after) : f.before));
        EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
    }
}

Scenario site_scenario(bool exchange) { return {"site", site_edition("2024"), site_edition("2025"), exchange}; }
Scenario report_scenario(bool exchange) { return {"_report", report_edition("2023-24"), report_edition("2024-25"), exchange}; }
Scenario first_build_scenario(bool exchange) { return {"site", std::nullopt, site_edition("2025"), exchange}; }

// A process id that is not running: a child that has exited and been waited for.
long dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return static_cast<long>(child);
}

RunResult build_demo(const fs::path& out, const std::string& extra = "") {
    return run_careboard("build --quiet --build-date 2025-05-01 --config '" + kConfig + "' --out '" + out.string() + "' " + extra);
}

}  // namespace

// --- a kill at any moment ----------------------------------------------------------------------

TEST(Publish, KillAtEveryStepLeavesPreviousSiteOrNewSite) {
    kill_at_every_step(site_scenario(true));
}

TEST(Publish, KillAtEveryStepWithoutAtomicExchangeIsCompletedByTheNextBuild) {
    kill_at_every_step(site_scenario(false));
}

TEST(Publish, KillAtEveryStepOfTheReportLeavesPreviousReportOrNewReport) {
    kill_at_every_step(report_scenario(true));
    kill_at_every_step(report_scenario(false));
}

TEST(Publish, KillAtEveryStepOfAFirstBuildLeavesNoSiteOrTheNewSite) {
    kill_at_every_step(first_build_scenario(true));
    kill_at_every_step(first_build_scenario(false));
}

// A build killed while it recovers from an earlier killed build: the next one still puts the
// previous site back, and removes the rest.
TEST(Publish, KillAtEveryStepOfRecoveryIsRecoveredByTheNextBuild) {
    Folder f(site_scenario(false));
    const long pid = dead_pid();
    auto stopped_between_renames = [&] {
        f.reset();
        fs::rename(f.out, f.parent / (".site.old." + std::to_string(pid)));
        spit(f.parent / (".site.new." + std::to_string(pid)) / "index.html", "<h1>half");
        spit(f.parent / (".site.new." + std::to_string(pid)) / kSiteMarker, kMarkText);
    };
    stopped_between_renames();
    FaultyDisk counting;
    Diagnostics d;
    ASSERT_TRUE(recover_output(f.out.string(), d, counting)) << messages(d);
    ASSERT_TRUE(snapshot(f.out) == f.before);
    ASSERT_GT(counting.steps, 10);
    for (int n = 1; n <= counting.steps; ++n) {
        SCOPED_TRACE("killed at step " + std::to_string(n));
        stopped_between_renames();
        FaultyDisk disk(Fault::kill, n);
        EXPECT_THROW(recover_output(f.out.string(), d, disk), SimulatedKill);
        const std::optional<Snapshot> now = snapshot(f.out);
        EXPECT_TRUE(now ? now == f.before : f.kept_aside() == f.before);
        Diagnostics r;
        EXPECT_TRUE(recover_output(f.out.string(), r)) << messages(r);
        EXPECT_TRUE(snapshot(f.out) == f.before);
        EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
    }
}

// --- a failing disk ----------------------------------------------------------------------------

TEST(Publish, FailureAtEveryStepLeavesThePreviousSiteAndNothingElse) {
    for (const bool exchange : {true, false}) {
        fail_at_every_step(site_scenario(exchange), Fault::fail_once);
        fail_at_every_step(report_scenario(exchange), Fault::fail_once);
        fail_at_every_step(first_build_scenario(exchange), Fault::fail_once);
    }
}

TEST(Publish, DiskFailingFromEveryStepOnIsRepairedByTheNextBuild) {
    for (const bool exchange : {true, false}) {
        fail_at_every_step(site_scenario(exchange), Fault::fail_from);
        fail_at_every_step(report_scenario(exchange), Fault::fail_from);
    }
}

// --- what stopped builds left ------------------------------------------------------------------

TEST(Publish, RemovesWhatADeadBuildLeft) {
    Folder f(site_scenario(true));
    f.reset();
    const std::string dead = std::to_string(dead_pid());
    spit(f.parent / (".site.new." + dead) / "index.html", "<h1>half");  // killed while writing
    spit(f.parent / (".site.old." + dead) / "about.html", "<p>");       // killed while removing the old site
    spit(f.parent / ".site.new.notapid/keep.txt", "not a name careboard uses");
    Diagnostics d;
    ASSERT_TRUE(publish_site(site_edition("2025"), f.out.string(), d, real_disk(), quick())) << messages(d);
    EXPECT_TRUE(snapshot(f.out) == f.after);
    EXPECT_EQ(f.leftovers(), std::vector<std::string>{".site.new.notapid"});
}

// The lock, not a process id, says whether a build is running: a folder beside the output is
// not touched while another build holds the lock.
TEST(Publish, LeavesAnotherBuildsFoldersAloneWhileItHoldsTheLock) {
    Folder f(site_scenario(true));
    f.reset();
    Disk::LockAttempt other = real_disk().try_lock((f.parent / ".site.lock").string());
    ASSERT_TRUE(other.lock);
    spit(f.parent / ".site.new.4000000/index.html", "<h1>being written");
    Diagnostics d;
    EXPECT_TRUE(recover_output(f.out.string(), d));
    EXPECT_EQ(f.leftovers(), std::vector<std::string>{".site.new.4000000"});
    other.lock.reset();
    EXPECT_TRUE(recover_output(f.out.string(), d));
    EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
}

// A build that fails on its data, after a build killed between the two renames of its swap:
// the previous site is back, as "the previous site is unchanged" says.
TEST(Publish, FailedBuildPutsBackASiteAStoppedBuildHadMovedAside) {
    TempDir tmp("publish-putback");
    const fs::path site = tmp.path / "site";
    ASSERT_EQ(build_demo(site).exit_code, 0);
    const auto before = snapshot(site);
    const std::string dead = std::to_string(dead_pid());
    fs::rename(site, tmp.path / (".site.old." + dead));
    spit(tmp.path / (".site.new." + dead) / "index.html", "<h1>half");
    const RunResult r = run_careboard("build --quiet --build-date 2025-02-31 --config '" + kConfig + "' --out '" + site.string() + "'");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("[E009]"), std::string::npos) << r.err;
    EXPECT_TRUE(snapshot(site) == before);
    std::vector<std::string> beside;
    for (const auto& e : fs::directory_iterator(tmp.path)) beside.push_back(e.path().filename().string());
    std::sort(beside.begin(), beside.end());
    EXPECT_EQ(beside, (std::vector<std::string>{".site.lock", "site"}));
}

// The same for `report`, into its default folder _report.
TEST(Publish, FailedReportPutsBackAReportAStoppedReportHadMovedAside) {
    TempDir tmp("publish-report-putback");
    const std::string report = "report --no-pdf --quiet --build-date 2025-05-01 --config '" + kConfig + "'";
    ASSERT_EQ(run_careboard(report, tmp.path).exit_code, 0);
    const auto before = snapshot(tmp.path / "_report");
    ASSERT_TRUE(before && before->count("report.html"));
    const std::string kept = "._report.old." + std::to_string(dead_pid());
    fs::rename(tmp.path / "_report", tmp.path / kept);
    const RunResult r = run_careboard(report + " --year 1999-00", tmp.path);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("[E801]"), std::string::npos) << r.err;
    EXPECT_TRUE(snapshot(tmp.path / "_report") == before);
    EXPECT_FALSE(fs::exists(tmp.path / kept));
    for (const auto& e : fs::directory_iterator(tmp.path))
        EXPECT_TRUE(e.path().filename() == "_report" || e.path().filename() == "._report.lock") << e.path();
}

// A mistaken --out naming someone's folder: refused (E504) before anything is written, beside it
// as well as in it.
TEST(Publish, RefusesAFolderItDidNotWriteAndWritesNothingBesideIt) {
    TempDir tmp("publish-foreign");
    spit(tmp.path / "documents/notes.txt", "keep me");
    FaultyDisk disk;
    Diagnostics d;
    EXPECT_FALSE(publish_site(site_edition("2025"), (tmp.path / "documents").string(), d, disk, durable()));
    EXPECT_EQ(messages(d), (tmp.path / "documents").string() +
                               ": error: the output folder exists and was not written by careboard; choose an empty or new "
                               "folder [E504]\n");
    EXPECT_TRUE(snapshot(tmp.path) == (Snapshot{{"documents/", ""}, {"documents/notes.txt", "keep me"}}));
    EXPECT_TRUE(std::none_of(disk.log.begin(), disk.log.end(), [](const std::string& l) {
        return l.starts_with("try_lock") || l.starts_with("make_dir") || l.starts_with("write_file");
    }));
}

// --- two builds at once ------------------------------------------------------------------------

TEST(Publish, WaitsForAnotherBuildHoldingTheLockThenPublishes) {
    Folder f(site_scenario(true));
    f.reset();
    Disk::LockAttempt other = real_disk().try_lock((f.parent / ".site.lock").string());
    ASSERT_TRUE(other.lock);
    std::atomic<bool> waiting{false};
    std::string said;
    bool ok = false;
    Diagnostics d;
    std::thread second([&] {
        PublishOptions o = quick();
        o.lock_wait = std::chrono::seconds(30);
        o.on_wait = [&](const std::string& message) {
            said = message;
            waiting = true;
        };
        ok = publish_site(site_edition("2025"), f.out.string(), d, real_disk(), o);
    });
    for (int i = 0; i < 500 && !waiting; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_TRUE(waiting);
    EXPECT_TRUE(snapshot(f.out) == f.before);  // nothing written while it waits
    EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
    other.lock.reset();
    second.join();
    EXPECT_TRUE(ok) << messages(d);
    EXPECT_EQ(said, "another careboard (process " + std::to_string(::getpid()) + ") is writing " + f.out.string() +
                        "; waiting for it to finish");
    EXPECT_TRUE(snapshot(f.out) == f.after);
    EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
}

TEST(Publish, GivesUpWithE506WhenTheLockIsHeldTooLong) {
    Folder f(site_scenario(true));
    f.reset();
    Disk::LockAttempt other = real_disk().try_lock((f.parent / ".site.lock").string());
    ASSERT_TRUE(other.lock);
    PublishOptions o = quick();
    o.lock_wait = std::chrono::milliseconds(300);
    Diagnostics d;
    const auto started = std::chrono::steady_clock::now();
    EXPECT_FALSE(publish_site(site_edition("2025"), f.out.string(), d, real_disk(), o));
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(300));
    EXPECT_EQ(messages(d), f.out.string() + ": error: another careboard (process " + std::to_string(::getpid()) +
                               ") is writing this folder and has not finished after 0.3 s (it holds " +
                               (f.parent / ".site.lock").string() + "); the previous site is unchanged [E506]\n");
    EXPECT_TRUE(snapshot(f.out) == f.before);
    EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
}

// Another process holds the lock for a second: `careboard build` says it waits, then builds.
TEST(Publish, BuildWaitsWhileAnotherProcessHoldsTheLock) {
    TempDir tmp("publish-process-lock");
    const fs::path site = tmp.path / "site";
    ASSERT_EQ(build_demo(site).exit_code, 0);
    spit(site / "index.html", "an edition the next build replaces");
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t holder = ::fork();
    if (holder == 0) {
        const int fd = ::open((tmp.path / ".site.lock").c_str(), O_RDWR | O_CREAT, 0666);
        if (fd < 0 || ::flock(fd, LOCK_EX) != 0 || ::ftruncate(fd, 0) != 0) ::_exit(1);
        const std::string pid = std::to_string(::getpid()) + "\n";
        if (::write(fd, pid.data(), pid.size()) != ssize_t(pid.size()) || ::write(ready[1], "x", 1) != 1) ::_exit(1);
        // Held until the build says it is waiting (however slow the machine or a sanitizer
        // build is to get there), then a second more; at most 50 s (the build waits 60).
        const fs::path err = fs::temp_directory_path() / ("careboard-run-" + std::to_string(::getppid())) / "err";
        for (int i = 0; i < 1000 && slurp(err).find("waiting for it to finish") == std::string::npos; ++i)
            ::usleep(50 * 1000);
        ::usleep(1000 * 1000);
        ::_exit(0);  // the system releases the lock
    }
    char byte = 0;
    ASSERT_EQ(::read(ready[0], &byte, 1), 1);
    ::close(ready[0]);
    ::close(ready[1]);
    const auto started = std::chrono::steady_clock::now();
    const RunResult r = run_careboard("build --build-date 2025-05-01 --config '" + kConfig + "' --out '" + site.string() + "'");
    const auto waited = std::chrono::steady_clock::now() - started;
    int status = 0;
    ::waitpid(holder, &status, 0);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("careboard: another careboard (process " + std::to_string(holder) + ") is writing " + site.string() +
                         "; waiting for it to finish\n"),
              std::string::npos)
        << r.err;
    EXPECT_GE(waited, std::chrono::milliseconds(1000));
    EXPECT_NE(slurp(site / "index.html"), "an edition the next build replaces");
    EXPECT_TRUE(fs::exists(site / kSiteMarker));
}

// Two real builds into one folder at the same moment: both succeed (one after the other), and
// the folder is one whole site with nothing beside it.
TEST(Publish, TwoBuildsAtOnceBothSucceedAndLeaveOneWholeSite) {
    TempDir tmp("publish-two-builds");
    ASSERT_EQ(build_demo(tmp.path / "reference").exit_code, 0);
    const auto reference = snapshot(tmp.path / "reference");
    const fs::path site = tmp.path / "out" / "site";
    for (int round = 0; round < 2; ++round) {
        std::string command;
        for (const char* who : {"a", "b"})
            command += "( '" CAREBOARD_BINARY "' build --quiet --build-date 2025-05-01 --config '" + kConfig + "' --out '" +
                       site.string() + "' >/dev/null 2>'" + (tmp.path / who).string() + ".err'; echo $? >'" +
                       (tmp.path / who).string() + ".rc' ) & ";
        command += "wait";
        ASSERT_EQ(std::system(command.c_str()), 0);
        for (const char* who : {"a", "b"}) {
            EXPECT_EQ(slurp(tmp.path / (std::string(who) + ".rc")), "0\n") << slurp(tmp.path / (std::string(who) + ".err"));
        }
        EXPECT_TRUE(snapshot(site) == reference);
        std::vector<std::string> beside;
        for (const auto& e : fs::directory_iterator(site.parent_path())) beside.push_back(e.path().filename().string());
        std::sort(beside.begin(), beside.end());
        EXPECT_EQ(beside, (std::vector<std::string>{".site.lock", "site"}));
    }
}

// --- a symlinked output folder -----------------------------------------------------------------

TEST(Publish, SymlinkedOutputStaysALinkAndTheFolderItNamesIsReplaced) {
    TempDir tmp("publish-symlink");
    fs::create_directories(tmp.path / "www");
    fs::create_directories(tmp.path / "sites");
    Diagnostics d;
    ASSERT_TRUE(publish_site(site_edition("2024"), (tmp.path / "sites/2025").string(), d, real_disk(), quick()));
    fs::create_directory_symlink("../sites/2025", tmp.path / "www/current");
    for (const std::string out : {"www/current", "www/current/"}) {
        ASSERT_TRUE(publish_site(site_edition("2025"), (tmp.path / out).string(), d, real_disk(), quick())) << messages(d);
        EXPECT_TRUE(fs::is_symlink(tmp.path / "www/current"));
        EXPECT_EQ(fs::read_symlink(tmp.path / "www/current"), "../sites/2025");
        EXPECT_TRUE(snapshot(tmp.path / "sites/2025") == published(site_edition("2025")));
        std::vector<std::string> www, sites;
        for (const auto& e : fs::directory_iterator(tmp.path / "www")) www.push_back(e.path().filename().string());
        for (const auto& e : fs::directory_iterator(tmp.path / "sites")) sites.push_back(e.path().filename().string());
        std::sort(sites.begin(), sites.end());
        EXPECT_EQ(www, std::vector<std::string>{"current"});
        EXPECT_EQ(sites, (std::vector<std::string>{".2025.lock", "2025"}));
    }
}

TEST(Publish, SymlinkToAMissingFolderMakesTheFolderWhereItPoints) {
    TempDir tmp("publish-dangling");
    fs::create_directory_symlink("sites/2025", tmp.path / "current");
    Diagnostics d;
    ASSERT_TRUE(publish_site(site_edition("2025"), (tmp.path / "current").string(), d, real_disk(), quick())) << messages(d);
    EXPECT_TRUE(fs::is_symlink(tmp.path / "current"));
    EXPECT_TRUE(snapshot(tmp.path / "sites/2025") == published(site_edition("2025")));
}

TEST(Publish, KillAtEveryStepThroughASymlinkKeepsTheLink) {
    Folder f(site_scenario(true));
    const fs::path link = f.tmp.path / "current";
    fs::create_directory_symlink("www/site", link);
    f.reset();
    FaultyDisk counting;
    Diagnostics c;
    ASSERT_TRUE(publish_site(f.sc.next, link.string(), c, counting, durable())) << messages(c);
    const int total = counting.steps;
    ASSERT_GT(total, 25);
    for (int n = 1; n <= total; ++n) {
        SCOPED_TRACE("killed at step " + std::to_string(n));
        f.reset();
        FaultyDisk disk(Fault::kill, n);
        Diagnostics d;
        EXPECT_THROW(publish_site(f.sc.next, link.string(), d, disk, durable()), SimulatedKill);
        EXPECT_TRUE(fs::is_symlink(link));
        expect_whole_site_now(f);
        EXPECT_TRUE(recover_output(link.string(), d)) << messages(d);
        EXPECT_TRUE(publish_site(f.sc.next, link.string(), d, real_disk(), quick())) << messages(d);
        EXPECT_TRUE(fs::is_symlink(link));
        EXPECT_TRUE(snapshot(f.out) == f.after);
        EXPECT_EQ(f.leftovers(), std::vector<std::string>{});
    }
}

TEST(Publish, BuildIntoASymlinkedOutKeepsTheSymlink) {
    TempDir tmp("publish-build-symlink");
    fs::create_directory_symlink("real-site", tmp.path / "site");
    ASSERT_EQ(build_demo(tmp.path / "site").exit_code, 0);
    ASSERT_EQ(build_demo(tmp.path / "site").exit_code, 0);  // the second replaces the first
    EXPECT_TRUE(fs::is_symlink(tmp.path / "site"));
    EXPECT_EQ(fs::read_symlink(tmp.path / "site"), "real-site");
    EXPECT_TRUE(fs::exists(tmp.path / "real-site/index.html"));
    EXPECT_TRUE(fs::exists(tmp.path / "real-site" / kSiteMarker));
}

// --- durability --------------------------------------------------------------------------------

// The new site is flushed to the disk before the swap, so that a power cut after it cannot leave
// empty files in the site, and the parent folder after it, so that the swap stays: with one
// syncfs where the system has it, else with an fsync of every file and then every folder.
TEST(Publish, FlushesTheNewSiteBeforeTheSwapAndTheParentAfter) {
    for (const bool syncfs : {true, false}) {
        SCOPED_TRACE(syncfs ? "syncfs" : "fsync of each file");
        Folder f(site_scenario(true));
        f.reset();
        FaultyDisk disk;
        disk.syncfs_supported = syncfs;
        Diagnostics d;
        ASSERT_TRUE(publish_site(f.sc.next, f.out.string(), d, disk, PublishOptions{})) << messages(d);
        const auto at = [&](const std::string& line) {
            return std::find(disk.log.begin(), disk.log.end(), line) - disk.log.begin();
        };
        const auto end = std::ptrdiff_t(disk.log.size());
        const std::string staging = (f.parent / (".site.new." + std::to_string(::getpid()))).string();
        const auto swap = at("exchange " + staging + " " + f.out.string());
        ASSERT_LT(swap, end);
        const auto all = at("sync_file_system " + staging);
        ASSERT_LT(all, swap);
        for (const auto& [path, content] : published(f.sc.next)) {
            const bool folder = path.ends_with('/');
            if (!folder) {
                EXPECT_LT(at("write_file " + staging + "/" + path), all) << path;
            }
            const std::string line = folder ? "sync_dir " + staging + "/" + path.substr(0, path.size() - 1)
                                            : "sync_file " + staging + "/" + path;
            if (syncfs) {
                EXPECT_EQ(at(line), end) << line;  // one flush is enough
            } else {
                EXPECT_GT(at(line), all) << line;
                EXPECT_LT(at(line), swap) << line;
            }
        }
        if (syncfs) {
            EXPECT_EQ(at("sync_dir " + staging), end);
        } else {
            EXPECT_LT(at("sync_dir " + staging), swap);
        }
        EXPECT_GT(at("sync_dir " + f.parent.string()), swap);
        EXPECT_LT(at("sync_dir " + f.parent.string()), end);
        // The mark is written after every other file: a folder with the mark holds them all.
        const auto mark = at("write_file " + staging + "/" + kSiteMarker);
        for (const auto& [path, content] : f.sc.next) EXPECT_LT(at("write_file " + staging + "/" + path), mark) << path;
        EXPECT_TRUE(snapshot(f.out) == f.after);
    }
}

TEST(Publish, ScratchFoldersAreNotFlushed) {
    Folder f(site_scenario(true));
    f.reset();
    FaultyDisk disk;
    Diagnostics d;
    ASSERT_TRUE(publish_site(f.sc.next, f.out.string(), d, disk, quick()));
    EXPECT_TRUE(std::none_of(disk.log.begin(), disk.log.end(), [](const std::string& l) { return l.starts_with("sync_"); }));
    EXPECT_TRUE(snapshot(f.out) == f.after);
}
