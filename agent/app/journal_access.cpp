#include "app/journal_access.h"

#include "app/i18n.h"
#include "journal/interchange.h"
#include "journal/journal.h"

namespace clockout::app {

namespace {

journal::Format to_journal(ExportFormat format) {
    return format == ExportFormat::json ? journal::Format::json : journal::Format::csv;
}

}  // namespace

std::string export_text(const core::IntervalSource& source, ExportFormat format, std::optional<core::Date> from,
                        std::optional<core::Date> to) {
    return journal::export_text(source, to_journal(format), from, to);
}

JournalAccess::JournalAccess(const Context& context, bool read_only, std::vector<std::string>& notices)
    : journal_(open_journal(context, read_only, notices)) {}

JournalAccess::~JournalAccess() = default;

const core::IntervalSource& JournalAccess::intervals() const {
    return *journal_;
}

std::string JournalAccess::export_text(ExportFormat format, std::optional<core::Date> from,
                                       std::optional<core::Date> to) const {
    return journal::export_text(*journal_, to_journal(format), from, to);
}

ImportOutcome JournalAccess::import_text(std::string_view text, std::string_view file_name, core::Minutes day_start) {
    auto result = journal::import_text(*journal_, text, file_name, day_start);
    // The error in the user's language: the journal cannot translate (it is below app/), so it gives the pieces.
    std::string error = result.ok() || result.message.empty()
                            ? result.error
                            : result.message.render([](std::string_view english) { return tr(english); });
    return {result.added, result.skipped, error};
}

std::int64_t JournalAccess::purge(std::optional<core::Date> from, std::optional<core::Date> to) {
    return journal_->purge(from, to);
}

}  // namespace clockout::app
