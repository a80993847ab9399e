
// Clockout's headers before wx's: wx defines an N_ macro that would rewrite app::N_.
#include "ui/tray_app.h"

#include "app/agent.h"
#include "app/i18n.h"
#include "app/report.h"
#include "platform/tray_host.h"
#include "ui/ui_paths.h"
#include "ui/windows.h"

#include <dlfcn.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <gio/gio.h>
#include <gtk/gtk.h>
#include <libayatana-appindicator/app-indicator.h>
#include <spdlog/spdlog.h>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/frame.h>
#include <wx/menu.h>
#include <wx/notifmsg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/taskbar.h>
#include <wx/timer.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

namespace clockout::ui {

namespace {

wxString u8(const std::string& s) {
    return wxString::FromUTF8(s);
}

// libnotify names the image hint after the server's spec version ("image-data" from 1.2), which it learns only when it
// first talks to the server; wx sets the image before that, so the first notifications carried the old "icon_data"
// hint, which servers rank below the icon name: the theme's warning triangle showed instead of Clockout's calm icon.
// Asking the server for its information once, early, settles the version. libnotify comes with wx (no header here).
void prime_libnotify(const wxString& app_name) {
    using Init = int (*)(const char*);
    using Info = int (*)(char**, char**, char**, char**);
    auto init = reinterpret_cast<Init>(dlsym(RTLD_DEFAULT, "notify_init"));
    auto info = reinterpret_cast<Info>(dlsym(RTLD_DEFAULT, "notify_get_server_info"));
    if (init == nullptr || info == nullptr || init(app_name.utf8_str()) == 0)
        return;
    char* fields[4] = {nullptr, nullptr, nullptr, nullptr};
    if (info(&fields[0], &fields[1], &fields[2], &fields[3]) != 0)
        spdlog::info("notification server: {} {} (spec {})", fields[0] ? fields[0] : "?", fields[2] ? fields[2] : "?",
                     fields[3] ? fields[3] : "?");
    for (char* field : fields)
        g_free(field);
}

enum class TrayState { day, late, quiet, paused };

const char* icon_stem(TrayState state) {
    switch (state) {
        case TrayState::day:
            return "tray-day";
        case TrayState::late:
            return "tray-late";
        case TrayState::quiet:
            return "tray-quiet";
        case TrayState::paused:
            return "tray-paused";
    }
    return "tray-day";
}

enum MenuId {
    id_done = wxID_HIGHEST + 1,
    id_pause_hour,
    id_pause_tomorrow,
    id_resume,
    id_summary,
    id_settings,
    id_status,
    id_quit,
    id_info,
};

constexpr int kInfoSlot = 100;

// Notification action ids: libnotify sends them over D-Bus as their decimal text; 101 + the answer (101 = done).
constexpr int kFirstAction = 101;
int action_of(app::NudgeAnswer answer) {
    return kFirstAction + static_cast<int>(answer);
}
constexpr int act_done = kFirstAction + static_cast<int>(app::NudgeAnswer::done);
constexpr int act_snooze = kFirstAction + static_cast<int>(app::NudgeAnswer::snooze);

/// The figures the menu, the status window and the nudge window show.
struct Today {
    wxString active_amplitude;
    wxString day_end;
    wxString latest_stop;
    TrayState state = TrayState::day;
};

class ClockoutApp;

// Both trays show the same menu; only how it is attached differs.
class Tray {
  public:
    virtual ~Tray() = default;
    virtual void set_state(TrayState state) = 0;
    virtual const char* name() const = 0;
};

class ClockoutApp final : public wxApp {
  public:
    ClockoutApp(app::AgentRuntime& runtime) : runtime_(runtime) {}
    bool OnInit() override;
    int OnExit() override;

    app::AgentRuntime& runtime() { return runtime_; }
    Today today();
    /// Fills `menu` with the day's figures (disabled items) and the actions; handlers are bound to `menu`.
    void fill_menu(wxMenu& menu);
    void handle_menu(int id);
    void show_status();
    void refresh_tray();
    void present(const core::Nudge& nudge);
    void quit();

