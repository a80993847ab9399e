// What a ui source may include: app/ (its runtime included), core, and platform's desktop services. Must compile.
#include "app/agent.h"
#include "app/journal_access.h"
#include "platform/autostart.h"
#include "platform/process.h"
#include "platform/tray_host.h"

bool layering_probe_ui_allowed() {
    return clockout::platform::has_display();
}
