#!/usr/bin/env bash
# The real agent (clockout --headless) under a real headless Mutter 43 (GNOME's compositor, Debian 12), which offers
# org.gnome.Mutter.IdleMonitor on the session bus and no Wayland idle protocol: `clockout doctor` chooses mutter, and
# input sent through Mutter's RemoteDesktop API (mutter_input.py: a relative pointer move, a key) comes and goes in the
# journal as idle and active rows. Then Mutter is restarted with no input: the agent records the loss (off) and, once
# Mutter is back, idle from its comeback, never activity, until real input comes (the phantom activity of issue 14: a
# fresh Mutter's idle time counts from its own start). Prints the backend and the idle -> active latency: from the
# moment the input is sent to the agent's log line for the return.
# Only Unix sockets are used (Mutter's Wayland socket, a private session bus). SKIP (exit 77) only where mutter or
# python3-gi is not installed.
# Usage: mutter.sh /path/to/clockout
set -euo pipefail
bin="$(readlink -f "${1:?usage: mutter.sh /path/to/clockout}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../e2e/desktop_env.sh"  # $desktop_tmp, $desktop_pids (stopped at exit), wait_for; no Xvfb here
name=desktop.mutter
threshold=1

for tool in mutter dbus-daemon gdbus; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (Debian: mutter dbus libglib2.0-bin)"; exit 77; }
done
/usr/bin/python3 -c 'from gi.repository import Gio' 2>/dev/null ||
    { echo "SKIP: python3-gi is not installed (Debian: python3-gi)"; exit 77; }
tmp="$desktop_tmp"
home="$tmp/home" run="$tmp/run"
mkdir -p "$home/.config/clockout" "$run"
chmod 700 "$home" "$run"
printf '[idle]\nthreshold = "%ss"\n' "$threshold" >"$home/.config/clockout/settings.toml"
log="$home/.local/state/clockout/clockout.log"
agent_out="$tmp/agent.out"
mutter_log="$tmp/mutter.log"

# A clean environment for Mutter, the agent and the input client: no DISPLAY, no system bus.
user_env=(env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$run" XDG_CONFIG_DIRS="$tmp/etc"
          TZ=UTC LANG=C.UTF-8 DBUS_SYSTEM_BUS_ADDRESS="unix:path=$tmp/no-system-bus")
as() { "${user_env[@]}" "$@"; }
as_exec() { exec "${user_env[@]}" "$@"; }
source "$here/desktop_checks.sh"  # fail, start_session_bus, rows, await_row, check, idle_active_cycle
desktop_logs=("$mutter_log" "$agent_out" "$log")


start_session_bus
has_monitor() {
    as gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.gnome.Mutter.IdleMonitor | grep -q true
}

# Starts Mutter headless (Wayland only, one virtual monitor) and waits for its IdleMonitor; sets mutter_pid.
start_mutter() {
    local started
    started=$(date +%s%3N)
    as_exec mutter --headless --wayland --no-x11 --virtual-monitor 1280x800 --wayland-display=wl-mutter \
        >>"$mutter_log" 2>&1 &
    mutter_pid=$!
    desktop_pids+=("$mutter_pid")
    wait_for 15 has_monitor || fail "Mutter did not take org.gnome.Mutter.IdleMonitor within 15 s"
    echo "mutter $(mutter --version | head -n 1 | awk '{print $2}') up in $(($(date +%s%3N) - started)) ms"
}

# The input client: one D-Bus connection holding a RemoteDesktop session for as long as it runs.
start_input() {
    coproc INPUT { "${user_env[@]}" /usr/bin/python3 "$here/mutter_input.py" 2>&1; }
    desktop_pids+=("$INPUT_PID")
    local answer=""
    read -r -t 10 answer <&"${INPUT[0]}" || true
    [ "$answer" = ready ] || fail "mutter_input.py did not start a RemoteDesktop session: ${answer:-no answer in 10 s}"
}
stop_input() {
    exec {INPUT[1]}>&-
    wait "$INPUT_PID" 2>/dev/null || true
}
inject() {
    local answer=""
    echo "$1" >&"${INPUT[1]}"
    read -r -t 5 answer <&"${INPUT[0]}" || true
    [ "$answer" = ok ] || { echo "mutter_input.py $1: ${answer:-no answer in 5 s}" >&2; return 1; }
}
send_pointer() { inject pointer; }
send_key() { inject key; }

