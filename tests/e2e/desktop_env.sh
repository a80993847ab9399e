# Sourced by tests and benchmarks that need a desktop: a private Xvfb, a private D-Bus bus that stands in for both the
# session and the system bus, and python3-dbusmock's logind with one session "c1". Everything is stopped on exit.
# Usage: source desktop_env.sh; desktop_start [--no-logind]; ...; (cleanup runs at exit, tests/support/test_trap.sh)

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../support" && pwd)/test_trap.sh"
desktop_pids=()
desktop_tmp="$(mktemp -d /tmp/clockout-desktop.XXXXXX)"

desktop_cleanup() {
    local pid
    for pid in "${desktop_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${desktop_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$desktop_tmp"
}
test_at_exit desktop_cleanup

# A private home for the agent under test: HOME and the XDG folders inside $desktop_tmp, Paris time, the C locale.
# Sets $log and $journal. With an argument, settings.toml sets that idle threshold ("1s").
desktop_private_home() {
    export HOME="$desktop_tmp/home" XDG_CONFIG_DIRS="$desktop_tmp/etc" XDG_RUNTIME_DIR="$desktop_tmp/run"
    export TZ=Europe/Paris LANG=C.UTF-8
    mkdir -p "$HOME/.config/clockout" && mkdir -m 700 "$XDG_RUNTIME_DIR"
    [ -z "${1:-}" ] || printf '[idle]\nthreshold = "%s"\n' "$1" >"$HOME/.config/clockout/settings.toml"
    log="$HOME/.local/state/clockout/clockout.log"
    journal="$HOME/.local/share/clockout/journal.sqlite"
}

# Context switches and CPU nanoseconds of every thread of process $1, from /proc: "switches cpu_ns" (the benches).
footprint_sample() {
    local pid="$1" switches=0 cpu=0 task v n run
    for task in /proc/"$pid"/task/*; do
        v="$(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status")"
        n="$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$task/status")"
        run="$(awk '{print $1}' "$task/schedstat")"
        switches=$((switches + v + n))
        cpu=$((cpu + run))
    done
    echo "$switches $cpu"
}

die() {
    test_fail "$*"
    exit 1
}

# Waits up to $1 seconds (decimals allowed) for the command in the remaining arguments to succeed.
wait_for() {
    local limit="$1"
    shift
    local deadline=$(($(date +%s%N) + ${limit%.*} * 1000000000))
    while ! "$@" >/dev/null 2>&1; do
        [ "$(date +%s%N)" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}

desktop_start() {
    local logind=1
    [ "${1:-}" = "--no-logind" ] && logind=0
    # Xvfb picks a free display number itself (-displayfd takes its lock atomically), so tests started at the same
    # instant never share a server. -noreset: by default the server resets when its last client (xdpyinfo) leaves, and
    # a client connecting during the reset fails.
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$desktop_tmp/display" >"$desktop_tmp/xvfb.log" 2>&1 &
    desktop_pids+=($!)
    wait_for 30 grep -q '[0-9]' "$desktop_tmp/display" || die "Xvfb did not start: $(tail -n 3 "$desktop_tmp/xvfb.log")"
    export DISPLAY=":$(tr -dc '0-9' <"$desktop_tmp/display")"
    wait_for 30 xdpyinfo || die "Xvfb did not start on $DISPLAY: $(tail -n 3 "$desktop_tmp/xvfb.log")"

    local out
    out="$(dbus-daemon --session --fork --print-address=1 --print-pid=1)" || die "dbus-daemon did not start"
    export DBUS_SESSION_BUS_ADDRESS="$(sed -n 1p <<<"$out")"
    export DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS"
    desktop_pids+=("$(sed -n 2p <<<"$out")")

    if [ "$logind" = 1 ]; then
        /usr/bin/python3 -m dbusmock --system --template logind >"$desktop_tmp/logind.log" 2>&1 &
        desktop_pids+=($!)
        wait_for 10 gdbus call --system --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
            --method org.freedesktop.DBus.GetNameOwner org.freedesktop.login1 || die "the logind mock did not start"
        gdbus call --system --dest org.freedesktop.login1 --object-path /org/freedesktop/login1 \
            --method org.freedesktop.DBus.Mock.AddSession c1 seat0 "$(id -u)" worker true >/dev/null ||
            die "the logind mock refused AddSession"
        export XDG_SESSION_ID=c1
    fi
}

# logind's PrepareForSleep(true|false), as the mock emits it.
logind_prepare_for_sleep() {
    gdbus call --system --dest org.freedesktop.login1 --object-path /org/freedesktop/login1 \
        --method org.freedesktop.DBus.Mock.EmitSignal org.freedesktop.login1.Manager PrepareForSleep b "[<$1>]" \
        >/dev/null
}

# The session's LockedHint (true|false).
logind_set_locked() {
    gdbus call --system --dest org.freedesktop.login1 --object-path /org/freedesktop/login1/session/c1 \
        --method org.freedesktop.DBus.Mock.UpdateProperties org.freedesktop.login1.Session "{'LockedHint': <$1>}" \
        >/dev/null
}

# Inhibitors logind holds, one "what who why mode" per line.
logind_inhibitors() {
    gdbus call --system --dest org.freedesktop.login1 --object-path /org/freedesktop/login1 \
        --method org.freedesktop.login1.Manager.ListInhibitors
}
