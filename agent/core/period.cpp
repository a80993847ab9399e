#include "core/period.h"

#include <algorithm>
#include <cctype>

namespace clockout::core {

namespace {

using date::days;

std::optional<int> digits(std::string_view text) {
    if (text.empty() || text.size() > 4 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return std::nullopt;
    int n = 0;
    for (char c : text)
        n = n * 10 + (c - '0');
    return n;
}

std::string two(unsigned n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string month_label(Date d) {
    return std::to_string(static_cast<int>(d.year())) + "-" + two(static_cast<unsigned>(d.month()));
}

Date last_of_month(Date first) {
    return Date{first.year() / first.month() / date::last};
}

// The figures of `days` (a row's days, in order) and the whole weeks around them.
PeriodRow gather(std::string label, Date first, Date last, const std::vector<DayMetrics>& all_days,
                 const std::vector<WeekMetrics>& weeks) {
    PeriodRow row;
    row.label = std::move(label);
    row.first = first;
    row.last = last;
    std::int64_t amplitude_sum = 0;
    for (const auto& d : all_days) {
        if (d.date < first || d.date > last)
            continue;
        row.active_min += d.active_min;
        row.quiet_min += d.quiet_min;
        row.reconnections += d.reconnections;
        if (d.rest_before_min)
            row.longest_rest_min = std::max(row.longest_rest_min, *d.rest_before_min);
        row.calendar_max_min = std::max(row.calendar_max_min, d.calendar_max_min);
        if (d.active_min > 0) {
            ++row.days_active;
            amplitude_sum += d.amplitude_min;
            row.max_amplitude_min = std::max(row.max_amplitude_min, d.amplitude_min);
        }
        for (const auto& f : d.flags)
            ++row.day_flags[f];
    }
    row.avg_amplitude_min = row.days_active > 0 ? amplitude_sum / row.days_active : 0;
    for (const auto& w : weeks) {
        const Date thursday{date::sys_days{w.monday} + days{3}};
        if (thursday < first || thursday > last)
            continue;
        if (std::find(w.flags.begin(), w.flags.end(), "week_firm") != w.flags.end())
            ++row.weeks_over_firm;
    }
    return row;
}

// Every ISO week touching [first, last], and the days of the period from them.
PeriodMetrics measure(const IntervalSource& source, Date first, Date last, const Schedule& schedule,
                      const Limits& limits, TimePoint now) {
    PeriodMetrics p;
    p.first = first;
    p.last = last;
    for (date::sys_days monday{iso_week_monday(first)}; monday <= date::sys_days{last}; monday += days{7}) {
        p.weeks.push_back(compute_week(source, Date{monday}, schedule, limits, now));
        const Date thursday{monday + days{3}};
        if (first <= thursday && thursday <= last)
            ++p.iso_weeks;
        for (const auto& d : p.weeks.back().days)
            if (first <= d.date && d.date <= last)
                p.days.push_back(d);
    }
    return p;
}

}  // namespace

std::optional<Date> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-')
        return std::nullopt;
    const auto y = digits(text.substr(0, 4)), m = digits(text.substr(5, 2));
    if (!y || !m || *y < 1970 || *m < 1 || *m > 12)
        return std::nullopt;
    return Date{date::year{*y} / date::month{static_cast<unsigned>(*m)} / 1};
}

std::optional<Date> parse_year(std::string_view text) {
    const auto y = text.size() == 4 ? digits(text) : std::nullopt;
    if (!y || *y < 1970)
        return std::nullopt;
    return Date{date::year{*y} / 1 / 1};
}

PeriodMetrics compute_month(const IntervalSource& source, Date first, const Schedule& schedule, const Limits& limits,
                            TimePoint now) {
    first = Date{first.year() / first.month() / 1};
    const Date last = last_of_month(first);
    PeriodMetrics p = measure(source, first, last, schedule, limits, now);
    p.period = month_label(first);
    for (const auto& w : p.weeks) {
        const Date sunday{date::sys_days{w.monday} + days{6}};
        PeriodRow row = gather(w.week, std::max(first, w.monday), std::min(last, sunday), p.days, p.weeks);
        row.week_total_min = w.total_active_min;
        p.rows.push_back(std::move(row));
    }
    p.total = gather(p.period, first, last, p.days, p.weeks);
    p.total.week_total_min = 0;
    return p;
}

PeriodMetrics compute_year(const IntervalSource& source, Date first, const Schedule& schedule, const Limits& limits,
                           TimePoint now) {
    first = Date{first.year() / 1 / 1};
    const Date last{first.year() / 12 / 31};
    PeriodMetrics p = measure(source, first, last, schedule, limits, now);
    p.period = std::to_string(static_cast<int>(first.year()));
    for (unsigned m = 1; m <= 12; ++m) {
        const Date month_first{first.year() / date::month{m} / 1};
        p.rows.push_back(gather(month_label(month_first), month_first, last_of_month(month_first), p.days, p.weeks));
    }
    p.total = gather(p.period, first, last, p.days, p.weeks);
    return p;
}

}  // namespace clockout::core
