// The command line (DESIGN.md section 7). No subcommand starts the agent.
#pragma once

#include <functional>

#include "app/context.h"

namespace clockout::cli {

/// Starts the agent when no subcommand is given; main() passes the tray agent's, so the CLI does not depend on the UI.
/// Without one, the agent runs headless.
using AgentRunner = std::function<int(const app::Options& options, bool headless)>;

/// Parses argv, runs the subcommand and returns the exit status: 0 done, 1 failed at run time, 2 bad input.
int run(int argc, char** argv, const AgentRunner& agent_runner = {});

}  // namespace clockout::cli
