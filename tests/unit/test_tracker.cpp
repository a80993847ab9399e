// The tracker in simulated time: what it writes to the journal, when it commits, and what it never invents.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/interval.h"
#include "core/time.h"
#include "core/tracker.h"
#include "support/test_support.h"

using namespace clockout;
using namespace std::chrono_literals;
using core::SignalKind;
using core::State;

namespace {

// Wall time "2026-11-30 09:00" read in `zone`.
core::TimePoint wall(const core::TimeZone& zone, const std::string& text) {
    auto d = core::parse_date(text.substr(0, 10));
    auto hm = core::parse_hhmm(text.substr(11, 5));
    REQUIRE(d);
    REQUIRE(hm);
    return zone.to_utc(core::LocalTime{date::local_days{*d}} + *hm);
}

core::Signal signal(SignalKind kind, core::TimePoint at) {
    core::Signal s;
    s.kind = kind;
    s.at = at;
    s.source = "xsync";
    return s;
}

core::Signal idle(core::TimePoint at, core::TimePoint since) {
    auto s = signal(SignalKind::input_idle, at);
    s.since = since;
    return s;
}

std::string z(core::TimePoint t) {
    return core::format_utc(t);
}

core::Seconds total(const core::MemoryIntervals& sink, State state) {
    core::Seconds sum{0};
    for (const auto& row : sink.all())
        if (row.state == state)
            sum += row.duration();
    return sum;
}

long count(const std::vector<std::string>& commits, const std::string& reason) {
    return std::count(commits.begin(), commits.end(), reason);
}

bool no_empty_rows(const core::MemoryIntervals& sink) {
    return std::all_of(sink.all().begin(), sink.all().end(), [](const core::Interval& i) { return i.end > i.start; });
}

// Ticks every minute over (from, to], as the daemon's deadlines would at least.
void tick_through(core::Tracker& tracker, core::TimePoint from, core::TimePoint to) {
    for (auto t = from + 1min; t <= to; t += 1min)
        tracker.tick(t);
}

// Forwards to MemoryIntervals and keeps the order of every call, to check what is durable when.
class RecordingSink final : public core::IntervalSink {
  public:
    std::int64_t insert(const core::Interval& interval) override {
        log.push_back("insert " + std::string(core::to_string(interval.state)));
        return rows.insert(interval);
    }
    void update(const core::Interval& interval) override {
        log.push_back("update " + std::string(core::to_string(interval.state)));
        rows.update(interval);
    }
    void add_marker(const core::Marker& marker) override {
        log.push_back("marker " + marker.kind);
        rows.add_marker(marker);
    }
    void commit(std::string_view reason) override {
        log.push_back("commit " + std::string(reason));
        rows.commit(reason);
    }
    core::MemoryIntervals rows;
    std::vector<std::string> log;
};

const auto paris_winter = core::fixed_zone(1h);

}  // namespace

TEST_CASE("an active run ends at the last input and the idle interval starts there") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;

    tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 08:55")));
    CHECK_FALSE(tracker.open_interval());  // nothing is known until a backend reports
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:00")));
    CHECK(tracker.state() == State::active);
    tick_through(tracker, wall(zone, "2026-11-30 09:00"), wall(zone, "2026-11-30 09:45"));
    REQUIRE(sink.all().size() == 1);
    CHECK(z(sink.all()[0].end) == "2026-11-30T08:45:00Z");  // the 09:45 checkpoint

    // The threshold passed at 09:47; the last input was at 09:42.
    tracker.handle(idle(wall(zone, "2026-11-30 09:47"), wall(zone, "2026-11-30 09:42")));
    REQUIRE(sink.all().size() == 1);
    const auto& active = sink.all()[0];
    CHECK(active.state == State::active);
    CHECK(z(active.start) == "2026-11-30T08:00:00Z");
    CHECK(z(active.end) == "2026-11-30T08:42:00Z");
    CHECK(active.utc_offset == 1h);
    CHECK(active.work_day == test::day("2026-11-30"));
    CHECK(active.source == "xsync");
    CHECK(active.device == "this-device");
    REQUIRE(tracker.open_interval());
    CHECK(tracker.state() == State::idle);
    CHECK(z(tracker.open_interval()->start) == "2026-11-30T08:42:00Z");
    CHECK(sink.commits().back() == "state change");

    tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 10:00")));
    REQUIRE(sink.all().size() == 2);
    CHECK(sink.all()[1].state == State::idle);
    CHECK(z(sink.all()[1].start) == "2026-11-30T08:42:00Z");
    CHECK(z(sink.all()[1].end) == "2026-11-30T09:00:00Z");
    CHECK(total(sink, State::active) == 42min);
    REQUIRE(sink.markers().size() == 2);
    CHECK(sink.markers()[0].kind == "agent_start");
    CHECK(z(sink.markers()[0].at) == "2026-11-30T07:55:00Z");
    CHECK(sink.markers()[1].kind == "agent_stop");
    CHECK(z(sink.markers()[1].at) == "2026-11-30T09:00:00Z");
}

TEST_CASE("the first idle report opens idle from the last input, never before the agent started") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 08:55")));
    tracker.handle(idle(wall(zone, "2026-11-30 09:00"), wall(zone, "2026-11-30 08:30")));
    REQUIRE(tracker.open_interval());
    CHECK(tracker.state() == State::idle);
    CHECK(z(tracker.open_interval()->start) == "2026-11-30T07:55:00Z");
    CHECK_FALSE(tracker.present());
}

