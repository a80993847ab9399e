#!/usr/bin/env bash
# Footprint of the idle agent: clockout --headless in a private desktop (Xvfb with no input, D-Bus, dbusmock logind),
# measured from /proc over all its threads. Prints figures; it is not a timed test and fails only on errors.
# Usage: bench_footprint.sh /path/to/clockout [--short]     (10 minutes; --short: 60 seconds)
set -euo pipefail
bin="$1"
seconds=600
[ "${2:-}" = "--short" ] && seconds=60
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../e2e/desktop_env.sh"

desktop_private_home
desktop_start

started=$(date +%s%N)
"$bin" --headless >"$desktop_tmp/agent.out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
wait_for 10 grep -q "session backend: clock" "$log" || die "the agent did not start: $(cat "$desktop_tmp/agent.out")"
ready=$(date +%s%N)
backend="$(sed -n 's/.*idle backend: //p' "$log" | head -n 1)"
sleep 5 # let start-up settle: the first figures are the agent at rest
read -r s0 c0 < <(footprint_sample "$agent")
sleep "$seconds"
read -r s1 c1 < <(footprint_sample "$agent")
rss_kb="$(awk '/^VmRSS/ {print $2}' /proc/"$agent"/status)"
threads="$(ls /proc/"$agent"/task | wc -l)"
kill -TERM "$agent"
wait "$agent" || die "the agent did not exit cleanly"

minutes=$(awk -v s="$seconds" 'BEGIN {print s / 60}')
echo "footprint: clockout --headless, idle backend ${backend:-none}, ${seconds} s with no input, ${threads} threads"
awk -v d=$((s1 - s0)) -v m="$minutes" 'BEGIN {printf "context switches: %.1f per minute (target <= 10)\n", d / m}'
awk -v d=$((c1 - c0)) -v m="$minutes" 'BEGIN {printf "CPU: %.2f ms per minute (target <= 5)\n", d / 1e6 / m}'
awk -v r="$rss_kb" 'BEGIN {printf "RSS: %.1f MB\n", r / 1024}'
awk -v d=$((ready - started)) 'BEGIN {printf "start-up to all backends running: %.0f ms\n", d / 1e6}'
