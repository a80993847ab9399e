#!/usr/bin/env bash
# The running agent and the devices folder (issue 15, docs/devices.md): the agent of device A (`clockout --headless`
# on Xvfb) has [devices] folder set; device B, another HOME with its own journal, imports Monday 18:00-19:30 and runs
# `clockout sync`, which publishes its month file into the folder. Within 5 s the running agent has read it (the
# folder is watched through platform's file monitor): A's `report --day` counts B's evening. When A stops (SIGTERM)
# it publishes its own rows: FOLDER/<A's id>/YYYY-MM.csv holds them with a whole trailer, 0600, and nothing of B's.
# Usage: devices_agent.sh /path/to/clockout
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/desktop_env.sh"
desktop_private_home 5m
desktop_start
folder="$desktop_tmp/Sync/clockout"
mkdir -p "$folder"
printf '[idle]\nthreshold = "5m"\n[journal]\ndevice = "office"\n[devices]\nfolder = "%s"\n' "$folder" \
    >"$HOME/.config/clockout/settings.toml"
check() { # check "what" condition...
    local what="$1"
    shift
    if "$@"; then echo "ok: $what"; else
        echo "--- agent log" >&2; cat "$log" >&2 2>/dev/null || true
        echo "--- folder" >&2; find "$folder" -type f -exec sh -c 'echo "== $1"; cat "$1"' _ {} \; >&2
        die "devices_agent: $what"
    fi
}

# Device A's own morning, then its agent.
printf 'start,end,state,utc_offset,work_day,source,device\n2026-11-30T07:00:00Z,2026-11-30T11:00:00Z,active,+01:00,2026-11-30,xsync,office\n' \
    >"$desktop_tmp/a.csv"
"$bin" import "$desktop_tmp/a.csv" >/dev/null
"$bin" --headless >"$desktop_tmp/agent.out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
wait_for 15 grep -q "idle backend" "$log" || check "the agent started" false

# Device B: its own HOME and journal, the same folder.
home_b="$desktop_tmp/home-b"
mkdir -p "$home_b/.config/clockout"
printf '[journal]\ndevice = "home"\n[devices]\nfolder = "%s"\n' "$folder" >"$home_b/.config/clockout/settings.toml"
printf 'start,end,state,utc_offset,work_day,source,device\n2026-11-30T17:00:00Z,2026-11-30T18:30:00Z,active,+01:00,2026-11-30,xsync,home\n' \
    >"$desktop_tmp/b.csv"
HOME="$home_b" XDG_RUNTIME_DIR="$desktop_tmp/run-b" "$bin" import "$desktop_tmp/b.csv" >/dev/null
mkdir -m 700 -p "$desktop_tmp/run-b"
HOME="$home_b" XDG_RUNTIME_DIR="$desktop_tmp/run-b" "$bin" sync >/dev/null
published_at=$(date +%s.%N)
check "device B published its month file" bash -c "grep -lq ',home\$' '$folder'/*/2026-11.csv"

# The running agent of A reads it by itself.
read_b() { "$bin" report --day 2026-11-30 --json 2>/dev/null | grep -q '"active_min": 330'; }
wait_for 5 read_b || check "A's agent read B's file within 5 s (report: $("$bin" report --day 2026-11-30 --json | grep -E 'active_min|last_active'))" false
seen_at=$(date +%s.%N)
echo "devices_agent: B's file read by A's running agent $(awk -v a="$published_at" -v b="$seen_at" 'BEGIN {printf "%.1f", b - a}') s after it was written"
check "A's day counts B's evening: last activity 19:30" grep -q '"last_active": "2026-11-30T19:30:00+01:00"' \
    <("$bin" report --day 2026-11-30 --json)

kill -TERM "$agent"
wait "$agent" || check "the agent exited cleanly" false
# Today's rows of this run (the agent's idle row since its start) are in this month's file of A's folder.
month=$(date +%Y-%m)
own_dir=$(dirname "$(grep -l ',office$' "$folder"/*/2026-11.csv | head -1)")
own="$own_dir/$month.csv"
check "A published this run's rows at stop ($own)" test -s "$own"
check "A's file is 0600" test "$(stat -c %a "$own")" = 600
check "A's file ends with a whole trailer" grep -Eq '^# clockout v1 rows=[1-9][0-9]* fnv1a64=[0-9a-f]+ name=office$' <(tail -n 1 "$own")
check "A's files hold nothing of B's" bash -c "! grep -q ',home\$' '$own_dir'/*.csv"
echo "devices_agent: PASS"
