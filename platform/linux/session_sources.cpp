// The Linux session sources the agent uses, and the bus plumbing they share.
#include "session_sources.h"

#include <chrono>

#include "clock_watch.h"
#include "logind.h"

namespace clockout::platform {

namespace session {

GDBusConnection* open_bus(GBusType type, std::string& error) {
    GError* failure = nullptr;
    gchar* address = g_dbus_address_get_for_bus_sync(type, nullptr, &failure);
    if (address == nullptr) {
        error = take_message(failure);
        return nullptr;
    }
    auto flags = static_cast<GDBusConnectionFlags>(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION);
    GDBusConnection* bus = g_dbus_connection_new_for_address_sync(address, flags, nullptr, nullptr, &failure);
    g_free(address);
    if (bus == nullptr) {
        error = take_message(failure);
        return nullptr;
    }
    g_dbus_connection_set_exit_on_close(bus, FALSE);
    return bus;
}

GVariant* call(GDBusConnection* bus, const char* name, const char* path, const char* interface, const char* method,
               GVariant* parameters, const GVariantType* reply_type, std::string& error) {
    GError* failure = nullptr;
    GVariant* reply = g_dbus_connection_call_sync(bus, name, path, interface, method, parameters, reply_type,
                                                  G_DBUS_CALL_FLAGS_NONE, 5000, nullptr, &failure);
    if (reply == nullptr)
        error = take_message(failure);
    return reply;
}

bool name_has_owner(GDBusConnection* bus, const char* name) {
    std::string ignored;
    GVariant* reply = call(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
                           g_variant_new("(s)", name), G_VARIANT_TYPE("(b)"), ignored);
    if (reply == nullptr)
        return false;
    gboolean owned = FALSE;
    g_variant_get(reply, "(b)", &owned);
    g_variant_unref(reply);
    return owned != FALSE;
}

std::string take_message(GError* error) {
    if (error == nullptr)
        return "unknown error";
    // Remote errors carry the D-Bus error name in front of the message; a user reads the message.
    g_dbus_error_strip_remote_error(error);
    std::string message = error->message;
    g_error_free(error);
    return message;
}

bool cancelled(GError* error) {
    if (error != nullptr && g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
        g_error_free(error);
        return true;
    }
    return false;
}

WallTime wall_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace session

std::vector<std::unique_ptr<ActivitySource>> make_session_sources() {
    std::vector<std::unique_ptr<ActivitySource>> sources;
    sources.push_back(std::make_unique<LogindSource>());
    sources.push_back(std::make_unique<ClockWatch>());
    return sources;
}

}  // namespace clockout::platform
