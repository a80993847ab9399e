// Whether the command line talks to a person, and the console of a GUI program. GetConsoleMode succeeds only on a real
// console; _isatty would also say yes for NUL (a character device), so "clockout purge < NUL" would be taken for a
// terminal.
#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <cstdio>
#include <cstdlib>
#include <cwchar>

#include "platform/terminal.h"

namespace clockout::platform {

namespace {

// Set by clockout.com (platform/windows/launcher/clockout_com.cpp) to its process id: attach to that console.
constexpr const wchar_t* launcher_variable = L"CLOCKOUT_CONSOLE";

bool is_console(DWORD which) {
    HANDLE handle = GetStdHandle(which);
    DWORD mode = 0;
    return handle != nullptr && handle != INVALID_HANDLE_VALUE && GetConsoleMode(handle, &mode) != 0;
}

// A stream with no handle, or a handle that may be a console (character devices: the console, but also NUL), may
// need the console; a file or a pipe never does.
bool may_need_console(DWORD which) {
    HANDLE handle = GetStdHandle(which);
    if (handle == nullptr || handle == INVALID_HANDLE_VALUE)
        return true;
    DWORD type = GetFileType(handle);
    return type == FILE_TYPE_CHAR || type == FILE_TYPE_UNKNOWN;
}

// Points the C stream and the Win32 standard handle at the console. Only for a stream that had no handle or had the
// console's: NUL stays NUL.
void reopen(DWORD which, FILE* stream, const char* device, const char* mode) {
    HANDLE handle = GetStdHandle(which);
    DWORD console_mode = 0;
    bool none = handle == nullptr || handle == INVALID_HANDLE_VALUE;
    if (!none && GetConsoleMode(handle, &console_mode) == 0)
        return;  // a character device that is not the console (NUL)
    if (std::freopen(device, mode, stream) == nullptr)
        return;
    auto os_handle = reinterpret_cast<HANDLE>(_get_osfhandle(_fileno(stream)));
    if (os_handle != INVALID_HANDLE_VALUE)
        SetStdHandle(which, os_handle);
}

}  // namespace

bool stdin_is_terminal() {
    return is_console(STD_INPUT_HANDLE);
}

bool stdout_is_terminal() {
    return is_console(STD_OUTPUT_HANDLE);
}

bool use_caller_console(bool has_arguments) {
    if (GetConsoleWindow() != nullptr)
        return false;  // a console program, or attached already
    wchar_t text[32] = {};
    DWORD length = GetEnvironmentVariableW(launcher_variable, text, 32);
    DWORD console_of = ATTACH_PARENT_PROCESS;
    if (length > 0 && length < 32) {
        console_of = static_cast<DWORD>(std::wcstoul(text, nullptr, 10));
        SetEnvironmentVariableW(launcher_variable, nullptr);  // not for the programs this one starts
    } else if (!has_arguments) {
        // The tray agent started from a console with no command: it is not the console's (Ctrl+C, closing the window).
        return false;
    }
    bool in = may_need_console(STD_INPUT_HANDLE);
    bool out = may_need_console(STD_OUTPUT_HANDLE);
    bool err = may_need_console(STD_ERROR_HANDLE);
    if (!in && !out && !err)
        return false;  // everything redirected: nothing would reach the console
    if (console_of == 0 || AttachConsole(console_of) == 0)
        return false;  // started from Explorer, the Start menu or the Run key: no console, as it should be
    // The CLI writes UTF-8; the console shows it as such (French accents), whatever its code page was.
    SetConsoleOutputCP(CP_UTF8);
    if (in)
        reopen(STD_INPUT_HANDLE, stdin, "CONIN$", "r");
    if (out)
        reopen(STD_OUTPUT_HANDLE, stdout, "CONOUT$", "w");
    if (err)
        reopen(STD_ERROR_HANDLE, stderr, "CONOUT$", "w");
    return true;
}

}  // namespace clockout::platform
