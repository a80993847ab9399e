// Clockout's headers before wx's: wx defines an N_ macro that would rewrite app::N_.
#include "app/i18n.h"
#include "core/settings.h"
#include "platform/autostart.h"
#include "ui/ui_paths.h"
#include "ui/windows.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <wx/stdpaths.h>

#include <array>
#include <sstream>

#if __has_include("platform/autostart.h")
#define CLOCKOUT_HAS_AUTOSTART 1
#endif

namespace clockout::ui {

namespace {

wxString u8(const std::string& s) {
    return wxString::FromUTF8(s);
}

std::vector<std::string> split_list(const wxString& text) {
    std::vector<std::string> parts;
    std::stringstream in(text.utf8_string());
    std::string part;
    while (std::getline(in, part, ',')) {
        auto a = part.find_first_not_of(" \t"), b = part.find_last_not_of(" \t");
        if (a != std::string::npos)
            parts.push_back(part.substr(a, b - a + 1));
    }
    return parts;
}

// A text field of ranges ("09:00-12:30, 13:30-17:30") with its problem shown beside it as the user types.
struct RangesField {
    wxTextCtrl* text = nullptr;
    wxStaticText* problem = nullptr;
    bool allow_empty = true;

    std::optional<std::vector<core::TimeRange>> ranges() const {
        std::vector<core::TimeRange> out;
        for (const auto& part : split_list(text->GetValue())) {
            auto r = core::parse_time_range(part);
            if (!r)
                return std::nullopt;
            out.push_back(*r);
        }
        return out;
    }
    bool validate() {
        wxString why;
        for (const auto& part : split_list(text->GetValue()))
            if (auto p = core::time_range_problem(part); !p.empty()) {
                why = u8(part) + ": " + wxGetTranslation(u8(p));
                break;
            }
        if (auto parsed = ranges(); why.empty() && parsed) {
            for (std::size_t i = 0; i < parsed->size() && why.empty(); ++i)
                for (std::size_t j = 0; j < i && why.empty(); ++j)
                    if (core::time_ranges_overlap((*parsed)[j], (*parsed)[i]))
                        why = wxString::Format(_("%s overlaps %s"), u8(core::format_time_range((*parsed)[i])),
                                               u8(core::format_time_range((*parsed)[j])));
        }
        if (why.empty() && !allow_empty && split_list(text->GetValue()).empty())
            why = _("write one range, e.g. 20:00-07:30");
        show_problem(why);
        return why.empty();
    }
    // The problem line takes room only while there is a problem, so the rows stay close; the dialog grows to show it
    // if it must, and never shrinks under the user's hands.
    void show_problem(const wxString& why) {
        const bool shown_changed = problem->IsShown() == why.empty();
        problem->SetLabel(why);
        problem->Show(!why.empty());
        if (shown_changed) {
            problem->GetParent()->Layout();
            if (wxWindow* top = wxGetTopLevelParent(problem)) {
                top->Layout();
                const wxSize best = top->GetBestSize(), now = top->GetSize();
                if (best.x > now.x || best.y > now.y)
                    top->SetSize(wxSize(std::max(best.x, now.x), std::max(best.y, now.y)));
            }
        }
    }
};

std::string join_ranges(const std::vector<core::TimeRange>& ranges) {
    std::string s;
    for (const auto& r : ranges)
        s += (s.empty() ? "" : ", ") + core::format_time_range(r);
    return s;
}

const std::array<const char*, 7> kDayNames = {N_("Monday"), N_("Tuesday"),  N_("Wednesday"), N_("Thursday"),
                                              N_("Friday"), N_("Saturday"), N_("Sunday")};

class SettingsDialog final : public wxDialog {
  public:
    SettingsDialog(app::AgentRuntime& runtime, bool first_run)
        : wxDialog(nullptr, wxID_ANY, first_run ? _("Welcome to Clockout") : _("Clockout settings"), wxDefaultPosition,
                   wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          runtime_(runtime),
          first_run_(first_run),
          settings_(runtime.context().settings) {
        SetIcons(wxIconBundle(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48))));
        auto* top = new wxBoxSizer(wxVERTICAL);
        if (first_run) {
            auto* intro = new wxStaticText(
                this, wxID_ANY,
                _("Tell Clockout when you work. It nudges you kindly when your day is over and keeps a private journal "
                  "on this computer only. You can change all of this later in Settings."));
            intro->Wrap(FromDIP(520));
            top->Add(intro, 0, wxALL, FromDIP(12));
            auto* page = new wxPanel(this);
            build_week(page);
            top->Add(page, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
#ifdef CLOCKOUT_HAS_AUTOSTART
            // Asked here too: most people set it once, on the first day. Unticked: Clockout does not start at login
            // until the worker asks for it (README, "First run").
            autostart_ = new wxCheckBox(this, wxID_ANY, _("Start Clockout when I log in"));
            autostart_->SetValue(false);
            top->Add(autostart_, 0, wxALL, FromDIP(12));
#endif
        } else {
            auto* book = new wxNotebook(this, wxID_ANY);
            auto* week = new wxPanel(book);
            build_week(week);
            book->AddPage(week, _("Week"));
            auto* nudges = new wxScrolledWindow(book);
            build_nudges(nudges);
            nudges->SetScrollRate(0, FromDIP(10));
            book->AddPage(nudges, _("Nudges and limits"));
            auto* general = new wxPanel(book);
            build_general(general);
            book->AddPage(general, _("General"));
            top->Add(book, 1, wxEXPAND | wxALL, FromDIP(8));
        }
        auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
        // Our own words on the buttons: wx's stock labels need its catalog, which is not always installed.
        FindWindow(wxID_OK)->SetLabel(first_run ? _("Start") : _("Save"));
        FindWindow(wxID_CANCEL)->SetLabel(first_run ? _("Later") : _("Cancel"));
        top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
        SetSizerAndFit(top);
        // Typing goes to Monday's windows, not to a button (a space would press it and close the dialog).
        Bind(wxEVT_INIT_DIALOG, [this](wxInitDialogEvent& e) {
            e.Skip();
            CallAfter([this] { days_[0].text->SetFocus(); });
        });
        SetMinSize(GetSize());
        FindWindow(wxID_OK)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
        Centre();
    }

