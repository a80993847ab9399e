// Private D-Bus daemons and python3-dbusmock stand-ins for the session-source tests. Each test brings its own bus, so
// the tests run in CI without a desktop, a system bus or root, and side by side.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "support/test_support.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "platform/activity.h"

extern char** environ;

namespace clockout::test {

/// Runs GLib's default main context until `done()` holds or `timeout` passes; returns done().
template <class Done>
bool pump_until(Done done, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    // A tick so that each blocking iteration returns in time to look at the clock.
    guint tick = g_timeout_add(
        10, [](gpointer) -> gboolean { return G_SOURCE_CONTINUE; }, nullptr);
    while (!done() && std::chrono::steady_clock::now() < deadline)
        g_main_context_iteration(nullptr, TRUE);
    g_source_remove(tick);
    return done();
}

/// Runs the loop for `duration`, to show that something does *not* arrive.
inline void pump_for(std::chrono::milliseconds duration) {
    pump_until([] { return false; }, duration);
}

/// A dbus-daemon of the test's own (session configuration), stopped when the object goes away.
class PrivateBus {
  public:
    PrivateBus() {
        FILE* out = ::popen("dbus-daemon --session --fork --print-address=1 --print-pid=1", "r");
        REQUIRE_MESSAGE(out != nullptr, "cannot run dbus-daemon");
        char line[512] = {};
        if (std::fgets(line, sizeof line, out) != nullptr)
            address_ = std::string(line, std::strcspn(line, "\n"));
        if (std::fgets(line, sizeof line, out) != nullptr)
            pid_ = std::atoi(line);
        ::pclose(out);
        REQUIRE_MESSAGE(!address_.empty(), "dbus-daemon printed no address");
        REQUIRE(pid_ > 0);
        GError* error = nullptr;
        auto flags = static_cast<GDBusConnectionFlags>(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION);
        connection_ = g_dbus_connection_new_for_address_sync(address_.c_str(), flags, nullptr, nullptr, &error);
        REQUIRE_MESSAGE(connection_ != nullptr, (error ? error->message : "no connection"));
        g_dbus_connection_set_exit_on_close(connection_, FALSE);
    }

    ~PrivateBus() {
        if (connection_ != nullptr) {
            g_dbus_connection_close_sync(connection_, nullptr, nullptr);
            g_object_unref(connection_);
        }
        stop();
    }

    PrivateBus(const PrivateBus&) = delete;
    PrivateBus& operator=(const PrivateBus&) = delete;

    /// Kills the daemon now, as when the bus goes away under a running agent.
    void stop() {
        if (pid_ > 0)
            ::kill(pid_, SIGTERM);
        pid_ = 0;
    }

    const std::string& address() const { return address_; }

    /// Calls a method as the test; fails the test on an error. The caller unrefs the reply (nullptr for no reply).
    GVariant* call(const char* name, const char* path, const char* interface, const char* method, GVariant* parameters,
                   const GVariantType* reply_type = nullptr) {
        GError* error = nullptr;
        GVariant* reply = g_dbus_connection_call_sync(connection_, name, path, interface, method, parameters,
                                                      reply_type, G_DBUS_CALL_FLAGS_NONE, 10000, nullptr, &error);
        REQUIRE_MESSAGE(reply != nullptr, method << ": " << (error ? error->message : "failed"));
        return reply;
    }

    /// Like call(), for methods whose reply the test does not need.
    void invoke(const char* name, const char* path, const char* interface, const char* method, GVariant* parameters) {
        g_variant_unref(call(name, path, interface, method, parameters));
    }

    bool has_owner(const char* name) {
        GVariant* reply = call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
                               g_variant_new("(s)", name), G_VARIANT_TYPE("(b)"));
        gboolean owned = FALSE;
        g_variant_get(reply, "(b)", &owned);
        g_variant_unref(reply);
        return owned != FALSE;
    }

  private:
    std::string address_;
    pid_t pid_ = 0;
    GDBusConnection* connection_ = nullptr;
};

/// `/usr/bin/python3 -m dbusmock <arguments>` on `bus`, which it takes for both its system and its session bus; ready
/// once it owns `name`.
class DbusMock {
  public:
    DbusMock(PrivateBus& bus, const std::vector<std::string>& arguments, const char* name) {
        // Everything is prepared before fork(): the child of a threaded process may only exec.
        std::vector<std::string> env_text;
        for (char** item = environ; *item != nullptr; ++item) {
            if (std::strncmp(*item, "DBUS_SYSTEM_BUS_ADDRESS=", 24) != 0 &&
                std::strncmp(*item, "DBUS_SESSION_BUS_ADDRESS=", 25) != 0)
                env_text.emplace_back(*item);
        }
        env_text.push_back("DBUS_SYSTEM_BUS_ADDRESS=" + bus.address());
        env_text.push_back("DBUS_SESSION_BUS_ADDRESS=" + bus.address());
        std::vector<std::string> argv_text = {"/usr/bin/python3", "-m", "dbusmock"};
        argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
        std::vector<char*> env;
        for (std::string& item : env_text)
            env.push_back(item.data());
        env.push_back(nullptr);
        std::vector<char*> argv;
        for (std::string& item : argv_text)
            argv.push_back(item.data());
        argv.push_back(nullptr);
        // The mock logs every call on its standard output; the test's output stays readable without it.
        int quiet = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            if (quiet >= 0)
                ::dup2(quiet, STDOUT_FILENO);
            ::execve(argv[0], argv.data(), env.data());
            ::_exit(127);
        }
        if (quiet >= 0)
            ::close(quiet);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (!bus.has_owner(name) && std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            REQUIRE_MESSAGE(::waitpid(pid_, &status, WNOHANG) == 0, "python3-dbusmock exited early");
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        REQUIRE_MESSAGE(bus.has_owner(name), "python3-dbusmock did not take " << name);
    }

    ~DbusMock() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }

    DbusMock(const DbusMock&) = delete;
    DbusMock& operator=(const DbusMock&) = delete;

  private:
    pid_t pid_ = 0;
};

/// Keeps every event a source sends, and lets a test look at the world at the moment one arrives.
class RecordingSink : public platform::ActivitySink {
  public:
    void on_activity(const platform::ActivityEvent& event) override {
        events.push_back(event);
        if (on_event)
            on_event(event);
    }

    std::size_t count(platform::ActivityKind kind) const {
        std::size_t n = 0;
        for (const platform::ActivityEvent& event : events)
            n += event.kind == kind ? 1 : 0;
        return n;
    }

    std::vector<platform::ActivityKind> kinds() const {
        std::vector<platform::ActivityKind> out;
        for (const platform::ActivityEvent& event : events)
            out.push_back(event.kind);
        return out;
    }

    std::vector<platform::ActivityEvent> events;
    std::function<void(const platform::ActivityEvent&)> on_event;
};

}  // namespace clockout::test
