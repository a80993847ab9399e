// The day and week figures of DESIGN.md section 4, checked against figures worked out by hand.
// Unless said otherwise the schedule is the default one: Mon-Fri 09:00-12:30 and 13:30-17:30, quiet 20:00-07:30,
// Saturday and Sunday at rest, French holidays; night is 21:00-06:00 and day_start 04:00.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/interval.h"
#include "core/metrics.h"
#include "core/schedule.h"
#include "core/time.h"
#include "support/test_support.h"

using namespace clockout;
using core::State;

namespace {

constexpr int paris_winter = 60;
constexpr int paris_summer = 120;

const core::Schedule& office() {
    static const core::Schedule schedule{core::ScheduleConfig::defaults()};
    return schedule;
}

void add(core::MemoryIntervals& j, State state, const std::string& from, const std::string& to,
         int offset = paris_winter) {
    j.insert(test::span(state, from, to, offset));
}

void work(core::MemoryIntervals& j, const std::string& from, const std::string& to, int offset = paris_winter) {
    add(j, State::active, from, to, offset);
}

core::DayMetrics measure(const core::IntervalSource& j, const std::string& day,
                         const core::Schedule& schedule = office()) {
    return core::compute_day(j, test::day(day), schedule, core::Limits{});
}

// Instants are compared as people read them, with the offset they are printed in.
std::string shown(const std::optional<core::TimePoint>& t, core::Seconds offset) {
    return t ? core::format_local(*t, offset) : "null";
}

std::string joined(const std::vector<std::string>& flags) {
    std::string out;
    for (const auto& f : flags)
        out += (out.empty() ? "" : " ") + f;
    return out;
}

// An active interval given to the second, in UTC.
core::Interval active_utc(const std::string& from, const std::string& to, int offset = paris_winter) {
    core::Interval i;
    i.start = test::utc(from);
    i.end = test::utc(to);
    i.state = State::active;
    i.utc_offset = core::Minutes{offset};
    i.work_day = core::work_day_of(i.local_start(), core::Minutes{4 * 60});
    i.source = "test";
    i.device = "laptop";
    return i;
}

}  // namespace

TEST_CASE("an ordinary day: every figure and flag") {
    core::MemoryIntervals j;
    work(j, "2026-11-30 09:00", "2026-11-30 12:30");  // Monday
    work(j, "2026-11-30 13:30", "2026-11-30 18:00");
    work(j, "2026-12-01 08:30", "2026-12-01 12:15");  // Tuesday
    add(j, State::idle, "2026-12-01 12:15", "2026-12-01 12:25");
    work(j, "2026-12-01 12:25", "2026-12-01 12:40");
    add(j, State::locked, "2026-12-01 12:40", "2026-12-01 13:30");
    work(j, "2026-12-01 13:30", "2026-12-01 17:00");
    add(j, State::idle, "2026-12-01 17:00", "2026-12-01 17:10");
    work(j, "2026-12-01 17:10", "2026-12-01 18:30");
    add(j, State::off, "2026-12-01 18:30", "2026-12-01 23:00");

    const auto m = measure(j, "2026-12-01");
    CHECK(m.date == test::day("2026-12-01"));
    CHECK(shown(m.first_active, m.first_offset) == "2026-12-01T08:30:00+01:00");
    CHECK(shown(m.last_active, m.last_offset) == "2026-12-01T18:30:00+01:00");
    CHECK(m.amplitude_min == 600);  // 08:30 -> 18:30
    CHECK(m.active_min == 530);     // 225 + 15 + 210 + 80
    // Stretches: 08:30-12:40 with a 10-min gap = 225 + 15 = 240; the 50-min lunch breaks it; 13:30-18:30 with a
    // 10-min gap = 210 + 80 = 290.
    CHECK(m.longest_stretch_min == 290);
    CHECK(m.break_20_ok);
    CHECK(m.outside_window_min == 100);  // 08:30-09:00 (30) + 12:30-12:40 (10) + 17:30-18:30 (60)
    CHECK(m.quiet_min == 0);
    CHECK(m.night_min == 0);
    CHECK(m.reconnections == 0);
    REQUIRE(m.rest_before_min);
    CHECK(*m.rest_before_min == 870);  // Monday 18:00 -> Tuesday 08:30 = 14 h 30
    CHECK(joined(m.flags) == "amplitude_soft active_soft");
}

TEST_CASE("a day without activity is null and zero, with no flags") {
    core::MemoryIntervals j;
    work(j, "2026-11-30 09:00", "2026-11-30 12:30");
    add(j, State::idle, "2026-12-01 09:00", "2026-12-01 12:00");
    add(j, State::personal, "2026-12-01 13:00", "2026-12-01 14:00");

    for (const auto* d : {"2026-12-01", "2026-12-02"}) {
        CAPTURE(d);
        const auto m = measure(j, d);
        CHECK(m.date == test::day(d));
        CHECK_FALSE(m.first_active);
        CHECK_FALSE(m.last_active);
        CHECK_FALSE(m.rest_before_min);
        CHECK(m.amplitude_min == 0);
        CHECK(m.active_min == 0);
        CHECK(m.longest_stretch_min == 0);
        CHECK(m.break_20_ok);
        CHECK(m.outside_window_min == 0);
        CHECK(m.quiet_min == 0);
        CHECK(m.night_min == 0);
        CHECK(m.reconnections == 0);
        CHECK(m.flags.empty());
    }
}

TEST_CASE("work past midnight belongs to the day until day_start, and after it to the next day") {
    core::MemoryIntervals j;
    work(j, "2026-12-02 09:00", "2026-12-02 12:00");  // Wednesday
    work(j, "2026-12-02 22:00", "2026-12-03 03:30");  // still Wednesday's work day: 03:30 < 04:00
    work(j, "2026-12-03 04:30", "2026-12-03 05:00");  // Thursday's work day

    const auto wed = measure(j, "2026-12-02");
    CHECK(shown(wed.first_active, wed.first_offset) == "2026-12-02T09:00:00+01:00");
    CHECK(shown(wed.last_active, wed.last_offset) == "2026-12-03T03:30:00+01:00");
    CHECK(wed.amplitude_min == 1110);       // 09:00 -> 03:30 next morning = 18 h 30
    CHECK(wed.active_min == 510);           // 180 + 330
    CHECK(wed.longest_stretch_min == 330);  // 22:00 -> 03:30
    CHECK(wed.break_20_ok);                 // 330 < 360
    CHECK(wed.outside_window_min == 330);   // 09:00-12:00 is inside the morning window
    CHECK(wed.quiet_min == 330);            // Wednesday's evening runs 20:00 -> 07:30 Thursday
    CHECK(wed.night_min == 330);            // inside 21:00-06:00
    CHECK(wed.reconnections == 1);          // 22:00 is quiet, 10 h after 12:00
    CHECK_FALSE(wed.rest_before_min);       // nothing before
    CHECK(joined(wed.flags) == "amplitude_soft amplitude_firm amplitude_max active_soft quiet_activity night_activity");

    const auto thu = measure(j, "2026-12-03");
    CHECK(shown(thu.first_active, thu.first_offset) == "2026-12-03T04:30:00+01:00");
    CHECK(shown(thu.last_active, thu.last_offset) == "2026-12-03T05:00:00+01:00");
    CHECK(thu.amplitude_min == 30);
    CHECK(thu.active_min == 30);
    CHECK(thu.outside_window_min == 30);
    CHECK(thu.quiet_min == 30);     // still Wednesday's quiet evening
    CHECK(thu.night_min == 30);     // before 06:00
    CHECK(thu.reconnections == 1);  // 60 min after Wednesday's 03:30
    REQUIRE(thu.rest_before_min);
    CHECK(*thu.rest_before_min == 60);  // 03:30 -> 04:30
    CHECK(joined(thu.flags) == "rest_short quiet_activity night_activity");
}

