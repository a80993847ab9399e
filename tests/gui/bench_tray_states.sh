#!/usr/bin/env bash
# The idle tray agent's footprint in six states, in ONE run: within a window (Monday 10:00), after the day's end
# (Monday 17:45), quiet hours (Monday 21:30), a rest day (Saturday 11:00), paused (Monday 10:00, paused from the tray
# menu), a nudge window open (Monday 18:00, the firm nudge shown) and in a call (Monday 10:00, a real PulseAudio of its
# own with `parec` recording from its null source the whole time, screen breaks on at 55 min), beside a bare wx tray
# app. Every agent state has the call backend (a PulseAudio per state) and screen breaks on. Each runs in its own
# private desktop (Xvfb, openbox, trayer, a notification daemon) at the same time, with the agent's clock faked by
# libfaketime at real speed. After start-up, the agent is left until it has seen the worker go idle (threshold 30 s),
# then context switches, CPU (all threads, from /proc) and RSS are taken over the quiet period with no input.
# Prints a table (markdown); fails only on errors, or with --check when a state is over the targets
# (10 switches and 5 ms of CPU per minute, RSS 42 MB).
# Usage: bench_tray_states.sh /path/to/clockout /path/to/bench_bare_wx_tray [--short] [--check]
#        (600 s a state; --short: 60 s)
set -euo pipefail
gui_bin="$1"
bare_bin="$2"
shift 2
seconds=600
check=0
for arg in "$@"; do
    [ "$arg" = "--short" ] && seconds=60
    [ "$arg" = "--check" ] && check=1
done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
[ -e "$faketime_lib" ] || { echo "FAIL: libfaketime is missing (Debian: libfaketime)" >&2; exit 1; }
source "$here/../support/fake_dates.sh"
mon="$(fake_day 2026-11-09)" sat="$(fake_day 2026-11-14)"
results="$(mktemp -d /tmp/clockout-bench-states.XXXXXX)"
trap 'rm -rf "$results"' EXIT

# One state in its own desktop; its last line is "RESULT|state|switches|cpu_ns|rss_kb|threads|anon_kb".
measure() {
    local state="$1" fake="$2"
    source "$here/gui_env.sh"
    export TZ=Europe/Paris LANG=C.UTF-8 GDK_GL=disable
    gui_start
    gui_default_settings <<'TOML'
[idle]
threshold = "30s"
[nudge]
screen_break = "55m"
TOML
    if [ "$state" != "bare-wx-tray" ] && command -v pulseaudio >/dev/null; then
        # A PulseAudio of this state's own (Unix socket only): the call backend connected, as on a real desktop.
        local pulse="$desktop_tmp/pulse"
        mkdir -p "$pulse"
        printf 'load-module module-native-protocol-unix socket=%s/native auth-anonymous=1\nload-module module-null-sink sink_name=out\nload-module module-null-source source_name=mic\n' \
            "$pulse" >"$pulse/server.pa"
        export PULSE_SERVER="unix:$pulse/native"
        pulseaudio -n --daemonize=no --exit-idle-time=-1 --disallow-exit --use-pid-file=no --disable-shm=yes \
            -F "$pulse/server.pa" >"$pulse/log" 2>&1 &
        desktop_pids+=($!)
        wait_for 10 test -S "$pulse/native" || gui_fail "$state: pulseaudio did not start"
    fi
    if [ "$state" = "bare-wx-tray" ]; then
        "$bare_bin" >"$desktop_tmp/agent.out" 2>&1 &
        agent=$!
        desktop_pids+=("$agent")
    else
        if [ "$state" = "nudge-window" ]; then
            # The day's work before its end (09:00-17:00 Paris): a day's-end nudge needs activity before the day's
            # end (docs/nudges.md, the first evening), so the firm nudge is due at the 18:00 start.
            local day="${fake:1:10}"
            printf 'start,end,state,utc_offset,work_day,source,device\n%sT08:00:00Z,%sT16:00:00Z,active,+01:00,,xsync,bench\n' \
                "$day" "$day" >"$desktop_tmp/morning.csv"
            "$gui_bin" import "$desktop_tmp/morning.csv" >/dev/null || gui_fail "nudge-window: the morning was not imported"
        fi
        LD_PRELOAD="$faketime_lib" FAKETIME="$fake" gui_start_agent
    fi
    wait_for 30 grep -q "tray icon shown" "$desktop_tmp/agent.out" || gui_fail "$state: no tray icon"
    case "$state" in
        paused)
            pause_from_menu
            wait_for 10 bash -c "'$gui_bin' status --json 2>/dev/null | grep -q '\"paused\": true'" ||
                gui_fail "paused: the menu did not pause tracking: $("$gui_bin" status --json 2>&1)"
            ;;
        nudge-window)
            xdotool mousemove 300 300 && sleep 0.3 && xdotool mousemove 320 320
            wait_for 30 gui_windows "Time to disconnect" || gui_fail "nudge-window: no nudge window at 18:00"
            ;;
        in-call)
            parec -d mic >/dev/null 2>&1 &
            desktop_pids+=($!)
            wait_for 10 grep -q "signal 1[12] from pulse" "$gui_log" || gui_fail "in-call: the agent saw no call"
            ;;
    esac
    if [ "$state" != "bare-wx-tray" ] && [ "$state" != "in-call" ]; then
        # Left alone until the agent has seen the worker go idle: the last input signal is an idle one.
        sleep 2
        wait_for 90 bash -c "grep -E 'signal [01] from' '$gui_log' | tail -n 1 | grep -q 'signal 1 from'" ||
            gui_fail "$state: the agent never saw the worker go idle: $(grep signal "$gui_log" | tail -3)"
    fi
    sleep 5
    local s0 c0 s1 c1
    read -r s0 c0 < <(footprint_sample "$agent")
    sleep "$seconds"
    read -r s1 c1 < <(footprint_sample "$agent")
    if [ "$state" = "nudge-window" ]; then
        gui_windows "Time to disconnect" >/dev/null || gui_fail "nudge-window: the window closed during the measure"
    fi
    if [ "$state" = "in-call" ]; then
        "$gui_bin" status --json 2>/dev/null | grep -q '"in_call": true' || gui_fail "in-call: no call at the end"
    fi
    local rss threads anon
    rss="$(awk '/^VmRSS/ {print $2}' /proc/"$agent"/status)"
    anon="$(awk '/^RssAnon/ {print $2}' /proc/"$agent"/status)"
    threads="$(ls /proc/"$agent"/task | wc -l)"
    # For a closer look at where the memory is (which library, which file): BENCH_SMAPS_DIR=/tmp/x keeps each
    # state's /proc/PID/smaps there.
    if [ -n "${BENCH_SMAPS_DIR:-}" ]; then mkdir -p "$BENCH_SMAPS_DIR" && cp /proc/"$agent"/smaps "$BENCH_SMAPS_DIR/$state.smaps"; fi
    echo "RESULT|$state|$((s1 - s0))|$((c1 - c0))|$rss|$threads|$anon"
    kill -TERM "$agent"
    # The bare app has no signal handler: SIGTERM ends it with 143.
    if [ "$state" = "bare-wx-tray" ]; then wait "$agent" || true; else wait "$agent" || gui_fail "$state: the agent did not exit cleanly"; fi
}

