// The agent's heart, free of any window: OS signals go to the tracker, the tracker writes the journal, and after each
// change the nudge policy says what to show and when to wake up next.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "app/context.h"
#include "app/nudge_text.h"
#include "core/nudge.h"
#include "core/tracker.h"
#include "platform/activity.h"

namespace clockout::app {

/// Shows what the policy decided: desktop notifications when headless, windows in the tray agent.
class NudgePresenter {
  public:
    virtual ~NudgePresenter() = default;
    virtual void present(const core::Nudge& nudge) = 0;
};

class Engine final : public platform::ActivitySink {
  public:
    Engine(const Context& context, core::IntervalSink& sink, core::IntervalSource& source, const core::Clock& clock,
           NudgePresenter& presenter);

    void start(const std::string& source_name);
    void stop();
    void on_activity(const platform::ActivityEvent& event) override;
    /// Time passed (the deadline fired): extend, split, commit and re-evaluate nudges.
    void on_deadline();
    /// How long the loop may sleep before on_deadline() has something to do.
    std::chrono::milliseconds next_delay() const;

    // The user's answers to nudges and menu items.
    void done_for_today();
    void more_minutes();
    void working_late();
    void snooze();
    void mark_personal();
    void mark_work();
    void pause_until(std::optional<core::TimePoint> until);  // nullopt resumes
    /// A nudge's button, as nudge_buttons() offered it.
    void answer(NudgeAnswer answer);
    /// A reload replaced the settings in the shared context: the tracker takes the new zone and day_start (it keeps
    /// copies made at start), and the nudges are evaluated again.
    void settings_changed();
    /// The settings in force (a reload replaces them in the shared context).
    const core::Settings& settings() const { return context_.settings; }

    /// Today's live figures. A read: it neither advances the tracker nor writes the journal.
    core::LiveState live_state() const;
    /// The journal as it stands now, the open interval included up to this instant (for the windows and reports).
    /// A read too: the open interval is computed up to now, not extended or committed.
    core::LiveIntervals intervals() const;
    const core::Tracker& tracker() const { return tracker_; }
    const core::NudgeMemory& memory() const { return memory_; }

  private:
    void handle(core::Signal signal);  // apply, then evaluate the nudges
    void apply(const core::Signal& signal);
    void evaluate();
    void resume_tracking(core::TimePoint now);

    const Context& context_;
    core::IntervalSource& source_;
    const core::Clock& clock_;
    NudgePresenter& presenter_;
    core::Tracker tracker_;
    core::NudgeMemory memory_;
    std::optional<core::TimePoint> nudge_wake_;
    std::optional<core::TimePoint> paused_until_;
    std::optional<core::TimePoint> run_start_;
    std::optional<core::TimePoint> previous_activity_end_;
    std::optional<core::TimePoint> last_activity_end_;
};

}  // namespace clockout::app
