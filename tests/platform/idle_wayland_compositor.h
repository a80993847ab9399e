// A Wayland compositor reduced to what ext-idle-notify-v1 needs (wl_seat, ext_idle_notifier_v1), running in a thread
// of the test, so that the real client code can be driven without a desktop: the test decides when input is idle.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct wl_display;
struct wl_event_source;
struct wl_resource;

namespace clockout::test::idle {

class WaylandCompositor {
  public:
    /// Listens on a fresh socket in `runtime_dir` and sets XDG_RUNTIME_DIR and WAYLAND_DISPLAY to it in this process.
    /// Without `offer_idle_notifier` the ext_idle_notifier_v1 global is not advertised.
    explicit WaylandCompositor(const std::filesystem::path& runtime_dir, bool offer_idle_notifier = true);
    WaylandCompositor(const WaylandCompositor&) = delete;
    WaylandCompositor& operator=(const WaylandCompositor&) = delete;
    ~WaylandCompositor();

    /// The timeout (ms) of the last get_idle_notification request, 0 before any.
    std::uint32_t requested_timeout() const { return timeout_ms_.load(); }
    /// How many idle notifications clients hold now.
    int live_notifications() const { return live_notifications_.load(); }

    /// Sends `idled` on every live notification.
    void send_idled();
    /// Sends `resumed` on every live notification.
    void send_resumed();
    /// Disconnects every client and stops listening, as a compositor crash would.
    void crash();

    // For the protocol callbacks (compositor thread only).
    void add_notification(wl_resource* notification, std::uint32_t timeout_ms);
    void remove_notification(wl_resource* notification);

  private:
    void post(std::function<void()> work);
    void run();
    static int on_wake(int fd, std::uint32_t mask, void* data);

    wl_display* display_ = nullptr;
    wl_event_source* wake_source_ = nullptr;
    int wake_fd_ = -1;
    std::mutex mutex_;
    std::vector<std::function<void()>> queue_;
    std::vector<wl_resource*> notifications_;
    std::atomic<std::uint32_t> timeout_ms_{0};
    std::atomic<int> live_notifications_{0};
    bool quit_ = false;
    std::thread thread_;
};

}  // namespace clockout::test::idle
