#!/usr/bin/env bash
# `clockout doctor` under libfaketime with the date shown to it moved by $3 ("-800d", "+800d", "@2031-03-30 12:00:00"):
# the clock backend must work (its clock-set timer armed, its zone watched) wherever the faked date lies against the
# real one. A private D-Bus stands in for the system bus, so timedate1 is simply absent.
#   bash tests/e2e/doctor_faked.sh BIN LIBFAKETIME OFFSET
set -euo pipefail
bin=$(readlink -f "${1:?usage: doctor_faked.sh BIN LIBFAKETIME OFFSET}")
lib="${2:?libfaketime}"
offset="${3:?offset}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/desktop_env.sh"
desktop_private_home
# The machine's zone, watched through /etc/localtime (with TZ set there is nothing to watch); no system bus at all.
unset TZ
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$desktop_tmp/no-system-bus"
out="$desktop_tmp/doctor.out"
status=0
LD_PRELOAD="$lib" FAKETIME="$offset" "$bin" doctor >"$out" 2>&1 || status=$?
shown=$(LD_PRELOAD="$lib" FAKETIME="$offset" date '+%Y-%m-%d %H:%M')
echo "faked date: $shown (real $(date '+%Y-%m-%d %H:%M'), FAKETIME=$offset); doctor exited $status"
line=$(grep '^  session clock: ' "$out") || die "doctor printed no line for the clock backend: $(cat "$out")"
echo "$line"
[[ "$line" == "  session clock: works (clock changes via timerfd; "* ]] ||
    die "under FAKETIME=$offset the clock backend's timer does not work: $line"
[[ "$line" != *"zone not watched"* ]] || die "under FAKETIME=$offset the zone is not watched: $line"
echo "ok: under FAKETIME=$offset doctor reports the clock backend working, timer and zone"
