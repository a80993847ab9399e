#!/usr/bin/env bash
# The tray agent in a private desktop (Xvfb, openbox, trayer, a notification daemon), French UI: the tray icon is
# embedded in trayer, its menu opens with the day's figures, the weekly summary (on the imported sample week, opened by
# itself at the first activity of the next week) and the settings open from the menu; the same summary in a dark
# theme; the summary's "Bilan du mois" writes the month's page and hands it to the default browser (a stand-in that
# records what it was given); and the first-run setup when there is no settings.toml yet.
# Usage: tray_windows.sh /path/to/clockout [screenshot-dir]
set -euo pipefail
gui_bin="$1"
shots="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/gui_env.sh"
[ -n "$shots" ] || shots="$desktop_tmp/shots"
mkdir -p "$shots"
export TZ=Europe/Paris LANG=fr_FR.UTF-8 LC_ALL=
# Monday of the week after the sample week (2026-W47), mid-morning: the agent's clock only, through libfaketime.
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
[ -e "$faketime_lib" ] || die "libfaketime is missing (Debian: libfaketime)"
source "$here/../support/fake_dates.sh"  # CLOCKOUT_TEST_YEARS moves the sample week and that Monday by whole weeks
monday="$(fake_day 2026-11-23)"

gui_start
printf '[ui]\nlanguage = "fr"\n' | gui_default_settings
# With two calls (issue 14), drawn in teal: Thursday's 15:10-15:40 (recorded idle before calls counted) and a phone
# meeting on Tuesday from 17:35 to 18:50 that lengthens the day; and a second device (issue 15): the office PC on
# Friday from 15:30 to 17:15, half an hour of it beside the laptop (counted once).
sed -e 's/^\(2026-11-19T14:10:00Z,2026-11-19T14:40:00Z\),idle,\(.*\),xsync,/\1,call,\2,pulse,/' \
    -e '$a 2026-11-17T16:35:00Z,2026-11-17T17:50:00Z,call,+01:00,2026-11-17,pulse,laptop' \
    -e '$a 2026-11-20T14:30:00Z,2026-11-20T16:15:00Z,active,+01:00,2026-11-20,xsync,bureau' \
    "$here/../data/sample-week.csv" | fake_text >"$desktop_tmp/sample-week.csv"
grep -c ',call,' "$desktop_tmp/sample-week.csv" | grep -qx 2 || gui_fail "the sample week's two calls were not added"
"$gui_bin" import "$desktop_tmp/sample-week.csv" >/dev/null || gui_fail "the sample week was not imported"

# The default browser, for GIO and xdg-open alike: a stand-in that records the address it is asked to open.
mkdir -p "$XDG_DATA_HOME/applications" "$XDG_CONFIG_HOME"
printf '#!/bin/sh\necho "$1" >>"%s"\n' "$desktop_tmp/browser.log" >"$desktop_tmp/fake-browser.sh"
chmod +x "$desktop_tmp/fake-browser.sh"
printf '[Desktop Entry]\nType=Application\nName=Test browser\nExec=%s %%u\nMimeType=text/html;\n' \
    "$desktop_tmp/fake-browser.sh" >"$XDG_DATA_HOME/applications/test-browser.desktop"
printf '[Default Applications]\ntext/html=test-browser.desktop\n' >"$XDG_CONFIG_HOME/mimeapps.list"

