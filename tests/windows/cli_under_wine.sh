#!/usr/bin/env bash
# clockout.exe under wine against the Linux build, on the same import (docs/platform-windows.md):
#   bash tests/windows/cli_under_wine.sh CLOCKOUT_EXE LINUX_CLOCKOUT [CSV] [WEEK]
# (CSV defaults to tests/data/sample-week.csv, WEEK to 2026-W47). In a fresh wine prefix in a temporary folder, runs
# `clockout.exe --version`, `--data-dir D import CSV` and `--data-dir D report --week WEEK --json`; the Linux program
# does the same in a folder of its own; the two JSON reports are compared field by field, each difference printed.
# Exit status: 0 the same, 1 a difference or a failed step (one line saying which).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
exe="${1:-}"
linux="${2:-}"
csv="${3:-$root/tests/data/sample-week.csv}"
week="${4:-2026-W47}"
fail() {
    echo "cli_under_wine: $*" >&2
    exit 1
}
[ -n "$exe" ] && [ -n "$linux" ] || {
    echo "usage: bash tests/windows/cli_under_wine.sh CLOCKOUT_EXE LINUX_CLOCKOUT [CSV] [WEEK]" >&2
    exit 2
}
[ -f "$exe" ] || fail "$exe not found (build it: bash installer/windows-build.sh)"
[ -x "$linux" ] || fail "$linux not found (build it: cmake --preset dev && cmake --build --preset dev)"
[ -f "$csv" ] || fail "$csv not found"
command -v wine >/dev/null || fail "wine not found; fix: bash installer/dev-setup.sh deps (Debian packages: wine wine64)"
command -v wineserver >/dev/null || fail "wineserver not found; fix: apt-get install wine"
command -v python3 >/dev/null || fail "python3 not found"

tmp="$(mktemp -d)"
export WINEPREFIX="$tmp/wine-prefix" WINEDLLOVERRIDES="mscoree,mshtml=" WINEDEBUG=-all
cleanup() {
    wineserver -k >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# One zone for both sides: the report's times carry each row's own offset, but "system" must mean the same zone.
export TZ=Europe/Paris LANG=C.UTF-8 LC_ALL=
# wine shows the build machine's files on drive Z:; clockout.exe reads IANA's zone files from there.
export CLOCKOUT_ZONEINFO=Z:/usr/share/zoneinfo
winpath() { echo "Z:${1//\//\\}"; }

mkdir -p "$tmp/win-data" "$tmp/linux-data" "$tmp/linux-home"
wineboot --init >"$tmp/wineboot.log" 2>&1 || fail "wineboot --init failed (log: $(tail -n 3 "$tmp/wineboot.log"))"
wineserver -w

# wine writes the program's output with CRLF line ends; the JSON parser does not mind, the version line is trimmed.
run_wine() {
    local out="$1" status=0
    shift
    wine "$exe" "$@" >"$out" 2>"$out.err" || status=$?
    wineserver -w
    return "$status"
}

run_wine "$tmp/version.txt" --version || fail "clockout.exe --version failed: $(head -c 300 "$tmp/version.txt.err")"
version="$(tr -d '\r' <"$tmp/version.txt")"
expected_version="$("$linux" --version)"
echo "clockout.exe --version: $version"
[ "$version" = "$expected_version" ] || fail "clockout.exe --version says '$version', the Linux build '$expected_version'"

run_wine "$tmp/win-import.txt" --data-dir "$(winpath "$tmp/win-data")" import "$(winpath "$csv")" ||
    fail "clockout.exe import failed: $(tr -d '\r' <"$tmp/win-import.txt.err" | head -c 300)"
echo "clockout.exe import: $(tr -d '\r' <"$tmp/win-import.txt" | tr '\n' ' ')"
[ -f "$tmp/win-data/journal.sqlite" ] || fail "clockout.exe import wrote no journal.sqlite in $tmp/win-data"
run_wine "$tmp/win-report.json" --data-dir "$(winpath "$tmp/win-data")" report --week "$week" --json ||
    fail "clockout.exe report failed: $(tr -d '\r' <"$tmp/win-report.json.err" | head -c 300)"

# The Linux side, away from this user's settings and any employer's defaults.
linux_env=(env HOME="$tmp/linux-home" XDG_CONFIG_HOME="$tmp/linux-home/config" XDG_CONFIG_DIRS="$tmp/linux-home/xdg"
    XDG_DATA_HOME="$tmp/linux-home/data" XDG_STATE_HOME="$tmp/linux-home/state" XDG_RUNTIME_DIR="$tmp/linux-home")
"${linux_env[@]}" "$linux" --data-dir "$tmp/linux-data" import "$csv" >"$tmp/linux-import.txt" ||
    fail "the Linux build's import failed"
echo "linux import: $(tr '\n' ' ' <"$tmp/linux-import.txt")"
"${linux_env[@]}" "$linux" --data-dir "$tmp/linux-data" report --week "$week" --json >"$tmp/linux-report.json" ||
    fail "the Linux build's report failed"

python3 - "$tmp/win-report.json" "$tmp/linux-report.json" <<'EOF'
import json, sys

def load(path, who):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except Exception as e:
        print(f"cli_under_wine: {who}'s report is not JSON ({e})", file=sys.stderr)
        sys.exit(1)

windows, linux = load(sys.argv[1], "clockout.exe"), load(sys.argv[2], "the Linux build")
differences = []
fields = 0

def compare(path, a, b):
    global fields
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                differences.append(f"{path}.{key}: only in {'Linux' if key not in a else 'Windows'}")
            else:
                compare(f"{path}.{key}", a[key], b[key])
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            differences.append(f"{path}: {len(a)} items on Windows, {len(b)} on Linux")
        for i, (x, y) in enumerate(zip(a, b)):
            compare(f"{path}[{i}]", x, y)
    else:
        fields += 1
        if a != b or type(a) is not type(b):
            differences.append(f"{path}: Windows {json.dumps(a)}, Linux {json.dumps(b)}")

compare("report", windows, linux)
if not isinstance(linux, dict) or not linux.get("days"):
    print("cli_under_wine: the Linux report has no days: nothing was compared", file=sys.stderr)
    sys.exit(1)
for line in differences:
    print("differs:", line)
if differences:
    print(f"cli_under_wine: {len(differences)} of {fields} fields differ", file=sys.stderr)
    sys.exit(1)
print(f"cli_under_wine: the reports match ({fields} fields, {len(linux['days'])} days)")
EOF
