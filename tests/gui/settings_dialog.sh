#!/usr/bin/env bash
# The three steps of issue 11 in the French tray agent (Xvfb, openbox, trayer, a notification daemon): the first-run
# page with Wednesday ticked as a rest day but its hours left; the settings with overlapping windows on Monday; the
# "Inactif après" field at 0. Each is refused on its field, in French, with nothing written, and the dialog stays open;
# mended, it saves a file `clockout config check` accepts. Screenshots: the problem on its field, the limits in hours.
# Usage: settings_dialog.sh /path/to/clockout [screenshot-dir]
set -euo pipefail
gui_bin="$1"
shots="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/gui_env.sh"
[ -n "$shots" ] || shots="$desktop_tmp/shots"
mkdir -p "$shots"
export TZ=Europe/Paris LANG=fr_FR.UTF-8 LC_ALL=
settings="$HOME/.config/clockout/settings.toml"

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
open_menu() {
    local try icon
    for try in 1 2 3 4 5; do
        sleep 0.5
        icon=$(tray_icon)
        [ -n "$icon" ] || { sleep 1; continue; }
        xdotool mousemove --window "$icon" 8 8 click 3
        wait_for 4 menu_open && return 0
        xdotool key Escape
    done
    return 1
}
# How many mapped windows carry the title $1.
count_windows() { gui_windows "$1" 2>/dev/null | wc -l; }
# Presses Return on the dialog titled $1 (its default button) and waits for the message box over it.
press_and_expect_message() {
    local title="$1" id
    id="$(gui_window "$title")" || gui_fail "no window titled $title"
    xdotool windowactivate --sync "$id" key Return
    wait_for 5 bash -c "[ \$(xdotool search --onlyvisible --name '$title' 2>/dev/null | wc -l) -ge 2 ]" ||
        gui_fail "$2: no message over $title"
}
close_message() {
    local title="$1"
    xdotool key Return
    wait_for 5 bash -c "[ \$(xdotool search --onlyvisible --name '$title' 2>/dev/null | wc -l) -eq 1 ]" ||
        gui_fail "the message over $title did not close"
    gui_window "$title" >/dev/null || gui_fail "$title closed after refusing"
}

gui_start

# 1. First run, Wednesday ticked as a rest day with its hours left: refused on Wednesday's field.
rm -f "$settings"
gui_start_agent
wait_for 10 gui_windows "Bienvenue dans Clockout" || gui_fail "no first-run page without a settings file"
welcome="$(gui_window "Bienvenue dans Clockout")"
sleep 0.5
# Focus starts in Monday's field; the tab order is Monday, its box, Tuesday, its box, Wednesday, its box.
xdotool windowactivate --sync "$welcome" key Tab Tab Tab Tab Tab space
sleep 0.3
press_and_expect_message "Bienvenue dans Clockout" "Wednesday as a rest day with hours"
sleep 0.5
gui_screenshot "$shots/first-run-rest-day-refused.png"
[ ! -e "$settings" ] || gui_fail "the first run wrote a file with a rest day that has hours"
close_message "Bienvenue dans Clockout"
gui_ok "first run: a rest day with hours is refused, nothing written, the page stays open"
sleep 0.5
gui_screenshot "$shots/first-run-rest-day-on-field.png"
# Mended: Wednesday emptied (shift+Tab back to its field).
xdotool windowactivate --sync "$welcome" key shift+Tab ctrl+a BackSpace
sleep 0.3
xdotool key Return
wait_for 5 test -s "$settings" || gui_fail "the mended first run wrote no settings.toml"
grep -q '^wed = \[\]' "$settings" || gui_fail "Wednesday is not empty in the file: $(grep '^wed' "$settings")"
grep -q '^rest_days = \["wed", "sat", "sun"\]' "$settings" ||
    gui_fail "Wednesday is not a rest day in the file: $(grep rest_days "$settings")"
"$gui_bin" config check >/dev/null || gui_fail "the first run's file does not pass config check"
gui_ok "first run mended: Wednesday a rest day with no hours, saved, config check passes"
wait_for 10 grep -q "tray icon shown" "$desktop_tmp/agent.out" || gui_fail "no tray icon after the first run"

# 2. The settings, Monday 08:30-12:00, 11:00-13:00: the overlap is shown on Monday's field as it is typed.
open_menu || gui_fail "the tray menu did not open"
sleep 0.3
xdotool key Down Down Down Down Return # I'm done, Pause, Weekly summary, Settings
wait_for 5 gui_windows "Réglages de Clockout" || gui_fail "Settings in the menu opened no dialog"
dialog="$(gui_window "Réglages de Clockout")"
sleep 0.5
before="$(md5sum <"$settings")"
xdotool windowactivate --sync "$dialog" key ctrl+a
xdotool type --delay 20 "08:30-12:00, 11:00-13:00"
sleep 0.5
gui_screenshot "$shots/settings-overlap-on-field.png"
press_and_expect_message "Réglages de Clockout" "overlapping windows"
[ "$(md5sum <"$settings")" = "$before" ] || gui_fail "the settings wrote overlapping windows"
close_message "Réglages de Clockout"
gui_ok "overlapping windows are refused on Monday's field, nothing written, the dialog stays open"
xdotool windowactivate --sync "$dialog" key ctrl+a
xdotool type --delay 20 "08:30-12:00, 13:00-16:30"

# 3. "Inactif après" at 0, on the next tab (the limits in hours).
# ctrl+Page_Down brings the next tab forward with the focus in its first field, "Inactif après".
xdotool key ctrl+Page_Down
sleep 0.5
xdotool key ctrl+a
xdotool type --delay 20 "0"
sleep 0.5
gui_screenshot "$shots/settings-limits-in-hours.png"
press_and_expect_message "Réglages de Clockout" "Inactif après at 0"
[ "$(md5sum <"$settings")" = "$before" ] || gui_fail "the settings wrote an idle threshold of 0"
close_message "Réglages de Clockout"
gui_ok "Inactif après at 0 is refused on its field, nothing written"
xdotool windowactivate --sync "$dialog" key ctrl+a
xdotool type --delay 20 "3"
sleep 0.3
xdotool key Return
wait_for 5 gui_window_gone "Réglages de Clockout" || gui_fail "the mended settings did not close"
grep -q '^mon = \["08:30-12:00", "13:00-16:30"\]' "$settings" || gui_fail "Monday not saved: $(grep '^mon' "$settings")"
grep -q '^threshold = "3m"' "$settings" || gui_fail "the idle threshold not saved: $(grep threshold "$settings")"
grep -q '^active_firm = "10h"' "$settings" || gui_fail "the limits shown in hours were not written back as 10h"
"$gui_bin" config check >/dev/null || gui_fail "the saved settings do not pass config check"
gui_ok "mended: Monday and Inactif après saved, the limits kept, config check passes"
kill -TERM "$agent"
wait "$agent" || true
echo "settings_dialog: screenshots in $shots"
