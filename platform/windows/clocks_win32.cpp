// The tick count runs while the machine sleeps; the unbiased interrupt time does not. Their difference grows by each
// sleep, as CLOCK_BOOTTIME − CLOCK_MONOTONIC does on Linux.
#include <windows.h>

#include "platform/clocks.h"

namespace clockout::platform {

namespace {

std::chrono::milliseconds unbiased_time() {
    ULONGLONG units = 0;  // 100 ns
    QueryUnbiasedInterruptTime(&units);
    return std::chrono::milliseconds{static_cast<std::int64_t>(units / 10'000)};
}

}  // namespace

std::chrono::seconds suspended_time() {
    // Read back to back; the two clocks tick at different moments, so round to the second and never go negative.
    auto awake = unbiased_time();
    auto with_sleep = std::chrono::milliseconds{static_cast<std::int64_t>(GetTickCount64())};
    auto asleep = with_sleep - awake;
    return asleep.count() > 0 ? std::chrono::round<std::chrono::seconds>(asleep) : std::chrono::seconds{0};
}

std::chrono::seconds monotonic_time() {
    return std::chrono::floor<std::chrono::seconds>(unbiased_time());
}

}  // namespace clockout::platform
