// No subcommand: the agent. A subcommand: the command line.
#include "cli/cli.h"

int main(int argc, char** argv) { return clockout::cli::run(argc, argv); }
