// Clockout's headers before wx's: wx defines an N_ macro that would rewrite app::N_.
#include "app/context.h"
#include "app/i18n.h"
#include "core/settings.h"
#include "core/settings_form.h"
#include "platform/autostart.h"
#include "ui/ui_paths.h"
#include "ui/windows.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/dirdlg.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <wx/stdpaths.h>

#include <array>
#include <map>
#include <string>

#if __has_include("platform/autostart.h")
#define CLOCKOUT_HAS_AUTOSTART 1
#endif

namespace clockout::ui {

namespace {

wxString u8(const std::string& s) {
    return wxString::FromUTF8(s);
}

// A text field with its problem shown under it, in the user's language, as the user types or on Save.
struct Field {
    wxTextCtrl* text = nullptr;
    wxStaticText* problem = nullptr;
    int page = 0;  // the notebook page that holds it

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

// A field's problem in the user's language: the template translated, then its parts (a reason such as "hours go from
// 00 to 24" is in the catalog; a time or a number is left as it is).
wxString problem_text(const core::FieldProblem& p) {
    std::vector<std::string> args;
    for (const auto& a : p.args)
        args.push_back(wxGetTranslation(u8(a)).utf8_string());
    return u8(core::fill_template(wxGetTranslation(u8(p.message)).utf8_string(), args));
}

const std::array<const char*, 7> kDayNames = {N_("Monday"), N_("Tuesday"),  N_("Wednesday"), N_("Thursday"),
                                              N_("Friday"), N_("Saturday"), N_("Sunday")};
const std::array<const char*, 7> kDayKeys = {"schedule.mon", "schedule.tue", "schedule.wed", "schedule.thu",
                                             "schedule.fri", "schedule.sat", "schedule.sun"};

// The labels of the duration fields, by schema key; ranges and units come from the schema (core/settings.cpp).
struct DurationRow {
    const char* key;
    const char* label;
};
const DurationRow kDurationRows[] = {
    {"idle.threshold", N_("Idle after")},
    {"nudge.pre_notice", N_("Notice before the day's end")},
    {"nudge.firm_after", N_("Nudge window after the end")},
    {"nudge.repeat", N_("Repeat the nudge every")},
    {"nudge.more_minutes", N_("\"More minutes\" gives")},
    {"nudge.snooze", N_("\"Snooze\" gives")},
    {"nudge.quiet_away", N_("Quiet-time question after an absence of")},
    {"nudge.screen_break", N_("Screen-break reminder after (0 = off)")},
    {"limits.amplitude_soft", N_("Amplitude, gentle notice")},
    {"limits.amplitude_firm", N_("Amplitude, firm notice")},
    {"limits.amplitude_max", N_("Amplitude, legal benchmark")},
    {"limits.active_soft", N_("Active time, gentle notice")},
    {"limits.active_firm", N_("Active time, firm notice")},
    {"limits.daily_rest", N_("Daily rest")},
    {"limits.break", N_("A break lasts at least")},
    {"limits.break_after", N_("A break is due after")},
    {"limits.week_soft", N_("Week, gentle notice")},
    {"limits.week_firm", N_("Week, firm notice")},
    {"limits.avg12_high", N_("12-week average")},
    {"limits.weekly_rest", N_("Weekly rest")},
    {"limits.reconnect_gap", N_("A reconnection after an absence of")},
};

class SettingsDialog final : public wxDialog {
  public:
    SettingsDialog(app::AgentRuntime& runtime, bool first_run)
        : wxDialog(nullptr, wxID_ANY, first_run ? _("Welcome to Clockout") : _("Clockout settings"), wxDefaultPosition,
                   wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          runtime_(runtime),
          first_run_(first_run),
          settings_(runtime.context().settings),
          shown_(core::form_from_settings(settings_)) {
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
            build_week(page, 0);
            top->Add(page, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
            // Offered, not imposed (issue 14): off unless ticked; 55 min, the usual advice being a pause about hourly.
            screen_break_ = new wxCheckBox(this, wxID_ANY,
                                           _("Remind me to take a screen break after 55 minutes "
                                             "without a pause (you can change this later)"));
            screen_break_->SetValue(settings_.nudge.screen_break > core::Seconds{0});
            top->Add(screen_break_, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
#ifdef CLOCKOUT_HAS_AUTOSTART
            // Asked here too: most people set it once, on the first day. Unticked: Clockout does not start at login
            // until the worker asks for it (README, "First run").
            autostart_ = new wxCheckBox(this, wxID_ANY, _("Start Clockout when I log in"));
            autostart_->SetValue(false);
            top->Add(autostart_, 0, wxALL, FromDIP(12));
#endif
        } else {
            book_ = new wxNotebook(this, wxID_ANY);
            auto* week = new wxPanel(book_);
            build_week(week, 0);
            book_->AddPage(week, _("Week"));
            auto* nudges = new wxScrolledWindow(book_);
            build_nudges(nudges, 1);
            nudges->SetScrollRate(0, FromDIP(10));
            book_->AddPage(nudges, _("Nudges and limits"));
            auto* general = new wxPanel(book_);
            build_general(general, 2);
            book_->AddPage(general, _("General"));
            top->Add(book_, 1, wxEXPAND | wxALL, FromDIP(8));
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
            CallAfter([this] { fields_.at(kDayKeys[0]).text->SetFocus(); });
        });
        SetMinSize(GetSize());
        FindWindow(wxID_OK)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
        Centre();
    }

  private:
    // A text field for the schema key `key`, with its problem line, checked as the user types.
    wxSizer* add_field(wxWindow* page, const std::string& key, int page_index, int width) {
        auto* col = new wxBoxSizer(wxVERTICAL);
        Field field;
        field.page = page_index;
        field.text =
            new wxTextCtrl(page, wxID_ANY, u8(shown_.text.at(key)), wxDefaultPosition, FromDIP(wxSize(width, -1)));
        field.problem = new wxStaticText(page, wxID_ANY, "");
        // The system's error colour is not offered by wx; this red reads on light and dark themes alike.
        field.problem->SetForegroundColour(wxColour(0xD0, 0x40, 0x40));
        field.problem->Hide();
        col->Add(field.text, 0, wxEXPAND);
        col->Add(field.problem);
        field.text->Bind(wxEVT_TEXT, [this, key](wxCommandEvent&) { check_field(key); });
        fields_[key] = field;
        return col;
    }

    void build_week(wxWindow* page, int page_index) {
        auto* grid = new wxFlexGridSizer(3, FromDIP(6), FromDIP(8));
        grid->AddGrowableCol(1);
        grid->Add(new wxStaticText(page, wxID_ANY, _("Working windows")), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(new wxStaticText(page, wxID_ANY, _("e.g. 09:00-12:30, 13:30-17:30; empty = no work")), 0,
                  wxALIGN_CENTER_VERTICAL);
        grid->Add(new wxStaticText(page, wxID_ANY, _("Rest day")), 0, wxALIGN_CENTER_VERTICAL);
        for (std::size_t i = 0; i < 7; ++i) {
            // Labels sit level with their field, not with the field plus its problem line.
            grid->Add(new wxStaticText(page, wxID_ANY, wxGetTranslation(kDayNames[i])), 0, wxTOP, FromDIP(6));
            grid->Add(add_field(page, kDayKeys[i], page_index, 260), 1, wxEXPAND);
            rest_[i] = new wxCheckBox(page, wxID_ANY, "");
            rest_[i]->SetValue(shown_.rest_days[i]);
            grid->Add(rest_[i], 0, wxALIGN_CENTER_HORIZONTAL | wxTOP, FromDIP(4));
            rest_[i]->Bind(wxEVT_CHECKBOX, [this, i](wxCommandEvent&) { check_field(kDayKeys[i]); });
        }
        grid->Add(new wxStaticText(page, wxID_ANY, _("Quiet evenings")), 0, wxTOP, FromDIP(6));
        grid->Add(add_field(page, "quiet.evenings", page_index, 260), 1, wxEXPAND);
        grid->AddSpacer(1);
        auto* box = new wxBoxSizer(wxVERTICAL);
        box->Add(grid, 1, wxEXPAND | wxALL, FromDIP(8));
        page->SetSizer(box);
    }

    // Two columns: the idle threshold and the nudges on the left, the limits (in hours) on the right, so every field
    // shows without scrolling on a laptop screen.
    void build_nudges(wxWindow* page, int page_index) {
        auto* grid = new wxFlexGridSizer(4, FromDIP(4), FromDIP(8));
        grid->AddGrowableCol(1);
        std::vector<const DurationRow*> left, right;
        for (const auto& row : kDurationRows)
            (std::string_view(row.key).rfind("limits.", 0) == 0 ? right : left).push_back(&row);
        for (std::size_t r = 0; r < std::max(left.size(), right.size()); ++r) {
            for (const auto* side : {&left, &right}) {
                if (r >= side->size()) {
                    grid->AddSpacer(1);
                    grid->AddSpacer(1);
                    continue;
                }
                const DurationRow& row = *(*side)[r];
                const std::string_view key(row.key);
                const auto dot = key.find('.');
                const auto* spec = core::find_setting(key.substr(0, dot), key.substr(dot + 1));
                grid->Add(new wxStaticText(page, wxID_ANY, wxGetTranslation(row.label)), 0,
                          wxTOP | (side == &right ? wxLEFT : 0), FromDIP(6));
                auto* field = add_field(page, row.key, page_index, 100);
                // The range the agent accepts, in the field's unit: "from 0 h 01 to 168 h".
                if (spec)
                    fields_[row.key].text->SetToolTip(
                        wxString::Format(_("From %s to %s"), u8(core::format_field_duration(spec->min, spec->unit)),
                                         u8(core::format_field_duration(spec->max, spec->unit))));
                grid->Add(field);
            }
        }
        page->SetSizer(new wxBoxSizer(wxVERTICAL));
        page->GetSizer()->Add(grid, 0, wxALL, FromDIP(8));
        // Tall enough for every row (the page scrolls only on a screen too small for it).
        page->SetMinSize(wxSize(-1, std::min(page->GetSizer()->CalcMin().y, wxGetDisplaySize().y * 3 / 4)));
    }

    void build_general(wxWindow* page, int page_index) {
        auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
        grid->AddGrowableCol(1);
        grid->Add(new wxStaticText(page, wxID_ANY, _("Public holidays")), 0, wxALIGN_CENTER_VERTICAL);
        holidays_ = new wxChoice(page, wxID_ANY);
        holidays_->Append(_("France"));
        holidays_->Append(_("France, Alsace-Moselle (with Good Friday and 26 December)"));
        holidays_->Append(_("None"));
        const auto& calendar = shown_.text.at("quiet.public_holidays");
        holidays_->SetSelection(calendar == "FR" ? 0 : calendar == "FR-AM" ? 1 : 2);
        grid->Add(holidays_);
        grid->Add(new wxStaticText(page, wxID_ANY, _("Leave")), 0, wxTOP, FromDIP(6));
        auto* col = new wxBoxSizer(wxVERTICAL);
        col->Add(add_field(page, "quiet.leave", page_index, 300), 0, wxEXPAND);
        col->Add(new wxStaticText(page, wxID_ANY, _("e.g. 2026-12-21..2027-01-02, 2027-05-14")));
        grid->Add(col, 1, wxEXPAND);
        grid->Add(new wxStaticText(page, wxID_ANY, _("The work day begins at")), 0, wxTOP, FromDIP(6));
        grid->Add(add_field(page, "schedule.day_start", page_index, 80));
        grid->Add(new wxStaticText(page, wxID_ANY, _("Language")), 0, wxALIGN_CENTER_VERTICAL);
        language_ = new wxChoice(page, wxID_ANY);
        language_->Append(_("Automatic"));
        language_->Append(wxString::FromUTF8("Français"));  // not through the C locale: it may not be UTF-8
        language_->Append("English");
        const auto& language = shown_.text.at("ui.language");
        language_->SetSelection(language == "fr" ? 1 : language == "en" ? 2 : 0);
        grid->Add(language_);
        // [calls] detect: only the fact of a call is recorded, never which program (docs/settings.md).
        grid->AddSpacer(1);
        calls_ =
            new wxCheckBox(page, wxID_ANY, _("Count my calls as work (the microphone in use), even with no typing"));
        calls_->SetValue(shown_.text.at("calls.detect") == "true");
        grid->Add(calls_);
        // [devices] folder: a folder the worker's sync engine keeps on each computer (docs/devices.md).
        grid->Add(new wxStaticText(page, wxID_ANY, _("Devices folder")), 0, wxTOP, FromDIP(6));
        auto* devices = new wxBoxSizer(wxVERTICAL);
        auto* folder_row = new wxBoxSizer(wxHORIZONTAL);
        folder_row->Add(add_field(page, "devices.folder", page_index, 300), 1, wxEXPAND);
        // Picked rather than typed: the folder the sync engine made (Nextcloud, OneDrive, Syncthing).
        auto* pick = new wxButton(page, wxID_ANY, _("Choose..."));
        pick->Bind(wxEVT_BUTTON, [this, page](wxCommandEvent&) {
            auto* text = fields_.at("devices.folder").text;
            wxDirDialog dialog(page, _("The folder your computers share"), text->GetValue(),
                               wxDD_DEFAULT_STYLE | wxDD_DIR_MUST_EXIST);
            if (dialog.ShowModal() == wxID_OK)
                text->SetValue(dialog.GetPath());  // checked as typed text is (wxEVT_TEXT)
        });
        folder_row->Add(pick, 0, wxLEFT | wxALIGN_TOP, FromDIP(6));
        devices->Add(folder_row, 0, wxEXPAND);
        devices->Add(new wxStaticText(page, wxID_ANY, _("a folder you sync between your computers; empty = off")));
        grid->Add(devices, 1, wxEXPAND);
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

    // What the fields hold; the first-run page has no field for the rest, which keep the values in force.
    core::SettingsForm form() const {
        core::SettingsForm f = shown_;
        for (const auto& [key, field] : fields_)
            f.text[key] = field.text->GetValue().utf8_string();
        for (std::size_t i = 0; i < 7; ++i)
            f.rest_days[i] = rest_[i]->GetValue();
        if (holidays_) {
            const int h = holidays_->GetSelection();
            f.text["quiet.public_holidays"] = h == 0 ? "FR" : h == 1 ? "FR-AM" : "";
        }
        if (language_) {
            const int l = language_->GetSelection();
            f.text["ui.language"] = l == 1 ? "fr" : l == 2 ? "en" : "auto";
        }
        if (calls_)
            f.text["calls.detect"] = calls_->GetValue() ? "true" : "false";
        if (screen_break_ && screen_break_->GetValue() != (settings_.nudge.screen_break > core::Seconds{0}))
            f.text["nudge.screen_break"] = core::format_field_duration(
                screen_break_->GetValue() ? core::Seconds{55 * 60} : core::Seconds{0}, core::DisplayUnit::minutes);
        return f;
    }

    // As the user types: the problem of this one field, by the same rules as Save.
    void check_field(const std::string& key) {
        const auto result = core::settings_from_form(form(), settings_);
        wxString why;
        for (const auto& p : result.problems)
            if (p.field == key) {
                why = problem_text(p);
                break;
            }
        if (auto it = fields_.find(key); it != fields_.end())
            it->second.show_problem(why);
    }

    void save() {
        // The whole result through the agent's own parser (settings_from_form ends with core::check_settings): a file
        // the agent would refuse is never written, and the dialog stays open with the edits, each problem on its field.
        const auto result = core::settings_from_form(form(), settings_);
        for (auto& [key, field] : fields_)
            field.show_problem("");
        wxString elsewhere;
        int first_page = -1;
        for (const auto& p : result.problems) {
            auto it = fields_.find(p.field);
            if (it == fields_.end()) {
                elsewhere += wxString::FromUTF8("\n\u2022 ") + problem_text(p);
                continue;
            }
            if (!it->second.problem->IsShown())
                it->second.show_problem(problem_text(p));
            if (first_page < 0)
                first_page = it->second.page;
        }
        if (!result.ok()) {
            if (book_ && first_page >= 0)
                book_->SetSelection(static_cast<std::size_t>(first_page));
            wxString text = _("Some fields need fixing: see the notes in red.");
            if (!elsewhere.empty())
                text += "\n" + _("Clockout cannot use these settings yet; nothing was saved:") + elsewhere;
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
        auto error = app::write_settings_file(runtime_.context().user_config, result.settings);
        if (!error.empty()) {
            wxMessageBox(u8(error), GetTitle(), wxOK | wxICON_WARNING, this);
            return;
        }
        EndModal(wxID_OK);
    }

    app::AgentRuntime& runtime_;
    bool first_run_;
    core::Settings settings_;
    core::SettingsForm shown_;
    std::map<std::string, Field> fields_;
    std::array<wxCheckBox*, 7> rest_{};
    wxNotebook* book_ = nullptr;
    wxChoice* holidays_ = nullptr;
    wxChoice* language_ = nullptr;
    wxCheckBox* calls_ = nullptr;
    wxCheckBox* screen_break_ = nullptr;  // the first-run page's offer
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
