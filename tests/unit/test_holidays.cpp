// French public holidays and the Easter computation behind the movable ones.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/schedule.h"
#include "support/test_support.h"

using namespace clockout;
using core::Date;

namespace {

std::vector<std::string> listing(int year) {
    std::vector<std::string> out;
    for (const auto& h : core::french_public_holidays(date::year{year}))
        out.push_back(core::format_date(h.date) + " " + h.name);
    return out;
}

}  // namespace

TEST_CASE("Easter Sunday follows the anonymous Gregorian algorithm") {
    CHECK(core::easter_sunday(date::year{2026}) == test::day("2026-04-05"));
    CHECK(core::easter_sunday(date::year{2027}) == test::day("2027-03-28"));
    CHECK(core::easter_sunday(date::year{2019}) == test::day("2019-04-21"));
    CHECK(core::easter_sunday(date::year{2038}) == test::day("2038-04-25"));
    CHECK(core::easter_sunday(date::year{2024}) == test::day("2024-03-31"));
    CHECK(core::easter_sunday(date::year{2025}) == test::day("2025-04-20"));
    CHECK(core::easter_sunday(date::year{2000}) == test::day("2000-04-23"));
    // The earliest and latest possible dates.
    CHECK(core::easter_sunday(date::year{2285}) == test::day("2285-03-22"));
    CHECK(core::easter_sunday(date::year{1943}) == test::day("1943-04-25"));
}

TEST_CASE("the eleven French public holidays of 2026, in date order") {
    const std::vector<std::string> expected{
        "2026-01-01 New Year's Day",        "2026-04-06 Easter Monday",  "2026-05-01 Labour Day",
        "2026-05-08 Victory in Europe Day", "2026-05-14 Ascension Day",  "2026-05-25 Whit Monday",
        "2026-07-14 Bastille Day",          "2026-08-15 Assumption Day", "2026-11-01 All Saints' Day",
        "2026-11-11 Armistice Day",         "2026-12-25 Christmas Day",
    };
    CHECK(listing(2026) == expected);
}

TEST_CASE("the eleven French public holidays of 2027: Easter Monday in March, Ascension before 8 May") {
    const std::vector<std::string> expected{
        "2027-01-01 New Year's Day", "2027-03-29 Easter Monday",         "2027-05-01 Labour Day",
        "2027-05-06 Ascension Day",  "2027-05-08 Victory in Europe Day", "2027-05-17 Whit Monday",
        "2027-07-14 Bastille Day",   "2027-08-15 Assumption Day",        "2027-11-01 All Saints' Day",
        "2027-11-11 Armistice Day",  "2027-12-25 Christmas Day",
    };
    CHECK(listing(2027) == expected);
}

TEST_CASE("movable holidays of other years") {
    auto schedule = core::Schedule(core::ScheduleConfig::defaults());
    CHECK(schedule.holiday_name(test::day("2019-04-22")) == "Easter Monday");
    CHECK(schedule.holiday_name(test::day("2019-05-30")) == "Ascension Day");
    CHECK(schedule.holiday_name(test::day("2019-06-10")) == "Whit Monday");
    CHECK(schedule.holiday_name(test::day("2038-04-26")) == "Easter Monday");
    CHECK(schedule.holiday_name(test::day("2038-06-03")) == "Ascension Day");
    CHECK(schedule.holiday_name(test::day("2038-06-14")) == "Whit Monday");
}

TEST_CASE("when Ascension falls on 1 May both holidays are listed and the day is named Labour Day") {
    // Easter 2008 was 23 March, so Ascension (Easter + 39) was Thursday 1 May.
    const auto holidays = core::french_public_holidays(date::year{2008});
    REQUIRE(holidays.size() == 11);
    CHECK(holidays[2].date == test::day("2008-05-01"));
    CHECK(holidays[2].name == "Labour Day");
    CHECK(holidays[3].date == test::day("2008-05-01"));
    CHECK(holidays[3].name == "Ascension Day");
    CHECK(core::Schedule(core::ScheduleConfig::defaults()).holiday_name(test::day("2008-05-01")) == "Labour Day");
}

TEST_CASE("holiday questions of a schedule") {
    const core::Schedule fr(core::ScheduleConfig::defaults());
    CHECK(fr.is_holiday(test::day("2026-04-06")));
    CHECK(fr.is_holiday(test::day("2027-03-29")));
    CHECK(fr.is_holiday(test::day("2026-05-14")));
    CHECK(fr.is_holiday(test::day("2027-05-06")));
    CHECK_FALSE(fr.is_holiday(test::day("2026-04-05")));  // Easter Sunday itself is a Sunday, not a public holiday
    CHECK_FALSE(fr.is_holiday(test::day("2026-12-24")));
    CHECK(fr.is_day_off(test::day("2026-12-25")));

    auto none = core::ScheduleConfig::defaults();
    none.public_holidays = "";
    const core::Schedule plain(none);
    CHECK_FALSE(plain.is_holiday(test::day("2026-12-25")));
    CHECK(plain.holiday_name(test::day("2026-12-25")) == std::nullopt);
    CHECK(plain.windows_on(test::day("2026-12-25")).size() == 2);
}

TEST_CASE("Alsace-Moselle (FR-AM): the eleven French holidays plus Good Friday and 26 December") {
    const auto am = core::public_holidays_of("FR-AM", date::year{2026});
    REQUIRE(am.size() == 13);
    // Easter 2026 is 5 April: Good Friday 3 April comes before Easter Monday 6 April.
    CHECK(am[1].date == test::day("2026-04-03"));
    CHECK(am[1].name == "Good Friday");
    CHECK(am[2].name == "Easter Monday");
    CHECK(am.back().date == test::day("2026-12-26"));
    CHECK(am.back().name == "St Stephen's Day");
    CHECK(core::public_holidays_of("FR", date::year{2026}).size() == 11);
    CHECK(core::public_holidays_of("", date::year{2026}).empty());

    core::ScheduleConfig config = core::ScheduleConfig::defaults();
    config.public_holidays = "FR-AM";
    const core::Schedule moselle(config);
    CHECK(moselle.is_holiday(test::day("2027-03-26")));  // Good Friday 2027 (Easter 28 March)
    CHECK(moselle.is_holiday(test::day("2027-12-26")));
    CHECK(moselle.is_holiday(test::day("2027-07-14")));
    const core::Schedule france(core::ScheduleConfig::defaults());
    CHECK_FALSE(france.is_holiday(test::day("2027-03-26")));
    CHECK_FALSE(france.is_holiday(test::day("2027-12-26")));
}
