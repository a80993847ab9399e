// The "in a call" backends on this OS, in the order to try (platform/include/platform/activity.h).
#include "call_sources.h"

namespace clockout::platform {

std::vector<std::unique_ptr<ActivitySource>> make_call_sources() {
    std::vector<std::unique_ptr<ActivitySource>> sources;
    // PulseAudio, or PipeWire through pipewire-pulse (the default on current desktops): one protocol for both.
    sources.push_back(make_pulse_call_source());
    return sources;
}

}  // namespace clockout::platform
