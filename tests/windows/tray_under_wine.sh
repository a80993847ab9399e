#!/usr/bin/env bash
# The Windows tray agent under wine, installed by its own installer, on a private X desktop (docs/platform-windows.md):
#   bash tests/windows/tray_under_wine.sh SETUP_EXE [SCREENSHOT_DIR]
# Xvfb, openbox and trayer (tests/gui/gui_env.sh): wine docks the Windows notification area's icons in trayer, an
# XEmbed tray, as it would in any X desktop. The UI is French (LANG=fr_FR.UTF-8: wine's user locale). In a fresh wine
# prefix:
#   1. the installer's first page is shown (a screenshot), then `setup.exe /S` installs;
#   2. the agent with no settings shows the first-run page; *Commencer* writes settings.toml; its icon is docked in
#      the tray; a second launch returns at once, starts no second agent and opens the first one's status window;
#      `clockout status` gives the live figures of the running agent; the Start-menu shortcut was given the
#      AppUserModelID; a hand edit of settings.toml is applied within 2 s, one with a mistake keeps the settings in
#      force, shows a notification and `clockout status` names it;
#   3. with the sample week imported and the clock faked (libfaketime, which works for wine and its wineserver: the
#      agent's Windows clock is the faked one) to the Monday after it, 17:59:20 Paris, input opens last week's summary
#      by itself, the tray menu opens on a right click, and at 18:00 (the day's end 17:30 + 30 min) the firm nudge
#      window appears;
#   4. taskkill (WM_CLOSE, as Windows' logoff and the installer send) ends the agent, which commits its journal;
#   5. at 21:10 that Monday (quiet hours), back after hours away: the question "is this work?" comes as a balloon;
#      a click on it (or, under wine, on the tray icon) opens its buttons in a window, and *Personnel* records the
#      evening as personal.
# Prints each check; exit status 0 when all hold, 1 at the first that does not (FAIL names it).
set -euo pipefail
setup="$(readlink -f "${1:?usage: tray_under_wine.sh SETUP_EXE [SCREENSHOT_DIR]}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../gui/gui_env.sh"  # Xvfb, openbox, trayer, a private bus; HOME in $desktop_tmp; stopped at exit
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
[ -e "$faketime_lib" ] || die "libfaketime is missing (Debian: libfaketime)"
for tool in wine wineserver xdotool import; do
    command -v "$tool" >/dev/null || die "$tool not found (bash installer/dev-setup.sh deps)"
done
source "$here/../support/fake_dates.sh"
monday="$(fake_day 2026-11-23)"
shots="${2:-$desktop_tmp/shots}"
mkdir -p "$shots"
export TZ=Europe/Paris LANG=fr_FR.UTF-8 LC_ALL=
export WINEPREFIX="$desktop_tmp/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# wine takes the Windows user's locale (the installer's language, the formats) from the Unix one, and fr_FR.UTF-8 is
# seldom generated on a build machine: the test compiles it into a folder of its own (LOCPATH), for wine only.
command -v localedef >/dev/null || die "localedef not found (Debian: libc-bin)"
locales="$desktop_tmp/locales"
mkdir -p "$locales"
localedef -i fr_FR -f UTF-8 "$locales/fr_FR.UTF-8" >/dev/null 2>&1 || die "localedef could not make fr_FR.UTF-8"
wine() { LOCPATH="$locales" command wine "$@"; }
wineboot() { LOCPATH="$locales" command wineboot "$@"; }
wine_stop() { wineserver -k >/dev/null 2>&1 || true; }
test_at_exit wine_stop
gui_start

