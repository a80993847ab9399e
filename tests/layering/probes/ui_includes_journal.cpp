// A ui source reaching past app/ to the journal: must not compile (DESIGN.md section 1).
#include "journal/interchange.h"

int layering_probe_ui_journal() {
    return static_cast<int>(clockout::journal::Format::csv);
}
