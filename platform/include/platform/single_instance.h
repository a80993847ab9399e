// One agent per user: the first holds a lock; a second launch finds it held and asks the first to show itself.
// `clockout status` asks the running agent for its live figures over the same channel (a request with a reply).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace clockout::platform {

class SingleInstance {
  public:
    virtual ~SingleInstance() = default;
    /// True when this process holds the lock (it is the one agent).
    virtual bool is_primary() const = 0;
    /// In the primary: calls `on_request` on the main loop with each message a later launch sends ("show").
    virtual void listen(std::function<void(const std::string& message)> on_request) = 0;
    /// In a secondary: sends `message` to the primary. Returns false when it cannot be reached.
    virtual bool send(const std::string& message) = 0;
    /// In the primary: `on_query` answers requests that want a reply ("status"); it returns the reply, or nullopt for
    /// a message that is not a query (that one then goes to listen's callback). Runs on the main loop.
    virtual void answer(std::function<std::optional<std::string>(const std::string& message)> on_query) = 0;
};

/// Takes (or fails to take) the lock in `runtime_dir`, atomically, so two agents started at once leave one.
std::unique_ptr<SingleInstance> acquire_single_instance(const std::filesystem::path& runtime_dir, std::string& error);

/// Sends `message` to the agent running for `runtime_dir` without taking the lock, and waits up to `timeout` for its
/// reply. Nullopt when no agent runs, it does not answer that request, or this platform cannot ask (`why` says which).
std::optional<std::string> ask_running_instance(const std::filesystem::path& runtime_dir, const std::string& message,
                                                std::chrono::milliseconds timeout, std::string& why);

}  // namespace clockout::platform
