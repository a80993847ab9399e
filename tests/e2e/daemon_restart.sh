#!/usr/bin/env bash
# A restarted agent writes nothing twice (issue 12). The real agent (clockout --headless --data-dir) on Xvfb with the
# XSync backend: input with xdotool, the agent stopped, and started again 3 s after the last input. XSync's first
# report then carries the time of that input, 3 s before the second run began; the second run must start no row
# before its own start, and no two rows of the journal may share time.
# Usage: daemon_restart.sh /path/to/clockout
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/desktop_env.sh"

threshold=10 # longer than the restart takes, so the second run's first report is "active since the last input"
desktop_private_home "${threshold}s"
data="$desktop_tmp/data"
journal="$data/journal.sqlite"
desktop_start

now() { date +%s; }
sql() { sqlite3 "file:$journal?mode=ro" "$1"; }
test_failure_dump() {
    echo "--- agent log" >&2; cat "$log" >&2 2>/dev/null || true
    echo "--- journal (id start end state)" >&2; sql "SELECT id, start_utc, end_utc, state FROM interval ORDER BY id" >&2 || true
    echo "--- markers" >&2; sql "SELECT ts_utc, kind FROM marker ORDER BY rowid" >&2 || true
}
die() { test_fail "$*"; test_failure_dump; exit 1; }
check() { # check "what" condition...
    local what="$1"
    shift
    if "$@"; then echo "ok: $what"; else die "$what"; fi
}
# Starts the agent; waits until it has chosen XSync (the $1-th time the log says so).
start_agent() {
    "$bin" --headless --data-dir "$data" >>"$desktop_tmp/agent.out" 2>&1 &
    agent=$!
    desktop_pids+=("$agent")
    wait_for 10 bash -c "[ \$(grep -c 'idle backend: xsync' '$log' 2>/dev/null) -ge $1 ]" ||
        die "run $1: the agent did not choose the xsync backend: $(tail -n 5 "$desktop_tmp/agent.out")"
}
stop_agent() {
    kill -TERM "$agent"
    local status=0
    wait "$agent" || status=$?
    check "run $1: SIGTERM exits 0" [ "$status" -eq 0 ]
}

# Run A: input, then stopped 1.5 s after the last input (so its active row ends after that input).
start_agent 1
xdotool mousemove 100 100
sleep 1
xdotool mousemove 200 200
t_input=$(now)
sleep 1.5
stop_agent A
last_a=$(sql "SELECT COALESCE(MAX(id), 0) FROM interval")
check "run A recorded the input as activity" [ "$(sql "SELECT COUNT(*) FROM interval WHERE state = 'active' AND end_utc >= $t_input")" -ge 1 ]
a_end=$(sql "SELECT MAX(end_utc) FROM interval")

# Run B, 3 s after the last input: XSync reports "idle for 3 s", i.e. active since t_input.
while [ "$(now)" -lt $((t_input + 3)) ]; do sleep 0.1; done
start_agent 2
b_start=$(sql "SELECT MAX(ts_utc) FROM marker WHERE kind = 'agent_start'")
echo "last input $t_input, run A's rows end at $a_end, run B started at $b_start"
check "run B started within one idle threshold of the last input (the case under test)" \
    bash -c "[ $((b_start - t_input)) -ge 2 ] && [ $((b_start - t_input)) -lt $threshold ]"
sleep 1
xdotool mousemove 300 300
sleep 1
xdotool mousemove 400 400
sleep 1
stop_agent B

echo "journal (id start end state):"
sql "SELECT id, start_utc, end_utc, state FROM interval ORDER BY id"
check "run B recorded rows" [ "$(sql "SELECT COUNT(*) FROM interval WHERE id > $last_a")" -ge 1 ]
check "run B recorded its input as activity" \
    [ "$(sql "SELECT COUNT(*) FROM interval WHERE id > $last_a AND state = 'active' AND end_utc > start_utc")" -ge 1 ]
early=$(sql "SELECT id || ': ' || start_utc || '-' || end_utc || ' ' || state FROM interval WHERE id > $last_a AND start_utc < $b_start")
check "no row of run B starts before run B started ($b_start)${early:+; found $early}" [ -z "$early" ]
overlaps=$(sql "SELECT a.id || ' and ' || b.id FROM interval a JOIN interval b ON a.id < b.id AND a.device = b.device
                AND max(a.start_utc, b.start_utc) < min(a.end_utc, b.end_utc)")
check "no two rows of the journal share time${overlaps:+; found rows $overlaps}" [ -z "$overlaps" ]
check "the export is read back by the CLI" bash -c "'$bin' --data-dir '$data' export | grep -q ',active,'"
check "doctor finds no overlapping rows" bash -c "'$bin' --data-dir '$data' doctor | grep -q 'overlapping rows: none'"
echo "daemon_restart: a restart 3 s after an input left no overlap and nothing before its start"
