// The journal as the CLI and the windows use it, without its type: journal/ stays below app/ (DESIGN.md section 1),
// so a layer above cannot reach past app/ to the store.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "core/interval.h"
#include "core/time.h"

namespace clockout::app {

enum class ExportFormat { csv, json };

struct ImportOutcome {
    std::int64_t added = 0;
    std::int64_t skipped = 0;  // already in the journal
    std::string error;         // one line naming the file and line; nothing was written when set
    bool ok() const { return error.empty(); }
};

/// CSV or JSON of the intervals of `source` whose work day is in [from, to] (open ends: all): the journal file or the
/// running agent's live view of it (the weekly summary's export).
std::string export_text(const core::IntervalSource& source, ExportFormat format, std::optional<core::Date> from,
                        std::optional<core::Date> to);

class JournalAccess {
  public:
    /// Opens the journal of `context` (its folder created 0700 unless read_only; a missing journal read-only reads as
    /// empty). Throws std::runtime_error with one line for the user; `notices` gets what the user should be told.
    JournalAccess(const Context& context, bool read_only, std::vector<std::string>& notices);
    ~JournalAccess();
    JournalAccess(const JournalAccess&) = delete;
    JournalAccess& operator=(const JournalAccess&) = delete;

    /// The stored intervals, for core's metrics (compute_day, compute_week).
    const core::IntervalSource& intervals() const;
    /// As export_text above, from this journal.
    std::string export_text(ExportFormat format, std::optional<core::Date> from, std::optional<core::Date> to) const;
    /// Imports CSV or JSON (told apart by content) in one transaction; an empty work_day is computed with `day_start`.
    ImportOutcome import_text(std::string_view text, std::string_view file_name, core::Minutes day_start);
    /// Deletes the intervals whose work day is in [from, to] (both open: everything); returns how many.
    std::int64_t purge(std::optional<core::Date> from, std::optional<core::Date> to);

  private:
    std::unique_ptr<journal::Journal> journal_;
};

}  // namespace clockout::app
