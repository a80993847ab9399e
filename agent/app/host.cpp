#include "app/host.h"

#include "platform/files.h"
#include "platform/process.h"
#include "platform/terminal.h"

namespace clockout::app {

bool stdin_is_terminal() {
    return platform::stdin_is_terminal();
}

bool use_caller_console(bool has_arguments) {
    return platform::use_caller_console(has_arguments);
}

std::string mode_text(const std::filesystem::path& path) {
    return platform::mode_text(path);
}

void survive_file_size_limit() {
    platform::survive_file_size_limit();
}

}  // namespace clockout::app
