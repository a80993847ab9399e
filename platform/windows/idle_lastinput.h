// Input idleness on Windows: GetLastInputInfo, read when a timer armed at last input + threshold fires, then every 2 s
// while idle (Windows has no event for "input again" short of a global input hook). The arithmetic is pure and tested.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "platform/activity.h"

namespace clockout::platform::lastinput {

using MilliWallTime = std::chrono::sys_time<std::chrono::milliseconds>;

/// How long ago the last input was, in ms. LASTINPUTINFO::dwTime is the 32-bit tick count, which wraps every 49.7
/// days, so it is compared with the low 32 bits of GetTickCount64: unsigned subtraction stays right across the wrap.
constexpr std::uint32_t idle_ms(std::uint32_t now_tick, std::uint32_t last_input_tick) {
    return now_tick - last_input_tick;
}

/// One look at the system: the tick count now, the tick of the last input, and the wall clock now.
struct Reading {
    std::uint32_t now_tick = 0;
    std::uint32_t last_input_tick = 0;
    MilliWallTime wall_now{};
};

/// What to report after a reading, and when to look again.
struct Step {
    std::vector<ActivityEvent> events;
    std::chrono::milliseconds next_check{0};
};

/// The state machine behind the "lastinput" source, with no Win32 in it: active until idle reaches the threshold (one
/// wake-up exactly then), idle until the last-input tick moves. The first reading reports the state it finds, as the
/// other idle backends do: input_active dated by the last input, or input_idle since it.
class Tracker {
  public:
    static constexpr std::chrono::milliseconds idle_check{2000};

    explicit Tracker(std::chrono::milliseconds threshold) : threshold_(threshold) {}
    Step update(const Reading& reading);
    bool idle() const { return idle_; }

  private:
    ActivityEvent event(ActivityKind kind, const Reading& reading) const;

    std::chrono::milliseconds threshold_;
    bool started_ = false;
    bool idle_ = false;
    std::uint32_t idle_last_input_ = 0;  // the last-input tick when idleness began
};

/// The Windows source itself ("lastinput"): a Tracker fed by GetLastInputInfo on a message-only window's timer.
std::unique_ptr<ActivitySource> make_source();

}  // namespace clockout::platform::lastinput
