// `clockout doctor`'s checks that need the journal and the OS: the CLI prints them without reaching either itself.
#pragma once

#include <ostream>

#include "app/context.h"

namespace clockout::app {

/// The journal's integrity, schema version and size, or why it cannot be read. Returns the number of problems found.
int print_doctor_journal(const Context& context, bool repair, std::ostream& out);

/// Tries every signal backend, the tray host and the notification service, and says which works and why not.
/// Returns the number of problems found (no idle backend working counts as one).
int print_doctor_backends(std::ostream& out);

}  // namespace clockout::app
