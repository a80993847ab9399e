// logind on the system bus. Sleep: we hold a "delay" inhibitor while awake; PrepareForSleep(true) lets the sink commit
// the journal, then we close the fd so the sleep proceeds (logind waits at most InhibitDelayMaxSec). Lock: the
// session's LockedHint, which lockers set (the Lock/Unlock *signals* are requests to lockers, not notices).
#include "logind.h"

#include <unistd.h>

#include <gio/gunixfdlist.h>

#include <cstdlib>
#include <optional>
#include <vector>

#include "session_sources.h"

namespace clockout::platform {

namespace {

constexpr const char* login1_name = "org.freedesktop.login1";
constexpr const char* login1_path = "/org/freedesktop/login1";
constexpr const char* manager_interface = "org.freedesktop.login1.Manager";
constexpr const char* session_interface = "org.freedesktop.login1.Session";
constexpr const char* properties_interface = "org.freedesktop.DBus.Properties";

}  // namespace

struct LogindSource::Impl {
    ActivitySink* sink = nullptr;
    GDBusConnection* bus = nullptr;
    GCancellable* cancellable = nullptr;
    guint sleep_subscription = 0;
    guint session_subscription = 0;
    gulong closed_handler = 0;
    guint initial_report = 0;
    int inhibitor_fd = -1;
    bool inhibit_pending = false;
    bool preparing_sleep = false;
    std::string session_path;
    std::string inhibit_error;
    std::string session_error;
    std::optional<bool> locked;
    std::optional<bool> active;

    ~Impl() { stop(); }

    bool start(ActivitySink& new_sink, std::string& why_not) {
        stop();
        std::string error;
        bus = session::open_bus(G_BUS_TYPE_SYSTEM, error);
        if (bus == nullptr) {
            why_not = "no system bus (" + error + ")";
            return false;
        }
        if (!session::name_has_owner(bus, login1_name)) {
            why_not = "systemd-logind is not running (no owner for org.freedesktop.login1)";
            drop_bus();
            return false;
        }
        sink = &new_sink;
        cancellable = g_cancellable_new();
        closed_handler = g_signal_connect(bus, "closed", G_CALLBACK(&Impl::bus_closed), this);
        // Subscribed before reading any state, so no change falls between the read and the watch.
        sleep_subscription = g_dbus_connection_signal_subscribe(bus, login1_name, manager_interface, "PrepareForSleep",
                                                                login1_path, nullptr, G_DBUS_SIGNAL_FLAGS_NONE,
                                                                &Impl::prepare_for_sleep, this, nullptr);
        take_inhibitor_now();
        watch_session();
        // The first lock state reaches the sink from the loop, like every later event, not from inside start().
        initial_report = g_idle_add(&Impl::report_initial_cb, this);
        return true;
    }

    void stop() {
        if (cancellable != nullptr) {
            g_cancellable_cancel(cancellable);
            g_clear_object(&cancellable);
        }
        if (initial_report != 0)
            g_source_remove(initial_report);
        initial_report = 0;
        release_inhibitor();
        inhibit_pending = false;
        preparing_sleep = false;
        drop_bus();
        sink = nullptr;
        locked.reset();
        active.reset();
        session_path.clear();
    }

    void drop_bus() {
        if (bus == nullptr)
            return;
        if (sleep_subscription != 0)
            g_dbus_connection_signal_unsubscribe(bus, sleep_subscription);
        if (session_subscription != 0)
            g_dbus_connection_signal_unsubscribe(bus, session_subscription);
        if (closed_handler != 0)
            g_signal_handler_disconnect(bus, closed_handler);
        sleep_subscription = session_subscription = 0;
        closed_handler = 0;
        g_dbus_connection_close(bus, nullptr, nullptr, nullptr);
        g_clear_object(&bus);
    }

    void emit(ActivityKind kind) {
        if (sink == nullptr)
            return;
        ActivityEvent event;
        event.kind = kind;
        event.at = session::wall_now();
        event.source = "logind";
        sink->on_activity(event);
    }

    // --- sleep ---

    void release_inhibitor() {
        if (inhibitor_fd >= 0)
            ::close(inhibitor_fd);
        inhibitor_fd = -1;
    }

    static GVariant* inhibit_parameters() {
        return g_variant_new("(ssss)", "sleep", "Clockout", "Save the journal before sleep", "delay");
    }

    // The reply's handle indexes the fd list; g_unix_fd_list_get() gives us our own duplicate.
    static int fd_from_reply(GVariant* reply, GUnixFDList* fds, std::string& error) {
        gint32 index = -1;
        g_variant_get(reply, "(h)", &index);
        g_variant_unref(reply);
        int fd = -1;
        GError* failure = nullptr;
        if (fds != nullptr && index >= 0 && index < g_unix_fd_list_get_length(fds))
            fd = g_unix_fd_list_get(fds, index, &failure);
        if (fd < 0)
            error = failure != nullptr ? session::take_message(failure) : "logind sent no file descriptor";
        g_clear_object(&fds);
        return fd;
    }

