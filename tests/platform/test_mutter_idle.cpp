// The Mutter backend against a python3-dbusmock stand-in for org.gnome.Mutter.IdleMonitor on a private session bus.
#include <doctest/doctest.h>
#include <gio/gio.h>

#include <string>

#include "idle_test_support.h"
#include "support/test_support.h"

using namespace clockout::test::idle;
using clockout::test::TempDir;

namespace {

constexpr auto threshold = 2s;
constexpr const char* monitor_name = "org.gnome.Mutter.IdleMonitor";
constexpr const char* monitor_path = "/org/gnome/Mutter/IdleMonitor/Core";
constexpr guint32 idle_watch_id = 10;
constexpr guint32 active_watch_id = 20;

// The test's own connection to the private bus, to program the mock and read what it was asked.
class MockMutter {
  public:
    /// Methods are added over D-Bus once the mock runs, unless `with_template`: then they exist from the moment the
    /// mock owns the name, as with the real Mutter.
    explicit MockMutter(const TempDir& dir, bool with_template = false)
        : mock_(with_template ? std::vector<std::string>{"/usr/bin/python3", "-m", "dbusmock", "--session", "-t",
                                                         write_template(dir)}
                              : std::vector<std::string>{"/usr/bin/python3", "-m", "dbusmock", "--session",
                                                         monitor_name, monitor_path, monitor_name},
                -1, (dir / "dbusmock.log").string()) {
        REQUIRE(mock_.started());
        GError* error = nullptr;
        gchar* address = g_dbus_address_get_for_bus_sync(G_BUS_TYPE_SESSION, nullptr, &error);
        REQUIRE(address != nullptr);
        auto flags = static_cast<GDBusConnectionFlags>(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION);
        bus_ = g_dbus_connection_new_for_address_sync(address, flags, nullptr, nullptr, &error);
        g_free(address);
        REQUIRE(bus_ != nullptr);
        auto deadline = Steady::now() + 20s;
        while (!has_owner() && Steady::now() < deadline)
            std::this_thread::sleep_for(50ms);
        REQUIRE_MESSAGE(has_owner(), "dbusmock did not take " << monitor_name);
        add_method("AddIdleWatch", "t", "u", "ret = " + std::to_string(idle_watch_id));
        add_method("AddUserActiveWatch", "", "u", "ret = " + std::to_string(active_watch_id));
        add_method("RemoveWatch", "u", "", "");
    }
    ~MockMutter() {
        if (bus_ != nullptr)
            g_object_unref(bus_);
    }

    void set_idletime(guint64 ms) {
        add_method("GetIdletime", "", "t", "ret = dbus.UInt64(" + std::to_string(ms) + ")");
    }

    void fire(guint32 watch) {
        GVariantBuilder args;
        g_variant_builder_init(&args, G_VARIANT_TYPE("av"));
        g_variant_builder_add(&args, "v", g_variant_new_uint32(watch));
        mock_call("EmitSignal", g_variant_new("(sssav)", monitor_name, "WatchFired", "u", &args));
    }

    /// The first argument of each call of `method` so far (as a number), in order.
    std::vector<guint64> calls(const char* method) {
        GVariant* reply = mock_call("GetMethodCalls", g_variant_new("(s)", method), "(a(tav))");
        std::vector<guint64> firsts;
        GVariantIter* iter = nullptr;
        g_variant_get(reply, "(a(tav))", &iter);
        guint64 stamp = 0;
        GVariantIter* args = nullptr;
        while (g_variant_iter_loop(iter, "(tav)", &stamp, &args)) {
            GVariant* first = nullptr;
            guint64 value = 0;
            if (g_variant_iter_next(args, "v", &first)) {
                if (g_variant_is_of_type(first, G_VARIANT_TYPE_UINT64))
                    value = g_variant_get_uint64(first);
                else if (g_variant_is_of_type(first, G_VARIANT_TYPE_UINT32))
                    value = g_variant_get_uint32(first);
                g_variant_unref(first);
            }
            firsts.push_back(value);
        }
        g_variant_iter_free(iter);
        g_variant_unref(reply);
        return firsts;
    }

    /// Ends the mock as a crash of gnome-shell would.
    void kill_now() { mock_.stop(SIGKILL); }

  private:
    static std::string write_template(const TempDir& dir) {
        auto path = dir / "mutter_idle_monitor.py";
        clockout::test::write_file(path, R"(import dbus
BUS_NAME = 'org.gnome.Mutter.IdleMonitor'
MAIN_OBJ = '/org/gnome/Mutter/IdleMonitor/Core'
MAIN_IFACE = 'org.gnome.Mutter.IdleMonitor'
SYSTEM_BUS = False

def load(mock, parameters):
    mock.AddMethods(MAIN_IFACE, [
        ('GetIdletime', '', 't', 'ret = dbus.UInt64(500)'),
        ('AddIdleWatch', 't', 'u', 'ret = 10'),
        ('AddUserActiveWatch', '', 'u', 'ret = 20'),
        ('RemoveWatch', 'u', '', ''),
    ])
)");
        return path.string();
    }

