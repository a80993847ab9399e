// The tray agent's Windows pieces: a desktop is always there, wx's own tray icon is the only one, and before the first
// notification the program names itself to the shell (the AppUserModelID org.clockout.Clockout, on the process and
// on the installer's Start-menu shortcut), which Windows needs before it shows a toast. With MinGW, wx has no WinRT
// toasts (wxUSE_WINRT needs MSVC): wx shows balloons from the tray icon; a Visual Studio build (vcpkg) uses toasts.
#include <spdlog/spdlog.h>
#include <wx/notifmsg.h>

#include "platform/process.h"
#include "ui/tray_parts.h"

namespace clockout::ui {

bool has_display() {
    return true;
}

void prepare_toolkit() {}

void prepare_notifications(const wxString&) {
    if (const std::string problem = platform::set_app_identity(CLOCKOUT_APP_ID); !problem.empty())
        spdlog::info("app identity: {}", problem);
    else
        spdlog::info("app identity: {} (process and Start-menu shortcut)", CLOCKOUT_APP_ID);
#if wxUSE_WINRT
    if (!wxNotificationMessage::MSWUseToasts())
        spdlog::info("notifications: Windows toasts unavailable, balloons from the tray icon instead");
#endif
}

std::unique_ptr<Tray> make_native_tray(TrayHooks) {
    return nullptr;
}

}  // namespace clockout::ui
