// The agent's buffer for a journal that cannot be written: rows stay in memory, the user is told once, and everything
// is written at the first commit that succeeds, whether SQLite rolled the failed transaction back or kept it.
#include <doctest/doctest.h>

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <stdexcept>

#include "app/resilient_sink.h"
#include "journal/journal.h"
#include "support/test_support.h"

namespace clockout {
namespace {

using core::State;
using test::span;

// A journal with SQLite's transaction semantics: writes wait in an open transaction that commit() makes durable.
// While `full` every write and commit throws; `rollback_on_failure` says whether the failure also drops the open
// transaction (SQLite does either, depending on the error).
class FakeJournal final : public core::IntervalSource, public core::IntervalSink {
  public:
    bool full = false;
    bool rollback_on_failure = true;
    int commits = 0;

    std::int64_t insert(const core::Interval& interval) override {
        check();
        core::Interval row = interval;
        row.id = ++last_id_;
        open_.push_back(row);
        return row.id;
    }
    void update(const core::Interval& interval) override {
        check();
        for (auto& r : open_)
            if (r.id == interval.id) {
                r = interval;
                return;
            }
        throw std::runtime_error("no such interval");
    }
    void add_marker(const core::Marker& marker) override {
        check();
        open_markers_.push_back(marker);
    }
    void commit(std::string_view) override {
        check();
        durable_ = open_;
        durable_markers_ = open_markers_;
        ++commits;
    }
    std::vector<core::Interval> intervals_for_days(core::Date first, core::Date last) const override {
        std::vector<core::Interval> out;
        for (const auto& r : open_)
            if (first <= r.work_day && r.work_day <= last)
                out.push_back(r);
        return out;
    }
    std::optional<core::Interval> last_active_before(core::TimePoint) const override { return std::nullopt; }
    std::optional<core::Interval> first_active_after(core::TimePoint) const override { return std::nullopt; }
    std::optional<core::Date> first_day() const override { return std::nullopt; }

    const std::vector<core::Interval>& durable() const { return durable_; }
    const std::vector<core::Marker>& durable_markers() const { return durable_markers_; }

