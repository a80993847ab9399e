#include <doctest/doctest.h>

#include "journal/interchange.h"
#include "journal/journal.h"
#include "journal/journal_samples.h"
#include "support/test_support.h"

using namespace clockout;
using namespace std::chrono_literals;
using core::State;
using journal::Format;
using journal::Journal;

namespace fs = std::filesystem;

namespace {

constexpr core::Minutes kDayStart{4 * 60};

std::unique_ptr<Journal> filled_journal(const fs::path& file) {
    auto j = Journal::open(file);
    for (const auto& r : test::sample_intervals())
        j->insert(r);
    j->commit("test");
    return j;
}

std::string all(const Journal& j, Format f) {
    return journal::export_text(j, f, std::nullopt, std::nullopt);
}

// A CSV with nine rows whose line 7 has end before start.
std::string csv_with_bad_line_7() {
    return std::string(journal::kCsvHeader) + "\n" +
           "2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,xsync,laptop\n"  // line 2
           "2026-11-30T10:41:03Z,2026-11-30T11:00:00Z,idle,+01:00,2026-11-30,xsync,laptop\n"    // 3
           "2026-11-30T11:00:00Z,2026-11-30T12:00:00Z,active,+01:00,2026-11-30,xsync,laptop\n"  // 4
           "\n"                                                                                 // 5: blank
           "2026-11-30T12:00:00Z,2026-11-30T13:00:00Z,locked,+01:00,2026-11-30,xsync,laptop\n"  // 6
           "2026-11-30T08:00:00Z,2026-11-30T07:00:00Z,active,+01:00,2026-11-30,xsync,laptop\n"  // 7
           "2026-11-30T13:00:00Z,2026-11-30T16:00:00Z,active,+01:00,2026-11-30,xsync,laptop\n";
}

std::string csv_error(const std::string& row) {
    auto parsed = journal::parse_interchange(std::string(journal::kCsvHeader) + "\n" + row + "\n", "t.csv", kDayStart);
    CHECK_FALSE(parsed.ok());
    CHECK(parsed.rows.empty());
    return parsed.error;
}

}  // namespace

TEST_CASE("CSV export is the documented format, quoted where RFC 4180 needs it") {
    auto rows = std::vector<core::Interval>{
        test::span(State::active, "2026-11-30 08:58", "2026-11-30 11:41", 60),
    };
    rows[0].start += 12s;
    rows[0].end += 3s;
    rows[0].source = "xsync";
    core::Interval odd = test::span(State::locked, "2026-12-01 12:00", "2026-12-01 13:00", -330, "a, \"b\"");
    odd.source = " padded ";
    rows.push_back(odd);
    CHECK(journal::to_csv(rows) ==
          "start,end,state,utc_offset,work_day,source,device\n"
          "2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,xsync,laptop\n"
          "2026-12-01T17:30:00Z,2026-12-01T18:30:00Z,locked,-05:30,2026-12-01,\" padded \",\"a, \"\"b\"\"\"\n");
    CHECK(journal::to_json(rows) ==
          "[\n"
          "  {\"start\": \"2026-11-30T07:58:12Z\", \"end\": \"2026-11-30T10:41:03Z\", \"state\": \"active\", "
          "\"utc_offset\": \"+01:00\", \"work_day\": \"2026-11-30\", \"source\": \"xsync\", \"device\": \"laptop\"},\n"
          "  {\"start\": \"2026-12-01T17:30:00Z\", \"end\": \"2026-12-01T18:30:00Z\", \"state\": \"locked\", "
          "\"utc_offset\": \"-05:30\", \"work_day\": \"2026-12-01\", \"source\": \" padded \", \"device\": "
          "\"a, \\\"b\\\"\"}\n"
          "]\n");
    CHECK(journal::to_csv({}) == "start,end,state,utc_offset,work_day,source,device\n");
    CHECK(journal::to_json({}) == "[]\n");
}

