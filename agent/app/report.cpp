#include "app/report.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/i18n.h"

namespace clockout::app {

namespace {

using nlohmann::ordered_json;

ordered_json time_or_null(const std::optional<core::TimePoint>& t, core::Seconds offset) {
    return t ? ordered_json(core::format_local(*t, offset)) : ordered_json(nullptr);
}

ordered_json day_object(const core::DayMetrics& d) {
    ordered_json j;
    j["date"] = core::format_date(d.date);
    j["first_active"] = time_or_null(d.first_active, d.first_offset);
    j["last_active"] = time_or_null(d.last_active, d.last_offset);
    j["amplitude_min"] = d.amplitude_min;
    j["active_min"] = d.active_min;
    j["call_min"] = d.call_min;
    j["longest_stretch_min"] = d.longest_stretch_min;
    j["break_20_ok"] = d.break_20_ok;
    j["outside_window_min"] = d.outside_window_min;
    j["quiet_min"] = d.quiet_min;
    j["night_min"] = d.night_min;
    j["reconnections"] = d.reconnections;
    j["rest_before_min"] = d.rest_before_min ? ordered_json(*d.rest_before_min) : ordered_json(nullptr);
    j["calendar_max_min"] = d.calendar_max_min;
    j["flags"] = d.flags;
    return j;
}

std::string hours(std::int64_t minutes) {
    return minutes % 60 == 0 ? fmt::format("{} h", minutes / 60) : format_minutes(minutes);
}

std::string clock_time(const std::optional<core::TimePoint>& t, core::Seconds offset) {
    if (!t)
        return "-";
    return core::format_local(*t, offset).substr(11, 5);
}

// Pads to a display width counted in code points, so accented French headers line up.
std::string pad(const std::string& text, std::size_t width) {
    std::size_t points = 0;
    for (unsigned char c : text)
        points += (c & 0xC0) != 0x80;
    return points >= width ? text + " " : text + std::string(width - points, ' ');
}

}  // namespace

std::string format_minutes(std::int64_t minutes) {
    if (minutes < 0)
        return "-" + format_minutes(-minutes);
    return fmt::format("{} h {:02}", minutes / 60, minutes % 60);
}

std::string format_rest(std::int64_t minutes) {
    if (minutes < 48 * 60)
        return format_minutes(minutes);
    const std::int64_t hours_total = (minutes + 30) / 60;  // to the nearest hour
    return trf("{} d {} h", hours_total / 24, hours_total % 24);
}

std::string week_totals(const core::WeekMetrics& week) {
    const std::string total = ntrf("Week total: {} over {} day", "Week total: {} over {} days", week.days_active,
                                   format_minutes(week.total_active_min), week.days_active);
    std::int64_t call_min = 0;
    for (const auto& d : week.days)
        call_min += d.call_min;
    const std::string calls = call_min > 0 ? " " + trf("(of which in calls: {})", format_minutes(call_min)) : "";
    std::string average;
    if (week.avg12_weeks >= 12)
        average = trf("12-week average: {}", format_minutes(week.avg12_active_min));
    else if (week.avg12_weeks > 0)
        average = ntrf("average over {} week: {}", "average over {} weeks: {}", week.avg12_weeks, week.avg12_weeks,
                       format_minutes(week.avg12_active_min));
    else
        average = tr("no average yet (the journal starts after this week)");
    return trf("{}; {}; {}", total + calls, average, trf("longest rest: {}", format_rest(week.longest_rest_min)));
}

std::size_t display_width(const std::string& text) {
    std::size_t points = 0;
    for (unsigned char c : text)
        points += (c & 0xC0) != 0x80;
    return points;
}

std::string weekday_short(unsigned index) {
    static constexpr std::array<const char*, 7> kDays = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
                                                         N_("Fri"), N_("Sat"), N_("Sun")};
    return tr(kDays[index % 7]);
}

std::string month_short(unsigned month) {
    static constexpr std::array<const char*, 12> kMonths = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"),
                                                            N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
                                                            N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
    return tr(kMonths[(month + 11) % 12]);
}

