// The settings dialog's fields as the worker types them ("10 h 00", "08:30-12:00, 13:00-16:30"), turned into Settings
// and one problem per field, with the ranges of the settings schema (core/settings.h). Pure, so every field is tested
// at its minimum, its maximum and one bad value without a window (tests/unit/test_settings_form.cpp); the wx dialog
// (ui/settings_dialog.cpp) only copies text in and out and shows the problems on their fields.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/settings.h"

namespace clockout::core {

/// What the dialog's fields hold, by the schema name of their key ("schedule.mon", "limits.week_soft").
struct SettingsForm {
    std::map<std::string, std::string> text;
    std::array<bool, 7> rest_days{};
};

/// A problem to show on one field: `message` is an English template marked for translation, with "{}" where each of
/// `args` goes (args are translated too when the catalog knows them: the reason of a bad time range).
struct FieldProblem {
    std::string field;  // the schema name, or "" when no field holds it
    std::string message;
    std::vector<std::string> args;
    /// The message with its args put in, untranslated.
    std::string english() const;
};

struct FormResult {
    Settings settings;
    std::vector<FieldProblem> problems;
    bool ok() const { return problems.empty(); }
};

/// The fields the dialog has, in its order: every key of the schema but timezone, night, retention and device.
const std::vector<std::string>& form_fields();
/// What the dialog shows for `settings`.
SettingsForm form_from_settings(const Settings& settings);
/// The settings the form makes over `base` (the settings in force: what the form has no field for), checked field by
/// field, then as a whole by the agent's own parser (check_settings); with any problem, `settings` is `base`.
FormResult settings_from_form(const SettingsForm& form, const Settings& base);

/// A duration in a field: DisplayUnit::hours "10 h 00", "44 h"; DisplayUnit::minutes "20 min"; seconds "90 s".
std::string format_field_duration(Seconds value, DisplayUnit unit);
/// Reads "10 h 00", "10 h", "10h30", "10:30", "90 s", "20 min", or a bare number in `unit` (hours or minutes).
std::optional<Seconds> parse_field_duration(std::string_view text, DisplayUnit unit);

}  // namespace clockout::core
