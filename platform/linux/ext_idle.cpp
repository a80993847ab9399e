// Input idleness from the Wayland compositor through ext-idle-notify-v1 (KDE Plasma 5.27, sway 1.8 / wlroots 0.16;
// not Mutter). The compositor says `idled` after the timeout we ask for and `resumed` on the next input. The
// connection, seat and event handling are WaylandIdleSource's (wayland_idle.h); this file holds the protocol's
// requests.
#include "ext-idle-notify-v1-client-protocol.h"
#include "wayland_idle.h"

namespace clockout::platform {

namespace {

void on_idled(void* data, ext_idle_notification_v1*) {
    static_cast<WaylandIdleSource*>(data)->idled();
}

void on_resumed(void* data, ext_idle_notification_v1*) {
    static_cast<WaylandIdleSource*>(data)->resumed();
}

constexpr ext_idle_notification_v1_listener notification_listener{&on_idled, &on_resumed};

wl_proxy* watch(wl_proxy* manager, wl_seat* seat, std::uint32_t timeout_ms, WaylandIdleSource& source) {
    ext_idle_notification_v1* notification =
        ext_idle_notifier_v1_get_idle_notification(reinterpret_cast<ext_idle_notifier_v1*>(manager), timeout_ms, seat);
    ext_idle_notification_v1_add_listener(notification, &notification_listener, &source);
    return reinterpret_cast<wl_proxy*>(notification);
}

void release_watch(wl_proxy* notification) {
    ext_idle_notification_v1_destroy(reinterpret_cast<ext_idle_notification_v1*>(notification));
}

void release_manager(wl_proxy* notifier) {
    ext_idle_notifier_v1_destroy(reinterpret_cast<ext_idle_notifier_v1*>(notifier));
}

constexpr WaylandIdleProtocol ext_idle_protocol{"ext-idle-notify", &ext_idle_notifier_v1_interface, &watch,
                                                &release_watch, &release_manager};

}  // namespace

std::unique_ptr<ActivitySource> make_ext_idle_source() {
    return std::make_unique<WaylandIdleSource>(ext_idle_protocol);
}

}  // namespace clockout::platform
