// The wx windows' translations: Clockout's French catalog from inside the program (compiled in by
// cmake/EmbedFile.cmake from fr.po), wx's own catalog (wxstd) from the system's locale folders as before.
#pragma once

#include <wx/arrstr.h>
#include <wx/translation.h>

namespace clockout::ui {

/// A loader for wxTranslations::SetLoader: "clockout" in French from the program's own bytes, anything else (wxstd)
/// from the files wxFileTranslationsLoader finds.
class EmbeddedCatalogLoader final : public wxFileTranslationsLoader {
  public:
    wxMsgCatalog* LoadCatalog(const wxString& domain, const wxString& lang) override;
    wxArrayString GetAvailableTranslations(const wxString& domain) const override;
};

}  // namespace clockout::ui
