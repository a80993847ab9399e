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
#ifndef __APPLE__
// Linux: the environment is the place (LANG and co., read before this is asked); macOS has its own (language_macos.mm).
std::string system_ui_language() {
    return "";
}
#endif

}  // namespace clockout::platform
