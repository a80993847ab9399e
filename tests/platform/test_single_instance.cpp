// One agent per user: the lock in the runtime folder and the socket a second launch talks through.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "platform/single_instance.h"
#include "session_bus.h"
#include "support/test_support.h"

namespace clockout::platform {

using test::pump_until;

TEST_CASE("single instance: the first launch is the agent, the second is not and its request reaches the first") {
    test::TempDir dir("single_instance");
    auto runtime = dir / "run";
    std::string error;
    auto first = acquire_single_instance(runtime, error);
    REQUIRE_MESSAGE(first, error);
    CHECK(error.empty());
    CHECK(first->is_primary());
    struct stat info {};
    REQUIRE(::stat(runtime.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);

    auto second = acquire_single_instance(runtime, error);
    REQUIRE_MESSAGE(second, error);
    CHECK_FALSE(second->is_primary());

    std::vector<std::string> received;
    first->listen([&](const std::string& message) { received.push_back(message); });
    CHECK(second->send("show"));
    REQUIRE(pump_until([&] { return !received.empty(); }));
    CHECK(received == std::vector<std::string>{"show"});
    CHECK(second->send("show"));
    REQUIRE(pump_until([&] { return received.size() == 2; }));
    CHECK(received[1] == "show");

    // Not a request to ourselves.
    CHECK_FALSE(first->send("show"));
}

TEST_CASE("single instance: a request sent before the agent listens waits for it") {
    test::TempDir dir("single_instance_early");
    std::string error;
    auto first = acquire_single_instance(dir / "run", error);
    auto second = acquire_single_instance(dir / "run", error);
    REQUIRE(first);
    REQUIRE(second);
    CHECK(second->send("show"));
    std::vector<std::string> received;
    first->listen([&](const std::string& message) { received.push_back(message); });
    REQUIRE(pump_until([&] { return !received.empty(); }));
    CHECK(received == std::vector<std::string>{"show"});
}

TEST_CASE("single instance: when the agent ends, the next launch becomes the agent despite the old socket") {
    test::TempDir dir("single_instance_next");
    std::string error;
    auto first = acquire_single_instance(dir / "run", error);
    REQUIRE(first);
    REQUIRE(first->is_primary());
    first.reset();
    auto next = acquire_single_instance(dir / "run", error);
    REQUIRE(next);
    CHECK(next->is_primary());
    CHECK(error.empty());
    auto later = acquire_single_instance(dir / "run", error);
    std::vector<std::string> received;
    next->listen([&](const std::string& message) { received.push_back(message); });
    CHECK(later->send("show"));
    REQUIRE(pump_until([&] { return !received.empty(); }));
}

TEST_CASE("single instance: with no agent running, a secondary's send fails rather than hangs") {
    test::TempDir dir("single_instance_nobody");
    std::string error;
    auto instance = acquire_single_instance(dir / "run", error);
    REQUIRE(instance);
    std::filesystem::remove(dir / "run" / "agent.sock");
    // A second object in the same folder while the first holds the lock, but nobody listening.
    auto second = acquire_single_instance(dir / "run", error);
    REQUIRE(second);
    CHECK_FALSE(second->is_primary());
    CHECK_FALSE(second->send("show"));
}

TEST_CASE("single instance: two agents started at the same instant leave exactly one primary") {
    for (int round = 0; round < 20; ++round) {
        test::TempDir dir("single_instance_race");
        int go[2];
        int results[2];
        int release[2];
        REQUIRE(::pipe(go) == 0);
        REQUIRE(::pipe(results) == 0);
        REQUIRE(::pipe(release) == 0);
        pid_t children[2];
        for (pid_t& child : children) {
            child = ::fork();
            REQUIRE(child >= 0);
            if (child == 0) {
                ::close(go[1]);
                ::close(results[0]);
                ::close(release[1]);
                char byte = 0;
                (void)!::read(go[0], &byte, 1);  // both wake when the parent closes the pipe
                std::string child_error;
                auto instance = acquire_single_instance(dir / "run", child_error);
                char verdict = !instance ? 'e' : instance->is_primary() ? 'p' : 's';
                (void)!::write(results[1], &verdict, 1);
                (void)!::read(release[0], &byte, 1);  // hold the lock until the parent has both answers
                ::_exit(0);
            }
        }
        ::close(go[0]);
        ::close(results[1]);
        ::close(release[0]);
        ::close(go[1]);
        std::string verdicts;
        char verdict = 0;
        while (verdicts.size() < 2 && ::read(results[0], &verdict, 1) == 1)
            verdicts += verdict;
        ::close(release[1]);
        for (pid_t child : children) {
            int status = 0;
            ::waitpid(child, &status, 0);
        }
        ::close(results[0]);
        std::sort(verdicts.begin(), verdicts.end());
        CHECK(verdicts == "ps");
    }
}

}  // namespace clockout::platform
