# Sourced by the tests that fake the agent's clock (libfaketime): their calendar, written in 2026, can be moved by
# CLOCKOUT_TEST_YEARS years (-1, +5, ...), in whole weeks so that every weekday stays the same weekday. A faked clock
# must work whether its date lies in the past or the future of the machine's (issue 10): run a suite both ways with
#   CLOCKOUT_TEST_YEARS=-2 ctest --preset dev -L faketime      and      CLOCKOUT_TEST_YEARS=+5 ctest ...
# The tests' dates sit in November and December, away from both DST changes and from public holidays, and a shift of
# whole weeks keeps them there for decades either way.
fake_years="${CLOCKOUT_TEST_YEARS:-0}"
[[ "$fake_years" =~ ^[+-]?[0-9]+$ ]] || {
    echo "FAIL: CLOCKOUT_TEST_YEARS='$fake_years' is not a whole number of years; fix: e.g. CLOCKOUT_TEST_YEARS=-2" >&2
    exit 2
}
if [ "${fake_years:0:1}" = "-" ]; then fake_years=$((-10#${fake_years#-})); else fake_years=$((10#${fake_years#+})); fi
# Whole weeks nearest to that many years (365.2425 days), so the calendar date moves by three days at most.
fake_weeks=$(((fake_years * 3652425 + (fake_years < 0 ? -35000 : 35000)) / 70000))

# The test's day $1 (YYYY-MM-DD, as written in 2026), moved.
fake_day() { date -u -d "$1 $fake_weeks weeks" +%F; }

# Copies stdin to stdout with every YYYY-MM-DD moved (CSV rows, log patterns, expected values).
fake_text() {
    python3 -c '
import re, sys, datetime
weeks = int(sys.argv[1])
def move(m):
    d = datetime.date.fromisoformat(m.group(0)) + datetime.timedelta(weeks=weeks)
    return d.isoformat()
sys.stdout.write(re.sub(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)", move, sys.stdin.read()))' "$fake_weeks"
}

# The day of Europe/Paris's DST change in month $1 (3 or 10) of the moved year: the last Sunday of the month.
fake_dst_day() {
    local year=$((2026 + fake_years)) day
    for day in 31 30 29 28 27 26 25; do
        [ "$(date -u -d "$year-$(printf %02d "$1")-$day" +%u 2>/dev/null)" = 7 ] && { echo "$year-$(printf %02d "$1")-$day"; return 0; }
    done
    return 1
}

[ "$fake_weeks" = 0 ] || echo "fake dates: moved by $fake_years years ($fake_weeks weeks): 2026-11-30 is $(fake_day 2026-11-30)"
