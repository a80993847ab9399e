#!/usr/bin/env bash
# The printable page (`clockout report --month/--year --html`) in a real browser: Debian's Chromium, headless, renders
# the French month page and year page to PNG (not blank: many colours, real contrast) and prints them to PDF (A4, three
# pages each: the figures, week by week or month by month, the days), with the file's own references checked (nothing
# outside itself). SKIP (exit 77) with the reason only where Chromium cannot start. Screenshots land in $2.
# Usage: report_page.sh /path/to/clockout SCREENSHOT_DIR
set -euo pipefail
bin="$1"
shots="${2:-/tmp/clockout-report-page}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../support/test_trap.sh"
tmp="$(mktemp -d /tmp/clockout-report-page.XXXXXX)"
remove_tmp() { rm -rf "$tmp"; }
test_at_exit remove_tmp
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
mkdir -p "$shots"

command -v chromium >/dev/null || { echo "SKIP: chromium is not installed (Debian: chromium)"; exit 77; }
command -v pdfinfo >/dev/null || fail "pdfinfo is missing (Debian: poppler-utils)"
command -v convert >/dev/null || fail "convert is missing (Debian: imagemagick)"
# Nothing the browser starts may talk to the network: no proxy, no component updates, no metrics.
chrome() {
    HOME="$tmp/home" timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
        --disable-extensions --disable-background-networking --disable-component-update --disable-sync \
        --metrics-recording-only --no-proxy-server --user-data-dir="$tmp/profile" "$@" >>"$tmp/chromium.log" 2>&1
}
chrome --screenshot="$tmp/probe.png" --window-size=200,200 "data:text/html,<p>probe</p>" ||
    { echo "SKIP: chromium cannot start here: $(tail -n 1 "$tmp/chromium.log")"; exit 77; }

export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share" TZ=Europe/Paris
export LANG=fr_FR.UTF-8 LC_ALL=
"$bin" import "$here/../data/sample-week.csv" >/dev/null || fail "the sample week was not imported"
"$bin" report --month 2026-11 --html -o "$tmp/month.html" || fail "report --month --html failed"
"$bin" report --year 2026 --html -o "$tmp/year.html" || fail "report --year --html failed"

for page in month year; do
    file="$tmp/$page.html"
    # Self-contained: no address, no file, no script, no style sheet from elsewhere.
    if grep -Eqi 'https?:|src=|<script|url\(|@import|<link|href=' "$file"; then
        fail "$page: the page refers to something outside itself: $(grep -Eoi 'https?:[^"]*|src=[^ ]*|<script|url\([^)]*\)|@import|<link|href=[^ ]*' "$file" | head -3)"
    fi
    ok "$page: the page refers to nothing outside itself ($(wc -c <"$file") bytes)"
    chrome --screenshot="$tmp/$page.png" --window-size=900,2600 "file://$file" || fail "$page: no screenshot"
    colours="$(convert "$tmp/$page.png" -format '%k' info:)"
    spread="$(convert "$tmp/$page.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)"
    awk -v c="$colours" -v s="$spread" 'BEGIN {exit !(c >= 50 && s >= 0.05)}' ||
        fail "$page: the screenshot looks blank ($colours colours, grey spread $spread)"
    ok "$page: Chromium drew the page ($colours colours, grey spread $spread)"
    cp "$tmp/$page.png" "$shots/report-$page-fr.png"
    chrome --no-pdf-header-footer --print-to-pdf="$tmp/$page.pdf" "file://$file" || fail "$page: no PDF"
    pages="$(pdfinfo "$tmp/$page.pdf" | awk '/^Pages:/ {print $2}')"
    size="$(pdfinfo "$tmp/$page.pdf" | sed -n 's/^Page size: *//p')"
    [ "$pages" = 3 ] || fail "$page: the PDF has $pages pages, expected 3 (the figures, the weeks or months, the days)"
    grep -q "(A4)" <<<"$size" || fail "$page: the PDF's pages are not A4: $size"
    ok "$page: printed to PDF, $pages A4 pages ($size)"
    if command -v pdftoppm >/dev/null; then
        pdftoppm -png -r 70 -f 3 -l 3 "$tmp/$page.pdf" "$shots/report-$page-fr-pdf-page"
    fi
done
echo "report_page: ok (screenshots in $shots)"
