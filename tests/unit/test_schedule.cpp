// The declared week: ranges, windows, quiet hours and the questions the nudges and metrics ask of it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/schedule.h"
#include "support/test_support.h"

using namespace clockout;
using core::LocalSpan;
using core::LocalTime;
using core::Minutes;
using core::TimeRange;

namespace {

// "2026-11-30 09:00" as a wall time with no zone.
LocalTime at(const std::string& text) {
    const auto d = test::day(text.substr(0, 10));
    const auto hm = core::parse_hhmm(text.substr(11, 5));
    REQUIRE(hm);
    return LocalTime{date::local_days{d}} + *hm;
}

std::string show(LocalTime t) {
    return date::format("%F %R", t);
}

// Spans written the way people read them, so a failing check prints something legible.
std::vector<std::string> show(const std::vector<LocalSpan>& spans) {
    std::vector<std::string> out;
    for (const auto& s : spans)
        out.push_back(show(s.start) + " .. " + show(s.end));
    return out;
}

std::string show(const std::optional<LocalTime>& t) {
    return t ? show(*t) : "none";
}

TimeRange hm(int h1, int m1, int h2, int m2) {
    return TimeRange{Minutes{h1 * 60 + m1}, Minutes{h2 * 60 + m2}};
}

}  // namespace

TEST_CASE("time ranges: what is accepted") {
    CHECK(core::parse_time_range("09:00-12:30") == hm(9, 0, 12, 30));
    CHECK(core::parse_time_range("9:00-12:30") == hm(9, 0, 12, 30));
    CHECK(core::parse_time_range(" 13:30 - 17:30 ") == hm(13, 30, 17, 30));
    CHECK(core::parse_time_range("09:00-24:00") == hm(9, 0, 24, 0));
    CHECK(core::parse_time_range("00:00-24:00") == hm(0, 0, 24, 0));
    const auto night = core::parse_time_range("22:00-06:00");
    REQUIRE(night);
    CHECK(night->crosses_midnight());
    CHECK(night->length() == Minutes{8 * 60});
    CHECK_FALSE(core::parse_time_range("09:00-24:00")->crosses_midnight());
    CHECK(core::parse_time_range("09:00-24:00")->length() == Minutes{15 * 60});
    CHECK(core::parse_time_range("22:00-00:00")->length() == Minutes{2 * 60});
}

TEST_CASE("time ranges: what is refused, and why") {
    struct Row {
        const char* text;
        const char* problem;
    };
    const Row rows[] = {
        {"09:00-25:00", "hours go from 00 to 24"},
        {"25:00-26:00", "hours go from 00 to 24"},
        {"09:60-12:00", "minutes go from 00 to 59"},
        {"09:00-24:30", "24:00 is the latest time of a day"},
        {"24:00-06:00", "a range cannot start at 24:00"},
        {"09:00-09:00", "its start and end are the same"},
        {"", "expected HH:MM-HH:MM"},
        {"09:00", "expected HH:MM-HH:MM"},
        {"09:00-", "expected HH:MM-HH:MM"},
        {"9h-12h", "expected HH:MM-HH:MM"},
        {"09:0-12:00", "expected HH:MM-HH:MM"},
        {"090:00-12:00", "expected HH:MM-HH:MM"},
        {"09:00-12:00-13:00", "expected HH:MM-HH:MM"},
        {"-09:00-12:00", "expected HH:MM-HH:MM"},
        {"ab:cd-ef:gh", "expected HH:MM-HH:MM"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text);
        CHECK_FALSE(core::parse_time_range(row.text));
        CHECK(core::time_range_problem(row.text) == row.problem);
    }
    CHECK(core::time_range_problem("09:00-12:30") == "");
}

TEST_CASE("time ranges and date ranges are written back in their canonical form") {
    CHECK(core::format_time_range(hm(9, 0, 12, 30)) == "09:00-12:30");
    CHECK(core::format_time_range(hm(22, 0, 6, 0)) == "22:00-06:00");
    CHECK(core::format_time_range(hm(13, 30, 24, 0)) == "13:30-24:00");

    const auto holidays = core::parse_date_range("2026-12-21..2027-01-02");
    REQUIRE(holidays);
    CHECK(holidays->first == test::day("2026-12-21"));
    CHECK(holidays->last == test::day("2027-01-02"));
    CHECK(holidays->contains(test::day("2027-01-01")));
    CHECK_FALSE(holidays->contains(test::day("2027-01-03")));
    CHECK(core::format_date_range(*holidays) == "2026-12-21..2027-01-02");

    const auto one = core::parse_date_range("2026-12-25");
    REQUIRE(one);
    CHECK(one->first == one->last);
    CHECK(core::format_date_range(*one) == "2026-12-25");

    CHECK_FALSE(core::parse_date_range("2027-01-02..2026-12-21"));  // last before first
    CHECK_FALSE(core::parse_date_range("2026-02-30"));
    CHECK_FALSE(core::parse_date_range("2026-12-21.."));
    CHECK_FALSE(core::parse_date_range("next week"));
    CHECK(core::parse_date_range("2026-12-21..2026-12-21"));
}