TEST_CASE("a return less than 20 minutes after the previous day's last activity is no reconnection") {
    core::MemoryIntervals j;
    work(j, "2026-12-02 23:00", "2026-12-03 03:55");  // Wednesday's work day
    work(j, "2026-12-03 04:05", "2026-12-03 05:00");  // Thursday's, 10 min later

    const auto thu = measure(j, "2026-12-03");
    CHECK(thu.reconnections == 0);
    CHECK(thu.longest_stretch_min == 55);  // stretches stop at the work day: Wednesday's minutes are not added
    REQUIRE(thu.rest_before_min);
    CHECK(*thu.rest_before_min == 10);
}

TEST_CASE("Paris spring DST: the gap and the amplitude are elapsed time, not wall-clock time") {
    // Sunday 29 March 2026, 02:00+01:00 = 01:00Z becomes 03:00+02:00: Saturday's work day changes offset at night.
    const auto paris = core::make_zone("Europe/Paris");
    REQUIRE(paris);
    CHECK(paris->offset_at(test::utc("2026-03-29T00:59:59Z")) == core::Seconds{3600});
    CHECK(paris->offset_at(test::utc("2026-03-29T01:00:00Z")) == core::Seconds{7200});

    core::MemoryIntervals j;
    work(j, "2026-03-27 09:00", "2026-03-27 17:00");                // Friday, ends 16:00Z
    work(j, "2026-03-28 22:00", "2026-03-29 01:50");                // 21:00Z -> 00:50Z
    work(j, "2026-03-29 03:00", "2026-03-29 03:45", paris_summer);  // 01:00Z -> 01:45Z

    const auto sat = measure(j, "2026-03-28");
    CHECK(shown(sat.first_active, sat.first_offset) == "2026-03-28T22:00:00+01:00");
    CHECK(shown(sat.last_active, sat.last_offset) == "2026-03-29T03:45:00+02:00");
    CHECK(sat.amplitude_min == 285);  // 21:00Z -> 01:45Z = 4 h 45 (the wall clock says 5 h 45)
    CHECK(sat.active_min == 275);     // 230 + 45
    // 00:50Z -> 01:00Z is a 10-min gap (the wall clock says 70 min), so it does not break the stretch.
    CHECK(sat.longest_stretch_min == 275);
    CHECK(sat.break_20_ok);
    CHECK(sat.outside_window_min == 275);  // Saturday has no window
    CHECK(sat.quiet_min == 275);           // rest day, then Sunday
    CHECK(sat.night_min == 275);           // 22:00-01:50 and 03:00-03:45 local, both in 21:00-06:00
    CHECK(sat.reconnections == 1);         // 22:00 after Friday 17:00; 03:00 is 10 min after 01:50
    REQUIRE(sat.rest_before_min);
    CHECK(*sat.rest_before_min == 1740);  // Friday 16:00Z -> Saturday 21:00Z = 29 h
    CHECK(joined(sat.flags) == "quiet_activity night_activity");
}

TEST_CASE("Paris autumn DST: the repeated hour neither hides nor invents time") {
    // Sunday 25 October 2026, 03:00+02:00 = 01:00Z becomes 02:00+01:00.
    const auto paris = core::make_zone("Europe/Paris");
    REQUIRE(paris);
    CHECK(paris->offset_at(test::utc("2026-10-25T00:59:59Z")) == core::Seconds{7200});
    CHECK(paris->offset_at(test::utc("2026-10-25T01:00:00Z")) == core::Seconds{3600});

    core::MemoryIntervals j;
    work(j, "2026-10-23 09:00", "2026-10-23 18:00", paris_summer);  // Friday, ends 16:00Z
    work(j, "2026-10-24 21:00", "2026-10-25 02:50", paris_summer);  // 19:00Z -> 00:50Z
    work(j, "2026-10-25 02:05", "2026-10-25 03:30", paris_winter);  // 01:05Z -> 02:30Z

    const auto sat = measure(j, "2026-10-24");
    CHECK(shown(sat.first_active, sat.first_offset) == "2026-10-24T21:00:00+02:00");
    CHECK(shown(sat.last_active, sat.last_offset) == "2026-10-25T03:30:00+01:00");
    CHECK(sat.amplitude_min == 450);  // 19:00Z -> 02:30Z = 7 h 30 (the wall clock says 6 h 30)
    CHECK(sat.active_min == 435);     // 350 + 85
    // 00:50Z -> 01:05Z is a 15-min gap: one stretch of 435 min, over 6 h.
    CHECK(sat.longest_stretch_min == 435);
    CHECK_FALSE(sat.break_20_ok);
    CHECK(sat.outside_window_min == 435);
    CHECK(sat.quiet_min == 435);
    CHECK(sat.night_min == 435);
    CHECK(sat.reconnections == 1);
    REQUIRE(sat.rest_before_min);
    CHECK(*sat.rest_before_min == 1620);  // Friday 16:00Z -> Saturday 19:00Z = 27 h
    CHECK(joined(sat.flags) == "break_missing quiet_activity night_activity");
}

TEST_CASE("Lord Howe's 30-minute DST changes are measured in elapsed time") {
    // A schedule with a window every day and no rest day or holiday, so only the evening is quiet.
    auto config = core::ScheduleConfig::defaults();
    for (auto& w : config.windows)
        w = {core::TimeRange{core::Minutes{9 * 60}, core::Minutes{17 * 60}}};
    config.rest_days = {};
    config.public_holidays = "";
    const core::Schedule daily{config};
    const auto lord_howe = core::make_zone("Australia/Lord_Howe");
    REQUIRE(lord_howe);

    SUBCASE("5 April 2026: 02:00+11:00 becomes 01:30+10:30") {
        CHECK(lord_howe->offset_at(test::utc("2026-04-04T14:59:59Z")) == core::Seconds{11 * 3600});
        CHECK(lord_howe->offset_at(test::utc("2026-04-04T15:00:00Z")) == core::Seconds{10 * 3600 + 1800});
        core::MemoryIntervals j;
        work(j, "2026-04-04 23:00", "2026-04-05 01:55", 660);  // 12:00Z -> 14:55Z
        work(j, "2026-04-05 01:40", "2026-04-05 03:00", 630);  // 15:10Z -> 16:30Z
        const auto m = measure(j, "2026-04-04", daily);
        CHECK(shown(m.first_active, m.first_offset) == "2026-04-04T23:00:00+11:00");
        CHECK(shown(m.last_active, m.last_offset) == "2026-04-05T03:00:00+10:30");
        CHECK(m.amplitude_min == 270);        // 12:00Z -> 16:30Z = 4 h 30 (the wall clock says 4 h)
        CHECK(m.active_min == 255);           // 175 + 80
        CHECK(m.longest_stretch_min == 255);  // 14:55Z -> 15:10Z: a 15-min gap
        CHECK(m.outside_window_min == 255);
        CHECK(m.quiet_min == 255);
        CHECK(m.night_min == 255);
        CHECK(m.reconnections == 1);
        CHECK(joined(m.flags) == "quiet_activity night_activity");
    }
    SUBCASE("4 October 2026: 02:00+10:30 becomes 02:30+11:00") {
        CHECK(lord_howe->offset_at(test::utc("2026-10-03T15:29:59Z")) == core::Seconds{10 * 3600 + 1800});
        CHECK(lord_howe->offset_at(test::utc("2026-10-03T15:30:00Z")) == core::Seconds{11 * 3600});
        core::MemoryIntervals j;
        work(j, "2026-10-03 22:00", "2026-10-04 01:50", 630);  // 11:30Z -> 15:20Z
        work(j, "2026-10-04 02:35", "2026-10-04 03:45", 660);  // 15:35Z -> 16:45Z
        const auto m = measure(j, "2026-10-03", daily);
        CHECK(shown(m.first_active, m.first_offset) == "2026-10-03T22:00:00+10:30");
        CHECK(shown(m.last_active, m.last_offset) == "2026-10-04T03:45:00+11:00");
        CHECK(m.amplitude_min == 315);        // 11:30Z -> 16:45Z = 5 h 15 (the wall clock says 5 h 45)
        CHECK(m.active_min == 300);           // 230 + 70
        CHECK(m.longest_stretch_min == 300);  // 15:20Z -> 15:35Z: a 15-min gap (the wall clock says 45)
        CHECK(m.quiet_min == 300);
        CHECK(m.night_min == 300);
        CHECK(m.reconnections == 1);
    }
}

