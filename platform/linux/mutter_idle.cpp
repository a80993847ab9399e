// Input idleness from GNOME's compositor: org.gnome.Mutter.IdleMonitor on the session bus (mutter
// data/dbus-interfaces/org.gnome.Mutter.IdleMonitor.xml). An idle watch fires each time input has been idle for the
// threshold; a one-shot user-active watch, added after each idle, fires on the next input. GNOME on Wayland offers
// nothing else (no ext-idle-notify), and on X11 it is also the most accurate.
// When Mutter comes back after being lost (a crash, gnome-shell restarted), its idle time counts from its own start,
// not from the user's last input: a short idle time then says nothing of the user. The state stays unknown (nothing
// reported) until the user-active watch sees real input or the idle watch fires with none since Mutter came back.
#include <gio/gio.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "idle_sources.h"
#include "session_sources.h"

namespace clockout::platform {

namespace {

using std::chrono::milliseconds;

constexpr const char* monitor_name = "org.gnome.Mutter.IdleMonitor";
constexpr const char* monitor_path = "/org/gnome/Mutter/IdleMonitor/Core";
constexpr const char* monitor_interface = "org.gnome.Mutter.IdleMonitor";
constexpr int call_timeout_ms = 5000;
// Mutter fires the idle watch when its idle time reaches the threshold; a reading this far below it means input came
// between the signal and our question.
constexpr milliseconds reading_slack{250};

class MutterIdleSource final : public ActivitySource {
  public:
    ~MutterIdleSource() override { stop(); }

    std::string name() const override { return "mutter"; }

    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override {
        stop();
        // A connection of our own: GLib's shared one ends the process when the bus goes away, and Mutter drops our
        // watches by itself when this connection closes.
        std::string error;
        bus_ = session::open_bus(G_BUS_TYPE_SESSION, error);
        if (bus_ == nullptr) {
            why_not = "cannot connect to the session bus: " + error;
            return false;
        }
        if (!session::name_has_owner(bus_, monitor_name)) {
            why_not = std::string(monitor_name) + " has no owner on the session bus (not GNOME)";
            stop();
            return false;
        }
        cancellable_ = g_cancellable_new();
        threshold_ = idle_threshold;
        // Subscribe before adding watches so that no WatchFired can slip between.
        subscription_ =
            g_dbus_connection_signal_subscribe(bus_, monitor_name, monitor_interface, "WatchFired", monitor_path,
                                               nullptr, G_DBUS_SIGNAL_FLAGS_NONE, &on_watch_fired, this, nullptr);
        closed_handler_ = g_signal_connect(bus_, "closed", G_CALLBACK(&on_closed), this);
        milliseconds idle{};
        if (!register_watches(idle, false, why_not)) {
            stop();
            return false;
        }
        name_watch_ = g_bus_watch_name_on_connection(bus_, monitor_name, G_BUS_NAME_WATCHER_FLAGS_NONE, &on_appeared,
                                                     &on_vanished, this, nullptr);
        sink_ = &sink;
        report_state(idle);
        return true;
    }

    void stop() override {
        if (cancellable_ != nullptr) {
            g_cancellable_cancel(cancellable_);
            g_object_unref(cancellable_);
        }
        cancellable_ = nullptr;
        if (name_watch_ != 0)
            g_bus_unwatch_name(name_watch_);
        name_watch_ = 0;
        if (bus_ != nullptr) {
            if (subscription_ != 0)
                g_dbus_connection_signal_unsubscribe(bus_, subscription_);
            if (closed_handler_ != 0)
                g_signal_handler_disconnect(bus_, closed_handler_);
            // Closing is what removes our watches in Mutter; the async close keeps the object alive until done.
            g_dbus_connection_close(bus_, nullptr, nullptr, nullptr);
            g_object_unref(bus_);
        }
        bus_ = nullptr;
        subscription_ = 0;
        closed_handler_ = 0;
        sink_ = nullptr;
        idle_watch_ = 0;
        active_watch_ = 0;
        idle_ = false;
        unknown_ = false;
        asking_ = false;
        lost_ = false;
    }

