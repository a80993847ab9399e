#include "platform/tray_host.h"

#include <X11/Xlib.h>
#include <gio/gio.h>

#include <string>

namespace clockout::platform {

namespace {

bool status_notifier_watcher_present(std::string& why_not) {
    GError* error = nullptr;
    GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
    if (!bus) {
        why_not = std::string("no session bus (") + (error ? error->message : "unknown error") + ")";
        g_clear_error(&error);
        return false;
    }
    GVariant* reply =
        g_dbus_connection_call_sync(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                    "NameHasOwner", g_variant_new("(s)", "org.kde.StatusNotifierWatcher"),
                                    G_VARIANT_TYPE("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000, nullptr, &error);
    bool owned = false;
    if (reply) {
        gboolean b = FALSE;
        g_variant_get(reply, "(b)", &b);
        owned = b != FALSE;
        g_variant_unref(reply);
    }
    g_clear_error(&error);
    g_object_unref(bus);
    if (!owned)
        why_not = "no StatusNotifierWatcher on the session bus";
    return owned;
}

bool xembed_tray_present(std::string& why_not) {
    Display* display = XOpenDisplay(nullptr);
    if (!display) {
        why_not = "no X display";
        return false;
    }
    const std::string selection = "_NET_SYSTEM_TRAY_S" + std::to_string(DefaultScreen(display));
    Atom atom = XInternAtom(display, selection.c_str(), False);
    bool owned = XGetSelectionOwner(display, atom) != None;
    XCloseDisplay(display);
    if (!owned)
        why_not = "no X11 system tray (" + selection + " has no owner)";
    return owned;
}

}  // namespace

TrayHost probe_tray_host() {
    TrayHost host;
    std::string sni_why, xembed_why;
    host.status_notifier = status_notifier_watcher_present(sni_why);
    host.xembed = xembed_tray_present(xembed_why);
    if (host.status_notifier && host.xembed)
        host.detail = "StatusNotifierItem host and X11 system tray";
    else if (host.status_notifier)
        host.detail = "StatusNotifierItem host (" + xembed_why + ")";
    else if (host.xembed)
        host.detail = "X11 system tray (" + sni_why + ")";
    else
        host.detail = "none: " + sni_why + "; " + xembed_why;
    return host;
}

}  // namespace clockout::platform
