#!/usr/bin/python3
"""Input for a real Mutter or gnome-shell, through its org.gnome.Mutter.RemoteDesktop API (the desktop tests).

A remote desktop session lives as long as the D-Bus connection that created it, so this stays running and takes
commands on standard input, one per line: `pointer` (a relative move of 5, 5), `key` (left shift pressed and
released). It answers each with a line `ok` once Mutter has taken the calls, or `error: ...`. It prints `ready` once
the session is started. Uses the session bus of its environment (DBUS_SESSION_BUS_ADDRESS).
"""
import sys

from gi.repository import Gio, GLib

NAME = "org.gnome.Mutter.RemoteDesktop"
SESSION_IFACE = "org.gnome.Mutter.RemoteDesktop.Session"
KEY_LEFTSHIFT = 42  # evdev


def main():
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def call(path, iface, method, args=None, reply=None):
        return bus.call_sync(NAME, path, iface, method, args, GLib.VariantType.new(reply) if reply else None,
                             Gio.DBusCallFlags.NONE, 5000, None)

    try:
        (session,) = call("/org/gnome/Mutter/RemoteDesktop", NAME, "CreateSession", None, "(o)").unpack()
        call(session, SESSION_IFACE, "Start")
    except GLib.Error as error:
        print("error: " + error.message, flush=True)
        return 1
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.strip()
        try:
            if command == "pointer":
                call(session, SESSION_IFACE, "NotifyPointerMotionRelative", GLib.Variant("(dd)", (5.0, 5.0)))
            elif command == "key":
                call(session, SESSION_IFACE, "NotifyKeyboardKeycode", GLib.Variant("(ub)", (KEY_LEFTSHIFT, True)))
                call(session, SESSION_IFACE, "NotifyKeyboardKeycode", GLib.Variant("(ub)", (KEY_LEFTSHIFT, False)))
            elif command == "":
                continue
            else:
                print("error: unknown command " + command, flush=True)
                continue
        except GLib.Error as error:
            print("error: " + error.message, flush=True)
            continue
        print("ok", flush=True)
    try:
        call(session, SESSION_IFACE, "Stop")
    except GLib.Error:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
