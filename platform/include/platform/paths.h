// Where Clockout keeps its files on this OS (DESIGN.md section 3).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace clockout::platform {

struct Paths {
    std::filesystem::path data_dir;     // journal and backups: $XDG_DATA_HOME/clockout
    std::filesystem::path config_dir;   // settings.toml: $XDG_CONFIG_HOME/clockout
    std::filesystem::path state_dir;    // logs: $XDG_STATE_HOME/clockout
    std::filesystem::path runtime_dir;  // the single-instance lock and socket: $XDG_RUNTIME_DIR/clockout
    std::vector<std::filesystem::path> system_config_files;  // the employer's defaults.toml, lowest priority first
};

/// The standard places for this user; `error` gets a one-line reason when no home folder can be found.
Paths default_paths(std::string& error);

/// The host name, used as the default device label.
std::string host_name();

/// Creates `dir` and its parents with owner-only access (0700 on POSIX). Returns "" or a one-line error.
std::string make_private_dir(const std::filesystem::path& dir);

}  // namespace clockout::platform