TEST_CASE("export, import into a fresh journal, export again: the files are identical (CSV and JSON)") {
    test::TempDir dir("interchange_roundtrip");
    auto source = filled_journal(dir / "a" / "journal.sqlite");
    for (Format f : {Format::csv, Format::json}) {
        CAPTURE(static_cast<int>(f));
        std::string first = all(*source, f);
        auto file = dir / (f == Format::csv ? "week.csv" : "week.json");
        test::write_file(file, first);

        auto fresh = Journal::open(dir / (f == Format::csv ? "b" : "c") / "journal.sqlite");
        auto imported = journal::import_text(*fresh, test::read_file(file), file.filename().string(), kDayStart);
        REQUIRE(imported.ok());
        CHECK(imported.added == static_cast<std::int64_t>(test::sample_intervals().size()));
        CHECK(imported.skipped == 0);
        CHECK(all(*fresh, f) == first);
        // And across formats: the other export of the fresh journal matches the source's.
        Format other = f == Format::csv ? Format::json : Format::csv;
        CHECK(all(*fresh, other) == all(*source, other));

        // The same file twice adds nothing.
        auto again = journal::import_text(*fresh, test::read_file(file), file.filename().string(), kDayStart);
        REQUIRE(again.ok());
        CHECK(again.added == 0);
        CHECK(again.skipped == static_cast<std::int64_t>(test::sample_intervals().size()));
        CHECK(all(*fresh, f) == first);
    }
}

TEST_CASE("export keeps to the requested work days") {
    test::TempDir dir("interchange_range");
    auto j = filled_journal(dir / "journal.sqlite");
    auto text = journal::export_text(*j, Format::csv, test::day("2026-12-02"), test::day("2026-12-02"));
    auto parsed = journal::parse_interchange(text, "x.csv", kDayStart);
    REQUIRE(parsed.ok());
    CHECK(parsed.rows.size() == 7);
    auto spring = journal::export_text(*j, Format::json, std::nullopt, test::day("2026-03-31"));
    CHECK(journal::parse_interchange(spring, "x.json", kDayStart).rows.size() == 2);
}

TEST_CASE("a CSV with a bad row on line 7 names the line and the fix, and leaves the journal unchanged") {
    test::TempDir dir("interchange_bad_line");
    auto j = filled_journal(dir / "journal.sqlite");
    std::string before = all(*j, Format::csv);
    auto file = dir / "week.csv";
    test::write_file(file, csv_with_bad_line_7());
    auto result = journal::import_text(*j, test::read_file(file), "week.csv", kDayStart);
    CHECK_FALSE(result.ok());
    CHECK(result.added == 0);
    CHECK(result.error ==
          "week.csv:7: end 2026-11-30T07:00:00Z is before start 2026-11-30T08:00:00Z; fix: swap the two or correct "
          "the row; nothing was imported");
    CHECK(all(*j, Format::csv) == before);
    j.reset();
    CHECK(all(*Journal::open(dir / "journal.sqlite"), Format::csv) == before);
}

TEST_CASE("a JSON file with a bad object names the object and its line, and imports nothing") {
    test::TempDir dir("interchange_bad_json");
    auto j = filled_journal(dir / "journal.sqlite");
    std::string before = all(*j, Format::csv);
    std::string text =
        "[\n"
        "  {\"start\": \"2026-11-30T07:58:12Z\", \"end\": \"2026-11-30T10:41:03Z\", \"state\": "
        "\"active\", \"utc_offset\": \"+01:00\", \"work_day\": \"2026-11-30\", \"source\": \"x\", "
        "\"device\": \"y\"},\n"
        "  {\n"
        "    \"start\": \"2026-11-30T10:41:03Z\",\n"
        "    \"end\": \"2026-11-30T11:41:03Z\",\n"
        "    \"state\": \"working\",\n"
        "    \"utc_offset\": \"+01:00\"\n"
        "  }\n"
        "]\n";
    auto result = journal::import_text(*j, text, "week.json", kDayStart);
    CHECK(result.error ==
          "week.json:3: object #2: state \"working\" is unknown; fix: use one of active, idle, locked, suspended, "
          "personal, off, call; nothing was imported");
    CHECK(all(*j, Format::csv) == before);
}