  private:
    void setup_translations();
    void choose_tray();
    void notify(int slot, const wxString& title, const wxString& body, std::vector<std::pair<int, wxString>> actions,
                int flags);
    void on_action(int id);
    void show_nudge_window(const core::Nudge& nudge);
    void check_new_week();

    app::AgentRuntime& runtime_;
    std::unique_ptr<Tray> tray_;
    std::unique_ptr<wxTranslations> translations_;
    // Kept alive as members: a notification on the stack loses its action events (research pitfall 5).
    // One per slot (a nudge kind, or kInfoSlot), so a later notice does not silence the buttons of an earlier one.
    std::map<int, std::unique_ptr<wxNotificationMessage>> notifications_;
    wxFrame* status_ = nullptr;
    wxDialog* nudge_ = nullptr;
    wxTimer nudge_timer_;
    std::optional<core::Nudge> last_firm_;
};

// ---- trays

class WxTray final : public wxTaskBarIcon, public Tray {
  public:
    explicit WxTray(ClockoutApp& app) : app_(app) {
        Bind(wxEVT_TASKBAR_LEFT_DOWN, [this](wxTaskBarIconEvent&) { app_.show_status(); });
    }
    void set_state(TrayState state) override { SetIcon(icon_bundle(icon_stem(state), 22), "Clockout"); }
    const char* name() const override { return "xembed"; }

  protected:
    // A fresh menu on each opening, so its figures are current; wx deletes it after use.
    wxMenu* CreatePopupMenu() override {
        auto* menu = new wxMenu;
        app_.fill_menu(*menu);
        return menu;
    }

  private:
    ClockoutApp& app_;
};

// StatusNotifierItem through libayatana-appindicator3: the menu is persistent (exported over D-Bus), so its figures
// are refreshed with the icon, and each icon is a file name of its own (the indicator caches by name).
class AyatanaTray final : public Tray {
  public:
    explicit AyatanaTray(ClockoutApp& app) : app_(app) {
        indicator_ = app_indicator_new(CLOCKOUT_APP_ID, "tray-day", APP_INDICATOR_CATEGORY_APPLICATION_STATUS);
        app_indicator_set_icon_theme_path(indicator_, icons_dir().c_str());
        app_indicator_set_title(indicator_, "Clockout");
        app_indicator_set_status(indicator_, APP_INDICATOR_STATUS_ACTIVE);
        rebuild_menu();
    }
    ~AyatanaTray() override { g_object_unref(indicator_); }
    void set_state(TrayState state) override {
        app_indicator_set_icon_full(indicator_, icon_stem(state), "Clockout");
        rebuild_menu();
    }
    const char* name() const override { return "statusnotifier"; }

  private:
    void rebuild_menu() {
        auto menu = std::make_unique<wxMenu>();
        app_.fill_menu(*menu);
        app_indicator_set_menu(indicator_, GTK_MENU(menu->m_menu));
        menu_ = std::move(menu);  // the old menu goes after the indicator let go of it
    }
    ClockoutApp& app_;
    AppIndicator* indicator_ = nullptr;
    std::unique_ptr<wxMenu> menu_;
};

// The choice between trays is platform knowledge (D-Bus names, X selections): asked of platform/.
bool status_notifier_watcher_present() {
    return platform::probe_tray_host().status_notifier;
}

// ---- the nudge presenter

class WxPresenter final : public app::NudgePresenter {
  public:
    void present(const core::Nudge& nudge) override {
        if (app_)
            app_->present(nudge);
    }
    ClockoutApp* app_ = nullptr;
};

// ---- ClockoutApp

void ClockoutApp::setup_translations() {
    // The C locale follows the user (dates, decimal comma); Clockout stores nothing through printf, so that is safe.
    wxUILocale::UseDefault();
    for (const auto& dir : locale_dirs())
        wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wxString::FromUTF8(dir.string()));
    auto* translations = new wxTranslations;
    // The same language as the app's tr(): the [ui] language setting, or the environment when "auto".
    translations->SetLanguage(app::current_language() == app::Language::fr ? "fr" : "en");
    wxTranslations::Set(translations);
    translations->AddStdCatalog();
    if (!translations->AddCatalog("clockout") && app::current_language() == app::Language::fr)
        spdlog::warn("no clockout.mo found for French: the windows speak English");
}

bool ClockoutApp::OnInit() {
    SetAppName("clockout");
    SetAppDisplayName("Clockout");
    SetClassName(CLOCKOUT_APP_ID);
    SetExitOnFrameDelete(false);  // closing the summary or the status window must not end the agent
    setup_translations();

    if (!std::filesystem::exists(runtime_.context().user_config)) {
        if (run_settings_dialog(runtime_, true))
            runtime_.reload_settings();
    }
    prime_libnotify(GetAppName());  // before the engine starts: it may notify at once
    static WxPresenter presenter;
    presenter.app_ = this;
    runtime_.start(presenter);
    runtime_.on_show_requested([this] { show_status(); });
    runtime_.on_quit_requested([this] { quit(); });
    runtime_.on_input([this] {
        refresh_tray();
        check_new_week();
    });
    nudge_timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (nudge_ && nudge_->IsShown() && last_firm_)
            show_nudge_window(*last_firm_);
    });
    choose_tray();
    for (const auto& notice : runtime_.notices())
        notify(kInfoSlot, "Clockout", u8(notice), {}, wxICON_WARNING);
    check_new_week();
    return true;
}

