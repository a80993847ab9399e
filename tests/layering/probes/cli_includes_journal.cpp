// A cli source reaching past app/ to the journal: must not compile (DESIGN.md section 1).
#include "journal/journal.h"

int layering_probe_cli_journal() {
    return clockout::journal::Journal::kSchemaVersion;
}
