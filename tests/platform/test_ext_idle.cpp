// The ext-idle-notify-v1 backend, the real client code, against the small compositor of idle_wayland_compositor.h.
#include <doctest/doctest.h>

#include <string>

#include "idle_test_support.h"
#include "idle_wayland_compositor.h"
#include "support/test_support.h"

using namespace clockout::test::idle;
using clockout::test::TempDir;

namespace {

constexpr auto threshold = 3s;

std::unique_ptr<clockout::platform::ActivitySource> ext_idle_source() {
    unsetenv("DISPLAY");
    return idle_source("ext-idle-notify");
}

}  // namespace

TEST_CASE("ext-idle-notify asks for the threshold and reports idled and resumed as idle and active") {
    TempDir runtime("ext_idle_transitions");
    WaylandCompositor compositor(runtime.path());
    auto source = ext_idle_source();
    REQUIRE(source != nullptr);
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(source->start(sink, threshold, why_not), why_not);

    // start() makes two round trips, so the compositor has the request by now.
    CHECK(compositor.requested_timeout() == 3000);
    CHECK(compositor.live_notifications() == 1);

    // No idle-time query in the protocol: the source assumes input at start.
    Received start = next_event(sink, 0, 1s);
    CHECK(start.event.kind == ActivityKind::input_active);
    CHECK(start.event.source == "ext-idle-notify");

    auto sent = Steady::now();
    compositor.send_idled();
    Received idle = next_event(sink, 1, 2s);
    REQUIRE(idle.event.kind == ActivityKind::input_idle);
    MESSAGE("ext-idle-notify: input_idle " << ms(sent, idle.when) << " ms after idled");
    CHECK(ms(sent, idle.when) <= 1000);
    // `since` is the last input: the threshold before idled.
    CHECK(seconds_between(idle.event.since, wall_now() - threshold) <= 1);
    CHECK(seconds_between(idle.event.at, wall_now()) <= 1);

    sent = Steady::now();
    compositor.send_resumed();
    Received back = next_event(sink, 2, 2s);
    REQUIRE(back.event.kind == ActivityKind::input_active);
    MESSAGE("ext-idle-notify: input_active " << ms(sent, back.when) << " ms after resumed");
    CHECK(ms(sent, back.when) <= 1000);
    CHECK(seconds_between(back.event.at, wall_now()) <= 1);

    compositor.send_idled();
    CHECK(next_event(sink, 3, 2s).event.kind == ActivityKind::input_idle);
    CHECK(sink.events.size() == 4);

    // stop() hands the notification back.
    source->stop();
    bool released = run_until([&] { return compositor.live_notifications() == 0; }, 2s);
    CHECK(released);
}

TEST_CASE("ext-idle-notify reports backend_lost when the compositor goes away") {
    TempDir runtime("ext_idle_lost");
    WaylandCompositor compositor(runtime.path());
    auto source = ext_idle_source();
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(source->start(sink, threshold, why_not), why_not);
    REQUIRE(next_event(sink, 0, 1s).event.kind == ActivityKind::input_active);

    auto crashed = Steady::now();
    compositor.crash();
    Received lost = next_event(sink, 1, 3s);
    CHECK(lost.event.kind == ActivityKind::backend_lost);
    MESSAGE("ext-idle-notify: backend_lost " << ms(crashed, lost.when) << " ms after the compositor went away");
    CHECK(ms(crashed, lost.when) <= 1000);
    // Never active again after that.
    run_until([] { return false; }, 300ms);
    CHECK(sink.events.size() == 2);
    source->stop();
}

TEST_CASE("ext-idle-notify does not start without the global or without WAYLAND_DISPLAY") {
    RecordingSink sink;
    std::string why_not;
    {
        TempDir runtime("ext_idle_no_global");
        WaylandCompositor compositor(runtime.path(), false);
        auto source = ext_idle_source();
        CHECK_FALSE(source->start(sink, threshold, why_not));
        CHECK(why_not.find("ext_idle_notifier_v1") != std::string::npos);
    }
    setenv("WAYLAND_DISPLAY", "wayland-unused", 1);  // only to be offered the backend
    auto source = ext_idle_source();
    REQUIRE(source != nullptr);
    unsetenv("WAYLAND_DISPLAY");
    why_not.clear();
    CHECK_FALSE(source->start(sink, threshold, why_not));
    CHECK(why_not.find("WAYLAND_DISPLAY") != std::string::npos);
    CHECK(sink.events.empty());
}