user="$(id -un)"
programs="$WINEPREFIX/drive_c/users/$user/AppData/Local/Programs/Clockout"
exe="$programs/bin/clockout.exe"
com="$programs/bin/clockout.com"
settings="$WINEPREFIX/drive_c/users/$user/AppData/Roaming/Clockout/settings.toml"
journal="$WINEPREFIX/drive_c/users/$user/AppData/Local/Clockout/journal.sqlite"
agent_out="$desktop_tmp/agent.out"
gui_log="$WINEPREFIX/drive_c/users/$user/AppData/Local/Clockout/logs/clockout.log"  # what gui_fail prints
winpath() { echo "Z:${1//\//\\}"; }
# The agent's processes (not the launcher, not a zombie): wine names them by the Windows program's path. Only this
# test's own (its WINEPREFIX in their environment): CTest may run another wine test's clockout.exe at the same time.
agents() {
    local pid count=0
    for pid in $(ps -eo pid=,stat=,args= | awk '$2 !~ /^Z/ && /\\clockout\.exe|\/clockout\.exe/ && !/clockout\.com/ {print $1}'); do
        tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "WINEPREFIX=$WINEPREFIX" && count=$((count + 1))
    done
    echo "$count"
}
window_tree() { xwininfo -root -tree 2>/dev/null; }
# The icon docked in trayer's panel: wine's explorer.exe hosts the notification area and docks each icon as an
# XEmbed client (a window of class explorer.exe inside the panel); in a fresh prefix the only icon is the agent's.
tray_icon() {
    local tree
    tree=$(window_tree) || return 0
    awk '/"panel": \("panel" "trayer"\)/ {inside = 1; next} inside && /\("explorer\.exe" "explorer\.exe"\)/ {print $1; exit}
         inside && /^     0x/ {exit}' <<<"$tree"
}
has_tray_icon() { [ -n "$(tray_icon)" ]; }
fail() { gui_fail "tray_under_wine: $*"; }
shot() { sleep 0.5; gui_screenshot "$shots/$1"; echo "screenshot: $shots/$1"; }

# 1. The installer: its first page, then a silent install.
wineboot --init >"$desktop_tmp/wineboot.log" 2>&1 || fail "wineboot --init failed: $(tail -n 3 "$desktop_tmp/wineboot.log")"
wineserver -w
wine "$setup" >/dev/null 2>&1 &
installer=$!
wait_for 30 gui_windows "Clockout" || fail "the installer showed no window"
title="$(xdotool getwindowname "$(gui_window "Clockout")")"
[ "$title" = "Installation de Clockout" ] || fail "the installer's first page is not in French: '$title'"
gui_ok "the installer's first page is shown in French: '$title'"
shot installer-wine-fr.png
kill "$installer" 2>/dev/null || true
wine_stop
wine "$setup" /S >/dev/null 2>&1 || fail "setup.exe /S failed"
wineserver -w
[ -f "$exe" ] && [ -f "$com" ] || fail "setup.exe /S did not install clockout.exe and clockout.com in $programs"
gui_ok "setup.exe /S installed $(basename "$exe") and $(basename "$com")"
[ ! -e "$programs/share/locale" ] || fail "the installer still ships share\\locale: the French catalog belongs inside clockout.exe"

# 2. The first run, the tray icon, a second launch, the live status.
wine "$exe" >"$agent_out" 2>&1 &
wait_for 30 gui_windows "Bienvenue dans Clockout" || fail "no first-run page with no settings"
gui_ok "with no settings the first-run page opens (Bienvenue dans Clockout)"
shot first-run-wine-fr.png
xdotool windowactivate --sync "$(gui_window "Bienvenue dans Clockout")" >/dev/null 2>&1 || true
sleep 0.5
xdotool key Return
wait_for 10 test -s "$settings" || fail "Commencer wrote no settings.toml"
wait_for 5 gui_window_gone "Bienvenue dans Clockout" || fail "the first-run page stayed open after Commencer"
gui_ok "Commencer wrote settings.toml and closed the page"
wait_for 15 has_tray_icon || fail "no icon docked in trayer's panel"
gui_ok "the tray icon is docked in the tray ($(tray_icon))"
check_one_agent() { [ "$(agents)" -eq 1 ]; }
wait_for 5 check_one_agent || fail "$(agents) agents run, not 1"
started=$(date +%s)
timeout 30 env LOCPATH="$locales" wine "$exe" >"$desktop_tmp/second.out" 2>&1 || fail "the second launch failed or hung: $(tail -n 2 "$desktop_tmp/second.out")"
gui_ok "a second launch returned in $(($(date +%s) - started)) s"
sleep 1
check_one_agent || fail "a second launch left $(agents) agents running"
gui_ok "still one agent"
wait_for 10 gui_windows "tat de Clockout" || fail "the second launch did not open the first agent's status window"
gui_ok "the second launch opened the running agent's status window (État de Clockout)"
status="$(wine "$com" status 2>&1 | tr -d '\r')"
grep -q "Aujourd'hui" <<<"$status" || fail "clockout status printed no day: $status"
if grep -qi "aucun agent\|no agent" <<<"$status"; then fail "clockout status did not reach the running agent: $status"; fi
gui_ok "clockout status gives the running agent's figures ($(sed -n 2p <<<"$status" | sed 's/^ *//'))"
# The program named itself to the shell (AppUserModelID) on the process and on the installer's shortcut; wine's
# shell link accepts the id and keeps nothing (its property store is a stub), which the agent says when it reads
# it back, so the check is that the whole way to the shortcut ran: found, ours, written, read back.
identity="$(grep -a "app identity:" "$gui_log" | tail -n 1 || true)"
case "$identity" in
    *"app identity: org.clockout.Clockout (process and Start-menu shortcut)"*) ;;
    *"Clockout.lnk: the shortcut's AppUserModelID was written but cannot be read back"*) ;;
    *) fail "the agent did not mark its Start-menu shortcut with its AppUserModelID: '${identity:-no app identity line}'" ;;
