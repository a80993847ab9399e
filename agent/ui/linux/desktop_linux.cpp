// Linux-only pieces of the tray agent: the display check and libnotify's first-notification quirk.
#include "ui/tray_parts.h"

#include <dlfcn.h>
#include <cstdlib>

#include <glib.h>
#include <spdlog/spdlog.h>

#include "platform/process.h"

namespace clockout::ui {

bool has_display() {
    return platform::has_display();
}

void prepare_toolkit() {
    // GDK probes GLX visuals at start-up, which maps Mesa and, with a software renderer, LLVM: about 44 MB of RSS
    // for an agent that never draws with OpenGL. A user's own GDK_GL setting is kept.
    setenv("GDK_GL", "disable", 0);
}

// libnotify names the image hint after the server's spec version ("image-data" from 1.2), which it learns only when it
// first talks to the server; wx sets the image before that, so the first notifications carried the old "icon_data"
// hint, which servers rank below the icon name: the theme's warning triangle showed instead of Clockout's calm icon.
// Asking the server for its information once, early, settles the version. libnotify comes with wx (no header here).
void prepare_notifications(const wxString& app_name) {
    using Init = int (*)(const char*);
    using Info = int (*)(char**, char**, char**, char**);
    auto init = reinterpret_cast<Init>(dlsym(RTLD_DEFAULT, "notify_init"));
    auto info = reinterpret_cast<Info>(dlsym(RTLD_DEFAULT, "notify_get_server_info"));
    if (init == nullptr || info == nullptr || init(app_name.utf8_str()) == 0)
        return;
    char* fields[4] = {nullptr, nullptr, nullptr, nullptr};
    if (info(&fields[0], &fields[1], &fields[2], &fields[3]) != 0)
        spdlog::info("notification server: {} {} (spec {})", fields[0] ? fields[0] : "?", fields[2] ? fields[2] : "?",
                     fields[3] ? fields[3] : "?");
    for (char* field : fields)
        g_free(field);
}

}  // namespace clockout::ui
