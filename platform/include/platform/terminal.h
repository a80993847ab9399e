// Facts about how the command line was started.
#pragma once

namespace clockout::platform {

/// True when standard input is an interactive terminal (a confirmation can be asked).
bool stdin_is_terminal();
/// True when standard output is an interactive terminal.
bool stdout_is_terminal();

}  // namespace clockout::platform
