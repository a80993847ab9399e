// The running agent reloading its settings (after the settings dialog saved them): a user file with a mistake keeps
// the settings in force, not the built-in defaults below it (issue 11: the day's end went from the 16:30 typed back to
// 17:30); a good file is applied; a mistake in the employer's defaults only skips that layer.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>

#include "app/agent.h"
#include "app/engine.h"
#include "core/interval.h"
#include "support/test_support.h"

namespace clockout::app {
namespace {

std::string monday(const Context& context) {
    std::string out;
    for (const auto& r : context.settings.schedule.windows[0])
        out += (out.empty() ? "" : ", ") + core::format_time_range(r);
    return out;
}

// The private folders of one agent, as the tray or the daemon would have them.
struct AgentHome {
    test::TempDir dir{"settings_reload"};
    test::ScopedEnv home{"HOME", (dir / "home").string()};
    test::ScopedEnv runtime_dir{"XDG_RUNTIME_DIR", (dir / "run").string()};
    test::ScopedEnv state{"XDG_STATE_HOME", (dir / "state").string()};
    test::ScopedEnv config_dirs{"XDG_CONFIG_DIRS", (dir / "etc").string()};
    test::ScopedEnv bus{"DBUS_SESSION_BUS_ADDRESS", "unix:path=" + (dir / "no-bus").string()};
    test::ScopedEnv tz{"TZ", "Europe/Paris"};
    std::filesystem::path file = dir / "settings.toml";
    Options options;
    AgentHome() {
        std::filesystem::create_directories(dir / "run");
        std::filesystem::permissions(dir / "run", std::filesystem::perms::owner_all);
        options.data_dir = dir / "data";
        options.config_file = file;
    }
};

class NoPresenter final : public NudgePresenter {
  public:
    void present(const core::Nudge&) override {}
};

core::TimePoint utc(const std::string& text) {
    const auto t = core::parse_utc(text);
    REQUIRE(t);
    return *t;
}

}  // namespace

TEST_CASE("reload: a user file with a mistake keeps the settings in force; a good one is applied") {
    test::TempDir dir("settings_reload");
    test::ScopedEnv home("HOME", (dir / "home").string());
    test::ScopedEnv runtime_dir("XDG_RUNTIME_DIR", (dir / "run").string());
    test::ScopedEnv state("XDG_STATE_HOME", (dir / "state").string());
    test::ScopedEnv config_dirs("XDG_CONFIG_DIRS", (dir / "etc").string());
    test::ScopedEnv bus("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + (dir / "no-bus").string());
    test::ScopedEnv tz("TZ", "Europe/Paris");
    std::filesystem::create_directories(dir / "run");
    std::filesystem::permissions(dir / "run", std::filesystem::perms::owner_all);
    const auto file = dir / "settings.toml";
    test::write_file(file, "[schedule]\nmon = [\"08:00-12:00\", \"13:00-16:30\"]\n");

    Options options;
    options.data_dir = dir / "data";
    options.config_file = file;
    AgentRuntime runtime(options);
    std::string error;
    REQUIRE_MESSAGE(runtime.prepare(error) == AgentRuntime::Launch::primary, error);
    CHECK(monday(runtime.context()) == "08:00-12:00, 13:00-16:30");

    // The file now holds two windows that overlap: refused, and what was in force stays.
    test::write_file(file, "[schedule]\nmon = [\"08:30-12:00\", \"11:00-13:00\"]\n");
    runtime.reload_settings();
    CHECK(monday(runtime.context()) == "08:00-12:00, 13:00-16:30");
    REQUIRE(runtime.context().settings_issues.size() == 1);
    CHECK(runtime.context().settings_issues[0].message.find("overlaps") != std::string::npos);

    // Mended: applied.
    test::write_file(file, "[schedule]\nmon = [\"07:30-15:00\"]\n");
    runtime.reload_settings();
    CHECK(monday(runtime.context()) == "07:30-15:00");
    CHECK(runtime.context().settings_issues.empty());
}

}  // namespace clockout::app

namespace clockout::app {

TEST_CASE("the last good settings are kept on disk: a restart with a broken file runs with them, told once") {
    AgentHome home;
    test::write_file(home.file, "[schedule]\nmon = [\"08:00-12:00\", \"13:00-16:30\"]\n");
    {
        AgentRuntime runtime(home.options);
        std::string error;
        REQUIRE_MESSAGE(runtime.prepare(error) == AgentRuntime::Launch::primary, error);
        CHECK(runtime.settings_problem().empty());
        REQUIRE(std::filesystem::exists(runtime.context().last_good_file));
        CHECK(runtime.context().last_good_file == home.dir / "data" / "settings.last-good.toml");
        int told = 0;
        std::string last;
        runtime.on_settings_problem([&](const std::string& line) {
            ++told;
            last = line;
        });
        test::write_file(home.file, "[schedule]\nmon = [\"08:30-12:00\", \"11:00-13:00\"]\n");
        runtime.reload_settings();
        runtime.reload_settings();  // saved again, unchanged: not told again
        CHECK(told == 1);
        CHECK(last == runtime.settings_problem());
        // One line: the file, line 2 column 23 (the second window), the fix, and what runs meanwhile.
        CHECK(runtime.settings_problem() ==
              home.file.string() +
                  ":2:23: \"11:00-13:00\" overlaps \"08:30-12:00\" on mon; fix: make the windows of one day follow "
                  "each other, e.g. [\"09:00-12:30\", \"13:30-17:30\"]. Clockout keeps the last good settings until "
                  "the file is mended.");
        CHECK(monday(runtime.context()) == "08:00-12:00, 13:00-16:30");
    }
    {
        // The restart: the broken file is still there; the copy on disk is what runs, and it is said once.
        AgentRuntime runtime(home.options);
        std::string error;
        REQUIRE_MESSAGE(runtime.prepare(error) == AgentRuntime::Launch::primary, error);
        CHECK(runtime.context().settings_source == Context::Source::last_good);
        CHECK(monday(runtime.context()) == "08:00-12:00, 13:00-16:30");
        CHECK(runtime.settings_problem().find(":2:23: ") != std::string::npos);
        CHECK(std::count(runtime.notices().begin(), runtime.notices().end(), runtime.settings_problem()) == 1);
        CHECK(runtime.notices().size() == 1);

        // Mended: applied, told as mended (an empty line), and kept as the new good copy.
        std::string last = "unset";
        runtime.on_settings_problem([&](const std::string& line) { last = line; });
        test::write_file(home.file, "[schedule]\nmon = [\"07:30-15:00\"]\n");
        runtime.reload_settings();
        CHECK(last.empty());
        CHECK(runtime.settings_problem().empty());
        CHECK(monday(runtime.context()) == "07:30-15:00");
        const auto copy = core::load_settings_file(runtime.context().last_good_file, core::Settings{});
        CHECK(copy.ok());
        CHECK(copy.settings.schedule.windows[0] == std::vector{*core::parse_time_range("07:30-15:00")});
    }
}

TEST_CASE("a broken file with no good copy yet runs with the defaults, and says so") {
    AgentHome home;
    test::write_file(home.file, "[schedule]\nday_start = \"25:00\"\n");
    AgentRuntime runtime(home.options);
    std::string error;
    REQUIRE_MESSAGE(runtime.prepare(error) == AgentRuntime::Launch::primary, error);
    CHECK(runtime.context().settings_source == Context::Source::lower_layers);
    CHECK(runtime.context().settings == core::Settings{});
    CHECK(runtime.settings_problem().find("Clockout uses the defaults until the file is mended.") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(runtime.context().last_good_file));  // nothing good to keep
}

// A reload reaches the tracker, which copied the zone and day_start at start (issue 11).
TEST_CASE("a changed day_start or zone reaches the tracker") {
    Context context;
    context.zone = core::make_zone("Europe/Paris");
    REQUIRE(context.zone);
    context.schedule = std::make_shared<core::Schedule>(context.settings.schedule);
    context.device = "laptop";
    core::MemoryIntervals store;
    // Monday 30 November 2026, 02:30 UTC = 03:30 in Paris (UTC+1): before the 04:00 day_start, so Sunday's work day.
    core::SimulatedClock clock(utc("2026-11-30T02:30:00Z"));
    NoPresenter presenter;
    Engine engine(context, store, store, clock, presenter);
    engine.start("test");
    platform::ActivityEvent input;
    input.kind = platform::ActivityKind::input_active;
    input.at = clock.now();
    input.source = "test";
    engine.on_activity(input);
    REQUIRE(engine.tracker().open_interval());
    CHECK(core::format_date(engine.tracker().open_interval()->work_day) == "2026-11-29");

    // day_start 03:00: 03:30 now belongs to Monday; what follows is recorded on Monday's work day.
    clock.advance(core::Minutes{10});
    context.settings.schedule.day_start = core::Minutes{3 * 60};
    engine.settings_changed();
    CHECK(engine.tracker().day_start() == core::Minutes{180});
    REQUIRE(engine.tracker().open_interval());
    CHECK(engine.tracker().open_interval()->state == core::State::active);
    CHECK(core::format_date(engine.tracker().open_interval()->work_day) == "2026-11-30");
    CHECK(core::format_utc(engine.tracker().open_interval()->start) == "2026-11-30T02:40:00Z");

    // The zone: New York (UTC-5). 02:50 UTC is 21:50 on Sunday there, so Sunday's work day again, at -05:00.
    clock.advance(core::Minutes{10});
    context.settings.schedule.timezone = "America/New_York";
    context.zone = core::make_zone("America/New_York");
    REQUIRE(context.zone);
    engine.settings_changed();
    CHECK(engine.tracker().zone()->name() == "America/New_York");
    REQUIRE(engine.tracker().open_interval());
    CHECK(engine.tracker().open_interval()->utc_offset == core::Seconds{-5 * 3600});
    CHECK(core::format_date(engine.tracker().open_interval()->work_day) == "2026-11-29");

    // Nothing changed: nothing is split or marked.
    const auto markers = store.markers().size();
    const auto start = engine.tracker().open_interval()->start;
    clock.advance(core::Minutes{1});
    engine.settings_changed();
    CHECK(store.markers().size() == markers);
    CHECK(engine.tracker().open_interval()->start == start);
}

}  // namespace clockout::app
