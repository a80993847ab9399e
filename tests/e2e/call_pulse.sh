#!/usr/bin/env bash
# A call with no input, end to end (issue 14): the real agent (clockout --headless) on Xvfb (XSync idle backend) with
# a real PulseAudio of its own (null source "mic", private socket, no network module), idle threshold 1 min. Input at
# the start, then `parec -d mic` records for 3 minutes with no input: the journal holds no idle across the recording,
# `report --day --json` gives call_min 3 (the call row runs from the recording's start to its end, each within 2 s),
# and once the recording stops idle starts within the threshold (at the call's end: nobody typed during it).
# A shorter run for a quick look: CALL_SECONDS=60 bash tests/e2e/call_pulse.sh BIN
# Usage: call_pulse.sh /path/to/clockout
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for program in pulseaudio parec; do
    command -v "$program" >/dev/null || { echo "SKIP: $program not found (Debian: pulseaudio pulseaudio-utils)"; exit 77; }
done
source "$here/desktop_env.sh"
call_seconds="${CALL_SECONDS:-180}"
threshold=60

desktop_private_home 1m
desktop_start
now() { date +%s; }
epoch() { date -d "$1" +%s; }
die() {
    echo "--- agent log" >&2; cat "$log" >&2 2>/dev/null || true
    echo "--- journal" >&2; "$bin" export >&2 2>/dev/null || true
    test_fail "call_pulse: $*"
    exit 1
}
check() { # check "what" condition...
    local what="$1"
    shift
    if "$@"; then echo "ok: $what"; else die "$what"; fi
}

# PulseAudio of our own: only a Unix socket, a null sink and a null source to record from.
pulse_dir="$desktop_tmp/pulse"
mkdir -p "$pulse_dir"
cat >"$pulse_dir/server.pa" <<PA
load-module module-native-protocol-unix socket=$pulse_dir/native auth-anonymous=1
load-module module-null-sink sink_name=out
load-module module-null-source source_name=mic
PA
export PULSE_SERVER="unix:$pulse_dir/native"
pulseaudio -n --daemonize=no --exit-idle-time=-1 --disallow-exit --use-pid-file=no --disable-shm=yes \
    -F "$pulse_dir/server.pa" >"$pulse_dir/pulseaudio.log" 2>&1 &
desktop_pids+=($!)
wait_for 10 test -S "$pulse_dir/native" || die "pulseaudio did not listen: $(cat "$pulse_dir/pulseaudio.log")"
grep -Eq "module-native-protocol-tcp|module-zeroconf|module-rtp" "$pulse_dir/server.pa" && die "a network module"

"$bin" --headless >"$desktop_tmp/agent.out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
wait_for 15 grep -q "idle backend: xsync" "$log" || die "the agent did not choose the xsync backend"
wait_for 15 grep -q "call backend: pulse" "$log" || die "the agent did not start the pulse call backend"
echo "backends: $(grep -o 'idle backend: [a-z-]*' "$log" | head -1), $(grep -o 'call backend: .*' "$log" | head -1)"
check "doctor names the pulse call backend" grep -q "call    pulse: works" <("$bin" doctor 2>&1)

xdotool mousemove 100 100
sleep 1
xdotool mousemove 120 120
sleep 2
parec -d mic >/dev/null 2>&1 &
recorder=$!
desktop_pids+=("$recorder")
call_from=$(now)
echo "recording from $(date -d "@$call_from" +%T), ${call_seconds} s with no input"
sleep "$call_seconds"
kill "$recorder"
wait "$recorder" 2>/dev/null || true
call_to=$(now)
echo "recording stopped at $(date -d "@$call_to" +%T)"
# Idle must start within the threshold of the recording's end: wait for the idle row to be written.
wait_for $((threshold + 5)) bash -c "'$bin' status --json 2>/dev/null | grep -q '\"in_call\": false'" ||
    die "the agent still reports a call after the recording stopped"
sleep 2
kill -TERM "$agent"
wait "$agent" || die "the agent did not exit cleanly"

rows="$("$bin" export | tail -n +2)"
echo "$rows" | cut -d, -f1-3,6
call_row=$(echo "$rows" | awk -F, '$3 == "call"')
check "one call row" test "$(echo "$call_row" | grep -c .)" -eq 1
IFS=, read -r c_start c_end _ _ _ c_source _ <<<"$call_row"
c_start=$(epoch "$c_start") c_end=$(epoch "$c_end")
near() { local d=$(($1 - $2)); [ "${d#-}" -le "$3" ]; }
check "the call starts with the recording (within 2 s)" near "$c_start" "$call_from" 2
check "the call ends with the recording (within 2 s)" near "$c_end" "$call_to" 2
check "the call row's source is the pulse backend" test "$c_source" = pulse
# No idle row overlaps the recording.
overlap=0
while IFS=, read -r s e state _; do
    [ "$state" = idle ] || continue
    s=$(epoch "$s") e=$(epoch "$e")
    [ "$s" -lt "$call_to" ] && [ "$e" -gt "$call_from" ] && [ $((e < call_to ? e : call_to)) -gt $((s > call_from ? s : call_from)) ] && overlap=1
done <<<"$rows"
check "no idle across the recording" test "$overlap" = 0
idle_after=$(echo "$rows" | awk -F, '$3 == "idle"' | while IFS=, read -r s _; do s=$(epoch "$s"); [ "$s" -ge "$c_end" ] && echo "$s"; done | head -1)
check "idle starts after the call" test -n "$idle_after"
check "idle starts within the threshold of the call's end ($((idle_after - c_end)) s)" test $((idle_after - c_end)) -le "$threshold"
day=$(date -d "@$call_from" +%F)
if [ "$(date -d "@$call_from" +%H)" -lt 4 ]; then day=$(date -d "@$((call_from - 86400))" +%F); fi
json="$("$bin" report --day "$day" --json)"
call_min=$(echo "$json" | sed -n 's/.*"call_min": \([0-9]*\).*/\1/p' | head -1)
expected=$(( (call_seconds + 30) / 60 ))
check "report --day gives call_min $expected (got $call_min)" test "$call_min" = "$expected"
echo "call_pulse: call ${call_seconds} s recorded as call $((c_end - c_start)) s, call_min $call_min, idle $((idle_after - c_end)) s after the call"
