#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#ifndef _WIN32
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "journal/interchange.h"
#include "journal/journal.h"
#include "journal/journal_samples.h"
#include "support/test_support.h"

using namespace clockout;
using namespace std::chrono_literals;
using core::State;
using journal::Journal;
using journal::JournalError;

namespace fs = std::filesystem;

namespace {

// A real journal of a few hundred rows, closed (so checkpointed into the main file).
void write_real_journal(const fs::path& file) {
    auto j = Journal::open(file);
    auto rows = test::sample_intervals();
    for (int week = 0; week < 12; ++week) {
        for (auto row : rows) {
            row.start += date::days{7 * week};
            row.end += date::days{7 * week};
            row.work_day = core::Date{date::sys_days{row.work_day} + date::days{7 * week}};
            j->insert(row);
        }
        j->commit("week");
    }
}

fs::path sidecar(const fs::path& file, const char* suffix) {
    return fs::path(file.string() + suffix);
}

std::string error_of(const fs::path& file, journal::OpenOptions options = {}) {
    try {
        Journal::open(file, nullptr, options);
    } catch (const JournalError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("a garbage file is moved aside with its bytes intact, a fresh journal is started and the user is told") {
    test::TempDir dir("recovery_garbage");
    auto file = dir / "journal.sqlite";
    std::string garbage = "this is not a database, just some text someone saved over the journal\n";
    for (int i = 0; i < 200; ++i)
        garbage += "garbage line " + std::to_string(i) + "\n";
    test::write_file(file, garbage);

    core::SimulatedClock clock(test::utc("2026-11-28T15:01:02Z"));
    std::vector<std::string> notices;
    auto j = Journal::open(file, &notices, {.clock = &clock});
    auto aside = dir / "journal.corrupt-20261128T150102Z.sqlite";
    REQUIRE(notices.size() == 1);
    CHECK(notices[0] == file.string() +
                            " was damaged (file is not a database) and was moved aside to "
                            "journal.corrupt-20261128T150102Z.sqlite; a fresh journal was started (nothing in the "
                            "damaged file was deleted)");
    REQUIRE(fs::exists(aside));
    CHECK(test::read_file(aside) == garbage);
    CHECK(j->interval_count() == 0);
    CHECK(j->integrity_ok());
    auto markers = j->markers();
    REQUIRE(markers.size() == 1);
    CHECK(markers[0].kind == "journal_recovered");
    CHECK(markers[0].at == clock.now());
    CHECK(markers[0].detail == "moved aside to journal.corrupt-20261128T150102Z.sqlite");
    // The fresh journal works.
    j->insert(test::span(State::active, "2026-11-30 09:00", "2026-11-30 10:00", 60));
    j->commit("test");
    j.reset();
    CHECK(Journal::open(file)->interval_count() == 1);

    // A second damage in the same second does not overwrite the first file moved aside.
    test::write_file(file, garbage + "again");
    notices.clear();
    Journal::open(file, &notices, {.clock = &clock});
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].find("journal.corrupt-20261128T150102Z-2.sqlite;") != std::string::npos);
    CHECK(test::read_file(aside) == garbage);
    CHECK(test::read_file(dir / "journal.corrupt-20261128T150102Z-2.sqlite") == garbage + "again");
}

TEST_CASE("a journal cut in half is moved aside with its WAL, and a fresh one is started") {
    test::TempDir dir("recovery_truncated");
    auto file = dir / "journal.sqlite";
    write_real_journal(file);
    auto size = fs::file_size(file);
    REQUIRE(size > 32 * 1024);
    fs::resize_file(file, size / 2);
    std::string cut = test::read_file(file);
    // A stale WAL from the crash that went with the damage travels with its database.
    test::write_file(sidecar(file, "-wal"), "");

    core::SimulatedClock clock(test::utc("2026-12-07T06:00:00Z"));
    std::vector<std::string> notices;
    auto j = Journal::open(file, &notices, {.clock = &clock});
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].find(" was damaged (") != std::string::npos);
    CHECK(notices[0].find("journal.corrupt-20261207T060000Z.sqlite; a fresh journal was started (nothing in the "
                          "damaged file was deleted)") != std::string::npos);
    auto aside = dir / "journal.corrupt-20261207T060000Z.sqlite";
    REQUIRE(fs::exists(aside));
    CHECK(test::read_file(aside) == cut);
    CHECK(fs::exists(sidecar(aside, "-wal")));
    CHECK(j->interval_count() == 0);
    CHECK(j->integrity_ok());
}

TEST_CASE("a journal from a newer Clockout is refused with one line and left byte-identical") {
    test::TempDir dir("recovery_newer");
    auto file = dir / "journal.sqlite";
    write_real_journal(file);
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA user_version = 9");
    }
    std::string before = test::read_file(file);
    std::string expected = file.string() +
                           ": journal schema version 9 is newer than this Clockout understands (3); fix: install a "
                           "newer Clockout; the file was left untouched";
    std::vector<std::string> notices;
    CHECK_THROWS_WITH_AS(Journal::open(file, &notices), expected.c_str(), JournalError);
    CHECK(notices.empty());
    CHECK(error_of(file, {.read_only = true}) == expected);
    CHECK(test::read_file(file) == before);
    CHECK(fs::exists(file));
    for (const auto& entry : fs::directory_iterator(dir.path()))
        CHECK(entry.path().filename().string().find("corrupt") == std::string::npos);
}

TEST_CASE("a read-only open never moves a damaged journal: it says how to repair it") {
    test::TempDir dir("recovery_read_only");
    auto file = dir / "journal.sqlite";
    test::write_file(file, std::string(8192, 'x'));
    std::string error = error_of(file, {.read_only = true});
    CHECK(error == file.string() +
                       ": the journal is damaged (file is not a database); fix: start the Clockout agent once: it "
                       "moves the damaged file aside and starts a fresh journal");
    CHECK(test::read_file(file) == std::string(8192, 'x'));
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("an empty file (schema 0) is migrated to the current schema; read-only sees it as empty") {
    test::TempDir dir("recovery_schema0");
    auto file = dir / "journal.sqlite";
    test::write_file(file, "");
    CHECK(Journal::open(file, nullptr, {.read_only = true})->interval_count() == 0);
    CHECK(fs::file_size(file) == 0);
    auto j = Journal::open(file);
    CHECK(j->schema_version() == Journal::kSchemaVersion);
}

TEST_CASE("a folder that cannot be written is named in the error with the fix") {
    test::TempDir dir("recovery_unwritable");
    // A regular file where the folder should be: fails even for root.
    test::write_file(dir / "blocker", "");
    std::string error = error_of(dir / "blocker" / "clockout" / "journal.sqlite");
    CHECK(error.find("cannot create the journal folder " + (dir / "blocker" / "clockout").string()) == 0);
    CHECK(error.find("; fix: ") != std::string::npos);
    CHECK(error_of(dir / "blocker" / "journal.sqlite").find((dir / "blocker").string() + " is not a folder; fix: ") ==
          0);

#ifndef _WIN32
    if (::geteuid() != 0) {  // root writes everywhere: the mode test only means something for a user
        auto locked = dir / "locked";
        fs::create_directories(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
        std::string denied = error_of(locked / "journal.sqlite");
        CHECK(denied.find("cannot write in the journal folder " + locked.string() + ": ") == 0);
        CHECK(denied.find("; fix: make it writable (chmod u+rwx " + locked.string() + ")") != std::string::npos);
        fs::permissions(locked, fs::perms::owner_all, fs::perm_options::replace);
    }
#endif
}