TEST_CASE("travel from Paris to Montreal keeps each past day's work day, offset and figures") {
    core::MemoryIntervals j;
    for (const auto* d : {"2026-11-30", "2026-12-01"}) {  // Monday, Tuesday in Paris
        work(j, std::string(d) + " 09:00", std::string(d) + " 12:30", paris_winter);
        work(j, std::string(d) + " 13:30", std::string(d) + " 17:30", paris_winter);
    }
    const auto monday_before = measure(j, "2026-11-30");
    const auto tuesday_before = measure(j, "2026-12-01");

    for (const auto* d : {"2026-12-03", "2026-12-04"}) {  // Thursday, Friday in Montreal
        work(j, std::string(d) + " 09:00", std::string(d) + " 12:30", -300);
        work(j, std::string(d) + " 13:30", std::string(d) + " 17:30", -300);
    }
    for (const auto& [before, day] :
         {std::pair{monday_before, "2026-11-30"}, std::pair{tuesday_before, "2026-12-01"}}) {
        CAPTURE(day);
        const auto after = measure(j, day);
        CHECK(after.first_active == before.first_active);
        CHECK(after.first_offset == core::Seconds{3600});
        CHECK(after.last_active == before.last_active);
        CHECK(after.amplitude_min == 510);
        CHECK(after.active_min == 450);
        CHECK(after.outside_window_min == 0);
        CHECK(after.rest_before_min == before.rest_before_min);
        CHECK(after.flags == before.flags);
    }

    const auto thu = measure(j, "2026-12-03");
    CHECK(shown(thu.first_active, thu.first_offset) == "2026-12-03T09:00:00-05:00");
    CHECK(core::format_utc(*thu.first_active) == "2026-12-03T14:00:00Z");
    CHECK(thu.amplitude_min == 510);
    CHECK(thu.active_min == 450);
    CHECK(thu.outside_window_min == 0);  // Montreal wall time, inside the declared windows
    CHECK(thu.quiet_min == 0);
    REQUIRE(thu.rest_before_min);
    CHECK(*thu.rest_before_min == 2730);  // Tuesday 17:30+01:00 = 16:30Z -> Thursday 14:00Z = 45 h 30
    CHECK(thu.flags.empty());
}

TEST_CASE("an overnight suspend is not activity, and the rest before the next day spans it") {
    core::MemoryIntervals j;
    work(j, "2026-12-01 09:00", "2026-12-01 12:30");
    work(j, "2026-12-01 13:30", "2026-12-01 17:30");
    add(j, State::suspended, "2026-12-01 17:30", "2026-12-02 04:00");  // split at day_start, as the tracker writes it
    add(j, State::suspended, "2026-12-02 04:00", "2026-12-02 08:45");
    work(j, "2026-12-02 08:45", "2026-12-02 12:00");
    add(j, State::suspended, "2026-12-02 12:00", "2026-12-02 12:30");
    work(j, "2026-12-02 12:30", "2026-12-02 15:45");

    const auto tue = measure(j, "2026-12-01");
    CHECK(shown(tue.last_active, tue.last_offset) == "2026-12-01T17:30:00+01:00");
    CHECK(tue.amplitude_min == 510);
    CHECK(tue.active_min == 450);

    const auto wed = measure(j, "2026-12-02");
    CHECK(shown(wed.first_active, wed.first_offset) == "2026-12-02T08:45:00+01:00");
    REQUIRE(wed.rest_before_min);
    CHECK(*wed.rest_before_min == 915);     // 17:30 -> 08:45 = 15 h 15, all of it suspended
    CHECK(wed.active_min == 390);           // 195 + 195
    CHECK(wed.longest_stretch_min == 195);  // 30 min suspended at lunch is a break
    CHECK(wed.quiet_min == 0);
    CHECK(wed.reconnections == 0);
    CHECK(wed.amplitude_min == 420);  // 08:45 -> 15:45
    CHECK(wed.flags.empty());
}

TEST_CASE("rest before a day under 11 h is rest_short; exactly 11 h is not") {
    SUBCASE("10 h 30") {
        core::MemoryIntervals j;
        work(j, "2026-11-30 20:00", "2026-11-30 22:00");
        work(j, "2026-12-01 08:30", "2026-12-01 12:00");
        const auto m = measure(j, "2026-12-01");
        REQUIRE(m.rest_before_min);
        CHECK(*m.rest_before_min == 630);  // 22:00 -> 08:30
        CHECK(joined(m.flags) == "rest_short");
    }
    SUBCASE("11 h") {
        core::MemoryIntervals j;
        work(j, "2026-11-30 20:00", "2026-11-30 22:00");
        work(j, "2026-12-01 09:00", "2026-12-01 12:00");
        const auto m = measure(j, "2026-12-01");
        REQUIRE(m.rest_before_min);
        CHECK(*m.rest_before_min == 660);  // 22:00 -> 09:00
        CHECK(m.flags.empty());
    }
}

TEST_CASE("flags compare the whole minutes shown: 10 h 59 min 30 s of rest reads 660 and is not short") {
    core::MemoryIntervals j;
    j.insert(active_utc("2026-11-30T19:00:00Z", "2026-11-30T21:00:00Z"));  // 22:00+01:00
    j.insert(active_utc("2026-12-01T07:59:30Z", "2026-12-01T11:00:00Z"));  // rest 10 h 59 min 30 s
    auto m = measure(j, "2026-12-01");
    CHECK(m.rest_before_min == 660);
    CHECK(m.flags.empty());

    core::MemoryIntervals k;
    k.insert(active_utc("2026-11-30T19:00:00Z", "2026-11-30T21:00:00Z"));
    k.insert(active_utc("2026-12-01T07:59:31Z", "2026-12-01T11:00:00Z"));  // rest 10 h 59 min 31 s
    m = measure(k, "2026-12-01");
    CHECK(m.rest_before_min == 660);
    core::MemoryIntervals l;
    l.insert(active_utc("2026-11-30T19:00:00Z", "2026-11-30T21:00:00Z"));
    l.insert(active_utc("2026-12-01T07:59:29Z", "2026-12-01T11:00:00Z"));  // rest 10 h 59 min 29 s
    m = measure(l, "2026-12-01");
    CHECK(m.rest_before_min == 659);
    CHECK(joined(m.flags) == "rest_short");
}

