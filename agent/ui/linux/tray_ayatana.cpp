// StatusNotifierItem through libayatana-appindicator3 (GNOME with the AppIndicator extension, KDE, most panels). The
// menu is persistent (exported over D-Bus), so it is rebuilt with fresh figures when the icon's state changes; and
// when the panel opens it (com.canonical.dbusmenu AboutToShow, the root item's "about-to-show"), the figures are
// computed again and put in place before the panel reads the layout, as the XEmbed tray does on each opening. Each
// icon is a file name of its own (the indicator caches by name).
#include "platform/tray_host.h"
#include "ui/tray_parts.h"
#include "ui/ui_paths.h"

#include <gtk/gtk.h>
#include <libayatana-appindicator/app-indicator.h>
#include <libdbusmenu-glib/menuitem.h>
#include <libdbusmenu-glib/server.h>
#include <wx/menu.h>

#include <vector>

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
    ~AyatanaTray() override {
        if (rebuild_source_ != 0)
            g_source_remove(rebuild_source_);
        watch_root(nullptr);
        g_object_unref(indicator_);
    }
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
        // set_menu gives the exported menu a new root item: the opening is watched on that one.
        DbusmenuServer* server = nullptr;
        g_object_get(indicator_, "dbus-menu-server", &server, nullptr);
        DbusmenuMenuitem* root = nullptr;
        if (server) {
            g_object_get(server, DBUSMENU_SERVER_PROP_ROOT_NODE, &root, nullptr);
            g_object_unref(server);
        }
        watch_root(root);
        if (root)
            g_object_unref(root);
    }

    void watch_root(DbusmenuMenuitem* root) {
        if (root_ == root)
            return;
        if (root_) {
            g_signal_handler_disconnect(root_, about_to_show_handler_);
            g_object_unref(root_);
        }
        root_ = root ? DBUSMENU_MENUITEM(g_object_ref(root)) : nullptr;
        about_to_show_handler_ =
            root_ ? g_signal_connect(root_, DBUSMENU_MENUITEM_SIGNAL_ABOUT_TO_SHOW, G_CALLBACK(&about_to_show), this)
                  : 0;
    }

    // The panel is opening the menu: the figures (the disabled lines at its top) are computed now. Their labels are
    // set in place, which dbusmenu-gtk exports at once, so the layout the panel asks for next is current; when the
    // number of lines changed (a settings problem appeared or went), the whole menu is rebuilt just after, and the
    // panel hears LayoutUpdated. Not rebuilt here: that would destroy the root item that is emitting this signal.
    static gboolean about_to_show(DbusmenuMenuitem*, gpointer self_ptr) {
        auto* self = static_cast<AyatanaTray*>(self_ptr);
        wxMenu fresh;
        self->hooks_.fill_menu(fresh);
        const auto now = info_items(fresh), shown = info_items(*self->menu_);
        if (now.size() == shown.size()) {
            for (std::size_t i = 0; i < now.size(); ++i)
                if (shown[i]->GetItemLabel() != now[i]->GetItemLabel())
                    shown[i]->SetItemLabel(now[i]->GetItemLabel());
        } else if (self->rebuild_source_ == 0) {
            self->rebuild_source_ = g_idle_add(
                [](gpointer p) -> gboolean {
                    auto* tray = static_cast<AyatanaTray*>(p);
                    tray->rebuild_source_ = 0;
                    tray->rebuild_menu();
                    return G_SOURCE_REMOVE;
                },
                self);
        }
        return FALSE;  // no layout change to wait for: the labels are already set
    }

    // The figures: the disabled lines before the first separator (ui/tray_menu.cpp).
    static std::vector<wxMenuItem*> info_items(wxMenu& menu) {
        std::vector<wxMenuItem*> out;
        for (wxMenuItem* item : menu.GetMenuItems()) {
            if (item->GetId() != id_info)
                break;
            out.push_back(item);
        }
        return out;
    }

    TrayHooks hooks_;
    AppIndicator* indicator_ = nullptr;
    std::unique_ptr<wxMenu> menu_;
    DbusmenuMenuitem* root_ = nullptr;
    gulong about_to_show_handler_ = 0;
    guint rebuild_source_ = 0;
};

}  // namespace

std::unique_ptr<Tray> make_native_tray(TrayHooks hooks) {
    // The choice between trays is platform knowledge (D-Bus names, X selections): asked of platform/.
    if (!platform::probe_tray_host().status_notifier)
        return nullptr;
    return std::make_unique<AyatanaTray>(std::move(hooks));
}

}  // namespace clockout::ui
