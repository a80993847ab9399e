// What every entry point (CLI, headless daemon, tray agent) sets up first: paths, settings, zone, schedule.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/schedule.h"
#include "core/settings.h"
#include "core/time.h"

// The journal's type stays below app/: the CLI and the windows go through app/journal_access.h.
namespace clockout::journal {
class Journal;
}

namespace clockout::app {

/// Where this user's files live (platform::default_paths, told to the layers above without platform's header).
struct Paths {
    std::filesystem::path data_dir;                          // journal and backups
    std::filesystem::path config_dir;                        // settings.toml
    std::filesystem::path state_dir;                         // logs
    std::filesystem::path runtime_dir;                       // the single-instance lock and socket
    std::vector<std::filesystem::path> system_config_files;  // the employer's defaults.toml, lowest priority first
};

struct Options {
    std::optional<std::filesystem::path> data_dir;     // --data-dir: the journal and backups live here
    std::optional<std::filesystem::path> config_file;  // --config: replaces the user's settings.toml
};

struct Context {
    Paths paths;
    std::filesystem::path journal_file;
    std::filesystem::path backup_dir;
    std::filesystem::path user_config;  // the file the settings dialog writes
    std::filesystem::path log_file;
    std::vector<std::filesystem::path> config_layers;  // lowest priority first
    core::Settings settings;
    std::vector<core::SettingsIssue> settings_issues;  // problems in the layers; the last good settings are kept
    /// The copy of the last settings that loaded without a problem, written by the agent each time the user's file
    /// loads cleanly, so a start with a broken file finds them too (data folder, next to the journal).
    std::filesystem::path last_good_file;
    /// Which settings are in force: the layers as written, or the last good copy because the user's file has a
    /// problem, or the layers below the user's file (a problem and no good copy yet).
    enum class Source { files, last_good, lower_layers };
    Source settings_source = Source::files;
    core::ZonePtr zone;
    std::shared_ptr<const core::Schedule> schedule;
    std::string device;
};

/// Resolves paths and loads the settings layers. Returns a one-line error when no home folder can be found;
/// settings problems do not fail it (they land in settings_issues).
std::string make_context(const Options& options, Context& context);

/// Loads the layers into `context` (settings, issues, source): a user file with a problem gives way to the last good
/// copy when there is one, else to the layers below it. Reads only.
void load_context_settings(Context& context);
/// Whether one of `issues` is in the user's own file.
bool user_file_has_problem(const Context& context, const std::vector<core::SettingsIssue>& issues);

/// Writes `settings` to `file` as the settings file reads them back (core::to_toml): atomically, 0600 in a 0700 folder
/// it creates (platform/files.h, the one policy for private files). Returns "" or a one-line error.
std::string write_settings_file(const std::filesystem::path& file, const core::Settings& settings);

/// A settings problem on one line in the user's language: "settings.toml:4:7 : « 25:00 » n'est pas une heure ;
/// correction : …". The patterns are translated, then each value in them (a value the catalog does not know, such as
/// a time, is left as it is); a problem without patterns is translated whole.
std::string settings_issue_text(const core::SettingsIssue& issue);

/// The zone the settings ask for: "system" honours TZ; an unknown name falls back to the system zone.
core::ZonePtr resolve_zone(const core::Settings& settings);

/// Opens the journal (creating its folder 0700 unless read_only). Throws journal::JournalError. For app/ itself; the
/// layers above use JournalAccess (app/journal_access.h).
std::unique_ptr<journal::Journal> open_journal(const Context& context, bool read_only,
                                               std::vector<std::string>& notices);

}  // namespace clockout::app
