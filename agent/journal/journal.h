// The private journal: one SQLite file per device (DESIGN.md section 3).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/interval.h"
#include "core/time.h"

namespace SQLite {
class Database;
}

namespace clockout::journal {

/// A journal that cannot be used: a newer schema, an unwritable folder. what() is one line naming the file and the fix.
class JournalError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct OpenOptions {
    bool read_only = false;  // CLI reports: never create, never migrate; a missing file reads as an empty journal
    /// Names a damaged file moved aside and stamps the recovery marker; the system clock when null.
    const core::Clock* clock = nullptr;
};

/// Rows of one device that share time (DESIGN section 4 counts each instant once, but one device never records two
/// states at once): what `clockout doctor` reports and Journal::repair_overlaps merges.
struct OverlapReport {
    std::int64_t rows = 0;             // rows that share an instant of positive length with another row of their device
    std::vector<core::Date> days;      // the work days of those rows, oldest first, each once
    std::int64_t between_devices = 0;  // active rows that overlap an active row of another device: the figures count
                                       // that time once, and nothing is to be repaired
    bool operator==(const OverlapReport&) const = default;
};

struct RepairResult {
    OverlapReport before;           // what was found (and merged)
    std::int64_t rows_removed = 0;  // rows replaced by the merge
    std::int64_t rows_written = 0;  // rows that replaced them
    std::filesystem::path backup;   // the copy taken first; empty when there was nothing to repair
};

/// A file of another device read from the devices folder (docs/devices.md), as the journal remembers it.
struct RemoteFile {
    std::string device_id;     // the folder's name: 16 hex digits
    std::string name;          // "2026-11.csv", or a conflict copy's name
    std::string display_name;  // the device's name, from the file's trailer
    std::string checksum;      // of the content last read in whole ("" when none was)
    std::int64_t rows = 0;     // rows last read in from it
    std::int64_t size = 0;     // the file as last seen, to skip it while it stays the same
    std::int64_t mtime = 0;    // nanoseconds
    std::string problem;       // "" or why it was not read (incomplete, malformed at a line, a conflict copy)
    std::int64_t read_at = 0;  // UTC seconds of the last whole read
    bool operator==(const RemoteFile&) const = default;
};

/// A month file this device wrote into its own folder.
struct PublishedFile {
    std::string month;  // "2026-11"
    std::string checksum;
    std::int64_t rows = 0;
    std::int64_t size = 0;
};

struct OriginCount {
    std::string origin;  // "" = this journal's own rows, else a device id
    std::int64_t rows = 0;
};

class Journal final : public core::IntervalSource, public core::IntervalSink {
  public:
    static constexpr int kSchemaVersion = 3;

    /// Opens or creates the journal at `file` (folder 0700, file 0600). A corrupt file is moved aside to
    /// journal.corrupt-<UTC time>.sqlite and a fresh one started; a line saying so is appended to `notices`.
    /// Throws JournalError for a newer schema (left untouched) or a folder that cannot be written. Read-only, it never
    /// creates, migrates or moves anything: a damaged file throws instead, a missing one reads as empty.
    /// Every other method reports a failure (full disk, I/O error) as a JournalError naming the file and the fix.
    static std::unique_ptr<Journal> open(const std::filesystem::path& file, std::vector<std::string>* notices = nullptr,
                                         OpenOptions options = {});
    ~Journal() override;
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    // IntervalSource
    std::vector<core::Interval> intervals_for_days(core::Date first, core::Date last) const override;
    std::optional<core::Interval> last_active_before(core::TimePoint t) const override;
    std::optional<core::Interval> first_active_after(core::TimePoint t) const override;
    std::optional<core::Date> first_day() const override;

    // IntervalSink: writes go into one open transaction that commit() ends.
    std::int64_t insert(const core::Interval& interval) override;
    void update(const core::Interval& interval) override;
    void add_marker(const core::Marker& marker) override;
    void commit(std::string_view reason) override;

    std::vector<core::Marker> markers() const;
    std::int64_t interval_count() const;
    /// PRAGMA integrity_check; `detail` gets its first line when not "ok".
    bool integrity_ok(std::string* detail = nullptr) const;

