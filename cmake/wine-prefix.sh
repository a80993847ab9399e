#!/usr/bin/env bash
# The CTest fixture of a cross build: creates or updates the tests' wine prefix ($WINEPREFIX, set by CTest) and gives
# it wine's null display driver, so hidden windows exist without an X server (and none pops up on a desktop).
set -euo pipefail
wineboot --init
wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f >/dev/null
