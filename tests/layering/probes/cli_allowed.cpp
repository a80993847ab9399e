// What a cli source may include: app/ and the core vocabulary app's interface speaks. Must compile.
#include "app/context.h"
#include "app/doctor.h"
#include "app/host.h"
#include "app/journal_access.h"
#include "core/metrics.h"

int layering_probe_cli_allowed() {
    clockout::app::Context context;
    return static_cast<int>(context.paths.system_config_files.size()) +
           static_cast<int>(clockout::app::ExportFormat::csv);
}
