// The settings file watch (platform/file_watch.h, inotify on Linux) on GLib's loop: a save in place, a save by rename
// (the old inode is gone), a file created later and a removal are each seen once, a burst of writes is one call, a
// neighbour in the same folder is not seen, and nothing comes after stop().
#include <chrono>
#include <filesystem>
#include <fstream>

#include "platform/file_watch.h"
#include "session_bus.h"
#include "support/test_support.h"

namespace clockout::platform {

using namespace std::chrono_literals;
using test::pump_for;
using test::pump_until;

namespace {

void write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

TEST_CASE("file watch: saves in place and by rename, creation and removal, one call per burst, not the neighbours") {
    test::TempDir dir("file_watch");
    const auto file = dir / "settings.toml";
    write(file, "[idle]\n");
    auto watch = make_file_watch();
    int calls = 0;
    REQUIRE(watch->start(file, [&] { ++calls; }) == "");

    pump_for(300ms);
    CHECK_MESSAGE(calls == 0, "a call without a change");

    const auto t0 = std::chrono::steady_clock::now();
    write(file, "[idle]\nthreshold = \"3m\"\n");
    REQUIRE_MESSAGE(pump_until([&] { return calls == 1; }, 2000ms), "a save in place was not seen within 2 s");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    MESSAGE("a save in place was seen after " << ms.count() << " ms");
    CHECK(ms < 1000ms);  // 150 ms of settling, and the loop's own time

    write(dir / "settings.toml.new", "[idle]\nthreshold = \"4m\"\n");
    std::filesystem::rename(dir / "settings.toml.new", file);
    REQUIRE_MESSAGE(pump_until([&] { return calls == 2; }, 2000ms), "a save by rename was not seen");

    // Five writes in a row: one call once they settle.
    for (int i = 0; i < 5; ++i)
        write(file, "[idle]\nthreshold = \"" + std::to_string(i + 1) + "m\"\n");
    pump_for(600ms);
    CHECK_MESSAGE(calls == 3, "a burst of five writes gave " << calls - 2 << " calls, not 1");

    write(dir / "other.toml", "x");
    pump_for(400ms);
    CHECK_MESSAGE(calls == 3, "a neighbour's change was taken for the watched file's");

    std::filesystem::remove(file);
    REQUIRE_MESSAGE(pump_until([&] { return calls == 4; }, 2000ms), "a removal was not seen");
    write(file, "[idle]\n");
    REQUIRE_MESSAGE(pump_until([&] { return calls == 5; }, 2000ms), "a file created after the start was not seen");

    watch->stop();
    write(file, "[idle]\nthreshold = \"9m\"\n");
    pump_for(400ms);
    CHECK_MESSAGE(calls == 5, "a call after stop()");
}

TEST_CASE("file watch: a folder that does not exist is said, not a crash") {
    test::TempDir dir("file_watch_missing");
    auto watch = make_file_watch();
    const auto why = watch->start(dir / "nowhere" / "settings.toml", [] {});
    CHECK(why.find("cannot watch") == 0);
    CHECK(why.find("nowhere") != std::string::npos);
}

}  // namespace clockout::platform
