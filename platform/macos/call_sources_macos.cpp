// The "in a call" backends on this OS, in the order to try (platform/include/platform/activity.h).
#include "platform/activity.h"

namespace clockout::platform {

std::vector<std::unique_ptr<ActivitySource>> make_call_sources() {
    return {};
}

}  // namespace clockout::platform
