// The daemon's loop is GLib's default main context, so GDBus signals, GTK (when the UI is up) and our deadline all
// wake the same thread: no thread of our own, no polling.
#include <glib-unix.h>
#include <glib.h>

#include <algorithm>
#include <csignal>
#include <limits>
#include <utility>
#include <vector>

#include "platform/event_loop.h"

namespace clockout::platform {

namespace {

class GlibEventLoop final : public EventLoop {
  public:
    GlibEventLoop() : loop_(g_main_loop_new(nullptr, FALSE)) {}

    ~GlibEventLoop() override {
        if (deadline_id_ != 0)
            g_source_remove(deadline_id_);
        for (SignalWatch& watch : signal_watches_)
            g_source_remove(watch.id);
        g_main_loop_unref(loop_);
    }

    GlibEventLoop(const GlibEventLoop&) = delete;
    GlibEventLoop& operator=(const GlibEventLoop&) = delete;

    void set_deadline(std::chrono::milliseconds delay, std::function<void()> callback) override {
        if (deadline_id_ != 0) {
            g_source_remove(deadline_id_);
            deadline_id_ = 0;
        }
        deadline_ = std::move(callback);
        if (!deadline_)
            return;
        // GLib's timeouts run on the monotonic clock, so a wall-clock jump neither fires nor delays them.
        auto ms = std::clamp<std::chrono::milliseconds::rep>(delay.count(), 0, std::numeric_limits<guint>::max());
        deadline_id_ = g_timeout_add_full(G_PRIORITY_DEFAULT, static_cast<guint>(ms), &GlibEventLoop::deadline_fired,
                                          this, nullptr);
    }

    void on_terminate(std::function<void(int signal)> callback) override {
        terminate_ = std::move(callback);
        if (!signal_watches_.empty())
            return;
        // g_unix_signal_add defers the callback to the loop, where it may safely touch anything (unlike a handler).
        signal_watches_.reserve(3);
        for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
            signal_watches_.push_back(SignalWatch{this, signal, 0});
            SignalWatch& watch = signal_watches_.back();
            watch.id = g_unix_signal_add(signal, &GlibEventLoop::signal_arrived, &watch);
        }
    }

    void run() override { g_main_loop_run(loop_); }

    void quit() override { g_main_loop_quit(loop_); }

  private:
    struct SignalWatch {
        GlibEventLoop* loop;
        int signal;
        guint id;
    };

    static gboolean deadline_fired(gpointer self_ptr) {
        auto* self = static_cast<GlibEventLoop*>(self_ptr);
        // Cleared first: the callback usually sets the next deadline, which must not be removed on return.
        self->deadline_id_ = 0;
        std::function<void()> callback = std::move(self->deadline_);
        self->deadline_ = nullptr;
        if (callback)
            callback();
        return G_SOURCE_REMOVE;
    }

    static gboolean signal_arrived(gpointer watch_ptr) {
        auto* watch = static_cast<SignalWatch*>(watch_ptr);
        if (watch->loop->terminate_)
            watch->loop->terminate_(watch->signal);
        return G_SOURCE_CONTINUE;
    }

    GMainLoop* loop_;
    guint deadline_id_ = 0;
    std::function<void()> deadline_;
    std::function<void(int)> terminate_;
    std::vector<SignalWatch> signal_watches_;  // reserved once: the sources keep pointers into it
};

}  // namespace

std::unique_ptr<EventLoop> make_event_loop() {
    return std::make_unique<GlibEventLoop>();
}

}  // namespace clockout::platform
