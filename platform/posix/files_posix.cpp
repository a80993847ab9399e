// Linux and macOS alike: the private-folder and private-file policy of platform/files.h on POSIX calls.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>
#include <vector>

#include "../common/files_common.h"
#include "platform/files.h"

namespace clockout::platform {

namespace fs = std::filesystem;

namespace {

std::string errno_text() {
    return std::strerror(errno);
}

using files::folder_of;
using files::set_reason;

}  // namespace

std::string make_private_dir(const fs::path& dir, std::string* reason) {
    if (auto existing = files::existing_folder(dir, dir.string(), reason))
        return *existing;
    std::error_code ec;
    // The missing folders, outermost first: each one we create is 0700, the ones already there are not ours to change.
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path())
            break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
            set_reason(reason, errno_text());
            return it->string() + ": cannot create the folder (" + errno_text() +
                   "); fix: check its parent's permissions, or choose another folder";
        }
        // The umask may have taken owner bits away: 0700 exactly.
        if (::chmod(it->c_str(), 0700) != 0) {
            set_reason(reason, errno_text());
            return it->string() + ": cannot make the folder private (" + errno_text() +
                   "); fix: make sure the folder is yours and on a writable disk, or choose another folder";
        }
    }
    return "";
}

std::string create_private_file(const fs::path& file, std::string* reason) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return "";
        set_reason(reason, errno_text());
        return file.string() + ": cannot create the file (" + errno_text() + "); fix: make " +
               folder_of(file).string() + " writable, or choose another folder";
    }
    // 0600 asked above is narrowed by the umask only; an umask cannot widen it, so the file is at most 0600.
    ::close(fd);
    return "";
}

void restrict_to_owner(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        return;
    if ((st.st_mode & 077) != 0)
        ::chmod(file.c_str(), st.st_mode & 07700);
}

std::string write_file_atomically(const fs::path& file, std::string_view contents) {
    const fs::path folder = folder_of(file);
    if (auto error = make_private_dir(folder); !error.empty())
        return error;
    const fs::path temp = files::temporary_beside(file);
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return temp.string() + ": cannot create the file (" + errno_text() + "); fix: make " + folder.string() +
               " writable";
    std::string why;
    const char* data = contents.data();
    std::size_t left = contents.size();
    while (left > 0 && why.empty()) {
        ssize_t written = ::write(fd, data, left);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            why = errno_text();
        else {
            data += written;
            left -= static_cast<std::size_t>(written);
        }
    }
    // On disk before the rename: after a power cut the name points at the whole new file or at the old one.
    if (why.empty() && ::fsync(fd) != 0)
        why = errno_text();
    if (::close(fd) != 0 && why.empty())
        why = errno_text();
    if (why.empty() && ::rename(temp.c_str(), file.c_str()) != 0)
        why = errno_text();
    if (!why.empty()) {
        ::unlink(temp.c_str());
        return file.string() + ": cannot write the file (" + why + "); fix: check that the disk is not full and that " +
               folder.string() + " is writable";
    }
    // The rename itself is durable once the folder's entry is on disk.
    if (int dir_fd = ::open(folder.c_str(), O_RDONLY | O_CLOEXEC); dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return "";
}

std::string mode_text(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return "";
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return buf;
}

bool folder_writable(const fs::path& folder, std::string& why) {
    if (::access(folder.c_str(), W_OK | X_OK) == 0)
        return true;
    why = errno_text();
    return false;
}

}  // namespace clockout::platform
