// The command line as a newcomer meets it: help, bad input, import, report, export and purge.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

using namespace clockout;
using test::CliHome;

TEST_CASE("--version and --help answer and exit 0") {
    CliHome home("cli-version");
    auto v = home.run("--version");
    CHECK(v.status == 0);
    CHECK(v.out == "clockout 0.1.0\n");
    auto h = home.run("--help");
    CHECK(h.status == 0);
    CHECK(h.out.find("report") != std::string::npos);
    CHECK(h.out.find("purge") != std::string::npos);
}

TEST_CASE("bad command-line arguments give one line and exit 2") {
    CliHome home("cli-bad-args");
    for (const char* args : {"frobnicate", "report --week 2026-49", "report --week 2027-W53", "report --day 2026-02-30",
                             "export --format xml", "export --from yesterday", "import", "config"}) {
        CAPTURE(args);
        auto r = home.run(args);
        CHECK(r.status == 2);
        CHECK(test::count_lines(r.err) == 1);
        CHECK(r.err.rfind("clockout: ", 0) == 0);
        CHECK(r.out.empty());
    }
}

TEST_CASE("a sample week imports once, reports exact figures and exports back identically") {
    CliHome home("cli-sample-week");
    auto imported = home.run("import '" + test::sample_week() + "'");
    REQUIRE(imported.status == 0);
    CHECK(imported.out == "Imported 22 intervals (0 already in the journal).\n");
    auto again = home.run("import '" + test::sample_week() + "'");
    CHECK(again.status == 0);
    CHECK(again.out == "Imported 0 intervals (22 already in the journal).\n");

    auto report = home.run("report --week 2026-W47 --json");
    REQUIRE(report.status == 0);
    auto week = nlohmann::json::parse(report.out);
    CHECK(week["week"] == "2026-W47");
    REQUIRE(week["days"].size() == 7);
    // Monday: 103 + 97 + 129 + 134 active minutes; 08:58 to 18:12 is 9 h 14.
    CHECK(week["days"][0]["date"] == "2026-11-16");
    CHECK(week["days"][0]["active_min"] == 463);
    CHECK(week["days"][0]["amplitude_min"] == 554);
    CHECK(week["days"][0]["first_active"] == "2026-11-16T08:58:00+01:00");
    CHECK(week["days"][0]["last_active"] == "2026-11-16T18:12:00+01:00");
    CHECK(week["days"][0]["rest_before_min"].is_null());
    // Tuesday: 205 + 245 + 55; 09:05 to 22:05 is 13 h; rest since Monday 18:12 is 14 h 53.
    CHECK(week["days"][1]["active_min"] == 505);
    CHECK(week["days"][1]["amplitude_min"] == 780);
    CHECK(week["days"][1]["rest_before_min"] == 893);
    CHECK(week["days"][1]["night_min"] == 55);
    CHECK(week["days"][1]["quiet_min"] == 55);
    auto tue_flags = week["days"][1]["flags"].get<std::vector<std::string>>();
    CHECK(tue_flags == std::vector<std::string>{"amplitude_soft", "amplitude_firm", "amplitude_max", "active_soft",
                                                "quiet_activity", "night_activity"});
    // Wednesday starts 10 h 25 after Tuesday's last activity.
    CHECK(week["days"][2]["rest_before_min"] == 625);
    CHECK(week["days"][2]["flags"].get<std::vector<std::string>>() ==
          std::vector<std::string>{"active_soft", "rest_short"});
    // Thursday: 6 h 10 without a 20-minute break.
    CHECK(week["days"][3]["longest_stretch_min"] == 370);
    CHECK(week["days"][3]["break_20_ok"] == false);
    // Saturday is a rest day: all of it is quiet.
    CHECK(week["days"][5]["quiet_min"] == 45);
    CHECK(week["days"][6]["first_active"].is_null());
    CHECK(week["total_active_min"] == 463 + 505 + 480 + 480 + 350 + 45);
    CHECK(week["days_active"] == 6);
    // Saturday 10:45 to the end of the week (Monday 04:00) is 41 h 15.
    CHECK(week["longest_rest_min"] == 2475);

    auto csv = home.run("export --from 2026-11-16 --to 2026-11-22");
    CHECK(csv.status == 0);
    CHECK(csv.out == test::read_file(test::sample_week()));
}

