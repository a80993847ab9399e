// The Windows backends under wine: paths, the idle arithmetic in figures, the hidden window's messages (delivered
// with SendMessage as Windows would), the message loop, the single instance and the zone names.
#include <doctest/doctest.h>

#include <windows.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/time.h"
#include "event_loop_win32.h"
#include "idle_lastinput.h"
#include "platform/activity.h"
#include "platform/clocks.h"
#include "platform/file_watch.h"
#include "platform/notifier.h"
#include "platform/paths.h"
#include "platform/single_instance.h"
#include "platform/zone.h"
#include "session_win32.h"
#include "support/test_support.h"
#include "zone_win32.h"

using namespace clockout;
using namespace std::chrono_literals;
using platform::ActivityEvent;
using platform::ActivityKind;

namespace {

namespace fs = std::filesystem;

class RecordingSink final : public platform::ActivitySink {
  public:
    void on_activity(const ActivityEvent& event) override { events.push_back(event); }
    std::vector<ActivityEvent> events;
};

// Sets an environment variable for the test's duration, as Win32 reads it (wide).
class ScopedEnv {
  public:
    ScopedEnv(const wchar_t* name, const std::wstring& value) : name_(name) {
        DWORD size = GetEnvironmentVariableW(name, nullptr, 0);
        if (size > 0) {
            old_.resize(size);
            old_.resize(GetEnvironmentVariableW(name, old_.data(), size));
            had_ = true;
        }
        SetEnvironmentVariableW(name, value.c_str());
    }
    ~ScopedEnv() { SetEnvironmentVariableW(name_, had_ ? old_.c_str() : nullptr); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    const wchar_t* name_;
    std::wstring old_;
    bool had_ = false;
};

platform::lastinput::MilliWallTime wall_ms(const std::string& rfc3339, int ms = 0) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(test::utc(rfc3339)) + std::chrono::milliseconds{ms};
}

// Runs the loop until `done` or 5 s, so a lost message fails the test instead of hanging it.
template <class Done>
bool run_until(platform::win32loop::MessageLoop& loop, Done done) {
    auto started = std::chrono::steady_clock::now();
    while (!done() && std::chrono::steady_clock::now() - started < 5s) {
        loop.set_deadline(20ms, [&] { loop.quit(); });
        loop.run();
    }
    return done();
}

// Serves the loop for `duration`, whatever comes.
void run_for(platform::win32loop::MessageLoop& loop, std::chrono::milliseconds duration) {
    loop.set_deadline(duration, [&] { loop.quit(); });
    loop.run();
}

void write_file(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

TEST_CASE("paths follow LOCALAPPDATA, APPDATA and ProgramData") {
    test::TempDir dir("win32_paths");
    fs::path local = dir / "Local";
    fs::path roaming = dir / "Roaming";
    fs::path program_data = dir / "ProgramData";
    ScopedEnv e1(L"LOCALAPPDATA", local.native());
    ScopedEnv e2(L"APPDATA", roaming.native());
    ScopedEnv e3(L"ProgramData", program_data.native());
    std::string error;
    platform::Paths paths = platform::default_paths(error);
    CHECK(error == "");
    CHECK(paths.data_dir == local / "Clockout");
    CHECK(paths.config_dir == roaming / "Clockout");
    CHECK(paths.state_dir == local / "Clockout" / "logs");
    REQUIRE(paths.system_config_files.size() == 1);
    CHECK(paths.system_config_files[0] == program_data / "Clockout" / "defaults.toml");

    CHECK(platform::make_private_dir(paths.state_dir) == "");
    CHECK(fs::is_directory(paths.state_dir));
    CHECK(platform::make_private_dir(paths.state_dir) == "");  // already there: fine
    test::write_file(dir / "file", "x");
    std::string in_the_way = platform::make_private_dir(dir / "file" / "sub");
    CHECK(in_the_way.find("cannot create the folder") != std::string::npos);
    CHECK_FALSE(platform::host_name().empty());
}

TEST_CASE("idle time from 32-bit ticks survives the 49.7-day wrap") {
    using platform::lastinput::idle_ms;
    CHECK(idle_ms(1'000, 400) == 600);
    CHECK(idle_ms(0x00000100u, 0xFFFFFF00u) == 0x200u);  // last input just before the wrap, now just after
    CHECK(idle_ms(5, 0xFFFFFFF0u) == 21);
    // The low 32 bits of GetTickCount64 after 50 days compare with dwTime like the full value would.
    std::uint64_t now64 = 50ull * 24 * 3600 * 1000;
    auto last32 = static_cast<std::uint32_t>(now64 - 90'000);
    CHECK(idle_ms(static_cast<std::uint32_t>(now64), last32) == 90'000);
}

TEST_CASE("the lastinput tracker wakes once at last input + threshold, then every 2 s while idle") {
    platform::lastinput::Tracker tracker(5min);
    // 60 s since the last input: active since then, look again in 4 minutes.
    auto step = tracker.update({1'000'000, 940'000, wall_ms("2026-11-30T09:00:00Z", 500)});
    REQUIRE(step.events.size() == 1);
    CHECK(step.events[0].kind == ActivityKind::input_active);
    CHECK(step.events[0].at == test::utc("2026-11-30T08:59:00Z"));
    CHECK(step.next_check == 240'000ms);
    // Input 30 s later: the deadline moves with it.
    step = tracker.update({1'240'000, 970'000, wall_ms("2026-11-30T09:04:00Z", 500)});
    CHECK(step.events.empty());
    CHECK(step.next_check == 30'000ms);
    // Five minutes after that input: idle since the input (08:59:30.5 -> 08:59:30), not since the threshold.
    step = tracker.update({1'270'000, 970'000, wall_ms("2026-11-30T09:04:30Z", 500)});
    REQUIRE(step.events.size() == 1);
    CHECK(step.events[0].kind == ActivityKind::input_idle);
    CHECK(step.events[0].since == test::utc("2026-11-30T08:59:30Z"));
    CHECK(step.events[0].at == test::utc("2026-11-30T09:04:30Z"));
    CHECK(step.events[0].source == "lastinput");
    CHECK(step.next_check == 2'000ms);
    CHECK(tracker.idle());
    // Still idle: no event, same 2 s check.
    step = tracker.update({1'272'000, 970'000, wall_ms("2026-11-30T09:04:32Z", 500)});
    CHECK(step.events.empty());
    CHECK(step.next_check == 2'000ms);
    // Input 1.5 s before the check: active from that input, and the next deadline is the threshold after it.
    step = tracker.update({1'400'000, 1'398'500, wall_ms("2026-11-30T09:06:40Z", 500)});
    REQUIRE(step.events.size() == 1);
    CHECK(step.events[0].kind == ActivityKind::input_active);
    CHECK(step.events[0].at == test::utc("2026-11-30T09:06:39Z"));
    CHECK(step.next_check == 298'500ms);
    CHECK_FALSE(tracker.idle());
}

TEST_CASE("the lastinput tracker reports idle at once when started idle, and back-and-gone-again as both") {
    platform::lastinput::Tracker tracker(1s);
    auto step = tracker.update({50'000, 10'000, wall_ms("2026-11-30T12:00:00Z")});
    REQUIRE(step.events.size() == 1);
    CHECK(step.events[0].kind == ActivityKind::input_idle);
    CHECK(step.events[0].since == test::utc("2026-11-30T11:59:20Z"));
    // Input 1.5 s before the 2 s check, with a 1 s threshold: active, then idle again at once.
    step = tracker.update({52'000, 50'500, wall_ms("2026-11-30T12:00:02Z")});
    REQUIRE(step.events.size() == 2);
    CHECK(step.events[0].kind == ActivityKind::input_active);
    CHECK(step.events[1].kind == ActivityKind::input_idle);
    CHECK(step.events[1].since == test::utc("2026-11-30T12:00:00Z"));
}

TEST_CASE("the session window turns Windows messages into events, sleep synchronously") {
    std::int64_t clock_offset = 1'700'000'000'000;
    std::string zone = "Europe/Paris";
    platform::wts::Readers readers;
    readers.wall_minus_tick_ms = [&] { return clock_offset; };
    readers.zone_name = [&] { return zone; };
    readers.wall_now = [] { return test::utc("2026-11-30T18:00:00Z"); };
    platform::wts::SessionSource source(readers);
    RecordingSink sink;
    std::string why_not;
    INFO(why_not);
    REQUIRE(source.start(sink, 5min, why_not));
    HWND hwnd = source.window();
    REQUIRE(hwnd != nullptr);
    // Top-level (its parent is the desktop), or broadcasts would never reach it.
    CHECK(GetAncestor(hwnd, GA_PARENT) == GetDesktopWindow());
    CHECK(source.name() == "wts");

    // The sink has the event when SendMessage returns: Windows sleeps only after we answer.
    CHECK(SendMessageW(hwnd, WM_POWERBROADCAST, PBT_APMSUSPEND, 0) == TRUE);
    REQUIRE(sink.events.size() == 1);
    CHECK(sink.events[0].kind == ActivityKind::sleep);
    CHECK(sink.events[0].at == test::utc("2026-11-30T18:00:00Z"));
    CHECK(sink.events[0].source == "wts");
    SendMessageW(hwnd, WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC, 0);
    SendMessageW(hwnd, WM_POWERBROADCAST, PBT_APMRESUMESUSPEND, 0);  // the same resume, now with a user
    REQUIRE(sink.events.size() == 2);
    CHECK(sink.events[1].kind == ActivityKind::wake);

    SendMessageW(hwnd, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, 1);
    SendMessageW(hwnd, WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK, 1);
    SendMessageW(hwnd, WM_WTSSESSION_CHANGE, WTS_CONSOLE_DISCONNECT, 1);
    SendMessageW(hwnd, WM_WTSSESSION_CHANGE, WTS_CONSOLE_CONNECT, 1);
    REQUIRE(sink.events.size() == 6);
    CHECK(sink.events[2].kind == ActivityKind::lock);
    CHECK(sink.events[3].kind == ActivityKind::unlock);
    CHECK(sink.events[4].kind == ActivityKind::session_inactive);
    CHECK(sink.events[5].kind == ActivityKind::session_active);

    // The clock set one hour ahead (plus jitter): one jump of +3600 s; a 0.8 s step is not a jump.
    clock_offset += 3'600'000 + 300;
    SendMessageW(hwnd, WM_TIMECHANGE, 0, 0);
    REQUIRE(sink.events.size() == 7);
    CHECK(sink.events[6].kind == ActivityKind::clock_jump);
    CHECK(sink.events[6].jump == 3600s);
    clock_offset -= 800;
    SendMessageW(hwnd, WM_TIMECHANGE, 0, 0);
    CHECK(sink.events.size() == 7);
    // Back by 90 minutes.
    clock_offset -= 5'400'000;
    SendMessageW(hwnd, WM_TIMECHANGE, 0, 0);
    REQUIRE(sink.events.size() == 8);
    CHECK(sink.events[7].jump == -5400s);

    // A zone change: reported once, with the new name; other settings changes say nothing.
    zone = "America/Toronto";
    SendMessageW(hwnd, WM_SETTINGCHANGE, 0, reinterpret_cast<LPARAM>(L"intl"));
    SendMessageW(hwnd, WM_SETTINGCHANGE, 0, reinterpret_cast<LPARAM>(L"ImmersiveColorSet"));
    REQUIRE(sink.events.size() == 9);
    CHECK(sink.events[8].kind == ActivityKind::zone_change);
    CHECK(sink.events[8].zone == "America/Toronto");

    // A real broadcast reaches the window too.
    zone = "Asia/Kolkata";
    DWORD_PTR result = 0;
    SendMessageTimeoutW(HWND_BROADCAST, WM_TIMECHANGE, 0, 0, SMTO_ABORTIFHUNG, 2000, &result);
    REQUIRE(sink.events.size() == 10);
    CHECK(sink.events[9].kind == ActivityKind::zone_change);
    CHECK(sink.events[9].zone == "Asia/Kolkata");

    source.stop();
    SendMessageW(hwnd, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, 1);
    CHECK(sink.events.size() == 10);  // stopped: nothing more
}

TEST_CASE("clock jumps are rounded to the second and small steps ignored") {
    using platform::wts::clock_jump;
    CHECK(clock_jump(0, 3'600'400) == 3600s);
    CHECK(clock_jump(0, -3'600'600) == -3601s);
    CHECK(clock_jump(1000, 2'400) == 0s);
    CHECK(clock_jump(0, 2'000) == 2s);
}

TEST_CASE("the message loop fires the one pending deadline and stops on WM_CLOSE and Ctrl+C") {
    platform::win32loop::MessageLoop loop;
    REQUIRE(loop.window() != nullptr);
    int first = 0, second = 0;
    loop.set_deadline(30ms, [&] { ++first; });
    loop.set_deadline(80ms, [&] {  // replaces the first
        ++second;
        loop.quit();
    });
    auto started = std::chrono::steady_clock::now();
    loop.run();
    auto elapsed = std::chrono::steady_clock::now() - started;
    CHECK(first == 0);
    CHECK(second == 1);
    CHECK(elapsed >= 60ms);
    CHECK(elapsed < 3s);

    std::vector<int> signals;
    loop.on_terminate([&](int signal) {
        signals.push_back(signal);
        loop.quit();
    });
    PostMessageW(loop.window(), WM_CLOSE, 0, 0);  // what taskkill without /F sends
    CHECK(run_until(loop, [&] { return signals.size() == 1; }));
    CHECK(platform::win32loop::MessageLoop::console_event(CTRL_C_EVENT) == TRUE);
    CHECK(run_until(loop, [&] { return signals.size() == 2; }));
    REQUIRE(signals.size() == 2);
    CHECK(signals[0] == SIGTERM);
    CHECK(signals[1] == SIGINT);
    CHECK(IsWindow(loop.window()));  // WM_CLOSE did not destroy it
}

TEST_CASE("a second launch is not primary and its request reaches the first") {
    test::TempDir dir("win32_single");
    std::string error;
    auto first = platform::acquire_single_instance(dir / "run", error);
    REQUIRE(first);
    CHECK(error == "");
    CHECK(first->is_primary());
    auto second = platform::acquire_single_instance(dir / "run", error);
    REQUIRE(second);
    CHECK_FALSE(second->is_primary());
    // Another folder is another agent.
    auto other = platform::acquire_single_instance(dir / "elsewhere", error);
    CHECK(other->is_primary());

    platform::win32loop::MessageLoop loop;
    std::vector<std::string> requests;
    first->listen([&](const std::string& message) { requests.push_back(message); });
    CHECK(second->send("show"));
    CHECK(second->send("show\n"));
    CHECK(run_until(loop, [&] { return requests.size() == 2; }));
    CHECK(requests == std::vector<std::string>{"show", "show"});
    CHECK_FALSE(first->send("show"));  // the primary has nobody to ask

    first.reset();
    second.reset();
    auto third = platform::acquire_single_instance(dir / "run", error);
    CHECK(third->is_primary());  // the lock went with its holder
}

// `clockout status` asks the running agent for its live figures over the pipe: the reply comes back on the asking
// connection, computed on the agent's loop thread; a request that is not a query still reaches listen's callback.
TEST_CASE("a query over the pipe gets the primary's reply; no agent, no reply") {
    test::TempDir dir("win32_query");
    std::string error;
    std::string why;
    CHECK_FALSE(platform::ask_running_instance(dir / "run", "status", std::chrono::milliseconds(500), why));
    CHECK(why == "no agent running");

    auto first = platform::acquire_single_instance(dir / "run", error);
    REQUIRE(first);
    REQUIRE(first->is_primary());
    platform::win32loop::MessageLoop loop;
    std::vector<std::string> requests;
    DWORD loop_thread = GetCurrentThreadId();
    DWORD answered_on = 0;
    first->listen([&](const std::string& message) { requests.push_back(message); });
    first->answer([&](const std::string& message) -> std::optional<std::string> {
        answered_on = GetCurrentThreadId();
        if (message != "status")
            return std::nullopt;
        return std::string(6000, 'x') + "{\"active_min\": 42}\n";  // longer than one pipe read
    });

    std::optional<std::string> reply;
    std::string ask_why;
    std::atomic<bool> asked{false};
    std::thread asker([&] {
        reply = platform::ask_running_instance(dir / "run", "status", std::chrono::seconds(5), ask_why);
        asked = true;
    });
    CHECK(run_until(loop, [&] { return asked.load(); }));
    asker.join();
    REQUIRE_MESSAGE(reply, ask_why);
    CHECK(reply->size() == 6000 + 19);
    CHECK(reply->substr(6000) == "{\"active_min\": 42}\n");
    CHECK(answered_on == loop_thread);

    // Not a query: no reply for the asker, and the line goes to listen's callback as a request.
    std::optional<std::string> none;
    std::string none_why;
    std::atomic<bool> done{false};
    std::thread other([&] {
        none = platform::ask_running_instance(dir / "run", "show", std::chrono::seconds(5), none_why);
        done = true;
    });
    CHECK(run_until(loop, [&] { return done.load() && requests.size() == 1; }));
    other.join();
    CHECK_FALSE(none);
    CHECK(none_why == "the agent does not answer this request (an older version?)");
    CHECK(requests == std::vector<std::string>{"show"});
}

TEST_CASE("Windows zone ids map to IANA names, by region where CLDR says so") {
    using platform::winzone::iana_name;
    CHECK(iana_name("Romance Standard Time", "FR") == "Europe/Paris");
    CHECK(iana_name("Romance Standard Time", "BE") == "Europe/Brussels");
    CHECK(iana_name("Romance Standard Time", "") == "Europe/Paris");
    CHECK(iana_name("W. Europe Standard Time", "CH") == "Europe/Zurich");
    CHECK(iana_name("W. Europe Standard Time", "DE") == "Europe/Berlin");
    CHECK(iana_name("GMT Standard Time", "GB") == "Europe/London");
    CHECK(iana_name("Eastern Standard Time", "CA") == "America/Toronto");
    CHECK(iana_name("Eastern Standard Time", "US") == "America/New_York");
    CHECK(iana_name("India Standard Time", "IN") == "Asia/Kolkata");
    CHECK(iana_name("Lord Howe Standard Time", "AU") == "Australia/Lord_Howe");
    CHECK(iana_name("Mars Standard Time", "FR") == "");
    // Every name in the table is a zone the shipped zoneinfo has.
    for (const auto& [windows_id, iana] : platform::winzone::table()) {
        CAPTURE(windows_id);
        CAPTURE(iana);
        CHECK(core::make_zone(iana) != nullptr);
    }
}

TEST_CASE("a Windows zone without an IANA name becomes a POSIX rule that core reads") {
    platform::winzone::Definition romance;
    romance.bias = -60;
    romance.daylight_bias = -60;
    romance.standard_date = {10, 5, 0, 3, 0, 0, 0};
    romance.daylight_date = {3, 5, 0, 2, 0, 0, 0};
    std::string rule = platform::winzone::posix_rule(romance);
    CHECK(rule == "<+01>-1<+02>-2,M3.5.0/2,M10.5.0/3");
    auto zone = core::make_zone(rule);
    REQUIRE(zone);
    auto paris = core::make_zone("Europe/Paris");
    REQUIRE(paris);
    for (auto t = test::utc("2026-01-01T00:30:00Z"); t < test::utc("2027-01-01T00:00:00Z"); t += 1h)
        REQUIRE(zone->offset_at(t) == paris->offset_at(t));

    platform::winzone::Definition india;
    india.bias = -330;
    CHECK(platform::winzone::posix_rule(india) == "<+0530>-5:30");
    platform::winzone::Definition newfoundland;
    newfoundland.bias = 210;
    newfoundland.daylight_bias = -60;
    newfoundland.standard_date = {11, 1, 0, 2, 0, 0, 0};
    newfoundland.daylight_date = {3, 2, 0, 23, 59, 59, 999};  // Windows' "end of the day"
    CHECK(platform::winzone::posix_rule(newfoundland) == "<-0330>3:30<-0230>2:30,M3.2.0/24,M11.1.0/2");
    CHECK(core::make_zone(platform::winzone::posix_rule(newfoundland)));

    // Whatever zone this machine has, core can read its name.
    std::string name = platform::system_zone_name();
    CAPTURE(name);
    CHECK_FALSE(name.empty());
    CHECK(core::make_zone(name) != nullptr);
}

TEST_CASE("file watch: saves in place and by rename, removal and creation, one call per burst, not the neighbours") {
    // The same steps as platform.test_file_watch on Linux, through the folder's change notification.
    platform::win32loop::MessageLoop loop;
    test::TempDir dir("win_file_watch");
    const auto file = dir / "settings.toml";
    write_file(file, "[idle]\n");
    auto watch = platform::make_file_watch();
    int calls = 0;
    REQUIRE(watch->start(file, [&] { ++calls; }) == "");

    run_for(loop, 300ms);
    CHECK_MESSAGE(calls == 0, "a call without a change");

    const auto t0 = std::chrono::steady_clock::now();
    write_file(file, "[idle]\nthreshold = \"3m\"\n");
    REQUIRE_MESSAGE(run_until(loop, [&] { return calls == 1; }), "a save in place was not seen within 5 s");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    MESSAGE("a save in place was seen after " << ms.count() << " ms");
    CHECK(ms < 2000ms);  // the settings' promise: a hand edit is applied within 2 s

    write_file(dir / "settings.toml.new", "[idle]\nthreshold = \"4m\"\n");
    REQUIRE(
        MoveFileExW((dir / "settings.toml.new").wstring().c_str(), file.wstring().c_str(), MOVEFILE_REPLACE_EXISTING));
    REQUIRE_MESSAGE(run_until(loop, [&] { return calls == 2; }), "a save by rename was not seen");

    for (int i = 0; i < 5; ++i)  // five writes in a row: one call once they settle
        write_file(file, "[idle]\nthreshold = \"" + std::to_string(i + 10) + "m\"\n");
    run_for(loop, 800ms);
    CHECK_MESSAGE(calls == 3, "a burst of five writes gave " << calls - 2 << " calls, not 1");

    write_file(dir / "other.toml", "x");
    run_for(loop, 600ms);
    CHECK_MESSAGE(calls == 3, "a neighbour's change was taken for the watched file's");

    fs::remove(file);
    REQUIRE_MESSAGE(run_until(loop, [&] { return calls == 4; }), "a removal was not seen");
    write_file(file, "[idle]\n");
    REQUIRE_MESSAGE(run_until(loop, [&] { return calls == 5; }), "a file created after the start was not seen");

    watch->stop();
    write_file(file, "[idle]\nthreshold = \"9m\"\n");
    run_for(loop, 600ms);
    CHECK_MESSAGE(calls == 5, "a call after stop()");
}

TEST_CASE("file watch: a devices folder tree, a new device's folder included; a missing folder is said") {
    platform::win32loop::MessageLoop loop;
    test::TempDir dir("win_tree_watch");
    fs::create_directories(dir / "0123456789abcdef");
    auto watch = platform::make_file_watch();
    int calls = 0;
    REQUIRE(watch->start_tree(
                dir.path(), [&] { ++calls; }, 300) == "");
    run_for(loop, 200ms);
    CHECK(calls == 0);

    write_file(dir / "0123456789abcdef" / "2026-11.csv", "a");  // a sync engine writes in steps
    write_file(dir / "0123456789abcdef" / "2026-11.csv", "ab");
    REQUIRE_MESSAGE(run_until(loop, [&] { return calls == 1; }), "a device's month file was not seen");
    run_for(loop, 500ms);
    CHECK_MESSAGE(calls == 1, "two writes in a row gave " << calls << " calls, not 1");

    fs::create_directories(dir / "fedcba9876543210");
    write_file(dir / "fedcba9876543210" / "2026-12.csv", "c");
    REQUIRE_MESSAGE(run_until(loop, [&] { return calls >= 2; }), "a new device's folder was not seen");

    watch->stop();
    const int before = calls;
    write_file(dir / "fedcba9876543210" / "2026-12.csv", "cd");
    run_for(loop, 600ms);
    CHECK_MESSAGE(calls == before, "a call after stop()");

    auto missing = platform::make_file_watch();
    const auto why = missing->start(dir / "nowhere" / "settings.toml", [] {});
    CHECK(why.find("cannot watch") == 0);
    CHECK(why.find("nowhere") != std::string::npos);
}

TEST_CASE("clocks, notifier and idle sources of this OS") {
    auto a = platform::monotonic_time();
    auto b = platform::monotonic_time();
    CHECK(b >= a);
    CHECK(platform::suspended_time() >= 0s);

    auto notifier = platform::make_desktop_notifier("Clockout", "clockout");
    std::string detail;
    CHECK_FALSE(notifier->available(detail));
    CHECK(detail == "desktop notifications come from the tray agent on Windows");
    CHECK(notifier->show("t", "b", {}, false, nullptr) == 0);

    auto idle = platform::make_idle_sources();
    REQUIRE(idle.size() == 1);
    CHECK(idle[0]->name() == "lastinput");
    RecordingSink sink;
    std::string why_not;
    CHECK(idle[0]->start(sink, 1h, why_not));
    REQUIRE(sink.events.size() == 1);  // where it starts: active or idle, depending on wine's last input
    CHECK((sink.events[0].kind == ActivityKind::input_active || sink.events[0].kind == ActivityKind::input_idle));
    CHECK(sink.events[0].source == "lastinput");
    idle[0]->stop();

    auto session = platform::make_session_sources();
    REQUIRE(session.size() == 1);
    CHECK(session[0]->name() == "wts");
}
