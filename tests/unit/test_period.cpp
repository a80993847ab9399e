// A month and a year looked back on (core/period.h, docs/metrics.md "Month and year"), against figures worked out by
// hand. The schedule is the default one (Mon-Fri 09:00-12:30 and 13:30-17:30, quiet 20:00-07:30, weekends at rest,
// French holidays, day_start 04:00). Paris is +02:00 until Sunday 25 October 2026, +01:00 after.
#include <doctest/doctest.h>

#include <string>

#include "core/interval.h"
#include "core/period.h"
#include "core/schedule.h"
#include "core/time.h"
#include "support/test_support.h"

using namespace clockout;
using core::State;

namespace {

constexpr int summer = 120;
constexpr int winter = 60;

const core::Schedule& office() {
    static const core::Schedule schedule{core::ScheduleConfig::defaults()};
    return schedule;
}

void work(core::MemoryIntervals& j, const std::string& from, const std::string& to, int offset) {
    j.insert(test::span(State::active, from, to, offset));
}

// Far after every day of the tests: no rest is still open.
core::TimePoint later() {
    return test::utc("2030-01-01T00:00:00Z");
}

// October 2026 starts on a Thursday: its first ISO week (W40, 28 Sep - 4 Oct) holds two days of September.
core::MemoryIntervals october() {
    core::MemoryIntervals j;
    work(j, "2026-09-30 09:00", "2026-09-30 17:00", summer);  // Wed, outside the month: 480
    work(j, "2026-10-01 08:00", "2026-10-01 12:00", summer);  // Thu: 240 + 390 = 630 active, 08:00-19:30 = 690
    j.insert(test::span(State::idle, "2026-10-01 12:00", "2026-10-01 13:00", summer));
    work(j, "2026-10-01 13:00", "2026-10-01 19:30", summer);
    work(j, "2026-10-02 09:00", "2026-10-02 12:00", summer);                                      // Fri: 180
    for (const char* d : {"2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09"})  // W41: 5 x 600
        work(j, std::string(d) + " 08:00", std::string(d) + " 18:00", summer);
    work(j, "2026-10-14 21:00", "2026-10-14 22:00", summer);  // Wed, quiet hours and night: 60
    return j;
}

}  // namespace

TEST_CASE("parse_month and parse_year take what the CLI is given and refuse the rest") {
    CHECK(core::parse_month("2026-10") == test::day("2026-10-01"));
    CHECK(core::parse_month("2026-12") == test::day("2026-12-01"));
    CHECK_FALSE(core::parse_month("2026-13"));
    CHECK_FALSE(core::parse_month("2026-00"));
    CHECK_FALSE(core::parse_month("2026-1"));
    CHECK_FALSE(core::parse_month("octobre"));
    CHECK(core::parse_year("2026") == test::day("2026-01-01"));
    CHECK_FALSE(core::parse_year("26"));
    CHECK_FALSE(core::parse_year("1969"));
    CHECK_FALSE(core::parse_year("2026-10"));
}

