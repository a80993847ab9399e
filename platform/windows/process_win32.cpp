// The running program and its session on Win32.
#include <windows.h>

#include <vector>

#include "platform/process.h"

namespace clockout::platform {

std::filesystem::path executable_path() {
    // MAX_PATH is not a limit any more (long paths): grow until the name fits.
    std::vector<wchar_t> buf(MAX_PATH);
    for (;;) {
        DWORD size = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
        if (size == 0)
            return {};
        if (size < buf.size())
            return std::filesystem::path(std::wstring(buf.data(), size));
        buf.resize(buf.size() * 2);
    }
}

bool has_display() {
    return true;  // an interactive Windows session always has a desktop
}

void survive_file_size_limit() {}  // no SIGXFSZ: a write past a quota fails with an error code

}  // namespace clockout::platform
