// Desktop notifications from the tray agent (wxNotificationMessage: libnotify on Linux; on Windows toasts with a
// Visual Studio build, balloons from the tray icon with MinGW's). Where the notification cannot carry buttons (a
// balloon), a click on it opens them in a small window, so a question ("is this work?") can still be answered.
#include "ui/tray_parts.h"
#include "ui/ui_paths.h"

#include <spdlog/spdlog.h>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/icon.h>
#include <wx/notifmsg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace clockout::ui {

Notifications::Notifications(std::function<void(int)> on_action) : on_action_(std::move(on_action)) {}

Notifications::~Notifications() {
    if (question_)
        question_->Destroy();
}

void Notifications::notify(int slot, const wxString& title, const wxString& body,
                           const std::vector<std::pair<int, wxString>>& actions, int flags) {
    auto& notification = notifications_[slot];
    notification = std::make_unique<wxNotificationMessage>(title, body, nullptr, flags);
    // The calm app icon rather than the theme's warning triangle: a nudge is a reminder, not an alarm.
    notification->SetIcon(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48)));
    if (!actions.empty())
        waiting_.reset();  // a newer question replaces an unanswered one
    bool buttons = true;
    for (const auto& [id, label] : actions)
        buttons = notification->AddAction(id, label) && buttons;
    notification->Bind(wxEVT_NOTIFICATION_MESSAGE_ACTION, [this](wxCommandEvent& e) {
        wxTheApp->CallAfter([on_action = on_action_, id = e.GetId()] { on_action(id); });
    });
    if (!buttons) {
        waiting_ = Question{title, body, actions};
        notification->SetMessage(body + "\n" + _("Click here or on the Clockout icon to answer."));
        notification->Bind(wxEVT_NOTIFICATION_MESSAGE_CLICK, [this, title, body, actions](wxCommandEvent&) {
            wxTheApp->CallAfter([this, title, body, actions] { ask(title, body, actions); });
        });
    }
    // A question stays until answered; an information goes by itself.
    if (!notification->Show(actions.empty() ? wxNotificationMessage::Timeout_Auto
                                            : wxNotificationMessage::Timeout_Never))
        spdlog::warn("notification not shown: {}", title.utf8_string());
}

bool Notifications::ask_waiting() {
    if (!waiting_)
        return false;
    const Question question = *waiting_;
    ask(question.title, question.body, question.actions);
    return true;
}

void Notifications::ask(const wxString& title, const wxString& body,
                        const std::vector<std::pair<int, wxString>>& actions) {
    if (question_)
        question_->Destroy();  // an older question, unanswered: the new one replaces it
    auto* dialog = new wxDialog(nullptr, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
                                wxCAPTION | wxCLOSE_BOX | wxSTAY_ON_TOP);
    question_ = dialog;
    dialog->SetName("clockout-question");
    dialog->SetIcons(wxIconBundle(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48))));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(dialog, wxID_ANY, body), 0, wxALL, dialog->FromDIP(12));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    for (const auto& [id, label] : actions) {
        auto* button = new wxButton(dialog, wxID_ANY, label);
        button->Bind(wxEVT_BUTTON, [this, dialog, action = id](wxCommandEvent&) {
            question_ = nullptr;
            waiting_.reset();
            dialog->Destroy();
            wxTheApp->CallAfter([on_action = on_action_, action] { on_action(action); });
        });
        row->Add(button, 0, wxLEFT, dialog->FromDIP(8));
    }
    sizer->Add(row, 0, wxALIGN_RIGHT | wxALL, dialog->FromDIP(12));
    // Closed without an answer: as a notification left unanswered (the question's default).
    dialog->Bind(wxEVT_CLOSE_WINDOW, [this, dialog](wxCloseEvent&) {
        question_ = nullptr;
        dialog->Destroy();
    });
    dialog->SetSizerAndFit(sizer);
    dialog->CentreOnScreen();
    dialog->Show();
    dialog->Raise();
}

}  // namespace clockout::ui
