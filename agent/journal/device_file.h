// The files a device publishes into the devices folder (docs/devices.md): one per month of its own rows, the
// interchange CSV (interchange.h) and a trailer line that tells a whole file from one the sync engine has not finished
// writing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/interval.h"
#include "journal/interchange.h"

namespace clockout::journal {

/// 64-bit FNV-1a of `bytes` as 16 lowercase hex digits: not a cryptographic hash (it guards against a file cut short
/// or mixed by a sync engine, not against someone who writes into the folder).
std::string fnv1a64_hex(std::string_view bytes);

/// "2026-11" for a month file "2026-11.csv"; nullopt for any other name.
std::optional<std::string> month_of_file_name(std::string_view name);
/// The first and last day of "2026-11"; nullopt when it is not a month.
std::optional<std::pair<core::Date, core::Date>> month_days(std::string_view month);

/// A conflict copy a sync engine made beside a file: Syncthing's ".sync-conflict-", Dropbox's and Nextcloud's
/// "(conflicted copy", OneDrive's "-DESKTOP-" (the other computer's name appended).
bool is_conflict_copy(std::string_view name);

/// The whole file: the CSV of `rows`, then "# clockout v1 rows=N fnv1a64=HEX name=NAME" over the bytes before it.
std::string format_device_file(const std::vector<core::Interval>& rows, std::string_view device_name);

struct DeviceFile {
    enum class Status { whole, incomplete, malformed };
    Status status = Status::incomplete;
    std::vector<core::Interval> rows;
    std::string checksum;      // the trailer's (whole and malformed files)
    std::string display_name;  // the trailer's name
    std::string error;         // malformed: "2026-11.csv:7: ...; fix: ..." in English
    Message message;           // the same, for the user's language
};

/// Reads a month file. No trailer, or one whose count or checksum does not match the bytes before it: incomplete
/// (being synced). A whole file whose rows do not parse, or whose work days fall outside `month`: malformed, naming
/// the line.
DeviceFile parse_device_file(std::string_view text, std::string_view file_name, std::string_view month,
                             core::Minutes day_start);

}  // namespace clockout::journal
