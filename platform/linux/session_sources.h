// Helpers shared by the Linux session sources (logind, clock, notifications): bus connections and GLib errors.
#pragma once

#include <gio/gio.h>

#include <string>

#include "platform/activity.h"

namespace clockout::platform::session {

/// A connection of our own to the system or session bus, or nullptr with `error` set. Not GLib's shared singleton:
/// that one ends the process when its bus goes away and would outlive the private buses the tests start.
GDBusConnection* open_bus(GBusType type, std::string& error);

/// Calls `method` synchronously (5 s at most); returns the reply or nullptr with `error` set. Takes `parameters`.
GVariant* call(GDBusConnection* bus, const char* name, const char* path, const char* interface, const char* method,
               GVariant* parameters, const GVariantType* reply_type, std::string& error);

/// True when `name` has an owner on `bus` now.
bool name_has_owner(GDBusConnection* bus, const char* name);

/// The message of `error`, which is freed.
std::string take_message(GError* error);

/// True when `error` says the call was cancelled (the source is being stopped); frees it in that case.
bool cancelled(GError* error);

/// The current wall time, labelling events.
WallTime wall_now();

}  // namespace clockout::platform::session
