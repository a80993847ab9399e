// One agent per user: flock() on runtime_dir/agent.lock decides atomically (the kernel drops the lock when the process
// dies, so a crash leaves no stale lock), and the primary listens on runtime_dir/agent.sock for later launches.
#include "platform/single_instance.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "platform/paths.h"

namespace clockout::platform {

namespace {

constexpr std::size_t max_message = 4096;  // a request is one short word; anything longer is not ours

bool socket_address(const std::filesystem::path& path, sockaddr_un& address) {
    std::memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    const std::string& text = path.native();
    if (text.size() >= sizeof address.sun_path)
        return false;
    std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
    return true;
}

class UnixSingleInstance final : public SingleInstance {
  public:
    UnixSingleInstance(int lock_fd, bool primary, std::filesystem::path socket_path)
        : lock_fd_(lock_fd), primary_(primary), socket_path_(std::move(socket_path)) {}

    ~UnixSingleInstance() override {
        if (listen_watch_ != 0)
            g_source_remove(listen_watch_);
        for (auto& [fd, client] : clients_) {
            g_source_remove(client.watch);
            ::close(fd);
        }
        if (listen_fd_ >= 0) {
            ::close(listen_fd_);
            ::unlink(socket_path_.c_str());  // still ours: we hold the lock until the line below
        }
        ::close(lock_fd_);
    }

    UnixSingleInstance(const UnixSingleInstance&) = delete;
    UnixSingleInstance& operator=(const UnixSingleInstance&) = delete;

    // Bound before acquire returns, so a launch racing with our start finds a socket and its request waits in the
    // backlog until listen() attaches to the loop.
    std::string bind_socket() {
        sockaddr_un address{};
        if (!socket_address(socket_path_, address))
            return socket_path_.string() + ": path too long for a socket; fix: set a shorter XDG_RUNTIME_DIR";
        // A socket left by a crashed primary is stale: we hold the lock, so nobody else can be listening on it.
        ::unlink(socket_path_.c_str());
        listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (listen_fd_ < 0)
            return std::string("cannot create a socket (") + std::strerror(errno) + ")";
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
        if (listen_fd_ >= 0 && listen_watch_ == 0)
            listen_watch_ = g_unix_fd_add(listen_fd_, G_IO_IN, &UnixSingleInstance::incoming, this);
    }

    void answer(std::function<std::optional<std::string>(const std::string& message)> on_query) override {
        on_query_ = std::move(on_query);
    }

