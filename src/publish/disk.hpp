#pragma once
// Every file system operation that publishing does, behind one small interface (as ninja's
// DiskInterface), so that tests can make any one of them fail, or stop the sequence there as a
// kill would, and check what is left on disk.
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace careboard {

// What is at a path, without following a symbolic link there.
enum class FileKind { missing, file, directory, symlink, other };

class Disk {
public:
    virtual ~Disk() = default;

    // An exclusive lock, held until destroyed. The system releases it too when the process ends
    // in any way, so a killed build never leaves a lock behind.
    class Lock {
    public:
        virtual ~Lock() = default;
    };
    struct LockAttempt {
        std::unique_ptr<Lock> lock;  // set when the lock was taken
        std::error_code error;       // set when the lock file cannot be opened or locked
        long holder = 0;             // when neither is set (busy): the holder's process id, 0 if unknown
    };

    // lstat: a missing path is FileKind::missing, not an error.
    virtual std::error_code stat(const std::string& path, FileKind& kind) = 0;
    // The names in a folder (without . and ..), sorted.
    virtual std::error_code list_dir(const std::string& path, std::vector<std::string>& names) = 0;
    virtual std::error_code read_link(const std::string& path, std::string& target) = 0;
    // The path with every symbolic link and . or .. resolved (realpath); the path must exist.
    virtual std::error_code real_path(const std::string& path, std::string& resolved) = 0;
    // One new folder; its parent must exist.
    virtual std::error_code make_dir(const std::string& path) = 0;
    // Creates or truncates the file and writes `content`; not flushed (see sync_file).
    virtual std::error_code write_file(const std::string& path, const std::string& content) = 0;
    // fsync: the file's bytes, or a folder's entries, are on the disk when this returns.
    virtual std::error_code sync_file(const std::string& path) = 0;
    virtual std::error_code sync_dir(const std::string& path) = 0;
    // syncfs: every file and folder of the file system holding `path`, in one flush (much faster
    // than one fsync per file). std::errc::operation_not_supported where the system cannot.
    virtual std::error_code sync_file_system(const std::string& path) = 0;
    // rename(2): atomic; `to`, if it exists, is replaced (an empty folder by a folder).
    virtual std::error_code rename(const std::string& from, const std::string& to) = 0;
    // Swaps two existing paths in one atomic step (Linux renameat2 RENAME_EXCHANGE). Returns
    // std::errc::operation_not_supported where the system or the file system cannot.
    virtual std::error_code exchange(const std::string& a, const std::string& b) = 0;
    // unlink(2) of a file or a symbolic link; rmdir(2) of an empty folder.
    virtual std::error_code remove_file(const std::string& path) = 0;
    virtual std::error_code remove_dir(const std::string& path) = 0;
    // Tries once, without waiting, to lock the file `path` (created if missing).
    virtual LockAttempt try_lock(const std::string& path) = 0;
};

// The real file system (POSIX, with Linux's renameat2 and syncfs where there are; flock for locks).
Disk& real_disk();

}  // namespace careboard
