#include "core/schedule.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace clockout::core {

namespace {

constexpr Minutes k_day{24 * 60};

// Outcome of reading one "HH:MM": minutes, or the reason a user should read.
struct ClockReading {
    Minutes value{0};
    std::string problem;
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// Marks a message for translation (assets/po/fr.po) without translating it: core speaks English, and the windows show
// the French of these messages (wxGetTranslation) where the user types a range.
constexpr const char* N_(const char* english) {
    return english;
}

// "9:00" is accepted as well as "09:00" because people write it; the minutes always take two digits so "9:5" is not
// silently read as 09:05.
ClockReading read_clock(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3)
        return {Minutes{0}, N_("expected HH:MM-HH:MM")};
    int hours = 0;
    for (std::size_t i = 0; i < colon; ++i) {
        if (!is_digit(text[i]))
            return {Minutes{0}, N_("expected HH:MM-HH:MM")};
        hours = hours * 10 + (text[i] - '0');
    }
    if (!is_digit(text[colon + 1]) || !is_digit(text[colon + 2]))
        return {Minutes{0}, N_("expected HH:MM-HH:MM")};
    const int minutes = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
    if (hours > 24)
        return {Minutes{0}, N_("hours go from 00 to 24")};
    if (minutes > 59)
        return {Minutes{0}, N_("minutes go from 00 to 59")};
    if (hours == 24 && minutes > 0)
        return {Minutes{0}, N_("24:00 is the latest time of a day")};
    return {Minutes{hours * 60 + minutes}, {}};
}

// Parses and explains in one place so the accepted language and the messages cannot drift apart.
std::pair<std::optional<TimeRange>, std::string> read_time_range(std::string_view text) {
    const auto dash = text.find('-');
    if (dash == std::string_view::npos || text.find('-', dash + 1) != std::string_view::npos)
        return {std::nullopt, N_("expected HH:MM-HH:MM")};
    const auto start = read_clock(trim(text.substr(0, dash)));
    if (!start.problem.empty())
        return {std::nullopt, start.problem};
    const auto end = read_clock(trim(text.substr(dash + 1)));
    if (!end.problem.empty())
        return {std::nullopt, end.problem};
    if (start.value == k_day)
        return {std::nullopt, N_("a range cannot start at 24:00")};
    // "00:00-24:00" is the whole day and stays accepted: only literally equal ends make an empty range.
    if (start.value == end.value)
        return {std::nullopt, N_("its start and end are the same")};
    return {TimeRange{start.value, end.value}, {}};
}

std::string two_digits(long long n) {
    std::string out;
    out += static_cast<char>('0' + (n / 10) % 10);
    out += static_cast<char>('0' + n % 10);
    return out;
}

std::string clock_text(Minutes m) {
    return two_digits(m.count() / 60) + ":" + two_digits(m.count() % 60);
}

std::string date_text(Date d) {
    const int y = static_cast<int>(d.year());
    std::string year = std::to_string(y);
    while (year.size() < 4)
        year.insert(year.begin(), '0');
    return year + "-" + two_digits(static_cast<unsigned>(d.month())) + "-" + two_digits(static_cast<unsigned>(d.day()));
}

// Strict YYYY-MM-DD with a real calendar date; kept here so leave ranges do not depend on looser date readers.
std::optional<Date> read_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!is_digit(text[i]))
            return std::nullopt;
    auto number = [&](std::size_t from, std::size_t count) {
        int n = 0;
        for (std::size_t i = from; i < from + count; ++i)
            n = n * 10 + (text[i] - '0');
        return n;
    };
    const Date d{date::year{number(0, 4)}, date::month{static_cast<unsigned>(number(5, 2))},
                 date::day{static_cast<unsigned>(number(8, 2))}};
    if (!d.ok())
        return std::nullopt;
    return d;
}

Date day_of(LocalTime t) {
    return Date{date::floor<date::days>(t)};
}
LocalTime midnight(Date d) {
    return LocalTime{date::local_days{d}};
}
Date add_days(Date d, int n) {
    return Date{date::sys_days{d} + date::days{n}};
}
unsigned monday_index(Date d) {
    return date::weekday{date::sys_days{d}}.iso_encoding() - 1;
}

