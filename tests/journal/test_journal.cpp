#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "journal/journal.h"
#include "journal/journal_samples.h"
#include "support/test_support.h"

using namespace clockout;
using namespace std::chrono_literals;
using core::State;
using journal::Journal;
using journal::JournalError;
using journal::RemoteFile;

namespace fs = std::filesystem;

namespace {

std::string query_plan(const fs::path& file, const std::string& sql) {
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    SQLite::Statement s(db, "EXPLAIN QUERY PLAN " + sql);
    std::string plan;
    while (s.executeStep())
        plan += s.getColumn(3).getString() + "\n";
    return plan;
}

}  // namespace

TEST_CASE("a new journal is created at schema 3 in WAL mode with no intervals") {
    test::TempDir dir("journal_new");
    auto file = dir / "clockout" / "journal.sqlite";
    {
        auto j = Journal::open(file);
        CHECK(j->schema_version() == 3);
        CHECK(j->interval_count() == 0);
        CHECK_FALSE(j->first_day());
        CHECK(j->integrity_ok());
        CHECK(j->path() == file);
    }
    // The destructor checkpoints with TRUNCATE: nothing is left behind in a WAL once the agent exits.
    CHECK_FALSE(fs::exists(fs::path(file.string() + "-wal")));
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(db.execAndGet("PRAGMA application_id").getInt() == 0x434C4B4F);
    CHECK(db.execAndGet("SELECT value FROM meta WHERE key = 'application'").getString() == "org.clockout.Clockout");
}

TEST_CASE("committed intervals are read back by work day, ordered by start, with every field") {
    test::TempDir dir("journal_roundtrip_rows");
    auto file = dir / "journal.sqlite";
    auto rows = test::sample_intervals();
    {
        auto j = Journal::open(file);
        for (auto it = rows.rbegin(); it != rows.rend(); ++it)  // written out of order on purpose
            it->id = j->insert(*it);
        j->commit("test");
    }
    auto j = Journal::open(file);
    CHECK(j->interval_count() == static_cast<std::int64_t>(rows.size()));
    auto week = j->intervals_for_days(test::day("2026-11-30"), test::day("2026-12-06"));
    REQUIRE(week.size() == 34);
    for (std::size_t i = 1; i < week.size(); ++i)
        CHECK(week[i - 1].start <= week[i].start);
    CHECK(week.front().start == test::utc("2026-11-30T07:58:00Z"));
    CHECK(week.front().utc_offset == 1h);
    CHECK(week.front().source == "test");
    CHECK(week.front().device == "laptop");

    auto wednesday = j->intervals_for_days(test::day("2026-12-02"), test::day("2026-12-02"));
    REQUIRE(wednesday.size() == 7);
    // The row past midnight was filed under the day it started on.
    CHECK(wednesday.back().end == test::utc("2026-12-02T23:40:00Z"));
    CHECK(wednesday.back().work_day == test::day("2026-12-02"));

    auto spring = j->intervals_for_days(test::day("2026-03-30"), test::day("2026-03-30"));
    REQUIRE(spring.size() == 1);
    CHECK(spring[0].utc_offset == 2h);
    CHECK(spring[0].start == test::utc("2026-03-30T07:00:00Z"));

    auto quoted = j->intervals_for_days(test::day("2026-12-01"), test::day("2026-12-01"));
    bool found = false;
    for (const auto& r : quoted) {
        if (r.device == "work laptop, \"Tom\"") {
            found = true;
            CHECK(r.source == "mutter,ext");
        }
    }
    CHECK(found);
    CHECK(j->first_day() == test::day("2026-03-27"));
}

TEST_CASE("update rewrites the open interval in place and its id stays") {
    test::TempDir dir("journal_update");
    auto j = Journal::open(dir / "journal.sqlite");
    auto open = test::span(State::active, "2026-11-30 09:00", "2026-11-30 09:00", 60);
    open.id = j->insert(open);
    CHECK(open.id > 0);
    j->commit("state change");
    for (int i = 1; i <= 3; ++i) {
        open.end += 5min;
        j->update(open);
        j->commit("checkpoint");
    }
    open.state = State::personal;  // relabelled by the user
    j->update(open);
    j->commit("relabel");
    auto rows = j->intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == open);
    CHECK(rows[0].end == test::utc("2026-11-30T08:15:00Z"));

    core::Interval ghost = open;
    ghost.id = 999;
    CHECK_THROWS_AS(j->update(ghost), JournalError);
}

