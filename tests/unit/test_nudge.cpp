// The nudge policy of DESIGN.md section 5, line by line, in simulated time (Europe/Paris, the default schedule:
// Mon-Fri 09:00-12:30 and 13:30-17:30, quiet 20:00-07:30, weekends off). 2026-11-30 is a Monday.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/metrics.h"
#include "core/nudge.h"
#include "core/schedule.h"
#include "core/time.h"
#include "support/test_support.h"

using namespace clockout;
using namespace std::chrono_literals;
using core::NudgeKind;

namespace {

const core::ZonePtr& paris_zone() {
    static const core::ZonePtr zone = core::make_zone("Europe/Paris");
    return zone;
}

// Wall time "2026-11-30 17:20" in Paris.
core::TimePoint paris(const std::string& text) {
    auto d = core::parse_date(text.substr(0, 10));
    auto hm = core::parse_hhmm(text.substr(11, 5));
    REQUIRE(d);
    REQUIRE(hm);
    return paris_zone()->to_utc(core::LocalTime{date::local_days{*d}} + *hm);
}

// An instant as Paris reads it, "2026-11-30 17:20", or "none".
std::string read(const std::optional<core::TimePoint>& t) {
    if (!t)
        return "none";
    const auto text = core::format_local(*t, paris_zone()->offset_at(*t));
    return text.substr(0, 10) + " " + text.substr(11, 5);
}

std::string name(NudgeKind kind) {
    switch (kind) {
        case NudgeKind::pre_notice:
            return "pre_notice";
        case NudgeKind::end_notice:
            return "end_notice";
        case NudgeKind::firm:
            return "firm";
        case NudgeKind::quiet_prompt:
            return "quiet_prompt";
        case NudgeKind::amplitude:
            return "amplitude";
        case NudgeKind::active_time:
            return "active_time";
        case NudgeKind::break_missing:
            return "break_missing";
        case NudgeKind::screen_break:
            return "screen_break";
    }
    return "?";
}

// "end_notice", "firm+amplitude", "" for nothing.
std::string shown(const core::Decision& d) {
    std::string out;
    for (const auto& n : d.show)
        out += (out.empty() ? "" : "+") + name(n.kind);
    return out;
}

// A worker at their desk since 09:00 on Monday, well below every day threshold.
struct Desk {
    core::NudgeSettings settings;
    core::Limits limits;
    core::Schedule schedule{core::ScheduleConfig::defaults()};
    core::NudgeMemory memory;
    core::LiveState live;

    Desk() {
        REQUIRE(paris_zone());
        live.present = true;
        live.run_start = paris("2026-11-30 09:00");
        live.today_first_active = paris("2026-11-30 09:00");
        live.today_active_min = 420;
        live.today_amplitude_min = 510;
        live.stretch_min = 90;
    }
    core::Decision at(const std::string& when) {
        return core::decide(settings, limits, schedule, *paris_zone(), paris(when), live, memory);
    }
};

}  // namespace

TEST_CASE("ten minutes before a 17:30 end a gentle pre-notice, once") {
    Desk desk;
    auto d = desk.at("2026-11-30 17:19");
    CHECK(shown(d) == "");
    CHECK(read(d.wake_at) == "2026-11-30 17:20");

    d = desk.at("2026-11-30 17:20");
    REQUIRE(shown(d) == "pre_notice");
    const auto& n = d.show[0];
    CHECK(read(n.day_end) == "2026-11-30 17:30");
    CHECK(n.overtime_min == 0);
    CHECK(n.amplitude_min == 510);
    CHECK(n.active_min == 420);
    CHECK(read(n.latest_stop) == "2026-11-30 22:00");
    CHECK(read(d.wake_at) == "2026-11-30 17:30");

    CHECK(shown(desk.at("2026-11-30 17:25")) == "");
}

TEST_CASE("at 17:30 the end notice; 30 minutes later the firm window, then every 30 minutes") {
    Desk desk;
    auto d = desk.at("2026-11-30 17:30");
    REQUIRE(shown(d) == "end_notice");
    CHECK(d.show[0].overtime_min == 0);
    CHECK(read(d.wake_at) == "2026-11-30 18:00");
    CHECK(shown(desk.at("2026-11-30 17:45")) == "");

    d = desk.at("2026-11-30 18:00");
    REQUIRE(shown(d) == "firm");
    CHECK(d.show[0].overtime_min == 30);
    CHECK(read(d.show[0].latest_stop) == "2026-11-30 22:00");
    CHECK(read(d.wake_at) == "2026-11-30 18:30");
    CHECK(shown(desk.at("2026-11-30 18:29")) == "");

    d = desk.at("2026-11-30 18:30");
    REQUIRE(shown(d) == "firm");
    CHECK(d.show[0].overtime_min == 60);
    CHECK(read(d.wake_at) == "2026-11-30 19:00");

    d = desk.at("2026-11-30 19:00");
    REQUIRE(shown(d) == "firm");
    CHECK(d.show[0].overtime_min == 90);
}

