// Settings problems in the user's language (app::settings_issue_text): `clockout config check`, the tray's
// notification and the status window show them. core writes its words as patterns and values apart; the patterns are
// translated and the values (a time, a key) left as they are.
#include <doctest/doctest.h>

#include "app/context.h"
#include "app/i18n.h"
#include "core/settings.h"

#include <string>
#include <vector>

using namespace clockout;

namespace {

struct LanguageGuard {
    app::Language saved = app::current_language();
    ~LanguageGuard() { app::set_language(saved); }
};

std::vector<core::SettingsIssue> issues_of(const std::string& toml) {
    return core::parse_settings(toml, "settings.toml", core::Settings{}).issues;
}

std::string french(const core::SettingsIssue& issue) {
    app::set_language(app::Language::fr);
    return app::settings_issue_text(issue);
}

std::string english(const core::SettingsIssue& issue) {
    app::set_language(app::Language::en);
    return app::settings_issue_text(issue);
}

}  // namespace

TEST_CASE("a time range past 24:00: French words with the value as typed, and English as the log has it") {
    LanguageGuard guard;
    const auto issues = issues_of("[schedule]\nmon = [\"09:00-25:00\"]\n");
    REQUIRE(issues.size() == 1);
    CHECK(french(issues[0]) ==
          "settings.toml:2:8: \"09:00-25:00\" n'est pas une plage horaire (les heures vont de 00 à 24) ; correction : "
          "écrivez HH:MM-HH:MM, par ex. \"09:00-12:30\"");
    // English on screen is what the log writes (SettingsIssue::to_string), word for word.
    CHECK(english(issues[0]) == issues[0].to_string());
    CHECK(english(issues[0]) ==
          "settings.toml:2:8: \"09:00-25:00\" is not a time range (hours go from 00 to 24); "
          "fix: write HH:MM-HH:MM, e.g. \"09:00-12:30\"");
}

TEST_CASE("overlapping windows and a rest day with hours, in French") {
    LanguageGuard guard;
    auto issues = issues_of("[schedule]\ntue = [\"08:30-12:00\", \"11:00-13:00\"]\n");
    REQUIRE(issues.size() == 1);
    CHECK(french(issues[0]) ==
          "settings.toml:2:23: \"11:00-13:00\" chevauche \"08:30-12:00\" dans tue ; correction : "
          "faites se suivre les plages d'un même jour, par ex. [\"09:00-12:30\", \"13:30-17:30\"]");
    issues = issues_of("[schedule]\nwed = [\"09:00-12:00\"]\n[quiet]\nrest_days = [\"wed\", \"sat\", \"sun\"]\n");
    REQUIRE(issues.size() == 1);
    CHECK(french(issues[0]) ==
          "settings.toml:2:7: wed a des plages de travail mais c'est un jour de repos dans [quiet] "
          "rest_days ; correction : retirez \"wed\" de rest_days, ou écrivez wed = []");
}

TEST_CASE("a mistyped key, a wrong type and a duration out of range, in French") {
    LanguageGuard guard;
    auto issues = issues_of("[idle]\nthreshhold = \"5m\"\n");
    REQUIRE(issues.size() == 1);
    const std::string typo = french(issues[0]);
    CHECK(typo.find("clé inconnue « threshhold » dans [idle] ; correction : vouliez-vous dire « threshold » ?") !=
          std::string::npos);
    issues = issues_of("[idle]\nthreshold = 5\n");
    REQUIRE(issues.size() == 1);
    CHECK(french(issues[0]) ==
          "settings.toml:2:13: « threshold » doit être du texte entre guillemets, pas un nombre ; "
          "correction : écrivez threshold = \"5m\"");
    issues = issues_of("[idle]\nthreshold = \"0s\"\n");
    REQUIRE(issues.size() == 1);
    CHECK(french(issues[0]).find("« threshold » = \"0s\" est hors de la plage") != std::string::npos);
}

TEST_CASE("a file that is not TOML: the user's language first, toml++'s English words after as detail") {
    LanguageGuard guard;
    const auto issues = issues_of("[schedule\nmon = [\n");
    REQUIRE(issues.size() == 1);
    const std::string text = french(issues[0]);
    CHECK(text.rfind("settings.toml:1:", 0) == 0);
    CHECK(text.find("ce n'est pas du TOML valide (") != std::string::npos);
    CHECK(text.find("correction : vérifiez les guillemets et les crochets de cette ligne") != std::string::npos);
}

