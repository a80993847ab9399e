// The worker's declared week: working windows, quiet hours, rest days, public holidays and leave.
// A schedule only answers questions in local wall time; it owns no timers.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace clockout::core {

/// A daily range of wall time. end <= start means it crosses midnight ("22:00-06:00"); end may be 24:00.
struct TimeRange {
    Minutes start{0};
    Minutes end{0};
    bool crosses_midnight() const { return end <= start; }
    Minutes length() const { return crosses_midnight() ? end + Minutes{1440} - start : end - start; }
    bool operator==(const TimeRange&) const = default;
};

/// "09:00-12:30"; nullopt when malformed (hours > 24, minutes > 59, equal ends).
std::optional<TimeRange> parse_time_range(std::string_view text);
/// Why `text` is not a time range, in words for a user ("hours go from 00 to 24"); empty when it is one.
std::string time_range_problem(std::string_view text);
/// Whether two windows of one day overlap (a range crossing midnight counts as one stretch into the next day). The
/// settings parser and the settings dialog both ask this, so the dialog refuses exactly what the agent would.
bool time_ranges_overlap(const TimeRange& a, const TimeRange& b);
std::string format_time_range(const TimeRange& r);

/// Inclusive range of dates, "2026-12-21..2027-01-02" (a single date is a one-day range).
struct DateRange {
    Date first;
    Date last;
    bool contains(Date d) const { return first <= d && d <= last; }
    bool operator==(const DateRange&) const = default;
};
std::optional<DateRange> parse_date_range(std::string_view text);
std::string format_date_range(const DateRange& r);

/// A half-open span of local wall time [start, end).
struct LocalSpan {
    LocalTime start;
    LocalTime end;
    bool operator==(const LocalSpan&) const = default;
};

struct ScheduleConfig {
    std::string timezone = "system";  // or an IANA name
    Minutes day_start{4 * 60};
    std::array<std::vector<TimeRange>, 7> windows;  // Monday first; empty = no work planned that day
    std::optional<TimeRange> quiet_evening;         // each calendar day's quiet evening, e.g. 20:00-07:30
    std::array<bool, 7> rest_days{};                // whole days of quiet, Monday first
    std::string public_holidays = "FR";             // "FR", "FR-AM" (Alsace-Moselle) or "" for none
    std::vector<DateRange> leave;

    /// The defaults of RULES.md: Mon-Fri 09:00-12:30 and 13:30-17:30, quiet 20:00-07:30, rest Sat and Sun, FR.
    static ScheduleConfig defaults();
    bool operator==(const ScheduleConfig&) const = default;
};

/// A named public holiday.
struct Holiday {
    Date date;
    std::string name;  // English name, e.g. "Easter Monday"
};

/// Easter Sunday (Gregorian) of year y.
Date easter_sunday(date::year y);
/// The 11 French public holidays of year y (metropolitan France), ordered by date.
std::vector<Holiday> french_public_holidays(date::year y);
/// The holidays of a calendar Clockout knows, in date order: "FR" (the eleven above), "FR-AM" (Alsace-Moselle: the
/// Bas-Rhin, Haut-Rhin and Moselle add Good Friday and St Stephen's Day, 26 December, under their local law), "" none.
std::vector<Holiday> public_holidays_of(std::string_view calendar, date::year y);

class Schedule {
  public:
    explicit Schedule(ScheduleConfig config);

    const ScheduleConfig& config() const { return config_; }

    std::optional<std::string> holiday_name(Date d) const;
    bool is_holiday(Date d) const { return holiday_name(d).has_value(); }
    bool is_leave(Date d) const;
    bool is_rest_day(Date d) const;
    /// Rest day, holiday or leave: the whole calendar day is quiet and has no windows.
    bool is_day_off(Date d) const { return is_rest_day(d) || is_holiday(d) || is_leave(d); }

    /// The working windows that start on calendar day d (a window crossing midnight ends on d+1).
    /// Empty on holidays and leave days.
    std::vector<LocalSpan> windows_on(Date d) const;
    /// Every window overlapping [from, to), merged and ordered.
    std::vector<LocalSpan> windows_between(LocalTime from, LocalTime to) const;
    /// Quiet time overlapping [from, to): quiet evenings, whole rest days, holidays, leave; merged and ordered.
    std::vector<LocalSpan> quiet_between(LocalTime from, LocalTime to) const;

    bool in_window(LocalTime t) const;
    bool in_quiet(LocalTime t) const;

    /// The first window start strictly after `t`, looking at most 14 days ahead.
    std::optional<LocalTime> next_window_start(LocalTime t) const;
    /// The end of the window that contains `t`, merged with windows that touch it.
    std::optional<LocalTime> window_end_containing(LocalTime t) const;
    /// The end of the last window of the working day that holds `t` (windows of calendar day of `t`, and a window of
    /// the previous day still running at `t`).
    std::optional<LocalTime> last_window_end_of_day(LocalTime t) const;

  private:
    ScheduleConfig config_;
};

}  // namespace clockout::core