std::string format_day_label(core::Date d) {
    return fmt::format("{} {} {}", weekday_short(core::weekday_index(d)), static_cast<unsigned>(d.day()),
                       month_short(static_cast<unsigned>(d.month())));
}

std::string flag_words(const std::string& flag, const core::Limits& l) {
    using fmt::runtime;
    if (flag == "amplitude_soft")
        return fmt::format(runtime(tr("Amplitude of {} or more")), hours(l.amplitude_soft_min));
    if (flag == "amplitude_firm")
        return fmt::format(runtime(tr("Amplitude of {} or more")), hours(l.amplitude_firm_min));
    if (flag == "amplitude_max")
        return fmt::format(runtime(tr("Amplitude of {} or more: the legal benchmark (11 h of daily rest leave 13 h)")),
                           hours(l.amplitude_max_min));
    if (flag == "active_soft")
        return fmt::format(runtime(tr("Active time of {} or more")), hours(l.active_soft_min));
    if (flag == "active_firm")
        return fmt::format(runtime(tr("Active time of {} or more: the legal benchmark for one day")),
                           hours(l.active_firm_min));
    if (flag == "calendar_day_long")
        return fmt::format(runtime(tr("Active time of {} or more in one calendar day, 0-24 h (legal benchmark)")),
                           hours(l.active_firm_min));
    if (flag == "rest_short")
        return fmt::format(runtime(tr("Less than {} of rest before this day (legal benchmark: 11 h)")),
                           hours(l.daily_rest_min));
    if (flag == "break_missing")
        return fmt::format(runtime(tr("{} of work without a {}-minute break")), hours(l.break_after_min), l.break_min);
    if (flag == "quiet_activity")
        return tr("Activity during your quiet hours");
    if (flag == "night_activity")
        return fmt::format(runtime(tr("Activity between {} and {} (night work)")), core::format_hhmm(l.night_start),
                           core::format_hhmm(l.night_end));
    if (flag == "week_soft")
        return fmt::format(runtime(tr("Week total of {} or more")), hours(l.week_soft_min));
    if (flag == "week_firm")
        return fmt::format(runtime(tr("Week total of {} or more: the legal benchmark for one week")),
                           hours(l.week_firm_min));
    if (flag == "avg12_high")
        return fmt::format(runtime(tr("12-week average of {} or more (legal benchmark)")), hours(l.avg12_high_min));
    if (flag == "weekly_rest_short")
        return fmt::format(runtime(tr("No rest of {} in a row this week (legal benchmark for weekly rest)")),
                           hours(l.weekly_rest_min));
    if (flag == "seven_days")
        return tr("Active on all seven days of the week");
    return flag;
}

std::string week_flag_words(const std::string& flag, const core::WeekMetrics& week, const core::Limits& l) {
    if (flag == "avg12_high" && week.avg12_weeks < 12)
        return ntrf("Average over {} week of {} or more (legal benchmark: 12 weeks)",
                    "Average over {} weeks of {} or more (legal benchmark: 12 weeks)", week.avg12_weeks,
                    week.avg12_weeks, hours(l.avg12_high_min));
    return flag_words(flag, l);
}

std::string day_json(const core::DayMetrics& day) {
    return day_object(day).dump(2) + "\n";
}

std::string week_json(const core::WeekMetrics& week) {
    ordered_json j;
    j["week"] = week.week;
    j["days"] = ordered_json::array();
    for (const auto& d : week.days)
        j["days"].push_back(day_object(d));
    j["total_active_min"] = week.total_active_min;
    j["days_active"] = week.days_active;
    j["avg12_active_min"] = week.avg12_active_min;
    j["avg12_weeks"] = week.avg12_weeks;
    j["longest_rest_min"] = week.longest_rest_min;
    j["flags"] = week.flags;
    return j.dump(2) + "\n";
}