  private:
    void build_week(wxWindow* page) {
        auto* grid = new wxFlexGridSizer(3, FromDIP(6), FromDIP(8));
        grid->AddGrowableCol(1);
        grid->Add(new wxStaticText(page, wxID_ANY, _("Working windows")), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(new wxStaticText(page, wxID_ANY, _("e.g. 09:00-12:30, 13:30-17:30; empty = no work")), 0,
                  wxALIGN_CENTER_VERTICAL);
        grid->Add(new wxStaticText(page, wxID_ANY, _("Rest day")), 0, wxALIGN_CENTER_VERTICAL);
        const auto& sched = settings_.schedule;
        for (std::size_t i = 0; i < 7; ++i) {
            // Labels sit level with their field, not with the field plus its problem line.
            grid->Add(new wxStaticText(page, wxID_ANY, wxGetTranslation(kDayNames[i])), 0, wxTOP, FromDIP(6));
            auto* col = new wxBoxSizer(wxVERTICAL);
            days_[i].text = new wxTextCtrl(page, wxID_ANY, u8(join_ranges(sched.windows[i])), wxDefaultPosition,
                                           FromDIP(wxSize(260, -1)));
            days_[i].problem = new wxStaticText(page, wxID_ANY, "");
            days_[i].problem->SetForegroundColour(wxColour(0xC0, 0x30, 0x30));
            days_[i].problem->Hide();
            col->Add(days_[i].text, 0, wxEXPAND);
            col->Add(days_[i].problem);
            grid->Add(col, 1, wxEXPAND);
            rest_[i] = new wxCheckBox(page, wxID_ANY, "");
            rest_[i]->SetValue(sched.rest_days[i]);
            grid->Add(rest_[i], 0, wxALIGN_CENTER_HORIZONTAL | wxTOP, FromDIP(4));
            days_[i].text->Bind(wxEVT_TEXT, [this, i](wxCommandEvent&) { days_[i].validate(); });
        }
        grid->Add(new wxStaticText(page, wxID_ANY, _("Quiet evenings")), 0, wxTOP, FromDIP(6));
        auto* col = new wxBoxSizer(wxVERTICAL);
        quiet_.allow_empty = true;
        quiet_.text = new wxTextCtrl(page, wxID_ANY,
                                     sched.quiet_evening ? u8(core::format_time_range(*sched.quiet_evening)) : "");
        quiet_.problem = new wxStaticText(page, wxID_ANY, "");
        quiet_.problem->SetForegroundColour(wxColour(0xC0, 0x30, 0x30));
        quiet_.problem->Hide();
        col->Add(quiet_.text, 0, wxEXPAND);
        col->Add(quiet_.problem);
        grid->Add(col, 1, wxEXPAND);
        grid->AddSpacer(1);
        quiet_.text->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { quiet_.validate(); });
        auto* box = new wxBoxSizer(wxVERTICAL);
        box->Add(grid, 1, wxEXPAND | wxALL, FromDIP(8));
        page->SetSizer(box);
    }

