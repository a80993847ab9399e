// The settings dialog's fields (core/settings_form.h): every field saved at its minimum, its maximum and one bad value,
// then written and read back as the agent reads it (issue 11). A value the form accepts is what the agent runs with; a
// value it refuses comes back as a problem on that field, and the dialog writes nothing.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/settings_form.h"
#include "support/test_support.h"

using namespace clockout;
using core::DisplayUnit;
using core::Minutes;
using core::Seconds;
using core::Settings;

namespace {

// What the agent runs with once the dialog wrote `s`: the file written as the dialog writes it, read as the agent
// reads it at start (built-in defaults < the user's file).
Settings agent_reads(const Settings& s, const test::TempDir& dir) {
    const auto file = dir / "settings.toml";
    test::write_file(file, core::to_toml(s));  // what app::write_settings_file writes
    const auto r = core::load_settings({file});
    for (const auto& issue : r.issues)
        FAIL_CHECK("the agent refused what the form accepted: " << issue.to_string());
    return r.settings;
}

std::string problems_text(const core::FormResult& r) {
    std::string out;
    for (const auto& p : r.problems)
        out += "[" + p.field + "] " + p.english() + "\n";
    return out;
}

core::FormResult save(const std::string& field, const std::string& text, const Settings& base = Settings{}) {
    auto form = core::form_from_settings(base);
    REQUIRE_MESSAGE(form.text.count(field) == 1, field);
    form.text[field] = text;
    return core::settings_from_form(form, base);
}

}  // namespace

TEST_CASE("durations in a field: hours and minutes where people count in hours") {
    CHECK(core::format_field_duration(Minutes{600}, DisplayUnit::hours) == "10 h 00");
    CHECK(core::format_field_duration(Minutes{630}, DisplayUnit::hours) == "10 h 30");
    CHECK(core::format_field_duration(Minutes{44 * 60}, DisplayUnit::hours) == "44 h");
    CHECK(core::format_field_duration(Minutes{25 * 60 + 30}, DisplayUnit::hours) == "25 h 30");
    CHECK(core::format_field_duration(Minutes{20}, DisplayUnit::minutes) == "20 min");
    CHECK(core::format_field_duration(Seconds{90}, DisplayUnit::minutes) == "90 s");
    CHECK(core::parse_field_duration("10 h 00", DisplayUnit::hours) == Minutes{600});
    CHECK(core::parse_field_duration("44 h", DisplayUnit::hours) == Minutes{2640});
    CHECK(core::parse_field_duration("10h30", DisplayUnit::hours) == Minutes{630});
    CHECK(core::parse_field_duration("10:30", DisplayUnit::hours) == Minutes{630});
    CHECK(core::parse_field_duration("10", DisplayUnit::hours) == Minutes{600});  // a bare number counts in hours
    CHECK(core::parse_field_duration("10", DisplayUnit::minutes) == Minutes{10});
    CHECK(core::parse_field_duration("1 h 30 min", DisplayUnit::minutes) == Minutes{90});
    CHECK(core::parse_field_duration("90 s", DisplayUnit::minutes) == Seconds{90});
    CHECK_FALSE(core::parse_field_duration("10 h 75", DisplayUnit::hours));
    CHECK_FALSE(core::parse_field_duration("dix", DisplayUnit::hours));
    CHECK_FALSE(core::parse_field_duration("", DisplayUnit::minutes));
    CHECK_FALSE(core::parse_field_duration("10:5", DisplayUnit::hours));
}

TEST_CASE("the form of the settings in force reads back the same settings") {
    const Settings defaults;
    const auto form = core::form_from_settings(defaults);
    CHECK(form.text.at("limits.active_firm") == "10 h 00");
    CHECK(form.text.at("limits.amplitude_max") == "13 h 00");
    CHECK(form.text.at("limits.week_firm") == "48 h");
    CHECK(form.text.at("limits.avg12_high") == "44 h");
    CHECK(form.text.at("limits.daily_rest") == "11 h 00");
    CHECK(form.text.at("limits.weekly_rest") == "35 h");
    CHECK(form.text.at("limits.reconnect_gap") == "20 min");
    CHECK(form.text.at("idle.threshold") == "5 min");
    const auto r = core::settings_from_form(form, defaults);
    CHECK_MESSAGE(r.ok(), problems_text(r));
    CHECK(r.settings == defaults);
}

