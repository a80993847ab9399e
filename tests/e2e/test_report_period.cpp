// `clockout report --month` and `--year` as a user runs them: weeks imported from a file, then the figures in JSON
// (worked out by hand, the same as unit.test_period's, so the CLI shows what core computes), the table in French, the
// page's self-containment, and bad arguments in one line.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "e2e/cli_runner.h"

using namespace clockout;
using test::CliHome;

namespace {

// October 2026 (Paris +02:00) as an export holds it: 30 Sep 8 h; 1 Oct 08:00-12:00 and 13:00-19:30; 2 Oct
// 09:00-12:00; 5-9 Oct 08:00-18:00; 14 Oct 21:00-22:00. The same weeks as unit.test_period's October.
const char* kOctober =
    "start,end,state,utc_offset,work_day,source,device\n"
    "2026-09-30T07:00:00Z,2026-09-30T15:00:00Z,active,+02:00,,xsync,laptop\n"
    "2026-10-01T06:00:00Z,2026-10-01T10:00:00Z,active,+02:00,,xsync,laptop\n"
    "2026-10-01T10:00:00Z,2026-10-01T11:00:00Z,idle,+02:00,,xsync,laptop\n"
    "2026-10-01T11:00:00Z,2026-10-01T17:30:00Z,active,+02:00,,xsync,laptop\n"
    "2026-10-02T07:00:00Z,2026-10-02T10:00:00Z,active,+02:00,,xsync,office\n"
    "2026-10-05T06:00:00Z,2026-10-05T16:00:00Z,active,+02:00,,xsync,office\n"
    "2026-10-06T06:00:00Z,2026-10-06T16:00:00Z,active,+02:00,,xsync,office\n"
    "2026-10-07T06:00:00Z,2026-10-07T16:00:00Z,active,+02:00,,xsync,office\n"
    "2026-10-08T06:00:00Z,2026-10-08T16:00:00Z,active,+02:00,,xsync,office\n"
    "2026-10-09T06:00:00Z,2026-10-09T16:00:00Z,active,+02:00,,xsync,office\n"
    "2026-10-14T19:00:00Z,2026-10-14T20:00:00Z,active,+02:00,,xsync,laptop\n";

CliHome& october_home() {
    static CliHome home("cli-period");
    static bool imported = false;
    if (!imported) {
        test::write_file(home.path() / "october.csv", kOctober);
        auto r = home.run("import '" + (home.path() / "october.csv").string() + "'");
        REQUIRE(r.status == 0);
        imported = true;
    }
    return home;
}

}  // namespace

TEST_CASE("report --month 2026-10 --json: per ISO week, the month's days only, figures worked out by hand") {
    auto r = october_home().run("report --month 2026-10 --json");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["month"] == "2026-10");
    CHECK(j["first"] == "2026-10-01");
    CHECK(j["last"] == "2026-10-31");
    CHECK(j["iso_weeks"] == 5);
    REQUIRE(j["rows"].size() == 5);
    const auto& w40 = j["rows"][0];
    CHECK(w40["label"] == "2026-W40");
    CHECK(w40["first"] == "2026-10-01");
    CHECK(w40["active_min"] == 810);         // 630 + 180 (30 September's 480 is September's)
    CHECK(w40["week_total_min"] == 1290);    // the whole week: 480 + 630 + 180
    CHECK(w40["avg_amplitude_min"] == 435);  // (690 + 180) / 2
    CHECK(w40["day_flags"]["active_firm"] == 1);
    const auto& w41 = j["rows"][1];
    CHECK(w41["active_min"] == 3000);        // 5 x 10 h
    CHECK(w41["weeks_over_firm"] == 1);      // 50 h >= 48 h
    CHECK(w41["longest_rest_min"] == 4080);  // Fri 12:00 -> Mon 08:00
    CHECK(w41["day_flags"]["break_missing"] == 5);
    CHECK(j["rows"][2]["quiet_min"] == 60);
    CHECK(j["rows"][2]["reconnections"] == 1);
    CHECK(j["total"]["active_min"] == 3870);
    CHECK(j["total"]["days_active"] == 8);
    CHECK(j["total"]["longest_rest_min"] == 7380);  // Fri 9 Oct 18:00 -> Wed 14 Oct 21:00
    CHECK(j["total"]["weeks_over_firm"] == 1);
}

