// The printable page of a month or a year (docs/report-page.md): one HTML file with its CSS and SVG inline, no script,
// no font, image or link fetched from anywhere, so it opens offline, leaks nothing, and prints on A4.
#include <algorithm>
#include <array>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/i18n.h"
#include "app/period_report.h"
#include "app/report.h"

namespace clockout::app {

namespace {

std::string esc(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// Page and print rules: A4, each section on its own page when printed, colours kept in print.
constexpr const char* kStyle = R"(
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1f2933; margin: 0 auto; max-width: 186mm;
       font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 17pt; margin: 0 0 2mm; color: #1d4e89; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; color: #1d4e89; border-bottom: 0.4mm solid #c8d6e5; padding-bottom: 1mm; }
p.lead { margin: 0 0 3mm; color: #52606d; }
.note { background: #f3f6f9; border-left: 1.2mm solid #8aa9c9; padding: 2mm 3mm; margin: 3mm 0; font-size: 9.5pt; }
.figures { display: flex; flex-wrap: wrap; gap: 2mm; margin: 3mm 0; }
.figure { flex: 1 1 40mm; border: 0.3mm solid #d9e2ec; border-radius: 1.5mm; padding: 2mm 3mm; }
.figure b { display: block; font-size: 14pt; color: #1d4e89; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2mm 0; }
th, td { border-bottom: 0.2mm solid #d9e2ec; padding: 1mm 1.5mm; text-align: right; }
td { white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { background: #eef2f7; font-weight: 600; }
tr.total td { font-weight: 700; border-top: 0.4mm solid #8aa9c9; }
td.over { color: #9a4d00; font-weight: 600; }
section { break-inside: auto; }
section.page { break-before: page; }
svg { display: block; margin: 2mm 0; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; }
ul.legend { list-style: none; padding: 0; margin: 1mm 0 3mm; font-size: 9pt; display: flex; flex-wrap: wrap; gap: 4mm; }
ul.legend span { display: inline-block; width: 3.5mm; height: 3.5mm; vertical-align: -0.6mm; margin-right: 1mm;
                 border: 0.2mm solid #9aa5b1; }
footer { margin-top: 6mm; font-size: 8.5pt; color: #7b8794; }
@media print { body { max-width: none; } }
)";

// Heat-map colours for a day's amplitude: none, under 8 h, 8-10 h, 10-12 h, 12-13 h, 13 h and more.
constexpr std::array<const char*, 6> kHeat = {"#eef2f7", "#c6dbef", "#6baed6", "#fdd49e", "#fc8d59", "#b30000"};

std::size_t heat_bucket(std::int64_t amplitude_min, bool active, const core::Limits& l) {
    if (!active)
        return 0;
    if (amplitude_min >= l.amplitude_max_min)
        return 5;
    if (amplitude_min >= l.amplitude_firm_min)
        return 4;
    if (amplitude_min >= l.amplitude_soft_min)
        return 3;
    if (amplitude_min >= 8 * 60)
        return 2;
    return 1;
}

// A benchmark in whole hours as the law writes it: "48 h", "44 h"; "10 h 30" when it has minutes.
std::string benchmark(std::int64_t minutes) {
    return minutes % 60 == 0 ? std::to_string(minutes / 60) + " h" : format_minutes(minutes);
}

std::string cell_minutes(std::int64_t minutes, bool any) {
    return any ? format_minutes(minutes) : "–";
}

// The weeks' active totals as bars, against the 48 h benchmark and the 44 h average over 12 weeks (dashed).
std::string weeks_chart(const std::vector<core::WeekMetrics>& weeks, const core::Limits& l) {
    const double w = 680, h = 190, left = 34, bottom = 22, top = 8;
    const double max_min = std::max<double>(
        static_cast<double>(l.week_firm_min) * 1.15,
        static_cast<double>(
            std::max_element(weeks.begin(), weeks.end(),
                             [](const auto& a, const auto& b) { return a.total_active_min < b.total_active_min; })
                ->total_active_min) *
            1.05);
    const double plot_h = h - bottom - top, plot_w = w - left - 4;
    const double slot = plot_w / static_cast<double>(weeks.size()), bar = std::max(2.0, slot * 0.7);
    auto y = [&](double minutes) { return top + plot_h - plot_h * minutes / max_min; };
    std::ostringstream svg;
    svg << fmt::format(R"(<svg viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">)", w, h,
                       esc(tr("Active time per week")));
    for (int hours = 0; hours * 60 <= max_min; hours += 12) {
        svg << fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#e4e7eb" stroke-width="0.6"/>)",
                           left, w - 4, y(hours * 60.0), y(hours * 60.0));
        svg << fmt::format(R"(<text x="{}" y="{:.1f}" font-size="8" text-anchor="end" fill="#7b8794">{} h</text>)",
                           left - 3, y(hours * 60.0) + 3, hours);
    }
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        const auto& wk = weeks[i];
        const double x = left + slot * static_cast<double>(i) + (slot - bar) / 2;
        const bool over = wk.total_active_min >= l.week_firm_min;
        svg << fmt::format(
            R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{}: {}</title></rect>)", x,
            y(static_cast<double>(wk.total_active_min)), bar,
            plot_h * static_cast<double>(wk.total_active_min) / max_min, over ? "#e6550d" : "#4a90c2", esc(wk.week),
            esc(format_minutes(wk.total_active_min)));
        if (weeks.size() <= 12 || i % 4 == 0)
            svg << fmt::format(R"(<text x="{:.1f}" y="{}" font-size="8" text-anchor="middle" fill="#52606d">{}</text>)",
                               x + bar / 2, h - 8, esc(wk.week.substr(wk.week.find('W'))));
    }
    svg << fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#b30000" stroke-width="1.2"/>)", left,
                       w - 4, y(static_cast<double>(l.week_firm_min)), y(static_cast<double>(l.week_firm_min)));
    svg << fmt::format(
        R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#9a4d00" stroke-width="1" stroke-dasharray="4 3"/>)",
        left, w - 4, y(static_cast<double>(l.avg12_high_min)), y(static_cast<double>(l.avg12_high_min)));
    svg << "</svg>";
    return svg.str();
}

// One line per day, 0-24 h (local, as the day's rows were recorded), the active spans as bars, weekends shaded.
std::string timeline(const std::vector<core::DayMetrics>& days, const std::vector<core::Interval>& active) {
    const double row = 15, left = 78, w = 680, plot_w = w - left - 6, top = 14;
    const double h = top + row * static_cast<double>(days.size()) + 4;
    std::ostringstream svg;
    svg << fmt::format(R"(<svg viewBox="0 0 {} {:.0f}" width="100%" role="img" aria-label="{}">)", w, h,
                       esc(tr("Active time per day, 0 to 24 h")));
    for (int hour = 0; hour <= 24; hour += 2) {
        const double x = left + plot_w * hour / 24.0;
        svg << fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{:.1f}" stroke="#e4e7eb" stroke-width="0.6"/>)",
                           x, x, top - 2, h - 2);
        svg << fmt::format(R"(<text x="{:.1f}" y="9" font-size="8" text-anchor="middle" fill="#7b8794">{}</text>)", x,
                           hour);
    }
    for (std::size_t k = 0; k < days.size(); ++k) {
        const auto& d = days[k];
        const double y = top + row * static_cast<double>(k);
        const bool weekend = core::weekday_index(d.date) >= 5;
        if (weekend)
            svg << fmt::format(R"(<rect x="0" y="{:.1f}" width="{}" height="{}" fill="#f5f7fa"/>)", y, w, row);
        svg << fmt::format(R"(<text x="2" y="{:.1f}" font-size="8.5" fill="#323f4b">{}</text>)", y + 10.5,
                           esc(format_day_label(d.date)));
        for (const auto& i : active) {
            if (i.work_day != d.date)
                continue;
            // Local clock times of the span, as the worker lived them; a span past midnight runs to the right edge.
            const auto start = i.local_start(), end = i.local_end();
            const auto midnight = date::floor<date::days>(start);
            const double from = std::chrono::duration<double, std::ratio<3600>>(start - midnight).count();
            const double to = std::min(24.0, std::chrono::duration<double, std::ratio<3600>>(end - midnight).count());
            if (to <= from)
                continue;
            svg << fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.2f}" height="{}" fill="#4a90c2"/>)",
                               left + plot_w * from / 24.0, y + 3, std::max(0.6, plot_w * (to - from) / 24.0), row - 6);
        }
        if (d.active_min > 0)
            svg << fmt::format(
                R"(<text x="{:.1f}" y="{:.1f}" font-size="7.5" text-anchor="end" fill="#52606d">{}</text>)", w - 2,
                y + 10.5, esc(format_minutes(d.active_min)));
    }
    svg << "</svg>";
    return svg.str();
}

// The year as a calendar: one column a week (Monday first), one cell a day, coloured by amplitude.
std::string heat_map(const core::PeriodMetrics& p, const core::Limits& l) {
    const double cell = 11.5, gap = 1.5, left = 26, top = 14;
    const auto first_monday = date::sys_days{core::iso_week_monday(p.first)};
    const auto columns = (date::sys_days{p.last} - first_monday).count() / 7 + 1;
    const double w = left + static_cast<double>(columns) * (cell + gap) + 2, h = top + 7 * (cell + gap) + 2;
    std::ostringstream svg;
    svg << fmt::format(R"(<svg viewBox="0 0 {:.0f} {:.0f}" width="100%" role="img" aria-label="{}">)", w, h,
                       esc(tr("Amplitude of each day of the year")));
    for (std::size_t d = 0; d < 7; d += 2)
        svg << fmt::format(R"(<text x="0" y="{:.1f}" font-size="7.5" fill="#52606d">{}</text>)",
                           top + static_cast<double>(d) * (cell + gap) + 9,
                           esc(weekday_short(static_cast<unsigned>(d))));
    for (const auto& day : p.days) {
        const auto sd = date::sys_days{day.date};
        const auto column = (sd - first_monday).count() / 7;
        const double x = left + static_cast<double>(column) * (cell + gap);
        const double y = top + static_cast<double>(core::weekday_index(day.date)) * (cell + gap);
        if (static_cast<unsigned>(day.date.day()) == 1)
            svg << fmt::format(R"(<text x="{:.1f}" y="9" font-size="7.5" fill="#52606d">{}</text>)", x,
                               esc(month_short(static_cast<unsigned>(day.date.month()))));
        const bool any = day.active_min > 0;
        svg << fmt::format(
            R"(<rect x="{:.1f}" y="{:.1f}" width="{}" height="{}" rx="1.5" fill="{}"><title>{}: {}</title></rect>)", x,
            y, cell, cell, kHeat[heat_bucket(day.amplitude_min, any, l)], esc(core::format_date(day.date)),
            esc(any ? trf("amplitude {}, active {}", format_minutes(day.amplitude_min), format_minutes(day.active_min))
                    : tr("no activity")));
    }
    svg << "</svg>";
    return svg.str();
}

std::string heat_legend(const core::Limits& l) {
    const std::array<std::string, 6> words = {
        tr("no activity"),
        trf("under {}", benchmark(8 * 60)),
        trf("{} to {}", benchmark(8 * 60), benchmark(l.amplitude_soft_min)),
        trf("{} to {}", benchmark(l.amplitude_soft_min), benchmark(l.amplitude_firm_min)),
        trf("{} to {}", benchmark(l.amplitude_firm_min), benchmark(l.amplitude_max_min)),
        trf("{} or more (legal benchmark)", benchmark(l.amplitude_max_min))};
    std::string out = "<ul class=\"legend\">";
    for (std::size_t i = 0; i < words.size(); ++i)
        out += fmt::format(R"(<li><span style="background:{}"></span>{}</li>)", kHeat[i], esc(words[i]));
    return out + "</ul>";
}

}  // namespace

std::string period_html(const core::PeriodMetrics& p, const core::Limits& l, const std::vector<core::Interval>& active,
                        const PageSource& source) {
    const bool year = p.period.size() == 4;
    const std::string title =
        year ? trf("Clockout: the year {}", period_title(p)) : trf("Clockout: the month of {}", period_title(p));
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=\"" << (current_language() == Language::fr ? "fr" : "en") << "\">\n<head>\n"
         << "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<title>" << esc(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    // 1. What this is.
    html << "<section>\n<h1>" << esc(title) << "</h1>\n";
    html << "<p class=\"lead\">"
         << esc(trf("From {} to {}. Devices: {}. Made by Clockout on {}, on this computer; nothing was sent anywhere.",
                    core::format_date(p.first), core::format_date(p.last),
                    source.devices.empty() ? tr("none recorded") : source.devices, source.generated))
         << "</p>\n";
    html << "<p class=\"note\">"
         << esc(tr(
                "These figures measure the computer's activity (keyboard and mouse, screen lock, sleep): a proxy for "
                "the working day, not the legal \"temps de travail effectif\". Amplitude runs from the first to the "
                "last activity of a day. The benchmarks are the French legal ones, shown to help a "
                "conversation, not to judge."))
         << "</p>\n";
    const auto& t = p.total;
    html << "<div class=\"figures\">";
    auto figure = [&](const std::string& value, const std::string& what) {
        html << "<div class=\"figure\"><b>" << esc(value) << "</b>" << esc(what) << "</div>";
    };
    figure(format_minutes(t.active_min), tr("active time"));
    figure(std::to_string(t.days_active), ntr("active day", "active days", t.days_active));
    figure(t.days_active ? format_minutes(t.avg_amplitude_min) : "–", tr("average amplitude"));
    figure(std::to_string(t.weeks_over_firm), trf("weeks of {} or more (legal benchmark)", benchmark(l.week_firm_min)));
    figure(format_minutes(t.quiet_min),
           ntrf("in your quiet hours, {} reconnection", "in your quiet hours, {} reconnections", t.reconnections,
                t.reconnections));
    figure(t.longest_rest_min ? format_rest(t.longest_rest_min) : "–", tr("longest rest"));
    html << "</div>\n";
    // Days over each benchmark.
    static constexpr std::array<const char*, 8> kFlags = {"amplitude_max",     "amplitude_firm", "active_firm",
                                                          "calendar_day_long", "rest_short",     "break_missing",
                                                          "quiet_activity",    "night_activity"};
    html << "<h2>" << esc(tr("Days over a benchmark")) << "</h2>\n<table><tr><th>" << esc(tr("Benchmark"))
         << "</th><th>" << esc(tr("Days")) << "</th></tr>\n";
    for (const char* f : kFlags) {
        const auto found = t.day_flags.find(f);
        const std::int64_t n = found == t.day_flags.end() ? 0 : found->second;
        html << "<tr><td>" << esc(flag_words(f, l)) << "</td><td" << (n > 0 ? " class=\"over\"" : "") << ">" << n
             << "</td></tr>\n";
    }
    html << "</table>\n</section>\n";
    // 2. Per week (a month) or per month (a year).
    html << "<section class=\"page\">\n<h2>" << esc(year ? tr("Month by month") : tr("Week by week")) << "</h2>\n";
    html << "<table><tr><th>" << esc(year ? tr("Month") : tr("Week")) << "</th><th>" << esc(tr("Active")) << "</th><th>"
         << esc(tr("Days")) << "</th><th>" << esc(tr("Avg. amplitude")) << "</th><th>" << esc(tr("Longest amplitude"))
         << "</th><th>" << esc(tr("Calendar day")) << "</th><th>" << esc(tr("Longest rest")) << "</th><th>"
         << esc(tr("Quiet")) << "</th><th>" << esc(year ? tr("Weeks over 48 h") : tr("Whole week")) << "</th></tr>\n";
    auto row = [&](const std::string& label, const core::PeriodRow& r, const char* cls) {
        const bool any = r.days_active > 0;
        std::string last;
        bool over = false;
        if (year || std::string(cls) == "total") {
            last = std::to_string(r.weeks_over_firm);
            over = r.weeks_over_firm > 0;
        } else {
            last = r.week_total_min > 0 ? format_minutes(r.week_total_min) : "–";
            over = r.week_total_min >= l.week_firm_min;
        }
        html << "<tr class=\"" << cls << "\"><td>" << esc(label) << "</td><td>" << cell_minutes(r.active_min, any)
             << "</td><td>" << r.days_active << "</td><td>" << cell_minutes(r.avg_amplitude_min, any) << "</td><td"
             << (r.max_amplitude_min >= l.amplitude_max_min ? " class=\"over\"" : "") << ">"
             << cell_minutes(r.max_amplitude_min, any) << "</td><td"
             << (r.calendar_max_min >= l.active_firm_min ? " class=\"over\"" : "") << ">"
             << cell_minutes(r.calendar_max_min, any) << "</td><td>"
             << esc(r.longest_rest_min ? format_rest(r.longest_rest_min) : "–") << "</td><td>"
             << cell_minutes(r.quiet_min, any) << "</td><td" << (over ? " class=\"over\"" : "") << ">" << esc(last)
             << "</td></tr>\n";
    };
    for (const auto& r : p.rows)
        row(period_row_label(p, r), r, "");
    row(tr("Total"), p.total, "total");
    html << "</table>\n";
    html << "<h2>" << esc(tr("The weeks against the benchmarks")) << "</h2>\n" << weeks_chart(p.weeks, l);
    html << "<ul class=\"legend\"><li><span style=\"background:#4a90c2\"></span>" << esc(tr("active time of a week"))
         << "</li><li><span style=\"background:#e6550d\"></span>"
         << esc(trf("a week of {} or more", benchmark(l.week_firm_min)))
         << "</li><li><span style=\"background:#b30000;height:0.5mm\"></span>"
         << esc(trf("{}: the most in one week (legal benchmark)", benchmark(l.week_firm_min)))
         << "</li><li><span style=\"background:#9a4d00;height:0.5mm\"></span>"
         << esc(trf("{}: the most on average over 12 weeks (legal benchmark)", benchmark(l.avg12_high_min)))
         << "</li></ul>\n</section>\n";
    // 3. The days: a timeline (a month) or the heat map (a year).
    html << "<section class=\"page\">\n";
    if (year) {
        html << "<h2>" << esc(tr("Each day of the year: its amplitude")) << "</h2>\n"
             << heat_map(p, l) << heat_legend(l);
    } else {
        html << "<h2>" << esc(tr("Each day: when the computer was active, 0 to 24 h")) << "</h2>\n"
             << timeline(p.days, active);
    }
    // Quiet-hour activity, day by day.
    std::vector<const core::DayMetrics*> quiet;
    for (const auto& d : p.days)
        if (d.quiet_min > 0)
            quiet.push_back(&d);
    html << "<h2>" << esc(tr("Activity in your quiet hours")) << "</h2>\n";
    if (quiet.empty()) {
        html << "<p>" << esc(tr("None: no activity in your quiet hours.")) << "</p>\n";
    } else {
        html << "<table><tr><th>" << esc(tr("Day")) << "</th><th>" << esc(tr("Quiet")) << "</th><th>"
             << esc(tr("Reconnections")) << "</th></tr>\n";
        for (const auto* d : quiet)
            html << "<tr><td>"
                 << esc(format_day_label(d->date) + " " + std::to_string(static_cast<int>(d->date.year())))
                 << "</td><td>" << format_minutes(d->quiet_min) << "</td><td>" << d->reconnections << "</td></tr>\n";
        html << "</table>\n";
    }
    html << "<footer>"
         << esc(tr("Clockout keeps its journal on this computer only. The page holds everything it shows: no script, "
                   "no link, nothing loaded from elsewhere. Print it or save it as PDF from the browser."))
         << "</footer>\n</section>\n</body>\n</html>\n";
    return html.str();
}

}  // namespace clockout::app
