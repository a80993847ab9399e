// A Wayland compositor reduced to what the idle protocols need (wl_seat, ext_idle_notifier_v1, org_kde_kwin_idle),
// running in a thread of the test, so that the real client code can be driven without a desktop: the test decides when
// input is idle.
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
struct wl_global;
struct wl_resource;

namespace clockout::test::idle {

/// The idle globals the compositor advertises besides wl_seat.
struct Globals {
    bool ext_idle = true;   // ext_idle_notifier_v1 (KDE Plasma 5.27, newer wlroots)
    bool kde_idle = false;  // org_kde_kwin_idle (sway 1.7 / wlroots 0.15)
};

class WaylandCompositor {
  public:
    /// Listens on a fresh socket in `runtime_dir` and sets XDG_RUNTIME_DIR and WAYLAND_DISPLAY to it in this process.
    explicit WaylandCompositor(const std::filesystem::path& runtime_dir, Globals globals = {});
    WaylandCompositor(const WaylandCompositor&) = delete;
    WaylandCompositor& operator=(const WaylandCompositor&) = delete;
    ~WaylandCompositor();

    /// The timeout (ms) of the last get_idle_notification or get_idle_timeout request, 0 before any.
    std::uint32_t requested_timeout() const { return timeout_ms_.load(); }
    /// How many idle notifications (ext-idle) and idle timeouts (org_kde_kwin_idle) clients hold now.
    int live_notifications() const { return live_notifications_.load(); }

    /// Sends `idled` (ext-idle) or `idle` (org_kde_kwin_idle) on every live notification.
    void send_idled();
    /// Sends `resumed` on every live notification.
    void send_resumed();
    /// Withdraws the idle globals (global_remove to every client), as a compositor disabling idle support would.
    void withdraw_idle_globals();
    /// Disconnects every client and stops listening, as a compositor crash would.
    void crash();

    // For the protocol callbacks (compositor thread only).
    void add_notification(wl_resource* notification, std::uint32_t timeout_ms);
    void remove_notification(wl_resource* notification);

  private:
    void send_to_all(bool idle);
    void post(std::function<void()> work);
    void run();
    static int on_wake(int fd, std::uint32_t mask, void* data);

    wl_display* display_ = nullptr;
    std::vector<wl_global*> idle_globals_;
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
