// Several devices, one picture (docs/devices.md): each device publishes its own rows into a folder the worker's sync
// engine keeps on every computer, FOLDER/<device id>/YYYY-MM.csv, and reads the other devices' files into its journal
// as their rows. The journal stays local; nothing another device wrote is ever written back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/context.h"
#include "core/time.h"

namespace clockout::app {

struct SyncReport {
    std::string error;                      // the folder cannot be used: one line with the fix ("" = fine)
    int files_published = 0;                // own month files written
    int files_read = 0;                     // other devices' files read in whole (new or changed)
    std::int64_t rows_read = 0;             // rows those files hold
    std::vector<std::string> problems;      // every file skipped, one line each (file, line, fix), user's language
    std::vector<std::string> new_problems;  // those not told before: the agent tells these once
    int waiting = 0;                        // files still being synced (no whole trailer yet): retried quietly
};

struct DeviceInfo {
    std::string id;    // 16 hex digits, the folder's name
    std::string name;  // the display name (the host name, or [journal] device)
    bool self = false;
    std::int64_t rows = 0;
    std::int64_t last_file = 0;  // UTC seconds of the newest file read from it (own: written); 0 = none
    std::vector<std::string> problems;
};

/// This device's id: 16 random hex digits kept in the journal's meta table, made at first need.
std::string device_id(journal::Journal& journal);

class DevicesFolder {
  public:
    DevicesFolder(journal::Journal& journal, const Context& context);
    bool enabled() const { return !folder_.empty(); }
    const std::filesystem::path& folder() const { return folder_; }
    /// Writes the month files of own rows changed since the last publish (and any own file found missing).
    SyncReport publish();
    /// Reads the other devices' files that are new or changed since the last pass; skips the rest on size and time.
    SyncReport read_others(core::TimePoint now);
    /// publish, then read_others.
    SyncReport sync(core::TimePoint now);

  private:
    journal::Journal& journal_;
    std::filesystem::path folder_;
    std::string name_;
    core::Minutes day_start_;
};

/// `clockout sync`: opens the journal of `context` and runs one pass. Throws std::runtime_error for a journal that
/// cannot be opened.
SyncReport sync_devices_now(const Context& context);
/// `clockout devices`: every device the journal has seen, this one first (read-only).
std::vector<DeviceInfo> list_devices(const Context& context);
std::string devices_json(const std::vector<DeviceInfo>& devices);
/// `clockout doctor`'s section "Devices folder". Returns the number of problems found.
int print_doctor_devices(const Context& context, std::ostream& out);

}  // namespace clockout::app
