// XDG base directories (also used on other Unix-likes without their own conventions).
#include "platform/paths.h"

#include <cstdlib>

#include "../posix/posix_util.h"

namespace clockout::platform {

namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

// XDG says relative values are invalid and must be ignored.
fs::path xdg_dir(const char* variable, const fs::path& home, const char* fallback) {
    std::string value = env(variable);
    if (!value.empty() && value.front() == '/')
        return fs::path(value);
    return home / fallback;
}

}  // namespace

Paths default_paths(std::string& error) {
    Paths paths;
    fs::path home = posix::home_dir();
    bool xdg_complete =
        !env("XDG_DATA_HOME").empty() && !env("XDG_CONFIG_HOME").empty() && !env("XDG_STATE_HOME").empty();
    if (home.empty() && !xdg_complete) {
        error =
            "no home folder: HOME is unset and the user has none in the password database; fix: set HOME, or "
            "pass --data-dir and --config";
        return paths;
    }
    paths.data_dir = xdg_dir("XDG_DATA_HOME", home, ".local/share") / "clockout";
    paths.config_dir = xdg_dir("XDG_CONFIG_HOME", home, ".config") / "clockout";
    paths.state_dir = xdg_dir("XDG_STATE_HOME", home, ".local/state") / "clockout";
    std::string runtime = env("XDG_RUNTIME_DIR");
    paths.runtime_dir =
        (!runtime.empty() && runtime.front() == '/') ? fs::path(runtime) / "clockout" : paths.state_dir / "run";
    // XDG_CONFIG_DIRS lists the most important first; we want the least important first.
    std::string dirs = env("XDG_CONFIG_DIRS");
    if (dirs.empty())
        dirs = "/etc/xdg";
    std::vector<fs::path> found;
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos)
            end = dirs.size();
        std::string item = dirs.substr(start, end - start);
        if (!item.empty() && item.front() == '/')
            found.push_back(fs::path(item) / "clockout" / "defaults.toml");
        start = end + 1;
    }
    paths.system_config_files.assign(found.rbegin(), found.rend());
    return paths;
}

std::string host_name() {
    std::string name = posix::raw_host_name();
    return name.empty() ? "this-device" : name;
}

}  // namespace clockout::platform
