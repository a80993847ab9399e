#include "journal/interchange.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace clockout::journal {

namespace {

constexpr std::array<std::string_view, 7> kKeys = {"start",    "end",    "state", "utc_offset",
                                                   "work_day", "source", "device"};

// Marks a pattern for xgettext (tests/i18n/check_translations.sh); the caller translates it (Message::render).
constexpr const char* N_(const char* english) {
    return english;
}

template <typename... Args>
Message say(const char* pattern, Args... args) {
    return Message{{Message::Piece{pattern, {std::string(args)...}}}};
}

Message then(Message first, const Message& second) {
    first.pieces.insert(first.pieces.end(), second.pieces.begin(), second.pieces.end());
    return first;
}

// ---------------------------------------------------------------------------------------------------------- export

void append_csv_field(std::string& out, std::string_view value) {
    // RFC 4180 quoting, and also for edge spaces, which some spreadsheet imports would trim.
    bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                 (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!quote) {
        out += value;
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

// "2026-11-30T07:58:12Z", as core::format_utc writes it. date::format builds a stream per call, which made a ten-year
// export spend most of its time on 100 000 timestamps.
void append_utc(std::string& out, core::TimePoint t) {
    auto day = date::floor<date::days>(t);
    date::year_month_day ymd{day};
    date::hh_mm_ss<core::Seconds> hms{t - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    out += buf;
}

std::string json_string(std::string_view value) {
    // replace: a stray invalid byte must not make the whole export fail.
    return nlohmann::json(std::string(value)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// ---------------------------------------------------------------------------------------------------------- import

struct RawRow {
    std::string start, end, state, utc_offset, work_day, source, device;
};

// UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing past U+10FFFF. Anything looser would be
// written by the JSON export as U+FFFD and not read back the same (found by fuzzing: F0 8F 8B 8D is an overlong form).
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        unsigned char low = 0x80;  // the range of the byte after the lead
        unsigned char high = 0xBF;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0)
                low = 0xA0;  // overlong below
            else if (c == 0xED)
                high = 0x9F;  // UTF-16 surrogates above
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0)
                low = 0x90;  // overlong below
            else if (c == 0xF4)
                high = 0x8F;  // past U+10FFFF above
        } else {
            return false;
        }
        if (s.size() - i <= extra)
            return false;
        const auto second = static_cast<unsigned char>(s[i + 1]);
        if (second < low || second > high)
            return false;
        for (std::size_t k = 2; k <= extra; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        }
        i += extra + 1;
    }
    return true;
}

// A value from the file, quoted for an error line: control characters are written as \n, \t or \xNN so that the error
// stays one line, and a long value is cut (found by fuzzing: a quoted CSV field may hold a line break).
std::string in_quotes(std::string_view s) {
    constexpr std::size_t kShown = 60;
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size() && i < kShown; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (s.size() > kShown)
        out += "...";
    return out + "\"";
}

// Times are kept from 1970-01-01 to 9999-12-30 in UTC, so that every row, and its local work day, can be written
// back in the export's four-digit-year form (found by fuzzing: 0000-01-01T00:00:00+05:00 is in the year -1 in UTC).
bool in_supported_years(core::TimePoint t) {
    constexpr auto first = date::sys_days{date::year{1970} / date::January / 1};
    constexpr auto after_last = date::sys_days{date::year{9999} / date::December / 31};
    return t >= first && t < after_last;
}

// Checks one row and fills `out`. Returns the problem in words ("...; fix: ...") or an empty message when it is good.
Message check_row(const RawRow& raw, core::Minutes day_start, core::Interval& out) {
    auto start = core::parse_utc(raw.start);
    if (!start)
        return say(N_("start {} is not an RFC 3339 UTC time such as 2026-11-30T07:58:12Z; fix: write it like that "
                      "example"),
                   in_quotes(raw.start));
    auto end = core::parse_utc(raw.end);
    if (!end)
        return say(N_("end {} is not an RFC 3339 UTC time such as 2026-11-30T10:41:03Z; fix: write it like that "
                      "example"),
                   in_quotes(raw.end));
    if (!in_supported_years(*start))
        return say(N_("start {} is outside 1970-01-01 to 9999-12-30 (UTC); fix: correct the year"), raw.start);
    if (!in_supported_years(*end))
        return say(N_("end {} is outside 1970-01-01 to 9999-12-30 (UTC); fix: correct the year"), raw.end);
    if (*end < *start)
        return say(N_("end {} is before start {}; fix: swap the two or correct the row"), raw.end, raw.start);
    auto state = core::parse_state(raw.state);
    if (!state)
        return say(N_("state {} is unknown; fix: use one of active, idle, locked, suspended, personal, off, call"),
                   in_quotes(raw.state));
    auto offset = core::parse_offset(raw.utc_offset);
    if (!offset || raw.utc_offset == "Z" || raw.utc_offset == "z")
        return say(N_("utc_offset {} is not +HH:MM or -HH:MM; fix: write the local offset at start, such as +01:00"),
                   in_quotes(raw.utc_offset));
    out.start = *start;
    out.end = *end;
    out.state = *state;
    out.utc_offset = *offset;
    core::LocalTime local_start{start->time_since_epoch() + *offset};
    if (raw.work_day.empty()) {
        out.work_day = core::work_day_of(local_start, day_start);
    } else {
        auto work_day = core::parse_date(raw.work_day);
        if (!work_day)
            return say(N_("work_day {} is not a date YYYY-MM-DD; fix: correct it, or leave it empty to have it "
                          "computed"),
                       in_quotes(raw.work_day));
        // A work day starts at day_start (00:00 to 24:00) on its date, so a row's local start date is that day or
        // the next: anything else would file the row under a day it does not belong to.
        date::local_days start_date = date::floor<date::days>(local_start);
        date::local_days claimed{*work_day};
        if (claimed != start_date && claimed != start_date - date::days{1})
            return say(N_("work_day {} does not match start {} (local date {}); fix: correct it, or leave it empty "
                          "to have it computed"),
                       raw.work_day, raw.start, core::format_date(core::Date{start_date}));
        out.work_day = *work_day;
    }
    if (!valid_utf8(raw.source) || !valid_utf8(raw.device))
        return say(N_("source or device is not valid UTF-8 text; fix: save the file as UTF-8"));
    out.source = raw.source;
    out.device = raw.device;
    out.id = 0;
    return {};
}

Message located(std::string_view file, std::size_t line, const Message& what) {
    return then(say("{}:{}: ", std::string(file), std::to_string(line)), what);
}

// A problem of the file: the message in both forms, and no rows.
void refuse(ParseResult& result, Message message) {
    result.error = message.render();
    result.message = std::move(message);
    result.rows.clear();
}

std::string_view strip_bom(std::string_view text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    return text;
}

// --- CSV (RFC 4180; LF or CRLF line ends; quoted fields may hold commas, quotes and line breaks)

struct CsvRecord {
    std::size_t line = 0;  // physical line where the record starts
    std::vector<std::string> fields;
    bool blank = false;
};

// Reads the next record at `pos`, fields separated by `sep`; returns a problem (with its line) or an empty message.
Message next_csv_record(std::string_view text, char sep, std::size_t& pos, std::size_t& line, CsvRecord& record) {
    record.line = line;
    record.fields.clear();
    bool any_quoted = false;
    for (;;) {
        std::string field;
        if (pos < text.size() && text[pos] == '"') {
            any_quoted = true;
            ++pos;
            for (;;) {
                if (pos >= text.size())
                    return say(N_("a quoted field is never closed; fix: add the closing double quote"));
                char c = text[pos];
                if (c == '"') {
                    if (pos + 1 < text.size() && text[pos + 1] == '"') {
                        field += '"';
                        pos += 2;
                        continue;
                    }
                    ++pos;
                    break;
                }
                if (c == '\n')
                    ++line;
                field += c;
                ++pos;
            }
            if (pos < text.size() && text[pos] != sep && text[pos] != '\r' && text[pos] != '\n')
                return say(N_("text after a closing double quote; fix: put the whole field inside the quotes"));
        } else {
            while (pos < text.size() && text[pos] != sep && text[pos] != '\r' && text[pos] != '\n') {
                if (text[pos] == '"')
                    return say(
                        N_("a double quote inside an unquoted field; fix: quote the whole field and double "
                           "the quote (\"\")"));
                field += text[pos++];
            }
        }
        record.fields.push_back(std::move(field));
        if (pos < text.size() && text[pos] == sep) {
            ++pos;
            continue;
        }
        if (pos < text.size() && text[pos] == '\r')
            ++pos;
        if (pos < text.size() && text[pos] == '\n')
            ++pos;
        ++line;
        break;
    }
    record.blank = !any_quoted && record.fields.size() == 1 && record.fields[0].empty();
    return {};
}

// The separator of a CSV: a semicolon when the first line that is not blank holds one and no comma (a French
// spreadsheet saves "start;end;..." because its decimal mark is the comma), else the comma of RFC 4180.
char csv_separator(std::string_view text) {
    std::size_t pos = text.find_first_not_of("\r\n");
    if (pos == std::string_view::npos)
        return ',';
    std::string_view first = text.substr(pos, text.find_first_of("\r\n", pos) - pos);
    return first.find(';') != std::string_view::npos && first.find(',') == std::string_view::npos ? ';' : ',';
}

ParseResult parse_csv(std::string_view text, std::string_view file, core::Minutes day_start) {
    ParseResult result;
    const char sep = csv_separator(text);
    std::string header_text(kCsvHeader);
    std::replace(header_text.begin(), header_text.end(), ',', sep);
    // In a semicolon file every problem says how the file was read: the worker may not know their spreadsheet
    // changed the separator, and may need to export again if it also changed the values.
    auto refuse_at = [&](std::size_t line, const Message& what) {
        Message m = located(file, line, what);
        if (sep == ';')
            m = then(
                m,
                say(N_(" - read with the separator ; (semicolon) of a French spreadsheet; if the spreadsheet changed "
                       "dates or offsets, export the journal again and import that file unchanged")));
        refuse(result, std::move(m));
    };
    std::size_t pos = 0;
    std::size_t line = 1;
    bool header_seen = false;
    CsvRecord record;
    while (pos < text.size()) {
        Message problem = next_csv_record(text, sep, pos, line, record);
        if (!problem.empty()) {
            refuse_at(record.line, problem);
            return result;
        }
        if (record.blank)
            continue;
        if (!header_seen) {
            std::string header;
            for (std::size_t i = 0; i < record.fields.size(); ++i)
                header += (i ? "," : "") + record.fields[i];
            if (header != kCsvHeader) {
                refuse_at(record.line, say(N_("the first line is not the header {}; fix: make the first line exactly "
                                              "that header"),
                                           header_text));
                return result;
            }
            header_seen = true;
            continue;
        }
        if (record.fields.size() != kKeys.size()) {
            refuse_at(record.line,
                      sep == ';'
                          ? say(N_("{} fields where 7 are expected ({}); fix: check for a missing or extra ; and quote "
                                   "a source or device that contains one"),
                                std::to_string(record.fields.size()), header_text)
                          : say(N_("{} fields where 7 are expected ({}); fix: check for a missing or extra comma, and "
                                   "quote a source or device that contains one"),
                                std::to_string(record.fields.size()), header_text));
            return result;
        }
        auto& f = record.fields;
        RawRow raw{f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
        core::Interval row;
        problem = check_row(raw, day_start, row);
        if (!problem.empty()) {
            refuse_at(record.line, problem);
            return result;
        }
        result.rows.push_back(std::move(row));
    }
    if (!header_seen)
        refuse(result, say(N_("{}: the file is empty; fix: start it with the header {}"), std::string(file),
                           std::string(kCsvHeader)));
    return result;
}

// --- JSON (an array of objects with the CSV's keys)

// The line on which each top-level element of an array starts. nlohmann::json keeps no positions, so the text is
// scanned once more; it has been validated already, so a light scan is enough.
std::vector<std::size_t> element_lines(std::string_view text) {
    std::vector<std::size_t> lines;
    std::size_t line = 1;
    int depth = 0;
    bool in_string = false;
    bool expecting = false;  // at depth 1, waiting for the next element to begin
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '\n') {
            ++line;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        if (depth == 1 && expecting && c != ']') {
            lines.push_back(line);
            expecting = false;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            ++depth;
            if (depth == 1)
                expecting = true;
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == ',' && depth == 1) {
            expecting = true;
        }
    }
    return lines;
}

std::string json_problem_text(const std::string& what) {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> "parse error at line 3, ..."
    auto close = what.find("] ");
    return close == std::string::npos ? what : what.substr(close + 2);
}

ParseResult parse_json(std::string_view text, std::string_view file, core::Minutes day_start) {
    ParseResult result;
    nlohmann::json doc;
    const auto not_json = [&](std::size_t line, const std::string& what) {
        refuse(result, located(file, line,
                               say(N_("this is not valid JSON ({}); fix: correct the JSON, or export a journal to see "
                                      "the expected form"),
                                   json_problem_text(what))));
    };
    try {
        doc = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        std::size_t line = 1 + static_cast<std::size_t>(
                                   std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
        not_json(line, e.what());
        return result;
    } catch (const nlohmann::json::exception& e) {
        // A number too large for a double ("1e999") is no parse_error but must not escape either: found by fuzzing.
        const std::string what = e.what();
        const std::size_t quote = what.find('\'');
        const std::size_t at = quote == std::string::npos
                                   ? std::string_view::npos
                                   : text.find(what.substr(quote + 1, what.find('\'', quote + 1) - quote - 1));
        const std::size_t line = at == std::string_view::npos
                                     ? 1
                                     : 1 + static_cast<std::size_t>(std::count(
                                               text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        not_json(line, what);
        return result;
    }
    if (!doc.is_array()) {
        refuse(result, located(file, 1,
                               say(N_("the JSON is not an array of objects; fix: put the rows inside [ ], one object "
                                      "per row with the keys {}"),
                                   std::string(kCsvHeader))));
        return result;
    }
    std::vector<std::size_t> lines = element_lines(text);
    for (std::size_t index = 0; index < doc.size(); ++index) {
        const auto& element = doc[index];
        std::size_t line = index < lines.size() ? lines[index] : 1;
        auto fail = [&](const Message& what) {
            refuse(result, located(file, line, then(say(N_("object #{}: "), std::to_string(index + 1)), what)));
            return result;
        };
        if (!element.is_object())
            return fail(
                say(N_("this element is not an object; fix: write each row as {\"start\": ..., \"end\": "
                       "...}")));
        std::array<std::string, 7> values;
        std::array<bool, 7> present{};
        for (const auto& [key, value] : element.items()) {
            auto it = std::find(kKeys.begin(), kKeys.end(), key);
            if (it == kKeys.end())
                return fail(
                    say(N_("unknown key {}; fix: use only the keys {}"), in_quotes(key), std::string(kCsvHeader)));
            auto k = static_cast<std::size_t>(it - kKeys.begin());
            bool optional = k >= 4;  // work_day (computed when absent), source, device
            if (value.is_null() && optional)
                continue;
            if (!value.is_string())
                return fail(say(N_("{} is not a string; fix: write it in double quotes, as in the CSV form"),
                                std::string(key)));
            values[k] = value.get<std::string>();
            present[k] = true;
        }
        for (std::size_t k = 0; k < 4; ++k) {
            if (!present[k])
                return fail(say(N_("the key {} is missing; fix: add it"), in_quotes(kKeys[k])));
        }
        RawRow raw{values[0], values[1], values[2], values[3], values[4], values[5], values[6]};
        core::Interval row;
        Message problem = check_row(raw, day_start, row);
        if (!problem.empty())
            return fail(problem);
        result.rows.push_back(std::move(row));
    }
    return result;
}

}  // namespace

std::string Message::render(const std::function<std::string(std::string_view)>& translate) const {
    std::string out;
    for (const auto& piece : pieces) {
        const std::string pattern = translate ? translate(piece.pattern) : piece.pattern;
        std::size_t next = 0;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            if (pattern.compare(i, 2, "{}") == 0 && next < piece.args.size()) {
                out += piece.args[next++];
                ++i;
            } else {
                out += pattern[i];
            }
        }
    }
    return out;
}

std::string to_csv(const std::vector<core::Interval>& rows) {
    std::string out(kCsvHeader);
    out += '\n';
    for (const auto& row : rows) {
        append_utc(out, row.start);
        out += ',';
        append_utc(out, row.end);
        out += ',';
        out += core::to_string(row.state);
        out += ',';
        out += core::format_offset(row.utc_offset);
        out += ',';
        out += core::format_date(row.work_day);
        out += ',';
        append_csv_field(out, row.source);
        out += ',';
        append_csv_field(out, row.device);
        out += '\n';
    }
    return out;
}

std::string to_json(const std::vector<core::Interval>& rows) {
    if (rows.empty())
        return "[]\n";
    // One object per line: readable, diffable, and the import can name the line of a bad row.
    std::string out = "[\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        // Only source and device can hold characters that need escaping; the other fields are plain ASCII.
        out += "  {\"start\": \"";
        append_utc(out, row.start);
        out += "\", \"end\": \"";
        append_utc(out, row.end);
        out += "\", \"state\": \"";
        out += core::to_string(row.state);
        out += "\", \"utc_offset\": \"";
        out += core::format_offset(row.utc_offset);
        out += "\", \"work_day\": \"";
        out += core::format_date(row.work_day);
        out += "\", \"source\": ";
        out += json_string(row.source);
        out += ", \"device\": ";
        out += json_string(row.device);
        out += i + 1 < rows.size() ? "},\n" : "}\n";
    }
    out += "]\n";
    return out;
}

ParseResult parse_interchange(std::string_view text, std::string_view file_name, core::Minutes day_start) {
    std::string_view file = file_name.empty() ? std::string_view("input") : file_name;
    text = strip_bom(text);
    auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && (text[first] == '[' || text[first] == '{'))
        return parse_json(text, file, day_start);
    return parse_csv(text, file, day_start);
}

