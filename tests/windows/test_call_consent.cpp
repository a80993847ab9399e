// The consent-store call backend under wine: the test writes the microphone's consent store under HKCU in its wine
// prefix as Windows would (LastUsedTimeStart set when a program starts capturing, LastUsedTimeStop when it stops) and
// runs the message loop until the source reports, 5 s at most. The keys it made are deleted at the end of each case.
#include <doctest/doctest.h>

#include <windows.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "call_consent_win32.h"
#include "event_loop_win32.h"
#include "platform/activity.h"

using namespace clockout;
using namespace std::chrono_literals;
using platform::ActivityEvent;
using platform::ActivityKind;

namespace {

constexpr std::uint64_t a_filetime = 133'500'000'000'000'000ULL;  // a FILETIME in 2024, as Windows writes them
const std::wstring zoom = L"C:#Program Files#Zoom#zoom.exe";
const std::wstring teams = L"MSTeams_8wekyb3d8bbwe";  // a packaged app's subkey: its package family name

class RecordingSink final : public platform::ActivitySink {
  public:
    void on_activity(const ActivityEvent& event) override { events.push_back(event); }
    std::vector<ActivityEvent> events;
};

std::wstring own_path() {
    wchar_t path[MAX_PATH * 2];
    DWORD got = GetModuleFileNameW(nullptr, path, MAX_PATH * 2);
    return std::wstring(path, got);
}

// The consent store as the test writes it; what it created is deleted when it goes away.
class ConsentStore {
  public:
    ConsentStore() {
        HKEY key = nullptr;
        DWORD disposition = 0;
        LSTATUS status = RegCreateKeyExW(HKEY_CURRENT_USER, platform::consent::microphone_key, 0, nullptr, 0,
                                         KEY_ALL_ACCESS, nullptr, &key, &disposition);
        REQUIRE_MESSAGE(status == ERROR_SUCCESS, "cannot create the consent store's key: " << status);
        RegCloseKey(key);
        created_store_ = disposition == REG_CREATED_NEW_KEY;
    }
    ~ConsentStore() {
        if (created_store_) {
            RegDeleteTreeW(HKEY_CURRENT_USER, platform::consent::microphone_key);
            return;
        }
        for (const std::wstring& subkey : made_)
            RegDeleteTreeW(HKEY_CURRENT_USER, subkey.c_str());
    }
    ConsentStore(const ConsentStore&) = delete;
    ConsentStore& operator=(const ConsentStore&) = delete;

    /// A desktop program's entry (microphone\NonPackaged\<path with #>).
    void desktop(const std::wstring& name, std::uint64_t start, std::uint64_t stop) {
        write(std::wstring(platform::consent::microphone_key) + L"\\NonPackaged\\" + name, start, stop);
    }
    /// A packaged app's entry (microphone\<package family name>).
    void packaged(const std::wstring& name, std::uint64_t start, std::uint64_t stop) {
        write(std::wstring(platform::consent::microphone_key) + L"\\" + name, start, stop);
    }

  private:
    void write(const std::wstring& subkey, std::uint64_t start, std::uint64_t stop) {
        HKEY key = nullptr;
        REQUIRE(RegCreateKeyExW(HKEY_CURRENT_USER, subkey.c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key,
                                nullptr) == ERROR_SUCCESS);
        made_.push_back(subkey);
        // Windows writes Stop = 0 when capture starts and Start stays when it ends.
        RegSetValueExW(key, L"LastUsedTimeStop", 0, REG_QWORD, reinterpret_cast<const BYTE*>(&stop), sizeof stop);
        RegSetValueExW(key, L"LastUsedTimeStart", 0, REG_QWORD, reinterpret_cast<const BYTE*>(&start), sizeof start);
        RegCloseKey(key);
    }

