#!/usr/bin/env bash
# clockout.com, the console face of the GUI clockout.exe, under wine in a terminal (docs/platform-windows.md):
#   bash tests/windows/console_under_wine.sh FOLDER      (FOLDER holds clockout.exe and clockout.com)
# wine gives a program started from a terminal a console (its own, drawn on the terminal), as cmd.exe's window is on
# Windows; `script` gives the test that terminal. Checks: the version, French help with its accents right (UTF-16 to
# the console, whatever its code page), a bad argument's one-line French error and exit status 2 carried through the
# launcher, the output redirected to a file through the launcher, and cmd.exe finding clockout.com for `clockout`.
# Also checks clockout.exe's resources (icon, manifest, version: pe_resources.py). Exit status: 0 all true, 1 otherwise
# (one line per failed check).
set -euo pipefail
folder="$(readlink -f "${1:?usage: console_under_wine.sh FOLDER_WITH_CLOCKOUT_EXE_AND_COM}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for f in clockout.exe clockout.com; do
    [ -f "$folder/$f" ] || { echo "FAIL: console_under_wine: $folder/$f not found (bash installer/windows-build.sh)"; exit 1; }
done
for tool in wine wineserver script perl; do
    command -v "$tool" >/dev/null || { echo "FAIL: console_under_wine: $tool not found (bash installer/dev-setup.sh deps)"; exit 1; }
done
version="$(sed -n 's/^project(clockout VERSION \([0-9.]*\).*/\1/p' "$here/../../CMakeLists.txt")"

tmp="$(mktemp -d)"
export WINEPREFIX="$tmp/wine-prefix" WINEDLLOVERRIDES="mscoree,mshtml=" WINEDEBUG=-all
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
unset DISPLAY WAYLAND_DISPLAY
export CLOCKOUT_ZONEINFO=Z:/usr/share/zoneinfo LC_CTYPE=C.UTF-8
wineboot --init >"$tmp/wineboot.log" 2>&1 || { echo "FAIL: wineboot --init failed"; exit 1; }
wineserver -w
cp "$folder/clockout.exe" "$folder/clockout.com" "$tmp/"
win_folder="Z:${tmp//\//\\}"

failures=0
check() {  # check DESCRIPTION COMMAND...
    local what="$1"
    shift
    if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
# Runs a shell command line in a terminal of its own; prints what the terminal showed, as text: wine's console draws
# spaces as cursor moves, adds cursor codes, and redraws a line from its start after a carriage return, which is
# turned back into the plain text a person sees (a redrawn line overwrites what was there).
in_terminal() {
    script -qec "$1" /dev/null </dev/null | perl -ne '
        s/\e\[(\d*)C/" " x ($1||1)/ge; s/\e\[[0-9;?]*[a-zA-Z]//g; s/\n//;
        my $line = "";
        for my $part (split /\r/) { substr($line, 0, length $part) = $part if length $part; }
        print "$line\n";'
}
contains() { grep -qF -- "$2" <<<"$1"; }

# 1. The version, on the terminal, through the launcher.
shown="$(in_terminal "wine '$tmp/clockout.com' --version; echo status=\$?")"
check "clockout.com --version shows 'clockout $version' on the terminal" contains "$shown" "clockout $version"
check "clockout.com --version returns 0" contains "$shown" "status=0"

# 2. French, with its accents, on the terminal.
shown="$(in_terminal "LANG=fr_FR.UTF-8 wine '$tmp/clockout.com' --help")"
check "the French help shows its accents right ('agent privé ... déconnexion')" contains "$shown" "agent privé pour votre droit à la"
check "no UTF-8 read as another code page ('Ã')" bash -c '! grep -q "Ã" <<<"$1"' _ "$shown"

# 3. A bad argument: one French line on the terminal, status 2 through the launcher.
shown="$(in_terminal "LANG=fr_FR.UTF-8 wine '$tmp/clockout.com' report --week nonsense; echo status=\$?")"
check "a bad --week gives a one-line French error on the terminal" contains "$shown" "clockout: --week nonsense : ce n'est pas une semaine ISO"
check "the launcher returns clockout.exe's exit status (2)" contains "$shown" "status=2"

# 4. Redirected to a file through the launcher: the file gets the output, the terminal nothing.
shown="$(in_terminal "wine '$tmp/clockout.com' --version >'$tmp/version.txt'; echo status=\$?")"
check "clockout.com --version > file writes the version to the file" grep -q "clockout $version" "$tmp/version.txt"
check "nothing of it on the terminal" bash -c '! grep -q "clockout '"$version"'" <<<"$1"' _ "$shown"

# 5. cmd.exe runs clockout.com for `clockout` (PATHEXT puts .COM before .EXE), as a user types it.
shown="$(in_terminal "wine cmd /c 'cd /d $win_folder && clockout --version'")"
check "cmd.exe's 'clockout --version' answers through clockout.com" contains "$shown" "clockout $version"

# 6. clockout.exe's resources: its icon, manifest and version.
if /usr/bin/python3 "$here/pe_resources.py" "$folder/clockout.exe" "$version" >"$tmp/pe.txt"; then
    echo "ok: clockout.exe has its icon ($(sed -n 's/^icon sizes: //p' "$tmp/pe.txt") px), manifest and version"
else
    grep FAIL "$tmp/pe.txt"
    failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] || { echo "console_under_wine: $failures checks failed"; exit 1; }
echo "console_under_wine: all checks passed"
