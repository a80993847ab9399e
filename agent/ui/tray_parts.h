// The tray agent's parts, one file each: the tray menu (tray_menu.cpp), the status window (status_window.cpp), the
// nudge window (nudge_window.cpp), notifications (notifications.cpp) and the week rollover (week_rollover.cpp).
// tray_app.cpp wires them to the AgentRuntime. What only one OS has (the StatusNotifierItem tray, libnotify's quirk,
// the display check) is declared at the end and lives in ui/linux/ (ui/generic/ elsewhere).
#pragma once

// Clockout's headers before wx's: wx defines an N_ macro that would rewrite app::N_.
#include "app/agent.h"
#include "app/day_view.h"
#include "app/nudge_text.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <wx/defs.h>
#include <wx/string.h>

class wxDialog;
class wxFrame;
class wxMenu;
class wxNotificationMessage;
class wxStaticText;

namespace clockout::ui {

inline wxString u8(const std::string& s) {
    return wxString::FromUTF8(s);
}

/// The commands of the tray menu and the status window's buttons.
enum CommandId {
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
using CommandHandler = std::function<void(int id)>;

// ---- tray_menu.cpp

/// The icon file of a tray state ("tray-quiet").
const char* icon_stem(app::TrayState state);
/// Fills `menu` with the day's figures (disabled items, computed now from day_view) and the commands.
void fill_menu(wxMenu& menu, app::AgentRuntime& runtime, CommandHandler on_command);

/// What a tray needs from the agent: its menu, filled when it opens, and the status window on a click.
struct TrayHooks {
    std::function<void(wxMenu& menu)> fill_menu;
    std::function<void()> show_status;
};

/// A tray icon; the backend (XEmbed through wx, StatusNotifierItem on Linux) is chosen at start.
class Tray {
  public:
    virtual ~Tray() = default;
    /// Redraws the icon; called only when the state changed.
    virtual void set_state(app::TrayState state) = 0;
    virtual const char* name() const = 0;
};

/// wxTaskBarIcon: XEmbed on Linux, the notification area on Windows, the menu bar on macOS. Null when unavailable.
std::unique_ptr<Tray> make_wx_tray(TrayHooks hooks);

// ---- status_window.cpp

/// The small window with the day's figures and the commands (a click on the icon, a second launch, no tray host).
class StatusWindow {
  public:
    explicit StatusWindow(CommandHandler on_command) : on_command_(std::move(on_command)) {}
    ~StatusWindow() { close(); }
    /// Opens it, or rebuilds it with the figures of `view` when it is open.
    /// `settings_problem`: the one line of AgentRuntime::settings_problem() (empty when the settings are fine).
    void show(const app::DayView& view, const core::TimeZone& zone, const std::string& settings_problem = {});
    bool shown() const;
    void close();

  private:
    CommandHandler on_command_;
    wxFrame* frame_ = nullptr;
};

// ---- notifications.cpp

/// Desktop notifications through wx, one slot per nudge kind so a later notice does not silence an earlier one's
/// buttons. Action ids: kFirstAction + the answer.
class Notifications {
  public:
    static constexpr int kFirstAction = 101;
    static constexpr int kInfoSlot = 100;
    static int action_of(app::NudgeAnswer answer) { return kFirstAction + static_cast<int>(answer); }

    explicit Notifications(std::function<void(int action)> on_action);
    ~Notifications();
    void notify(int slot, const wxString& title, const wxString& body,
                const std::vector<std::pair<int, wxString>>& actions, int flags);

    /// Opens the question of the last notification that could not carry its buttons, if it is still unanswered (a
    /// click on the tray icon, where a click on the balloon does not reach the program). False when none waits.
    bool ask_waiting();

  private:
    struct Question {
        wxString title, body;
        std::vector<std::pair<int, wxString>> actions;
    };
    // The buttons of a notification that could not carry them, in a small window of their own.
    void ask(const wxString& title, const wxString& body, const std::vector<std::pair<int, wxString>>& actions);

    std::function<void(int)> on_action_;
    wxDialog* question_ = nullptr;     // the open question window, destroyed by wx
    std::optional<Question> waiting_;  // a buttonless notification's question, until answered
    // Kept alive as members: a notification on the stack loses its action events.
    std::map<int, std::unique_ptr<wxNotificationMessage>> notifications_;
};

// ---- nudge_window.cpp

/// The firm nudge: a small always-on-top window with the overtime, the amplitude and the latest stop. It never
/// covers or locks a modal dialog (the settings): while one runs, it waits and opens when the dialog closes.
class NudgeWindow {
  public:
    NudgeWindow(app::AgentRuntime& runtime, std::function<void(app::NudgeAnswer)> on_answer);
    ~NudgeWindow();
    /// Shows `nudge` now, or after the modal dialog that is open. Returns false when it had to wait.
    bool show(const core::Nudge& nudge);
    /// Hides it and forgets a nudge that waits.
    void hide();
    /// Destroys the window (before wx shuts down).
    void close();
    bool shown() const;
    /// The modal dialogs open now (kept by a wxModalDialogHook).
    static int modal_depth();

  private:
    void build(const core::Nudge& nudge);
    void answer(app::NudgeAnswer answer);
    void on_modal_closed();
    wxString overtime_text() const;

    app::AgentRuntime& runtime_;
    std::function<void(app::NudgeAnswer)> on_answer_;
    wxDialog* dialog_ = nullptr;
    wxStaticText* counter_ = nullptr;
    std::optional<core::Nudge> current_;
    std::optional<core::Nudge> waiting_;
    class Hook;
    std::unique_ptr<Hook> hook_;
};

// ---- week_rollover.cpp

/// At the first activity of a new ISO week, opens the week that ended, once (remembered in the state folder).
void check_new_week(app::AgentRuntime& runtime);

// ---- one OS only: ui/linux/ on Linux, ui/generic/ elsewhere

/// Whether a display can be opened (X11 or Wayland on Linux; always on Windows and macOS).
/// TODO(platform): platform::has_display() once the platform helper adds it.
bool has_display();
/// Before the toolkit starts: on Linux, keeps GDK from loading OpenGL (about 44 MB of RSS for nothing).
void prepare_toolkit();
/// Before the first notification: on Linux, primes libnotify so the first notifications carry Clockout's icon.
void prepare_notifications(const wxString& app_name);
/// The tray the desktop prefers over wx's: a StatusNotifierItem (ayatana) on Linux when a watcher runs; else null.
std::unique_ptr<Tray> make_native_tray(TrayHooks hooks);

}  // namespace clockout::ui
