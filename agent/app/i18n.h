// The user's language for everything Clockout prints: English source strings, French from assets/po/fr.po, which is
// compiled into the binary so no installed locale is needed.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace clockout::app {

enum class Language { en, fr };

/// "fr" / "en" as set in [ui] language, or "auto": LANGUAGE, LC_ALL, LC_MESSAGES, then LANG, as gettext reads them.
Language choose_language(std::string_view setting);
void set_language(Language language);
Language current_language();

/// The translation of an English source string in the current language (the source itself when none).
std::string tr(std::string_view english);

/// tr() then fmt-style "{}" substitution: trf("Week total: {}", total).
template <typename... Args>
std::string trf(std::string_view english, const Args&... args) {
    return fmt::format(fmt::runtime(tr(english)), args...);
}

/// Which plural form a count takes, as gettext's Plural-Forms say: English "nplurals=2; plural=(n != 1)" (0 intervals,
/// 1 interval, 2 intervals), French "nplurals=2; plural=(n > 1)" (0 intervalle, 1 intervalle, 2 intervalles).
int plural_index(Language language, std::int64_t n);

/// ngettext: the form of `english` (singular) / `english_plural` that count `n` takes in the current language.
std::string ntr(std::string_view english, std::string_view english_plural, std::int64_t n);

/// ntr() then fmt-style substitution; `n` picks the form and is not substituted by itself (pass it in `args`).
template <typename... Args>
std::string ntrf(std::string_view english, std::string_view english_plural, std::int64_t n, const Args&... args) {
    return fmt::format(fmt::runtime(ntr(english, english_plural, n)), args...);
}

/// Marks a string for translation where it is defined (tables); tr() translates it where it is shown.
constexpr const char* N_(const char* english) {
    return english;
}

/// The entries of a .po text: plain ones (msgid -> msgstr) and plural ones (msgid -> msgstr[0], msgstr[1], ...);
/// msgctxt is not used by Clockout.
struct PoCatalog {
    std::map<std::string, std::string> singular;
    std::map<std::string, std::vector<std::string>> plural;
};
PoCatalog parse_po_catalog(std::string_view po_text);
/// msgid -> msgstr of a .po text's plain entries.
std::map<std::string, std::string> parse_po(std::string_view po_text);
/// The French catalog compiled into this binary.
const std::map<std::string, std::string>& french_catalog();
const PoCatalog& french_po();

}  // namespace clockout::app