TEST_CASE("the week table speaks French when LANG is French") {
    CliHome home("cli-french");
    REQUIRE(home.run("import '" + test::sample_week() + "'").status == 0);
    auto fr = home.run("report --week 2026-W47", "LANG=fr_FR.UTF-8");
    CHECK(fr.status == 0);
    CHECK(fr.out.find("Semaine 2026-W47 (du lun. 16 nov. au dim. 22 nov.)") != std::string::npos);
    CHECK(fr.out.find("repère légal") != std::string::npos);
    auto en = home.run("report --week 2026-W47");
    CHECK(en.out.find("Week 2026-W47 (Mon 16 Nov to Sun 22 Nov)") != std::string::npos);
    CHECK(en.out.find("illegal") == std::string::npos);
}

TEST_CASE("a bad row on line 7 is named and nothing is imported") {
    CliHome home("cli-bad-import");
    REQUIRE(home.run("import '" + test::sample_week() + "'").status == 0);
    auto before = home.run("export");
    std::string text = test::read_file(test::sample_week());
    // Line 7 (the header is line 1) gets an end before its start.
    std::string bad;
    int line = 1;
    for (std::size_t i = 0, start = 0; i < text.size(); ++i) {
        if (text[i] != '\n')
            continue;
        std::string row = text.substr(start, i - start);
        if (line == 7)
            row = "2026-11-30T10:00:00Z,2026-11-30T09:00:00Z,active,+01:00,2026-11-30,xsync,laptop";
        bad += row + "\n";
        start = i + 1;
        ++line;
    }
    test::write_file(home.path() / "bad.csv", bad);
    auto r = home.run("import '" + (home.path() / "bad.csv").string() + "'");
    CHECK(r.status == 2);
    CHECK(r.err.find("bad.csv:7:") != std::string::npos);
    CHECK(test::count_lines(r.err) == 1);
    CHECK(home.run("export").out == before.out);
}

TEST_CASE("purge refuses without a terminal and --yes, then deletes exactly the range") {
    CliHome home("cli-purge");
    REQUIRE(home.run("import '" + test::sample_week() + "'").status == 0);
    auto refused = home.run("purge --all");
    CHECK(refused.status == 2);
    CHECK(refused.err.find("add --yes") != std::string::npos);
    CHECK(test::count_lines(home.run("export").out) == 23);
    auto missing_range = home.run("purge --yes");
    CHECK(missing_range.status == 2);
    auto done = home.run("purge --from 2026-11-16 --to 2026-11-17 --yes");
    CHECK(done.status == 0);
    CHECK(done.out == "Deleted 11 intervals.\n");
    CHECK(test::count_lines(home.run("export").out) == 12);
}

TEST_CASE("export to an unwritable place fails with the path and the fix") {
    CliHome home("cli-export-fail");
    auto r = home.run("export -o /nonexistent-dir/out.csv");
    CHECK(r.status == 1);
    CHECK(r.err.find("/nonexistent-dir/out.csv") != std::string::npos);
    CHECK(r.err.find("fix:") != std::string::npos);
}

TEST_CASE("config check names the line and the fix of a broken settings file") {
    CliHome home("cli-config");
    test::write_file(home.path() / "syntax.toml", "[schedule]\nday_start = \"04:00\"\nmon = [\"09:00-12:00\"\n");
    auto syntax = home.run("config check '" + (home.path() / "syntax.toml").string() + "'");
    CHECK(syntax.status == 2);
    CHECK(syntax.err.find("syntax.toml:3") != std::string::npos);
    CHECK(syntax.err.find("fix:") != std::string::npos);

    test::write_file(home.path() / "range.toml",
                     "# my week\n[schedule]\ntue = [\"09:00-12:00\"]\nmon = [\"09:00-25:00\"]\n");
    auto range = home.run("config check '" + (home.path() / "range.toml").string() + "'");
    CHECK(range.status == 2);
    CHECK(range.err.find("range.toml:4:") != std::string::npos);
    CHECK(range.err.find("09:00-25:00") != std::string::npos);
    CHECK(range.err.find("fix:") != std::string::npos);

    test::write_file(home.path() / "good.toml", "[schedule]\nmon = [\"08:00-12:00\", \"13:00-16:00\"]\n");
    auto good = home.run("config check '" + (home.path() / "good.toml").string() + "'");
    CHECK(good.status == 0);
}