int ClockoutApp::OnExit() {
    runtime_.stop();
    tray_.reset();
    return wxApp::OnExit();
}

void ClockoutApp::choose_tray() {
    if (status_notifier_watcher_present()) {
        tray_ = std::make_unique<AyatanaTray>(*this);
    } else if (wxTaskBarIcon::IsAvailable()) {
        tray_ = std::make_unique<WxTray>(*this);
    }
    if (tray_) {
        spdlog::info("tray: {}", tray_->name());
        refresh_tray();
        std::cout << "clockout: tray icon shown (" << tray_->name() << ")" << std::endl;
        return;
    }
    // No tray host: say so once, and keep every function reachable from the status window.
    spdlog::warn("tray: no tray host; the status window stays open");
    std::cout << "clockout: " << app::tr("No tray area on this desktop: Clockout opens its status window instead.")
              << std::endl;
    notify(kInfoSlot, "Clockout", _("No tray area on this desktop: Clockout opens its status window instead."), {},
           wxICON_INFORMATION);
    show_status();
}

Today ClockoutApp::today() {
    Today t;
    auto& context = runtime_.context();
    auto now = runtime_.clock().now();
    auto local_now = context.zone->to_local(now);
    auto live = runtime_.engine().live_state();
    t.active_amplitude =
        wxString::Format(_("Today: %s active, amplitude %s"), u8(app::format_minutes(live.today_active_min)),
                         u8(app::format_minutes(live.today_amplitude_min)));
    auto end = context.schedule->last_window_end_of_day(local_now);
    t.day_end = end ? wxString::Format(_("Day's end: %s"),
                                       u8(core::format_hhmm(core::Minutes{std::chrono::duration_cast<core::Minutes>(
                                           end->time_since_epoch() % std::chrono::days{1})})))
                    : _("No working window today");
    auto stop =
        core::latest_stop(*context.schedule, *context.zone, now, core::Minutes{context.settings.limits.daily_rest_min});
    t.latest_stop =
        stop ? wxString::Format(_("Latest stop for 11 h of rest: %s"), u8(app::stop_time(*context.zone, *stop, now)))
             : _("No window planned tomorrow");
    if (live.paused)
        t.state = TrayState::paused;
    else if (context.schedule->in_quiet(local_now))
        t.state = TrayState::quiet;
    else if (end && local_now >= *end)
        t.state = TrayState::late;
    return t;
}

void ClockoutApp::fill_menu(wxMenu& menu) {
    Today t = today();
    for (const auto& info : {t.active_amplitude, t.day_end, t.latest_stop})
        menu.Append(id_info, info)->Enable(false);
    menu.AppendSeparator();
    menu.Append(id_done, _("I'm done for today"));
    auto* pause = new wxMenu;
    if (runtime_.engine().live_state().paused)
        pause->Append(id_resume, _("Resume tracking"));
    pause->Append(id_pause_hour, _("For 1 hour"));
    pause->Append(id_pause_tomorrow, _("Until tomorrow"));
    menu.AppendSubMenu(pause, _("Pause tracking"));
    menu.Append(id_summary, _("Weekly summary"));
    menu.Append(id_settings, _("Settings..."));
    menu.Append(id_status, _("Status window"));
    menu.AppendSeparator();
    menu.Append(id_quit, _("Quit"));
    menu.Bind(wxEVT_MENU, [this](wxCommandEvent& e) { CallAfter([this, id = e.GetId()] { handle_menu(id); }); });
}

