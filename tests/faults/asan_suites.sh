#!/usr/bin/env bash
# The unit, journal and end-to-end CLI suites under ASan + UBSan: a second build (cmake --preset asan, build/asan) of
# only the targets they need, then ctest. Our code starts no thread of its own (GLib's are the only ones), so TSan is
# not run: see docs/reliability.md.
#   bash tests/faults/asan_suites.sh [SOURCE_DIR]
set -eu
src=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
cd "$src"
start=$(date +%s)
[ -f build/asan/CMakeCache.txt ] || cmake --preset asan >/dev/null
# gcc's ASan needs the libraries the targets link; listing the targets keeps the GUI and platform tests out.
targets=$(cmake --build build/asan --target help | sed -n 's/^\(\(unit\|journal\)_test_[a-z_0-9]*\|e2e_test_cli\|clockout\):.*/\1/p' | sort -u)
cmake --build build/asan --target $targets
echo "asan_suites: build $(( $(date +%s) - start )) s"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --preset asan -L 'unit|journal' -j 2 --timeout 600
ctest --preset asan -R '^e2e\.test_cli$' --timeout 600
echo "asan_suites: total $(( $(date +%s) - start )) s"