TEST_CASE("a broken user settings file does not stop reports: the defaults are used while no good copy is kept") {
    CliHome home("cli-broken-settings");
    std::filesystem::create_directories(home.path() / ".config/clockout");
    test::write_file(home.path() / ".config/clockout/settings.toml", "[idle]\nthreshold = \"five minutes\"\n");
    auto r = home.run("report --week 2026-W47 --json");
    CHECK(r.status == 0);
    CHECK(r.err.find("settings.toml:2:") != std::string::npos);
    CHECK(r.err.find("(the defaults are used)") != std::string::npos);
    CHECK(nlohmann::json::parse(r.out)["total_active_min"] == 0);
}

TEST_CASE("config path and doctor show where the files are") {
    CliHome home("cli-paths");
    auto p = home.run("config path");
    CHECK(p.status == 0);
    CHECK(p.out.find((home.path() / ".config/clockout/settings.toml").string()) != std::string::npos);
    CHECK(p.out.find((home.path() / ".local/share/clockout/journal.sqlite").string()) != std::string::npos);
    REQUIRE(home.run("import '" + test::sample_week() + "'").status == 0);
    auto d = home.run("doctor");
    CHECK(d.out.find("integrity: ok") != std::string::npos);
    CHECK(d.out.find("journal.sqlite (0600)") != std::string::npos);
    CHECK(d.out.find("clockout (0700)") != std::string::npos);
}

TEST_CASE("one interval is singular: 'Imported 1 interval', '1 intervalle importé', 'over 1 day', 'sur 1 jour'") {
    CliHome home("cli-singular");
    auto one = home.path() / "one.csv";
    test::write_file(one,
                     "start,end,state,utc_offset,work_day,source,device\n"
                     "2026-11-17T08:00:00Z,2026-11-17T09:30:00Z,active,+01:00,2026-11-17,xsync,laptop\n");
    auto r = home.run("import '" + one.string() + "'");
    CHECK(r.status == 0);
    CHECK(r.out == "Imported 1 interval (0 already in the journal).\n");
    auto week = home.run("report --week 2026-W47");
    CHECK(week.status == 0);
    CHECK(week.out.find("Week total: 1 h 30 over 1 day;") != std::string::npos);
    auto fr_week = home.run("report --week 2026-W47", "LANG=fr_FR.UTF-8");
    CHECK(fr_week.out.find("Total de la semaine : 1 h 30 sur 1 jour ;") != std::string::npos);

    CliHome fr_home("cli-singular-fr");
    auto fr = fr_home.run("import '" + one.string() + "'", "LANG=fr_FR.UTF-8");
    CHECK(fr.out == "1 intervalle importé (0 déjà dans le journal).\n");
    auto two = fr_home.run("import '" + test::sample_week() + "'", "LANG=fr_FR.UTF-8");
    CHECK(two.out == "22 intervalles importés (0 déjà dans le journal).\n");
}

