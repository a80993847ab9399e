#include "core/interval.h"

#include <algorithm>
#include <array>

namespace clockout::core {

namespace {
constexpr std::array<std::string_view, 6> kStateNames = {"active", "idle", "locked", "suspended", "personal", "off"};
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
        if (row.state == State::active && row.end <= t && (!best || row.end > best->end))
            best = row;
    }
    return best;
}

std::optional<Interval> MemoryIntervals::first_active_after(TimePoint t) const {
    std::optional<Interval> best;
    for (const auto& row : rows_) {
        if (row.state == State::active && row.start >= t && (!best || row.start < best->start))
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

}  // namespace clockout::core
