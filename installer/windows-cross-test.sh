#!/usr/bin/env bash
# Cross-compiles agent/core and platform/windows with mingw-w64, then runs their tests under wine
# (docs/platform-windows.md).
#   bash installer/windows-cross-test.sh [BUILD_DIR]    (default: build-mingw at the top of the source tree)
# The native build runs this as the CTest test windows.cross_build_and_test. Exit status: CTest's; a missing tool fails
# with one line that says what to install.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/support" && pwd)/test_trap.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-mingw}"
jobs="$(nproc 2>/dev/null || echo 2)"

missing() {
    echo "windows-cross-test: $1 not found; fix: bash installer/dev-setup.sh deps (Debian packages: $2)" >&2
    exit 1
}
command -v x86_64-w64-mingw32-g++-posix >/dev/null ||
    missing "x86_64-w64-mingw32-g++-posix" "g++-mingw-w64-x86-64-posix"
command -v x86_64-w64-mingw32-windres >/dev/null || missing "x86_64-w64-mingw32-windres" "binutils-mingw-w64-x86-64"
command -v wine >/dev/null || missing "wine" "wine wine64"
command -v wineboot >/dev/null || missing "wineboot" "wine"
# The test programs are 64-bit; the "wine" launcher needs wine64's loader for them.
[ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null || missing "the 64-bit wine loader" "wine64"
command -v ninja >/dev/null || missing "ninja" "ninja-build"

start="$(date +%s)"
mkdir -p "$build"
cmake -S "$root" -B "$build" -G Ninja --toolchain "$root/cmake/mingw-w64.cmake" -DCMAKE_BUILD_TYPE=Debug \
    -DCLOCKOUT_WERROR=ON >"$build/configure.log" 2>&1 || {
    cat "$build/configure.log" >&2
    echo "windows-cross-test: configuring the mingw build failed (log above)" >&2
    exit 1
}
cmake --build "$build" -j "$jobs"
built="$(date +%s)"
status=0
ctest --test-dir "$build" -j "$jobs" --output-on-failure || status=$?
echo "windows-cross-test: built in $((built - start)) s, tests under wine in $(($(date +%s) - built)) s"
exit "$status"
