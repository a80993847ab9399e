// What every OS's files implementation (posix/files_posix.cpp, windows/files_win32.cpp) shares; private to platform/.
#pragma once

#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <system_error>

namespace clockout::platform::files {

/// Gives the OS's bare reason to a caller that asked for it (make_private_dir's `reason`).
inline void set_reason(std::string* reason, const std::string& why) {
    if (reason)
        *reason = why;
}

/// The folder a file is created in ("." for a bare name).
inline std::filesystem::path folder_of(const std::filesystem::path& file) {
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

/// A fresh name beside `file` (".settings.toml.tmp-<random>"), so the rename over it stays on one file system.
inline std::filesystem::path temporary_beside(const std::filesystem::path& file) {
    std::random_device random;
    std::filesystem::path name = ".";
    name += file.filename();
    name += ".tmp-" + std::to_string(random()) + std::to_string(random());
    return folder_of(file) / name;
}

/// make_private_dir's first step on every OS: "" when `dir` is already a folder (it keeps its permissions), an error
/// when a file stands there, nullopt when it is missing and must be created. `shown` is `dir` as the user reads it.
inline std::optional<std::string> existing_folder(const std::filesystem::path& dir, const std::string& shown,
                                                  std::string* reason) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec))
        return std::nullopt;
    if (std::filesystem::is_directory(dir, ec))
        return std::string();
    set_reason(reason, "not a folder");
    return shown + ": not a folder; fix: remove or rename that file, or choose another folder";
}

}  // namespace clockout::platform::files
