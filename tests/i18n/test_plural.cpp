// Plural forms as gettext's ngettext picks them: French "nplurals=2; plural=(n > 1)", English "plural=(n != 1)".
#include <doctest/doctest.h>

#include "app/i18n.h"
#include "app/report.h"

using namespace clockout;

namespace {

// Restores the language a test changed, so the cases do not depend on their order.
struct LanguageGuard {
    app::Language saved = app::current_language();
    ~LanguageGuard() { app::set_language(saved); }
};

}  // namespace

TEST_CASE("the plural rule: French 0 and 1 singular, 2 plural; English only 1 singular") {
    CHECK(app::plural_index(app::Language::fr, 0) == 0);
    CHECK(app::plural_index(app::Language::fr, 1) == 0);
    CHECK(app::plural_index(app::Language::fr, 2) == 1);
    CHECK(app::plural_index(app::Language::en, 0) == 1);
    CHECK(app::plural_index(app::Language::en, 1) == 0);
    CHECK(app::plural_index(app::Language::en, 2) == 1);
}

TEST_CASE("ntrf picks the form of the count in each language, from fr.po's msgstr[0] and msgstr[1]") {
    LanguageGuard guard;
    const char* one = "Imported {} interval ({} already in the journal).";
    const char* many = "Imported {} intervals ({} already in the journal).";
    app::set_language(app::Language::fr);
    CHECK(app::ntrf(one, many, 0, 0, 3) == "0 intervalle importé (3 déjà dans le journal).");
    CHECK(app::ntrf(one, many, 1, 1, 0) == "1 intervalle importé (0 déjà dans le journal).");
    CHECK(app::ntrf(one, many, 2, 2, 0) == "2 intervalles importés (0 déjà dans le journal).");
    app::set_language(app::Language::en);
    CHECK(app::ntrf(one, many, 0, 0, 3) == "Imported 0 intervals (3 already in the journal).");
    CHECK(app::ntrf(one, many, 1, 1, 0) == "Imported 1 interval (0 already in the journal).");
    CHECK(app::ntrf(one, many, 2, 2, 0) == "Imported 2 intervals (0 already in the journal).");
    // A string fr.po does not know falls back to English, by the English rule.
    app::set_language(app::Language::fr);
    CHECK(app::ntr("{} apple", "{} apples", 0) == "{} apples");
    CHECK(app::ntr("{} apple", "{} apples", 1) == "{} apple");
}

TEST_CASE("the .po reader keeps complete plural entries and drops fuzzy or half-translated ones") {
    const auto catalog = app::parse_po_catalog(R"(msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "{} day"
msgid_plural "{} days"
msgstr[0] "{} jour"
msgstr[1] "{} jours"

msgid "{} week"
msgid_plural "{} weeks"
msgstr[0] "{} semaine"
msgstr[1] ""

#, fuzzy
msgid "{} hour"
msgid_plural "{} hours"
msgstr[0] "{} heure"
msgstr[1] "{} heures"

msgid "Day"
msgstr "Jour"
)");
    REQUIRE(catalog.plural.count("{} day") == 1);
    CHECK(catalog.plural.at("{} day") == std::vector<std::string>{"{} jour", "{} jours"});
    CHECK(catalog.plural.count("{} week") == 0);
    CHECK(catalog.plural.count("{} hour") == 0);
    CHECK(catalog.singular.at("Day") == "Jour");
    CHECK(catalog.singular.count("{} day") == 0);
}

TEST_CASE("a rest under 48 h reads in hours and minutes, a longer one in days and hours to the nearest hour") {
    LanguageGuard guard;
    app::set_language(app::Language::en);
    CHECK(app::format_rest(2475) == "41 h 15");         // 41 h 15
    CHECK(app::format_rest(48 * 60 - 1) == "47 h 59");  // just under two days
    CHECK(app::format_rest(48 * 60) == "2 d 0 h");
    CHECK(app::format_rest(250 * 60 + 16) == "10 d 10 h");  // the issue's "250 h 16": 240 h + 10 h 16
    CHECK(app::format_rest(250 * 60 + 30) == "10 d 11 h");  // half an hour rounds up
    app::set_language(app::Language::fr);
    CHECK(app::format_rest(250 * 60 + 16) == "10 j 10 h");
}

TEST_CASE("the week's sentence and its average flag name the weeks the average was taken over") {
    LanguageGuard guard;
    core::WeekMetrics week;
    week.total_active_min = 46 * 60;  // 46 h 00 over 5 days
    week.days_active = 5;
    week.avg12_active_min = 45 * 60;
    week.avg12_weeks = 3;
    week.longest_rest_min = 62 * 60 + 10;  // 62 h 10 = 2 d 14 h 10, to the hour 2 d 14 h
    const core::Limits limits;
    app::set_language(app::Language::fr);
    CHECK(app::week_totals(week) ==
          "Total de la semaine : 46 h 00 sur 5 jours ; moyenne sur 3 semaines : 45 h 00 ; plus long repos : 2 j 14 h");
    CHECK(app::week_flag_words("avg12_high", week, limits) ==
          "Moyenne sur 3 semaines de 44 h ou plus (repère légal : 12 semaines)");
    week.avg12_weeks = 1;
    week.days_active = 1;
    CHECK(app::week_totals(week) ==
          "Total de la semaine : 46 h 00 sur 1 jour ; moyenne sur 1 semaine : 45 h 00 ; plus long repos : 2 j 14 h");
    app::set_language(app::Language::en);
    CHECK(app::week_flag_words("avg12_high", week, limits) ==
          "Average over 1 week of 44 h or more (legal benchmark: 12 weeks)");
    week.avg12_weeks = 12;
    CHECK(app::week_flag_words("avg12_high", week, limits) == "12-week average of 44 h or more (legal benchmark)");
    CHECK(app::week_totals(week) == "Week total: 46 h 00 over 1 day; 12-week average: 45 h 00; longest rest: 2 d 14 h");
}