TEST_CASE("malformed JSON is reported with its line") {
    auto parsed = journal::parse_interchange("[\n  {\"start\": \"x\",\n  oops\n]\n", "bad.json", kDayStart);
    CHECK(parsed.error.rfind("bad.json:3: this is not valid JSON (", 0) == 0);
    CHECK(parsed.error.find("; fix: ") != std::string::npos);
    CHECK(journal::parse_interchange("{\"start\": 1}", "obj.json", kDayStart).error ==
          "obj.json:1: the JSON is not an array of objects; fix: put the rows inside [ ], one object per row with "
          "the keys start,end,state,utc_offset,work_day,source,device");
    CHECK(journal::parse_interchange("[{\"start\": \"2026-11-30T07:58:12Z\", \"end\": \"2026-11-30T07:58:12Z\", "
                                     "\"state\": \"idle\", \"utc_offset\": 60}]",
                                     "n.json", kDayStart)
              .error ==
          "n.json:1: object #1: utc_offset is not a string; fix: write it in double quotes, as in the "
          "CSV form");
    CHECK(journal::parse_interchange("[{\"start\": \"2026-11-30T07:58:12Z\", \"stat\": \"idle\"}]", "k.json", kDayStart)
              .error ==
          "k.json:1: object #1: unknown key \"stat\"; fix: use only the keys "
          "start,end,state,utc_offset,work_day,source,device");
    CHECK(journal::parse_interchange("[]", "e.json", kDayStart).ok());
}

TEST_CASE("a JSON number too large for a double is reported with its line, not thrown (found by fuzzing)") {
    const auto parsed = journal::parse_interchange("[\n  {\"start\": \"2026-11-30T07:58:12Z\",\n   \"end\": 1e999}\n]",
                                                   "huge.json", kDayStart);
    CHECK(parsed.error.rfind("huge.json:3: this is not valid JSON (number overflow parsing '1e999'", 0) == 0);
    CHECK(parsed.error.find("; fix: ") != std::string::npos);
    CHECK(parsed.rows.empty());
}

TEST_CASE("JSON rows may leave out work_day, source and device") {
    auto parsed = journal::parse_interchange(
        "  [{\"start\": \"2026-12-01T01:30:00Z\", \"end\": \"2026-12-01T02:00:00Z\", \"state\": \"active\", "
        "\"utc_offset\": \"+01:00\", \"work_day\": null}]",
        "w.json", kDayStart);
    REQUIRE(parsed.ok());
    REQUIRE(parsed.rows.size() == 1);
    // 02:30 local is before day_start 04:00: it belongs to the previous work day.
    CHECK(parsed.rows[0].work_day == test::day("2026-11-30"));
    CHECK(parsed.rows[0].source.empty());
    CHECK(parsed.rows[0].device.empty());
}

TEST_CASE("CSV import tolerates CRLF, a BOM, blank lines, quoted fields with commas, quotes and line breaks") {
    std::string text = "\xEF\xBB\xBF" + std::string(journal::kCsvHeader) +
                       "\r\n"
                       "2026-12-01T01:30:00Z,2026-12-01T02:00:00Z,active,+01:00,,\"x,\"\"y\"\"\",\"two\r\nlines\"\r\n"
                       "\r\n"
                       "2026-12-01T08:00:00Z,2026-12-01T09:00:00Z,idle,+01:00,2026-12-01,xsync,laptop";
    auto parsed = journal::parse_interchange(text, "crlf.csv", kDayStart);
    REQUIRE(parsed.ok());
    REQUIRE(parsed.rows.size() == 2);
    CHECK(parsed.rows[0].work_day == test::day("2026-11-30"));  // computed: 02:30 local is before day_start
    CHECK(parsed.rows[0].source == "x,\"y\"");
    CHECK(parsed.rows[0].device == "two\r\nlines");
    CHECK(parsed.rows[1].state == State::idle);
    CHECK(parsed.rows[1].device == "laptop");

    // Line numbers count physical lines, so a row after a quoted line break is reported where an editor shows it.
    std::string shifted = std::string(journal::kCsvHeader) +
                          "\n"
                          "2026-12-01T01:30:00Z,2026-12-01T02:00:00Z,active,+01:00,,x,\"a\nb\"\n"
                          "2026-12-01T01:30:00Z,2026-12-01T02:00:00Z,busy,+01:00,,x,y\n";
    CHECK(journal::parse_interchange(shifted, "s.csv", kDayStart).error.rfind("s.csv:4: state \"busy\"", 0) == 0);
}

