// Input idleness from the Wayland compositor through ext-idle-notify-v1 (KDE Plasma, sway and other wlroots
// compositors; not Mutter). The compositor says `idled` after the timeout we ask for and `resumed` on the next input.
// It never says how long input has been idle, so `since` is the moment of `idled` minus the threshold.
#include <glib-unix.h>
#include <glib.h>
#include <wayland-client.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#include "ext-idle-notify-v1-client-protocol.h"
#include "idle_sources.h"

// The protocol's interface tables, generated as C by wayland-scanner. Compiled here, after the header's extern
// declarations, so that they keep external linkage in C++ (the project compiles no C).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wattributes"  // visibility("hidden") on a definition declared extern before
#include "ext-idle-notify-v1-protocol.inc"
#pragma GCC diagnostic pop

namespace clockout::platform {

namespace {

class ExtIdleSource final : public ActivitySource {
  public:
    ~ExtIdleSource() override { stop(); }

    std::string name() const override { return "ext-idle-notify"; }

    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override {
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
        if (notifier_ == nullptr || seat_ == nullptr) {
            why_not = notifier_ == nullptr ? "the compositor does not offer ext_idle_notifier_v1"
                                           : "the compositor offers no wl_seat";
            stop();
            return false;
        }
        threshold_ = idle_threshold;
        auto timeout_ms = static_cast<uint32_t>(std::chrono::milliseconds(idle_threshold).count());
        notification_ = ext_idle_notifier_v1_get_idle_notification(notifier_, timeout_ms, seat_);
        ext_idle_notification_v1_add_listener(notification_, &notification_listener, this);
        // A second round trip so that a compositor refusing the request fails start() rather than later.
        if (wl_display_roundtrip(display_) < 0) {
            why_not = "the compositor refused the idle notification";
            stop();
            return false;
        }
        watch_ = g_unix_fd_add(wl_display_get_fd(display_), static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR),
                               &on_readable, this);
        sink_ = &sink;
        // The protocol has no idle-time query. The agent starts with the session or by the user's hand, so input is
        // assumed now; if the user is in fact away, `idled` comes after the threshold with `since` at this instant, so
        // no active time is invented. (An `idled` already received during the round trip is reported as such.)
        if (idle_)
            emit(ActivityKind::input_idle, idle_clock::wall_now(), idle_clock::wall_ago(threshold_));
        else
            emit(ActivityKind::input_active, idle_clock::wall_now(), {});
        return true;
    }

    void stop() override {
        if (watch_ != 0)
            g_source_remove(watch_);
        watch_ = 0;
        if (notification_ != nullptr)
            ext_idle_notification_v1_destroy(notification_);
        notification_ = nullptr;
        if (notifier_ != nullptr)
            ext_idle_notifier_v1_destroy(notifier_);
        notifier_ = nullptr;
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

  private:
    static void on_global(void* data, wl_registry* registry, uint32_t id, const char* interface, uint32_t) {
        auto* self = static_cast<ExtIdleSource*>(data);
        if (std::strcmp(interface, wl_seat_interface.name) == 0 && self->seat_ == nullptr) {
            // The first seat: the one the user's keyboard and pointer belong to on a desktop.
            self->seat_ = static_cast<wl_seat*>(wl_registry_bind(registry, id, &wl_seat_interface, 1));
            self->seat_id_ = id;
        } else if (std::strcmp(interface, ext_idle_notifier_v1_interface.name) == 0 && self->notifier_ == nullptr) {
            self->notifier_ =
                static_cast<ext_idle_notifier_v1*>(wl_registry_bind(registry, id, &ext_idle_notifier_v1_interface, 1));
            self->notifier_id_ = id;
        }
    }

    static void on_global_remove(void* data, wl_registry*, uint32_t id) {
        auto* self = static_cast<ExtIdleSource*>(data);
        if (self->running() && (id == self->seat_id_ || id == self->notifier_id_))
            self->lose();  // the notification is inert without its seat or notifier
    }

    static void on_idled(void* data, ext_idle_notification_v1*) {
        auto* self = static_cast<ExtIdleSource*>(data);
        self->idle_ = true;
        if (self->running())
            self->emit(ActivityKind::input_idle, idle_clock::wall_now(), idle_clock::wall_ago(self->threshold_));
    }

    static void on_resumed(void* data, ext_idle_notification_v1*) {
        auto* self = static_cast<ExtIdleSource*>(data);
        self->idle_ = false;
        if (self->running())
            self->emit(ActivityKind::input_active, idle_clock::wall_now(), {});
    }

    static gboolean on_readable(gint, GIOCondition, gpointer data) {
        auto* self = static_cast<ExtIdleSource*>(data);
        // The fd is readable (or hung up), so this reads without blocking; it fails once the compositor is gone.
        if (wl_display_dispatch(self->display_) < 0) {
            self->watch_ = 0;
            self->lose();
            return G_SOURCE_REMOVE;
        }
        return G_SOURCE_CONTINUE;
    }

    bool running() const { return sink_ != nullptr; }

    void lose() {
        ActivitySink* sink = sink_;
        if (sink == nullptr)
            return;
        if (watch_ != 0)
            g_source_remove(watch_);
        watch_ = 0;
        sink_ = nullptr;
        ActivityEvent event;
        event.kind = ActivityKind::backend_lost;
        event.at = idle_clock::wall_now();
        event.source = name();
        sink->on_activity(event);
    }

    void emit(ActivityKind kind, WallTime at, WallTime since) {
        ActivityEvent event;
        event.kind = kind;
        event.at = at;
        event.since = since;
        event.source = name();
        sink_->on_activity(event);
    }

    static constexpr wl_registry_listener registry_listener{&on_global, &on_global_remove};
    static constexpr ext_idle_notification_v1_listener notification_listener{&on_idled, &on_resumed};

    wl_display* display_ = nullptr;
    wl_registry* registry_ = nullptr;
    wl_seat* seat_ = nullptr;
    ext_idle_notifier_v1* notifier_ = nullptr;
    ext_idle_notification_v1* notification_ = nullptr;
    ActivitySink* sink_ = nullptr;
    std::chrono::seconds threshold_{};
    uint32_t seat_id_ = 0;
    uint32_t notifier_id_ = 0;
    guint watch_ = 0;
    bool idle_ = false;
};

}  // namespace

std::unique_ptr<ActivitySource> make_ext_idle_source() {
    return std::make_unique<ExtIdleSource>();
}

}  // namespace clockout::platform
