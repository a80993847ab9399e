// org.freedesktop.Notifications over GDBus, for when the agent runs without its GTK UI: the end-of-day question must
// still reach the user and its buttons must still reach us.
#include "platform/notifier.h"

#include <map>
#include <utility>

#include "session_sources.h"

namespace clockout::platform {

namespace {

constexpr const char* notifications_name = "org.freedesktop.Notifications";
constexpr const char* notifications_path = "/org/freedesktop/Notifications";
constexpr const char* notifications_interface = "org.freedesktop.Notifications";

// Urgency hint values of the Desktop Notifications specification.
constexpr guchar urgency_normal = 1;
constexpr guchar urgency_critical = 2;

class FreedesktopNotifier final : public DesktopNotifier {
  public:
    FreedesktopNotifier(std::string app_name, std::string icon_name)
        : app_name_(std::move(app_name)), icon_name_(std::move(icon_name)) {
        bus_ = session::open_bus(G_BUS_TYPE_SESSION, bus_error_);
        if (bus_ == nullptr)
            return;
        action_subscription_ = subscribe("ActionInvoked", &FreedesktopNotifier::action_invoked);
        closed_subscription_ = subscribe("NotificationClosed", &FreedesktopNotifier::notification_closed);
    }

    ~FreedesktopNotifier() override {
        if (bus_ == nullptr)
            return;
        g_dbus_connection_signal_unsubscribe(bus_, action_subscription_);
        g_dbus_connection_signal_unsubscribe(bus_, closed_subscription_);
        g_dbus_connection_close(bus_, nullptr, nullptr, nullptr);
        g_object_unref(bus_);
    }

    FreedesktopNotifier(const FreedesktopNotifier&) = delete;
    FreedesktopNotifier& operator=(const FreedesktopNotifier&) = delete;

    bool available(std::string& detail) override {
        if (bus_ == nullptr) {
            detail = "no session bus (" + bus_error_ + ")";
            return false;
        }
        // Servers are often started on demand: an activatable name counts, and the call below starts it.
        if (!session::name_has_owner(bus_, notifications_name) && !activatable()) {
            detail = "no notification server (nobody owns org.freedesktop.Notifications)";
            return false;
        }
        std::string error;
        GVariant* info = session::call(bus_, notifications_name, notifications_path, notifications_interface,
                                       "GetServerInformation", nullptr, G_VARIANT_TYPE("(ssss)"), error);
        if (info == nullptr) {
            detail = "the notification server does not answer (" + error + ")";
            return false;
        }
        const gchar* name = nullptr;
        const gchar* vendor = nullptr;
        const gchar* version = nullptr;
        const gchar* spec = nullptr;
        g_variant_get(info, "(&s&s&s&s)", &name, &vendor, &version, &spec);
        detail = std::string(name) + " " + version + " (" + vendor + ", specification " + spec + ")";
        g_variant_unref(info);
        return true;
    }

    std::uint32_t show(const std::string& title, const std::string& body,
                       const std::vector<NotificationAction>& actions, bool urgent,
                       std::function<void(const std::string& action_id)> on_action) override {
        if (bus_ == nullptr)
            return 0;
        GVariantBuilder action_list;
        g_variant_builder_init(&action_list, G_VARIANT_TYPE("as"));
        for (const NotificationAction& action : actions) {
            g_variant_builder_add(&action_list, "s", action.id.c_str());
            g_variant_builder_add(&action_list, "s", action.label.c_str());
        }
        GVariantBuilder hints;
        g_variant_builder_init(&hints, G_VARIANT_TYPE("a{sv}"));
        // desktop-entry lets the server show our name and icon and group our notifications.
        g_variant_builder_add(&hints, "{sv}", "desktop-entry", g_variant_new_string("org.clockout.Clockout"));
        g_variant_builder_add(&hints, "{sv}", "urgency",
                              g_variant_new_byte(urgent ? urgency_critical : urgency_normal));
        GVariant* parameters = g_variant_new("(susssasa{sv}i)", app_name_.c_str(), 0u, icon_name_.c_str(),
                                             title.c_str(), body.c_str(), &action_list, &hints, -1);
        std::string error;
        GVariant* reply = session::call(bus_, notifications_name, notifications_path, notifications_interface, "Notify",
                                        parameters, G_VARIANT_TYPE("(u)"), error);
        if (reply == nullptr)
            return 0;
        guint32 id = 0;
        g_variant_get(reply, "(u)", &id);
        g_variant_unref(reply);
        // The reply precedes any ActionInvoked for it on the bus, so the callback is in place before it can be needed.
        if (id != 0 && on_action)
            callbacks_[id] = std::move(on_action);
        return id;
    }