TEST_CASE("locking opens a locked interval and commits at once; unlocking is not activity") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:00")));
    tracker.handle(signal(SignalKind::lock, wall(zone, "2026-11-30 10:00")));
    CHECK(tracker.state() == State::locked);
    CHECK(sink.commits().back() == "lock");
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].state == State::active);
    CHECK(z(sink.all()[0].end) == "2026-11-30T09:00:00Z");  // durable with that commit

    tracker.handle(signal(SignalKind::unlock, wall(zone, "2026-11-30 10:30")));
    CHECK(tracker.state() == State::idle);
    CHECK_FALSE(tracker.present());
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 10:31")));
    CHECK(tracker.state() == State::active);
    REQUIRE(sink.all().size() == 3);
    CHECK(sink.all()[1].state == State::locked);
    CHECK(sink.all()[1].duration() == 30min);
    CHECK(sink.all()[2].state == State::idle);
    CHECK(sink.all()[2].duration() == 1min);

    // Another session taking the seat counts as locked too.
    tracker.handle(signal(SignalKind::session_inactive, wall(zone, "2026-11-30 11:00")));
    CHECK(tracker.state() == State::locked);
    CHECK(sink.commits().back() == "lock");
    tracker.handle(signal(SignalKind::session_active, wall(zone, "2026-11-30 11:10")));
    CHECK(tracker.state() == State::idle);
}

TEST_CASE("sleep is committed before handle() returns and waking is not activity") {
    RecordingSink sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:00")));
    tick_through(tracker, wall(zone, "2026-11-30 09:00"), wall(zone, "2026-11-30 11:58"));
    sink.log.clear();

    tracker.handle(signal(SignalKind::sleep, wall(zone, "2026-11-30 12:00")));
    // The active row reaches 12:00 and the last thing done is the commit: the delay lock can be released.
    CHECK(sink.log == std::vector<std::string>{"update active", "commit sleep"});
    CHECK(z(sink.rows.all()[0].end) == "2026-11-30T11:00:00Z");
    CHECK(tracker.state() == State::suspended);

    tracker.handle(signal(SignalKind::wake, wall(zone, "2026-11-30 13:30")));
    CHECK(tracker.state() == State::idle);
    CHECK_FALSE(tracker.present());
    REQUIRE(sink.rows.all().size() == 2);
    CHECK(sink.rows.all()[1].state == State::suspended);
    CHECK(z(sink.rows.all()[1].start) == "2026-11-30T11:00:00Z");
    CHECK(z(sink.rows.all()[1].end) == "2026-11-30T12:30:00Z");
    CHECK(total(sink.rows, State::active) == 3h);
    CHECK(sink.rows.commits().back() == "state change");
}

TEST_CASE("an interval is split at day_start: work from 03:00 to 05:00 belongs to two work days") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-12-01 03:00")));
    tick_through(tracker, wall(zone, "2026-12-01 03:00"), wall(zone, "2026-12-01 03:57"));
    CHECK(z(*tracker.next_deadline()) == "2026-12-01T03:00:00Z");
    tick_through(tracker, wall(zone, "2026-12-01 03:57"), wall(zone, "2026-12-01 05:00"));
    tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-12-01 05:00")));

    REQUIRE(sink.all().size() == 2);
    CHECK(z(sink.all()[0].start) == "2026-12-01T02:00:00Z");
    CHECK(z(sink.all()[0].end) == "2026-12-01T03:00:00Z");
    CHECK(sink.all()[0].work_day == test::day("2026-11-30"));
    CHECK(z(sink.all()[1].start) == "2026-12-01T03:00:00Z");
    CHECK(z(sink.all()[1].end) == "2026-12-01T04:00:00Z");
    CHECK(sink.all()[1].work_day == test::day("2026-12-01"));
    CHECK(count(sink.commits(), "day start") == 1);

    // The boundary is a deadline of its own, earlier than the next checkpoint.
    core::MemoryIntervals sink2;
    core::Tracker late({}, paris_winter, sink2);
    late.handle(signal(SignalKind::input_active, wall(zone, "2026-12-01 03:58")));
    CHECK(z(*late.next_deadline()) == "2026-12-01T03:00:00Z");
}

TEST_CASE("an idle report just after day_start backdates the activity into the previous work day") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-12-01 03:00")));
    tick_through(tracker, wall(zone, "2026-12-01 03:00"), wall(zone, "2026-12-01 04:02"));
    // Last input 03:58, threshold passed at 04:03, after the 04:00 split.
    tracker.handle(idle(wall(zone, "2026-12-01 04:03"), wall(zone, "2026-12-01 03:58")));
    tracker.tick(wall(zone, "2026-12-01 04:10"));
    tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-12-01 04:10")));

    REQUIRE(sink.all().size() == 3);
    CHECK(no_empty_rows(sink));
    CHECK(sink.all()[0].state == State::active);
    CHECK(z(sink.all()[0].end) == "2026-12-01T02:58:00Z");
    CHECK(sink.all()[0].work_day == test::day("2026-11-30"));
    CHECK(sink.all()[1].state == State::idle);
    CHECK(z(sink.all()[1].start) == "2026-12-01T02:58:00Z");
    CHECK(z(sink.all()[1].end) == "2026-12-01T03:00:00Z");
    CHECK(sink.all()[1].work_day == test::day("2026-11-30"));
    CHECK(sink.all()[2].state == State::idle);
    CHECK(z(sink.all()[2].start) == "2026-12-01T03:00:00Z");
    CHECK(sink.all()[2].work_day == test::day("2026-12-01"));
    CHECK(total(sink, State::active) == 58min);
}

