#!/usr/bin/env bash
# When a StatusNotifierWatcher owns its name on the session bus (GNOME with the AppIndicator extension, KDE, most
# Wayland desktops), the tray agent shows a StatusNotifierItem through libayatana-appindicator3 instead of an XEmbed
# icon: it registers with the watcher, and its menu is exported over D-Bus (com.canonical.dbusmenu) with the day's
# figures and the actions. The watcher is a python3-dbusmock object standing in for the desktop's. When the panel opens
# the menu (AboutToShow), the figures are computed again: a morning imported while the agent runs shows at the next
# opening. The agent's clock is faked (Monday 10:00), so the figures do not depend on today's date.
# Usage: tray_sni.sh /path/to/clockout
set -euo pipefail
gui_bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/gui_env.sh"
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
[ -e "$faketime_lib" ] || gui_fail "libfaketime is missing (Debian: libfaketime)"
source "$here/../support/fake_dates.sh"
mon="$(fake_day 2026-11-09)"
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

LD_PRELOAD="$faketime_lib" FAKETIME="@$mon 10:00:00" gui_start_agent
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
# 08:00-09:30 Paris imported while the agent runs: 1 h 30 of activity the agent has not heard of. The panel opens the
# menu (AboutToShow on the root, id 0), then reads the layout: the figures are the new ones. Before, the menu kept the
# figures of its last rebuild until the icon's state changed.
grep -q "1 h 30" <<<"$layout" && gui_fail "the menu shows 1 h 30 before anything was imported: $layout"
printf 'start,end,state,utc_offset,work_day,source,device\n%sT07:00:00Z,%sT08:30:00Z,active,+01:00,,xsync,office\n' \
    "$mon" "$mon" >"$desktop_tmp/morning.csv"
"$gui_bin" import "$desktop_tmp/morning.csv" >/dev/null || gui_fail "the morning was not imported"
gdbus call --session --dest "$owner" --object-path "$menu" --method com.canonical.dbusmenu.AboutToShow 0 >/dev/null ||
    gui_fail "AboutToShow failed"
layout="$(gdbus call --session --dest "$owner" --object-path "$menu" --method com.canonical.dbusmenu.GetLayout 0 ' -1' '@as []')"
grep -q "1 h 30" <<<"$layout" || gui_fail "after AboutToShow the menu does not show the imported 1 h 30: $layout"
# The seam: `clockout status` (asking the running agent) gives the same figure.
status="$(LD_PRELOAD="$faketime_lib" FAKETIME="@$mon 10:00:00" "$gui_bin" status 2>&1)"
grep -q "1 h 30" <<<"$status" || gui_fail "clockout status does not show the 1 h 30 the menu shows: $status"
gui_ok "opening the menu computes its figures again (1 h 30 imported while the agent ran), as clockout status does"
kill -TERM "$agent"
wait "$agent" || gui_fail "the agent did not exit cleanly"
echo "tray_sni: ok"
