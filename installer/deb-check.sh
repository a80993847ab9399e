#!/usr/bin/env bash
# Builds the .deb from a configured and built tree, then checks it as a worker's machine would meet it:
#   bash installer/deb-check.sh BUILD_DIR
# cpack -G DEB; lintian (any E: fails; W: are listed); apt-get install ./clockout_*.deb; clockout --version and doctor
# from /usr/bin; desktop-file-validate; appstreamcli validate; the man page renders without warnings; then
# apt-get remove --purge leaves nothing of the package and the user's journal untouched.
# Needs root (it installs and removes a system package): CTest runs it as the test package.deb_install_remove.
# Exit status: 0 every check passed, 1 a check failed (one line says which), 2 bad usage.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/support" && pwd)/test_trap.sh"

fail() {
    test_fail "deb-check: $*"
    exit 1
}
[ $# -eq 1 ] || {
    echo "usage: bash installer/deb-check.sh BUILD_DIR" >&2
    exit 2
}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "$1" && pwd)" || fail "$1: no such build folder; fix: configure and build it first"
[ -f "$build/CPackConfig.cmake" ] || fail "$build/CPackConfig.cmake missing; fix: configure with cmake on Linux"
[ "$(id -u)" -eq 0 ] || fail "installing a package needs root; fix: run as root (CI does) or with sudo"
for tool in cpack lintian desktop-file-validate appstreamcli dpkg-shlibdeps man groff; do
    command -v "$tool" >/dev/null || fail "$tool not found; fix: bash installer/dev-setup.sh deps"
done
export LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive

work="$(mktemp -d)"
remove_work() { rm -rf "$work"; }
test_at_exit remove_work

# 1. The package.
out="$build/package"
rm -f "$out"/clockout_*.deb
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log" >&2
    fail "cpack -G DEB failed (log above)"
}
debs=("$out"/clockout_*.deb)
[ -f "${debs[0]}" ] || fail "cpack made no clockout_*.deb in $out"
deb="${debs[0]}"
echo "deb-check: built $(basename "$deb") ($(du -k "$deb" | cut -f1) kB)"

# 2. lintian: errors fail; warnings are listed (docs/packaging.md says why each remaining one stays).
lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || true
if grep -q '^E: ' "$work/lintian.log"; then
    cat "$work/lintian.log" >&2
    fail "lintian reports errors (above)"
fi
echo "deb-check: lintian: $(grep -c '^E: ' "$work/lintian.log" || true) errors, $(grep -c '^W: ' "$work/lintian.log" || true) warnings"
sed -n 's/^W: /deb-check:   W: /p' "$work/lintian.log"

# 3. Install it as a worker would. A clockout left installed by an earlier run goes first, so this very file installs.
if dpkg-query -W -f='${db:Status-Status}' clockout 2>/dev/null | grep -q installed; then
    apt-get remove --purge -y -qq clockout >/dev/null
fi
(cd "$out" && apt-get install -y -qq --no-install-recommends "./$(basename "$deb")") >"$work/apt.log" 2>&1 || {
    cat "$work/apt.log" >&2
    fail "apt-get install ./$(basename "$deb") failed (log above)"
}
[ -x /usr/bin/clockout ] || fail "/usr/bin/clockout missing after the install"

# 4. The installed program, in a fresh home with no desktop.
home="$work/home"
mkdir -p "$home"
as_user() { env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }
version="$(as_user /usr/bin/clockout --version)" || fail "clockout --version failed"
[ "$version" = "clockout $(dpkg-query -W -f='${Version}' clockout)" ] || fail "clockout --version says '$version'"
# doctor: 0 all well, 1 it found a problem (here: no signal backend works without a desktop, which is expected);
# 2 or a signal would be a bug.
set +e
as_user /usr/bin/clockout doctor >"$work/doctor.log" 2>&1
status=$?
set -e
[ "$status" -lt 2 ] || {
    cat "$work/doctor.log" >&2
    fail "clockout doctor exited with $status (log above)"
}
echo "deb-check: clockout --version: $version; doctor: exit $status"
as_user /usr/bin/clockout import "$root/tests/data/sample-week.csv" >/dev/null || fail "clockout import failed"
journal="$home/.local/share/clockout/journal.sqlite"
[ -s "$journal" ] || fail "$journal not created by clockout import"

# 5. Menus, software centres, man.
desktop=/usr/share/applications/org.clockout.Clockout.desktop
metainfo=/usr/share/metainfo/org.clockout.Clockout.metainfo.xml
desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop failed"
appstreamcli validate --no-net "$metainfo" >"$work/appstream.log" 2>&1 || {
    cat "$work/appstream.log" >&2
    fail "appstreamcli validate $metainfo failed"
}
man_warnings="$(man --warnings -l /usr/share/man/man1/clockout.1.gz 2>&1 >/dev/null)"
[ -z "$man_warnings" ] || fail "man page warnings: $man_warnings"
for file in /usr/share/icons/hicolor/scalable/apps/org.clockout.Clockout.svg \
    /usr/share/icons/hicolor/16x16/apps/org.clockout.Clockout.png \
    /usr/share/icons/hicolor/256x256/apps/org.clockout.Clockout.png \
    /usr/share/locale/fr/LC_MESSAGES/clockout.mo /etc/xdg/clockout/defaults.toml /usr/share/doc/clockout/copyright; do
    [ -f "$file" ] || fail "$file missing after the install"
done
dpkg-query -W -f='${Conffiles}' clockout | grep -q /etc/xdg/clockout/defaults.toml ||
    fail "/etc/xdg/clockout/defaults.toml is not a conffile"
echo "deb-check: desktop file, metainfo, man page, icons, catalog and charter ok"

# 6. Removal: nothing of the package is left; the user's journal is.
dpkg -L clockout >"$work/files.txt"
apt-get remove --purge -y -qq clockout >"$work/remove.log" 2>&1 || {
    cat "$work/remove.log" >&2
    fail "apt-get remove --purge clockout failed"
}
if dpkg -L clockout >/dev/null 2>&1; then fail "dpkg still knows clockout after the purge"; fi
while read -r path; do
    [ -f "$path" ] && fail "$path left behind by the purge"
done <"$work/files.txt"
[ ! -e /etc/xdg/clockout ] || fail "/etc/xdg/clockout left behind by the purge"
[ -s "$journal" ] || fail "the purge touched the user's journal $journal"
echo "deb-check: removed and purged: nothing left; the journal is still there"
echo "deb-check: ok"
