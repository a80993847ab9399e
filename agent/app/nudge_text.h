// What every nudge says and offers, in one place: its title, its body, its buttons with their labels taken from the
// user's settings, and the latest stop named with its day when it is not today. The headless notifications, the tray
// agent's notifications and its nudge window all show these, so they cannot drift apart.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/nudge.h"
#include "core/time.h"

namespace clockout::app {

/// The answers a nudge offers. `done` is both "I'm done" (end notice) and "Disconnect now" (nudge window).
/// `later` and `break_done` answer the screen-break reminder ("Later", "Done").
enum class NudgeAnswer { done, more, late, snooze, personal, work, later, break_done };

struct NudgeButton {
    NudgeAnswer answer;
    std::string label;  // in the current language, durations from the settings ("10 more minutes", "Snooze 15 min")
};

/// The buttons of `nudge`, first the one that lets the day go on, the default (done) last for the nudge window;
/// empty for nudges that only inform.
std::vector<NudgeButton> nudge_buttons(const core::Nudge& nudge, const core::NudgeSettings& settings);

/// The stable id of an answer in a notification's actions ("done", "more", ...) and back.
std::string_view answer_id(NudgeAnswer answer);
std::optional<NudgeAnswer> answer_from_id(std::string_view id);

/// The title and body of a nudge in the current language. `now` tells whether the latest stop is today.
std::string nudge_title(const core::Nudge& nudge);
std::string nudge_body(const core::Nudge& nudge, const core::TimeZone& zone, core::TimePoint now);

/// "17:30": the wall clock of `t` in `zone`.
std::string clock_of(const core::TimeZone& zone, core::TimePoint t);
/// The latest stop as a person reads it next to `now`: "22:00" today, "tomorrow 00:30", "Sunday 21:30" further on,
/// a date after a week ("Mon 7 Dec 21:30").
std::string stop_time(const core::TimeZone& zone, core::TimePoint stop, core::TimePoint now);

}  // namespace clockout::app
