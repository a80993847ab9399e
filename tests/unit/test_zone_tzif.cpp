// The TZif reader that gives Windows its zones. Everywhere: figures from the IANA files and POSIX rules. On Linux, a
// sweep of 1970-2060 against date/tz (up to 2037: it ignores the footer that rules after the file's last transition)
// and against the C library, which applies the footer.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>

#include "core/time.h"
#include "core/zone_tzif.h"
#include "support/test_support.h"

#ifndef _WIN32
#include <ctime>

#include <date/tz.h>
#endif

using namespace clockout;
using namespace std::chrono_literals;

namespace {

core::ZonePtr tzif(const std::string& name) {
    std::string error;
    auto zone = core::load_tzif(name, core::zoneinfo_dir() / name, error);
    INFO(error);
    REQUIRE(zone);
    return zone;
}

core::LocalTime wall(const std::string& yyyy_mm_dd, int h, int m) {
    return date::local_days{test::day(yyyy_mm_dd)} + std::chrono::hours{h} + std::chrono::minutes{m};
}

}  // namespace

TEST_CASE("Europe/Paris from its TZif file: winter, summer, and both switches of 2026") {
    auto paris = tzif("Europe/Paris");
    CHECK(paris->name() == "Europe/Paris");
    CHECK(paris->offset_at(test::utc("2026-01-15T12:00:00Z")) == 1h);
    CHECK(paris->offset_at(test::utc("2026-07-15T12:00:00Z")) == 2h);
    // Spring: 29 March 01:00 UTC; autumn: 25 October 01:00 UTC.
    CHECK(paris->offset_at(test::utc("2026-03-29T00:59:59Z")) == 1h);
    CHECK(paris->offset_at(test::utc("2026-03-29T01:00:00Z")) == 2h);
    CHECK(paris->offset_at(test::utc("2026-10-25T00:59:59Z")) == 2h);
    CHECK(paris->offset_at(test::utc("2026-10-25T01:00:00Z")) == 1h);
    // 02:30 on 29 March does not exist: read with the winter offset it lands at 03:30 summer time.
    CHECK(paris->to_utc(wall("2026-03-29", 2, 30)) == test::utc("2026-03-29T01:30:00Z"));
    // 02:30 on 25 October happens twice: the first one, still in summer time.
    CHECK(paris->to_utc(wall("2026-10-25", 2, 30)) == test::utc("2026-10-25T00:30:00Z"));
    CHECK(paris->to_utc(wall("2026-10-25", 3, 0)) == test::utc("2026-10-25T02:00:00Z"));
}

TEST_CASE("after the file's last transition the footer rule decides (2050 in Paris and Lord Howe)") {
    auto paris = tzif("Europe/Paris");
    CHECK(paris->offset_at(test::utc("2050-07-01T00:00:00Z")) == 2h);
    CHECK(paris->offset_at(test::utc("2050-12-01T00:00:00Z")) == 1h);
    // Last Sunday of March 2050 is the 27th.
    CHECK(paris->offset_at(test::utc("2050-03-27T00:59:59Z")) == 1h);
    CHECK(paris->offset_at(test::utc("2050-03-27T01:00:00Z")) == 2h);

    // Lord Howe moves by 30 minutes: +10:30 in winter, +11 in summer (from the first Sunday of October).
    auto lord_howe = tzif("Australia/Lord_Howe");
    CHECK(lord_howe->offset_at(test::utc("2050-07-01T00:00:00Z")) == 10h + 30min);
    CHECK(lord_howe->offset_at(test::utc("2050-01-01T00:00:00Z")) == 11h);
    // 2 October 2050 02:00 local standard time = 1 October 15:30 UTC.
    CHECK(lord_howe->offset_at(test::utc("2050-10-01T15:29:59Z")) == 10h + 30min);
    CHECK(lord_howe->offset_at(test::utc("2050-10-01T15:30:00Z")) == 11h);
    // 02:15 that night is skipped (02:00 -> 02:30).
    CHECK(lord_howe->to_utc(wall("2050-10-02", 2, 15)) == test::utc("2050-10-01T15:45:00Z"));
}

