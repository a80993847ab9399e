// Facts about the running program and its session that the agent asks the OS for.
#pragma once

#include <filesystem>

namespace clockout::platform {

/// The absolute path of the running executable, or an empty path when the OS cannot tell.
std::filesystem::path executable_path();

/// True when a graphical session is reachable (X11 or Wayland on Linux; always on Windows and macOS).
bool has_display();

/// Past a file size limit (ulimit -f), a write should fail with an error the caller handles, not kill the process
/// (SIGXFSZ on POSIX). Call once at start; no-op where the OS has no such signal.
void survive_file_size_limit();

}  // namespace clockout::platform