// Clips each span to [from, to), drops what falls outside, then sorts and merges overlapping or touching spans.
std::vector<LocalSpan> clip_and_merge(const std::vector<LocalSpan>& spans, LocalTime from, LocalTime to) {
    std::vector<LocalSpan> clipped;
    for (const auto& s : spans) {
        const LocalSpan c{std::max(s.start, from), std::min(s.end, to)};
        if (c.start < c.end)
            clipped.push_back(c);
    }
    std::sort(clipped.begin(), clipped.end(), [](const LocalSpan& a, const LocalSpan& b) {
        return a.start < b.start || (a.start == b.start && a.end < b.end);
    });
    std::vector<LocalSpan> merged;
    for (const auto& s : clipped) {
        if (!merged.empty() && s.start <= merged.back().end)
            merged.back().end = std::max(merged.back().end, s.end);
        else
            merged.push_back(s);
    }
    return merged;
}

}  // namespace

std::optional<TimeRange> parse_time_range(std::string_view text) {
    return read_time_range(trim(text)).first;
}

bool time_ranges_overlap(const TimeRange& a, const TimeRange& b) {
    // Spread over two days so that a range crossing midnight is one interval too.
    const auto a_end = a.crosses_midnight() ? a.end + Minutes{1440} : a.end;
    const auto b_end = b.crosses_midnight() ? b.end + Minutes{1440} : b.end;
    return a.start < b_end && b.start < a_end;
}

std::string time_range_problem(std::string_view text) {
    return read_time_range(trim(text)).second;
}

std::string format_time_range(const TimeRange& r) {
    return clock_text(r.start) + "-" + clock_text(r.end);
}

std::optional<DateRange> parse_date_range(std::string_view text) {
    text = trim(text);
    const auto dots = text.find("..");
    if (dots == std::string_view::npos) {
        const auto d = read_date(text);
        if (!d)
            return std::nullopt;
        return DateRange{*d, *d};
    }
    const auto first = read_date(trim(text.substr(0, dots)));
    const auto last = read_date(trim(text.substr(dots + 2)));
    if (!first || !last || *last < *first)
        return std::nullopt;
    return DateRange{*first, *last};
}

std::string format_date_range(const DateRange& r) {
    if (r.first == r.last)
        return date_text(r.first);
    return date_text(r.first) + ".." + date_text(r.last);
}

ScheduleConfig ScheduleConfig::defaults() {
    ScheduleConfig c;
    c.timezone = "system";
    c.day_start = Minutes{4 * 60};
    const std::vector<TimeRange> office{{Minutes{9 * 60}, Minutes{12 * 60 + 30}},
                                        {Minutes{13 * 60 + 30}, Minutes{17 * 60 + 30}}};
    for (std::size_t i = 0; i < 5; ++i)
        c.windows[i] = office;
    c.windows[5].clear();
    c.windows[6].clear();
    c.quiet_evening = TimeRange{Minutes{20 * 60}, Minutes{7 * 60 + 30}};
    c.rest_days = {false, false, false, false, false, true, true};
    c.public_holidays = "FR";
    c.leave.clear();
    return c;
}

Date easter_sunday(date::year y) {
    // The anonymous Gregorian algorithm (Meeus/Jones/Butcher), valid for every Gregorian year.
    const int year = static_cast<int>(y);
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return Date{y, date::month{static_cast<unsigned>(month)}, date::day{static_cast<unsigned>(day)}};
}

std::vector<Holiday> french_public_holidays(date::year y) {
    using date::April;
    const Date easter = easter_sunday(y);
    auto fixed = [&](unsigned month, unsigned day) { return Date{y, date::month{month}, date::day{day}}; };
    // Fixed dates first so that, when Ascension falls on 1 or 8 May, the stable sort names the fixed holiday first.
    std::vector<Holiday> out{
        {fixed(1, 1), "New Year's Day"},        {fixed(5, 1), "Labour Day"},
        {fixed(5, 8), "Victory in Europe Day"}, {fixed(7, 14), "Bastille Day"},
        {fixed(8, 15), "Assumption Day"},       {fixed(11, 1), "All Saints' Day"},
        {fixed(11, 11), "Armistice Day"},       {fixed(12, 25), "Christmas Day"},
        {add_days(easter, 1), "Easter Monday"}, {add_days(easter, 39), "Ascension Day"},
        {add_days(easter, 50), "Whit Monday"},
    };
    std::stable_sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return out;
}