    // Synchronous at start, so the agent is protected from the moment start() returns.
    void take_inhibitor_now() {
        GUnixFDList* fds = nullptr;
        GError* failure = nullptr;
        GVariant* reply = g_dbus_connection_call_with_unix_fd_list_sync(
            bus, login1_name, login1_path, manager_interface, "Inhibit", inhibit_parameters(), G_VARIANT_TYPE("(h)"),
            G_DBUS_CALL_FLAGS_NONE, 5000, nullptr, &fds, nullptr, &failure);
        if (reply == nullptr) {
            inhibit_error = session::take_message(failure);
            return;
        }
        inhibit_error.clear();
        inhibitor_fd = fd_from_reply(reply, fds, inhibit_error);
    }

    // Asynchronous after a wake: the loop keeps serving input events meanwhile.
    void take_inhibitor_later() {
        if (inhibitor_fd >= 0 || inhibit_pending || bus == nullptr)
            return;
        inhibit_pending = true;
        g_dbus_connection_call_with_unix_fd_list(bus, login1_name, login1_path, manager_interface, "Inhibit",
                                                 inhibit_parameters(), G_VARIANT_TYPE("(h)"), G_DBUS_CALL_FLAGS_NONE,
                                                 5000, nullptr, cancellable, &Impl::inhibit_done, this);
    }

    static void inhibit_done(GObject* bus_object, GAsyncResult* result, gpointer self_ptr) {
        GUnixFDList* fds = nullptr;
        GError* failure = nullptr;
        GVariant* reply =
            g_dbus_connection_call_with_unix_fd_list_finish(G_DBUS_CONNECTION(bus_object), &fds, result, &failure);
        if (reply == nullptr && session::cancelled(failure))
            return;  // stopped: self may be gone
        auto* self = static_cast<Impl*>(self_ptr);
        self->inhibit_pending = false;
        if (reply == nullptr) {
            self->inhibit_error = session::take_message(failure);
            return;
        }
        self->inhibit_error.clear();
        int fd = fd_from_reply(reply, fds, self->inhibit_error);
        if (self->preparing_sleep && fd >= 0) {
            ::close(fd);  // a new sleep began before the reply: holding it would only delay that sleep
            fd = -1;
        }
        self->inhibitor_fd = fd;
    }

    static void prepare_for_sleep(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*,
                                  GVariant* parameters, gpointer self_ptr) {
        auto* self = static_cast<Impl*>(self_ptr);
        if (!g_variant_is_of_type(parameters, G_VARIANT_TYPE("(b)")))
            return;
        gboolean going_down = FALSE;
        g_variant_get(parameters, "(b)", &going_down);
        self->flush_initial_report();
        if (going_down) {
            self->preparing_sleep = true;
            // The sink commits the journal before returning; only then may the machine sleep.
            self->emit(ActivityKind::sleep);
            self->release_inhibitor();
        } else {
            self->preparing_sleep = false;
            self->emit(ActivityKind::wake);
            self->take_inhibitor_later();
        }
    }

    // --- session ---

    // Ours is $XDG_SESSION_ID, else the one our process belongs to, else logind's "auto" (the user's graphical
    // session), which an agent started as a systemd user service needs.
    void watch_session() {
        std::vector<std::string> candidates;
        std::string error;
        auto ask = [&](const char* method, GVariant* parameters) {
            GVariant* reply = session::call(bus, login1_name, login1_path, manager_interface, method, parameters,
                                            G_VARIANT_TYPE("(o)"), error);
            if (reply == nullptr)
                return;
            const gchar* path = nullptr;
            g_variant_get(reply, "(&o)", &path);
            candidates.emplace_back(path);
            g_variant_unref(reply);
        };
        if (const char* id = std::getenv("XDG_SESSION_ID"); id != nullptr && *id != '\0')
            ask("GetSession", g_variant_new("(s)", id));
        ask("GetSessionByPID", g_variant_new("(u)", static_cast<guint32>(::getpid())));
        ask("GetSession", g_variant_new("(s)", "auto"));
        candidates.emplace_back("/org/freedesktop/login1/session/auto");

        for (const std::string& path : candidates) {
            GVariant* all = session::call(bus, login1_name, path.c_str(), properties_interface, "GetAll",
                                          g_variant_new("(s)", session_interface), G_VARIANT_TYPE("(a{sv})"), error);
            if (all == nullptr)
                continue;
            GVariant* properties = g_variant_get_child_value(all, 0);
            // An alias path (".../auto", ".../self") never emits signals: the session's own path does.
            const gchar* id = nullptr;
            std::string real_path = path;
            bool alias = g_str_has_suffix(path.c_str(), "/auto") || g_str_has_suffix(path.c_str(), "/self");
            if (alias && g_variant_lookup(properties, "Id", "&s", &id)) {
                GVariant* reply = session::call(bus, login1_name, login1_path, manager_interface, "GetSession",
                                                g_variant_new("(s)", id), G_VARIANT_TYPE("(o)"), error);
                if (reply != nullptr) {
                    const gchar* own = nullptr;
                    g_variant_get(reply, "(&o)", &own);
                    real_path = own;
                    g_variant_unref(reply);
                }
            }
            session_path = real_path;
            session_subscription = g_dbus_connection_signal_subscribe(
                bus, login1_name, properties_interface, "PropertiesChanged", session_path.c_str(), session_interface,
                G_DBUS_SIGNAL_FLAGS_NONE, &Impl::session_changed, this, nullptr);
            gboolean value = FALSE;
            if (g_variant_lookup(properties, "LockedHint", "b", &value))
                locked = value != FALSE;
            if (g_variant_lookup(properties, "Active", "b", &value))
                active = value != FALSE;
            g_variant_unref(properties);
            g_variant_unref(all);
            session_error.clear();
            return;
        }
        session_error = "no logind session found for this process (" + error + ")";
    }

