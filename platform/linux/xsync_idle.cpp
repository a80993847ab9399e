// Input idleness from the X server's IDLETIME counter, the way KDE's KIdleTime does it
// (kidletime src/plugins/xsync/xsyncbasedpoller.cpp): one alarm when the counter reaches the threshold, then a reset
// alarm just below the value it had, which fires on the first input. The process sleeps in between.
#include <glib-unix.h>
#include <glib.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>

#include "idle_sources.h"
#include "x11_connection.h"

// After the C++ headers: Xlib defines macros (None, Bool, Status) that would clash with them.
#include <X11/Xlib.h>
#include <X11/extensions/sync.h>

namespace clockout::platform {

namespace {

using std::chrono::milliseconds;

class XSyncIdleSource final : public ActivitySource {
  public:
    ~XSyncIdleSource() override { stop(); }

    std::string name() const override { return "xsync"; }

    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override {
        stop();
        if (!x_.open(why_not))
            return false;
        Display* display = x_.display();
        int error_base = 0;
        int major = 0;
        int minor = 0;
        if (!XSyncQueryExtension(display, &event_base_, &error_base) || !XSyncInitialize(display, &major, &minor)) {
            why_not = "the X server has no SYNC extension";
            x_.close();
            return false;
        }
        counter_ = find_idle_counter(display);
        if (counter_ == None) {
            why_not = "the X server has no IDLETIME counter";
            x_.close();
            return false;
        }
        threshold_ = idle_threshold;
        milliseconds idle{};
        if (!query_idle(idle)) {
            why_not = "cannot read the IDLETIME counter";
            x_.close();
            return false;
        }
        // Arm before reporting, so that input arriving while the sink works is not lost.
        idle_ = idle >= threshold_;
        bool armed = idle_ ? set_alarm(reset_alarm_, XSyncNegativeComparison, idle.count() - 1)
                           : set_alarm(idle_alarm_, XSyncPositiveComparison, threshold_.count());
        if (!armed) {
            why_not = "the X server refused an IDLETIME alarm";
            x_.close();
            return false;
        }
        watch_ = g_unix_fd_add(x_.fd(), static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR), &on_readable, this);
        sink_ = &sink;
        if (idle_)
            emit(ActivityKind::input_idle, idle);
        else
            emit(ActivityKind::input_active, idle);
        // Xlib may have read an alarm into its queue during the round trips above; the fd will not say so again.
        if (running())
            drain();
        return true;
    }

    void stop() override {
        if (watch_ != 0)
            g_source_remove(watch_);
        watch_ = 0;
        if (!x_.dead()) {
            x_.trapped([&] {
                if (idle_alarm_ != None)
                    XSyncDestroyAlarm(x_.display(), idle_alarm_);
                if (reset_alarm_ != None)
                    XSyncDestroyAlarm(x_.display(), reset_alarm_);
            });
        }
        idle_alarm_ = None;
        reset_alarm_ = None;
        counter_ = None;
        x_.close();
        sink_ = nullptr;
        idle_ = false;
    }

  private:
    static XSyncCounter find_idle_counter(Display* display) {
        int count = 0;
        XSyncSystemCounter* counters = XSyncListSystemCounters(display, &count);
        XSyncCounter found = None;
        for (int i = 0; counters != nullptr && i < count; ++i) {
            if (std::strcmp(counters[i].name, "IDLETIME") == 0)
                found = counters[i].counter;
        }
        if (counters != nullptr)
            XSyncFreeSystemCounterList(counters);
        return found;
    }

    static XSyncValue to_value(std::int64_t value) {
        XSyncValue result;
        XSyncIntsToValue(&result, static_cast<unsigned int>(value & 0xffffffff), static_cast<int>(value >> 32));
        return result;
    }

    static std::int64_t from_value(const XSyncValue& value) {
        return (static_cast<std::int64_t>(XSyncValueHigh32(value)) << 32) |
               static_cast<std::int64_t>(XSyncValueLow32(value));
    }

    bool running() const { return sink_ != nullptr; }

