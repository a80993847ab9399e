// CLOCK_MONOTONIC_RAW (mach_continuous_time) runs during sleep and CLOCK_UPTIME_RAW (mach_absolute_time) does not:
// their difference grows by each sleep, as CLOCK_BOOTTIME − CLOCK_MONOTONIC does on Linux.
#include <time.h>

#include "platform/clocks.h"

namespace clockout::platform {

std::chrono::seconds suspended_time() {
    auto continuous = clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW);
    auto awake = clock_gettime_nsec_np(CLOCK_UPTIME_RAW);
    if (continuous <= awake)
        return std::chrono::seconds{0};
    return std::chrono::round<std::chrono::seconds>(std::chrono::nanoseconds{continuous - awake});
}

std::chrono::seconds monotonic_time() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::nanoseconds{clock_gettime_nsec_np(CLOCK_UPTIME_RAW)});
}

}  // namespace clockout::platform