    bool created_store_ = false;
    std::vector<std::wstring> made_;
};

// Runs the loop until the sink holds more than `count` events or `timeout`; true when one came.
bool event_after(platform::win32loop::MessageLoop& loop, RecordingSink& sink, std::size_t count,
                 std::chrono::milliseconds timeout = 5s) {
    auto started = std::chrono::steady_clock::now();
    while (sink.events.size() <= count && std::chrono::steady_clock::now() - started < timeout) {
        loop.set_deadline(20ms, [&] { loop.quit(); });
        loop.run();
    }
    return sink.events.size() > count;
}

struct Started {
    platform::win32loop::MessageLoop loop;
    RecordingSink sink;
    std::unique_ptr<platform::ActivitySource> source = platform::consent::make_source();
    Started() {
        std::string why_not;
        REQUIRE_MESSAGE(source->start(sink, 0s, why_not), "start() failed: " << why_not);
    }

    // The next event must come within 5 s and be `kind`, from "consent-store".
    void expect(ActivityKind kind, const char* what) {
        std::size_t count = sink.events.size();
        REQUIRE_MESSAGE(event_after(loop, sink, count), what << ": no event within 5 s");
        CHECK_MESSAGE(sink.events[count].kind == kind,
                      what << ": another event (" << int(sink.events[count].kind) << ")");
        CHECK(sink.events[count].source == "consent-store");
    }
    // No event may come for `duration`.
    void expect_none(const char* what, std::chrono::milliseconds duration = 500ms) {
        std::size_t count = sink.events.size();
        CHECK_MESSAGE(!event_after(loop, sink, count, duration), what);
    }
};

}  // namespace

TEST_CASE("consent-store is the Windows call backend; without its key, start() says why") {
    auto sources = platform::make_call_sources();
    REQUIRE(sources.size() == 1);
    CHECK(sources[0]->name() == "consent-store");

    HKEY key = nullptr;
    if (RegOpenKeyExW(HKEY_CURRENT_USER, platform::consent::microphone_key, 0, KEY_READ, &key) == ERROR_SUCCESS) {
        RegCloseKey(key);
        MESSAGE("the consent store exists in this prefix: the missing-key check is skipped");
        return;
    }
    RecordingSink sink;
    std::string why_not;
    CHECK_FALSE(sources[0]->start(sink, 0s, why_not));
    CHECK_MESSAGE(why_not.find("no microphone consent store") == 0, why_not);
    CHECK(sink.events.empty());
}

TEST_CASE("consent-store: a program capturing the microphone is a call, its stop the call's end") {
    ConsentStore store;
    store.desktop(zoom, a_filetime - 1000, a_filetime);  // used once, long ago
    Started started;
    CHECK(started.source->detail().find("ConsentStore\\microphone") != std::string::npos);
    started.expect_none("an event with nothing capturing");

    store.desktop(zoom, a_filetime + 1000, 0);
    started.expect(ActivityKind::call_started, "zoom.exe started capturing");
    store.desktop(zoom, a_filetime + 1000, a_filetime + 2000);
    started.expect(ActivityKind::call_ended, "zoom.exe stopped capturing");
    started.expect_none("an event after the call ended");
}

TEST_CASE("consent-store: two programs overlapping are one call, ended when both stopped") {
    ConsentStore store;
    Started started;
    store.desktop(zoom, a_filetime, 0);
    started.expect(ActivityKind::call_started, "zoom.exe started capturing");
    store.packaged(teams, a_filetime + 10, 0);
    started.expect_none("a second program started a second call");
    store.desktop(zoom, a_filetime, a_filetime + 20);
    started.expect_none("the call ended while the packaged app still captured");
    store.packaged(teams, a_filetime + 10, a_filetime + 30);
    started.expect(ActivityKind::call_ended, "both programs stopped");
}

TEST_CASE("consent-store: Clockout's own use of the microphone is no call; a call found at start is reported") {
    ConsentStore store;
    {
        Started started;
        store.desktop(platform::consent::nonpackaged_name(own_path()), a_filetime, 0);
        started.expect_none("Clockout's own executable was taken for a call");
        store.desktop(zoom, a_filetime, 0);
        started.expect(ActivityKind::call_started, "zoom.exe after Clockout's own entry");
        started.source->stop();
    }
    // zoom.exe still captures: a new start reports the call from the loop, not from inside start().
    Started again;
    CHECK(again.sink.events.empty());
    again.expect(ActivityKind::call_started, "a call in progress at start");
}
