// Input idleness on macOS: CGEventSourceSecondsSinceLastEventType, read when a timer armed at last input + threshold
// fires, then every 2 s while idle (macOS has no idle notification for an unprivileged process).
#import <CoreGraphics/CoreGraphics.h>
#import <Foundation/Foundation.h>
#include <dispatch/dispatch.h>

#include <algorithm>
#include <memory>
#include <string>

#include "mac_util.h"
#include "platform/activity.h"

namespace clockout::platform {

namespace {

using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

constexpr milliseconds idle_check{2000};
constexpr milliseconds input_slack{500};  // readings jitter; an input is a move of the last-input time beyond this

class CgEventIdleSource final : public ActivitySource {
  public:
    ~CgEventIdleSource() override { stop(); }

    std::string name() const override { return "cgevent"; }

    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override {
        stop();
        milliseconds idle{};
        if (!query(idle)) {
            why_not = "CGEventSourceSecondsSinceLastEventType gave no reading";
            return false;
        }
        sink_ = &sink;
        threshold_ = std::chrono::duration_cast<milliseconds>(idle_threshold);
        timer_ = dispatch_source_create(DISPATCH_SOURCE_TYPE_TIMER, 0, 0, dispatch_get_main_queue());
        dispatch_source_set_event_handler(timer_, ^{
          check();
        });
        dispatch_resume(timer_);
        idle_ = false;
        // The first report says where we start, as the other idle backends do.
        if (idle >= threshold_) {
            enter_idle(idle);
        } else {
            arm(threshold_ - idle);
            emit(ActivityKind::input_active, idle);
        }
        return true;
    }

    void stop() override {
        if (timer_) {
            dispatch_source_cancel(timer_);
            timer_ = nullptr;  // ARC releases it
        }
        sink_ = nullptr;
    }

  private:
    static bool query(milliseconds& idle) {
        double seconds =
            CGEventSourceSecondsSinceLastEventType(kCGEventSourceStateHIDSystemState, kCGAnyInputEventType);
        if (!(seconds >= 0))
            return false;
        idle = milliseconds{static_cast<milliseconds::rep>(seconds * 1000)};
        return true;
    }

    void arm(milliseconds delay) {
        auto ns = std::max<milliseconds::rep>(delay.count(), 10) * NSEC_PER_MSEC;
        dispatch_source_set_timer(timer_, dispatch_time(DISPATCH_TIME_NOW, static_cast<int64_t>(ns)),
                                  DISPATCH_TIME_FOREVER, 50 * NSEC_PER_MSEC);
    }

    void check() {
        if (sink_ == nullptr)
            return;
        milliseconds idle{};
        if (!query(idle))
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
            arm(threshold_ - idle);
            emit(ActivityKind::input_active, idle);
            if (sink_ != nullptr && idle >= threshold_)  // back and already gone again between two checks
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

    void emit(ActivityKind kind, milliseconds idle) {
        ActivityEvent e;
        e.kind = kind;
        e.source = name();
        auto last_input = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() - idle);
        // Idle starts at the last input, not when the threshold passed.
        e.at = kind == ActivityKind::input_active ? last_input : mac::wall_now();
        if (kind == ActivityKind::input_idle)
            e.since = last_input;
        sink_->on_activity(e);
    }

    void lose() {
        ActivitySink* sink = sink_;
        stop();
        ActivityEvent e;
        e.kind = ActivityKind::backend_lost;
        e.source = name();
        e.at = mac::wall_now();
        if (sink)
            sink->on_activity(e);
    }

    ActivitySink* sink_ = nullptr;
    dispatch_source_t timer_ = nullptr;
    milliseconds threshold_{0};
    bool idle_ = false;
    Steady::time_point last_input_{};
};

}  // namespace

std::unique_ptr<ActivitySource> make_cgevent_idle_source() {
    return std::make_unique<CgEventIdleSource>();
}

}  // namespace clockout::platform
