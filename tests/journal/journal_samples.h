// Realistic intervals shared by the journal suites: a Paris week in winter, the spring DST change, a late evening
// past midnight, and a device name that needs CSV quoting.
#pragma once

#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "core/interval.h"
#include "core/time.h"
#include "support/test_support.h"

namespace clockout::test {

inline std::vector<core::Interval> sample_intervals() {
    using core::State;
    std::vector<core::Interval> rows;
    auto add = [&](State s, const std::string& from, const std::string& to, int offset,
                   const std::string& device = "laptop") { rows.push_back(span(s, from, to, offset, device)); };
    for (std::string d : {"2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"}) {
        add(State::active, d + " 08:58", d + " 10:41", 60);
        add(State::idle, d + " 10:41", d + " 10:55", 60);
        add(State::active, d + " 10:55", d + " 12:31", 60);
        add(State::locked, d + " 12:31", d + " 13:29", 60);
        add(State::active, d + " 13:29", d + " 17:46", 60);
        add(State::suspended, d + " 17:46", d + " 21:10", 60);
    }
    // A late evening that crosses midnight belongs to the work day it started on (day_start 04:00).
    add(State::active, "2026-12-02 23:30", "2026-12-03 00:40", 60);
    add(State::personal, "2026-12-05 10:00", "2026-12-05 11:00", 60);
    add(State::off, "2026-12-05 11:00", "2026-12-05 11:00", 60);
    // Spring forward in Paris: the offset is frozen per row.
    add(State::active, "2026-03-27 09:00", "2026-03-27 12:00", 60);
    add(State::active, "2026-03-30 09:00", "2026-03-30 12:00", 120);
    // A second device whose name and backend need quoting in CSV.
    core::Interval quoted = span(State::active, "2026-12-01 20:00", "2026-12-01 20:30", 60, "work laptop, \"Tom\"");
    quoted.source = "mutter,ext";
    rows.push_back(quoted);
    return rows;
}

/// One value read straight from the file with SQLite, bypassing the journal's own code.
inline std::int64_t sql_int(const std::filesystem::path& file, const std::string& query) {
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    return db.execAndGet(query).getInt64();
}

inline unsigned mode_of(const std::filesystem::path& p) {
    return static_cast<unsigned>(std::filesystem::status(p).permissions() & std::filesystem::perms::all);
}

}  // namespace clockout::test
