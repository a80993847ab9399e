#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and builds Clockout.
#   bash installer/dev-setup.sh run    installs what is missing, builds a release and starts the agent
#   bash installer/dev-setup.sh test   installs what is missing, builds the dev preset and runs every test
# Packages are installed with apt-get, as root or through sudo. Nothing else is downloaded.
set -euo pipefail

mode="${1:-}"
case "$mode" in
    run | test | deps) ;;
    *)
        echo "usage: bash installer/dev-setup.sh run|test|deps" >&2
        exit 2
        ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build_packages=(
    cmake ninja-build g++ pkg-config gettext tzdata
    libsqlitecpp-dev libsqlite3-dev libtomlplusplus-dev libhowardhinnant-date-dev libcli11-dev
    libspdlog-dev libfmt-dev nlohmann-json3-dev
    libwxgtk3.2-dev libglib2.0-dev libx11-dev libxext-dev libxss-dev libwayland-dev wayland-protocols libwayland-bin
    plasma-wayland-protocols
    libayatana-appindicator3-dev libpulse-dev
)
test_packages=(
    doctest-dev sqlite3 xvfb xauth xdotool x11-utils dbus dbus-x11 python3-dbusmock faketime
    imagemagick openbox trayer notification-daemon libnotify-bin
    dpkg-dev lintian desktop-file-utils appstream librsvg2-bin file groff-base
    g++-mingw-w64-x86-64-posix mingw-w64-tools wine wine64 nsis
    clang-14 libclang-rt-14-dev strace
    chromium poppler-utils
    sway wtype kwin-wayland
    mutter gnome-shell gnome-shell-extension-appindicator python3-gi
    pulseaudio pulseaudio-utils
    syncthing iproute2 util-linux
)

wanted=("${build_packages[@]}")
[ "$mode" = test ] && wanted+=("${test_packages[@]}")
[ "$mode" = deps ] && wanted+=("${test_packages[@]}")

missing=()
for pkg in "${wanted[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    [ "$status" = installed ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing ${#missing[@]} Debian packages: ${missing[*]}"
    as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "dev-setup: not root and no sudo; fix: run as root" >&2; exit 1; }
        as_root=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ "$mode" = deps ] && exit 0

jobs="$(nproc 2>/dev/null || echo 2)"

if [ "$mode" = run ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release -j "$jobs"
    echo "Built build/release/agent/clockout. Starting the agent (Ctrl+C stops it; 'clockout status' in another terminal)."
    exec build/release/agent/clockout
fi

# test: the dev preset (debug, warnings as errors), every suite, CTest's summary as the last line.
# The Windows agent is built first (installer/windows-build.sh: its libraries from Debian's sources, cached outside the
# clone and built once per machine, then clockout.exe, clockout.com, the installer and the Windows test programs), so
# that the suite runs it under wine (tests/windows/); CLOCKOUT_TEST_WINDOWS=0 leaves it out (a quicker local run).
windows_build="$root/build/windows"
windows_args=()
if [ "${CLOCKOUT_TEST_WINDOWS:-1}" != 0 ]; then
    windows_args=("-DCLOCKOUT_WINDOWS_BUILD=$windows_build")
else
    windows_args=("-DCLOCKOUT_WINDOWS_BUILD=")
fi
cmake --preset dev "${windows_args[@]}" >/dev/null
cmake --build --preset dev -j "$jobs"
if [ "${CLOCKOUT_TEST_WINDOWS:-1}" != 0 ]; then
    windows_log="$root/build/windows-build.log"
    echo "Building the Windows agent (log: $windows_log)"
    if ! bash installer/windows-build.sh "$windows_build" >"$windows_log" 2>&1 ||
        ! cmake --build "$windows_build" -j "$jobs" >>"$windows_log" 2>&1; then
        tail -n 30 "$windows_log" >&2
        echo "dev-setup: the Windows build failed (log above; whole log: $windows_log)" >&2
        exit 1
    fi
    grep -E '^windows-(deps|build): ' "$windows_log" | grep -v 'cached$' || true
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
ctest --preset dev -j "$jobs" --timeout 600 ${CLOCKOUT_CTEST_ARGS:-} 2>&1 | tee "$log"
status="${PIPESTATUS[0]}"
set -e
# CTest prints its total time after the summary; repeat the summary so it is the last line.
grep -E '^[0-9]+% tests passed' "$log" | tail -n 1
exit "$status"
