// The "in a call" backends on this OS, in the order to try (platform/include/platform/activity.h).
#include "call_consent_win32.h"

namespace clockout::platform {

std::vector<std::unique_ptr<ActivitySource>> make_call_sources() {
    std::vector<std::unique_ptr<ActivitySource>> sources;
    sources.push_back(consent::make_source());
    return sources;
}

}  // namespace clockout::platform
