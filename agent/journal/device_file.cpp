#include "journal/device_file.h"

#include <charconv>
#include <cstdio>

namespace clockout::journal {

namespace {

constexpr std::string_view kTrailer = "# clockout v1 ";

// Marks a pattern for xgettext (tests/i18n/check_translations.sh); the caller translates it (Message::render).
constexpr const char* N_(const char* text) {
    return text;
}

std::optional<std::int64_t> number_after(std::string_view line, std::string_view key) {
    auto at = line.find(key);
    if (at == std::string_view::npos)
        return std::nullopt;
    at += key.size();
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(line.data() + at, line.data() + line.size(), value);
    if (ec != std::errc() || end == line.data() + at)
        return std::nullopt;
    return value;
}

std::string_view word_after(std::string_view line, std::string_view key) {
    auto at = line.find(key);
    if (at == std::string_view::npos)
        return {};
    at += key.size();
    auto end = line.find(' ', at);
    return line.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
}

}  // namespace

std::string fnv1a64_hex(std::string_view bytes) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
    return out;
}

std::optional<std::string> month_of_file_name(std::string_view name) {
    if (name.size() != 11 || name.substr(7) != ".csv" || name[4] != '-')
        return std::nullopt;
    std::string month(name.substr(0, 7));
    if (!month_days(month))
        return std::nullopt;
    return month;
}

std::optional<std::pair<core::Date, core::Date>> month_days(std::string_view month) {
    if (month.size() != 7)
        return std::nullopt;
    auto first = core::parse_date(std::string(month) + "-01");
    if (!first)
        return std::nullopt;
    const date::year_month ym{first->year(), first->month()};
    return std::make_pair(*first, core::Date{ym / date::last});
}

bool is_conflict_copy(std::string_view name) {
    return name.find(".sync-conflict-") != std::string_view::npos ||
           name.find("(conflicted copy") != std::string_view::npos || name.find("-DESKTOP-") != std::string_view::npos;
}

std::string format_device_file(const std::vector<core::Interval>& rows, std::string_view device_name) {
    std::string body = to_csv(rows);
    std::string out = body;
    out += kTrailer;
    out += "rows=" + std::to_string(rows.size()) + " fnv1a64=" + fnv1a64_hex(body) + " name=";
    // One line: the name is the device's display name, which the settings keep to one line already.
    for (char c : device_name)
        out += (c == '\n' || c == '\r') ? ' ' : c;
    out += '\n';
    return out;
}

DeviceFile parse_device_file(std::string_view text, std::string_view file_name, std::string_view month,
                             core::Minutes day_start) {
    DeviceFile out;
    // The trailer is the last line, ended by a newline: a file cut anywhere before that has none.
    if (text.size() < 2 || text.back() != '\n')
        return out;
    const auto start = text.rfind('\n', text.size() - 2);
    const std::size_t line_at = start == std::string_view::npos ? 0 : start + 1;
    std::string_view trailer = text.substr(line_at, text.size() - 1 - line_at);
    if (trailer.substr(0, kTrailer.size()) != kTrailer)
        return out;
    std::string_view body = text.substr(0, line_at);
    const auto rows = number_after(trailer, "rows=");
    const std::string_view sum = word_after(trailer, "fnv1a64=");
    if (!rows || sum.size() != 16 || fnv1a64_hex(body) != sum)
        return out;
    out.checksum = std::string(sum);
    if (auto at = trailer.find(" name="); at != std::string_view::npos)
        out.display_name = std::string(trailer.substr(at + 6));
    auto fail = [&](Message m) {
        out.status = DeviceFile::Status::malformed;
        out.message = std::move(m);
        out.error = out.message.render();
        out.rows.clear();
        return out;
    };
    ParseResult parsed = parse_interchange(body, file_name, day_start);
    if (!parsed.ok())
        return fail(parsed.message);
    const auto days = month_days(month);
    if (!days)
        return fail(Message{
            {{N_("{}: not a month file name; fix: only YYYY-MM.csv files are read"), {std::string(file_name)}}}});
    // Each row's line: the header is line 1, so row k (from 0) is on line k + 2 of a CSV written by Clockout.
    for (std::size_t k = 0; k < parsed.rows.size(); ++k) {
        const auto& r = parsed.rows[k];
        if (r.work_day < days->first || r.work_day > days->second)
            return fail(Message{{{N_("{}:{}: work day {} is not in {}; fix: the device that wrote this file "
                                     "publishes it again at its next sync (or remove the line there)"),
                                  {std::string(file_name), std::to_string(k + 2), core::format_date(r.work_day),
                                   std::string(month)}}}});
    }
    if (static_cast<std::int64_t>(parsed.rows.size()) != *rows)
        return fail(Message{{{N_("{}: the trailer says {} rows, the file has {}; fix: the device that wrote this "
                                 "file publishes it again at its next sync"),
                              {std::string(file_name), std::to_string(*rows), std::to_string(parsed.rows.size())}}}});
    out.rows = std::move(parsed.rows);
    out.status = DeviceFile::Status::whole;
    return out;
}

}  // namespace clockout::journal