void ClockoutApp::handle_menu(int id) {
    auto& engine = runtime_.engine();
    auto now = runtime_.clock().now();
    auto& context = runtime_.context();
    switch (id) {
        case id_done:
            engine.done_for_today();
            break;
        case id_pause_hour:
            engine.pause_until(now + std::chrono::hours{1});
            break;
        case id_pause_tomorrow: {
            auto d = core::work_day_of(context.zone->to_local(now), context.settings.schedule.day_start);
            engine.pause_until(
                context.zone->to_utc(core::work_day_start(add_days(d, 1), context.settings.schedule.day_start)));
            break;
        }
        case id_resume:
            engine.pause_until(std::nullopt);
            break;
        case id_summary: {
            auto d = core::work_day_of(context.zone->to_local(now), context.settings.schedule.day_start);
            show_summary(runtime_, core::iso_week_monday(d));
            break;
        }
        case id_settings:
            if (run_settings_dialog(runtime_, false))
                runtime_.reload_settings();
            break;
        case id_status:
            show_status();
            break;
        case id_quit:
            quit();
            return;
        default:
            break;
    }
    runtime_.rearm();
    refresh_tray();
    if (status_ && status_->IsShown())
        show_status();
}

void ClockoutApp::refresh_tray() {
    if (tray_)
        tray_->set_state(today().state);
}

void ClockoutApp::show_status() {
    if (status_) {
        status_->Destroy();
        status_ = nullptr;
    }
    // Rebuilt on each show: it is small, and its figures are then always current.
    status_ = new wxFrame(nullptr, wxID_ANY, _("Clockout status"), wxDefaultPosition, wxDefaultSize,
                          wxDEFAULT_FRAME_STYLE & ~wxMAXIMIZE_BOX);
    status_->SetIcons(wxIconBundle(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48))));
    auto* panel = new wxPanel(status_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    Today t = today();
    for (const auto& line : {t.active_amplitude, t.day_end, t.latest_stop})
        sizer->Add(new wxStaticText(panel, wxID_ANY, line), 0, wxLEFT | wxRIGHT | wxTOP, panel->FromDIP(10));
    auto* buttons = new wxGridSizer(2, panel->FromDIP(6), panel->FromDIP(6));
    std::vector<std::pair<int, wxString>> entries = {{id_done, _("I'm done for today")},
                                                     {id_pause_hour, _("Pause tracking for 1 hour")},
                                                     {id_summary, _("Weekly summary")},
                                                     {id_settings, _("Settings...")},
                                                     {id_quit, _("Quit")}};
    if (runtime_.engine().live_state().paused)
        entries[1] = {id_resume, _("Resume tracking")};
    for (const auto& [id, label] : entries) {
        auto* b = new wxButton(panel, id, label);
        b->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) { CallAfter([this, id = e.GetId()] { handle_menu(id); }); });
        buttons->Add(b, 0, wxEXPAND);
    }
    sizer->Add(buttons, 0, wxEXPAND | wxALL, panel->FromDIP(10));
    panel->SetSizer(sizer);
    sizer->SetSizeHints(status_);
    status_->Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) {
        status_->Destroy();
        status_ = nullptr;
    });
    status_->Centre();
    status_->Show();
    status_->Raise();
}

void ClockoutApp::notify(int slot, const wxString& title, const wxString& body,
                         std::vector<std::pair<int, wxString>> actions, int flags) {
    auto& notification = notifications_[slot];
    notification = std::make_unique<wxNotificationMessage>(title, body, nullptr, flags);
    // The calm app icon rather than the theme's warning triangle: a nudge is a reminder, not an alarm.
    notification->SetIcon(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48)));
    for (const auto& [id, label] : actions)
        notification->AddAction(id, label);
    notification->Bind(wxEVT_NOTIFICATION_MESSAGE_ACTION,
                       [this](wxCommandEvent& e) { CallAfter([this, id = e.GetId()] { on_action(id); }); });
    // A question stays until answered; an information goes by itself.
    if (!notification->Show(actions.empty() ? wxNotificationMessage::Timeout_Auto
                                            : wxNotificationMessage::Timeout_Never))
        spdlog::warn("notification not shown: {}", title.utf8_string());
}

