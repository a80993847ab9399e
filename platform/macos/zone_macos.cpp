// date/tz reads TZ and /etc/localtime itself on macOS (core::system_zone()), so there is nothing to add.
#include "platform/zone.h"

namespace clockout::platform {

std::string system_zone_name() {
    return "";
}

}  // namespace clockout::platform
