// Settings: defaults, layers, file:line:column issues with a fix, the TOML round trip and the atomic write.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "core/settings.h"
#include "support/test_support.h"

using namespace clockout;
using core::Minutes;
using core::Seconds;
using core::Settings;
using core::TimeRange;

namespace fs = std::filesystem;

namespace {

TimeRange hm(int h1, int m1, int h2, int m2) {
    return TimeRange{Minutes{h1 * 60 + m1}, Minutes{h2 * 60 + m2}};
}

std::vector<std::string> messages(const core::SettingsResult& r) {
    std::vector<std::string> out;
    for (const auto& i : r.issues)
        out.push_back(i.to_string());
    return out;
}

// One issue expected: its full text.
std::string only_issue(std::string_view toml_text) {
    const auto r = core::parse_settings(toml_text, "settings.toml", Settings{});
    REQUIRE(r.issues.size() == 1);
    CHECK(r.settings == Settings{});
    return r.issues.front().to_string();
}

Settings customised() {
    Settings s;
    s.schedule.timezone = "Europe/Paris";
    s.schedule.day_start = Minutes{5 * 60 + 30};
    s.schedule.windows[0] = {hm(9, 30, 12, 0), hm(14, 0, 16, 30)};
    s.schedule.windows[2] = {};
    s.schedule.windows[4] = {hm(22, 0, 6, 0)};  // a night crossing midnight
    s.schedule.windows[5] = {hm(10, 0, 24, 0)};
    s.schedule.quiet_evening.reset();
    s.schedule.rest_days = {false, false, true, false, false, false, true};
    s.schedule.public_holidays = "";
    s.schedule.leave = {*core::parse_date_range("2026-12-21..2027-01-02"), *core::parse_date_range("2027-05-14")};
    s.idle_threshold = Seconds{3};
    s.nudge.pre_notice = Seconds{0};
    s.nudge.firm_after = Seconds{90};
    s.nudge.repeat = Minutes{45};
    s.nudge.more_minutes = Minutes{90};
    s.nudge.snooze = Seconds{3725};
    s.nudge.quiet_away = std::chrono::hours{1};
    s.limits.amplitude_soft_min = 9 * 60 + 15;
    s.limits.break_min = 30;
    s.limits.week_firm_min = 46 * 60;
    s.limits.night_start = Minutes{22 * 60};
    s.limits.night_end = Minutes{5 * 60};
    s.language = "fr";
    s.retention_days = 730;
    s.device = "bureau \"A\" \\ 2";
    return s;
}

}  // namespace

TEST_CASE("the built-in defaults are those of DESIGN.md and RULES.md") {
    const Settings s;
    CHECK(s.schedule == core::ScheduleConfig::defaults());
    CHECK(s.idle_threshold == Minutes{5});
    CHECK(s.nudge.pre_notice == Minutes{10});
    CHECK(s.nudge.firm_after == Minutes{30});
    CHECK(s.nudge.repeat == Minutes{30});
    CHECK(s.limits.amplitude_firm_min == 12 * 60);
    CHECK(s.language == "auto");
    CHECK_FALSE(s.retention_days);
    CHECK(s.device.empty());

    const auto empty = core::parse_settings("", "settings.toml", Settings{});
    CHECK(empty.ok());
    CHECK(empty.settings == Settings{});
    const auto none = core::load_settings({});
    CHECK(none.ok());
    CHECK(none.settings == Settings{});
}

