// The command line (DESIGN.md section 7). No subcommand starts the agent.
#pragma once

namespace clockout::cli {

/// Parses argv, runs the subcommand and returns the exit status: 0 done, 1 failed at run time, 2 bad input.
int run(int argc, char** argv);

}  // namespace clockout::cli
