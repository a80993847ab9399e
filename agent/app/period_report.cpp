#include "app/period_report.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/i18n.h"
#include "app/report.h"
#include "platform/files.h"

namespace clockout::app {

namespace {

using nlohmann::ordered_json;

constexpr std::array<const char*, 12> kMonthNames = {N_("January"),   N_("February"), N_("March"),    N_("April"),
                                                     N_("May"),       N_("June"),     N_("July"),     N_("August"),
                                                     N_("September"), N_("October"),  N_("November"), N_("December")};

bool is_year(const core::PeriodMetrics& p) {
    return p.period.size() == 4;
}

ordered_json row_object(const core::PeriodRow& r, bool week_row) {
    ordered_json j;
    j["label"] = r.label;
    j["first"] = core::format_date(r.first);
    j["last"] = core::format_date(r.last);
    j["active_min"] = r.active_min;
    j["days_active"] = r.days_active;
    j["avg_amplitude_min"] = r.avg_amplitude_min;
    j["max_amplitude_min"] = r.max_amplitude_min;
    j["calendar_max_min"] = r.calendar_max_min;
    j["longest_rest_min"] = r.longest_rest_min;
    j["quiet_min"] = r.quiet_min;
    j["reconnections"] = r.reconnections;
    j["weeks_over_firm"] = r.weeks_over_firm;
    if (week_row)
        j["week_total_min"] = r.week_total_min;
    j["day_flags"] = ordered_json::object();
    for (const auto& [flag, n] : r.day_flags)
        j["day_flags"][flag] = n;
    return j;
}

std::string dash_or(std::int64_t minutes, bool any) {
    return any ? format_minutes(minutes) : "-";
}

// The day flags in the order of DESIGN.md section 4 (the order compute_day gives them).
constexpr std::array<const char*, 10> kDayFlags = {
    "amplitude_soft",    "amplitude_firm", "amplitude_max", "active_soft",    "active_firm",
    "calendar_day_long", "rest_short",     "break_missing", "quiet_activity", "night_activity"};

}  // namespace

std::string period_title(const core::PeriodMetrics& p) {
    if (is_year(p))
        return p.period;
    return fmt::format("{} {}", tr(kMonthNames[static_cast<unsigned>(p.first.month()) - 1]),
                       static_cast<int>(p.first.year()));
}

std::string period_row_label(const core::PeriodMetrics& p, const core::PeriodRow& row) {
    if (is_year(p))
        return tr(kMonthNames[static_cast<unsigned>(row.first.month()) - 1]);
    // "W41 (5-11 Oct)": the ISO week's number and the days of it inside the month.
    const std::string week = row.label.substr(row.label.find('W'));
    const std::string last = format_day_label(row.last);
    const std::string month = last.substr(last.rfind(' ') + 1);
    if (row.first == row.last)
        return fmt::format("{} ({} {})", week, static_cast<unsigned>(row.first.day()), month);
    return fmt::format("{} ({}-{} {})", week, static_cast<unsigned>(row.first.day()),
                       static_cast<unsigned>(row.last.day()), month);
}

std::string period_json(const core::PeriodMetrics& p) {
    ordered_json j;
    j[is_year(p) ? "year" : "month"] = p.period;
    j["first"] = core::format_date(p.first);
    j["last"] = core::format_date(p.last);
    j["iso_weeks"] = p.iso_weeks;
    j["total"] = row_object(p.total, false);
    j["rows"] = ordered_json::array();
    for (const auto& r : p.rows)
        j["rows"].push_back(row_object(r, !is_year(p)));
    return j.dump(2) + "\n";
}

std::string period_table(const core::PeriodMetrics& p, const core::Limits& limits) {
    const bool year = is_year(p);
    const std::vector<std::string> header = {tr(year ? N_("Month") : N_("Week")),
                                             tr(N_("Active")),
                                             tr(N_("Days")),
                                             tr(N_("Avg. amplitude")),
                                             tr(N_("Longest amplitude")),
                                             tr(N_("Calendar day")),
                                             tr(N_("Longest rest")),
                                             tr(N_("Quiet")),
                                             year ? tr(N_("Weeks over 48 h")) : tr(N_("Whole week"))};
    std::vector<std::vector<std::string>> rows = {header};
    auto cells = [&](const std::string& label, const core::PeriodRow& r, bool is_total) {
        const bool any = r.days_active > 0;
        std::string last = year || is_total ? std::to_string(r.weeks_over_firm)
                                            : (r.week_total_min > 0 ? format_minutes(r.week_total_min) : "-");
        if (!year && is_total)
            last = "";
        return std::vector<std::string>{label,
                                        dash_or(r.active_min, any),
                                        std::to_string(r.days_active),
                                        dash_or(r.avg_amplitude_min, any),
                                        dash_or(r.max_amplitude_min, any),
                                        dash_or(r.calendar_max_min, any),
                                        r.longest_rest_min > 0 ? format_rest(r.longest_rest_min) : "-",
                                        dash_or(r.quiet_min, any),
                                        last};
    };
    for (const auto& r : p.rows)
        rows.push_back(cells(period_row_label(p, r), r, false));
    rows.push_back(cells(tr(N_("Total")), p.total, true));
    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));
    std::ostringstream out;
    out << period_title(p) << " (" << core::format_date(p.first) << " - " << core::format_date(p.last) << ")\n\n";
    for (std::size_t k = 0; k < rows.size(); ++k) {
        std::string line;
        for (std::size_t i = 0; i < rows[k].size(); ++i)
            line += rows[k][i] + std::string(widths[i] + 2 - display_width(rows[k][i]), ' ');
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out << line << '\n';
    }
    out << '\n';
    out << ntrf("{} active day; average amplitude {}.", "{} active days; average amplitude {}.", p.total.days_active,
                p.total.days_active, format_minutes(p.total.avg_amplitude_min))
        << '\n';
    if (p.total.weeks_over_firm > 0)
        out << ntrf("{} week of {} or more (legal benchmark).", "{} weeks of {} or more (legal benchmark).",
                    p.total.weeks_over_firm, p.total.weeks_over_firm, std::to_string(limits.week_firm_min / 60) + " h")
            << '\n';
    bool any = false;
    for (const char* flag : kDayFlags) {
        const auto found = p.total.day_flags.find(flag);
        if (found == p.total.day_flags.end())
            continue;
        if (!any)
            out << tr("Days over a benchmark:") << '\n';
        any = true;
        out << "  - " << ntrf("{}: {} day", "{}: {} days", found->second, flag_words(flag, limits), found->second)
            << '\n';
    }
    if (!any)
        out << tr("No benchmark crossed.") << '\n';
    return out.str();
}

