// Reads do not write (issue 12, STYLE.md): Engine::intervals() and Engine::live_state() compute the open interval up
// to now without advancing the tracker or committing; the deadline's tick is what writes.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/engine.h"
#include "journal/journal.h"
#include "support/test_support.h"

namespace clockout::app {
namespace {

using namespace std::chrono_literals;

class NoNudges final : public NudgePresenter {
  public:
    void present(const core::Nudge&) override { ++shown; }
    int shown = 0;
};

Context paris_context() {
    Context context;
    context.zone = core::fixed_zone(1h);
    context.schedule = std::make_shared<const core::Schedule>(context.settings.schedule);
    context.device = "laptop";
    return context;
}

platform::ActivityEvent input_at(core::TimePoint at) {
    platform::ActivityEvent e;
    e.kind = platform::ActivityKind::input_active;
    e.at = at;
    e.source = "xsync";
    return e;
}

// What a reader could see changed on disk: the rows, the markers and the size of the write-ahead log.
struct OnDisk {
    std::vector<core::Interval> rows;
    std::size_t markers = 0;
    std::uintmax_t wal_bytes = 0;
    bool operator==(const OnDisk&) const = default;
};

OnDisk on_disk(const journal::Journal& j, const std::filesystem::path& file) {
    OnDisk out;
    out.rows = j.intervals_for_days(test::day("2026-11-29"), test::day("2026-12-01"));
    out.markers = j.markers().size();
    std::error_code ec;
    auto wal = file;
    wal += "-wal";
    out.wal_bytes = std::filesystem::exists(wal, ec) ? std::filesystem::file_size(wal, ec) : 0;
    return out;
}

}  // namespace

TEST_CASE("reads do not write: intervals() and live_state() leave the journal as it was") {
    test::TempDir dir("engine_reads");
    const auto file = dir / "journal.sqlite";
    auto j = journal::Journal::open(file);
    const Context context = paris_context();
    core::SimulatedClock clock(test::local("2026-11-30 09:00", 60));  // Monday, 09:00 in Paris
    NoNudges presenter;
    Engine engine(context, *j, *j, clock, presenter);
    engine.start("test");
    engine.on_activity(input_at(clock.now()));  // active from 09:00: no length yet, so nothing stored

    const auto before = on_disk(*j, file);
    CHECK(before.rows.empty());
    CHECK(before.markers == 1);  // agent_start

    // 09:08: past the 5-minute checkpoint. Before the fix a read ticked the tracker, which stored 09:00-09:08 and
    // committed.
    clock.advance(8min);
    const auto live = engine.live_state();
    CHECK(live.present);
    CHECK(live.today_active_min == 8);  // 09:00 -> 09:08, computed
    CHECK(live.today_amplitude_min == 8);
    CHECK(live.stretch_min == 8);
    const auto rows = engine.intervals().intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30"));
    REQUIRE(rows.size() == 1);
    CHECK(core::format_utc(rows[0].start) == "2026-11-30T08:00:00Z");
    CHECK(core::format_utc(rows[0].end) == "2026-11-30T08:08:00Z");
    CHECK(rows[0].id == 0);  // not stored
    CHECK_MESSAGE(on_disk(*j, file) == before, "a read wrote to the journal");
    CHECK(engine.tracker().open_interval()->end == test::local("2026-11-30 09:00", 60));  // the tracker did not move

    // The deadline is what writes: the checkpoint stores 09:00-09:08.
    engine.on_deadline();
    const auto after = on_disk(*j, file);
    REQUIRE(after.rows.size() == 1);
    CHECK(core::format_utc(after.rows[0].end) == "2026-11-30T08:08:00Z");
    CHECK(after.wal_bytes > before.wal_bytes);

    // Reads between two deadlines, now with a stored row: still nothing written.
    clock.advance(2min);
    const auto stored = on_disk(*j, file);
    CHECK(engine.live_state().today_active_min == 10);
    CHECK(engine.intervals().intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30")).at(0).end ==
          test::local("2026-11-30 09:10", 60));
    CHECK_MESSAGE(on_disk(*j, file) == stored, "a read wrote to the journal");
}

}  // namespace clockout::app
