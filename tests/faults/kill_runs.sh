#!/usr/bin/env bash
# N runs of the real agent (clockout --headless) in a private desktop, fed a random signal stream (xdotool input at
# random intervals with a 1 s idle threshold, logind lock/unlock and sleep/wake from the mock) and killed with SIGKILL
# at a random moment. After each kill: PRAGMA integrity_check is ok and the journal's last committed end (or the run's
# start, when the run had not committed yet) is at most 300 s (+2 s) before the kill. Then SIGTERM and SIGINT: exit 0,
# the open interval ends within 2 s of the signal.
#   bash tests/faults/kill_runs.sh BIN N      (CTest: 20 runs by default, 200 under the label "long")
set -uo pipefail
bin=$(readlink -f "${1:?usage: kill_runs.sh BIN N}")
runs=${2:-20}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../e2e/desktop_env.sh"
desktop_private_home 1s
desktop_start

last_end() {  # the latest end committed in the journal, in epoch seconds (0 when empty)
    local e
    e=$(sqlite3 "file:$journal?mode=ro" "SELECT MAX(end_utc) FROM interval" 2>/dev/null)
    echo "${e:-0}"
}

stream() {  # random input, lock/unlock and sleep/wake until killed
    local locked=false
    while :; do
        case $((RANDOM % 10)) in
            0) logind_set_locked true; locked=true ;;
            1) logind_set_locked false; locked=false ;;
            2) logind_prepare_for_sleep true; sleep 0.$((RANDOM % 9)); logind_prepare_for_sleep false ;;
            *) xdotool mousemove $((RANDOM % 1200)) $((RANDOM % 780)) ;;
        esac
        sleep "$((RANDOM % 2)).$((RANDOM % 10))"
    done
}

start_agent() {
    "$bin" --headless >>"$desktop_tmp/agent.out" 2>&1 &
    agent=$!
    wait_for 10 grep -q "idle backend" "$log" ||
        { kill "$agent" 2>/dev/null; die "the agent did not start: $(tail -n 5 "$log" "$desktop_tmp/agent.out")"; }
}

worst=0 survived=0
for ((i = 1; i <= runs; i++)); do
    [ -f "$log" ] && : >"$log"
    started_at=$(date +%s)
    start_agent
    stream &
    feeder=$!
    sleep "$((1 + RANDOM % 5)).$((RANDOM % 10))"
    kill -KILL "$agent"
    disown "$agent" 2>/dev/null  # no "Killed" line from bash
    killed_at=$(date +%s)
    wait "$agent" 2>/dev/null
    kill "$feeder" 2>/dev/null; wait "$feeder" 2>/dev/null
    logind_set_locked false
    ok=$(sqlite3 "$journal" 'PRAGMA integrity_check' 2>&1)
    [ "$ok" = ok ] || die "run $i: integrity_check after SIGKILL: $ok"
    end_s=$(last_end)
    # What this run could lose is what it saw: before its first commit (a kill within its first seconds, on a loaded
    # machine), the journal may still end at the previous run or be empty, and that gap is no loss.
    since=$end_s; [ "$since" -lt "$started_at" ] && since=$started_at
    lost=$((killed_at - since))
    [ "$lost" -le 302 ] || die "run $i: $lost s lost (last end $end_s, killed at $killed_at)"
    [ "$lost" -gt "$worst" ] && worst=$lost
    survived=$((survived + 1))
    [ $((i % 20)) -eq 0 ] && echo "kill_runs: $i runs, worst ${worst} s lost so far"
done
echo "kill_runs: $survived/$runs SIGKILL runs survived: integrity ok each time; at worst $worst s lost (limit 300 s)"

# SIGTERM and SIGINT commit the open interval and exit 0.
for sig in TERM INT; do
    start_agent
    xdotool mousemove 10 10; sleep 0.3; xdotool mousemove 20 20
    sleep 0.5
    sent=$(date +%s)
    kill -"$sig" "$agent"
    status=0; wait "$agent" || status=$?
    [ "$status" -eq 0 ] || die "SIG$sig: exit status $status"
    end_s=$(last_end)
    d=$((sent - end_s)); [ "${d#-}" -le 2 ] || die "SIG$sig: the open interval ends $d s before the signal"
    [ "$(sqlite3 "$journal" 'PRAGMA integrity_check')" = ok ] || die "SIG$sig: integrity_check"
    echo "ok: SIG$sig exits 0 and the open interval ends ${d#-} s from the signal"
done