    bool query_idle(milliseconds& idle) {
        XSyncValue value;
        bool ok = false;
        bool answered = x_.trapped([&] { ok = XSyncQueryCounter(x_.display(), counter_, &value) != 0; });
        if (!answered || !ok)
            return false;
        idle = milliseconds(from_value(value));
        return true;
    }

    // Creates or re-activates `alarm`: an alarm with delta 0 goes inactive once it has fired, so every re-arm is a
    // change. Comparison (not transition) tests fire at once when already true, which closes the race between reading
    // the counter and arming.
    bool set_alarm(XSyncAlarm& alarm, XSyncTestType test, std::int64_t value) {
        XSyncAlarmAttributes attributes{};
        attributes.trigger.counter = counter_;
        attributes.trigger.value_type = XSyncAbsolute;
        attributes.trigger.test_type = test;
        attributes.trigger.wait_value = to_value(value);
        attributes.delta = to_value(0);
        attributes.events = True;
        unsigned long flags =
            XSyncCACounter | XSyncCAValueType | XSyncCATestType | XSyncCAValue | XSyncCADelta | XSyncCAEvents;
        return x_.trapped([&] {
            if (alarm == None)
                alarm = XSyncCreateAlarm(x_.display(), flags, &attributes);
            else
                XSyncChangeAlarm(x_.display(), alarm, flags, &attributes);
        });
    }

    static gboolean on_readable(gint, GIOCondition, gpointer data) {
        auto* self = static_cast<XSyncIdleSource*>(data);
        self->drain();
        if (self->watch_ == 0 || self->x_.dead()) {
            self->watch_ = 0;
            return G_SOURCE_REMOVE;
        }
        return G_SOURCE_CONTINUE;
    }

    void drain() {
        while (running() && !x_.dead() && XPending(x_.display()) > 0) {
            XEvent event;
            XNextEvent(x_.display(), &event);
            if (event.type == event_base_ + XSyncAlarmNotify)
                on_alarm(reinterpret_cast<const XSyncAlarmNotifyEvent&>(event));
        }
        if (running() && x_.dead())
            lose();
    }

    void on_alarm(const XSyncAlarmNotifyEvent& event) {
        if (event.state == XSyncAlarmDestroyed)
            return;
        if (event.alarm == idle_alarm_ && !idle_)
            on_threshold(milliseconds(from_value(event.counter_value)));
        else if (event.alarm == reset_alarm_ && idle_)
            on_input();
    }

    void on_threshold(milliseconds at_alarm) {
        milliseconds idle{};
        if (!query_idle(idle))
            return lose();
        if (idle >= threshold_) {
            if (!set_alarm(reset_alarm_, XSyncNegativeComparison, idle.count() - 1))
                return lose();
            idle_ = true;
            emit(ActivityKind::input_idle, idle);
            return;
        }
        // Input came between the alarm and now: the idle run happened, and ended `idle` ago.
        if (!set_alarm(idle_alarm_, XSyncPositiveComparison, threshold_.count()))
            return lose();
        emit(ActivityKind::input_idle, idle + at_alarm);
        if (running())
            emit(ActivityKind::input_active, idle);
    }

    void on_input() {
        milliseconds idle{};
        if (!query_idle(idle) || !set_alarm(idle_alarm_, XSyncPositiveComparison, threshold_.count()))
            return lose();
        idle_ = false;
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
        ActivityEvent event;
        event.kind = ActivityKind::backend_lost;
        event.at = idle_clock::wall_now();
        event.source = name();
        // Nothing more will come from a broken connection; the sink may restart us from its handler.
        if (watch_ != 0)
            g_source_remove(watch_);
        watch_ = 0;
        sink_ = nullptr;
        idle_alarm_ = None;
        reset_alarm_ = None;
        sink->on_activity(event);
    }

    x11::Connection x_;
    ActivitySink* sink_ = nullptr;
    std::chrono::milliseconds threshold_{};
    int event_base_ = 0;
    XSyncCounter counter_ = None;
    XSyncAlarm idle_alarm_ = None;
    XSyncAlarm reset_alarm_ = None;
    guint watch_ = 0;
    bool idle_ = false;
};

}  // namespace

std::unique_ptr<ActivitySource> make_xsync_idle_source() {
    return std::make_unique<XSyncIdleSource>();
}

}  // namespace clockout::platform