TEST_CASE("POSIX TZ rules: signs, quoted names, southern summers, v3 hours and DST all year") {
    auto cet = core::posix_zone("CET-1CEST,M3.5.0,M10.5.0/3");
    REQUIRE(cet);
    CHECK(cet->offset_at(test::utc("2027-03-28T00:59:59Z")) == 1h);
    CHECK(cet->offset_at(test::utc("2027-03-28T01:00:00Z")) == 2h);
    CHECK(cet->offset_at(test::utc("2027-10-31T00:59:59Z")) == 2h);
    CHECK(cet->offset_at(test::utc("2027-10-31T01:00:00Z")) == 1h);

    auto lord_howe = core::posix_zone("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
    REQUIRE(lord_howe);
    // DST ends on the first Sunday of April (2027-04-04) at 02:00 DST = 3 April 15:00 UTC.
    CHECK(lord_howe->offset_at(test::utc("2027-04-03T14:59:59Z")) == 11h);
    CHECK(lord_howe->offset_at(test::utc("2027-04-03T15:00:00Z")) == 10h + 30min);
    // 01:45 on 4 April happens twice: the first is still at +11.
    CHECK(lord_howe->to_utc(wall("2027-04-04", 1, 45)) == test::utc("2027-04-03T14:45:00Z"));

    auto new_york = core::posix_zone("EST5EDT,M3.2.0,M11.1.0");
    REQUIRE(new_york);
    CHECK(new_york->offset_at(test::utc("2026-07-01T00:00:00Z")) == -4h);
    CHECK(new_york->offset_at(test::utc("2026-12-01T00:00:00Z")) == -5h);

    CHECK(core::posix_zone("<+0530>-5:30")->offset_at(test::utc("2026-07-01T00:00:00Z")) == 5h + 30min);
    CHECK(core::posix_zone("<-03>3")->offset_at(test::utc("2026-07-01T00:00:00Z")) == -3h);

    // Julian days without 29 February (J60 is always 1 March) and zero-based days with it (59 is 29 Feb in 2028).
    auto julian = core::posix_zone("AAA0BBB,J60/0,J300/0");
    CHECK(julian->offset_at(test::utc("2028-02-29T23:59:59Z")) == 0h);
    CHECK(julian->offset_at(test::utc("2028-03-01T00:00:00Z")) == 1h);
    auto zero_based = core::posix_zone("AAA0BBB,59/0,300/0");
    CHECK(zero_based->offset_at(test::utc("2028-02-28T23:59:59Z")) == 0h);
    CHECK(zero_based->offset_at(test::utc("2028-02-29T00:00:00Z")) == 1h);

    // Version 3: hours beyond 24 and DST all year (starts at 00:00 on 1 January, ends at 25:00 on 31 December).
    auto all_year = core::posix_zone("EST5EDT,0/0,J365/25");
    CHECK(all_year->offset_at(test::utc("2026-01-01T12:00:00Z")) == -4h);
    CHECK(all_year->offset_at(test::utc("2026-12-31T23:00:00Z")) == -4h);
    CHECK(all_year->offset_at(test::utc("2027-06-01T00:00:00Z")) == -4h);

    CHECK_FALSE(core::posix_zone(""));
    CHECK_FALSE(core::posix_zone("CET"));
    CHECK_FALSE(core::posix_zone("C-1"));
    CHECK_FALSE(core::posix_zone("CET-1CEST,M13.5.0,M10.5.0"));
    CHECK_FALSE(core::posix_zone("CET-1CEST,M3.5.0"));
    CHECK_FALSE(core::posix_zone("CET-1CEST,M3.5.0,M10.5.0/3 trailing"));
}

TEST_CASE("damaged or foreign files are refused with a reason") {
    std::string error;
    CHECK_FALSE(core::parse_tzif("X", "", error));
    CHECK(error == "not a TZif file");
    CHECK_FALSE(core::parse_tzif("X", "<html>not a zone at all, just some text that is long enough</html>", error));
    CHECK(error == "not a TZif file");
    std::string paris = test::read_file(core::zoneinfo_dir() / "Europe/Paris");
    REQUIRE(paris.size() > 100);
    CHECK_FALSE(core::parse_tzif("X", std::string_view(paris).substr(0, paris.size() / 2), error));
    CHECK(error == "truncated TZif data");
    CHECK(core::parse_tzif("X", paris, error));
    CHECK_FALSE(core::load_tzif("Mars/Olympus_Mons", core::zoneinfo_dir() / "Mars/Olympus_Mons", error));
    CHECK(error.find("cannot open the zone file") != std::string::npos);
}

TEST_CASE("only plain IANA names are looked up as files") {
    CHECK(core::is_zone_file_name("Europe/Paris"));
    CHECK(core::is_zone_file_name("America/Argentina/Buenos_Aires"));
    CHECK(core::is_zone_file_name("Etc/GMT+3"));
    CHECK_FALSE(core::is_zone_file_name(""));
    CHECK_FALSE(core::is_zone_file_name("/etc/passwd"));
    CHECK_FALSE(core::is_zone_file_name("../secrets"));
    CHECK_FALSE(core::is_zone_file_name("Europe/../../x"));
    CHECK_FALSE(core::is_zone_file_name("Europe\\Paris"));
    CHECK_FALSE(core::is_zone_file_name("C:Paris"));
    CHECK_FALSE(core::is_zone_file_name("Europe//Paris"));
}

#ifdef _WIN32
TEST_CASE("on Windows make_zone reads the zoneinfo folder and system_zone honours TZ") {
    auto paris = core::make_zone("Europe/Paris");
    REQUIRE(paris);
    CHECK(paris->offset_at(test::utc("2026-07-15T12:00:00Z")) == 2h);
    CHECK_FALSE(core::make_zone("Mars/Olympus_Mons"));
    CHECK_FALSE(core::make_zone("../Europe/Paris"));
    CHECK(core::make_zone("UTC")->offset_at(test::utc("2026-07-15T12:00:00Z")) == 0h);
    // A Windows zone with no IANA name comes from the platform as a rule with quoted names.
    auto rule = core::make_zone("<-03>3<-02>,M3.2.0,M11.1.0");
    REQUIRE(rule);
    CHECK(rule->offset_at(test::utc("2026-07-15T12:00:00Z")) == -2h);

    _putenv_s("TZ", "America/Sao_Paulo");
    CHECK(core::system_zone()->name() == "America/Sao_Paulo");
    _putenv_s("TZ", "");
    CHECK(core::system_zone()->name() == "UTC");
}
#else
namespace {

// The C library's offset at `t` in zone `name` (glibc applies the TZif footer after the last transition).
class LibcZone {
  public:
    explicit LibcZone(const std::string& name) {
        const char* old = std::getenv("TZ");
        saved_ = old ? std::optional<std::string>(old) : std::nullopt;
        ::setenv("TZ", (":" + name).c_str(), 1);
        ::tzset();
    }
    ~LibcZone() {
        if (saved_)
            ::setenv("TZ", saved_->c_str(), 1);
        else
            ::unsetenv("TZ");
        ::tzset();
    }
    LibcZone(const LibcZone&) = delete;
    LibcZone& operator=(const LibcZone&) = delete;

    core::Seconds offset_at(std::int64_t t) const {
        std::time_t value = static_cast<std::time_t>(t);
        std::tm tm{};
        ::localtime_r(&value, &tm);
        return core::Seconds{tm.tm_gmtoff};
    }

  private:
    std::optional<std::string> saved_;
};

// The instant of a local time by the TimeZone contract, from any offset function: the earliest instant that reads
// `local`; in a gap, `local` read with the offset before the gap. Assumes one switch at most within a day of it.
template <class Offset>
std::int64_t expected_to_utc(std::int64_t local, Offset offset) {
    std::int64_t before = offset(local - 86'400).count();
    std::int64_t after = offset(local + 86'400).count();
    std::int64_t u1 = local - before;
    std::int64_t u2 = local - after;
    bool ok1 = offset(u1).count() == before;
    bool ok2 = offset(u2).count() == after;
    if (ok1 && ok2)
        return std::min(u1, u2);
    if (ok1)
        return u1;
    if (ok2)
        return u2;
    return u1;
}

}  // namespace

TEST_CASE("the TZif reader agrees with date/tz and the C library every 6 hours from 1970 to 2060") {
    const std::int64_t from = test::utc("1970-01-01T00:00:00Z").time_since_epoch().count();
    const std::int64_t to = test::utc("2060-12-31T00:00:00Z").time_since_epoch().count();
    const std::int64_t step = 6 * 3600;
    for (std::string name : {"Europe/Paris", "America/Montreal", "Australia/Lord_Howe", "Asia/Kolkata",
                             "America/Sao_Paulo", "Pacific/Chatham"}) {
        CAPTURE(name);
        auto ours = tzif(name);
        const date::time_zone* reference = date::locate_zone(name);
        LibcZone libc(name);
        auto ours_at = [&](std::int64_t t) { return ours->offset_at(core::TimePoint{core::Seconds{t}}); };
        auto libc_at = [&](std::int64_t t) { return libc.offset_at(t); };
        // date/tz keeps the offset of the file's last transition forever: it is the reference until the C library,
        // which follows the footer rule, sees the next switch.
        const date::sys_info date_last = reference->get_info(core::TimePoint{core::Seconds{to}});
        bool date_reliable = true;
        auto date_applies = [&](std::int64_t t) {
            if (date_reliable && t >= date_last.begin.time_since_epoch().count() && libc_at(t) != date_last.offset)
                date_reliable = false;
            return date_reliable;
        };

        int mismatches = 0;
        int switches = 0;
        auto check_local = [&](std::int64_t local) {
            core::LocalTime l{core::Seconds{local}};
            std::int64_t got = ours->to_utc(l).time_since_epoch().count();
            std::int64_t want = expected_to_utc(local, libc_at);
            if (date_applies(local - 86'400 * 2)) {
                std::int64_t by_date = local - reference->get_info(l).first.offset.count();
                if (got != by_date) {
                    ++mismatches;
                    CHECK_MESSAGE(got == by_date, "to_utc(" << date::format("%F %T", l) << ") differs from date/tz");
                }
            }
            if (got != want) {
                ++mismatches;
                CHECK_MESSAGE(got == want, "to_utc(" << date::format("%F %T", l) << ") differs from libc");
            }
        };
        int date_checks = 0;
        core::Seconds previous = libc_at(from);
        for (std::int64_t t = from; t <= to; t += step) {
            core::Seconds expected = libc_at(t);
            core::Seconds got = ours_at(t);
            auto at = core::TimePoint{core::Seconds{t}};
            if (date_applies(t)) {
                ++date_checks;
                if (got != reference->get_info(at).offset) {
                    ++mismatches;
                    CHECK_MESSAGE(false, "date/tz differs at " << core::format_utc(at));
                }
            }
            if (got != expected) {
                ++mismatches;
                CHECK_MESSAGE(got == expected, "libc differs at " << core::format_utc(at));
            }
            check_local(t + expected.count());
            if (expected != previous) {
                // A switch in the last 6 hours: find its second, and try local times every 15 minutes around it,
                // through the gap or the repeated hour.
                ++switches;
                std::int64_t lo = t - step;  // offset == previous
                std::int64_t hi = t;         // offset == expected
                while (hi - lo > 1) {
                    std::int64_t mid = lo + (hi - lo) / 2;
                    (libc_at(mid) == previous ? lo : hi) = mid;
                }
                CHECK(ours_at(hi - 1) == previous);
                CHECK(ours_at(hi) == expected);
                std::int64_t local_switch = hi + previous.count();
                for (std::int64_t d = -3 * 3600; d <= 3 * 3600; d += 15 * 60)
                    check_local(local_switch + d);
            }
            previous = expected;
            if (mismatches > 20)
                FAIL("too many differences");
        }
        CHECK(date_checks > 50'000);  // date/tz was the reference for decades, at least up to 2037
        MESSAGE(name << ": " << switches << " offset changes, " << date_checks << " readings against date/tz");
        CHECK(mismatches == 0);
    }
}

TEST_CASE("the TZif reader and date/tz give the same answers through the Paris switches of 2026") {
    auto ours = tzif("Europe/Paris");
    auto reference = core::make_zone("Europe/Paris");
    for (auto local = wall("2026-03-29", 0, 0); local < wall("2026-03-29", 5, 0); local += 5min)
        CHECK(ours->to_utc(local) == reference->to_utc(local));
    for (auto local = wall("2026-10-25", 0, 0); local < wall("2026-10-25", 5, 0); local += 5min)
        CHECK(ours->to_utc(local) == reference->to_utc(local));
}
#endif
