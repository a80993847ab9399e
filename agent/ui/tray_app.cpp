// The tray agent: a wxApp around the shared AgentRuntime (agent/app/agent.h). It only wires the parts of
// tray_parts.h: translations, the tray, the menu's commands, nudges to notifications or the nudge window.
// Clockout's headers before wx's: wx defines an N_ macro that would rewrite app::N_.
#include "ui/tray_app.h"

#include "app/agent.h"
#include "app/i18n.h"
#include "app/report.h"
#include "ui/catalog.h"
#include "ui/tray_parts.h"
#include "ui/ui_paths.h"
#include "ui/windows.h"

#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>
#include <wx/app.h>
#include <wx/menu.h>
#include <wx/notifmsg.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

namespace clockout::ui {

namespace {

class ClockoutApp;

class WxPresenter final : public app::NudgePresenter {
  public:
    void present(const core::Nudge& nudge) override;
    ClockoutApp* app_ = nullptr;
};

class ClockoutApp final : public wxApp {
  public:
    explicit ClockoutApp(app::AgentRuntime& runtime)
        : runtime_(runtime),
          status_([this](int id) { handle_command(id); }),
          notifications_([this](int id) { on_action(id); }),
          nudge_(runtime, [this](app::NudgeAnswer answer) { on_action(Notifications::action_of(answer)); }) {}
    bool OnInit() override;
    int OnExit() override;

    void present(const core::Nudge& nudge);

  private:
    void setup_translations();
    void choose_tray();
    void handle_command(int id);
    void on_action(int id);
    void show_status();
    /// Redraws the icon when its state changed; nothing else (the figures are computed when the menu opens).
    void refresh_tray();
    void quit();