void ClockoutApp::on_action(int id) {
    auto& engine = runtime_.engine();
    spdlog::info("notification action {}", id);
    if (id >= kFirstAction && id <= kFirstAction + static_cast<int>(app::NudgeAnswer::work))
        engine.answer(static_cast<app::NudgeAnswer>(id - kFirstAction));
    if (id == act_done && nudge_)
        nudge_->Hide();
    runtime_.rearm();
    refresh_tray();
}

void ClockoutApp::present(const core::Nudge& nudge) {
    spdlog::info("nudge {}", static_cast<int>(nudge.kind));
    const auto& zone = *runtime_.context().zone;
    wxString title = u8(app::nudge_title(nudge)), body = u8(app::nudge_body(nudge, zone, runtime_.clock().now()));
    std::vector<std::pair<int, wxString>> actions;
    for (const auto& button : app::nudge_buttons(nudge, runtime_.engine().settings().nudge))
        actions.emplace_back(action_of(button.answer), u8(button.label));
    switch (nudge.kind) {
        case core::NudgeKind::end_notice:
        case core::NudgeKind::quiet_prompt:
            notify(static_cast<int>(nudge.kind), title, body, actions, wxICON_WARNING);
            break;
        case core::NudgeKind::firm:
            show_nudge_window(nudge);
            break;
        default:
            notify(static_cast<int>(nudge.kind), title, body, {}, wxICON_INFORMATION);
            break;
    }
    CallAfter([this] { refresh_tray(); });
}

void ClockoutApp::show_nudge_window(const core::Nudge& nudge) {
    last_firm_ = nudge;
    const auto& zone = *runtime_.context().zone;
    // The counter moves each minute while the window is shown; the figures are recomputed from the live state.
    auto live = runtime_.engine().live_state();
    std::int64_t overtime = nudge.overtime_min;
    if (nudge.day_end)
        overtime = std::max<std::int64_t>(
            0, std::chrono::duration_cast<std::chrono::minutes>(runtime_.clock().now() - *nudge.day_end).count());
    std::int64_t amplitude = std::max(nudge.amplitude_min, live.today_amplitude_min);
    if (!nudge_) {
        nudge_ = new wxDialog(nullptr, wxID_ANY, u8(app::nudge_title(nudge)), wxDefaultPosition, wxDefaultSize,
                              wxCAPTION | wxCLOSE_BOX | wxSTAY_ON_TOP);
        nudge_->SetName("clockout-nudge");
        nudge_->SetIcons(wxIconBundle(icon_bundle("org.clockout.Clockout", 48).GetIcon(wxSize(48, 48))));
    }
    nudge_->DestroyChildren();
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* counter = new wxStaticText(
        nudge_, wxID_ANY, wxString::Format(_("%s past the end of your day"), u8(app::format_minutes(overtime))));
    counter->SetFont(counter->GetFont().Bold().Scaled(1.4f));
    sizer->Add(counter, 0, wxALL, nudge_->FromDIP(12));
    sizer->Add(new wxStaticText(nudge_, wxID_ANY,
                                wxString::Format(_("Amplitude today: %s"), u8(app::format_minutes(amplitude)))),
               0, wxLEFT | wxRIGHT, nudge_->FromDIP(12));
    if (nudge.latest_stop)
        sizer->Add(
            new wxStaticText(nudge_, wxID_ANY,
                             wxString::Format(_("Stop before %s to keep 11 h of rest."),
                                              u8(app::stop_time(zone, *nudge.latest_stop, runtime_.clock().now())))),
            0, wxLEFT | wxRIGHT | wxTOP, nudge_->FromDIP(12));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    wxString snooze_label, done_label;  // nudge_buttons() always gives the firm nudge both
    for (const auto& button : app::nudge_buttons(nudge, runtime_.engine().settings().nudge)) {
        if (button.answer == app::NudgeAnswer::snooze)
            snooze_label = u8(button.label);
        if (button.answer == app::NudgeAnswer::done)
            done_label = u8(button.label);
    }
    auto* snooze = new wxButton(nudge_, wxID_CANCEL, snooze_label);  // Escape snoozes
    auto* done = new wxButton(nudge_, wxID_OK, done_label);
    done->SetDefault();
    buttons->Add(snooze, 0, wxRIGHT, nudge_->FromDIP(8));
    buttons->Add(done);
    sizer->Add(buttons, 0, wxALIGN_RIGHT | wxALL, nudge_->FromDIP(12));
    nudge_->SetSizerAndFit(sizer);
    snooze->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        nudge_->Hide();
        nudge_timer_.Stop();
        on_action(act_snooze);
    });
    done->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        nudge_->Hide();
        nudge_timer_.Stop();
        on_action(act_done);
    });
    nudge_->Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) {
        nudge_->Hide();
        nudge_timer_.Stop();
        on_action(act_snooze);
    });
    if (!nudge_->IsShown()) {
        nudge_->CentreOnScreen();
        nudge_->Show();
        done->SetFocus();
    }
    if (!nudge_timer_.IsRunning())
        nudge_timer_.Start(60 * 1000);
}