TEST_CASE("across DST in Europe/Paris each interval keeps the offset of its start") {
    auto paris = core::make_zone("Europe/Paris");
    REQUIRE(paris);

    SUBCASE("spring forward: 23:30 CET to 04:30 CEST") {
        core::MemoryIntervals sink;
        core::Tracker tracker({}, paris, sink);
        const auto from = wall(*paris, "2026-03-28 23:30");
        const auto to = wall(*paris, "2026-03-29 04:30");
        tracker.handle(signal(SignalKind::input_active, from));
        tick_through(tracker, from, to);
        tracker.handle(signal(SignalKind::agent_stop, to));
        REQUIRE(sink.all().size() == 2);
        CHECK(z(sink.all()[0].start) == "2026-03-28T22:30:00Z");
        CHECK(z(sink.all()[0].end) == "2026-03-29T02:00:00Z");  // 04:00 CEST
        CHECK(sink.all()[0].utc_offset == 1h);
        CHECK(sink.all()[0].work_day == test::day("2026-03-28"));
        CHECK(sink.all()[0].duration() == 3h + 30min);  // the skipped hour is not counted
        CHECK(sink.all()[1].utc_offset == 2h);
        CHECK(sink.all()[1].work_day == test::day("2026-03-29"));
        CHECK(sink.all()[1].duration() == 30min);
    }
    SUBCASE("fall back: 23:30 CEST to 04:30 CET") {
        core::MemoryIntervals sink;
        core::Tracker tracker({}, paris, sink);
        const auto from = wall(*paris, "2026-10-24 23:30");
        const auto to = wall(*paris, "2026-10-25 04:30");
        tracker.handle(signal(SignalKind::input_active, from));
        tick_through(tracker, from, to);
        tracker.handle(signal(SignalKind::agent_stop, to));
        REQUIRE(sink.all().size() == 2);
        CHECK(z(sink.all()[0].start) == "2026-10-24T21:30:00Z");
        CHECK(z(sink.all()[0].end) == "2026-10-25T03:00:00Z");  // 04:00 CET
        CHECK(sink.all()[0].utc_offset == 2h);
        CHECK(sink.all()[0].work_day == test::day("2026-10-24"));
        CHECK(sink.all()[0].duration() == 5h + 30min);  // the repeated hour is counted
        CHECK(sink.all()[1].utc_offset == 1h);
        CHECK(sink.all()[1].work_day == test::day("2026-10-25"));
    }
}

TEST_CASE("a zone change from Paris to Montreal writes a marker and reopens with the new offset") {
    auto paris = core::make_zone("Europe/Paris");
    auto montreal = core::make_zone("America/Montreal");
    REQUIRE(paris);
    REQUIRE(montreal);
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris, sink);
    tracker.handle(signal(SignalKind::input_active, test::utc("2026-12-01T08:00:00Z")));
    tick_through(tracker, test::utc("2026-12-01T08:00:00Z"), test::utc("2026-12-01T15:00:00Z"));
    auto change = signal(SignalKind::zone_change, test::utc("2026-12-01T15:00:00Z"));
    change.zone = montreal;
    tracker.handle(change);

    REQUIRE(sink.all().size() == 1);
    CHECK(z(sink.all()[0].end) == "2026-12-01T15:00:00Z");
    CHECK(sink.all()[0].utc_offset == 1h);
    REQUIRE(sink.markers().size() == 1);
    CHECK(sink.markers()[0].kind == "zone_change");
    CHECK(z(sink.markers()[0].at) == "2026-12-01T15:00:00Z");
    CHECK(sink.markers()[0].detail == "Europe/Paris -> " + montreal->name());
    CHECK(sink.commits().back() == "zone change");
    REQUIRE(tracker.open_interval());
    CHECK(tracker.state() == State::active);
    CHECK(tracker.open_interval()->utc_offset == -5h);
    CHECK(tracker.open_interval()->work_day == test::day("2026-12-01"));
    CHECK(tracker.zone() == montreal);

    // The next split is at 04:00 in Montreal (09:00Z), not at 04:00 in Paris (03:00Z).
    tracker.handle(signal(SignalKind::lock, test::utc("2026-12-01T16:00:00Z")));
    tracker.tick(test::utc("2026-12-02T10:00:00Z"));
    REQUIRE(sink.all().size() == 4);
    CHECK(sink.all()[2].state == State::locked);
    CHECK(z(sink.all()[2].end) == "2026-12-02T09:00:00Z");
    CHECK(sink.all()[2].work_day == test::day("2026-12-01"));
    CHECK(sink.all()[3].work_day == test::day("2026-12-02"));
    CHECK(sink.all()[3].utc_offset == -5h);
}

TEST_CASE("a clock jump writes a marker and neither creates nor loses active time") {
    for (const core::Seconds jump : {core::Seconds{2h}, core::Seconds{-2h}}) {
        CAPTURE(jump.count());
        core::SimulatedClock clock(test::utc("2026-11-30T08:00:00Z"));
        core::MemoryIntervals sink;
        core::Tracker tracker({}, paris_winter, sink);
        const auto mono_start = clock.monotonic();
        tracker.handle(signal(SignalKind::input_active, clock.now()));
        for (int i = 0; i < 30; ++i) {
            clock.advance(1min);
            tracker.tick(clock.now());
        }
        clock.set_wall(clock.now() + jump);
        auto s = signal(SignalKind::clock_jump, clock.now());
        s.jump = jump;
        tracker.handle(s);
        const auto commits_before = count(sink.commits(), "checkpoint");
        for (int i = 0; i < 30; ++i) {
            clock.advance(1min);
            tracker.tick(clock.now());
        }
        tracker.handle(signal(SignalKind::agent_stop, clock.now()));

        CHECK(total(sink, State::active) == clock.monotonic() - mono_start);
        CHECK(total(sink, State::active) == 1h);
        REQUIRE(sink.all().size() == 2);
        CHECK(z(sink.all()[0].end) == "2026-11-30T08:30:00Z");
        CHECK(sink.all()[1].start == test::utc("2026-11-30T08:30:00Z") + jump);
        REQUIRE(sink.markers().size() == 2);
        CHECK(sink.markers()[0].kind == "clock_jump");
        CHECK(sink.markers()[0].at == test::utc("2026-11-30T08:30:00Z") + jump);
        CHECK(sink.markers()[0].detail == (jump > 0s ? "+7200s" : "-7200s"));
        // Checkpoints keep their 5-minute pace on the new wall clock, even when it went back.
        CHECK(count(sink.commits(), "checkpoint") - commits_before == 6);
    }
}

TEST_CASE("while one state lasts, the open row is extended and committed every 5 minutes") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    const auto start = wall(zone, "2026-11-30 09:00");
    tracker.handle(signal(SignalKind::input_active, start));
    CHECK(sink.commits() == std::vector<std::string>{"state change"});
    CHECK(z(*tracker.next_deadline()) == "2026-11-30T08:05:00Z");

    tick_through(tracker, start, start + 30min);
    CHECK(sink.commits().size() == 7);
    CHECK(count(sink.commits(), "checkpoint") == 6);
    REQUIRE(sink.all().size() == 1);
    CHECK(z(sink.all()[0].end) == "2026-11-30T08:30:00Z");
    CHECK(z(*tracker.next_deadline()) == "2026-11-30T08:35:00Z");

    // A daemon that only wakes at the deadlines commits exactly as often.
    core::MemoryIntervals sink2;
    core::Tracker sleepy({}, paris_winter, sink2);
    sleepy.handle(signal(SignalKind::input_active, start));
    while (*sleepy.next_deadline() <= start + 1h)
        sleepy.tick(*sleepy.next_deadline());
    CHECK(count(sink2.commits(), "checkpoint") == 12);
    CHECK(z(sink2.all()[0].end) == "2026-11-30T09:00:00Z");
}