TEST_CASE("the default schedule is the one of RULES.md") {
    const auto c = core::ScheduleConfig::defaults();
    CHECK(c.timezone == "system");
    CHECK(c.day_start == Minutes{4 * 60});
    for (int d = 0; d < 5; ++d)
        CHECK(c.windows[d] == std::vector<TimeRange>{hm(9, 0, 12, 30), hm(13, 30, 17, 30)});
    CHECK(c.windows[5].empty());
    CHECK(c.windows[6].empty());
    CHECK(c.quiet_evening == hm(20, 0, 7, 30));
    CHECK(c.rest_days == std::array<bool, 7>{false, false, false, false, false, true, true});
    CHECK(c.public_holidays == "FR");
    CHECK(c.leave.empty());
}

TEST_CASE("windows of a working day, a weekend day, a holiday and a leave day") {
    auto config = core::ScheduleConfig::defaults();
    config.leave.push_back(*core::parse_date_range("2026-12-02"));
    const core::Schedule s(config);
    CHECK(show(s.windows_on(test::day("2026-11-30"))) ==
          std::vector<std::string>{"2026-11-30 09:00 .. 2026-11-30 12:30", "2026-11-30 13:30 .. 2026-11-30 17:30"});
    CHECK(s.windows_on(test::day("2026-12-05")).empty());  // Saturday
    CHECK(s.windows_on(test::day("2026-12-25")).empty());  // Christmas, a Friday
    CHECK(s.windows_on(test::day("2026-04-06")).empty());  // Easter Monday
    CHECK(s.windows_on(test::day("2026-12-02")).empty());  // leave, a Wednesday
    CHECK(s.is_leave(test::day("2026-12-02")));
    CHECK_FALSE(s.is_leave(test::day("2026-12-03")));
    CHECK(s.windows_on(test::day("2026-12-03")).size() == 2);
}

TEST_CASE("a holiday and a leave day are quiet from midnight to midnight") {
    auto config = core::ScheduleConfig::defaults();
    config.leave.push_back(*core::parse_date_range("2026-12-02"));
    const core::Schedule s(config);
    CHECK(show(s.quiet_between(at("2026-12-25 00:00"), at("2026-12-26 00:00"))) ==
          std::vector<std::string>{"2026-12-25 00:00 .. 2026-12-26 00:00"});
    // Leave on Wednesday: Tuesday's evening runs into it and Wednesday's evening runs out of it.
    CHECK(show(s.quiet_between(at("2026-12-01 12:00"), at("2026-12-03 12:00"))) ==
          std::vector<std::string>{"2026-12-01 20:00 .. 2026-12-03 07:30"});
    CHECK(s.in_quiet(at("2026-12-02 11:00")));
    CHECK_FALSE(s.in_window(at("2026-12-02 11:00")));
    CHECK(s.windows_between(at("2026-12-02 00:00"), at("2026-12-03 00:00")).empty());
}

TEST_CASE("quiet hours around a weekday evening") {
    const core::Schedule s(core::ScheduleConfig::defaults());
    CHECK(show(s.quiet_between(at("2026-11-30 12:00"), at("2026-12-01 12:00"))) ==
          std::vector<std::string>{"2026-11-30 20:00 .. 2026-12-01 07:30"});
    // Clipped to the range asked for.
    CHECK(show(s.quiet_between(at("2026-11-30 21:00"), at("2026-12-01 06:00"))) ==
          std::vector<std::string>{"2026-11-30 21:00 .. 2026-12-01 06:00"});
    // A Monday morning starts in Sunday's quiet evening.
    CHECK(show(s.quiet_between(at("2026-11-30 00:00"), at("2026-11-30 12:00"))) ==
          std::vector<std::string>{"2026-11-30 00:00 .. 2026-11-30 07:30"});
    CHECK(s.in_quiet(at("2026-11-30 20:00")));
    CHECK(s.in_quiet(at("2026-12-01 07:29")));
    CHECK_FALSE(s.in_quiet(at("2026-12-01 07:30")));
    CHECK_FALSE(s.in_quiet(at("2026-11-30 19:59")));
    CHECK(s.quiet_between(at("2026-11-30 12:00"), at("2026-11-30 12:00")).empty());
}