TEST_CASE("last_active_before and first_active_after find the neighbouring activity") {
    test::TempDir dir("journal_neighbours");
    auto j = Journal::open(dir / "journal.sqlite");
    for (const auto& r : test::sample_intervals())
        j->insert(r);
    j->commit("test");

    // Tuesday 18:00 Paris: the last activity ended at 17:46, the evening session on the second device is after.
    auto before = j->last_active_before(test::local("2026-12-01 18:00", 60));
    REQUIRE(before);
    CHECK(before->end == test::local("2026-12-01 17:46", 60));
    CHECK(before->state == State::active);
    auto after = j->first_active_after(test::local("2026-12-01 18:00", 60));
    REQUIRE(after);
    CHECK(after->start == test::local("2026-12-01 20:00", 60));

    // "at or before" and "at or after" include the instant itself; idle, locked and personal rows never count.
    CHECK(j->last_active_before(test::local("2026-12-01 17:46", 60))->end == test::local("2026-12-01 17:46", 60));
    CHECK(j->first_active_after(test::local("2026-12-05 09:00", 60)) == std::nullopt);
    CHECK(j->last_active_before(test::local("2026-03-27 11:00", 60)) == std::nullopt);
    CHECK(j->last_active_before(test::local("2026-12-05 10:30", 60))->end == test::local("2026-12-04 17:46", 60));
}

TEST_CASE("the queries behind reports use the journal's indexes") {
    test::TempDir dir("journal_plans");
    auto file = dir / "journal.sqlite";
    { Journal::open(file); }
    CHECK(query_plan(file,
                     "SELECT * FROM interval WHERE work_day BETWEEN '2026-11-30' AND '2026-12-06' "
                     "ORDER BY start_utc, id")
              .find("interval_by_day") != std::string::npos);
    CHECK(query_plan(file,
                     "SELECT * FROM interval WHERE state IN ('active', 'call') AND end_utc <= 5 "
                     "ORDER BY end_utc DESC, id DESC LIMIT 1")
              .find("interval_work_by_end") != std::string::npos);
    CHECK(query_plan(file,
                     "SELECT * FROM interval WHERE state IN ('active', 'call') AND start_utc >= 5 "
                     "ORDER BY start_utc, id LIMIT 1")
              .find("interval_by_start") != std::string::npos);
    CHECK(query_plan(file,
                     "SELECT 1 FROM interval WHERE start_utc = 1 AND end_utc = 2 AND state = 'idle' AND "
                     "device = 'x' LIMIT 1")
              .find("INDEX") != std::string::npos);
}

TEST_CASE("writes are invisible to other readers until commit, and the destructor commits what is pending") {
    test::TempDir dir("journal_commit");
    auto file = dir / "journal.sqlite";
    {
        auto writer = Journal::open(file);
        writer->insert(test::span(State::active, "2026-11-30 09:00", "2026-11-30 09:05", 60));
        writer->add_marker(core::Marker{test::utc("2026-11-30T08:00:00Z"), "agent_start", ""});
        CHECK(writer->interval_count() == 1);  // the writer sees its own transaction
        {
            auto reader = Journal::open(file, nullptr, {.read_only = true});
            CHECK(reader->interval_count() == 0);
        }
        writer->commit("state change");
        {
            auto reader = Journal::open(file, nullptr, {.read_only = true});
            CHECK(reader->interval_count() == 1);
        }
        writer->insert(test::span(State::idle, "2026-11-30 09:05", "2026-11-30 09:30", 60));
        // No commit: the destructor commits on exit.
    }
    auto j = Journal::open(file);
    CHECK(j->interval_count() == 2);
    auto markers = j->markers();
    REQUIRE(markers.size() == 1);
    CHECK(markers[0] == core::Marker{test::utc("2026-11-30T08:00:00Z"), "agent_start", ""});
}

TEST_CASE("a row that breaks the schema is refused with a JournalError and the rest of the transaction survives") {
    test::TempDir dir("journal_bad_row");
    auto j = Journal::open(dir / "journal.sqlite");
    auto good = test::span(State::active, "2026-11-30 09:00", "2026-11-30 10:00", 60);
    j->insert(good);
    auto bad = test::span(State::active, "2026-11-30 11:00", "2026-11-30 10:00", 60);
    CHECK_THROWS_AS(j->insert(bad), JournalError);
    j->commit("test");
    CHECK(j->interval_count() == 1);
}