start_mutter
start_input

# 1. doctor chooses mutter.
doctor="$(as "$bin" doctor 2>&1)" || true
grep -E '^ *idle +mutter: works \[chosen\]' <<<"$doctor" >/dev/null ||
    fail "clockout doctor does not choose mutter: $({ grep -E '^ *idle ' <<<"$doctor" || echo "no idle line"; } | tr '\n' ';')"
echo "ok: clockout doctor chooses mutter"

# 2. The agent starts on mutter.
as_exec "$bin" --headless >"$agent_out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
wait_for 15 grep -q "idle backend: mutter" "$log" || fail "the agent did not choose the mutter backend"
echo "ok: the agent runs on mutter"

backend=mutter clockout="$bin"
# 3-6. Idle after the threshold; back by a pointer move and by a key, both through RemoteDesktop.
idle_active_cycle

# 7. Mutter restarts while the user is away: lost, then idle from the comeback; no activity without input.
stop_input
kill -TERM "$mutter_pid"
wait "$mutter_pid" 2>/dev/null || true
lost_at=$(date +%s)
wait_for 5 grep -q "signal 10 from mutter" "$log" || fail "the agent did not see Mutter go (no backend_lost)"
echo "ok: Mutter's exit is seen as the backend lost"
sleep 1
active_before="$(signals 0)"
start_mutter
back_at=$(date +%s)
await_idle "after Mutter came back"
sleep 2
check "no activity reported between Mutter's comeback and the first input (phantom activity)" \
    [ "$(signals 0)" -eq "$active_before" ]
read -r o_start o_end _ < <(await_row 3 off "$((back_at - 1))") || fail "no off row from Mutter's loss to its comeback"
check "the off row starts at Mutter's exit (+-1 s)" near "$o_start" "$lost_at" 1
phantom="$(rows | awk -v t="$lost_at" '$3 == "active" && $2 > t { print; exit }')"
check "no active row after Mutter's exit while there was no input${phantom:+ (found: $phantom)}" [ -z "$phantom" ]

# 8. Real input after the comeback: active from the input, through a new RemoteDesktop session.
start_input
t3=$(date +%s)
return_latency send_pointer
comeback_ms=$latency
await_idle "after the input following the comeback"
read -r i3_start i3_end _ < <(await_row 3 idle "$((t3 - 1))") || fail "no idle row up to the input after the comeback"
check "the idle row after the comeback starts when Mutter came back (+-2 s), not at the loss" near "$i3_start" "$back_at" 2
check "that idle row ends at the input (+-1 s)" near "$i3_end" "$t3" 1
read -r a3_start _ _ < <(await_row 3 active "$t3") || fail "no active row for the input after the comeback"
check "the active row after the comeback starts at the input (+-1 s)" near "$a3_start" "$t3" 1

# 9. SIGTERM: the agent commits and exits 0; Mutter is still there.
kill -TERM "$agent"
status=0
wait "$agent" || status=$?
check "the agent exits 0 on SIGTERM" [ "$status" -eq 0 ]
check "Mutter is still running" kill -0 "$mutter_pid"
echo "journal (clockout export: start,end,state,source):"
as "$bin" export | cut -d, -f1-3,6 | sed 's/^/  /'
echo "$name: backend mutter, idle->active latency ${pointer_ms} ms (RemoteDesktop pointer), ${key_ms} ms" \
    "(RemoteDesktop key), ${comeback_ms} ms after a Mutter restart"
