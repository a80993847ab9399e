#!/usr/bin/env bash
# Footprint of the idle tray agent (the bench of tests/bench/bench_footprint.sh, for `clockout` with its tray icon in
# trayer, openbox and a notification daemon): start-up to tray icon, then context switches, CPU and RSS over a quiet
# period with no input, from /proc over all threads. Prints figures; it is not a timed test and fails only on errors.
# Usage: bench_tray_footprint.sh /path/to/clockout [--short]     (10 minutes; --short: 60 seconds)
set -euo pipefail
gui_bin="$1"
seconds=600
[ "${2:-}" = "--short" ] && seconds=60
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/gui_env.sh"
export TZ=Europe/Paris LANG=C.UTF-8
gui_start
gui_default_settings </dev/null
started=$(date +%s%N)
gui_start_agent
wait_for 20 grep -q "tray icon shown" "$desktop_tmp/agent.out" || gui_fail "no tray icon"
ready=$(date +%s%N)
sleep 5 # start-up settles
read -r s0 c0 < <(footprint_sample "$agent")
sleep "$seconds"
read -r s1 c1 < <(footprint_sample "$agent")
rss_kb="$(awk '/^VmRSS/ {print $2}' /proc/"$agent"/status)"
threads="$(ls /proc/"$agent"/task | wc -l)"
minutes="$(awk -v s="$seconds" 'BEGIN {print s / 60}')"
echo "footprint: clockout (tray agent, $(sed -n 's/.*tray: //p' "$gui_log" | head -1)), ${seconds} s with no input, ${threads} threads"
echo "  start-up to tray icon: $(((ready - started) / 1000000)) ms"
awk -v d=$((s1 - s0)) -v m="$minutes" 'BEGIN {printf "  context switches: %.1f per minute\n", d / m}'
awk -v d=$((c1 - c0)) -v m="$minutes" 'BEGIN {printf "  CPU: %.2f ms per minute\n", d / 1e6 / m}'
echo "  RSS: $((rss_kb / 1024)) MB"
kill -TERM "$agent"
wait "$agent" || gui_fail "the agent did not exit cleanly"