TEST_CASE("marking the running activity personal relabels it in place until the run ends") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 21:30")));
    tick_through(tracker, wall(zone, "2026-11-30 21:30"), wall(zone, "2026-11-30 21:40"));
    REQUIRE(sink.all().size() == 1);
    const auto id = sink.all()[0].id;

    tracker.handle(signal(SignalKind::mark_personal, wall(zone, "2026-11-30 21:40")));
    CHECK(tracker.state() == State::personal);
    CHECK(tracker.present());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].id == id);
    CHECK(sink.all()[0].state == State::personal);
    CHECK(sink.commits().back() == "relabel");

    tracker.handle(idle(wall(zone, "2026-11-30 22:00"), wall(zone, "2026-11-30 21:55")));
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 22:10")));
    CHECK(tracker.state() == State::active);  // a new run is work again
    REQUIRE(sink.all().size() == 2);
    CHECK(sink.all()[0].state == State::personal);
    CHECK(z(sink.all()[0].end) == "2026-11-30T20:55:00Z");
    CHECK(total(sink, State::active) == 0s);

    tracker.handle(signal(SignalKind::mark_personal, wall(zone, "2026-11-30 22:11")));
    CHECK(tracker.state() == State::personal);
    tracker.handle(signal(SignalKind::mark_work, wall(zone, "2026-11-30 22:12")));
    CHECK(tracker.state() == State::active);

    // "Personal" said while the input backend still reports idle applies to the run that starts.
    tracker.handle(idle(wall(zone, "2026-11-30 22:20"), wall(zone, "2026-11-30 22:15")));
    tracker.handle(signal(SignalKind::mark_personal, wall(zone, "2026-11-30 22:21")));
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 22:21")));
    CHECK(tracker.state() == State::personal);
    // A lock ends the run.
    tracker.handle(signal(SignalKind::lock, wall(zone, "2026-11-30 22:30")));
    tracker.handle(signal(SignalKind::unlock, wall(zone, "2026-11-30 22:31")));
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 22:31")));
    CHECK(tracker.state() == State::active);
}

TEST_CASE("agent_stop closes the open interval, writes a marker and commits") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:00")));
    tick_through(tracker, wall(zone, "2026-11-30 09:00"), wall(zone, "2026-11-30 09:07"));
    tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 09:10")));
    CHECK_FALSE(tracker.open_interval());
    CHECK_FALSE(tracker.next_deadline());
    REQUIRE(sink.all().size() == 1);
    CHECK(z(sink.all()[0].end) == "2026-11-30T08:10:00Z");
    CHECK(sink.commits().back() == "exit");
    REQUIRE(sink.markers().size() == 1);
    CHECK(sink.markers()[0].kind == "agent_stop");
}

TEST_CASE("the journal never keeps a zero-length interval") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;

    // An idle interval replaced in the same second is never written.
    tracker.handle(signal(SignalKind::unlock, wall(zone, "2026-11-30 09:00")));
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:00")));
    tick_through(tracker, wall(zone, "2026-11-30 09:00"), wall(zone, "2026-11-30 09:05"));
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].state == State::active);

    // A stored row backdated to its own start is handed to the idle interval that follows.
    tracker.handle(idle(wall(zone, "2026-11-30 09:06"), wall(zone, "2026-11-30 09:00")));
    tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 09:10")));
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].state == State::idle);
    CHECK(z(sink.all()[0].start) == "2026-11-30T08:00:00Z");
    CHECK(z(sink.all()[0].end) == "2026-11-30T08:10:00Z");
    CHECK(no_empty_rows(sink));
}

TEST_CASE("a lost backend is off, never active, and input brings activity back") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:00")));
    tracker.handle(signal(SignalKind::backend_lost, wall(zone, "2026-11-30 10:00")));
    CHECK(tracker.state() == State::off);
    CHECK_FALSE(tracker.present());
    tick_through(tracker, wall(zone, "2026-11-30 10:00"), wall(zone, "2026-11-30 11:00"));
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 11:00")));
    CHECK(tracker.state() == State::active);
    REQUIRE(sink.all().size() == 2);
    CHECK(sink.all()[1].state == State::off);
    CHECK(sink.all()[1].duration() == 1h);
    CHECK(total(sink, State::active) == 1h);
}

TEST_CASE("a single input is kept as an activity of no length: one keystroke at 21:00 is a reconnection") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(idle(wall(zone, "2026-12-01 20:00"), wall(zone, "2026-12-01 20:00")));
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-12-01 21:00")));
    // The idle monitor reports idle once the threshold has passed, backdated to that one input.
    tracker.handle(idle(wall(zone, "2026-12-01 21:05"), wall(zone, "2026-12-01 21:00")));
    tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-12-01 21:10")));

    REQUIRE(sink.all().size() == 3);
    CHECK(sink.all()[0].state == State::idle);
    CHECK(z(sink.all()[0].end) == "2026-12-01T20:00:00Z");
    CHECK(sink.all()[1].state == State::active);
    CHECK(z(sink.all()[1].start) == "2026-12-01T20:00:00Z");
    CHECK(z(sink.all()[1].end) == "2026-12-01T20:00:00Z");
    CHECK(sink.all()[2].state == State::idle);
    CHECK(z(sink.all()[2].start) == "2026-12-01T20:00:00Z");
    CHECK(z(sink.all()[2].end) == "2026-12-01T20:10:00Z");
}

