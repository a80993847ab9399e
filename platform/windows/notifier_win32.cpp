// The headless daemon shows no notifications on Windows: toasts need an AppUserModelID registered by the installer
// and a COM activator, which the tray agent (wx) provides. Saying so is better than pretending.
#include "platform/notifier.h"

namespace clockout::platform {

std::unique_ptr<DesktopNotifier> make_desktop_notifier(const std::string&, const std::string&) {
    return make_unavailable_notifier("desktop notifications come from the tray agent on Windows");
}

}  // namespace clockout::platform
