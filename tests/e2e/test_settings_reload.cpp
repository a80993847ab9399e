// The running agent reloading its settings (after the settings dialog saved them): a user file with a mistake keeps
// the settings in force, not the built-in defaults below it (issue 11: the day's end went from the 16:30 typed back to
// 17:30); a good file is applied; a mistake in the employer's defaults only skips that layer.
#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "app/agent.h"
#include "support/test_support.h"

namespace clockout::app {
namespace {

std::string monday(const Context& context) {
    std::string out;
    for (const auto& r : context.settings.schedule.windows[0])
        out += (out.empty() ? "" : ", ") + core::format_time_range(r);
    return out;
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