TEST_CASE("the live view holds the open interval up to now, between checkpoints") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    const auto day = test::day("2026-11-30");

    tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 08:55")));
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:00")));
    tick_through(tracker, wall(zone, "2026-11-30 09:00"), wall(zone, "2026-11-30 09:08"));
    // The stored copy stopped at the 09:05 checkpoint; the live view runs to 09:08.
    REQUIRE(sink.intervals_for_days(day, day).size() == 1);
    CHECK(z(sink.intervals_for_days(day, day)[0].end) == "2026-11-30T08:05:00Z");
    const core::LiveIntervals live(sink, tracker.open_interval());
    auto rows = live.intervals_for_days(day, day);
    REQUIRE(rows.size() == 1);
    CHECK(z(rows[0].start) == "2026-11-30T08:00:00Z");
    CHECK(z(rows[0].end) == "2026-11-30T08:08:00Z");
    CHECK(rows[0].id == sink.all()[0].id);
    REQUIRE(live.last_active_before(wall(zone, "2026-11-30 09:10")));
    CHECK(z(live.last_active_before(wall(zone, "2026-11-30 09:10"))->end) == "2026-11-30T08:08:00Z");
    // Before 09:08 the open run has not ended: nothing active ended then (the stored copy's 09:05 is not an end).
    CHECK_FALSE(live.last_active_before(wall(zone, "2026-11-30 09:06")));
    REQUIRE(live.first_active_after(wall(zone, "2026-11-30 08:00")));
    CHECK(z(live.first_active_after(wall(zone, "2026-11-30 08:00"))->end) == "2026-11-30T08:08:00Z");
    CHECK(live.first_day() == day);
    CHECK(live.intervals_for_days(test::day("2026-12-01"), test::day("2026-12-01")).empty());
}

TEST_CASE("the live view inserts an open interval not stored yet in start order") {
    core::MemoryIntervals base;
    const auto& zone = *paris_winter;
    const auto day = test::day("2026-11-30");
    core::Interval morning{
        wall(zone, "2026-11-30 09:00"), wall(zone, "2026-11-30 12:00"), State::active, 1h, day, "xsync", "laptop"};
    core::Interval evening{
        wall(zone, "2026-11-30 20:00"), wall(zone, "2026-11-30 20:30"), State::active, 1h, day, "xsync", "laptop"};
    base.insert(morning);
    base.insert(evening);
    core::Interval open{
        wall(zone, "2026-11-30 13:00"), wall(zone, "2026-11-30 13:20"), State::personal, 1h, day, "xsync", "laptop"};
    const core::LiveIntervals live(base, open);
    auto rows = live.intervals_for_days(day, day);
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].state == State::personal);
    CHECK(z(rows[1].start) == "2026-11-30T12:00:00Z");
    // A personal interval is not activity: the last active before 14:00 is still the morning.
    CHECK(z(live.last_active_before(wall(zone, "2026-11-30 14:00"))->end) == "2026-11-30T11:00:00Z");
    CHECK(z(live.first_active_after(wall(zone, "2026-11-30 12:30"))->start) == "2026-11-30T19:00:00Z");
    core::Interval earlier{wall(zone, "2026-11-29 22:00"),
                           wall(zone, "2026-11-29 22:10"),
                           State::active,
                           1h,
                           test::day("2026-11-29"),
                           "xsync",
                           "laptop"};
    CHECK(core::LiveIntervals(base, earlier).first_day() == test::day("2026-11-29"));
    CHECK(core::LiveIntervals(base, std::nullopt).intervals_for_days(day, day).size() == 2);
}

// "Pause tracking" used to pause only the nudges: working through a 1-hour pause left an hour of active rows.
TEST_CASE("pause: the worker's input during a pause is recorded as off, and resume goes back to active") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 09:55")));
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 10:00")));
    tick_through(tracker, wall(zone, "2026-11-30 10:00"), wall(zone, "2026-11-30 10:30"));

    tracker.handle(signal(SignalKind::pause, wall(zone, "2026-11-30 10:30")));
    CHECK(tracker.paused());
    CHECK(tracker.state() == State::off);
    CHECK_FALSE(tracker.present());
    // The worker keeps working through the pause, with a short break in the middle.
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 10:40")));
    CHECK(tracker.state() == State::off);
    tracker.handle(idle(wall(zone, "2026-11-30 11:00"), wall(zone, "2026-11-30 10:55")));
    CHECK(tracker.state() == State::idle);
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 11:05")));
    CHECK(tracker.state() == State::off);
    tick_through(tracker, wall(zone, "2026-11-30 11:05"), wall(zone, "2026-11-30 11:30"));

    tracker.handle(signal(SignalKind::resume, wall(zone, "2026-11-30 11:30")));
    CHECK_FALSE(tracker.paused());
    CHECK(tracker.state() == State::active);  // still at the keyboard: active again from the resume
    tracker.handle(idle(wall(zone, "2026-11-30 11:50"), wall(zone, "2026-11-30 11:45")));
    tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 11:50")));

    // Active 10:00-10:30 and 11:30-11:45 only; the hour of the pause is off (or idle), never active.
    CHECK(total(sink, State::active) == 45min);
    CHECK(total(sink, State::off) == 50min);   // 10:30-10:55 and 11:05-11:30 (10:40 continues the off run)
    CHECK(total(sink, State::idle) == 15min);  // 10:55-11:05 and 11:45-11:50
    for (const auto& row : sink.all()) {
        if (row.state == State::active) {
            CAPTURE(z(row.start));
            CHECK((row.end <= wall(zone, "2026-11-30 10:30") || row.start >= wall(zone, "2026-11-30 11:30")));
        }
    }
    std::vector<std::string> kinds;
    for (const auto& m : sink.markers())
        kinds.push_back(m.kind);
    CHECK(std::count(kinds.begin(), kinds.end(), "pause") == 1);
    CHECK(std::count(kinds.begin(), kinds.end(), "resume") == 1);
}

TEST_CASE("pause while away: nothing is invented on resume, and the next input is active") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 12:00")));
    tracker.handle(idle(wall(zone, "2026-11-30 12:05"), wall(zone, "2026-11-30 12:00")));
    tracker.handle(signal(SignalKind::pause, wall(zone, "2026-11-30 12:10")));
    CHECK(tracker.state() == State::idle);
    tracker.handle(signal(SignalKind::resume, wall(zone, "2026-11-30 12:40")));
    CHECK(tracker.state() == State::idle);
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 13:00")));
    CHECK(tracker.state() == State::active);
    // A second resume or pause/pause does nothing more.
    tracker.handle(signal(SignalKind::resume, wall(zone, "2026-11-30 13:01")));
    CHECK(tracker.state() == State::active);
}

