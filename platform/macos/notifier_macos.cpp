// The headless daemon shows no notifications on macOS: UNUserNotificationCenter needs a signed app bundle and its
// delegate, which the tray agent (wx, inside Clockout.app) provides. Saying so is better than pretending.
#include "platform/notifier.h"

namespace clockout::platform {

namespace {

class NoNotifier final : public DesktopNotifier {
  public:
    bool available(std::string& detail) override {
        detail = "desktop notifications come from the tray agent on macOS";
        return false;
    }
    std::uint32_t show(const std::string&, const std::string&, const std::vector<NotificationAction>&, bool,
                       std::function<void(const std::string&)>) override {
        return 0;
    }
    void close(std::uint32_t) override {}
};

}  // namespace

std::unique_ptr<DesktopNotifier> make_desktop_notifier(const std::string&, const std::string&) {
    return std::make_unique<NoNotifier>();
}

}  // namespace clockout::platform
