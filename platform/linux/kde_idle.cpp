// Input idleness from the Wayland compositor through org_kde_kwin_idle, KDE's older idle protocol (idle.xml in
// plasma-wayland-protocols): the only one sway 1.7 / wlroots 0.15 offers (Debian 12). `get_idle_timeout(seat,
// timeout)` gives a timeout object that says `idle` after that long without input and `resumed` on the next input.
// The connection, seat and event handling are WaylandIdleSource's (wayland_idle.h); this file holds the requests.
#include "kde-idle-client-protocol.h"
#include "wayland_idle.h"

namespace clockout::platform {

namespace {

void on_idle(void* data, org_kde_kwin_idle_timeout*) {
    static_cast<WaylandIdleSource*>(data)->idled();
}

void on_resumed(void* data, org_kde_kwin_idle_timeout*) {
    static_cast<WaylandIdleSource*>(data)->resumed();
}

constexpr org_kde_kwin_idle_timeout_listener timeout_listener{&on_idle, &on_resumed};

wl_proxy* watch(wl_proxy* manager, wl_seat* seat, std::uint32_t timeout_ms, WaylandIdleSource& source) {
    org_kde_kwin_idle_timeout* timeout =
        org_kde_kwin_idle_get_idle_timeout(reinterpret_cast<org_kde_kwin_idle*>(manager), seat, timeout_ms);
    org_kde_kwin_idle_timeout_add_listener(timeout, &timeout_listener, &source);
    return reinterpret_cast<wl_proxy*>(timeout);
}

void release_watch(wl_proxy* timeout) {
    org_kde_kwin_idle_timeout_release(reinterpret_cast<org_kde_kwin_idle_timeout*>(timeout));
}

void release_manager(wl_proxy* idle) {
    org_kde_kwin_idle_destroy(reinterpret_cast<org_kde_kwin_idle*>(idle));  // no request: the proxy only
}

constexpr WaylandIdleProtocol kde_idle_protocol{"kde-idle", &org_kde_kwin_idle_interface, &watch, &release_watch,
                                                &release_manager};

}  // namespace

std::unique_ptr<ActivitySource> make_kde_idle_source() {
    return std::make_unique<WaylandIdleSource>(kde_idle_protocol);
}

}  // namespace clockout::platform
