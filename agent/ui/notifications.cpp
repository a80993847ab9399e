// Desktop notifications from the tray agent (wxNotificationMessage: libnotify on Linux, toasts on Windows).
#include "ui/tray_parts.h"
#include "ui/ui_paths.h"

#include <spdlog/spdlog.h>
#include <wx/app.h>
#include <wx/icon.h>
#include <wx/notifmsg.h>

namespace clockout::ui {

Notifications::Notifications(std::function<void(int)> on_action) : on_action_(std::move(on_action)) {}

Notifications::~Notifications() = default;

void Notifications::notify(int slot, const wxString& title, const wxString& body,
                           const std::vector<std::pair<int, wxString>>& actions, int flags) {
    auto& notification = notifications_[slot];
    notification = std::make_unique<wxNotificationMessage>(title, body, nullptr, flags);
    // The calm app icon rather than the theme's warning triangle: a nudge is a reminder, not an alarm.
    notification->SetIcon(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48)));
    for (const auto& [id, label] : actions)
        notification->AddAction(id, label);
    notification->Bind(wxEVT_NOTIFICATION_MESSAGE_ACTION, [this](wxCommandEvent& e) {
        wxTheApp->CallAfter([on_action = on_action_, id = e.GetId()] { on_action(id); });
    });
    // A question stays until answered; an information goes by itself.
    if (!notification->Show(actions.empty() ? wxNotificationMessage::Timeout_Auto
                                            : wxNotificationMessage::Timeout_Never))
        spdlog::warn("notification not shown: {}", title.utf8_string());
}

}  // namespace clockout::ui
