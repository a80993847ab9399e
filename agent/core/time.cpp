#include "core/time.h"

#include <charconv>
#include <cstdio>

namespace clockout::core {

namespace {

using std::chrono::duration_cast;

// Reads exactly `width` decimal digits at `pos`; nullopt on anything else.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size())
        return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        char c = text[i];
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

class FixedZone final : public TimeZone {
  public:
    explicit FixedZone(Seconds offset) : offset_(offset) {}
    std::string name() const override { return offset_ == Seconds{0} ? "UTC" : "UTC" + format_offset(offset_); }
    Seconds offset_at(TimePoint) const override { return offset_; }
    TimePoint to_utc(LocalTime local) const override { return TimePoint{local.time_since_epoch() - offset_}; }

  private:
    Seconds offset_;
};

}  // namespace

TimePoint SystemClock::now() const {
    return std::chrono::floor<Seconds>(std::chrono::system_clock::now());
}

Seconds SystemClock::monotonic() const {
    return std::chrono::floor<Seconds>(std::chrono::steady_clock::now().time_since_epoch());
}

ZonePtr fixed_zone(Seconds offset) {
    return std::make_shared<FixedZone>(offset);
}

Date work_day_of(LocalTime local, Minutes day_start) {
    return Date{std::chrono::floor<date::days>(local - day_start)};
}

LocalTime work_day_start(Date d, Minutes day_start) {
    return LocalTime{date::local_days{d}} + day_start;
}

unsigned weekday_index(Date d) {
    return date::weekday{date::sys_days{d}}.iso_encoding() - 1;
}

Date iso_week_monday(Date d) {
    return Date{date::sys_days{d} - date::days{weekday_index(d)}};
}

std::string iso_week_label(Date monday) {
    auto thursday = date::sys_days{iso_week_monday(monday)} + date::days{3};
    auto iso_year = Date{thursday}.year();
    auto jan1 = date::sys_days{iso_year / date::January / 1};
    auto week = (thursday - jan1).count() / 7 + 1;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(iso_year), static_cast<int>(week));
    return buf;
}

std::optional<Date> parse_iso_week(std::string_view text) {
    if (text.size() != 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w'))
        return std::nullopt;
    auto y = digits(text, 0, 4);
    auto w = digits(text, 6, 2);
    if (!y || !w || *w < 1 || *w > 53)
        return std::nullopt;
    // Week 1 is the week that holds 4 January.
    auto week1 = iso_week_monday(Date{date::year{*y} / date::January / 4});
    Date monday{date::sys_days{week1} + date::days{7 * (*w - 1)}};
    // Week 53 exists only in some years: check by reading the label back.
    std::string canonical(text);
    canonical[5] = 'W';
    if (iso_week_label(monday) != canonical)
        return std::nullopt;
    return monday;
}

std::string format_utc(TimePoint t) {
    return date::format("%FT%TZ", t);
}

std::optional<TimePoint> parse_utc(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS followed by Z or an offset.
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    auto d = parse_date(text.substr(0, 10));
    auto hh = digits(text, 11, 2);
    auto mm = digits(text, 14, 2);
    auto ss = digits(text, 17, 2);
    if (!d || !hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59)
        return std::nullopt;
    auto offset = parse_offset(text.substr(19));
    if (!offset)
        return std::nullopt;
    auto local = date::sys_days{*d} + std::chrono::hours{*hh} + Minutes{*mm} + Seconds{*ss};
    return TimePoint{local - *offset};
}

std::string format_local(TimePoint t, Seconds offset) {
    return date::format("%FT%T", LocalTime{t.time_since_epoch() + offset}) + format_offset(offset);
}

std::string format_offset(Seconds offset) {
    auto total = duration_cast<Minutes>(offset).count();
    char sign = total < 0 ? '-' : '+';
    if (total < 0)
        total = -total;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, static_cast<int>(total / 60), static_cast<int>(total % 60));
    return buf;
}

std::optional<Seconds> parse_offset(std::string_view text) {
    if (text == "Z" || text == "z")
        return Seconds{0};
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':')
        return std::nullopt;
    auto hh = digits(text, 1, 2);
    auto mm = digits(text, 4, 2);
    if (!hh || !mm || *hh > 23 || *mm > 59)
        return std::nullopt;
    Seconds value = std::chrono::hours{*hh} + Minutes{*mm};
    return text[0] == '-' ? -value : value;
}

std::string format_date(Date d) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    auto y = digits(text, 0, 4);
    auto m = digits(text, 5, 2);
    auto d = digits(text, 8, 2);
    if (!y || !m || !d)
        return std::nullopt;
    Date result{date::year{*y}, date::month{static_cast<unsigned>(*m)}, date::day{static_cast<unsigned>(*d)}};
    if (!result.ok())
        return std::nullopt;
    return result;
}

std::optional<Minutes> parse_hhmm(std::string_view text) {
    std::size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3)
        return std::nullopt;
    auto hh = digits(text, 0, colon);
    auto mm = digits(text, colon + 1, 2);
    if (!hh || !mm || *hh > 24 || *mm > 59 || (*hh == 24 && *mm != 0))
        return std::nullopt;
    return Minutes{*hh * 60 + *mm};
}

std::string format_hhmm(Minutes m) {
    char buf[32];
    auto total = m.count();
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(total / 60), static_cast<int>(total % 60));
    return buf;
}

std::optional<Seconds> parse_duration(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    Seconds total{0};
    std::size_t pos = 0;
    while (pos < text.size()) {
        long long value = 0;
        auto [end, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), value);
        if (ec != std::errc{} || end == text.data() + pos || value < 0 || value > 10'000'000)
            return std::nullopt;
        pos = static_cast<std::size_t>(end - text.data());
        if (pos >= text.size())
            return std::nullopt;  // a bare number has no unit: ambiguous
        switch (text[pos]) {
            case 'd':
                total += date::days{value};
                break;
            case 'h':
                total += std::chrono::hours{value};
                break;
            case 'm':
                total += Minutes{value};
                break;
            case 's':
                total += Seconds{value};
                break;
            default:
                return std::nullopt;
        }
        ++pos;
    }
    return total;
}

std::int64_t round_minutes(Seconds s) {
    auto v = s.count();
    return v >= 0 ? (v + 30) / 60 : -((-v + 30) / 60);
}

}  // namespace clockout::core
