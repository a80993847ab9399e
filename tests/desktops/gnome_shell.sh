#!/usr/bin/env bash
# The real tray agent (clockout, not --headless) under a real headless gnome-shell 43 with the AppIndicator extension
# (Debian 12: gnome-shell, gnome-shell-extension-appindicator), which serves org.gnome.Mutter.IdleMonitor and, through
# the extension, org.kde.StatusNotifierWatcher: `clockout doctor` chooses mutter; the agent, in French, registers its
# StatusNotifierItem with the shell's watcher (the time from its start to the registration is printed), its exported
# menu (com.canonical.dbusmenu) has the French labels; input sent through the shell's RemoteDesktop API
# (mutter_input.py) comes and goes in the journal as idle and active rows; the menu's "Quitter" ends the agent with 0.
# gnome-shell runs as root here with no GPU: /run/systemd/seats makes it ask logind, so it gets a system bus of its own
# with python3-dbusmock's logind, and a private session bus it shares with the agent; HOME and the XDG folders in the
# test's folder, for everything (dconf, activated by the bus, writes under them). Only Unix sockets are used.
# gnome-shell dies of SIGSEGV (139) on SIGTERM: expected. SKIP (exit 77) only where gnome-shell or the extension is
# not installed; gnome-shell failing to start is a failure, with its log.
# Usage: gnome_shell.sh /path/to/clockout
set -euo pipefail
bin="$(readlink -f "${1:?usage: gnome_shell.sh /path/to/clockout}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../e2e/desktop_env.sh"  # $desktop_tmp, $desktop_pids (stopped at exit), wait_for; no Xvfb here
name=desktop.gnome_shell
threshold=1
extension=ubuntu-appindicators@ubuntu.com

command -v gnome-shell >/dev/null || { echo "SKIP: gnome-shell is not installed (Debian: gnome-shell)"; exit 77; }
[ -f "/usr/share/gnome-shell/extensions/$extension/metadata.json" ] ||
    { echo "SKIP: the AppIndicator extension is not installed (Debian: gnome-shell-extension-appindicator)"; exit 77; }
