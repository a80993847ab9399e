#!/usr/bin/env bash
# When a StatusNotifierWatcher owns its name on the session bus (GNOME with the AppIndicator extension, KDE, most
# Wayland desktops), the tray agent shows a StatusNotifierItem through libayatana-appindicator3 instead of an XEmbed
# icon: it registers with the watcher, and its menu is exported over D-Bus (com.canonical.dbusmenu) with the day's
# figures and the actions. The watcher is a python3-dbusmock object standing in for the desktop's.
# Usage: tray_sni.sh /path/to/clockout
set -euo pipefail
gui_bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/gui_env.sh"
export TZ=Europe/Paris LANG=fr_FR.UTF-8 LC_ALL=
watcher_log="$desktop_tmp/watcher.log"

gui_start --no-tray
printf '[ui]\nlanguage = "fr"\n' | gui_default_settings
/usr/bin/python3 -m dbusmock --session -l "$watcher_log" org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
    org.kde.StatusNotifierWatcher >/dev/null 2>&1 &
desktop_pids+=($!)
wait_for 10 gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetNameOwner org.kde.StatusNotifierWatcher || gui_fail "the watcher mock did not start"
gdbus call --session --dest org.kde.StatusNotifierWatcher --object-path /StatusNotifierWatcher \
    --method org.freedesktop.DBus.Mock.AddMethods org.kde.StatusNotifierWatcher \
    "[('RegisterStatusNotifierItem', 's', '', ''), ('RegisterStatusNotifierHost', 's', '', '')]" >/dev/null
gdbus call --session --dest org.kde.StatusNotifierWatcher --object-path /StatusNotifierWatcher \
    --method org.freedesktop.DBus.Mock.AddProperties org.kde.StatusNotifierWatcher \
    "{'IsStatusNotifierHostRegistered': <true>, 'ProtocolVersion': <0>, 'RegisteredStatusNotifierItems': <@as []>}" \
    >/dev/null

gui_start_agent
wait_for 10 grep -q "tray icon shown (statusnotifier)" "$desktop_tmp/agent.out" ||
    gui_fail "the agent did not choose the StatusNotifierItem"
gui_ok "with a StatusNotifierWatcher on the bus the agent shows a StatusNotifierItem"
wait_for 10 grep -q "RegisterStatusNotifierItem" "$watcher_log" || gui_fail "the item did not register with the watcher"
gui_ok "the item registered with the watcher"

# The item's menu, as a panel would read it: find the item's bus name and menu path, then GetLayout.
item="$(sed -n 's/.*RegisterStatusNotifierItem "\([^"]*\)".*/\1/p' "$watcher_log" | head -1)"
owner="$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.ListNames | grep -o "':[0-9.]*'" | tr -d "'" | while read -r name; do
    if gdbus call --session --dest "$name" --object-path "$item" --method org.freedesktop.DBus.Properties.Get \
        org.kde.StatusNotifierItem Id >/dev/null 2>&1; then echo "$name"; break; fi
done)"
[ -n "$owner" ] || gui_fail "no bus name serves the item $item"
menu="$(gdbus call --session --dest "$owner" --object-path "$item" --method org.freedesktop.DBus.Properties.Get \
    org.kde.StatusNotifierItem Menu | grep -o "'/[^']*'" | tr -d "'")"
layout="$(gdbus call --session --dest "$owner" --object-path "$menu" --method com.canonical.dbusmenu.GetLayout 0 ' -1' '@as []')"
for label in "J'ai fini pour aujourd'hui" "Bilan hebdomadaire" "Quitter" "Aujourd'hui"; do
    grep -q "$label" <<<"$layout" || gui_fail "the exported menu has no \"$label\""
done
gui_ok "the exported menu has the day's figures and the actions"
kill -TERM "$agent"
wait "$agent" || gui_fail "the agent did not exit cleanly"
echo "tray_sni: ok"
