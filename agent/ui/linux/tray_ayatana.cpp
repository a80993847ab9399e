// StatusNotifierItem through libayatana-appindicator3 (GNOME with the AppIndicator extension, KDE, most panels). The
// menu is persistent (exported over D-Bus), so it is rebuilt with fresh figures when the icon's state changes and
// when the agent hears input again; each icon is a file name of its own (the indicator caches by name).
#include "platform/tray_host.h"
#include "ui/tray_parts.h"
#include "ui/ui_paths.h"

#include <gtk/gtk.h>
#include <libayatana-appindicator/app-indicator.h>
#include <wx/menu.h>

namespace clockout::ui {

namespace {

class AyatanaTray final : public Tray {
  public:
    explicit AyatanaTray(TrayHooks hooks) : hooks_(std::move(hooks)) {
        indicator_ = app_indicator_new(CLOCKOUT_APP_ID, "tray-day", APP_INDICATOR_CATEGORY_APPLICATION_STATUS);
        app_indicator_set_icon_theme_path(indicator_, icons_dir().c_str());
        app_indicator_set_title(indicator_, "Clockout");
        app_indicator_set_status(indicator_, APP_INDICATOR_STATUS_ACTIVE);
        rebuild_menu();
    }
    ~AyatanaTray() override { g_object_unref(indicator_); }
    void set_state(app::TrayState state) override {
        app_indicator_set_icon_full(indicator_, icon_stem(state), "Clockout");
        rebuild_menu();
    }
    const char* name() const override { return "statusnotifier"; }

  private:
    void rebuild_menu() {
        auto menu = std::make_unique<wxMenu>();
        hooks_.fill_menu(*menu);
        app_indicator_set_menu(indicator_, GTK_MENU(menu->m_menu));
        menu_ = std::move(menu);  // the old menu goes after the indicator let go of it
    }
    TrayHooks hooks_;
    AppIndicator* indicator_ = nullptr;
    std::unique_ptr<wxMenu> menu_;
};

}  // namespace

std::unique_ptr<Tray> make_native_tray(TrayHooks hooks) {
    // The choice between trays is platform knowledge (D-Bus names, X selections): asked of platform/.
    if (!platform::probe_tray_host().status_notifier)
        return nullptr;
    return std::make_unique<AyatanaTray>(std::move(hooks));
}

}  // namespace clockout::ui
