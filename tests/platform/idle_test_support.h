// What the idle backend tests share: child servers they start and stop themselves (Xvfb, a private dbus-daemon), a sink
// that records events with the moment they arrived, and a way to run the GLib loop until something happens.
#pragma once

#include <doctest/doctest.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "platform/activity.h"

extern char** environ;

namespace clockout::test::idle {

using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;
using platform::ActivityEvent;
using platform::ActivityKind;

/// A child process killed (TERM, then KILL) and reaped when the object goes away.
class ChildProcess {
  public:
    /// Starts `argv` with the current environment; `pass_fd`, when not -1, becomes fd 3 of the child. Output goes to
    /// `log` (or nowhere).
    explicit ChildProcess(const std::vector<std::string>& argv, int pass_fd = -1,
                          const std::string& log = "/dev/null") {
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        if (pass_fd != -1)
            posix_spawn_file_actions_adddup2(&actions, pass_fd, 3);
        if (posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0)
            pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess() { stop(); }

    pid_t pid() const { return pid_; }
    bool started() const { return pid_ > 0; }

    /// Sends `signal` and reaps the child, escalating to SIGKILL after 3 s.
    void stop(int signal = SIGTERM) {
        if (pid_ <= 0)
            return;
        kill(pid_, signal);
        auto deadline = Steady::now() + 3s;
        int status = 0;
        while (waitpid(pid_, &status, WNOHANG) == 0) {
            if (Steady::now() > deadline) {
                kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(10ms);
        }
        pid_ = -1;
    }

  private:
    pid_t pid_ = -1;
};

/// A pipe whose ends are above fd 3, so that handing the write end to a child as fd 3 never clobbers it.
struct Pipe {
    int read_end = -1;
    int write_end = -1;
    Pipe() {
        int fds[2];
        if (pipe(fds) != 0)
            return;
        read_end = fcntl(fds[0], F_DUPFD_CLOEXEC, 10);
        write_end = fcntl(fds[1], F_DUPFD_CLOEXEC, 10);
        close(fds[0]);
        close(fds[1]);
    }
    ~Pipe() {
        close_write();
        if (read_end != -1)
            close(read_end);
    }
    void close_write() {
        if (write_end != -1)
            close(write_end);
        write_end = -1;
    }
    /// The first line written, or "" if none came within `timeout`.
    std::string read_line(std::chrono::milliseconds timeout) {
        std::string line;
        auto deadline = Steady::now() + timeout;
        while (Steady::now() < deadline) {
            pollfd p{read_end, POLLIN, 0};
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now());
            if (poll(&p, 1, static_cast<int>(left.count()) + 1) <= 0)
                continue;
            char c = 0;
            if (read(read_end, &c, 1) != 1)
                break;
            if (c == '\n')
                return line;
            line += c;
        }
        return {};
    }
};

/// A private Xvfb on a display number it picks itself (-displayfd), with DISPLAY set to it in this process.
class Xvfb {
  public:
    Xvfb() {
        Pipe ready;
        server_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{"Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "640x480x24"},
            ready.write_end);
        ready.close_write();
        // Xvfb writes the number once it accepts connections.
        std::string number = ready.read_line(15s);
        REQUIRE_MESSAGE(!number.empty(), "Xvfb did not start");
        display_ = ":" + number;
        setenv("DISPLAY", display_.c_str(), 1);
    }
    ~Xvfb() {
        server_.reset();
        unsetenv("DISPLAY");
    }
    const std::string& display() const { return display_; }
    /// Ends the server now, as a crash of the X server would.
    void kill_now() { server_->stop(SIGKILL); }

  private:
    std::unique_ptr<ChildProcess> server_;
    std::string display_;
};

/// A private session bus (dbus-daemon with a minimal permissive configuration), DBUS_SESSION_BUS_ADDRESS set to it.
class SessionBus {
  public:
    explicit SessionBus(const std::filesystem::path& dir) {
        auto config = dir / "session.conf";
        std::ofstream(config) << "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                                 " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                                 "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>"
                                 "<auth>EXTERNAL</auth><policy context=\"default\"><allow send_destination=\"*\"/>"
                                 "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n";
        Pipe ready;
        daemon_ =
            std::make_unique<ChildProcess>(std::vector<std::string>{"dbus-daemon", "--config-file=" + config.string(),
                                                                    "--nofork", "--print-address=3"},
                                           ready.write_end);
        ready.close_write();
        address_ = ready.read_line(15s);
        REQUIRE_MESSAGE(!address_.empty(), "dbus-daemon did not start");
        setenv("DBUS_SESSION_BUS_ADDRESS", address_.c_str(), 1);
    }
    ~SessionBus() {
        daemon_.reset();
        unsetenv("DBUS_SESSION_BUS_ADDRESS");
    }
    const std::string& address() const { return address_; }

  private:
    std::unique_ptr<ChildProcess> daemon_;
    std::string address_;
};

/// One event as the sink saw it, with the monotonic moment it arrived.
struct Received {
    ActivityEvent event;
    Steady::time_point when;
};

/// Records every event, in order.
class RecordingSink : public platform::ActivitySink {
  public:
    void on_activity(const ActivityEvent& event) override { events.push_back({event, Steady::now()}); }
    std::vector<Received> events;
};

/// Runs GLib's default main context until `done()` or `timeout`; returns done().
inline bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    bool expired = false;
    guint timer = g_timeout_add_full(
        G_PRIORITY_DEFAULT, static_cast<guint>(timeout.count()),
        [](gpointer flag) {
            *static_cast<bool*>(flag) = true;
            return gboolean(G_SOURCE_REMOVE);
        },
        &expired, nullptr);
    while (!done() && !expired)
        g_main_context_iteration(nullptr, TRUE);
    if (!expired)
        g_source_remove(timer);
    return done();
}

/// Runs the loop until the sink holds more than `count` events; returns the next one (or fails the test).
inline Received next_event(RecordingSink& sink, std::size_t count, std::chrono::milliseconds timeout) {
    bool arrived = run_until([&] { return sink.events.size() > count; }, timeout);
    REQUIRE_MESSAGE(arrived, "no event within " << timeout.count() << " ms");
    return sink.events[count];
}

/// The backend called `name` among make_idle_sources() for the current environment, or nullptr.
inline std::unique_ptr<platform::ActivitySource> idle_source(const std::string& name) {
    for (auto& source : platform::make_idle_sources()) {
        if (source->name() == name)
            return std::move(source);
    }
    return nullptr;
}

/// Wall time now, as events carry it.
inline platform::WallTime wall_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// Seconds between two wall instants, as a plain number for messages and comparisons.
inline long long seconds_between(platform::WallTime a, platform::WallTime b) {
    return std::llabs((a - b).count());
}

/// Milliseconds from `from` to `to` on the monotonic clock.
inline long long ms(Steady::time_point from, Steady::time_point to) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

inline const char* kind_name(ActivityKind kind) {
    switch (kind) {
        case ActivityKind::input_active:
            return "input_active";
        case ActivityKind::input_idle:
            return "input_idle";
        case ActivityKind::backend_lost:
            return "backend_lost";
        case ActivityKind::call_started:
            return "call_started";
        case ActivityKind::call_ended:
            return "call_ended";
        default:
            return "other";
    }
}

}  // namespace clockout::test::idle
