// The settings model, its TOML form (DESIGN.md section 6) and its validation.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/metrics.h"
#include "core/nudge.h"
#include "core/schedule.h"

namespace clockout::core {

struct Settings {
    ScheduleConfig schedule = ScheduleConfig::defaults();
    Seconds idle_threshold{5 * 60};
    NudgeSettings nudge;
    Limits limits;
    std::string language = "auto";               // "auto" follows LC_ALL / LC_MESSAGES / LANG; or "fr", "en"
    std::optional<std::int64_t> retention_days;  // [journal] retention = "2y" / "180d"; none = keep everything
    std::string device;                          // [journal] device; empty = the host name
    bool operator==(const Settings&) const = default;
};

/// One problem in a settings file, with where it is and how to fix it.
struct SettingsIssue {
    std::string file;
    int line = 0;  // 1-based; 0 when the file as a whole is at fault
    int column = 0;
    std::string message;  // "09:00-25:00 is not a time range"
    std::string fix;      // "write ranges as HH:MM-HH:MM with hours 00-24, e.g. \"09:00-12:30\""
    /// "settings.toml:4:7: 09:00-25:00 is not a time range; fix: write ..."
    std::string to_string() const;
};

struct SettingsResult {
    Settings settings;
    std::vector<SettingsIssue> issues;
    bool ok() const { return issues.empty(); }
};

/// Parses one TOML layer over `base`. Keys not given keep base's values. With any issue, `settings` is `base`
/// unchanged: the last good settings are kept and the issues say what is wrong.
SettingsResult parse_settings(std::string_view toml_text, std::string_view file_name, const Settings& base);
/// Reads one file layer; a missing file is no issue.
SettingsResult load_settings_file(const std::filesystem::path& file, const Settings& base);
/// Built-in defaults < each file in order (the employer's defaults.toml, then the user's settings.toml).
SettingsResult load_settings(const std::vector<std::filesystem::path>& layers);

/// A complete, commented settings file that parse_settings reads back to `settings`.
std::string to_toml(const Settings& settings);
/// What the agent would say of `settings` written as a file: the problems the parser finds in to_toml(settings) (rules
/// across keys included: a rest day with hours, overlapping windows, a value out of range), and one more if the file
/// would not read back to the same settings. The settings dialog and the first-run page check this before writing, so
/// they can never save a file the agent refuses.
std::vector<SettingsIssue> check_settings(const Settings& settings);
/// Writes to a temporary file in the same folder, flushes, then renames over `file`. Returns an error message or "".
std::string write_settings_atomically(const std::filesystem::path& file, const Settings& settings);

}  // namespace clockout::core