TEST_CASE("a weekend is one quiet span from Friday evening to Monday morning") {
    const core::Schedule s(core::ScheduleConfig::defaults());
    CHECK(show(s.quiet_between(at("2026-12-04 12:00"), at("2026-12-07 12:00"))) ==
          std::vector<std::string>{"2026-12-04 20:00 .. 2026-12-07 07:30"});
    // Over a whole week: five evenings and the weekend, merged.
    CHECK(show(s.quiet_between(at("2026-11-30 00:00"), at("2026-12-07 00:00"))) ==
          std::vector<std::string>{
              "2026-11-30 00:00 .. 2026-11-30 07:30",
              "2026-11-30 20:00 .. 2026-12-01 07:30",
              "2026-12-01 20:00 .. 2026-12-02 07:30",
              "2026-12-02 20:00 .. 2026-12-03 07:30",
              "2026-12-03 20:00 .. 2026-12-04 07:30",
              "2026-12-04 20:00 .. 2026-12-07 00:00",
          });
    auto no_evenings = core::ScheduleConfig::defaults();
    no_evenings.quiet_evening.reset();
    CHECK(show(core::Schedule(no_evenings).quiet_between(at("2026-12-04 12:00"), at("2026-12-07 12:00"))) ==
          std::vector<std::string>{"2026-12-05 00:00 .. 2026-12-07 00:00"});
}

TEST_CASE("windows between two times are merged, ordered and clipped") {
    const core::Schedule s(core::ScheduleConfig::defaults());
    CHECK(show(s.windows_between(at("2026-12-04 10:00"), at("2026-12-07 10:00"))) ==
          std::vector<std::string>{"2026-12-04 10:00 .. 2026-12-04 12:30", "2026-12-04 13:30 .. 2026-12-04 17:30",
                                   "2026-12-07 09:00 .. 2026-12-07 10:00"});
    auto touching = core::ScheduleConfig::defaults();
    touching.windows[0] = {hm(13, 30, 17, 30), hm(9, 0, 13, 30)};  // given out of order and touching
    CHECK(show(core::Schedule(touching).windows_between(at("2026-11-30 00:00"), at("2026-12-01 00:00"))) ==
          std::vector<std::string>{"2026-11-30 09:00 .. 2026-11-30 17:30"});
    CHECK(s.windows_between(at("2026-11-30 10:00"), at("2026-11-30 09:00")).empty());
}

TEST_CASE("a window crossing midnight belongs to the day it starts and ends the next morning") {
    auto config = core::ScheduleConfig::defaults();
    config.windows[0] = {hm(22, 0, 6, 0)};  // Monday night shift
    config.windows[1] = {};
    const core::Schedule s(config);
    CHECK(show(s.windows_on(test::day("2026-11-30"))) ==
          std::vector<std::string>{"2026-11-30 22:00 .. 2026-12-01 06:00"});
    CHECK(s.windows_on(test::day("2026-12-01")).empty());
    CHECK(show(s.windows_between(at("2026-12-01 00:00"), at("2026-12-01 12:00"))) ==
          std::vector<std::string>{"2026-12-01 00:00 .. 2026-12-01 06:00"});
    CHECK(s.in_window(at("2026-12-01 05:59")));
    CHECK_FALSE(s.in_window(at("2026-12-01 06:00")));
    CHECK(show(s.window_end_containing(at("2026-12-01 03:00"))) == "2026-12-01 06:00");
    // At 03:00 on Tuesday, the day's last window is Monday's, still running.
    CHECK(show(s.last_window_end_of_day(at("2026-12-01 03:00"))) == "2026-12-01 06:00");
    CHECK(show(s.last_window_end_of_day(at("2026-11-30 23:00"))) == "2026-12-01 06:00");
    // A window of Friday night runs into Saturday although Saturday is a rest day: it started on a working day.
    auto friday = core::ScheduleConfig::defaults();
    friday.windows[4] = {hm(22, 0, 2, 0)};
    CHECK(show(core::Schedule(friday).windows_on(test::day("2026-12-04"))) ==
          std::vector<std::string>{"2026-12-04 22:00 .. 2026-12-05 02:00"});
}