TEST_CASE("report --year 2026 --json: twelve months, 53 ISO weeks") {
    auto r = october_home().run("report --year 2026 --json");
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["year"] == "2026");
    CHECK(j["iso_weeks"] == 53);
    REQUIRE(j["rows"].size() == 12);
    CHECK(j["rows"][8]["label"] == "2026-09");
    CHECK(j["rows"][8]["active_min"] == 480);
    CHECK(j["rows"][9]["active_min"] == 3870);
    CHECK(j["rows"][9]["weeks_over_firm"] == 1);           // W41's Thursday, 8 October
    CHECK_FALSE(j["rows"][9].contains("week_total_min"));  // a month row has no week of its own
    CHECK(j["total"]["active_min"] == 4350);               // 480 + 3870
    CHECK(j["total"]["days_active"] == 9);
}

TEST_CASE("the month's table in French: words, week labels and figures") {
    auto r = october_home().run("report --month 2026-10", "LANG=fr_FR.UTF-8");
    REQUIRE(r.status == 0);
    CHECK(r.out.rfind("octobre 2026 (2026-10-01 - 2026-10-31)", 0) == 0);
    for (const char* words : {"Semaine", "Amplitude moy.", "Semaine entière", "W40 (1-4 oct.)", "W41 (5-11 oct.)",
                              "8 jours actifs ; amplitude moyenne 8 h 11.", "1 semaine de 48 h ou plus (repère légal).",
                              "Jours au-delà d'un repère :"}) {
        CAPTURE(words);
        CHECK(r.out.find(words) != std::string::npos);
    }
}

TEST_CASE("the page holds everything it shows: no script, no link, nothing fetched; French and English") {
    auto& home = october_home();
    for (const char* lang : {"LANG=fr_FR.UTF-8", "LANG=C.UTF-8"}) {
        CAPTURE(lang);
        const auto file = home.path() / "page.html";
        auto r = home.run("report --year 2026 --html -o '" + file.string() + "'", lang);
        REQUIRE(r.status == 0);
        CHECK(r.out.empty());
        const std::string html = test::read_file(file);
        for (const char* outside : {"http:", "https:", "src=", "<script", "url(", "@import", "<link", "href="}) {
            CAPTURE(outside);
            CHECK(html.find(outside) == std::string::npos);
        }
        CHECK(html.find("@page { size: A4;") != std::string::npos);
        CHECK(html.find("<svg") != std::string::npos);
        const bool devices = html.find("Devices: laptop, office") != std::string::npos ||
                             html.find("Appareils : laptop, office") != std::string::npos;
        CHECK(devices);  // the page says from which devices its figures come
        if (std::string(lang) == "LANG=fr_FR.UTF-8") {
            CHECK(html.find("<html lang=\"fr\">") != std::string::npos);
            CHECK(html.find("Clockout : bilan de l'année 2026") != std::string::npos);
            CHECK(html.find("repère légal") != std::string::npos);
        } else {
            CHECK(html.find("<html lang=\"en\">") != std::string::npos);
            CHECK(html.find("Clockout: the year 2026") != std::string::npos);
        }
    }
}

TEST_CASE("report --month and --year refuse what is not a month or a year, in one line, in French too") {
    CliHome home("cli-period-bad");
    struct Case {
        const char* args;
        const char* french;
    };
    for (const Case& c :
         {Case{"report --month 2026-13", "--month 2026-13 : ce n'est pas un mois"},
          Case{"report --month octobre", "--month octobre : ce n'est pas un mois"},
          Case{"report --year 26", "--year 26 : ce n'est pas une année"},
          Case{"report --html", "--html fait la page d'un mois ou d'une année"},
          Case{"report --month 2026-10 --year 2026", ""}, Case{"report --month 2026-10 --html --json", ""}}) {
        CAPTURE(c.args);
        auto r = home.run(c.args, "LANG=fr_FR.UTF-8");
        CHECK(r.status == 2);
        CHECK(test::count_lines(r.err) == 1);
        CHECK(r.err.rfind("clockout: ", 0) == 0);
        if (*c.french)
            CHECK(r.err.find(c.french) != std::string::npos);
        CHECK(r.out.empty());
    }
}
