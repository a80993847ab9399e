#!/usr/bin/env bash
# Fails when a user-visible string of the agent has no French translation in assets/po/fr.po.
# Strings are what tr(), trf() and N_() mark in agent/ (and _() in the wx UI).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../support" && pwd)/test_trap.sh"
root="$1"
pot="$(mktemp --suffix=.pot)"
remove_pot() { rm -f "$pot"; }
test_at_exit remove_pot
mapfile -t sources < <(find "$root/agent" -name '*.cpp' | sort)
xgettext --keyword=tr --keyword=trf --keyword=N_ --keyword=_ --language=C++ --from-code=UTF-8 --no-location \
    --omit-header -o "$pot" "${sources[@]}"
msgfmt --check -o /dev/null "$root/assets/po/fr.po"
# Without --use-untranslated, an empty msgstr counts as missing; fuzzy entries count as missing too.
if ! msgcmp "$root/assets/po/fr.po" "$pot"; then
    echo "check_translations: some strings above have no French translation; fix: add them to assets/po/fr.po" >&2
    exit 1
fi
echo "every user-visible string has a French translation ($(grep -c '^msgid' "$pot") strings)"
