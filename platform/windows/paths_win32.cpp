// Where Clockout keeps its files on Windows: the journal and logs under %LOCALAPPDATA% (never roamed: a SQLite file
// must not be copied around by roaming profiles), settings under %APPDATA% (they may roam), the employer's defaults
// under %ProgramData%. The variables come first so tests and portable setups can move everything.
#include <windows.h>

#include <shlobj.h>

#include "platform/paths.h"
#include "win32_util.h"

namespace clockout::platform {

namespace fs = std::filesystem;

namespace {

fs::path known_folder(const wchar_t* variable, REFKNOWNFOLDERID id) {
    std::wstring value = win32::environment(variable);
    if (!value.empty())
        return fs::path(value);
    PWSTR path = nullptr;
    fs::path result;
    if (SUCCEEDED(SHGetKnownFolderPath(id, KF_FLAG_DEFAULT, nullptr, &path)) && path)
        result = fs::path(path);
    CoTaskMemFree(path);
    return result;
}

}  // namespace

Paths default_paths(std::string& error) {
    Paths paths;
    fs::path local = known_folder(L"LOCALAPPDATA", FOLDERID_LocalAppData);
    fs::path roaming = known_folder(L"APPDATA", FOLDERID_RoamingAppData);
    if (local.empty() || roaming.empty()) {
        error =
            "no user profile folder: LOCALAPPDATA and APPDATA are unset and Windows names none; fix: pass --data-dir "
            "and --config";
        return paths;
    }
    paths.data_dir = local / L"Clockout";
    paths.config_dir = roaming / L"Clockout";
    paths.state_dir = local / L"Clockout" / L"logs";
    // Only names are derived from it (the single-instance mutex and pipe); nothing is created there.
    paths.runtime_dir = local / L"Clockout" / L"run";
    fs::path program_data = known_folder(L"ProgramData", FOLDERID_ProgramData);
    if (!program_data.empty())
        paths.system_config_files.push_back(program_data / L"Clockout" / L"defaults.toml");
    return paths;
}

std::string host_name() {
    // The DNS host name keeps the case the user chose ("Camille-Laptop"); the NetBIOS name is upper case, 15 chars.
    wchar_t buf[MAX_COMPUTERNAME_LENGTH + 256] = {};
    DWORD size = static_cast<DWORD>(sizeof buf / sizeof buf[0]);
    if (GetComputerNameExW(ComputerNameDnsHostname, buf, &size) && size > 0)
        return win32::utf8(std::wstring_view(buf, size));
    size = static_cast<DWORD>(sizeof buf / sizeof buf[0]);
    if (GetComputerNameW(buf, &size) && size > 0)
        return win32::utf8(std::wstring_view(buf, size));
    return "this-device";
}

}  // namespace clockout::platform
