#include "ui/catalog.h"

#include <cstddef>

extern const unsigned char clockout_catalog_mo_fr[];
extern const std::size_t clockout_catalog_mo_fr_size;

namespace clockout::ui {

namespace {

constexpr const char* domain_name = "clockout";

bool is_french(const wxString& lang) {
    return lang == "fr" || lang.StartsWith("fr_");
}

}  // namespace

wxMsgCatalog* EmbeddedCatalogLoader::LoadCatalog(const wxString& domain, const wxString& lang) {
    if (domain != domain_name)
        return wxFileTranslationsLoader::LoadCatalog(domain, lang);
    if (!is_french(lang))
        return nullptr;  // English is the source language: nothing to load
    // The bytes live as long as the program: wx reads them where they are.
    const auto data = wxScopedCharBuffer::CreateNonOwned(reinterpret_cast<const char*>(clockout_catalog_mo_fr),
                                                         clockout_catalog_mo_fr_size);
    return wxMsgCatalog::CreateFromData(data, domain);
}

wxArrayString EmbeddedCatalogLoader::GetAvailableTranslations(const wxString& domain) const {
    if (domain != domain_name)
        return wxFileTranslationsLoader::GetAvailableTranslations(domain);
    wxArrayString languages;
    languages.Add("fr");
    return languages;
}

}  // namespace clockout::ui