# The tray icon: an XEmbed client window of the agent inside trayer's panel.
# The window tree is read whole before it is searched: piped into `grep -q` (or an awk that exits at the first match),
# xwininfo is killed by SIGPIPE as soon as the match comes early in its output, which is where an open menu comes (on
# top), and under pipefail that turned a found menu into "no menu" (the menu "did not open" on a fair share of tries).
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
# Opens the tray menu and picks the n-th enabled item with the keyboard (the three figures are disabled).
# A right click on the icon, tried up to five times: under load a click can land before the icon takes input.
open_menu() {
    local try icon
    for try in 1 2 3 4 5; do
        sleep 0.5
        icon=$(tray_icon)
        [ -n "$icon" ] || { echo "open_menu: try $try: no tray icon in trayer's panel" >&2; sleep 1; continue; }
        xdotool mousemove --window "$icon" 8 8 click 3
        wait_for 4 menu_open && return 0
        echo "open_menu: try $try: no menu 4 s after a right click on $icon" >&2
        xdotool key Escape
    done
    # What the screen held, for the log: the icon, the pointer, the agent's windows (mapped or not).
    echo "--- tray icon: '$(tray_icon)'; pointer: $(xdotool getmouselocation 2>&1)" >&2
    window_tree | grep -E '"clockout"|"trayer"' >&2 || true
    return 1
}
menu_pick() {
    local downs="$1"
    open_menu || gui_fail "the tray menu did not open"
    sleep 0.3
    for _ in $(seq "$downs"); do xdotool key Down; done
    xdotool key Return
}

LD_PRELOAD="$faketime_lib" FAKETIME="@$monday 10:00:00" gui_start_agent
wait_for 10 grep -q "tray icon shown (xembed)" "$desktop_tmp/agent.out" || gui_fail "the agent did not show a tray icon"
wait_for 5 test -n "$(tray_icon)" || gui_fail "no clockout window inside trayer's panel"
gui_ok "the tray icon is embedded in trayer ($(tray_icon))"

# The first input of the new week opens last week's summary by itself.
xdotool mousemove 300 300 && sleep 0.3 && xdotool mousemove 320 320
wait_for 10 gui_windows "Bilan hebdomadaire" || gui_fail "the weekly summary did not open at the first input of the week"
gui_ok "the summary of the week that ended opened by itself"
sleep 1
gui_screenshot "$shots/weekly-summary.png"
# "Bilan du mois" (Alt+B): the month of the shown week, written in the data folder, opened in the default browser.
xdotool windowactivate --sync "$(gui_windows "Bilan hebdomadaire" | head -1)" 2>/dev/null || true
xdotool key alt+b
wait_for 15 test -s "$desktop_tmp/browser.log" || gui_fail "Bilan du mois opened no browser: $(tail -3 "$gui_log")"
page="$(sed 's|^file://||' "$desktop_tmp/browser.log" | head -1)"  # GIO hands a local file as its path
month="$(fake_day 2026-11-16 | cut -c1-7)"
[ "$page" = "$HOME/.local/share/clockout/reports/clockout-$month.html" ] ||
    gui_fail "the browser was given $(cat "$desktop_tmp/browser.log"), not the month's page"
grep -q "Clockout : bilan du mois de" "$page" || gui_fail "the page written is not the month's French page"
[ "$(stat -c %a "$page")" = 600 ] || gui_fail "the page is not private to the user: $(stat -c %a "$page")"
gui_ok "Bilan du mois writes the month's page ($(wc -c <"$page") bytes, 0600) and opens it in the default browser"
gui_escape "Bilan hebdomadaire"

open_menu || gui_fail "the tray menu did not open on a right click"
gui_ok "the tray menu opens"
sleep 0.5
gui_screenshot "$shots/tray-menu.png"
xdotool key Escape
sleep 0.5

menu_pick 3 # I'm done, Pause, Weekly summary
wait_for 5 gui_windows "Bilan hebdomadaire" || gui_fail "Weekly summary in the menu opened no window"
gui_ok "the menu opens the weekly summary"
gui_escape "Bilan hebdomadaire"

menu_pick 4 # ..., Settings
wait_for 5 gui_windows "Réglages de Clockout" || gui_fail "Settings in the menu opened no dialog"
gui_ok "the menu opens the settings"
sleep 0.5
gui_screenshot "$shots/settings.png"
# The General page: holidays, leave, language, calls counted as work, the devices folder.
xdotool key ctrl+Page_Down ctrl+Page_Down
sleep 0.5
gui_screenshot "$shots/settings-general.png"
gui_escape "Réglages de Clockout"

kill -TERM "$agent"
wait "$agent" || gui_fail "the agent did not exit cleanly on SIGTERM"
gui_ok "the tray agent exits cleanly on SIGTERM"

