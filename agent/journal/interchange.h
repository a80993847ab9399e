// Export and import of intervals (DESIGN.md section 3): CSV or JSON, round-trip exact, one transaction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/interval.h"
#include "journal/journal.h"

namespace clockout::journal {

enum class Format { csv, json };

/// "start,end,state,utc_offset,work_day,source,device"
inline constexpr std::string_view kCsvHeader = "start,end,state,utc_offset,work_day,source,device";

std::string to_csv(const std::vector<core::Interval>& rows);
std::string to_json(const std::vector<core::Interval>& rows);

/// A message in pieces: each an English pattern with one "{}" per argument. The journal layer has no translations
/// (DESIGN.md section 1), so the caller renders it with its own: `render(app::tr)` shows it in the user's language,
/// `render()` in English. Every pattern is marked for xgettext where it is written (interchange.cpp).
struct Message {
    struct Piece {
        std::string pattern;
        std::vector<std::string> args;
    };
    std::vector<Piece> pieces;
    bool empty() const { return pieces.empty(); }
    std::string render(const std::function<std::string(std::string_view)>& translate = {}) const;
};

struct ParseResult {
    std::vector<core::Interval> rows;
    std::string error;  // "week.csv:7: end 2026-11-30T07:00:00Z is before start ...; fix: ..." or ""
    Message message;    // the same, to be shown in the user's language
    bool ok() const { return error.empty(); }
};

/// Tells CSV from JSON by content; a CSV may be separated by commas or by semicolons (as a French spreadsheet saves it)
/// and start with a UTF-8 byte order mark. An empty work_day is computed from start, offset and `day_start`.
ParseResult parse_interchange(std::string_view text, std::string_view file_name, core::Minutes day_start);

struct ImportResult {
    std::int64_t added = 0;
    std::int64_t skipped = 0;  // already in the journal
    std::string error;         // one line; nothing was written when set
    Message message;           // the same, to be shown in the user's language
    bool ok() const { return error.empty(); }
};

ImportResult import_text(Journal& journal, std::string_view text, std::string_view file_name, core::Minutes day_start);

/// Intervals whose work day is in [from, to] (open ends: all), ordered by start, in the chosen format. `journal` is the
/// journal file, or the running agent's live view of it.
std::string export_text(const core::IntervalSource& journal, Format format, std::optional<core::Date> from,
                        std::optional<core::Date> to);

}  // namespace clockout::journal
