// Desktop notifications for the headless daemon (the GUI has its own): the end-of-day question and its answers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace clockout::platform {

/// A button on a notification: `id` comes back to on_action, `label` is what the user reads.
struct NotificationAction {
    std::string id;
    std::string label;
};

class DesktopNotifier {
  public:
    virtual ~DesktopNotifier() = default;
    /// True when a notification server is there to show them; `detail` gets its name and version, or why not.
    virtual bool available(std::string& detail) = 0;
    /// Shows a new notification (replaces nothing); `on_action` gets the id of the button pressed. Returns its id, 0 on
    /// failure.
    virtual std::uint32_t show(const std::string& title, const std::string& body,
                               const std::vector<NotificationAction>& actions, bool urgent,
                               std::function<void(const std::string& action_id)> on_action) = 0;
    /// Withdraws the notification `id` if it is still shown, and forgets its callback.
    virtual void close(std::uint32_t id) = 0;
};

/// The notifier of this OS's desktop (org.freedesktop.Notifications on Linux), labelled with `app_name` and
/// `icon_name`.
std::unique_ptr<DesktopNotifier> make_desktop_notifier(const std::string& app_name, const std::string& icon_name);

/// A notifier that shows nothing and whose available() says `why` (where only the tray agent can notify).
std::unique_ptr<DesktopNotifier> make_unavailable_notifier(std::string why);

}  // namespace clockout::platform
