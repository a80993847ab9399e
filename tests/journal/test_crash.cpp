// A process killed at a random moment mid-write loses at most the writes since its last commit (one checkpoint,
// 5 simulated minutes) and leaves a journal that passes integrity_check. POSIX only: it needs fork() and SIGKILL.
#include <doctest/doctest.h>

#ifndef _WIN32

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <random>

#include <SQLiteCpp/SQLiteCpp.h>

#include "journal/journal.h"
#include "journal/journal_samples.h"
#include "support/test_support.h"

using namespace clockout;
using namespace std::chrono_literals;
using core::State;
using journal::Journal;

namespace fs = std::filesystem;

namespace {

constexpr core::Seconds kCheckpoint = 5min;
constexpr core::Minutes kDayStart{4 * 60};

void write_all(int fd, const void* data, std::size_t size) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            ::_exit(4);
        p += n;
        size -= static_cast<std::size_t>(n);
    }
}

// The child: writes like the Tracker does (insert on a state change, then extend the open row in place and commit at
// every 5-minute checkpoint), reporting each committed checkpoint through the pipe. It never returns: it is killed.
[[noreturn]] void writer_child(const fs::path& file, core::TimePoint from, std::uint32_t seed, int report_fd) {
    try {
        auto j = Journal::open(file);
        std::mt19937 rng(seed);
        constexpr std::array<State, 4> kStates = {State::active, State::idle, State::locked, State::active};
        core::TimePoint t = from;
        core::Interval open;
        bool have_open = false;
        for (int step = 0; step < 200000; ++step) {
            if (!have_open || rng() % 4 == 0) {
                open = core::Interval{};
                open.start = t;
                open.end = t;
                open.state = kStates[rng() % kStates.size()];
                open.utc_offset = 1h;
                open.work_day = core::work_day_of(open.local_start(), kDayStart);
                open.source = "crash-test";
                open.device = "laptop";
                open.id = j->insert(open);
                j->commit("state change");
                have_open = true;
            }
            t += kCheckpoint;
            open.end = t;
            j->update(open);
            if (rng() % 8 == 0)
                j->add_marker(core::Marker{t, "checkpoint", "crash test"});
            j->commit("checkpoint");
            std::int64_t committed = t.time_since_epoch().count();
            write_all(report_fd, &committed, sizeof committed);
        }
        ::_exit(0);
    } catch (...) {
        ::_exit(3);
    }
}

struct Round {
    int status = 0;
    std::optional<std::int64_t> last_committed;
};

// Starts a writer, lets it run for `delay` (after its first commit when `after_first_commit`), kills it with SIGKILL.
Round run_and_kill(const fs::path& file, core::TimePoint from, std::uint32_t seed, std::chrono::microseconds delay,
                   bool after_first_commit) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        writer_child(file, from, seed, fds[1]);
    }
    ::close(fds[1]);
    Round round;
    std::vector<char> received;
    auto drain = [&](int timeout_ms) {
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, timeout_ms) <= 0)
            return false;
        char buf[4096];
        ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0)
            return false;
        received.insert(received.end(), buf, buf + n);
        return true;
    };
    if (after_first_commit) {
        while (received.size() < sizeof(std::int64_t) && drain(10000)) {
        }
    }
    ::usleep(static_cast<useconds_t>(delay.count()));
    ::kill(pid, SIGKILL);
    REQUIRE(::waitpid(pid, &round.status, 0) == pid);
    while (drain(1000)) {
    }
    ::close(fds[0]);
    std::size_t whole = received.size() / sizeof(std::int64_t);
    if (whole > 0) {
        std::int64_t value = 0;
        std::memcpy(&value, received.data() + (whole - 1) * sizeof value, sizeof value);
        round.last_committed = value;
    }
    return round;
}

}  // namespace

TEST_CASE("SIGKILL at a random moment mid-write loses at most one checkpoint and never damages the journal") {
    test::TempDir dir("crash_sigkill");
    auto file = dir / "journal.sqlite";
    std::mt19937 rng(20261130);
    core::TimePoint from = test::utc("2026-11-30T07:00:00Z");
    std::int64_t kills_mid_run = 0;
    for (int round_index = 0; round_index < 20; ++round_index) {
        CAPTURE(round_index);
        // Every fifth round dies early, while the journal is being opened or migrated.
        bool early = round_index % 5 == 0;
        auto delay = early ? std::chrono::microseconds(rng() % 3000) : std::chrono::microseconds(2000 + rng() % 150000);
        Round round = run_and_kill(file, from, static_cast<std::uint32_t>(rng()), delay, !early);
        REQUIRE_MESSAGE(WIFSIGNALED(round.status), "the writer stopped on its own, status ", round.status);
        CHECK(WTERMSIG(round.status) == SIGKILL);
        if (round.last_committed)
            ++kills_mid_run;

        std::vector<std::string> notices;
        auto j = Journal::open(file, &notices);
        CHECK(notices.empty());  // never taken for a damaged file
        std::string detail;
        CHECK_MESSAGE(j->integrity_ok(&detail), detail);
        CHECK(j->schema_version() == Journal::kSchemaVersion);
        j.reset();

        if (!fs::exists(file) || fs::file_size(file) == 0)
            continue;
        std::int64_t rows = test::sql_int(file, "SELECT count(*) FROM interval");
        if (rows == 0) {
            CHECK_FALSE(round.last_committed);
            continue;
        }
        std::int64_t last_end = test::sql_int(file, "SELECT max(end_utc) FROM interval");
        if (round.last_committed) {
            // Everything reported as committed is there; at most one more checkpoint got in before the kill.
            CHECK(last_end >= *round.last_committed);
            CHECK(last_end <= *round.last_committed + kCheckpoint.count());
        }
        CHECK(test::sql_int(file, "SELECT count(*) FROM interval WHERE end_utc < start_utc") == 0);
        from = core::TimePoint{core::Seconds{last_end}};
    }
    CHECK(kills_mid_run >= 14);  // the 16 later rounds were killed after their first commit
}

#endif  // _WIN32
