// Keeps the agent recording when the journal cannot be written (disk full, read-only folder, I/O error): the rows
// since the last good commit stay in memory, the user is told once, and everything is written at a later commit.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/interval.h"

namespace clockout::app {

class ResilientSink final : public core::IntervalSource, public core::IntervalSink {
  public:
    /// `on_failure` is called once per outage with the journal's one-line error; `on_recovered` when all the rows
    /// kept in memory have been written.
    ResilientSink(core::IntervalSink& sink, core::IntervalSource& source,
                  std::function<void(const std::string&)> on_failure, std::function<void()> on_recovered = {});

    // IntervalSink: rows written since the last good commit are also kept here until a commit succeeds.
    std::int64_t insert(const core::Interval& interval) override;
    void update(const core::Interval& interval) override;
    void add_marker(const core::Marker& marker) override;
    void commit(std::string_view reason) override;

    // IntervalSource: the journal's rows with the rows not yet written laid over them.
    std::vector<core::Interval> intervals_for_days(core::Date first, core::Date last) const override;
    std::optional<core::Interval> last_active_before(core::TimePoint t) const override;
    std::optional<core::Interval> first_active_after(core::TimePoint t) const override;
    std::optional<core::Date> first_day() const override;

    /// True while writes fail and rows wait in memory.
    bool failing() const { return failing_; }
    std::size_t pending_rows() const { return dirty_.size(); }
    const std::string& last_error() const { return last_error_; }

  private:
    void failed(const std::exception& e);
    bool flush();  // writes every kept row and marker, then commits; false when the journal still fails
    std::int64_t journal_id(std::int64_t own_id) const;
    std::int64_t own_id(std::int64_t journal_id) const;
    bool stored(const core::Interval& row, std::int64_t id) const;

    core::IntervalSink& sink_;
    core::IntervalSource& source_;
    std::function<void(const std::string&)> on_failure_;
    std::function<void()> on_recovered_;

    // Ids handed to the tracker: the journal's own id while writes succeed; a negative id for a row created in memory
    // or whose id is taken. own id -> journal id for the rows that differ.
    std::map<std::int64_t, std::int64_t> to_journal_;
    std::int64_t next_temporary_ = -1;
    std::map<std::int64_t, core::Interval> dirty_;  // own id -> latest row, every row touched since the last commit
    std::vector<core::Marker> markers_;             // markers since the last commit
    bool failing_ = false;
    bool told_ = false;
    std::string last_error_;
};

}  // namespace clockout::app