TEST_CASE("seconds are summed before rounding: three runs of 10 min 20 s make 31 min, not 30") {
    core::MemoryIntervals j;
    j.insert(active_utc("2026-12-01T08:00:00Z", "2026-12-01T08:10:20Z"));
    j.insert(active_utc("2026-12-01T08:20:00Z", "2026-12-01T08:30:20Z"));
    j.insert(active_utc("2026-12-01T08:40:00Z", "2026-12-01T08:50:20Z"));
    const auto m = measure(j, "2026-12-01");
    CHECK(m.active_min == 31);           // 3 x 620 s = 1860 s
    CHECK(m.longest_stretch_min == 31);  // gaps of 9 min 40 s
    CHECK(m.amplitude_min == 50);        // 50 min 20 s
    CHECK(m.outside_window_min == 0);    // 09:00-09:50 local, in the morning window
}

TEST_CASE("six hours of work without a 20-minute break is break_missing; 19 min does not break, 20 min does") {
    SUBCASE("a 19-minute gap") {
        core::MemoryIntervals j;
        work(j, "2026-12-02 08:00", "2026-12-02 11:00");
        add(j, State::idle, "2026-12-02 11:00", "2026-12-02 11:19");
        work(j, "2026-12-02 11:19", "2026-12-02 14:19");
        const auto m = measure(j, "2026-12-02");
        CHECK(m.longest_stretch_min == 360);  // 180 + 180 in one stretch
        CHECK_FALSE(m.break_20_ok);
        CHECK(m.active_min == 360);
        CHECK(m.amplitude_min == 379);  // 08:00 -> 14:19
        CHECK(joined(m.flags) == "break_missing");
    }
    SUBCASE("a 20-minute gap") {
        core::MemoryIntervals j;
        work(j, "2026-12-02 08:00", "2026-12-02 11:00");
        add(j, State::locked, "2026-12-02 11:00", "2026-12-02 11:20");
        work(j, "2026-12-02 11:20", "2026-12-02 14:20");
        const auto m = measure(j, "2026-12-02");
        CHECK(m.longest_stretch_min == 180);
        CHECK(m.break_20_ok);
        CHECK(m.flags.empty());
    }
    SUBCASE("5 h 59 min in one stretch is still fine") {
        core::MemoryIntervals j;
        work(j, "2026-12-02 08:00", "2026-12-02 11:00");
        work(j, "2026-12-02 11:10", "2026-12-02 14:09");
        const auto m = measure(j, "2026-12-02");
        CHECK(m.longest_stretch_min == 359);  // 180 + 179
        CHECK(m.break_20_ok);
    }
}

TEST_CASE("coming back at 21:30 after stopping at 18:00 is a reconnection in quiet hours and at night") {
    core::MemoryIntervals j;
    work(j, "2026-12-01 09:00", "2026-12-01 12:30");
    work(j, "2026-12-01 13:30", "2026-12-01 18:00");
    work(j, "2026-12-01 21:30", "2026-12-01 22:15");
    const auto m = measure(j, "2026-12-01");
    CHECK(m.reconnections == 1);  // 21:30 is quiet, 3 h 30 after 18:00
    CHECK(m.quiet_min == 45);     // 21:30-22:15
    CHECK(m.night_min == 45);
    CHECK(m.outside_window_min == 75);    // 17:30-18:00 (30) + 45
    CHECK(m.active_min == 525);           // 210 + 270 + 45
    CHECK(m.amplitude_min == 795);        // 09:00 -> 22:15 = 13 h 15
    CHECK(m.longest_stretch_min == 270);  // 13:30-18:00
    CHECK(joined(m.flags) == "amplitude_soft amplitude_firm amplitude_max active_soft quiet_activity night_activity");
}

TEST_CASE("a reconnection needs at least 20 minutes away, and quiet starts at 20:00 while night starts at 21:00") {
    core::MemoryIntervals j;
    work(j, "2026-12-01 18:30", "2026-12-01 19:50");  // before quiet hours
    work(j, "2026-12-01 20:05", "2026-12-01 20:50");  // quiet, but only 15 min away: no
    work(j, "2026-12-01 21:30", "2026-12-01 21:40");  // 40 min away: yes
    work(j, "2026-12-01 21:55", "2026-12-01 22:10");  // 15 min away: no
    work(j, "2026-12-01 22:30", "2026-12-01 22:40");  // exactly 20 min away: yes
    const auto m = measure(j, "2026-12-01");
    CHECK(m.reconnections == 2);
    CHECK(m.quiet_min == 80);  // 45 + 10 + 15 + 10
    CHECK(m.night_min == 35);  // 10 + 15 + 10
    CHECK(m.active_min == 160);
    CHECK(m.outside_window_min == 160);
}

TEST_CASE("activity on a Saturday rest day is all quiet and outside the windows") {
    core::MemoryIntervals j;
    work(j, "2026-12-04 09:00", "2026-12-04 17:30");  // Friday
    work(j, "2026-12-05 10:00", "2026-12-05 11:30");  // Saturday
    const auto m = measure(j, "2026-12-05");
    CHECK(m.quiet_min == 90);
    CHECK(m.outside_window_min == 90);
    CHECK(m.night_min == 0);
    CHECK(m.reconnections == 1);
    REQUIRE(m.rest_before_min);
    CHECK(*m.rest_before_min == 990);  // Friday 17:30 -> Saturday 10:00 = 16 h 30
    CHECK(joined(m.flags) == "quiet_activity");
}

TEST_CASE("activity in quiet hours with no activity ever before counts as a reconnection") {
    core::MemoryIntervals j;
    work(j, "2026-12-05 10:00", "2026-12-05 10:30");  // Saturday, first interval of the journal
    const auto m = measure(j, "2026-12-05");
    CHECK(m.reconnections == 1);
    CHECK_FALSE(m.rest_before_min);
}

TEST_CASE("a personal interval is not counted anywhere") {
    core::MemoryIntervals j;
    work(j, "2026-12-01 09:00", "2026-12-01 12:00");
    add(j, State::personal, "2026-12-01 20:30", "2026-12-01 21:30");
    add(j, State::personal, "2026-12-02 07:00", "2026-12-02 08:00");
    work(j, "2026-12-02 09:00", "2026-12-02 10:00");

    const auto tue = measure(j, "2026-12-01");
    CHECK(shown(tue.last_active, tue.last_offset) == "2026-12-01T12:00:00+01:00");
    CHECK(tue.amplitude_min == 180);
    CHECK(tue.active_min == 180);
    CHECK(tue.quiet_min == 0);
    CHECK(tue.night_min == 0);
    CHECK(tue.reconnections == 0);
    CHECK(tue.flags.empty());

    const auto wed = measure(j, "2026-12-02");
    CHECK(shown(wed.first_active, wed.first_offset) == "2026-12-02T09:00:00+01:00");
    CHECK(wed.rest_before_min == 1260);  // from Tuesday 12:00, not from the personal evening: 21 h
    CHECK(wed.quiet_min == 0);           // 07:00-08:00 was personal
}

TEST_CASE("a 13-hour amplitude lists amplitude_soft, amplitude_firm and amplitude_max") {
    core::MemoryIntervals j;
    work(j, "2026-12-03 08:00", "2026-12-03 10:00");
    work(j, "2026-12-03 19:00", "2026-12-03 21:00");
    const auto m = measure(j, "2026-12-03");
    CHECK(m.amplitude_min == 780);  // 08:00 -> 21:00
    CHECK(m.active_min == 240);
    CHECK(m.quiet_min == 60);  // 20:00-21:00
    CHECK(m.night_min == 0);   // night starts at 21:00
    CHECK(joined(m.flags) == "amplitude_soft amplitude_firm amplitude_max quiet_activity");
}

