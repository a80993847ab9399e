// inotify on the file's folder, read from GLib's default main context (the loop the agent and GTK share): no thread,
// no polling. Watching the folder, not the file, sees a save by rename (the old inode is gone after it) and a file
// created after the agent started.
#include <glib-unix.h>
#include <glib.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "platform/file_watch.h"

namespace clockout::platform {

namespace {

// Editors write in several steps (create, write, rename; or truncate, write, close): one call once they are done.
constexpr guint k_settle_ms = 150;
constexpr uint32_t k_mask = IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;

class InotifyWatch final : public FileWatch {
  public:
    ~InotifyWatch() override { stop(); }

    std::string start(const std::filesystem::path& file, std::function<void()> changed) override {
        stop();
        name_ = file.filename().string();
        const auto folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
        fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd_ < 0)
            return std::string("inotify_init1: ") + std::strerror(errno);
        if (inotify_add_watch(fd_, folder.c_str(), k_mask) < 0) {
            const std::string why = std::strerror(errno);
            stop();
            return "cannot watch " + folder.string() + ": " + why;
        }
        changed_ = std::move(changed);
        source_ = g_unix_fd_add(fd_, G_IO_IN, &InotifyWatch::readable, this);
        return "";
    }

    std::string start_tree(const std::filesystem::path& folder, std::function<void()> changed, int settle_ms) override {
        stop();
        fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd_ < 0)
            return std::string("inotify_init1: ") + std::strerror(errno);
        root_ = inotify_add_watch(fd_, folder.c_str(), k_mask);
        if (root_ < 0) {
            const std::string why = std::strerror(errno);
            stop();
            return "cannot watch " + folder.string() + ": " + why;
        }
        tree_ = true;
        folder_ = folder;
        settle_ms_ = static_cast<guint>(settle_ms);
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
            if (entry.is_directory(ec))
                inotify_add_watch(fd_, entry.path().c_str(), k_mask);
        changed_ = std::move(changed);
        source_ = g_unix_fd_add(fd_, G_IO_IN, &InotifyWatch::readable, this);
        return "";
    }

    void stop() override {
        if (settle_ != 0)
            g_source_remove(settle_);
        if (source_ != 0)
            g_source_remove(source_);
        if (fd_ >= 0)
            close(fd_);
        settle_ = source_ = 0;
        fd_ = -1;
        root_ = -1;
        tree_ = false;
        settle_ms_ = k_settle_ms;
        changed_ = nullptr;
    }

  private:
    static gboolean readable(gint fd, GIOCondition, gpointer self_ptr) {
        auto* self = static_cast<InotifyWatch*>(self_ptr);
        alignas(inotify_event) char buffer[4096];
        bool ours = false;
        for (;;) {
            const ssize_t n = read(fd, buffer, sizeof buffer);
            if (n <= 0)
                break;
            for (ssize_t at = 0; at < n;) {
                const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
                if (self->tree_) {
                    ours = true;
                    // A device folder made after the start (a new computer joined): watched from now on.
                    if (event->wd == self->root_ && event->len > 0 && (event->mask & IN_ISDIR) &&
                        (event->mask & (IN_CREATE | IN_MOVED_TO)))
                        inotify_add_watch(fd, (self->folder_ / event->name).c_str(), k_mask);
                } else if (event->len > 0 && self->name_ == event->name) {
                    ours = true;
                }
                at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            }
        }
        if (ours) {
            if (self->settle_ != 0)
                g_source_remove(self->settle_);
            self->settle_ = g_timeout_add(self->settle_ms_, &InotifyWatch::settled, self);
        }
        return G_SOURCE_CONTINUE;
    }

    static gboolean settled(gpointer self_ptr) {
        auto* self = static_cast<InotifyWatch*>(self_ptr);
        self->settle_ = 0;
        if (self->changed_)
            self->changed_();
        return G_SOURCE_REMOVE;
    }

    int fd_ = -1;
    guint source_ = 0;
    guint settle_ = 0;
    std::string name_;
    bool tree_ = false;
    int root_ = -1;
    std::filesystem::path folder_;
    guint settle_ms_ = k_settle_ms;
    std::function<void()> changed_;
};

}  // namespace

std::unique_ptr<FileWatch> make_file_watch() {
    return std::make_unique<InotifyWatch>();
}

}  // namespace clockout::platform