TEST_CASE("\"10 more minutes\" on the end notice brings it back ten minutes later") {
    Desk desk;
    REQUIRE(shown(desk.at("2026-11-30 17:30")) == "end_notice");
    core::answer_more_minutes(desk.memory, desk.settings, paris("2026-11-30 17:30"));
    auto d = desk.at("2026-11-30 17:35");
    CHECK(shown(d) == "");
    CHECK(read(d.wake_at) == "2026-11-30 17:40");

    d = desk.at("2026-11-30 17:40");
    REQUIRE(shown(d) == "end_notice");
    CHECK(d.show[0].overtime_min == 10);
    CHECK(read(d.wake_at) == "2026-11-30 18:00");
    CHECK(shown(desk.at("2026-11-30 18:00")) == "firm");
}

TEST_CASE("\"10 more minutes\" that run past the firm time give the firm window when they are over") {
    Desk desk;
    REQUIRE(shown(desk.at("2026-11-30 17:30")) == "end_notice");
    core::answer_more_minutes(desk.memory, desk.settings, paris("2026-11-30 17:30"));
    REQUIRE(shown(desk.at("2026-11-30 17:40")) == "end_notice");
    core::answer_more_minutes(desk.memory, desk.settings, paris("2026-11-30 17:55"));  // answered late
    auto d = desk.at("2026-11-30 18:00");
    CHECK(shown(d) == "");
    CHECK(read(d.wake_at) == "2026-11-30 18:05");
    d = desk.at("2026-11-30 18:05");
    REQUIRE(shown(d) == "firm");
    CHECK(d.show[0].overtime_min == 35);
    CHECK(read(d.wake_at) == "2026-11-30 18:35");
}

TEST_CASE("\"Snooze 15 min\" on the firm window brings it back 15 minutes later, then every 30 minutes") {
    Desk desk;
    REQUIRE(shown(desk.at("2026-11-30 17:30")) == "end_notice");
    REQUIRE(shown(desk.at("2026-11-30 18:00")) == "firm");
    core::answer_snooze(desk.memory, desk.settings, paris("2026-11-30 18:00"));

    auto d = desk.at("2026-11-30 18:10");
    CHECK(shown(d) == "");
    CHECK(read(d.wake_at) == "2026-11-30 18:15");
    d = desk.at("2026-11-30 18:15");
    REQUIRE(shown(d) == "firm");
    CHECK(d.show[0].overtime_min == 45);
    CHECK(read(d.wake_at) == "2026-11-30 18:45");
    CHECK(shown(desk.at("2026-11-30 18:30")) == "");
    CHECK(shown(desk.at("2026-11-30 18:45")) == "firm");
}

TEST_CASE("\"I'm done\" closes the day: no more end-of-day or threshold nudges until the next work day") {
    Desk desk;
    REQUIRE(shown(desk.at("2026-11-30 17:30")) == "end_notice");
    core::answer_done_for_today(desk.memory);
    auto d = desk.at("2026-11-30 18:00");
    CHECK(shown(d) == "");
    CHECK(read(d.wake_at) == "2026-12-01 04:00");
    desk.live.today_amplitude_min = 700;
    desk.live.today_active_min = 600;
    desk.live.stretch_min = 400;
    CHECK(shown(desk.at("2026-11-30 19:00")) == "");
    CHECK(shown(desk.at("2026-12-01 01:00")) == "");  // past midnight it is still Monday's work day

    // Tuesday starts afresh.
    desk.live.today_amplitude_min = 0;
    desk.live.today_active_min = 0;
    desk.live.stretch_min = 0;
    d = desk.at("2026-12-01 04:00");
    CHECK(shown(d) == "");
    CHECK(desk.memory.work_day == test::day("2026-12-01"));
    CHECK_FALSE(desk.memory.day_closed);
    CHECK(shown(desk.at("2026-12-01 17:30")) == "end_notice");
}

