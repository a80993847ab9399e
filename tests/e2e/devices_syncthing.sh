#!/usr/bin/env bash
# Issue 15 with two real Syncthing instances on loopback only (docs/devices.md; recipe in
# /work/shared/research/syncthing-loopback.md): device A ("office") records Monday 08:00-12:00, device B ("home")
# 11:00-13:00 (an hour over A's) and 18:00-19:30, each imported into its own journal in its own HOME. Both run
# `clockout sync`, Syncthing carries the files, both run `clockout sync` again, and `clockout report --day 2026-11-30
# --json` gives the same figures on both, the overlap counted once: 08:00-13:00 (300 min) + 18:00-19:30 (90) = 390 min
# active, amplitude 08:00-19:30 = 690 min. Syncthing's config is checked before it starts (static loopback addresses;
# global and local discovery, relays, NAT traversal, usage reporting, crash reporting and upgrades off), and both
# instances run in a network namespace that has nothing but loopback.
# Usage: devices_syncthing.sh /path/to/clockout        Exit 77 (SKIP) when syncthing or unshare cannot run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../support/test_trap.sh"
bin="$(realpath "$1")"

if [ "${2:-}" != "--inner" ]; then
    command -v syncthing >/dev/null || { echo "SKIP: syncthing is not installed (apt-get install syncthing)"; exit 77; }
    unshare --net true 2>/dev/null || { echo "SKIP: unshare --net is not permitted here"; exit 77; }
    command -v ip >/dev/null || { echo "SKIP: ip (iproute2) is missing"; exit 77; }
    root="$(mktemp -d "${TMPDIR:-/tmp}/clockout-syncthing.XXXXXX")"
    cleanup() { rm -rf "$root"; }
    test_at_exit cleanup
    export root bin
    exec_status=0
    unshare --net bash "${BASH_SOURCE[0]}" "$bin" --inner || exec_status=$?
    exit "$exec_status"
fi

# ---- inside the namespace: only lo
ip link set lo up
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; }
test_at_exit stop_all
test_failure_dump() { for d in A B; do echo "--- syncthing $d log" >&2; tail -n 30 "$root/$d/st.log" >&2 2>/dev/null || true; done; }
die() { test_failure_dump; test_fail "$*"; exit 1; }

declare -A port=([A]=22101 [B]=22102) gui=([A]=18381 [B]=18382) name=([A]=office [B]=home)
for d in A B; do
    h="$root/$d"
    mkdir -p "$h/home" "$h/Sync/clockout/.stfolder" "$h/home/.config/clockout"
    printf '[journal]\ndevice = "%s"\n[devices]\nfolder = "%s"\n' "${name[$d]}" "$h/Sync/clockout" \
        >"$h/home/.config/clockout/settings.toml"
    HOME="$h/home" syncthing generate --home="$h/st" --no-default-folder >/dev/null 2>&1
done
idA="$(HOME="$root/A/home" syncthing --home="$root/A/st" --device-id)"
idB="$(HOME="$root/B/home" syncthing --home="$root/B/st" --device-id)"

# Each config: loopback only, both devices at static addresses, one shared folder watched with a 1 s delay.
for d in A B; do
    python3 - "$root/$d/st/config.xml" "$d" "$idA" "$idB" "${port[A]}" "${port[B]}" "${gui[$d]}" "$root/$d/Sync/clockout" <<'PY'
import sys, xml.etree.ElementTree as ET
path, me, idA, idB, portA, portB, gui, folder = sys.argv[1:]
tree = ET.parse(path); cfg = tree.getroot()
opts = cfg.find("options")
for e in opts.findall("listenAddress"):
    opts.remove(e)
ET.SubElement(opts, "listenAddress").text = "tcp://127.0.0.1:" + (portA if me == "A" else portB)
for key, value in {"globalAnnounceEnabled": "false", "localAnnounceEnabled": "false", "relaysEnabled": "false",
                   "natEnabled": "false", "urAccepted": "-1", "autoUpgradeIntervalH": "0", "startBrowser": "false",
                   "crashReportingEnabled": "false"}.items():
    e = opts.find(key)
    if e is None:
        e = ET.SubElement(opts, key)
    e.text = value
cfg.find("gui").find("address").text = "127.0.0.1:" + gui
for e in cfg.findall("device"):
    cfg.remove(e)
for dev, port, label in ((idA, portA, "A"), (idB, portB, "B")):
    de = ET.SubElement(cfg, "device", {"id": dev, "name": label, "compression": "metadata", "introducer": "false"})
    ET.SubElement(de, "address").text = "tcp://127.0.0.1:" + port
    ET.SubElement(de, "autoAcceptFolders").text = "false"
fe = ET.SubElement(cfg, "folder", {"id": "clockout", "label": "clockout", "path": folder, "type": "sendreceive",
                                   "rescanIntervalS": "3600", "fsWatcherEnabled": "true", "fsWatcherDelayS": "1"})
