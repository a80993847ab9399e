#!/usr/bin/env bash
# A nudge never steals or locks a dialog the user is typing in (issue 11; docs/nudges.md): the firm nudge arriving
# while the settings dialog (modal) is open does not open its window over it; it goes to the notification service at
# once, and the window opens when the dialog closes, with buttons that respond. The agent's clock is libfaketime's at
# real speed, Monday 9 November 2026 17:59:35 Paris: the firm nudge is due at 18:00 (the day's end 17:30 + 30 min).
#   1. the settings dialog, opened from the tray menu before 18:00, is still open and no nudge window is mapped after
#      the nudge came (the log says it waits); the nudge reached D-Bus as a notification;
#   2. a field of the dialog still takes typing (the nudge did not take the focus);
#   3. Escape closes the settings; the nudge window then opens, and Return (Disconnect now) answers it.
# Usage: tray_nudge_dialog.sh /path/to/clockout
set -euo pipefail
gui_bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/gui_env.sh"
export TZ=Europe/Paris LANG=C.UTF-8 LC_ALL=
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
[ -e "$faketime_lib" ] || die "libfaketime is missing (Debian: libfaketime)"
source "$here/../support/fake_dates.sh"
mon="$(fake_day 2026-11-09)"

gui_start
gui_default_settings </dev/null
keep_alive() { while true; do xdotool mousemove_relative -- 1 1 >/dev/null 2>&1; sleep 1; xdotool mousemove_relative -- -1 -1 >/dev/null 2>&1; sleep 1; done; }

window_tree() { xwininfo -root -tree 2>/dev/null; }
tray_icon() {
    local tree
    tree=$(window_tree) || return 0
    awk '/"panel": \("panel" "trayer"\)/ {inside = 1; next} inside && /"clockout"/ {print $1; exit}' <<<"$tree"
}
menu_open() {
    local tree
    tree=$(window_tree) || return 1
    grep -q '"clockout": ("clockout" "Clockout")  [0-9][0-9][0-9]x[0-9][0-9][0-9]' <<<"$tree"
}
open_settings() {
    local try icon
    for try in 1 2 3 4 5; do
        sleep 0.5
        icon=$(tray_icon)
        [ -n "$icon" ] || { sleep 1; continue; }
        xdotool mousemove --window "$icon" 8 8 click 3
        if wait_for 4 menu_open; then
            sleep 0.3
            xdotool key Down Down Down Down Return # I'm done, Pause, Weekly summary, Settings
            return 0
        fi
        xdotool key Escape
    done
    gui_fail "the tray menu did not open"
}

# The morning's work (09:00-17:00 Paris): a day's-end nudge needs activity before the day's end (docs/nudges.md,
# the first evening), and the agent is started at 17:59:35 so that the firm nudge (17:30 + 30 min) comes in 25 s.
printf 'start,end,state,utc_offset,work_day,source,device\n%sT08:00:00Z,%sT16:00:00Z,active,+01:00,,xsync,test\n' \
    "$mon" "$mon" >"$desktop_tmp/morning.csv"
"$gui_bin" import "$desktop_tmp/morning.csv" >/dev/null || gui_fail "the morning's rows were not imported"
LD_PRELOAD="$faketime_lib" FAKETIME="@$mon 17:59:35" gui_start_agent
wait_for 10 grep -q "tray icon shown (xembed)" "$desktop_tmp/agent.out" || gui_fail "the agent did not show a tray icon"
keep_alive &
desktop_pids+=($!)
open_settings
wait_for 10 gui_windows "Clockout settings" || gui_fail "the settings dialog did not open"
gui_ok "the settings dialog is open before 18:00"

# 1. The nudge comes and waits.
wait_for 40 grep -q "nudge window waits for the open dialog to close" "$gui_log" ||
    gui_fail "the firm nudge did not come (or did not wait) while the settings were open: $(grep nudge "$gui_log")"
sleep 1
gui_window_gone "Time to disconnect" || gui_fail "a nudge window opened over the settings dialog"
gui_windows "Clockout settings" >/dev/null || gui_fail "the settings dialog closed when the nudge came"
gui_ok "no nudge window over the settings; the settings stay open"
wait_for 5 grep -q "Time to disconnect" "$gui_calls" || gui_fail "the waiting nudge was not sent as a notification"
gui_ok "the nudge reached the notification service meanwhile"

# 2. The dialog keeps the keyboard: the active window is still the settings dialog.
settings="$(gui_window "Clockout settings")"
active="$(xdotool getactivewindow)"
[ "$active" = "$settings" ] || gui_fail "the settings dialog lost the focus to window $active ($(xdotool getwindowname "$active"))"
gui_ok "the settings dialog keeps the focus"

# 3. Closing the settings brings the nudge window, whose buttons respond.
gui_escape "Clockout settings"
wait_for 10 gui_windows "Time to disconnect" || gui_fail "the nudge window did not open after the settings closed"
grep -q "nudge window opens: the dialog closed" "$gui_log" || gui_fail "the log does not say the window waited"
gui_ok "the nudge window opens once the settings are closed"
nudge="$(gui_window "Time to disconnect")"
xdotool windowactivate --sync "$nudge" key Return
wait_for 5 gui_window_gone "Time to disconnect" || gui_fail "Return did not answer the nudge window"
wait_for 5 grep -q "notification action 101" "$gui_log" || gui_fail "the nudge window's answer did not reach the engine"
gui_ok "its Disconnect now button answers the engine"

kill -TERM "$agent"
wait "$agent" || gui_fail "the agent did not exit cleanly"
echo "tray_nudge_dialog: a nudge waits for the settings dialog and never covers or locks it"
