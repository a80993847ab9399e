#!/usr/bin/env bash
# The headless agent's nudges reach the desktop's notification service, and its buttons reach the journal: on a day
# that is all quiet hours, the first input after being away brings "It's your quiet time: is this work?"; answering
# "Personal" relabels the running activity as personal. The notification service is python3-dbusmock's.
# Usage: daemon_nudges.sh /path/to/clockout
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/desktop_env.sh"

desktop_private_home
cat >"$HOME/.config/clockout/settings.toml" <<'TOML'
[schedule]
mon = []
tue = []
wed = []
thu = []
fri = []
sat = []
sun = []
[quiet]
rest_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
[idle]
threshold = "2s"
[nudge]
quiet_away = "3s"
TOML
log="$HOME/.local/state/clockout/clockout.log"
calls="$desktop_tmp/notifications.log"

die() {
    echo "--- agent log" >&2; cat "$log" >&2 2>/dev/null || true
    echo "--- notification calls" >&2; cat "$calls" >&2 2>/dev/null || true
    echo "--- journal" >&2; "$bin" export >&2 2>/dev/null || true
    test_fail "$*"
    exit 1
}
check() {
    local what="$1"
    shift
    if "$@"; then echo "ok: $what"; else die "$what"; fi
}

desktop_start --no-logind
/usr/bin/python3 -m dbusmock --session -t notification_daemon -l "$calls" >/dev/null 2>&1 &
desktop_pids+=($!)
wait_for 10 gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetNameOwner org.freedesktop.Notifications || die "the notification mock did not start"

sleep 3 # the new X server's idle time passes the threshold: nobody is at the keyboard when the agent starts
"$bin" --headless >"$desktop_tmp/agent.out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
wait_for 10 grep -q "idle backend: xsync" "$log" || die "the agent did not start"
sleep 4 # away for longer than quiet_away
check "nobody is prompted while away" bash -c "! grep -q ' Notify ' '$calls'"

xdotool mousemove 50 50
wait_for 3 grep -q "It's your quiet time" "$calls" || die "no quiet-hour prompt within 3 s of the input"
echo "ok: the quiet-hour prompt was sent to the notification service"
check "the prompt offers Personal and Work" grep -q '"personal", "Personal", "work", "Work"' "$calls"
id="$(grep -c ' Notify ' "$calls")"
gdbus call --session --dest org.freedesktop.Notifications --object-path /org/freedesktop/Notifications \
    --method org.freedesktop.DBus.Mock.EmitSignal org.freedesktop.Notifications ActionInvoked us \
    "[<uint32 $id>, <'personal'>]" >/dev/null
# More input in the same run, then let it go idle so the interval is closed and committed.
for x in 60 70 80 90; do xdotool mousemove "$x" "$x"; sleep 0.5; done
wait_for 6 bash -c "'$bin' export | grep -q ',personal,'" || die "no personal interval after answering Personal"
echo "ok: answering Personal relabels the run as personal in the journal"
check "no active interval was left for that run" bash -c "! '$bin' export | grep -q ',active,'"
check "the prompt was asked once for the run" [ "$(grep -c "It's your quiet time" "$calls")" -eq 1 ]
kill -TERM "$agent"
wait "$agent" || die "the agent did not exit cleanly"
"$bin" export
echo "daemon_nudges: prompt shown, answer recorded"
