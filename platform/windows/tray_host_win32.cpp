// The tray host on Win32: the taskbar's notification area, which Explorer's taskbar window (Shell_TrayWnd) provides.
// Neither of the Linux hosts exists here (no StatusNotifierWatcher, no XEmbed): TrayHost says so, and detail names
// what was found for `clockout doctor`.
#include <windows.h>

#include "platform/tray_host.h"

namespace clockout::platform {

TrayHost probe_tray_host() {
    TrayHost host;
    if (FindWindowW(L"Shell_TrayWnd", nullptr) != nullptr)
        host.detail = "Windows notification area (the taskbar, Shell_TrayWnd)";
    else
        host.detail = "no taskbar (Shell_TrayWnd not found: Explorer is not running)";
    return host;
}

}  // namespace clockout::platform
