// No subcommand: the agent (the tray agent, or headless with --headless or without a display). A subcommand: the CLI.
#include "cli/cli.h"
#include "ui/tray_app.h"

int main(int argc, char** argv) {
    return clockout::cli::run(argc, argv, clockout::ui::run_tray_agent);
}
