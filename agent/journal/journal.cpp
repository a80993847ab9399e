#include "journal/journal.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <system_error>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "platform/files.h"

namespace clockout::journal {

namespace fs = std::filesystem;

namespace {

// Long enough to wait out the agent's commit (a few fsyncs), short enough for a CLI to give up with a message.
constexpr int kBusyTimeoutMs = 3000;
// "CLKO": lets `file` and other tools recognise a Clockout journal (PRAGMA application_id).
constexpr int kApplicationId = 0x434C4B4F;

constexpr const char* kColumns = "id, start_utc, end_utc, state, utc_offset_s, work_day, source, device";

// Schema version 1. States are stored as words so that the file reads plainly in the sqlite3 shell; the CHECKs keep
// hand edits from smuggling in rows the program cannot read back.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE interval (
    id           INTEGER PRIMARY KEY,
    start_utc    INTEGER NOT NULL,
    end_utc      INTEGER NOT NULL CHECK (end_utc >= start_utc),
    state        TEXT    NOT NULL CHECK (state IN ('active', 'idle', 'locked', 'suspended', 'personal', 'off')),
    utc_offset_s INTEGER NOT NULL CHECK (utc_offset_s BETWEEN -86400 AND 86400),
    work_day     TEXT    NOT NULL CHECK (work_day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    source       TEXT    NOT NULL,
    device       TEXT    NOT NULL
) STRICT;
CREATE INDEX interval_by_day ON interval (work_day, start_utc);
CREATE INDEX interval_by_start ON interval (start_utc);
CREATE INDEX interval_active_by_end ON interval (end_utc) WHERE state = 'active';
CREATE TABLE marker (
    ts_utc INTEGER NOT NULL,
    kind   TEXT    NOT NULL,
    detail TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('application', 'org.clockout.Clockout');
PRAGMA application_id = 1129073487;
)sql";
static_assert(kApplicationId == 1129073487, "the literal in kSchemaV1 must match");

using MigrationStep = void (*)(SQLite::Database&);

void step_to_1(SQLite::Database& db) {
    db.exec(kSchemaV1);
}

// Version 2 (issue 14): the `call` state, work like `active`, and the partial index over both. SQLite cannot change a
// CHECK in place, so the table is rebuilt with its rows and ids as they were (inside migrate's transaction).
void step_to_2(SQLite::Database& db) {
    db.exec(R"sql(
CREATE TABLE interval_v2 (
    id           INTEGER PRIMARY KEY,
    start_utc    INTEGER NOT NULL,
    end_utc      INTEGER NOT NULL CHECK (end_utc >= start_utc),
    state        TEXT    NOT NULL CHECK (state IN ('active', 'idle', 'locked', 'suspended', 'personal', 'off', 'call')),
    utc_offset_s INTEGER NOT NULL CHECK (utc_offset_s BETWEEN -86400 AND 86400),
    work_day     TEXT    NOT NULL CHECK (work_day GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    source       TEXT    NOT NULL,
    device       TEXT    NOT NULL
) STRICT;
INSERT INTO interval_v2 (id, start_utc, end_utc, state, utc_offset_s, work_day, source, device)
    SELECT id, start_utc, end_utc, state, utc_offset_s, work_day, source, device FROM interval;
DROP TABLE interval;
ALTER TABLE interval_v2 RENAME TO interval;
CREATE INDEX interval_by_day ON interval (work_day, start_utc);
CREATE INDEX interval_by_start ON interval (start_utc);
CREATE INDEX interval_work_by_end ON interval (end_utc) WHERE state IN ('active', 'call');
)sql");
}

// Version 3 (issue 15, docs/devices.md): several devices. `origin` says which device's published file a row came from
// ('' = this journal's own rows: recorded here or imported by hand); `remote_file` remembers each file read from the
// devices folder; `publish_pending` lists the months of own rows changed since they were last published (kept by the
// triggers, so a publish pass reads nothing but the months that changed) and `published` the files written.
void step_to_3(SQLite::Database& db) {
    db.exec(R"sql(
ALTER TABLE interval ADD COLUMN origin TEXT NOT NULL DEFAULT '';
CREATE INDEX interval_by_origin ON interval (origin, work_day);
CREATE TABLE remote_file (
    device_id    TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    display_name TEXT    NOT NULL DEFAULT '',
    checksum     TEXT    NOT NULL DEFAULT '',
    rows         INTEGER NOT NULL DEFAULT 0,
    size         INTEGER NOT NULL DEFAULT 0,
    mtime        INTEGER NOT NULL DEFAULT 0,
    problem      TEXT    NOT NULL DEFAULT '',
    read_at      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (device_id, name)
) STRICT, WITHOUT ROWID;
CREATE TABLE publish_pending (month TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
CREATE TABLE published (
    month    TEXT PRIMARY KEY,
    checksum TEXT    NOT NULL,
    rows     INTEGER NOT NULL,
    size     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO publish_pending (month) SELECT DISTINCT substr(work_day, 1, 7) FROM interval;
CREATE TRIGGER own_row_inserted AFTER INSERT ON interval WHEN NEW.origin = '' BEGIN
    INSERT OR IGNORE INTO publish_pending (month) VALUES (substr(NEW.work_day, 1, 7));
END;
CREATE TRIGGER own_row_updated AFTER UPDATE ON interval WHEN NEW.origin = '' OR OLD.origin = '' BEGIN
    INSERT OR IGNORE INTO publish_pending (month) VALUES (substr(NEW.work_day, 1, 7));
    INSERT OR IGNORE INTO publish_pending (month) VALUES (substr(OLD.work_day, 1, 7));
END;
CREATE TRIGGER own_row_deleted AFTER DELETE ON interval WHEN OLD.origin = '' BEGIN
    INSERT OR IGNORE INTO publish_pending (month) VALUES (substr(OLD.work_day, 1, 7));
END;
)sql");
}

// steps[n] takes a journal from version n to n + 1.
constexpr std::array<MigrationStep, Journal::kSchemaVersion> kSteps = {&step_to_1, &step_to_2, &step_to_3};

int user_version(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

int primary_code(const SQLite::Exception& e) {
    return e.getErrorCode() & 0xff;
}

bool is_damage(const SQLite::Exception& e) {
    int code = primary_code(e);
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

std::string folder_of(const fs::path& file) {
    fs::path folder = file.parent_path();
    return folder.empty() ? std::string(".") : folder.string();
}

std::string newer_schema_message(const fs::path& file, int version) {
    return file.string() + ": journal schema version " + std::to_string(version) +
           " is newer than this Clockout understands (" + std::to_string(Journal::kSchemaVersion) +
           "); fix: install a newer Clockout; the file was left untouched";
}

std::string damaged_read_only_message(const fs::path& file, const std::string& why) {
    return file.string() + ": the journal is damaged (" + why +
           "); fix: start the Clockout agent once: it moves the damaged file aside and starts a fresh journal";
}

// The folder is created 0700; an existing folder is left as the user made it (it may be one they chose themselves).
// The policy is platform::make_private_dir's; the words are the journal's.
void ensure_folder(const fs::path& folder) {
    std::error_code ec;
    if (fs::exists(folder, ec) && !fs::is_directory(folder, ec))
        throw JournalError(folder.string() +
                           " is not a folder; fix: remove or rename that file, or choose "
                           "another folder with --data-dir");
    std::string why;
    if (!platform::make_private_dir(folder, &why).empty())
        throw JournalError("cannot create the journal folder " + folder.string() + ": " + why +
                           "; fix: make its parent writable, or choose another folder with --data-dir");
}

std::string unwritable_folder_message(const fs::path& folder, const std::string& why) {
    return "cannot write in the journal folder " + folder.string() + ": " + why +
           "; fix: make it writable (chmod u+rwx " + folder.string() + ") or choose another folder with --data-dir";
}

// Creates `file` empty with mode 0600 before SQLite sees it: SQLite gives -wal and -shm the mode of the database, so
// they are private too, whatever the umask.
void create_private_file(const fs::path& file) {
    std::string why;
    if (!platform::create_private_file(file, &why).empty())
        throw JournalError(unwritable_folder_message(folder_of(file), why));
}

// A journal copied in with group or world bits loses them: it holds a record of someone's working hours.
void tighten_mode(const fs::path& file) {
    platform::restrict_to_owner(file);
}

void check_folder_writable(const fs::path& file) {
    // SQLite creates -wal and -shm beside the file, so the folder itself must be writable, not only the file.
    std::string why;
    if (!platform::folder_writable(folder_of(file), why))
        throw JournalError(unwritable_folder_message(folder_of(file), why));
}

std::unique_ptr<SQLite::Database> connect(const fs::path& file, bool read_only) {
    int flags = read_only ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    return std::make_unique<SQLite::Database>(file.string(), flags, kBusyTimeoutMs);
}

// Empty when the file looks sound, else why not. Reads only, so a refused file stays byte-identical.
std::string quick_check(SQLite::Database& db) {
    SQLite::Statement check(db, "PRAGMA quick_check(1)");
    if (!check.executeStep())
        return "quick_check returned nothing";
    std::string first = check.getColumn(0).getString();
    return first == "ok" ? std::string() : first;
}

void configure(SQLite::Database& db) {
    // WAL + FULL: a commit is on disk when commit() returns, and a crash mid-write leaves the last commit intact.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
    // Purged rows are overwritten with zeros rather than left readable in free pages: deletions are rare (purge,
    // retention), so the extra writes cost nothing that matters.
    db.exec("PRAGMA secure_delete = ON");
}

void migrate(SQLite::Database& db) {
    for (;;) {
        int version = user_version(db);
        if (version >= Journal::kSchemaVersion)
            return;
        db.exec("BEGIN IMMEDIATE");
        try {
            // Another process may have migrated while we waited for the write lock: step from what is there now.
            int locked_version = user_version(db);
            if (locked_version == version) {
                kSteps[static_cast<std::size_t>(version)](db);
                // PRAGMA takes no bound parameters; the value is our own integer, never outside data.
                db.exec("PRAGMA user_version = " + std::to_string(version + 1));
            }
            db.exec("COMMIT");
        } catch (...) {
            db.tryExec("ROLLBACK");
            throw;
        }
    }
}

fs::path with_suffix(const fs::path& file, const char* suffix) {
    fs::path out = file;
    out += suffix;
    return out;
}

constexpr std::array<const char*, 3> kSidecars = {"-wal", "-shm", "-journal"};

// journal.sqlite -> journal.corrupt-20261128T150102Z.sqlite (then -2, -3... if that name is taken).
fs::path aside_name(const fs::path& file, core::TimePoint now) {
    std::string base = file.stem().string() + ".corrupt-" + date::format("%Y%m%dT%H%M%SZ", now);
    std::string ext = file.extension().string();
    fs::path candidate = file.parent_path() / (base + ext);
    for (int n = 2; fs::exists(candidate) || fs::exists(with_suffix(candidate, "-wal")); ++n)
        candidate = file.parent_path() / (base + "-" + std::to_string(n) + ext);
    return candidate;
}

fs::path move_aside(const fs::path& file, core::TimePoint now) {
    fs::path aside = aside_name(file, now);
    std::error_code ec;
    fs::rename(file, aside, ec);
    if (ec)
        throw JournalError(file.string() + " is damaged and cannot be moved aside: " + ec.message() +
                           "; fix: move it away by hand, then start Clockout again");
    // The sidecars go along: a damaged file's WAL may hold its last commits, and must not be replayed into the
    // fresh journal.
    for (const char* suffix : kSidecars) {
        fs::path side = with_suffix(file, suffix);
        if (fs::exists(side, ec))
            fs::rename(side, with_suffix(aside, suffix), ec);
    }
    return aside;
}

core::TimePoint now_from(const core::Clock* clock) {
    if (clock)
        return clock->now();
    return std::chrono::time_point_cast<core::Seconds>(std::chrono::system_clock::now());
}

void set_checkpoint_on_close(SQLite::Database& db, bool on) {
    sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on ? 0 : 1, nullptr);
}

enum class Probe { sound, damaged };

struct ProbeResult {
    Probe verdict = Probe::sound;
    std::string why;
    std::unique_ptr<SQLite::Database> db;
    int version = 0;
};

// Opens and inspects a journal without writing to it: the schema version first, so a newer file is refused before
// anything (even the WAL switch) touches its header.
ProbeResult probe(const fs::path& file, bool read_only) {
    ProbeResult result;
    try {
        result.db = connect(file, read_only);
        // Closing the last connection checkpoints the WAL into the main file and deletes it. A file we may refuse
        // (newer schema) or move aside (damaged) must be closed without either, so that it and its WAL stay as found.
        set_checkpoint_on_close(*result.db, false);
        result.version = user_version(*result.db);
        if (result.version > Journal::kSchemaVersion) {
            result.db.reset();
            throw JournalError(newer_schema_message(file, result.version));
        }
        std::string bad = quick_check(*result.db);
        if (!bad.empty()) {
            result.verdict = Probe::damaged;
            result.why = bad;
            result.db.reset();
        } else {
            set_checkpoint_on_close(*result.db, true);
        }
    } catch (const SQLite::Exception& e) {
        if (!is_damage(e))
            throw;
        result.verdict = Probe::damaged;
        result.why = e.what();
        result.db.reset();
    }
    return result;
}

std::string fix_for(const SQLite::Exception& e, const fs::path& file) {
    switch (primary_code(e)) {
        case SQLITE_FULL:
            return "free some disk space";
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return "make the folder " + folder_of(file) +
                   " and the journal writable by you, or choose another "
                   "folder with --data-dir";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "another program is writing the journal; wait a moment and try again";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return "restart the Clockout agent: it moves the damaged file aside and starts a fresh journal";
        case SQLITE_IOERR:
            return "check the disk (is it full, removed or failing?)";
        default:
            return "this is a bug in Clockout; please report this message";
    }
}

std::string_view text_of(const SQLite::Statement& s, int column) {
    SQLite::Column c = s.getColumn(column);
    return std::string_view(c.getText(), static_cast<std::size_t>(c.getBytes()));
}

core::Interval read_interval(const SQLite::Statement& s) {
    core::Interval row;
    row.id = s.getColumn(0).getInt64();
    row.start = core::TimePoint{core::Seconds{s.getColumn(1).getInt64()}};
    row.end = core::TimePoint{core::Seconds{s.getColumn(2).getInt64()}};
    // The CHECK constraints make both parses certain; views avoid a string per column on reads of 100k rows.
    auto state = core::parse_state(text_of(s, 3));
    row.state = state.value_or(core::State::off);
    row.utc_offset = core::Seconds{s.getColumn(4).getInt64()};
    auto day = core::parse_date(text_of(s, 5));
    if (!day)
        throw JournalError("interval " + std::to_string(row.id) + " has an unreadable work_day '" +
                           std::string(text_of(s, 5)) + "'; fix: correct it with the sqlite3 shell");
    row.work_day = *day;
    row.source = text_of(s, 6);
    row.device = text_of(s, 7);
    return row;
}

void bind_interval(SQLite::Statement& s, const core::Interval& row) {
    s.bind(1, static_cast<std::int64_t>(row.start.time_since_epoch().count()));
    s.bind(2, static_cast<std::int64_t>(row.end.time_since_epoch().count()));
    s.bind(3, std::string(core::to_string(row.state)));
    s.bind(4, static_cast<std::int64_t>(row.utc_offset.count()));
    s.bind(5, core::format_date(row.work_day));
    s.bind(6, row.source);
    s.bind(7, row.device);
}

// A cached statement is reset when the call that used it ends, so it never holds a read snapshot open between calls.
class InUse {
  public:
    explicit InUse(SQLite::Statement& s) : s_(s) {}
    ~InUse() {
        s_.tryReset();
        s_.clearBindings();
    }
    InUse(const InUse&) = delete;
    InUse& operator=(const InUse&) = delete;
    SQLite::Statement* operator->() { return &s_; }
    SQLite::Statement& operator*() { return s_; }

  private:
    SQLite::Statement& s_;
};

std::string select_intervals(const char* tail) {
    return std::string("SELECT ") + kColumns + " FROM interval " + tail;
}

std::int64_t seconds_of(core::TimePoint t) {
    return static_cast<std::int64_t>(t.time_since_epoch().count());
}

bool is_backup_name(const std::string& name) {
    // journal-YYYY-MM-DD.sqlite exactly: pruning must never touch a file the user put there.
    constexpr std::string_view prefix = "journal-";
    constexpr std::string_view suffix = ".sqlite";
    if (name.size() != prefix.size() + 10 + suffix.size())
        return false;
    if (name.compare(0, prefix.size(), prefix) != 0 || name.compare(prefix.size() + 10, suffix.size(), suffix) != 0)
        return false;
    return core::parse_date(std::string_view(name).substr(prefix.size(), 10)).has_value();
}

// Copies the committed journal to `target` through a temporary name, so a copy cut short by a crash is never taken for
// a whole one. The copy inherits WAL mode from page 1; it is better a single file that reading leaves alone.
void copy_database(const fs::path& target, SQLite::Database& db) {
    fs::path part = with_suffix(target, ".part");
    std::error_code ec;
    fs::remove(part, ec);
    for (const char* suffix : kSidecars)
        fs::remove(with_suffix(part, suffix), ec);
    create_private_file(part);
    db.backup(part.string().c_str(), SQLite::Database::Save);
    {
        SQLite::Database copy(part.string(), SQLite::OPEN_READWRITE);
        copy.exec("PRAGMA journal_mode = DELETE");
    }
    fs::rename(part, target);
}

// `own_only`: without the rows read from other devices' files (schema 3), which are theirs to repair.
std::vector<core::Interval> all_rows(SQLite::Database& db, bool own_only = false) {
    std::vector<core::Interval> rows;
    SQLite::Statement s(db, select_intervals(own_only ? "WHERE origin = '' ORDER BY device, start_utc, id"
                                                      : "ORDER BY device, start_utc, id"));
    while (s.executeStep())
        rows.push_back(read_interval(s));
    return rows;
}

// The rows of each device that share time, in groups: within a device's rows in start order, a group goes on while
// the next row starts before the latest end so far, so every row of a group of two or more overlaps another one.
// Rows of no length hold no instant and overlap nothing.
std::vector<std::vector<core::Interval>> overlap_groups(std::vector<core::Interval> rows) {
    std::erase_if(rows, [](const core::Interval& r) { return r.end <= r.start; });
    std::stable_sort(rows.begin(), rows.end(), [](const core::Interval& a, const core::Interval& b) {
        return a.device != b.device ? a.device < b.device : a.start != b.start ? a.start < b.start : a.id < b.id;
    });
    std::vector<std::vector<core::Interval>> groups;
    std::vector<core::Interval> group;
    core::TimePoint reach{};
    for (auto& row : rows) {
        if (!group.empty() && row.device == group.front().device && row.start < reach) {
            reach = std::max(reach, row.end);
            group.push_back(std::move(row));
            continue;
        }
        if (group.size() > 1)
            groups.push_back(std::move(group));
        group.clear();
        reach = row.end;
        group.push_back(std::move(row));
    }
    if (group.size() > 1)
        groups.push_back(std::move(group));
    return groups;
}

// One write transaction: BEGIN IMMEDIATE, `body`, COMMIT; when the body or the COMMIT throws, ROLLBACK and rethrow.
// `open` mirrors whether the transaction is open (Journal::in_transaction_).
template <class Body>
void write_transaction(SQLite::Database& db, bool& open, Body&& body) {
    db.exec("BEGIN IMMEDIATE");
    open = true;
    try {
        body();
        db.exec("COMMIT");
        open = false;
    } catch (...) {
        db.tryExec("ROLLBACK");
        open = false;
        throw;
    }
}

// Which state stands where one device's rows disagree: every active instant is kept, then the states closest to it.
int precedence(core::State s) {
    switch (s) {
        case core::State::active:
            return 0;
        case core::State::call:
            return 1;
        case core::State::personal:
            return 2;
        case core::State::locked:
            return 3;
        case core::State::suspended:
            return 4;
        case core::State::idle:
            return 5;
        case core::State::off:
            return 6;
    }
    return 7;
}

// One group of overlapping rows as rows that never overlap: the span between two consecutive ends of rows takes the
// state of the row that wins there (precedence, then the row written first), and neighbours from rows alike join.
std::vector<core::Interval> merge_group(const std::vector<core::Interval>& group) {
    std::vector<core::TimePoint> cuts;
    for (const auto& r : group) {
        cuts.push_back(r.start);
        cuts.push_back(r.end);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<core::Interval> out;
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const core::Interval* best = nullptr;
        for (const auto& r : group) {
            if (r.start <= cuts[k] && cuts[k + 1] <= r.end &&
                (!best || precedence(r.state) < precedence(best->state) ||
                 (precedence(r.state) == precedence(best->state) && r.id < best->id)))
                best = &r;
        }
        if (!best)
            continue;  // not reached: a group has no hole
        if (!out.empty() && out.back().end == cuts[k] && out.back().state == best->state &&
            out.back().utc_offset == best->utc_offset && out.back().work_day == best->work_day &&
            out.back().source == best->source) {
            out.back().end = cuts[k + 1];
            continue;
        }
        core::Interval piece = *best;
        piece.start = cuts[k];
        piece.end = cuts[k + 1];
        piece.id = 0;
        out.push_back(std::move(piece));
    }
    return out;
}

OverlapReport report_of(const std::vector<core::Interval>& rows) {
    OverlapReport report;
    for (const auto& group : overlap_groups(rows)) {
        report.rows += static_cast<std::int64_t>(group.size());
        for (const auto& r : group)
            report.days.push_back(r.work_day);
    }
    std::sort(report.days.begin(), report.days.end());
    report.days.erase(std::unique(report.days.begin(), report.days.end()), report.days.end());

    // Active rows of two devices that share time, swept in start order with the rows still running.
    std::vector<const core::Interval*> active;
    for (const auto& r : rows)
        if (core::is_work(r.state) && r.end > r.start)
            active.push_back(&r);
    std::stable_sort(active.begin(), active.end(),
                     [](const core::Interval* a, const core::Interval* b) { return a->start < b->start; });
    std::vector<const core::Interval*> running;
    std::vector<std::int64_t> crossing;
    for (const auto* r : active) {
        std::erase_if(running, [r](const core::Interval* o) { return o->end <= r->start; });
        for (const auto* o : running) {
            if (o->device != r->device) {
                crossing.push_back(o->id);
                crossing.push_back(r->id);
            }
        }
        running.push_back(r);
    }
    std::sort(crossing.begin(), crossing.end());
    report.between_devices =
        static_cast<std::int64_t>(std::unique(crossing.begin(), crossing.end()) - crossing.begin());
    return report;
}

}  // namespace

struct Journal::Statements {
    explicit Statements(SQLite::Database& db)
        : insert(db,
                 "INSERT INTO interval (start_utc, end_utc, state, utc_offset_s, work_day, source, device) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)"),
          update(db,
                 "UPDATE interval SET start_utc = ?, end_utc = ?, state = ?, utc_offset_s = ?, work_day = ?, "
                 "source = ?, device = ? WHERE id = ?"),
          // Index order (no temporary sort in SQLite); intervals_for_days restores start order, rarely needed.
          by_days(db, select_intervals("WHERE work_day BETWEEN ? AND ? ORDER BY work_day, start_utc, id")),
          // The literal list (not parameters) lets SQLite use the partial index interval_work_by_end.
          last_active(db, select_intervals("WHERE state IN ('active', 'call') AND end_utc <= ? "
                                           "ORDER BY end_utc DESC, id DESC LIMIT 1")),
          first_active(db, select_intervals("WHERE state IN ('active', 'call') AND start_utc >= ? "
                                            "ORDER BY start_utc, id LIMIT 1")),
          duplicate(db,
                    "SELECT 1 FROM interval WHERE start_utc = ? AND end_utc = ? AND state = ? AND device = ? "
                    "LIMIT 1"),
          marker(db, "INSERT INTO marker (ts_utc, kind, detail) VALUES (?, ?, ?)") {}

    SQLite::Statement insert;
    SQLite::Statement update;
    SQLite::Statement by_days;
    SQLite::Statement last_active;
    SQLite::Statement first_active;
    SQLite::Statement duplicate;
    SQLite::Statement marker;
};

Journal::Journal(fs::path path, std::unique_ptr<SQLite::Database> db, bool read_only)
    : path_(std::move(path)), db_(std::move(db)), read_only_(read_only) {
    if (db_)
        stmts_ = std::make_unique<Statements>(*db_);
}

std::unique_ptr<Journal> Journal::open(const fs::path& file, std::vector<std::string>* notices, OpenOptions options) {
    if (options.read_only) {
        std::error_code ec;
        // A fresh machine has no journal yet: reports show empty weeks rather than an error.
        if (!fs::exists(file, ec))
            return std::unique_ptr<Journal>(new Journal(file, nullptr, true));
        ProbeResult probed;
        try {
            probed = probe(file, true);
        } catch (const SQLite::Exception& e) {
            throw JournalError(file.string() + ": cannot read the journal: " + e.what() + "; fix: " + fix_for(e, file));
        }
        if (probed.verdict == Probe::damaged)
            throw JournalError(damaged_read_only_message(file, probed.why));
        // Versions 1 and 2 read as version 3 (1 only lacks the `call` state, 2 the devices tables and the rows'
        // origin), so a report run before the upgraded agent has started once reads it as it is, untouched.
        if (probed.version < kSchemaVersion && probed.version < 1) {
            bool empty =
                probed.version == 0 && probed.db->execAndGet("SELECT count(*) FROM sqlite_schema").getInt64() == 0;
            if (!empty)
                throw JournalError(file.string() + ": journal schema version " + std::to_string(probed.version) +
                                   " is older than this Clockout's (" + std::to_string(kSchemaVersion) +
                                   "); fix: start the Clockout agent once to upgrade it");
            return std::unique_ptr<Journal>(new Journal(file, nullptr, true));
        }
        return std::unique_ptr<Journal>(new Journal(file, std::move(probed.db), true));
    }

    ensure_folder(file.parent_path().empty() ? fs::path(".") : file.parent_path());
    check_folder_writable(file);
    create_private_file(file);
    tighten_mode(file);

    std::string recovered_note;
    fs::path aside;
    try {
        ProbeResult probed = probe(file, false);
        if (probed.verdict == Probe::damaged) {
            aside = move_aside(file, now_from(options.clock));
            create_private_file(file);
            recovered_note = file.string() + " was damaged (" + probed.why + ") and was moved aside to " +
                             aside.filename().string() +
                             "; a fresh journal was started (nothing in the damaged file was deleted)";
            probed = probe(file, false);
            if (probed.verdict == Probe::damaged)
                throw JournalError(file.string() + ": a fresh journal cannot be started (" + probed.why +
                                   "); fix: check the disk");
        }
        configure(*probed.db);
        migrate(*probed.db);
        std::unique_ptr<Journal> journal(new Journal(file, std::move(probed.db), false));
        if (!recovered_note.empty()) {
            journal->add_marker(core::Marker{now_from(options.clock), "journal_recovered",
                                             "moved aside to " + aside.filename().string()});
            journal->commit("journal recovered");
            if (notices)
                notices->push_back(recovered_note);
        }
        return journal;
    } catch (const SQLite::Exception& e) {
        throw JournalError(file.string() + ": cannot open the journal: " + e.what() + "; fix: " + fix_for(e, file));
    }
}

Journal::~Journal() {
    if (!db_)
        return;
    try {
        if (in_transaction_ || sqlite3_get_autocommit(db_->getHandle()) == 0)
            db_->exec("COMMIT");
    } catch (...) {
        // Best effort: a destructor must not throw, and the last checkpoint is already durable.
    }
    stmts_.reset();
    if (!read_only_)
        db_->tryExec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void Journal::fail(const std::exception& e, std::string_view doing) const {
    if (auto* journal_error = dynamic_cast<const JournalError*>(&e))
        throw *journal_error;
    std::string message = path_.string() + ": cannot " + std::string(doing) + ": " + e.what();
    if (auto* sqlite_error = dynamic_cast<const SQLite::Exception*>(&e))
        throw JournalError(message + "; fix: " + fix_for(*sqlite_error, path_));
    throw JournalError(message + "; fix: this is a bug in Clockout; please report this message");
}

void Journal::require_writable(std::string_view what) const {
    if (read_only_)
        throw JournalError(path_.string() + ": cannot " + std::string(what) +
                           ": the journal was opened read-only; fix: this is a bug in Clockout; please report it");
}

void Journal::begin_if_needed() {
    // Trust SQLite over our flag: a failed COMMIT may have rolled the transaction back on its own.
    in_transaction_ = sqlite3_get_autocommit(db_->getHandle()) == 0;
    if (!in_transaction_) {
        db_->exec("BEGIN IMMEDIATE");
        in_transaction_ = true;
    }
}

std::vector<core::Interval> Journal::intervals_for_days(core::Date first, core::Date last) const {
    std::vector<core::Interval> rows;
    if (!db_)
        return rows;
    try {
        InUse s(stmts_->by_days);
        s->bind(1, core::format_date(first));
        s->bind(2, core::format_date(last));
        while (s->executeStep())
            rows.push_back(read_interval(*s));
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    // Work days follow each other in time, so the rows are nearly always in start order already; a travel or a
    // change of day_start can interleave two days.
    auto by_start = [](const core::Interval& a, const core::Interval& b) {
        return a.start != b.start ? a.start < b.start : a.id < b.id;
    };
    if (!std::is_sorted(rows.begin(), rows.end(), by_start))
        std::sort(rows.begin(), rows.end(), by_start);
    return rows;
}

std::optional<core::Interval> Journal::last_active_before(core::TimePoint t) const {
    if (!db_)
        return std::nullopt;
    try {
        InUse s(stmts_->last_active);
        s->bind(1, seconds_of(t));
        if (s->executeStep())
            return read_interval(*s);
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    return std::nullopt;
}

std::optional<core::Interval> Journal::first_active_after(core::TimePoint t) const {
    if (!db_)
        return std::nullopt;
    try {
        InUse s(stmts_->first_active);
        s->bind(1, seconds_of(t));
        if (s->executeStep())
            return read_interval(*s);
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    return std::nullopt;
}

std::optional<core::Date> Journal::first_day() const {
    if (!db_)
        return std::nullopt;
    try {
        SQLite::Statement s(*db_, "SELECT min(work_day) FROM interval");
        if (s.executeStep() && !s.getColumn(0).isNull())
            return core::parse_date(s.getColumn(0).getString());
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    return std::nullopt;
}

std::int64_t Journal::insert(const core::Interval& interval) {
    require_writable("record an interval");
    try {
        begin_if_needed();
        InUse s(stmts_->insert);
        bind_interval(*s, interval);
        s->exec();
        return db_->getLastInsertRowid();
    } catch (const std::exception& e) {
        fail(e, "record an interval");
    }
}

void Journal::update(const core::Interval& interval) {
    require_writable("update an interval");
    try {
        begin_if_needed();
        InUse s(stmts_->update);
        bind_interval(*s, interval);
        s->bind(8, interval.id);
        if (s->exec() == 0)
            throw JournalError(path_.string() + ": cannot update interval " + std::to_string(interval.id) +
                               ": there is no such interval; fix: this is a bug in Clockout; please report it");
    } catch (const std::exception& e) {
        fail(e, "update an interval");
    }
}

void Journal::add_marker(const core::Marker& marker) {
    require_writable("record a marker");
    try {
        begin_if_needed();
        InUse s(stmts_->marker);
        s->bind(1, seconds_of(marker.at));
        s->bind(2, marker.kind);
        s->bind(3, marker.detail);
        s->exec();
    } catch (const std::exception& e) {
        fail(e, "record a marker");
    }
}

void Journal::commit(std::string_view /*reason: for the caller's log*/) {
    if (!db_ || read_only_)
        return;
    try {
        if (sqlite3_get_autocommit(db_->getHandle()) == 0)
            db_->exec("COMMIT");
        in_transaction_ = false;
    } catch (const std::exception& e) {
        in_transaction_ = sqlite3_get_autocommit(db_->getHandle()) == 0;
        fail(e, "save the journal");
    }
}

std::vector<core::Marker> Journal::markers() const {
    std::vector<core::Marker> out;
    if (!db_)
        return out;
    try {
        SQLite::Statement s(*db_, "SELECT ts_utc, kind, detail FROM marker ORDER BY ts_utc, rowid");
        while (s.executeStep())
            out.push_back(core::Marker{core::TimePoint{core::Seconds{s.getColumn(0).getInt64()}},
                                       s.getColumn(1).getString(), s.getColumn(2).getString()});
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    return out;
}

std::int64_t Journal::interval_count() const {
    if (!db_)
        return 0;
    try {
        return db_->execAndGet("SELECT count(*) FROM interval").getInt64();
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
}

bool Journal::integrity_ok(std::string* detail) const {
    if (!db_)
        return true;
    try {
        SQLite::Statement s(*db_, "PRAGMA integrity_check(1)");
        std::string first = s.executeStep() ? s.getColumn(0).getString() : std::string("no answer");
        if (first == "ok")
            return true;
        if (detail)
            *detail = first;
        return false;
    } catch (const SQLite::Exception& e) {
        if (detail)
            *detail = e.what();
        return false;
    }
}

int Journal::schema_version() const {
    if (!db_)
        return 0;
    try {
        return user_version(*db_);
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
}

std::optional<fs::path> Journal::backup_if_due(const fs::path& dir, core::Date today, int keep) {
    if (!db_)
        return std::nullopt;
    std::optional<fs::path> written;
    fs::path target = dir / ("journal-" + core::format_date(today) + ".sqlite");
    try {
        ensure_folder(dir);
        std::error_code ec;
        if (!fs::exists(target, ec)) {
            // Pending writes first: the copy is taken from what is committed.
            commit("backup");
            copy_database(target, *db_);
            written = target;
        }
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir)) {
            std::string name = entry.path().filename().string();
            if (entry.is_regular_file() && is_backup_name(name))
                names.push_back(name);
        }
        // The date in the name sorts as text; newest first.
        std::sort(names.rbegin(), names.rend());
        for (std::size_t i = static_cast<std::size_t>(std::max(keep, 1)); i < names.size(); ++i)
            fs::remove(dir / names[i]);
    } catch (const std::exception& e) {
        fail(e, "write a backup in " + dir.string());
    }
    return written;
}

std::int64_t Journal::purge(std::optional<core::Date> from, std::optional<core::Date> to) {
    require_writable("purge");
    if (!db_)
        return 0;
    std::int64_t removed = 0;
    try {
        begin_if_needed();
        SQLite::Statement s(*db_,
                            "DELETE FROM interval WHERE (?1 IS NULL OR work_day >= ?1) AND "
                            "(?2 IS NULL OR work_day <= ?2)");
        if (from)
            s.bind(1, core::format_date(*from));
        if (to)
            s.bind(2, core::format_date(*to));
        removed = s.exec();
        // The copies of other devices' rows went too: their files are read again at the next sync (docs/devices.md:
        // a purge here cannot reach another device's journal or files).
        SQLite::Statement files(*db_,
                                "DELETE FROM remote_file WHERE (?1 IS NULL OR substr(name, 1, 7) >= substr(?1, 1, 7)) "
                                "AND (?2 IS NULL OR substr(name, 1, 7) <= substr(?2, 1, 7))");
        if (from)
            files.bind(1, core::format_date(*from));
        if (to)
            files.bind(2, core::format_date(*to));
        files.exec();
        // Forgetting everything forgets the markers too; a partial purge keeps them (they hold no activity).
        if (!from && !to)
            db_->exec("DELETE FROM marker");
        commit("purge");
        // Move the deletion out of the WAL into the main file now, so no copy of the purged rows lingers there.
        db_->tryExec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const std::exception& e) {
        fail(e, "purge the journal");
    }
    return removed;
}

std::int64_t Journal::apply_retention(core::Date today, std::int64_t days) {
    require_writable("apply retention");
    // Zero or less means "keep everything": a mistaken setting must never wipe the journal.
    if (!db_ || days <= 0)
        return 0;
    core::Date cutoff{date::sys_days{today} - date::days{days}};
    std::int64_t removed = 0;
    try {
        begin_if_needed();
        SQLite::Statement s(*db_, "DELETE FROM interval WHERE work_day < ?");
        s.bind(1, core::format_date(cutoff));
        removed = s.exec();
        SQLite::Statement m(*db_, "DELETE FROM marker WHERE ts_utc < ?");
        m.bind(1, seconds_of(core::TimePoint{date::sys_days{cutoff}}));
        m.exec();
        commit("retention");
    } catch (const std::exception& e) {
        fail(e, "apply retention to the journal");
    }
    return removed;
}

std::int64_t Journal::add_all(const std::vector<core::Interval>& rows) {
    require_writable("import");
    std::int64_t added = 0;
    try {
        // Whatever the tracker wrote so far is kept apart from the import, which must stand or fall alone.
        commit("before import");
        write_transaction(*db_, in_transaction_, [&] {
            for (const auto& row : rows) {
                {
                    InUse dup(stmts_->duplicate);
                    dup->bind(1, seconds_of(row.start));
                    dup->bind(2, seconds_of(row.end));
                    dup->bind(3, std::string(core::to_string(row.state)));
                    dup->bind(4, row.device);
                    if (dup->executeStep())
                        continue;
                }
                InUse ins(stmts_->insert);
                bind_interval(*ins, row);
                ins->exec();
                ++added;
            }
        });
    } catch (const std::exception& e) {
        fail(e, "import into the journal");
    }
    return added;
}

OverlapReport Journal::overlaps() const {
    if (!db_)
        return {};
    try {
        return report_of(all_rows(*db_));
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
}

RepairResult Journal::repair_overlaps(const fs::path& backup_dir, core::TimePoint now) {
    require_writable("repair overlapping rows");
    RepairResult result;
    if (!db_)
        return result;
    try {
        commit("before repair");
        result.before = report_of(all_rows(*db_, true));
        if (result.before.rows == 0)
            return result;
        ensure_folder(backup_dir);
        const std::string stem = "journal-before-repair-" + date::format("%Y%m%dT%H%M%SZ", now);
        fs::path target = backup_dir / (stem + ".sqlite");
        for (int n = 2; fs::exists(target); ++n)
            target = backup_dir / (stem + "-" + std::to_string(n) + ".sqlite");
        copy_database(target, *db_);
        result.backup = target;

        write_transaction(*db_, in_transaction_, [&] {
            // Read again under the write lock: what is merged is exactly what is there.
            SQLite::Statement remove(*db_, "DELETE FROM interval WHERE id = ?");
            for (const auto& group : overlap_groups(all_rows(*db_, true))) {
                for (const auto& row : group) {
                    remove.bind(1, row.id);
                    result.rows_removed += remove.exec();
                    remove.reset();
                }
                for (const auto& row : merge_group(group)) {
                    InUse ins(stmts_->insert);
                    bind_interval(*ins, row);
                    ins->exec();
                    ++result.rows_written;
                }
            }
            {
                InUse m(stmts_->marker);
                m->bind(1, seconds_of(now));
                m->bind(2, std::string("journal_repaired"));
                m->bind(3, std::to_string(result.rows_removed) + " overlapping rows merged into " +
                               std::to_string(result.rows_written));
                m->exec();
            }
        });
    } catch (const std::exception& e) {
        fail(e, "repair overlapping rows");
    }
    return result;
}

// ---- Several devices (schema 3, docs/devices.md) ----

bool Journal::has_devices_tables() const {
    return db_ && schema_version() >= 3;
}

std::string Journal::meta(std::string_view key) const {
    if (!db_)
        return {};
    try {
        SQLite::Statement s(*db_, "SELECT value FROM meta WHERE key = ?");
        s.bind(1, std::string(key));
        if (s.executeStep())
            return s.getColumn(0).getString();
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    return {};
}

void Journal::set_meta(std::string_view key, std::string_view value) {
    require_writable("write the journal");
    try {
        begin_if_needed();
        SQLite::Statement s(*db_, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        s.bind(1, std::string(key));
        s.bind(2, std::string(value));
        s.exec();
        commit("meta");
    } catch (const std::exception& e) {
        fail(e, "write the journal");
    }
}

std::vector<std::string> Journal::pending_months() const {
    std::vector<std::string> out;
    if (!has_devices_tables())
        return out;
    try {
        SQLite::Statement s(*db_, "SELECT month FROM publish_pending ORDER BY month");
        while (s.executeStep())
            out.push_back(s.getColumn(0).getString());
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    return out;
}

void Journal::mark_months_pending(const std::vector<std::string>& months, bool all_own) {
    require_writable("write the journal");
    try {
        begin_if_needed();
        if (all_own)
            db_->exec(
                "INSERT OR IGNORE INTO publish_pending (month) SELECT DISTINCT substr(work_day, 1, 7) FROM interval "
                "WHERE origin = ''; INSERT OR IGNORE INTO publish_pending (month) SELECT month FROM published");
        SQLite::Statement s(*db_, "INSERT OR IGNORE INTO publish_pending (month) VALUES (?)");
        for (const auto& m : months) {
            s.bind(1, m);
            s.exec();
            s.reset();
        }
        commit("devices: months to publish");
    } catch (const std::exception& e) {
        fail(e, "write the journal");
    }
}

std::vector<core::Interval> Journal::take_own_month(const std::string& month, std::string_view device) {
    require_writable("publish");
    std::vector<core::Interval> rows;
    try {
        commit("before publish");
        write_transaction(*db_, in_transaction_, [&] {
            SQLite::Statement s(*db_, select_intervals("WHERE origin = '' AND device = ? AND work_day BETWEEN ? AND ? "
                                                       "ORDER BY start_utc, id"));
            s.bind(1, std::string(device));
            s.bind(2, month + "-01");
            s.bind(3, month + "-31");
            while (s.executeStep())
                rows.push_back(read_interval(s));
            SQLite::Statement done(*db_, "DELETE FROM publish_pending WHERE month = ?");
            done.bind(1, month);
            done.exec();
        });
    } catch (const std::exception& e) {
        fail(e, "read the journal to publish it");
    }
    return rows;
}

std::vector<PublishedFile> Journal::published_files() const {
    std::vector<PublishedFile> out;
    if (!has_devices_tables())
        return out;
    try {
        SQLite::Statement s(*db_, "SELECT month, checksum, rows, size FROM published ORDER BY month");
        while (s.executeStep())
            out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getInt64(),
                           s.getColumn(3).getInt64()});
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    return out;
}

void Journal::record_published(const PublishedFile& file) {
    require_writable("publish");
    try {
        begin_if_needed();
        SQLite::Statement s(*db_, "INSERT OR REPLACE INTO published (month, checksum, rows, size) VALUES (?, ?, ?, ?)");
        s.bind(1, file.month);
        s.bind(2, file.checksum);
        s.bind(3, file.rows);
        s.bind(4, file.size);
        s.exec();
        commit("published");
    } catch (const std::exception& e) {
        fail(e, "write the journal");
    }
}

namespace {

RemoteFile read_remote_file(const SQLite::Statement& s) {
    RemoteFile f;
    f.device_id = s.getColumn(0).getString();
    f.name = s.getColumn(1).getString();
    f.display_name = s.getColumn(2).getString();
    f.checksum = s.getColumn(3).getString();
    f.rows = s.getColumn(4).getInt64();
    f.size = s.getColumn(5).getInt64();
    f.mtime = s.getColumn(6).getInt64();
    f.problem = s.getColumn(7).getString();
    f.read_at = s.getColumn(8).getInt64();
    return f;
}

void bind_remote_file(SQLite::Statement& s, const RemoteFile& f) {
    s.bind(1, f.device_id);
    s.bind(2, f.name);
    s.bind(3, f.display_name);
    s.bind(4, f.checksum);
    s.bind(5, f.rows);
    s.bind(6, f.size);
    s.bind(7, f.mtime);
    s.bind(8, f.problem);
    s.bind(9, f.read_at);
}

constexpr const char* kUpsertRemoteFile =
    "INSERT OR REPLACE INTO remote_file (device_id, name, display_name, checksum, rows, size, mtime, problem, read_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

}  // namespace

std::vector<RemoteFile> Journal::remote_files() const {
    std::vector<RemoteFile> out;
    if (!has_devices_tables())
        return out;
    try {
        SQLite::Statement s(*db_,
                            "SELECT device_id, name, display_name, checksum, rows, size, mtime, problem, read_at "
                            "FROM remote_file ORDER BY device_id, name");
        while (s.executeStep())
            out.push_back(read_remote_file(s));
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    return out;
}

void Journal::record_remote_file(const RemoteFile& file) {
    require_writable("read the devices folder");
    try {
        begin_if_needed();
        SQLite::Statement s(*db_, kUpsertRemoteFile);
        bind_remote_file(s, file);
        s.exec();
        commit("remote file");
    } catch (const std::exception& e) {
        fail(e, "write the journal");
    }
}

void Journal::forget_remote_file(const std::string& device_id, const std::string& name) {
    require_writable("read the devices folder");
    try {
        begin_if_needed();
        SQLite::Statement s(*db_, "DELETE FROM remote_file WHERE device_id = ? AND name = ?");
        s.bind(1, device_id);
        s.bind(2, name);
        s.exec();
        commit("remote file gone");
    } catch (const std::exception& e) {
        fail(e, "write the journal");
    }
}

std::int64_t Journal::replace_remote_rows(const RemoteFile& file, core::Date first, core::Date last,
                                          const std::vector<core::Interval>& rows) {
    require_writable("read the devices folder");
    std::int64_t removed = 0;
    try {
        commit("before reading a device file");
        write_transaction(*db_, in_transaction_, [&] {
            SQLite::Statement del(*db_, "DELETE FROM interval WHERE origin = ? AND work_day BETWEEN ? AND ?");
            del.bind(1, file.device_id);
            del.bind(2, core::format_date(first));
            del.bind(3, core::format_date(last));
            removed = del.exec();
            SQLite::Statement ins(*db_,
                                  "INSERT INTO interval (start_utc, end_utc, state, utc_offset_s, work_day, source, "
                                  "device, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            for (const auto& row : rows) {
                bind_interval(ins, row);
                ins.bind(8, file.device_id);
                ins.exec();
                ins.reset();
            }
            SQLite::Statement rec(*db_, kUpsertRemoteFile);
            bind_remote_file(rec, file);
            rec.exec();
        });
    } catch (const std::exception& e) {
        fail(e, "read a device file into the journal");
    }
    return removed;
}

std::vector<OriginCount> Journal::rows_by_origin() const {
    std::vector<OriginCount> out;
    if (!has_devices_tables())
        return out;
    try {
        SQLite::Statement s(*db_, "SELECT origin, count(*) FROM interval GROUP BY origin ORDER BY origin");
        while (s.executeStep())
            out.push_back({s.getColumn(0).getString(), s.getColumn(1).getInt64()});
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
    return out;
}

std::int64_t Journal::own_row_count(std::string_view device) const {
    if (!db_)
        return 0;
    try {
        SQLite::Statement s(*db_, has_devices_tables()
                                      ? "SELECT count(*) FROM interval WHERE origin = '' AND device = ?"
                                      : "SELECT count(*) FROM interval WHERE device = ?");
        s.bind(1, std::string(device));
        s.executeStep();
        return s.getColumn(0).getInt64();
    } catch (const std::exception& e) {
        fail(e, "read the journal");
    }
}

}  // namespace clockout::journal
