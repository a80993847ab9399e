// One agent per user (platform/posix/instance_socket.h: the lock, the socket, the lines); here only the watching of
// the sockets, by the GLib main loop the agent runs.
#include "platform/single_instance.h"

#include <unistd.h>

#include <glib-unix.h>
#include <glib.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "../posix/instance_socket.h"

namespace clockout::platform {

namespace {

class GlibSingleInstance final : public SingleInstance {
  public:
    explicit GlibSingleInstance(std::unique_ptr<posix::InstanceFiles> files) : files_(std::move(files)) {}

    ~GlibSingleInstance() override {
        if (listen_watch_ != 0)
            g_source_remove(listen_watch_);
        for (auto& [fd, client] : clients_) {
            g_source_remove(client.watch);
            ::close(fd);
        }
    }

    GlibSingleInstance(const GlibSingleInstance&) = delete;
    GlibSingleInstance& operator=(const GlibSingleInstance&) = delete;

    bool is_primary() const override { return files_->primary(); }

    void listen(std::function<void(const std::string& message)> on_request) override {
        on_request_ = std::move(on_request);
        if (files_->listen_fd() >= 0 && listen_watch_ == 0)
            listen_watch_ = g_unix_fd_add(files_->listen_fd(), G_IO_IN, &GlibSingleInstance::incoming, this);
    }

    void answer(std::function<std::optional<std::string>(const std::string& message)> on_query) override {
        on_query_ = std::move(on_query);
    }

    bool send(const std::string& message) override { return files_->send(message); }

  private:
    struct Client {
        guint watch = 0;
        posix::ClientReader reader;
    };

    static gboolean incoming(gint fd, GIOCondition, gpointer self_ptr) {
        auto* self = static_cast<GlibSingleInstance*>(self_ptr);
        int client = posix::accept_client(fd);
        if (client < 0)
            return G_SOURCE_CONTINUE;  // EAGAIN or a client that gave up: keep listening
        self->clients_[client].watch = g_unix_fd_add(client, static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR),
                                                     &GlibSingleInstance::readable, self);
        return G_SOURCE_CONTINUE;
    }

    static gboolean readable(gint fd, GIOCondition, gpointer self_ptr) {
        auto* self = static_cast<GlibSingleInstance*>(self_ptr);
        auto found = self->clients_.find(fd);
        if (found == self->clients_.end())
            return G_SOURCE_REMOVE;
        std::vector<std::string> requests;
        const bool finished = found->second.reader.read(fd, self->on_query_, requests);
        if (finished) {
            self->clients_.erase(found);
            ::close(fd);
        }
        // Delivered last: the callback may do anything, even destroy us, once our own bookkeeping is done.
        std::function<void(const std::string&)> on_request = self->on_request_;
        for (const std::string& line : requests)
            if (on_request)
                on_request(line);
        return finished ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
    }

    std::unique_ptr<posix::InstanceFiles> files_;
    guint listen_watch_ = 0;
    std::function<void(const std::string&)> on_request_;
    posix::QueryHandler on_query_;
    std::map<int, Client> clients_;
};

}  // namespace

std::unique_ptr<SingleInstance> acquire_single_instance(const std::filesystem::path& runtime_dir, std::string& error) {
    auto files = posix::take_instance(runtime_dir, error);
    return files ? std::make_unique<GlibSingleInstance>(std::move(files)) : nullptr;
}

}  // namespace clockout::platform
