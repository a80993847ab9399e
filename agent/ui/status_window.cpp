// The status window: the day's figures (the same lines as the menu and `clockout status`) and the commands.
#include "app/report.h"
#include "ui/tray_parts.h"
#include "ui/ui_paths.h"

#include <spdlog/spdlog.h>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/frame.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace clockout::ui {

bool StatusWindow::shown() const {
    return frame_ && frame_->IsShown();
}

void StatusWindow::close() {
    if (frame_)
        frame_->Destroy();
    frame_ = nullptr;
}

void StatusWindow::show(const app::DayView& view, const core::TimeZone& zone, const std::string& settings_problem) {
    close();
    // Rebuilt on each show: it is small, and its figures are then always current.
    frame_ = new wxFrame(nullptr, wxID_ANY, _("Clockout status"), wxDefaultPosition, wxDefaultSize,
                         wxDEFAULT_FRAME_STYLE & ~wxMAXIMIZE_BOX);
    frame_->SetIcons(wxIconBundle(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48))));
    auto* panel = new wxPanel(frame_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    std::vector<std::string> lines{app::day_view_heading(view)};
    for (const auto& line : app::day_view_lines(view, zone))
        lines.push_back(line);
    std::string logged;
    for (const auto& line : lines) {
        sizer->Add(new wxStaticText(panel, wxID_ANY, u8(line)), 0, wxLEFT | wxRIGHT | wxTOP, panel->FromDIP(10));
        logged += (logged.empty() ? "" : " | ") + line;
    }
    // Figures only (never anything typed): the GUI tests compare them with `clockout status`.
    spdlog::info("status window: {}", logged);
    // A problem in the user's settings file stays in view until it is mended (the notification is shown once).
    if (!settings_problem.empty()) {
        auto* problem = new wxStaticText(panel, wxID_ANY, u8(settings_problem));
        problem->Wrap(panel->FromDIP(460));
        sizer->Add(problem, 0, wxLEFT | wxRIGHT | wxTOP, panel->FromDIP(10));
    }
    auto* buttons = new wxGridSizer(2, panel->FromDIP(6), panel->FromDIP(6));
    std::vector<std::pair<int, wxString>> entries = {{id_done, _("I'm done for today")},
                                                     {id_pause_hour, _("Pause tracking for 1 hour")},
                                                     {id_summary, _("Weekly summary")},
                                                     {id_settings, _("Settings...")},
                                                     {id_quit, _("Quit")}};
    if (view.paused)
        entries[1] = {id_resume, _("Resume tracking")};
    for (const auto& [id, label] : entries) {
        auto* b = new wxButton(panel, id, label);
        b->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
            wxTheApp->CallAfter([on_command = on_command_, id = e.GetId()] { on_command(id); });
        });
        buttons->Add(b, 0, wxEXPAND);
    }
    sizer->Add(buttons, 0, wxEXPAND | wxALL, panel->FromDIP(10));
    panel->SetSizer(sizer);
    sizer->SetSizeHints(frame_);
    frame_->Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { close(); });
    frame_->Centre();
    frame_->Show();
    frame_->Raise();
}

}  // namespace clockout::ui
