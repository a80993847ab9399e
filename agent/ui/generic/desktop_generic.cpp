// The tray agent's OS-specific pieces where no ui/<os>/ folder provides them yet (macOS): a display is always
// there, wx's notifications need no priming, and wx's own tray icon is the only one.
#include "ui/tray_parts.h"

namespace clockout::ui {

bool has_display() {
    return true;
}

void prepare_toolkit() {}

void prepare_notifications(const wxString&) {}

std::unique_ptr<Tray> make_native_tray(TrayHooks) {
    return nullptr;
}

}  // namespace clockout::ui
