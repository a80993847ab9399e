// What the POSIX systems (Linux, macOS) share below their own conventions; private to platform/.
#pragma once

#include <filesystem>
#include <string>

namespace clockout::platform::posix {

/// $HOME when it is absolute, else the password database's home folder, else an empty path.
std::filesystem::path home_dir();

/// gethostname(), or "" when it fails.
std::string raw_host_name();

}  // namespace clockout::platform::posix
