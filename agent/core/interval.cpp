#include "core/interval.h"

#include <algorithm>
#include <array>

namespace clockout::core {

namespace {
constexpr std::array<std::string_view, 7> kStateNames = {"active",   "idle", "locked", "suspended",
                                                         "personal", "off",  "call"};
}

std::string_view to_string(State s) {
    return kStateNames[static_cast<std::size_t>(s)];
}

std::optional<State> parse_state(std::string_view text) {
    for (std::size_t i = 0; i < kStateNames.size(); ++i) {
        if (kStateNames[i] == text)
            return static_cast<State>(i);
    }
    return std::nullopt;
}

std::vector<Interval> MemoryIntervals::intervals_for_days(Date first, Date last) const {
    std::vector<Interval> out;
    for (const auto& row : rows_) {
        if (first <= row.work_day && row.work_day <= last)
            out.push_back(row);
    }
    std::stable_sort(out.begin(), out.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
    return out;
}

std::optional<Interval> MemoryIntervals::last_active_before(TimePoint t) const {
    std::optional<Interval> best;
    for (const auto& row : rows_) {
        if (is_work(row.state) && row.end <= t && (!best || row.end > best->end))
            best = row;
    }
    return best;
}

std::optional<Interval> MemoryIntervals::first_active_after(TimePoint t) const {
    std::optional<Interval> best;
    for (const auto& row : rows_) {
        if (is_work(row.state) && row.start >= t && (!best || row.start < best->start))
            best = row;
    }
    return best;
}

std::optional<Date> MemoryIntervals::first_day() const {
    std::optional<Date> best;
    for (const auto& row : rows_) {
        if (!best || row.work_day < *best)
            best = row.work_day;
    }
    return best;
}

std::int64_t MemoryIntervals::insert(const Interval& interval) {
    rows_.push_back(interval);
    rows_.back().id = static_cast<std::int64_t>(rows_.size());
    return rows_.back().id;
}

void MemoryIntervals::update(const Interval& interval) {
    for (auto& row : rows_) {
        if (row.id == interval.id) {
            row = interval;
            return;
        }
    }
}

LiveIntervals::LiveIntervals(const IntervalSource& base, std::optional<Interval> open)
    : LiveIntervals(base, open ? std::vector<Interval>{std::move(*open)} : std::vector<Interval>{}) {}

LiveIntervals::LiveIntervals(const IntervalSource& base, std::vector<Interval> open)
    : base_(base), open_(std::move(open)), stored_id_(open_.empty() ? 0 : open_.front().id) {}

std::vector<Interval> LiveIntervals::intervals_for_days(Date first, Date last) const {
    auto rows = base_.intervals_for_days(first, last);
    std::erase_if(rows, [this](const Interval& row) { return is_open(row); });
    for (const auto& piece : open_) {
        if (first <= piece.work_day && piece.work_day <= last) {
            auto at = std::upper_bound(rows.begin(), rows.end(), piece.start,
                                       [](TimePoint t, const Interval& row) { return t < row.start; });
            rows.insert(at, piece);
        }
    }
    return rows;
}

std::optional<Interval> LiveIntervals::last_active_before(TimePoint t) const {
    auto best = base_.last_active_before(t);
    // The stored copy of the open interval ends earlier than the live one: what ended before t came before it.
    if (best && is_open(*best))
        best = base_.last_active_before(open_.front().start);
    for (const auto& piece : open_) {
        if (is_work(piece.state) && piece.end <= t && (!best || piece.end > best->end))
            best = piece;
    }
    return best;
}

std::optional<Interval> LiveIntervals::first_active_after(TimePoint t) const {
    auto best = base_.first_active_after(t);
    if (best && is_open(*best))
        best = open_.front();
    for (const auto& piece : open_) {
        if (is_work(piece.state) && piece.start >= t && (!best || piece.start < best->start))
            best = piece;
    }
    return best;
}

std::optional<Date> LiveIntervals::first_day() const {
    auto best = base_.first_day();
    if (!open_.empty() && (!best || open_.front().work_day < *best))
        best = open_.front().work_day;
    return best;
}

std::vector<Interval> split_at_work_days(const Interval& interval, Minutes day_start) {
    std::vector<Interval> pieces;
    Interval rest = interval;
    for (;;) {
        const Date next_day{date::sys_days{rest.work_day} + date::days{1}};
        const TimePoint boundary{work_day_start(next_day, day_start).time_since_epoch() - rest.utc_offset};
        if (rest.end <= boundary || rest.start >= boundary) {
            pieces.push_back(rest);
            return pieces;
        }
        Interval piece = rest;
        piece.end = boundary;
        pieces.push_back(piece);
        rest.start = boundary;
        rest.work_day = next_day;
    }
}

namespace {

std::vector<Interval> union_where(std::vector<Interval> rows, bool (*keep)(State)) {
    std::erase_if(rows, [keep](const Interval& i) { return !keep(i.state); });
    std::stable_sort(rows.begin(), rows.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
    std::vector<Interval> pieces;
    pieces.reserve(rows.size());
    std::optional<TimePoint> covered;  // every active instant before it is in `pieces` already
    for (auto& row : rows) {
        if (covered && row.start < *covered) {
            // Covered from its start: what sticks out past the earlier rows is kept, nothing else.
            if (row.end <= *covered)
                continue;
            row.start = *covered;
        }
        covered = covered ? std::max(*covered, row.end) : row.end;
        pieces.push_back(std::move(row));
    }
    return pieces;
}

}  // namespace

std::vector<Interval> union_of_active(std::vector<Interval> rows) {
    return union_where(std::move(rows), [](State s) { return is_work(s); });
}

std::vector<Interval> union_of_calls(std::vector<Interval> rows) {
    return union_where(std::move(rows), [](State s) { return s == State::call; });
}

bool overlap(const Interval& a, const Interval& b) {
    return std::max(a.start, b.start) < std::min(a.end, b.end);
}

}  // namespace clockout::core
