// The OS's time zone, where core cannot read it by itself (Windows: the zone is a Win32 setting, not a TZ file).
#pragma once

#include <string>

namespace clockout::platform {

/// The OS's current zone as core::make_zone takes it: an IANA name ("Europe/Paris"), or on Windows a POSIX rule with
/// quoted names for a zone with no IANA equivalent. "" means core::system_zone() already knows it (Linux, macOS).
std::string system_zone_name();

}  // namespace clockout::platform