TEST_CASE("two overlapping imports from two devices count once: active 1 h 01 and amplitude 1 h 01, not 2 h 00") {
    CliHome home("cli-overlap-union");
    auto laptop = home.path() / "laptop.csv";
    auto desktop = home.path() / "desktop.csv";
    test::write_file(laptop,
                     "start,end,state,utc_offset,work_day,source,device\n"
                     "2026-11-09T08:00:00Z,2026-11-09T09:00:00Z,active,+01:00,,xsync,laptop\n");
    test::write_file(desktop,
                     "start,end,state,utc_offset,work_day,source,device\n"
                     "2026-11-09T08:01:00Z,2026-11-09T09:01:00Z,active,+01:00,,mutter,desktop\n");
    REQUIRE(home.run("import '" + laptop.string() + "'").status == 0);
    REQUIRE(home.run("import '" + desktop.string() + "'").status == 0);

    // 09:00-10:00 and 09:01-10:01 in Paris: the union is 09:00-10:01, 61 minutes; the rows add up to 120.
    auto text = home.run("report --day 2026-11-09");
    REQUIRE(text.status == 0);
    CHECK(text.out.find("Mon 9 Nov  09:00  10:01  1 h 01     1 h 01  1 h 01") != std::string::npos);
    CHECK(text.out.find("2 h 00") == std::string::npos);
    auto json = nlohmann::json::parse(home.run("report --day 2026-11-09 --json").out);
    CHECK(json["active_min"] == 61);
    CHECK(json["amplitude_min"] == 61);
    CHECK(json["longest_stretch_min"] == 61);
    CHECK(json["calendar_max_min"] == 61);
    CHECK(json["first_active"] == "2026-11-09T09:00:00+01:00");
    CHECK(json["last_active"] == "2026-11-09T10:01:00+01:00");
    auto week = nlohmann::json::parse(home.run("report --week 2026-W46 --json").out);
    CHECK(week["total_active_min"] == 61);
    CHECK(week["days"][0]["active_min"] == 61);
    // The two devices' rows are no fault: doctor says their time is counted once and finds nothing to repair.
    auto d = home.run("doctor");
    CHECK(d.out.find("rows of two devices that overlap: 2 (their time is counted once)") != std::string::npos);
    CHECK(d.out.find("overlapping rows: none") != std::string::npos);
}

TEST_CASE("a night shift across midnight: report shows the calendar-day total and its benchmark") {
    CliHome home("cli-night-shift");
    auto file = home.path() / "night.csv";
    // Paris (+01:00). Monday 22:00 -> Tuesday 06:00 (split at 04:00 on import), Tuesday 10:00-12:00, Tuesday 22:00 ->
    // Wednesday 02:00. Calendar Tuesday: 00:00-06:00 + 10:00-12:00 + 22:00-24:00 = 6 h + 2 h + 2 h = 10 h.
    test::write_file(file,
                     "start,end,state,utc_offset,work_day,source,device\n"
                     "2026-11-09T21:00:00Z,2026-11-10T05:00:00Z,active,+01:00,,xsync,laptop\n"
                     "2026-11-10T09:00:00Z,2026-11-10T11:00:00Z,active,+01:00,,xsync,laptop\n"
                     "2026-11-10T21:00:00Z,2026-11-11T01:00:00Z,active,+01:00,,xsync,laptop\n");
    REQUIRE(home.run("import '" + file.string() + "'").status == 0);
    auto week = nlohmann::json::parse(home.run("report --week 2026-W46 --json").out);
    // Work day Monday: 22:00-04:00 = 360; Tuesday: 04:00-06:00 + 10:00-12:00 + 22:00-02:00 = 480.
    CHECK(week["days"][0]["active_min"] == 360);
    CHECK(week["days"][1]["active_min"] == 480);
    CHECK(week["days"][0]["calendar_max_min"] == 600);
    CHECK(week["days"][1]["calendar_max_min"] == 600);
    CHECK(week["days"][2]["calendar_max_min"] == 0);
    auto flags = week["days"][1]["flags"].get<std::vector<std::string>>();
    CHECK(std::find(flags.begin(), flags.end(), "calendar_day_long") != flags.end());
    CHECK(std::find(flags.begin(), flags.end(), "active_firm") == flags.end());

    auto text = home.run("report --day 2026-11-10");
    CHECK(text.out.find("Active time of 10 h or more in one calendar day, 0-24 h (legal benchmark)") !=
          std::string::npos);
    auto fr = home.run("report --week 2026-W46", "LANG=fr_FR.UTF-8");
    CHECK(fr.out.find("Jour civil") != std::string::npos);
    CHECK(fr.out.find("mar. 10 nov. : Temps d'activité de 10 h ou plus sur un jour civil, 0-24 h (repère légal)") !=
          std::string::npos);
}

// --- French from end to end (issue 12): help, CLI11's own errors and import errors, under LANG=fr_FR.UTF-8.

