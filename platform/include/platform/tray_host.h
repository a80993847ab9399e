// Which tray hosts the desktop offers, so the agent can choose its tray and `clockout doctor` can say what it found.
#pragma once

#include <string>

namespace clockout::platform {

struct TrayHost {
    bool status_notifier = false;  // a StatusNotifierWatcher owns its name on the session bus (KDE, GNOME + extension)
    bool xembed = false;           // an X11 system tray owns _NET_SYSTEM_TRAY_S<screen> (XFCE, trayer...)
    std::string detail;            // one line for doctor: what was found, or why nothing was
};

/// Looks for a StatusNotifierItem host and an XEmbed tray; never blocks more than about two seconds.
TrayHost probe_tray_host();

}  // namespace clockout::platform
