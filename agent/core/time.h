// Time vocabulary of the core: UTC instants in whole seconds, local wall times, work days.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace clockout::core {

using Seconds = std::chrono::seconds;
using Minutes = std::chrono::minutes;
using TimePoint = std::chrono::sys_seconds;  // an instant, UTC, whole seconds
using LocalTime = date::local_seconds;       // a wall-clock reading with no zone attached
using Date = date::year_month_day;           // a calendar date or a work day

/// Where "now" comes from. Injected everywhere so every rule runs in simulated time in tests.
class Clock {
  public:
    virtual ~Clock() = default;
    /// The wall clock, UTC.
    virtual TimePoint now() const = 0;
    /// A monotonic reading in seconds that never jumps with the wall clock (suspend included where the OS allows).
    virtual Seconds monotonic() const = 0;
};

class SystemClock final : public Clock {
  public:
    TimePoint now() const override;
    Seconds monotonic() const override;
};

/// A clock tests move by hand; monotonic() advances with advance() but not with set_wall().
class SimulatedClock final : public Clock {
  public:
    explicit SimulatedClock(TimePoint start) : wall_(start) {}
    TimePoint now() const override { return wall_; }
    Seconds monotonic() const override { return mono_; }
    void advance(Seconds d) {
        wall_ += d;
        mono_ += d;
    }
    /// A wall-clock jump (NTP, manual change): the monotonic clock does not move.
    void set_wall(TimePoint t) { wall_ = t; }

  private:
    TimePoint wall_;
    Seconds mono_{0};
};

/// A time zone as the core needs it. date/tz is behind it on Linux and macOS.
class TimeZone {
  public:
    virtual ~TimeZone() = default;
    /// The IANA name, or a description such as "UTC+01:00".
    virtual std::string name() const = 0;
    /// The offset from UTC in force at `t`.
    virtual Seconds offset_at(TimePoint t) const = 0;
    /// The instant of a local wall time: a time skipped by DST maps past the gap, a repeated one to its first
    /// occurrence.
    virtual TimePoint to_utc(LocalTime local) const = 0;

    LocalTime to_local(TimePoint t) const { return LocalTime{t.time_since_epoch() + offset_at(t)}; }
};

using ZonePtr = std::shared_ptr<const TimeZone>;

/// An IANA zone by name ("Europe/Paris"); nullptr when unknown.
ZonePtr make_zone(std::string_view iana_name);
/// The zone of this process: TZ when set, else the system's; UTC if neither can be read.
ZonePtr system_zone();
/// A zone with a constant offset (tests, and intervals that carry only their frozen offset).
ZonePtr fixed_zone(Seconds offset);

/// The work day that contains a local time, given day_start (e.g. 04:00: 02:30 on the 2nd belongs to the 1st).
Date work_day_of(LocalTime local, Minutes day_start);
/// The local time at which work day `d` starts.
LocalTime work_day_start(Date d, Minutes day_start);
/// Monday of the ISO week that holds `d` and the ISO week label, e.g. "2026-W49".
Date iso_week_monday(Date d);
std::string iso_week_label(Date monday);
/// Parses "2026-W49" into its Monday.
std::optional<Date> parse_iso_week(std::string_view text);
/// 0 = Monday ... 6 = Sunday.
unsigned weekday_index(Date d);

/// "2026-11-30T07:58:12Z"
std::string format_utc(TimePoint t);
std::optional<TimePoint> parse_utc(std::string_view text);
/// "2026-11-30T08:58:12+01:00"
std::string format_local(TimePoint t, Seconds offset);
/// "+01:00", "-04:00", "+10:30"
std::string format_offset(Seconds offset);
std::optional<Seconds> parse_offset(std::string_view text);
/// "2026-11-30"
std::string format_date(Date d);
std::optional<Date> parse_date(std::string_view text);
/// "17:30"; "24:00" allowed as an end.
std::optional<Minutes> parse_hhmm(std::string_view text);
std::string format_hhmm(Minutes m);
/// "5m", "90s", "1h30m", "2h"; nullopt when malformed.
std::optional<Seconds> parse_duration(std::string_view text);
/// Rounds to the nearest whole minute (half away from zero).
std::int64_t round_minutes(Seconds s);

}  // namespace clockout::core
