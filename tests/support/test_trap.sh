# Sourced by every shell test (directly, or through tests/e2e/desktop_env.sh) right after its `set` line, so that a
# failure always says which check it was; no test may end with CTest's "Failed" and no reason (issue 10).
#  - Under `set -e`, an ERR trap names the command that failed: file, line, function, command and exit status, then
#    runs the script's test_failure_dump if it defines one (the desktop tests print the agent's output and log).
#    `set -E` carries the trap into functions, command substitutions and subshells, where `set -e` used to end a
#    script with no word.
#  - Whatever the `set` line, an EXIT trap runs the clean-ups registered with test_at_exit, and a script that ends
#    with a non-zero status without having printed a FAIL line (test_fail) says so with its status. Status 77 is a
#    SKIP (CTest's SKIP_RETURN_CODE), which the script has explained with its "SKIP: ..." line: not a failure.
# Usage: set -euo pipefail; source tests/support/test_trap.sh; ...; test_at_exit my_cleanup; test_fail "what failed"
[ -n "${test_trap_loaded:-}" ] && return 0
test_trap_loaded=1
test_failure_said=0
test_exit_hooks=()

# Registers a function to run when the script exits, however it exits (the last registered runs first).
test_at_exit() { test_exit_hooks=("$1" "${test_exit_hooks[@]}"); }

# Prints "FAIL: ..." on stderr; the caller exits.
test_fail() {
    test_failure_said=1
    echo "FAIL: $*" >&2
}

test_on_err() {
    local status="$1" line="$2" command="$3" file="$4" function="$5"
    [ "$function" = main ] && function="" || function=" in $function()"
    test_failure_said=1
    echo "FAIL: ${file##*/} line ${line}${function}: \`${command}\` exited with status ${status}" >&2
    if declare -F test_failure_dump >/dev/null && [ -z "${test_dumping:-}" ]; then
        test_dumping=1
        test_failure_dump || true
    fi
}

test_on_exit() {
    local status="$1" hook
    trap - ERR
    set +e
    if [ "$status" -ne 0 ] && [ "$status" -ne 77 ] && [ "$test_failure_said" = 0 ]; then
        echo "FAIL: ${0##*/} exited with status $status (the lines above are the last it printed)" >&2
    fi
    for hook in "${test_exit_hooks[@]}"; do "$hook"; done
    exit "$status"
}

if [[ $- == *e* ]]; then
    set -E
    trap 'test_on_err "$?" "$LINENO" "$BASH_COMMAND" "${BASH_SOURCE[0]:-$0}" "${FUNCNAME[0]:-main}"' ERR
fi
trap 'test_on_exit "$?"' EXIT
