// Hand edits of settings.toml and the devices folder, seen while the agent runs: a change notification on the folder
// (FindFirstChangeNotificationW), waited on by the thread pool, whose callback only posts a message to a hidden window,
// so `changed` runs on the loop's thread (the agent's, which wx's loop serves too) and nothing runs between changes.
// The notification names no file: for a single file, its size, write time and existence are compared once the burst
// has settled, so a neighbour's change in the same folder calls nothing.
#include <windows.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "platform/file_watch.h"
#include "win32_util.h"

namespace clockout::platform {

namespace {

constexpr UINT changed_message = WM_APP + 30;  // lParam: the start's generation
constexpr UINT_PTR settle_timer = 1;
// Editors write in several steps (create, write, rename; or truncate, write, close): one call once they are done.
constexpr int file_settle_ms = 150;
constexpr DWORD file_filter = FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_LAST_WRITE | FILE_NOTIFY_CHANGE_SIZE;
constexpr DWORD tree_filter = file_filter | FILE_NOTIFY_CHANGE_DIR_NAME;  // the root of a tree: new folders

// What a save changes: the file's presence, size and last write (100 ns steps on NTFS).
struct Snapshot {
    bool exists = false;
    std::uint64_t size = 0;
    std::uint64_t written = 0;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const std::wstring& file) {
    WIN32_FILE_ATTRIBUTE_DATA data{};
    if (!GetFileAttributesExW(file.c_str(), GetFileExInfoStandard, &data))
        return {};
    return {true, (std::uint64_t{data.nFileSizeHigh} << 32) | data.nFileSizeLow,
            (std::uint64_t{data.ftLastWriteTime.dwHighDateTime} << 32) | data.ftLastWriteTime.dwLowDateTime};
}

class ChangeNotificationWatch final : public FileWatch {
  public:
    ~ChangeNotificationWatch() override { stop(); }

    std::string start(const std::filesystem::path& file, std::function<void()> changed) override {
        stop();
        const auto folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
        file_ = file.wstring();
        last_ = snapshot(file_);
        return begin(folder, false, file_settle_ms, std::move(changed));
    }

    // The folder and each folder in it, one handle each (as inotify on Linux: one level down, new ones included).
    // Not one subtree watch: wine does not report changes below the first level through it.
    std::string start_tree(const std::filesystem::path& folder, std::function<void()> changed, int settle_ms) override {
        stop();
        file_.clear();
        return begin(folder, true, settle_ms, std::move(changed));
    }

    void stop() override {
        changed_ = nullptr;
        for (Watched& watched : watched_) {
            if (watched.wait != nullptr)
                UnregisterWaitEx(watched.wait, INVALID_HANDLE_VALUE);  // returns once a callback in flight has finished
            if (watched.notification != INVALID_HANDLE_VALUE)
                FindCloseChangeNotification(watched.notification);
        }
        watched_.clear();
        ++generation_;  // messages already posted belong to the run that ends here
        if (window_ && window_->handle())
            KillTimer(window_->handle(), settle_timer);
    }

  private:
    struct Watched {
        std::filesystem::path folder;
        HANDLE notification = INVALID_HANDLE_VALUE;
        HANDLE wait = nullptr;
        ChangeNotificationWatch* owner = nullptr;
        std::size_t index = 0;
    };

    std::string begin(const std::filesystem::path& folder, bool tree, int settle_ms, std::function<void()> changed) {
        // The window lives as long as the watch: stop() may come from `changed`, inside its procedure.
        if (!window_) {
            window_ = std::make_unique<win32::HiddenWindow>(
                win32::HiddenWindow::Kind::message_only, L"Clockout file watch",
                [this](UINT message, WPARAM wparam, LPARAM lparam) { return on_message(message, wparam, lparam); });
        }
        if (window_->handle() == nullptr)
            return window_->error();
        settle_ms_ = settle_ms > 0 ? static_cast<UINT>(settle_ms) : USER_TIMER_MINIMUM;
        tree_ = tree;
        root_ = folder;
        watched_.reserve(64);  // the waits hold pointers to the entries: see add()
        if (std::string error = add(folder, tree ? tree_filter : file_filter); !error.empty()) {
            stop();
            return error;
        }
        if (tree)
            add_subfolders();
        changed_ = std::move(changed);
        return "";
    }

