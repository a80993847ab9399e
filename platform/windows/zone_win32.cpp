#include "zone_win32.h"

#include <windows.h>

#include <cstdio>
#include <cstdlib>

#include "platform/zone.h"
#include "win32_util.h"

namespace clockout::platform {

namespace winzone {

namespace {

struct Entry {
    const char* windows_id;
    const char* region;  // "" for CLDR's "001", the zone's default
    const char* iana;
};

// CLDR windowsZones.xml: the default ("001") of every Windows zone, plus the regions where French is spoken and
// Canada, whose names people expect to see. Offsets are the same within one Windows zone, only the names differ.
constexpr Entry entries[] = {
    {"Dateline Standard Time", "", "Etc/GMT+12"},
    {"UTC-11", "", "Etc/GMT+11"},
    {"Aleutian Standard Time", "", "America/Adak"},
    {"Hawaiian Standard Time", "", "Pacific/Honolulu"},
    {"Hawaiian Standard Time", "PF", "Pacific/Tahiti"},
    {"Marquesas Standard Time", "", "Pacific/Marquesas"},
    {"Alaskan Standard Time", "", "America/Anchorage"},
    {"UTC-09", "", "Etc/GMT+9"},
    {"UTC-09", "PF", "Pacific/Gambier"},
    {"Pacific Standard Time (Mexico)", "", "America/Tijuana"},
    {"UTC-08", "", "Etc/GMT+8"},
    {"Pacific Standard Time", "", "America/Los_Angeles"},
    {"Pacific Standard Time", "CA", "America/Vancouver"},
    {"US Mountain Standard Time", "", "America/Phoenix"},
    {"Mountain Standard Time (Mexico)", "", "America/Mazatlan"},
    {"Mountain Standard Time", "", "America/Denver"},
    {"Mountain Standard Time", "CA", "America/Edmonton"},
    {"Yukon Standard Time", "", "America/Whitehorse"},
    {"Central America Standard Time", "", "America/Guatemala"},
    {"Central Standard Time", "", "America/Chicago"},
    {"Central Standard Time", "CA", "America/Winnipeg"},
    {"Easter Island Standard Time", "", "Pacific/Easter"},
    {"Central Standard Time (Mexico)", "", "America/Mexico_City"},
    {"Canada Central Standard Time", "", "America/Regina"},
    {"SA Pacific Standard Time", "", "America/Bogota"},
    {"Eastern Standard Time (Mexico)", "", "America/Cancun"},
    {"Eastern Standard Time", "", "America/New_York"},
    {"Eastern Standard Time", "CA", "America/Toronto"},
    {"Haiti Standard Time", "", "America/Port-au-Prince"},
    {"Cuba Standard Time", "", "America/Havana"},
    {"US Eastern Standard Time", "", "America/Indiana/Indianapolis"},
    {"Turks And Caicos Standard Time", "", "America/Grand_Turk"},
    {"Paraguay Standard Time", "", "America/Asuncion"},
    {"Atlantic Standard Time", "", "America/Halifax"},
    {"Venezuela Standard Time", "", "America/Caracas"},
    {"Central Brazilian Standard Time", "", "America/Cuiaba"},
    {"SA Western Standard Time", "", "America/La_Paz"},
    {"SA Western Standard Time", "GP", "America/Guadeloupe"},
    {"SA Western Standard Time", "MQ", "America/Martinique"},
    {"SA Western Standard Time", "BL", "America/St_Barthelemy"},
    {"SA Western Standard Time", "MF", "America/Marigot"},
    {"Pacific SA Standard Time", "", "America/Santiago"},
    {"Newfoundland Standard Time", "", "America/St_Johns"},
    {"Tocantins Standard Time", "", "America/Araguaina"},
    {"E. South America Standard Time", "", "America/Sao_Paulo"},
    {"SA Eastern Standard Time", "", "America/Cayenne"},
    {"Argentina Standard Time", "", "America/Argentina/Buenos_Aires"},
    {"Greenland Standard Time", "", "America/Nuuk"},
    {"Montevideo Standard Time", "", "America/Montevideo"},
    {"Magallanes Standard Time", "", "America/Punta_Arenas"},
    {"Saint Pierre Standard Time", "", "America/Miquelon"},
    {"Bahia Standard Time", "", "America/Bahia"},
    {"UTC-02", "", "Etc/GMT+2"},
    {"Azores Standard Time", "", "Atlantic/Azores"},
    {"Cape Verde Standard Time", "", "Atlantic/Cape_Verde"},
    {"UTC", "", "Etc/UTC"},
    {"GMT Standard Time", "", "Europe/London"},
    {"Greenwich Standard Time", "", "Atlantic/Reykjavik"},
    {"Greenwich Standard Time", "SN", "Africa/Dakar"},
    {"Greenwich Standard Time", "CI", "Africa/Abidjan"},
    {"Sao Tome Standard Time", "", "Africa/Sao_Tome"},
    {"Morocco Standard Time", "", "Africa/Casablanca"},
    {"W. Europe Standard Time", "", "Europe/Berlin"},
    {"W. Europe Standard Time", "CH", "Europe/Zurich"},
    {"W. Europe Standard Time", "LU", "Europe/Luxembourg"},
    {"W. Europe Standard Time", "MC", "Europe/Monaco"},
    {"W. Europe Standard Time", "IT", "Europe/Rome"},
    {"W. Europe Standard Time", "NL", "Europe/Amsterdam"},
    {"W. Europe Standard Time", "AT", "Europe/Vienna"},
    {"Central Europe Standard Time", "", "Europe/Budapest"},
    {"Romance Standard Time", "", "Europe/Paris"},
    {"Romance Standard Time", "BE", "Europe/Brussels"},
    {"Romance Standard Time", "ES", "Europe/Madrid"},
    {"Romance Standard Time", "DK", "Europe/Copenhagen"},
    {"Central European Standard Time", "", "Europe/Warsaw"},
    {"W. Central Africa Standard Time", "", "Africa/Lagos"},
    {"W. Central Africa Standard Time", "CM", "Africa/Douala"},
    {"W. Central Africa Standard Time", "DZ", "Africa/Algiers"},
    {"W. Central Africa Standard Time", "TN", "Africa/Tunis"},
    {"Jordan Standard Time", "", "Asia/Amman"},
    {"GTB Standard Time", "", "Europe/Bucharest"},
    {"Middle East Standard Time", "", "Asia/Beirut"},
    {"Egypt Standard Time", "", "Africa/Cairo"},
    {"E. Europe Standard Time", "", "Europe/Chisinau"},
    {"Syria Standard Time", "", "Asia/Damascus"},
    {"West Bank Standard Time", "", "Asia/Hebron"},
    {"South Africa Standard Time", "", "Africa/Johannesburg"},
    {"FLE Standard Time", "", "Europe/Kyiv"},
    {"Israel Standard Time", "", "Asia/Jerusalem"},
    {"South Sudan Standard Time", "", "Africa/Juba"},
    {"Kaliningrad Standard Time", "", "Europe/Kaliningrad"},
    {"Sudan Standard Time", "", "Africa/Khartoum"},
    {"Libya Standard Time", "", "Africa/Tripoli"},
    {"Namibia Standard Time", "", "Africa/Windhoek"},
    {"Arabic Standard Time", "", "Asia/Baghdad"},
    {"Turkey Standard Time", "", "Europe/Istanbul"},
    {"Arab Standard Time", "", "Asia/Riyadh"},
    {"Belarus Standard Time", "", "Europe/Minsk"},
    {"Russian Standard Time", "", "Europe/Moscow"},
    {"E. Africa Standard Time", "", "Africa/Nairobi"},
    {"E. Africa Standard Time", "YT", "Indian/Mayotte"},
    {"Volgograd Standard Time", "", "Europe/Volgograd"},
    {"Iran Standard Time", "", "Asia/Tehran"},
    {"Arabian Standard Time", "", "Asia/Dubai"},
    {"Astrakhan Standard Time", "", "Europe/Astrakhan"},
    {"Azerbaijan Standard Time", "", "Asia/Baku"},
    {"Russia Time Zone 3", "", "Europe/Samara"},
    {"Mauritius Standard Time", "", "Indian/Mauritius"},
    {"Mauritius Standard Time", "RE", "Indian/Reunion"},
    {"Saratov Standard Time", "", "Europe/Saratov"},
    {"Georgian Standard Time", "", "Asia/Tbilisi"},
    {"Caucasus Standard Time", "", "Asia/Yerevan"},
    {"Afghanistan Standard Time", "", "Asia/Kabul"},
    {"West Asia Standard Time", "", "Asia/Tashkent"},
    {"Ekaterinburg Standard Time", "", "Asia/Yekaterinburg"},
    {"Pakistan Standard Time", "", "Asia/Karachi"},
    {"Qyzylorda Standard Time", "", "Asia/Qyzylorda"},
    {"India Standard Time", "", "Asia/Kolkata"},
    {"Sri Lanka Standard Time", "", "Asia/Colombo"},
    {"Nepal Standard Time", "", "Asia/Kathmandu"},
    {"Central Asia Standard Time", "", "Asia/Almaty"},
    {"Bangladesh Standard Time", "", "Asia/Dhaka"},
    {"Omsk Standard Time", "", "Asia/Omsk"},
    {"Myanmar Standard Time", "", "Asia/Yangon"},
    {"SE Asia Standard Time", "", "Asia/Bangkok"},
    {"Altai Standard Time", "", "Asia/Barnaul"},
    {"W. Mongolia Standard Time", "", "Asia/Hovd"},
    {"North Asia Standard Time", "", "Asia/Krasnoyarsk"},
    {"N. Central Asia Standard Time", "", "Asia/Novosibirsk"},
    {"Tomsk Standard Time", "", "Asia/Tomsk"},
    {"China Standard Time", "", "Asia/Shanghai"},
    {"North Asia East Standard Time", "", "Asia/Irkutsk"},
    {"Singapore Standard Time", "", "Asia/Singapore"},
    {"W. Australia Standard Time", "", "Australia/Perth"},
    {"Taipei Standard Time", "", "Asia/Taipei"},
    {"Ulaanbaatar Standard Time", "", "Asia/Ulaanbaatar"},
    {"Aus Central W. Standard Time", "", "Australia/Eucla"},
    {"Transbaikal Standard Time", "", "Asia/Chita"},
    {"Tokyo Standard Time", "", "Asia/Tokyo"},
    {"North Korea Standard Time", "", "Asia/Pyongyang"},
    {"Korea Standard Time", "", "Asia/Seoul"},
    {"Yakutsk Standard Time", "", "Asia/Yakutsk"},
    {"Cen. Australia Standard Time", "", "Australia/Adelaide"},
    {"AUS Central Standard Time", "", "Australia/Darwin"},
    {"E. Australia Standard Time", "", "Australia/Brisbane"},
    {"AUS Eastern Standard Time", "", "Australia/Sydney"},
    {"West Pacific Standard Time", "", "Pacific/Port_Moresby"},
    {"Tasmania Standard Time", "", "Australia/Hobart"},
    {"Vladivostok Standard Time", "", "Asia/Vladivostok"},
    {"Lord Howe Standard Time", "", "Australia/Lord_Howe"},
    {"Bougainville Standard Time", "", "Pacific/Bougainville"},
    {"Russia Time Zone 10", "", "Asia/Srednekolymsk"},
    {"Magadan Standard Time", "", "Asia/Magadan"},
    {"Norfolk Standard Time", "", "Pacific/Norfolk"},
    {"Sakhalin Standard Time", "", "Asia/Sakhalin"},
    {"Central Pacific Standard Time", "", "Pacific/Guadalcanal"},
    {"Central Pacific Standard Time", "NC", "Pacific/Noumea"},
    {"Russia Time Zone 11", "", "Asia/Kamchatka"},
    {"New Zealand Standard Time", "", "Pacific/Auckland"},
    {"UTC+12", "", "Etc/GMT-12"},
    {"UTC+12", "WF", "Pacific/Wallis"},
    {"Fiji Standard Time", "", "Pacific/Fiji"},
    {"Chatham Islands Standard Time", "", "Pacific/Chatham"},
    {"UTC+13", "", "Etc/GMT-13"},
    {"Tonga Standard Time", "", "Pacific/Tongatapu"},
    {"Samoa Standard Time", "", "Pacific/Apia"},
    {"Line Islands Standard Time", "", "Pacific/Kiritimati"},
};

// "+01", "+0530", "-03": the quoted name of a numeric offset, as tzdata writes such zones.
std::string quoted_name(int offset_min) {
    char sign = offset_min < 0 ? '-' : '+';
    int a = std::abs(offset_min);
    char buf[16];
    if (a % 60 == 0)
        std::snprintf(buf, sizeof buf, "<%c%02d>", sign, a / 60);
    else
        std::snprintf(buf, sizeof buf, "<%c%02d%02d>", sign, a / 60, a % 60);
    return buf;
}

// POSIX writes the offset west of UTC: UTC+01:00 is "-1", UTC-03:30 is "3:30".
std::string posix_offset(int offset_min) {
    int west = -offset_min;
    std::string text = west < 0 ? "-" : "";
    int a = std::abs(west);
    text += std::to_string(a / 60);
    if (a % 60 != 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, ":%02d", a % 60);
        text += buf;
    }
    return text;
}

std::string posix_date(const SwitchDate& d) {
    // Windows writes "end of day" as 23:59:59.999; POSIX takes 24 (and up to 167 hours in TZif version 3).
    int seconds = d.hour * 3600 + d.minute * 60 + d.second + (d.millisecond >= 500 ? 1 : 0);
    std::string text = "M" + std::to_string(d.month) + "." + std::to_string(d.week) + "." + std::to_string(d.weekday) +
                       "/" + std::to_string(seconds / 3600);
    char buf[16];
    if (seconds % 3600 != 0) {
        std::snprintf(buf, sizeof buf, ":%02d", seconds / 60 % 60);
        text += buf;
    }
    if (seconds % 60 != 0) {
        std::snprintf(buf, sizeof buf, ":%02d", seconds % 60);
        text += buf;
    }
    return text;
}

}  // namespace

std::string iana_name(std::string_view windows_id, std::string_view region) {
    const char* fallback = nullptr;
    for (const Entry& e : entries) {
        if (windows_id != e.windows_id)
            continue;
        if (!region.empty() && region == e.region)
            return e.iana;
        if (*e.region == '\0')
            fallback = e.iana;
    }
    return fallback ? fallback : "";
}

std::vector<std::pair<std::string, std::string>> table() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Entry& e : entries)
        out.emplace_back(e.windows_id, e.iana);
    return out;
}

