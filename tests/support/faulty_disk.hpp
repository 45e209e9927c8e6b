#pragma once
// A Disk for tests: the real file system (in a test's temporary folder), with every operation
// counted, logged, and, at a chosen step N, failed or stopped as a kill would stop the build.
#include <string>
#include <vector>

#include "publish/disk.hpp"

namespace careboard::testing {

// Thrown at the step where the build is "killed". Publishing holds no cleanup in destructors
// (only the lock, which the system releases on a real kill too), so unwinding leaves the disk as
// a kill at that moment would.
struct SimulatedKill {};

class FaultyDisk final : public Disk {
public:
    enum class Fault {
        none,
        fail_once,  // step N returns an I/O error; the steps after it work (a passing fault)
        fail_from,  // step N and every step after it return an I/O error (a disk gone read-only)
        kill,       // the sequence stops at step N: an operation before it is done, N is not (a
                    // file being written at N is left with half its bytes)
    };

    explicit FaultyDisk(Fault fault = Fault::none, int at = 0) : fault_(fault), at_(at) {}

    // Off: exchange() and sync_file_system() answer as a system without renameat2's
    // RENAME_EXCHANGE or without syncfs does.
    bool exchange_supported = true;
    bool syncfs_supported = true;
    int steps = 0;                 // operations so far
    std::vector<std::string> log;  // one line per operation: "rename FROM TO"

    std::error_code stat(const std::string& path, FileKind& kind) override {
        if (std::error_code ec = step("stat " + path)) return ec;
        return real().stat(path, kind);
    }
    std::error_code list_dir(const std::string& path, std::vector<std::string>& names) override {
        if (std::error_code ec = step("list_dir " + path)) return ec;
        return real().list_dir(path, names);
    }
    std::error_code read_link(const std::string& path, std::string& target) override {
        if (std::error_code ec = step("read_link " + path)) return ec;
        return real().read_link(path, target);
    }
    std::error_code real_path(const std::string& path, std::string& resolved) override {
        if (std::error_code ec = step("real_path " + path)) return ec;
        return real().real_path(path, resolved);
    }
    std::error_code make_dir(const std::string& path) override {
        if (std::error_code ec = step("make_dir " + path)) return ec;
        return real().make_dir(path);
    }
    std::error_code write_file(const std::string& path, const std::string& content) override {
        if (std::error_code ec = step("write_file " + path, [&] { real().write_file(path, content.substr(0, content.size() / 2)); }))
            return ec;
        return real().write_file(path, content);
    }
    // Syncs are counted and can fail, but are not passed on: durability cannot be seen from a
    // test, and thousands of fsyncs would only make it slow.
    std::error_code sync_file(const std::string& path) override { return step("sync_file " + path); }
    std::error_code sync_dir(const std::string& path) override { return step("sync_dir " + path); }
    std::error_code sync_file_system(const std::string& path) override {
        if (std::error_code ec = step("sync_file_system " + path)) return ec;
        return syncfs_supported ? std::error_code() : std::make_error_code(std::errc::operation_not_supported);
    }
    std::error_code rename(const std::string& from, const std::string& to) override {
        if (std::error_code ec = step("rename " + from + " " + to)) return ec;
        return real().rename(from, to);
    }
    std::error_code exchange(const std::string& a, const std::string& b) override {
        if (std::error_code ec = step("exchange " + a + " " + b)) return ec;
        if (!exchange_supported) return std::make_error_code(std::errc::operation_not_supported);
        return real().exchange(a, b);
    }
    std::error_code remove_file(const std::string& path) override {
        if (std::error_code ec = step("remove_file " + path)) return ec;
        return real().remove_file(path);
    }
    std::error_code remove_dir(const std::string& path) override {
        if (std::error_code ec = step("remove_dir " + path)) return ec;
        return real().remove_dir(path);
    }
    LockAttempt try_lock(const std::string& path) override {
        LockAttempt attempt;
        if ((attempt.error = step("try_lock " + path))) return attempt;
        return real().try_lock(path);
    }

private:
    static Disk& real() { return real_disk(); }

    template <typename BeforeKill = void (*)()>
    std::error_code step(const std::string& what, BeforeKill before_kill = [] {}) {
        log.push_back(what);
        const int n = ++steps;
        const bool failing = (fault_ == Fault::fail_once && n == at_) || (fault_ == Fault::fail_from && n >= at_);
        if (failing) return std::make_error_code(std::errc::io_error);
        if (fault_ == Fault::kill && n == at_) {
            before_kill();
            throw SimulatedKill{};
        }
        return {};
    }

    Fault fault_;
    int at_;
};

}  // namespace careboard::testing
