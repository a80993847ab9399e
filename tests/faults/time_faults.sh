#!/usr/bin/env bash
# Time faults with the real agent (clockout --headless) under libfaketime in a private desktop. The fake clock is an
# offset in a file the test rewrites (FAKETIME_TIMESTAMP_FILE, FAKETIME_NO_CACHE=1); the monotonic clock stays real, as
# it does when a user or NTP steps the wall clock.
# Dates are written for 2026; CLOCKOUT_TEST_YEARS=-2 or +5 moves them (tests/support/fake_dates.sh), DST days included.
#  1. both DST changes of Europe/Paris (2026-03-29 01:59:50 and 2026-10-25 02:59:50 local, input across the change):
#     every interval carries the offset of Paris at its start;
#  2. wall clock +2 h then -2 h mid-run: integrity ok, a clock_jump marker for each, and the active time recorded is
#     no more than the real time the run lasted (a jump is neither work nor a loss);
#  3. a sleep across day_start: PrepareForSleep at 03:59 (faked), wake at 04:10: the suspended time is split at 04:00
#     into two work days; 4. a sleep across midnight stays one interval of one work day.
#  5. a time-zone change mid-day to Montreal, announced as systemd-timedated does it (a PropertiesChanged of
#     org.freedesktop.timedate1, from python3-dbusmock's timedated on the private system bus): a zone_change marker,
#     rows before it carry the old offset, rows after it Montreal's. The /etc/localtime path of the same watch is
#     tested against a private symlink in tests/platform/test_clock.cpp.
#   bash tests/faults/time_faults.sh BIN
set -uo pipefail
bin=$(readlink -f "${1:?usage: time_faults.sh BIN}")
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../e2e/desktop_env.sh"
source "$here/../support/fake_dates.sh"  # CLOCKOUT_TEST_YEARS moves every date below (DST days: that year's own)
desktop_private_home 1s
libfaketime=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)
[ -n "$libfaketime" ] || { echo "SKIP: libfaketime is missing (apt-get install faketime)"; exit 0; }
fake="$desktop_tmp/faketime"
desktop_start

set_fake_local() {  # the fake wall clock shows time $1 from now on ("2026-10-25 02:59:50 +0200": the offset says which)
    printf "%+d\n" "$(( $(date -d "$1" +%s) - $(date +%s) ))" >"$fake"
}
shift_fake() {  # moves the fake wall clock by $1 seconds
    printf "%+d\n" "$(( $(cat "$fake") + $1 ))" >"$fake"
}
start_agent() {
    rm -rf "$HOME/.local/share/clockout" "$HOME/.local/state/clockout"
    LD_PRELOAD="$libfaketime" FAKETIME_TIMESTAMP_FILE="$fake" FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1 \
        "$bin" --headless >"$desktop_tmp/agent.out" 2>&1 &
    agent=$!
    desktop_pids+=("$agent") # a failed check must not leave the agent running
    wait_for 10 grep -q "idle backend" "$log" || die "the agent did not start: $(cat "$desktop_tmp/agent.out")"
}
stop_agent() {
    kill -TERM "$agent"; local status=0; wait "$agent" || status=$?
    [ "$status" -eq 0 ] || die "the agent exited with $status"
    [ "$(sqlite3 "$journal" 'PRAGMA integrity_check')" = ok ] || die "integrity_check failed"
}
activity() {  # $1 bursts of input, each followed by an idle pause of $2 s
    for ((k = 0; k < $1; k++)); do xdotool mousemove $((100 + k)) $((100 + k)); sleep 0.3; xdotool mousemove 50 50; sleep "$2"; done
}
rows() { sqlite3 -separator ' ' "file:$journal?mode=ro" "SELECT start_utc, end_utc, state, utc_offset_s, work_day FROM interval ORDER BY start_utc"; }
# Every row's offset must be Paris's offset at its start (python's zoneinfo is the reference).
offsets_right() {
    rows | python3 -c '
import sys, datetime, zoneinfo
paris = zoneinfo.ZoneInfo("Europe/Paris")
seen, bad = set(), []
for line in sys.stdin:
    s, e, state, off, day = line.split()
    want = int(datetime.datetime.fromtimestamp(int(s), paris).utcoffset().total_seconds())
    seen.add(int(off))
    if int(off) != want: bad.append(line.strip())
print("offsets seen:", sorted(seen))
sys.exit(1 if bad or len(seen) < 2 else 0)'
}