esac
gui_ok "the agent gave the process and its Start-menu shortcut the AppUserModelID (${identity#*app identity: })"
# Hand edits of settings.toml while the agent runs (the folder's change notification, platform/windows/file_watch):
# a valid one is applied within 2 s; one with a mistake keeps the last good settings and says so once.
grep -q '^day_start = "04:00"' "$settings" || fail "settings.toml has no day_start = \"04:00\" line to edit"
reloads() { grep -ac "settings reloaded" "$gui_log" || true; }
before_edit="$(reloads)"
edited_at=$(date +%s%N)
sed -i 's/^day_start = "04:00"/day_start = "05:00"/' "$settings"
reloaded() { [ "$(reloads)" -gt "$before_edit" ] && grep -aq "settings reloaded (day_start 05:00)" "$gui_log"; }
wait_for 5 reloaded || fail "a hand edit of day_start was not applied within 5 s (log: $(grep -a 'settings' "$gui_log" | tail -n 2))"
edit_ms=$((($(date +%s%N) - edited_at) / 1000000))
[ "$edit_ms" -le 2000 ] || fail "a hand edit was applied after $edit_ms ms, not within 2 s"
gui_ok "a hand edit (day_start 04:00 -> 05:00) was applied by the running agent within $edit_ms ms"
sed -i 's/^day_start = "05:00"/day_start = "25:00"/' "$settings"
kept() { grep -aq 'the settings in force are kept' "$gui_log"; }
wait_for 5 kept || fail "a hand edit with a mistake (day_start 25:00) was not seen: $(tail -n 3 "$gui_log")"
gui_ok "a hand edit with a mistake keeps the settings in force: $(grep -a 'the settings in force are kept' "$gui_log" | tail -n 1 | sed 's/.*settings: //')"
shot settings-problem-wine-fr.png  # the notification (a balloon from the tray icon under wine)
problem_status="$(wine "$com" status 2>&1 | tr -d '\r')"
problem_line="$(grep -m1 '"25:00"' <<<"$problem_status" || true)"
[ -n "$problem_line" ] || fail "clockout status does not show the settings problem: $problem_status"
gui_ok "clockout status shows the problem: ${problem_line#"${problem_line%%[! ]*}"}"
sed -i 's/^day_start = "25:00"/day_start = "04:00"/' "$settings"
mended() { grep -aq "settings reloaded (day_start 04:00)" "$gui_log"; }
wait_for 5 mended || fail "the mended settings.toml was not applied: $(tail -n 3 "$gui_log")"
gui_ok "the mended file is applied (day_start 04:00)"
timeout 30 env LOCPATH="$locales" wine taskkill /IM clockout.exe >/dev/null 2>&1 || true
no_agent() { [ "$(agents)" -eq 0 ]; }
wait_for 15 no_agent || fail "taskkill did not end the agent"
gui_ok "taskkill ended the agent"
[ -s "$journal" ] || fail "no journal at $journal"
wine_stop

