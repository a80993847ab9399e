#!/usr/bin/env bash
# Privacy and security of the real agent (clockout --headless) in a private desktop:
#  1. a full scripted session under strace: every socket it opens is AF_UNIX (X11, D-Bus); none AF_INET, AF_INET6,
#     AF_NETLINK or other;
#  2. the data folder is 0700 and every file in it 0600 on creation: the journal, its -wal and -shm, the backups;
#  3. no SQL in agent/journal is built from anything but literals (values go through bind): sql_literals.py;
#  4. two agents started at the same instant leave exactly one running; the other says "already running".
#   bash tests/faults/privacy.sh BIN
set -uo pipefail
bin=$(readlink -f "${1:?usage: privacy.sh BIN}")
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../e2e/desktop_env.sh"
desktop_private_home 1s
data="$HOME/.local/share/clockout"
umask 022  # the usual umask: the agent must not rely on a strict one
desktop_start
command -v strace >/dev/null || die "strace is missing (apt-get install strace)"

# 1. Sockets during a full session: input, idle, lock, unlock, sleep, wake, SIGTERM.
trace="$desktop_tmp/strace.txt"
strace -f -qq -e trace=socket,connect -o "$trace" "$bin" --headless >"$desktop_tmp/agent.out" 2>&1 &
tracer=$!
desktop_pids+=("$tracer")
wait_for 15 grep -q "idle backend" "$log" || die "the agent did not start under strace: $(cat "$desktop_tmp/agent.out")"
xdotool mousemove 100 100; sleep 0.5; xdotool mousemove 200 200; sleep 2
logind_set_locked true; sleep 1; logind_set_locked false
logind_prepare_for_sleep true; sleep 1; logind_prepare_for_sleep false; sleep 1
xdotool mousemove 300 300; sleep 1
agent=$(pgrep -P "$tracer" -x clockout | head -n 1)
[ -n "$agent" ] || die "no agent process under strace"
# While the agent runs, the journal has its -wal and -shm: they must be private too.
ls "$data"/journal.sqlite-wal >/dev/null 2>&1 || die "no -wal file while the agent runs"
running_bad=$(find "$data" \( -type d ! -perm 0700 \) -o \( -type f ! -perm 0600 \) 2>/dev/null)
[ -z "$running_bad" ] || die "not private while running: $(ls -la $running_bad)"
echo "ok: while running: $(cd "$data" && find . -type f | sort | tr '\n' ' ')all 0600"
kill -TERM "$agent"
wait "$tracer"
families=$(grep -oE 'socket\((AF|PF)_[A-Z0-9]+' "$trace" | sed 's/socket(//' | sort | uniq -c)
echo "sockets opened during the session:"; echo "$families"
[ -n "$families" ] || die "strace saw no socket at all: the trace is not working"
# grep without -q reads all its input: under pipefail a writer cut short by SIGPIPE would hide a match.
if grep -E 'socket\(' "$trace" | grep -vE 'socket\((AF|PF)_UNIX' >/dev/null; then
    grep -E 'socket\(' "$trace" | grep -vE 'socket\((AF|PF)_UNIX' | head >&2
    die "the agent opened a socket other than AF_UNIX"
fi
if grep -E 'connect\(' "$trace" | grep -E 'sa_family=AF_INET' >/dev/null; then die "the agent connected to an IP address"; fi
echo "ok: every socket is AF_UNIX ($(grep -c 'connect(' "$trace") connects, all local)"

# 2. Modes on creation. A backup is written at start when due, so the backups folder exists after one run.
bad=$(find "$data" \( -type d ! -perm 0700 \) -o \( -type f ! -perm 0600 \) 2>/dev/null)
[ -z "$bad" ] || die "not private: $(ls -la $bad)"
ls -la "$data" "$data"/backups 2>/dev/null | sed 's/^/    /'
[ -f "$data/journal.sqlite" ] || die "no journal"
ls "$data"/backups/journal-*.sqlite >/dev/null 2>&1 || echo "note: no backup written in this run"
echo "ok: data folder and backups 0700, every file 0600 (journal, -wal, -shm, backups)"

# 3. SQL only from literals.
python3 "$here/sql_literals.py" --self-test || die "sql_literals self-test"
python3 "$here/sql_literals.py" "$here/../.." || die "SQL built from a non-literal"

# 4. Two agents at the same instant: a FIFO is the barrier; both block on it, one write releases both.
fifo="$desktop_tmp/barrier"; mkfifo "$fifo"
for k in 1 2; do
    bash -c "read -r _ <'$fifo'; exec '$bin' --headless" >"$desktop_tmp/twin$k.out" 2>&1 &
    eval "twin$k=\$!"; desktop_pids+=($!)
done
sleep 0.5
echo go >"$fifo"
sleep 4
running=0; for pid in "$twin1" "$twin2"; do kill -0 "$pid" 2>/dev/null && running=$((running + 1)); done
[ "$running" -eq 1 ] || die "$running agents running after a simultaneous start: $(cat "$desktop_tmp"/twin*.out)"
grep -q "already running" "$desktop_tmp"/twin1.out "$desktop_tmp"/twin2.out || die "the second agent did not say it is already running"
for pid in "$twin1" "$twin2"; do kill -TERM "$pid" 2>/dev/null; done
echo "ok: two agents started together leave one running; the other said: $(cat "$desktop_tmp"/twin*.out | grep 'already running')"
echo "privacy: all checks passed"