    bool has_owner() {
        GVariant* reply = g_dbus_connection_call_sync(
            bus_, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
            g_variant_new("(s)", monitor_name), G_VARIANT_TYPE("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000, nullptr, nullptr);
        gboolean owned = FALSE;
        if (reply != nullptr) {
            g_variant_get(reply, "(b)", &owned);
            g_variant_unref(reply);
        }
        return owned != FALSE;
    }

    void add_method(const char* name, const char* in, const char* out, const std::string& code) {
        g_variant_unref(mock_call("AddMethod", g_variant_new("(sssss)", monitor_name, name, in, out, code.c_str())));
    }

    GVariant* mock_call(const char* method, GVariant* parameters, const char* reply_type = nullptr) {
        GError* error = nullptr;
        GVariant* reply = g_dbus_connection_call_sync(
            bus_, monitor_name, monitor_path, "org.freedesktop.DBus.Mock", method, parameters,
            reply_type ? G_VARIANT_TYPE(reply_type) : nullptr, G_DBUS_CALL_FLAGS_NONE, 5000, nullptr, &error);
        REQUIRE_MESSAGE(reply != nullptr, method << ": " << (error ? error->message : "?"));
        return reply;
    }

    ChildProcess mock_;
    GDBusConnection* bus_ = nullptr;
};

std::unique_ptr<clockout::platform::ActivitySource> mutter_source() {
    unsetenv("WAYLAND_DISPLAY");
    return idle_source("mutter");
}

// Lets the loop run a little and says whether any event came meanwhile.
bool quiet_for(RecordingSink& sink, std::chrono::milliseconds span) {
    std::size_t before = sink.events.size();
    run_until([] { return false; }, span);
    return sink.events.size() == before;
}

// Starts `source` on a first Mutter (the user active), then kills that Mutter: events 0 (active) and 1 (lost).
void start_then_lose_mutter(const TempDir& dir, clockout::platform::ActivitySource& source, RecordingSink& sink) {
    MockMutter first(dir);
    first.set_idletime(500);
    std::string why_not;
    REQUIRE_MESSAGE(source.start(sink, threshold, why_not), why_not);
    REQUIRE(next_event(sink, 0, 1s).event.kind == ActivityKind::input_active);
    first.kill_now();
    REQUIRE(next_event(sink, 1, 3s).event.kind == ActivityKind::backend_lost);
}

// Lets the source see Mutter come back, until it has added its user-active watch there (or 5 s went by).
void await_comeback_watches(MockMutter& mutter) {
    auto deadline = Steady::now() + 5s;
    while (mutter.calls("AddUserActiveWatch").empty() && Steady::now() < deadline)
        run_until([] { return false; }, 50ms);
}
}  // namespace

TEST_CASE("mutter does not start when nobody owns org.gnome.Mutter.IdleMonitor") {
    TempDir dir("mutter_no_owner");
    SessionBus bus(dir.path());
    auto source = mutter_source();
    RecordingSink sink;
    std::string why_not;
    CHECK_FALSE(source->start(sink, threshold, why_not));
    CHECK(why_not.find("no owner") != std::string::npos);
    CHECK(sink.events.empty());
}

TEST_CASE("mutter turns its idle and user-active watches into idle and active, and is lost with Mutter") {
    TempDir dir("mutter_transitions");
    SessionBus bus(dir.path());
    MockMutter mutter(dir);
    mutter.set_idletime(500);
    auto source = mutter_source();
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(source->start(sink, threshold, why_not), why_not);

    Received start = next_event(sink, 0, 1s);
    CHECK(start.event.kind == ActivityKind::input_active);
    CHECK(start.event.source == "mutter");
    CHECK(seconds_between(start.event.at, wall_now()) <= 1);
    CHECK(mutter.calls("AddIdleWatch") == std::vector<guint64>{2000});
    CHECK(mutter.calls("AddUserActiveWatch").empty());

    mutter.set_idletime(7000);
    auto fired = Steady::now();
    mutter.fire(idle_watch_id);
    Received idle = next_event(sink, 1, 2s);
    REQUIRE(idle.event.kind == ActivityKind::input_idle);
    MESSAGE("mutter: input_idle " << ms(fired, idle.when) << " ms after WatchFired(idle)");
    CHECK(ms(fired, idle.when) <= 1000);
    // `since` is the last input as Mutter counts it: 7 s before now.
    CHECK(seconds_between(idle.event.since, wall_now() - 7s) <= 1);
    CHECK(run_until([&] { return mutter.calls("AddUserActiveWatch").size() == 1; }, 2s));

    // Someone else's watch, and a second firing of the idle watch while idle, change nothing.
    mutter.fire(99);
    mutter.fire(idle_watch_id);
    CHECK(quiet_for(sink, 300ms));

    mutter.set_idletime(0);
    fired = Steady::now();
    mutter.fire(active_watch_id);
    Received back = next_event(sink, 2, 2s);
    REQUIRE(back.event.kind == ActivityKind::input_active);
    MESSAGE("mutter: input_active " << ms(fired, back.when) << " ms after WatchFired(user active)");
    CHECK(ms(fired, back.when) <= 1000);
    CHECK(seconds_between(back.event.at, wall_now()) <= 1);

    // The user-active watch is one-shot: firing it again means nothing until the next idle.
    mutter.fire(active_watch_id);
    CHECK(quiet_for(sink, 300ms));

    mutter.set_idletime(2000);
    mutter.fire(idle_watch_id);
    Received again = next_event(sink, 3, 2s);
    CHECK(again.event.kind == ActivityKind::input_idle);
    CHECK(seconds_between(again.event.since, wall_now() - 2s) <= 1);
    CHECK(run_until([&] { return mutter.calls("AddUserActiveWatch").size() == 2; }, 2s));
    CHECK(sink.events.size() == 4);

    auto killed = Steady::now();
    mutter.kill_now();
    Received lost = next_event(sink, 4, 3s);
    CHECK(lost.event.kind == ActivityKind::backend_lost);
    MESSAGE("mutter: backend_lost " << ms(killed, lost.when) << " ms after Mutter left the bus");
    CHECK(ms(killed, lost.when) <= 1000);
    CHECK(quiet_for(sink, 300ms));
    source->stop();
}

TEST_CASE("mutter started while the user is away reports idle since the last input and watches for the return") {
    TempDir dir("mutter_idle_at_start");
    SessionBus bus(dir.path());
    MockMutter mutter(dir);
    mutter.set_idletime(600000);  // ten minutes
    auto source = mutter_source();
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(source->start(sink, threshold, why_not), why_not);

    Received start = next_event(sink, 0, 1s);
    CHECK(start.event.kind == ActivityKind::input_idle);
    CHECK(seconds_between(start.event.since, wall_now() - 600s) <= 1);
    CHECK(mutter.calls("AddUserActiveWatch").size() == 1);

    mutter.fire(active_watch_id);
    CHECK(next_event(sink, 1, 2s).event.kind == ActivityKind::input_active);
    source->stop();
}

// Mutter's idle time counts from its own start: after a restart a short idle time is not the user's input (the
// phantom activity issue 14 names). Nothing is reported until the user-active watch or the idle watch says.
TEST_CASE("mutter registers its watches again when Mutter comes back, and reports no activity until input comes") {
    TempDir dir("mutter_comes_back");
    SessionBus bus(dir.path());
    auto source = mutter_source();
    RecordingSink sink;
    start_then_lose_mutter(dir, *source, sink);
    // gnome-shell restarted: a new owner with fresh watch ids, idle for 500 ms since its own start.
    MockMutter second(dir, true);
    await_comeback_watches(second);
    CHECK(second.calls("AddIdleWatch") == std::vector<guint64>{2000});
    CHECK_MESSAGE(second.calls("AddUserActiveWatch").size() == 1, "the comeback watches for the first real input");
    CHECK_MESSAGE(quiet_for(sink, 500ms), "a fresh Mutter's short idle time was reported as the user's activity");
    CHECK(sink.events.size() == 2);
    // Real input: active from now.
    auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    second.fire(active_watch_id);
    Received active = next_event(sink, 2, 2s);
    CHECK(active.event.kind == ActivityKind::input_active);
    CHECK(active.event.at >= before);
    // And the normal cycle goes on.
    second.set_idletime(3000);
    second.fire(idle_watch_id);
    CHECK(next_event(sink, 3, 2s).event.kind == ActivityKind::input_idle);
    source->stop();
}

TEST_CASE("mutter back with no input since: the idle watch gives idle from the comeback, never activity") {
    TempDir dir("mutter_back_idle");
    SessionBus bus(dir.path());
    auto source = mutter_source();
    RecordingSink sink;
    start_then_lose_mutter(dir, *source, sink);
    auto lost_at = sink.events[1].event.at;
    MockMutter second(dir, true);
    await_comeback_watches(second);
    REQUIRE(second.calls("AddUserActiveWatch").size() == 1);
    // The threshold passes with no input: Mutter fires the idle watch.
    second.fire(idle_watch_id);
    Received idle = next_event(sink, 2, 2s);
    CHECK(idle.event.kind == ActivityKind::input_idle);
    CHECK_MESSAGE(idle.event.since >= lost_at, "idle is dated from Mutter's comeback, after it was lost");
    CHECK(idle.event.since <= idle.event.at);
    // The one user-active watch added at the comeback is the one that reports the return (no second one needed).
    second.fire(active_watch_id);
    CHECK(next_event(sink, 3, 2s).event.kind == ActivityKind::input_active);
    CHECK(second.calls("AddUserActiveWatch").size() == 1);
    source->stop();
}
