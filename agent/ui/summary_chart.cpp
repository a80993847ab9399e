
// Clockout's headers before wx's: wx defines an N_ macro that would rewrite app::N_.
#include "ui/summary_chart.h"
#include "app/report.h"

#include <algorithm>
#include <chrono>

#include <wx/brush.h>
#include <wx/pen.h>
#include <wx/settings.h>

namespace clockout::ui {

namespace {

wxColour mix(const wxColour& a, const wxColour& b, double t) {
    auto channel = [t](unsigned char x, unsigned char y) { return static_cast<unsigned char>(x + (y - x) * t); };
    return {channel(a.Red(), b.Red()), channel(a.Green(), b.Green()), channel(a.Blue(), b.Blue())};
}

// Minutes since local midnight of `day` for local time `t`, clamped to the day's 24 hours.
double minute_in_day(core::LocalTime t, core::Date day) {
    auto since =
        std::chrono::duration_cast<std::chrono::seconds>(t - core::LocalTime{date::local_days{day}.time_since_epoch()});
    return std::clamp(static_cast<double>(since.count()) / 60.0, 0.0, 1440.0);
}

// Where things go: day labels, then the 24-hour axis, then the day's figures; the hour labels above.
struct Layout {
    double text_h = 0, left = 0, right = 0, top = 0, row_h = 0;
    double x(double minute) const { return left + std::max(10.0, right - left) * minute / 1440.0; }
};

Layout layout(wxGraphicsContext& gc, wxSize size) {
    Layout l;
    gc.SetFont(wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT), *wxBLACK);
    double text_w = 0, figures_w = 0;
    gc.GetTextExtent("Www 00 Www.", &text_w, &l.text_h);
    gc.GetTextExtent("00 h 00 / 00 h 00", &figures_w, &l.text_h);
    l.left = text_w + 12;
    l.right = size.GetWidth() - figures_w - 16;
    l.top = l.text_h + 8;
    l.row_h = (size.GetHeight() - l.top - 4) / 7.0;
    return l;
}

}  // namespace

double week_chart_row_centre(wxGraphicsContext& gc, wxSize size, int index) {
    auto l = layout(gc, size);
    return l.top + l.row_h * (index + 0.5);
}

double week_chart_x(wxGraphicsContext& gc, wxSize size, double minute) {
    return layout(gc, size).x(minute);
}

ChartColours ChartColours::from_system() {
    ChartColours c;
    bool dark = wxSystemSettings::GetAppearance().IsDark();
    c.background = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    c.text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    c.grid = mix(c.background, c.text, 0.25);
    c.active = wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT);
    c.window_shade = mix(c.background, c.active, dark ? 0.30 : 0.22);
    // An amber that stays legible on both backgrounds: warm, not the red of an error.
    c.quiet = dark ? wxColour(0xF5, 0xB0, 0x41) : wxColour(0xC6, 0x6A, 0x00);
    c.personal = mix(c.background, c.text, 0.45);
    c.call = dark ? wxColour(0x4D, 0xC0, 0xB5) : wxColour(0x00, 0x89, 0x7B);
    return c;
}

void draw_week_chart(wxGraphicsContext& gc, const core::WeekMetrics& week, const std::vector<core::Interval>& intervals,
                     const core::Schedule& schedule, const ChartColours& colours, wxSize size) {
    const double width = size.GetWidth();
    const double height = size.GetHeight();
    gc.SetBrush(wxBrush(colours.background));
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.DrawRectangle(0, 0, width, height);

    wxFont font = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
    const Layout l = layout(gc, size);
    const double text_h = l.text_h, left = l.left, right = l.right, top = l.top, row_h = l.row_h;
    const double bar_h = row_h * 0.55;
    auto x_of = [&](double minute) { return l.x(minute); };

    // Hour grid every 3 hours, labelled.
    gc.SetPen(wxPen(colours.grid, 1));
    for (int h = 0; h <= 24; h += 3) {
        double x = x_of(h * 60.0);
        gc.StrokeLine(x, top - 2, x, height - 4);
        wxString label = wxString::Format("%02d", h);
        double lw = 0, lh = 0;
        gc.GetTextExtent(label, &lw, &lh);
        gc.DrawText(label, x - lw / 2, 2);
    }

    for (std::size_t i = 0; i < week.days.size() && i < 7; ++i) {
        const auto& day = week.days[i];
        const double y = top + row_h * static_cast<double>(i);
        const double bar_y = y + (row_h - bar_h) / 2;
        gc.SetFont(font, colours.text);
        gc.DrawText(wxString::FromUTF8(app::format_day_label(day.date)), 4, y + (row_h - text_h) / 2);

        // Declared working windows of this calendar day, shaded behind the activity.
        gc.SetPen(*wxTRANSPARENT_PEN);
        gc.SetBrush(wxBrush(colours.window_shade));
        for (const auto& span : schedule.windows_on(day.date)) {
            double a = minute_in_day(span.start, day.date), b = minute_in_day(span.end, day.date);
            if (b > a)
                gc.DrawRectangle(x_of(a), y + 2, x_of(b) - x_of(a), row_h - 4);
        }
        // Activity of this work day, cut into the calendar day's 24 hours; quiet-hour parts in the warning colour.
        for (const auto& interval : intervals) {
            if (interval.work_day != day.date ||
                (!core::is_work(interval.state) && interval.state != core::State::personal))
                continue;
            auto from = interval.local_start(), to = interval.local_end();
            auto quiet = schedule.quiet_between(from, to);
            auto paint = [&](core::LocalTime a, core::LocalTime b, const wxColour& colour) {
                double xa = x_of(minute_in_day(a, day.date)), xb = x_of(minute_in_day(b, day.date));
                if (xb - xa < 1.0)
                    xb = xa + 1.0;  // a short burst stays visible
                gc.SetBrush(wxBrush(colour));
                gc.DrawRectangle(xa, bar_y, xb - xa, bar_h);
            };
            if (interval.state == core::State::personal) {
                paint(from, to, colours.personal);
                continue;
            }
            paint(from, to, interval.state == core::State::call ? colours.call : colours.active);
            for (const auto& q : quiet)
                paint(std::max(q.start, from), std::min(q.end, to), colours.quiet);
        }
        // The day's figures: amplitude / active time.
        wxString figures = day.first_active ? wxString::FromUTF8(app::format_minutes(day.amplitude_min) + " / " +
                                                                 app::format_minutes(day.active_min))
                                            : wxString::FromUTF8("–");
        gc.SetFont(font, colours.text);
        gc.DrawText(figures, right + 10, y + (row_h - text_h) / 2);
        gc.SetPen(wxPen(colours.grid, 1));
        gc.StrokeLine(left, y + row_h, right, y + row_h);
    }
}

}  // namespace clockout::ui
