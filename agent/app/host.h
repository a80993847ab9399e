// The few OS facts the CLI needs, asked through app/ (cli/ may not include platform/, DESIGN.md section 1).
#pragma once

#include <filesystem>
#include <string>

namespace clockout::app {

/// True when standard input is an interactive terminal (a confirmation can be asked).
bool stdin_is_terminal();
/// Windows: attaches the GUI program to the console it was started from (platform::use_caller_console).
bool use_caller_console(bool has_arguments);
/// The permission bits of `path` as four octal digits ("0600"), "ACL" on Windows, or "" when it does not exist.
std::string mode_text(const std::filesystem::path& path);
/// Past a file size limit a write fails with an error instead of killing the process (SIGXFSZ on POSIX).
void survive_file_size_limit();

}  // namespace clockout::app