TEST_CASE("every kind of bad CSV row is reported with its line and a fix") {
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,xsync") ==
          "t.csv:2: 6 fields where 7 are expected (start,end,state,utc_offset,work_day,source,device); fix: check "
          "for a missing or extra comma, and quote a source or device that contains one");
    CHECK(csv_error("2026-11-30 07:58:12,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,xsync,laptop") ==
          "t.csv:2: start \"2026-11-30 07:58:12\" is not an RFC 3339 UTC time such as 2026-11-30T07:58:12Z; fix: "
          "write it like that example");
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-31T10:41:03Z,active,+01:00,2026-11-30,xsync,laptop")
              .rfind("t.csv:2: end \"2026-11-31T10:41:03Z\" is not an RFC 3339", 0) == 0);
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,Active,+01:00,2026-11-30,xsync,laptop") ==
          "t.csv:2: state \"Active\" is unknown; fix: use one of active, idle, locked, suspended, personal, off, call");
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+1,2026-11-30,xsync,laptop") ==
          "t.csv:2: utc_offset \"+1\" is not +HH:MM or -HH:MM; fix: write the local offset at start, such as +01:00");
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,30/11/2026,xsync,laptop") ==
          "t.csv:2: work_day \"30/11/2026\" is not a date YYYY-MM-DD; fix: correct it, or leave it empty to have it "
          "computed");
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-12-03,xsync,laptop") ==
          "t.csv:2: work_day 2026-12-03 does not match start 2026-11-30T07:58:12Z (local date 2026-11-30); fix: "
          "correct it, or leave it empty to have it computed");
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,\"xsync,laptop") ==
          "t.csv:2: a quoted field is never closed; fix: add the closing double quote");
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,x\"s,laptop")
              .rfind("t.csv:2: a double quote inside an unquoted field", 0) == 0);
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,xsync,\"lap\"top")
              .rfind("t.csv:2: text after a closing double quote", 0) == 0);
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,xsync,lap\xFFtop") ==
          "t.csv:2: source or device is not valid UTF-8 text; fix: save the file as UTF-8");

    CHECK(journal::parse_interchange("start,end,state\n", "h.csv", kDayStart).error ==
          "h.csv:1: the first line is not the header start,end,state,utc_offset,work_day,source,device; fix: make "
          "the first line exactly that header");
    CHECK(journal::parse_interchange("", "empty.csv", kDayStart).error ==
          "empty.csv: the file is empty; fix: start it with the header "
          "start,end,state,utc_offset,work_day,source,device");
    CHECK(journal::parse_interchange(std::string(journal::kCsvHeader) + "\n", "only.csv", kDayStart).ok());
}

TEST_CASE("a value with a line break or a long value is quoted on one line in the error (found by fuzzing)") {
    CHECK(csv_error("\"2026-11-30\nT07:58:12Z\",2026-11-30T10:41:03Z,active,+01:00,,x,y") ==
          "t.csv:2: start \"2026-11-30\\nT07:58:12Z\" is not an RFC 3339 UTC time such as 2026-11-30T07:58:12Z; fix: "
          "write it like that example");
    CHECK(csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,\"act\tive\x01\",+01:00,,x,y") ==
          "t.csv:2: state \"act\\tive\\x01\" is unknown; fix: use one of active, idle, locked, suspended, personal, "
          "off, call");
    const std::string long_state(5000, 'a');
    const std::string error = csv_error("2026-11-30T07:58:12Z,2026-11-30T10:41:03Z," + long_state + ",+01:00,,x,y");
    CHECK(error.rfind("t.csv:2: state \"" + std::string(60, 'a') + "...\" is unknown; fix: ", 0) == 0);
    CHECK(error.size() < 200);
    const auto json = journal::parse_interchange("[{\"start\": \"x\", \"sta\\nte\": \"idle\"}]", "k.json", kDayStart);
    CHECK(json.error.rfind("k.json:1: object #1: unknown key \"sta\\nte\"; fix: ", 0) == 0);
}

