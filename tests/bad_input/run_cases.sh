#!/usr/bin/env bash
# Runs the bad-input table (cases.tsv) against the clockout binary BIN. Each case gets a private HOME and XDG folders
# with a journal holding tests/data/sample-week.csv, runs its setup, then its command, and checks the exact exit status,
# a substring of the output (stdout and stderr) and that what was recorded before is still there: `clockout export`
# before and after are byte-identical (check "same"), or the case's own check snippet succeeds.
#   bash tests/bad_input/run_cases.sh build/dev/agent/clockout [NAME_FILTER]
# Cases that mount or chattr need root (they are skipped otherwise and counted as skipped).
set -u
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../support" && pwd)/test_trap.sh"
BIN=$(readlink -f "${1:?usage: run_cases.sh BIN [NAME_FILTER]}")
filter=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$here/../.." && pwd)
export BIN SRC
work=$(mktemp -d /tmp/clockout-bad-input.XXXXXX)
pass=0 failed=0 skipped=0
failures=()

cleanup_case() {  # undoes whatever a setup may have done, so the next case and the after-export start clean
    local t=$1
    for m in $(awk -v t="$t" '$2 ~ "^"t {print $2}' /proc/mounts | sort -r); do umount -l "$m" 2>/dev/null; done
    chattr -R -i "$t" 2>/dev/null
    chmod -R u+rwX "$t" 2>/dev/null
}

while IFS=$'\037' read -r category name setup command want_status want_message check; do
    [ -z "$category" ] || [ "${category:0:1}" = "#" ] || [ "$category" = "category" ] && continue
    [ -n "$filter" ] && [[ "$name" != *"$filter"* ]] && continue
    if [[ "$setup$command" == *"mount "* || "$setup$command" == *chattr* ]] && [ "$(id -u)" -ne 0 ]; then
        echo "SKIP  $category/$name (needs root)"; skipped=$((skipped + 1)); continue
    fi
    T="$work/$name"
    mkdir -p "$T/home" "$T/data/clockout" "$T/config/clockout" "$T/state" "$T/files"
    chmod 700 "$T/data/clockout"
    export T HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state"
    export XDG_CONFIG_DIRS="$T/etc" D="$T/data/clockout" C="$T/config/clockout" F="$T/files" LANG=C.UTF-8 LC_ALL=
    export J="$D/journal.sqlite" TZ=Europe/Paris
    # What is recorded before the case: the sample week, imported through the CLI.
    "$BIN" import "$SRC/tests/data/sample-week.csv" >/dev/null 2>&1 || { echo "FAIL  $category/$name: seeding"; failed=$((failed + 1)); continue; }
    "$BIN" export >"$T/before.csv" 2>"$T/before.err"
    # The case runs in its own shell: a lock holder it starts in the background dies with it.
    (
        cd "$F" || exit 99
        eval "$setup" || { echo "setup failed" >"$T/setup.err"; exit 98; }
        eval "$command" >"$T/out" 2>&1
        echo $? >"$T/status"
        kill $(jobs -p) 2>/dev/null
        wait 2>/dev/null
        exit 0
    )
    got_status=$(cat "$T/status" 2>/dev/null || echo "setup")
    out=$(cat "$T/out" 2>/dev/null)
    cleanup_case "$T"
    problem=""
    [ "$got_status" = "$want_status" ] || problem="exit status $got_status, expected $want_status"
    if [ -z "$problem" ] && [ -n "$want_message" ] && [[ "$out" != *"$want_message"* ]]; then
        problem="message lacks \"$want_message\""
    fi
    # A refusal is one line per problem, each "clockout: " then the file, the line when there is one, and the fix;
    # a settings file with many problems lists ten and a count (so at most 11 lines).
    if [ -z "$problem" ] && [ "$got_status" != 0 ]; then
        lines=$(printf '%s\n' "$out" | wc -l)
        stray=$(printf '%s\n' "$out" | grep -c -v '^clockout: ')
        [ "$lines" -le 11 ] || problem="the error takes $lines lines (at most 11: ten problems and a count)"
        [ "$stray" -eq 0 ] || problem="$stray line(s) of the error do not start with \"clockout: \" (a broken line?)"
    fi
    if [ -z "$problem" ]; then
        if [ "$check" = "same" ]; then
            "$BIN" export >"$T/after.csv" 2>"$T/after.err"
            cmp -s "$T/before.csv" "$T/after.csv" || problem="the journal changed: $(diff "$T/before.csv" "$T/after.csv" | head -c 300)"
        elif [ -n "$check" ]; then
            (cd "$F" && eval "$check") >"$T/check.out" 2>&1 || problem="check failed: $check: $(head -c 300 "$T/check.out")"
        fi
    fi
    if [ -z "$problem" ]; then
        pass=$((pass + 1)); echo "ok    $category/$name -> $got_status: $(echo "$out" | head -n 1 | cut -c1-150)"
    else
        failed=$((failed + 1)); failures+=("$category/$name")
        echo "FAIL  $category/$name: $problem"; echo "$out" | head -n 5 | sed 's/^/        | /'
    fi
done < <(tr '\t' '\037' <"$here/cases.tsv")  # a non-blank separator keeps empty fields

echo "bad_input: $((pass + failed + skipped)) cases, $pass passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ] && rm -rf "$work"
[ $failed -eq 0 ]
