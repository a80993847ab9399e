#include <doctest/doctest.h>

#include "core/interval.h"
#include "core/time.h"
#include "support/test_support.h"

using namespace clockout;
using namespace std::chrono_literals;

TEST_CASE("RFC 3339 instants round-trip and bad ones are refused") {
    auto t = core::parse_utc("2026-11-30T07:58:12Z");
    REQUIRE(t);
    CHECK(core::format_utc(*t) == "2026-11-30T07:58:12Z");
    CHECK(core::parse_utc("2026-11-30T08:58:12+01:00") == t);
    CHECK_FALSE(core::parse_utc("2026-11-30 07:58:12Z"));
    CHECK_FALSE(core::parse_utc("2026-02-30T07:58:12Z"));
    CHECK_FALSE(core::parse_utc("2026-11-30T24:00:00Z"));
    CHECK_FALSE(core::parse_utc("2026-11-30T07:58:12"));
    CHECK_FALSE(core::parse_utc(""));
}

TEST_CASE("offsets and local times are written as people read them") {
    CHECK(core::format_offset(1h) == "+01:00");
    CHECK(core::format_offset(-5h) == "-05:00");
    CHECK(core::format_offset(10h + 30min) == "+10:30");
    CHECK(core::parse_offset("-04:00") == core::Seconds{-4h});
    CHECK(core::parse_offset("+10:30") == core::Seconds{10h + 30min});
    CHECK_FALSE(core::parse_offset("+1:00"));
    CHECK(core::format_local(test::utc("2026-11-30T07:58:12Z"), 1h) == "2026-11-30T08:58:12+01:00");
}

TEST_CASE("hours, dates and durations parse strictly") {
    CHECK(core::parse_hhmm("09:30") == core::Minutes{570});
    CHECK(core::parse_hhmm("24:00") == core::Minutes{1440});
    CHECK_FALSE(core::parse_hhmm("24:30"));
    CHECK_FALSE(core::parse_hhmm("25:00"));
    CHECK_FALSE(core::parse_hhmm("09:60"));
    CHECK_FALSE(core::parse_hhmm("0930"));
    CHECK(core::format_hhmm(core::Minutes{1290}) == "21:30");
    CHECK(core::parse_date("2028-02-29"));
    CHECK_FALSE(core::parse_date("2027-02-29"));
    CHECK(core::parse_duration("5m") == core::Seconds{300});
    CHECK(core::parse_duration("1h30m") == core::Seconds{5400});
    CHECK(core::parse_duration("3s") == core::Seconds{3});
    CHECK(core::parse_duration("2d") == core::Seconds{172800});
    CHECK_FALSE(core::parse_duration("5"));
    CHECK_FALSE(core::parse_duration("5x"));
    CHECK_FALSE(core::parse_duration("-5m"));
    CHECK(core::round_minutes(core::Seconds{89}) == 1);
    CHECK(core::round_minutes(core::Seconds{90}) == 2);
    CHECK(core::round_minutes(core::Seconds{29}) == 0);
}

TEST_CASE("the work day starts at day_start, not at midnight") {
    auto local = [](const char* d, int h, int m) {
        return date::local_days{*core::parse_date(d)} + std::chrono::hours{h} + std::chrono::minutes{m};
    };
    CHECK(core::work_day_of(local("2026-12-01", 2, 30), 4h) == test::day("2026-11-30"));
    CHECK(core::work_day_of(local("2026-12-01", 4, 0), 4h) == test::day("2026-12-01"));
    CHECK(core::work_day_start(test::day("2026-12-01"), 4h) == local("2026-12-01", 4, 0));
}

TEST_CASE("ISO weeks: labels, Mondays and week 53") {
    CHECK(core::iso_week_monday(test::day("2026-12-03")) == test::day("2026-11-30"));
    CHECK(core::iso_week_label(test::day("2026-11-30")) == "2026-W49");
    CHECK(core::parse_iso_week("2026-W49") == test::day("2026-11-30"));
    // 1 January 2027 is a Friday: it belongs to 2026-W53.
    CHECK(core::iso_week_label(core::iso_week_monday(test::day("2027-01-01"))) == "2026-W53");
    CHECK(core::parse_iso_week("2026-W53") == test::day("2026-12-28"));
    CHECK_FALSE(core::parse_iso_week("2027-W53"));
    CHECK_FALSE(core::parse_iso_week("2026-49"));
    CHECK(core::weekday_index(test::day("2026-11-29")) == 6);
}

TEST_CASE("zones: Paris DST both ways, Lord Howe's 30-minute DST, and the skipped hour") {
    auto paris = core::make_zone("Europe/Paris");
    REQUIRE(paris);
    CHECK(paris->offset_at(test::utc("2026-03-29T00:59:59Z")) == core::Seconds{1h});
    CHECK(paris->offset_at(test::utc("2026-03-29T01:00:00Z")) == core::Seconds{2h});
    CHECK(paris->offset_at(test::utc("2026-10-25T00:59:59Z")) == core::Seconds{2h});
    CHECK(paris->offset_at(test::utc("2026-10-25T01:00:00Z")) == core::Seconds{1h});
    // 02:30 does not exist on 29 March: it lands past the gap, at 03:30 CEST = 01:30Z.
    auto gap = date::local_days{test::day("2026-03-29")} + 2h + 30min;
    CHECK(paris->to_utc(gap) == test::utc("2026-03-29T01:30:00Z"));
    // 02:30 happens twice on 25 October: the first one (CEST) is taken.
    auto twice = date::local_days{test::day("2026-10-25")} + 2h + 30min;
    CHECK(paris->to_utc(twice) == test::utc("2026-10-25T00:30:00Z"));

    auto lord_howe = core::make_zone("Australia/Lord_Howe");
    REQUIRE(lord_howe);
    CHECK(lord_howe->offset_at(test::utc("2026-01-15T00:00:00Z")) == core::Seconds{11h});
    CHECK(lord_howe->offset_at(test::utc("2026-06-15T00:00:00Z")) == core::Seconds{10h + 30min});
    CHECK_FALSE(core::make_zone("Mars/Olympus_Mons"));
    CHECK(core::fixed_zone(-5h)->name() == "UTC-05:00");
}

TEST_CASE("states have stable names") {
    for (auto s : {core::State::active, core::State::idle, core::State::locked, core::State::suspended,
                   core::State::personal, core::State::off}) {
        CHECK(core::parse_state(core::to_string(s)) == s);
    }
    CHECK_FALSE(core::parse_state("working"));
}

TEST_CASE("memory intervals answer the source queries") {
    core::MemoryIntervals mem;
    auto a = test::span(core::State::active, "2026-11-30 09:00", "2026-11-30 12:00", 60);
    auto b = test::span(core::State::idle, "2026-11-30 12:00", "2026-11-30 13:00", 60);
    auto c = test::span(core::State::active, "2026-12-01 09:00", "2026-12-01 10:00", 60);
    CHECK(mem.insert(c) == 1);
    CHECK(mem.insert(a) == 2);
    mem.insert(b);
    auto days = mem.intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30"));
    REQUIRE(days.size() == 2);
    CHECK(days[0].start == a.start);
    CHECK(mem.last_active_before(c.start)->end == a.end);
    CHECK(mem.first_active_after(a.end)->start == c.start);
    CHECK(mem.first_day() == test::day("2026-11-30"));
}
