// The user's language for everything Clockout prints: English source strings, French from assets/po/fr.po, which is
// compiled into the binary so no installed locale is needed.
#pragma once

#include <map>
#include <string>
#include <string_view>

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

/// Marks a string for translation where it is defined (tables); tr() translates it where it is shown.
constexpr const char* N_(const char* english) {
    return english;
}

/// msgid -> msgstr of a .po text (plain entries; msgctxt and plurals are not used by Clockout).
std::map<std::string, std::string> parse_po(std::string_view po_text);
/// The French catalog compiled into this binary.
const std::map<std::string, std::string>& french_catalog();

}  // namespace clockout::app
