// Clock jumps and zone changes. The real clock is never set (CI would need root, and other programs would suffer): the
// jump arithmetic is tested with figures, and zone changes on a symlink of the test's own and a mock timedate1.
#include <unistd.h>

#include <filesystem>

#include "clock_watch.h"
#include "platform/clocks.h"
#include "session_bus.h"
#include "support/test_support.h"

namespace clockout::platform {

using namespace std::chrono_literals;
using test::pump_for;
using test::pump_until;
using test::RecordingSink;
using test::ScopedEnv;

namespace {

const std::string no_bus = "unix:path=/nonexistent/clockout-test-bus";

// What timedatectl does: a new link renamed over the old one, so the name always exists.
void retarget(const std::filesystem::path& link, const std::string& target) {
    std::filesystem::path fresh = link.string() + ".new";
    std::filesystem::remove(fresh);
    std::filesystem::create_symlink(target, fresh);
    std::filesystem::rename(fresh, link);
}

}  // namespace

TEST_CASE("clock jumps: two hours either way are reported to the second; small steps are not jumps") {
    const std::chrono::nanoseconds before = 1'700'000'000s + 123ms;
    CHECK(clock_jump(before, before + 2h) == 7200s);
    CHECK(clock_jump(before, before - 2h) == -7200s);
    CHECK(clock_jump(before, before + 2h + 400ms) == 7200s);
    CHECK(clock_jump(before, before + 1500ms) == 0s);
    CHECK(clock_jump(before, before - 1900ms) == 0s);
    CHECK(clock_jump(before, before + 2s) == 2s);
    CHECK(clock_jump(before, before - 3s) == -3s);
    CHECK(clock_jump(before, before + 10s, 30s) == 0s);
}

TEST_CASE(
    "clock readings: the wall offset holds still, the monotonic clock goes forward, sleep time is never "
    "negative") {
    auto first = wall_offset_now();
    auto second = wall_offset_now();
    CHECK(std::chrono::abs(second - first) < 10ms);
    CHECK(suspended_time() >= 0s);
    auto start = monotonic_time();
    CHECK(start > 0s);
    CHECK(monotonic_time() >= start);
}

// CTest runs this case again under libfaketime with a date years before the real one and years after it
// (platform.test_clock.faked_past / faked_future): a timer armed at time_t's maximum overflowed libfaketime's
// translation of an absolute deadline when the faked date lay in the past, and the kernel refused it (EINVAL).
TEST_CASE("clock watch: the clock-set timer is armed whatever the date the process is shown") {
    ScopedEnv tz("TZ", std::string("UTC"));
    ScopedEnv system_bus("DBUS_SYSTEM_BUS_ADDRESS", no_bus);
    ClockWatch watch;
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(watch.start(sink, 5min, why_not), why_not);
    INFO("detail: " << watch.detail());
    CHECK(watch.watches_clock());
    CHECK(watch.watches_zone());
    CHECK(watch.detail().find("clock changes via timerfd") == 0);
    // Armed far but finitely ahead, so it does not fire; if it did, it would be re-armed, not lost.
    pump_for(300ms);
    CHECK(sink.events.empty());
    CHECK(watch.watches_clock());
}

TEST_CASE("clock watch: a timer the kernel refuses leaves the zone watched, and says why") {
    ScopedEnv tz("TZ", std::nullopt);
    ScopedEnv system_bus("DBUS_SYSTEM_BUS_ADDRESS", no_bus);
    test::TempDir dir("clock_zone_no_timer");
    auto link = dir / "localtime";
    std::filesystem::create_symlink("/usr/share/zoneinfo/Europe/Paris", link);
    // A horizon of minus a hundred years puts the deadline before 1970: the kernel refuses it with EINVAL.
    ClockWatch watch(link, -std::chrono::seconds(100LL * 365 * 24 * 3600));
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(watch.start(sink, 5min, why_not), why_not);
    INFO("detail: " << watch.detail());
    CHECK_FALSE(watch.watches_clock());
    CHECK(watch.watches_zone());
    CHECK(watch.detail().find("clock changes not watched: cannot arm the clock-change timer (") == 0);
    CHECK(watch.detail().find("watching " + link.string()) != std::string::npos);

    retarget(link, "/usr/share/zoneinfo/America/Montreal");
    REQUIRE(pump_until([&] { return !sink.events.empty(); }, 5s));
    CHECK(sink.events[0].kind == ActivityKind::zone_change);
    CHECK(sink.events[0].zone == "America/Montreal");
}

TEST_CASE("clock watch: a localtime that does not exist and no timedate1 leave the clock-set timer running") {
    ScopedEnv tz("TZ", std::nullopt);
    ScopedEnv system_bus("DBUS_SYSTEM_BUS_ADDRESS", no_bus);
    // A localtime under a folder that does not exist, and no system bus for timedate1.
    ClockWatch watch("/nonexistent/clockout-test/localtime");
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(watch.start(sink, 5min, why_not), why_not);
    INFO("detail: " << watch.detail());
    CHECK(watch.watches_clock());
    auto now = wall_offset_now();
    watch.clock_was_set(now + 2h);
    REQUIRE(sink.events.size() == 1);
    CHECK(sink.events[0].jump == 7200s);
}

TEST_CASE("zone names come from the zoneinfo symlink target") {
    CHECK(zone_from_link_target("/usr/share/zoneinfo/Europe/Paris") == "Europe/Paris");
    CHECK(zone_from_link_target("../usr/share/zoneinfo/America/Argentina/Buenos_Aires") ==
          "America/Argentina/Buenos_Aires");
    CHECK(zone_from_link_target("/usr/share/zoneinfo/posix/Asia/Tokyo") == "Asia/Tokyo");
    CHECK(zone_from_link_target("/usr/share/zoneinfo/UTC") == "UTC");
    CHECK(zone_from_link_target("/etc/my-zone") == "");
}

TEST_CASE("clock watch: the kernel's clock-set notice becomes clock_jump events with the jump") {
    ScopedEnv tz("TZ", std::string("UTC"));
    ScopedEnv system_bus("DBUS_SYSTEM_BUS_ADDRESS", no_bus);
    ClockWatch watch;
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(watch.start(sink, 5min, why_not), why_not);
    CHECK(watch.name() == "clock");

    auto now = wall_offset_now();
    watch.clock_was_set(now + 2h);
    watch.clock_was_set(now);
    watch.clock_was_set(now + 1s);  // an NTP step: not a jump
    REQUIRE(sink.events.size() == 2);
    CHECK(sink.events[0].kind == ActivityKind::clock_jump);
    CHECK(sink.events[0].jump == 7200s);
    CHECK(sink.events[0].source == "clock");
    CHECK(sink.events[1].jump == -7200s);
    // The real clock did not move, so the real timer stays silent.
    pump_for(200ms);
    CHECK(sink.events.size() == 2);
    watch.stop();
}

TEST_CASE("clock watch: retargeting the localtime symlink gives zone_change with the new IANA name") {
    ScopedEnv tz("TZ", std::nullopt);
    ScopedEnv system_bus("DBUS_SYSTEM_BUS_ADDRESS", no_bus);
    test::TempDir dir("clock_zone");
    auto link = dir / "localtime";
    std::filesystem::create_symlink("/usr/share/zoneinfo/Europe/Paris", link);
    ClockWatch watch(link);
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(watch.start(sink, 5min, why_not), why_not);
    CHECK(watch.detail().find("watching " + link.string()) != std::string::npos);

    retarget(link, "/usr/share/zoneinfo/America/Montreal");
    REQUIRE(pump_until([&] { return !sink.events.empty(); }, 5s));
    CHECK(sink.events[0].kind == ActivityKind::zone_change);
    CHECK(sink.events[0].zone == "America/Montreal");
    CHECK(sink.events[0].source == "clock");

    // Some tools unlink then link: one change, one event.
    std::filesystem::remove(link);
    std::filesystem::create_symlink("/usr/share/zoneinfo/Asia/Tokyo", link);
    REQUIRE(pump_until([&] { return sink.events.size() >= 2; }, 5s));
    pump_for(1200ms);
    REQUIRE(sink.events.size() == 2);
    CHECK(sink.events[1].zone == "Asia/Tokyo");

    // Touching the link without changing it is no change.
    retarget(link, "/usr/share/zoneinfo/Asia/Tokyo");
    pump_for(1200ms);
    CHECK(sink.events.size() == 2);
}

TEST_CASE("clock watch: with TZ set the system zone does not matter, so its changes are not reported") {
    ScopedEnv tz("TZ", std::string("Europe/Paris"));
    ScopedEnv system_bus("DBUS_SYSTEM_BUS_ADDRESS", no_bus);
    test::TempDir dir("clock_zone_tz");
    auto link = dir / "localtime";
    std::filesystem::create_symlink("/usr/share/zoneinfo/Europe/Paris", link);
    ClockWatch watch(link);
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(watch.start(sink, 5min, why_not), why_not);
    retarget(link, "/usr/share/zoneinfo/America/Montreal");
    pump_for(1500ms);
    CHECK(sink.events.empty());
}

TEST_CASE("clock watch: timedate1 announcing a new Timezone gives one zone_change with its name") {
    ScopedEnv tz("TZ", std::nullopt);
    test::PrivateBus bus;
    ScopedEnv system_bus("DBUS_SYSTEM_BUS_ADDRESS", bus.address());
    test::DbusMock timedated(bus, {"--template", "timedated", "--parameters", R"({"Timezone": "Europe/Paris"})"},
                             "org.freedesktop.timedate1");
    test::TempDir dir("clock_zone_timedate1");
    auto link = dir / "localtime";
    std::filesystem::create_symlink("/usr/share/zoneinfo/Europe/Paris", link);
    ClockWatch watch(link);
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(watch.start(sink, 5min, why_not), why_not);
    CHECK(watch.detail().find("timedate1") != std::string::npos);

    bus.invoke("org.freedesktop.timedate1", "/org/freedesktop/timedate1", "org.freedesktop.timedate1", "SetTimezone",
               g_variant_new("(sb)", "America/Montreal", FALSE));
    REQUIRE(pump_until([&] { return !sink.events.empty(); }, 5s));
    CHECK(sink.events[0].kind == ActivityKind::zone_change);
    CHECK(sink.events[0].zone == "America/Montreal");
    // timedated then rewrites the link to the same zone: still one event.
    retarget(link, "/usr/share/zoneinfo/America/Montreal");
    pump_for(1200ms);
    CHECK(sink.events.size() == 1);
}

}  // namespace clockout::platform
