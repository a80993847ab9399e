// The long-running agent: signals -> tracker -> journal -> nudge policy.
#pragma once

#include <ostream>

#include "app/context.h"

namespace clockout::app {

/// Runs the agent until asked to quit; `headless` means no window, nudges as desktop notifications.
/// Returns the process exit status.
int run_agent(const Options& options, bool headless);

/// For `clockout doctor`: tries every signal backend and the notification service, and says which works and why not.
/// Returns the number of problems found (no idle backend working counts as one).
int print_doctor_backends(std::ostream& out);

}  // namespace clockout::app