    static gboolean report_initial_cb(gpointer self_ptr) {
        auto* self = static_cast<Impl*>(self_ptr);
        self->initial_report = 0;
        self->report_initial();
        return G_SOURCE_REMOVE;
    }

    // Every later event assumes the sink knows the starting lock state, so it is flushed before any of them.
    void flush_initial_report() {
        if (initial_report == 0)
            return;
        g_source_remove(initial_report);
        initial_report = 0;
        report_initial();
    }

    void report_initial() {
        if (locked.has_value())
            emit(*locked ? ActivityKind::lock : ActivityKind::unlock);
        // An active session at start is the norm and says nothing; an inactive one means another user has the seat.
        if (active.has_value() && !*active)
            emit(ActivityKind::session_inactive);
    }

    void set_locked(bool value) {
        if (locked == value)
            return;
        locked = value;
        emit(value ? ActivityKind::lock : ActivityKind::unlock);
    }

    void set_active(bool value) {
        if (active == value)
            return;
        active = value;
        emit(value ? ActivityKind::session_active : ActivityKind::session_inactive);
    }

    void apply(GVariant* properties) {
        gboolean value = FALSE;
        if (g_variant_lookup(properties, "LockedHint", "b", &value))
            set_locked(value != FALSE);
        if (g_variant_lookup(properties, "Active", "b", &value))
            set_active(value != FALSE);
    }

    static void session_changed(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*,
                                GVariant* parameters, gpointer self_ptr) {
        auto* self = static_cast<Impl*>(self_ptr);
        if (!g_variant_is_of_type(parameters, G_VARIANT_TYPE("(sa{sv}as)")))
            return;
        self->flush_initial_report();
        GVariant* changed = g_variant_get_child_value(parameters, 1);
        self->apply(changed);
        g_variant_unref(changed);
        // Properties announced without their value must be read again.
        GVariant* invalidated = g_variant_get_child_value(parameters, 2);
        bool reread = false;
        for (gsize i = 0; i < g_variant_n_children(invalidated); ++i) {
            const gchar* property = nullptr;
            g_variant_get_child(invalidated, i, "&s", &property);
            reread = reread || g_strcmp0(property, "LockedHint") == 0 || g_strcmp0(property, "Active") == 0;
        }
        g_variant_unref(invalidated);
        if (reread && self->bus != nullptr)
            g_dbus_connection_call(self->bus, login1_name, self->session_path.c_str(), properties_interface, "GetAll",
                                   g_variant_new("(s)", session_interface), G_VARIANT_TYPE("(a{sv})"),
                                   G_DBUS_CALL_FLAGS_NONE, 5000, self->cancellable, &Impl::reread_done, self);
    }

    static void reread_done(GObject* bus_object, GAsyncResult* result, gpointer self_ptr) {
        GError* failure = nullptr;
        GVariant* all = g_dbus_connection_call_finish(G_DBUS_CONNECTION(bus_object), result, &failure);
        if (all == nullptr) {
            if (!session::cancelled(failure))
                g_error_free(failure);
            return;
        }
        auto* self = static_cast<Impl*>(self_ptr);
        GVariant* properties = g_variant_get_child_value(all, 0);
        self->apply(properties);
        g_variant_unref(properties);
        g_variant_unref(all);
    }

    static void bus_closed(GDBusConnection*, gboolean, GError*, gpointer self_ptr) {
        auto* self = static_cast<Impl*>(self_ptr);
        self->flush_initial_report();
        // Without the bus we can no longer tell lock or sleep: the state becomes unknown, never active.
        self->emit(ActivityKind::backend_lost);
        self->stop();
    }
};

LogindSource::LogindSource() : impl_(std::make_unique<Impl>()) {}

LogindSource::~LogindSource() = default;

bool LogindSource::start(ActivitySink& sink, std::chrono::seconds, std::string& why_not) {
    return impl_->start(sink, why_not);
}

void LogindSource::stop() {
    impl_->stop();
}

bool LogindSource::holding_sleep_inhibitor() const {
    return impl_->inhibitor_fd >= 0;
}

std::string LogindSource::detail() const {
    if (impl_->bus == nullptr)
        return "not started";
    std::string text = impl_->session_path.empty() ? impl_->session_error : "session " + impl_->session_path;
    text += impl_->inhibitor_fd >= 0 ? "; sleep waits for the journal"
                                     : "; sleep is not delayed (" + impl_->inhibit_error + ")";
    return text;
}

}  // namespace clockout::platform
