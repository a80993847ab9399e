// Clockout's headers before wx's: wx defines an N_ macro that would rewrite app::N_.
#include "app/i18n.h"
#include "app/journal_access.h"
#include "app/period_report.h"
#include "app/report.h"
#include "ui/summary_chart.h"
#include "ui/ui_paths.h"
#include "ui/windows.h"

#include <wx/accel.h>
#include <wx/busyinfo.h>
#include <wx/button.h>
#include <wx/dcbuffer.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/utils.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace clockout::ui {

namespace {

// One line per kind of threshold: "13 h or more" says all that "10 h or more" and "12 h or more" would.
std::vector<std::string> strongest(const std::vector<std::string>& flags) {
    auto has = [&](const char* f) { return std::find(flags.begin(), flags.end(), f) != flags.end(); };
    std::vector<std::string> out;
    for (const auto& f : flags) {
        if ((f == "amplitude_soft" && (has("amplitude_firm") || has("amplitude_max"))) ||
            (f == "amplitude_firm" && has("amplitude_max")) || (f == "active_soft" && has("active_firm")) ||
            (f == "week_soft" && has("week_firm")))
            continue;
        out.push_back(f);
    }
    return out;
}

class ChartPanel final : public wxPanel {
  public:
    explicit ChartPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
        SetBackgroundStyle(wxBG_STYLE_PAINT);
        SetMinSize(FromDIP(wxSize(760, 300)));
        Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
        Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
            Refresh();
            e.Skip();
        });
    }
    void set(core::WeekMetrics week, std::vector<core::Interval> intervals, std::shared_ptr<const core::Schedule> s) {
        week_ = std::move(week);
        intervals_ = std::move(intervals);
        schedule_ = std::move(s);
        Refresh();
    }
    void set_colours(const ChartColours& colours) {
        colours_ = colours;
        Refresh();
    }

  private:
    void paint() {
        wxAutoBufferedPaintDC dc(this);
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
        if (gc && schedule_)
            draw_week_chart(*gc, week_, intervals_, *schedule_, colours_, GetClientSize());
    }

    core::WeekMetrics week_;
    std::vector<core::Interval> intervals_;
    std::shared_ptr<const core::Schedule> schedule_;
    ChartColours colours_ = ChartColours::from_system();
};

class SummaryFrame final : public wxFrame {
  public:
    SummaryFrame(app::AgentRuntime& runtime, core::Date monday)
        : wxFrame(nullptr, wxID_ANY, _("Weekly summary"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_FRAME_STYLE),
          runtime_(runtime),
          monday_(monday) {
        SetIcons(wxIconBundle(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48))));
        auto* panel = panel_ = new wxPanel(this);
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        auto* nav = new wxBoxSizer(wxHORIZONTAL);
        auto* prev = new wxButton(panel, wxID_BACKWARD, _("Previous week"));
        title_ = new wxStaticText(panel, wxID_ANY, "");
        title_->SetFont(title_->GetFont().Bold().Scaled(1.1f));
        auto* next = new wxButton(panel, wxID_FORWARD, _("Next week"));
        nav->Add(prev, 0, wxALIGN_CENTER_VERTICAL);
        nav->AddStretchSpacer();
        nav->Add(title_, 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, FromDIP(16));  // never against a button
        nav->AddStretchSpacer();
        nav->Add(next, 0, wxALIGN_CENTER_VERTICAL);
        sizer->Add(nav, 0, wxEXPAND | wxALL, FromDIP(8));
        // The legend names the colours draw_week_chart uses (ChartColours): window_shade is the active colour mixed
        // into the background, so "a faint tint" holds in light and dark themes alike.
        auto* legend = new wxStaticText(panel, wxID_ANY,
                                        _("Background bands, a faint tint of the bars' colour: your working windows. "
                                          "Bars: active time; teal: calls (counted as work); amber: activity in "
                                          "your quiet hours; grey: personal time. Right: amplitude / active time."));
        legend->Wrap(FromDIP(740));
        sizer->Add(legend, 0, wxLEFT | wxRIGHT, FromDIP(8));
        chart_ = new ChartPanel(panel);
        sizer->Add(chart_, 1, wxEXPAND | wxALL, FromDIP(8));
        totals_ = new wxStaticText(panel, wxID_ANY, "");
        sizer->Add(totals_, 0, wxLEFT | wxRIGHT, FromDIP(8));
        flags_ = new wxStaticText(panel, wxID_ANY, "");
        sizer->Add(flags_, 0, wxALL, FromDIP(8));
        auto* buttons = new wxBoxSizer(wxHORIZONTAL);
        auto* exp = new wxButton(panel, wxID_SAVEAS, _("Export..."));
        // The month and the year of the shown week (its Thursday's, as ISO counts it), as a page to print or keep.
        auto* month = new wxButton(panel, wxID_ANY, _("&Month report"));
        auto* year = new wxButton(panel, wxID_ANY, _("&Year report"));
        month->SetToolTip(_("Opens the month's page in your browser, to print or save as PDF"));
        year->SetToolTip(_("Opens the year's page in your browser, to print or save as PDF"));
        auto* close = new wxButton(panel, wxID_CLOSE, _("Close"));
        buttons->Add(exp);
        buttons->Add(month, 0, wxLEFT, FromDIP(8));
        buttons->Add(year, 0, wxLEFT, FromDIP(8));
        buttons->AddStretchSpacer();
        buttons->Add(close);
        sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
        panel->SetSizer(sizer);
        sizer->SetSizeHints(this);