TEST_CASE("a window ending at 24:00 and one starting at 00:00 the next day make one run") {
    auto config = core::ScheduleConfig::defaults();
    config.windows[0] = {hm(18, 0, 24, 0)};
    config.windows[1] = {hm(0, 0, 2, 0), hm(9, 0, 12, 0)};
    const core::Schedule s(config);
    CHECK(show(s.windows_on(test::day("2026-11-30"))) ==
          std::vector<std::string>{"2026-11-30 18:00 .. 2026-12-01 00:00"});
    CHECK(show(s.window_end_containing(at("2026-11-30 19:00"))) == "2026-12-01 02:00");
    CHECK(show(s.last_window_end_of_day(at("2026-11-30 19:00"))) == "2026-12-01 02:00");
    CHECK(show(s.window_end_containing(at("2026-11-30 17:00"))) == "none");
}

TEST_CASE("next window start: strictly later, over a weekend, a holiday and leave") {
    auto config = core::ScheduleConfig::defaults();
    config.leave.push_back(*core::parse_date_range("2026-12-21..2026-12-24"));
    const core::Schedule s(config);
    CHECK(show(s.next_window_start(at("2026-11-30 08:00"))) == "2026-11-30 09:00");
    CHECK(show(s.next_window_start(at("2026-11-30 09:00"))) == "2026-11-30 13:30");  // strictly after
    CHECK(show(s.next_window_start(at("2026-11-30 12:45"))) == "2026-11-30 13:30");
    CHECK(show(s.next_window_start(at("2026-12-04 18:00"))) == "2026-12-07 09:00");  // Friday evening -> Monday
    CHECK(show(s.next_window_start(at("2026-04-03 18:00"))) == "2026-04-07 09:00");  // over Easter Monday
    // Four days of leave, Christmas on Friday, then the weekend.
    CHECK(show(s.next_window_start(at("2026-12-18 18:00"))) == "2026-12-28 09:00");

    auto long_leave = core::ScheduleConfig::defaults();
    long_leave.leave.push_back(*core::parse_date_range("2026-12-21..2027-01-02"));
    // The next window (4 January) is more than 14 days away.
    CHECK(show(core::Schedule(long_leave).next_window_start(at("2026-12-18 18:00"))) == "none");
    CHECK(show(core::Schedule(long_leave).next_window_start(at("2026-12-22 08:00"))) == "2027-01-04 09:00");
}

TEST_CASE("window end containing and the day's last window end") {
    const core::Schedule s(core::ScheduleConfig::defaults());
    CHECK(show(s.window_end_containing(at("2026-11-30 10:00"))) == "2026-11-30 12:30");
    CHECK(show(s.window_end_containing(at("2026-11-30 09:00"))) == "2026-11-30 12:30");
    CHECK(show(s.window_end_containing(at("2026-11-30 12:30"))) == "none");
    CHECK(show(s.window_end_containing(at("2026-12-05 10:00"))) == "none");
    CHECK(show(s.last_window_end_of_day(at("2026-11-30 08:00"))) == "2026-11-30 17:30");
    CHECK(show(s.last_window_end_of_day(at("2026-11-30 10:00"))) == "2026-11-30 17:30");
    // After the end the day's last window is still the one that ended, so overtime can be counted from it.
    CHECK(show(s.last_window_end_of_day(at("2026-11-30 19:00"))) == "2026-11-30 17:30");
    CHECK(show(s.last_window_end_of_day(at("2026-12-05 10:00"))) == "none");
    CHECK(show(s.last_window_end_of_day(at("2026-12-25 10:00"))) == "none");
}

TEST_CASE("a rest day is quiet all day and has no windows even when some are declared") {
    auto config = core::ScheduleConfig::defaults();
    config.windows[5] = {hm(9, 0, 12, 0)};  // Saturday windows, but Saturday stays a rest day
    const core::Schedule s(config);
    CHECK(s.is_rest_day(test::day("2026-12-05")));
    CHECK(s.windows_on(test::day("2026-12-05")).empty());
    config.rest_days[5] = false;
    const core::Schedule saturday_worker(config);
    CHECK(show(saturday_worker.windows_on(test::day("2026-12-05"))) ==
          std::vector<std::string>{"2026-12-05 09:00 .. 2026-12-05 12:00"});
    CHECK(show(saturday_worker.quiet_between(at("2026-12-05 00:00"), at("2026-12-06 00:00"))) ==
          std::vector<std::string>{"2026-12-05 00:00 .. 2026-12-05 07:30", "2026-12-05 20:00 .. 2026-12-06 00:00"});
}