TEST_CASE("every key of DESIGN.md section 6 is read") {
    const auto r = core::parse_settings(R"(
[schedule]
timezone = "Europe/Paris"
day_start = "05:00"
mon = ["08:00-12:00", "13:00-16:00"]
sat = ["09:00-12:00"]
[quiet]
evenings = "21:00-07:00"
rest_days = ["sun"]
public_holidays = ""
leave = ["2026-12-21..2027-01-02", "2027-05-14"]
[idle]
threshold = "3s"
[nudge]
pre_notice = "5m"
firm_after = "1h"
repeat = "20m"
more_minutes = "15m"
snooze = "10m"
quiet_away = "30m"
[limits]
amplitude_soft = "9h"
amplitude_firm = "11h"
amplitude_max = "12h"
active_soft = "7h"
active_firm = "9h"
daily_rest = "12h"
break = "30m"
break_after = "5h30m"
week_soft = "40h"
week_firm = "46h"
avg12_high = "42h"
weekly_rest = "48h"
reconnect_gap = "15m"
night = "22:00-05:00"
[ui]
language = "en"
[journal]
retention = "180d"
device = "laptop"
)",
                                        "settings.toml", Settings{});
    CHECK(messages(r) == std::vector<std::string>{});
    const auto& s = r.settings;
    CHECK(s.schedule.timezone == "Europe/Paris");
    CHECK(s.schedule.day_start == Minutes{5 * 60});
    CHECK(s.schedule.windows[0] == std::vector<TimeRange>{hm(8, 0, 12, 0), hm(13, 0, 16, 0)});
    CHECK(s.schedule.windows[1] == core::ScheduleConfig::defaults().windows[1]);  // not given: kept
    CHECK(s.schedule.windows[5] == std::vector<TimeRange>{hm(9, 0, 12, 0)});
    CHECK(s.schedule.quiet_evening == hm(21, 0, 7, 0));
    CHECK(s.schedule.rest_days == std::array<bool, 7>{false, false, false, false, false, false, true});
    CHECK(s.schedule.public_holidays == "");
    REQUIRE(s.schedule.leave.size() == 2);
    CHECK(core::format_date_range(s.schedule.leave[1]) == "2027-05-14");
    CHECK(s.idle_threshold == Seconds{3});
    CHECK(s.nudge.pre_notice == Minutes{5});
    CHECK(s.nudge.firm_after == Minutes{60});
    CHECK(s.nudge.repeat == Minutes{20});
    CHECK(s.nudge.more_minutes == Minutes{15});
    CHECK(s.nudge.snooze == Minutes{10});
    CHECK(s.nudge.quiet_away == Minutes{30});
    CHECK(s.limits.amplitude_soft_min == 540);
    CHECK(s.limits.amplitude_firm_min == 660);
    CHECK(s.limits.amplitude_max_min == 720);
    CHECK(s.limits.active_soft_min == 420);
    CHECK(s.limits.active_firm_min == 540);
    CHECK(s.limits.daily_rest_min == 720);
    CHECK(s.limits.break_min == 30);
    CHECK(s.limits.break_after_min == 330);
    CHECK(s.limits.week_soft_min == 2400);
    CHECK(s.limits.week_firm_min == 2760);
    CHECK(s.limits.avg12_high_min == 2520);
    CHECK(s.limits.weekly_rest_min == 2880);
    CHECK(s.limits.reconnect_gap_min == 15);
    CHECK(s.limits.night_start == Minutes{22 * 60});
    CHECK(s.limits.night_end == Minutes{5 * 60});
    CHECK(s.language == "en");
    CHECK(s.retention_days == 180);
    CHECK(s.device == "laptop");
}

TEST_CASE("retention in days or years, empty evenings and empty day lists") {
    auto r = core::parse_settings("[journal]\nretention = \"2y\"\n", "settings.toml", Settings{});
    CHECK(r.ok());
    CHECK(r.settings.retention_days == 730);
    Settings kept;
    kept.retention_days = 30;
    r = core::parse_settings("[journal]\nretention = \"\"\n", "settings.toml", kept);
    CHECK(r.ok());
    CHECK_FALSE(r.settings.retention_days);
    r = core::parse_settings("[quiet]\nevenings = \"\"\n[schedule]\nfri = []\n", "settings.toml", Settings{});
    CHECK(r.ok());
    CHECK_FALSE(r.settings.schedule.quiet_evening);
    CHECK(r.settings.schedule.windows[4].empty());
}

