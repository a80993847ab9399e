#!/usr/bin/env bash
# The per-user installer under wine (docs/platform-windows.md):
#   bash tests/windows/installer_under_wine.sh build-windows/Clockout-<version>-setup.exe
# In a fresh wine prefix: `setup.exe /S` must install bin\clockout.exe, bin\zoneinfo\, share\ and uninstall.exe under
# %LOCALAPPDATA%\Programs\Clockout, the Start-menu shortcut and the HKCU uninstall entry; the installed program must
# answer --version and read a zone from its own zoneinfo folder; `uninstall.exe /S` must remove all of it and keep the
# journal folder. Exit status: 0 all true, 1 otherwise (one line per failed check).
set -euo pipefail

setup="${1:-}"
[ -n "$setup" ] || {
    echo "usage: bash tests/windows/installer_under_wine.sh SETUP_EXE" >&2
    exit 2
}
[ -f "$setup" ] || {
    echo "installer_under_wine: $setup not found (build it: bash installer/windows-build.sh)" >&2
    exit 1
}
command -v wine >/dev/null || {
    echo "installer_under_wine: wine not found; fix: bash installer/dev-setup.sh deps" >&2
    exit 1
}

tmp="$(mktemp -d)"
export WINEPREFIX="$tmp/wine-prefix" WINEDLLOVERRIDES="mscoree,mshtml=" WINEDEBUG=-all
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
unset CLOCKOUT_ZONEINFO TZ
wineboot --init >/dev/null 2>&1
wineserver -w

failures=0
check() {  # check DESCRIPTION COMMAND...
    local what="$1"
    shift
    if "$@"; then
        echo "ok: $what"
    else
        echo "FAIL: $what"
        failures=$((failures + 1))
    fi
}
uninstall_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Clockout'
registered() { wine reg query "$uninstall_key" >/dev/null 2>&1; }

wine "$setup" /S
wineserver -w
local_app_data="$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Local | head -n 1)"
programs="$(dirname "$local_app_data")/Roaming/Microsoft/Windows/Start Menu/Programs"
dir="$local_app_data/Programs/Clockout"
bin="$dir/bin"
check "setup.exe /S installed bin\\clockout.exe in %LOCALAPPDATA%\\Programs\\Clockout" test -f "$bin/clockout.exe"
check "uninstall.exe is beside it" test -f "$dir/uninstall.exe"
check "IANA's zones are in its zoneinfo folder" test -f "$bin/zoneinfo/Europe/Paris"
check "the icons are in share\\clockout\\icons" test -f "$dir/share/clockout/icons/org.clockout.Clockout.svg"
check "the Start-menu shortcut exists" test -f "$programs/Clockout.lnk"
check "the HKCU uninstall entry exists" registered
wineserver -w

version="$(wine "$bin/clockout.exe" --version | tr -d '\r')"
wineserver -w
check "the installed clockout.exe answers --version ($version)" grep -q '^clockout [0-9]' <<<"$version"
# A zone read through the installed zoneinfo folder (no CLOCKOUT_ZONEINFO): doctor names the zone TZ gives.
doctor="$(TZ=America/Sao_Paulo wine "$bin/clockout.exe" --data-dir 'C:\clockout-test' doctor 2>&1 | tr -d '\r' || true)"
wineserver -w
check "the installed program reads its own zoneinfo (doctor: time zone America/Sao_Paulo)" \
    grep -q 'time zone: America/Sao_Paulo' <<<"$doctor"

mkdir -p "$local_app_data/Clockout" && echo kept >"$local_app_data/Clockout/journal.sqlite"
wine "$dir/uninstall.exe" /S
wineserver -w
sleep 2  # the uninstaller copies itself to a temporary folder and finishes from there
wineserver -w
check "uninstall.exe /S removed the program folder" test ! -e "$dir"
check "it removed the shortcut" test ! -e "$programs/Clockout.lnk"
if registered; then
    check "it removed the HKCU uninstall entry" false
else
    check "it removed the HKCU uninstall entry" true
fi
check "it kept the journal in %LOCALAPPDATA%\\Clockout" test -f "$local_app_data/Clockout/journal.sqlite"
wineserver -w

if [ "$failures" -gt 0 ]; then
    echo "installer_under_wine: $failures checks failed" >&2
    exit 1
fi
echo "installer_under_wine: all checks passed"
