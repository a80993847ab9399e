#!/usr/bin/env bash
# Fails when a user-visible string of the agent has no French translation in assets/po/fr.po.
# Strings are what tr(), trf() and N_() mark in agent/ (and _() in the wx UI); plural ones are what ntr(), ntrf() and
# NP_() mark (and wxPLURAL() in the wx UI): their msgid_plural entries need every msgstr[N] of fr.po's Plural-Forms.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../support" && pwd)/test_trap.sh"
root="$1"
pot="$(mktemp --suffix=.pot)"
remove_pot() { rm -f "$pot"; }
test_at_exit remove_pot
mapfile -t sources < <(find "$root/agent" -name '*.cpp' | sort)
xgettext --keyword=tr --keyword=trf --keyword=N_ --keyword=_ --keyword=ntr:1,2 --keyword=ntrf:1,2 --keyword=NP_:1,2 \
    --keyword=wxPLURAL:1,2 --language=C++ --from-code=UTF-8 --no-location \
    --omit-header -o "$pot" "${sources[@]}"
msgfmt --check -o /dev/null "$root/assets/po/fr.po"
# Without --use-untranslated, an empty msgstr counts as missing; fuzzy entries count as missing too.
if ! msgcmp "$root/assets/po/fr.po" "$pot"; then
    echo "check_translations: some strings above have no French translation; fix: add them to assets/po/fr.po" >&2
    exit 1
fi
# msgcmp and msgattrib take a plural entry as translated when msgstr[0] is: every msgstr[N] must be filled in.
empty_forms=$(awk '/^msgid / {id = $0} pending && !/^"/ {print FILENAME ":" pending_line ": " id; pending = 0}
    pending && /^"/ {pending = 0} /^msgstr\[[0-9]+\] ""$/ {pending = 1; pending_line = FNR}
    END {if (pending) print FILENAME ":" pending_line ": " id}' "$root/assets/po/fr.po")
if [ -n "$empty_forms" ]; then
    echo "$empty_forms" >&2
    echo "check_translations: a plural form above is empty; fix: fill in every msgstr[N] of that entry" >&2
    exit 1
fi
echo "every user-visible string has a French translation ($(grep -c '^msgid' "$pot") strings)"