namespace {

// English words that no French help or error of Clockout holds (option names and placeholders aside): one of them in
// the output means a sentence was left in English.
const char* const kEnglishWords[] = {" the ",    " and ",       " of ",        " or ",     " to ",        " is ",
                                     " not ",    "Usage",       "Print",       "Options:", "Subcommands", "SUBCOMMAND",
                                     "REQUIRED", "TEXT",        "Excludes",    "expected", "required",    "default",
                                     " file ",   "Positionals", "help message"};

void check_no_english(const std::string& text) {
    for (const std::string word : kEnglishWords) {
        CAPTURE(word);
        CHECK(text.find(word) == std::string::npos);
    }
}

// Every line of a help that describes something starts its description in the same column.
void check_aligned(const std::string& help) {
    std::size_t column = 0;
    std::size_t start = 0;
    while (start < help.size()) {
        std::size_t end = help.find('\n', start);
        std::string line = help.substr(start, end - start);
        start = end == std::string::npos ? help.size() : end + 1;
        if (line.rfind("  ", 0) != 0)
            continue;
        // The description starts after the name and at least two spaces.
        std::size_t gap = line.find("  ", 2);
        REQUIRE(gap != std::string::npos);
        std::size_t desc = line.find_first_not_of(' ', gap);
        CAPTURE(line);
        if (column == 0)
            column = desc;
        CHECK(desc == column);
    }
    CHECK(column > 0);
}

}  // namespace

TEST_CASE("clockout --help and every subcommand's help are all French under LANG=fr_FR, columns aligned") {
    CliHome home("cli-help-fr");
    auto help = home.run("--help", "LANG=fr_FR.UTF-8");
    CHECK(help.status == 0);
    CHECK(help.out.find("Utilisation : clockout [OPTIONS] [COMMANDE]") != std::string::npos);
    CHECK(help.out.find("Commandes :") != std::string::npos);
    CHECK(help.out.find("Afficher cette aide et quitter") != std::string::npos);
    check_no_english(help.out);
    check_aligned(help.out);
    for (const char* sub :
         {"status", "report", "export", "import", "purge", "config", "config check", "config path", "doctor"}) {
        CAPTURE(sub);
        auto r = home.run(std::string(sub) + " --help", "LANG=fr_FR.UTF-8");
        CHECK(r.status == 0);
        check_no_english(r.out);
        check_aligned(r.out);
    }
    auto report = home.run("report --help", "LANG=fr_FR.UTF-8");
    CHECK(report.out.find("--week [SEMAINE]") != std::string::npos);
    CHECK(report.out.find("pas avec --day") != std::string::npos);
    // The same help in English keeps its English words.
    CHECK(home.run("--help").out.find("Usage: clockout [OPTIONS] [COMMAND]") != std::string::npos);
}

TEST_CASE("a mistyped command gives one French line that suggests the right one, and exit 2") {
    CliHome home("cli-typo-fr");
    auto statut = home.run("statut", "LANG=fr_FR.UTF-8");
    CHECK(statut.status == 2);
    CHECK(statut.out.empty());
    CHECK(statut.err ==
          "clockout: « statut » n'est pas une commande de clockout ; vouliez-vous dire « status » ? Voir clockout "
          "--help\n");
    auto chek = home.run("config chek", "LANG=fr_FR.UTF-8");
    CHECK(chek.status == 2);
    CHECK(chek.err ==
          "clockout: « chek » n'est pas une commande de clockout config ; vouliez-vous dire « check » ? "
          "Voir clockout config --help\n");
    auto weak = home.run("report --weak", "LANG=fr_FR.UTF-8");
    CHECK(weak.status == 2);
    CHECK(weak.err.find("« --weak » n'est pas une option de clockout report ; vouliez-vous dire « --week » ?") !=
          std::string::npos);
    // Each of CLI11's kinds of error comes out as one French line.
    for (const char* args : {"frobnicate", "config", "import", "export --from", "export --format xml",
                             "report --week 2026-W49 --day 2026-11-30", "status extra"}) {
        const std::string command = args;
        CAPTURE(command);
        auto r = home.run(args, "LANG=fr_FR.UTF-8");
        CHECK(r.status == 2);
        CHECK(test::count_lines(r.err) == 1);
        check_no_english(r.err);
    }
    CHECK(home.run("config", "LANG=fr_FR.UTF-8").err ==
          "clockout: clockout config attend une commande : check, path ; correction : par ex. clockout config check\n");
    CHECK(home.run("statut").err ==
          "clockout: \"statut\" is not a command of clockout; did you mean \"status\"? See clockout --help\n");
}