# 3. The Monday after the sample week, faked: last week's summary, the tray menu, the firm nudge at 18:00.
# The sample week, and the Monday's morning (09:00-17:00 Paris): a day's-end nudge needs activity before the day's end
# (docs/nudges.md, the first evening).
fake_text <"$here/../data/sample-week.csv" >"$desktop_tmp/sample-week.csv"
printf '%sT08:00:00Z,%sT16:00:00Z,active,+01:00,,lastinput,test\n' "$monday" "$monday" >>"$desktop_tmp/sample-week.csv"
imported="$(wine "$com" import "$(winpath "$desktop_tmp/sample-week.csv")" 2>&1 | tr -d '\r')" ||
    fail "clockout import failed: $imported"
gui_ok "the sample week and Monday's morning imported: $imported"
wine_stop
# Only wine and what it starts (its wineserver too) get the faked clock, not the test's own tools; the monotonic
# clock stays real, the one base every wine process and the wineserver share for their timers.
fake_env=(env LOCPATH="$locales" LD_PRELOAD="$faketime_lib" FAKETIME="@$monday 17:59:20" FAKETIME_DONT_FAKE_MONOTONIC=1)
fwine() { "${fake_env[@]}" wine "$@"; }
fwine "$exe" >"$agent_out" 2>&1 &
wait_for 30 has_tray_icon || fail "no tray icon under the faked clock"
faked="$(fwine "$com" status 2>&1 | tr -d '\r' | head -n 1)"
gui_ok "the agent runs on the faked Monday: $faked"
icon="$(tray_icon)"
xdotool mousemove --window "$icon" 8 8 && sleep 0.3 && xdotool mousemove --window "$icon" 10 10
wait_for 15 gui_windows "Bilan hebdomadaire" || fail "the first input of the week did not open last week's summary"
gui_ok "the first input of the week opened last week's summary (Bilan hebdomadaire)"
shot weekly-summary-wine-fr.png
gui_escape "Bilan hebdomadaire"
# The agent's mapped windows (wine's popup menu is one of them while it is open).
shown_windows() { { xdotool search --onlyvisible --class "clockout.exe" 2>/dev/null || true; } | wc -l; }
menu_shown=0
for _ in 1 2 3; do
    before="$(shown_windows)"
    xdotool mousemove --window "$(tray_icon)" 8 8 click 3
    sleep 1.5
    if [ "$(shown_windows)" -gt "$before" ]; then menu_shown=1; break; fi
    xdotool mousemove 200 700 click 1
