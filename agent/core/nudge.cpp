#include "core/nudge.h"

#include <algorithm>

namespace clockout::core {

namespace {

// When the quiet prompt is shown, other due nudges wait this long so the answer comes first: a "Personal" answer makes
// them moot, and two windows at once would be noise.
constexpr Seconds k_prompt_grace{60};

Date next_day(Date d) {
    return Date{date::sys_days{d} + date::days{1}};
}

// The last window end of work day `today`. Past midnight (before day_start) the evening still belongs to `today`, so
// the schedule is asked about the work day's calendar date, not about the new calendar date.
std::optional<TimePoint> day_end_of(const Schedule& schedule, const TimeZone& zone, Date today, LocalTime local_now) {
    const LocalTime last_second_of_today = LocalTime{date::local_days{next_day(today)}} - Seconds{1};
    const auto end = schedule.last_window_end_of_day(std::min(local_now, last_second_of_today));
    if (!end)
        return std::nullopt;
    return zone.to_utc(*end);
}

// When the next firm window is due: firm_after past the day's end; a snooze replaces the repeat timer until the window
// is shown again; nullopt when no repeat is configured and one was shown.
std::optional<TimePoint> firm_due(const NudgeSettings& settings, const NudgeMemory& memory, TimePoint day_end) {
    const TimePoint base = day_end + settings.firm_after;
    if (memory.snoozed_until)
        return std::max(base, *memory.snoozed_until);
    if (memory.last_firm) {
        if (settings.repeat <= Seconds{0})
            return std::nullopt;
        return std::max(base, *memory.last_firm + settings.repeat);
    }
    return base;
}

// The soft break notice comes 30 minutes before the break becomes missing (5 h 30 for 6 h, RULES.md), so a 20-minute
// break can still be taken in time; with a short custom limit, halfway through it.
std::int64_t break_notice_min(const Limits& limits) {
    return limits.break_after_min - std::min<std::int64_t>(30, limits.break_after_min / 2);
}

struct Due {
    std::optional<NudgeKind> end_of_day;  // at most one of pre_notice, end_notice, firm
    bool amplitude = false;
    bool active_time = false;
    bool break_missing = false;
    bool screen_break = false;
    bool any() const { return end_of_day || amplitude || active_time || break_missing || screen_break; }
};

}  // namespace

Decision decide(const NudgeSettings& settings, const Limits& limits, const Schedule& schedule, const TimeZone& zone,
                TimePoint now, const LiveState& live, NudgeMemory& memory) {
    const Minutes day_start = schedule.config().day_start;
    const LocalTime local_now = zone.to_local(now);
    const Date today = work_day_of(local_now, day_start);
    if (memory.work_day != today) {
        // The question is asked once per run, and a run can cross day_start: the run already asked about stays asked.
        const auto asked = memory.quiet_prompted_run;
        memory = NudgeMemory{};
        memory.work_day = today;
        memory.quiet_prompted_run = asked;
    }

    const auto day_end = day_end_of(schedule, zone, today, local_now);
    const bool can_show = live.present && !live.paused;
    const bool working = can_show && !live.personal;  // personal time is not work: no work nudges

    // What is due now, whoever is there. The end of the day is news only to someone who worked before it: a day whose
    // first activity comes after its end (the first start at 21:00, a return in the evening of a day off) gets no
    // "your day has ended" nudge; the quiet prompt and the thresholds still apply (docs/nudges.md).
    const bool worked_before_end = day_end && live.today_first_active && *live.today_first_active < *day_end;
    Due due;
    if (day_end && worked_before_end && !memory.day_closed) {
        const auto firm_at = firm_due(settings, memory, *day_end);
        const TimePoint end_at = std::max(*day_end, memory.snoozed_until.value_or(*day_end));
        const TimePoint pre_at = *day_end - settings.pre_notice;
        if (!memory.working_late && firm_at && now >= *firm_at)
            due.end_of_day = NudgeKind::firm;  // it says all the end notice would, and more
        else if (!memory.end_notice_shown && now >= end_at)
            due.end_of_day = NudgeKind::end_notice;
        else if (settings.pre_notice > Seconds{0} && !memory.pre_notice_shown && !memory.end_notice_shown &&
                 now >= pre_at && now < *day_end)
            due.end_of_day = NudgeKind::pre_notice;
    }
    if (!memory.day_closed) {
        due.amplitude = !memory.amplitude_shown && live.today_amplitude_min >= limits.amplitude_soft_min;
        due.active_time = !memory.active_shown && live.today_active_min >= limits.active_soft_min;
        due.break_missing = !memory.break_shown && live.stretch_min >= break_notice_min(limits);
    }
    // The screen break: optional health advice, never during a call, never once the day's end is near (the end-of-day
    // nudges speak then), never at the same moment as another nudge.
    const std::int64_t screen_every = round_minutes(settings.screen_break);
    const bool screen_quiet_end = day_end && worked_before_end && now >= *day_end - k_screen_break_before_end;
    const bool screen_possible = screen_every > 0 && !live.in_call && !screen_quiet_end && !memory.day_closed;
    due.screen_break = screen_possible && live.screen_min >= screen_every &&
                       (!memory.screen_break_not_before || now >= *memory.screen_break_not_before) && !due.end_of_day &&
                       !due.break_missing;

    const auto stop = latest_stop(schedule, zone, now, Minutes{limits.daily_rest_min});
    auto make = [&](NudgeKind kind) {
        Nudge n{};
        n.kind = kind;
        n.day_end = day_end;
        if (day_end && now > *day_end)
            n.overtime_min = round_minutes(now - *day_end);
        n.amplitude_min = live.today_amplitude_min;
        n.active_min = live.today_active_min;
        n.screen_min = live.screen_min;
        n.latest_stop = stop;
        return n;
    };

    Decision decision;
    std::optional<TimePoint> wake;
    auto consider = [&](TimePoint t) {
        if (t > now && (!wake || t < *wake))
            wake = t;
    };

    // "First input in quiet hours after being away": the run itself started in quiet hours, after a real absence.
    const bool quiet_prompt =
        can_show && !live.personal && memory.quiet_prompted_run != live.run_start && schedule.in_quiet(local_now) &&
        schedule.in_quiet(zone.to_local(live.run_start)) &&
        (!live.previous_activity_end || live.run_start - *live.previous_activity_end >= settings.quiet_away);

    if (quiet_prompt) {
        decision.show.push_back(make(NudgeKind::quiet_prompt));
        memory.quiet_prompted_run = live.run_start;
        if (working && due.any())
            consider(now + k_prompt_grace);
    } else if (working) {
        if (due.end_of_day) {
            decision.show.push_back(make(*due.end_of_day));
            memory.pre_notice_shown = true;
            if (*due.end_of_day != NudgeKind::pre_notice) {
                memory.end_notice_shown = true;
                memory.snoozed_until.reset();
            }
            if (*due.end_of_day == NudgeKind::firm)
                memory.last_firm = now;
        }
        if (due.amplitude) {
            decision.show.push_back(make(NudgeKind::amplitude));
            memory.amplitude_shown = true;
        }
        if (due.active_time) {
            decision.show.push_back(make(NudgeKind::active_time));
            memory.active_shown = true;
        }
        if (due.break_missing) {
            decision.show.push_back(make(NudgeKind::break_missing));
            memory.break_shown = true;
        }
        if (due.screen_break) {
            decision.show.push_back(make(NudgeKind::screen_break));
            // Unanswered, it comes back after another whole stretch of work, not every minute.
            memory.screen_break_not_before = now + settings.screen_break;
        }
    }

    // When something could next become due, from what is now remembered. What is due but waits for the user's return
    // is not a time: the caller asks again on their next input.
    if (day_end && !memory.day_closed) {
        if (settings.pre_notice > Seconds{0} && !memory.pre_notice_shown && !memory.end_notice_shown)
            consider(*day_end - settings.pre_notice);
        if (!memory.end_notice_shown)
            consider(std::max(*day_end, memory.snoozed_until.value_or(*day_end)));
        if (!memory.working_late) {
            if (const auto firm_at = firm_due(settings, memory, *day_end))
                consider(*firm_at);
        }
    }
    if (working && !memory.day_closed) {
        // The day's figures grow at most one minute per minute while someone works.
        auto reaches = [&](bool shown, std::int64_t value, std::int64_t limit) {
            if (!shown && value < limit)
                consider(now + Minutes{limit - value});
        };
        reaches(memory.amplitude_shown, live.today_amplitude_min, limits.amplitude_soft_min);
        reaches(memory.active_shown, live.today_active_min, limits.active_soft_min);
        reaches(memory.break_shown, live.stretch_min, break_notice_min(limits));
        if (screen_possible) {
            reaches(false, live.screen_min, screen_every);
            if (memory.screen_break_not_before)
                consider(*memory.screen_break_not_before);
        }
    }
    if (day_end || schedule.next_window_start(local_now)) {
        // The memory resets then, and the next day's end is worked out.
        consider(zone.to_utc(work_day_start(next_day(today), day_start)));
    }
    decision.wake_at = wake;
    return decision;
}

void answer_done_for_today(NudgeMemory& memory) {
    memory.day_closed = true;
    memory.snoozed_until.reset();
}

void answer_more_minutes(NudgeMemory& memory, const NudgeSettings& settings, TimePoint now) {
    // The end notice comes back when the minutes are over (unless the firm window is due by then).
    memory.snoozed_until = now + settings.more_minutes;
    memory.end_notice_shown = false;
}

void answer_working_late(NudgeMemory& memory) {
    memory.working_late = true;
    memory.snoozed_until.reset();
}

void answer_snooze(NudgeMemory& memory, const NudgeSettings& settings, TimePoint now) {
    memory.snoozed_until = now + settings.snooze;
}

void answer_screen_break_later(NudgeMemory& memory, TimePoint now) {
    memory.screen_break_not_before = now + k_screen_break_later;
}

void answer_screen_break_done(NudgeMemory& memory, const NudgeSettings& settings, TimePoint now) {
    memory.screen_break_not_before = now + settings.screen_break;
}

std::optional<TimePoint> latest_stop(const Schedule& schedule, const TimeZone& zone, TimePoint now, Minutes rest) {
    // "Tomorrow" is the day after the current work day, so at 00:30 the evening's stop still refers to the morning.
    const Date today = work_day_of(zone.to_local(now), schedule.config().day_start);
    const LocalTime before_tomorrow = LocalTime{date::local_days{next_day(today)}} - Seconds{1};
    const auto next = schedule.next_window_start(before_tomorrow);
    if (!next)
        return std::nullopt;
    return zone.to_utc(*next) - rest;  // elapsed rest, true across a DST change
}

}  // namespace clockout::core
