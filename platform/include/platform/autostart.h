// Start at login (DESIGN.md section 7): an XDG autostart file on Linux, the HKCU Run value on Windows, a LaunchAgent
// on macOS. The settings dialog and the first-run setup toggle it; nothing else in the agent knows where it lives.
#pragma once

#include <string>

namespace clockout::platform {

/// True when this user's session starts Clockout at login (the autostart entry exists and is not disabled).
bool autostart_enabled();

/// Creates (with `executable`, best an absolute path, as the program to start) or removes the entry; returns "" or a
/// one-line error naming the file and the fix.
std::string set_autostart(bool enabled, const std::string& executable);

}  // namespace clockout::platform