// --- A restarted agent writes nothing twice (issue 12): Mutter and XSync report the last input on start, up to one
// idle threshold before the agent started, and the previous run recorded that time already. ---

namespace {

core::Signal start_after(core::TimePoint at, core::TimePoint previous_end) {
    auto s = signal(SignalKind::agent_start, at);
    s.source = "agent";
    s.since = previous_end;
    return s;
}

// Two rows that share time, named, or "" when none do.
std::string first_overlap(const core::MemoryIntervals& sink) {
    const auto& rows = sink.all();
    for (std::size_t a = 0; a < rows.size(); ++a)
        for (std::size_t b = a + 1; b < rows.size(); ++b)
            if (core::overlap(rows[a], rows[b]))
                return z(rows[a].start) + "-" + z(rows[a].end) + " and " + z(rows[b].start) + "-" + z(rows[b].end);
    return "";
}

// 20:14:24 etc. on 30 November 2026, Paris (+01:00).
core::TimePoint at_s(const core::TimeZone& zone, const std::string& hhmm, int seconds) {
    return wall(zone, "2026-11-30 " + hhmm) + core::Seconds{seconds};
}

}  // namespace

TEST_CASE("the first input after a start opens activity never before the agent started") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    // Started at 20:14:28; the backend's first report says the last input was at 20:14:24, 4 s earlier.
    tracker.handle(signal(SignalKind::agent_start, at_s(zone, "20:14", 28)));
    tracker.handle(signal(SignalKind::input_active, at_s(zone, "20:14", 24)));
    REQUIRE(tracker.open_interval());
    CHECK(tracker.state() == State::active);
    CHECK(z(tracker.open_interval()->start) == "2026-11-30T19:14:28Z");  // the start, not 19:14:24
    tracker.handle(signal(SignalKind::input_active, at_s(zone, "20:14", 40)));
    tracker.handle(idle(at_s(zone, "20:20", 0), at_s(zone, "20:15", 0)));
    REQUIRE(sink.all().size() == 1);
    CHECK(z(sink.all()[0].start) == "2026-11-30T19:14:28Z");
    CHECK(z(sink.all()[0].end) == "2026-11-30T19:15:00Z");
    CHECK(sink.all()[0].duration() == 32s);  // 20:14:28 -> 20:15:00
}

TEST_CASE("a restart 3 s after an input leaves no row overlapping the previous run, none before its start") {
    core::MemoryIntervals sink;
    const auto& zone = *paris_winter;
    {
        // Run A: input at 20:14:24, stopped at 20:14:27.
        core::Tracker a({}, paris_winter, sink);
        a.handle(signal(SignalKind::agent_start, at_s(zone, "20:14", 0)));
        a.handle(signal(SignalKind::input_active, at_s(zone, "20:14", 24)));
        a.handle(signal(SignalKind::agent_stop, at_s(zone, "20:14", 27)));
    }
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].state == State::active);
    CHECK(z(sink.all()[0].start) == "2026-11-30T19:14:24Z");
    CHECK(z(sink.all()[0].end) == "2026-11-30T19:14:27Z");

    // Run B starts at 20:14:30. Mutter's first reports: active at the last input (20:14:24), then idle since then.
    // Before the fix B wrote 20:14:24-20:14:24 active and 20:14:24-20:14:36 idle, over run A's 3 s of activity.
    core::Tracker b({}, paris_winter, sink);
    b.handle(start_after(at_s(zone, "20:14", 30), at_s(zone, "20:14", 27)));
    b.handle(signal(SignalKind::input_active, at_s(zone, "20:14", 24)));
    b.handle(idle(at_s(zone, "20:14", 31), at_s(zone, "20:14", 24)));
    b.handle(signal(SignalKind::input_active, at_s(zone, "20:14", 50)));
    b.handle(idle(at_s(zone, "20:20", 0), at_s(zone, "20:15", 0)));
    b.handle(signal(SignalKind::agent_stop, at_s(zone, "20:21", 0)));

    CHECK_MESSAGE(first_overlap(sink).empty(), first_overlap(sink));
    for (std::size_t k = 1; k < sink.all().size(); ++k) {
        CAPTURE(k);
        CHECK(sink.all()[k].start >= at_s(zone, "20:14", 30));
    }
    // Run B: idle 20:14:30-20:14:50, active 20:14:50-20:15:00, idle 20:15:00-20:21:00.
    REQUIRE(sink.all().size() == 4);
    CHECK(sink.all()[1].state == State::idle);
    CHECK(z(sink.all()[1].start) == "2026-11-30T19:14:30Z");
    CHECK(sink.all()[2].state == State::active);
    CHECK(sink.all()[2].duration() == 10s);
    CHECK(total(sink, State::active) == 13s);  // 3 s in run A + 10 s in run B, nothing twice
}

TEST_CASE("a wall clock set back between two runs: the second run starts where the first one's rows end") {
    core::MemoryIntervals sink;
    const auto& zone = *paris_winter;
    {
        core::Tracker a({}, paris_winter, sink);
        a.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 09:00")));
        a.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:00")));
        tick_through(a, wall(zone, "2026-11-30 09:00"), wall(zone, "2026-11-30 10:00"));
        a.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 10:00")));
    }
    // The clock was 10 minutes fast and was set back: run B starts at 09:52, after run A's rows that end at 10:00.
    core::Tracker b({}, paris_winter, sink);
    b.handle(start_after(wall(zone, "2026-11-30 09:52"), wall(zone, "2026-11-30 10:00")));
    b.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:53")));
    REQUIRE(b.open_interval());
    CHECK(z(b.open_interval()->start) == "2026-11-30T09:00:00Z");  // 10:00, not 09:53
    tick_through(b, wall(zone, "2026-11-30 09:53"), wall(zone, "2026-11-30 10:20"));
    b.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 10:20")));
    CHECK_MESSAGE(first_overlap(sink).empty(), first_overlap(sink));
    CHECK(total(sink, State::active) == 80min);  // 09:00-10:00, then 10:00-10:20: the 8 repeated minutes once
}

