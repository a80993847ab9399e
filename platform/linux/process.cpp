// The running program and its session on Linux.
#include <cstdlib>
#include <system_error>

#include "platform/process.h"

namespace clockout::platform {

std::filesystem::path executable_path() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{} : exe;
}

bool has_display() {
    const char* x = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (wayland && *wayland);
}

std::string set_app_identity(const std::string&) {
    return "";  // the desktop entry's name (org.clockout.Clockout.desktop) and the notifications' app name do this
}

}  // namespace clockout::platform
