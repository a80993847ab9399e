#include "idle_lastinput.h"

#include <algorithm>
#include <optional>
#include <string>

#include "win32_util.h"

namespace clockout::platform::lastinput {

using std::chrono::milliseconds;

Step Tracker::update(const Reading& reading) {
    Step step;
    milliseconds idle{idle_ms(reading.now_tick, reading.last_input_tick)};
    if (idle_) {
        if (reading.last_input_tick == idle_last_input_) {
            step.next_check = idle_check;
            return step;
        }
        idle_ = false;
        step.events.push_back(event(ActivityKind::input_active, reading));
        // Back and gone again between two checks (only with a threshold under the check period): idle once more.
    }
    if (idle >= threshold_) {
        started_ = true;
        idle_ = true;
        idle_last_input_ = reading.last_input_tick;
        step.events.push_back(event(ActivityKind::input_idle, reading));
        step.next_check = idle_check;
        return step;
    }
    // The first reading says where we start, as the other idle backends do; later, input came since the timer was
    // set: wait for the new deadline, no sooner.
    if (!started_)
        step.events.push_back(event(ActivityKind::input_active, reading));
    started_ = true;
    step.next_check = threshold_ - idle;
    return step;
}

ActivityEvent Tracker::event(ActivityKind kind, const Reading& reading) const {
    auto last_input = std::chrono::floor<std::chrono::seconds>(
        reading.wall_now - milliseconds{idle_ms(reading.now_tick, reading.last_input_tick)});
    ActivityEvent e;
    e.kind = kind;
    e.source = "lastinput";
    // Idle starts at the last input, not when the threshold passed; activity is dated by the input that ended it.
    e.at = kind == ActivityKind::input_active ? last_input : std::chrono::floor<std::chrono::seconds>(reading.wall_now);
    if (kind == ActivityKind::input_idle)
        e.since = last_input;
    return e;
}

namespace {

constexpr UINT_PTR timer_id = 1;

class LastInputSource final : public ActivitySource {
  public:
    std::string name() const override { return "lastinput"; }

    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override {
        stop();
        Reading first;
        if (!read(first)) {
            why_not = "GetLastInputInfo failed (" + win32::error_text(GetLastError()) + ")";
            return false;
        }
        // The window lives as long as the source: stop() may come from a sink called inside its own procedure.
        if (!window_) {
            window_ = std::make_unique<win32::HiddenWindow>(
                win32::HiddenWindow::Kind::message_only, L"Clockout idle",
                [this](UINT message, WPARAM wparam, LPARAM) { return on_message(message, wparam); });
        }
        if (window_->handle() == nullptr) {
            why_not = window_->error();
            return false;
        }
        sink_ = &sink;
        tracker_.emplace(std::chrono::duration_cast<milliseconds>(idle_threshold));
        apply(tracker_->update(first));
        return true;
    }

    void stop() override {
        if (window_ && window_->handle())
            KillTimer(window_->handle(), timer_id);
        tracker_.reset();
        sink_ = nullptr;
    }

    ~LastInputSource() override { stop(); }

  private:
    static bool read(Reading& reading) {
        LASTINPUTINFO info{};
        info.cbSize = sizeof info;
        if (!GetLastInputInfo(&info))
            return false;
        reading.last_input_tick = info.dwTime;
        reading.now_tick = static_cast<std::uint32_t>(GetTickCount64());  // the low 32 bits, as dwTime
        reading.wall_now = std::chrono::floor<milliseconds>(std::chrono::system_clock::now());
        return true;
    }

    std::optional<LRESULT> on_message(UINT message, WPARAM wparam) {
        if (message != WM_TIMER || wparam != timer_id || !tracker_)
            return std::nullopt;
        KillTimer(window_->handle(), timer_id);  // SetTimer repeats; each check arms the next one itself
        Reading reading;
        if (!read(reading)) {
            ActivitySink* sink = sink_;
            stop();
            ActivityEvent lost;
            lost.kind = ActivityKind::backend_lost;
            lost.source = name();
            lost.at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
            if (sink)
                sink->on_activity(lost);
            return 0;
        }
        apply(tracker_->update(reading));
        return 0;
    }

    void apply(const Step& step) {
        // USER_TIMER_MINIMUM is 10 ms; the tick count moves in ~16 ms steps, so a check a little early just re-arms.
        auto ms = std::clamp<milliseconds::rep>(step.next_check.count(), USER_TIMER_MINIMUM, USER_TIMER_MAXIMUM);
        SetTimer(window_->handle(), timer_id, static_cast<UINT>(ms), nullptr);
        for (const ActivityEvent& e : step.events) {
            if (sink_ == nullptr)
                break;  // the sink stopped us
            sink_->on_activity(e);
        }
    }

    std::unique_ptr<win32::HiddenWindow> window_;
    std::optional<Tracker> tracker_;
    ActivitySink* sink_ = nullptr;
};

}  // namespace

std::unique_ptr<ActivitySource> make_source() {
    return std::make_unique<LastInputSource>();
}

}  // namespace clockout::platform::lastinput
