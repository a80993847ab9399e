#!/usr/bin/env bash
# Fails when a user-visible string of the agent has no French translation in assets/po/fr.po.
# Strings are what tr(), trf() and N_() mark in agent/ (and _() in the wx UI); plural ones are what ntr() and ntrf()
# mark (and wxPLURAL() in the wx UI): their msgid_plural entries need every msgstr[N] of fr.po's Plural-Forms.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../support" && pwd)/test_trap.sh"
root="$1"
pot="$(mktemp --suffix=.pot)"
remove_pot() { rm -f "$pot"; }
test_at_exit remove_pot
mapfile -t sources < <(find "$root/agent" -name '*.cpp' | sort)
xgettext --keyword=tr --keyword=trf --keyword=N_ --keyword=_ --keyword=ntr:1,2 --keyword=ntrf:1,2 \
    --keyword=wxPLURAL:1,2 --language=C++ --from-code=UTF-8 --no-location \
    --omit-header -o "$pot" "${sources[@]}"
msgfmt --check -o /dev/null "$root/assets/po/fr.po"
# Without --use-untranslated, an empty msgstr counts as missing; fuzzy entries count as missing too.
if ! msgcmp "$root/assets/po/fr.po" "$pot"; then
    echo "check_translations: some strings above have no French translation; fix: add them to assets/po/fr.po" >&2
    exit 1
fi
# msgcmp takes an entry with an empty msgstr[1] as translated: every plural form must be filled in.
if msgattrib --untranslated --no-obsolete "$root/assets/po/fr.po" | grep -q '^msgid_plural'; then
    echo "check_translations: a plural entry of assets/po/fr.po lacks a form:" >&2
    msgattrib --untranslated --no-obsolete "$root/assets/po/fr.po" | grep -A3 '^msgid ' >&2
    echo "fix: fill in every msgstr[N] of it" >&2
    exit 1
fi
echo "every user-visible string has a French translation ($(grep -c '^msgid' "$pot") strings)"