    app::AgentRuntime& runtime_;
    std::unique_ptr<Tray> tray_;
    std::optional<app::TrayState> drawn_;
    StatusWindow status_;
    Notifications notifications_;
    NudgeWindow nudge_;
    WxPresenter presenter_;
};

void WxPresenter::present(const core::Nudge& nudge) {
    if (app_)
        app_->present(nudge);
}

void ClockoutApp::setup_translations() {
    // The C locale follows the user (dates, decimal comma); Clockout stores nothing through printf, so that is safe.
    wxUILocale::UseDefault();
    auto* translations = new wxTranslations;
    translations->SetLoader(new EmbeddedCatalogLoader);  // Clockout's catalog from inside the program
    // The same language as the app's tr(): the [ui] language setting, or the environment when "auto".
    translations->SetLanguage(app::current_language() == app::Language::fr ? "fr" : "en");
    wxTranslations::Set(translations);
    translations->AddStdCatalog();
    if (!translations->AddCatalog("clockout") && app::current_language() == app::Language::fr)
        spdlog::warn("the French catalog inside the program could not be read: the windows speak English");
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
    prepare_notifications(GetAppName());  // before the engine starts: it may notify at once
    presenter_.app_ = this;
    runtime_.start(presenter_);
    runtime_.on_show_requested([this] { show_status(); });
    runtime_.on_quit_requested([this] { quit(); });
    runtime_.on_input([this] {
        refresh_tray();
        check_new_week(runtime_);
    });
    // The tray's state changes at deadlines the runtime arms (the day's end, quiet hours, a pause's end).
    runtime_.on_deadline([this] { refresh_tray(); });
    // A settings problem found on a reload (the runtime notifies once); an open status window shows it at once.
    runtime_.on_settings_problem([this](const std::string&) {
        if (status_.shown())
            show_status();
    });
    choose_tray();
    for (const auto& notice : runtime_.notices())
        notifications_.notify(Notifications::kInfoSlot, "Clockout", u8(notice), {}, wxICON_WARNING);
    check_new_week(runtime_);
    return true;
}

int ClockoutApp::OnExit() {
    runtime_.stop();
    nudge_.close();
    status_.close();
    tray_.reset();
    return wxApp::OnExit();
}

void ClockoutApp::choose_tray() {
    TrayHooks hooks{[this](wxMenu& menu) { fill_menu(menu, runtime_, [this](int id) { handle_command(id); }); },
                    // A question waiting on a notification that could not carry its buttons opens first.
                    [this] {
                        if (!notifications_.ask_waiting())
                            show_status();
                    }};
    tray_ = make_native_tray(hooks);
    if (!tray_)
        tray_ = make_wx_tray(hooks);
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
    notifications_.notify(Notifications::kInfoSlot, "Clockout",
                          _("No tray area on this desktop: Clockout opens its status window instead."), {},
                          wxICON_INFORMATION);
    show_status();
}

void ClockoutApp::show_status() {
    status_.show(runtime_.day_view(), *runtime_.context().zone, runtime_.settings_problem());
}

void ClockoutApp::handle_command(int id) {
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
            auto d = app::work_day_at(context, now);
            engine.pause_until(
                context.zone->to_utc(core::work_day_start(add_days(d, 1), context.settings.schedule.day_start)));
            break;
        }
        case id_resume:
            engine.pause_until(std::nullopt);
            break;
        case id_summary:
            show_summary(runtime_, core::iso_week_monday(app::work_day_at(context, now)));
            break;
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
    if (status_.shown())
        show_status();
}

void ClockoutApp::refresh_tray() {
    if (!tray_)
        return;
    auto state = app::tray_state_at(runtime_.context(), runtime_.clock().now(), runtime_.engine().live_state().paused);
    if (drawn_ == state)
        return;
    drawn_ = state;
    tray_->set_state(state);
}

void ClockoutApp::on_action(int id) {
    auto& engine = runtime_.engine();
    const int first = Notifications::kFirstAction;
    if (id >= first && id <= first + static_cast<int>(app::NudgeAnswer::break_done)) {
        const auto answer = static_cast<app::NudgeAnswer>(id - first);
        spdlog::info("notification action {} (answer {})", id, app::answer_id(answer));
        engine.answer(answer);
    } else {
        spdlog::info("notification action {}", id);
    }
    if (id == Notifications::action_of(app::NudgeAnswer::done))
        nudge_.hide();
    runtime_.rearm();
    refresh_tray();
}

void ClockoutApp::present(const core::Nudge& nudge) {
    spdlog::info("nudge {}", static_cast<int>(nudge.kind));
    const auto& zone = *runtime_.context().zone;
    wxString title = u8(app::nudge_title(nudge)), body = u8(app::nudge_body(nudge, zone, runtime_.clock().now()));
    std::vector<std::pair<int, wxString>> actions;
    for (const auto& button : app::nudge_buttons(nudge, runtime_.engine().settings().nudge))
        actions.emplace_back(Notifications::action_of(button.answer), u8(button.label));
    switch (nudge.kind) {
        case core::NudgeKind::end_notice:
        case core::NudgeKind::quiet_prompt:
        case core::NudgeKind::screen_break:
            notifications_.notify(static_cast<int>(nudge.kind), title, body, actions, wxICON_WARNING);
            break;
        case core::NudgeKind::firm:
            // While a dialog is open the window waits for it; the notification tells the worker meanwhile.
            if (!nudge_.show(nudge))
                notifications_.notify(static_cast<int>(nudge.kind), title, body, actions, wxICON_WARNING);
            break;
        default:
            notifications_.notify(static_cast<int>(nudge.kind), title, body, {}, wxICON_INFORMATION);
            break;
    }
    CallAfter([this] { refresh_tray(); });
}

void ClockoutApp::quit() {
    nudge_.close();
    status_.close();
    tray_.reset();
    ExitMainLoop();
}

}  // namespace

int run_tray_agent(const app::Options& options, bool headless) {
    if (headless)
        return app::run_agent(options, true);
    if (!has_display()) {
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
    prepare_toolkit();
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