TEST_CASE("more than ten problems: the rest counted with French and English plurals") {
    LanguageGuard guard;
    // 11 bad days = ten listed, then "1 more"; 12 bad days = "2 more" (French: 1 autre problème, 2 autres problèmes).
    std::string eleven = "[quiet]\nrest_days = [";
    for (int i = 0; i < 11; ++i)
        eleven += std::string(i ? ", " : "") + "\"day" + std::to_string(i) + "\"";
    auto issues = issues_of(eleven + "]\n");
    REQUIRE(issues.size() == 11);
    CHECK(french(issues.back()) ==
          "settings.toml: 1 autre problème non listé ; correction : corrigez ceux du dessus et vérifiez à nouveau");
    CHECK(english(issues.back()) ==
          "settings.toml: 1 more problem not listed; fix: mend the ones above and check again");
    issues = issues_of(eleven + ", \"day11\"]\n");
    REQUIRE(issues.size() == 11);
    CHECK(french(issues.back()).rfind("settings.toml: 2 autres problèmes non listés ;", 0) == 0);
    CHECK(english(issues.back()).rfind("settings.toml: 2 more problems not listed;", 0) == 0);
}

TEST_CASE("every problem the parser can report has its words in the French catalog") {
    LanguageGuard guard;
    // One file per kind of problem the parser reports; each pattern and fix must be a msgid of fr.po, so no English
    // sentence reaches a French user. A value (a time, a key) is not a msgid and is not looked for.
    const std::vector<std::string> files = {
        "[schedule]\nmon = [\"09:00-25:00\"]\n",
        "[schedule]\nmon = \"09:00\"\n",
        "[schedule]\nmon = [\"08:00-12:00\", \"11:00-13:00\"]\n",
        "[schedule]\ntimezone = \"Mars/Olympus\"\n",
        "[schedule]\nday_start = \"25:00\"\n",
        "[schedule]\nsun = [\"22:00-02:00\"]\nmon = [\"01:00-09:00\"]\n",
        "[idle]\nthreshold = \"soon\"\n",
        "[idle]\nthreshold = \"0s\"\n",
        "[idle]\nthreshhold = \"5m\"\n",
        "[limits]\namplitude_firm = \"10h30s\"\n",
        "[quiet]\nrest_days = [\"someday\"]\n",
        "[quiet]\npublic_holidays = \"XX\"\n",
        "[quiet]\nleave = [\"2026-12-24..2026-12-20\", \"Christmas\"]\n",
        "[quiet]\nevenings = \"late\"\n",
        "[ui]\nlanguage = \"de\"\n",
        "[journal]\nretention = \"forever\"\n",
        "[journal]\ndevice = \"a\\nb\"\n",
        "[nudge]\nrepeat = \"900h\"\n",
        "idle = 3\n",
        "threshold = \"5m\"\n",
        "[schedule]\nwed = [\"09:00-12:00\"]\n[quiet]\nrest_days = [\"wed\"]\n",
        "[schedule\n",
    };
    const auto& catalog = app::french_catalog();
    int checked = 0;
    for (const auto& file : files) {
        const auto issues = issues_of(file);
        CHECK_MESSAGE(!issues.empty(), "no problem found in: " << file);
        for (const auto& issue : issues) {
            const std::string message =
                issue.message_words.pattern.empty() ? issue.message : issue.message_words.pattern;
            const std::string fix = issue.fix_words.pattern.empty() ? issue.fix : issue.fix_words.pattern;
            if (!issue.message_words.pattern.empty() || issue.line == 0)
                CHECK_MESSAGE(catalog.count(message) == 1,
                              "not in fr.po: \"" << message << "\" (from: " << file << ")");
            CHECK_MESSAGE(catalog.count(fix) == 1, "not in fr.po: \"" << fix << "\" (from: " << file << ")");
            CHECK_MESSAGE(french(issue) != english(issue), "the same in French and English: " << english(issue));
            ++checked;
        }
    }
    CHECK(checked >= static_cast<int>(files.size()));
}
