#include "app/nudge_text.h"

#include <algorithm>
#include <array>
#include <chrono>

#include <fmt/format.h>

#include "app/i18n.h"
#include "app/report.h"

namespace clockout::app {

namespace {

// Whole minutes, at least one: a setting of 30 s still reads "1 minute", never "0".
std::int64_t label_minutes(core::Seconds duration) {
    return std::max<std::int64_t>(
        1, std::chrono::duration_cast<std::chrono::minutes>(duration + core::Seconds{30}).count());
}

}  // namespace

std::vector<NudgeButton> nudge_buttons(const core::Nudge& nudge, const core::NudgeSettings& settings) {
    switch (nudge.kind) {
        case core::NudgeKind::end_notice: {
            auto more = label_minutes(settings.more_minutes);
            return {{NudgeAnswer::done, tr("I'm done")},
                    {NudgeAnswer::more, ntrf("{} more minute", "{} more minutes", more, more)},
                    {NudgeAnswer::late, tr("Working late")}};
        }
        case core::NudgeKind::firm:
            return {{NudgeAnswer::snooze, trf("Snooze {} min", label_minutes(settings.snooze))},
                    {NudgeAnswer::done, tr("Disconnect now")}};
        case core::NudgeKind::quiet_prompt:
            return {{NudgeAnswer::personal, tr("Personal")}, {NudgeAnswer::work, tr("Work")}};
        case core::NudgeKind::screen_break:
            return {{NudgeAnswer::later, tr("Later")}, {NudgeAnswer::break_done, tr("Done")}};
        default:
            return {};
    }
}

std::string_view answer_id(NudgeAnswer answer) {
    switch (answer) {
        case NudgeAnswer::done:
            return "done";
        case NudgeAnswer::more:
            return "more";
        case NudgeAnswer::late:
            return "late";
        case NudgeAnswer::snooze:
            return "snooze";
        case NudgeAnswer::personal:
            return "personal";
        case NudgeAnswer::work:
            return "work";
        case NudgeAnswer::later:
            return "later";
        case NudgeAnswer::break_done:
            return "break_done";
    }
    return "";
}

std::optional<NudgeAnswer> answer_from_id(std::string_view id) {
    for (auto answer : {NudgeAnswer::done, NudgeAnswer::more, NudgeAnswer::late, NudgeAnswer::snooze,
                        NudgeAnswer::personal, NudgeAnswer::work, NudgeAnswer::later, NudgeAnswer::break_done}) {
        if (answer_id(answer) == id)
            return answer;
    }
    return std::nullopt;
}

std::string nudge_title(const core::Nudge& nudge) {
    switch (nudge.kind) {
        case core::NudgeKind::pre_notice:
            return tr("Your working day ends soon");
        case core::NudgeKind::end_notice:
            return tr("Your working day is over");
        case core::NudgeKind::firm:
            return tr("Time to disconnect");
        case core::NudgeKind::quiet_prompt:
            return tr("It's your quiet time: is this work?");
        case core::NudgeKind::amplitude:
            return tr("A long day");
        case core::NudgeKind::active_time:
            return tr("A lot of active time today");
        case core::NudgeKind::break_missing:
            return tr("Time for a break");
        case core::NudgeKind::screen_break:
            return tr("A screen break?");
    }
    return "Clockout";
}

std::string clock_of(const core::TimeZone& zone, core::TimePoint t) {
    return core::format_local(t, zone.offset_at(t)).substr(11, 5);
}

std::string stop_time(const core::TimeZone& zone, core::TimePoint stop, core::TimePoint now) {
    // Inside a sentence ("Stop before Sunday 21:30"): French writes the day in lower case, unlike a heading's
    // "Dimanche".
    static constexpr std::array<const char*, 7> kWeekdays = {N_("Monday {}"),   N_("Tuesday {}"), N_("Wednesday {}"),
                                                             N_("Thursday {}"), N_("Friday {}"),  N_("Saturday {}"),
                                                             N_("Sunday {}")};
    // Calendar days (midnight to midnight) in the user's zone: "today" is what the clock on the wall says.
    const auto stop_day = date::floor<date::days>(zone.to_local(stop));
    const auto today = date::floor<date::days>(zone.to_local(now));
    const auto ahead = (stop_day - today).count();
    const std::string clock = clock_of(zone, stop);
    if (ahead <= 0)
        return clock;
    if (ahead == 1)
        return trf("tomorrow {}", clock);
    const core::Date d{stop_day};
    if (ahead < 7)
        return fmt::format(fmt::runtime(tr(kWeekdays[core::weekday_index(d)])), clock);
    return fmt::format("{} {}", format_day_label(d), clock);
}

std::string nudge_body(const core::Nudge& nudge, const core::TimeZone& zone, core::TimePoint now) {
    using fmt::runtime;
    std::string body;
    switch (nudge.kind) {
        case core::NudgeKind::pre_notice:
            if (nudge.day_end)
                body = fmt::format(runtime(tr("Your last working window ends at {}.")), clock_of(zone, *nudge.day_end));
            break;
        case core::NudgeKind::end_notice:
        case core::NudgeKind::firm:
            body = fmt::format(runtime(tr("{} past the end of your day; amplitude today: {}.")),
                               format_minutes(nudge.overtime_min), format_minutes(nudge.amplitude_min));
            break;
        case core::NudgeKind::quiet_prompt:
            body = tr("Personal use is not counted as work.");
            break;
        case core::NudgeKind::amplitude:
            body = fmt::format(runtime(tr("Amplitude today: {}.")), format_minutes(nudge.amplitude_min));
            break;
        case core::NudgeKind::active_time:
            body = fmt::format(runtime(tr("Active time today: {}.")), format_minutes(nudge.active_min));
            break;
        case core::NudgeKind::break_missing:
            body = tr("A 20-minute break is the benchmark before 6 hours of work.");
            break;
        case core::NudgeKind::screen_break:
            body =
                fmt::format(runtime(tr("{} at the screen without a pause. Stand up, look into the distance, move for "
                                       "a few minutes.")),
                            format_minutes(nudge.screen_min));
            break;
    }
    if (nudge.latest_stop && (nudge.kind == core::NudgeKind::end_notice || nudge.kind == core::NudgeKind::firm)) {
        body += ' ';
        body += fmt::format(runtime(tr("Stop before {} to keep 11 hours of rest.")),
                            stop_time(zone, *nudge.latest_stop, now));
    }
    return body;
}

}  // namespace clockout::app
