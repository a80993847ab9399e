// The org_kde_kwin_idle backend (sway 1.7 / wlroots 0.15), the real client code, against the small compositor of
// idle_wayland_compositor.h offering org_kde_kwin_idle alone, as sway does (the checks, the same for ext-idle-notify,
// are in wayland_idle_checks.h); and the order of make_idle_sources() on such a compositor. tests/desktops/sway.sh
// runs the agent under the real sway.
#include <string>

#include "wayland_idle_checks.h"

using namespace clockout::test::idle;
using clockout::test::TempDir;

namespace {

constexpr Globals sway_globals{.ext_idle = false, .kde_idle = true};
const WaylandBackend kde_idle{"kde-idle", "org_kde_kwin_idle", sway_globals, {.ext_idle = true, .kde_idle = false}};

// What the agent does (app/agent.cpp): the name of the first source of make_idle_sources() that starts, "" if none.
std::string chosen_idle_backend() {
    RecordingSink sink;
    for (auto& source : clockout::platform::make_idle_sources()) {
        std::string why_not;
        if (source->start(sink, wayland_threshold, why_not)) {
            source->stop();
            return source->name();
        }
    }
    return {};
}

}  // namespace

TEST_CASE("kde-idle asks for the threshold and reports idle and resumed as idle and active") {
    check_transitions(kde_idle);
}

TEST_CASE("kde-idle reports backend_lost when the compositor goes away") {
    check_lost(kde_idle, true);
}

TEST_CASE("kde-idle reports backend_lost when the compositor withdraws org_kde_kwin_idle") {
    check_lost(kde_idle, false);
}

TEST_CASE("kde-idle does not start without the global or without WAYLAND_DISPLAY") {
    check_declines(kde_idle);
}

// The list itself, with and without XWayland, is checked by test_xsync.cpp; here, what it leads to on a real client.
TEST_CASE(
    "on Wayland kde-idle is chosen where org_kde_kwin_idle is the only idle protocol, ext-idle-notify where both are") {
    TempDir dir("kde_idle_order");
    SessionBus bus(dir.path());  // a session bus without Mutter, as under sway
    unsetenv("DISPLAY");
    {
        WaylandCompositor compositor(dir.path(), sway_globals);
        CHECK(chosen_idle_backend() == "kde-idle");
    }
    {
        // KDE Plasma 5.27 offers both: the standard protocol wins.
        WaylandCompositor compositor(dir.path(), {.ext_idle = true, .kde_idle = true});
        CHECK(chosen_idle_backend() == "ext-idle-notify");
    }
}
