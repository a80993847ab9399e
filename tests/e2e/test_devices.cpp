// Several devices through one folder (issue 15, docs/devices.md): each journal publishes its own rows into
// FOLDER/<id>/YYYY-MM.csv and reads the others'. Two journals and one folder stand for two computers and a sync engine.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/devices.h"
#include "core/interval.h"
#include "core/metrics.h"
#include "journal/device_file.h"
#include "journal/journal.h"
#include "support/test_support.h"

using namespace clockout;
using core::State;
namespace fs = std::filesystem;

namespace {

struct Device {
    app::Context context;
    std::unique_ptr<journal::Journal> journal;
    std::unique_ptr<app::DevicesFolder> folder;
    Device(const test::TempDir& dir, const std::string& name, const fs::path& shared) {
        context.settings.devices_folder = shared.string();
        context.device = name;
        context.journal_file = dir / (name + ".sqlite");
        journal = journal::Journal::open(context.journal_file);
        folder = std::make_unique<app::DevicesFolder>(*journal, context);
    }
    core::Interval add(const char* from, const char* to) {
        auto r = test::span(State::active, from, to, 60, context.device);
        r.id = journal->insert(r);
        journal->commit("test");
        return r;
    }
    std::string id() { return app::device_id(*journal); }
    fs::path file(const std::string& month) {
        return fs::path(context.settings.devices_folder) / id() / (month + ".csv");
    }
    std::int64_t active_min(const char* day) {
        return core::compute_day(*journal, test::day(day), core::Schedule(context.settings.schedule), core::Limits{})
            .active_min;
    }
    std::int64_t rows_of(const std::string& origin) {
        for (const auto& c : journal->rows_by_origin())
            if (c.origin == origin)
                return c.rows;
        return 0;
    }
};

core::TimePoint now() {
    return test::utc("2026-12-01T12:00:00Z");
}

}  // namespace