    // `min` is the parser's own lower bound (core/settings.cpp), so a spinner cannot reach a value the agent refuses.
    wxSpinCtrl* spin(wxWindow* page, wxFlexGridSizer* grid, const wxString& label, std::int64_t value, int min,
                     int max) {
        grid->Add(new wxStaticText(page, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        auto* s = new wxSpinCtrl(page, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, min, max,
                                 static_cast<int>(value));
        grid->Add(s);
        return s;
    }

    void build_nudges(wxWindow* page) {
        auto* grid = new wxFlexGridSizer(2, FromDIP(4), FromDIP(8));
        auto minutes = [](core::Seconds s) { return s.count() / 60; };
        const auto& n = settings_.nudge;
        const auto& l = settings_.limits;
        idle_ = spin(page, grid, _("Idle after (minutes)"), minutes(settings_.idle_threshold), 1, 120);
        pre_ = spin(page, grid, _("Notice before the day's end (minutes)"), minutes(n.pre_notice), 0, 120);
        firm_ = spin(page, grid, _("Nudge window after the end (minutes)"), minutes(n.firm_after), 0, 240);
        repeat_ = spin(page, grid, _("Repeat the nudge every (minutes)"), minutes(n.repeat), 1, 240);
        struct LimitRow {
            const char* label;
            std::int64_t core::Limits::*field;
        };
        static const LimitRow rows[] = {
            {N_("Amplitude, gentle notice (minutes)"), &core::Limits::amplitude_soft_min},
            {N_("Amplitude, firm notice (minutes)"), &core::Limits::amplitude_firm_min},
            {N_("Amplitude, legal benchmark (minutes)"), &core::Limits::amplitude_max_min},
            {N_("Active time, gentle notice (minutes)"), &core::Limits::active_soft_min},
            {N_("Active time, firm notice (minutes)"), &core::Limits::active_firm_min},
            {N_("Daily rest (minutes)"), &core::Limits::daily_rest_min},
            {N_("A break lasts at least (minutes)"), &core::Limits::break_min},
            {N_("A break is due after (minutes)"), &core::Limits::break_after_min},
            {N_("Week, gentle notice (minutes)"), &core::Limits::week_soft_min},
            {N_("Week, firm notice (minutes)"), &core::Limits::week_firm_min},
            {N_("12-week average (minutes)"), &core::Limits::avg12_high_min},
            {N_("Weekly rest (minutes)"), &core::Limits::weekly_rest_min},
        };
        for (const auto& row : rows)
            limits_.emplace_back(row.field, spin(page, grid, wxGetTranslation(row.label), l.*row.field, 1, 10080));
        page->SetSizer(new wxBoxSizer(wxVERTICAL));
        page->GetSizer()->Add(grid, 0, wxALL, FromDIP(8));
    }

    void build_general(wxWindow* page) {
        auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
        grid->AddGrowableCol(1);
        grid->Add(new wxStaticText(page, wxID_ANY, _("Public holidays")), 0, wxALIGN_CENTER_VERTICAL);
        holidays_ = new wxChoice(page, wxID_ANY);
        holidays_->Append(_("France"));
        holidays_->Append(_("France, Alsace-Moselle (with Good Friday and 26 December)"));
        holidays_->Append(_("None"));
        const auto& calendar = settings_.schedule.public_holidays;
        holidays_->SetSelection(calendar == "FR" ? 0 : calendar == "FR-AM" ? 1 : 2);
        grid->Add(holidays_);
        grid->Add(new wxStaticText(page, wxID_ANY, _("Leave")), 0, wxALIGN_CENTER_VERTICAL);
        auto* col = new wxBoxSizer(wxVERTICAL);
        std::string leave;
        for (const auto& r : settings_.schedule.leave)
            leave += (leave.empty() ? "" : ", ") + core::format_date_range(r);
        leave_ = new wxTextCtrl(page, wxID_ANY, u8(leave), wxDefaultPosition, FromDIP(wxSize(300, -1)));
        leave_problem_ = new wxStaticText(page, wxID_ANY, _("e.g. 2026-12-21..2027-01-02, 2027-05-14"));
        col->Add(leave_, 0, wxEXPAND);
        col->Add(leave_problem_);
        grid->Add(col, 1, wxEXPAND);
        leave_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { validate_leave(); });
        grid->Add(new wxStaticText(page, wxID_ANY, _("Language")), 0, wxALIGN_CENTER_VERTICAL);
        language_ = new wxChoice(page, wxID_ANY);
        language_->Append(_("Automatic"));
        language_->Append("Français");
        language_->Append("English");
        language_->SetSelection(settings_.language == "fr" ? 1 : settings_.language == "en" ? 2 : 0);
        grid->Add(language_);
#ifdef CLOCKOUT_HAS_AUTOSTART
        // Start at login: platform/autostart.h writes the XDG autostart entry (HKCU Run, LaunchAgent elsewhere).
        grid->AddSpacer(1);
        autostart_ = new wxCheckBox(page, wxID_ANY, _("Start Clockout when I log in"));
        autostart_->SetValue(platform::autostart_enabled());
        grid->Add(autostart_);
#endif
        page->SetSizer(new wxBoxSizer(wxVERTICAL));
        page->GetSizer()->Add(grid, 0, wxEXPAND | wxALL, FromDIP(8));
    }

    bool validate_leave() {
        if (!leave_)
            return true;
        for (const auto& part : split_list(leave_->GetValue()))
            if (!core::parse_date_range(part)) {
                leave_problem_->SetLabel(wxString::Format(_("%s is not a date or a range of dates"), u8(part)));
                return false;
            }
        leave_problem_->SetLabel(_("e.g. 2026-12-21..2027-01-02, 2027-05-14"));
        return true;
    }

    void save() {
        bool ok = quiet_.validate() & validate_leave();
        for (auto& d : days_)
            ok = d.validate() && ok;
        // A rest day has no working windows (the agent refuses both at once): said on that day's field.
        for (std::size_t i = 0; i < 7; ++i) {
            auto ranges = days_[i].ranges();
            if (rest_[i]->GetValue() && ranges && !ranges->empty()) {
                days_[i].show_problem(_("a rest day: empty this day or untick the box"));
                ok = false;
            }
        }
        if (!ok) {
            wxMessageBox(_("Some fields need fixing: see the notes in red."), GetTitle(), wxOK | wxICON_INFORMATION,
                         this);
            return;
        }
        core::Settings s = settings_;
        for (std::size_t i = 0; i < 7; ++i) {
            s.schedule.windows[i] = *days_[i].ranges();
            s.schedule.rest_days[i] = rest_[i]->GetValue();
        }
        auto quiet = quiet_.ranges();
        s.schedule.quiet_evening = quiet && !quiet->empty() ? std::optional(quiet->front()) : std::nullopt;
        if (!first_run_) {
            const int calendar_choice = holidays_->GetSelection();
            s.schedule.public_holidays = calendar_choice == 0 ? "FR" : calendar_choice == 1 ? "FR-AM" : "";
            s.schedule.leave.clear();
            for (const auto& part : split_list(leave_->GetValue()))
                s.schedule.leave.push_back(*core::parse_date_range(part));
            s.language = language_->GetSelection() == 1 ? "fr" : language_->GetSelection() == 2 ? "en" : "auto";
            s.idle_threshold = core::Seconds{idle_->GetValue() * 60};
            s.nudge.pre_notice = core::Seconds{pre_->GetValue() * 60};
            s.nudge.firm_after = core::Seconds{firm_->GetValue() * 60};
            s.nudge.repeat = core::Seconds{repeat_->GetValue() * 60};
            for (auto& [field, control] : limits_)
                s.limits.*field = control->GetValue();
        }
        // The agent reads what is written with the same parser: a file it would refuse is never written, and the
        // dialog stays open with the edits (before, it closed, the agent fell back to its defaults and the next save
        // overwrote the user's file with them).
        if (auto issues = core::check_settings(s); !issues.empty()) {
            wxString text = _("Clockout cannot use these settings yet; nothing was saved:");
            for (const auto& issue : issues) {
                text += wxString::FromUTF8("\n\n\u2022 ") + wxGetTranslation(u8(issue.message));
                if (!issue.fix.empty())
                    text +=
                        wxString::FromUTF8("\n   ") + wxString::Format(_("Fix: %s"), wxGetTranslation(u8(issue.fix)));
            }
            wxMessageBox(text, GetTitle(), wxOK | wxICON_INFORMATION, this);
            return;
        }
#ifdef CLOCKOUT_HAS_AUTOSTART
        if (autostart_ && autostart_->GetValue() != platform::autostart_enabled()) {
            // The running program's own path: right for a package (/usr/bin) and for a build tree alike.
            auto exe = wxStandardPaths::Get().GetExecutablePath().utf8_string();
            auto error = platform::set_autostart(autostart_->GetValue(), exe.empty() ? "clockout" : exe);
            if (!error.empty())
                wxMessageBox(u8(error), GetTitle(), wxOK | wxICON_WARNING, this);
        }
#endif
        auto error = core::write_settings_atomically(runtime_.context().user_config, s);
        if (!error.empty()) {
            wxMessageBox(u8(error), GetTitle(), wxOK | wxICON_WARNING, this);
            return;
        }
        EndModal(wxID_OK);
    }

    app::AgentRuntime& runtime_;
    bool first_run_;
    core::Settings settings_;
    std::array<RangesField, 7> days_;
    std::array<wxCheckBox*, 7> rest_{};
    RangesField quiet_;
    wxChoice* holidays_ = nullptr;
    wxTextCtrl* leave_ = nullptr;
    wxStaticText* leave_problem_ = nullptr;
    wxChoice* language_ = nullptr;
    wxSpinCtrl* idle_ = nullptr;
    wxSpinCtrl* pre_ = nullptr;
    wxSpinCtrl* firm_ = nullptr;
    wxSpinCtrl* repeat_ = nullptr;
    std::vector<std::pair<std::int64_t core::Limits::*, wxSpinCtrl*>> limits_;
#ifdef CLOCKOUT_HAS_AUTOSTART
    wxCheckBox* autostart_ = nullptr;
#endif
};

}  // namespace

bool run_settings_dialog(app::AgentRuntime& runtime, bool first_run) {
    SettingsDialog dialog(runtime, first_run);
    return dialog.ShowModal() == wxID_OK;
}

}  // namespace clockout::ui
