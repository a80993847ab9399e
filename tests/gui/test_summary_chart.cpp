// The weekly chart painted into a bitmap (no window, no event loop): activity lands on its day's row at its hour, in
// the active colour inside the day and in the warning colour inside quiet hours; declared windows are shaded.
// Runs under tests/gui/with_display.sh, which gives it a private Xvfb.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "core/metrics.h"
#include "ui/summary_chart.h"

#include <wx/app.h>
#include <wx/bitmap.h>
#include <wx/dcmemory.h>
#include <wx/image.h>

using namespace clockout;

namespace {

core::TimePoint utc(const char* text) {
    return *core::parse_utc(text);
}

core::Interval active(const char* start, const char* end, core::Date day, core::State state = core::State::active) {
    core::Interval i;
    i.start = utc(start);
    i.end = utc(end);
    i.state = state;
    i.utc_offset = core::Seconds{3600};
    i.work_day = day;
    i.source = "test";
    i.device = "test";
    return i;
}

struct Painted {
    wxImage image;
    wxSize size{800, 300};
    double row_y[7]{};
    double x(double minute) const { return x_at[static_cast<int>(minute / 60)]; }
    double x_at[25]{};
    wxColour at(double minute, int row) const {
        int px = static_cast<int>(x(minute)) + 2, py = static_cast<int>(row_y[row]);
        return {image.GetRed(px, py), image.GetGreen(px, py), image.GetBlue(px, py)};
    }
};

const clockout::ui::ChartColours kColours{wxColour(255, 255, 255), wxColour(0, 0, 0),      wxColour(200, 200, 200),
                                          wxColour(220, 230, 250), wxColour(30, 100, 220), wxColour(200, 110, 0),
                                          wxColour(150, 150, 150), wxColour(0, 137, 123)};

Painted paint() {
    core::Date monday = date::year{2026} / 11 / 16;
    core::MemoryIntervals store;
    store.insert(active("2026-11-16T08:00:00Z", "2026-11-16T11:00:00Z", monday));  // Monday 09:00-12:00 local
    core::Date tuesday = date::year{2026} / 11 / 17;
    store.insert(active("2026-11-17T20:00:00Z", "2026-11-17T21:00:00Z", tuesday));  // Tuesday 21:00-22:00, quiet
    core::Date wednesday = date::year{2026} / 11 / 18;
    auto call = active("2026-11-18T13:00:00Z", "2026-11-18T14:00:00Z", wednesday);  // Wednesday 14:00-15:00, a call
    call.state = core::State::call;
    store.insert(call);
    core::Schedule schedule(core::ScheduleConfig::defaults());
    core::Limits limits;
    auto week = core::compute_week(store, monday, schedule, limits, utc("2026-11-23T12:00:00Z"));
    Painted p;
    wxBitmap bitmap(p.size, 24);
    {
        wxMemoryDC dc(bitmap);
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
        REQUIRE(gc);
        clockout::ui::draw_week_chart(*gc, week, store.all(), schedule, kColours, p.size);
        for (int i = 0; i < 7; ++i)
            p.row_y[i] = clockout::ui::week_chart_row_centre(*gc, p.size, i);
        for (int h = 0; h <= 24; ++h)
            p.x_at[h] = clockout::ui::week_chart_x(*gc, p.size, h * 60.0);
    }
    p.image = bitmap.ConvertToImage();
    return p;
}

}  // namespace

TEST_CASE("the weekly chart draws activity on its day and hour, quiet-hour activity in the warning colour") {
    Painted p = paint();
    CHECK(p.at(10 * 60, 0) == kColours.active);        // Monday 10:00: active
    CHECK(p.at(15 * 60, 0) == kColours.window_shade);  // Monday 15:00: inside a window, nobody there
    CHECK(p.at(4 * 60, 0) == kColours.background);     // Monday 04:00: neither
    CHECK(p.at(21 * 60, 1) == kColours.quiet);         // Tuesday 21:00: quiet-hour activity
    CHECK(p.at(10 * 60, 5) == kColours.background);    // Saturday: a rest day has no window
    CHECK(p.at(14 * 60, 2) == kColours.call);          // Wednesday 14:00: in a call, in the call colour
    CHECK(p.at(16 * 60, 2) == kColours.window_shade);  // Wednesday 16:00: after the call, nobody there
}

int main(int argc, char** argv) {
    // A GUI wxApp that never runs its loop: GTK is initialised, which painting needs, and no window is shown.
    wxApp::SetInstance(new wxApp);
    int wx_argc = 1;
    char name[] = "test_summary_chart";
    char* wx_argv[] = {name, nullptr};
    if (!wxEntryStart(wx_argc, wx_argv))
        return 1;
    wxInitAllImageHandlers();
    doctest::Context context(argc, argv);
    int status = context.run();
    wxEntryCleanup();
    return status;
}