TEST_CASE("layers: the employer's file sets the windows, the user's file overrides one day") {
    test::TempDir dir("settings_layers");
    test::write_file(dir / "defaults.toml", R"(# charter of the association
[schedule]
mon = ["09:30-12:00", "14:00-16:30"]
tue = ["09:30-12:00", "14:00-16:30"]
wed = ["09:30-12:00", "14:00-16:30"]
thu = ["09:30-12:00", "14:00-16:30"]
fri = ["09:30-12:00", "14:00-16:30"]
[nudge]
pre_notice = "15m"
)");
    test::write_file(dir / "settings.toml", R"([schedule]
wed = ["09:30-12:00"]
[nudge]
snooze = "5m"
)");
    const auto r = core::load_settings({dir / "defaults.toml", dir / "settings.toml"});
    CHECK(messages(r) == std::vector<std::string>{});
    const std::vector<TimeRange> charter{hm(9, 30, 12, 0), hm(14, 0, 16, 30)};
    CHECK(r.settings.schedule.windows[0] == charter);
    CHECK(r.settings.schedule.windows[1] == charter);
    CHECK(r.settings.schedule.windows[2] == std::vector<TimeRange>{hm(9, 30, 12, 0)});
    CHECK(r.settings.schedule.windows[4] == charter);
    CHECK(r.settings.nudge.pre_notice == Minutes{15});  // from the charter
    CHECK(r.settings.nudge.snooze == Minutes{5});       // from the user
    CHECK(r.settings.nudge.repeat == Minutes{30});      // built in

    // A layer that does not exist is no issue.
    const auto missing = core::load_settings({dir / "nowhere.toml", dir / "settings.toml"});
    CHECK(missing.ok());
    CHECK(missing.settings.schedule.windows[2] == std::vector<TimeRange>{hm(9, 30, 12, 0)});
    CHECK(missing.settings.schedule.windows[0] == core::ScheduleConfig::defaults().windows[0]);
}

TEST_CASE("an invalid layer keeps the settings below it and says what is wrong") {
    test::TempDir dir("settings_invalid_layer");
    test::write_file(dir / "defaults.toml", "[nudge]\npre_notice = \"15m\"\n");
    // The good key on line 2 is not applied either: a half-read file would be a schedule nobody wrote.
    test::write_file(dir / "settings.toml", "[nudge]\nsnooze = \"5m\"\nrepeat = \"soon\"\n");
    const auto r = core::load_settings({dir / "defaults.toml", dir / "settings.toml"});
    const std::string user = (dir / "settings.toml").string();
    CHECK(messages(r) == std::vector<std::string>{user + ":3:10: \"soon\" is not a duration; fix: write a number and a "
                                                         "unit (h, m or s), e.g. \"30m\" or \"1h30m\""});
    CHECK(r.settings.nudge.pre_notice == Minutes{15});
    CHECK(r.settings.nudge.snooze == Minutes{15});
    CHECK(r.settings.nudge.repeat == Minutes{30});

    Settings base = customised();
    const auto again = core::parse_settings("[ui]\nlanguage = \"fr\"\n[idle]\nthreshold = \"3h\"\n", "s.toml", base);
    CHECK_FALSE(again.ok());
    CHECK(again.settings == base);
}

TEST_CASE("a syntax error names its line and column and how to fix it") {
    CHECK(only_issue("[schedule]\ntimezone = \"system\"\nmon = [\"09:00-12:30\" \"13:30-17:30\"]\n") ==
          "settings.toml:3:22: this is not valid TOML (Error while parsing array: expected comma or closing ']', saw "
          "'\"'); fix: check quotes and brackets on that line");
    CHECK(
        only_issue("[schedule\n") ==
        "settings.toml:1:10: this is not valid TOML (Error while parsing table header: expected ']', saw '\\n'); fix: "
        "check quotes and brackets on that line");
    // A key given twice is a syntax error in TOML.
    const auto twice = core::parse_settings("[schedule]\nmon = []\nmon = []\n", "settings.toml", Settings{});
    REQUIRE(twice.issues.size() == 1);
    CHECK(twice.issues[0].line == 3);
    CHECK(twice.issues[0].fix == "check quotes and brackets on that line");
    // Text in another encoding than UTF-8.
    const auto latin1 = core::parse_settings(
        "[ui]\nlanguage = \"fran\xe7"
        "ais\"\n",
        "settings.toml", Settings{});
    REQUIRE(latin1.issues.size() == 1);
    CHECK(latin1.issues[0].line == 2);
    CHECK(latin1.issues[0].fix == "save the file as UTF-8 text");
}

