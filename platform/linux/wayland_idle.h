// What the two Wayland idle backends share (ext_idle.cpp: ext-idle-notify-v1; kde_idle.cpp: org_kde_kwin_idle): the
// connection, the registry, the first seat, the protocol's global, the watch of the display's fd on GLib's loop, and
// how `idle` / `resumed` and the compositor's going away are reported. Each protocol brings only its requests.
// Neither protocol says how long input has been idle, so `since` is the moment of the idle event minus the threshold.
#pragma once

#include <glib.h>
#include <wayland-client.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "idle_sources.h"

namespace clockout::platform {

class WaylandIdleSource;

/// One Wayland idle protocol, as WaylandIdleSource drives it: the global to bind and its three requests.
struct WaylandIdleProtocol {
    const char* name;             // the backend's name, for `clockout doctor` and the journal's `source`
    const wl_interface* manager;  // the global that hands out idle timeouts, bound at version 1
    /// Asks `manager` for a timeout of `timeout_ms` on `seat` whose events call source.idled() and source.resumed().
    wl_proxy* (*watch)(wl_proxy* manager, wl_seat* seat, std::uint32_t timeout_ms, WaylandIdleSource& source);
    /// Hands the timeout back to the compositor.
    void (*release_watch)(wl_proxy* watch);
    /// Releases the global (a destructor request where the protocol has one).
    void (*release_manager)(wl_proxy* manager);
};

/// An ActivitySource for any WaylandIdleProtocol.
class WaylandIdleSource final : public ActivitySource {
  public:
    explicit WaylandIdleSource(const WaylandIdleProtocol& protocol) : protocol_(protocol) {}
    WaylandIdleSource(const WaylandIdleSource&) = delete;
    WaylandIdleSource& operator=(const WaylandIdleSource&) = delete;
    ~WaylandIdleSource() override { stop(); }

    std::string name() const override { return protocol_.name; }
    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override;
    void stop() override;

    /// The protocol's idle event: no input for the threshold.
    void idled();
    /// The protocol's resumed event: input again after idled().
    void resumed();

  private:
    static void on_global(void* data, wl_registry* registry, std::uint32_t id, const char* interface, std::uint32_t);
    static void on_global_remove(void* data, wl_registry*, std::uint32_t id);
    static gboolean on_readable(gint, GIOCondition, gpointer data);

    bool running() const { return sink_ != nullptr; }
    void lose();
    void emit(ActivityKind kind, WallTime at, WallTime since);

    static constexpr wl_registry_listener registry_listener{&on_global, &on_global_remove};

    const WaylandIdleProtocol& protocol_;
    wl_display* display_ = nullptr;
    wl_registry* registry_ = nullptr;
    wl_seat* seat_ = nullptr;
    wl_proxy* manager_ = nullptr;
    wl_proxy* watch_ = nullptr;
    ActivitySink* sink_ = nullptr;
    std::chrono::seconds threshold_{};
    std::uint32_t seat_id_ = 0;
    std::uint32_t manager_id_ = 0;
    guint fd_watch_ = 0;
    bool idle_ = false;
};

}  // namespace clockout::platform
