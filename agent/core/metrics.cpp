#include "core/metrics.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <iterator>

namespace clockout::core {

namespace {

using date::days;

Seconds minutes_of(std::int64_t m) {
    return Seconds{m * 60};
}

LocalTime to_local(TimePoint t, Seconds offset) {
    return LocalTime{t.time_since_epoch() + offset};
}

TimePoint to_instant(LocalTime t, Seconds offset) {
    return TimePoint{t.time_since_epoch() - offset};
}

Date add_days(Date d, int n) {
    return Date{date::sys_days{d} + days{n}};
}

// Mean of a number of seconds over `count` periods, in whole minutes, rounded like round_minutes (half away from
// zero) but without first truncating the mean to whole seconds.
std::int64_t mean_minutes(Seconds total, std::int64_t count) {
    if (count <= 0)
        return 0;
    const auto divisor = 60 * count;
    const auto v = total.count();
    return v >= 0 ? (2 * v + divisor) / (2 * divisor) : -((-2 * v + divisor) / (2 * divisor));
}

Seconds overlap(LocalTime from, LocalTime to, const std::vector<LocalSpan>& spans) {
    Seconds sum{0};
    for (const auto& s : spans) {
        const auto lo = std::max(from, s.start);
        const auto hi = std::min(to, s.end);
        if (hi > lo)
            sum += hi - lo;
    }
    return sum;
}

bool inside(LocalTime t, const std::vector<LocalSpan>& spans) {
    return std::any_of(spans.begin(), spans.end(), [t](const LocalSpan& s) { return s.start <= t && t < s.end; });
}

// The largest active total of one calendar day (local midnight to midnight) that `day`'s pieces touch. `near` holds
// the pieces of the work days around it, every piece placed on the wall clock with its own frozen offset.
Seconds calendar_max(const std::vector<Interval>& day, const std::vector<Interval>& near) {
    std::vector<date::local_days> touched;
    for (const auto& i : day) {
        // A piece that ends at midnight does not touch the day after it; one of no length touches its own day.
        const auto last = i.end > i.start ? i.local_end() - Seconds{1} : i.local_start();
        for (auto c = std::chrono::floor<days>(i.local_start()); c <= std::chrono::floor<days>(last); c += days{1}) {
            if (std::find(touched.begin(), touched.end(), c) == touched.end())
                touched.push_back(c);
        }
    }
    Seconds best{0};
    for (const auto c : touched) {
        const std::vector<LocalSpan> calendar_day{{LocalTime{c}, LocalTime{c + days{1}}}};
        Seconds sum{0};
        for (const auto& i : near)
            sum += overlap(i.local_start(), i.local_end(), calendar_day);
        best = std::max(best, sum);
    }
    return best;
}

// Night is a daily wall-clock range, like a quiet evening; equal ends mean no night at all rather than a whole day,
// since a 24-hour night would flag every minute of work.
std::vector<LocalSpan> night_spans(LocalTime from, LocalTime to, const Limits& limits) {
    std::vector<LocalSpan> out;
    if (limits.night_start == limits.night_end)
        return out;
    const auto crosses = limits.night_end < limits.night_start;
    for (auto d = std::chrono::floor<days>(from) - days{1}; d <= std::chrono::floor<days>(to); d += days{1}) {
        const LocalTime start = d + limits.night_start;
        const LocalTime end = crosses ? d + days{1} + limits.night_end : d + limits.night_end;
        out.push_back({start, end});
    }
    return out;
}

// The activity that precedes `first`, the first active interval of its work day. A zero-length active row of the same
// day can end exactly where `first` starts and would be found instead, so such a row is stepped over.
std::optional<Interval> activity_before(const IntervalSource& source, const Interval& first) {
    auto prev = source.last_active_before(first.start);
    if (prev && prev->work_day >= first.work_day)
        prev = source.last_active_before(first.start - Seconds{1});
    return prev;
}

// The same, looked up first among `rows`, the active intervals of work days `from` onwards already fetched. A row of
// work day from + 2 or later ends after every row older than `from` (offsets span at most 26 hours), so when the best
// candidate is that recent no other row can be later and the journal need not be asked.
std::optional<Interval> activity_before(const IntervalSource& source, const Interval& first,
                                        const std::vector<Interval>& rows, Date from) {
    const Interval* best = nullptr;
    for (const auto& r : rows) {
        if (r.work_day < first.work_day && r.end <= first.start && (!best || r.end > best->end))
            best = &r;
    }
    if (best && best->work_day >= Date{date::sys_days{from} + days{2}})
        return *best;
    return activity_before(source, first);
}

// `active` holds the active pieces of work day `d` (union_of_active: no instant twice), ordered by start; `before` is
// the activity preceding them; `near` the pieces of the work days d - 1 to d + 1, for the calendar days d touches.
DayMetrics measure_day(Date d, const std::vector<Interval>& active, const std::optional<Interval>& before,
                       const std::vector<Interval>& near, const Schedule& schedule, const Limits& limits) {
    DayMetrics m;
    m.date = d;
    if (active.empty())
        return m;

    const Interval& first = active.front();
    const Interval* last = &first;
    LocalTime lo = first.local_start();
    LocalTime hi = first.local_end();
    for (const auto& i : active) {
        if (i.end > last->end)
            last = &i;
        lo = std::min(lo, i.local_start());
        hi = std::max(hi, i.local_end());
    }
    m.first_active = first.start;
    m.first_offset = first.utc_offset;
    m.last_active = last->end;
    m.last_offset = last->utc_offset;

    // Each interval is placed on the wall clock with its own frozen offset, so one generous range of local time
    // serves every interval of the day, whatever zone each was recorded in.
    const LocalTime from{std::chrono::floor<days>(lo) - days{1}};
    const LocalTime to{std::chrono::floor<days>(hi) + days{2}};
    const auto windows = schedule.windows_between(from, to);
    const auto quiet = schedule.quiet_between(from, to);
    const auto nights = night_spans(from, to, limits);

    const auto break_gap = minutes_of(limits.break_min);
    const auto reconnect_gap = minutes_of(limits.reconnect_gap_min);
    Seconds active_s{0}, call_s{0}, stretch{0}, longest{0}, outside{0}, quiet_s{0}, night_s{0};
    std::optional<TimePoint> prev_end = before ? std::optional{before->end} : std::nullopt;
    for (std::size_t k = 0; k < active.size(); ++k) {
        const auto& i = active[k];
        const auto length = i.duration();
        active_s += length;
        if (i.state == State::call)
            call_s += length;
        // Stretches are measured in elapsed time, so a gap that spans a DST change is as long as it really was.
        stretch = (k > 0 && i.start - *prev_end < break_gap) ? stretch + length : length;
        longest = std::max(longest, stretch);

        const auto ls = i.local_start();
        const auto le = i.local_end();
        outside += length - overlap(ls, le, windows);
        quiet_s += overlap(ls, le, quiet);
        night_s += overlap(ls, le, nights);
        if (inside(ls, quiet) && (!prev_end || i.start - *prev_end >= reconnect_gap))
            ++m.reconnections;
        prev_end = prev_end ? std::max(*prev_end, i.end) : i.end;
    }

    m.amplitude_min = round_minutes(last->end - first.start);
    m.active_min = round_minutes(active_s);
    m.call_min = round_minutes(call_s);
    m.longest_stretch_min = round_minutes(longest);
    m.break_20_ok = m.longest_stretch_min < limits.break_after_min;
    m.outside_window_min = round_minutes(outside);
    m.quiet_min = round_minutes(quiet_s);
    m.night_min = round_minutes(night_s);
    if (before)
        m.rest_before_min = round_minutes(first.start - before->end);
    m.calendar_max_min = round_minutes(calendar_max(active, near));

    // Thresholds compare the whole minutes the user is shown, so a figure and its flag never disagree.
    auto flag = [&m](bool crossed, const char* name) {
        if (crossed)
            m.flags.emplace_back(name);
    };
    flag(m.amplitude_min >= limits.amplitude_soft_min, "amplitude_soft");
    flag(m.amplitude_min >= limits.amplitude_firm_min, "amplitude_firm");
    flag(m.amplitude_min >= limits.amplitude_max_min, "amplitude_max");
    flag(m.active_min >= limits.active_soft_min, "active_soft");
    flag(m.active_min >= limits.active_firm_min, "active_firm");
    flag(m.rest_before_min && *m.rest_before_min < limits.daily_rest_min, "rest_short");
    flag(!m.break_20_ok, "break_missing");
    flag(m.quiet_min > 0, "quiet_activity");
    flag(m.night_min > 0, "night_activity");
    // The daily maximum of active time (active_firm, 10 h) applied to calendar days, as the law counts them.
    flag(m.calendar_max_min >= limits.active_firm_min, "calendar_day_long");
    return m;
}

// An instant with the offset it is read in: the end of one activity or the start of the next.
struct Mark {
    TimePoint at;
    Seconds offset;
};

// The longest gap between consecutive activities that overlaps the week [week_start, week_end) of local time.
// `week` holds the week's active intervals ordered by start and `before` the activity preceding the first of them.
Seconds longest_rest(const IntervalSource& source, Date monday, const std::vector<Interval>& week,
                     const std::optional<Interval>& before, const std::optional<Date>& first_day, Minutes day_start,
                     TimePoint now) {
    const auto week_start = work_day_start(monday, day_start);
    const auto week_end = week_start + days{7};
    Seconds longest{0};
    // Each end of a gap is read in its own frozen offset, like every recorded instant.
    auto consider = [&](const Mark& a, const Mark& b) {
        if (b.at > a.at && to_local(a.at, a.offset) < week_end && to_local(b.at, b.offset) > week_start)
            longest = std::max(longest, b.at - a.at);
    };

    std::optional<Interval> prev = before;
    TimePoint search_after;
    if (week.empty()) {
        // Rows of earlier work days end before this instant and rows of later ones start after it, whatever the
        // offsets (UTC-12 to UTC+14), so it splits the journal at the week.
        search_after = TimePoint{date::sys_days{monday} + days{7} + day_start - std::chrono::hours{14}};
        prev = source.last_active_before(search_after);
    }

    std::optional<Mark> open;
    if (prev) {
        open = Mark{prev->end, prev->utc_offset};
    } else if (first_day) {
        // Nothing was active before: the rest is counted from the start of the journal, the first time known.
        const auto rows = source.intervals_for_days(*first_day, *first_day);
        if (!rows.empty())
            open = Mark{rows.front().start, rows.front().utc_offset};
    }

    for (const auto& i : week) {
        if (open) {
            consider(*open, Mark{i.start, i.utc_offset});
            if (i.end > open->at)
                open = Mark{i.end, i.utc_offset};
        } else {
            open = Mark{i.end, i.utc_offset};
        }
    }
    if (!open)
        return longest;

    if (!week.empty())
        search_after = open->at;
    auto next = source.first_active_after(search_after);
    const Date sunday{date::sys_days{monday} + days{6}};
    if (next && !week.empty() && next->start == search_after && monday <= next->work_day && next->work_day <= sunday)
        next = source.first_active_after(search_after + Seconds{1});  // a zero-length row of the week itself
    if (next) {
        consider(*open, Mark{next->start, next->utc_offset});
    } else {
        // A rest still running is counted up to now, or up to the end of the week in the offset of its start.
        const auto close = std::min(to_instant(week_end, open->offset), now);
        consider(*open, Mark{close, open->offset});
    }
    return longest;
}

}  // namespace

DayMetrics compute_day(const IntervalSource& source, Date d, const Schedule& schedule, const Limits& limits) {
    // The days on either side share calendar days with d, and may overlap its rows (another device, another offset).
    const auto near = union_of_active(source.intervals_for_days(add_days(d, -1), add_days(d, 1)));
    std::vector<Interval> active;
    std::copy_if(near.begin(), near.end(), std::back_inserter(active),
                 [d](const Interval& i) { return i.work_day == d; });
    const auto before = active.empty() ? std::nullopt : activity_before(source, active.front());
    return measure_day(d, active, before, near, schedule, limits);
}

WeekMetrics compute_week(const IntervalSource& source, Date monday, const Schedule& schedule, const Limits& limits,
                         TimePoint now) {
    WeekMetrics w;
    w.monday = iso_week_monday(monday);
    w.week = iso_week_label(w.monday);
    const date::sys_days mon{w.monday};
    const Date sunday{mon + days{6}};

    // The 12-week average counts only weeks the journal covers; one fetch over those weeks also holds this week.
    auto avg_from = mon - days{7 * 11};
    std::int64_t weeks = 0;
    const auto first_day = source.first_day();
    if (first_day) {
        const date::sys_days first_week{iso_week_monday(*first_day)};
        avg_from = std::max(avg_from, first_week);
        if (first_week <= mon)
            weeks = (mon - avg_from).count() / 7 + 1;
    }
    const Date fetch_from{std::min(avg_from, mon)};
    // One day more on either side: they share calendar days with the week's first and last days, and an instant is
    // counted once even where their rows overlap the week's (another device, another offset).
    std::vector<Interval> rows;
    if (first_day)
        rows = union_of_active(source.intervals_for_days(add_days(fetch_from, -1), add_days(sunday, 1)));

    std::array<std::vector<Interval>, 7> by_day;
    std::vector<Interval> week;
    Seconds twelve_weeks{0}, week_s{0};
    for (const auto& i : rows) {
        if (i.work_day < fetch_from || i.work_day > sunday)
            continue;
        const auto length = i.duration();
        twelve_weeks += length;
        if (i.work_day < w.monday)
            continue;
        week_s += length;
        week.push_back(i);
        by_day[weekday_index(i.work_day)].push_back(i);
    }

    std::optional<Interval> before_week;
    for (std::size_t k = 0; k < by_day.size(); ++k) {
        const Date d{mon + days{static_cast<int>(k)}};
        std::optional<Interval> before;
        if (!by_day[k].empty()) {
            before = activity_before(source, by_day[k].front(), rows, fetch_from);
            if (by_day[k].front().start == week.front().start)
                before_week = before;
        }
        std::vector<Interval> near;
        if (!by_day[k].empty()) {
            std::copy_if(rows.begin(), rows.end(), std::back_inserter(near), [d](const Interval& i) {
                return add_days(d, -1) <= i.work_day && i.work_day <= add_days(d, 1);
            });
        }
        w.days.push_back(measure_day(d, by_day[k], before, near, schedule, limits));
        if (w.days.back().active_min > 0)
            ++w.days_active;
    }

    w.total_active_min = round_minutes(week_s);
    w.avg12_active_min = mean_minutes(twelve_weeks, weeks);
    w.avg12_weeks = weeks;
    w.longest_rest_min =
        round_minutes(longest_rest(source, w.monday, week, before_week, first_day, schedule.config().day_start, now));

    auto flag = [&w](bool crossed, const char* name) {
        if (crossed)
            w.flags.emplace_back(name);
    };
    flag(w.total_active_min >= limits.week_soft_min, "week_soft");
    flag(w.total_active_min >= limits.week_firm_min, "week_firm");
    flag(w.avg12_active_min >= limits.avg12_high_min, "avg12_high");
    // A week without activity has no rest to judge (a future week, or one before the journal).
    flag(!week.empty() && w.longest_rest_min < limits.weekly_rest_min, "weekly_rest_short");
    flag(w.days_active == 7, "seven_days");
    return w;
}

}  // namespace clockout::core
