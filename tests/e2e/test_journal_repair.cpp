// Overlapping rows of one device (issue 12: a restarted agent wrote its first rows over the previous run's): `clockout
// doctor` reports them, and Journal::repair_overlaps / `doctor --repair` merges them, keeping every active instant.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/interval.h"
#include "e2e/cli_runner.h"
#include "journal/journal.h"
#include "support/test_support.h"

using namespace clockout;

namespace {

core::Interval row(core::State state, const std::string& from, const std::string& to, const std::string& device,
                   const std::string& work_day) {
    core::Interval i;
    i.start = test::utc(from);
    i.end = test::utc(to);
    i.state = state;
    i.utc_offset = core::Seconds{3600};
    i.work_day = test::day(work_day);
    i.source = device == "laptop" ? "mutter" : "xsync";
    i.device = device;
    return i;
}

using Spans = std::vector<std::pair<std::string, std::string>>;

// The instants `rows` of `device` cover (active only, or any state), as joined spans of positive length in UTC.
Spans covered(const std::vector<core::Interval>& rows, const std::string& device, bool active_only) {
    std::vector<core::Interval> mine;
    for (auto r : rows) {
        if (r.device != device || (active_only && r.state != core::State::active))
            continue;
        r.state = core::State::active;  // union_of_active then joins every state alike
        mine.push_back(r);
    }
    Spans out;
    core::TimePoint a{}, b{};
    bool open = false;
    for (const auto& p : core::union_of_active(mine)) {
        if (p.end <= p.start)
            continue;
        if (open && p.start <= b) {
            b = std::max(b, p.end);
            continue;
        }
        if (open)
            out.emplace_back(core::format_utc(a), core::format_utc(b));
        a = p.start;
        b = p.end;
        open = true;
    }
    if (open)
        out.emplace_back(core::format_utc(a), core::format_utc(b));
    return out;
}

std::vector<core::Interval> everything(const journal::Journal& j) {
    return j.intervals_for_days(test::day("2026-01-01"), test::day("2026-12-31"));
}

std::string overlapping_pair(const std::vector<core::Interval>& rows) {
    for (std::size_t a = 0; a < rows.size(); ++a)
        for (std::size_t b = a + 1; b < rows.size(); ++b)
            if (rows[a].device == rows[b].device && core::overlap(rows[a], rows[b]))
                return std::to_string(rows[a].id) + " and " + std::to_string(rows[b].id);
    return "";
}

// The restart of issue 12 (run A, then run B backdated 4 s before its start), and a morning of one device's rows that
// disagree, beside another device's row.
std::vector<core::Interval> damaged_rows() {
    using core::State;
    return {
        // 30 November, Paris 20:14: run A's activity, then run B's backdated rows.
        row(State::active, "2026-11-30T19:14:24Z", "2026-11-30T19:14:27Z", "laptop", "2026-11-30"),
        row(State::active, "2026-11-30T19:14:24Z", "2026-11-30T19:14:24Z", "laptop", "2026-11-30"),  // no length
        row(State::idle, "2026-11-30T19:14:24Z", "2026-11-30T19:14:36Z", "laptop", "2026-11-30"),
        row(State::active, "2026-11-30T19:14:36Z", "2026-11-30T19:20:00Z", "laptop", "2026-11-30"),  // touches only
        // 1 December: active 08:00-09:00 and 08:30-09:30, locked 08:45-08:50 inside, personal 09:15-09:45.
        row(State::active, "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z", "laptop", "2026-12-01"),
        row(State::active, "2026-12-01T08:30:00Z", "2026-12-01T09:30:00Z", "laptop", "2026-12-01"),
        row(State::locked, "2026-12-01T08:45:00Z", "2026-12-01T08:50:00Z", "laptop", "2026-12-01"),
        row(State::personal, "2026-12-01T09:15:00Z", "2026-12-01T09:45:00Z", "laptop", "2026-12-01"),
        // Another device at the same time: its time counts once in the figures, and it is not the laptop's to repair.
        row(State::active, "2026-12-01T08:40:00Z", "2026-12-01T09:10:00Z", "desktop", "2026-12-01"),
    };
}

}  // namespace

