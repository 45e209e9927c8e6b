#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "publish/disk.hpp"

namespace careboard {

namespace {

std::error_code last_error() { return {errno, std::generic_category()}; }

// Retries a system call interrupted by a signal.
template <typename Call>
auto retry(Call call) {
    auto result = call();
    while (result < 0 && errno == EINTR) result = call();
    return result;
}

class FileLock final : public Disk::Lock {
public:
    FileLock(int fd, bool writable) : fd_(fd), writable_(writable) {}
    ~FileLock() override {
        // The holder's process id goes with the lock (a killed holder's stays until the next
        // build writes its own). Closing the file releases the flock.
        if (writable_ && ::ftruncate(fd_, 0) != 0) {
            // left as it is: the next holder writes its own
        }
        ::close(fd_);
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int fd_;
    bool writable_;
};

std::error_code sync_path(const std::string& path, int flags) {
    const int fd = retry([&] { return ::open(path.c_str(), flags | O_CLOEXEC); });
    if (fd < 0) return last_error();
    std::error_code ec;
    if (retry([&] { return ::fsync(fd); }) < 0) ec = last_error();
    ::close(fd);
    return ec;
}

class RealDisk final : public Disk {
public:
    std::error_code stat(const std::string& path, FileKind& kind) override {
        struct stat st {};
        if (::lstat(path.c_str(), &st) < 0) {
            if (errno == ENOENT || errno == ENOTDIR) {
                kind = FileKind::missing;
                return {};
            }
            return last_error();
        }
        kind = S_ISREG(st.st_mode)   ? FileKind::file
               : S_ISDIR(st.st_mode) ? FileKind::directory
               : S_ISLNK(st.st_mode) ? FileKind::symlink
                                     : FileKind::other;
        return {};
    }

    std::error_code list_dir(const std::string& path, std::vector<std::string>& names) override {
        names.clear();
        DIR* dir = ::opendir(path.c_str());
        if (!dir) return last_error();
        errno = 0;
        while (const dirent* entry = ::readdir(dir)) {
            const std::string name = entry->d_name;
            if (name != "." && name != "..") names.push_back(name);
            errno = 0;
        }
        const std::error_code ec = errno ? last_error() : std::error_code();
        ::closedir(dir);
        std::sort(names.begin(), names.end());
        return ec;
    }

    std::error_code read_link(const std::string& path, std::string& target) override {
        std::string buffer(PATH_MAX, '\0');
        const ssize_t n = ::readlink(path.c_str(), buffer.data(), buffer.size());
        if (n < 0) return last_error();
        buffer.resize(static_cast<std::size_t>(n));
        target = buffer;
        return {};
    }

    std::error_code real_path(const std::string& path, std::string& resolved) override {
        char* result = ::realpath(path.c_str(), nullptr);
        if (!result) return last_error();
        resolved = result;
        std::free(result);
        return {};
    }

    std::error_code make_dir(const std::string& path) override {
        return ::mkdir(path.c_str(), 0777) < 0 ? last_error() : std::error_code();
    }

    std::error_code write_file(const std::string& path, const std::string& content) override {
        const int fd = retry([&] { return ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666); });
        if (fd < 0) return last_error();
        std::size_t done = 0;
        while (done < content.size()) {
            const ssize_t n = retry([&] { return ::write(fd, content.data() + done, content.size() - done); });
            if (n < 0) {
                const std::error_code ec = last_error();
                ::close(fd);
                return ec;
            }
            done += static_cast<std::size_t>(n);
        }
        // close() can report a failed write on some file systems (NFS).
        return ::close(fd) < 0 ? last_error() : std::error_code();
    }

    std::error_code sync_file(const std::string& path) override { return sync_path(path, O_RDONLY | O_NOFOLLOW); }
    std::error_code sync_dir(const std::string& path) override { return sync_path(path, O_RDONLY | O_DIRECTORY); }

    std::error_code sync_file_system(const std::string& path) override {
#if defined(__linux__)
        const int fd = retry([&] { return ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); });
        if (fd < 0) return last_error();
        std::error_code ec;
        if (::syncfs(fd) < 0) ec = last_error();  // write errors are reported since Linux 5.8
        ::close(fd);
        return ec;
#else
        (void)path;
        return std::make_error_code(std::errc::operation_not_supported);
#endif
    }

    std::error_code rename(const std::string& from, const std::string& to) override {
        return ::rename(from.c_str(), to.c_str()) < 0 ? last_error() : std::error_code();
    }

    std::error_code exchange(const std::string& a, const std::string& b) override {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
        if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return {};
        // EINVAL: the file system has no exchange (FAT, some network and FUSE file systems);
        // ENOSYS: the kernel is older than 3.15.
        if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)
            return std::make_error_code(std::errc::operation_not_supported);
        return last_error();
#else
        (void)a;
        (void)b;
        return std::make_error_code(std::errc::operation_not_supported);
#endif
    }

    std::error_code remove_file(const std::string& path) override {
        return ::unlink(path.c_str()) < 0 ? last_error() : std::error_code();
    }
    std::error_code remove_dir(const std::string& path) override {
        return ::rmdir(path.c_str()) < 0 ? last_error() : std::error_code();
    }

    LockAttempt try_lock(const std::string& path) override {
        LockAttempt attempt;
        int fd = retry([&] { return ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666); });
        // Another user's lock file: a read-only descriptor can be locked as well.
        const bool writable = fd >= 0;
        if (fd < 0 && errno == EACCES) fd = retry([&] { return ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC); });
        if (fd < 0) {
            attempt.error = last_error();
            return attempt;
        }
        if (retry([&] { return ::flock(fd, LOCK_EX | LOCK_NB); }) < 0) {
            if (errno == EWOULDBLOCK) {
                char text[32] = {};
                if (::pread(fd, text, sizeof text - 1, 0) > 0) attempt.holder = std::strtol(text, nullptr, 10);
                ::close(fd);
                return attempt;
            }
            // A file system without locks (some FUSE mounts): publish unlocked rather than not at all.
            if (errno != ENOLCK && errno != EOPNOTSUPP && errno != ENOSYS) {
                attempt.error = last_error();
                ::close(fd);
                return attempt;
            }
        }
        // The holder's process id, for the message of a build that finds the folder locked.
        const std::string pid = std::to_string(static_cast<long>(::getpid())) + "\n";
        if (writable && ::ftruncate(fd, 0) == 0) {
            [[maybe_unused]] const ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
        }
        attempt.lock = std::make_unique<FileLock>(fd, writable);
        return attempt;
    }
};

}  // namespace

Disk& real_disk() {
    static RealDisk disk;
    return disk;
}

}  // namespace careboard
