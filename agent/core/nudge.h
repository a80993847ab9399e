// The nudge policy of DESIGN.md section 5: a pure function from (settings, schedule, now, live state, what was shown)
// to what to show now and when to wake next. The UI shows; this decides.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/metrics.h"
#include "core/schedule.h"
#include "core/time.h"

namespace clockout::core {

struct NudgeSettings {
    Seconds pre_notice{10 * 60};    // gentle notice this long before the day's last window ends
    Seconds firm_after{30 * 60};    // the nudge window this long after the end, if still active
    Seconds repeat{30 * 60};        // and again this often
    Seconds more_minutes{10 * 60};  // "10 more minutes" on the end notice
    Seconds snooze{15 * 60};        // "Snooze 15 min" on the nudge window
    Seconds quiet_away{20 * 60};    // away this long, then input in quiet hours: the quiet prompt
    Seconds screen_break{0};        // a screen-break reminder after this much continuous activity; 0 = off
    bool operator==(const NudgeSettings&) const = default;
};

enum class NudgeKind {
    pre_notice,     // "Your day ends in 10 minutes"
    end_notice,     // actions: I'm done / 10 more minutes / Working late
    firm,           // the always-on-top window: Disconnect now / Snooze 15 min
    quiet_prompt,   // "It's your quiet time, is this work?": Personal / Work
    amplitude,      // the day's amplitude reached a limit (once a day)
    active_time,    // the day's active time reached a limit (once a day)
    break_missing,  // 6 h of work without a 20-minute break (once a day)
    screen_break,   // continuous screen work for [nudge] screen_break: Later / Done (optional, off by default)
};

/// A screen break counts as taken after this long with no input (and no call).
inline constexpr Seconds k_screen_break_taken{5 * 60};
/// "Later" on the screen-break reminder asks again after this long.
inline constexpr Seconds k_screen_break_later{10 * 60};
/// No screen-break reminder from this long before the day's end: the end-of-day nudges speak then.
inline constexpr Seconds k_screen_break_before_end{10 * 60};

struct Nudge {
    NudgeKind kind;
    std::optional<TimePoint> day_end;      // the end of the day's last window
    std::int64_t overtime_min = 0;         // minutes past day_end
    std::int64_t amplitude_min = 0;        // today so far
    std::int64_t active_min = 0;           // today so far
    std::int64_t screen_min = 0;           // screen_break: the continuous activity so far
    std::optional<TimePoint> latest_stop;  // stop before this to keep the daily rest before the next window
    bool operator==(const Nudge&) const = default;
};

/// What the engine knows right now, computed from the tracker and the journal.
struct LiveState {
    bool present = false;                            // input seen within the idle threshold (active or personal)
    bool paused = false;                             // the user paused tracking
    TimePoint run_start{};                           // start of the current activity run
    std::optional<TimePoint> previous_activity_end;  // last activity before this run
    std::optional<TimePoint> today_first_active;     // the current work day's first activity (none yet: null)
    std::int64_t today_active_min = 0;
    std::int64_t today_amplitude_min = 0;
    std::int64_t stretch_min = 0;  // active minutes since the last break of break_min or more
    bool personal = false;         // the running activity is declared personal (not work): no work nudges
    bool in_call = false;          // a call is in progress: no screen-break reminder
    std::int64_t screen_min = 0;   // continuous activity: since the last gap of k_screen_break_taken or more
};

/// What was already shown on the current work day. The caller keeps it; decide() and the answers update it.
struct NudgeMemory {
    std::optional<Date> work_day;
    bool pre_notice_shown = false;
    bool end_notice_shown = false;
    std::optional<TimePoint> last_firm;
    std::optional<TimePoint> snoozed_until;
    bool day_closed = false;  // "I'm done"
    bool working_late = false;
    bool amplitude_shown = false;
    bool active_shown = false;
    bool break_shown = false;
    std::optional<TimePoint> quiet_prompted_run;       // run_start of the run already asked about
    std::optional<TimePoint> screen_break_not_before;  // shown, Later or Done: not again before this
};

struct Decision {
    std::vector<Nudge> show;
    std::optional<TimePoint> wake_at;  // when to call decide() again if nothing else happens
};

Decision decide(const NudgeSettings& settings, const Limits& limits, const Schedule& schedule, const TimeZone& zone,
                TimePoint now, const LiveState& live, NudgeMemory& memory);

/// The user's answers.
void answer_done_for_today(NudgeMemory& memory);
void answer_more_minutes(NudgeMemory& memory, const NudgeSettings& settings, TimePoint now);
void answer_working_late(NudgeMemory& memory);
void answer_snooze(NudgeMemory& memory, const NudgeSettings& settings, TimePoint now);
/// The screen-break reminder: "Later" asks again in k_screen_break_later; "Done" after a whole screen_break.
void answer_screen_break_later(NudgeMemory& memory, TimePoint now);
void answer_screen_break_done(NudgeMemory& memory, const NudgeSettings& settings, TimePoint now);

/// The latest stop that keeps `rest` before the next planned window start after `now`; nullopt when none is planned.
std::optional<TimePoint> latest_stop(const Schedule& schedule, const TimeZone& zone, TimePoint now, Minutes rest);

}  // namespace clockout::core
