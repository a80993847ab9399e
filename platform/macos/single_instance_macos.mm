// One agent per user, as on Linux (platform/posix/instance_socket.h: the lock, the socket, the lines); here only the
// watching of the sockets, by dispatch sources on the main queue, which the run loop serves.
#include <dispatch/dispatch.h>
#include <unistd.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "../posix/instance_socket.h"
#include "platform/single_instance.h"

namespace clockout::platform {

namespace {

class DispatchSingleInstance final : public SingleInstance {
  public:
    explicit DispatchSingleInstance(std::unique_ptr<posix::InstanceFiles> files) : files_(std::move(files)) {}

    ~DispatchSingleInstance() override {
        for (dispatch_source_t client : clients_)
            dispatch_source_cancel(client);  // their handlers use `this`
        if (listen_source_)
            dispatch_source_cancel(listen_source_);  // its cancel handler closes the socket
    }

    DispatchSingleInstance(const DispatchSingleInstance&) = delete;
    DispatchSingleInstance& operator=(const DispatchSingleInstance&) = delete;

    bool is_primary() const override { return files_->primary(); }

    void listen(std::function<void(const std::string& message)> on_request) override {
        on_request_ = std::move(on_request);
        const int fd = files_->listen_fd();
        if (fd < 0 || listen_source_)
            return;
        listen_source_ =
            dispatch_source_create(DISPATCH_SOURCE_TYPE_READ, static_cast<uintptr_t>(fd), 0, dispatch_get_main_queue());
        dispatch_source_set_event_handler(listen_source_, ^{
          accept_one(fd);
        });
        dispatch_source_set_cancel_handler(listen_source_, ^{
          ::close(fd);
        });
        files_->hand_over_listen_fd();
        dispatch_resume(listen_source_);
    }

    void answer(std::function<std::optional<std::string>(const std::string& message)> on_query) override {
        on_query_ = std::move(on_query);
    }

    bool send(const std::string& message) override { return files_->send(message); }

  private:
    void accept_one(int listen_fd) {
        int client = posix::accept_client(listen_fd);
        if (client < 0)
            return;
        auto reader = std::make_shared<posix::ClientReader>();
        dispatch_source_t source = dispatch_source_create(DISPATCH_SOURCE_TYPE_READ, static_cast<uintptr_t>(client), 0,
                                                          dispatch_get_main_queue());
        __block dispatch_source_t self_source = source;
        dispatch_source_set_event_handler(source, ^{
          if (!self_source)
              return;
          std::vector<std::string> requests;
          if (reader->read(client, on_query_, requests)) {
              dispatch_source_cancel(self_source);  // its cancel handler closes the connection
              self_source = nullptr;
          }
          std::function<void(const std::string&)> on_request = on_request_;
          for (const std::string& line : requests)
              if (on_request)
                  on_request(line);
        });
        dispatch_source_set_cancel_handler(source, ^{
          ::close(client);
        });
        dispatch_resume(source);
        std::erase_if(clients_, [](dispatch_source_t c) { return dispatch_source_testcancel(c) != 0; });
        clients_.push_back(source);
    }

    std::unique_ptr<posix::InstanceFiles> files_;
    dispatch_source_t listen_source_ = nullptr;
    std::vector<dispatch_source_t> clients_;
    std::function<void(const std::string&)> on_request_;
    posix::QueryHandler on_query_;
};

}  // namespace

std::unique_ptr<SingleInstance> acquire_single_instance(const std::filesystem::path& runtime_dir, std::string& error) {
    auto files = posix::take_instance(runtime_dir, error);
    return files ? std::make_unique<DispatchSingleInstance>(std::move(files)) : nullptr;
}

}  // namespace clockout::platform
