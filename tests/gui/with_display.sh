#!/usr/bin/env bash
# Runs a test program that needs an X display (wx paints through GTK) on a private Xvfb.
# Usage: with_display.sh program [arguments]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../e2e/desktop_env.sh"
desktop_start --no-logind
"$@"