TEST_CASE("a ';' CSV with a byte order mark, as a French spreadsheet saves it, is imported") {
    CliHome home("cli-semicolon");
    // Two rows of the sample week's Monday, with the separator ; and CRLF line ends after a UTF-8 BOM.
    auto file = home.path() / "tableur.csv";
    test::write_file(file,
                     "\xEF\xBB\xBFstart;end;state;utc_offset;work_day;source;device\r\n"
                     "2026-11-16T07:58:00Z;2026-11-16T09:41:00Z;active;+01:00;2026-11-16;xsync;laptop\r\n"
                     "2026-11-16T09:41:00Z;2026-11-16T09:55:00Z;idle;+01:00;2026-11-16;xsync;\"portable; bureau\"\r\n");
    auto r = home.run("import '" + file.string() + "'", "LANG=fr_FR.UTF-8");
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "2 intervalles importés (0 déjà dans le journal).\n");
    // Exported back with commas: the same two rows.
    CHECK(home.run("export").out ==
          "start,end,state,utc_offset,work_day,source,device\n"
          "2026-11-16T07:58:00Z,2026-11-16T09:41:00Z,active,+01:00,2026-11-16,xsync,laptop\n"
          "2026-11-16T09:41:00Z,2026-11-16T09:55:00Z,idle,+01:00,2026-11-16,xsync,portable; bureau\n");
    // 08:58 to 10:41 Paris is 1 h 43 of activity.
    auto day = home.run("report --day 2026-11-16 --json");
    CHECK(day.out.find("\"active_min\": 103") != std::string::npos);
}

TEST_CASE("a bad ';' file is refused in one French line that names the separator and the fix") {
    CliHome home("cli-semicolon-bad");
    // A spreadsheet turned the offset +01:00 into a time, 01:00:00.
    auto file = home.path() / "tableur.csv";
    test::write_file(file,
                     "\xEF\xBB\xBFstart;end;state;utc_offset;work_day;source;device\r\n"
                     "2026-11-16T07:58:00Z;2026-11-16T09:41:00Z;active;01:00:00;2026-11-16;xsync;laptop\r\n");
    auto r = home.run("import '" + file.string() + "'", "LANG=fr_FR.UTF-8");
    CHECK(r.status == 2);
    CHECK(test::count_lines(r.err) == 1);
    CHECK(r.err.find("tableur.csv:2: utc_offset \"01:00:00\" n'est pas +HH:MM ni -HH:MM ; correction :") !=
          std::string::npos);
    CHECK(r.err.find("séparateur ;") != std::string::npos);
    CHECK(r.err.find("exportez à nouveau le journal") != std::string::npos);
    CHECK(r.err.find("rien n'a été importé") != std::string::npos);
    check_no_english(r.err);
    // A wrong header in a ';' file shows the header with ';'.
    test::write_file(file, "début;fin;état\r\n");
    auto header = home.run("import '" + file.string() + "'", "LANG=fr_FR.UTF-8");
    CHECK(header.status == 2);
    CHECK(header.err.find("n'est pas l'en-tête start;end;state;utc_offset;work_day;source;device ;") !=
          std::string::npos);
    CHECK(header.err.find("séparateur ;") != std::string::npos);
    CHECK(home.run("export").out == "start,end,state,utc_offset,work_day,source,device\n");
}

TEST_CASE("plural forms follow each language's rule: 0 and 1 singular in French, only 1 in English") {
    CliHome home("cli-plural");
    auto empty = home.path() / "empty.csv";
    test::write_file(empty, "start,end,state,utc_offset,work_day,source,device\n");
    CHECK(home.run("import '" + empty.string() + "'", "LANG=fr_FR.UTF-8").out ==
          "0 intervalle importé (0 déjà dans le journal).\n");
    CHECK(home.run("import '" + empty.string() + "'").out == "Imported 0 intervals (0 already in the journal).\n");
    REQUIRE(home.run("import '" + test::sample_week() + "'").status == 0);
    // One row on 1 December, then the sample week's Monday and Tuesday (11 rows, as the purge test counts them).
    auto one = home.path() / "one.csv";
    test::write_file(one,
                     "start,end,state,utc_offset,work_day,source,device\n"
                     "2026-12-01T08:00:00Z,2026-12-01T09:00:00Z,active,+01:00,2026-12-01,xsync,laptop\n");
    REQUIRE(home.run("import '" + one.string() + "'").status == 0);
    CHECK(home.run("purge --from 2026-12-01 --to 2026-12-01 --yes", "LANG=fr_FR.UTF-8").out ==
          "1 intervalle effacé.\n");
    CHECK(home.run("purge --from 2026-11-16 --to 2026-11-17 --yes").out == "Deleted 11 intervals.\n");
}