std::string posix_rule(const Definition& zone) {
    int standard = -(zone.bias + zone.standard_bias);
    std::string rule = quoted_name(standard) + posix_offset(standard);
    if (zone.standard_date.month == 0 || zone.daylight_date.month == 0 || zone.daylight_bias == zone.standard_bias)
        return rule;
    int daylight = -(zone.bias + zone.daylight_bias);
    return rule + quoted_name(daylight) + posix_offset(daylight) + "," + posix_date(zone.daylight_date) + "," +
           posix_date(zone.standard_date);
}

}  // namespace winzone

namespace {

std::string user_region() {
    GEOID geo = GetUserGeoID(GEOCLASS_NATION);
    if (geo == GEOID_NOT_AVAILABLE)
        return "";
    wchar_t iso2[8] = {};
    if (GetGeoInfoW(geo, GEO_ISO2, iso2, 8, 0) == 0)
        return "";
    return win32::utf8(iso2);
}

winzone::SwitchDate switch_date(const SYSTEMTIME& t) {
    // A date with a year is a one-off absolute switch, which a yearly rule cannot say: treat it as none.
    if (t.wYear != 0)
        return {};
    return winzone::SwitchDate{t.wMonth, t.wDay, t.wDayOfWeek, t.wHour, t.wMinute, t.wSecond, t.wMilliseconds};
}

}  // namespace

std::string system_zone_name() {
    DYNAMIC_TIME_ZONE_INFORMATION info{};
    if (GetDynamicTimeZoneInformation(&info) == TIME_ZONE_ID_INVALID)
        return "";
    winzone::Definition definition;
    definition.bias = static_cast<int>(info.Bias);
    definition.standard_bias = static_cast<int>(info.StandardBias);
    definition.daylight_bias = static_cast<int>(info.DaylightBias);
    // "Adjust for daylight saving time automatically" off: the zone's standard time all year, which no IANA zone is.
    if (info.DynamicDaylightTimeDisabled)
        return winzone::posix_rule(definition);
    std::string name = winzone::iana_name(win32::utf8(info.TimeZoneKeyName), user_region());
    if (!name.empty())
        return name;
    definition.standard_date = switch_date(info.StandardDate);
    definition.daylight_date = switch_date(info.DaylightDate);
    return winzone::posix_rule(definition);
}

}  // namespace clockout::platform
