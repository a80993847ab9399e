#include "posix_util.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace clockout::platform::posix {

std::filesystem::path home_dir() {
    if (const char* home = std::getenv("HOME"); home && *home == '/')
        return home;
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir && *pw->pw_dir)
        return pw->pw_dir;
    return {};
}

std::string raw_host_name() {
    char buf[256] = {};  // POSIX caps host names at 255 bytes (HOST_NAME_MAX is 64 on Linux, 255 on macOS)
    if (gethostname(buf, sizeof buf - 1) != 0)
        return "";
    return buf;
}

}  // namespace clockout::platform::posix
