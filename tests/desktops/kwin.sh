#!/usr/bin/env bash
# The real agent (clockout --headless) under a real headless KWin 5.27 (Debian 12's kwin_wayland --virtual), which
# offers ext_idle_notifier_v1 and org_kde_kwin_idle: `clockout doctor` chooses ext-idle-notify (kde-idle works too), and
# input sent through KWin's org_kde_kwin_fake_input (clockout_fake_input: a pointer motion, a key) comes and goes in the
# journal as idle and active rows. Prints the backend and the idle -> active latency: from the moment the input is sent
# to the agent's log line for the return.
# Debian's /usr/bin/kwin_wayland carries the file capability cap_sys_resource=ep, which a container may not grant (exec
# then fails with "Operation not permitted"): the test runs a copy, which has none. KWin runs as the caller (root is
# fine, unlike sway), in a temporary folder with HOME and XDG_RUNTIME_DIR inside (0700), without Xwayland and with no
# DISPLAY. Only Unix sockets are used (KWin's Wayland socket, a private session bus). SKIP (exit 77) only where
# kwin_wayland is not installed.
# Usage: kwin.sh /path/to/clockout /path/to/clockout_fake_input
set -euo pipefail
bin="$(readlink -f "${1:?usage: kwin.sh /path/to/clockout /path/to/clockout_fake_input}")"
fake_input="$(readlink -f "${2:?usage: kwin.sh /path/to/clockout /path/to/clockout_fake_input}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Before test_trap.sh (through desktop_env.sh), whose exit trap would call the skip's status 77 a failure.
kwin_installed="$(command -v kwin_wayland)" ||
    { echo "SKIP: kwin_wayland is not installed (Debian: kwin-wayland)"; exit 77; }
source "$here/../e2e/desktop_env.sh"  # $desktop_tmp, $desktop_pids (stopped at exit), wait_for; no Xvfb here
name=desktop.kwin
threshold=1
socket=wl-kwin
tmp="$desktop_tmp"

# The user's folders: HOME and XDG_RUNTIME_DIR private (0700); the settings with a threshold of 1 s.
home="$tmp/home" run="$tmp/run"
mkdir -p "$home/.config/clockout" "$run" "$tmp/etc"
chmod 700 "$home" "$run"
printf '[idle]\nthreshold = "%ss"\n' "$threshold" >"$home/.config/clockout/settings.toml"
log="$home/.local/state/clockout/clockout.log"
agent_out="$tmp/agent.out"
# cp copies no extended attributes, so the copy has no file capability to be refused.
kwin="$tmp/kwin_wayland"
cp "$kwin_installed" "$kwin"

# A clean environment for everything the test starts: no DISPLAY (and no Xwayland), no system bus; KWin's Qt on the
# offscreen platform, and without the check that only clients named in a .desktop file may bind restricted interfaces
# such as org_kde_kwin_fake_input.
user_env=(env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$run" XDG_CONFIG_DIRS="$tmp/etc"
          TZ=UTC LANG=C.UTF-8 DBUS_SYSTEM_BUS_ADDRESS="unix:path=$tmp/no-system-bus")
as() { "${user_env[@]}" "$@"; }
# The same for a server started with &: exec, so that $! is the server itself, which cleanup stops.
as_exec() { exec "${user_env[@]}" "$@"; }
source "$here/desktop_checks.sh"  # fail, start_session_bus, rows, await_row, check, idle_active_cycle
desktop_logs=("$tmp/kwin.log" "$agent_out" "$log")


# A session bus of the test's own, shared by KWin and the agent (on it, Mutter has no name: the agent goes on to
# Wayland).
start_session_bus

# No --xwayland: KWin starts no X server. The screen locker and global shortcuts are other processes and services
# the test does not need.
started=$(now_ms)
as_exec QT_QPA_PLATFORM=offscreen KWIN_WAYLAND_NO_PERMISSION_CHECKS=1 "$kwin" --virtual --no-lockscreen \
    --no-global-shortcuts --no-kactivities --socket "$socket" >"$tmp/kwin.log" 2>&1 &
desktop_pids+=($!)
kwin_pid=$!
user_env+=(WAYLAND_DISPLAY="$socket")
# Up to 10 s for the socket, less if kwin exits first.
socket_or_exit() { [ -S "$run/$socket" ] || ! kill -0 "$kwin_pid" 2>/dev/null; }
wait_for 10 socket_or_exit || fail "kwin did not start (no Wayland socket $socket within 10 s)"
kill -0 "$kwin_pid" 2>/dev/null || fail "kwin exited at start"
# The socket comes before KWin's input is set up: ready once a fake-input client's motion goes through (harmless
# here: the agent is not started yet).
wait_for 10 as "$fake_input" pointer ||
    fail "kwin does not take fake input within 10 s: $(as "$fake_input" pointer 2>&1 || true)"
up_ms=$(($(now_ms) - started))
echo "$(as "$kwin" --version 2>/dev/null) up in $up_ms ms (Wayland socket and fake input) on $socket"

# 1. doctor, under KWin, chooses ext-idle-notify; kde-idle works as well but comes after it.
doctor="$(as "$bin" doctor 2>&1)" || true
doctor_idle() { grep -E '^ *idle ' <<<"$doctor" | tr '\n' ';' || true; }
grep -E '^ *idle +ext-idle-notify: works \[chosen\]' <<<"$doctor" >/dev/null ||
    fail "clockout doctor does not choose ext-idle-notify: $(doctor_idle)"
grep -E '^ *idle +kde-idle: works$' <<<"$doctor" >/dev/null ||
    fail "clockout doctor should find kde-idle working (not chosen) under KWin: $(doctor_idle)"
echo "ok: clockout doctor chooses ext-idle-notify (kde-idle works too)"

# 2. The agent starts on ext-idle-notify.
as_exec "$bin" --headless >"$agent_out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
wait_for 15 grep -q "idle backend: ext-idle-notify" "$log" ||
    fail "the agent did not choose the ext-idle-notify backend"
echo "ok: the agent runs on ext-idle-notify"

backend=ext-idle-notify clockout="$bin"
# 3-6. Idle after the threshold; back by a fake-input pointer motion and by a fake-input key; keys keep it active.
send_pointer() { as "$fake_input" pointer; }
send_key() { as "$fake_input" key; }
idle_active_cycle

# 7. SIGTERM: the agent commits and exits 0; KWin is still there (the agent never disturbed it), and never started an
# X server (Xwayland would be its child).
kill -TERM "$agent"
status=0
wait "$agent" || status=$?
check "the agent exits 0 on SIGTERM" [ "$status" -eq 0 ]
check "kwin is still running" kill -0 "$kwin_pid"
# ps exits 1 when kwin has no child at all; any other failure (no ps) fails the check.
no_xwayland() {
    local children
    children="$(ps -o comm= --ppid "$kwin_pid")" || [ $? -eq 1 ]
    ! grep -qi xwayland <<<"$children"
}
check "kwin started no Xwayland" no_xwayland
echo "journal (clockout export: start,end,state,source):"
as "$bin" export | cut -d, -f1-3,6 | sed 's/^/  /'
echo "$name: backend ext-idle-notify, idle->active latency ${pointer_ms} ms (fake-input pointer), ${key_ms} ms" \
    "(fake-input key)"