    std::string add(const std::filesystem::path& folder, DWORD filter) {
        if (watched_.size() == watched_.capacity())
            return "too many folders to watch in " + win32::utf8(root_.wstring());
        Watched& watched = watched_.emplace_back();
        watched.folder = folder;
        watched.owner = this;
        watched.index = watched_.size() - 1;
        watched.notification = FindFirstChangeNotificationW(folder.wstring().c_str(), FALSE, filter);
        if (watched.notification == INVALID_HANDLE_VALUE) {
            const DWORD code = GetLastError();
            watched_.pop_back();
            return "cannot watch " + win32::utf8(folder.wstring()) + ": " + win32::error_text(code);
        }
        return wait(watched);
    }

    // The device folders of a tree, those already watched left as they are.
    void add_subfolders() {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(root_, ec)) {
            if (!entry.is_directory(ec))
                continue;
            bool known = false;
            for (const Watched& watched : watched_)
                known = known || watched.folder == entry.path();
            if (!known)
                (void)add(entry.path(), file_filter);  // a folder that cannot be watched is read at the next sync
        }
    }

    // One callback per wait (WT_EXECUTEONLYONCE: the handle stays signalled until FindNextChangeNotification).
    static std::string wait(Watched& watched) {
        if (!RegisterWaitForSingleObject(&watched.wait, watched.notification, &on_signalled, &watched, INFINITE,
                                         WT_EXECUTEONLYONCE | WT_EXECUTEINWAITTHREAD)) {
            watched.wait = nullptr;
            return "RegisterWaitForSingleObject: " + win32::error_text(GetLastError());
        }
        return "";
    }

    // On a thread pool thread: only hands the change to the loop's thread.
    static void CALLBACK on_signalled(void* watched_ptr, BOOLEAN) {
        auto* watched = static_cast<Watched*>(watched_ptr);
        ChangeNotificationWatch* self = watched->owner;
        PostMessageW(self->window_->handle(), changed_message, static_cast<WPARAM>(watched->index),
                     static_cast<LPARAM>(self->generation_.load()));
    }

    std::optional<LRESULT> on_message(UINT message, WPARAM wparam, LPARAM lparam) {
        if (message == changed_message) {
            if (!changed_ || static_cast<unsigned>(lparam) != generation_.load() || wparam >= watched_.size())
                return 0;
            Watched& watched = watched_[wparam];
            UnregisterWaitEx(watched.wait, INVALID_HANDLE_VALUE);  // the one-shot wait has fired; freed here
            watched.wait = nullptr;
            // A folder that went away sends no more changes (the agent's next start watches again).
            if (FindNextChangeNotification(watched.notification))
                (void)wait(watched);
            if (tree_ && wparam == 0)
                add_subfolders();  // a new device's folder is watched from now on
            SetTimer(window_->handle(), settle_timer, settle_ms_, nullptr);  // a later change pushes it back
            return 0;
        }
        if (message == WM_TIMER && wparam == settle_timer) {
            KillTimer(window_->handle(), settle_timer);
            if (!changed_)
                return 0;
            if (!file_.empty()) {
                const Snapshot now = snapshot(file_);
                if (now == last_)
                    return 0;  // another file of the folder changed
                last_ = now;
            }
            std::function<void()> callback = changed_;  // it may stop or restart the watch
            callback();
            return 0;
        }
        return std::nullopt;
    }

    std::unique_ptr<win32::HiddenWindow> window_;
    std::vector<Watched> watched_;  // [0] is the folder given; a tree's device folders follow
    std::atomic<unsigned> generation_{0};
    UINT settle_ms_ = file_settle_ms;
    bool tree_ = false;
    std::filesystem::path root_;
    std::wstring file_;  // empty for a folder tree
    Snapshot last_;
    std::function<void()> changed_;
};

}  // namespace

std::unique_ptr<FileWatch> make_file_watch() {
    return std::make_unique<ChangeNotificationWatch>();
}

}  // namespace clockout::platform