TEST_CASE("a month that starts mid-week: per ISO week, only the month's days counted, the week's total whole") {
    const auto j = october();
    const auto m = core::compute_month(j, test::day("2026-10-01"), office(), core::Limits{}, later());
    CHECK(m.period == "2026-10");
    CHECK(m.first == test::day("2026-10-01"));
    CHECK(m.last == test::day("2026-10-31"));
    CHECK(m.days.size() == 31);
    // W40 to W44 touch October; W40 (Thu 1 Oct), W41, W42, W43 and W44 (Thu 29 Oct) have their Thursday in it.
    REQUIRE(m.rows.size() == 5);
    CHECK(m.iso_weeks == 5);
    CHECK(m.rows[0].label == "2026-W40");
    CHECK(m.rows[4].label == "2026-W44");

    const auto& w40 = m.rows[0];
    CHECK(w40.first == test::day("2026-10-01"));  // not 28 September
    CHECK(w40.last == test::day("2026-10-04"));
    CHECK(w40.active_min == 810);       // 630 + 180; the 480 of 30 September is September's
    CHECK(w40.week_total_min == 1290);  // 480 + 630 + 180: the whole week, for the 48 h benchmark
    CHECK(w40.days_active == 2);
    CHECK(w40.avg_amplitude_min == 435);  // (690 + 180) / 2
    CHECK(w40.max_amplitude_min == 690);
    CHECK(w40.calendar_max_min == 630);
    CHECK(w40.longest_rest_min == 900);  // 30 Sep 17:00 -> 1 Oct 08:00 = 15 h (1 -> 2 Oct is 13 h 30)
    CHECK(w40.weeks_over_firm == 0);
    CHECK(w40.day_flags.at("amplitude_soft") == 1);  // 1 Oct: 11 h 30 >= 10 h
    CHECK(w40.day_flags.at("active_firm") == 1);     // 10 h 30 >= 10 h
    CHECK(w40.day_flags.at("calendar_day_long") == 1);
    CHECK(w40.day_flags.count("amplitude_firm") == 0);  // below 12 h

    const auto& w41 = m.rows[1];
    CHECK(w41.active_min == 3000);  // 5 x 10 h
    CHECK(w41.week_total_min == 3000);
    CHECK(w41.days_active == 5);
    CHECK(w41.avg_amplitude_min == 600);
    CHECK(w41.weeks_over_firm == 1);                // 50 h >= 48 h
    CHECK(w41.longest_rest_min == 4080);            // Fri 2 Oct 12:00 -> Mon 5 Oct 08:00 = 68 h
    CHECK(w41.day_flags.at("break_missing") == 5);  // ten hours without a 20-minute break, every day
    CHECK(w41.day_flags.at("active_firm") == 5);

    const auto& w42 = m.rows[2];
    CHECK(w42.active_min == 60);
    CHECK(w42.quiet_min == 60);
    CHECK(w42.reconnections == 1);        // back at 21:00, in quiet hours, after days away
    CHECK(w42.longest_rest_min == 7380);  // Fri 9 Oct 18:00 -> Wed 14 Oct 21:00 = 5 d 3 h = 123 h
    CHECK(w42.day_flags.at("quiet_activity") == 1);
    CHECK(w42.day_flags.at("night_activity") == 1);

    CHECK(m.rows[3].active_min == 0);
    CHECK(m.rows[3].days_active == 0);
    CHECK(m.rows[3].avg_amplitude_min == 0);
    CHECK(m.rows[4].first == test::day("2026-10-26"));
    CHECK(m.rows[4].last == test::day("2026-10-31"));  // not 1 November

    CHECK(m.total.label == "2026-10");
    CHECK(m.total.active_min == 3870);  // 810 + 3000 + 60
    CHECK(m.total.days_active == 8);
    CHECK(m.total.quiet_min == 60);
    CHECK(m.total.reconnections == 1);
    CHECK(m.total.weeks_over_firm == 1);
    CHECK(m.total.longest_rest_min == 7380);
    CHECK(m.total.avg_amplitude_min == 491);  // (690 + 180 + 5 x 600 + 60) / 8 = 3930 / 8 = 491.25
    CHECK(m.total.max_amplitude_min == 690);
    CHECK(m.total.day_flags.at("active_firm") == 6);  // 1 Oct and the five days of W41
}

TEST_CASE("a year with 53 ISO weeks (2026): per month; a week over 48 h counted in the year of its Thursday") {
    core::MemoryIntervals j;
    work(j, "2025-12-29 09:00", "2025-12-29 12:00", winter);  // Mon of 2026-W01, in 2025: not 2026's
    work(j, "2026-01-02 09:00", "2026-01-02 12:00", winter);  // Fri of 2026-W01: 180 in January
    work(j, "2026-10-01 09:00", "2026-10-01 11:00", summer);  // 120 in October
    // 2026-W53: Mon 28 Dec 2026 to Sun 3 Jan 2027, six days of 9 h (08:00-12:00, 13:00-18:00) = 54 h >= 48 h.
    for (const char* d : {"2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"}) {
        work(j, std::string(d) + " 08:00", std::string(d) + " 12:00", winter);
        work(j, std::string(d) + " 13:00", std::string(d) + " 18:00", winter);
    }
    const auto y = core::compute_year(j, test::day("2026-06-15"), office(), core::Limits{}, later());
    CHECK(y.period == "2026");
    CHECK(y.first == test::day("2026-01-01"));
    CHECK(y.last == test::day("2026-12-31"));
    CHECK(y.days.size() == 365);
    CHECK(y.iso_weeks == 53);  // 1 January 2026 is a Thursday: 2026-W01 to 2026-W53
    CHECK(y.weeks.size() == 53);
    REQUIRE(y.rows.size() == 12);
    CHECK(y.rows[0].label == "2026-01");
    CHECK(y.rows[0].active_min == 180);  // 29 December 2025 is in W01 but not in the year
    CHECK(y.rows[9].label == "2026-10");
    CHECK(y.rows[9].active_min == 120);
    CHECK(y.rows[11].label == "2026-12");
    CHECK(y.rows[11].active_min == 2160);  // 28-31 December: 4 x 540
    CHECK(y.rows[11].days_active == 4);
    CHECK(y.rows[11].weeks_over_firm == 1);  // W53 (3240 min) has its Thursday, 31 December, in December
    CHECK(y.rows[11].week_total_min == 0);   // a month row has no week of its own
    CHECK(y.total.active_min == 2460);       // 180 + 120 + 2160
    CHECK(y.total.days_active == 6);
    CHECK(y.total.weeks_over_firm == 1);
    // The same week seen from 2027: its two days count in 2027's January, the week itself in 2026.
    const auto next = core::compute_year(j, test::day("2027-01-01"), office(), core::Limits{}, later());
    CHECK(next.iso_weeks == 52);             // 1 January 2027 is a Friday: 2027-W01 starts on 4 January
    CHECK(next.rows[0].active_min == 1080);  // 1 and 2 January 2027: 2 x 540
    CHECK(next.total.weeks_over_firm == 0);
}
