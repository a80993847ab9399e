// The day's figures and the tray state (app/day_view.h): the one source the tray menu, the status window and
// `clockout status` show. Default settings: Mon-Fri 09:00-12:30 and 13:30-17:30, quiet 20:00-07:30, Sat and Sun rest
// days, French holidays (Wednesday 11 November 2026 is one), day_start 04:00, Europe/Paris (+01:00 in November).
#include <doctest/doctest.h>

#include <algorithm>

#include "app/day_view.h"
#include "app/i18n.h"
#include "support/test_support.h"

namespace clockout::app {
namespace {

using core::State;
using test::local;
using test::span;

struct LanguageScope {
    explicit LanguageScope(Language language) : before(current_language()) { set_language(language); }
    ~LanguageScope() { set_language(before); }
    Language before;
};

Context paris_context() {
    Context context;
    context.zone = core::make_zone("Europe/Paris");
    REQUIRE(context.zone);
    context.schedule = std::make_shared<core::Schedule>(context.settings.schedule);
    return context;
}

// Monday 9 November 2026: active 08:50-10:20 (90 min), idle 10:20-10:40, active 10:40-11:05 (25 min); the Friday
// before, 09:00-17:00 active, is last week and must not count in this week's total.
core::MemoryIntervals monday_morning() {
    core::MemoryIntervals rows;
    rows.insert(span(State::active, "2026-11-06 09:00", "2026-11-06 17:00", 60));
    rows.insert(span(State::active, "2026-11-09 08:50", "2026-11-09 10:20", 60));
    rows.insert(span(State::idle, "2026-11-09 10:20", "2026-11-09 10:40", 60));
    rows.insert(span(State::active, "2026-11-09 10:40", "2026-11-09 11:05", 60));
    return rows;
}

}  // namespace

TEST_CASE("day view: a Monday morning's figures, computed by hand") {
    LanguageScope english(Language::en);
    auto context = paris_context();
    auto rows = monday_morning();
    auto now = local("2026-11-09 11:05", 60);
    auto view = compute_day_view(context, rows, now, false, false);
    CHECK(core::format_date(view.date) == "2026-11-09");
    CHECK(view.active_min == 115);     // 90 + 25
    CHECK(view.amplitude_min == 135);  // 08:50 -> 11:05
    REQUIRE(view.first_active);
    CHECK(core::format_local(*view.first_active, view.first_offset) == "2026-11-09T08:50:00+01:00");
    REQUIRE(view.day_end);
    CHECK(*view.day_end == local("2026-11-09 17:30", 60));  // the end of the 13:30-17:30 window
    REQUIRE(view.latest_stop);
    CHECK(*view.latest_stop == local("2026-11-09 22:00", 60));  // Tuesday 09:00 minus 11 h
    CHECK(view.week_active_min == 115);                         // Friday 6 November is the week before
    CHECK(view.state == TrayState::day);
    CHECK_FALSE(view.quiet);
    CHECK_FALSE(view.late);
    CHECK(day_view_heading(view) == "Today, Mon 9 Nov");
    CHECK(day_view_lines(view, *context.zone) ==
          std::vector<std::string>{"Active time: 1 h 55; amplitude: 2 h 15 since 08:50", "Your day ends at 17:30",
                                   "Latest stop for 11 h of rest: 22:00", "This week: 1 h 55"});
}

TEST_CASE("day view: the live view with the open interval not yet stored gives the same figures") {
    // The agent holds 10:40-11:05 open (not written yet): LiveIntervals adds it, as the running agent answers.
    auto context = paris_context();
    core::MemoryIntervals stored;
    stored.insert(span(State::active, "2026-11-09 08:50", "2026-11-09 10:20", 60));
    stored.insert(span(State::idle, "2026-11-09 10:20", "2026-11-09 10:40", 60));
    core::LiveIntervals live(stored, span(State::active, "2026-11-09 10:40", "2026-11-09 11:05", 60));
    auto view = compute_day_view(context, live, local("2026-11-09 11:05", 60), false, true);
    CHECK(view.active_min == 115);
    CHECK(view.amplitude_min == 135);
    CHECK(view.live);
    // The journal alone is 25 minutes behind: 90 active, amplitude 08:50 -> 10:20 (its last active end) = 90.
    auto behind = compute_day_view(context, stored, local("2026-11-09 11:05", 60), false, false);
    CHECK(behind.active_min == 90);
    CHECK(behind.amplitude_min == 90);
}

TEST_CASE("day view: the tray state through a Monday, paused first, then quiet, then late") {
    auto context = paris_context();
    auto rows = monday_morning();
    CHECK(tray_state_at(context, local("2026-11-09 17:29", 60), false) == TrayState::day);
    CHECK(tray_state_at(context, local("2026-11-09 17:30", 60), false) == TrayState::late);  // the day's end
    CHECK(tray_state_at(context, local("2026-11-09 19:59", 60), false) == TrayState::late);
    CHECK(tray_state_at(context, local("2026-11-09 20:00", 60), false) == TrayState::quiet);  // quiet evening
    CHECK(tray_state_at(context, local("2026-11-09 20:00", 60), true) == TrayState::paused);
    CHECK(tray_state_at(context, local("2026-11-10 07:29", 60), false) == TrayState::quiet);
    CHECK(tray_state_at(context, local("2026-11-10 07:30", 60), false) == TrayState::day);
    auto evening = compute_day_view(context, rows, local("2026-11-09 21:30", 60), false, false);
    CHECK(evening.quiet);
    CHECK(evening.late);
    CHECK(evening.state == TrayState::quiet);
    auto paused = compute_day_view(context, rows, local("2026-11-09 15:00", 60), true, false);
    CHECK(paused.state == TrayState::paused);
    LanguageScope english(Language::en);
    CHECK(day_view_lines(paused, *context.zone).back() == "Tracking is paused.");
}

TEST_CASE("day view: the latest stop names its day; a rest day has no day's end") {
    LanguageScope english(Language::en);
    auto context = paris_context();
    auto rows = monday_morning();
    rows.insert(span(State::active, "2026-11-10 09:00", "2026-11-10 12:00", 60));  // Tuesday: 180 min
    // Tuesday 18:00: Wednesday 11 November is a holiday, so the next window is Thursday 09:00; minus 11 h, Wednesday
    // 22:00, which is tomorrow.
    auto tuesday = compute_day_view(context, rows, local("2026-11-10 18:00", 60), false, false);
    REQUIRE(tuesday.latest_stop);
    CHECK(*tuesday.latest_stop == local("2026-11-11 22:00", 60));
    CHECK(day_view_lines(tuesday, *context.zone)[2] == "Latest stop for 11 h of rest: tomorrow 22:00");
    CHECK(tuesday.week_active_min == 295);  // Monday 115 + Tuesday 180
    CHECK(tuesday.state == TrayState::late);
    // Friday 13 November 18:00: the next window is Monday 16 November 09:00, so Sunday 22:00.
    auto friday = compute_day_view(context, rows, local("2026-11-13 18:00", 60), false, false);
    CHECK(day_view_lines(friday, *context.zone)[2] == "Latest stop for 11 h of rest: Sunday 22:00");
    CHECK(day_view_lines(friday, *context.zone)[0] == "No activity recorded yet today.");
    // Saturday 14 November 11:00: a rest day, quiet all day, no window.
    auto saturday = compute_day_view(context, rows, local("2026-11-14 11:00", 60), false, false);
    CHECK_FALSE(saturday.day_end);
    CHECK(saturday.quiet);
    CHECK(saturday.state == TrayState::quiet);
    CHECK(day_view_lines(saturday, *context.zone)[1] == "No working window today: it is a day off.");
    CHECK(saturday.week_active_min == 295);
}

TEST_CASE("day view: before day_start the night still belongs to the previous work day") {
    auto context = paris_context();
    CHECK(core::format_date(work_day_at(context, local("2026-11-10 03:59", 60))) == "2026-11-09");
    CHECK(core::format_date(work_day_at(context, local("2026-11-10 04:00", 60))) == "2026-11-10");
}

TEST_CASE("day view: the JSON the running agent answers reads back to the same figures") {
    auto context = paris_context();
    auto rows = monday_morning();
    auto view = compute_day_view(context, rows, local("2026-11-09 18:10", 60), false, true);
    auto text = day_view_json(view, *context.zone);
    CHECK(text.find("\"active_min\": 115") != std::string::npos);
    CHECK(text.find("\"day_end\": \"2026-11-09T17:30:00+01:00\"") != std::string::npos);
    CHECK(text.find("\"state\": \"late\"") != std::string::npos);
    CHECK(text.find("\"source\": \"agent\"") != std::string::npos);
    std::string error;
    auto back = parse_day_view_json(text, error);
    REQUIRE_MESSAGE(back, error);
    CHECK(back->date == view.date);
    CHECK(back->active_min == 115);
    CHECK(back->amplitude_min == 135);
    CHECK(back->first_active == view.first_active);
    CHECK(back->first_offset == view.first_offset);
    CHECK(back->day_end == view.day_end);
    CHECK(back->latest_stop == view.latest_stop);
    CHECK(back->week_active_min == 115);
    CHECK(back->state == TrayState::late);
    CHECK(back->late);
    CHECK(back->live);
    CHECK(back->now == view.now);
    LanguageScope english(Language::en);
    CHECK(day_view_lines(*back, *context.zone) == day_view_lines(view, *context.zone));
    CHECK_FALSE(parse_day_view_json("{\"date\": 3}", error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("day view: a call counts in the active time and is said, in the menu and in clockout status alike") {
    auto context = paris_context();
    auto rows = monday_morning();
    auto call = span(State::call, "2026-11-09 11:05", "2026-11-09 12:05", 60);
    call.source = "pulse";
    rows.insert(call);
    auto view = compute_day_view(context, rows, local("2026-11-09 12:05", 60), false, true);
    CHECK(view.active_min == 115 + 60);
    CHECK(view.call_min == 60);
    CHECK(view.amplitude_min == 195);  // 08:50 -> 12:05: the call ends the morning
    view.in_call = true;
    {
        LanguageScope english(Language::en);
        const auto lines = day_view_lines(view, *context.zone);
        CHECK(std::find(lines.begin(), lines.end(), "In a call now (counted as work); calls today: 1 h 00") !=
              lines.end());
    }
    {
        LanguageScope french(Language::fr);
        view.in_call = false;
        const auto lines = day_view_lines(view, *context.zone);
        CHECK(std::find(lines.begin(), lines.end(), "Dont en appel : 1 h 00") != lines.end());
    }
    view.in_call = true;
    std::string error;
    auto back = parse_day_view_json(day_view_json(view, *context.zone), error);
    REQUIRE_MESSAGE(back, error);
    CHECK(back->call_min == 60);
    CHECK(back->in_call);
    LanguageScope english(Language::en);
    CHECK(day_view_lines(*back, *context.zone) == day_view_lines(view, *context.zone));
}

}  // namespace clockout::app