TEST_CASE("a bad time range names the line and the column of the value") {
    CHECK(only_issue("[schedule]\ntimezone = \"system\"\nday_start = \"04:00\"\n\nmon = [\"09:00-25:00\"]\n") ==
          "settings.toml:5:8: \"09:00-25:00\" is not a time range (hours go from 00 to 24); fix: write HH:MM-HH:MM, "
          "e.g. \"09:00-12:30\"");
    CHECK(only_issue("[schedule]\ntue = [\"09:00-12:30\", \"13:30-17:61\"]\n") ==
          "settings.toml:2:23: \"13:30-17:61\" is not a time range (minutes go from 00 to 59); fix: write "
          "HH:MM-HH:MM, e.g. \"09:00-12:30\"");
    CHECK(only_issue("[quiet]\nevenings = \"8pm-7am\"\n") ==
          "settings.toml:2:12: \"8pm-7am\" is not a time range (expected HH:MM-HH:MM); fix: write HH:MM-HH:MM, e.g. "
          "\"20:00-07:30\" (or \"\" for none)");
    CHECK(only_issue("[limits]\nnight = \"21:00-21:00\"\n") ==
          "settings.toml:2:9: \"21:00-21:00\" is not a time range (its start and end are the same); fix: write "
          "HH:MM-HH:MM, e.g. \"21:00-06:00\"");
}

TEST_CASE("unknown tables and keys are named with the known ones") {
    CHECK(only_issue("[schedule]\ndya_start = \"04:00\"\n") ==
          "settings.toml:2:1: unknown key \"dya_start\" in [schedule]; fix: did you mean \"day_start\"? The keys of "
          "[schedule] are timezone, day_start, mon, tue, wed, thu, fri, sat, sun");
    CHECK(only_issue("[idle]\nseconds = \"5m\"\n") ==
          "settings.toml:2:1: unknown key \"seconds\" in [idle]; fix: The keys of [idle] are threshold");
    CHECK(only_issue("\n[scheduel]\nmon = []\n") ==
          "settings.toml:2:2: unknown table [scheduel]; fix: did you mean [schedule]? The tables are [schedule], "
          "[quiet], [idle], [nudge], [limits], [calls], [ui], [journal], [devices]");
    CHECK(only_issue("timezone = \"UTC\"\n[schedule]\n") ==
          "settings.toml:1:1: \"timezone\" is outside its table; fix: move it under the line [schedule]");
    CHECK(only_issue("quiet = 3\n") ==
          "settings.toml:1:9: [quiet] must be a table, not a number; fix: write the line "
          "[quiet] and put its keys under it");
}

