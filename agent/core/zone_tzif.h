// Time zones read from TZif files (RFC 8536) with the standard library alone. Windows has no zone database a C++
// program can read (mingw's <chrono> has none, date/tz needs the text tzdata), so the agent ships IANA's compiled files
// and make_zone reads them here; on Linux this reader is tested against date/tz and the C library.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/time.h"

namespace clockout::core {

/// Reads TZif data (RFC 8536, versions 1 to 4) as a zone called `name`; nullptr with a one-line reason in `error`.
ZonePtr parse_tzif(std::string name, std::string_view bytes, std::string& error);

/// Reads the TZif file `file` as a zone called `name`; nullptr with a one-line reason in `error`.
ZonePtr load_tzif(std::string name, const std::filesystem::path& file, std::string& error);

/// A zone from a POSIX TZ rule, the footer of a TZif file ("CET-1CEST,M3.5.0,M10.5.0/3",
/// "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"); nullptr when malformed. Note the POSIX sign: "CET-1" is UTC+01:00.
ZonePtr posix_zone(std::string_view rule);

/// True when `name` can safely be looked up under a zoneinfo folder: relative, IANA characters, no "." or ".." part.
bool is_zone_file_name(std::string_view name);

/// Where make_zone looks for TZif files when it uses this reader (Windows): $CLOCKOUT_ZONEINFO, else the "zoneinfo"
/// folder beside the program.
std::filesystem::path zoneinfo_dir();

}  // namespace clockout::core
