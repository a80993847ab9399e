// Facts about the running program and its session that the agent asks the OS for.
#pragma once

#include <filesystem>
#include <string>

namespace clockout::platform {

/// The absolute path of the running executable, or an empty path when the OS cannot tell.
std::filesystem::path executable_path();

/// True when a graphical session is reachable (X11 or Wayland on Linux; always on Windows and macOS).
bool has_display();

/// Past a file size limit (ulimit -f), a write should fail with an error the caller handles, not kill the process
/// (SIGXFSZ on POSIX). Call once at start; no-op where the OS has no such signal.
void survive_file_size_limit();

/// Names the program to the desktop as `app_id` (org.clockout.Clockout), so that its notifications and taskbar
/// buttons are grouped under that name. Windows: the process's AppUserModelID, and the same id on the Start-menu
/// shortcut the installer made (`Clockout.lnk`, when it starts this program), where Windows looks for it before it
/// shows a toast. Elsewhere nothing to do. Returns "" or what could not be done, for the log.
std::string set_app_identity(const std::string& app_id);

}  // namespace clockout::platform
