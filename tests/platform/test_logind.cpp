// logind against python3-dbusmock's logind template on a private bus standing in for the system bus.
#include <unistd.h>

#include "logind.h"
#include "session_bus.h"

namespace clockout::platform {

using test::DbusMock;
using test::PrivateBus;
using test::pump_until;
using test::RecordingSink;
using test::ScopedEnv;

namespace {

constexpr const char* login1 = "org.freedesktop.login1";
constexpr const char* login1_path = "/org/freedesktop/login1";
constexpr const char* session_path = "/org/freedesktop/login1/session/c1";
constexpr const char* mock_interface = "org.freedesktop.DBus.Mock";

// A logind with one active, unlocked session "c1", which $XDG_SESSION_ID names as ours.
struct FakeLogind {
    PrivateBus bus;
    ScopedEnv system_bus{"DBUS_SYSTEM_BUS_ADDRESS", bus.address()};
    ScopedEnv session_id{"XDG_SESSION_ID", std::string("c1")};
    DbusMock logind{bus, {"--template", "logind"}, login1};

    FakeLogind() {
        bus.invoke(login1, login1_path, mock_interface, "AddSession",
                   g_variant_new("(ssusb)", "c1", "seat0", static_cast<guint32>(::getuid()), "worker", TRUE));
    }

    void prepare_for_sleep(bool going_down) {
        GVariant* argument = g_variant_new_variant(g_variant_new_boolean(going_down));
        bus.invoke(login1, login1_path, mock_interface, "EmitSignal",
                   g_variant_new("(sss@av)", "org.freedesktop.login1.Manager", "PrepareForSleep", "b",
                                 g_variant_new_array(G_VARIANT_TYPE_VARIANT, &argument, 1)));
    }

    void set_session(const char* property, bool value) {
        GVariantBuilder changed;
        g_variant_builder_init(&changed, G_VARIANT_TYPE("a{sv}"));
        g_variant_builder_add(&changed, "{sv}", property, g_variant_new_boolean(value));
        bus.invoke(login1, session_path, mock_interface, "UpdateProperties",
                   g_variant_new("(sa{sv})", "org.freedesktop.login1.Session", &changed));
    }

