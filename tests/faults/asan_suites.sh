#!/usr/bin/env bash
# The test suite under ASan + UBSan: a second build (cmake --preset asan, build/asan) of the test programs and of
# clockout itself (tray agent included), then ctest on it. Left out, with why: fuzz (already built with clang's
# sanitizers), windows (a mingw cross build), package and bench (a .deb and timings, which a sanitized build does
# not mean anything for), long, faults.kill_runs (SIGKILL leaves nothing for ASan to report) and this test itself.
# Our code starts no thread of its own (GLib's are the only ones), so TSan is not run: see docs/reliability.md.
#   bash tests/faults/asan_suites.sh [SOURCE_DIR]
set -eu
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../support" && pwd)/test_trap.sh"
src=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
cd "$src"
start=$(date +%s)
[ -f build/asan/CMakeCache.txt ] || cmake --preset asan >/dev/null
targets=$(cmake --build build/asan --target help | sed -n 's/^\(\(unit\|journal\|e2e\|platform\|gui\|i18n\)_test_[a-z_0-9]*\|clockout\|clockout_fake_input\):.*/\1/p' | sort -u)
cmake --build build/asan --target $targets
echo "asan_suites: build $(( $(date +%s) - start )) s"
# verify_asan_link_order=0: the time-fault and GUI tests preload libfaketime ahead of libasan.
# Leaks are checked in our test programs and the CLI (tests/faults/lsan-suppressions.txt names the library caches
# left out); in the desktop tests the agent runs GTK, GLib and D-Bus, whose
# process-lifetime caches LeakSanitizer reports as leaks at exit, so there leak checking is off (memory errors and
# undefined behaviour still abort the agent and fail the test).
common=abort_on_error=1:strict_string_checks=1:verify_asan_link_order=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 LSAN_OPTIONS=suppressions=$src/tests/faults/lsan-suppressions.txt
ASAN_OPTIONS=detect_leaks=1:$common ctest --preset asan -L 'unit|journal|platform' -R '_test_|test_' -j 2 --timeout 600
ASAN_OPTIONS=detect_leaks=1:$common ctest --preset asan -R '^(e2e\.test_|gui\.test_|bad_input\.|i18n\.)' -j 2 --timeout 600
ASAN_OPTIONS=detect_leaks=0:$common ctest --preset asan -L desktop -E 'kill_runs|bench\.|long|\.future' -j 2 --timeout 900
echo "asan_suites: total $(( $(date +%s) - start )) s"