TEST_CASE("\"Working late\" stops the firm windows but not the threshold notices") {
    Desk desk;
    REQUIRE(shown(desk.at("2026-11-30 17:30")) == "end_notice");
    core::answer_working_late(desk.memory);
    auto d = desk.at("2026-11-30 18:00");
    CHECK(shown(d) == "");
    // The next thing that could come is the active-time notice: 420 min now, 480 in an hour.
    CHECK(read(d.wake_at) == "2026-11-30 19:00");
    desk.live.today_active_min = 480;
    d = desk.at("2026-11-30 19:00");
    REQUIRE(shown(d) == "active_time");
    CHECK(d.show[0].overtime_min == 90);
    CHECK(shown(desk.at("2026-11-30 19:30")) == "");
}

TEST_CASE("the latest stop keeps 11 hours of rest before the next planned window") {
    const core::Schedule schedule{core::ScheduleConfig::defaults()};
    const auto& zone = *paris_zone();
    auto stop = [&](const std::string& when) { return read(core::latest_stop(schedule, zone, paris(when), 660min)); };
    CHECK(stop("2026-11-30 17:00") == "2026-11-30 22:00");  // Monday: Tuesday 09:00 - 11 h
    CHECK(stop("2026-11-30 08:00") == "2026-11-30 22:00");  // today's windows do not count
    CHECK(stop("2026-12-01 00:30") == "2026-11-30 22:00");  // past midnight, still Monday's evening
    CHECK(stop("2026-12-04 17:00") == "2026-12-06 22:00");  // Friday: Monday 09:00 - 11 h, on Sunday
    CHECK(stop("2026-12-24 17:00") == "2026-12-27 22:00");  // Christmas Friday and the weekend
    // The weekend holds the spring DST change: Monday 09:00 CEST - 11 h = Sunday 22:00 CEST.
    CHECK(stop("2026-03-27 17:00") == "2026-03-29 22:00");
    CHECK(core::format_utc(*core::latest_stop(schedule, zone, paris("2026-03-27 17:00"), 660min)) ==
          "2026-03-29T20:00:00Z");

    auto no_work = core::ScheduleConfig::defaults();
    for (auto& day : no_work.windows)
        day.clear();
    CHECK_FALSE(core::latest_stop(core::Schedule{no_work}, zone, paris("2026-11-30 17:00"), 660min));
}

TEST_CASE("the quiet-hour prompt: first input in quiet hours after 20 minutes away, once per run") {
    Desk desk;
    desk.memory.work_day = test::day("2026-11-30");
    desk.memory.day_closed = true;  // "I'm done" at 17:30, so only the quiet prompt is in play
    desk.live.previous_activity_end = paris("2026-11-30 18:00");
    desk.live.run_start = paris("2026-11-30 21:30");

    auto d = desk.at("2026-11-30 21:30");
    REQUIRE(shown(d) == "quiet_prompt");
    CHECK(desk.memory.quiet_prompted_run == paris("2026-11-30 21:30"));
    CHECK(shown(desk.at("2026-11-30 21:45")) == "");  // same run: asked already

    SUBCASE("not after an absence shorter than 20 minutes") {
        desk.live.previous_activity_end = paris("2026-11-30 21:55");
        desk.live.run_start = paris("2026-11-30 22:10");
        CHECK(shown(desk.at("2026-11-30 22:10")) == "");
        desk.live.previous_activity_end = paris("2026-11-30 22:20");
        desk.live.run_start = paris("2026-11-30 22:40");  // exactly 20 minutes
        CHECK(shown(desk.at("2026-11-30 22:40")) == "quiet_prompt");
    }
    SUBCASE("not for a run that began before quiet hours") {
        desk.live.previous_activity_end = paris("2026-11-30 18:00");
        desk.live.run_start = paris("2026-11-30 19:30");
        CHECK(shown(desk.at("2026-11-30 20:30")) == "");
    }
    SUBCASE("with no earlier activity at all, the absence counts") {
        desk.live.previous_activity_end.reset();
        desk.live.run_start = paris("2026-12-05 10:00");  // Saturday, a rest day: quiet all day
        CHECK(shown(desk.at("2026-12-05 10:00")) == "quiet_prompt");
    }
    SUBCASE("not while paused, not while away, not for a run already declared personal") {
        desk.live.run_start = paris("2026-11-30 23:00");
        desk.live.previous_activity_end = paris("2026-11-30 22:00");
        desk.live.paused = true;
        CHECK(shown(desk.at("2026-11-30 23:00")) == "");
        desk.live.paused = false;
        desk.live.present = false;
        CHECK(shown(desk.at("2026-11-30 23:00")) == "");
        desk.live.present = true;
        desk.live.personal = true;
        CHECK(shown(desk.at("2026-11-30 23:00")) == "");
        desk.live.personal = false;
        CHECK(shown(desk.at("2026-11-30 23:01")) == "quiet_prompt");
    }
    SUBCASE("a run that crosses day_start is not asked again") {
        desk.live.run_start = paris("2026-12-01 03:00");
        desk.live.previous_activity_end = paris("2026-11-30 23:00");
        REQUIRE(shown(desk.at("2026-12-01 03:00")) == "quiet_prompt");
        CHECK(shown(desk.at("2026-12-01 04:00")) == "");
    }
}

