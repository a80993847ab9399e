// A call through the engine (issue 14): the platform's call events reach the tracker, a call in quiet hours asks
// Personal / Work once like input does, and the answer labels the call.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "app/engine.h"
#include "journal/journal.h"
#include "support/test_support.h"

namespace clockout::app {
namespace {

using namespace std::chrono_literals;

class Recorder final : public NudgePresenter {
  public:
    void present(const core::Nudge& nudge) override { kinds.push_back(nudge.kind); }
    std::vector<core::NudgeKind> kinds;
    long count(core::NudgeKind kind) const { return std::count(kinds.begin(), kinds.end(), kind); }
};

platform::ActivityEvent event(platform::ActivityKind kind, core::TimePoint at, core::TimePoint since = {}) {
    platform::ActivityEvent e;
    e.kind = kind;
    e.at = at;
    e.since = since;
    e.source =
        kind == platform::ActivityKind::call_started || kind == platform::ActivityKind::call_ended ? "pulse" : "xsync";
    return e;
}

Context paris_context() {
    Context context;
    context.zone = core::fixed_zone(1h);
    context.schedule = std::make_shared<const core::Schedule>(context.settings.schedule);
    context.device = "laptop";
    return context;
}

}  // namespace

TEST_CASE("engine: a call at 21:00 with no input asks Personal / Work once, and Personal labels the call") {
    test::TempDir dir("engine_calls");
    auto j = journal::Journal::open(dir / "journal.sqlite");
    const Context context = paris_context();
    core::SimulatedClock clock(test::local("2026-11-30 20:50", 60));  // Monday evening, quiet hours from 20:00
    Recorder presenter;
    Engine engine(context, *j, *j, clock, presenter);
    engine.start("test");
    engine.on_activity(event(platform::ActivityKind::input_idle, clock.now(), clock.now()));
    clock.advance(10min);
    engine.on_activity(event(platform::ActivityKind::call_started, clock.now()));  // 21:00
    CHECK(engine.tracker().state() == core::State::call);
    CHECK(engine.live_state().present);
    CHECK(presenter.count(core::NudgeKind::quiet_prompt) == 1);
    // The threshold passes with no input: still in the call, and asked once only.
    clock.advance(5min);
    engine.on_activity(event(platform::ActivityKind::input_idle, clock.now(), clock.now() - 5min));
    engine.on_deadline();
    CHECK(engine.tracker().state() == core::State::call);
    CHECK(presenter.count(core::NudgeKind::quiet_prompt) == 1);
    engine.answer(NudgeAnswer::personal);
    CHECK(engine.tracker().state() == core::State::personal);
    clock.advance(25min);
    engine.on_activity(event(platform::ActivityKind::call_ended, clock.now()));  // 21:30
    CHECK(engine.tracker().state() == core::State::idle);
    clock.advance(5min);
    engine.stop();
    const auto rows = j->intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30"));
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].state == core::State::personal);
    CHECK(rows[1].start == test::local("2026-11-30 21:00", 60));
    CHECK(rows[1].end == test::local("2026-11-30 21:30", 60));
    CHECK(rows[2].state == core::State::idle);
    CHECK(rows[2].start == test::local("2026-11-30 21:30", 60));
    CHECK(presenter.count(core::NudgeKind::quiet_prompt) == 1);
}

TEST_CASE("engine: a call answered Work in quiet hours stays a call and counts in the day") {
    test::TempDir dir("engine_calls_work");
    auto j = journal::Journal::open(dir / "journal.sqlite");
    const Context context = paris_context();
    core::SimulatedClock clock(test::local("2026-11-30 17:00", 60));
    Recorder presenter;
    Engine engine(context, *j, *j, clock, presenter);
    engine.start("test");
    engine.on_activity(event(platform::ActivityKind::input_active, clock.now()));
    clock.advance(1min);
    engine.on_activity(event(platform::ActivityKind::call_started, clock.now()));  // 17:01
    clock.advance(5min);
    engine.on_activity(event(platform::ActivityKind::input_idle, clock.now(), clock.now() - 5min));
    while (clock.now() < test::local("2026-11-30 21:01", 60)) {  // a deadline each minute at least
        clock.advance(1min);
        engine.on_deadline();
    }
    CHECK(engine.tracker().state() == core::State::call);
    engine.answer(NudgeAnswer::work);
    CHECK(engine.tracker().state() == core::State::call);
    engine.on_activity(event(platform::ActivityKind::call_ended, clock.now()));
    CHECK(engine.tracker().state() == core::State::idle);
    CHECK(engine.live_state().today_active_min == 4 * 60 + 1);  // 17:00 -> 21:01, no idle in the call
    engine.stop();
}

}  // namespace clockout::app