tmp="$desktop_tmp"
# Everything stopped in the reverse order of its start, each given 5 s to end (then SIGKILL): the clients, then the
# shell (its SIGSEGV on SIGTERM is expected), then the buses; desktop_env.sh's clean-up then removes the folder.
# True once process $1 has ended (a child not yet waited for is a zombie: kill -0 still finds it).
ended() { [ ! -e "/proc/$1" ] || grep -q '^[0-9]* (.*) Z' "/proc/$1/stat"; }
stop_in_reverse() {
    local i pid
    for ((i = ${#desktop_pids[@]} - 1; i >= 0; i--)); do
        pid="${desktop_pids[i]}"
        kill "$pid" 2>/dev/null || continue
        wait_for 5 ended "$pid" || kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    return 0
}
test_at_exit stop_in_reverse

home="$tmp/home" run="$tmp/run"
log="$home/.local/state/clockout/clockout.log"
agent_out="$tmp/agent.out"
dump_logs() {
    for f in "$tmp/gnome-shell.log" "$tmp/input.err" "$agent_out" "$log"; do
        [ -s "$f" ] && { echo "--- $f (last lines)" >&2; tail -n 20 "$f" >&2; }
    done
    return 0
}
fail() {
    test_fail "$name: $*"
    dump_logs
    exit 1
}
test_failure_dump() { dump_logs; }  # after a failed command that test_trap.sh names
for tool in dbus-daemon gdbus gsettings /usr/bin/python3; do
    command -v "$tool" >/dev/null || fail "$tool is missing (Debian: dbus, libglib2.0-bin, python3)"
done
/usr/bin/python3 -c 'import dbusmock, gi' 2>/dev/null || fail "python3-dbusmock or python3-gi is missing"

mkdir -p "$home/.config/clockout" "$tmp/etc"
mkdir -m 700 "$run"
printf '[idle]\nthreshold = "%ss"\n\n[ui]\nlanguage = "fr"\n' "$threshold" >"$home/.config/clockout/settings.toml"

# A clean environment for the shell, the agent and every client, the buses too (services they activate, dconf's,
# inherit it): no DISPLAY, the system bus the test's own.
user_env=(env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$run" XDG_CONFIG_HOME="$home/.config"
          XDG_DATA_HOME="$home/.local/share" XDG_STATE_HOME="$home/.local/state" XDG_CACHE_HOME="$home/.cache"
          XDG_CONFIG_DIRS="$tmp/etc" TZ=UTC LANG=C.UTF-8 NO_AT_BRIDGE=1 DBUS_SYSTEM_BUS_ADDRESS="unix:path=$tmp/sysbus")
as() { "${user_env[@]}" "$@"; }
# The same for a server started with &: exec, so that $! is the server itself, which cleanup stops.
as_exec() { exec "${user_env[@]}" "$@"; }
backend=mutter clockout="$bin"
source "$here/desktop_checks.sh"  # now_ms, rows, await_row, check, return_latency, idle_active_cycle
has_name() {
    as gdbus call --"$1" --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner "$2" | grep -q true
}

# The system bus with logind (python3-dbusmock's), then the session bus.
bus="$(as dbus-daemon --session --fork --address="unix:path=$tmp/sysbus" --print-pid=1)" ||
    fail "the system bus did not start"
desktop_pids+=("$bus")
as_exec /usr/bin/python3 -m dbusmock --system --template logind >"$tmp/logind.log" 2>&1 &
desktop_pids+=($!)
wait_for 10 has_name system org.freedesktop.login1 ||
    fail "the logind mock did not start: $(tail -n 5 "$tmp/logind.log")"
# One session, the shell's and the agent's.
as gdbus call --system --dest org.freedesktop.login1 --object-path /org/freedesktop/login1 \
    --method org.freedesktop.DBus.Mock.AddSession c1 seat0 "$(id -u)" "$(id -un)" true >/dev/null ||
    fail "the logind mock refused AddSession"
user_env+=(XDG_SESSION_ID=c1)
bus="$(as dbus-daemon --session --fork --address="unix:path=$tmp/bus" --print-pid=1)" ||
    fail "the session bus did not start"
desktop_pids+=("$bus")
user_env+=(DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/bus")

# The extension enabled before the shell starts (dconf, in the private HOME).
as gsettings set org.gnome.shell enabled-extensions "['$extension']" || fail "gsettings could not enable $extension"
[ "$(as gsettings get org.gnome.shell enabled-extensions)" = "['$extension']" ] ||
    fail "the setting did not hold: enabled-extensions is $(as gsettings get org.gnome.shell enabled-extensions)"
[ -f "$home/.config/dconf/user" ] || fail "dconf did not write in the private HOME ($home/.config/dconf/user)"

started=$(now_ms)
as_exec gnome-shell --headless --wayland --no-x11 --virtual-monitor 1280x800 --wayland-display=wl-gs \
    >"$tmp/gnome-shell.log" 2>&1 &
shell_pid=$!
desktop_pids+=("$shell_pid")
# Waits for the shell to own $1 on the session bus; fails at once if the shell exits first.
await_shell_name() {
    local shell_status=0
    name_or_end() { ended "$shell_pid" || has_name session "$1"; }
    wait_for 30 name_or_end "$1" || fail "gnome-shell did not start $2 within 30 s (no $1 on the session bus)"
    if ended "$shell_pid"; then
        wait "$shell_pid" || shell_status=$?
        fail "gnome-shell exited with status $shell_status before $1 appeared"
    fi
}
await_shell_name org.gnome.Mutter.IdleMonitor "its compositor"
idle_ms=$(($(now_ms) - started))
await_shell_name org.kde.StatusNotifierWatcher "the AppIndicator extension"
watcher_ms=$(($(now_ms) - started))
[ -S "$run/wl-gs" ] || fail "gnome-shell has no Wayland socket $run/wl-gs"
echo "$(gnome-shell --version) up: IdleMonitor in $idle_ms ms, StatusNotifierWatcher in $watcher_ms ms, on wl-gs"
user_env+=(WAYLAND_DISPLAY=wl-gs XDG_SESSION_TYPE=wayland XDG_CURRENT_DESKTOP=GNOME)

# 1. doctor, under the shell, chooses mutter (the shell's IdleMonitor) and finds the StatusNotifierWatcher. In French:
# the settings say so.
doctor="$(as "$bin" doctor 2>&1)" || true
doctor_idle() { grep -E '^ *idle ' <<<"$doctor" | tr '\n' ';' || true; }
grep -E '^ *idle +mutter: fonctionne \[choisie\]' <<<"$doctor" >/dev/null ||
    fail "clockout doctor does not choose mutter: $(doctor_idle)"
echo "ok: clockout doctor chooses mutter"
grep -E '^Zone de notification: StatusNotifierItem' <<<"$doctor" >/dev/null ||
    fail "clockout doctor does not find the StatusNotifierWatcher: $(grep '^Zone de notification' <<<"$doctor" || true)"
echo "ok: clockout doctor finds the shell's StatusNotifierWatcher"

# 2. The tray agent, in French, on the shell's Wayland display (no DISPLAY); the time from its start to its item in
# the watcher's RegisteredStatusNotifierItems. fr_FR.UTF-8 need not be installed: the catalog is the agent's own.
locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' ||
    echo "note: the fr_FR.UTF-8 locale is not installed (the agent's French catalog does not need it)"
watcher() {
    as gdbus call --session --dest org.kde.StatusNotifierWatcher --object-path /StatusNotifierWatcher "$@"
}
registered() {
    watcher --method org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierWatcher RegisteredStatusNotifierItems
}
items_before="$(registered)" || fail "the watcher does not answer for RegisteredStatusNotifierItems"
[ "$items_before" = "(<@as []>,)" ] || fail "the watcher has items before the agent starts: $items_before"
# The watcher's signals: StatusNotifierItemRegistered comes once the extension has put the item's icon in the panel.
as_exec gdbus monitor --session --dest org.kde.StatusNotifierWatcher --object-path /StatusNotifierWatcher \
    >"$tmp/watcher.signals" 2>&1 &
desktop_pids+=($!)
wait_for 10 grep -q "owned by" "$tmp/watcher.signals" ||
    fail "gdbus monitor did not start on the watcher: $(cat "$tmp/watcher.signals")"
agent_started=$(now_ms)
as_exec GDK_BACKEND=wayland LANG=fr_FR.UTF-8 "$bin" >"$agent_out" 2>&1 &
agent=$!
desktop_pids+=("$agent")
item_id=""
deadline=$((agent_started + 20000))
while [ "$(now_ms)" -le "$deadline" ]; do
    items="$(registered 2>/dev/null)" || items=""
    item_id="$(grep -o "':[0-9.]*@/[^']*'" <<<"$items" | tr -d "'" | head -n 1)" && break
    kill -0 "$agent" 2>/dev/null || fail "the agent exited at start"
    sleep 0.02
done
[ -n "$item_id" ] ||
    fail "the agent's StatusNotifierItem did not register with the shell's watcher within 20 s: ${items:-}"
sni_ms=$(($(now_ms) - agent_started))
echo "ok: the agent's StatusNotifierItem registered with gnome-shell's watcher in $sni_ms ms: $item_id"
wait_for 10 grep -qF "StatusNotifierItemRegistered ('$item_id',)" "$tmp/watcher.signals" ||
    fail "the watcher never said StatusNotifierItemRegistered for $item_id (no icon in the panel):" \
        "$(cat "$tmp/watcher.signals")"
echo "ok: the shell's panel took the item (StatusNotifierItemRegistered)"
wait_for 10 grep -q "tray icon shown (statusnotifier)" "$agent_out" ||
    fail "the agent does not say it shows a StatusNotifierItem"
wait_for 10 grep -q "idle backend: mutter" "$log" || fail "the tray agent did not choose the mutter backend"
echo "ok: the tray agent runs on mutter"

# 3. The item is ours: its properties and its menu, read as the shell's panel reads them.
owner="${item_id%%@*}" item="${item_id#*@}"
prop() {
    as gdbus call --session --dest "$owner" --object-path "$item" --method org.freedesktop.DBus.Properties.Get \
        org.kde.StatusNotifierItem "$1"
}
for p in Id Title Status IconName Menu; do
    value="$(prop "$p")" || fail "the item $item_id does not answer for its property $p"
    printf -v "item_$p" '%s' "$value"
done
check "the item's id is org.clockout.Clockout ($item_Id)" grep -q "'org.clockout.Clockout'" <<<"$item_Id"
check "the item's title is Clockout ($item_Title)" grep -q "'Clockout'" <<<"$item_Title"
check "the item is active ($item_Status)" grep -q "'Active'" <<<"$item_Status"
check "the item's icon is one of Clockout's ($item_IconName)" grep -q "'tray-[a-z]*'" <<<"$item_IconName"
menu="$(grep -o "'/[^']*'" <<<"$item_Menu" | tr -d "'")"
[ -n "$menu" ] || fail "the item has no menu path: $item_Menu"
dbusmenu() {
    as gdbus call --session --dest "$owner" --object-path "$menu" --method "com.canonical.dbusmenu.$1" "${@:2}"
}
layout() { dbusmenu GetLayout 0 ' -1' '@as []'; }
# The labels of a layout, one a line (gdbus quotes a string with an apostrophe in double quotes).
labels() { grep -oE "'label': <('[^']*'|\"[^\"]*\")>" | sed -E "s/^'label': <.(.*).>$/\1/"; }
# The id of the item labelled $1 in the layout on stdin.
item_of() { grep -oE "\(([0-9]+), \{[^}]*'label': <['\"]$1['\"]>" | head -n 1 | sed -E 's/^\(([0-9]+),.*/\1/'; }
dbusmenu AboutToShow 0 >/dev/null || fail "com.canonical.dbusmenu AboutToShow 0 failed on $menu"
menu_layout="$(layout)" || fail "com.canonical.dbusmenu GetLayout failed on $menu"
menu_labels="$(labels <<<"$menu_layout")"
echo "menu labels: $(paste -sd '|' <<<"$menu_labels")"
check "the menu's first line is today's heading (Aujourd'hui, ...)" grep -q "^Aujourd'hui, " <<<"$menu_labels"
for label in "J'ai fini pour aujourd'hui" "Suspendre le suivi" "Bilan hebdomadaire" "Réglages..." "Fenêtre d'état" \
    "Quitter"; do
    check "the menu has \"$label\"" grep -qxF "$label" <<<"$menu_labels"
done
# A harmless item, as the shell sends it when clicked: the status window opens, and logs its figures.
status_item="$(item_of "Fenêtre d'état" <<<"$menu_layout")"
[ -n "$status_item" ] || fail "no item id for \"Fenêtre d'état\" in the layout: $menu_layout"
dbusmenu Event "$status_item" clicked '<0>' 0 >/dev/null || fail "the Event clicked on item $status_item failed"
wait_for 10 grep -q "status window: Aujourd'hui" "$log" ||
    fail "clicking \"Fenêtre d'état\" did not open the status window"
echo "ok: clicking \"Fenêtre d'état\" (item $status_item) opened the status window:" \
    "$(grep "status window:" "$log" | tail -n 1 | sed 's/.*status window: //')"

# 4. The idle cycle over the shell, input through its RemoteDesktop API (one session, one connection: mutter_input.py,
# a coprocess that answers each line).
coproc INPUT { exec "${user_env[@]}" /usr/bin/python3 "$here/mutter_input.py" 2>"$tmp/input.err"; }
desktop_pids+=("$INPUT_PID")
exec {input_in}>&"${INPUT[1]}" {input_out}<&"${INPUT[0]}"  # kept when the coprocess ends (its array is unset)
read -r -t 10 reply <&"$input_out" || reply="(nothing within 10 s)"
[ "$reply" = ready ] || fail "mutter_input.py did not start a RemoteDesktop session: $reply"
send_input() {
    local answer
    kill -0 "$INPUT_PID" 2>/dev/null || { echo "mutter_input.py has exited" >&2; return 1; }
    echo "$1" >&"$input_in"
    read -r -t 5 answer <&"$input_out" || answer="(no answer within 5 s)"
    [ "$answer" = ok ] || { echo "mutter_input.py $1: $answer" >&2; return 1; }
}
send_pointer() { send_input pointer; }
send_key() { send_input key; }
idle_active_cycle
check "the tray agent logged the idle backend mutter" grep -q "idle backend: mutter" "$log"
check "the tray agent logged signals from mutter" grep -q "signal [01] from mutter" "$log"

# 5. "Quitter", clicked in the menu as the shell sends it: the agent commits and exits 0, its item leaves the
# watcher, and the shell is still running.
quit_item="$(layout | item_of "Quitter")"
[ -n "$quit_item" ] || fail "no item id for \"Quitter\" in the layout"
dbusmenu Event "$quit_item" clicked '<0>' 0 >/dev/null || fail "the Event clicked on item $quit_item failed"
wait_for 10 ended "$agent" || fail "the agent is still running 10 s after \"Quitter\" was clicked"
status=0
wait "$agent" || status=$?
check "the agent exits 0 when \"Quitter\" is clicked (status $status)" [ "$status" -eq 0 ]
no_items() { [ "$(registered)" = "(<@as []>,)" ]; }
check "the agent's item left the shell's watcher" wait_for 5 no_items
check "gnome-shell is still running" kill -0 "$shell_pid"
echo "journal (clockout export: start,end,state,source):"
as "$bin" export | cut -d, -f1-3,6 | sed 's/^/  /'
echo "$name: backend mutter, idle->active latency ${pointer_ms} ms (pointer), ${key_ms} ms (key);" \
    "StatusNotifierItem registered in ${sni_ms} ms"
