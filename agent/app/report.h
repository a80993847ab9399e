// The day and week figures as people read them (a table in their language) and as programs read them (JSON with the
// exact fields of DESIGN.md section 4).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/metrics.h"

namespace clockout::app {

/// "9 h 05", "0 h 40"
std::string format_minutes(std::int64_t minutes);
/// A rest as people read it: "41 h 15" below 48 h, then days and hours, "10 d 10 h" / "10 j 10 h" (minutes
/// no longer matter against the 35 h weekly benchmark, and "250 h 16" reads as an error).
std::string format_rest(std::int64_t minutes);
/// The week's totals in one sentence: "Week total: 9 h 00 over 2 days; average over 3 weeks: 6 h 00; longest rest:
/// 2 d 14 h". The average names the weeks it was taken over while the journal holds fewer than 12.
std::string week_totals(const core::WeekMetrics& week);
/// The width of `text` on a terminal, in code points (accented French headers line up).
std::size_t display_width(const std::string& text);
/// "Mon" / "lun." for 0 = Monday ... 6 = Sunday.
std::string weekday_short(unsigned index);
/// "Nov" / "nov." for 1 = January ... 12 = December.
std::string month_short(unsigned month);
/// "Mon 30 Nov" / "lun. 30 nov."
std::string format_day_label(core::Date d);
/// One kind sentence per flag, in the current language, naming the threshold ("repère légal", never "illegal").
std::string flag_words(const std::string& flag, const core::Limits& limits);
/// flag_words for a week flag: "avg12_high" names the weeks its average was taken over while fewer than 12 exist.
std::string week_flag_words(const std::string& flag, const core::WeekMetrics& week, const core::Limits& limits);

std::string day_json(const core::DayMetrics& day);
std::string week_json(const core::WeekMetrics& week);
std::string day_table(const core::DayMetrics& day, const core::Limits& limits);
std::string week_table(const core::WeekMetrics& week, const core::Limits& limits);

}  // namespace clockout::app
