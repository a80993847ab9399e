# Sourced by the real-desktop tests (tests/desktops/*.sh): their shared set-up (failing with the logs' tails, a private
# session bus) and the checks they share on the agent's journal and log. The caller sets, before the calls:
#   name              the test's name; desktop_logs: the files whose last lines a failure prints
#   user_env          (before sourcing) the clean `env -i ...` the desktop's processes run in
#   send_pointer, send_key  send one input of each kind to the compositor (for idle_active_cycle)
#   as CMD...         runs CMD as the desktop's user, in its environment (HOME, bus, display)
#   clockout          the agent binary the user runs; log: its log file; threshold: the idle threshold in seconds;
#   backend           the idle backend expected ("mutter", "ext-idle-notify", "kde-idle")

# The sanitizers' settings go through the clean environment (tests/faults/asan_suites.sh runs these tests too).
for sanitizer in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
    [ -z "${!sanitizer:-}" ] || user_env+=("$sanitizer=${!sanitizer}")
done

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Prints "FAIL: <name>: MESSAGE" and the last lines of each of desktop_logs, and exits 1. A test with a fail of its
# own (gnome_shell.sh dumps more) keeps it.
if ! declare -F fail >/dev/null; then
    fail() {
        local f
        test_fail "$name: $*"
        for f in ${desktop_logs[@]+"${desktop_logs[@]}"}; do
            [ -s "$f" ] && { echo "--- $f (last lines)" >&2; tail -n 15 "$f" >&2; }
        done
        exit 1
    }
fi

# A private session bus started with `as` (as the desktop's user), stopped at exit; its address goes into user_env.
start_session_bus() {
    local bus
    bus="$(as dbus-daemon --session --fork --print-address=1 --print-pid=1)" || fail "the session bus did not start"
    desktop_pids+=("$(sed -n 2p <<<"$bus")")
    user_env+=(DBUS_SESSION_BUS_ADDRESS="$(sed -n 1p <<<"$bus")")
}

# Rows of the journal as `clockout export` gives them (start,end,state,utc_offset,work_day,source,device): "start end
# state source", times in epoch seconds.
rows() { as "$clockout" export 2>/dev/null | tail -n +2 | while IFS=, read -r s e state _ _ source _; do
    echo "$(date -d "$s" +%s) $(date -d "$e" +%s) $state $source"; done; }
# Waits up to $1 s for a row of state $2 whose end is >= $3; prints "start end source".
await_row() {
    local deadline=$(($(now_ms) + $1 * 1000)) state="$2" min_end="$3" s e st src all
    while [ "$(now_ms)" -le "$deadline" ]; do
        all="$(rows)"  # whole, not piped: returning early would cut rows() off with SIGPIPE
        while read -r s e st src; do
            [ "$st" = "$state" ] && [ "$e" -ge "$min_end" ] && { echo "$s $e $src"; return 0; }
        done <<<"$all"
        sleep 0.2
    done
    return 1
}
near() { local d=$(($1 - $2)); [ "${d#-}" -le "$3" ]; }
check() {
    local what="$1"
    shift
    if "$@"; then echo "ok: $what"; else fail "$what"; fi
}
# How many lines the agent logged for the backend's events: 0 input_active, 1 input_idle (platform::ActivityKind).
signals() { grep -c "signal $1 from $backend" "$log" || true; }
more_signals() { [ "$(signals "$1")" -gt "$2" ]; }
# The log time of the last line for signal $1, in epoch ms (the agent logs in its TZ, UTC in these tests).
last_signal_ms() {
    local stamp
    stamp="$(grep "signal $1 from $backend" "$log" | tail -n 1 | sed -n 's/^\[\([^]]*\)\].*/\1/p')"
    date -u -d "$stamp" +%s%3N
}
# Sends input with "$@" while the agent is idle; sets $latency to the ms from just before the input to the return's
# log line (the agent logs each signal as it arrives).
return_latency() {
    local before sent
    before="$(signals 0)"
    sent=$(now_ms)
    "$@" >/dev/null || fail "the input command failed: $*"
    wait_for 5 more_signals 0 "$before" || fail "no input_active from $backend within 5 s of: $*"
    latency=$(($(last_signal_ms 0) - sent))
    # Loose, for a loaded machine: compositors answer within milliseconds; a second would mean something polls.
    [ "$latency" -le 1000 ] || fail "the return after $* reached the agent only after $latency ms"
}
idles_before=0  # the agent may already be idle here on a loaded machine: that first idle counts
await_idle() {
    wait_for $((threshold + 5)) more_signals 1 "$idles_before" ||
        fail "no input_idle from $backend within $((threshold + 5)) s of the last input ($1)"
    idles_before="$(signals 1)"
}

# The cycle every desktop test runs once the agent is up on $backend, with the caller's functions send_pointer and
# send_key (one pointer move, one key press and release, sent to the compositor): idle after the threshold, back by the
# pointer (the idle row ends there), keys every 0.2 s keep it active (an active row to the last key), back by a key.
# Sets pointer_ms and key_ms.
idle_active_cycle() {
    local t1 t_last t2 i_start i_end i_source a_start a_end a_source i2_end
    await_idle "after start"
    echo "ok: idle after the threshold with no input"
    sleep 1.5

    t1=$(date +%s)
    return_latency send_pointer
    pointer_ms=$latency
    read -r i_start i_end i_source < <(await_row 3 idle "$((t1 - 1))") ||
        fail "no idle row in the journal after the pointer moved"
    check "the idle row's source is $backend" [ "$i_source" = "$backend" ]
    check "the idle row ends at the pointer's input (+-1 s)" near "$i_end" "$t1" 1
    check "the idle row lasts at least the pause (2 s, -1 s)" [ $((i_end - i_start)) -ge 1 ]

    for _ in 1 2 3 4 5 6 7 8 9 10; do
        send_key >/dev/null || fail "the key command failed"
        sleep 0.2
    done
    t_last=$(date +%s)
    check "keys every 0.2 s kept the agent from going idle" [ "$(signals 1)" -eq "$idles_before" ]
    await_idle "after the keys"
    read -r a_start a_end a_source < <(await_row 3 active "$((t_last - 1))") ||
        fail "no active row in the journal after the keys"
    check "the active row's source is $backend" [ "$a_source" = "$backend" ]
    check "the active row starts at the pointer's input (+-1 s)" near "$a_start" "$t1" 1
    check "the active row ends at the last key (+-1 s)" near "$a_end" "$t_last" 1
    sleep 1.5

    t2=$(date +%s)
    return_latency send_key
    key_ms=$latency
    read -r _ i2_end _ < <(await_row 3 idle "$((t2 - 1))") || fail "no second idle row in the journal after the key"
    check "the second idle row ends at the key (+-1 s)" near "$i2_end" "$t2" 1
}
