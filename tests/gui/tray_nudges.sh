#!/usr/bin/env bash
# End-of-day nudges of the tray agent, French UI, in a private desktop. The agent's clock is libfaketime's, started at
# 17:28 on Monday 2026-11-30 whose last window ends at 17:30 and running 60 times faster than real time (GLib's
# timeouts run on the faked monotonic clock and libfaketime shortens poll's waits to match), with the default nudge
# timings: the firm nudge comes 30 faked minutes after the end, half a minute of real time. Input is kept alive with
# xdotool. The notification daemon is python3-dbusmock's (its log is the D-Bus record of each Notify).
#   1. the end-of-day notification reaches D-Bus at 17:30 with I'm done / 10 more minutes / Working late;
#   2. the nudge window (always on top) is mapped at 18:00; Return presses its default button, Disconnect now: the
#      window goes, the journal keeps the day's activity past 18:00, and no nudge comes at the 18:30 repeat;
#   3. on Tuesday, I'm done invoked on the end-of-day notification: no nudge window at 18:00, the next nudge;
#   4. in quiet hours (21:00), the first input after being away asks "is this work?"; Personal relabels the run as
#      personal in the journal, and the prompt is not asked again for that run;
#   5. screenshots with the real notification-daemon: the end-of-day notification and the nudge window.
# Usage: tray_nudges.sh /path/to/clockout [screenshot-dir]
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
source "$here/../support/fake_dates.sh"  # CLOCKOUT_TEST_YEARS moves Monday and Tuesday by whole weeks
mon="$(fake_day 2026-11-30)" tue="$(fake_day 2026-12-01)"

gui_start
settings() {
    gui_default_settings <<TOML
[nudge]
quiet_away = "3s"
firm_after = "${2:-30m}"
more_minutes = "${3:-10m}"
[idle]
threshold = "${1:-5m}"
[ui]
language = "fr"
TOML
}
settings
keep_alive() { while true; do xdotool mousemove_relative -- 1 1 >/dev/null 2>&1; sleep 1; xdotool mousemove_relative -- -1 -1 >/dev/null 2>&1; sleep 1; done; }
keep_alive &
alive=$!
desktop_pids+=("$alive")
# The nudges the agent logged since line $1 of its log ("nudge N" lines).
nudges_since() { tail -n +"$(($1 + 1))" "$gui_log" | grep -c '\] nudge [1-9]' || true; }
# Real seconds since the agent started, times 60, are the faked minutes since its start ($started).
faked_minutes_past() { [ $(( ($(date +%s) - started) )) -ge "$1" ]; }

started="$(date +%s)"
LD_PRELOAD="$faketime_lib" FAKETIME="@$mon 17:28:00 x60" gui_start_agent
wait_for 10 grep -q "tray icon shown" "$desktop_tmp/agent.out" || gui_fail "the agent did not start"

# 1. The end-of-day notification, 2 faked minutes (2 s) in.
wait_for 30 grep -q "Votre journée de travail est finie" "$gui_calls" || gui_fail "no end-of-day notification on D-Bus"
grep -q "^\\[$mon 17:3[0-2]:.*\\] nudge 1" "$gui_log" || gui_fail "the end notice was not at 17:30: $(grep nudge "$gui_log")"
gui_ok "the end-of-day notification reached the notification service at 17:30"
# Searched as a whole, not piped into `grep -q`: under pipefail a writer cut short by SIGPIPE fails the pipeline.
end_notice=$(grep "Votre journée de travail est finie" "$gui_calls")
grep -q "J'ai fini.*Encore 10 minutes.*Je travaille tard" <<<"$end_notice" ||
    grep -q '"101", "J' <<<"$end_notice" || gui_fail "the end notice has no actions"
gui_ok "it offers I'm done / 10 more minutes / Working late"
# The app's icon goes as image data under the hint name of the server's spec (1.1 for the mock), which servers rank
# above the icon name; the old "icon_data" ranks below it and showed the theme's warning triangle instead.
grep -q '"image_data"' <<<"$end_notice" ||
    gui_fail "the end notice carries no image_data hint: $(grep -o '{"[a-z_-]*"' "$gui_calls" | sort -u | tr '\n' ' ')"
gui_ok "the notification carries Clockout's icon as image data"
wait_for 10 gui_windows "L'heure de se déconnecter" && gui_fail "the nudge window came with the end notice"

