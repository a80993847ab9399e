#!/usr/bin/env bash
# No OS, GTK or ayatana header in agent/ outside agent/ui/linux/ (issue 11; DESIGN.md section 1: "nothing
# OS-specific anywhere else" than platform/). OS headers are included with <>; the project's own ("ui/windows.h")
# with quotes, so only angle includes are looked at.
#   check_os_headers.sh ROOT ALLOW_LIST     fails (1) naming each file:line that includes one
#   check_os_headers.sh --self-test         plants a violation in a scratch tree and checks that it is caught
set -u

pattern='^[[:space:]]*#[[:space:]]*(include|import)[[:space:]]*<(unistd\.h|fcntl\.h|pwd\.h|poll\.h|termios\.h|spawn\.h|dlfcn\.h|sys/[^>]*|windows\.h|winsock2?\.h|shlobj\.h|shellapi\.h|wtsapi32\.h|gtk/[^>]*|gdk/[^>]*|gio/[^>]*|glib[^>]*|libayatana[^>]*|libnotify/[^>]*|dbus/[^>]*|X11/[^>]*|wayland-[^>]*|mach-o/[^>]*|CoreFoundation/[^>]*|CoreGraphics/[^>]*|AppKit/[^>]*|Cocoa/[^>]*|Foundation/[^>]*)>'

if [ "${1:-}" = "--self-test" ]; then
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    mkdir -p "$scratch/agent/cli" "$scratch/agent/ui/linux"
    printf '#include "ui/windows.h"\n#include <vector>\n' >"$scratch/agent/cli/clean.cpp"
    printf '#include <gtk/gtk.h>\n' >"$scratch/agent/ui/linux/tray_gtk.cpp"
    printf '#include <string>\n  #  include <sys/stat.h>\n' >"$scratch/agent/cli/bad.cpp"
    printf '# comment\nagent/cli/clean.cpp\n' >"$scratch/allowed.txt"
    out=$(bash "$0" "$scratch" "$scratch/allowed.txt" 2>&1)
    status=$?
    fail=0
    [ $status -eq 1 ] || { echo "FAIL self-test: a planted <sys/stat.h> gave exit $status, not 1"; fail=1; }
    grep -q 'agent/cli/bad.cpp:2: <sys/stat.h>' <<<"$out" ||
        { echo "FAIL self-test: the violation agent/cli/bad.cpp:2 was not named: $out"; fail=1; }
    grep -q 'tray_gtk' <<<"$out" && { echo "FAIL self-test: agent/ui/linux/ was reported: $out"; fail=1; }
    # agent/cli/clean.cpp has no OS header: its allow-list line is stale and must be reported.
    grep -q 'agent/cli/clean.cpp is in the allow-list but includes no OS header' <<<"$out" ||
        { echo "FAIL self-test: the stale allow-list line was not reported: $out"; fail=1; }
    [ $fail -eq 0 ] && echo "ok: self-test (a planted violation and a stale allow-list line are caught)"
    exit $fail
fi

root=${1:?usage: check_os_headers.sh ROOT ALLOW_LIST}
allow=${2:?usage: check_os_headers.sh ROOT ALLOW_LIST}
allowed=$(grep -v '^[[:space:]]*#' "$allow" | sed '/^[[:space:]]*$/d')

cd "$root" || exit 2
status=0
hits=$(grep -rnE --include='*.cpp' --include='*.h' --include='*.hpp' --include='*.mm' "$pattern" agent | grep -v '^agent/ui/linux/')
while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    header=$(sed -E 's/.*<([^>]*)>.*/\1/' <<<"$rest")
    if grep -qxF "$file" <<<"$allowed"; then
        continue
    fi
    echo "FAIL os_headers: $file:$line: <$header> outside platform/ and agent/ui/linux/; fix: ask platform/include for it"
    status=1
done <<<"$hits"
while IFS= read -r file; do
    [ -n "$file" ] || continue
    if ! grep -q "^$file:" <<<"$hits"; then
        echo "FAIL os_headers: $file is in the allow-list but includes no OS header; fix: remove its line from $allow"
        status=1
    fi
done <<<"$allowed"
[ $status -eq 0 ] && echo "ok: no OS, GTK or ayatana header in agent/ outside agent/ui/linux/ ($(grep -c . <<<"$allowed") file(s) allowed for now)"
exit $status
