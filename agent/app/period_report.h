// A month or a year (core/period.h) as people read it (a table in their language) and as programs read it (JSON), and
// as one self-contained HTML page to print or save as PDF (period_html.cpp).
#pragma once

#include <string>
#include <vector>

#include <filesystem>

#include "app/context.h"
#include "core/metrics.h"
#include "core/period.h"

namespace clockout::app {

/// "October 2026" / "octobre 2026"; a year is its number.
std::string period_title(const core::PeriodMetrics& period);
/// A row's label: "W41 (5-11 Oct)" for a month's week, "October" for a year's month.
std::string period_row_label(const core::PeriodMetrics& period, const core::PeriodRow& row);

std::string period_json(const core::PeriodMetrics& period);
std::string period_table(const core::PeriodMetrics& period, const core::Limits& limits);

/// What the page says it is made of: the devices whose rows it counts ("laptop, office").
struct PageSource {
    std::string devices;
    std::string generated;  // "2026-12-02 16:05"
};
/// The printable page: one HTML file, CSS and SVG inline, no script, nothing fetched (docs/report-page.md).
/// `active`: the period's active time as a union (core::union_of_active), for the month's day timeline.
std::string period_html(const core::PeriodMetrics& period, const core::Limits& limits,
                        const std::vector<core::Interval>& active, const PageSource& source);

/// The month or the year that holds `day`, computed from `source` with the context's settings.
enum class PeriodKind { month, year };
core::PeriodMetrics compute_period(const core::IntervalSource& source, const Context& context, PeriodKind kind,
                                   core::Date day, core::TimePoint now);
/// The printable page of `period`: its devices from `source`, made at `now`. What `clockout report --html` writes and
/// the weekly summary's *Month report* and *Year report* buttons open.
std::string period_page(const core::IntervalSource& source, const Context& context, const core::PeriodMetrics& period,
                        core::TimePoint now);
/// Writes a page into the data folder's reports/ (0700; the file 0600: it holds the worker's figures), named
/// clockout-2026-11.html or clockout-2026.html. Returns "" and sets `written`, or a one-line error.
std::string save_period_page(const Context& context, const core::PeriodMetrics& period, const std::string& html,
                             std::filesystem::path& written);

}  // namespace clockout::app
