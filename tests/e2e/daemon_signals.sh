#!/usr/bin/env bash
# The real agent (clockout --headless) in a private desktop: input driven with xdotool on Xvfb (XSync backend), sleep,
# wake and lock through python3-dbusmock's logind. Checks what the journal holds after each transition, and how fast.
# Usage: daemon_signals.sh /path/to/clockout
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/desktop_env.sh"

desktop_private_home 3s
threshold=3

desktop_start

now() { date +%s; }
# On failure, show what the agent logged and what the journal holds.
die() {
    echo "--- agent log" >&2; cat "$log" >&2 2>/dev/null || true
    echo "--- journal" >&2; "$bin" export >&2 2>/dev/null || true
    test_fail "$*"
    exit 1
}
epoch() { date -d "$1" +%s; }
# The journal as the CLI exports it, without the header: start,end,state,...
rows() { "$bin" export 2>/dev/null | tail -n +2; }
# Waits up to $1 s for a row of state $2 whose end is >= $3; prints "start end" of the first such row.
await_row() {
    local limit="$1" state="$2" min_end="$3" deadline=$(($(now) + $1)) line start end
    while [ "$(now)" -le "$deadline" ]; do
        while IFS=, read -r start end s _; do
            [ "$s" = "$state" ] || continue
            end="$(epoch "$end")"
            [ "$end" -ge "$min_end" ] && { echo "$(epoch "$start") $end"; return 0; }
        done < <(rows)
        sleep 0.2
    done
    return 1
}
near() { # near A B tolerance: |A - B| <= tolerance
    local d=$(($1 - $2))
    [ "${d#-}" -le "$3" ]
}
check() { # check "what" condition...
    local what="$1"
    shift
    if "$@"; then echo "ok: $what"; else die "$what"; fi
}

"$bin" --headless >"$desktop_tmp/agent.out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
wait_for 10 grep -q "idle backend: xsync" "$log" || { cat "$log" "$desktop_tmp/agent.out" >&2; die "the agent did not choose the xsync backend"; }
check "a delay inhibitor is held while awake" grep -q Clockout <(logind_inhibitors)

# 1. active -> idle: the active interval ends at the last input, written within 2 s of the threshold.
xdotool mousemove 100 100
t0=$(now)
read -r a_start a_end < <(await_row $((threshold + 4)) active "$((t0 - 1))") || die "no active interval after input"
seen=$(now)
echo "active [$a_start, $a_end], last input $t0, seen at $seen"
check "the active interval ends at the last input (+-1 s)" near "$a_end" "$t0" 1
check "active -> idle is in the journal within 2 s of the threshold" [ $((seen - t0 - threshold)) -le 2 ]

# 2. idle -> active: the idle interval starts at the last input (backdated), written within 2 s of the new input.
sleep 2
xdotool mousemove 300 300
t1=$(now)
read -r i_start i_end < <(await_row 4 idle "$((t1 - 1))") || die "no idle interval after the second input"
seen=$(now)
echo "idle [$i_start, $i_end], input at $t1, seen at $seen"
check "idle is backdated to the last input (+-1 s)" near "$i_start" "$t0" 1
check "idle ends at the new input (+-1 s)" near "$i_end" "$t1" 1
check "idle -> active is in the journal within 2 s" [ $((seen - t1)) -le 2 ]

# 3. active -> idle again.
read -r a2_start a2_end < <(await_row $((threshold + 4)) active "$((t1 - 1))") || die "no second active interval"
check "the second active run starts at the second input (+-1 s)" near "$a2_start" "$t1" 1

# 4. Sleep: the running interval is committed before the inhibitor is released; waking opens no activity.
ts=$(now)
logind_prepare_for_sleep true
read -r _ s_end < <(await_row 2 idle "$((ts - 1))") || die "the interval before sleep was not committed"
check "the interval before sleep ends at the sleep signal (+-1 s)" near "$s_end" "$ts" 1
wait_for 2 bash -c "! grep -q Clockout <(gdbus call --system --dest org.freedesktop.login1 --object-path /org/freedesktop/login1 --method org.freedesktop.login1.Manager.ListInhibitors)" ||
    die "the sleep inhibitor was not released"
echo "ok: the sleep inhibitor is released after the commit"
sleep 2
tw=$(now)
logind_prepare_for_sleep false
read -r z_start z_end < <(await_row 3 suspended "$((tw - 1))") || die "no suspended interval after wake"
check "suspended covers the sleep (+-1 s)" bash -c "[ ${z_start} -ge $((ts - 1)) ] && [ ${z_start} -le $((ts + 1)) ]"
check "the inhibitor is taken again after wake" wait_for 3 grep -q Clockout <(logind_inhibitors)
sleep $((threshold + 2))
check "waking with no input opens no activity" bash -c "! rows_after=\$('$bin' export | awk -F, -v t=$tw 'NR>1 && \$3==\"active\"' | while IFS=, read -r s _; do [ \$(date -d \"\$s\" +%s) -ge $tw ] && echo x; done); [ -z \"\$rows_after\" ]"

# 5. Lock opens a locked interval; unlock closes it.
tl=$(now)
logind_set_locked true
sleep 2
tu=$(now)
logind_set_locked false
read -r l_start l_end < <(await_row 3 locked "$((tu - 1))") || die "no locked interval"
check "the locked interval starts at the lock (+-1 s)" near "$l_start" "$tl" 1
check "the locked interval ends at the unlock (+-1 s)" near "$l_end" "$tu" 1

# 6. SIGTERM commits and exits 0.
kill -TERM "$agent"
status=0
wait "$agent" || status=$?
check "SIGTERM exits 0" [ "$status" -eq 0 ]
check "the journal passes its integrity check" bash -c "'$bin' doctor | grep -q 'integrity: ok'"
echo "journal after the run:"
rows
echo "daemon_signals: all transitions seen in the journal on time"