TEST_CASE("wrong types, unknown zones and values out of range") {
    CHECK(only_issue("[nudge]\nsnooze = 15\n") ==
          "settings.toml:2:10: \"snooze\" must be text in quotes, not a number; fix: write snooze = \"15m\"");
    CHECK(only_issue("[schedule]\nmon = \"09:00-12:30\"\n") ==
          "settings.toml:2:7: \"mon\" must be a list, not text; fix: write mon = [\"09:00-12:30\", \"13:30-17:30\"] "
          "(or [] for no work)");
    CHECK(only_issue("[schedule]\ntimezone = \"Europe/Pariss\"\n") ==
          "settings.toml:2:12: \"Europe/Pariss\" is not a time zone this system knows; fix: write \"system\" or an "
          "IANA name such as \"Europe/Paris\"");
    CHECK(only_issue("[schedule]\nday_start = \"24:00\"\n") ==
          "settings.toml:2:13: \"24:00\" is not a time of day; fix: write HH:MM from 00:00 to 23:59, e.g. \"04:00\"");
    CHECK(only_issue("[idle]\nthreshold = \"3h\"\n") ==
          "settings.toml:2:13: \"threshold\" = \"3h\" is outside 1s to 2h; fix: write a duration between 1s and 2h, "
          "e.g. \"5m\"");
    CHECK(only_issue("[limits]\nbreak = \"90s\"\n") ==
          "settings.toml:2:9: \"break\" must be whole minutes; fix: write it in hours and minutes, e.g. \"20m\"");
    CHECK(only_issue("[quiet]\nrest_days = [\"sat\", \"dimanche\"]\n") ==
          "settings.toml:2:21: \"dimanche\" is not a day; fix: write mon, tue, wed, thu, fri, sat or sun");
    CHECK(only_issue("[quiet]\npublic_holidays = \"DE\"\n") ==
          "settings.toml:2:19: \"DE\" is not a holiday calendar Clockout knows; fix: write \"FR\" for French public "
          "holidays, \"FR-AM\" for Alsace-Moselle, or \"\" for none");
    CHECK(only_issue("[quiet]\nleave = [\"2027-01-02..2026-12-21\"]\n") ==
          "settings.toml:2:10: \"2027-01-02..2026-12-21\" ends before it starts; fix: put the first day first, e.g. "
          "\"2026-12-21..2027-01-02\"");
    CHECK(only_issue("[quiet]\nleave = [\"2026-02-30\"]\n") ==
          "settings.toml:2:10: \"2026-02-30\" is not a date or a range of dates; fix: write \"YYYY-MM-DD\" or "
          "\"YYYY-MM-DD..YYYY-MM-DD\", e.g. \"2026-12-21..2027-01-02\"");
    CHECK(only_issue("[ui]\nlanguage = \"de\"\n") ==
          "settings.toml:2:12: \"de\" is not a language Clockout speaks; fix: write \"auto\" (follow the system), "
          "\"fr\" or \"en\"");
    CHECK(only_issue("[journal]\nretention = \"2 years\"\n") ==
          "settings.toml:2:13: \"2 years\" is not a retention period; fix: write a number of days or years, e.g. "
          "\"180d\" or \"2y\", or \"\" to keep everything");
}

TEST_CASE("windows of one day must not overlap, and a rest day has none") {
    CHECK(only_issue("[schedule]\nmon = [\"09:00-12:30\", \"12:00-14:00\"]\n") ==
          "settings.toml:2:23: \"12:00-14:00\" overlaps \"09:00-12:30\" on mon; fix: make the windows of one day "
          "follow each other, e.g. [\"09:00-12:30\", \"13:30-17:30\"]");
    // Crossing midnight, 22:00-06:00 covers the early hours of the next day, not of this one.
    CHECK(core::parse_settings("[schedule]\nmon = [\"06:00-12:00\", \"22:00-06:00\"]\n", "s.toml", Settings{}).ok());
    CHECK(only_issue("[schedule]\nmon = [\"22:00-06:00\", \"23:00-23:30\"]\n").find("overlaps") != std::string::npos);
    // Touching windows are fine.
    CHECK(core::parse_settings("[schedule]\nmon = [\"09:00-12:30\", \"12:30-17:30\"]\n", "s.toml", Settings{}).ok());

    CHECK(only_issue("[schedule]\nsat = [\"09:00-12:00\"]\n") ==
          "settings.toml:2:7: sat has working windows but is a rest day in [quiet] rest_days; fix: remove \"sat\" "
          "from rest_days, or write sat = []");
    const auto worker = core::parse_settings("[schedule]\nsat = [\"09:00-12:00\"]\n[quiet]\nrest_days = [\"sun\"]\n",
                                             "settings.toml", Settings{});
    CHECK(worker.ok());
    CHECK(worker.settings.schedule.windows[5].size() == 1);
}

TEST_CASE("every issue of a file is reported, in the order of its lines") {
    const auto r = core::parse_settings(R"([schedule]
mon = ["09:00-25:00"]
timezone = "Nowhere/Land"
[nudge]
snooze = 15
[ui]
language = "de"
)",
                                        "settings.toml", Settings{});
    REQUIRE(r.issues.size() == 4);
    CHECK(r.issues[0].line == 2);
    CHECK(r.issues[1].line == 3);
    CHECK(r.issues[2].line == 5);
    CHECK(r.issues[3].line == 7);
    CHECK(r.settings == Settings{});
}