TEST_CASE("source and device must be strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF") {
    const std::string refused = "t.csv:2: source or device is not valid UTF-8 text; fix: save the file as UTF-8";
    const std::string row = "2026-03-29T00:30:00Z,2026-03-29T02:10:00Z,active,+02:00,,x,";
    CHECK(csv_error(row + "\xF0\x8F\x8B\x8Dp") == refused);  // overlong 4-byte form (found by fuzzing)
    CHECK(csv_error(row + "\xE0\x80\xAF") == refused);       // overlong "/"
    CHECK(csv_error(row + "\xC0\xAF") == refused);           // overlong "/", 2 bytes
    CHECK(csv_error(row + "\xED\xA0\x80") == refused);       // U+D800, a surrogate
    CHECK(csv_error(row + "\xF4\x90\x80\x80") == refused);   // U+110000
    CHECK(csv_error(row + "\xE2\x82") == refused);           // cut short
    // The edges that are kept, and read back the same from the JSON export.
    const auto parsed = journal::parse_interchange(std::string(journal::kCsvHeader) + "\n" + row +
                                                       "\"\xC2\x80 \xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 "
                                                       "\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF é\"\n",
                                                   "u.csv", kDayStart);
    REQUIRE(parsed.ok());
    REQUIRE(parsed.rows.size() == 1);
    CHECK(journal::parse_interchange(journal::to_json(parsed.rows), "again.json", kDayStart).rows == parsed.rows);
}

TEST_CASE(
    "times outside 1970-01-01 to 9999-12-30 UTC are refused, so every row can be exported again (found by fuzzing)") {
    // 0000-01-01 00:00 at +05:00 is 31 December of the year -1 in UTC, which no four-digit export can write.
    CHECK(csv_error("0000-01-01T00:00:00+05:00,0000-01-01T01:00:00+05:00,active,+05:00,,x,y") ==
          "t.csv:2: start 0000-01-01T00:00:00+05:00 is outside 1970-01-01 to 9999-12-30 (UTC); fix: correct the year");
    CHECK(csv_error("9999-12-30T20:00:00Z,9999-12-30T23:00:00-05:00,active,-05:00,,x,y") ==
          "t.csv:2: end 9999-12-30T23:00:00-05:00 is outside 1970-01-01 to 9999-12-30 (UTC); fix: correct the year");
    CHECK(csv_error("1969-12-31T23:00:00Z,1970-01-01T01:00:00Z,active,+01:00,,x,y")
              .rfind("t.csv:2: start 1969-12-31T23:00:00Z is outside 1970-01-01 to 9999-12-30 (UTC)", 0) == 0);
    // The edges that are kept: both export and parse back to the same rows.
    const auto parsed =
        journal::parse_interchange(std::string(journal::kCsvHeader) +
                                       "\n1970-01-01T00:00:00Z,1970-01-01T01:00:00Z,active,-23:59,,x,y\n"
                                       "9999-12-30T23:00:00Z,9999-12-30T23:59:59Z,idle,+23:59,,x,y\n",
                                   "edges.csv", kDayStart);
    REQUIRE(parsed.ok());
    REQUIRE(parsed.rows.size() == 2);
    CHECK(parsed.rows[0].work_day == test::day("1969-12-30"));  // 1969-12-31 00:01 local, before day_start
    CHECK(parsed.rows[1].work_day == test::day("9999-12-31"));  // 9999-12-31 22:59 local
    CHECK(journal::parse_interchange(journal::to_csv(parsed.rows), "again.csv", kDayStart).rows == parsed.rows);
    CHECK(journal::parse_interchange(journal::to_json(parsed.rows), "again.json", kDayStart).rows == parsed.rows);
}

TEST_CASE("an interval of zero length and a work day just before its local start date are accepted") {
    auto parsed = journal::parse_interchange(std::string(journal::kCsvHeader) +
                                                 "\n2026-12-01T02:00:00Z,2026-12-01T02:00:00Z,off,+01:00,2026-11-30,"
                                                 "import,laptop\n",
                                             "z.csv", kDayStart);
    REQUIRE(parsed.ok());
    CHECK(parsed.rows[0].duration() == 0s);
    CHECK(parsed.rows[0].work_day == test::day("2026-11-30"));
}

TEST_CASE("importing the same row twice within one file adds it once") {
    test::TempDir dir("interchange_dup_in_file");
    auto j = Journal::open(dir / "journal.sqlite");
    std::string row = "2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,xsync,laptop\n";
    auto result = journal::import_text(*j, std::string(journal::kCsvHeader) + "\n" + row + row, "d.csv", kDayStart);
    REQUIRE(result.ok());
    CHECK(result.added == 1);
    CHECK(result.skipped == 1);
    // Same times and state on another device is a different row.
    std::string other = "2026-11-30T07:58:12Z,2026-11-30T10:41:03Z,active,+01:00,2026-11-30,xsync,desktop\n";
    CHECK(journal::import_text(*j, std::string(journal::kCsvHeader) + "\n" + other, "o.csv", kDayStart).added == 1);
}

