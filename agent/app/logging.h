// The agent's log: state changes, backends chosen, errors; never anything the user typed or looked at.
#pragma once

#include <filesystem>

namespace clockout::app {

/// Rotating file log (3 files of 1 MB) at `log_file`; warnings also go to stderr. Falls back to stderr only when the
/// folder cannot be created.
void setup_logging(const std::filesystem::path& log_file);

}  // namespace clockout::app
