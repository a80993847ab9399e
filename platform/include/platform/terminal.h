// Facts about how the command line was started.
#pragma once

#include <string>

namespace clockout::platform {

/// True when standard input is an interactive terminal (a confirmation can be asked).
bool stdin_is_terminal();
/// True when standard output is an interactive terminal.
bool stdout_is_terminal();

/// Windows: clockout.exe is a GUI program (no console window at login), so started from cmd.exe or PowerShell it has
/// no console of its own. When clockout.com (the console launcher beside it, which cmd.exe and PowerShell find first)
/// started it, or when it was started from a console with arguments, this attaches it to that console: the CLI's
/// output, its prompts and Ctrl+C reach the person typing. Standard streams redirected to a file or a pipe stay where
/// they were. Then std::cout and std::cerr, when they are a console, write UTF-16 to it (WriteConsoleW): the CLI's
/// UTF-8 shows right whatever the console's code page (850 or 1252 in France). Returns true when it attached.
/// Elsewhere a program has its terminal already: nothing to do, false.
bool use_caller_console(bool has_arguments);

/// The user's display language as the system keeps it outside the environment: on Windows a tag of
/// GetUserDefaultUILanguage ("fr-FR"); "" where the environment (LANG and co.) is the place, as on Linux and macOS.
std::string system_ui_language();

}  // namespace clockout::platform