TEST_CASE("the quiet prompt comes alone; a due firm window follows a minute later unless the run is personal") {
    Desk desk;
    desk.live.previous_activity_end = paris("2026-11-30 18:00");  // left before the end notice could show
    desk.live.run_start = paris("2026-11-30 21:30");
    auto d = desk.at("2026-11-30 21:30");
    CHECK(shown(d) == "quiet_prompt");
    CHECK(read(d.wake_at) == "2026-11-30 21:31");

    SUBCASE("answered Work, or not answered") {
        d = desk.at("2026-11-30 21:31");
        REQUIRE(shown(d) == "firm");
        CHECK(d.show[0].overtime_min == 241);
    }
    SUBCASE("answered Personal") {
        desk.live.personal = true;
        CHECK(shown(desk.at("2026-11-30 21:31")) == "");
        CHECK(shown(desk.at("2026-11-30 23:00")) == "");
    }
}

TEST_CASE("day threshold notices come once a day each") {
    Desk desk;
    desk.live.today_amplitude_min = 599;
    desk.live.today_active_min = 479;
    desk.live.stretch_min = 329;
    auto d = desk.at("2026-11-30 15:00");
    CHECK(shown(d) == "");
    CHECK(read(d.wake_at) == "2026-11-30 15:01");  // the three are one minute away

    desk.live.today_amplitude_min = 600;  // 10 h
    CHECK(shown(desk.at("2026-11-30 15:01")) == "amplitude");
    desk.live.today_active_min = 480;  // 8 h
    desk.live.stretch_min = 330;       // 5 h 30 without a 20-minute break: time to take it before 6 h
    d = desk.at("2026-11-30 15:02");
    REQUIRE(shown(d) == "active_time+break_missing");
    CHECK(d.show[1].active_min == 480);
    CHECK(d.show[1].amplitude_min == 600);

    desk.live.today_amplitude_min = 800;
    desk.live.today_active_min = 700;
    desk.live.stretch_min = 400;
    CHECK(shown(desk.at("2026-11-30 16:00")) == "");

    // The next work day may show them again.
    CHECK(shown(desk.at("2026-12-01 09:00")) == "amplitude+active_time+break_missing");
}

TEST_CASE("nobody is nudged while away; the due nudge shows when they are back") {
    Desk desk;
    desk.live.present = false;
    desk.live.today_amplitude_min = 600;
    auto d = desk.at("2026-11-30 17:30");
    CHECK(shown(d) == "");
    CHECK_FALSE(desk.memory.end_notice_shown);
    CHECK(read(d.wake_at) == "2026-11-30 18:00");  // the firm time: due is not the same as shown

    SUBCASE("back before the firm time: the end notice") {
        desk.live.present = true;
        d = desk.at("2026-11-30 17:50");
        REQUIRE(shown(d) == "end_notice+amplitude");
        CHECK(d.show[0].overtime_min == 20);
    }
    SUBCASE("back after it: the firm window alone, and repeats from then") {
        CHECK(shown(desk.at("2026-11-30 18:00")) == "");
        desk.live.present = true;
        d = desk.at("2026-11-30 18:10");
        REQUIRE(shown(d) == "firm+amplitude");
        CHECK(d.show[0].overtime_min == 40);
        CHECK(read(d.wake_at) == "2026-11-30 18:40");
    }
    SUBCASE("paused tracking shows nothing and keeps it due") {
        desk.live.present = true;
        desk.live.paused = true;
        CHECK(shown(desk.at("2026-11-30 17:40")) == "");
        desk.live.paused = false;
        CHECK(shown(desk.at("2026-11-30 17:41")) == "end_notice+amplitude");
    }
}