TEST_CASE(
    "repair: overlapping rows of one device merge, every active instant kept, nothing of another device touched") {
    test::TempDir dir("journal_repair");
    auto j = journal::Journal::open(dir / "journal.sqlite");
    REQUIRE(j->add_all(damaged_rows()) == 9);

    const auto found = j->overlaps();
    // 30 Nov: rows 1 (active 24-27) and 3 (idle 24-36) share 3 s. 1 Dec: the four laptop rows form one group.
    CHECK(found.rows == 6);
    CHECK(found.days == std::vector<core::Date>{test::day("2026-11-30"), test::day("2026-12-01")});
    CHECK(found.between_devices == 3);  // the desktop's row and the laptop's two active rows of 1 December

    const auto before = everything(*j);
    const auto active_before = covered(before, "laptop", true);
    // Hand-computed: 19:14:24-19:14:27 and 19:14:36-19:20:00 (the idle gap 27-36 in between), 08:00-09:30.
    CHECK(active_before == Spans{{"2026-11-30T19:14:24Z", "2026-11-30T19:14:27Z"},
                                 {"2026-11-30T19:14:36Z", "2026-11-30T19:20:00Z"},
                                 {"2026-12-01T08:00:00Z", "2026-12-01T09:30:00Z"}});
    const auto any_before = covered(before, "laptop", false);
    const auto desktop_before = covered(before, "desktop", false);

    const auto result = j->repair_overlaps(dir / "backups", test::utc("2026-12-02T10:00:00Z"));
    CHECK(result.before == found);
    // 30 Nov: 2 rows become active 24-27 and idle 27-36. 1 Dec: 4 rows become active 08:00-09:30 (the two active rows
    // of one source join; active wins over the locked and personal rows inside) and personal 09:30-09:45.
    CHECK(result.rows_removed == 6);
    CHECK(result.rows_written == 4);
    CHECK(result.backup.filename() == "journal-before-repair-20261202T100000Z.sqlite");

    const auto after = everything(*j);
    CHECK_MESSAGE(overlapping_pair(after).empty(), "rows still overlapping: " << overlapping_pair(after));
    CHECK(j->overlaps().rows == 0);
    CHECK(j->overlaps().between_devices == 2);               // the desktop's row and the laptop's merged one
    CHECK(covered(after, "laptop", true) == active_before);  // every active instant, none added
    CHECK(covered(after, "laptop", false) == any_before);    // and no instant of any state lost
    CHECK(covered(after, "desktop", false) == desktop_before);
    CHECK(after.size() == 7);  // 9 - 6 + 4

    auto find = [&after](const std::string& start, core::State state) {
        return std::find_if(after.begin(), after.end(), [&](const core::Interval& r) {
            return core::format_utc(r.start) == start && r.state == state && r.device == "laptop";
        });
    };
    auto idle = find("2026-11-30T19:14:27Z", core::State::idle);
    REQUIRE(idle != after.end());
    CHECK(core::format_utc(idle->end) == "2026-11-30T19:14:36Z");
    auto morning = find("2026-12-01T08:00:00Z", core::State::active);
    REQUIRE(morning != after.end());
    CHECK(core::format_utc(morning->end) == "2026-12-01T09:30:00Z");
    CHECK(morning->work_day == test::day("2026-12-01"));
    CHECK(morning->utc_offset == core::Seconds{3600});
    CHECK(morning->source == "mutter");
    auto personal = find("2026-12-01T09:30:00Z", core::State::personal);
    REQUIRE(personal != after.end());
    CHECK(core::format_utc(personal->end) == "2026-12-01T09:45:00Z");
    // The row of no length is left as it was.
    CHECK(find("2026-11-30T19:14:24Z", core::State::active) != after.end());

    // The copy taken first holds the journal as it was; a marker says what was done.
    auto copy = journal::Journal::open(result.backup, nullptr, {.read_only = true});
    CHECK(copy->interval_count() == 9);
    CHECK(copy->overlaps() == found);
    const auto markers = j->markers();
    REQUIRE_FALSE(markers.empty());
    CHECK(markers.back().kind == "journal_repaired");
    CHECK(markers.back().detail == "6 overlapping rows merged into 4");

    // Nothing left to do: nothing written, no copy.
    const auto again = j->repair_overlaps(dir / "backups", test::utc("2026-12-02T10:05:00Z"));
    CHECK(again.rows_removed == 0);
    CHECK(again.backup.empty());
    CHECK(everything(*j) == after);
}

