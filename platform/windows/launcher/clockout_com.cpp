// clockout.com: the console face of clockout.exe. clockout.exe is a GUI program, so that the tray agent started at
// login opens no console window; but cmd.exe and PowerShell neither wait for a GUI program nor give it their console.
// Both look for `clockout` as clockout.com before clockout.exe (PATHEXT), so typing `clockout status` runs this small
// console program, which starts clockout.exe beside it with the same arguments and the same standard streams (a
// redirection to a file or a pipe goes on working), tells it its console (CLOCKOUT_CONSOLE=<this process id>: it
// attaches to it, platform::use_caller_console), waits for it and returns its exit status. Ctrl+C reaches clockout.exe
// through the console they share; this launcher ignores it and waits for clockout.exe to finish.
#include <windows.h>

#include <string>

#include "../console_launch.h"

namespace {

// The arguments of this process's command line, after the program's own name (quoted or not), as Windows gave them.
const wchar_t* arguments_after_program(const wchar_t* line) {
    if (*line == L'"') {
        ++line;
        while (*line != L'\0' && *line != L'"')
            ++line;
        if (*line == L'"')
            ++line;
    } else {
        while (*line != L'\0' && *line != L' ' && *line != L'\t')
            ++line;
    }
    return line;  // the separator and what follows, or ""
}

void say(const wchar_t* text) {
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    DWORD written = 0;
    std::wstring line = std::wstring(L"clockout: ") + text + L"\r\n";
    if (DWORD mode = 0; GetConsoleMode(err, &mode) != 0) {
        WriteConsoleW(err, line.c_str(), static_cast<DWORD>(line.size()), &written, nullptr);
    } else {
        int size = WideCharToMultiByte(CP_UTF8, 0, line.c_str(), -1, nullptr, 0, nullptr, nullptr);
        std::string bytes(static_cast<std::size_t>(size > 0 ? size - 1 : 0), '\0');
        WideCharToMultiByte(CP_UTF8, 0, line.c_str(), -1, bytes.data(), size, nullptr, nullptr);
        WriteFile(err, bytes.data(), static_cast<DWORD>(bytes.size()), &written, nullptr);
    }
}

}  // namespace

int wmain() {
    std::wstring program(32768, L'\0');
    DWORD length = GetModuleFileNameW(nullptr, program.data(), static_cast<DWORD>(program.size()));
    if (length == 0 || length >= program.size()) {
        say(L"cannot find where clockout.com is; fix: reinstall Clockout");
        return 1;
    }
    program.resize(length);
    std::size_t dot = program.find_last_of(L'.');
    if (dot == std::wstring::npos || program.find_first_of(L"\\/", dot) != std::wstring::npos) {
        say(L"clockout.com has no extension to replace; fix: reinstall Clockout");
        return 1;
    }
    program.replace(dot, std::wstring::npos, L".exe");

    std::wstring line = L"\"" + program + L"\"" + arguments_after_program(GetCommandLineW());
    SetEnvironmentVariableW(clockout::platform::win32::console_launcher_variable,
                            std::to_wstring(GetCurrentProcessId()).c_str());
    // Ctrl+C and Ctrl+Break go to every process of the console: clockout.exe handles them (it commits and exits);
    // the launcher only waits for that.
    SetConsoleCtrlHandler(nullptr, TRUE);

    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    startup.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    startup.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    PROCESS_INFORMATION child{};
    if (CreateProcessW(program.c_str(), line.data(), nullptr, nullptr, TRUE, 0, nullptr, nullptr, &startup, &child) ==
        0) {
        std::wstring why =
            L"cannot start " + program + L" (error " + std::to_wstring(GetLastError()) + L"); fix: reinstall Clockout";
        say(why.c_str());
        return 1;
    }
    CloseHandle(child.hThread);
    WaitForSingleObject(child.hProcess, INFINITE);
    DWORD status = 1;
    GetExitCodeProcess(child.hProcess, &status);
    CloseHandle(child.hProcess);
    return static_cast<int>(status);
}