TEST_CASE("wake_at is the next instant something could become due, never in the past") {
    Desk desk;
    CHECK(read(desk.at("2026-11-30 08:00").wake_at) == "2026-11-30 09:00");  // active time could reach 480 by then
    desk.live.present = false;
    CHECK(read(desk.at("2026-11-30 08:00").wake_at) == "2026-11-30 17:20");
    // Saturday: no windows, so nothing until the next work day starts.
    CHECK(read(desk.at("2026-12-05 10:00").wake_at) == "2026-12-06 04:00");

    // Nothing planned at all: no windows for the next two weeks and nobody there.
    auto leave = core::ScheduleConfig::defaults();
    leave.leave.push_back(core::DateRange{test::day("2026-12-21"), test::day("2027-01-10")});
    desk.schedule = core::Schedule{leave};
    CHECK_FALSE(desk.at("2026-12-23 10:00").wake_at);
}

TEST_CASE("an engine that only wakes at wake_at sees every nudge of a long Monday at its time") {
    // Working without a break from 09:00 until 04:00 on Tuesday: the figures grow with the clock.
    Desk desk;
    desk.live.run_start = paris("2026-11-30 09:00");
    std::vector<std::string> log;
    auto now = paris("2026-11-30 08:00");
    const auto stop = paris("2026-12-01 04:00");
    while (now < stop) {
        const auto worked = std::max<std::int64_t>(0, (now - paris("2026-11-30 09:00")).count() / 60);
        desk.live.today_active_min = worked;
        desk.live.today_amplitude_min = worked;
        desk.live.stretch_min = worked;
        auto d = core::decide(desk.settings, desk.limits, desk.schedule, *paris_zone(), now, desk.live, desk.memory);
        if (!d.show.empty())
            log.push_back(read(now).substr(11) + " " + shown(d));
        REQUIRE(d.wake_at);
        REQUIRE(*d.wake_at > now);
        now = *d.wake_at;
    }
    std::vector<std::string> expected{"14:30 break_missing", "17:00 active_time", "17:20 pre_notice",
                                      "17:30 end_notice",    "18:00 firm",        "18:30 firm",
                                      "19:00 firm+amplitude"};
    for (int h = 19; h < 28; ++h) {
        for (int m : {0, 30}) {
            if (h == 19 && m == 0)
                continue;
            const int hour = h % 24;
            expected.push_back((hour < 10 ? "0" : "") + std::to_string(hour) + (m == 0 ? ":00" : ":30") + " firm");
        }
    }
    CHECK(log == expected);
    CHECK(now == stop);  // the last wake is the start of Tuesday's work day
}

TEST_CASE("the first start at 21:00 brings no end-of-day nudge: the quiet prompt, then only the thresholds") {
    // Installed on Monday at 21:00: nothing was active on that work day before its 17:30 end. The issue's "3 h 29 après
    // la fin de votre journée — Amplitude aujourd'hui : 0 h 00" was the firm window, due since 18:00.
    Desk desk;
    desk.live.run_start = paris("2026-11-30 21:00");
    desk.live.previous_activity_end.reset();
    desk.live.today_first_active = paris("2026-11-30 21:00");
    std::vector<std::string> log;
    auto now = paris("2026-11-30 21:00");
    const auto stop = paris("2026-12-01 04:00");
    while (now < stop) {
        // Working on from 21:00 without a break: every figure is the minutes since 21:00.
        const auto worked = (now - paris("2026-11-30 21:00")).count() / 60;
        desk.live.today_active_min = worked;
        desk.live.today_amplitude_min = worked;
        desk.live.stretch_min = worked;
        auto d = core::decide(desk.settings, desk.limits, desk.schedule, *paris_zone(), now, desk.live, desk.memory);
        if (!d.show.empty())
            log.push_back(read(now).substr(11) + " " + shown(d));
        REQUIRE(d.wake_at);
        REQUIRE(*d.wake_at > now);
        now = *d.wake_at;
    }
    // 21:00: "is this work?" (quiet hours from 20:00, nothing before). Answered Work: no end notice, no firm window.
    // 5 h 30 without a break (the notice 30 minutes before 6 h) is 02:30; 7 h of work stay under the 8 h and 10 h
    // thresholds.
    CHECK(log == std::vector<std::string>{"21:00 quiet_prompt", "02:30 break_missing"});
}