TEST_CASE("a wall clock set back by a day between two runs: the second run records from its own start") {
    core::MemoryIntervals sink;
    const auto& zone = *paris_winter;
    {
        core::Tracker a({}, paris_winter, sink);
        a.handle(signal(SignalKind::agent_start, wall(zone, "2026-12-01 09:00")));
        a.handle(signal(SignalKind::input_active, wall(zone, "2026-12-01 09:00")));
        tick_through(a, wall(zone, "2026-12-01 09:00"), wall(zone, "2026-12-01 10:00"));
        a.handle(signal(SignalKind::agent_stop, wall(zone, "2026-12-01 10:00")));
    }
    // The clock now reads the day before (set back 24 h 08 min, far beyond a fast clock's correction): waiting for
    // 1 December 10:00 would leave a day of work unrecorded, so run B starts its row at its own first input.
    core::Tracker b({}, paris_winter, sink);
    b.handle(start_after(wall(zone, "2026-11-30 09:52"), wall(zone, "2026-12-01 10:00")));
    b.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:53")));
    REQUIRE(b.open_interval());
    CHECK(z(b.open_interval()->start) == "2026-11-30T08:53:00Z");  // 09:53 Paris
    tick_through(b, wall(zone, "2026-11-30 09:53"), wall(zone, "2026-11-30 10:20"));
    b.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 10:20")));
    CHECK(total(sink, State::active) == 87min);  // 60 on 1 December, 27 (09:53-10:20) on 30 November
}

TEST_CASE("live_rows: the open interval up to now, cut at day_start, written nowhere") {
    RecordingSink sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-12-01 03:00")));
    tracker.tick(wall(zone, "2026-12-01 03:10"));  // the first checkpoint: stored 03:00-03:10
    sink.log.clear();

    // At 04:30 nothing has ticked since 03:10: the live view splits at 04:00 like tick() would, and writes nothing.
    const auto rows = tracker.live_rows(wall(zone, "2026-12-01 04:30"));
    CHECK(sink.log.empty());
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id == sink.rows.all()[0].id);
    CHECK(z(rows[0].start) == "2026-12-01T02:00:00Z");
    CHECK(z(rows[0].end) == "2026-12-01T03:00:00Z");  // 03:00 -> 04:00 local
    CHECK(rows[0].work_day == test::day("2026-11-30"));
    CHECK(rows[1].id == 0);
    CHECK(z(rows[1].start) == "2026-12-01T03:00:00Z");
    CHECK(z(rows[1].end) == "2026-12-01T03:30:00Z");  // 04:00 -> 04:30
    CHECK(rows[1].work_day == test::day("2026-12-01"));
    CHECK(z(tracker.open_interval()->end) == "2026-12-01T02:10:00Z");  // the tracker itself did not move
    CHECK(z(sink.rows.all()[0].end) == "2026-12-01T02:10:00Z");

    const core::LiveIntervals live(sink.rows, rows);
    CHECK(live.intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30")).size() == 1);
    CHECK(live.intervals_for_days(test::day("2026-12-01"), test::day("2026-12-01")).size() == 1);
    CHECK(z(live.last_active_before(wall(zone, "2026-12-01 05:00"))->end) == "2026-12-01T03:30:00Z");
    CHECK(core::Tracker({}, paris_winter, sink).live_rows(wall(zone, "2026-12-01 05:00")).empty());
}

namespace {

core::Signal call_signal(SignalKind kind, core::TimePoint at) {
    auto s = signal(kind, at);
    s.source = "pulse";
    return s;
}

// "state start-end" of every row, local Paris winter times, for compact checks.
std::vector<std::string> rows_of(const core::MemoryIntervals& sink) {
    std::vector<std::string> out;
    for (const auto& r : sink.all())
        out.push_back(std::string(core::to_string(r.state)) + " " + core::format_local(r.start, 1h).substr(11, 5) +
                      "-" + core::format_local(r.end, 1h).substr(11, 5));
    return out;
}

}  // namespace

TEST_CASE("a call with no input is work: no idle starts during it, idle starts when it ends") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 08:55")));
    tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 09:00")));
    tracker.handle(call_signal(SignalKind::call_start, wall(zone, "2026-11-30 09:10")));
    CHECK(tracker.state() == State::call);
    CHECK(tracker.in_call());
    CHECK(tracker.present());
    // Nobody types in the call: the idle report (last input 09:10) changes nothing, nor does the screen locking.
    tracker.handle(idle(wall(zone, "2026-11-30 09:15"), wall(zone, "2026-11-30 09:10")));
    CHECK(tracker.state() == State::call);
    tracker.handle(signal(SignalKind::lock, wall(zone, "2026-11-30 09:40")));
    CHECK(tracker.state() == State::call);
    tick_through(tracker, wall(zone, "2026-11-30 09:15"), wall(zone, "2026-11-30 10:10"));
    tracker.handle(call_signal(SignalKind::call_end, wall(zone, "2026-11-30 10:10")));
    // The screen locked during the call: locked from the call's end.
    CHECK(tracker.state() == State::locked);
    CHECK_FALSE(tracker.in_call());
    tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 10:20")));
    CHECK(rows_of(sink) == std::vector<std::string>{"active 09:00-09:10", "call 09:10-10:10", "locked 10:10-10:20"});
    CHECK(sink.all()[1].source == "pulse");
    CHECK(sink.all()[2].source == "xsync");  // what follows the call comes from the backend that said it
    CHECK(total(sink, State::call) == 60min);
    CHECK(std::count_if(sink.markers().begin(), sink.markers().end(),
                        [](const core::Marker& m) { return m.kind == "call_start" || m.kind == "call_end"; }) == 2);
}

