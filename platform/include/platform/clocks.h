// Readings of the OS clocks that wall time cannot give: how long the machine has slept, and time that never jumps.
#pragma once

#include <chrono>

namespace clockout::platform {

/// Time spent asleep since boot (CLOCK_BOOTTIME − CLOCK_MONOTONIC on Linux): it grows by each sleep, so the daemon
/// compares two readings to find a sleep nobody announced.
std::chrono::seconds suspended_time();

/// Seconds on a clock that never jumps with the wall clock and stops while the machine sleeps (CLOCK_MONOTONIC).
std::chrono::seconds monotonic_time();

}  // namespace clockout::platform