namespace {

// "Calendar day": calendar_max_min, the busiest calendar day (0-24 h) the work day touches.
constexpr std::array<const char*, 9> kColumns = {
    N_("Day"),          N_("First"),           N_("Last"),        N_("Amplitude"), N_("Active"),
    N_("Calendar day"), N_("Longest stretch"), N_("Rest before"), N_("Quiet")};

using Row = std::array<std::string, kColumns.size()>;

Row day_cells(const core::DayMetrics& d) {
    const bool any = d.first_active.has_value();
    return {
        format_day_label(d.date),
        clock_time(d.first_active, d.first_offset),
        clock_time(d.last_active, d.last_offset),
        any ? format_minutes(d.amplitude_min) : "-",
        any ? format_minutes(d.active_min) : "-",
        any ? format_minutes(d.calendar_max_min) : "-",
        any ? format_minutes(d.longest_stretch_min) : "-",
        d.rest_before_min ? format_minutes(*d.rest_before_min) : "-",
        d.quiet_min > 0 ? format_minutes(d.quiet_min) : "-",
    };
}

// Columns as wide as their widest cell, so translated headers never break the alignment.
void table(std::ostringstream& out, const std::vector<core::DayMetrics>& days) {
    std::vector<Row> rows;
    Row header;
    for (std::size_t i = 0; i < kColumns.size(); ++i)
        header[i] = tr(kColumns[i]);
    rows.push_back(header);
    for (const auto& d : days)
        rows.push_back(day_cells(d));
    std::array<std::size_t, kColumns.size()> widths{};
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i)
            line += pad(row[i], widths[i] + 2);
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out << line << '\n';
    }
}

// The table shows the strongest of related flags (the JSON lists them all): "13 h or more" already says "10 h or more".
std::vector<std::string> strongest(const std::vector<std::string>& flags) {
    auto has = [&](const char* f) { return std::find(flags.begin(), flags.end(), f) != flags.end(); };
    std::vector<std::string> out;
    for (const auto& f : flags) {
        if ((f == "amplitude_soft" && (has("amplitude_firm") || has("amplitude_max"))) ||
            (f == "amplitude_firm" && has("amplitude_max")) || (f == "active_soft" && has("active_firm")) ||
            (f == "week_soft" && has("week_firm"))) {
            continue;
        }
        out.push_back(f);
    }
    return out;
}

}  // namespace

std::string day_table(const core::DayMetrics& day, const core::Limits& limits) {
    std::ostringstream out;
    out << fmt::format(fmt::runtime(tr("Day {}")), format_day_label(day.date)) << " (" << core::format_date(day.date)
        << ")\n\n";
    table(out, {day});
    out << '\n';
    if (day.first_active) {
        out << fmt::format(fmt::runtime(tr("Outside your working windows: {}; at night: {}; reconnections: {}")),
                           format_minutes(day.outside_window_min), format_minutes(day.night_min), day.reconnections)
            << '\n';
        if (day.call_min > 0)
            out << trf("Of the active time, in calls: {}", format_minutes(day.call_min)) << '\n';
    }
    if (day.flags.empty()) {
        out << tr("No benchmark crossed.") << '\n';
    } else {
        out << tr("Benchmarks crossed:") << '\n';
        for (const auto& flag : strongest(day.flags))
            out << "  - " << flag_words(flag, limits) << '\n';
    }
    return out.str();
}

std::string week_table(const core::WeekMetrics& week, const core::Limits& limits) {
    std::ostringstream out;
    out << fmt::format(fmt::runtime(tr("Week {} ({} to {})")), week.week, format_day_label(week.days.front().date),
                       format_day_label(week.days.back().date))
        << "\n\n";
    table(out, week.days);
    out << '\n';
    out << week_totals(week) << '\n';
    bool any = !week.flags.empty();
    for (const auto& d : week.days)
        any = any || !d.flags.empty();
    if (!any) {
        out << tr("No benchmark crossed.") << '\n';
        return out.str();
    }
    out << tr("Benchmarks crossed:") << '\n';
    for (const auto& d : week.days) {
        for (const auto& flag : strongest(d.flags))
            out << "  - " << trf("{}: {}", format_day_label(d.date), flag_words(flag, limits)) << '\n';
    }
    for (const auto& flag : strongest(week.flags))
        out << "  - " << week_flag_words(flag, week, limits) << '\n';
    return out.str();
}

}  // namespace clockout::app
