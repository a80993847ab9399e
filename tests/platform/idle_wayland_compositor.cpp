// The test compositor: a seat, the idle globals asked for and an event loop, no rendering.
#include "idle_wayland_compositor.h"

#include <sys/eventfd.h>
#include <unistd.h>
#include <wayland-server.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "ext-idle-notify-v1-server-protocol.h"
#include "kde-idle-server-protocol.h"

namespace clockout::test::idle {

namespace {

void destroy_resource(wl_client*, wl_resource* resource) {
    wl_resource_destroy(resource);
}

void no_device(wl_client*, wl_resource*, std::uint32_t) {}

// Pointer, keyboard and touch are never asked for by an idle client; they exist because the interface has them.
const struct wl_seat_interface seat_implementation = {no_device, no_device, no_device, destroy_resource};

const struct ext_idle_notification_v1_interface notification_implementation = {destroy_resource};

void notification_destroyed(wl_resource* notification) {
    static_cast<WaylandCompositor*>(wl_resource_get_user_data(notification))->remove_notification(notification);
}

void get_idle_notification(wl_client* client, wl_resource* notifier, std::uint32_t id, std::uint32_t timeout,
                           wl_resource*) {
    auto* compositor = static_cast<WaylandCompositor*>(wl_resource_get_user_data(notifier));
    wl_resource* notification =
        wl_resource_create(client, &ext_idle_notification_v1_interface, wl_resource_get_version(notifier), id);
    wl_resource_set_implementation(notification, &notification_implementation, compositor, &notification_destroyed);
    compositor->add_notification(notification, timeout);
}

const struct ext_idle_notifier_v1_interface notifier_implementation = {destroy_resource, get_idle_notification};

void no_request(wl_client*, wl_resource*) {}

// simulate_user_activity is never sent by Clockout.
const struct org_kde_kwin_idle_timeout_interface timeout_implementation = {destroy_resource, no_request};

void get_idle_timeout(wl_client* client, wl_resource* idle, std::uint32_t id, wl_resource*, std::uint32_t timeout) {
    auto* compositor = static_cast<WaylandCompositor*>(wl_resource_get_user_data(idle));
    wl_resource* notification =
        wl_resource_create(client, &org_kde_kwin_idle_timeout_interface, wl_resource_get_version(idle), id);
    wl_resource_set_implementation(notification, &timeout_implementation, compositor, &notification_destroyed);
    compositor->add_notification(notification, timeout);
}

const struct org_kde_kwin_idle_interface kde_idle_implementation = {get_idle_timeout};

bool is_kde_timeout(wl_resource* notification) {
    return wl_resource_instance_of(notification, &org_kde_kwin_idle_timeout_interface, &timeout_implementation) != 0;
}

void bind_seat(wl_client* client, void* data, std::uint32_t version, std::uint32_t id) {
    wl_resource* seat = wl_resource_create(client, &wl_seat_interface, static_cast<int>(version), id);
    wl_resource_set_implementation(seat, &seat_implementation, data, nullptr);
}

void bind_notifier(wl_client* client, void* data, std::uint32_t version, std::uint32_t id) {
    wl_resource* notifier = wl_resource_create(client, &ext_idle_notifier_v1_interface, static_cast<int>(version), id);
    wl_resource_set_implementation(notifier, &notifier_implementation, data, nullptr);
}

void bind_kde_idle(wl_client* client, void* data, std::uint32_t version, std::uint32_t id) {
    wl_resource* idle = wl_resource_create(client, &org_kde_kwin_idle_interface, static_cast<int>(version), id);
    wl_resource_set_implementation(idle, &kde_idle_implementation, data, nullptr);
}

}  // namespace

WaylandCompositor::WaylandCompositor(const std::filesystem::path& runtime_dir, Globals globals) {
    setenv("XDG_RUNTIME_DIR", runtime_dir.c_str(), 1);
    display_ = wl_display_create();
    const char* socket = display_ ? wl_display_add_socket_auto(display_) : nullptr;
    if (socket == nullptr)
        throw std::runtime_error("cannot create the test compositor's socket");
    setenv("WAYLAND_DISPLAY", socket, 1);
    wl_global_create(display_, &wl_seat_interface, 1, this, &bind_seat);
    if (globals.ext_idle)
        idle_globals_.push_back(wl_global_create(display_, &ext_idle_notifier_v1_interface, 1, this, &bind_notifier));
    if (globals.kde_idle)
        idle_globals_.push_back(wl_global_create(display_, &org_kde_kwin_idle_interface, 1, this, &bind_kde_idle));
    wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    wake_source_ =
        wl_event_loop_add_fd(wl_display_get_event_loop(display_), wake_fd_, WL_EVENT_READABLE, &on_wake, this);
    thread_ = std::thread([this] { run(); });
}

WaylandCompositor::~WaylandCompositor() {
    post([this] { quit_ = true; });
    thread_.join();
    wl_event_source_remove(wake_source_);
    close(wake_fd_);
    if (display_ != nullptr) {
        wl_display_destroy_clients(display_);
        wl_display_destroy(display_);
    }
    unsetenv("WAYLAND_DISPLAY");
}

void WaylandCompositor::send_idled() {
    post([this] { send_to_all(true); });
}

void WaylandCompositor::send_resumed() {
    post([this] { send_to_all(false); });
}

void WaylandCompositor::send_to_all(bool idle) {
    for (wl_resource* n : notifications_) {
        if (is_kde_timeout(n))
            idle ? org_kde_kwin_idle_timeout_send_idle(n) : org_kde_kwin_idle_timeout_send_resumed(n);
        else
            idle ? ext_idle_notification_v1_send_idled(n) : ext_idle_notification_v1_send_resumed(n);
    }
}

void WaylandCompositor::withdraw_idle_globals() {
    post([this] {
        for (wl_global* global : idle_globals_)
            wl_global_destroy(global);
        idle_globals_.clear();
    });
}

void WaylandCompositor::crash() {
    post([this] { wl_display_destroy_clients(display_); });
}

void WaylandCompositor::add_notification(wl_resource* notification, std::uint32_t timeout_ms) {
    notifications_.push_back(notification);
    timeout_ms_ = timeout_ms;
    live_notifications_ = static_cast<int>(notifications_.size());
}

void WaylandCompositor::remove_notification(wl_resource* notification) {
    notifications_.erase(std::remove(notifications_.begin(), notifications_.end(), notification), notifications_.end());
    live_notifications_ = static_cast<int>(notifications_.size());
}

void WaylandCompositor::post(std::function<void()> work) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(work));
    }
    std::uint64_t one = 1;
    [[maybe_unused]] auto written = write(wake_fd_, &one, sizeof one);
}

int WaylandCompositor::on_wake(int fd, std::uint32_t, void* data) {
    auto* self = static_cast<WaylandCompositor*>(data);
    std::uint64_t count = 0;
    [[maybe_unused]] auto got = read(fd, &count, sizeof count);
    std::vector<std::function<void()>> work;
    {
        std::lock_guard lock(self->mutex_);
        work.swap(self->queue_);
    }
    for (auto& w : work)
        w();
    return 0;
}

void WaylandCompositor::run() {
    wl_event_loop* loop = wl_display_get_event_loop(display_);
    while (!quit_) {
        wl_display_flush_clients(display_);
        wl_event_loop_dispatch(loop, -1);
    }
    wl_display_flush_clients(display_);
}

}  // namespace clockout::test::idle