for dev in (idA, idB):
    ET.SubElement(fe, "device", {"id": dev})
tree.write(path)
PY
done

# The check before the start, on the file as Syncthing will read it.
for d in A B; do
    python3 - "$root/$d/st/config.xml" <<'PY' || die "syncthing config $d is not loopback-only"
import sys, xml.etree.ElementTree as ET
cfg = ET.parse(sys.argv[1]).getroot(); opts = cfg.find("options")
want = {"globalAnnounceEnabled": "false", "localAnnounceEnabled": "false", "relaysEnabled": "false",
        "natEnabled": "false", "urAccepted": "-1", "autoUpgradeIntervalH": "0", "startBrowser": "false",
        "crashReportingEnabled": "false"}
bad = [k for k, v in want.items() if (opts.findtext(k) or "").strip() != v]
listen = [e.text for e in opts.findall("listenAddress")]
bad += ["listenAddress " + str(listen)] if not listen or any(not l.startswith("tcp://127.0.0.1:") for l in listen) else []
for dev in cfg.findall("device"):
    addrs = [a.text for a in dev.findall("address")]
    if not addrs or any(not a.startswith("tcp://127.0.0.1:") for a in addrs):
        bad.append("device address " + str(addrs))
if not cfg.find("gui").findtext("address").startswith("127.0.0.1:"):
    bad.append("gui address")
if bad:
    print("not loopback-only:", ", ".join(bad)); sys.exit(1)
PY
done
echo "ok: both syncthing configs are loopback-only (checked before the start)"
[ "$(ip -o link | wc -l)" = 1 ] || die "the namespace has more than loopback"

# The rows, in each device's own journal (UTC; Paris is +01:00 in November).
hdr="start,end,state,utc_offset,work_day,source,device"
printf '%s\n2026-11-30T07:00:00Z,2026-11-30T11:00:00Z,active,+01:00,2026-11-30,xsync,office\n' "$hdr" >"$root/a.csv"
printf '%s\n2026-11-30T10:00:00Z,2026-11-30T12:00:00Z,active,+01:00,2026-11-30,xsync,home\n2026-11-30T17:00:00Z,2026-11-30T18:30:00Z,active,+01:00,2026-11-30,xsync,home\n' "$hdr" >"$root/b.csv"
run() { local d="$1"; shift; HOME="$root/$d/home" XDG_DATA_HOME="$root/$d/home/.local/share" \
        XDG_CONFIG_HOME="$root/$d/home/.config" XDG_STATE_HOME="$root/$d/home/.local/state" TZ=Europe/Paris "$bin" "$@"; }
run A import "$root/a.csv" >/dev/null
run B import "$root/b.csv" >/dev/null
run A sync
run B sync

for d in A B; do
    HOME="$root/$d/home" STNOUPGRADE=1 syncthing serve --home="$root/$d/st" --no-browser --no-restart \
        >"$root/$d/st.log" 2>&1 &
    pids+=($!)
done
start=$(date +%s.%N)
own_id() { run "$1" devices --json | python3 -c 'import json,sys; print([d["id"] for d in json.load(sys.stdin) if d["self"]][0])'; }
fileA="$root/B/Sync/clockout/$(own_id A)/2026-11.csv"
fileB="$root/A/Sync/clockout/$(own_id B)/2026-11.csv"
for _ in $(seq 1 600); do
    [ -f "$fileA" ] && [ -f "$fileB" ] && break
    sleep 0.1
done
[ -f "$fileA" ] && [ -f "$fileB" ] || die "Syncthing did not carry the files within 60 s"
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
printf 'ok: Syncthing carried both files in %.1f s (both instances started at 0)\n' "$elapsed"
stat -c '%a %n' "$root/A/Sync/clockout/$(own_id A)/2026-11.csv" | grep -q '^600 ' || die "A's file is not 0600"

run A sync
run B sync
run A report --day 2026-11-30 --json >"$root/a.json"
run B report --day 2026-11-30 --json >"$root/b.json"
cmp -s "$root/a.json" "$root/b.json" || { diff "$root/a.json" "$root/b.json" >&2; die "the two devices' reports differ"; }
echo "ok: both devices' reports for 2026-11-30 are the same"
python3 - "$root/a.json" <<'PY' || die "the figures are not the hand-computed ones"
import json, sys
day = json.load(open(sys.argv[1]))
print("active_min", day["active_min"], "amplitude_min", day["amplitude_min"], "first", day["first_active"],
      "last", day["last_active"])
assert day["active_min"] == 390, day["active_min"]        # 08:00-13:00 once + 18:00-19:30
assert day["amplitude_min"] == 690, day["amplitude_min"]  # 08:00 to 19:30
assert day["first_active"].startswith("2026-11-30T08:00:00+01:00")
assert day["last_active"].startswith("2026-11-30T19:30:00+01:00")
PY
echo "ok: the overlap is counted once (390 min active, amplitude 690 min)"
run A devices
run B devices | grep -q office || die "B does not list office"
echo "PASS"
