// The single instance's lock and socket as Linux and macOS both do them (platform/single_instance.h): flock() on
// runtime_dir/agent.lock decides atomically and dies with the process; the primary listens on runtime_dir/agent.sock,
// one line a request. Only the event loop that watches the sockets differs (GLib on Linux, dispatch on macOS), so
// each OS keeps just that part. Private to platform/.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clockout::platform::posix {

/// A request is one short word; a client that sends more than this without a line break is not ours.
constexpr std::size_t kMaxRequest = 4096;

/// Creates runtime_dir (0700) and takes agent.lock without waiting. Returns the lock's descriptor (kept open for the
/// process's life) and sets `primary` (false: another agent holds it), or -1 and `error`.
int take_instance_lock(const std::filesystem::path& runtime_dir, bool& primary, std::string& error);

/// Binds and listens on `socket_path`, non-blocking and close-on-exec, after removing a socket left by a crashed
/// primary (the caller holds the lock: nobody else can be listening). Returns the descriptor, or -1 and `error`.
int listen_on(const std::filesystem::path& socket_path, std::string& error);

/// Accepts a client of `listen_fd`, non-blocking and close-on-exec; -1 when none is waiting.
int accept_client(int listen_fd);

/// Writes all of `text`, without SIGPIPE when the other side has gone.
bool write_all(int fd, const std::string& text);

/// Sends `message` as one line to the primary, retrying for a second while it starts (it binds right after taking the
/// lock). False when nobody listens.
bool send_line(const std::filesystem::path& socket_path, const std::string& message);

/// Sends `message` and reads the reply until the primary closes, within `timeout` (platform::ask_running_instance).
std::optional<std::string> ask(const std::filesystem::path& socket_path, const std::string& message,
                               std::chrono::milliseconds timeout, std::string& why);

/// The lock and the listening socket of one agent, closed (and the socket's file removed) when it goes.
class InstanceFiles {
  public:
    InstanceFiles(int lock_fd, bool primary, std::filesystem::path socket_path);
    ~InstanceFiles();
    InstanceFiles(const InstanceFiles&) = delete;
    InstanceFiles& operator=(const InstanceFiles&) = delete;

    bool primary() const { return primary_; }
    /// The listening socket, or -1 (not the primary, or it could not bind).
    int listen_fd() const { return listen_fd_; }
    /// The loop that watches listen_fd() closes it from now on (macOS: a dispatch source's cancel handler).
    void hand_over_listen_fd() { owns_listen_fd_ = false; }
    /// A later launch: sends `message` to the primary.
    bool send(const std::string& message) const { return !primary_ && send_line(socket_path_, message); }

  private:
    friend std::unique_ptr<InstanceFiles> take_instance(const std::filesystem::path&, std::string&);
    int lock_fd_;
    bool primary_;
    std::filesystem::path socket_path_;
    int listen_fd_ = -1;
    bool owns_listen_fd_ = true;
};

/// What acquire_single_instance does on each POSIX system before its own loop takes over: the lock, then, as the
/// primary, the socket, bound before this returns so a launch racing with our start waits in the backlog. Null with
/// `error` when the lock cannot be taken; a primary that cannot bind is still the one agent (`error` says why).
std::unique_ptr<InstanceFiles> take_instance(const std::filesystem::path& runtime_dir, std::string& error);

using QueryHandler = std::function<std::optional<std::string>(const std::string& message)>;

/// One client's connection as the primary reads it, whatever loop watches it.
class ClientReader {
  public:
    /// Reads what is ready on `fd`. Returns false while the connection stays open for more.
    /// On return, `requests` holds the complete lines that are not queries (to hand to the request handler, after the
    /// caller's own bookkeeping); a line that `on_query` answers gets its reply written on `fd`, which then counts as
    /// finished, as does end of file, an error or a line past kMaxRequest. A finished `fd` is for the caller to close.
    bool read(int fd, const QueryHandler& on_query, std::vector<std::string>& requests);

  private:
    std::string buffer_;
};

}  // namespace clockout::platform::posix
