// One agent per user, as on Linux: flock() on runtime_dir/agent.lock decides atomically and dies with the process, and
// the primary listens on runtime_dir/agent.sock. The socket is watched by dispatch sources on the main queue, which
// the run loop serves.
#include <dispatch/dispatch.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "platform/paths.h"
#include "platform/single_instance.h"

namespace clockout::platform {

namespace {

constexpr std::size_t max_message = 4096;

bool socket_address(const std::filesystem::path& path, sockaddr_un& address) {
    std::memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    const std::string& text = path.native();
    if (text.size() >= sizeof address.sun_path)
        return false;
    std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
    return true;
}

class MacSingleInstance final : public SingleInstance {
  public:
    MacSingleInstance(int lock_fd, bool primary, std::filesystem::path socket_path)
        : lock_fd_(lock_fd), primary_(primary), socket_path_(std::move(socket_path)) {}

    ~MacSingleInstance() override {
        for (dispatch_source_t client : clients_)
            dispatch_source_cancel(client);  // their handlers use `this`
        if (listen_source_)
            dispatch_source_cancel(listen_source_);  // its cancel handler closes the socket
        else if (listen_fd_ >= 0)
            ::close(listen_fd_);
        if (listen_fd_ >= 0)
            ::unlink(socket_path_.c_str());  // still ours: we hold the lock until the line below
        ::close(lock_fd_);
    }

    MacSingleInstance(const MacSingleInstance&) = delete;
    MacSingleInstance& operator=(const MacSingleInstance&) = delete;

    std::string bind_socket() {
        sockaddr_un address{};
        if (!socket_address(socket_path_, address))
            return socket_path_.string() + ": path too long for a socket";
        ::unlink(socket_path_.c_str());  // left by a crashed primary: we hold the lock, nobody else listens on it
        listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
        if (listen_fd_ < 0)
            return std::string("cannot create a socket (") + std::strerror(errno) + ")";
        ::fcntl(listen_fd_, F_SETFD, FD_CLOEXEC);
        ::fcntl(listen_fd_, F_SETFL, O_NONBLOCK);
        if (::bind(listen_fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listen_fd_, 8) != 0) {
            std::string error = socket_path_.string() + ": cannot listen (" + std::strerror(errno) + ")";
            ::close(listen_fd_);
            listen_fd_ = -1;
            return error;
        }
        return "";
    }

    bool is_primary() const override { return primary_; }

    void listen(std::function<void(const std::string& message)> on_request) override {
        on_request_ = std::move(on_request);
        if (listen_fd_ < 0 || listen_source_)
            return;
        int fd = listen_fd_;
        listen_source_ =
            dispatch_source_create(DISPATCH_SOURCE_TYPE_READ, static_cast<uintptr_t>(fd), 0, dispatch_get_main_queue());
        dispatch_source_set_event_handler(listen_source_, ^{
          accept_client();
        });
        dispatch_source_set_cancel_handler(listen_source_, ^{
          ::close(fd);
        });
        dispatch_resume(listen_source_);
    }

    // Queries (`clockout status` live) are not served here yet: `status` reads the journal and says so.
    void answer(std::function<std::optional<std::string>(const std::string& message)>) override {}

    bool send(const std::string& message) override {
        if (primary_)
            return false;
        sockaddr_un address{};
        if (!socket_address(socket_path_, address))
            return false;
        std::string line = message;
        if (line.empty() || line.back() != '\n')
            line += '\n';
        for (int attempt = 0; attempt < 20; ++attempt) {
            int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            if (fd < 0)
                return false;
            int on = 1;
            ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof on);  // macOS has no MSG_NOSIGNAL
            if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
                bool sent = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
                ::close(fd);
                return sent;
            }
            int error = errno;
            ::close(fd);
            if (error != ENOENT && error != ECONNREFUSED)
                return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }

  private:
    void accept_client() {
        int client = ::accept(listen_fd_, nullptr, nullptr);
        if (client < 0)
            return;
        ::fcntl(client, F_SETFD, FD_CLOEXEC);
        ::fcntl(client, F_SETFL, O_NONBLOCK);
        auto buffer = std::make_shared<std::string>();
        dispatch_source_t source = dispatch_source_create(DISPATCH_SOURCE_TYPE_READ, static_cast<uintptr_t>(client), 0,
                                                          dispatch_get_main_queue());
        __block dispatch_source_t self_source = source;
        dispatch_source_set_event_handler(source, ^{
          char chunk[512];
          ssize_t got = ::read(client, chunk, sizeof chunk);
          if (got < 0 && (errno == EAGAIN || errno == EINTR))
              return;
          if (got > 0)
              buffer->append(chunk, static_cast<std::size_t>(got));
          bool finished = got <= 0 || buffer->size() > max_message;
          std::string lines = *buffer;
          std::size_t end = lines.rfind('\n');
          std::string complete = end == std::string::npos ? std::string() : lines.substr(0, end + 1);
          buffer->erase(0, complete.size());
          if (finished && got == 0 && !buffer->empty())
              complete += *buffer + "\n";  // the last line may lack its newline
          if (finished) {
              dispatch_source_cancel(self_source);
              self_source = nullptr;
          }
          deliver(complete);
        });
        dispatch_source_set_cancel_handler(source, ^{
          ::close(client);
        });
        dispatch_resume(source);
        std::erase_if(clients_, [](dispatch_source_t c) { return dispatch_source_testcancel(c) != 0; });
        clients_.push_back(source);
    }

    void deliver(const std::string& lines) {
        std::function<void(const std::string&)> on_request = on_request_;
        std::size_t start = 0;
        for (std::size_t end; (end = lines.find('\n', start)) != std::string::npos; start = end + 1) {
            std::string line = lines.substr(start, end - start);
            if (on_request && !line.empty())
                on_request(line);
        }
    }

    int lock_fd_;
    bool primary_;
    std::filesystem::path socket_path_;
    int listen_fd_ = -1;
    dispatch_source_t listen_source_ = nullptr;
    std::vector<dispatch_source_t> clients_;
    std::function<void(const std::string&)> on_request_;
};

}  // namespace

std::unique_ptr<SingleInstance> acquire_single_instance(const std::filesystem::path& runtime_dir, std::string& error) {
    error = make_private_dir(runtime_dir);
    if (!error.empty())
        return nullptr;
    std::filesystem::path lock_path = runtime_dir / "agent.lock";
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = lock_path.string() + ": cannot open the lock (" + std::strerror(errno) + ")";
        return nullptr;
    }
    int locked = 0;
    do {
        locked = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (locked != 0 && errno == EINTR);
    if (locked != 0 && errno != EWOULDBLOCK) {
        error = lock_path.string() + ": cannot take the lock (" + std::strerror(errno) + ")";
        ::close(fd);
        return nullptr;
    }
    bool primary = locked == 0;
    auto instance = std::make_unique<MacSingleInstance>(fd, primary, runtime_dir / "agent.sock");
    if (primary)
        error = instance->bind_socket();  // still the one agent without it: say so, but go on
    return instance;
}

std::optional<std::string> ask_running_instance(const std::filesystem::path&, const std::string&,
                                                std::chrono::milliseconds, std::string& why) {
    why = "not available on macOS yet";
    return std::nullopt;
}

}  // namespace clockout::platform
