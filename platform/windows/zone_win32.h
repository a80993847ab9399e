// The Windows time zone as core::make_zone takes it. Windows names zones by its own ids ("Romance Standard Time");
// CLDR's windowsZones table gives the IANA name, and a zone missing from our copy is described by its rule instead.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clockout::platform::winzone {

/// The IANA name of a Windows zone id in a region (ISO 3166 code such as "FR", "CA"; "" when unknown), following
/// CLDR's windowsZones; "" when the id is not in the table.
std::string iana_name(std::string_view windows_id, std::string_view region);

/// Every (Windows id, IANA name) pair the table knows, region-specific ones included (tests load each name).
std::vector<std::pair<std::string, std::string>> table();

/// A switch date as Windows writes it in "day-in-month" form (SYSTEMTIME with wYear = 0).
struct SwitchDate {
    int month = 0;    // 1..12; 0: no daylight saving time
    int week = 0;     // 1..5, 5 = the last such weekday of the month
    int weekday = 0;  // 0 = Sunday
    int hour = 0, minute = 0, second = 0, millisecond = 0;
};

/// A zone as TIME_ZONE_INFORMATION defines it; biases in minutes, UTC = local + bias.
struct Definition {
    int bias = 0;
    int standard_bias = 0;
    int daylight_bias = 0;
    SwitchDate standard_date;  // when daylight time ends, read in daylight time
    SwitchDate daylight_date;  // when it starts, read in standard time
};

/// The same zone as a POSIX TZ rule with quoted numeric names, e.g. "<+01>-1<+02>-2,M3.5.0/2,M10.5.0/3".
std::string posix_rule(const Definition& zone);

}  // namespace clockout::platform::winzone
