#include <unistd.h>

#include "platform/terminal.h"

namespace clockout::platform {

bool stdin_is_terminal() {
    return ::isatty(STDIN_FILENO) == 1;
}
bool stdout_is_terminal() {
    return ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace clockout::platform