# The same summary in a dark theme: the chart takes its colours from the theme.
rm -f "$HOME/.local/state/clockout/last-summary-week"
GTK_THEME=Adwaita:dark LD_PRELOAD="$faketime_lib" FAKETIME="@$monday 10:00:00" gui_start_agent
wait_for 10 grep -q "tray icon shown" "$desktop_tmp/agent.out" || gui_fail "the agent did not start in a dark theme"
xdotool mousemove 400 400 && sleep 0.3 && xdotool mousemove 420 420
wait_for 10 gui_windows "Bilan hebdomadaire" || gui_fail "no summary in the dark theme"
sleep 1
gui_screenshot "$shots/weekly-summary-dark.png"
# A dark chart: the pixel at the chart's left edge is dark (the light theme's is light).
kill -TERM "$agent"
wait "$agent" || true
gui_ok "the summary opens in a dark theme"

# First run: no settings.toml yet, so the agent asks for the week's windows and quiet hours, then writes the file.
rm -f "$HOME/.config/clockout/settings.toml"
gui_start_agent
wait_for 10 gui_windows "Bienvenue dans Clockout" || gui_fail "no first-run setup without a settings file"
gui_ok "the first-run setup opens when there is no settings.toml"
sleep 0.5
gui_screenshot "$shots/first-run.png"
# Typing goes straight to Monday's windows (a space on a focused button would close the dialog instead).
welcome="$(gui_window "Bienvenue dans Clockout")" || gui_fail "the first-run setup closed before typing"
xdotool windowactivate --sync "$welcome" key ctrl+a
# First a Monday the agent would refuse (two windows that overlap): the page says so, writes nothing, stays open.
xdotool type --delay 20 "08:30-12:00, 11:00-13:00"
sleep 0.3
xdotool key Return
first_run_windows() { [ "$(gui_windows "Bienvenue dans Clockout" | wc -l)" -ge "$1" ]; }
wait_for 5 first_run_windows 2 || gui_fail "overlapping windows on Monday brought no message"
sleep 0.5
gui_screenshot "$shots/first-run-refused.png"
[ ! -e "$HOME/.config/clockout/settings.toml" ] || gui_fail "the first run wrote settings the agent would refuse"
xdotool key Return # closes the message
wait_for 5 bash -c '[ "$(xdotool search --onlyvisible --name "Bienvenue dans Clockout" 2>/dev/null | wc -l)" -eq 1 ]' ||
    gui_fail "the message did not close"
gui_window "Bienvenue dans Clockout" >/dev/null || gui_fail "the first-run page closed after refusing overlapping windows"
gui_ok "overlapping windows are refused before anything is written, and the page stays open"
xdotool windowactivate --sync "$welcome" key ctrl+a
xdotool type --delay 20 "08:30-12:00, 13:00-16:30"
sleep 0.3
gui_windows "Bienvenue dans Clockout" >/dev/null || gui_fail "typing into the first-run setup closed it"
xdotool key Return # the default button: OK
wait_for 5 test -s "$HOME/.config/clockout/settings.toml" || gui_fail "the first-run setup wrote no settings.toml"
grep -q 'mon = \["08:30-12:00", "13:00-16:30"\]' "$HOME/.config/clockout/settings.toml" ||
    gui_fail "the settings file does not hold Monday's windows as typed: $(grep mon "$HOME/.config/clockout/settings.toml")"
grep -q 'tue = \["09:00-12:30", "13:30-17:30"\]' "$HOME/.config/clockout/settings.toml" ||
    gui_fail "the settings file does not hold the week's windows"
"$gui_bin" config check >/dev/null || gui_fail "the written settings do not pass config check"
# Start at login is unticked until the worker ticks it, as the README promises.
[ ! -e "$XDG_CONFIG_HOME/autostart/org.clockout.Clockout.desktop" ] ||
    gui_fail "the first run turned on start at login though nobody ticked it"
gui_ok "the first-run setup takes typing in Monday's field and wrote a valid settings.toml"
kill -TERM "$agent"
wait "$agent" || true
echo "tray_windows: screenshots in $shots"