TEST_CASE("the average names its weeks while fewer than 12 exist, and a long rest reads in days and hours") {
    CliHome home("cli-average-weeks");
    REQUIRE(home.run("import '" + test::sample_week() + "'").status == 0);  // 2026-W47, the journal's first week
    auto extra = home.path() / "later.csv";
    // One hour on Wednesday 2 December (2026-W49), 09:00-10:00 Paris.
    test::write_file(extra,
                     "start,end,state,utc_offset,work_day,source,device\n"
                     "2026-12-02T08:00:00Z,2026-12-02T09:00:00Z,active,+01:00,2026-12-02,xsync,laptop\n");
    REQUIRE(home.run("import '" + extra.string() + "'").status == 0);

    // W47: 463 + 505 + 480 + 480 + 350 + 45 = 2323 min = 38 h 43, over 1 week; Saturday 10:45 to Monday 23 November's
    // 08:58 would be longer, but the next activity is on 2 December: that rest intersects W47 too, counted whole, from
    // Saturday 21 November 10:45 to Wednesday 2 December 09:00 Paris: 11 days less 1 h 45 = 10 d 22 h 15, to the hour
    // 10 d 22 h.
    auto w47 = home.run("report --week 2026-W47");
    CHECK(w47.out.find("Week total: 38 h 43 over 6 days; average over 1 week: 38 h 43; longest rest: 10 d 22 h\n") !=
          std::string::npos);
    // W48 holds no activity: (2323 + 0) / 2 = 1161.5, rounded 1162 min = 19 h 22.
    auto w48 = home.run("report --week 2026-W48", "LANG=fr_FR.UTF-8");
    CHECK(w48.out.find("Total de la semaine : 0 h 00 sur 0 jour ; moyenne sur 2 semaines : 19 h 22 ; plus long repos : "
                       "10 j 22 h\n") != std::string::npos);
    // W49: (2323 + 0 + 60) / 3 = 794.3, 794 min = 13 h 14.
    auto w49 = home.run("report --week 2026-W49", "LANG=fr_FR.UTF-8");
    CHECK(w49.out.find("Total de la semaine : 1 h 00 sur 1 jour ; moyenne sur 3 semaines : 13 h 14 ; plus long repos : "
                       "10 j 22 h\n") != std::string::npos);
    auto json = nlohmann::json::parse(home.run("report --week 2026-W49 --json").out);
    CHECK(json["avg12_weeks"] == 3);
    CHECK(json["avg12_active_min"] == 794);
    CHECK(json["longest_rest_min"] == 10 * 1440 + 22 * 60 + 15);
    // A week before the journal has no average.
    CHECK(home.run("report --week 2026-W46").out.find("no average yet") != std::string::npos);

    // Twelve weeks of journal: one hour on Monday 31 August (2026-W36), 11 weeks before W47.
    auto early = home.path() / "early.csv";
    test::write_file(early,
                     "start,end,state,utc_offset,work_day,source,device\n"
                     "2026-08-31T07:00:00Z,2026-08-31T08:00:00Z,active,+02:00,2026-08-31,xsync,laptop\n");
    REQUIRE(home.run("import '" + early.string() + "'").status == 0);
    // (60 + 2323) / 12 = 198.6, 199 min = 3 h 19.
    auto twelve = home.run("report --week 2026-W47", "LANG=fr_FR.UTF-8");
    CHECK(twelve.out.find("moyenne sur 12 semaines : 3 h 19 ;") != std::string::npos);
}
