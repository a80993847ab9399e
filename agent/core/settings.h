// The settings model, its TOML form (DESIGN.md section 6) and its validation.
#pragma once

#include <cstdint>
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
    bool detect_calls = true;                    // [calls] detect: a call (the microphone in use) counts as work
    std::string devices_folder;                  // [devices] folder: the synced folder of docs/devices.md; "" = off
    bool operator==(const Settings&) const = default;
};

/// How a key's value is written and read (the readers of core/settings.cpp, one per kind).
enum class SettingKind {
    zone,            // "system" or an IANA name
    time_of_day,     // "04:00"
    windows,         // ["09:00-12:30", "13:30-17:30"]
    time_range,      // "21:00-06:00"
    optional_range,  // "20:00-07:30" or ""
    days,            // ["sat", "sun"]
    holidays,        // "FR", "FR-AM" or ""
    dates,           // ["2026-12-21..2027-01-02"]
    duration,        // "10m", in seconds
    limit,           // "10h", in whole minutes
    language,        // "auto", "fr", "en"
    retention,       // "2y", "180d" or ""
    text,            // one line of text
    flag,            // true or false
};

/// How the settings dialog shows a duration: minutes ("20") or, where people count in hours, hours and minutes
/// ("10 h 00"). The file always holds a duration with its unit ("10h", "20m").
enum class DisplayUnit { none, minutes, hours };

/// One key of the settings file: everything the parser, the writer, the docs and the dialog need to know of it.
struct SettingSpec {
    std::string_view table;
    std::string_view key;
    SettingKind kind;
    std::string_view comment;  // the line to_toml writes above the key ("" = none)
    Seconds min{0};            // duration and limit: the range the parser accepts, both ends included
    Seconds max{0};
    DisplayUnit unit = DisplayUnit::none;
    std::string_view example;                                  // a good value, quoted in fixes ("10h")
    Seconds (*get)(const Settings&) = nullptr;                 // duration and limit: the value in `settings`
    void (*set)(Settings&, Seconds value) = nullptr;           // and how to change it
    std::string (*get_text)(const Settings&) = nullptr;        // text: the value in `settings`
    void (*set_text)(Settings&, std::string value) = nullptr;  // and how to change it
    /// "nudge.repeat"
    std::string name() const { return std::string(table) + "." + std::string(key); }
};

struct SettingsTable {
    std::string_view name;
    std::string_view comment;  // written under the [table] line
};

/// The settings schema: every key once, in the order of the file.
const std::vector<SettingSpec>& settings_schema();
/// The tables, in the order of the file.
const std::vector<SettingsTable>& settings_tables();
/// The key `table`.`key`, or nullptr.
const SettingSpec* find_setting(std::string_view table, std::string_view key);
/// The TOML value of `spec` in `settings`, as to_toml writes it: "10h" in quotes, a list in brackets.
std::string setting_value_text(const SettingSpec& spec, const Settings& settings);
/// A duration as the file writes it: "90s", "5m", "1h30m", "2h".
std::string format_setting_duration(Seconds s);

/// A rule across keys of the schedule that `schedule` breaks. The parser (with the line of the key) and the settings
/// dialog (on the day's field) both ask schedule_rule_problems, so the rules are written once.
struct ScheduleRuleProblem {
    enum class Kind {
        rest_day_with_windows,  // `day` is a rest day in [quiet] rest_days and has working windows
        runs_into_next_day,     // `window` of day-1 crosses midnight and ends after `next` of `day` starts
    };
    Kind kind;
    std::size_t day;   // the day at fault (0 = Monday): where the worker would mend it
    TimeRange window;  // runs_into_next_day: the window of the day before
    TimeRange next;    // runs_into_next_day: the window of `day` it runs into
};
std::vector<ScheduleRuleProblem> schedule_rule_problems(const ScheduleConfig& schedule);

/// `text` with each "{}" replaced by the next of `args` ("" when there are fewer).
std::string fill_template(std::string_view text, const std::vector<std::string>& args);

/// Words for a person kept apart from the values in them, so they are translated where they are shown (core has no
/// catalog): `pattern` has a "{}" for each of `args` ("{} is not a time range ({})"); an argument is a value ("25:00")
/// or words of their own ("hours go from 00 to 24") that the catalog may know. With `plural` set, `count` picks
/// `pattern` (one) or `plural` (other), as ngettext does.
struct Phrase {
    std::string pattern;
    std::vector<std::string> args{};
    std::string plural{};
    std::int64_t count = 0;
    /// The English words with their values: "\"25:00\" is not a time of day".
    std::string english() const;
};

/// One problem in a settings file, with where it is and how to fix it.
struct SettingsIssue {
    std::string file;
    int line = 0;  // 1-based; 0 when the file as a whole is at fault
    int column = 0;
    std::string message;  // "09:00-25:00 is not a time range" (English, for the log)
    std::string fix;      // "write ranges as HH:MM-HH:MM with hours 00-24, e.g. \"09:00-12:30\""
    /// The same two as patterns and values, for the user's language (app::settings_issue_text); empty patterns when
    /// `message` and `fix` are fixed words, translated whole.
    Phrase message_words{};
    Phrase fix_words{};
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

}  // namespace clockout::core