std::vector<Holiday> public_holidays_of(std::string_view calendar, date::year y) {
    if (calendar == "FR")
        return french_public_holidays(y);
    if (calendar != "FR-AM")
        return {};
    auto out = french_public_holidays(y);
    out.push_back({add_days(easter_sunday(y), -2), "Good Friday"});
    out.push_back({Date{y, date::December, date::day{26}}, "St Stephen's Day"});
    std::stable_sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return out;
}

Schedule::Schedule(ScheduleConfig config) : config_(std::move(config)) {}

std::optional<std::string> Schedule::holiday_name(Date d) const {
    for (const auto& h : public_holidays_of(config_.public_holidays, d.year()))
        if (h.date == d)
            return h.name;
    return std::nullopt;
}

bool Schedule::is_leave(Date d) const {
    return std::any_of(config_.leave.begin(), config_.leave.end(), [&](const DateRange& r) { return r.contains(d); });
}

bool Schedule::is_rest_day(Date d) const {
    return config_.rest_days[monday_index(d)];
}

std::vector<LocalSpan> Schedule::windows_on(Date d) const {
    // A day off is quiet from 00:00 to 24:00, so a window there would count the same minutes as work and as quiet.
    if (is_day_off(d))
        return {};
    std::vector<LocalSpan> out;
    const LocalTime base = midnight(d);
    for (const auto& r : config_.windows[monday_index(d)]) {
        const Minutes end = r.crosses_midnight() ? r.end + k_day : r.end;
        out.push_back({base + r.start, base + end});
    }
    std::sort(out.begin(), out.end(), [](const LocalSpan& a, const LocalSpan& b) { return a.start < b.start; });
    return out;
}

std::vector<LocalSpan> Schedule::windows_between(LocalTime from, LocalTime to) const {
    if (!(from < to))
        return {};
    std::vector<LocalSpan> all;
    // The day before `from` contributes a window that crosses midnight into the range.
    for (Date d = add_days(day_of(from), -1); d <= day_of(to); d = add_days(d, 1)) {
        auto on = windows_on(d);
        all.insert(all.end(), on.begin(), on.end());
    }
    return clip_and_merge(all, from, to);
}

std::vector<LocalSpan> Schedule::quiet_between(LocalTime from, LocalTime to) const {
    if (!(from < to))
        return {};
    std::vector<LocalSpan> all;
    for (Date d = add_days(day_of(from), -1); d <= day_of(to); d = add_days(d, 1)) {
        const LocalTime base = midnight(d);
        if (is_day_off(d))
            all.push_back({base, base + k_day});
        if (config_.quiet_evening) {
            const auto& q = *config_.quiet_evening;
            const Minutes end = q.crosses_midnight() ? q.end + k_day : q.end;
            all.push_back({base + q.start, base + end});
        }
    }
    return clip_and_merge(all, from, to);
}

bool Schedule::in_window(LocalTime t) const {
    return !windows_between(t, t + Seconds{1}).empty();
}

bool Schedule::in_quiet(LocalTime t) const {
    return !quiet_between(t, t + Seconds{1}).empty();
}

std::optional<LocalTime> Schedule::next_window_start(LocalTime t) const {
    const LocalTime horizon = t + date::days{14};
    for (Date d = day_of(t); d <= day_of(horizon); d = add_days(d, 1)) {
        for (const auto& w : windows_on(d))  // ordered by start, and days ascend, so the first hit is the earliest
            if (w.start > t && w.start <= horizon)
                return w.start;
    }
    return std::nullopt;
}

std::optional<LocalTime> Schedule::window_end_containing(LocalTime t) const {
    // Merged spans clipped at t: the first one starts at t exactly when t is inside a window. The horizon bounds a
    // schedule whose windows chain without a gap (00:00-24:00 every day).
    const auto spans = windows_between(t, t + date::days{15});
    if (spans.empty() || spans.front().start != t)
        return std::nullopt;
    return spans.front().end;
}

std::optional<LocalTime> Schedule::last_window_end_of_day(LocalTime t) const {
    std::optional<LocalTime> last;
    for (const auto& w : windows_on(day_of(t)))
        if (!last || w.end > *last)
            last = w.end;
    for (const auto& w : windows_on(add_days(day_of(t), -1)))
        if (w.end > t && (!last || w.end > *last))
            last = w.end;
    if (!last)
        return std::nullopt;
    // A window that the next one continues without a gap ends where the run ends, as window_end_containing says.
    return window_end_containing(*last - Seconds{1});
}

}  // namespace clockout::core
