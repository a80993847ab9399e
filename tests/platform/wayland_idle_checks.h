// What test_ext_idle.cpp and test_kde_idle.cpp check of their backend, the same for both Wayland idle protocols: the
// real client code against the small compositor of idle_wayland_compositor.h.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "idle_test_support.h"
#include "idle_wayland_compositor.h"
#include "support/test_support.h"

namespace clockout::test::idle {

constexpr auto wayland_threshold = 3s;

/// One Wayland idle backend as the tests see it.
struct WaylandBackend {
    std::string name;     // as make_idle_sources() names it
    std::string global;   // the protocol's global, which the reason for not starting names
    Globals offered;      // a compositor that offers it
    Globals not_offered;  // one that does not
};

/// The backend among make_idle_sources() on a Wayland session without XWayland.
inline std::unique_ptr<platform::ActivitySource> wayland_source(const WaylandBackend& backend) {
    unsetenv("DISPLAY");
    auto source = idle_source(backend.name);
    REQUIRE_MESSAGE(source != nullptr, backend.name << " is not among the idle sources");
    return source;
}

/// A compositor offering the backend, and the backend started on it with its first event (input_active) seen.
struct StartedOnCompositor {
    TempDir runtime;
    WaylandCompositor compositor;
    std::unique_ptr<platform::ActivitySource> source;
    RecordingSink sink;

    StartedOnCompositor(const WaylandBackend& backend, const std::string& dir)
        : runtime(dir), compositor(runtime.path(), backend.offered), source(wayland_source(backend)) {
        std::string why_not;
        REQUIRE_MESSAGE(source->start(sink, wayland_threshold, why_not), why_not);
        Received start = next_event(sink, 0, 1s);
        CHECK(start.event.kind == ActivityKind::input_active);
        CHECK(start.event.source == backend.name);
        CHECK(seconds_between(start.event.at, wall_now()) <= 1);
    }
    ~StartedOnCompositor() { source->stop(); }
};

/// The request carries the threshold; idle and resumed come as input_idle (dated back) and input_active; stop()
/// hands the timeout back.
inline void check_transitions(const WaylandBackend& backend) {
    StartedOnCompositor s(backend, backend.name + "_transitions");
    // start() makes two round trips, so the compositor has the request by now.
    CHECK(s.compositor.requested_timeout() == 3000);
    CHECK(s.compositor.live_notifications() == 1);

    auto sent = Steady::now();
    s.compositor.send_idled();
    Received idle = next_event(s.sink, 1, 2s);
    REQUIRE(idle.event.kind == ActivityKind::input_idle);
    MESSAGE(backend.name << ": input_idle " << ms(sent, idle.when) << " ms after the idle event");
    CHECK(ms(sent, idle.when) <= 1000);
    CHECK(idle.event.source == backend.name);
    // No idle-time query in either protocol: `since` is the last input, the threshold before the idle event.
    CHECK(seconds_between(idle.event.since, wall_now() - wayland_threshold) <= 1);
    CHECK(seconds_between(idle.event.at, wall_now()) <= 1);

    sent = Steady::now();
    s.compositor.send_resumed();
    Received back = next_event(s.sink, 2, 2s);
    REQUIRE(back.event.kind == ActivityKind::input_active);
    MESSAGE(backend.name << ": input_active " << ms(sent, back.when) << " ms after resumed");
    CHECK(ms(sent, back.when) <= 1000);
    CHECK(seconds_between(back.event.at, wall_now()) <= 1);

    s.compositor.send_idled();
    CHECK(next_event(s.sink, 3, 2s).event.kind == ActivityKind::input_idle);
    CHECK(s.sink.events.size() == 4);

    // stop() hands the timeout back. Only the compositor's thread sees it, and nothing wakes GLib's loop for that:
    // look every 10 ms, up to 2 s.
    s.source->stop();
    bool released = false;
    for (int i = 0; i < 200 && !released; ++i)
        released = run_until([&] { return s.compositor.live_notifications() == 0; }, 10ms);
    CHECK(released);
}

/// The compositor crashing, or withdrawing the protocol's global: one backend_lost, then nothing.
inline void check_lost(const WaylandBackend& backend, bool crash) {
    StartedOnCompositor s(backend, backend.name + (crash ? "_crash" : "_withdrawn"));
    auto gone = Steady::now();
    if (crash)
        s.compositor.crash();
    else
        s.compositor.withdraw_idle_globals();
    Received lost = next_event(s.sink, 1, 3s);
    CHECK(lost.event.kind == ActivityKind::backend_lost);
    CHECK(lost.event.source == backend.name);
    const std::string how = crash ? "went away" : "withdrew the global";
    MESSAGE(backend.name << ": backend_lost " << ms(gone, lost.when) << " ms after the compositor " << how);
    CHECK(ms(gone, lost.when) <= 1000);
    // Never active again after that, whatever the compositor still says.
    if (!crash)
        s.compositor.send_resumed();
    run_until([] { return false; }, 300ms);
    CHECK(s.sink.events.size() == 2);
}

/// Without the global, or without WAYLAND_DISPLAY, start() fails with a reason naming what is missing.
inline void check_declines(const WaylandBackend& backend) {
    RecordingSink sink;
    std::string why_not;
    {
        TempDir runtime(backend.name + "_no_global");
        WaylandCompositor compositor(runtime.path(), backend.not_offered);
        auto source = wayland_source(backend);
        CHECK_FALSE(source->start(sink, wayland_threshold, why_not));
        CHECK_MESSAGE(why_not.find(backend.global) != std::string::npos, why_not);
    }
    setenv("WAYLAND_DISPLAY", "wayland-unused", 1);  // only to be offered the backend
    auto source = wayland_source(backend);
    unsetenv("WAYLAND_DISPLAY");
    why_not.clear();
    CHECK_FALSE(source->start(sink, wayland_threshold, why_not));
    CHECK(why_not.find("WAYLAND_DISPLAY") != std::string::npos);
    CHECK(sink.events.empty());
}

}  // namespace clockout::test::idle
