// A cli source reaching past app/ to the OS boundary: must not compile (DESIGN.md section 1).
#include "platform/terminal.h"

bool layering_probe_cli_platform() {
    return clockout::platform::stdin_is_terminal();
}