  private:
    bool running() const { return sink_ != nullptr; }

    GVariant* call_sync(const char* method, GVariant* parameters, const char* reply_type, std::string& error_text) {
        GError* error = nullptr;
        GVariant* reply = g_dbus_connection_call_sync(bus_, monitor_name, monitor_path, monitor_interface, method,
                                                      parameters, G_VARIANT_TYPE(reply_type), G_DBUS_CALL_FLAGS_NONE,
                                                      call_timeout_ms, nullptr, &error);
        if (reply == nullptr)
            error_text = std::string(method) + ": " + session::take_message(error);
        return reply;
    }

    void call_async(const char* method, GVariant* parameters, const char* reply_type, GAsyncReadyCallback done) {
        g_dbus_connection_call(bus_, monitor_name, monitor_path, monitor_interface, method, parameters,
                               G_VARIANT_TYPE(reply_type), G_DBUS_CALL_FLAGS_NONE, call_timeout_ms, cancellable_, done,
                               this);
    }

    // Reads the idle time and adds the watches for it, synchronously: at start, and when Mutter comes back
    // (`comeback`): then an idle time under the threshold leaves the state unknown, with the user-active watch added
    // so that the first real input is seen.
    bool register_watches(milliseconds& idle, bool comeback, std::string& why_not) {
        GVariant* reply = call_sync("GetIdletime", nullptr, "(t)", why_not);
        if (reply == nullptr)
            return false;
        guint64 idle_ms = 0;
        g_variant_get(reply, "(t)", &idle_ms);
        g_variant_unref(reply);
        idle = milliseconds(static_cast<std::int64_t>(idle_ms));

        auto threshold_ms = static_cast<guint64>(milliseconds(threshold_).count());
        reply = call_sync("AddIdleWatch", g_variant_new("(t)", threshold_ms), "(u)", why_not);
        if (reply == nullptr)
            return false;
        g_variant_get(reply, "(u)", &idle_watch_);
        g_variant_unref(reply);

        idle_ = idle >= threshold_;
        unknown_ = comeback && !idle_;
        if (idle_ || unknown_) {
            reply = call_sync("AddUserActiveWatch", nullptr, "(u)", why_not);
            if (reply == nullptr)
                return false;
            g_variant_get(reply, "(u)", &active_watch_);
            g_variant_unref(reply);
        }
        return true;
    }

    void report_state(milliseconds idle) {
        if (idle_)
            emit(ActivityKind::input_idle, idle_clock::wall_now(), idle_clock::wall_ago(idle));
        else
            emit(ActivityKind::input_active, idle_clock::wall_ago(idle), {});
    }

    static void on_watch_fired(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*,
                               GVariant* parameters, gpointer data) {
        auto* self = static_cast<MutterIdleSource*>(data);
        if (!self->running() || self->lost_ || !g_variant_is_of_type(parameters, G_VARIANT_TYPE("(u)")))
            return;
        guint32 id = 0;
        g_variant_get(parameters, "(u)", &id);
        if (id == 0)
            return;
        if (id == self->idle_watch_ && self->unknown_) {
            // No input since Mutter came back (the user-active watch would have fired): idle since then.
            self->unknown_ = false;
            self->idle_ = true;
            self->emit(ActivityKind::input_idle, idle_clock::wall_now(), self->back_at_);
        } else if (id == self->idle_watch_ && !self->idle_ && !self->asking_) {
            // The signal carries no time: ask how long input has been idle, for `since`.
            self->asking_ = true;
            self->call_async("GetIdletime", nullptr, "(t)", &on_idletime);
        } else if (id == self->active_watch_ && (self->idle_ || self->unknown_)) {
            self->active_watch_ = 0;  // one-shot in Mutter
            self->idle_ = false;
            self->unknown_ = false;
            self->emit(ActivityKind::input_active, idle_clock::wall_now(), {});
        }
    }

