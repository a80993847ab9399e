// The main loop the daemon sleeps in: it wakes for OS events and for the single next deadline the engine computed.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace clockout::platform {

class EventLoop {
  public:
    virtual ~EventLoop() = default;
    /// Calls `callback` once, `delay` from now (monotonic); replaces any pending deadline.
    virtual void set_deadline(std::chrono::milliseconds delay, std::function<void()> callback) = 0;
    /// Calls `callback` on the loop when SIGTERM, SIGINT or SIGHUP arrives.
    virtual void on_terminate(std::function<void(int signal)> callback) = 0;
    /// Runs until quit().
    virtual void run() = 0;
    virtual void quit() = 0;
};

/// The loop of this OS's toolkit-free daemon (GLib's default main context on Linux, so GTK shares it).
std::unique_ptr<EventLoop> make_event_loop();

}  // namespace clockout::platform
