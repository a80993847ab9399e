// An X connection of our own for the idle backends. Xlib's default handlers end the process on a protocol error or
// when the server goes away; an idle backend must report backend_lost instead, and must not take away the handlers
// of GTK, which may share the process and has its own connections.
#pragma once

#include <X11/Xlib.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace clockout::platform::x11 {

class Connection;

namespace detail {

// Xlib's error hooks are process-wide: ours handle only our displays and hand every other display to the hook that
// was there before (GTK's, or Xlib's default), so installing them never changes what happens to someone else.
inline std::vector<std::pair<Display*, Connection*>> connections;
inline XIOErrorHandler previous_io_handler = nullptr;
inline XErrorHandler previous_error_handler = nullptr;
inline Display* trapped_display = nullptr;
inline int trapped_error = 0;

inline Connection* find(Display* display) {
    auto it = std::find_if(connections.begin(), connections.end(), [&](const auto& c) { return c.first == display; });
    return it == connections.end() ? nullptr : it->second;
}

}  // namespace detail

class Connection {
  public:
    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { close(); }

    /// Connects to $DISPLAY; returns false with a reason when there is no X server to talk to.
    bool open(std::string& why_not) {
        close();
        display_ = XOpenDisplay(nullptr);
        if (display_ == nullptr) {
            why_not = "cannot open the X display (DISPLAY unset or refused)";
            return false;
        }
        dead_ = false;
        install_io_handlers();
        detail::connections.emplace_back(display_, this);
        // Since libX11 1.7 the per-display exit hook may return: the connection is then marked broken and Xlib calls
        // unwind instead of exit(1).
        XSetIOErrorExitHandler(display_, &Connection::on_io_exit, this);
        return true;
    }

    void close() {
        if (display_ == nullptr)
            return;
        auto& all = detail::connections;
        all.erase(std::remove_if(all.begin(), all.end(), [&](const auto& c) { return c.second == this; }), all.end());
        XCloseDisplay(display_);  // safe on a broken connection: Xlib skips the final round trip
        display_ = nullptr;
    }

    Display* display() const { return display_; }
    int fd() const { return ConnectionNumber(display_); }
    /// True once the server went away; nothing more can be asked of it.
    bool dead() const { return display_ == nullptr || dead_; }

    /// Runs `requests` (Xlib calls on display()) and waits for the server to have handled them; false when it refused
    /// one or the connection broke. Protocol errors are caught here instead of ending the process.
    template <class Requests>
    bool trapped(Requests&& requests) {
        if (dead())
            return false;
        detail::trapped_display = display_;
        detail::trapped_error = 0;
        XErrorHandler previous = XSetErrorHandler(&Connection::on_error);
        detail::previous_error_handler = previous;
        std::forward<Requests>(requests)();
        XSync(display_, False);
        XSetErrorHandler(previous);
        detail::trapped_display = nullptr;
        return detail::trapped_error == 0 && !dead();
    }

  private:
    static void install_io_handlers() {
        static bool installed = false;
        if (installed)
            return;
        installed = true;
        detail::previous_io_handler = XSetIOErrorHandler(&Connection::on_io_error);
    }

    static int on_io_error(Display* display) {
        if (Connection* ours = detail::find(display)) {
            ours->dead_ = true;
            return 0;  // Xlib then calls our exit hook, which returns too
        }
        return detail::previous_io_handler ? detail::previous_io_handler(display) : 0;
    }

    static void on_io_exit(Display*, void* self) { static_cast<Connection*>(self)->dead_ = true; }

    static int on_error(Display* display, XErrorEvent* event) {
        if (display == detail::trapped_display) {
            detail::trapped_error = event->error_code;
            return 0;
        }
        return detail::previous_error_handler ? detail::previous_error_handler(display, event) : 0;
    }

    Display* display_ = nullptr;
    bool dead_ = false;
};

}  // namespace clockout::platform::x11
