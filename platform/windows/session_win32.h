// Lock, sleep, session switches, clock and zone changes on Windows, all from one hidden top-level window ("wts"):
// WM_WTSSESSION_CHANGE after WTSRegisterSessionNotification, WM_POWERBROADCAST, WM_TIMECHANGE and WM_SETTINGCHANGE.
// It must be top-level: the last three are broadcasts, which never reach message-only windows.
#pragma once

#include <windows.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/activity.h"
#include "win32_util.h"

namespace clockout::platform::wts {

/// The readings the source takes from the system; tests replace them.
struct Readers {
    /// The wall clock minus the tick count (GetSystemTimeAsFileTime − GetTickCount64), in ms: constant until someone
    /// sets the clock, and, since the tick count runs during sleep, not moved by a sleep.
    std::function<std::int64_t()> wall_minus_tick_ms;
    /// The current zone as make_zone takes it (platform::system_zone_name()).
    std::function<std::string()> zone_name;
    /// The wall time that labels events.
    std::function<WallTime()> wall_now;
};

/// The readers of the real system.
Readers system_readers();

/// How far the clock was set between two wall_minus_tick_ms() readings, to the nearest second; zero under `threshold`
/// (NTP's small steps and the tick count's 16 ms granularity are not jumps worth a journal marker).
std::chrono::seconds clock_jump(std::int64_t before_ms, std::int64_t after_ms,
                                std::chrono::seconds threshold = std::chrono::seconds(2));

class SessionSource final : public ActivitySource {
  public:
    explicit SessionSource(Readers readers = system_readers());
    ~SessionSource() override;
    SessionSource(const SessionSource&) = delete;
    SessionSource& operator=(const SessionSource&) = delete;

    std::string name() const override { return "wts"; }
    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override;
    void stop() override;

    /// The hidden window, where tests send the messages Windows would.
    HWND window() const { return window_ ? window_->handle() : nullptr; }
    /// What `clockout doctor` shows: whether lock events are registered.
    std::string detail() const { return detail_; }

  private:
    std::optional<LRESULT> on_message(UINT message, WPARAM wparam, LPARAM lparam);
    void emit(ActivityKind kind);
    void check_zone();

    Readers readers_;
    std::unique_ptr<win32::HiddenWindow> window_;
    ActivitySink* sink_ = nullptr;
    bool registered_ = false;
    bool wake_reported_ = true;
    std::int64_t clock_offset_ms_ = 0;
    std::string zone_;
    std::string detail_;
};

}  // namespace clockout::platform::wts
