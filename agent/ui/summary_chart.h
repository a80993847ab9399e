// The weekly chart as a pure function of its inputs, so a test can paint it into a bitmap and check pixels.
#pragma once

// Clockout's headers before wx's: wx defines an N_ macro that would rewrite app::N_.
#include "core/interval.h"
#include "core/metrics.h"
#include "core/schedule.h"

#include <vector>

#include <wx/colour.h>
#include <wx/gdicmn.h>
#include <wx/graphics.h>
#include <wx/window.h>

namespace clockout::ui {

/// Symbolic colours of the chart, taken from the system theme so a dark theme gets a dark chart.
struct ChartColours {
    wxColour background;
    wxColour text;
    wxColour grid;
    wxColour window_shade;  // declared working windows
    wxColour active;        // active time
    wxColour quiet;         // active time inside quiet hours: a warning colour, not an alarm
    wxColour personal;      // time the user said was personal
    wxColour call;          // time in a call (work with no input): a teal beside the highlight's blue

    /// From wxSystemSettings (window, text, highlight colours) and GetAppearance().IsDark().
    static ChartColours from_system();
};

/// Paints seven rows (Monday first) on a 24-hour axis into [0, size): day labels on the left, the day's amplitude and
/// active time on the right.
void draw_week_chart(wxGraphicsContext& gc, const core::WeekMetrics& week, const std::vector<core::Interval>& intervals,
                     const core::Schedule& schedule, const ChartColours& colours, wxSize size);

/// The vertical centre of day `index`'s row (0 = Monday) as draw_week_chart lays it out, for tests that read pixels.
double week_chart_row_centre(wxGraphicsContext& gc, wxSize size, int index);
/// The x of `minute` (0..1440) on the 24-hour axis as draw_week_chart lays it out.
double week_chart_x(wxGraphicsContext& gc, wxSize size, double minute);

}  // namespace clockout::ui
