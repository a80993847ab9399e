// The tray agent: a wxApp around the shared AgentRuntime (agent/app/agent.h).
#pragma once

#include "app/context.h"

namespace clockout::ui {

/// Runs the tray agent, or the headless one when asked (`--headless`) or when there is no display.
/// Returns the process exit status.
int run_tray_agent(const app::Options& options, bool headless);

}  // namespace clockout::ui
