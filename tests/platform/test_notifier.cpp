// Desktop notifications against python3-dbusmock's notification_daemon template on a private session bus.
#include "platform/notifier.h"
#include "session_bus.h"

namespace clockout::platform {

using test::DbusMock;
using test::PrivateBus;
using test::pump_until;
using test::ScopedEnv;

namespace {

constexpr const char* notifications = "org.freedesktop.Notifications";
constexpr const char* notifications_path = "/org/freedesktop/Notifications";

struct FakeServer {
    PrivateBus bus;
    ScopedEnv session_bus{"DBUS_SESSION_BUS_ADDRESS", bus.address()};
    DbusMock server{bus, {"--template", "notification_daemon"}, notifications};

    void emit_action(std::uint32_t id, const char* action) {
        GVariant* arguments[] = {g_variant_new_variant(g_variant_new_uint32(id)),
                                 g_variant_new_variant(g_variant_new_string(action))};
        bus.invoke(notifications, notifications_path, "org.freedesktop.DBus.Mock", "EmitSignal",
                   g_variant_new("(sss@av)", notifications, "ActionInvoked", "us",
                                 g_variant_new_array(G_VARIANT_TYPE_VARIANT, arguments, 2)));
    }

    // The arguments of each Notify the server received.
    std::vector<GVariant*> notify_calls() {
        GVariant* reply = bus.call(notifications, notifications_path, "org.freedesktop.DBus.Mock", "GetMethodCalls",
                                   g_variant_new("(s)", "Notify"), G_VARIANT_TYPE("(a(tav))"));
        std::vector<GVariant*> calls;
        GVariant* list = g_variant_get_child_value(reply, 0);
        for (gsize i = 0; i < g_variant_n_children(list); ++i) {
            GVariant* call = g_variant_get_child_value(list, i);
            calls.push_back(g_variant_get_child_value(call, 1));
            g_variant_unref(call);
        }
        g_variant_unref(list);
        g_variant_unref(reply);
        return calls;
    }
};

// Argument `index` of a logged call (an array of variants), unwrapped.
GVariant* argument(GVariant* call, gsize index) {
    GVariant* boxed = g_variant_get_child_value(call, index);
    GVariant* value = g_variant_get_variant(boxed);
    g_variant_unref(boxed);
    return value;
}

std::string string_argument(GVariant* call, gsize index) {
    GVariant* value = argument(call, index);
    std::string text = g_variant_get_string(value, nullptr);
    g_variant_unref(value);
    return text;
}

}  // namespace

TEST_CASE("notifier: a notification with actions reaches the server, and its buttons come back to the caller") {
    FakeServer fake;
    auto notifier = make_desktop_notifier("Clockout", "org.clockout.Clockout");
    std::string detail;
    REQUIRE_MESSAGE(notifier->available(detail), detail);
    CHECK(detail.find("mock-notify 1.0") != std::string::npos);

    std::vector<std::string> pressed;
    std::uint32_t id = notifier->show("Your day is over", "Your last window ended at 17:30.",
                                      {{"done", "I'm done"}, {"later", "10 more minutes"}}, true,
                                      [&](const std::string& action) { pressed.push_back(action); });
    REQUIRE(id != 0);

    std::vector<GVariant*> calls = fake.notify_calls();
    REQUIRE(calls.size() == 1);
    CHECK(string_argument(calls[0], 0) == "Clockout");
    CHECK(string_argument(calls[0], 2) == "org.clockout.Clockout");
    CHECK(string_argument(calls[0], 3) == "Your day is over");
    CHECK(string_argument(calls[0], 4) == "Your last window ended at 17:30.");
    GVariant* replaces = argument(calls[0], 1);
    CHECK(g_variant_get_uint32(replaces) == 0);
    g_variant_unref(replaces);
    GVariant* actions = argument(calls[0], 5);
    gsize count = 0;
    const gchar** items = g_variant_get_strv(actions, &count);
    CHECK(std::vector<std::string>(items, items + count) ==
          std::vector<std::string>{"done", "I'm done", "later", "10 more minutes"});
    g_free(items);
    g_variant_unref(actions);
    GVariant* hints = argument(calls[0], 6);
    guchar urgency = 0;
    const gchar* entry = nullptr;
    CHECK(g_variant_lookup(hints, "urgency", "y", &urgency));
    CHECK(urgency == 2);
    CHECK(g_variant_lookup(hints, "desktop-entry", "&s", &entry));
    CHECK(std::string(entry ? entry : "") == "org.clockout.Clockout");
    g_variant_unref(hints);
    for (GVariant* call : calls)
        g_variant_unref(call);

    fake.emit_action(id, "done");
    REQUIRE(pump_until([&] { return !pressed.empty(); }));
    CHECK(pressed == std::vector<std::string>{"done"});

    // Another program's notification is not ours to answer.
    fake.emit_action(id + 100, "done");
    test::pump_for(std::chrono::milliseconds(300));
    CHECK(pressed.size() == 1);

    // Closed: its buttons no longer reach us.
    notifier->close(id);
    fake.emit_action(id, "later");
    test::pump_for(std::chrono::milliseconds(300));
    CHECK(pressed.size() == 1);
}

TEST_CASE("notifier: a normal notification is not urgent and each one gets its own id") {
    FakeServer fake;
    auto notifier = make_desktop_notifier("Clockout", "org.clockout.Clockout");
    std::uint32_t first = notifier->show("Ten minutes left", "Your window ends at 17:30.", {}, false, nullptr);
    std::uint32_t second = notifier->show("Ten minutes left", "Your window ends at 17:30.", {}, false, nullptr);
    CHECK(first != 0);
    CHECK(second != 0);
    CHECK(first != second);
    std::vector<GVariant*> calls = fake.notify_calls();
    REQUIRE(calls.size() == 2);
    GVariant* hints = argument(calls[0], 6);
    guchar urgency = 0;
    CHECK(g_variant_lookup(hints, "urgency", "y", &urgency));
    CHECK(urgency == 1);
    g_variant_unref(hints);
    for (GVariant* call : calls)
        g_variant_unref(call);
}

TEST_CASE("notifier: without a notification server it is unavailable, says why, and show() returns 0") {
    PrivateBus bus;
    ScopedEnv session_bus("DBUS_SESSION_BUS_ADDRESS", bus.address());
    auto notifier = make_desktop_notifier("Clockout", "org.clockout.Clockout");
    std::string detail;
    CHECK_FALSE(notifier->available(detail));
    // Where a server is merely activatable (not in CI), it fails to start without a display instead.
    CHECK((detail.find("no notification server") != std::string::npos ||
           detail.find("does not answer") != std::string::npos));
    CHECK(notifier->show("Title", "Body", {}, false, nullptr) == 0);
}

}  // namespace clockout::platform
