// The daemon's loop: one deadline at a time, and termination signals handled on the loop.
#include <csignal>

#include "platform/event_loop.h"
#include "session_bus.h"

namespace clockout::platform {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test::pump_for;
using test::pump_until;

namespace {

// Ends run() after `limit` even if the test's event never comes, so a failure fails instead of hanging.
guint safety_quit(EventLoop& loop, std::chrono::milliseconds limit) {
    return g_timeout_add(
        static_cast<guint>(limit.count()),
        [](gpointer loop_ptr) -> gboolean {
            static_cast<EventLoop*>(loop_ptr)->quit();
            return G_SOURCE_REMOVE;
        },
        &loop);
}

}  // namespace

TEST_CASE("event loop: a deadline fires once, after its delay") {
    auto loop = make_event_loop();
    int fired = 0;
    auto start = Clock::now();
    Clock::duration elapsed{};
    loop->set_deadline(150ms, [&] {
        ++fired;
        elapsed = Clock::now() - start;
        loop->quit();
    });
    guint safety = safety_quit(*loop, 5000ms);
    loop->run();
    g_source_remove(safety);
    CHECK(fired == 1);
    CHECK(elapsed >= 150ms);
    CHECK(elapsed < 2s);
    pump_for(400ms);
    CHECK(fired == 1);
}

TEST_CASE("event loop: a newer deadline replaces the pending one") {
    auto loop = make_event_loop();
    int first = 0;
    int second = 0;
    auto start = Clock::now();
    Clock::duration elapsed{};
    loop->set_deadline(100ms, [&] { ++first; });
    loop->set_deadline(250ms, [&] {
        ++second;
        elapsed = Clock::now() - start;
    });
    REQUIRE(pump_until([&] { return second == 1; }, 5s));
    CHECK(elapsed >= 250ms);
    pump_for(300ms);
    CHECK(first == 0);
    CHECK(second == 1);
}

TEST_CASE("event loop: a deadline may set the next one from its callback") {
    auto loop = make_event_loop();
    int fired = 0;
    std::function<void()> again = [&] {
        if (++fired < 3)
            loop->set_deadline(20ms, again);
    };
    loop->set_deadline(20ms, again);
    REQUIRE(pump_until([&] { return fired == 3; }, 5s));
    pump_for(200ms);
    CHECK(fired == 3);
}

TEST_CASE("event loop: SIGTERM and SIGHUP reach on_terminate on the loop") {
    auto loop = make_event_loop();
    std::vector<int> signals;
    loop->on_terminate([&](int signal) {
        signals.push_back(signal);
        loop->quit();
    });
    std::raise(SIGTERM);
    guint safety = safety_quit(*loop, 5000ms);
    loop->run();
    g_source_remove(safety);
    REQUIRE(signals == std::vector<int>{SIGTERM});

    std::raise(SIGHUP);
    REQUIRE(pump_until([&] { return signals.size() == 2; }, 5s));
    CHECK(signals[1] == SIGHUP);
}

}  // namespace clockout::platform
