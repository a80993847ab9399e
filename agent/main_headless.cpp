// main() of a build without the wx UI (CLOCKOUT_CLI_ONLY): a subcommand runs the CLI; no subcommand, the headless
// agent.
#include "cli/cli.h"

int main(int argc, char** argv) {
    return clockout::cli::run(argc, argv);
}
