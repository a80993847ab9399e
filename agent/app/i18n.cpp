#include "app/i18n.h"

#include <algorithm>
#include <cstdlib>

#include "platform/terminal.h"

namespace clockout::app {

extern const std::string_view kFrenchCatalog;

namespace {

Language g_language = Language::en;

bool starts_with_fr(const char* value) {
    return value && value[0] == 'f' && value[1] == 'r';
}

// Reads one "..." token with C escapes starting at text[pos] == '"'; advances pos past the closing quote.
std::string read_quoted(std::string_view text, std::size_t& pos) {
    std::string out;
    ++pos;
    while (pos < text.size() && text[pos] != '"') {
        char c = text[pos++];
        if (c == '\\' && pos < text.size()) {
            char e = text[pos++];
            switch (e) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                default:
                    out += e;
                    break;
            }
        } else {
            out += c;
        }
    }
    ++pos;
    return out;
}

}  // namespace

Language choose_language(std::string_view setting) {
    if (setting == "fr")
        return Language::fr;
    if (setting == "en")
        return Language::en;
    // gettext's order: LANGUAGE (a list, first wins) only when a locale is set at all, then LC_ALL, LC_MESSAGES, LANG.
    for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value)
            return starts_with_fr(value) ? Language::fr : Language::en;
    }
    // None set: Windows keeps the language in the user's settings, not in the environment.
    const std::string system = platform::system_ui_language();
    return starts_with_fr(system.c_str()) ? Language::fr : Language::en;
}

void set_language(Language language) {
    g_language = language;
}
Language current_language() {
    return g_language;
}

PoCatalog parse_po_catalog(std::string_view text) {
    PoCatalog catalog;
    std::string id, id_plural, str;
    std::vector<std::string> forms;  // msgstr[0], msgstr[1], ... of a plural entry
    std::string* target = nullptr;
    bool fuzzy = false;
    auto flush = [&] {
        if (!id.empty() && !fuzzy) {
            if (!id_plural.empty()) {
                // Every form must be there: a half-translated plural would show English for some counts.
                const bool complete = !forms.empty() && std::none_of(forms.begin(), forms.end(),
                                                                     [](const std::string& f) { return f.empty(); });
                if (complete)
                    catalog.plural[id] = forms;
            } else if (!str.empty()) {
                catalog.singular[id] = str;
            }
        }
        id.clear();
        id_plural.clear();
        str.clear();
        forms.clear();
        target = nullptr;
        fuzzy = false;
    };
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        if (line.rfind("#,", 0) == 0 && line.find("fuzzy") != std::string_view::npos) {
            if (target)
                flush();
            fuzzy = true;
        } else if (line.rfind("msgid ", 0) == 0) {
            if (target)
                flush();
            std::size_t q = 6;
            id = read_quoted(line, q);
            target = &id;
        } else if (line.rfind("msgid_plural ", 0) == 0) {
            std::size_t q = 13;
            id_plural = read_quoted(line, q);
            target = &id_plural;
        } else if (line.rfind("msgstr[", 0) == 0) {
            // msgstr[N] "..."
            const std::size_t close = line.find(']');
            const std::size_t q0 = line.find('"');
            if (close != std::string_view::npos && q0 != std::string_view::npos) {
                const auto index = static_cast<std::size_t>(std::atoi(std::string(line.substr(7, close - 7)).c_str()));
                if (forms.size() <= index)
                    forms.resize(index + 1);
                std::size_t q = q0;
                forms[index] = read_quoted(line, q);
                target = &forms[index];
            }
        } else if (line.rfind("msgstr ", 0) == 0) {
            std::size_t q = 7;
            str = read_quoted(line, q);
            target = &str;
        } else if (!line.empty() && line.front() == '"' && target) {
            std::size_t q = 0;
            *target += read_quoted(line, q);
        } else if (line.empty() && target) {
            flush();
        }
        pos = eol + 1;
    }
    if (target)
        flush();
    return catalog;
}

std::map<std::string, std::string> parse_po(std::string_view text) {
    return parse_po_catalog(text).singular;
}

const PoCatalog& french_po() {
    static const PoCatalog catalog = parse_po_catalog(kFrenchCatalog);
    return catalog;
}

const std::map<std::string, std::string>& french_catalog() {
    return french_po().singular;
}

int plural_index(Language language, std::int64_t n) {
    return language == Language::fr ? (n > 1 ? 1 : 0) : (n != 1 ? 1 : 0);
}

std::string ntr(std::string_view english, std::string_view english_plural, std::int64_t n) {
    const int index = plural_index(g_language, n);
    if (g_language == Language::fr) {
        const auto& plural = french_po().plural;
        if (auto it = plural.find(std::string(english));
            it != plural.end() && static_cast<std::size_t>(index) < it->second.size())
            return it->second[static_cast<std::size_t>(index)];
    }
    // No translation: the English forms, by the English rule (as ngettext falls back).
    return std::string(plural_index(Language::en, n) == 0 ? english : english_plural);
}

std::string tr(std::string_view english) {
    if (g_language == Language::fr) {
        const auto& catalog = french_catalog();
        if (auto it = catalog.find(std::string(english)); it != catalog.end())
            return it->second;
    }
    return std::string(english);
}

}  // namespace clockout::app
