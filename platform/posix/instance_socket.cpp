#include "instance_socket.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "platform/paths.h"
#include "platform/single_instance.h"

namespace clockout::platform::posix {

namespace {

bool socket_address(const std::filesystem::path& path, sockaddr_un& address) {
    std::memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    const std::string& text = path.native();
    if (text.size() >= sizeof address.sun_path)
        return false;
    std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
    return true;
}

// A stream socket that does not raise SIGPIPE (macOS has no MSG_NOSIGNAL; it has SO_NOSIGPIPE), close-on-exec.
int client_socket() {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
#ifdef SO_NOSIGPIPE
    int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof on);
#endif
    return fd;
}

void make_nonblocking(int fd) {
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

}  // namespace

int take_instance_lock(const std::filesystem::path& runtime_dir, bool& primary, std::string& error) {
    error = make_private_dir(runtime_dir);
    if (!error.empty())
        return -1;
    const std::filesystem::path lock_path = runtime_dir / "agent.lock";
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = lock_path.string() + ": cannot open the lock (" + std::strerror(errno) + "); fix: check who owns " +
                runtime_dir.string();
        return -1;
    }
    int locked = 0;
    do {
        locked = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (locked != 0 && errno == EINTR);
    if (locked != 0 && errno != EWOULDBLOCK) {
        error = lock_path.string() + ": cannot take the lock (" + std::strerror(errno) + ")";
        ::close(fd);
        return -1;
    }
    primary = locked == 0;
    return fd;
}

int listen_on(const std::filesystem::path& socket_path, std::string& error) {
    sockaddr_un address{};
    if (!socket_address(socket_path, address)) {
        error = socket_path.string() + ": path too long for a socket; fix: set a shorter XDG_RUNTIME_DIR";
        return -1;
    }
    ::unlink(socket_path.c_str());
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        error = std::string("cannot create a socket (") + std::strerror(errno) + ")";
        return -1;
    }
    make_nonblocking(fd);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 8) != 0) {
        error = socket_path.string() + ": cannot listen (" + std::strerror(errno) + ")";
        ::close(fd);
        return -1;
    }
    return fd;
}

int accept_client(int listen_fd) {
    int client = ::accept(listen_fd, nullptr, nullptr);
    if (client >= 0)
        make_nonblocking(client);
    return client;
}

bool write_all(int fd, const std::string& text) {
#ifdef MSG_NOSIGNAL
    constexpr int flags = MSG_NOSIGNAL;  // a peer that goes away mid-write must not kill us with SIGPIPE
#else
    constexpr int flags = 0;  // the socket has SO_NOSIGPIPE (client_socket) or the signal is ignored
#endif
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t wrote = ::send(fd, text.data() + done, text.size() - done, flags);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            return false;
        done += static_cast<std::size_t>(wrote);
    }
    return true;
}

bool send_line(const std::filesystem::path& socket_path, const std::string& message) {
    sockaddr_un address{};
    if (!socket_address(socket_path, address))
        return false;
    std::string line = message;
    if (line.empty() || line.back() != '\n')
        line += '\n';
    for (int attempt = 0; attempt < 20; ++attempt) {
        int fd = client_socket();
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

std::optional<std::string> ask(const std::filesystem::path& socket_path, const std::string& message,
                               std::chrono::milliseconds timeout, std::string& why) {
    sockaddr_un address{};
    if (!socket_address(socket_path, address)) {
        why = "socket path too long";
        return std::nullopt;
    }
    int fd = client_socket();
    if (fd < 0) {
        why = std::strerror(errno);
        return std::nullopt;
    }
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        why = std::string("no agent listening (") + std::strerror(errno) + ")";
        ::close(fd);
        return std::nullopt;
    }
    if (!write_all(fd, message + "\n")) {
        why = "the agent went away";
        ::close(fd);
        return std::nullopt;
    }
    std::string reply;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
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

InstanceFiles::InstanceFiles(int lock_fd, bool primary, std::filesystem::path socket_path)
    : lock_fd_(lock_fd), primary_(primary), socket_path_(std::move(socket_path)) {}

InstanceFiles::~InstanceFiles() {
    if (listen_fd_ >= 0) {
        if (owns_listen_fd_)
            ::close(listen_fd_);
        ::unlink(socket_path_.c_str());  // still ours: we hold the lock until the line below
    }
    ::close(lock_fd_);
}

std::unique_ptr<InstanceFiles> take_instance(const std::filesystem::path& runtime_dir, std::string& error) {
    bool primary = false;
    int fd = take_instance_lock(runtime_dir, primary, error);
    if (fd < 0)
        return nullptr;
    auto files = std::make_unique<InstanceFiles>(fd, primary, runtime_dir / "agent.sock");
    if (primary)
        files->listen_fd_ = listen_on(files->socket_path_, error);
    return files;
}

bool ClientReader::read(int fd, const QueryHandler& on_query, std::vector<std::string>& requests) {
    char chunk[512];
    ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && (errno == EAGAIN || errno == EINTR))
        return false;
    if (got > 0)
        buffer_.append(chunk, static_cast<std::size_t>(got));
    std::vector<std::string> lines;
    for (std::size_t end; (end = buffer_.find('\n')) != std::string::npos;) {
        lines.push_back(buffer_.substr(0, end));
        buffer_.erase(0, end + 1);
    }
    bool finished = got <= 0 || buffer_.size() > kMaxRequest;
    if (finished && got == 0 && !buffer_.empty())
        lines.push_back(buffer_);  // the last line may lack its newline
    // A query is answered on its own connection, which then closes: the asker reads until the end.
    for (const std::string& line : lines) {
        std::optional<std::string> reply = on_query && !line.empty() ? on_query(line) : std::nullopt;
        if (!reply) {
            if (!line.empty())
                requests.push_back(line);
            continue;
        }
        if (!finished) {
            // Blocking for the reply: it is small, and the asker is waiting for it.
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            write_all(fd, *reply);
            finished = true;
        }
    }
    return finished;
}

}  // namespace clockout::platform::posix

namespace clockout::platform {

// The asking side is the same on Linux and macOS: no loop, a blocking socket with a deadline.
std::optional<std::string> ask_running_instance(const std::filesystem::path& runtime_dir, const std::string& message,
                                                std::chrono::milliseconds timeout, std::string& why) {
    return posix::ask(runtime_dir / "agent.sock", message, timeout, why);
}

}  // namespace clockout::platform
