// Start at login on Windows: the value "Clockout" under HKCU\Software\Microsoft\Windows\CurrentVersion\Run holds the
// quoted path of clockout.exe (as KeePassXC's WinUtils does). Task Manager's "Disable" leaves the value and marks it
// off under Explorer\StartupApproved\Run, so that mark is read too.
#include <windows.h>

#include <string>

#include "platform/autostart.h"

namespace clockout::platform {

namespace {

constexpr const wchar_t* run_key = L"Software\\Microsoft\\Windows\\CurrentVersion\\Run";
constexpr const wchar_t* approved_key = L"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run";
constexpr const wchar_t* value_name = L"Clockout";
constexpr const char* run_key_text = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

std::wstring widen(const std::string& text) {
    if (text.empty())
        return {};
    int size = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
    std::wstring wide(static_cast<std::size_t>(size), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), wide.data(), size);
    return wide;
}

std::string code_text(LSTATUS status) {
    return "error " + std::to_string(static_cast<long>(status));
}

}  // namespace

bool autostart_enabled() {
    DWORD size = 0;
    if (RegGetValueW(HKEY_CURRENT_USER, run_key, value_name, RRF_RT_REG_SZ, nullptr, nullptr, &size) != ERROR_SUCCESS)
        return false;
    // StartupApproved: 12 bytes, the first 0x02 (or even) when allowed, 0x03 (odd) when the user turned it off.
    BYTE approved[12] = {};
    DWORD approved_size = sizeof approved;
    if (RegGetValueW(HKEY_CURRENT_USER, approved_key, value_name, RRF_RT_REG_BINARY, nullptr, approved,
                     &approved_size) == ERROR_SUCCESS &&
        approved_size > 0 && (approved[0] & 1) != 0)
        return false;
    return true;
}

std::string set_autostart(bool enabled, const std::string& executable) {
    if (!enabled) {
        LSTATUS status = RegDeleteKeyValueW(HKEY_CURRENT_USER, run_key, value_name);
        if (status != ERROR_SUCCESS && status != ERROR_FILE_NOT_FOUND)
            return std::string(run_key_text) + "\\Clockout: cannot remove the value (" + code_text(status) +
                   "); fix: remove it with regedit";
        RegDeleteKeyValueW(HKEY_CURRENT_USER, approved_key, value_name);  // a stale "disabled" mark would come back
        return "";
    }
    if (executable.empty())
        return "start at login: no program to start was given; fix: pass the path of clockout.exe";
    std::wstring command = L"\"" + widen(executable) + L"\"";
    LSTATUS status = RegSetKeyValueW(HKEY_CURRENT_USER, run_key, value_name, REG_SZ, command.c_str(),
                                     static_cast<DWORD>((command.size() + 1) * sizeof(wchar_t)));
    if (status != ERROR_SUCCESS)
        return std::string(run_key_text) + "\\Clockout: cannot write the value (" + code_text(status) +
               "); fix: check that your account may change its own registry";
    RegDeleteKeyValueW(HKEY_CURRENT_USER, approved_key, value_name);
    return "";
}

}  // namespace clockout::platform
