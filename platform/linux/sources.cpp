// The order in which the Linux idle backends are tried; the agent keeps the first that starts.
#include <cstdlib>

#include "idle_sources.h"

namespace clockout::platform {

namespace {

bool env_set(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0';
}

}  // namespace

std::vector<std::unique_ptr<ActivitySource>> make_idle_sources() {
    std::vector<std::unique_ptr<ActivitySource>> sources;
    // GNOME first everywhere: Mutter offers neither Wayland idle protocol, and on X11 its watches see what XSync sees.
    sources.push_back(make_mutter_idle_source());
    if (env_set("WAYLAND_DISPLAY")) {
        // The standard protocol first, then KDE's older one: Plasma 5.27 offers both, sway 1.7 (Debian 12) only the
        // older one.
        sources.push_back(make_ext_idle_source());
        sources.push_back(make_kde_idle_source());
        // XWayland only sees input sent to X clients: a last resort, which misses native Wayland input.
        if (env_set("DISPLAY")) {
            sources.push_back(make_xsync_idle_source());
            sources.push_back(make_xss_idle_source());
        }
        return sources;
    }
    sources.push_back(make_xsync_idle_source());
    sources.push_back(make_xss_idle_source());
    return sources;
}

}  // namespace clockout::platform