TEST_CASE("12 h 59 min of amplitude stays below amplitude_max") {
    core::MemoryIntervals j;
    work(j, "2026-12-03 08:00", "2026-12-03 10:00");
    work(j, "2026-12-03 15:00", "2026-12-03 20:59");
    const auto m = measure(j, "2026-12-03");
    CHECK(m.amplitude_min == 779);
    CHECK(joined(m.flags) == "amplitude_soft amplitude_firm quiet_activity");
}

TEST_CASE("10 hours of activity lists active_soft and active_firm, and calendar_day_long for its calendar day") {
    core::MemoryIntervals j;
    work(j, "2026-12-03 08:00", "2026-12-03 13:00");
    work(j, "2026-12-03 14:00", "2026-12-03 19:00");
    const auto m = measure(j, "2026-12-03");
    CHECK(m.active_min == 600);     // 300 + 300
    CHECK(m.amplitude_min == 660);  // 08:00 -> 19:00
    CHECK(m.longest_stretch_min == 300);
    CHECK(m.outside_window_min == 180);  // 08:00-09:00 (60) + 12:30-13:00 (30) + 17:30-19:00 (90)
    CHECK(m.calendar_max_min == 600);    // all of it on Thursday 3 December, 00:00-24:00
    CHECK(joined(m.flags) == "amplitude_soft active_soft active_firm calendar_day_long");
}

TEST_CASE("outside_window_min counts time before, between and after two windows") {
    core::MemoryIntervals j;
    work(j, "2026-12-03 08:00", "2026-12-03 12:45");
    work(j, "2026-12-03 13:15", "2026-12-03 18:00");
    const auto m = measure(j, "2026-12-03");
    CHECK(m.active_min == 570);           // 285 + 285
    CHECK(m.outside_window_min == 120);   // 08:00-09:00 (60) + 12:30-12:45 (15) + 13:15-13:30 (15) + 17:30-18:00 (30)
    CHECK(m.quiet_min == 0);              // the quiet evening ends at 07:30
    CHECK(m.longest_stretch_min == 285);  // the 30-min lunch is a break
    CHECK(joined(m.flags) == "amplitude_soft active_soft");  // 600 and 570
}

TEST_CASE("on a public holiday (Ascension, 14 May 2026) every minute of work is outside windows and quiet") {
    REQUIRE(office().is_holiday(test::day("2026-05-14")));
    core::MemoryIntervals j;
    work(j, "2026-05-13 09:00", "2026-05-13 17:30", paris_summer);  // Wednesday
    work(j, "2026-05-14 10:00", "2026-05-14 12:00", paris_summer);  // Thursday, Ascension
    const auto m = measure(j, "2026-05-14");
    CHECK(m.active_min == 120);
    CHECK(m.outside_window_min == 120);
    CHECK(m.quiet_min == 120);
    CHECK(m.night_min == 0);
    CHECK(m.reconnections == 1);
    CHECK(m.rest_before_min == 990);  // 17:30 -> 10:00 = 16 h 30
    CHECK(joined(m.flags) == "quiet_activity");
}

TEST_CASE("thresholds come from the limits given") {
    core::MemoryIntervals j;
    work(j, "2026-12-01 09:00", "2026-12-01 12:30");
    work(j, "2026-12-01 13:30", "2026-12-01 17:30");
    core::Limits limits;
    limits.amplitude_soft_min = 8 * 60;  // 510 >= 480
    limits.active_soft_min = 7 * 60;     // 450 >= 420
    limits.break_after_min = 240;        // the 240-min afternoon stretch reaches it
    limits.night_start = core::Minutes{17 * 60};
    limits.night_end = core::Minutes{8 * 60};
    const auto m = core::compute_day(j, test::day("2026-12-01"), office(), limits);
    CHECK(m.night_min == 30);  // 17:00-17:30
    CHECK_FALSE(m.break_20_ok);
    CHECK(joined(m.flags) == "amplitude_soft active_soft break_missing night_activity");
}

// --- Weeks ---------------------------------------------------------------------------------------------------------

namespace {

// A weekday of 8 h (09:00-13:00, 14:00-18:00) or a weekend morning of 4 h (09:00-13:00), in Paris winter time.
void office_day(core::MemoryIntervals& j, const std::string& d) {
    work(j, d + " 09:00", d + " 13:00");
    work(j, d + " 14:00", d + " 18:00");
}
void weekend_morning(core::MemoryIntervals& j, const std::string& d) {
    work(j, d + " 09:00", d + " 13:00");
}

std::string plus_days(const std::string& d, int n) {
    return core::format_date(core::Date{date::sys_days{test::day(d)} + date::days{n}});
}

core::WeekMetrics measure_week(const core::IntervalSource& j, const std::string& monday, const std::string& now_local) {
    return core::compute_week(j, test::day(monday), office(), core::Limits{}, test::local(now_local, paris_winter));
}

void check_same_day(const core::DayMetrics& a, const core::DayMetrics& b) {
    CHECK(a.date == b.date);
    CHECK(a.first_active == b.first_active);
    CHECK(a.first_offset == b.first_offset);
    CHECK(a.last_active == b.last_active);
    CHECK(a.last_offset == b.last_offset);
    CHECK(a.amplitude_min == b.amplitude_min);
    CHECK(a.active_min == b.active_min);
    CHECK(a.longest_stretch_min == b.longest_stretch_min);
    CHECK(a.break_20_ok == b.break_20_ok);
    CHECK(a.outside_window_min == b.outside_window_min);
    CHECK(a.quiet_min == b.quiet_min);
    CHECK(a.night_min == b.night_min);
    CHECK(a.reconnections == b.reconnections);
    CHECK(a.rest_before_min == b.rest_before_min);
    CHECK(a.flags == b.flags);
}

// Three weeks from Monday 16 November 2026, the journal's first day:
//   W47: Mon-Fri 8 h = 2400 min;  W48 and W49: Mon-Fri 8 h + Sat and Sun 4 h = 2880 min.
core::MemoryIntervals three_weeks() {
    core::MemoryIntervals j;
    for (int k = 0; k < 21; ++k) {
        const auto d = plus_days("2026-11-16", k);
        const auto weekday = k % 7;
        if (weekday < 5)
            office_day(j, d);
        else if (k >= 7)
            weekend_morning(j, d);
    }
    return j;
}

}  // namespace

TEST_CASE("a week of seven working days: totals, 12-week average since the journal began, rest and flags") {
    const auto j = three_weeks();
    const auto w = measure_week(j, "2026-11-30", "2026-12-10 12:00");
    CHECK(w.monday == test::day("2026-11-30"));
    CHECK(w.week == "2026-W49");
    REQUIRE(w.days.size() == 7);
    CHECK(w.days[0].date == test::day("2026-11-30"));
    CHECK(w.days[6].date == test::day("2026-12-06"));
    CHECK(w.total_active_min == 2880);  // 5 x 480 + 2 x 240
    CHECK(w.days_active == 7);
    // Only W47, W48 and W49 exist: (2400 + 2880 + 2880) / 3 = 2720, not 8160 / 12 = 680.
    CHECK(w.avg12_active_min == 2720);
    // The longest gaps: Sunday 29 Nov 13:00 -> Monday 09:00 and Saturday 13:00 -> Sunday 09:00, 20 h each; the gap
    // after Sunday 6 Dec 13:00 is closed by the end of the week (Monday 7 Dec 04:00): 15 h.
    CHECK(w.longest_rest_min == 1200);
    CHECK(joined(w.flags) == "week_soft week_firm avg12_high weekly_rest_short seven_days");
}

