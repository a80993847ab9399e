// libFuzzer: the small parsers of core (time ranges, date ranges, durations, HH:MM, UTC stamps, ISO weeks, offsets).
// Each either refuses or returns a value that formats back to a string it parses to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/schedule.h"
#include "core/time.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace clockout::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto r = parse_time_range(text)) {
        if (r->start < Minutes{0} || r->start >= Minutes{1440} || r->end < Minutes{0} || r->end > Minutes{1440})
            std::abort();
        if (parse_time_range(format_time_range(*r)) != r)
            std::abort();
        if (!time_range_problem(text).empty())
            std::abort();
    } else if (time_range_problem(text).empty()) {
        std::abort();  // refused without a reason for the user
    }
    if (const auto r = parse_date_range(text)) {
        if (r->last < r->first)
            std::abort();
        if (parse_date_range(format_date_range(*r)) != r)
            std::abort();
    }
    if (const auto d = parse_duration(text)) {
        if (d->count() < 0)
            std::abort();
    }
    if (const auto m = parse_hhmm(text)) {
        if (m->count() < 0 || m->count() > 1440)
            std::abort();
        if (parse_hhmm(format_hhmm(*m)) != m)
            std::abort();
    }
    if (const auto t = parse_utc(text)) {
        if (parse_utc(format_utc(*t)) != t)
            std::abort();
    }
    if (const auto w = parse_iso_week(text)) {
        if (weekday_index(*w) != 0)
            std::abort();
        if (parse_iso_week(iso_week_label(*w)) != w)
            std::abort();
    }
    if (const auto o = parse_offset(text)) {
        if (parse_offset(format_offset(*o)) != o)
            std::abort();
    }
    if (const auto d = parse_date(text)) {
        if (parse_date(format_date(*d)) != d)
            std::abort();
    }
    return 0;
}
