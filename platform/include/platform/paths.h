// Where Clockout keeps its files on this OS (DESIGN.md section 3).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "platform/files.h"  // how the folders below are created (make_private_dir)

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

}  // namespace clockout::platform