TEST_CASE("an issue reads file:line:column: message; fix: fix") {
    core::SettingsIssue issue{"settings.toml", 4, 7, "\"x\" is wrong", "write y"};
    CHECK(issue.to_string() == "settings.toml:4:7: \"x\" is wrong; fix: write y");
    issue.column = 0;
    CHECK(issue.to_string() == "settings.toml:4: \"x\" is wrong; fix: write y");
    issue.line = 0;
    CHECK(issue.to_string() == "settings.toml: \"x\" is wrong; fix: write y");
    issue.fix.clear();
    CHECK(issue.to_string() == "settings.toml: \"x\" is wrong");
}

TEST_CASE("a file with thousands of problems lists the first ten from the top, then how many more") {
    std::string text = "[schedule]\nmon = [";
    for (int i = 0; i < 2000; ++i)
        text += std::string(i ? ", " : "") + "\"09:00-10:00\"";
    text += "]\n";
    const auto r = core::parse_settings(text, "settings.toml", Settings{});
    REQUIRE(r.issues.size() == 11);
    CHECK(r.issues[0].to_string().rfind("settings.toml:2:23: \"09:00-10:00\" overlaps \"09:00-10:00\" on mon", 0) == 0);
    CHECK(r.issues[9].column == 23 + 9 * 15);  // the 2nd to 11th strings, in order along the line
    CHECK(r.issues[10].to_string() ==
          "settings.toml: 1989 more problems not listed; fix: mend the ones above and check again");
    CHECK(r.settings == Settings{});
    // Ten problems are all listed, with no count after them.
    std::string ten = "[schedule]\nmon = [\"09:00-10:00\"";
    for (int i = 0; i < 10; ++i)
        ten += ", \"09:00-10:00\"";
    ten += "]\n";
    CHECK(core::parse_settings(ten, "settings.toml", Settings{}).issues.size() == 10);
}

TEST_CASE("user input never throws") {
    const std::string inputs[] = {
        std::string("\0\0\0", 3),
        "[[schedule]]\nmon = []\n",
        "[schedule.mon]\nx = 1\n",
        "[schedule]\nmon = [[\"09:00-12:00\"]]\n",
        "[limits]\nweek_firm = \"99999999h\"\n",
        "[journal]\nretention = \"99999999999y\"\n",
        std::string(100000, '['),
        "[quiet]\nleave = [\"..\", \"2026-01-01..\", \"\"]\n",
    };
    for (const auto& text : inputs) {
        core::SettingsResult r;
        CHECK_NOTHROW(r = core::parse_settings(text, "settings.toml", Settings{}));
        CHECK_FALSE(r.ok());
        CHECK(r.settings == Settings{});
    }
    test::TempDir dir("settings_unreadable");
    const auto folder = core::load_settings_file(dir.path(), Settings{});
    REQUIRE(folder.issues.size() == 1);
    CHECK(folder.issues[0].to_string() ==
          dir.path().string() +
              ": cannot read the settings file: it is a folder; fix: check the path and its permissions");
}