# 1. DST, both ways.
[ -n "${PARTS:-}" ] && [[ "$PARTS" != *1* ]] && dst_changes=() || dst_changes=("$(fake_dst_day 3) 01:59:50 +0100" "$(fake_dst_day 10) 02:59:50 +0200")
for change in "${dst_changes[@]}"; do
    set_fake_local "$change"
    start_agent
    activity 12 1.6   # about 23 s of input and idle across the change
    stop_agent
    echo "journal around $change:"; rows | sed 's/^/    /'
    offsets_right || die "DST $change: an interval does not carry Paris's offset at its start"
    echo "ok: DST $change: each interval carries the offset of its start"
done

# 2. Wall clock +2 h, then -2 h, mid-run.
set_fake_local "$(fake_day 2026-12-02) 10:00:00 +0100"
start_agent
real_start=$(date +%s)
activity 3 1.5
shift_fake 7200
activity 3 1.5
shift_fake -7200
activity 3 1.5
stop_agent
real_elapsed=$(( $(date +%s) - real_start ))
active=$(sqlite3 "file:$journal?mode=ro" "SELECT COALESCE(SUM(end_utc - start_utc), 0) FROM interval WHERE state = 'active'")
longest=$(sqlite3 "file:$journal?mode=ro" "SELECT COALESCE(MAX(end_utc - start_utc), 0) FROM interval")
jumps=$(sqlite3 "file:$journal?mode=ro" "SELECT count(*) || ': ' || group_concat(detail, ' ') FROM marker WHERE kind = 'clock_jump'")
echo "clock jumps: real run ${real_elapsed} s, active ${active} s, longest interval ${longest} s, markers ${jumps}"
[ "$active" -le $((real_elapsed + 2)) ] || die "a clock jump became active time ($active s in a ${real_elapsed} s run)"
# libfaketime moves only what the process reads, so the kernel's clock-set notice (timerfd TFD_TIMER_CANCEL_ON_SET) that
# gives the agent its clock_jump never comes here: the idle interval open across the +2 h step is labelled with the
# new wall time. The notice itself is tested in tests/platform/test_clock.cpp and the tracker's answer to it in
# tests/unit/test_tracker.cpp ("a clock jump writes a marker and neither creates nor loses active time").
echo "note: longest interval ${longest} s ($(sqlite3 "file:$journal?mode=ro" "SELECT state FROM interval ORDER BY end_utc - start_utc DESC LIMIT 1")): no clock-set notice under libfaketime"
echo "ok: +2 h and -2 h: integrity ok, no active time invented"

# 3. Sleep across day_start (04:00): 03:59 -> 04:10.
set_fake_local "$(fake_day 2026-12-03) 03:58:50 +0100"
start_agent
activity 2 1.2
sleep 5
logind_prepare_for_sleep true
sleep 1
shift_fake 660
logind_prepare_for_sleep false
sleep 2
stop_agent
echo "journal across day_start:"; rows | sed 's/^/    /'
sqlite3 "file:$journal?mode=ro" "SELECT work_day FROM interval WHERE state = 'suspended' ORDER BY start_utc" | sort -u | tr '\n' ' ' >"$desktop_tmp/days"
[ "$(cat "$desktop_tmp/days")" = "$(fake_day 2026-12-02) $(fake_day 2026-12-03) " ] || die "the sleep across 04:00 is not split into two work days: $(cat "$desktop_tmp/days")"
split=$(sqlite3 "file:$journal?mode=ro" "SELECT end_utc FROM interval WHERE state = 'suspended' AND work_day = '$(fake_day 2026-12-02)'")
[ "$split" = "$(date -d "TZ=\"Europe/Paris\" $(fake_day 2026-12-03) 04:00" +%s)" ] || die "the suspended interval is not cut at 04:00 (ends $split)"
echo "ok: a sleep from 03:59 to 04:10 is split at 04:00 into two work days"
# 4. Sleep across midnight (23:59 -> 00:10): midnight is no boundary with day_start 04:00: one suspended row, one day.
set_fake_local "$(fake_day 2026-12-03) 23:58:55 +0100"
start_agent
activity 2 1.2
sleep 3
logind_prepare_for_sleep true
sleep 1
shift_fake 660
logind_prepare_for_sleep false
sleep 2
stop_agent
echo "journal across midnight:"; rows | sed 's/^/    /'
[ "$(sqlite3 "file:$journal?mode=ro" "SELECT count(*) || ' ' || group_concat(DISTINCT work_day) FROM interval WHERE state = 'suspended'")" = "1 $(fake_day 2026-12-03)" ] ||
    die "a sleep across midnight is not one suspended interval of work day $(fake_day 2026-12-03)"
