#include "app/i18n.h"

#include <cstdlib>

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
    return Language::en;
}

void set_language(Language language) {
    g_language = language;
}
Language current_language() {
    return g_language;
}

std::map<std::string, std::string> parse_po(std::string_view text) {
    std::map<std::string, std::string> catalog;
    std::string id, str, *target = nullptr;
    bool fuzzy = false;
    auto flush = [&] {
        if (!id.empty() && !str.empty() && !fuzzy)
            catalog[id] = str;
        id.clear();
        str.clear();
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

const std::map<std::string, std::string>& french_catalog() {
    static const std::map<std::string, std::string> catalog = parse_po(kFrenchCatalog);
    return catalog;
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
