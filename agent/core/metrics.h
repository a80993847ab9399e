// The day and week figures of DESIGN.md section 4, computed from recorded intervals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/interval.h"
#include "core/schedule.h"
#include "core/time.h"

namespace clockout::core {

/// Every threshold of RULES.md, overridable in settings [limits]. Durations in minutes.
struct Limits {
    std::int64_t amplitude_soft_min = 10 * 60;
    std::int64_t amplitude_firm_min = 12 * 60;
    std::int64_t amplitude_max_min = 13 * 60;
    std::int64_t active_soft_min = 8 * 60;
    std::int64_t active_firm_min = 10 * 60;
    std::int64_t daily_rest_min = 11 * 60;  // rest_short below it
    std::int64_t break_min = 20;            // a break is a gap of at least this
    std::int64_t break_after_min = 6 * 60;  // a stretch this long without a break is break_missing
    std::int64_t week_soft_min = 44 * 60;
    std::int64_t week_firm_min = 48 * 60;
    std::int64_t avg12_high_min = 44 * 60;
    std::int64_t weekly_rest_min = 35 * 60;  // weekly_rest_short below it
    std::int64_t reconnect_gap_min = 20;     // away this long, then active in quiet hours = a reconnection
    Minutes night_start{21 * 60};
    Minutes night_end{6 * 60};
    bool operator==(const Limits&) const = default;
};

struct DayMetrics {
    Date date;
    std::optional<TimePoint> first_active;
    Seconds first_offset{0};  // the frozen offset of the interval that holds first_active
    std::optional<TimePoint> last_active;
    Seconds last_offset{0};
    std::int64_t amplitude_min = 0;
    std::int64_t active_min = 0;
    /// Of active_min, the time in calls (`call` pieces of the union: where another row covered it first, it counts
    /// once, as that row).
    std::int64_t call_min = 0;
    std::int64_t longest_stretch_min = 0;
    bool break_20_ok = true;
    std::int64_t outside_window_min = 0;
    std::int64_t quiet_min = 0;
    std::int64_t night_min = 0;
    std::int64_t reconnections = 0;
    std::optional<std::int64_t> rest_before_min;
    /// The largest active total of one calendar day (00:00-24:00 local) that this work day's activity touches, every
    /// work day's activity counted in it: the 10 h rule counts calendar days (RULES.md section 2).
    std::int64_t calendar_max_min = 0;
    std::vector<std::string> flags;  // in the order of DESIGN.md section 4
};

struct WeekMetrics {
    Date monday;
    std::string week;              // "2026-W49"
    std::vector<DayMetrics> days;  // seven, Monday first
    std::int64_t total_active_min = 0;
    std::int64_t days_active = 0;
    std::int64_t avg12_active_min = 0;
    std::int64_t avg12_weeks = 0;  // weeks the average was taken over: 12, or fewer while the journal is younger
    std::int64_t longest_rest_min = 0;
    std::vector<std::string> flags;  // week flags only
};

/// The figures of work day `d` (rest_before_min looks back to the previous day with activity).
DayMetrics compute_day(const IntervalSource& source, Date d, const Schedule& schedule, const Limits& limits);

/// The figures of the ISO week that starts on `monday`. `now` closes a rest gap that is still open.
WeekMetrics compute_week(const IntervalSource& source, Date monday, const Schedule& schedule, const Limits& limits,
                         TimePoint now);

}  // namespace clockout::core
