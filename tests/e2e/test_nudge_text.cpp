// What the nudges say and offer, as the headless notifications, the tray's notifications and the nudge window show it
// (app/nudge_text.h): the buttons' durations come from the settings, and the latest stop names its day when it is not
// today (it used to say "Stop before 21:30" on a Friday whose latest stop was Sunday 21:30).
#include <doctest/doctest.h>

#include "app/i18n.h"
#include "app/nudge_text.h"
#include "support/test_support.h"

namespace clockout::app {
namespace {

using namespace std::chrono_literals;
using test::local;

struct LanguageScope {
    explicit LanguageScope(Language language) : before(current_language()) { set_language(language); }
    ~LanguageScope() { set_language(before); }
    Language before;
};

std::vector<std::string> labels(const std::vector<NudgeButton>& buttons) {
    std::vector<std::string> out;
    for (const auto& b : buttons)
        out.push_back(b.label);
    return out;
}

core::Nudge nudge_of(core::NudgeKind kind) {
    core::Nudge n{};
    n.kind = kind;
    return n;
}

}  // namespace

TEST_CASE("nudge buttons: the durations on the buttons are the settings' own") {
    LanguageScope english(Language::en);
    core::NudgeSettings settings;  // defaults: 10 more minutes, snooze 15 minutes
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::end_notice), settings)) ==
          std::vector<std::string>{"I'm done", "10 more minutes", "Working late"});
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::firm), settings)) ==
          std::vector<std::string>{"Snooze 15 min", "Disconnect now"});

    settings.more_minutes = 1min;
    settings.snooze = 1min;
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::end_notice), settings))[1] == "1 more minute");
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::firm), settings))[0] == "Snooze 1 min");
    settings.more_minutes = 25min;
    settings.snooze = 45min;
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::end_notice), settings))[1] == "25 more minutes");
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::firm), settings))[0] == "Snooze 45 min");
    settings.snooze = 20s;  // below a minute still reads as one, never "0"
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::firm), settings))[0] == "Snooze 1 min");

    LanguageScope french(Language::fr);
    settings.more_minutes = 5min;
    settings.snooze = 20min;
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::end_notice), settings)) ==
          std::vector<std::string>{"J'ai fini", "Encore 5 minutes", "Je travaille tard"});
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::firm), settings)) ==
          std::vector<std::string>{"Rappel dans 20 min", "Me déconnecter"});
    settings.more_minutes = 1min;
    CHECK(labels(nudge_buttons(nudge_of(core::NudgeKind::end_notice), settings))[1] == "Encore 1 minute");
}

TEST_CASE("nudge buttons: each answer has one id, read back the same; informing nudges have none") {
    for (auto answer : {NudgeAnswer::done, NudgeAnswer::more, NudgeAnswer::late, NudgeAnswer::snooze,
                        NudgeAnswer::personal, NudgeAnswer::work})
        CHECK(answer_from_id(answer_id(answer)) == answer);
    CHECK(answer_id(NudgeAnswer::done) == "done");
    CHECK_FALSE(answer_from_id("101").has_value());
    CHECK_FALSE(answer_from_id("").has_value());
    CHECK(nudge_buttons(nudge_of(core::NudgeKind::pre_notice), {}).empty());
    CHECK(nudge_buttons(nudge_of(core::NudgeKind::amplitude), {}).empty());
    auto quiet = nudge_buttons(nudge_of(core::NudgeKind::quiet_prompt), {});
    REQUIRE(quiet.size() == 2);
    CHECK(quiet[0].answer == NudgeAnswer::personal);
    CHECK(quiet[1].answer == NudgeAnswer::work);
}

TEST_CASE("latest stop: the clock alone today, 'tomorrow', then the weekday, then the date") {
    LanguageScope english(Language::en);
    auto paris = core::make_zone("Europe/Paris");
    // Friday 2026-11-27, 17:40 in Paris.
    const auto now = local("2026-11-27 17:40", 60);
    CHECK(stop_time(*paris, local("2026-11-27 22:00", 60), now) == "22:00");
    CHECK(stop_time(*paris, local("2026-11-28 00:30", 60), now) == "tomorrow 00:30");
    CHECK(stop_time(*paris, local("2026-11-29 21:30", 60), now) == "Sunday 21:30");
    CHECK(stop_time(*paris, local("2026-12-03 21:30", 60), now) == "Thursday 21:30");
    CHECK(stop_time(*paris, local("2026-12-07 21:30", 60), now) == "Mon 7 Dec 21:30");
    // Just before midnight, 00:30 is tomorrow; just after, it is today.
    CHECK(stop_time(*paris, local("2026-11-28 00:30", 60), local("2026-11-27 23:59", 60)) == "tomorrow 00:30");
    CHECK(stop_time(*paris, local("2026-11-28 00:30", 60), local("2026-11-28 00:01", 60)) == "00:30");

    LanguageScope french(Language::fr);
    CHECK(stop_time(*paris, local("2026-11-29 21:30", 60), now) == "dimanche 21:30");
    CHECK(stop_time(*paris, local("2026-11-28 00:30", 60), now) == "demain 00:30");
}

TEST_CASE("nudge body: a Friday's end notice names Sunday as the latest stop") {
    LanguageScope french(Language::fr);
    auto paris = core::make_zone("Europe/Paris");
    core::Nudge n = nudge_of(core::NudgeKind::end_notice);
    n.overtime_min = 30;
    n.amplitude_min = 9 * 60 + 58;
    n.latest_stop = local("2026-11-29 21:30", 60);
    const auto friday = local("2026-11-27 18:00", 60);
    CHECK(nudge_body(n, *paris, friday) ==
          "0 h 30 après la fin de votre journée ; amplitude aujourd'hui : 9 h 58. Arrêtez avant dimanche 21:30 pour "
          "garder 11 heures de repos.");
    n.latest_stop = local("2026-11-27 22:00", 60);
    CHECK(nudge_body(n, *paris, friday).find("Arrêtez avant 22:00 pour") != std::string::npos);
}

}  // namespace clockout::app