TEST_CASE("to_toml writes a commented file that reads back equal") {
    const Settings defaults;
    const auto text = core::to_toml(defaults);
    CHECK(text.find("# ") != std::string::npos);
    CHECK(text.find("mon = [\"09:00-12:30\", \"13:30-17:30\"]\n") != std::string::npos);
    CHECK(text.find("evenings = \"20:00-07:30\"\n") != std::string::npos);
    const auto back = core::parse_settings(text, "settings.toml", Settings{});
    CHECK(messages(back) == std::vector<std::string>{});
    CHECK(back.settings == defaults);

    const Settings mine = customised();
    const auto custom_text = core::to_toml(mine);
    CHECK(custom_text.find("fri = [\"22:00-06:00\"]\n") != std::string::npos);
    CHECK(custom_text.find("snooze = \"3725s\"\n") != std::string::npos);
    CHECK(custom_text.find("firm_after = \"90s\"\n") != std::string::npos);
    CHECK(custom_text.find("pre_notice = \"0m\"\n") != std::string::npos);
    CHECK(custom_text.find("more_minutes = \"1h30m\"\n") != std::string::npos);
    CHECK(custom_text.find("amplitude_soft = \"9h15m\"\n") != std::string::npos);
    CHECK(custom_text.find("retention = \"2y\"\n") != std::string::npos);
    CHECK(custom_text.find("device = \"bureau \\\"A\\\" \\\\ 2\"\n") != std::string::npos);
    CHECK(custom_text.find("leave = [\"2026-12-21..2027-01-02\", \"2027-05-14\"]\n") != std::string::npos);
    // Read over the defaults, and over something else: every key is written, so the base does not matter.
    const auto over_defaults = core::parse_settings(custom_text, "settings.toml", Settings{});
    CHECK(messages(over_defaults) == std::vector<std::string>{});
    CHECK(over_defaults.settings == mine);
    Settings other;
    other.schedule.leave = {*core::parse_date_range("2030-01-01")};
    other.retention_days = 3;
    CHECK(core::parse_settings(custom_text, "settings.toml", other).settings == mine);
    CHECK(core::parse_settings(text, "settings.toml", mine).settings == defaults);
}

TEST_CASE("the example charter in assets/defaults.toml is the defaults written out") {
    const fs::path charter = fs::path(CLOCKOUT_SOURCE_DIR) / "assets" / "defaults.toml";
    REQUIRE(fs::exists(charter));
    const auto r = core::load_settings_file(charter, customised());
    CHECK(messages(r) == std::vector<std::string>{});
    CHECK(r.settings == Settings{});
}

// The settings dialog and the first-run page write only what check_settings() accepts (issue 11): the three steps that
// saved a file the agent then refused are refused here, before anything is written, and the defaults pass.
TEST_CASE("check_settings: what the dialog may save is exactly what the agent accepts") {
    Settings defaults;
    CHECK(core::check_settings(defaults).empty());

    SUBCASE("a rest day that keeps its hours (first run: Wednesday ticked as a rest day)") {
        Settings s = defaults;
        s.schedule.rest_days[2] = true;  // Wednesday, its 09:00-12:30, 13:30-17:30 left as they were
        auto issues = core::check_settings(s);
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].message.find("rest day") != std::string::npos);
        s.schedule.windows[2].clear();  // what the user then does: empty the day
        CHECK(core::check_settings(s).empty());
    }
    SUBCASE("overlapping windows (08:30-12:00, 11:00-13:00)") {
        Settings s = defaults;
        s.schedule.windows[0] = {*core::parse_time_range("08:30-12:00"), *core::parse_time_range("11:00-13:00")};
        auto issues = core::check_settings(s);
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].message.find("overlaps") != std::string::npos);
    }
    SUBCASE("a spinner at 0: idle after 0 minutes") {
        Settings s = defaults;
        s.idle_threshold = Seconds{0};
        auto issues = core::check_settings(s);
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].message.find("threshold") != std::string::npos);
        s.idle_threshold = Seconds{60};  // the spinner's 1 minute
        CHECK(core::check_settings(s).empty());
    }
    SUBCASE("edits that are fine pass and read back the same") {
        Settings s = defaults;
        s.schedule.windows[0] = {*core::parse_time_range("08:30-12:00"), *core::parse_time_range("13:00-16:30")};
        s.schedule.rest_days[2] = true;
        s.schedule.windows[2].clear();
        s.idle_threshold = Seconds{120 * 60};  // the spinner's maximum
        s.nudge.more_minutes = Seconds{60};
        CHECK(core::check_settings(s).empty());
    }
}