TEST_CASE("two devices publish their own rows and read each other's: the union counts the overlap once") {
    test::TempDir dir("devices_two");
    const fs::path shared = dir / "Sync";
    fs::create_directories(shared);
    Device a(dir, "office", shared), b(dir, "home", shared);
    a.add("2026-11-30 08:00", "2026-11-30 12:00");
    b.add("2026-11-30 11:00", "2026-11-30 13:00");  // overlaps A's morning by an hour
    b.add("2026-11-30 18:00", "2026-11-30 19:30");
    auto ra = a.folder->sync(now());
    auto rb = b.folder->sync(now());
    CHECK(ra.error.empty());
    CHECK(ra.files_published == 1);
    CHECK(rb.files_read == 1);  // B read A's file; A read nothing yet
    ra = a.folder->sync(now());
    CHECK(ra.files_read == 1);
    CHECK(ra.rows_read == 2);
    // 08:00-13:00 once (300) + 18:00-19:30 (90).
    CHECK(a.active_min("2026-11-30") == 390);
    CHECK(b.active_min("2026-11-30") == 390);
    // Nothing another device wrote is written back: B's own file still holds B's two rows only.
    auto back = journal::parse_device_file(test::read_file(b.file("2026-11")), "x", "2026-11", core::Minutes{240});
    CHECK(back.status == journal::DeviceFile::Status::whole);
    CHECK(back.rows.size() == 2);
    CHECK(back.display_name == "home");
    struct stat st {};
    REQUIRE(::stat(a.file("2026-11").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    // A pass over an unchanged folder reads and writes nothing.
    ra = a.folder->sync(now());
    CHECK(ra.files_published == 0);
    CHECK(ra.files_read == 0);
    CHECK(ra.problems.empty());
}

TEST_CASE("a half-synced file is skipped quietly and read once it is whole") {
    test::TempDir dir("devices_half");
    const fs::path shared = dir / "Sync";
    fs::create_directories(shared);
    Device a(dir, "office", shared), b(dir, "home", shared);
    a.add("2026-11-30 08:00", "2026-11-30 12:00");
    a.add("2026-11-30 14:00", "2026-11-30 15:00");
    a.folder->publish();
    const std::string whole = test::read_file(a.file("2026-11"));
    // What a sync engine that writes in place leaves halfway: the start of the file, no trailer.
    const fs::path copy = shared / a.id() / "2026-11.csv";
    test::write_file(copy, whole.substr(0, whole.size() / 2));
    auto r = b.folder->read_others(now());
    CHECK(r.files_read == 0);
    CHECK(r.waiting == 1);
    CHECK(r.new_problems.empty());  // not told: it is on its way
    CHECK(b.rows_of(a.id()) == 0);
    // The whole file but a byte changed: the checksum says it is not the file its device wrote.
    std::string damaged = whole;
    REQUIRE(whole.find("T07:00:00Z") != std::string::npos);
    damaged[whole.find("T07:00:00Z") + 2] = '8';
    test::write_file(copy, damaged);
    r = b.folder->read_others(now());
    CHECK(r.waiting == 1);
    CHECK(b.rows_of(a.id()) == 0);
    test::write_file(copy, whole);
    r = b.folder->read_others(now());
    CHECK(r.files_read == 1);
    CHECK(r.waiting == 0);
    CHECK(b.rows_of(a.id()) == 2);
    r = b.folder->read_others(now());  // once
    CHECK(r.files_read == 0);
    CHECK(b.rows_of(a.id()) == 2);
}

TEST_CASE("a sync engine's conflict copies are ignored and reported once") {
    test::TempDir dir("devices_conflict");
    const fs::path shared = dir / "Sync";
    fs::create_directories(shared);
    Device a(dir, "office", shared), b(dir, "home", shared);
    a.add("2026-11-30 08:00", "2026-11-30 12:00");
    a.folder->publish();
    const std::string whole = test::read_file(a.file("2026-11"));
    const fs::path folder = shared / a.id();
    for (const char* name : {"2026-11.sync-conflict-20261130-120000-ABCDEFG.csv",
                             "2026-11 (conflicted copy 2026-11-30).csv", "2026-11-DESKTOP-4F2K9.csv"})
        test::write_file(folder / name, whole);
    auto r = b.folder->read_others(now());
    CHECK(r.files_read == 1);  // the real file
    CHECK(b.rows_of(a.id()) == 1);
    CHECK(r.problems.size() == 3);
    CHECK(r.new_problems.size() == 3);
    for (const auto& p : r.problems)
        CHECK(p.find("ignored; fix: delete it") != std::string::npos);
    r = b.folder->read_others(now());
    CHECK(r.problems.size() == 3);
    CHECK(r.new_problems.empty());  // told once
    // A conflict copy in this device's own folder is reported too (two writers of one id), and never read.
    fs::create_directories(shared / b.id());
    test::write_file(shared / b.id() / "2026-11.sync-conflict-20261130-130000-XYZ.csv", whole);
    r = b.folder->read_others(now());
    CHECK(r.new_problems.size() == 1);
    CHECK(b.rows_of(b.id()) == 0);
}

TEST_CASE("a device's file written again with fewer rows (a purge there) replaces those rows here") {
    test::TempDir dir("devices_purge");
    const fs::path shared = dir / "Sync";
    fs::create_directories(shared);
    Device a(dir, "office", shared), b(dir, "home", shared);
    a.add("2026-11-02 08:00", "2026-11-02 12:00");
    a.add("2026-11-30 08:00", "2026-11-30 12:00");
    a.add("2026-10-05 08:00", "2026-10-05 12:00");
    a.folder->publish();
    b.folder->read_others(now());
    CHECK(b.rows_of(a.id()) == 3);
    CHECK(a.journal->purge(test::day("2026-11-01"), test::day("2026-11-15")) == 1);
    auto r = a.folder->publish();
    CHECK(r.files_published == 1);  // November only
    r = b.folder->read_others(now());
    CHECK(r.files_read == 1);
    CHECK(b.rows_of(a.id()) == 2);
    CHECK(b.active_min("2026-11-02") == 0);
    CHECK(b.active_min("2026-11-30") == 240);
    // Everything purged there: the files stay, empty, so the rows go here too.
    a.journal->purge(std::nullopt, std::nullopt);
    CHECK(a.folder->publish().files_published == 2);
    b.folder->read_others(now());
    CHECK(b.rows_of(a.id()) == 0);
}

TEST_CASE("a malformed file changes nothing and names its line, told once") {
    test::TempDir dir("devices_malformed");
    const fs::path shared = dir / "Sync";
    fs::create_directories(shared);
    Device a(dir, "office", shared), b(dir, "home", shared);
    a.add("2026-11-30 08:00", "2026-11-30 12:00");
    a.add("2026-11-30 14:00", "2026-11-30 15:00");
    a.folder->publish();
    b.folder->read_others(now());
    REQUIRE(b.rows_of(a.id()) == 2);
    // A whole file (its trailer matches) whose line 3 holds an end before its start.
    std::vector<core::Interval> rows = {
        test::span(State::active, "2026-11-30 08:00", "2026-11-30 12:00", 60, "office"),
        test::span(State::active, "2026-11-30 15:00", "2026-11-30 14:00", 60, "office")};
    std::string text = journal::to_csv({rows[0]});
    text += "2026-11-30T14:00:00Z,2026-11-30T13:00:00Z,active,+01:00,2026-11-30,xsync,office\n";
    text += "# clockout v1 rows=2 fnv1a64=" + journal::fnv1a64_hex(text) + " name=office\n";
    test::write_file(a.file("2026-11"), text);
    auto r = b.folder->read_others(now());
    CHECK(r.files_read == 0);
    REQUIRE(r.new_problems.size() == 1);
    CHECK(r.new_problems[0].find(a.id() + "/2026-11.csv:3:") != std::string::npos);
    CHECK(r.new_problems[0].find("fix") != std::string::npos);
    CHECK(b.rows_of(a.id()) == 2);  // unchanged
    CHECK(b.active_min("2026-11-30") == 300);
    r = b.folder->read_others(now());
    CHECK(r.new_problems.empty());
    CHECK(r.problems.size() == 1);
    // A row of another month in a month file is malformed too.
    std::string other =
        journal::to_csv({test::span(State::active, "2026-10-05 08:00", "2026-10-05 09:00", 60, "office")});
    other += "# clockout v1 rows=1 fnv1a64=" + journal::fnv1a64_hex(other) + " name=office\n";
    test::write_file(a.file("2026-11"), other);
    r = b.folder->read_others(now());
    REQUIRE(r.new_problems.size() == 1);
    CHECK(r.new_problems[0].find(":2: work day 2026-10-05 is not in 2026-11") != std::string::npos);
    CHECK(b.rows_of(a.id()) == 2);
    // The device publishes again: read, the problem gone.
    fs::remove(a.file("2026-11"));
    a.folder->publish();
    r = b.folder->read_others(now());
    CHECK(r.problems.empty());
    CHECK(b.rows_of(a.id()) == 2);
}

TEST_CASE("the device id is 16 hex digits, made once; a missing folder is said with a fix") {
    test::TempDir dir("devices_id");
    Device a(dir, "office", dir / "nowhere");
    const auto id = a.id();
    CHECK(id.size() == 16);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(a.id() == id);
    auto r = a.folder->sync(now());
    CHECK(r.error.find("does not exist; fix:") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "nowhere"));  // never created: an unmounted sync folder stays unmounted
}
