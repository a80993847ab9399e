// Turns activity signals into state intervals (DESIGN.md section 3) and decides when they are committed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/interval.h"
#include "core/time.h"

namespace clockout::core {

enum class SignalKind {
    input_active,      // input seen at `at`
    input_idle,        // no input since `since` (the idle interval is backdated to it)
    lock,              // screen locked
    unlock,            // screen unlocked (not activity by itself: input opens activity)
    sleep,             // the machine is about to sleep
    wake,              // the machine woke up (not activity)
    clock_jump,        // the wall clock moved by `jump` (new minus old) without time passing
    zone_change,       // the local zone is now `zone`
    session_active,    // our login session is in the foreground again
    session_inactive,  // another session took the seat (fast user switch): counts as locked
    backend_lost,      // the signal source stopped working: state unknown (off), never active
    agent_start,       // `since`: the end of the last row this device recorded before (nothing is written before it)
    agent_stop,
    mark_personal,  // the user said the running activity is not work
    mark_work,      // the user said it is work after all
    pause,          // the user paused tracking: activity from now on is recorded as off, not active
    resume,         // tracking resumes (the user asked, or the pause ran out)
    call_start,     // another program began capturing the microphone: a call, work with no input needed
    call_end,       // no other program captures the microphone any more
};

struct Signal {
    SignalKind kind = SignalKind::input_active;
    TimePoint at{};      // wall time of the event
    TimePoint since{};   // input_idle: time of the last input
    Seconds jump{0};     // clock_jump
    ZonePtr zone;        // zone_change
    std::string source;  // backend name, stored with the interval
};

struct TrackerConfig {
    Minutes day_start{4 * 60};
    std::string device = "this-device";
    Seconds checkpoint{5 * 60};  // an open interval is extended and committed this often
};

class Tracker {
  public:
    Tracker(TrackerConfig config, ZonePtr zone, IntervalSink& sink);

    /// Applies one signal: closes and opens intervals, writes markers, commits where the policy says.
    void handle(const Signal& signal);
    /// Time passes: extends the open interval to `now`, splits it at day_start, commits at each checkpoint.
    void tick(TimePoint now);

    const std::optional<Interval>& open_interval() const { return open_; }
    /// The open interval as tick(now) would leave it, without writing anything: extended to `now` and cut at each
    /// day_start boundary it crossed (the first piece keeps the stored row's id, the others have none). Empty when
    /// nothing is open. Reads use it, so a read never advances the tracker nor commits.
    std::vector<Interval> live_rows(TimePoint now) const;
    State state() const { return open_ ? open_->state : State::off; }
    /// Active, in a call or personal right now.
    bool present() const { return is_work(state()) || state() == State::personal; }
    /// A call is in progress (recorded as `call`, or as `personal` when the worker said so, unless paused or asleep).
    bool in_call() const { return in_call_; }
    bool paused() const { return paused_; }
    /// The next instant tick() has work to do: the next checkpoint or day_start boundary.
    std::optional<TimePoint> next_deadline() const;
    const ZonePtr& zone() const { return zone_; }
    Minutes day_start() const { return config_.day_start; }
    /// The settings moved day_start: the open interval is closed at `at` and reopened in the same state, so what
    /// follows lands on the work day the new boundary gives; what was recorded keeps its frozen work day.
    void set_day_start(Minutes day_start, TimePoint at);

  private:
    Interval make_interval(State state, TimePoint at, const std::string& source) const;
    /// Opens `state` at `at`; it is stored once it has a length (or at once when it takes over an emptied row).
    void open(State state, TimePoint at, const std::string& source);
    /// Inserts or updates the open interval.
    void write_open(bool keep_empty = false);
    /// Closes the open interval at `at` (never before its start) and returns it as written.
    std::optional<Interval> close_open(TimePoint at, bool keep_empty_activity = true);
    void transition(State next, TimePoint at, const std::string& source, bool keep_empty_activity = true);
    /// Closes and reopens the open interval at every day_start boundary up to `until`; true when it split.
    bool split_at_boundaries(TimePoint until);
    /// The first day_start boundary after `start`, in the current zone.
    TimePoint next_boundary(TimePoint start) const;
    /// `at`, but not before the end the open interval already reached, nor (with nothing open) before the floor.
    TimePoint effective(TimePoint at) const;
    /// The earliest instant a new interval may start when none is open: the agent's start, or the end of the previous
    /// run's last row when the wall clock went back between runs. `at` when the agent never started.
    TimePoint floor(TimePoint at) const;
    void commit(std::string_view reason, TimePoint now);
    /// During a call, input, idle and lock signals only move what the state will be when the call ends; true when
    /// `signal` was taken that way.
    bool absorbed_by_call(const Signal& signal);
    /// The state a call is recorded in: `personal` when the worker said this activity is not work, else `call`.
    State call_state() const { return call_personal_ ? State::personal : State::call; }

    TrackerConfig config_;
    ZonePtr zone_;
    IntervalSink& sink_;
    std::optional<Interval> open_;
    std::optional<TimePoint> last_commit_;
    bool personal_run_ = false;
    bool paused_ = false;                  // between pause and resume: input opens `off`, never `active`
    bool paused_present_ = false;          // the open `off` run is input seen while paused (so resume makes it active)
    std::optional<TimePoint> started_at_;  // agent_start: no interval of this run starts before it
    std::optional<TimePoint> previous_end_;  // agent_start's `since`: the previous run's rows end there
    std::optional<Interval> free_row_;       // a stored row that shrank to nothing, for the next interval to take
    std::optional<Interval> before_split_;   // the piece a day_start split just closed, while its continuation is open
    bool in_call_ = false;                   // between call_start and call_end
    bool call_personal_ = false;             // the call's activity was said not to be work
    State after_call_ = State::idle;         // what the input, idle and lock signals say, for when the call ends
    std::string after_call_source_;          // the backend that said it
};

}  // namespace clockout::core