        prev->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_week(add_days(monday_, -7)); });
        next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_week(add_days(monday_, 7)); });
        exp->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_week(); });
        month->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_page(app::PeriodKind::month); });
        year->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_page(app::PeriodKind::year); });
        close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Close(); });
        // Escape closes it, like a dialog; Page Up / Page Down step through the weeks.
        wxAcceleratorEntry keys[] = {{wxACCEL_NORMAL, WXK_ESCAPE, wxID_CLOSE},
                                     {wxACCEL_NORMAL, WXK_PAGEUP, wxID_BACKWARD},
                                     {wxACCEL_NORMAL, WXK_PAGEDOWN, wxID_FORWARD}};
        SetAcceleratorTable(wxAcceleratorTable(3, keys));
        Bind(
            wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_CLOSE);
        Bind(
            wxEVT_MENU, [this](wxCommandEvent&) { show_week(add_days(monday_, -7)); }, wxID_BACKWARD);
        Bind(
            wxEVT_MENU, [this](wxCommandEvent&) { show_week(add_days(monday_, 7)); }, wxID_FORWARD);
        // The chart follows the theme: dark mode switched while the window is open re-colours it.
        Bind(wxEVT_SYS_COLOUR_CHANGED, [this](wxSysColourChangedEvent& e) {
            CallAfter([this] { chart_->set_colours(ChartColours::from_system()); });
            e.Skip();
        });
        Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) {
            instance_ = nullptr;
            Destroy();
        });
        show_week(monday);
        Centre();
    }

    void show_week(core::Date monday) {
        monday_ = monday;
        auto& context = runtime_.context();
        const core::LiveIntervals live = runtime_.engine().intervals();
        auto week =
            core::compute_week(live, monday, *context.schedule, context.settings.limits, runtime_.clock().now());
        auto intervals = live.intervals_for_days(monday, add_days(monday, 6));
        title_->SetLabel(wxString::Format(_("Week %s, %s to %s"), wxString::FromUTF8(week.week),
                                          wxString::FromUTF8(app::format_day_label(monday)),
                                          wxString::FromUTF8(app::format_day_label(add_days(monday, 6)))));
        // The same sentence as `clockout report`: the average names its weeks while fewer than 12 exist.
        totals_->SetLabel(wxString::FromUTF8(app::week_totals(week)));
        // Day flags name their day, so "13 h or more" can be found on the chart; week flags stand alone.
        wxString flags;
        for (const auto& day : week.days)
            for (const auto& flag : strongest(day.flags))
                flags += wxString::FromUTF8("• " + app::trf("{}: {}", app::format_day_label(day.date),
                                                            app::flag_words(flag, context.settings.limits))) +
                         "\n";
        for (const auto& flag : strongest(week.flags))
            flags += wxString::FromUTF8("• " + app::week_flag_words(flag, week, context.settings.limits)) + "\n";
        if (flags.empty())
            flags = _("No benchmark was crossed this week.");
        flags_->SetLabel(flags.Trim());
        chart_->set(std::move(week), std::move(intervals), context.schedule);
        // The flags list changes length from week to week: the window takes the size its content needs.
        panel_->GetSizer()->SetSizeHints(this);
        panel_->Layout();
    }

    void export_week() {
        wxFileDialog dialog(this, _("Export the week"), "",
                            wxString::Format("clockout-%s.csv", core::iso_week_label(monday_)),
                            _("CSV files (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() != wxID_OK)
            return;
        auto text =
            app::export_text(runtime_.engine().intervals(), app::ExportFormat::csv, monday_, add_days(monday_, 6));
        std::ofstream out(dialog.GetPath().utf8_string(), std::ios::binary);
        out << text;
        if (!out)
            wxMessageBox(_("The file could not be written."), _("Export"), wxOK | wxICON_WARNING, this);
    }

    // Writes the page (data folder, reports/) and opens it in the default browser; the path is logged, and said if
    // no browser opens it.
    void open_page(app::PeriodKind kind) {
        wxBusyCursor busy;
        const auto& context = runtime_.context();
        const core::LiveIntervals live = runtime_.engine().intervals();
        const auto now = runtime_.clock().now();
        const auto period = app::compute_period(live, context, kind, add_days(monday_, 3), now);
        std::filesystem::path file;
        const std::string error =
            app::save_period_page(context, period, app::period_page(live, context, period, now), file);
        if (!error.empty()) {
            wxMessageBox(wxString::FromUTF8(error), _("Report"), wxOK | wxICON_WARNING, this);
            return;
        }
        spdlog::info("report page written: {}", file.string());
        const wxString url = wxFileName::FileNameToURL(wxFileName(wxString::FromUTF8(file.string())));
        if (!wxLaunchDefaultBrowser(url))
            wxMessageBox(wxString::Format(_("The page is ready but no browser opened it. Open it yourself: %s"),
                                          wxString::FromUTF8(file.string())),
                         _("Report"), wxOK | wxICON_INFORMATION, this);
    }

    static SummaryFrame* instance_;

  private:
    app::AgentRuntime& runtime_;
    core::Date monday_;
    wxStaticText* title_ = nullptr;
    wxStaticText* totals_ = nullptr;
    wxStaticText* flags_ = nullptr;
    ChartPanel* chart_ = nullptr;
    wxPanel* panel_ = nullptr;
};

SummaryFrame* SummaryFrame::instance_ = nullptr;

}  // namespace

void show_summary(app::AgentRuntime& runtime, core::Date monday) {
    if (!SummaryFrame::instance_)
        SummaryFrame::instance_ = new SummaryFrame(runtime, monday);
    else
        SummaryFrame::instance_->show_week(monday);
    SummaryFrame::instance_->Show();
    SummaryFrame::instance_->Raise();
}

}  // namespace clockout::ui
