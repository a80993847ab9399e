// The firm nudge window. No timer: its counter is computed when it is shown, when the nudge repeats and when the
// worker comes back to it (the window is activated), so an idle agent never wakes up for it.
//
// A nudge never steals or locks a dialog the user is typing in (docs/nudges.md): while a modal dialog runs (the
// settings, the first run), wx disables every other window, so a nudge window shown then would cover the dialog with
// buttons that do not respond, and its Escape would reach the dialog and cancel the edits. It waits instead, and opens
// when the last modal dialog closes (tray_app.cpp also shows it as a notification meanwhile).
#include "app/report.h"
#include "ui/tray_parts.h"
#include "ui/ui_paths.h"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/modalhook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace clockout::ui {

namespace {
int g_modal_depth = 0;
}

class NudgeWindow::Hook final : public wxModalDialogHook {
  public:
    explicit Hook(NudgeWindow& window) : window_(window) { Register(); }
    ~Hook() override { Unregister(); }

  protected:
    int Enter(wxDialog*) override {
        ++g_modal_depth;
        return wxID_NONE;  // let the dialog run
    }
    void Exit(wxDialog*) override {
        g_modal_depth = std::max(0, g_modal_depth - 1);
        if (g_modal_depth == 0)
            wxTheApp->CallAfter([&window = window_] { window.on_modal_closed(); });
    }

  private:
    NudgeWindow& window_;
};

int NudgeWindow::modal_depth() {
    return g_modal_depth;
}

NudgeWindow::NudgeWindow(app::AgentRuntime& runtime, std::function<void(app::NudgeAnswer)> on_answer)
    : runtime_(runtime), on_answer_(std::move(on_answer)), hook_(std::make_unique<Hook>(*this)) {}

NudgeWindow::~NudgeWindow() {
    close();
}

void NudgeWindow::close() {
    waiting_.reset();
    if (dialog_)
        dialog_->Destroy();
    dialog_ = nullptr;
    counter_ = nullptr;
}

bool NudgeWindow::shown() const {
    return dialog_ && dialog_->IsShown();
}

void NudgeWindow::hide() {
    waiting_.reset();
    if (dialog_)
        dialog_->Hide();
}

bool NudgeWindow::show(const core::Nudge& nudge) {
    if (modal_depth() > 0) {
        spdlog::info("nudge window waits for the open dialog to close");
        waiting_ = nudge;
        return false;
    }
    build(nudge);
    return true;
}

void NudgeWindow::on_modal_closed() {
    if (!waiting_ || modal_depth() > 0)
        return;
    auto nudge = *waiting_;
    waiting_.reset();
    spdlog::info("nudge window opens: the dialog closed");
    build(nudge);
}

wxString NudgeWindow::overtime_text() const {
    std::int64_t overtime = current_->overtime_min;
    if (current_->day_end)
        overtime = std::max<std::int64_t>(
            0, std::chrono::duration_cast<std::chrono::minutes>(runtime_.clock().now() - *current_->day_end).count());
    return wxString::Format(_("%s past the end of your day"), u8(app::format_minutes(overtime)));
}

void NudgeWindow::answer(app::NudgeAnswer answer) {
    if (dialog_)
        dialog_->Hide();
    on_answer_(answer);
}

void NudgeWindow::build(const core::Nudge& nudge) {
    current_ = nudge;
    const auto& zone = *runtime_.context().zone;
    const auto now = runtime_.clock().now();
    const app::DayView view = runtime_.day_view();
    std::int64_t amplitude = std::max(nudge.amplitude_min, view.amplitude_min);
    if (!dialog_) {
        dialog_ = new wxDialog(nullptr, wxID_ANY, u8(app::nudge_title(nudge)), wxDefaultPosition, wxDefaultSize,
                               wxCAPTION | wxCLOSE_BOX | wxSTAY_ON_TOP);
        dialog_->SetName("clockout-nudge");
        dialog_->SetIcons(wxIconBundle(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48))));
        dialog_->Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { answer(app::NudgeAnswer::snooze); });
        // Back at the window after a while: the counter catches up (no timer keeps it moving).
        dialog_->Bind(wxEVT_ACTIVATE, [this](wxActivateEvent& e) {
            if (e.GetActive() && counter_ && current_)
                counter_->SetLabel(overtime_text());
            e.Skip();
        });
    }
    dialog_->DestroyChildren();
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    counter_ = new wxStaticText(dialog_, wxID_ANY, overtime_text());
    counter_->SetFont(counter_->GetFont().Bold().Scaled(1.4f));
    sizer->Add(counter_, 0, wxALL, dialog_->FromDIP(12));
    sizer->Add(new wxStaticText(dialog_, wxID_ANY,
                                wxString::Format(_("Amplitude today: %s"), u8(app::format_minutes(amplitude)))),
               0, wxLEFT | wxRIGHT, dialog_->FromDIP(12));
    if (nudge.latest_stop)
        sizer->Add(new wxStaticText(dialog_, wxID_ANY,
                                    wxString::Format(_("Stop before %s to keep 11 h of rest."),
                                                     u8(app::stop_time(zone, *nudge.latest_stop, now)))),
                   0, wxLEFT | wxRIGHT | wxTOP, dialog_->FromDIP(12));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    wxString snooze_label, done_label;  // nudge_buttons() always gives the firm nudge both
    for (const auto& button : app::nudge_buttons(nudge, runtime_.engine().settings().nudge)) {
        if (button.answer == app::NudgeAnswer::snooze)
            snooze_label = u8(button.label);
        if (button.answer == app::NudgeAnswer::done)
            done_label = u8(button.label);
    }
    auto* snooze = new wxButton(dialog_, wxID_CANCEL, snooze_label);  // Escape snoozes
    auto* done = new wxButton(dialog_, wxID_OK, done_label);
    done->SetDefault();
    buttons->Add(snooze, 0, wxRIGHT, dialog_->FromDIP(8));
    buttons->Add(done);
    sizer->Add(buttons, 0, wxALIGN_RIGHT | wxALL, dialog_->FromDIP(12));
    dialog_->SetSizerAndFit(sizer);
    snooze->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { answer(app::NudgeAnswer::snooze); });
    done->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { answer(app::NudgeAnswer::done); });
    if (!dialog_->IsShown()) {
        dialog_->CentreOnScreen();
        dialog_->Show();
        done->SetFocus();
    }
}

}  // namespace clockout::ui