TEST_CASE("the days of a week report are the days of the day report") {
    const auto j = three_weeks();
    const auto w = measure_week(j, "2026-11-30", "2026-12-10 12:00");
    REQUIRE(w.days.size() == 7);
    for (int k = 0; k < 7; ++k) {
        CAPTURE(k);
        check_same_day(w.days[static_cast<std::size_t>(k)], measure(j, plus_days("2026-11-30", k)));
    }
    CHECK(w.days[0].rest_before_min == 1200);  // Sunday 13:00 -> Monday 09:00
    CHECK(w.days[5].quiet_min == 240);         // Saturday
}

TEST_CASE("a rest still running is closed by now, or by the end of the week when that comes first") {
    auto j = three_weeks();
    office_day(j, "2026-12-07");  // Monday and Tuesday of W50, nothing after
    office_day(j, "2026-12-08");

    SUBCASE("closed by now") {
        const auto w = measure_week(j, "2026-12-07", "2026-12-10 12:00");
        CHECK(w.week == "2026-W50");
        CHECK(w.total_active_min == 960);
        CHECK(w.days_active == 2);
        CHECK(w.longest_rest_min == 2520);  // Tuesday 18:00 -> Thursday 12:00 = 42 h
        // W47 to W50: (2400 + 2880 + 2880 + 960) / 4 = 2280.
        CHECK(w.avg12_active_min == 2280);
        CHECK(w.flags.empty());
    }
    SUBCASE("closed by the end of the week") {
        const auto w = measure_week(j, "2026-12-07", "2026-12-20 12:00");
        CHECK(w.longest_rest_min == 7800);  // Tuesday 8 Dec 18:00 -> Monday 14 Dec 04:00 = 5 d 10 h = 130 h
    }
    SUBCASE("the week before sees the gap that reaches into it") {
        const auto w = measure_week(j, "2026-11-30", "2026-12-20 12:00");
        CHECK(w.longest_rest_min == 1200);  // Sunday 6 Dec 13:00 -> Monday 7 Dec 09:00 = 20 h, as long as the others
    }
}

TEST_CASE("a week without activity spans the rest from the week before to the week after") {
    core::MemoryIntervals j;
    office_day(j, "2026-11-20");  // Friday of W47
    office_day(j, "2026-11-30");  // Monday of W49
    const auto w = measure_week(j, "2026-11-23", "2026-12-10 12:00");
    CHECK(w.week == "2026-W48");
    CHECK(w.total_active_min == 0);
    CHECK(w.days_active == 0);
    CHECK(w.longest_rest_min == 13860);  // Friday 20 Nov 18:00 -> Monday 30 Nov 09:00 = 9 d 15 h = 231 h
    CHECK(w.avg12_active_min == 240);    // (480 + 0) / 2
    CHECK(w.flags.empty());
    for (const auto& d : w.days) {
        CHECK_FALSE(d.first_active);
        CHECK(d.flags.empty());
    }
}

TEST_CASE("a week before the journal or in the future has zeros and no flags") {
    const auto j = three_weeks();
    SUBCASE("before the journal") {
        const auto w = measure_week(j, "2026-11-09", "2026-12-10 12:00");
        CHECK(w.total_active_min == 0);
        CHECK(w.avg12_active_min == 0);
        CHECK(w.longest_rest_min == 0);
        CHECK(w.flags.empty());
    }
    SUBCASE("in the future") {
        const auto w = measure_week(j, "2026-12-14", "2026-12-10 12:00");
        CHECK(w.total_active_min == 0);
        CHECK(w.longest_rest_min == 0);     // the open rest is closed by now, before the week begins
        CHECK(w.avg12_active_min == 1632);  // (2400 + 2880 + 2880 + 0 + 0) / 5
        CHECK(w.flags.empty());
    }
    SUBCASE("an empty journal") {
        const core::MemoryIntervals empty;
        const auto w = measure_week(empty, "2026-11-30", "2026-12-10 12:00");
        CHECK(w.days.size() == 7);
        CHECK(w.total_active_min == 0);
        CHECK(w.avg12_active_min == 0);
        CHECK(w.longest_rest_min == 0);
        CHECK(w.flags.empty());
    }
}

TEST_CASE("the 12-week average forgets weeks older than eleven before this one") {
    core::MemoryIntervals j;
    // 14 Mondays from 7 Sep 2026: the first two with 8 h, the next twelve with 1 h.
    for (int k = 0; k < 14; ++k) {
        const auto d = plus_days("2026-09-07", 7 * k);
        if (k < 2)
            office_day(j, d);
        else
            work(j, d + " 09:00", d + " 10:00");
    }
    const auto w = measure_week(j, "2026-12-07", "2026-12-20 12:00");
    CHECK(w.avg12_active_min == 60);  // 12 x 60 / 12
    const auto earlier = measure_week(j, "2026-11-30", "2026-12-20 12:00");
    CHECK(earlier.avg12_active_min == 95);  // (480 + 11 x 60) / 12 = 1140 / 12
}

TEST_CASE("travel mid-week: the week adds Paris and Montreal days in elapsed time") {
    core::MemoryIntervals j;
    for (const auto* d : {"2026-11-30", "2026-12-01"}) {
        work(j, std::string(d) + " 09:00", std::string(d) + " 12:30", paris_winter);
        work(j, std::string(d) + " 13:30", std::string(d) + " 17:30", paris_winter);
    }
    for (const auto* d : {"2026-12-03", "2026-12-04"}) {
        work(j, std::string(d) + " 09:00", std::string(d) + " 12:30", -300);
        work(j, std::string(d) + " 13:30", std::string(d) + " 17:30", -300);
    }
    const auto w = measure_week(j, "2026-11-30", "2026-12-20 12:00");
    CHECK(w.total_active_min == 1800);  // 4 x 450
    CHECK(w.days_active == 4);
    CHECK(w.avg12_active_min == 1800);  // one week of journal
    // Friday 17:30-05:00 = 22:30Z; the week ends on Monday 7 Dec 04:00-05:00 = 09:00Z: 58 h 30. The Tuesday ->
    // Thursday gap (16:30Z -> 14:00Z) is 45 h 30.
    CHECK(w.longest_rest_min == 3510);
    CHECK(w.days[3].first_offset == core::Seconds{-5 * 3600});
    CHECK(w.days[0].first_offset == core::Seconds{3600});
    CHECK(w.flags.empty());
}

namespace {

// Counts what a report asks of the journal, to keep reports cheap on a journal of many years.
class CountingSource final : public core::IntervalSource {
  public:
    explicit CountingSource(const core::IntervalSource& inner) : inner_(inner) {}
    std::vector<core::Interval> intervals_for_days(core::Date first, core::Date last) const override {
        ++range_calls_;
        days_fetched_ += (date::sys_days{last} - date::sys_days{first}).count() + 1;
        return inner_.intervals_for_days(first, last);
    }
    std::optional<core::Interval> last_active_before(core::TimePoint t) const override {
        ++point_calls_;
        return inner_.last_active_before(t);
    }
    std::optional<core::Interval> first_active_after(core::TimePoint t) const override {
        ++point_calls_;
        return inner_.first_active_after(t);
    }
    std::optional<core::Date> first_day() const override { return inner_.first_day(); }

    mutable int range_calls_ = 0;
    mutable long days_fetched_ = 0;
    mutable int point_calls_ = 0;

  private:
    const core::IntervalSource& inner_;
};

}  // namespace

