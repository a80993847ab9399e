// The headless agent: what the CLI starts when no tray agent is handed to it (--headless, no display, no UI built).
#pragma once

#include "app/context.h"

namespace clockout::app {

/// Runs the headless agent until asked to quit: no window, nudges as desktop notifications.
/// Returns the process exit status.
int run_agent(const Options& options, bool headless);

}  // namespace clockout::app