echo "ok: a sleep from 23:59 to 00:10 stays one interval of the same work day"

# 5. The time zone changes mid-day. With TZ set the agent follows TZ (as POSIX programs do) and watches nothing, so this
#    run goes without it: the agent starts in this machine's zone (/etc/localtime) and timedate1 then says Montreal
#    (Tokyo if this machine is in Montreal's offset already).
/usr/bin/python3 -m dbusmock --system --template timedated >"$desktop_tmp/timedated.log" 2>&1 &
desktop_pids+=($!)
wait_for 10 gdbus call --system --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetNameOwner org.freedesktop.timedate1 || die "the timedated mock did not start"
zone_change_at="$(fake_day 2026-11-30) 13:59:40 +0100"
set_fake_local "$zone_change_at"
unset TZ
start_agent
machine_offset=$(python3 -c 'import sys, datetime; print(int(datetime.datetime.fromtimestamp(int(sys.argv[1])).astimezone().utcoffset().total_seconds()))' "$(date -d "$zone_change_at" +%s)")
new_zone=America/Montreal new_offset=-18000
[ "$machine_offset" = -18000 ] && new_zone=Asia/Tokyo new_offset=32400
activity 3 1.5
gdbus call --system --dest org.freedesktop.timedate1 --object-path /org/freedesktop/timedate1 \
    --method org.freedesktop.timedate1.SetTimezone "$new_zone" false >/dev/null || die "SetTimezone refused"
wait_for 5 bash -c "sqlite3 'file:$journal?mode=ro' \"SELECT 1 FROM marker WHERE kind = 'zone_change'\" | grep -q 1" ||
    die "no zone_change marker after timedate1 changed its Timezone: $(grep -v xsync "$log" | tail -n 5)"
change=$(sqlite3 "file:$journal?mode=ro" "SELECT ts_utc FROM marker WHERE kind = 'zone_change'")
activity 3 1.5
stop_agent
export TZ=Europe/Paris
echo "journal across the zone change to $new_zone (marker at $change, machine offset $machine_offset s):"
rows | sed 's/^/    /'
before=$(sqlite3 "file:$journal?mode=ro" "SELECT group_concat(DISTINCT utc_offset_s) FROM interval WHERE start_utc < $change")
after=$(sqlite3 "file:$journal?mode=ro" "SELECT group_concat(DISTINCT utc_offset_s) FROM interval WHERE start_utc > $change")
[ "$before" = "$machine_offset" ] || die "rows before the zone change carry offsets $before, not the machine's $machine_offset"
[ "$after" = "$new_offset" ] || die "rows after the zone change carry offsets $after, not $new_zone's $new_offset"
[ "$(sqlite3 "file:$journal?mode=ro" "SELECT count(*) FROM interval WHERE start_utc > $change AND state = 'active'")" -ge 1 ] ||
    die "no activity recorded after the zone change"
echo "ok: a zone change mid-day: a zone_change marker, rows before it in the old offset, after it in $new_zone's"
echo "time_faults: all checks passed"
