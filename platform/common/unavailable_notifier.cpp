// A notifier that says why there are none, for a headless daemon on a desktop whose notifications need what only the
// tray agent has (Windows, macOS).
#include "platform/notifier.h"

namespace clockout::platform {

namespace {

class UnavailableNotifier final : public DesktopNotifier {
  public:
    explicit UnavailableNotifier(std::string why) : why_(std::move(why)) {}
    bool available(std::string& detail) override {
        detail = why_;
        return false;
    }
    std::uint32_t show(const std::string&, const std::string&, const std::vector<NotificationAction>&, bool,
                       std::function<void(const std::string&)>) override {
        return 0;
    }
    void close(std::uint32_t) override {}

  private:
    std::string why_;
};

}  // namespace

std::unique_ptr<DesktopNotifier> make_unavailable_notifier(std::string why) {
    return std::make_unique<UnavailableNotifier>(std::move(why));
}

}  // namespace clockout::platform
