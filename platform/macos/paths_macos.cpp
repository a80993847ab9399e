// Where Clockout keeps its files on macOS: Apple's folders rather than XDG's, as a Mac user expects.
#include "../posix/posix_util.h"
#include "platform/paths.h"

namespace clockout::platform {

namespace fs = std::filesystem;

Paths default_paths(std::string& error) {
    Paths paths;
    fs::path home = posix::home_dir();
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
    std::string name = posix::raw_host_name();
    if (name.empty())
        return "this-device";
    // "Camilles-MacBook.local": the Bonjour suffix says nothing about the device.
    if (name.size() > 6 && name.compare(name.size() - 6, 6, ".local") == 0)
        name.resize(name.size() - 6);
    return name;
}

}  // namespace clockout::platform
