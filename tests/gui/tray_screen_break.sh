#!/usr/bin/env bash
# The screen-break reminder of the tray agent (issue 14), French UI, in a private desktop, at real speed with the
# agent's clock faked to Monday 10:00 (within a window), [nudge] screen_break = "1m", input kept alive with xdotool:
#   1. after a minute of work with no pause, one notification "Une pause d'écran ?" with Plus tard / C'est fait;
#   2. C'est fait (invoked on the mock notification daemon) is taken, and no reminder comes in the next 40 s;
#   3. a screenshot of the reminder with the real notification-daemon, after 55 faked minutes (clock at x60).
# Usage: tray_screen_break.sh /path/to/clockout [screenshot-dir]
set -euo pipefail
gui_bin="$1"
shots="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/gui_env.sh"
[ -n "$shots" ] || shots="$desktop_tmp/shots"
mkdir -p "$shots"
export TZ=Europe/Paris LANG=fr_FR.UTF-8 LC_ALL=
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
[ -e "$faketime_lib" ] || die "libfaketime is missing (Debian: libfaketime)"
source "$here/../support/fake_dates.sh"
mon="$(fake_day 2026-11-30)"

gui_start
gui_default_settings <<'TOML'
[nudge]
screen_break = "1m"
[idle]
threshold = "2m"
[ui]
language = "fr"
TOML
keep_alive() { while true; do xdotool mousemove_relative -- 1 1 >/dev/null 2>&1; sleep 1; xdotool mousemove_relative -- -1 -1 >/dev/null 2>&1; sleep 1; done; }
keep_alive &
desktop_pids+=($!)

LD_PRELOAD="$faketime_lib" FAKETIME="@$mon 10:00:00" gui_start_agent
wait_for 10 grep -q "tray icon shown" "$desktop_tmp/agent.out" || gui_fail "the agent did not start"

# 1. The reminder, once a minute of continuous work has passed (rounded to the minute: 30 to 90 s).
wait_for 120 grep -q "Une pause d'écran" "$gui_calls" || gui_fail "no screen-break reminder after a minute of work"
reminder=$(grep "Une pause d'écran" "$gui_calls")
grep -q "Plus tard" <<<"$reminder" && grep -q "C'est fait" <<<"$reminder" ||
    gui_fail "the reminder does not offer Plus tard / C'est fait: $reminder"
grep -q "devant l'écran sans pause" <<<"$reminder" || gui_fail "the reminder's body is not the French one: $reminder"
gui_ok "the screen-break reminder reached the notification service with Plus tard / C'est fait"
[ "$(grep -c "Une pause d'écran" "$gui_calls")" -eq 1 ] || gui_fail "the reminder came twice"

# 2. C'est fait: the answer is taken and the reminder waits a whole screen_break again.
id="$(grep -c ' Notify ' "$gui_calls")"
log_mark="$(wc -l <"$gui_log")"
sleep 1
gdbus call --session --dest org.freedesktop.Notifications --object-path /org/freedesktop/Notifications \
    --method org.freedesktop.DBus.Mock.EmitSignal org.freedesktop.Notifications ActionInvoked us \
    "[<uint32 $id>, <'108'>]" >/dev/null
wait_for 10 bash -c "tail -n +$((log_mark + 1)) '$gui_log' | grep -q 'notification action 108'" ||
    gui_fail "C'est fait was not taken: $(tail -n 5 "$gui_log")"
gui_ok "C'est fait on the notification is taken"
sleep 40
[ "$(grep -c "Une pause d'écran" "$gui_calls")" -eq 1 ] || gui_fail "a reminder came within 40 s of C'est fait"
gui_ok "no reminder in the 40 s after C'est fait (screen_break is 1 min)"
kill -TERM "$agent"
wait "$agent" || gui_fail "the agent did not exit cleanly"

# 3. A screenshot with the real notification-daemon.
if [ -x /usr/lib/notification-daemon/notification-daemon ]; then
    gui_real_notification_daemon
    # As people will see it: 55 minutes, passed 60 times faster than real time (the faked clock at x60).
    gui_default_settings <<'TOML'
[nudge]
screen_break = "55m"
[idle]
threshold = "10m"
[ui]
language = "fr"
TOML
    log_mark="$(wc -l <"$gui_log")"
    LD_PRELOAD="$faketime_lib" FAKETIME="@$mon 10:00:00 x60" gui_start_agent
    wait_for 120 bash -c "tail -n +$((log_mark + 1)) '$gui_log' | grep -q 'nudge 7'" ||
        gui_fail "no reminder for the screenshot: $(tail -n 5 "$gui_log")"
    sleep 1.5
    xdotool mousemove 5 790
    gui_screenshot "$shots/screen-break-notification.png"
    kill -TERM "$agent"
    wait "$agent" || true
fi
echo "tray_screen_break: screenshots in $shots"
