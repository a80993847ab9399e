// The tray menu and the wx tray icon (XEmbed on Linux). The menu's figures come from the runtime's day_view, computed
// when the menu opens, so they are current without any timer.
#include "ui/tray_parts.h"
#include "ui/ui_paths.h"

#include <wx/app.h>
#include <wx/menu.h>
#include <wx/notifmsg.h>
#include <wx/taskbar.h>

namespace clockout::ui {

const char* icon_stem(app::TrayState state) {
    switch (state) {
        case app::TrayState::day:
            return "tray-day";
        case app::TrayState::late:
            return "tray-late";
        case app::TrayState::quiet:
            return "tray-quiet";
        case app::TrayState::paused:
            return "tray-paused";
    }
    return "tray-day";
}

void fill_menu(wxMenu& menu, app::AgentRuntime& runtime, CommandHandler on_command) {
    const app::DayView view = runtime.day_view();
    menu.Append(id_info, u8(app::day_view_heading(view)))->Enable(false);
    for (const auto& line : app::day_view_lines(view, *runtime.context().zone))
        menu.Append(id_info, u8(line))->Enable(false);
    // A problem in the user's settings file: the menu says it until it is mended (file, line and fix in one line).
    if (!runtime.settings_problem().empty())
        menu.Append(id_info, u8(runtime.settings_problem()))->Enable(false);
    menu.AppendSeparator();
    menu.Append(id_done, _("I'm done for today"));
    auto* pause = new wxMenu;
    if (view.paused)
        pause->Append(id_resume, _("Resume tracking"));
    pause->Append(id_pause_hour, _("For 1 hour"));
    pause->Append(id_pause_tomorrow, _("Until tomorrow"));
    menu.AppendSubMenu(pause, _("Pause tracking"));
    menu.Append(id_summary, _("Weekly summary"));
    menu.Append(id_settings, _("Settings..."));
    menu.Append(id_status, _("Status window"));
    menu.AppendSeparator();
    menu.Append(id_quit, _("Quit"));
    menu.Bind(wxEVT_MENU, [on_command](wxCommandEvent& e) {
        // After the menu has closed: a command may open a modal dialog.
        wxTheApp->CallAfter([on_command, id = e.GetId()] { on_command(id); });
    });
}

namespace {

class WxTray final : public wxTaskBarIcon, public Tray {
  public:
    explicit WxTray(TrayHooks hooks) : hooks_(std::move(hooks)) {
        Bind(wxEVT_TASKBAR_LEFT_DOWN, [this](wxTaskBarIconEvent&) { hooks_.show_status(); });
#ifdef __WXMSW__
        // Windows' balloons come from this icon, not from a second one wx would add to the notification area.
        wxNotificationMessage::UseTaskBarIcon(this);
#endif
    }
    ~WxTray() override {
#ifdef __WXMSW__
        wxNotificationMessage::UseTaskBarIcon(nullptr);
#endif
    }
    WxTray(const WxTray&) = delete;
    WxTray& operator=(const WxTray&) = delete;
    void set_state(app::TrayState state) override {
        SetIcon(icon_bundle(icon_stem(state), 22), "Clockout");
    }
#ifdef __WXMSW__
    const char* name() const override {
        return "notification area";
    }
#else
    const char* name() const override {
        return "xembed";
    }
#endif

  protected:
    // A fresh menu on each opening, so its figures are current; wx deletes it after use.
    wxMenu* CreatePopupMenu() override {
        auto* menu = new wxMenu;
        hooks_.fill_menu(*menu);
        return menu;
    }

  private:
    TrayHooks hooks_;
};

}  // namespace

std::unique_ptr<Tray> make_wx_tray(TrayHooks hooks) {
    if (!wxTaskBarIcon::IsAvailable())
        return nullptr;
    return std::make_unique<WxTray>(std::move(hooks));
}

}  // namespace clockout::ui