# 2. The nudge window, firm_after (30 faked minutes) after the end.
wait_for 90 gui_windows "L'heure de se déconnecter" || gui_fail "no nudge window 30 faked minutes after the day's end"
grep -q "^\\[$mon 18:0[0-2]:.*\\] nudge 2" "$gui_log" || gui_fail "the firm nudge was not at 18:00: $(grep nudge "$gui_log")"
gui_ok "the nudge window is mapped at 18:00, 30 faked minutes after the end notice"
nudge="$(gui_window "L'heure de se déconnecter")" || gui_fail "the nudge window closed before it could be checked"
nudge_state="$(xprop -id "$nudge" _NET_WM_STATE)" || gui_fail "xprop could not read the nudge window's state"
grep -q _NET_WM_STATE_ABOVE <<<"$nudge_state" || gui_fail "the nudge window is not kept above: $nudge_state"
gui_ok "the nudge window stays on top"
xdotool windowactivate --sync "$nudge" key Return
wait_for 5 gui_window_gone "L'heure de se déconnecter" ||
    gui_fail "Return (Disconnect now) did not close the nudge window"
gui_ok "Return presses Disconnect now and the window goes"
log_mark="$(wc -l <"$gui_log")"
wait_for 90 faked_minutes_past 66 # 18:34, past the 18:30 repeat
[ "$(nudges_since "$log_mark")" -eq 0 ] || gui_fail "a nudge came after Disconnect now: $(tail -n +"$log_mark" "$gui_log")"
gui_window_gone "L'heure de se déconnecter" || gui_fail "a nudge window came back after Disconnect now"
gui_ok "after Disconnect now no nudge comes at the 18:30 repeat"
kill -TERM "$agent"
wait "$agent" || gui_fail "the agent did not exit cleanly"
# The activity runs from 17:28 (16:28Z; later when the machine is slow to start the agent) to past 18:30 in one
# active interval.
"$gui_bin" export --from "$mon" --to "$mon" |
    awk -F, -v from="${mon}T16:30:00Z" -v to="${mon}T17:30:00Z" \
        '$3 == "active" && $1 <= from && $2 >= to { found = 1 } END { exit !found }' ||
    gui_fail "the journal does not hold one active run from before 17:30 to past 18:30: $("$gui_bin" export --from "$mon" --to "$mon")"
gui_ok "the journal holds the run from its start (17:28, later on a slow machine) to past 18:30"

# 3. Tuesday: I'm done on the end-of-day notification; the next nudge (the nudge window) does not come. This run is at
#    real speed with firm_after = 30 s: under libfaketime's speed-up the notification's ActionInvoked signal is not
#    delivered to libnotify's callback (an artefact of the faked clock: the same call works at real speed).
settings 5m 30s 1m
notified_before="$(grep -c ' Notify ' "$gui_calls" || true)"
LD_PRELOAD="$faketime_lib" FAKETIME="@$tue 17:29:50" gui_start_agent
wait_for 10 grep -q "tray icon shown" "$desktop_tmp/agent.out" || gui_fail "the agent did not start on Tuesday"
wait_for 30 bash -c "[ \"\$(grep -c 'Votre journée de travail est finie' '$gui_calls')\" -ge 2 ]" ||
    gui_fail "no end-of-day notification on Tuesday"
id="$(grep -c ' Notify ' "$gui_calls")"
[ "$id" -gt "$notified_before" ] || gui_fail "no new notification"
# The button says what the settings give (more_minutes = 1m), not a fixed "10 minutes".
tuesday_notice=$(grep "Votre journée de travail est finie" "$gui_calls" | tail -n 1)
grep -q "Encore 1 minute" <<<"$tuesday_notice" ||
    gui_fail "the end notice's button does not say the settings' 1 minute: $tuesday_notice"
gui_ok "the end notice's button takes its duration from the settings (Encore 1 minute)"
log_mark="$(wc -l <"$gui_log")"
sleep 1 # a person reads before clicking; the agent has had the notification's id back by then
gdbus call --session --dest org.freedesktop.Notifications --object-path /org/freedesktop/Notifications \
    --method org.freedesktop.DBus.Mock.EmitSignal org.freedesktop.Notifications ActionInvoked us \
    "[<uint32 $id>, <'101'>]" >/dev/null
