// Seeing a file change while the agent runs (the worker's settings.toml edited by hand), on the agent's main loop.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace clockout::platform {

class FileWatch {
  public:
    virtual ~FileWatch() = default;
    /// Watches `file` through its folder, so an editor that saves by writing a new file and renaming it over the old
    /// one is seen too; `changed` runs on the main loop once per burst of changes. Returns "" or why it cannot watch.
    virtual std::string start(const std::filesystem::path& file, std::function<void()> changed) = 0;
    /// Watches `folder` and each folder in it, one level down (new ones included): `changed` runs on the main loop once
    /// per burst of changes anywhere there, after `settle_ms` without a change (a sync engine writes a file in several
    /// steps). Returns "" or why it cannot watch. Replaces what start() watched.
    virtual std::string start_tree(const std::filesystem::path& folder, std::function<void()> changed, int settle_ms) {
        (void)folder;
        (void)changed;
        (void)settle_ms;
        return "a folder watch is not available on this system";
    }
    /// Stops watching; `changed` is not called afterwards.
    virtual void stop() = 0;
};

/// This OS's file watch (inotify on Linux); where none is written yet, one whose start() says it is unavailable.
std::unique_ptr<FileWatch> make_file_watch();

}  // namespace clockout::platform