TEST_CASE("a week report over ten years of journal reads twelve weeks and a few single rows") {
    core::MemoryIntervals j;
    const date::sys_days first{test::day("2016-12-05")};
    const date::sys_days last{test::day("2026-12-06")};
    for (auto d = first; d <= last; d += date::days{1}) {
        if (core::weekday_index(core::Date{d}) < 5) {
            const auto text = core::format_date(core::Date{d});
            work(j, text + " 09:00", text + " 12:30");
            add(j, State::idle, text + " 12:30", text + " 13:30");
            work(j, text + " 13:30", text + " 17:30");
        }
    }
    const CountingSource counted{j};
    const auto w = core::compute_week(counted, test::day("2026-11-30"), office(), core::Limits{},
                                      test::local("2026-12-10 12:00", paris_winter));
    CHECK(w.total_active_min == 2250);  // 5 x 450
    CHECK(w.avg12_active_min == 2250);
    CHECK(w.longest_rest_min == 3810);  // Friday 17:30 -> Monday 09:00 = 63 h 30
    CHECK(counted.range_calls_ == 1);
    CHECK(counted.days_fetched_ == 86);  // 12 weeks, and the day on either side (they share calendar days)
    CHECK(counted.point_calls_ == 1);    // the look ahead past the week; earlier days are among the rows read
}

TEST_CASE("a rest that ends as the week starts, or starts as it ends, belongs to the other week") {
    core::MemoryIntervals j;
    office_day(j, "2026-11-20");                      // Friday 20 Nov, until 18:00
    work(j, "2026-11-30 04:00", "2026-11-30 06:00");  // Monday, from the very start of the work day
    work(j, "2026-12-05 20:00", "2026-12-05 21:30");  // Saturday
    work(j, "2026-12-06 22:00", "2026-12-07 04:00");  // Sunday's work day, up to its very end
    office_day(j, "2026-12-17");
    const auto w = measure_week(j, "2026-11-30", "2026-12-20 12:00");
    // Friday 20 Nov 18:00 -> Monday 30 Nov 04:00 (226 h) ends as the week starts and Monday 7 Dec 04:00 -> Thursday
    // 17 Dec 09:00 (245 h) starts as it ends; the longest rest inside is Monday 06:00 -> Saturday 20:00 = 134 h.
    CHECK(w.longest_rest_min == 8040);
    CHECK(w.days_active == 3);
    CHECK(w.total_active_min == 570);  // 120 + 90 + 360
}

TEST_CASE("a zero-length active row does not hide the rest before the day or after the week") {
    SUBCASE("before the day") {
        core::MemoryIntervals j;
        work(j, "2026-11-30 09:00", "2026-11-30 18:00");
        work(j, "2026-12-01 09:00", "2026-12-01 09:00");  // a single input, recorded as an instant
        work(j, "2026-12-01 09:00", "2026-12-01 12:00");
        const auto m = measure(j, "2026-12-01");
        CHECK(m.rest_before_min == 900);  // Monday 18:00 -> Tuesday 09:00
        CHECK(m.active_min == 180);
        const auto w = measure_week(j, "2026-11-30", "2026-12-20 12:00");
        CHECK(w.days[1].rest_before_min == 900);
    }
    SUBCASE("after the week") {
        core::MemoryIntervals j;
        work(j, "2026-12-05 19:00", "2026-12-05 20:00");  // Saturday of W49
        work(j, "2026-12-06 09:00", "2026-12-06 13:00");  // Sunday of W49
        work(j, "2026-12-06 13:00", "2026-12-06 13:00");
        office_day(j, "2026-12-09");  // Wednesday of W50
        const auto w = measure_week(j, "2026-11-30", "2026-12-20 12:00");
        CHECK(w.longest_rest_min == 4080);  // Sunday 13:00 -> Wednesday 9 Dec 09:00 = 68 h (Saturday's night: 13 h)
    }
}

TEST_CASE("before the first activity ever, rest is counted from the start of the journal") {
    core::MemoryIntervals j;
    add(j, State::idle, "2026-11-28 10:00", "2026-11-28 10:30");  // installed on Saturday, nothing done
    for (int k = 0; k < 7; ++k)
        office_day(j, plus_days("2026-11-30", k));
    const auto w = measure_week(j, "2026-11-30", "2026-12-20 12:00");
    CHECK(w.longest_rest_min == 2820);  // Saturday 10:00 -> Monday 09:00 = 47 h; each night is 15 h
    CHECK(w.total_active_min == 3360);  // 7 x 480
    CHECK(w.avg12_active_min == 1680);  // W48 (the journal's first week, with no activity) and W49: 3360 / 2
    CHECK(joined(w.flags) == "week_soft week_firm seven_days");
}

TEST_CASE("the 12-week average is rounded to the nearest minute, a half going up") {
    core::MemoryIntervals j;
    work(j, "2026-11-23 09:00", "2026-11-23 10:00");  // W48: 60 min
    work(j, "2026-11-30 09:00", "2026-11-30 10:01");  // W49: 61 min
    const auto w = measure_week(j, "2026-11-30", "2026-12-20 12:00");
    CHECK(w.avg12_active_min == 61);  // 121 / 2 = 60.5
}

// --- Activity is the union of the rows (DESIGN section 4): an instant is active once, whatever rows say it. ---

namespace {

core::Interval on_device(core::Interval i, const std::string& device) {
    i.device = device;
    return i;
}

bool has_flag(const std::vector<std::string>& flags, const std::string& name) {
    return std::find(flags.begin(), flags.end(), name) != flags.end();
}

}  // namespace

TEST_CASE("two overlapping rows from two devices count once: active 61 min and amplitude 61 min, not 120") {
    core::MemoryIntervals j;
    // 09:00-10:00 and 09:01-10:01 in Paris (+01:00), Monday 9 November 2026.
    j.insert(active_utc("2026-11-09T08:00:00Z", "2026-11-09T09:00:00Z"));
    j.insert(on_device(active_utc("2026-11-09T08:01:00Z", "2026-11-09T09:01:00Z"), "desktop"));

    const auto m = measure(j, "2026-11-09");
    CHECK(shown(m.first_active, m.first_offset) == "2026-11-09T09:00:00+01:00");
    CHECK(shown(m.last_active, m.last_offset) == "2026-11-09T10:01:00+01:00");
    CHECK(m.amplitude_min == 61);        // 09:00 -> 10:01
    CHECK(m.active_min == 61);           // the union 09:00-10:01; the sum of the rows would be 60 + 60 = 120
    CHECK(m.longest_stretch_min == 61);  // one run with no gap
    CHECK(m.outside_window_min == 0);    // all inside 09:00-12:30
    CHECK(m.calendar_max_min == 61);     // Monday 00:00-24:00 holds the same 61 min
    CHECK(m.reconnections == 0);

    const auto w = core::compute_week(j, test::day("2026-11-09"), office(), core::Limits{},
                                      test::local("2026-11-20 12:00", paris_winter));
    CHECK(w.total_active_min == 61);  // the week total is the union too
    CHECK(w.days[0].active_min == 61);
    CHECK(w.days_active == 1);
}