TEST_CASE("doctor reports overlapping rows and the days; doctor --repair merges them and the figures do not move") {
    test::CliHome home("cli-doctor-overlaps");
    auto file = home.path() / "overlaps.csv";
    // The laptop's restart on Monday 30 November (20:14 in Paris) and a morning on Tuesday 1 December (09:00-10:30
    // in Paris) written twice over: 08:00-09:00Z and 08:30-09:30Z.
    test::write_file(file,
                     "start,end,state,utc_offset,work_day,source,device\n"
                     "2026-11-30T19:14:24Z,2026-11-30T19:14:27Z,active,+01:00,2026-11-30,mutter,laptop\n"
                     "2026-11-30T19:14:24Z,2026-11-30T19:14:36Z,idle,+01:00,2026-11-30,mutter,laptop\n"
                     "2026-12-01T08:00:00Z,2026-12-01T09:00:00Z,active,+01:00,2026-12-01,mutter,laptop\n"
                     "2026-12-01T08:30:00Z,2026-12-01T09:30:00Z,active,+01:00,2026-12-01,mutter,laptop\n");
    REQUIRE(home.run("import '" + file.string() + "'").status == 0);
    // The figures already count each instant once: 08:00-09:30Z = 90 min of activity, 90 of amplitude.
    auto report = home.run("report --day 2026-12-01 --json");
    REQUIRE(report.status == 0);
    const auto day = nlohmann::json::parse(report.out);
    CHECK(day["active_min"] == 90);
    CHECK(day["amplitude_min"] == 90);

    auto d = home.run("doctor");
    CHECK(d.status == 1);  // a problem: said, with its fix
    CHECK(d.out.find("overlapping rows: 4 rows of one device share time, on 2026-11-30, 2026-12-01") !=
          std::string::npos);
    CHECK(d.out.find("fix: clockout doctor --repair") != std::string::npos);
    auto fr = home.run("doctor", "LANG=fr_FR.UTF-8");
    CHECK(fr.out.find("lignes qui se chevauchent : 4 lignes d'un même appareil") != std::string::npos);

    auto r = home.run("doctor --repair");
    CHECK(r.status == 0);
    CHECK(r.out.find("repaired: 4 overlapping rows merged into 3; the journal before the repair: " +
                     (home.path() / ".local/share/clockout/backups/journal-before-repair-").string()) !=
          std::string::npos);
    CHECK(r.out.find("overlapping rows: none") == std::string::npos);
    auto again = home.run("doctor");
    CHECK(again.out.find("overlapping rows: none") != std::string::npos);
    auto after = nlohmann::json::parse(home.run("report --day 2026-12-01 --json").out);
    CHECK(after["active_min"] == 90);
    CHECK(after["amplitude_min"] == 90);
    auto csv = home.run("export --from 2026-11-30 --to 2026-12-01");
    CHECK(csv.out ==
          "start,end,state,utc_offset,work_day,source,device\n"
          "2026-11-30T19:14:24Z,2026-11-30T19:14:27Z,active,+01:00,2026-11-30,mutter,laptop\n"
          "2026-11-30T19:14:27Z,2026-11-30T19:14:36Z,idle,+01:00,2026-11-30,mutter,laptop\n"
          "2026-12-01T08:00:00Z,2026-12-01T09:30:00Z,active,+01:00,2026-12-01,mutter,laptop\n");
}
