// The headless daemon shows no notifications on macOS: UNUserNotificationCenter needs a signed app bundle and its
// delegate, which the tray agent (wx, inside Clockout.app) provides. Saying so is better than pretending.
#include "platform/notifier.h"

namespace clockout::platform {

std::unique_ptr<DesktopNotifier> make_desktop_notifier(const std::string&, const std::string&) {
    return make_unavailable_notifier("desktop notifications come from the tray agent on macOS");
}

}  // namespace clockout::platform
