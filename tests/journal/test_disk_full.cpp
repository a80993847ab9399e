// A full disk, simulated in a child process with RLIMIT_FSIZE (no mount needed, works for root too): the failing
// write says what to do, every earlier commit survives, and writing resumes once there is room again.
#include <doctest/doctest.h>

#ifndef _WIN32

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <sstream>

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

void say(int fd, const std::string& line) {
    std::string text = line + "\n";
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            ::_exit(4);
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

core::Interval minute(int i) {
    core::Interval row = test::span(State::active, "2026-11-30 09:00", "2026-11-30 09:00", 60);
    row.start += core::Minutes{i};
    row.end = row.start + 1min;
    // A long device name fills the disk sooner.
    row.device = std::string(300, 'd') + std::to_string(i);
    return row;
}

[[noreturn]] void child(const fs::path& file, int fd) {
    try {
        ::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG instead of killing us
        auto j = Journal::open(file);
        rlimit limit{};
        limit.rlim_cur = 192 * 1024;
        limit.rlim_max = RLIM_INFINITY;
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0)
            ::_exit(5);
        int i = 0;
        for (; i < 100000; ++i) {
            try {
                j->insert(minute(i));
                j->commit("checkpoint");
                say(fd, "committed");
            } catch (const JournalError& e) {
                say(fd, std::string("error ") + e.what());
                break;
            }
        }
        limit.rlim_cur = RLIM_INFINITY;
        ::setrlimit(RLIMIT_FSIZE, &limit);
        try {
            j->insert(minute(i + 1));
            j->commit("checkpoint");
            say(fd, "resumed");
        } catch (const JournalError& e) {
            say(fd, std::string("resume-error ") + e.what());
        }
        j.reset();
        ::_exit(0);
    } catch (...) {
        ::_exit(3);
    }
}

}  // namespace

TEST_CASE("a full disk fails the write with a fix, keeps every earlier commit, and writing resumes afterwards") {
    test::TempDir dir("disk_full");
    auto file = dir / "journal.sqlite";
    { Journal::open(file); }

    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        child(file, fds[1]);
    }
    ::close(fds[1]);
    std::string output;
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        output.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    std::istringstream lines(output);
    std::string line;
    std::int64_t committed = 0;
    std::string error;
    bool resumed = false;
    while (std::getline(lines, line)) {
        if (line == "committed")
            ++committed;
        else if (line.rfind("error ", 0) == 0)
            error = line.substr(6);
        else if (line == "resumed")
            resumed = true;
        else
            FAIL("unexpected report: ", line);
    }
    CAPTURE(output);
    CHECK(committed >= 3);
    CHECK(error.rfind(file.string() + ": cannot ", 0) == 0);
    CHECK(error.find("; fix: ") != std::string::npos);
    CHECK(error.find("disk") != std::string::npos);
    CHECK(resumed);

    std::vector<std::string> notices;
    auto j = Journal::open(file, &notices);
    CHECK(notices.empty());
    CHECK(j->integrity_ok());
    // Every commit reported before the failure, and the one after it; only the failed one is missing.
    CHECK(j->interval_count() == committed + 1);
}

#endif  // _WIN32