TEST_CASE("a read-only journal that does not exist reads as empty and creates nothing") {
    test::TempDir dir("journal_read_only_missing");
    auto file = dir / "nowhere" / "journal.sqlite";
    auto j = Journal::open(file, nullptr, {.read_only = true});
    CHECK(j->read_only());
    CHECK(j->interval_count() == 0);
    CHECK(j->intervals_for_days(test::day("2026-11-30"), test::day("2026-12-06")).empty());
    CHECK_FALSE(j->last_active_before(test::utc("2026-11-30T00:00:00Z")));
    CHECK_FALSE(j->first_day());
    CHECK(j->markers().empty());
    CHECK_FALSE(fs::exists(file.parent_path()));
    CHECK_THROWS_AS(j->insert(test::span(State::active, "2026-11-30 09:00", "2026-11-30 10:00", 60)), JournalError);
    CHECK_THROWS_AS(j->purge(std::nullopt, std::nullopt), JournalError);
}

TEST_CASE("a read-only journal reads what the agent wrote and refuses to write") {
    test::TempDir dir("journal_read_only");
    auto file = dir / "journal.sqlite";
    {
        auto j = Journal::open(file);
        for (const auto& r : test::sample_intervals())
            j->insert(r);
    }
    auto before = test::read_file(file);
    {
        auto j = Journal::open(file, nullptr, {.read_only = true});
        CHECK(j->interval_count() == static_cast<std::int64_t>(test::sample_intervals().size()));
        CHECK(j->schema_version() == 3);
        CHECK_THROWS_WITH_AS(j->add_all(test::sample_intervals()), doctest::Contains("read-only"), JournalError);
    }
    CHECK(test::read_file(file) == before);
}

TEST_CASE(
    "a version 1 journal is read as it is, then upgraded (to version 3 now) with its rows and ids, and takes calls") {
    test::TempDir dir("journal_v1_upgrade");
    auto file = dir / "journal.sqlite";
    {
        // Version 1's table as Clockout 0.1 created it: no `call` in the CHECK.
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(R"sql(
CREATE TABLE interval (
    id INTEGER PRIMARY KEY, start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL CHECK (end_utc >= start_utc),
    state TEXT NOT NULL CHECK (state IN ('active', 'idle', 'locked', 'suspended', 'personal', 'off')),
    utc_offset_s INTEGER NOT NULL, work_day TEXT NOT NULL, source TEXT NOT NULL, device TEXT NOT NULL) STRICT;
CREATE INDEX interval_by_day ON interval (work_day, start_utc);
CREATE INDEX interval_by_start ON interval (start_utc);
CREATE INDEX interval_active_by_end ON interval (end_utc) WHERE state = 'active';
CREATE TABLE marker (ts_utc INTEGER NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '') STRICT;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;
INSERT INTO interval VALUES (7, 1796025600, 1796029200, 'active', 3600, '2026-11-30', 'xsync', 'laptop');
INSERT INTO interval VALUES (9, 1796029200, 1796030100, 'idle', 3600, '2026-11-30', 'xsync', 'laptop');
PRAGMA user_version = 1;
)sql");
        CHECK_THROWS(db.exec("INSERT INTO interval VALUES (10, 1, 2, 'call', 0, '2026-11-30', 'pulse', 'laptop')"));
    }
    auto before = test::read_file(file);
    {
        // A report run before the upgraded agent started reads version 1 without changing it.
        auto j = Journal::open(file, nullptr, {.read_only = true});
        CHECK(j->schema_version() == 1);
        CHECK(j->interval_count() == 2);
    }
    CHECK(test::read_file(file) == before);
    {
        auto j = Journal::open(file);
        CHECK(j->schema_version() == 3);
        auto rows = j->intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30"));
        REQUIRE(rows.size() == 2);
        CHECK(rows[0].id == 7);
        CHECK(rows[0].state == State::active);
        CHECK(rows[0].end - rows[0].start == 1h);
        CHECK(rows[1].id == 9);
        CHECK(rows[1].state == State::idle);
        auto call = test::span(State::call, "2026-11-30 10:15", "2026-11-30 11:00", 60);
        call.source = "pulse";
        call.id = j->insert(call);
        j->commit("test");
        // A call is work: the neighbouring-activity queries find it.
        auto last = j->last_active_before(test::local("2026-11-30 12:00", 60));
        REQUIRE(last);
        CHECK(last->state == State::call);
        CHECK(last->end == test::local("2026-11-30 11:00", 60));
        CHECK(j->integrity_ok());
    }
    CHECK(query_plan(file,
                     "SELECT * FROM interval WHERE state IN ('active', 'call') AND end_utc <= 5 "
                     "ORDER BY end_utc DESC, id DESC LIMIT 1")
              .find("interval_work_by_end") != std::string::npos);
}

