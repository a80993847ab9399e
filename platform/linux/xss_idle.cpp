// Input idleness from XScreenSaverQueryInfo, for X servers without a usable IDLETIME counter. The server cannot wake
// us, so a timer is armed for the moment the threshold would be reached (last input + threshold), and only while the
// user is idle do we look every 2 s for their return, as the research notes recommend for polled APIs.
#include <glib-unix.h>
#include <glib.h>

#include <chrono>
#include <string>

#include "idle_sources.h"
#include "x11_connection.h"

#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>

namespace clockout::platform {

namespace {

using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

// How often to look for the user's return while idle: the delay the agent may take to notice it.
constexpr milliseconds idle_check{2000};
// The server's idle time and our monotonic clock agree to within a round trip; a last-input instant that moved by more
// than this is new input.
constexpr milliseconds input_slack{200};

class XssIdleSource final : public ActivitySource {
  public:
    ~XssIdleSource() override { stop(); }

    std::string name() const override { return "xscreensaver"; }

    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override {
        stop();
        if (!x_.open(why_not))
            return false;
        int event_base = 0;
        int error_base = 0;
        if (!XScreenSaverQueryExtension(x_.display(), &event_base, &error_base)) {
            why_not = "the X server has no MIT-SCREEN-SAVER extension";
            x_.close();
            return false;
        }
        info_ = XScreenSaverAllocInfo();
        milliseconds idle{};
        if (info_ == nullptr || !query_idle(idle)) {
            why_not = "XScreenSaverQueryInfo failed";
            stop();
            return false;
        }
        threshold_ = idle_threshold;
        // The fd tells us at once when the server goes away; no events are selected on this connection otherwise.
        watch_ = g_unix_fd_add(x_.fd(), static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR), &on_readable, this);
        sink_ = &sink;
        idle_ = false;
        if (idle >= threshold_)
            enter_idle(idle);
        else
            report_active(idle);
        return true;
    }

    void stop() override {
        if (watch_ != 0)
            g_source_remove(watch_);
        watch_ = 0;
        cancel_timer();
        if (info_ != nullptr)
            XFree(info_);
        info_ = nullptr;
        x_.close();
        sink_ = nullptr;
        idle_ = false;
    }

  private:
    bool running() const { return sink_ != nullptr; }

    bool query_idle(milliseconds& idle) {
        Status ok = 0;
        if (!x_.trapped([&] { ok = XScreenSaverQueryInfo(x_.display(), DefaultRootWindow(x_.display()), info_); }) ||
            ok == 0)
            return false;
        idle = milliseconds(info_->idle);
        return true;
    }

    void arm(milliseconds delay) {
        cancel_timer();
        timer_ = g_timeout_add_full(G_PRIORITY_DEFAULT, static_cast<guint>(delay.count()), &on_timer, this, nullptr);
    }

    void cancel_timer() {
        if (timer_ != 0)
            g_source_remove(timer_);
        timer_ = 0;
    }

    static gboolean on_timer(gpointer data) {
        auto* self = static_cast<XssIdleSource*>(data);
        self->timer_ = 0;
        self->check();
        return G_SOURCE_REMOVE;
    }

    static gboolean on_readable(gint, GIOCondition, gpointer data) {
        auto* self = static_cast<XssIdleSource*>(data);
        // Discard whatever arrives; reading is what reveals a closed connection.
        while (!self->x_.dead() && XPending(self->x_.display()) > 0) {
            XEvent event;
            XNextEvent(self->x_.display(), &event);
        }
        if (self->x_.dead()) {
            self->watch_ = 0;
            self->lose();
            return G_SOURCE_REMOVE;
        }
        return G_SOURCE_CONTINUE;
    }

    void check() {
        milliseconds idle{};
        if (!query_idle(idle))
            return lose();
        Steady::time_point last_input = Steady::now() - idle;
        if (!idle_) {
            if (idle >= threshold_)
                enter_idle(idle);
            else
                arm(threshold_ - idle);  // input came since the timer was set: wait for the new deadline
            return;
        }
        if (last_input > last_input_ + input_slack) {
            idle_ = false;
            report_active(idle);
            if (running() && idle >= threshold_)  // back and already gone again between two checks
                enter_idle(idle);
            return;
        }
        arm(idle_check);
    }

    void enter_idle(milliseconds idle) {
        idle_ = true;
        last_input_ = Steady::now() - idle;
        arm(idle_check);
        emit(ActivityKind::input_idle, idle);
    }

    void report_active(milliseconds idle) {
        arm(threshold_ - idle);
        emit(ActivityKind::input_active, idle);
    }

    void emit(ActivityKind kind, milliseconds idle) {
        ActivityEvent event;
        event.kind = kind;
        event.source = name();
        event.at = kind == ActivityKind::input_active ? idle_clock::wall_ago(idle) : idle_clock::wall_now();
        if (kind == ActivityKind::input_idle)
            event.since = idle_clock::wall_ago(idle);
        sink_->on_activity(event);
    }

    void lose() {
        ActivitySink* sink = sink_;
        if (sink == nullptr)
            return;
        cancel_timer();
        if (watch_ != 0)
            g_source_remove(watch_);
        watch_ = 0;
        sink_ = nullptr;
        ActivityEvent event;
        event.kind = ActivityKind::backend_lost;
        event.at = idle_clock::wall_now();
        event.source = name();
        sink->on_activity(event);
    }

    x11::Connection x_;
    XScreenSaverInfo* info_ = nullptr;
    ActivitySink* sink_ = nullptr;
    std::chrono::milliseconds threshold_{};
    Steady::time_point last_input_{};
    guint watch_ = 0;
    guint timer_ = 0;
    bool idle_ = false;
};

}  // namespace

std::unique_ptr<ActivitySource> make_xss_idle_source() {
    return std::make_unique<XssIdleSource>();
}

}  // namespace clockout::platform