wait_for 10 bash -c "tail -n +$((log_mark + 1)) '$gui_log' | grep -q 'notification action 101'" ||
    gui_fail "I'm done was not taken: $(tail -n 5 "$gui_log")"
gui_ok "I'm done on the notification is taken"
sleep 35 # past 17:30 + firm_after
[ "$(nudges_since "$log_mark")" -eq 0 ] || gui_fail "a nudge came after I'm done: $(tail -n +"$log_mark" "$gui_log")"
gui_window_gone "L'heure de se déconnecter" || gui_fail "the nudge window came after I'm done"
gui_ok "after I'm done no nudge window comes at 17:30 + firm_after"
kill -TERM "$agent"
wait "$agent" || gui_fail "the agent did not exit cleanly on Tuesday"

# 4. Quiet hours: away, then input; Personal relabels the run.
settings 2s
notified_before="$(grep -c ' Notify ' "$gui_calls" || true)"
kill "$alive" 2>/dev/null || true
sleep 3 # the X server's idle time passes the threshold before the agent starts
LD_PRELOAD="$faketime_lib" FAKETIME="@$mon 21:10:00" gui_start_agent
wait_for 10 grep -q "tray icon shown" "$desktop_tmp/agent.out" || gui_fail "the agent did not start at 21:10"
sleep 4
xdotool mousemove 60 60
wait_for 5 grep -q "C'est votre temps de repos" "$gui_calls" || gui_fail "no quiet-hour prompt after input"
gui_ok "the quiet-hour prompt reached the notification service"
id="$(grep -c ' Notify ' "$gui_calls")"
[ "$id" -gt "$notified_before" ] || gui_fail "no new notification"
gdbus call --session --dest org.freedesktop.Notifications --object-path /org/freedesktop/Notifications \
    --method org.freedesktop.DBus.Mock.EmitSignal org.freedesktop.Notifications ActionInvoked us \
    "[<uint32 $id>, <'105'>]" >/dev/null
for x in 70 80 90 100; do xdotool mousemove "$x" "$x"; sleep 0.5; done
wait_for 8 bash -c "'$gui_bin' export --from $mon --to $mon | grep -q ',personal,'" ||
    gui_fail "no personal interval after Personal"
gui_ok "Personal relabels the running activity as personal in the journal"
[ "$(grep -c "C'est votre temps de repos" "$gui_calls")" -eq 1 ] || gui_fail "the prompt was asked twice for one run"
gui_ok "the prompt is not asked again for that run"
kill -TERM "$agent"
wait "$agent" || true

# 5. Screenshots of a realistic evening with the real notification-daemon: a day of work imported (08:02 to 17:30),
#    the agent started at 17:59:50 with the default firm_after (30 min): the end notice, then the nudge window.
if [ -x /usr/lib/notification-daemon/notification-daemon ]; then
    gui_real_notification_daemon
    gui_default_settings <<'TOML'
[ui]
language = "fr"
TOML
    rm -rf "$HOME/.local/share/clockout" "$gui_log"
    fake_text >"$desktop_tmp/day.csv" <<'CSV'
start,end,state,utc_offset,work_day,source,device
2026-11-30T07:02:00Z,2026-11-30T11:31:00Z,active,+01:00,2026-11-30,xsync,laptop
2026-11-30T12:24:00Z,2026-11-30T16:58:00Z,active,+01:00,2026-11-30,xsync,laptop
CSV
    "$gui_bin" import "$desktop_tmp/day.csv" >/dev/null
    keep_alive &
    desktop_pids+=($!)
    LD_PRELOAD="$faketime_lib" FAKETIME="@$mon 17:59:50" gui_start_agent
    wait_for 20 grep -q "nudge 1" "$gui_log" || gui_fail "no end notice for the screenshot"
    sleep 1.5
    xdotool mousemove 5 790
    gui_screenshot "$shots/end-of-day-notification.png"
    wait_for 30 gui_windows "L'heure de se déconnecter" || gui_fail "no nudge window for the screenshot"
    sleep 1
    xdotool mousemove 5 790
    gui_screenshot "$shots/nudge-window.png"
    kill -TERM "$agent"
    wait "$agent" || true
fi
echo "tray_nudges: screenshots in $shots"
