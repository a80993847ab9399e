#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan) in their own build folder and runs each for SECONDS with
# the seed corpus in tests/fuzz/corpus/<target>/. Fails on any crash; the crashing input stays in the build folder.
#   bash tests/fuzz/run_fuzzers.sh 60                       # what CTest's fuzz.short does (per target)
#   bash tests/fuzz/run_fuzzers.sh 600 [BUILD_DIR] [TARGET]  # the 10-minute runs, by hand
set -u
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../support" && pwd)/test_trap.sh"
seconds=${1:?usage: run_fuzzers.sh SECONDS [BUILD_DIR] [TARGET...]}
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build=${2:-$source_dir/build-fuzz}
mkdir -p "$build" && build=$(cd "$build" && pwd)
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_settings fuzz_import fuzz_time_ranges)

for tool in clang-14 clang++-14; do
    command -v "$tool" >/dev/null || { echo "run_fuzzers: $tool is missing (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
done
start=$(date +%s)
if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=clang-14 CXX=clang++-14 cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCLOCKOUT_FUZZ=ON -DCLOCKOUT_BUILD_TESTS=OFF >"$build/fuzz-configure.log" 2>&1 \
        || { cat "$build/fuzz-configure.log" >&2; exit 2; }
fi
cmake --build "$build" --target "${targets[@]}" >"$build/fuzz-build.log" 2>&1 || { tail -n 60 "$build/fuzz-build.log" >&2; exit 2; }
echo "run_fuzzers: clang build ready in $(( $(date +%s) - start )) s"

# The targets run side by side (each for SECONDS of wall time), so CI's 60 s per target costs a minute in all.
pids=()
for t in "${targets[@]}"; do
    work="$build/runs/$t"
    rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
    # New inputs go to a scratch corpus: the seed corpus in the tree is only read.
    (cd "$work" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" "$here/corpus/$t" >"$work/log" 2>&1) &
    pids+=($!)
done
status=0
for i in "${!targets[@]}"; do
    t=${targets[$i]}
    work="$build/runs/$t"
    wait "${pids[$i]}"
    rc=$?
    execs=$(grep -E '^stat::number_of_executed_units' "$work/log" | awk '{print $2}')
    cov=$(grep -E '#[0-9]+.*cov:' "$work/log" | tail -n 1 | sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+).*/cov \1 ft \2/')
    crash=$(ls "$work/artifacts" 2>/dev/null | head -n 1)
    if [ $rc -ne 0 ] || [ -n "$crash" ]; then
        echo "run_fuzzers: $t FAILED (exit $rc) after ${execs:-?} executions; log $work/log"
        # Enough to reproduce and mend it from the CI log alone: the input (escaped) and the frames in our code.
        if [ -n "$crash" ]; then
            echo "run_fuzzers: crashing input kept at $work/artifacts/$crash; the input, escaped:"
            head -c 600 "$work/artifacts/$crash" | od -An -c | head -n 20
        fi
        grep -E 'ERROR|SUMMARY|runtime error|deadly signal|terminate called|what\(\)' "$work/log" | head -n 5
        grep -E '^ +#[0-9]+ .* in ' "$work/log" | grep -E 'clockout|LLVMFuzzerTestOneInput|/agent/' | head -n 12
        status=1
    else
        echo "run_fuzzers: $t ok: ${execs:-?} executions in ${seconds} s, ${cov:-no coverage line}"
    fi
done
echo "run_fuzzers: total $(( $(date +%s) - start )) s"
exit $status