# The tray icon inside trayer's panel, and "Pause tracking > For 1 hour" picked with the keyboard.
tray_icon() {
    local tree
    tree=$(xwininfo -root -tree 2>/dev/null) || return 0
    awk '/"panel": \("panel" "trayer"\)/ {inside = 1; next} inside && /"clockout"/ {print $1; exit}' <<<"$tree"
}
menu_open() {
    local tree
    tree=$(xwininfo -root -tree 2>/dev/null) || return 1
    grep -q '"clockout": ("clockout" "Clockout")  [0-9][0-9][0-9]x[0-9][0-9][0-9]' <<<"$tree"
}
pause_from_menu() {
    local try icon
    for try in 1 2 3 4 5; do
        sleep 0.5
        icon=$(tray_icon)
        [ -n "$icon" ] || { sleep 1; continue; }
        xdotool mousemove --window "$icon" 8 8 click 3
        if wait_for 4 menu_open; then
            sleep 0.3
            xdotool key Down Down Right
            sleep 0.3
            xdotool key Return
            return 0
        fi
        xdotool key Escape
    done
    gui_fail "paused: the tray menu did not open"
}

states=(window after-end quiet rest-day paused nudge-window in-call bare-wx-tray)
declare -A fakes=(
    [window]="@$mon 10:00:00" [after-end]="@$mon 17:45:00" [quiet]="@$mon 21:30:00" [rest-day]="@$sat 11:00:00"
    [paused]="@$mon 10:00:00" [nudge-window]="@$mon 18:00:05" [in-call]="@$mon 10:00:00" [bare-wx-tray]=""
)
pids=()
for state in "${states[@]}"; do
    (measure "$state" "${fakes[$state]}") >"$results/$state.out" 2>&1 &
    pids+=($!)
done
failed=0
for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { failed=1; echo "--- ${states[$i]} failed:" >&2; tail -n 40 "$results/${states[$i]}.out" >&2; }
done
[ "$failed" = 0 ] || exit 1

minutes="$(awk -v s="$seconds" 'BEGIN {print s / 60}')"
echo "tray footprint: ${seconds} s a state with no input, all states at once, faked clock at real speed"
echo "| state | faked clock | context switches / min | CPU ms / min | RSS MB | of which anonymous MB | threads |"
echo "|---|---|---|---|---|---|---|"
over=0
for state in "${states[@]}"; do
    line="$(grep '^RESULT|' "$results/$state.out" | tail -n 1)" || { echo "no result for $state" >&2; exit 1; }
    IFS='|' read -r _ _ switches cpu rss threads anon <<<"$line"
    fake="${fakes[$state]#@}"
    row="$(awk -v s="$switches" -v c="$cpu" -v r="$rss" -v a="$anon" -v m="$minutes" \
        'BEGIN {printf "%.1f | %.2f | %.1f | %.1f", s / m, c / 1e6 / m, r / 1024, a / 1024}')"
    echo "| $state | ${fake:-real} | $row | $threads |"
    if [ "$state" != "bare-wx-tray" ]; then
        awk -v s="$switches" -v c="$cpu" -v r="$rss" -v m="$minutes" \
            'BEGIN {exit !(s / m > 10 || c / 1e6 / m > 5 || r / 1024 > 42)}' && over=1
    fi
done
if [ "$check" = 1 ] && [ "$over" = 1 ]; then
    echo "FAIL: a state is over the targets (10 switches and 5 ms of CPU per minute, RSS 42 MB)" >&2
    exit 1
fi