    bool send(const std::string& message) override {
        if (primary_)
            return false;
        sockaddr_un address{};
        if (!socket_address(socket_path_, address))
            return false;
        std::string line = message;
        if (line.empty() || line.back() != '\n')
            line += '\n';
        // The primary binds right after taking the lock; a launch in that instant retries briefly.
        for (int attempt = 0; attempt < 20; ++attempt) {
            int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd < 0)
                return false;
            if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
                bool sent = write_all(fd, line);
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
    struct Client {
        guint watch = 0;
        std::string buffer;
    };

  public:
    static bool write_all(int fd, const std::string& text) {
        std::size_t done = 0;
        while (done < text.size()) {
            // MSG_NOSIGNAL: a primary that goes away mid-write must not kill the launch with SIGPIPE.
            ssize_t wrote = ::send(fd, text.data() + done, text.size() - done, MSG_NOSIGNAL);
            if (wrote < 0 && errno == EINTR)
                continue;
            if (wrote <= 0)
                return false;
            done += static_cast<std::size_t>(wrote);
        }
        return true;
    }

  private:
    static gboolean incoming(gint fd, GIOCondition, gpointer self_ptr) {
        auto* self = static_cast<UnixSingleInstance*>(self_ptr);
        int client = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (client < 0)
            return G_SOURCE_CONTINUE;  // EAGAIN or a client that gave up: keep listening
        Client& state = self->clients_[client];
        state.watch = g_unix_fd_add(client, static_cast<GIOCondition>(G_IO_IN | G_IO_HUP | G_IO_ERR),
                                    &UnixSingleInstance::readable, self);
        return G_SOURCE_CONTINUE;
    }

    static gboolean readable(gint fd, GIOCondition, gpointer self_ptr) {
        auto* self = static_cast<UnixSingleInstance*>(self_ptr);
        auto found = self->clients_.find(fd);
        if (found == self->clients_.end())
            return G_SOURCE_REMOVE;
        char chunk[512];
        ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got < 0 && (errno == EAGAIN || errno == EINTR))
            return G_SOURCE_CONTINUE;
        std::string& buffer = found->second.buffer;
        if (got > 0)
            buffer.append(chunk, static_cast<std::size_t>(got));
        std::vector<std::string> lines;
        for (std::size_t end; (end = buffer.find('\n')) != std::string::npos;) {
            lines.push_back(buffer.substr(0, end));
            buffer.erase(0, end + 1);
        }
        bool finished = got <= 0 || buffer.size() > max_message;
        if (finished && got == 0 && !buffer.empty())
            lines.push_back(buffer);  // the last line may lack its newline
        if (finished) {
            self->clients_.erase(found);
            ::close(fd);
        }
        // A query is answered on its own connection, which then closes: the asker reads until the end.
        std::function<std::optional<std::string>(const std::string&)> on_query = self->on_query_;
        std::vector<std::string> requests;
        for (const std::string& line : lines) {
            std::optional<std::string> reply = on_query && !line.empty() ? on_query(line) : std::nullopt;
            if (!reply) {
                requests.push_back(line);
                continue;
            }
            if (!finished) {
                // Blocking for the reply: it is small, and the asker is waiting for it.
                ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
                write_all(fd, *reply);
                self->clients_.erase(found);
                ::close(fd);
                finished = true;
            }
        }
        // Delivered last: the callback may do anything, even destroy us, once our own bookkeeping is done.
        std::function<void(const std::string&)> on_request = self->on_request_;
        for (const std::string& line : requests) {
            if (on_request && !line.empty())
                on_request(line);
        }
        return finished ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
    }

    int lock_fd_;
    bool primary_;
    std::filesystem::path socket_path_;
    int listen_fd_ = -1;
    guint listen_watch_ = 0;
    std::function<void(const std::string&)> on_request_;
    std::function<std::optional<std::string>(const std::string&)> on_query_;
    std::map<int, Client> clients_;
};

}  // namespace

std::unique_ptr<SingleInstance> acquire_single_instance(const std::filesystem::path& runtime_dir, std::string& error) {
    error = make_private_dir(runtime_dir);
    if (!error.empty())
        return nullptr;
    std::filesystem::path lock_path = runtime_dir / "agent.lock";
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = lock_path.string() + ": cannot open the lock (" + std::strerror(errno) + "); fix: check who owns " +
                runtime_dir.string();
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
    auto instance = std::make_unique<UnixSingleInstance>(fd, primary, runtime_dir / "agent.sock");
    if (primary) {
        // Still the one agent without the socket; a second launch just cannot reach us. Say so, but go on.
        error = instance->bind_socket();
    }
    return instance;
}

std::optional<std::string> ask_running_instance(const std::filesystem::path& runtime_dir, const std::string& message,
                                                std::chrono::milliseconds timeout, std::string& why) {
    sockaddr_un address{};
    if (!socket_address(runtime_dir / "agent.sock", address)) {
        why = "socket path too long";
        return std::nullopt;
    }
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        why = std::strerror(errno);
        return std::nullopt;
    }
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        why = std::string("no agent listening (") + std::strerror(errno) + ")";
        ::close(fd);
        return std::nullopt;
    }
    if (!UnixSingleInstance::write_all(fd, message + "\n")) {
        why = "the agent went away";
        ::close(fd);
        return std::nullopt;
    }
    std::string reply;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd p{fd, POLLIN, 0};
        int ready = left.count() > 0 ? ::poll(&p, 1, static_cast<int>(left.count())) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            why = "the agent did not answer in time";
            ::close(fd);
            return std::nullopt;
        }
        char chunk[4096];
        ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        reply.append(chunk, static_cast<std::size_t>(got));
    }
    ::close(fd);
    if (reply.empty()) {
        why = "the agent does not answer this request (an older version?)";
        return std::nullopt;
    }
    return reply;
}

}  // namespace clockout::platform
