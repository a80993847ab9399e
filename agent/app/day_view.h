// The day's figures and the tray's state, in one place: the tray menu, the status window and `clockout status` (text
// and --json, live from the running agent or from the journal) all show a DayView, so they cannot disagree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/interval.h"
#include "core/time.h"

namespace clockout::app {

/// What the tray icon shows. Changes only at deadlines the policy knows (the day's end, quiet hours) or on an answer.
enum class TrayState { day, late, quiet, paused };

/// "day", "late", "quiet", "paused" (the JSON of `clockout status`) and back.
const char* tray_state_name(TrayState state);
std::optional<TrayState> tray_state_from_name(const std::string& name);

/// Today's work day at `now`: the one definition every part uses (the tray, the CLI, the summary's opening week).
core::Date work_day_at(const Context& context, core::TimePoint now);

struct DayView {
    core::Date date;                              // today's work day
    std::int64_t active_min = 0;                  // the union of today's activity, the open interval included
    std::int64_t amplitude_min = 0;               // first to last activity
    std::int64_t call_min = 0;                    // of active_min, the time in calls
    bool in_call = false;                         // a call is in progress (the agent's view only)
    std::optional<core::TimePoint> first_active;  // null before the day's first activity
    core::Seconds first_offset{0};                // the frozen offset of the row that holds first_active
    std::optional<core::TimePoint> day_end;       // the end of today's last window; null on a day off
    std::optional<core::TimePoint> latest_stop;   // stop before it to keep the daily rest; null with nothing planned
    std::int64_t daily_rest_h = 11;               // the rest the latest stop keeps, in hours
    std::int64_t week_active_min = 0;             // this ISO week so far
    bool paused = false;                          // the user paused tracking
    bool quiet = false;                           // now is in quiet hours (evening, rest day, holiday, leave)
    bool late = false;                            // past today's day's end
    TrayState state = TrayState::day;             // paused > quiet > late > day
    bool live = false;                            // from the running agent (true) or the journal alone
    core::TimePoint now{};                        // the instant the figures were taken
};

/// The tray state alone (cheap: no interval is read), so the icon can be refreshed without computing the figures.
TrayState tray_state_at(const Context& context, core::TimePoint now, bool paused);

/// The next instant after `now` at which tray_state_at changes by the clock alone (the day's end, a quiet span's
/// start or end), looking two days ahead; nullopt when none. The runtime arms its deadline there.
std::optional<core::TimePoint> next_tray_change(const Context& context, core::TimePoint now);

/// The figures at `now` from `intervals` (the journal, or the agent's live view of it with the open interval).
DayView compute_day_view(const Context& context, const core::IntervalSource& intervals, core::TimePoint now,
                         bool paused, bool live);

/// The lines a person reads, in the current language: activity and amplitude, the day's end, the latest stop (with
/// its day when it is not today), the week so far, and "paused" when it is. The menu, the status window and
/// `clockout status` print exactly these.
std::vector<std::string> day_view_lines(const DayView& view, const core::TimeZone& zone);
/// The heading above them: "Today, Monday 9 November".
std::string day_view_heading(const DayView& view);

/// The running agent's live view, asked over the single-instance channel; nullopt (with `why`) when no agent runs or
/// it does not answer within 2 s.
std::optional<DayView> ask_agent_day_view(const Context& context, std::string& why);

/// One JSON object (the keys of `clockout status --json`); times as RFC 3339 local with their offset.
std::string day_view_json(const DayView& view, const core::TimeZone& zone);
/// Reads day_view_json's text back (a running agent's answer); nullopt, with `error` set, when it is not one.
std::optional<DayView> parse_day_view_json(const std::string& text, std::string& error);

}  // namespace clockout::app
