#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#ifndef _WIN32
#include <sys/stat.h>
#endif

#include "journal/interchange.h"
#include "journal/journal.h"
#include "journal/journal_samples.h"
#include "support/test_support.h"

using namespace clockout;
using namespace std::chrono_literals;
using core::State;
using journal::Journal;

namespace fs = std::filesystem;

namespace {

std::unique_ptr<Journal> filled_journal(const fs::path& file) {
    auto j = Journal::open(file);
    for (const auto& r : test::sample_intervals())
        j->insert(r);
    j->commit("test");
    return j;
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

#ifndef _WIN32
// Runs the body with a permissive umask, so the modes checked come from the journal, not from the test's umask.
class Umask {
  public:
    explicit Umask(mode_t mask) : old_(::umask(mask)) {}
    ~Umask() { ::umask(old_); }
    Umask(const Umask&) = delete;
    Umask& operator=(const Umask&) = delete;

  private:
    mode_t old_;
};
#endif

}  // namespace

#ifndef _WIN32
TEST_CASE("the folder is 0700 and the journal, its WAL and its backups are 0600 whatever the umask") {
    test::TempDir dir("storage_modes");
    Umask permissive(0);
    auto folder = dir / "clockout";
    auto file = folder / "journal.sqlite";
    auto j = Journal::open(file);
    j->insert(test::span(State::active, "2026-11-30 09:00", "2026-11-30 10:00", 60));
    j->commit("test");
    CHECK(test::mode_of(folder) == 0700u);
    CHECK(test::mode_of(file) == 0600u);
    REQUIRE(fs::exists(file.string() + "-wal"));
    CHECK(test::mode_of(file.string() + "-wal") == 0600u);
    CHECK(test::mode_of(file.string() + "-shm") == 0600u);

    auto backup = j->backup_if_due(folder / "backups", test::day("2026-11-30"));
    REQUIRE(backup);
    CHECK(test::mode_of(folder / "backups") == 0700u);
    CHECK(test::mode_of(*backup) == 0600u);
}

TEST_CASE("a journal copied in with loose permissions is tightened to 0600 when opened") {
    test::TempDir dir("storage_tighten");
    auto file = dir / "journal.sqlite";
    { filled_journal(file); }
    fs::permissions(file,
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read,
                    fs::perm_options::replace);
    CHECK(Journal::open(file)->interval_count() > 0);
    CHECK(test::mode_of(file) == 0600u);
}
#endif

TEST_CASE("nine days of backup_if_due keep the newest seven, once a day, and leave other files alone") {
    test::TempDir dir("storage_backups");
    auto j = filled_journal(dir / "journal.sqlite");
    auto backups = dir / "backups";
    fs::create_directories(backups);
    test::write_file(backups / "notes.txt", "mine");
    test::write_file(backups / "journal-old.sqlite", "mine too");

    core::Date first = test::day("2026-11-23");
    for (int i = 0; i < 9; ++i) {
        core::Date today{date::sys_days{first} + date::days{i}};
        auto written = j->backup_if_due(backups, today);
        REQUIRE(written);
        CHECK(*written == backups / ("journal-" + core::format_date(today) + ".sqlite"));
        CHECK_FALSE(j->backup_if_due(backups, today));  // once a day
        // Each day the journal grows a little; the copy has what was committed.
        j->insert(test::span(State::active, "2026-12-10 09:00", "2026-12-10 09:01", 60));
        j->commit("test");
    }
    CHECK(names_in(backups) == std::vector<std::string>{"journal-2026-11-25.sqlite", "journal-2026-11-26.sqlite",
                                                        "journal-2026-11-27.sqlite", "journal-2026-11-28.sqlite",
                                                        "journal-2026-11-29.sqlite", "journal-2026-11-30.sqlite",
                                                        "journal-2026-12-01.sqlite", "journal-old.sqlite",
                                                        "notes.txt"});
    // A backup is a complete journal that opens on its own.
    {
        auto copy = Journal::open(backups / "journal-2026-12-01.sqlite", nullptr, {.read_only = true});
        CHECK(copy->interval_count() == static_cast<std::int64_t>(test::sample_intervals().size()) + 8);
        CHECK(copy->integrity_ok());
        // A single self-contained file: rollback-journal mode, so reading it leaves no -wal or -shm behind.
        CHECK(test::sql_int(backups / "journal-2026-12-01.sqlite",
                            "SELECT count(*) FROM pragma_journal_mode "
                            "WHERE journal_mode = 'delete'") == 1);
    }

    CHECK(j->backup_if_due(backups, test::day("2026-12-02"), 3));
    CHECK(names_in(backups) == std::vector<std::string>{"journal-2026-11-30.sqlite", "journal-2026-12-01.sqlite",
                                                        "journal-2026-12-02.sqlite", "journal-old.sqlite",
                                                        "notes.txt"});
}

TEST_CASE("purge removes the work days of a range, open ends included, and leaves the rest") {
    test::TempDir dir("storage_purge");
    auto file = dir / "journal.sqlite";
    auto j = filled_journal(file);
    auto total = j->interval_count();
    j->add_marker(core::Marker{test::utc("2026-12-01T08:00:00Z"), "agent_start", ""});
    j->commit("test");

    CHECK(j->purge(test::day("2026-12-01"), test::day("2026-12-02")) == 14);  // 6 + 1 quoted, 6 + 1 late evening
    CHECK(j->intervals_for_days(test::day("2026-12-01"), test::day("2026-12-02")).empty());
    CHECK(j->intervals_for_days(test::day("2026-11-30"), test::day("2026-11-30")).size() == 6);
    CHECK(j->intervals_for_days(test::day("2026-12-03"), test::day("2026-12-03")).size() == 6);
    CHECK(j->interval_count() == total - 14);
    CHECK(j->markers().size() == 1);  // a partial purge keeps markers

    CHECK(j->purge(std::nullopt, test::day("2026-03-31")) == 2);
    CHECK(j->first_day() == test::day("2026-11-30"));
    CHECK(j->purge(test::day("2026-12-04"), std::nullopt) == 8);  // Friday 6, Saturday 2
    CHECK(j->interval_count() == total - 24);
    CHECK(j->purge(std::nullopt, std::nullopt) == total - 24);
    CHECK(j->interval_count() == 0);
    CHECK(j->markers().empty());
    j.reset();
    // Durable, and nothing of the purged rows is left readable in the file.
    CHECK(Journal::open(file)->interval_count() == 0);
    CHECK(test::read_file(file).find("work laptop") == std::string::npos);
}

TEST_CASE("retention removes work days older than the kept span; zero keeps everything") {
    test::TempDir dir("storage_retention");
    auto j = filled_journal(dir / "journal.sqlite");
    j->add_marker(core::Marker{test::utc("2026-03-27T08:00:00Z"), "agent_start", ""});
    j->add_marker(core::Marker{test::utc("2026-12-01T08:00:00Z"), "agent_start", ""});
    j->commit("test");
    auto total = j->interval_count();
    CHECK(j->apply_retention(test::day("2026-12-06"), 0) == 0);
    CHECK(j->apply_retention(test::day("2026-12-06"), -5) == 0);
    CHECK(j->interval_count() == total);
    // Keep 365 days: nothing is that old.
    CHECK(j->apply_retention(test::day("2026-12-06"), 365) == 0);
    // Keep 200 days before 2026-12-06: the March rows go (cutoff 2026-05-20).
    CHECK(j->apply_retention(test::day("2026-12-06"), 200) == 2);
    CHECK(j->first_day() == test::day("2026-11-30"));
    CHECK(j->markers().size() == 1);
    // Keep 4 days: work days before 2026-12-02 go (Monday and Tuesday: 6 + 6 + 1 quoted).
    CHECK(j->apply_retention(test::day("2026-12-06"), 4) == 13);
    CHECK(j->first_day() == test::day("2026-12-02"));
}