// Every duration field of the schema: its minimum and its maximum are saved and run with; one below the minimum, one
// above the maximum and one that is no duration are refused on that field.
TEST_CASE("every duration field at its minimum, its maximum and bad values") {
    test::TempDir dir("settings_form_durations");
    int fields = 0;
    for (const auto& spec : core::settings_schema()) {
        if (spec.kind != core::SettingKind::duration && spec.kind != core::SettingKind::limit)
            continue;
        const std::string name = spec.name();
        CAPTURE(name);
        ++fields;
        for (const Seconds value : {spec.min, spec.max}) {
            const auto text = core::format_field_duration(value, spec.unit);
            CAPTURE(text);
            const auto r = save(name, text);
            REQUIRE_MESSAGE(r.ok(), problems_text(r));
            CHECK(spec.get(r.settings) == value);
            CHECK(spec.get(agent_reads(r.settings, dir)) == value);
        }
        const std::vector<std::string> bad{core::format_field_duration(spec.max + Minutes{1}, spec.unit), "dix",
                                           spec.min > Seconds{0} ? "0" : "-5"};
        for (const auto& text : bad) {
            CAPTURE(text);
            const auto r = save(name, text);
            REQUIRE(r.problems.size() == 1);
            CHECK(r.problems[0].field == name);
            CHECK(r.settings == Settings{});  // nothing changed: the dialog writes nothing
        }
    }
    CHECK(fields == 21);  // threshold, seven nudge durations (screen_break included), thirteen limits
}

TEST_CASE("the limits typed in hours: 10 h 00, 44 h, 10:30") {
    test::TempDir dir("settings_form_hours");
    auto r = save("limits.active_firm", "9 h 30");
    REQUIRE(r.ok());
    CHECK(r.settings.limits.active_firm_min == 570);
    CHECK(agent_reads(r.settings, dir).limits.active_firm_min == 570);
    r = save("limits.week_soft", "40 h");
    REQUIRE(r.ok());
    CHECK(agent_reads(r.settings, dir).limits.week_soft_min == 2400);
    r = save("limits.week_soft", "168 h");  // the schema's maximum, 7 days
    REQUIRE(r.ok());
    CHECK(r.settings.limits.week_soft_min == 10080);
    r = save("limits.week_soft", "169 h");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].english() == "from 0 h 01 to 168 h");
    r = save("limits.active_firm", "90 s");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].english() == "whole minutes only");
}

TEST_CASE("the spinner steps of issue 11: Idle after 0, a break of 0") {
    auto r = save("idle.threshold", "0");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field == "idle.threshold");
    CHECK(r.problems[0].english() == "from 1 s to 120 min");
    r = save("limits.break", "0");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field == "limits.break");
    CHECK(r.problems[0].english() == "from 1 min to 10080 min");
    r = save("limits.break", "1");
    REQUIRE(r.ok());
    CHECK(r.settings.limits.break_min == 1);
}

TEST_CASE("a hand-written value in seconds is kept when its field is left alone") {
    Settings base;
    base.nudge.snooze = Seconds{90};
    base.idle_threshold = Seconds{45};
    auto form = core::form_from_settings(base);
    CHECK(form.text.at("nudge.snooze") == "90 s");
    const auto r = core::settings_from_form(form, base);
    REQUIRE(r.ok());
    CHECK(r.settings.nudge.snooze == Seconds{90});
    CHECK(r.settings.idle_threshold == Seconds{45});
}

