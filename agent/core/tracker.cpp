#include "core/tracker.h"

#include <algorithm>
#include <utility>

namespace clockout::core {

namespace {

std::string signed_seconds(Seconds s) {
    return (s.count() >= 0 ? "+" : "") + std::to_string(s.count()) + "s";
}

}  // namespace

Tracker::Tracker(TrackerConfig config, ZonePtr zone, IntervalSink& sink)
    : config_(std::move(config)), zone_(zone ? std::move(zone) : fixed_zone(Seconds{0})), sink_(sink) {}

std::optional<TimePoint> Tracker::next_deadline() const {
    if (!open_)
        return std::nullopt;
    const TimePoint checkpoint = last_commit_.value_or(open_->start) + config_.checkpoint;
    return std::min(checkpoint, next_boundary(open_->start));
}

TimePoint Tracker::next_boundary(TimePoint start) const {
    const Date day = work_day_of(zone_->to_local(start), config_.day_start);
    // Normally the next work day's start; the loop only matters when day_start falls in a repeated DST hour, where the
    // first occurrence of the boundary can lie before `start`.
    for (int ahead = 1;; ++ahead) {
        const Date next{date::sys_days{day} + date::days{ahead}};
        const TimePoint boundary = zone_->to_utc(work_day_start(next, config_.day_start));
        if (boundary > start)
            return boundary;
    }
}

Interval Tracker::make_interval(State state, TimePoint at, const std::string& source) const {
    Interval interval;
    interval.start = at;
    interval.end = at;
    interval.state = state;
    // Frozen now, in the zone we are in now: travel and later DST changes never rewrite what was recorded.
    interval.utc_offset = zone_->offset_at(at);
    interval.work_day = work_day_of(zone_->to_local(at), config_.day_start);
    interval.source = source;
    interval.device = config_.device;
    return interval;
}

void Tracker::open(State state, TimePoint at, const std::string& source) {
    open_ = make_interval(state, at, source);
    before_split_.reset();
    if (free_row_) {
        // The row of an interval that shrank to nothing is reused, so the journal never keeps a zero-length row. It is
        // rewritten at once: left as it was, the next commit would make its stale extent durable.
        open_->id = free_row_->id;
        free_row_.reset();
        sink_.update(*open_);
    }
    // Otherwise nothing is written until the interval has a length (first checkpoint, split or close).
}

void Tracker::write_open(bool keep_empty) {
    if (!open_)
        return;
    if (open_->id != 0) {
        sink_.update(*open_);
    } else if (open_->end > open_->start || keep_empty) {
        open_->id = sink_.insert(*open_);
    }
}

std::optional<Interval> Tracker::close_open(TimePoint at, bool keep_empty_activity) {
    if (!open_)
        return std::nullopt;
    // A single input makes an activity of no length: it is kept, since one keystroke at 21:00 is a reconnection and
    // moves the day's last activity. An activity clamped to nothing (idle backdated to before a day_start split) and
    // other states of no length carry nothing and are not written.
    const bool presence =
        keep_empty_activity && (open_->state == State::active || open_->state == State::personal) && at >= open_->start;
    open_->end = std::max(at, open_->start);
    if (open_->end > open_->start || (presence && open_->id == 0)) {
        write_open(presence);
    } else if (open_->id != 0) {
        free_row_ = *open_;  // stored earlier, now empty: handed to the next interval opened
    }
    auto closed = std::move(open_);
    open_.reset();
    return closed;
}

void Tracker::transition(State next, TimePoint at, const std::string& source, bool keep_empty_activity) {
    const std::string kept = !source.empty() ? source : open_ ? open_->source : std::string{};
    close_open(at, keep_empty_activity);
    open(next, at, kept);
}

bool Tracker::split_at_boundaries(TimePoint until) {
    bool split = false;
    while (open_) {
        const TimePoint boundary = next_boundary(open_->start);
        if (boundary > until)
            break;
        const State state = open_->state;
        const std::string source = open_->source;
        auto closed = close_open(boundary);
        open(state, boundary, source);
        before_split_ = std::move(closed);
        split = true;
    }
    return split;
}

void Tracker::commit(std::string_view reason, TimePoint now) {
    if (free_row_) {
        // Only reachable with out-of-order timestamps: nothing took the emptied row, so it is written as it now is
        // rather than left claiming time it no longer covers.
        sink_.update(*free_row_);
        free_row_.reset();
    }
    sink_.commit(reason);
    last_commit_ = now;
}

TimePoint Tracker::effective(TimePoint at) const {
    // Signals may be stamped a little before the tick that already extended the open interval; intervals stay
    // contiguous and never shrink below what was recorded, except by the idle backdating, which is deliberate.
    return open_ ? std::max(at, open_->end) : floor(at);
}

namespace {
constexpr Seconds kClockBackFloor{60 * 60};  // see agent_start
}  // namespace

TimePoint Tracker::floor(TimePoint at) const {
    // A backend's first report may carry the time of the last input, up to one idle threshold before we started
    // (Mutter, XSync): what happened then belongs to the previous run, which recorded it, or to nobody. Starting a row
    // there would count those minutes twice.
    TimePoint out = at;
    if (started_at_)
        out = std::max(out, *started_at_);
    if (previous_end_)
        out = std::max(out, *previous_end_);
    return out;
}

void Tracker::set_day_start(Minutes day_start, TimePoint at) {
    if (day_start == config_.day_start)
        return;
    const TimePoint when = effective(at);
    if (open_) {
        const State state_now = open_->state;
        const std::string source = open_->source;
        close_open(when);
        config_.day_start = day_start;
        open(state_now, when, source);
    } else {
        config_.day_start = day_start;
    }
    sink_.add_marker(Marker{when, "day_start", format_hhmm(day_start)});
    commit("settings", when);
}

bool Tracker::absorbed_by_call(const Signal& signal) {
    if (!in_call_ || paused_ || (state() != State::call && !(call_personal_ && state() == State::personal)))
        return false;
    switch (signal.kind) {
        case SignalKind::input_active:
            after_call_ = personal_run_ ? State::personal : State::active;
            break;
        case SignalKind::input_idle:
            // Nobody touches the keyboard in a call: idle starts when the call ends, not at the last input.
            after_call_ = State::idle;
            break;
        case SignalKind::lock:
        case SignalKind::session_inactive:
            // A screen that locks itself in a long call (no input) does not end the call.
            after_call_ = State::locked;
            break;
        case SignalKind::unlock:
        case SignalKind::session_active:
            if (after_call_ == State::locked)
                after_call_ = State::idle;
            break;
        case SignalKind::backend_lost:
            // The idle backend went away: the call goes on; what follows it is unknown.
            after_call_ = State::off;
            break;
        default:
            return false;
    }
    if (!signal.source.empty())
        after_call_source_ = signal.source;
    if (open_)
        open_->end = std::max(open_->end, signal.at);
    return true;
}

void Tracker::handle(const Signal& signal) {
    const TimePoint at = signal.at;
    if (absorbed_by_call(signal)) {
        if (split_at_boundaries(at))
            commit("day start", at);
        return;
    }

    // The split point is the time the open interval has really reached: the last input for an idle report (so the
    // backdated end lands in the right work day), the pre-jump wall time for a clock jump.
    TimePoint reached = at;
    if (signal.kind == SignalKind::input_idle && present())
        reached = std::min(signal.since, at);
    if (signal.kind == SignalKind::clock_jump)
        reached = at - signal.jump;
    std::optional<std::string_view> reason;
    if (split_at_boundaries(reached))
        reason = "day start";

    switch (signal.kind) {
        case SignalKind::input_active:
            if (paused_) {
                // Paused: the worker is here, but asked for nothing to be counted.
                if (state() == State::off && paused_present_) {
                    open_->end = std::max(open_->end, at);
                } else {
                    transition(State::off, effective(at), signal.source);
                    paused_present_ = true;
                    reason = "state change";
                }
            } else if (present()) {
                open_->end = std::max(open_->end, at);
            } else {
                transition(personal_run_ ? State::personal : State::active, effective(at), signal.source);
                reason = "state change";
            }
            break;

        case SignalKind::input_idle:
            if (present()) {
                // The activity ended at the last input, not when the idle threshold passed.
                const TimePoint since = std::min(signal.since, at);
                personal_run_ = false;
                paused_present_ = false;
                if (since < open_->start && before_split_ && before_split_->state == open_->state &&
                    since > before_split_->start) {
                    // The last input came before a day_start split that a tick made meanwhile: the continuation is
                    // empty and the piece before the boundary ends at the last input.
                    close_open(open_->start, false);
                    Interval previous = *before_split_;
                    previous.end = since;
                    sink_.update(previous);
                    open(State::idle, since, !signal.source.empty() ? signal.source : previous.source);
                } else {
                    transition(State::idle, std::max(since, open_->start), signal.source, since >= open_->start);
                }
                reason = "state change";
            } else if (!open_ || state() == State::off) {
                paused_present_ = false;
                // A backend reporting for the first time (or again): idle since the last input, but never claim time
                // before we were watching.
                const TimePoint last_input = std::min(signal.since, at);
                const TimePoint from = open_ ? std::max(last_input, open_->start) : floor(last_input);
                transition(State::idle, from, signal.source);
                reason = "state change";
            }
            break;

        case SignalKind::lock:
        case SignalKind::session_inactive:
            personal_run_ = false;
            paused_present_ = false;
            if (state() != State::locked)
                transition(State::locked, effective(at), signal.source);
            reason = "lock";
            break;

        case SignalKind::unlock:
        case SignalKind::session_active:
            // Not activity by itself: input_active opens it. A state we did not see start (no interval yet) is idle.
            if (!open_ || state() == State::locked) {
                transition(State::idle, effective(at), signal.source);
                reason = "state change";
            }
            break;

        case SignalKind::sleep:
            personal_run_ = false;
            paused_present_ = false;
            in_call_ = false;  // no call goes on through sleep; a call backend that still sees one says so on wake
            call_personal_ = false;
            if (state() != State::suspended)
                transition(State::suspended, effective(at), signal.source);
            // Always committed: the daemon releases the logind delay lock right after this returns.
            reason = "sleep";
            break;

        case SignalKind::wake:
            // Waking is not activity. A locked or off state stays as it is; so does idle.
            if (!open_ || state() == State::suspended || present()) {
                personal_run_ = false;
                paused_present_ = false;
                transition(State::idle, effective(at), signal.source);
                reason = "state change";
            }
            break;

        case SignalKind::backend_lost:
            personal_run_ = false;
            paused_present_ = false;
            if (state() != State::off || !open_) {
                transition(State::off, effective(at), signal.source);
                reason = "state change";
            }
            break;

        case SignalKind::agent_start:
            close_open(effective(at));
            personal_run_ = false;
            paused_present_ = false;
            in_call_ = false;
            call_personal_ = false;
            started_at_ = at;
            previous_end_.reset();
            // The clock went back since the previous run stopped: a small correction (a fast clock set right) starts
            // nothing before the previous rows' end. A clock set back further (hours, days) would leave real work
            // unrecorded until it caught up, so then the run records as usual; the figures count any repeated time
            // once (the union) and `clockout doctor` reports the overlap.
            if (signal.since > at && signal.since - at <= kClockBackFloor)
                previous_end_ = signal.since;
            sink_.add_marker(Marker{at, "agent_start", {}});
            reason = "start";
            break;

        case SignalKind::agent_stop: {
            const TimePoint end = effective(at);
            close_open(end);
            personal_run_ = false;
            paused_present_ = false;
            in_call_ = false;
            call_personal_ = false;
            sink_.add_marker(Marker{end, "agent_stop", {}});
            reason = "exit";
            break;
        }

        case SignalKind::zone_change: {
            if (!signal.zone)
                break;
            const std::string old_name = zone_->name();
            const std::string new_name = signal.zone->name();
            if (old_name == new_name) {
                zone_ = signal.zone;
                break;
            }
            const TimePoint when = effective(at);
            if (open_) {
                const State state_now = open_->state;
                const std::string source = open_->source;
                close_open(when);
                zone_ = signal.zone;
                open(state_now, when, source);  // same state, new offset and work day
            } else {
                zone_ = signal.zone;
            }
            sink_.add_marker(Marker{when, "zone_change", old_name + " -> " + new_name});
            reason = "zone change";
            break;
        }

        case SignalKind::clock_jump: {
            if (signal.jump == Seconds{0})
                break;
            if (open_) {
                // The open interval really lasted until the pre-jump wall time; the new wall time only relabels what
                // follows, so elapsed time is neither invented nor lost.
                const State state_now = open_->state;
                const std::string source = open_->source;
                close_open(at - signal.jump);
                open(state_now, at, source);
            }
            if (started_at_)
                *started_at_ += signal.jump;
            sink_.add_marker(Marker{at, "clock_jump", signed_seconds(signal.jump)});
            reason = "clock jump";
            break;
        }

        case SignalKind::pause:
            if (paused_)
                break;
            paused_ = true;
            paused_present_ = present();
            if (present())
                transition(State::off, effective(at), open_->source);
            sink_.add_marker(Marker{effective(at), "pause", {}});
            reason = "pause";
            break;

        case SignalKind::resume:
            if (!paused_)
                break;
            paused_ = false;
            if (in_call_ && state() != State::suspended) {
                // Still in the call the pause interrupted (or one that began during it).
                after_call_ = paused_present_ ? State::active : State::idle;
                after_call_source_ = open_ ? open_->source : std::string{};
                transition(call_state(), effective(at), {});
            } else if (state() == State::off && paused_present_) {
                transition(personal_run_ ? State::personal : State::active, effective(at), open_->source);
            }
            paused_present_ = false;
            sink_.add_marker(Marker{effective(at), "resume", {}});
            reason = "resume";
            break;

        case SignalKind::call_start:
            if (in_call_)
                break;
            in_call_ = true;
            call_personal_ = personal_run_;
            after_call_ = open_ && state() != State::off ? state() : State::idle;
            after_call_source_ = open_ ? open_->source : std::string{};
            sink_.add_marker(Marker{effective(at), "call_start", {}});
            // Paused or asleep, the call is not counted (resume picks it up); otherwise it is work from now on.
            if (!paused_ && state() != State::suspended && state() != call_state())
                transition(call_state(), effective(at), signal.source);
            reason = "call";
            break;

        case SignalKind::call_end: {
            if (!in_call_)
                break;
            in_call_ = false;
            const bool was_personal = call_personal_;
            call_personal_ = false;
            sink_.add_marker(Marker{effective(at), "call_end", {}});
            if (state() == State::call || (was_personal && state() == State::personal)) {
                State next = after_call_;
                if (next == State::active || next == State::personal)
                    next = personal_run_ ? State::personal : State::active;
                if (next == State::suspended)
                    next = State::idle;
                if (next != State::active && next != State::personal)
                    personal_run_ = false;
                if (next != state())
                    transition(next, effective(at), after_call_source_);
            }
            reason = "call";
            break;
        }

        case SignalKind::mark_personal:
            personal_run_ = true;
            if (state() == State::call) {
                call_personal_ = true;
                open_->state = State::personal;
                write_open();
                reason = "relabel";
            } else if (state() == State::active) {
                open_->state = State::personal;
                write_open();
                reason = "relabel";
            }
            break;

        case SignalKind::mark_work:
            personal_run_ = false;
            if (state() == State::personal) {
                open_->state = call_personal_ ? State::call : State::active;
                call_personal_ = false;
                write_open();
                reason = "relabel";
            }
            break;
    }

    // What opened at or before `at` may already cross a boundary (an idle interval backdated before day_start).
    if (split_at_boundaries(at) && !reason)
        reason = "day start";
    if (reason)
        commit(*reason, at);
}

std::vector<Interval> Tracker::live_rows(TimePoint now) const {
    std::vector<Interval> rows;
    if (!open_)
        return rows;
    // The same steps as split_at_boundaries and tick, on a copy.
    Interval piece = *open_;
    for (;;) {
        const TimePoint boundary = next_boundary(piece.start);
        if (boundary > now)
            break;
        piece.end = boundary;  // after piece.start: next_boundary says so
        rows.push_back(piece);
        piece = make_interval(piece.state, boundary, piece.source);
    }
    piece.end = std::max(piece.end, now);
    rows.push_back(piece);
    return rows;
}

void Tracker::tick(TimePoint now) {
    const bool split = split_at_boundaries(now);
    if (!open_) {
        if (split)
            commit("day start", now);
        return;
    }
    // A wall clock that went back before its clock_jump signal arrived must not shrink the open interval.
    if (now > open_->end)
        open_->end = now;
    const bool checkpoint_due = !last_commit_ || now >= *last_commit_ + config_.checkpoint;
    if (split || checkpoint_due) {
        write_open();
        commit(split ? "day start" : "checkpoint", now);
    }
}

}  // namespace clockout::core
