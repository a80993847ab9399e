// Whether the command line talks to a person. GetConsoleMode succeeds only on a real console; _isatty would also say
// yes for NUL (a character device), so "clockout purge < NUL" would be taken for a terminal.
#include <windows.h>

#include "platform/terminal.h"

namespace clockout::platform {

namespace {

bool is_console(DWORD which) {
    HANDLE handle = GetStdHandle(which);
    DWORD mode = 0;
    return handle != nullptr && handle != INVALID_HANDLE_VALUE && GetConsoleMode(handle, &mode) != 0;
}

}  // namespace

bool stdin_is_terminal() {
    return is_console(STD_INPUT_HANDLE);
}

bool stdout_is_terminal() {
    return is_console(STD_OUTPUT_HANDLE);
}

}  // namespace clockout::platform