    static void on_idletime(GObject* bus, GAsyncResult* result, gpointer data) {
        GError* error = nullptr;
        GVariant* reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(bus), result, &error);
        if (reply == nullptr && session::cancelled(error))
            return;
        auto* self = static_cast<MutterIdleSource*>(data);
        self->asking_ = false;
        if (reply == nullptr) {
            g_error_free(error);
            return self->lose();
        }
        guint64 idle_ms = 0;
        g_variant_get(reply, "(t)", &idle_ms);
        g_variant_unref(reply);
        milliseconds idle(static_cast<std::int64_t>(idle_ms));
        if (idle + reading_slack < self->threshold_) {
            // Input came back before we asked: the idle run happened and ended `idle` ago.
            self->emit(ActivityKind::input_idle, idle_clock::wall_now(), idle_clock::wall_ago(idle + self->threshold_));
            if (self->running())
                self->emit(ActivityKind::input_active, idle_clock::wall_ago(idle), {});
            return;
        }
        self->idle_ = true;
        self->call_async("AddUserActiveWatch", nullptr, "(u)", &on_active_watch_added);
        self->emit(ActivityKind::input_idle, idle_clock::wall_now(), idle_clock::wall_ago(idle));
    }

    static void on_active_watch_added(GObject* bus, GAsyncResult* result, gpointer data) {
        GError* error = nullptr;
        GVariant* reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(bus), result, &error);
        if (reply == nullptr && session::cancelled(error))
            return;
        auto* self = static_cast<MutterIdleSource*>(data);
        if (reply == nullptr) {
            g_error_free(error);
            return self->lose();
        }
        g_variant_get(reply, "(u)", &self->active_watch_);
        g_variant_unref(reply);
    }

    static void on_appeared(GDBusConnection*, const gchar*, const gchar*, gpointer data) {
        auto* self = static_cast<MutterIdleSource*>(data);
        if (!self->running() || !self->lost_)
            return;
        // gnome-shell restarted (X11) or came back: our old watches died with it.
        milliseconds idle{};
        std::string why_not;
        self->back_at_ = idle_clock::wall_now();
        if (!self->register_watches(idle, true, why_not))
            return;
        self->lost_ = false;
        if (!self->unknown_)
            self->report_state(idle);
    }

    static void on_vanished(GDBusConnection*, const gchar*, gpointer data) {
        static_cast<MutterIdleSource*>(data)->lose();
    }

    static void on_closed(GDBusConnection*, gboolean, GError*, gpointer data) {
        static_cast<MutterIdleSource*>(data)->lose();
    }

    // Mutter left the bus or the bus went away: the user's state is unknown from now on.
    void lose() {
        if (!running() || lost_)
            return;
        lost_ = true;
        idle_ = false;
        unknown_ = false;
        asking_ = false;
        idle_watch_ = 0;
        active_watch_ = 0;
        // Replies still on their way belong to watches that no longer exist.
        g_cancellable_cancel(cancellable_);
        g_object_unref(cancellable_);
        cancellable_ = g_cancellable_new();
        emit(ActivityKind::backend_lost, idle_clock::wall_now(), {});
    }

    void emit(ActivityKind kind, WallTime at, WallTime since) {
        ActivityEvent event;
        event.kind = kind;
        event.at = at;
        event.since = since;
        event.source = name();
        sink_->on_activity(event);
    }

    GDBusConnection* bus_ = nullptr;
    GCancellable* cancellable_ = nullptr;
    ActivitySink* sink_ = nullptr;
    std::chrono::seconds threshold_{};
    guint subscription_ = 0;
    gulong closed_handler_ = 0;
    guint name_watch_ = 0;
    guint32 idle_watch_ = 0;
    guint32 active_watch_ = 0;
    bool idle_ = false;
    bool unknown_ = false;  // Mutter came back and no input has been seen since: nothing reported yet
    WallTime back_at_{};    // when it came back
    bool asking_ = false;   // a GetIdletime for the idle watch is on its way
    bool lost_ = false;
};

}  // namespace

std::unique_ptr<ActivitySource> make_mutter_idle_source() {
    return std::make_unique<MutterIdleSource>();
}

}  // namespace clockout::platform
