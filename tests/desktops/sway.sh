#!/usr/bin/env bash
# The real agent (clockout --headless) under a real headless sway 1.7 / wlroots 0.15 (Debian 12), which offers
# org_kde_kwin_idle as its only idle protocol: `clockout doctor` chooses kde-idle, and input sent to sway (swaymsg's
# cursor move, wtype's key) comes and goes in the journal as idle and active rows. Prints the backend and the
# idle -> active latency: from the moment the input is sent to the agent's log line for the return.
# sway refuses to run as root, so as root sway, the agent and every client run as nobody (uid 65534), in a folder under
# /tmp that nobody can traverse (HOME and XDG_RUNTIME_DIR inside, 0700 and its own); the agent is a copy of the binary
# given, since the build tree may not be readable by nobody. Only Unix sockets are used (sway's
# Wayland and IPC sockets, a private session bus). SKIP (exit 77) only where sway or wtype is not installed.
# Usage: sway.sh /path/to/clockout
set -euo pipefail
bin="$(readlink -f "${1:?usage: sway.sh /path/to/clockout}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../e2e/desktop_env.sh"  # $desktop_tmp, $desktop_pids (stopped at exit), wait_for; no Xvfb here
name=desktop.sway
threshold=1

for tool in sway swaymsg wtype dbus-daemon; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (Debian: sway wtype dbus)"; exit 77; }
done
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null || { echo "SKIP: running as root and setpriv is missing (Debian: util-linux)"; exit 77; }
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
fi
tmp="$desktop_tmp"

# The user's folders: HOME and XDG_RUNTIME_DIR private to it (0700), the binary and sway's configuration readable.
chmod 755 "$tmp"
home="$tmp/home" run="$tmp/run"
mkdir -p "$home/.config/clockout" "$run" "$tmp/bin" "$tmp/etc"
printf '[idle]\nthreshold = "%ss"\n' "$threshold" >"$home/.config/clockout/settings.toml"
printf 'xwayland disable\noutput HEADLESS-1 resolution 640x480\n' >"$tmp/sway.config"
install -m 755 "$bin" "$tmp/bin/clockout"
[ "${#as_user[@]}" -eq 0 ] || chown -R 65534:65534 "$home" "$run"
chmod 700 "$home" "$run"
log="$home/.local/state/clockout/clockout.log"
agent_out="$tmp/agent.out"

# A clean environment for everything that runs as the user: no DISPLAY (no XWayland either), no system bus.
user_env=(env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$run" XDG_CONFIG_DIRS="$tmp/etc"
          TZ=UTC LANG=C.UTF-8 DBUS_SYSTEM_BUS_ADDRESS="unix:path=$tmp/no-system-bus")
as() { "${as_user[@]}" "${user_env[@]}" "$@"; }
# The same for a server started with &: exec, so that $! is the server itself, which cleanup stops.
as_exec() { exec "${as_user[@]}" "${user_env[@]}" "$@"; }
source "$here/desktop_checks.sh"  # fail, start_session_bus, rows, await_row, check, idle_active_cycle
desktop_logs=("$tmp/sway.log" "$agent_out" "$log")


# A session bus of the user's, shared by sway and the agent (on it, Mutter has no name: the agent goes on to Wayland).
start_session_bus

started=$(now_ms)
as_exec WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman sway -c "$tmp/sway.config" >"$tmp/sway.log" 2>&1 &
desktop_pids+=($!)
sway_pid=$!
wayland_socket() { find "$run" -maxdepth 1 -name 'wayland-*' -type s -printf '%f\n' | head -n 1 | grep .; }
ipc_socket() { find "$run" -maxdepth 1 -name 'sway-ipc.*.sock' -type s | head -n 1 | grep .; }
wait_for 10 ipc_socket || fail "sway did not start (no IPC socket within 10 s)"
wait_for 5 wayland_socket || fail "sway did not start (no Wayland socket within 5 s)"
kill -0 "$sway_pid" 2>/dev/null || fail "sway exited at start"
user_env+=(WAYLAND_DISPLAY="$(wayland_socket)" SWAYSOCK="$(ipc_socket)")
as swaymsg -t get_version >/dev/null || fail "swaymsg cannot reach sway"
echo "sway $(as swaymsg -t get_version -r | sed -n 's/.*"human_readable": *"\([^"]*\)".*/\1/p') up in $(($(now_ms) - started)) ms on $(wayland_socket)"

# 1. doctor, as the user under sway, chooses kde-idle (ext-idle-notify is not offered by sway 1.7).
doctor="$(as "$tmp/bin/clockout" doctor 2>&1)" || true
doctor_idle() { grep -E '^ *idle ' <<<"$doctor" | tr '\n' ';' || true; }
grep -E '^ *idle +kde-idle: works \[chosen\]' <<<"$doctor" >/dev/null ||
    fail "clockout doctor does not choose kde-idle: $(doctor_idle)"
grep -E '^ *idle +ext-idle-notify: does not work' <<<"$doctor" >/dev/null ||
    fail "clockout doctor should find no ext-idle-notify under sway 1.7: $(doctor_idle)"
echo "ok: clockout doctor chooses kde-idle"

# 2. The agent starts on kde-idle.
as_exec "$tmp/bin/clockout" --headless >"$agent_out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
wait_for 15 grep -q "idle backend: kde-idle" "$log" || fail "the agent did not choose the kde-idle backend"
echo "ok: the agent runs on kde-idle"

backend=kde-idle clockout="$tmp/bin/clockout"
# 3-6. Idle after the threshold; back by swaymsg's cursor move and by wtype's key; keys keep it active.
send_pointer() { as swaymsg 'seat - cursor move 10 10'; }
send_key() { as wtype -k shift_l; }
idle_active_cycle

# 7. SIGTERM: the agent commits and exits 0; sway is still there (the agent never disturbed it).
kill -TERM "$agent"
status=0
wait "$agent" || status=$?
check "the agent exits 0 on SIGTERM" [ "$status" -eq 0 ]
check "sway is still running" kill -0 "$sway_pid"
echo "journal (clockout export: start,end,state,source):"
as "$tmp/bin/clockout" export | cut -d, -f1-3,6 | sed 's/^/  /'
echo "$name: backend kde-idle, idle->active latency ${pointer_ms} ms (swaymsg cursor move), ${key_ms} ms (wtype key)"
