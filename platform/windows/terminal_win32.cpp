// Whether the command line talks to a person, and the console of a GUI program. GetConsoleMode succeeds only on a real
// console; _isatty would also say yes for NUL (a character device), so "clockout purge < NUL" would be taken for a
// terminal.
#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <iostream>
#include <streambuf>
#include <string>

#include "console_launch.h"
#include "platform/terminal.h"

namespace clockout::platform {

namespace {

// Set by clockout.com (platform/windows/launcher/clockout_com.cpp) to its process id: attach to that console.
constexpr const wchar_t* launcher_variable = win32::console_launcher_variable;

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

// std::cout and std::cerr on a console: the CLI writes UTF-8, and a console decodes bytes with its own code page (850
// or 1252 in France, so "réglages" would show as "rÃ©glages"); this hands the console UTF-16 instead, through
// WriteConsoleW, whatever its code page, and leaves the code page the user chose alone. Whole lines are written (and
// what is pending at a flush), never half a UTF-8 sequence.
class ConsoleBuffer final : public std::streambuf {
  public:
    explicit ConsoleBuffer(HANDLE console) : console_(console) {}

  protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof()))
            return traits_type::not_eof(c);
        pending_.push_back(traits_type::to_char_type(c));
        if (c == '\n')
            write_complete();
        return c;
    }
    std::streamsize xsputn(const char* text, std::streamsize count) override {
        pending_.append(text, static_cast<std::size_t>(count));
        if (std::memchr(text, '\n', static_cast<std::size_t>(count)) != nullptr)
            write_complete();
        return count;
    }
    int sync() override {
        write_complete();
        return 0;
    }

  private:
    // Writes what is pending up to its last whole UTF-8 sequence; an unfinished one waits for its next bytes.
    void write_complete() {
        std::size_t end = pending_.size();
        for (std::size_t back = 1; back <= 3 && back <= pending_.size(); ++back) {
            auto byte = static_cast<unsigned char>(pending_[pending_.size() - back]);
            if ((byte & 0xC0) == 0x80)
                continue;  // a continuation byte: look further back for its lead
            std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
            if (length > back)
                end = pending_.size() - back;
            break;
        }
        if (end == 0)
            return;
        int wide_size = MultiByteToWideChar(CP_UTF8, 0, pending_.data(), static_cast<int>(end), nullptr, 0);
        std::wstring wide(static_cast<std::size_t>(wide_size > 0 ? wide_size : 0), L'\0');
        if (wide_size > 0)
            MultiByteToWideChar(CP_UTF8, 0, pending_.data(), static_cast<int>(end), wide.data(), wide_size);
        DWORD written = 0;
        WriteConsoleW(console_, wide.data(), static_cast<DWORD>(wide.size()), &written, nullptr);
        pending_.erase(0, end);
    }

    HANDLE console_;
    std::string pending_;
};

// Points `stream` at the console when standard handle `which` is one. The buffer is never freed: std::cout and
// std::cerr are flushed after every static object is gone, at the very end of the process.
void write_wide_to_console(std::ostream& stream, DWORD which) {
    if (!is_console(which))
        return;
    stream.flush();
    stream.rdbuf(new ConsoleBuffer(GetStdHandle(which)));
}

// Attaches to the console of clockout.com or of the program that started this one, when there is one to attach to.
bool attach_caller_console(bool has_arguments) {
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
    if (in)
        reopen(STD_INPUT_HANDLE, stdin, "CONIN$", "r");
    if (out)
        reopen(STD_OUTPUT_HANDLE, stdout, "CONOUT$", "w");
    if (err)
        reopen(STD_ERROR_HANDLE, stderr, "CONOUT$", "w");
    return true;
}

}  // namespace

bool stdin_is_terminal() {
    return is_console(STD_INPUT_HANDLE);
}

bool stdout_is_terminal() {
    return is_console(STD_OUTPUT_HANDLE);
}

bool use_caller_console(bool has_arguments) {
    bool attached = attach_caller_console(has_arguments);
    write_wide_to_console(std::cout, STD_OUTPUT_HANDLE);
    write_wide_to_console(std::cerr, STD_ERROR_HANDLE);
    return attached;
}

std::string system_ui_language() {
    wchar_t name[LOCALE_NAME_MAX_LENGTH] = {};
    if (LCIDToLocaleName(MAKELCID(GetUserDefaultUILanguage(), SORT_DEFAULT), name, LOCALE_NAME_MAX_LENGTH, 0) == 0)
        return "";
    std::string tag;
    for (const wchar_t* c = name; *c != L'\0'; ++c)
        tag.push_back(*c < 0x80 ? static_cast<char>(*c) : '?');  // BCP 47 tags are ASCII
    return tag;
}

}  // namespace clockout::platform
