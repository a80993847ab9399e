// What the journal stores: runs of one state, with their frozen offset and work day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace clockout::core {

// `call`: in a call (another program captures the microphone) with no input needed; it counts as work like `active`.
enum class State { active, idle, locked, suspended, personal, off, call };

/// The states that are work: `active` and `call`. Every figure counts them alike (active time, amplitude, rest).
constexpr bool is_work(State s) {
    return s == State::active || s == State::call;
}

std::string_view to_string(State s);
std::optional<State> parse_state(std::string_view text);

struct Interval {
    TimePoint start;
    TimePoint end;  // end >= start; the open interval's end is its last checkpoint
    State state = State::off;
    Seconds utc_offset{0};  // local offset at `start`, frozen at write time
    Date work_day;          // frozen at write time
    std::string source;     // the backend that saw it ("xsync", "mutter", "import"...)
    std::string device;
    std::int64_t id = 0;  // journal row id; 0 when not stored yet

    Seconds duration() const { return end - start; }
    LocalTime local_start() const { return LocalTime{start.time_since_epoch() + utc_offset}; }
    LocalTime local_end() const { return LocalTime{end.time_since_epoch() + utc_offset}; }
    bool operator==(const Interval&) const = default;
};

/// `interval` cut at each day_start boundary it crosses (DESIGN section 3: a stored interval never spans two work
/// days). The boundary is the start of the next work day in the interval's own frozen offset; each piece keeps the
/// offset, state, source and device and takes its own work day. An interval within one work day comes back alone.
std::vector<Interval> split_at_work_days(const Interval& interval, Minutes day_start);

/// The work instants (is_work: active and call) of `rows`, each counted once (DESIGN section 4: activity is the union
/// over all rows and all devices). The active rows are taken in start order and each is cut to the part that no earlier
/// row covers already; a piece keeps its row's offset, work day, source, device and id, and a row covered whole is
/// dropped (a row of no length is kept where nothing covers it: a single keystroke). The pieces come back ordered by
/// start, never overlapping, so their durations add up to the time active.
std::vector<Interval> union_of_active(std::vector<Interval> rows);
/// The same for the `call` rows alone: the time in calls, each instant once.
std::vector<Interval> union_of_calls(std::vector<Interval> rows);

/// True when `a` and `b` share an instant of positive length (rows of no length never overlap anything).
bool overlap(const Interval& a, const Interval& b);

/// Something worth remembering that is not a state: a clock jump, a zone change, the agent starting or stopping.
struct Marker {
    TimePoint at;
    std::string
        kind;  // "clock_jump", "zone_change", "agent_start", "agent_stop", "journal_recovered", "pause", "resume"
    std::string detail;  // free text, never user content
    bool operator==(const Marker&) const = default;
};

/// Read access to recorded intervals. The journal implements it; tests use MemoryIntervals.
class IntervalSource {
  public:
    virtual ~IntervalSource() = default;
    /// Intervals whose work_day lies in [first, last], ordered by start.
    virtual std::vector<Interval> intervals_for_days(Date first, Date last) const = 0;
    /// The latest-ending active interval that ends at or before `t`.
    virtual std::optional<Interval> last_active_before(TimePoint t) const = 0;
    /// The earliest active interval that starts at or after `t`.
    virtual std::optional<Interval> first_active_after(TimePoint t) const = 0;
    /// The work day of the oldest recorded interval.
    virtual std::optional<Date> first_day() const = 0;
};

/// Write access used by the tracker. Each call is durable only after commit().
class IntervalSink {
  public:
    virtual ~IntervalSink() = default;
    /// Stores a new interval and returns its id.
    virtual std::int64_t insert(const Interval& interval) = 0;
    /// Rewrites a stored interval in place (its end, or its state when relabelled).
    virtual void update(const Interval& interval) = 0;
    virtual void add_marker(const Marker& marker) = 0;
    /// Makes everything written so far durable; `reason` is for the log ("state change", "checkpoint", "sleep"...).
    virtual void commit(std::string_view reason) = 0;
};

/// An in-memory store: tests, and the daemon's buffer while the disk cannot be written.
class MemoryIntervals final : public IntervalSource, public IntervalSink {
  public:
    std::vector<Interval> intervals_for_days(Date first, Date last) const override;
    std::optional<Interval> last_active_before(TimePoint t) const override;
    std::optional<Interval> first_active_after(TimePoint t) const override;
    std::optional<Date> first_day() const override;

    std::int64_t insert(const Interval& interval) override;
    void update(const Interval& interval) override;
    void add_marker(const Marker& marker) override { markers_.push_back(marker); }
    void commit(std::string_view reason) override { commits_.emplace_back(reason); }

    const std::vector<Interval>& all() const { return rows_; }
    const std::vector<Marker>& markers() const { return markers_; }
    const std::vector<std::string>& commits() const { return commits_; }

  private:
    std::vector<Interval> rows_;
    std::vector<Marker> markers_;
    std::vector<std::string> commits_;
};

/// The recorded intervals as they stand now: `base` with the tracker's open interval (stored earlier with an older end,
/// or not stored yet) in its live form. Reports and nudges read this, so they are never a checkpoint behind.
class LiveIntervals final : public IntervalSource {
  public:
    LiveIntervals(const IntervalSource& base, std::optional<Interval> open);
    /// `open`: the open interval's live pieces (Tracker::live_rows), the first one standing for the stored row.
    LiveIntervals(const IntervalSource& base, std::vector<Interval> open);
    std::vector<Interval> intervals_for_days(Date first, Date last) const override;
    std::optional<Interval> last_active_before(TimePoint t) const override;
    std::optional<Interval> first_active_after(TimePoint t) const override;
    std::optional<Date> first_day() const override;

  private:
    bool is_open(const Interval& row) const { return stored_id_ != 0 && row.id == stored_id_; }
    const IntervalSource& base_;
    std::vector<Interval> open_;  // ordered by start
    std::int64_t stored_id_ = 0;  // the journal row the first piece stands for; 0 when not stored yet
};

}  // namespace clockout::core
