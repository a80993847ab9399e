// The tray agent's windows; each asks the runtime for figures and draws them.
#pragma once

// Clockout's headers before wx's: wx defines an N_ macro that would rewrite app::N_.
#include "app/agent.h"
#include "core/time.h"

#include <wx/frame.h>

namespace clockout::ui {

inline core::Date add_days(core::Date d, int n) {
    return core::Date{date::sys_days{d} + date::days{n}};
}

/// Opens (or raises) the weekly summary on the ISO week starting `monday`.
void show_summary(app::AgentRuntime& runtime, core::Date monday);

/// The settings dialog (modal). `first_run` shows the one-page setup: the week's windows and quiet hours.
/// Returns true when the settings were written.
bool run_settings_dialog(app::AgentRuntime& runtime, bool first_run);

}  // namespace clockout::ui