    // The inhibitors logind holds for us: (what, who, why, mode, uid, pid).
    std::vector<std::string> inhibitors() {
        GVariant* reply = bus.call(login1, login1_path, "org.freedesktop.login1.Manager", "ListInhibitors", nullptr,
                                   G_VARIANT_TYPE("(a(ssssuu))"));
        std::vector<std::string> found;
        GVariantIter* iter = nullptr;
        g_variant_get(reply, "(a(ssssuu))", &iter);
        const gchar* what = nullptr;
        const gchar* who = nullptr;
        const gchar* why = nullptr;
        const gchar* mode = nullptr;
        guint32 uid = 0;
        guint32 pid = 0;
        while (g_variant_iter_next(iter, "(&s&s&s&suu)", &what, &who, &why, &mode, &uid, &pid))
            found.push_back(std::string(what) + "/" + who + "/" + mode + "/" + why);
        g_variant_iter_free(iter);
        g_variant_unref(reply);
        return found;
    }
};

const std::string our_inhibitor = "sleep/Clockout/delay/Save the journal before sleep";

}  // namespace

TEST_CASE(
    "logind: sleep reaches the sink while the delay inhibitor is held, which is released after and retaken on "
    "wake") {
    FakeLogind fake;
    LogindSource source;
    RecordingSink sink;
    int held_during_sleep = -1;
    sink.on_event = [&](const ActivityEvent& event) {
        if (event.kind == ActivityKind::sleep)
            held_during_sleep = source.holding_sleep_inhibitor() ? 1 : 0;
    };
    std::string why_not;
    REQUIRE_MESSAGE(source.start(sink, std::chrono::minutes(5), why_not), why_not);
    CHECK(source.name() == "logind");
    CHECK(source.holding_sleep_inhibitor());
    CHECK(fake.inhibitors() == std::vector<std::string>{our_inhibitor});

    fake.prepare_for_sleep(true);
    REQUIRE(pump_until([&] { return sink.count(ActivityKind::sleep) == 1; }));
    CHECK(held_during_sleep == 1);
    CHECK_FALSE(source.holding_sleep_inhibitor());
    // logind sees the fd closed: the sleep may go on.
    CHECK(pump_until([&] { return fake.inhibitors().empty(); }));
    CHECK(sink.events.back().source == "logind");

    fake.prepare_for_sleep(false);
    REQUIRE(pump_until([&] { return sink.count(ActivityKind::wake) == 1 && source.holding_sleep_inhibitor(); }));
    CHECK(fake.inhibitors() == std::vector<std::string>{our_inhibitor});
    CHECK(sink.count(ActivityKind::sleep) == 1);

    source.stop();
    CHECK_FALSE(source.holding_sleep_inhibitor());
    CHECK(pump_until([&] { return fake.inhibitors().empty(); }));
}

TEST_CASE("logind: LockedHint gives lock then unlock, and Active gives session_inactive then session_active") {
    FakeLogind fake;
    LogindSource source;
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(source.start(sink, std::chrono::minutes(5), why_not), why_not);
    // The starting state comes first, from the loop.
    REQUIRE(pump_until([&] { return !sink.events.empty(); }));
    CHECK(sink.kinds() == std::vector<ActivityKind>{ActivityKind::unlock});
    CHECK(source.detail().find("session /org/freedesktop/login1/session/c1") != std::string::npos);

    // What a screen locker does.
    fake.bus.invoke(login1, session_path, "org.freedesktop.login1.Session", "SetLockedHint",
                    g_variant_new("(b)", TRUE));
    REQUIRE(pump_until([&] { return sink.count(ActivityKind::lock) == 1; }));
    fake.set_session("LockedHint", false);
    REQUIRE(pump_until([&] { return sink.count(ActivityKind::unlock) == 2; }));

    fake.set_session("Active", false);
    REQUIRE(pump_until([&] { return sink.count(ActivityKind::session_inactive) == 1; }));
    fake.set_session("Active", true);
    REQUIRE(pump_until([&] { return sink.count(ActivityKind::session_active) == 1; }));

    // The same value again is no change.
    fake.set_session("Active", true);
    test::pump_for(std::chrono::milliseconds(300));
    CHECK(sink.kinds() == std::vector<ActivityKind>{ActivityKind::unlock, ActivityKind::lock, ActivityKind::unlock,
                                                    ActivityKind::session_inactive, ActivityKind::session_active});
}

TEST_CASE("logind: a session already locked at start is reported as locked") {
    FakeLogind fake;
    fake.set_session("LockedHint", true);
    LogindSource source;
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(source.start(sink, std::chrono::minutes(5), why_not), why_not);
    REQUIRE(pump_until([&] { return !sink.events.empty(); }));
    CHECK(sink.kinds() == std::vector<ActivityKind>{ActivityKind::lock});
}

TEST_CASE("logind: losing the system bus makes the state unknown") {
    FakeLogind fake;
    LogindSource source;
    RecordingSink sink;
    std::string why_not;
    REQUIRE_MESSAGE(source.start(sink, std::chrono::minutes(5), why_not), why_not);
    REQUIRE(pump_until([&] { return !sink.events.empty(); }));
    fake.bus.stop();
    REQUIRE(pump_until([&] { return sink.count(ActivityKind::backend_lost) == 1; }));
    CHECK_FALSE(source.holding_sleep_inhibitor());
}

TEST_CASE("logind: without logind on the system bus the source does not start, and says why") {
    PrivateBus bus;
    ScopedEnv system_bus("DBUS_SYSTEM_BUS_ADDRESS", bus.address());
    LogindSource source;
    RecordingSink sink;
    std::string why_not;
    CHECK_FALSE(source.start(sink, std::chrono::minutes(5), why_not));
    CHECK(why_not.find("logind is not running") != std::string::npos);
    CHECK_FALSE(source.holding_sleep_inhibitor());
}

TEST_CASE("logind: without any system bus the source does not start, and says why") {
    ScopedEnv system_bus("DBUS_SYSTEM_BUS_ADDRESS", std::string("unix:path=/nonexistent/clockout-test-bus"));
    LogindSource source;
    RecordingSink sink;
    std::string why_not;
    CHECK_FALSE(source.start(sink, std::chrono::minutes(5), why_not));
    CHECK(why_not.find("no system bus") != std::string::npos);
}

}  // namespace clockout::platform