TEST_CASE("after a call, input seen during it means active, idle means idle from the call's end") {
    const auto& zone = *paris_winter;
    SUBCASE("typing during the call: active after it") {
        core::MemoryIntervals sink;
        core::Tracker tracker({}, paris_winter, sink);
        tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 13:55")));
        tracker.handle(idle(wall(zone, "2026-11-30 14:00"), wall(zone, "2026-11-30 13:55")));
        tracker.handle(call_signal(SignalKind::call_start, wall(zone, "2026-11-30 14:05")));
        tracker.handle(idle(wall(zone, "2026-11-30 14:20"), wall(zone, "2026-11-30 14:15")));
        tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 14:25")));
        CHECK(tracker.state() == State::call);
        tracker.handle(call_signal(SignalKind::call_end, wall(zone, "2026-11-30 14:30")));
        CHECK(tracker.state() == State::active);
        tracker.handle(idle(wall(zone, "2026-11-30 14:40"), wall(zone, "2026-11-30 14:35")));
        tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 14:40")));
        CHECK(rows_of(sink) == std::vector<std::string>{"idle 13:55-14:05", "call 14:05-14:30", "active 14:30-14:35",
                                                        "idle 14:35-14:40"});
    }
    SUBCASE("no input during the call: idle from its end, not backdated into it") {
        core::MemoryIntervals sink;
        core::Tracker tracker({}, paris_winter, sink);
        tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 13:55")));
        tracker.handle(signal(SignalKind::input_active, wall(zone, "2026-11-30 14:00")));
        tracker.handle(call_signal(SignalKind::call_start, wall(zone, "2026-11-30 14:00")));
        tracker.handle(idle(wall(zone, "2026-11-30 14:05"), wall(zone, "2026-11-30 14:00")));
        tracker.handle(call_signal(SignalKind::call_end, wall(zone, "2026-11-30 14:30")));
        CHECK(tracker.state() == State::idle);
        tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 14:40")));
        CHECK(rows_of(sink) == std::vector<std::string>{"active 14:00-14:00", "call 14:00-14:30", "idle 14:30-14:40"});
        CHECK(total(sink, State::idle) == 10min);
    }
}

TEST_CASE("a call said personal stays personal to its end; pause and sleep stop counting it") {
    const auto& zone = *paris_winter;
    SUBCASE("personal") {
        core::MemoryIntervals sink;
        core::Tracker tracker({}, paris_winter, sink);
        tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 20:55")));
        tracker.handle(call_signal(SignalKind::call_start, wall(zone, "2026-11-30 21:00")));
        CHECK(tracker.state() == State::call);
        tracker.handle(signal(SignalKind::mark_personal, wall(zone, "2026-11-30 21:01")));
        CHECK(tracker.state() == State::personal);
        tracker.handle(idle(wall(zone, "2026-11-30 21:10"), wall(zone, "2026-11-30 21:05")));
        CHECK(tracker.state() == State::personal);  // still in the call: no idle
        tracker.handle(call_signal(SignalKind::call_end, wall(zone, "2026-11-30 21:30")));
        CHECK(tracker.state() == State::idle);
        tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 21:40")));
        CHECK(rows_of(sink) == std::vector<std::string>{"personal 21:00-21:30", "idle 21:30-21:40"});
        CHECK(total(sink, State::call) == 0min);
    }
    SUBCASE("pause") {
        core::MemoryIntervals sink;
        core::Tracker tracker({}, paris_winter, sink);
        tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 09:55")));
        tracker.handle(call_signal(SignalKind::call_start, wall(zone, "2026-11-30 10:00")));
        tracker.handle(signal(SignalKind::pause, wall(zone, "2026-11-30 10:10")));
        CHECK(tracker.state() == State::off);
        tracker.handle(idle(wall(zone, "2026-11-30 10:15"), wall(zone, "2026-11-30 10:10")));
        tracker.handle(signal(SignalKind::resume, wall(zone, "2026-11-30 10:20")));
        CHECK(tracker.state() == State::call);  // the call goes on after the pause
        tracker.handle(call_signal(SignalKind::call_end, wall(zone, "2026-11-30 10:30")));
        tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 10:35")));
        CHECK(total(sink, State::call) == 20min);
        CHECK(rows_of(sink).front() == "call 10:00-10:10");
    }
    SUBCASE("sleep ends the call") {
        core::MemoryIntervals sink;
        core::Tracker tracker({}, paris_winter, sink);
        tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 09:55")));
        tracker.handle(call_signal(SignalKind::call_start, wall(zone, "2026-11-30 10:00")));
        tracker.handle(signal(SignalKind::sleep, wall(zone, "2026-11-30 10:30")));
        CHECK_FALSE(tracker.in_call());
        tracker.handle(signal(SignalKind::wake, wall(zone, "2026-11-30 11:00")));
        CHECK(tracker.state() == State::idle);
        tracker.handle(call_signal(SignalKind::call_end, wall(zone, "2026-11-30 11:00")));  // late: changes nothing
        CHECK(tracker.state() == State::idle);
        tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 11:05")));
        CHECK(rows_of(sink) ==
              std::vector<std::string>{"call 10:00-10:30", "suspended 10:30-11:00", "idle 11:00-11:05"});
    }
}

TEST_CASE("a call across day_start is split like any activity, and stays a call on both sides") {
    core::MemoryIntervals sink;
    core::Tracker tracker({}, paris_winter, sink);
    const auto& zone = *paris_winter;
    tracker.handle(signal(SignalKind::agent_start, wall(zone, "2026-11-30 03:00")));
    tracker.handle(call_signal(SignalKind::call_start, wall(zone, "2026-11-30 03:30")));
    tick_through(tracker, wall(zone, "2026-11-30 03:30"), wall(zone, "2026-11-30 04:30"));
    tracker.handle(call_signal(SignalKind::call_end, wall(zone, "2026-11-30 04:30")));
    tracker.handle(signal(SignalKind::agent_stop, wall(zone, "2026-11-30 04:30")));
    REQUIRE(sink.all().size() == 2);
    CHECK(rows_of(sink) == std::vector<std::string>{"call 03:30-04:00", "call 04:00-04:30"});
    CHECK(sink.all()[0].work_day == test::day("2026-11-29"));
    CHECK(sink.all()[1].work_day == test::day("2026-11-30"));
    CHECK(no_empty_rows(sink));
}
