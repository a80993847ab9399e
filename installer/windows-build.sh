#!/usr/bin/env bash
# Builds the Windows agent from Linux (docs/platform-windows.md): its libraries (installer/windows-deps.sh, cached
# outside the clone), clockout.exe cross-compiled with mingw-w64 (CLOCKOUT_WINDOWS_FULL), then a per-user NSIS
# installer (installer/windows/clockout.nsi) when makensis is installed.
#   bash installer/windows-build.sh [BUILD_DIR]     (default: build-windows at the top of the source tree)
# CLOCKOUT_WIN_CLI_ONLY=1 builds without wx (no tray; the CLI and the headless agent). CLOCKOUT_WIN_NO_INSTALLER=1
# stops at the .exe. The LAST line of output is the path of what was built: the installer, or clockout.exe when no
# installer was made (a line before it says why). Errors are one line on standard error; exit status 1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(realpath -m "${1:-$root/build-windows}")"
jobs="$(nproc 2>/dev/null || echo 2)"
fail() {
    echo "windows-build: $*" >&2
    exit 1
}

deps_args=()
[ "${CLOCKOUT_WIN_CLI_ONLY:-0}" = 1 ] && deps_args+=(--no-wx)
deps_log="$(mktemp)"
trap 'rm -f "$deps_log"' EXIT
bash "$root/installer/windows-deps.sh" "${deps_args[@]}" | tee "$deps_log" || fail "the Windows libraries did not build"
cache="$(tail -n 1 "$deps_log")"
[ -f "$cache/clockout-deps.cmake" ] || fail "windows-deps.sh named $cache, which has no clockout-deps.cmake"

configure=(-DCMAKE_BUILD_TYPE=Release -DCLOCKOUT_WERROR=ON -DCLOCKOUT_WINDOWS_FULL=ON "-DCLOCKOUT_WIN_DEPS=$cache")
if [ "${CLOCKOUT_WIN_CLI_ONLY:-0}" = 1 ]; then
    configure+=(-DCLOCKOUT_CLI_ONLY=ON)
else
    configure+=(-DCLOCKOUT_CLI_ONLY=OFF)
fi
# windows.cli_under_wine compares with the Linux build's report when there is one.
[ -x "$root/build/dev/agent/clockout" ] && configure+=("-DCLOCKOUT_LINUX_CLOCKOUT=$root/build/dev/agent/clockout")
command -v ccache >/dev/null && configure+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

start="$(date +%s)"
mkdir -p "$build"
cmake -S "$root" -B "$build" -G Ninja --toolchain "$root/cmake/mingw-w64.cmake" "${configure[@]}" \
    >"$build/configure.log" 2>&1 || {
    tail -n 30 "$build/configure.log" >&2
    fail "configuring the Windows build failed (log above; whole log: $build/configure.log)"
}
nice -n 19 cmake --build "$build" -j "$jobs" --target clockout || fail "building clockout.exe failed (compiler output above)"
exe="$build/agent/clockout.exe"
[ -f "$exe" ] || fail "$exe was not built"
echo "windows-build: clockout.exe built in $(($(date +%s) - start)) s, $(du -k "$exe" | cut -f1) KiB" \
    "($(grep -q '^CLOCKOUT_CLI_ONLY:BOOL=ON' "$build/CMakeCache.txt" && echo "CLI and headless agent, no tray" ||
        echo "with the wx tray agent"))"

if [ "${CLOCKOUT_WIN_NO_INSTALLER:-0}" = 1 ]; then
    echo "windows-build: no installer (CLOCKOUT_WIN_NO_INSTALLER=1); the program:"
    echo "$exe"
    exit 0
fi
if ! command -v makensis >/dev/null; then
    echo "windows-build: no installer: makensis not found (Debian package: nsis); the program:"
    echo "$exe"
    exit 0
fi

# The installer's contents, in the layout the program looks for (bin/ and share/, as the Linux package): the stripped
# program, IANA's compiled zones beside it (not the right/ and posix/ copies), the tray agent's icons (its French catalog is inside the program).
stage="$build/installer-stage"
rm -rf "$stage" && mkdir -p "$stage/bin/zoneinfo" "$stage/share/clockout/icons"
x86_64-w64-mingw32-strip -o "$stage/bin/clockout.exe" "$exe"
# clockout.com, the console face of clockout.exe for cmd.exe and PowerShell (platform/windows/launcher/clockout_com.cpp).
[ -f "$build/agent/clockout.com" ] || fail "$build/agent/clockout.com was not built"
x86_64-w64-mingw32-strip -o "$stage/bin/clockout.com" "$build/agent/clockout.com"
zoneinfo="${CLOCKOUT_ZONEINFO_SOURCE:-/usr/share/zoneinfo}"
[ -f "$zoneinfo/Europe/Paris" ] || fail "$zoneinfo has no compiled zones; fix: apt-get install tzdata"
(cd "$zoneinfo" && find . -path ./right -prune -o -path ./posix -prune -o \( -type f -o -type l \) -print |
    while read -r file; do
        head -c 4 "$file" 2>/dev/null | grep -q TZif || continue
        mkdir -p "$stage/bin/zoneinfo/$(dirname "$file")"
        cp -L "$file" "$stage/bin/zoneinfo/$file"
    done)
cp "$root"/assets/icons/*.svg "$stage/share/clockout/icons/"
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
[ -n "$version" ] || fail "no project version in $build/CMakeCache.txt"
setup="$build/Clockout-$version-setup.exe"
icon="$build/agent/icon/clockout.ico"
[ -f "$icon" ] || fail "$icon was not made (the build makes it from assets/icons/org.clockout.Clockout.svg)"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSTAGE="$stage" -DICON="$icon" -DOUTFILE="$setup" \
    "$root/installer/windows/clockout.nsi" \
    >"$build/makensis.log" 2>&1 || {
    tail -n 20 "$build/makensis.log" >&2
    fail "makensis failed (log above; whole log: $build/makensis.log)"
}
echo "windows-build: installer $(du -k "$setup" | cut -f1) KiB (stripped clockout.exe $(du -k "$stage/bin/clockout.exe" | cut -f1) KiB," \
    "$(find "$stage/bin/zoneinfo" -type f | wc -l) zone files)"
echo "$setup"