ImportResult import_text(Journal& journal, std::string_view text, std::string_view file_name, core::Minutes day_start) {
    ImportResult result;
    ParseResult parsed = parse_interchange(text, file_name, day_start);
    if (!parsed.ok()) {
        result.message = then(parsed.message, say(N_("; nothing was imported")));
        result.error = result.message.render();
        return result;
    }
    // An import is a write: a row across day_start is stored as one row per work day, as the agent writes them.
    std::vector<core::Interval> rows;
    rows.reserve(parsed.rows.size());
    for (const auto& row : parsed.rows)
        for (auto& piece : core::split_at_work_days(row, day_start))
            rows.push_back(std::move(piece));
    try {
        result.added = journal.add_all(rows);
        result.skipped = static_cast<std::int64_t>(rows.size()) - result.added;
    } catch (const JournalError& e) {
        result.added = 0;
        result.message = then(say("{}", std::string(e.what())), say(N_("; nothing was imported")));
        result.error = result.message.render();
    }
    return result;
}

std::string export_text(const core::IntervalSource& journal, Format format, std::optional<core::Date> from,
                        std::optional<core::Date> to) {
    core::Date first = from.value_or(core::Date{date::year{1}, date::January, date::day{1}});
    core::Date last = to.value_or(core::Date{date::year{9999}, date::December, date::day{31}});
    auto rows = journal.intervals_for_days(first, last);
    return format == Format::csv ? to_csv(rows) : to_json(rows);
}

}  // namespace clockout::journal
