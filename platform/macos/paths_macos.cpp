// Where Clockout keeps its files on macOS: Apple's folders rather than XDG's, as a Mac user expects.
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "platform/paths.h"

namespace clockout::platform {

namespace fs = std::filesystem;

namespace {

fs::path home_dir() {
    if (const char* home = std::getenv("HOME"); home && *home == '/')
        return home;
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir && *pw->pw_dir)
        return pw->pw_dir;
    return {};
}

}  // namespace

Paths default_paths(std::string& error) {
    Paths paths;
    fs::path home = home_dir();
    if (home.empty()) {
        error = "no home folder: HOME is unset and the user has none; fix: set HOME, or pass --data-dir and --config";
        return paths;
    }
    fs::path support = home / "Library" / "Application Support" / "Clockout";
    paths.data_dir = support;
    paths.config_dir = support;
    paths.state_dir = home / "Library" / "Logs" / "Clockout";
    paths.runtime_dir = support / "run";
    // An employer's charter, installed by a management profile or an admin.
    paths.system_config_files.push_back("/Library/Application Support/Clockout/defaults.toml");
    return paths;
}

std::string host_name() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0')
        return "this-device";
    std::string name = buf;
    // "Camilles-MacBook.local": the Bonjour suffix says nothing about the device.
    if (name.size() > 6 && name.compare(name.size() - 6, 6, ".local") == 0)
        name.resize(name.size() - 6);
    return name;
}

std::string make_private_dir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return dir.string() + ": cannot create the folder (" + ec.message() + "); fix: check its parent's permissions";
    if (::chmod(dir.c_str(), 0700) != 0)
        return dir.string() + ": cannot make the folder private (" + std::strerror(errno) + "); fix: check who owns it";
    return "";
}

}  // namespace clockout::platform