  private:
    void check() {
        if (!full)
            return;
        if (rollback_on_failure) {
            open_ = durable_;
            open_markers_ = durable_markers_;
            // SQLite hands a rolled-back rowid out again.
            last_id_ = durable_.empty() ? 0 : durable_.back().id;
        }
        throw std::runtime_error("journal.sqlite: cannot save the journal: database or disk is full; fix: free space");
    }
    std::vector<core::Interval> durable_, open_;
    std::vector<core::Marker> durable_markers_, open_markers_;
    std::int64_t last_id_ = 0;
};

struct Harness {
    FakeJournal journal;
    std::vector<std::string> told;
    int recovered = 0;
    app::ResilientSink sink{journal, journal, [this](const std::string& m) { told.push_back(m); },
                            [this] { ++recovered; }};
};

std::vector<std::pair<std::string, State>> starts_and_states(const std::vector<core::Interval>& rows) {
    std::vector<std::pair<std::string, State>> out;
    for (const auto& r : rows)
        out.emplace_back(core::format_utc(r.start) + ".." + core::format_utc(r.end), r.state);
    return out;
}

}  // namespace

TEST_CASE("a healthy journal sees every write and the tracker gets the journal's ids") {
    Harness h;
    auto a = span(State::active, "2026-11-30 09:00", "2026-11-30 10:00", 60);
    a.id = h.sink.insert(a);
    CHECK(a.id == 1);
    a.end = test::local("2026-11-30 10:30", 60);
    h.sink.update(a);
    h.sink.commit("state change");
    CHECK(h.told.empty());
    CHECK_FALSE(h.sink.failing());
    REQUIRE(h.journal.durable().size() == 1);
    CHECK(h.journal.durable()[0].end == test::local("2026-11-30 10:30", 60));
    CHECK(h.sink.pending_rows() == 0);
}

TEST_CASE("a full disk keeps the rows in memory, tells the user once and writes everything when it can") {
    for (const bool rollback : {true, false}) {
        CAPTURE(rollback);
        Harness h;
        h.journal.rollback_on_failure = rollback;
        auto a = span(State::active, "2026-11-30 09:00", "2026-11-30 10:00", 60);
        a.id = h.sink.insert(a);
        h.sink.commit("state change");
        REQUIRE(h.journal.durable().size() == 1);

        // The disk fills while the next interval is open.
        auto idle = span(State::idle, "2026-11-30 10:00", "2026-11-30 10:05", 60);
        idle.id = h.sink.insert(idle);  // written into the open transaction
        h.journal.full = true;
        idle.end = test::local("2026-11-30 10:20", 60);
        h.sink.update(idle);  // fails
        h.sink.commit("checkpoint");
        auto b = span(State::active, "2026-11-30 10:20", "2026-11-30 11:00", 60);
        b.id = h.sink.insert(b);
        CHECK(b.id < 0);  // kept in memory
        h.sink.add_marker({test::utc("2026-11-30T10:20:00Z"), "clock_jump", "+2h"});
        for (int i = 0; i < 5; ++i) {
            b.end += core::Seconds{300};
            h.sink.update(b);
            h.sink.commit("checkpoint");
        }
        CHECK(h.sink.failing());
        REQUIRE(h.told.size() == 1);  // once, not at every checkpoint
        CHECK(h.told[0].find("disk is full") != std::string::npos);
        CHECK(h.journal.durable().size() == 1);  // nothing new reached the disk

        // What the agent shows still counts the rows in memory.
        const auto shown = h.sink.intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30"));
        CHECK(shown.size() == 3);
        CHECK(h.sink.last_active_before(test::utc("2026-12-01T00:00:00Z"))->end == b.end);

        // Space comes back: the next commit writes everything, each row once, with its latest end.
        h.journal.full = false;
        b.end += core::Seconds{300};
        h.sink.update(b);
        h.sink.commit("checkpoint");
        CHECK_FALSE(h.sink.failing());
        CHECK(h.recovered == 1);
        CHECK(h.sink.pending_rows() == 0);
        const std::vector<std::pair<std::string, State>> expected{
            {"2026-11-30T08:00:00Z..2026-11-30T09:00:00Z", State::active},
            {"2026-11-30T09:00:00Z..2026-11-30T09:20:00Z", State::idle},
            {"2026-11-30T09:20:00Z..2026-11-30T10:30:00Z", State::active},
        };
        auto durable = h.journal.durable();
        std::sort(durable.begin(), durable.end(), [](auto& x, auto& y) { return x.start < y.start; });
        CHECK(starts_and_states(durable) == expected);
        CHECK(h.journal.durable_markers().size() == 1);

        // The tracker's ids still reach the right rows after the recovery.
        b.end += core::Seconds{60};
        h.sink.update(b);
        h.sink.commit("exit");
        durable = h.journal.durable();
        CHECK(durable.size() == 3);
        CHECK(std::any_of(durable.begin(), durable.end(),
                          [&](const core::Interval& r) { return r.end == test::utc("2026-11-30T10:31:00Z"); }));

        // A second outage is told again.
        h.journal.full = true;
        h.sink.commit("checkpoint");
        h.sink.update(b);
        CHECK(h.told.size() == 2);
    }
}

TEST_CASE("over a real journal on a full disk (RLIMIT_FSIZE), nothing is lost and the file stays sound") {
    test::TempDir dir("resilient_sink_full");
    const auto file = dir.path() / "journal.sqlite";
    std::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG instead of killing the test
    auto journal = journal::Journal::open(file);
    std::vector<std::string> told;
    app::ResilientSink sink(*journal, *journal, [&](const std::string& m) { told.push_back(m); });
    auto row = [](int i) {
        core::Interval r = span(State::active, "2026-11-30 09:00", "2026-11-30 09:01", 60);
        r.start += core::Minutes{i};
        r.end = r.start + core::Minutes{1};
        r.device = std::string(300, 'd') + std::to_string(i);  // fills the disk sooner
        return r;
    };
    int i = 0;
    for (; i < 20; ++i) {
        sink.insert(row(i));
        sink.commit("checkpoint");
    }
    rlimit limit{};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &limit) == 0);
    const rlimit saved = limit;
    limit.rlim_cur = static_cast<rlim_t>(std::filesystem::file_size(file) + 4096);
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    for (; i < 400 && !sink.failing(); ++i) {
        sink.insert(row(i));
        sink.commit("checkpoint");
    }
    REQUIRE(sink.failing());
    for (int k = 0; k < 30; ++k, ++i) {
        sink.insert(row(i));
        sink.commit("checkpoint");
    }
    CHECK(told.size() == 1);
    CHECK(sink.intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30")).size() ==
          static_cast<std::size_t>(i));
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &saved) == 0);
    sink.commit("checkpoint");
    CHECK_FALSE(sink.failing());
    CHECK(journal->interval_count() == i);
    std::string detail;
    CHECK(journal->integrity_ok(&detail));
    std::signal(SIGXFSZ, SIG_DFL);
}

}  // namespace clockout
