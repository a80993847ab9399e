#include "app/resilient_sink.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace clockout::app {

ResilientSink::ResilientSink(core::IntervalSink& sink, core::IntervalSource& source,
                             std::function<void(const std::string&)> on_failure, std::function<void()> on_recovered)
    : sink_(sink), source_(source), on_failure_(std::move(on_failure)), on_recovered_(std::move(on_recovered)) {}

std::int64_t ResilientSink::journal_id(std::int64_t own) const {
    const auto it = to_journal_.find(own);
    return it == to_journal_.end() ? own : it->second;
}

std::int64_t ResilientSink::own_id(std::int64_t journal) const {
    for (const auto& [own, stored_as] : to_journal_)
        if (stored_as == journal)
            return own;
    return journal;
}

void ResilientSink::failed(const std::exception& e) {
    failing_ = true;
    last_error_ = e.what();
    if (!told_) {
        told_ = true;  // once per outage: a full disk must not become a notification every five minutes
        if (on_failure_)
            on_failure_(last_error_);
    }
}

std::int64_t ResilientSink::insert(const core::Interval& interval) {
    core::Interval row = interval;
    std::int64_t own = 0;
    if (!failing_) {
        try {
            const std::int64_t stored_as = sink_.insert(interval);
            // A rowid freed by a rolled-back transaction can come back: the id the tracker holds must stay unique.
            own = to_journal_.count(stored_as) != 0 || own_id(stored_as) != stored_as ? next_temporary_-- : stored_as;
            if (own != stored_as)
                to_journal_[own] = stored_as;
        } catch (const std::exception& e) {
            failed(e);
        }
    }
    if (own == 0) {
        own = next_temporary_--;
        to_journal_[own] = 0;  // not in the journal yet
    }
    row.id = own;
    dirty_[own] = row;
    return own;
}

void ResilientSink::update(const core::Interval& interval) {
    dirty_[interval.id] = interval;
    if (failing_)
        return;
    const std::int64_t stored_as = journal_id(interval.id);
    if (stored_as == 0) {
        failing_ = true;  // a row that never reached the journal: the next commit writes it
        return;
    }
    try {
        core::Interval row = interval;
        row.id = stored_as;
        sink_.update(row);
    } catch (const std::exception& e) {
        failed(e);
    }
}

void ResilientSink::add_marker(const core::Marker& marker) {
    markers_.push_back(marker);
    if (failing_)
        return;
    try {
        sink_.add_marker(marker);
    } catch (const std::exception& e) {
        failed(e);
    }
}

bool ResilientSink::stored(const core::Interval& row, std::int64_t id) const {
    if (id <= 0)
        return false;
    for (const auto& r : source_.intervals_for_days(row.work_day, row.work_day))
        if (r.id == id)
            return true;
    return false;
}

bool ResilientSink::flush() {
    try {
        // After a failed write SQLite may have rolled the open transaction back or kept it: ask the journal which
        // rows it holds, and update those, insert the others. Writing a row twice is harmless; losing one is not.
        std::vector<std::int64_t> order;
        for (const auto& [own, row] : dirty_)
            order.push_back(own);
        std::sort(order.begin(), order.end(),
                  [&](std::int64_t a, std::int64_t b) { return dirty_.at(a).start < dirty_.at(b).start; });
        for (const std::int64_t own : order) {
            core::Interval row = dirty_.at(own);
            const std::int64_t stored_as = journal_id(own);
            if (stored(row, stored_as)) {
                row.id = stored_as;
                sink_.update(row);
            } else {
                row.id = 0;
                to_journal_[own] = sink_.insert(row);
            }
        }
        for (const auto& marker : markers_)
            sink_.add_marker(marker);
        sink_.commit("recovered");
        return true;
    } catch (const std::exception& e) {
        failing_ = true;
        last_error_ = e.what();
        return false;
    }
}

void ResilientSink::commit(std::string_view reason) {
    if (failing_) {
        if (!flush())
            return;
        failing_ = false;
        told_ = false;
        if (on_recovered_)
            on_recovered_();
    } else {
        try {
            sink_.commit(reason);
        } catch (const std::exception& e) {
            failed(e);
            return;  // everything since the last good commit stays in memory for the next one
        }
    }
    dirty_.clear();
    markers_.clear();
    // Ids that match the journal's need no entry any more; the tracker may still hold the others.
    for (auto it = to_journal_.begin(); it != to_journal_.end();)
        it = it->first == it->second ? to_journal_.erase(it) : std::next(it);
}

std::vector<core::Interval> ResilientSink::intervals_for_days(core::Date first, core::Date last) const {
    std::vector<core::Interval> rows;
    try {
        rows = source_.intervals_for_days(first, last);
    } catch (const std::exception&) {
        // A journal that cannot be read shows what is in memory.
    }
    for (auto& r : rows)
        r.id = own_id(r.id);
    std::erase_if(rows, [&](const core::Interval& r) { return dirty_.count(r.id) != 0; });
    for (const auto& [own, row] : dirty_)
        if (first <= row.work_day && row.work_day <= last)
            rows.push_back(row);
    std::sort(rows.begin(), rows.end(),
              [](const core::Interval& a, const core::Interval& b) { return a.start < b.start; });
    return rows;
}

std::optional<core::Interval> ResilientSink::last_active_before(core::TimePoint t) const {
    std::optional<core::Interval> best;
    try {
        best = source_.last_active_before(t);
        if (best)
            best->id = own_id(best->id);
    } catch (const std::exception&) {
    }
    if (best && dirty_.count(best->id) != 0)
        best = core::is_work(dirty_.at(best->id).state) && dirty_.at(best->id).end <= t
                   ? std::optional(dirty_.at(best->id))
                   : std::nullopt;
    for (const auto& [own, row] : dirty_)
        if (core::is_work(row.state) && row.end <= t && (!best || row.end > best->end))
            best = row;
    return best;
}

std::optional<core::Interval> ResilientSink::first_active_after(core::TimePoint t) const {
    std::optional<core::Interval> best;
    try {
        best = source_.first_active_after(t);
        if (best)
            best->id = own_id(best->id);
    } catch (const std::exception&) {
    }
    if (best && dirty_.count(best->id) != 0)
        best = core::is_work(dirty_.at(best->id).state) && dirty_.at(best->id).start >= t
                   ? std::optional(dirty_.at(best->id))
                   : std::nullopt;
    for (const auto& [own, row] : dirty_)
        if (core::is_work(row.state) && row.start >= t && (!best || row.start < best->start))
            best = row;
    return best;
}

std::optional<core::Date> ResilientSink::first_day() const {
    std::optional<core::Date> day;
    try {
        day = source_.first_day();
    } catch (const std::exception&) {
    }
    for (const auto& [own, row] : dirty_)
        if (!day || row.work_day < *day)
            day = row.work_day;
    return day;
}

}  // namespace clockout::app
