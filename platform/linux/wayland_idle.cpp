// The Wayland idle backends' common part: see wayland_idle.h.
#include "wayland_idle.h"

#include <glib-unix.h>

#include <cstdlib>
#include <cstring>

namespace clockout::platform {

bool WaylandIdleSource::start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) {
    stop();
    // Without WAYLAND_DISPLAY libwayland would try "wayland-0", which may belong to another session.
    const char* socket = std::getenv("WAYLAND_DISPLAY");
    if (socket == nullptr || *socket == '\0') {
        why_not = "WAYLAND_DISPLAY is not set";
        return false;
    }
    display_ = wl_display_connect(nullptr);
    if (display_ == nullptr) {
        why_not = std::string("cannot connect to the Wayland display ") + socket;
        return false;
    }
    registry_ = wl_display_get_registry(display_);
    wl_registry_add_listener(registry_, &registry_listener, this);
    if (wl_display_roundtrip(display_) < 0) {
        why_not = "the Wayland display closed during setup";
        stop();
        return false;
    }
    if (manager_ == nullptr || seat_ == nullptr) {
        why_not = manager_ == nullptr ? std::string("the compositor does not offer ") + protocol_.manager->name
                                      : "the compositor offers no wl_seat";
        stop();
        return false;
    }
    threshold_ = idle_threshold;
    auto timeout_ms = static_cast<std::uint32_t>(std::chrono::milliseconds(idle_threshold).count());
    watch_ = protocol_.watch(manager_, seat_, timeout_ms, *this);
    // A second round trip so that a compositor refusing the request fails start() rather than later.
    if (wl_display_roundtrip(display_) < 0) {
        why_not = "the compositor refused the idle timeout";
        stop();
        return false;
    }
    fd_watch_ = g_unix_fd_add(wl_display_get_fd(display_), static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR),
                              &on_readable, this);
    sink_ = &sink;
    // Neither protocol has an idle-time query. The agent starts with the session or by the user's hand, so input is
    // assumed now; if the user is in fact away, the idle event comes after the threshold with `since` at this
    // instant, so no active time is invented. (An idle event already received during the round trip is reported as
    // such.)
    if (idle_)
        emit(ActivityKind::input_idle, idle_clock::wall_now(), idle_clock::wall_ago(threshold_));
    else
        emit(ActivityKind::input_active, idle_clock::wall_now(), {});
    return true;
}

void WaylandIdleSource::stop() {
    if (fd_watch_ != 0)
        g_source_remove(fd_watch_);
    fd_watch_ = 0;
    if (watch_ != nullptr)
        protocol_.release_watch(watch_);
    watch_ = nullptr;
    if (manager_ != nullptr)
        protocol_.release_manager(manager_);
    manager_ = nullptr;
    if (seat_ != nullptr)
        wl_seat_destroy(seat_);  // version 1 has no release request
    seat_ = nullptr;
    if (registry_ != nullptr)
        wl_registry_destroy(registry_);
    registry_ = nullptr;
    if (display_ != nullptr) {
        wl_display_flush(display_);
        wl_display_disconnect(display_);
    }
    display_ = nullptr;
    sink_ = nullptr;
    idle_ = false;
}

void WaylandIdleSource::idled() {
    idle_ = true;
    if (running())
        emit(ActivityKind::input_idle, idle_clock::wall_now(), idle_clock::wall_ago(threshold_));
}

void WaylandIdleSource::resumed() {
    idle_ = false;
    if (running())
        emit(ActivityKind::input_active, idle_clock::wall_now(), {});
}

void WaylandIdleSource::on_global(void* data, wl_registry* registry, std::uint32_t id, const char* interface,
                                  std::uint32_t) {
    auto* self = static_cast<WaylandIdleSource*>(data);
    if (std::strcmp(interface, wl_seat_interface.name) == 0 && self->seat_ == nullptr) {
        // The first seat: the one the user's keyboard and pointer belong to on a desktop.
        self->seat_ = static_cast<wl_seat*>(wl_registry_bind(registry, id, &wl_seat_interface, 1));
        self->seat_id_ = id;
    } else if (std::strcmp(interface, self->protocol_.manager->name) == 0 && self->manager_ == nullptr) {
        self->manager_ = static_cast<wl_proxy*>(wl_registry_bind(registry, id, self->protocol_.manager, 1));
        self->manager_id_ = id;
    }
}

void WaylandIdleSource::on_global_remove(void* data, wl_registry*, std::uint32_t id) {
    auto* self = static_cast<WaylandIdleSource*>(data);
    if (self->running() && (id == self->seat_id_ || id == self->manager_id_))
        self->lose();  // the timeout is inert without its seat or its global
}

gboolean WaylandIdleSource::on_readable(gint, GIOCondition, gpointer data) {
    auto* self = static_cast<WaylandIdleSource*>(data);
    // The fd is readable (or hung up), so this reads without blocking; it fails once the compositor is gone.
    if (wl_display_dispatch(self->display_) < 0) {
        self->fd_watch_ = 0;
        self->lose();
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

void WaylandIdleSource::lose() {
    ActivitySink* sink = sink_;
    if (sink == nullptr)
        return;
    if (fd_watch_ != 0)
        g_source_remove(fd_watch_);
    fd_watch_ = 0;
    sink_ = nullptr;
    ActivityEvent event;
    event.kind = ActivityKind::backend_lost;
    event.at = idle_clock::wall_now();
    event.source = name();
    sink->on_activity(event);
}

void WaylandIdleSource::emit(ActivityKind kind, WallTime at, WallTime since) {
    ActivityEvent event;
    event.kind = kind;
    event.at = at;
    event.since = since;
    event.source = name();
    sink_->on_activity(event);
}

}  // namespace clockout::platform