void ClockoutApp::check_new_week() {
    // At the first activity of a new ISO week, the week that ended opens by itself, once.
    auto& context = runtime_.context();
    auto now = runtime_.clock().now();
    auto d = core::work_day_of(context.zone->to_local(now), context.settings.schedule.day_start);
    auto monday = core::iso_week_monday(d);
    auto previous = add_days(monday, -7);
    auto file = context.paths.state_dir / "last-summary-week";
    std::string last;
    std::ifstream(file) >> last;
    auto label = core::iso_week_label(previous);
    if (last == label)
        return;
    bool first_use = last.empty();
    std::filesystem::create_directories(context.paths.state_dir);
    std::ofstream(file) << label << '\n';
    // No summary on the very first start (nothing recorded yet): only remember the week.
    auto first_day = runtime_.engine().intervals().first_day();
    if (first_use && (!first_day || *first_day >= monday))
        return;
    if (!runtime_.engine().live_state().present)
        return;
    show_summary(runtime_, previous);
}

void ClockoutApp::quit() {
    if (nudge_)
        nudge_->Destroy();
    nudge_ = nullptr;
    nudge_timer_.Stop();
    if (status_)
        status_->Destroy();
    status_ = nullptr;
    tray_.reset();
    ExitMainLoop();
}

}  // namespace

int run_tray_agent(const app::Options& options, bool headless) {
    if (headless)
        return app::run_agent(options, true);
    const char* x = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!x || !*x) && (!wayland || !*wayland)) {
        std::cout << "clockout: " << app::tr("no display: running headless") << '\n';
        return app::run_agent(options, true);
    }
    app::AgentRuntime runtime(options);
    std::string error;
    switch (runtime.prepare(error)) {
        case app::AgentRuntime::Launch::failed:
            std::cerr << "clockout: " << error << '\n';
            return 1;
        case app::AgentRuntime::Launch::secondary:
            std::cout << app::tr("Clockout is already running; it was asked to show its status.") << '\n';
            return 0;
        case app::AgentRuntime::Launch::primary:
            break;
    }
    // GDK probes GLX visuals at start-up, which maps Mesa and, with a software renderer, LLVM: about 44 MB of RSS
    // for an agent that never draws with OpenGL. A user's own GDK_GL setting is kept.
    setenv("GDK_GL", "disable", 0);
    auto* app = new ClockoutApp(runtime);
    wxApp::SetInstance(app);
    int argc = 1;
    char name[] = "clockout";
    char* argv[] = {name, nullptr};
    if (!wxEntryStart(argc, argv)) {
        std::cerr << "clockout: " << app::tr("the display could not be opened") << '\n';
        return 1;
    }
    int status = 0;
    if (app->CallOnInit())
        status = app->OnRun();
    else
        status = 1;
    app->OnExit();
    wxEntryCleanup();
    return status;
}

}  // namespace clockout::ui
