// A month or a year looked back on (docs/metrics.md, "Month and year"): the figures of DESIGN.md section 4 gathered
// per ISO week (a month) or per calendar month (a year), for `clockout report --month/--year` and the printable page.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/metrics.h"

namespace clockout::core {

/// One row of a period: an ISO week of a month (only its days inside the month) or a month of a year.
struct PeriodRow {
    std::string label;  // "2026-W45" or "2026-11"
    Date first;         // the row's first and last days inside the period
    Date last;
    std::int64_t active_min = 0;         // sum of the days' active time
    std::int64_t days_active = 0;        // days with any activity
    std::int64_t quiet_min = 0;          // activity in quiet hours
    std::int64_t reconnections = 0;      // returns to activity in quiet hours after 20 minutes away
    std::int64_t longest_rest_min = 0;   // the longest rest before a day of the row (rest_before_min), 0 when none
    std::int64_t avg_amplitude_min = 0;  // mean amplitude of the active days, rounded down; 0 when none
    std::int64_t max_amplitude_min = 0;
    std::int64_t calendar_max_min = 0;  // the largest active total of one calendar day (the 10 h rule)
    /// ISO weeks over the 48 h benchmark (week_firm), each counted in the row that holds its Thursday (ISO's rule
    /// for which month and year a week belongs to), on the whole week's total.
    std::int64_t weeks_over_firm = 0;
    /// A month's week row: the whole ISO week's active total, its days outside the month included (the 48 h benchmark
    /// is about whole weeks). Equal to active_min for a week inside the month; 0 for a year's month row.
    std::int64_t week_total_min = 0;
    /// Day flag (DESIGN.md section 4) -> days of the row that carry it.
    std::map<std::string, std::int64_t> day_flags;
};

struct PeriodMetrics {
    std::string period;  // "2026-11" or "2026"
    Date first;          // the period's first and last days
    Date last;
    std::vector<PeriodRow> rows;     // a month: its ISO weeks; a year: its twelve months
    PeriodRow total;                 // the whole period (label = period)
    std::vector<DayMetrics> days;    // every day of the period, first to last
    std::vector<WeekMetrics> weeks;  // every ISO week that touches the period, whole
    /// The ISO weeks whose Thursday lies in the period (a year has 52 or 53: 2026 has 53).
    std::int64_t iso_weeks = 0;
};

/// "2026-11" -> 1 November 2026; nullopt when it is not a month.
std::optional<Date> parse_month(std::string_view text);
/// "2026" -> 1 January 2026 (years 1970 to 9999).
std::optional<Date> parse_year(std::string_view text);

/// The month that starts on `first` (its day is ignored), per ISO week.
PeriodMetrics compute_month(const IntervalSource& source, Date first, const Schedule& schedule, const Limits& limits,
                            TimePoint now);
/// The calendar year of `first`, per month.
PeriodMetrics compute_year(const IntervalSource& source, Date first, const Schedule& schedule, const Limits& limits,
                           TimePoint now);

}  // namespace clockout::core
