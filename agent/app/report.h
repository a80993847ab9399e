// The day and week figures as people read them (a table in their language) and as programs read them (JSON with the
// exact fields of DESIGN.md section 4).
#pragma once

#include <cstdint>
#include <string>

#include "core/metrics.h"

namespace clockout::app {

/// "9 h 05", "0 h 40"
std::string format_minutes(std::int64_t minutes);
/// "Mon 30 Nov" / "lun. 30 nov."
std::string format_day_label(core::Date d);
/// One kind sentence per flag, in the current language, naming the threshold ("repère légal", never "illegal").
std::string flag_words(const std::string& flag, const core::Limits& limits);

std::string day_json(const core::DayMetrics& day);
std::string week_json(const core::WeekMetrics& week);
std::string day_table(const core::DayMetrics& day, const core::Limits& limits);
std::string week_table(const core::WeekMetrics& week, const core::Limits& limits);

}  // namespace clockout::app