TEST_CASE("the text fields at their widest, narrowest and with one mistake") {
    test::TempDir dir("settings_form_text");
    struct Case {
        std::string field, text;
        bool good;
    };
    const std::vector<Case> cases{
        {"schedule.mon", "", true},
        {"schedule.mon", "00:00-24:00", true},
        {"schedule.mon", "06:00-07:00, 07:00-08:00, 12:00-13:00, 20:00-22:00", true},
        {"schedule.mon", "08:30-12:00, 11:00-13:00", false},  // issue 11: overlap
        {"schedule.mon", "09:00-25:00", false},
        {"schedule.sat", "10:00-12:00", false},  // a rest day with hours (Saturday is one by default)
        {"schedule.day_start", "00:00", true},
        {"schedule.day_start", "23:59", true},
        {"schedule.day_start", "24:00", false},
        {"quiet.evenings", "", true},
        {"quiet.evenings", "20:00-07:30", true},
        {"quiet.evenings", "20:00-07:30, 12:00-13:00", false},
        {"quiet.evenings", "25:00-07:00", false},
        {"quiet.public_holidays", "", true},
        {"quiet.public_holidays", "FR-AM", true},
        {"quiet.public_holidays", "DE", false},
        {"quiet.leave", "", true},
        {"quiet.leave", "2026-12-21..2027-01-02, 2027-05-14", true},
        {"quiet.leave", "2027-02-30", false},
        {"ui.language", "fr", true},
        {"ui.language", "de", false},
        {"calls.detect", "false", true},
        {"calls.detect", "true", true},
        {"calls.detect", "maybe", false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.field);
        CAPTURE(c.text);
        const auto r = save(c.field, c.text);
        if (!c.good) {
            REQUIRE(r.problems.size() == 1);
            CHECK(r.problems[0].field == c.field);
            CHECK(r.settings == Settings{});
            continue;
        }
        REQUIRE_MESSAGE(r.ok(), problems_text(r));
        const auto running = agent_reads(r.settings, dir);
        CHECK(running == r.settings);
        CHECK(core::form_from_settings(running).text.at(c.field) == c.text);
    }
}

TEST_CASE("first run: Wednesday ticked as a rest day with its hours left is refused on Wednesday's field") {
    const Settings defaults;
    auto form = core::form_from_settings(defaults);
    form.rest_days[2] = true;
    auto r = core::settings_from_form(form, defaults);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field == "schedule.wed");
    CHECK(r.problems[0].english() == "a rest day: empty this day or untick the box");
    form.text["schedule.wed"] = "";
    r = core::settings_from_form(form, defaults);
    REQUIRE(r.ok());
    CHECK(r.settings.schedule.rest_days[2]);
    CHECK(r.settings.schedule.windows[2].empty());
}

TEST_CASE("a window crossing midnight must not run into the next day's windows, in the form and in the file") {
    const Settings defaults;
    auto form = core::form_from_settings(defaults);
    form.text["schedule.fri"] = "22:00-06:00";
    form.rest_days[5] = false;
    form.text["schedule.sat"] = "05:00-07:00";
    auto r = core::settings_from_form(form, defaults);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field == "schedule.sat");
    CHECK(r.problems[0].english() == "the day before runs on until 06:00 (22:00-06:00): start this day later");
    form.text["schedule.sat"] = "06:00-07:00";  // touching is fine
    CHECK(core::settings_from_form(form, defaults).ok());

    // The parser says the same of a file.
    const auto file = core::parse_settings(
        "[schedule]\nfri = [\"22:00-06:00\"]\nsat = [\"05:00-07:00\"]\n"
        "[quiet]\nrest_days = [\"sun\"]\n",
        "settings.toml", defaults);
    REQUIRE(file.issues.size() == 1);
    CHECK(file.issues[0].to_string() ==
          "settings.toml:3:7: \"05:00-07:00\" on sat overlaps \"22:00-06:00\" on fri, which runs on until 06:00; fix: "
          "end fri's window earlier or start sat's at 06:00 or later");
}
