# Sourced by the GUI tests: the private desktop of tests/e2e/desktop_env.sh (Xvfb, a private D-Bus) plus a window
# manager (openbox), an XEmbed tray host (trayer) and python3-dbusmock's notification daemon, whose calls are logged.
# A private HOME keeps the user's files out of reach. Usage: source gui_env.sh; gui_start [--no-tray] [--no-logind]
here_gui="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here_gui/../e2e/desktop_env.sh"

export HOME="$desktop_tmp/home" XDG_CONFIG_DIRS="$desktop_tmp/etc" XDG_RUNTIME_DIR="$desktop_tmp/run"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_STATE_HOME="$HOME/.local/state"
export NO_AT_BRIDGE=1 GDK_BACKEND=x11
# The X tools complain on every call when the French locale is not installed; they print nothing we read in it.
xwininfo() { LC_ALL=C command xwininfo "$@"; }
unset WAYLAND_DISPLAY
mkdir -p "$HOME/.config/clockout" && mkdir -m 700 "$XDG_RUNTIME_DIR"
gui_log="$HOME/.local/state/clockout/clockout.log"
gui_calls="$desktop_tmp/notifications.log"

gui_dump() {
    echo "--- agent output" >&2; cat "$desktop_tmp/agent.out" >&2 2>/dev/null || true
    echo "--- agent log" >&2; cat "$gui_log" >&2 2>/dev/null || true
    echo "--- notification calls" >&2; cat "$gui_calls" >&2 2>/dev/null || true
}
gui_fail() {
    gui_dump
    test_fail "$*"
    exit 1
}
# What test_trap.sh prints after a failed command names itself.
test_failure_dump() { gui_dump; }
gui_ok() { echo "ok: $*"; }

gui_start() {
    local tray=1 logind_flag=--no-logind
    for arg in "$@"; do
        [ "$arg" = "--no-tray" ] && tray=0
        [ "$arg" = "--logind" ] && logind_flag=""
    done
    desktop_start $logind_flag
    openbox --sm-disable >"$desktop_tmp/openbox.log" 2>&1 &
    desktop_pids+=($!)
    # Ready once it advertises what the tests use (activating windows, keeping one above).
    wait_for 30 bash -c "xprop -root _NET_SUPPORTED | grep -q _NET_ACTIVE_WINDOW" ||
        die "openbox did not start: $(tail -n 5 "$desktop_tmp/openbox.log")"
    if [ "$tray" = 1 ]; then
        trayer --edge top --align right --widthtype pixel --width 120 --height 28 --transparent false \
            --tint 0xdddddd >"$desktop_tmp/trayer.log" 2>&1 &
        desktop_pids+=($!)
        wait_for 30 bash -c "xprop -root | grep -q . && xdotool search --class trayer" ||
            die "trayer did not start: $(tail -n 5 "$desktop_tmp/trayer.log")"
    fi
    /usr/bin/python3 -m dbusmock --session -t notification_daemon -l "$gui_calls" >/dev/null 2>&1 &
    desktop_pids+=($!)
    wait_for 10 gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.GetNameOwner org.freedesktop.Notifications || die "no notification daemon"
}

# Starts the agent in the background (arguments go to clockout); its pid is in $agent.
gui_start_agent() {
    "$gui_bin" "$@" >"$desktop_tmp/agent.out" 2>&1 &
    agent=$!
    desktop_pids+=("$agent")
}

# The ids of mapped windows whose title matches $1, one a line; status 1 when there is none.
# Debian 12's xdotool (3.20160805) dies of BadWindow when any window on the screen is destroyed while it scans the tree
# (fixed upstream in 2021, xdotool pull request #335), with the same exit status 1 as "none found". So a scan that
# met a BadWindow is done again. Unchecked, it made gui.tray_windows end with no word now and then: right after the
# weekly summary opened from the tray menu, the menu's popup was being destroyed, `id="$(gui_windows ... | head -1)"`
# failed under set -e and pipefail, and the script stopped (issue 10); it also let a check that a window is *absent*
# pass when the search had only died.
gui_windows() {
    local out status try
    for try in 1 2 3 4 5 6 7 8 9 10; do
        status=0
        out="$(xdotool search --onlyvisible --name "$1" 2>"$desktop_tmp/xdotool-search.err")" || status=$?
        if [ "$status" = 0 ]; then
            printf '%s\n' "$out"
            return 0
        fi
        grep -q BadWindow "$desktop_tmp/xdotool-search.err" || return 1
        sleep 0.05
    done
    echo "gui_windows: xdotool search for '$1' met BadWindow 10 times in a row" >&2
    return 2
}
# The first mapped window titled $1 (status 1 when there is none).
gui_window() {
    local ids
    ids="$(gui_windows "$1")" || return 1
    echo "${ids%%$'\n'*}"
}
# True when no mapped window is titled $1 (a search that kept failing is not taken for "none").
gui_window_gone() {
    local status=0
    gui_windows "$1" >/dev/null || status=$?
    [ "$status" = 1 ]
}

# Focuses the window titled $1, presses Escape and checks that it closed (keyboard access).
gui_escape() {
    local id try
    for try in 1 2 3; do # retried: on a loaded machine the activation may come after the key
        id="$(gui_window "$1")" || id=""
        [ -n "$id" ] || { [ "$try" -gt 1 ] && return 0; gui_fail "no window titled $1 to close"; }
        xdotool windowactivate --sync "$id" key --clearmodifiers Escape 2>/dev/null ||
            echo "gui_escape: try $try: xdotool could not activate $id ($1)" >&2
        wait_for 5 gui_window_gone "$1" && return 0
        echo "gui_escape: try $try: '$1' still open 5 s after Escape" >&2
    done
    gui_fail "Escape did not close $1"
}

# Saves the whole screen as a PNG.
gui_screenshot() { import -window root "$1"; }

# For screenshots: the real notification-daemon in place of the mock (which records calls but draws nothing).
gui_real_notification_daemon() {
    local mock
    mock="$(pgrep -f "dbusmock --session -t notification_daemon -l $gui_calls" | head -1 || true)"
    [ -n "$mock" ] && kill "$mock"
    sleep 0.5
    /usr/lib/notification-daemon/notification-daemon --replace >/dev/null 2>&1 &
    desktop_pids+=($!)
    wait_for 10 gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.GetNameOwner org.freedesktop.Notifications || gui_fail "no notification-daemon"
}

# A settings file: Mon-Fri 09:00-12:30, 13:30-17:30, rest days Sat/Sun; extra TOML may follow on stdin.
gui_default_settings() {
    {
        printf '[schedule]\nmon = ["09:00-12:30", "13:30-17:30"]\ntue = ["09:00-12:30", "13:30-17:30"]\n'
        printf 'wed = ["09:00-12:30", "13:30-17:30"]\nthu = ["09:00-12:30", "13:30-17:30"]\n'
        printf 'fri = ["09:00-12:30", "13:30-17:30"]\nsat = []\nsun = []\n'
        cat
    } >"$HOME/.config/clockout/settings.toml"
}
