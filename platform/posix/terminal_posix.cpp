// Linux and macOS alike: isatty.
#include "platform/terminal.h"

#include <unistd.h>

namespace clockout::platform {

bool stdin_is_terminal() {
    return ::isatty(STDIN_FILENO) == 1;
}
bool stdout_is_terminal() {
    return ::isatty(STDOUT_FILENO) == 1;
}
bool use_caller_console(bool) {
    return false;
}
std::string system_ui_language() {
    return "";
}

}  // namespace clockout::platform
