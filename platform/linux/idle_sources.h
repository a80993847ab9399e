// The Linux idle backends, each behind ActivitySource; sources.cpp puts them in the order to try.
#pragma once

#include <chrono>
#include <memory>

#include "platform/activity.h"

namespace clockout::platform {

/// XSync IDLETIME alarms on an X connection of our own (X11, XWayland): woken only at the threshold and on return.
std::unique_ptr<ActivitySource> make_xsync_idle_source();
/// XScreenSaverQueryInfo with a timer armed at last input + threshold, then a 2 s check while idle.
std::unique_ptr<ActivitySource> make_xss_idle_source();
/// org.gnome.Mutter.IdleMonitor watches on the session bus (GNOME on X11 and Wayland).
std::unique_ptr<ActivitySource> make_mutter_idle_source();
/// The Wayland ext-idle-notify-v1 protocol (KDE Plasma 5.27, sway 1.8 / wlroots 0.16 and newer).
std::unique_ptr<ActivitySource> make_ext_idle_source();
/// The Wayland org_kde_kwin_idle protocol, KDE's older one (sway 1.7 / wlroots 0.15, older KDE Plasma).
std::unique_ptr<ActivitySource> make_kde_idle_source();

namespace idle_clock {

/// The current wall time, truncated to the second as events carry it.
inline WallTime wall_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// The wall time `ago` before now: when the last input happened, given how long input has been idle.
inline WallTime wall_ago(std::chrono::milliseconds ago) {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() - ago);
}

}  // namespace idle_clock

}  // namespace clockout::platform