TEST_CASE("no end-of-day nudge on a day whose first activity comes after its end; one if it came before") {
    Desk desk;
    desk.live.previous_activity_end.reset();
    SUBCASE("first activity at 17:45, after the 17:30 end, before the quiet hours") {
        desk.live.run_start = paris("2026-11-30 17:45");
        desk.live.today_first_active = paris("2026-11-30 17:45");
        desk.live.today_active_min = desk.live.today_amplitude_min = desk.live.stretch_min = 0;
        CHECK(shown(desk.at("2026-11-30 17:45")) == "");
        desk.live.today_active_min = desk.live.today_amplitude_min = desk.live.stretch_min = 45;
        CHECK(shown(desk.at("2026-11-30 18:30")) == "");
    }
    SUBCASE("first activity at 17:25, five minutes before the end: the pre-notice at once, the end notice at 17:30") {
        desk.live.run_start = paris("2026-11-30 17:25");
        desk.live.today_first_active = paris("2026-11-30 17:25");
        desk.live.today_active_min = desk.live.today_amplitude_min = desk.live.stretch_min = 0;
        CHECK(shown(desk.at("2026-11-30 17:25")) == "pre_notice");
        desk.live.today_active_min = desk.live.today_amplitude_min = desk.live.stretch_min = 5;
        auto d = desk.at("2026-11-30 17:30");
        REQUIRE(shown(d) == "end_notice");
        CHECK(d.show[0].amplitude_min == 5);
    }
    SUBCASE("no activity at all yet today: nothing, even while present (the run has not been recorded)") {
        desk.live.today_first_active.reset();
        desk.live.today_active_min = desk.live.today_amplitude_min = desk.live.stretch_min = 0;
        CHECK(shown(desk.at("2026-11-30 18:00")) == "");
    }
}

TEST_CASE("the screen break: off by default; on, after 55 min of work, Later in 10 min, Done after 55 more") {
    Desk desk;
    desk.live.screen_min = 80;
    CHECK(shown(desk.at("2026-11-30 10:20")) == "");  // off by default
    desk.settings.screen_break = 55min;
    desk.live.screen_min = 50;
    auto d = desk.at("2026-11-30 10:15");
    CHECK(shown(d) == "");
    CHECK(read(d.wake_at) == "2026-11-30 10:20");  // when the 55 minutes are reached
    desk.live.screen_min = 55;
    d = desk.at("2026-11-30 10:20");
    CHECK(shown(d) == "screen_break");
    REQUIRE(d.show.size() == 1);
    CHECK(d.show[0].screen_min == 55);
    desk.live.screen_min = 56;
    CHECK(shown(desk.at("2026-11-30 10:21")) == "");  // once, not every minute
    core::answer_screen_break_later(desk.memory, paris("2026-11-30 10:21"));
    desk.live.screen_min = 65;
    CHECK(shown(desk.at("2026-11-30 10:30")) == "");
    desk.live.screen_min = 66;
    CHECK(shown(desk.at("2026-11-30 10:31")) == "screen_break");  // Later: 10 minutes on
    core::answer_screen_break_done(desk.memory, desk.settings, paris("2026-11-30 10:32"));
    desk.live.screen_min = 100;
    CHECK(shown(desk.at("2026-11-30 11:20")) == "");
    CHECK(shown(desk.at("2026-11-30 11:27")) == "screen_break");  // Done: 55 minutes later if still no pause
}

TEST_CASE("the screen break: never during a call, in personal time, nor in the last 10 minutes before the day's end") {
    Desk desk;
    desk.settings.screen_break = 55min;
    desk.live.screen_min = 60;
    desk.live.in_call = true;
    CHECK(shown(desk.at("2026-11-30 15:00")) == "");
    desk.live.in_call = false;
    desk.live.personal = true;
    CHECK(shown(desk.at("2026-11-30 15:00")) == "");
    desk.live.personal = false;
    // 17:20: the pre-notice of the 17:30 end comes, and no screen break from then on.
    auto d = desk.at("2026-11-30 17:20");
    CHECK(shown(d) == "pre_notice");
    CHECK(shown(desk.at("2026-11-30 17:25")) == "");
    CHECK(shown(desk.at("2026-11-30 18:10")) == "firm");
    // The same stretch at 15:00 with nothing else due: shown.
    Desk afternoon;
    afternoon.settings.screen_break = 55min;
    afternoon.live.screen_min = 60;
    CHECK(shown(afternoon.at("2026-11-30 15:00")) == "screen_break");
}