TEST_CASE("a version 2 journal is read as it is, then upgraded to version 3: its rows are own rows, all to publish") {
    test::TempDir dir("journal_v2");
    auto file = dir / "journal.sqlite";
    {
        auto j = Journal::open(file);
        j->insert(test::span(State::active, "2026-11-30 08:00", "2026-11-30 12:00", 60));
        j->insert(test::span(State::active, "2026-10-05 09:00", "2026-10-05 10:00", 120));
        j->commit("test");
    }
    {
        // Back to what version 2 had: no origin, no devices tables, no triggers.
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        db.exec(R"sql(
DROP TRIGGER own_row_inserted; DROP TRIGGER own_row_updated; DROP TRIGGER own_row_deleted;
DROP TABLE remote_file; DROP TABLE publish_pending; DROP TABLE published;
DROP INDEX interval_by_origin; ALTER TABLE interval DROP COLUMN origin;
PRAGMA user_version = 2;
)sql");
    }
    auto before = test::read_file(file);
    {
        auto j = Journal::open(file, nullptr, {.read_only = true});
        CHECK(j->schema_version() == 2);
        CHECK(j->interval_count() == 2);
        CHECK_FALSE(j->has_devices_tables());
        CHECK(j->pending_months().empty());
        CHECK(j->remote_files().empty());
        CHECK(j->own_row_count("laptop") == 2);
    }
    CHECK(test::read_file(file) == before);
    {
        auto j = Journal::open(file);
        CHECK(j->schema_version() == 3);
        CHECK(j->pending_months() == std::vector<std::string>{"2026-10", "2026-11"});
        CHECK(j->take_own_month("2026-11", "laptop").size() == 1);
        CHECK(j->pending_months() == std::vector<std::string>{"2026-10"});
        CHECK(j->rows_by_origin().size() == 1);
        CHECK(j->integrity_ok());
    }
}

TEST_CASE("another device's rows replace that device's month, own rows stay, and only own changes mark a month") {
    test::TempDir dir("journal_remote");
    auto j = Journal::open(dir / "journal.sqlite");
    j->insert(test::span(State::active, "2026-11-30 08:00", "2026-11-30 12:00", 60));
    j->commit("test");
    j->take_own_month("2026-11", "laptop");
    CHECK(j->pending_months().empty());
    RemoteFile file;
    file.device_id = "0123456789abcdef";
    file.name = "2026-11.csv";
    file.checksum = "a";
    file.rows = 2;
    auto home = [](const char* from, const char* to) {
        auto r = test::span(State::active, from, to, 60);
        r.device = "home";
        return r;
    };
    j->replace_remote_rows(
        file, test::day("2026-11-01"), test::day("2026-11-30"),
        {home("2026-11-30 18:00", "2026-11-30 19:30"), home("2026-11-30 11:00", "2026-11-30 13:00")});
    CHECK(j->interval_count() == 3);
    CHECK(j->pending_months().empty());  // not ours to publish
    file.checksum = "b";
    file.rows = 1;
    j->replace_remote_rows(file, test::day("2026-11-01"), test::day("2026-11-30"),
                           {home("2026-11-30 18:00", "2026-11-30 19:30")});
    CHECK(j->interval_count() == 2);
    CHECK(j->own_row_count("laptop") == 1);
    REQUIRE(j->remote_files().size() == 1);
    CHECK(j->remote_files()[0].checksum == "b");
    // A purge here forgets the copies too, so the other device's file is read again at the next sync.
    CHECK(j->purge(test::day("2026-11-01"), test::day("2026-11-30")) == 2);
    CHECK(j->remote_files().empty());
    CHECK(j->pending_months() == std::vector<std::string>{"2026-11"});
}