done
[ "$menu_shown" = 1 ] || fail "a right click on the tray icon opened no menu"
gui_ok "a right click on the tray icon opens its menu"
shot tray-menu-wine-fr.png
# A click on the empty desktop closes the menu, as a person would (wine's menu takes no Escape without the focus).
xdotool mousemove 200 700 click 1
menu_gone() { [ "$(shown_windows)" -le "$before" ]; }
wait_for 5 menu_gone || fail "the tray menu did not close on a click beside it"
# The worker is still there: input on a wine window every second (GetLastInputInfo counts input wine's windows get).
keep_alive() { while true; do xdotool mousemove --window "$1" 6 6 >/dev/null 2>&1 || true; sleep 1; xdotool mousemove --window "$1" 10 10 >/dev/null 2>&1 || true; sleep 1; done; }
keep_alive "$(tray_icon)" &
desktop_pids+=($!)
nudge_title="heure de se d.*connecter"  # L'heure de se déconnecter (the X tools here match bytes: é is two)
wait_for 60 gui_windows "$nudge_title" || {
    shot no-nudge.png
    fail "no firm nudge window by 18:00 (faked); the named windows: $(window_tree | grep -o '^ *0x[0-9a-f]* "[^"]*"' | sed 's/^ *//' | tr '\n' ' ')"
}
gui_ok "at 18:00 the firm nudge window opened (L'heure de se déconnecter)"
shot nudge-wine-fr.png
timeout 30 "${fake_env[@]}" wine taskkill /IM clockout.exe >/dev/null 2>&1 || true
wait_for 15 no_agent || fail "taskkill did not end the agent under the faked clock"
gui_ok "taskkill ended the agent"
wine_stop

# 5. The same Monday at 21:10, in the quiet hours, back after hours away: the question "is this work?" comes as a
# balloon, which has no buttons on Windows without toasts; a click on it opens them in a window; *Personnel* there
# records the evening as personal.
fake_env=(env LOCPATH="$locales" LD_PRELOAD="$faketime_lib" FAKETIME="@$monday 21:10:00" FAKETIME_DONT_FAKE_MONOTONIC=1)
# wine's balloon: a window of explorer.exe wider than the icon's "Clockout" tooltip.
balloon() {
    local id width
    for id in $({ xdotool search --onlyvisible --class "explorer.exe" 2>/dev/null || true; }); do
        width="$(xdotool getwindowgeometry "$id" 2>/dev/null | sed -n 's/.*Geometry: \([0-9]*\)x.*/\1/p')"
        [ "${width:-0}" -gt 150 ] && { echo "$id"; return 0; }
    done
    return 0
}
has_balloon() { [ -n "$(balloon)" ]; }
nudge_log() { grep -a 'nudge\|summary\|answer\|notification' "$gui_log" | tail -n 6 | tr '\n' ' '; }
fwine "$exe" >"$agent_out" 2>&1 &
wait_for 30 has_tray_icon || fail "no tray icon at 21:10 (faked)"
sleep 1
xdotool mousemove --window "$(tray_icon)" 8 8 && sleep 0.3 && xdotool mousemove 640 600
wait_for 20 has_balloon || { shot no-balloon.png; fail "no balloon for the quiet-hours question at 21:10 (faked); log: $(nudge_log)"; }
gui_ok "the quiet-hours question came as a balloon from the tray icon ($(xdotool getwindowgeometry "$(balloon)" | sed -n 's/.*Geometry: //p'))"
shot quiet-balloon-wine-fr.png
question="est-ce du travail"  # C'est votre temps de repos : est-ce du travail ?
# Windows sends the program a click on its balloon (NIN_BALLOONUSERCLICK); wine's tray does not, so after a try on the
# balloon the test clicks the tray icon, which opens a waiting question too.
opened_by="the balloon"
xdotool mousemove --window "$(balloon)" 40 30 click 1 2>/dev/null || true
if ! wait_for 3 gui_windows "$question"; then
    opened_by="the tray icon (wine does not pass a click on a balloon to the program)"
    for _ in 1 2 3; do
        xdotool mousemove --window "$(tray_icon)" 8 8 click 1 2>/dev/null || true
        wait_for 5 gui_windows "$question" && break
    done
fi
gui_windows "$question" >/dev/null || fail "a click on the balloon or on the tray icon opened no window with the question's buttons; log: $(nudge_log)"
gui_ok "a click on $opened_by opened the question with its buttons"
shot quiet-question-wine-fr.png
# The buttons in order: Personnel, Travail (app/nudge_text.cpp); the first has the focus, Return presses it.
xdotool windowactivate --sync "$(gui_window "$question")" >/dev/null 2>&1 || true
sleep 0.3
xdotool key Return
wait_for 5 gui_window_gone "$question" || fail "the question window stayed open after Personnel"
answered() { grep -aq "answer personal" "$gui_log"; }
wait_for 5 answered || fail "Personnel was not taken as the answer: $(grep -a 'answer\|nudge' "$gui_log" | tail -n 3)"
gui_ok "Personnel answered the question (log: $(grep -a 'answer personal' "$gui_log" | tail -n 1 | sed 's/.*\] //'))"
timeout 30 "${fake_env[@]}" wine taskkill /IM clockout.exe >/dev/null 2>&1 || true
wait_for 15 no_agent || fail "taskkill did not end the agent at 21:10"
exported="$(fwine "$com" export --from "$monday" --to "$monday" 2>&1 | tr -d '\r')"
grep -q ",personal," <<<"$exported" || fail "the evening was not recorded as personal: $(tail -n 3 <<<"$exported")"
gui_ok "the journal records the evening as personal: $(grep ',personal,' <<<"$exported" | tail -n 1)"
echo "tray_under_wine: all checks passed; screenshots in $shots"
