#!/usr/bin/env bash
# `clockout status` shows the running agent's live view (issue 12): while the headless agent runs (it shares
# AgentRuntime and app/day_view with the tray), status asks it over the single-instance socket, so the open interval
# counts at once, where the journal is up to 5 minutes behind; with no agent, status reads the journal and says so.
# Input is driven with xdotool on Xvfb (XSync backend). Both the agent and the CLI run on the same faked clock
# (libfaketime, one offset, real speed): Monday 9 November 2026 10:00 Paris, inside the 09:00-12:30 window.
#   1. 80 s of input: status --json says source "agent" and at least 1 active minute, the journal (report --day)
#      still 0 (the open row is committed only on a state change or after 5 minutes);
#   2. its text names no fallback;
#   3. on SIGTERM the agent commits: the journal's figures then equal what status said live, to the minute;
#   4. with no agent, status says "no agent running ..." (English and French) and source "journal", same figures.
# Usage: status_live.sh /path/to/clockout
set -euo pipefail
bin="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/desktop_env.sh"
source "$here/../support/fake_dates.sh"
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
[ -e "$faketime_lib" ] || die "libfaketime is missing (Debian: libfaketime)"

desktop_private_home 1m
desktop_start --no-logind
mon="$(fake_day 2026-11-09)"
offset=$(($(TZ=Europe/Paris date -d "$mon 10:00:00" +%s) - $(date +%s)))
export LD_PRELOAD="$faketime_lib" FAKETIME="$offset"  # seconds, signed: the same shift for every process below

check() {
    local what="$1"
    shift
    "$@" || die "check failed: $what"
    echo "ok: $what"
}
die() {
    echo "--- agent log" >&2; cat "$log" >&2 2>/dev/null || true
    test_fail "$*"
    exit 1
}
json_field() { python3 -c 'import json,sys; v=json.load(sys.stdin)[sys.argv[1]]; print("null" if v is None else v)' "$1"; }

"$bin" --headless >"$desktop_tmp/agent.out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
wait_for 10 grep -q "idle backend: xsync" "$log" || die "the agent did not start with XSync: $(cat "$desktop_tmp/agent.out")"
for _ in $(seq 40); do xdotool mousemove_relative -- 3 3; sleep 1; xdotool mousemove_relative -- -3 -3; sleep 1; done

# 1. Live from the agent, and the journal behind it.
live="$("$bin" status --json 2>"$desktop_tmp/status.err")"
check "status --json names the agent as its source" [ "$(json_field source <<<"$live")" = "agent" ]
check "status says nothing about a fallback while the agent runs" [ ! -s "$desktop_tmp/status.err" ]
check "status --json is about the faked Monday" [ "$(json_field date <<<"$live")" = "$mon" ]
live_active="$(json_field active_min <<<"$live")"
live_amplitude="$(json_field amplitude_min <<<"$live")"
# 80 s of input from ~10:00:01: 1 or 2 minutes once rounded (the run started at the agent's start).
check "the live view counts the open interval: active $live_active min, 1 or 2" [ "$live_active" -ge 1 -a "$live_active" -le 2 ]
journal_active="$("$bin" report --day "$mon" --json | json_field active_min)"
check "the journal alone is behind: active $journal_active min < $live_active" [ "$journal_active" -lt "$live_active" ]

# 2. The text: the same figures, no fallback line.
text="$("$bin" status)"
check "status text shows the live active time" grep -q "Active time: 0 h 0$live_active" <<<"$text"
check "status text has no fallback line while the agent runs" bash -c "! grep -q 'no agent running' <<<'$text'"

# 3. The agent commits on exit: the journal now says what status said live.
kill -TERM "$agent"
wait "$agent" || die "the agent did not exit cleanly"
after="$("$bin" report --day "$mon" --json)"
check "after the commit, the journal's active time equals the live one ($live_active min)" \
    [ "$(json_field active_min <<<"$after")" -eq "$live_active" ]
check "after the commit, the journal's amplitude equals the live one ($live_amplitude min)" \
    [ "$(json_field amplitude_min <<<"$after")" -eq "$live_amplitude" ]

# 4. No agent: the journal, and it says so.
cold="$("$bin" status --json 2>"$desktop_tmp/status.err")"
check "with no agent, status --json names the journal as its source" [ "$(json_field source <<<"$cold")" = "journal" ]
check "with no agent, status --json says so on stderr" \
    grep -q "no agent running: figures from the journal, up to 5 minutes behind" "$desktop_tmp/status.err"
check "with no agent, the figures are the journal's" [ "$(json_field active_min <<<"$cold")" -eq "$live_active" ]
check "with no agent, status text says so" \
    bash -c "'$bin' status | grep -q 'no agent running: figures from the journal, up to 5 minutes behind'"
check "with no agent, status says so in French" \
    bash -c "LANG=fr_FR.UTF-8 '$bin' status | grep -q 'aucun agent en marche : chiffres tirés du journal, jusqu.à 5 minutes de retard'"
echo "status_live: status shows the running agent's live figures, and says when it reads the journal"