    void close(std::uint32_t id) override {
        callbacks_.erase(id);
        if (bus_ == nullptr || id == 0)
            return;
        g_dbus_connection_call(bus_, notifications_name, notifications_path, notifications_interface,
                               "CloseNotification", g_variant_new("(u)", id), nullptr, G_DBUS_CALL_FLAGS_NONE, 5000,
                               nullptr, nullptr, nullptr);
    }

  private:
    guint subscribe(const char* signal, GDBusSignalCallback callback) {
        return g_dbus_connection_signal_subscribe(bus_, notifications_name, notifications_interface, signal,
                                                  notifications_path, nullptr, G_DBUS_SIGNAL_FLAGS_NONE, callback, this,
                                                  nullptr);
    }

    bool activatable() {
        std::string error;
        GVariant* reply = session::call(bus_, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                        "ListActivatableNames", nullptr, G_VARIANT_TYPE("(as)"), error);
        if (reply == nullptr)
            return false;
        bool found = false;
        GVariant* names = g_variant_get_child_value(reply, 0);
        for (gsize i = 0; i < g_variant_n_children(names) && !found; ++i) {
            const gchar* name = nullptr;
            g_variant_get_child(names, i, "&s", &name);
            found = g_strcmp0(name, notifications_name) == 0;
        }
        g_variant_unref(names);
        g_variant_unref(reply);
        return found;
    }

    static void action_invoked(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*,
                               GVariant* parameters, gpointer self_ptr) {
        auto* self = static_cast<FreedesktopNotifier*>(self_ptr);
        if (!g_variant_is_of_type(parameters, G_VARIANT_TYPE("(us)")))
            return;
        guint32 id = 0;
        const gchar* action = nullptr;
        g_variant_get(parameters, "(u&s)", &id, &action);
        auto found = self->callbacks_.find(id);
        if (found == self->callbacks_.end())
            return;  // another program's notification: the signal is broadcast
        // A copy: the callback may well close this notification or show another, changing the map.
        std::function<void(const std::string&)> callback = found->second;
        callback(action);
    }

    static void notification_closed(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*,
                                    GVariant* parameters, gpointer self_ptr) {
        auto* self = static_cast<FreedesktopNotifier*>(self_ptr);
        if (!g_variant_is_of_type(parameters, G_VARIANT_TYPE("(uu)")))
            return;
        guint32 id = 0;
        guint32 reason = 0;
        g_variant_get(parameters, "(uu)", &id, &reason);
        self->callbacks_.erase(id);
    }

    std::string app_name_;
    std::string icon_name_;
    GDBusConnection* bus_ = nullptr;
    std::string bus_error_;
    guint action_subscription_ = 0;
    guint closed_subscription_ = 0;
    std::map<std::uint32_t, std::function<void(const std::string&)>> callbacks_;
};

}  // namespace

std::unique_ptr<DesktopNotifier> make_desktop_notifier(const std::string& app_name, const std::string& icon_name) {
    return std::make_unique<FreedesktopNotifier>(app_name, icon_name);
}

}  // namespace clockout::platform