    /// A daily copy in `dir` (journal-YYYY-MM-DD.sqlite, 0600), keeping the newest `keep`. Returns the file written,
    /// or nullopt when today's copy exists already.
    std::optional<std::filesystem::path> backup_if_due(const std::filesystem::path& dir, core::Date today,
                                                       int keep = 7);
    /// Removes intervals whose work day is in [from, to] (open ends: no bound). Returns how many were removed.
    std::int64_t purge(std::optional<core::Date> from, std::optional<core::Date> to);
    /// Removes intervals older than `days` before `today`.
    std::int64_t apply_retention(core::Date today, std::int64_t days);

    /// Inserts rows in one transaction, skipping those already present (same start, end, state and device).
    /// Returns how many were added. Rolls back and rethrows on any failure.
    std::int64_t add_all(const std::vector<core::Interval>& rows);

    /// Rows of one device that overlap each other, and active rows that overlap another device's.
    OverlapReport overlaps() const;
    /// Merges each device's overlapping rows into rows that never overlap, in one transaction, after a copy of the
    /// journal in `backup_dir` (journal-before-repair-<UTC time>.sqlite, 0600, never pruned). Every active instant is
    /// kept: where rows disagree, active wins, then personal, locked, suspended, idle and off; each merged row keeps
    /// the offset, work day and source of the row it comes from. Rows of no length, and rows of other devices, are
    /// left as they are. Nothing is written (and no copy taken) when there is nothing to repair.
    RepairResult repair_overlaps(const std::filesystem::path& backup_dir, core::TimePoint now);

    // Several devices (schema 3, docs/devices.md). Own rows have no origin; rows read from another device's file have
    // its id as origin. On a journal of an older schema opened read-only these read as empty.
    bool has_devices_tables() const;
    /// A value of the meta table ("" when none); set_meta commits.
    std::string meta(std::string_view key) const;
    void set_meta(std::string_view key, std::string_view value);
    /// The months ("2026-11") of own rows changed since they were last published (the triggers keep this list).
    std::vector<std::string> pending_months() const;
    /// Adds `months` to the list; `all_own` adds every month with own rows and every month published before.
    void mark_months_pending(const std::vector<std::string>& months, bool all_own = false);
    /// The own rows of `device` whose work day is in `month`, in start order, and the month off the list, in one
    /// transaction (a row changed afterwards puts it back).
    std::vector<core::Interval> take_own_month(const std::string& month, std::string_view device);
    std::vector<PublishedFile> published_files() const;
    void record_published(const PublishedFile& file);
    std::vector<RemoteFile> remote_files() const;
    /// Remembers a file without touching rows (unchanged content, or a problem).
    void record_remote_file(const RemoteFile& file);
    void forget_remote_file(const std::string& device_id, const std::string& name);
    /// In one transaction: removes the rows of device `file.device_id` with a work day in [first, last], inserts
    /// `rows` as that device's, and remembers `file`. Returns how many rows were removed.
    std::int64_t replace_remote_rows(const RemoteFile& file, core::Date first, core::Date last,
                                     const std::vector<core::Interval>& rows);
    /// How many rows each origin has ("" = own).
    std::vector<OriginCount> rows_by_origin() const;
    /// Own rows (no origin) named `device`.
    std::int64_t own_row_count(std::string_view device) const;

    const std::filesystem::path& path() const { return path_; }
    int schema_version() const;

    /// Opened with OpenOptions::read_only: every write throws JournalError.
    bool read_only() const { return read_only_; }

  private:
    struct Statements;  // prepared once, reused by every call (journal.cpp)

    Journal(std::filesystem::path path, std::unique_ptr<SQLite::Database> db, bool read_only);
    void begin_if_needed();
    void require_writable(std::string_view what) const;
    [[noreturn]] void fail(const std::exception& e, std::string_view doing) const;

    std::filesystem::path path_;
    std::unique_ptr<SQLite::Database> db_;  // null: read-only view of a journal that does not exist yet
    std::unique_ptr<Statements> stmts_;     // declared after db_ so it is destroyed first
    bool read_only_ = false;
    bool in_transaction_ = false;
};

}  // namespace clockout::journal