TEST_CASE("public holidays of Alsace-Moselle: FR-AM, or one of its three départements, written back as FR-AM") {
    for (const char* written : {"FR-AM", "fr-am", "FR-57", "FR-67", "FR-68"}) {
        CAPTURE(written);
        auto r = core::parse_settings(std::string("[quiet]\npublic_holidays = \"") + written + "\"\n", "settings.toml",
                                      Settings{});
        REQUIRE(r.ok());
        CHECK(r.settings.schedule.public_holidays == "FR-AM");
        auto back = core::parse_settings(core::to_toml(r.settings), "settings.toml", Settings{});
        REQUIRE(back.ok());
        CHECK(back.settings.schedule.public_holidays == "FR-AM");
    }
}

// One schema (issue 11): docs/settings.md's tables give every key of the schema once, under its table, with the
// default the program has and, for a duration, the range the parser accepts.
TEST_CASE("docs/settings.md's key tables match the settings schema") {
    const fs::path doc = fs::path(CLOCKOUT_SOURCE_DIR) / "docs" / "settings.md";
    const std::string text = test::read_file(doc);
    REQUIRE_FALSE(text.empty());
    struct Row {
        std::string table, default_cell, range_cell;
    };
    std::vector<std::pair<std::string, Row>> rows;  // "table.key" -> the row that documents it
    std::string table;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("### `[", 0) == 0) {
            table = line.substr(6, line.find("]`") - 6);
            continue;
        }
        if (table.empty() || line.rfind("| `", 0) != 0)
            continue;
        std::vector<std::string> cells;  // no cell of these tables holds a "|"
        std::stringstream row(line.substr(1));
        for (std::string cell; std::getline(row, cell, '|');)
            cells.push_back(cell);
        REQUIRE_MESSAGE(cells.size() >= 4, line);
        auto trim = [](std::string s) {
            while (!s.empty() && (s.front() == ' '))
                s.erase(s.begin());
            while (!s.empty() && (s.back() == ' '))
                s.pop_back();
            return s;
        };
        // Every `name` of the key cell is one key: "`mon`, `tue`, `wed`, `thu`, `fri`".
        const std::string keys = cells[0];
        for (std::size_t a = keys.find('`'); a != std::string::npos; a = keys.find('`', keys.find('`', a + 1) + 1)) {
            const auto b = keys.find('`', a + 1);
            rows.push_back({table + "." + keys.substr(a + 1, b - a - 1), {table, trim(cells[1]), trim(cells[2])}});
        }
    }
    const Settings defaults;
    for (const auto& spec : core::settings_schema()) {
        const auto name = spec.name();
        CAPTURE(name);
        const auto count = std::count_if(rows.begin(), rows.end(), [&](const auto& r) { return r.first == name; });
        CHECK(count == 1);
        const auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.first == name; });
        if (it == rows.end())
            continue;
        CHECK(it->second.default_cell == "`" + core::setting_value_text(spec, defaults) + "`");
        if (spec.kind == core::SettingKind::duration || spec.kind == core::SettingKind::limit)
            CHECK(it->second.range_cell == "`" + core::format_setting_duration(spec.min) + "` to `" +
                                               core::format_setting_duration(spec.max) + "`");
    }
    // And nothing documented that the schema does not have.
    for (const auto& [name, row] : rows) {
        CAPTURE(name);
        CHECK(core::find_setting(row.table, name.substr(row.table.size() + 1)) != nullptr);
    }
}

// assets/defaults.toml is the built-in defaults as to_toml writes them, under its own header: one source for both.
TEST_CASE("assets/defaults.toml is to_toml of the built-in defaults") {
    const fs::path charter = fs::path(CLOCKOUT_SOURCE_DIR) / "assets" / "defaults.toml";
    const std::string text = test::read_file(charter);
    const std::string written = core::to_toml(Settings{});
    const auto body = written.substr(written.find("[schedule]"));
    const auto at = text.find("[schedule]");
    REQUIRE(at != std::string::npos);
    if (text.substr(at) != body) {
        // The expected file, to copy over assets/defaults.toml after a change of the schema.
        test::write_file(fs::path(CLOCKOUT_TEST_TMP) / "defaults.expected.toml", text.substr(0, at) + body);
        FAIL_CHECK("assets/defaults.toml differs from to_toml(Settings{}); the expected file is in "
                   << CLOCKOUT_TEST_TMP << "/defaults.expected.toml");
    }
}