TEST_CASE("an import keeps the agent's pending writes apart: they are committed, not rolled back") {
    test::TempDir dir("interchange_pending");
    auto j = Journal::open(dir / "journal.sqlite");
    j->insert(test::span(State::active, "2026-12-07 09:00", "2026-12-07 09:05", 60));  // not committed yet
    auto bad = journal::import_text(*j, csv_with_bad_line_7(), "week.csv", kDayStart);
    CHECK_FALSE(bad.ok());
    CHECK(j->interval_count() == 1);
    j.reset();
    CHECK(Journal::open(dir / "journal.sqlite")->interval_count() == 1);
}

TEST_CASE("an imported row across day_start is stored as one row per work day, as the agent writes them") {
    test::TempDir dir("interchange_split_day_start");
    auto j = Journal::open(dir / "journal.sqlite");
    // 03:30 to 04:30 Paris (winter) on 14 November: 30 minutes of work day 13 November, 30 of 14 November.
    const std::string csv =
        "start,end,state,utc_offset,work_day,source,device\n"
        "2026-11-14T02:30:00Z,2026-11-14T03:30:00Z,active,+01:00,,xsync,laptop\n";
    auto result = journal::import_text(*j, csv, "night.csv", kDayStart);
    REQUIRE(result.ok());
    CHECK(result.added == 2);
    auto rows = j->intervals_for_days(test::day("2026-11-13"), test::day("2026-11-14"));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].start == test::utc("2026-11-14T02:30:00Z"));
    CHECK(rows[0].end == test::utc("2026-11-14T03:00:00Z"));
    CHECK(rows[0].work_day == test::day("2026-11-13"));
    CHECK(rows[1].start == test::utc("2026-11-14T03:00:00Z"));
    CHECK(rows[1].end == test::utc("2026-11-14T03:30:00Z"));
    CHECK(rows[1].work_day == test::day("2026-11-14"));
    CHECK(rows[1].utc_offset == core::Seconds{3600});
    // The same file again adds nothing; the export reads back as the same two rows, which no longer cross.
    auto again = journal::import_text(*j, csv, "night.csv", kDayStart);
    CHECK(again.added == 0);
    CHECK(again.skipped == 2);
    auto text = journal::export_text(*j, Format::csv, std::nullopt, std::nullopt);
    auto parsed = journal::parse_interchange(text, "x.csv", kDayStart);
    REQUIRE(parsed.ok());
    CHECK(parsed.rows.size() == 2);
}

TEST_CASE("split_at_work_days: three work days, a row ending on the boundary, a row within one day") {
    core::Interval row;
    row.state = core::State::active;
    row.utc_offset = core::Seconds{3600};
    row.work_day = test::day("2026-11-13");
    row.start = test::utc("2026-11-14T02:00:00Z");  // 03:00 Paris, work day 13 November
    row.end = test::utc("2026-11-16T04:00:00Z");    // 05:00 on 16 November
    auto pieces = core::split_at_work_days(row, kDayStart);
    REQUIRE(pieces.size() == 4);
    CHECK(pieces[0].end == test::utc("2026-11-14T03:00:00Z"));
    CHECK(pieces[1].work_day == test::day("2026-11-14"));
    CHECK(pieces[1].end == test::utc("2026-11-15T03:00:00Z"));
    CHECK(pieces[2].work_day == test::day("2026-11-15"));
    CHECK(pieces[3].work_day == test::day("2026-11-16"));
    CHECK(pieces[3].end == row.end);
    row.end = test::utc("2026-11-14T03:00:00Z");  // ends exactly at 04:00 Paris: no piece of the next day
    CHECK(core::split_at_work_days(row, kDayStart).size() == 1);
    row.start = test::utc("2026-11-13T09:00:00Z");
    row.end = test::utc("2026-11-13T17:00:00Z");
    CHECK(core::split_at_work_days(row, kDayStart) == std::vector<core::Interval>{row});
}