core::PeriodMetrics compute_period(const core::IntervalSource& source, const Context& context, PeriodKind kind,
                                   core::Date day, core::TimePoint now) {
    const auto& limits = context.settings.limits;
    return kind == PeriodKind::month ? core::compute_month(source, day, *context.schedule, limits, now)
                                     : core::compute_year(source, day, *context.schedule, limits, now);
}

std::string period_page(const core::IntervalSource& source, const Context& context, const core::PeriodMetrics& period,
                        core::TimePoint now) {
    const auto rows = source.intervals_for_days(period.first, period.last);
    std::vector<std::string> devices;
    for (const auto& i : rows)
        if (std::find(devices.begin(), devices.end(), i.device) == devices.end())
            devices.push_back(i.device);
    std::sort(devices.begin(), devices.end());
    PageSource page;
    for (const auto& d : devices)
        page.devices += (page.devices.empty() ? "" : ", ") + d;
    page.generated = core::format_local(now, context.zone->offset_at(now)).substr(0, 16);
    page.generated[10] = ' ';
    return period_html(period, context.settings.limits, core::union_of_active(rows), page);
}

std::string save_period_page(const Context& context, const core::PeriodMetrics& period, const std::string& html,
                             std::filesystem::path& written) {
    const auto file = context.paths.data_dir / "reports" / ("clockout-" + period.period + ".html");
    if (auto error = platform::write_file_atomically(file, html); !error.empty())
        return error;
    written = file;
    return "";
}

}  // namespace clockout::app
