// The running program and its session on macOS.
#include <mach-o/dyld.h>

#include <cstdint>
#include <system_error>
#include <vector>

#include "platform/process.h"

namespace clockout::platform {

std::filesystem::path executable_path() {
    std::uint32_t size = 0;
    _NSGetExecutablePath(nullptr, &size);  // asks for the size the name needs
    std::vector<char> buf(size + 1, '\0');
    if (_NSGetExecutablePath(buf.data(), &size) != 0)
        return {};
    std::error_code ec;
    auto resolved = std::filesystem::canonical(buf.data(), ec);  // the name may go through a symlink
    return ec ? std::filesystem::path(buf.data()) : resolved;
}

bool has_display() {
    return true;  // a logged-in macOS session always has its window server
}

std::string set_app_identity(const std::string&) {
    return "";  // the bundle identifier does this
}

}  // namespace clockout::platform
