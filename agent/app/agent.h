// The long-running agent: signals -> tracker -> journal -> nudge policy. The headless daemon and the tray agent share
// one AgentRuntime, so they differ only in how nudges are shown and which loop runs.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/day_view.h"
#include "app/devices.h"
#include "app/engine.h"
#include "app/headless.h"
#include "app/nudge_text.h"
#include "app/resilient_sink.h"
#include "core/time.h"
#include "platform/activity.h"
#include "platform/event_loop.h"
#include "platform/file_watch.h"
#include "platform/notifier.h"
#include "platform/single_instance.h"

namespace clockout::app {

/// Everything an agent sets up, in order: context and logging (prepare), the single-instance lock, the journal, then
/// the engine, the signal sources and the deadline timer (start). Both loops (GLib's in the headless daemon, wx's on
/// GTK, which runs the same GLib default context) drive it.
class AgentRuntime {
  public:
    enum class Launch { primary, secondary, failed };

    explicit AgentRuntime(Options options);
    ~AgentRuntime();
    AgentRuntime(const AgentRuntime&) = delete;
    AgentRuntime& operator=(const AgentRuntime&) = delete;

    /// Context, language, logging, the single-instance lock and the journal. A secondary has asked the primary to
    /// show itself and should exit 0; on failure `error` has one line for the user.
    Launch prepare(std::string& error);
    /// The engine with `presenter`, the signal sources, the deadline timer and the signal handlers.
    void start(NudgePresenter& presenter);
    /// Stops the sources, commits the journal and takes the daily backup.
    void stop();

    /// A second launch asked the running agent to show itself (runs on the main loop).
    void on_show_requested(std::function<void()> callback) { on_show_ = std::move(callback); }
    /// SIGTERM, SIGINT or SIGHUP arrived (runs on the main loop). Without a callback the built-in loop quits.
    void on_quit_requested(std::function<void()> callback) { on_quit_ = std::move(callback); }

    /// Input came back after idleness (runs on the main loop, after the engine heard it).
    void on_input(std::function<void()> callback) { on_input_ = std::move(callback); }

    /// The deadline timer fired (runs on the main loop, after the engine's turn). The timer is also armed at the
    /// tray's next state change (next_tray_change), so a tray redraws its icon then and at no other tick.
    void on_deadline(std::function<void()> callback) { on_deadline_ = std::move(callback); }

    /// Runs the built-in event loop until a quit request (the headless daemon).
    void run_loop();
    /// Re-arms the deadline timer after an answer changed what the engine waits for.
    void rearm();
    /// Reads the settings files again (after the settings dialog wrote them, or when the file watch saw a hand edit)
    /// and hands them to everything, the tracker's zone and day_start included. A user file with a problem keeps the
    /// settings in force; the problem is told once (a notification and settings_problem()).
    void reload_settings();
    /// One line for the menu or status window when the user's settings file has a problem ("" when fine): the file,
    /// the line, the fix, and which settings Clockout runs with meanwhile.
    const std::string& settings_problem() const { return settings_problem_; }
    /// The settings problem appeared, changed or was mended ("" then); runs on the main loop.
    void on_settings_problem(std::function<void(const std::string&)> callback) {
        on_settings_problem_ = std::move(callback);
    }

    /// The day's figures as the agent sees them now, the open interval included (the menu, the status window and
    /// `clockout status` while the agent runs).
    DayView day_view();

    Context& context() { return context_; }
    Engine& engine() { return *engine_; }
    journal::Journal& journal() { return *journal_; }
    platform::DesktopNotifier& notifier() { return *notifier_; }
    const core::Clock& clock() const { return clock_; }
    /// Lines to tell the user once the UI is up (a journal moved aside, settings problems).
    const std::vector<std::string>& notices() const { return notices_; }
    /// The idle backend that works ("" when none).
    const std::string& idle_backend() const { return idle_name_; }
    /// The call backend that works ("" when none, or when [calls] detect is off).
    const std::string& call_backend() const { return call_name_; }

  private:
    /// Starts or stops the call backend as [calls] detect says (at start and on each reload).
    void apply_call_detection();
    /// [devices] folder (docs/devices.md): at start and when the folder changes, one sync and a watch of the folder.
    void apply_devices_folder();
    /// Reads the other devices' files again (the folder watch saw a change); tells each new problem once.
    void read_devices();
    /// Publishes this device's changed months when the last publish is 5 minutes old (or `now_anyway`).
    void publish_devices(bool now_anyway);
    void tell_device_problems(const SyncReport& report);
    std::unique_ptr<DevicesFolder> devices_;
    std::unique_ptr<platform::FileWatch> devices_watch_;
    std::string devices_folder_;  // the folder devices_ works on
    core::TimePoint last_publish_{};

    Options options_;
    Context context_;
    core::SystemClock clock_;
    std::unique_ptr<platform::SingleInstance> instance_;
    std::unique_ptr<journal::Journal> journal_;
    std::unique_ptr<platform::DesktopNotifier> notifier_;
    std::unique_ptr<ResilientSink> sink_;  // between the engine and the journal: a failed write is kept, not lost
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<platform::EventLoop> loop_;
    std::vector<std::unique_ptr<platform::ActivitySource>> running_;
    std::vector<std::string> notices_;
    std::string idle_name_;
    std::unique_ptr<platform::ActivitySource> call_;  // the "in a call" backend, while [calls] detect is on
    std::string call_name_;
    std::function<void()> on_show_;
    std::function<void()> on_quit_;
    std::function<void()> on_input_;
    std::function<void(const std::string&)> on_settings_problem_;
    std::string settings_problem_;
    std::unique_ptr<platform::FileWatch> watch_;
    /// Watches the user's settings file (where the OS can) so hand edits reload.
    void start_watch();
    /// Sets settings_problem_ from the context; true when it changed.
    bool update_settings_problem();
    /// Keeps a copy of the settings in force on disk when the user's file loaded without a problem.
    void remember_good_settings();
    std::function<void()> on_deadline_;
    // The sources report here first, so the UI hears of new input without a sink of its own in every backend.
    class Forward final : public platform::ActivitySink {
      public:
        explicit Forward(AgentRuntime& runtime) : runtime_(runtime) {}
        void on_activity(const platform::ActivityEvent& event) override;

      private:
        AgentRuntime& runtime_;
    };
    Forward forward_{*this};
    bool stopped_ = false;
};

}  // namespace clockout::app
