// One agent per user: the first holds a lock; a second launch finds it held and asks the first to show itself.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
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
};

/// Takes (or fails to take) the lock in `runtime_dir`, atomically, so two agents started at once leave one.
std::unique_ptr<SingleInstance> acquire_single_instance(const std::filesystem::path& runtime_dir, std::string& error);

}  // namespace clockout::platform