TEST_CASE("a row inside another adds nothing, and one device's row bridging the other's gap is no break") {
    core::MemoryIntervals j;
    // Laptop: 09:00-10:00 and 10:30-12:00, a 30-minute break; desktop: 09:50-10:40 over the gap; desktop again
    // 11:00-11:30, inside the laptop's row. Union: 09:00-12:00 without a gap = 180 min (the rows add up to
    // 60 + 90 + 50 + 30 = 230).
    work(j, "2026-11-10 09:00", "2026-11-10 10:00");
    work(j, "2026-11-10 10:30", "2026-11-10 12:00");
    j.insert(test::span(State::active, "2026-11-10 09:50", "2026-11-10 10:40", paris_winter, "desktop"));
    j.insert(test::span(State::active, "2026-11-10 11:00", "2026-11-10 11:30", paris_winter, "desktop"));

    const auto m = measure(j, "2026-11-10");
    CHECK(m.active_min == 180);
    CHECK(m.amplitude_min == 180);
    CHECK(m.longest_stretch_min == 180);  // the laptop's 30-minute break is covered by the desktop's activity

    // Six hours of that bridged activity is a missing break, as one device's six hours would be.
    core::MemoryIntervals k;
    work(k, "2026-11-10 08:00", "2026-11-10 11:00");  // 180
    work(k, "2026-11-10 11:30", "2026-11-10 14:30");  // 180 after a 30-minute gap...
    k.insert(test::span(State::active, "2026-11-10 10:50", "2026-11-10 11:40", paris_winter, "desktop"));
    const auto b = measure(k, "2026-11-10");
    // ...that the desktop fills: 08:00-14:30 with no gap = 390 min, one stretch.
    CHECK(b.active_min == 390);
    CHECK(b.longest_stretch_min == 390);
    CHECK_FALSE(b.break_20_ok);
    CHECK(has_flag(b.flags, "break_missing"));
}

TEST_CASE("a night shift across midnight: work-day totals and calendar-day totals differ") {
    core::MemoryIntervals j;
    const auto day_start = core::Minutes{4 * 60};
    // Monday 9 November 22:00 -> Tuesday 06:00, written split at 04:00 like every row; Tuesday 10:00-12:00; Tuesday
    // 22:00 -> Wednesday 02:00 (before 04:00: still Tuesday's work day). Paris, +01:00.
    for (const auto& piece : core::split_at_work_days(
             test::span(State::active, "2026-11-09 22:00", "2026-11-10 06:00", paris_winter), day_start))
        j.insert(piece);
    REQUIRE(j.all().size() == 2);  // 22:00-04:00 on Monday's work day, 04:00-06:00 on Tuesday's
    work(j, "2026-11-10 10:00", "2026-11-10 12:00");
    work(j, "2026-11-10 22:00", "2026-11-11 02:00");

    // Work day Monday (04:00 Mon -> 04:00 Tue): 22:00-04:00 = 360 min.
    // Work day Tuesday (04:00 Tue -> 04:00 Wed): 04:00-06:00 + 10:00-12:00 + 22:00-02:00 = 120 + 120 + 240 = 480.
    // Calendar Monday (00:00-24:00): 22:00-24:00 = 120.
    // Calendar Tuesday: 00:00-06:00 + 10:00-12:00 + 22:00-24:00 = 360 + 120 + 120 = 600 = 10 h: the legal benchmark.
    // Calendar Wednesday: 00:00-02:00 = 120.
    const auto mon = measure(j, "2026-11-09");
    CHECK(mon.active_min == 360);
    CHECK(mon.calendar_max_min == 600);  // Monday's work touches calendar Monday (120) and Tuesday (600)
    CHECK(has_flag(mon.flags, "calendar_day_long"));
    CHECK_FALSE(has_flag(mon.flags, "active_firm"));  // 360 < 600 on the work day

    const auto tue = measure(j, "2026-11-10");
    CHECK(tue.active_min == 480);
    CHECK(tue.calendar_max_min == 600);  // calendar Tuesday (600) and Wednesday (120)
    CHECK(has_flag(tue.flags, "calendar_day_long"));
    CHECK_FALSE(has_flag(tue.flags, "active_firm"));  // 480 < 600 on the work day

    const auto wed = measure(j, "2026-11-11");
    CHECK(wed.active_min == 0);  // 00:00-02:00 belongs to Tuesday's work day
    CHECK(wed.calendar_max_min == 0);
    CHECK(wed.flags.empty());

    // The week's days carry the same figures, the Monday's calendar Tuesday included.
    const auto w = core::compute_week(j, test::day("2026-11-09"), office(), core::Limits{},
                                      test::local("2026-11-20 12:00", paris_winter));
    CHECK(w.days[0].calendar_max_min == 600);
    CHECK(w.days[1].calendar_max_min == 600);
    CHECK(w.days[2].calendar_max_min == 0);
    CHECK(w.total_active_min == 840);  // 360 + 480

    // The threshold is [limits] active_firm: at 10 h 01 min, calendar Tuesday's 10 h 00 is no longer flagged.
    core::Limits loose;
    loose.active_firm_min = 601;
    const auto relaxed = core::compute_day(j, test::day("2026-11-10"), office(), loose);
    CHECK(relaxed.calendar_max_min == 600);
    CHECK_FALSE(has_flag(relaxed.flags, "calendar_day_long"));
}

TEST_CASE("the calendar day counts the previous work day's early hours and every device once") {
    core::MemoryIntervals j;
    // Sunday's work day runs until Monday 04:00: 01:00-03:00 on Monday morning is Sunday's work but Monday's calendar
    // day. Monday 08:00-16:00 on the laptop, 15:00-17:30 on the desktop (15:00-16:00 counted once).
    work(j, "2026-11-09 01:00", "2026-11-09 03:00");
    work(j, "2026-11-09 08:00", "2026-11-09 16:00");
    j.insert(test::span(State::active, "2026-11-09 15:00", "2026-11-09 17:30", paris_winter, "desktop"));
    const auto mon = measure(j, "2026-11-09");
    CHECK(mon.active_min == 570);        // 08:00-17:30 = 9 h 30: below active_firm
    CHECK(mon.calendar_max_min == 690);  // 01:00-03:00 (120) + 08:00-17:30 (570) = 11 h 30
    CHECK(has_flag(mon.flags, "calendar_day_long"));
    CHECK_FALSE(has_flag(mon.flags, "active_firm"));
    const auto sun = measure(j, "2026-11-08");
    CHECK(sun.active_min == 120);
    CHECK(sun.calendar_max_min == 690);  // Sunday's work lies on calendar Monday
}

TEST_CASE("a call is work: counted in the active time, the amplitude and the rest, and once where it overlaps") {
    core::MemoryIntervals j;
    work(j, "2026-11-30 09:00", "2026-11-30 10:00");
    add(j, State::call, "2026-11-30 10:00", "2026-11-30 11:00");
    // The evening meeting on the phone: no input at all, and it ends the day.
    add(j, State::call, "2026-11-30 18:30", "2026-11-30 19:30");
    // Another device typed during the morning call (10:30-11:30): each instant once.
    j.insert(test::span(State::active, "2026-11-30 10:30", "2026-11-30 11:30", paris_winter, "office-pc"));
    work(j, "2026-12-01 08:00", "2026-12-01 09:00");
    auto m = measure(j, "2026-11-30");
    CHECK(shown(m.first_active, m.first_offset) == "2026-11-30T09:00:00+01:00");
    CHECK(shown(m.last_active, m.last_offset) == "2026-11-30T19:30:00+01:00");
    CHECK(m.amplitude_min == 10 * 60 + 30);
    CHECK(m.active_min == 150 + 60);    // 09:00-11:30 once, and the evening call
    CHECK(m.call_min == 60 + 60);       // the morning call (it began before the other device) and the evening one
    CHECK(m.outside_window_min == 60);  // 18:30-19:30
    auto next = measure(j, "2026-12-01");
    REQUIRE(next.rest_before_min);
    CHECK(*next.rest_before_min == 12 * 60 + 30);  // from the evening call's end, 19:30, to 08:00
    CHECK(next.call_min == 0);
}
