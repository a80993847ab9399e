// The "in a call" backends on this OS, in the order to try (platform/include/platform/activity.h).
#include "platform/activity.h"

namespace clockout::platform {

std::unique_ptr<ActivitySource> make_coreaudio_call_source();  // call_coreaudio_macos.mm

std::vector<std::unique_ptr<ActivitySource>> make_call_sources() {
    std::vector<std::unique_ptr<ActivitySource>> sources;
    sources.push_back(make_coreaudio_call_source());
    return sources;
}

}  // namespace clockout::platform
