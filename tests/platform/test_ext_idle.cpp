// The ext-idle-notify-v1 backend, the real client code, against the small compositor of idle_wayland_compositor.h
// (the checks, the same for org_kde_kwin_idle, are in wayland_idle_checks.h).
#include "wayland_idle_checks.h"

using namespace clockout::test::idle;

namespace {

const WaylandBackend ext_idle{"ext-idle-notify", "ext_idle_notifier_v1", {.ext_idle = true}, {.ext_idle = false}};

}  // namespace

TEST_CASE("ext-idle-notify asks for the threshold and reports idled and resumed as idle and active") {
    check_transitions(ext_idle);
}

TEST_CASE("ext-idle-notify reports backend_lost when the compositor goes away") {
    check_lost(ext_idle, true);
}

TEST_CASE("ext-idle-notify reports backend_lost when the compositor withdraws ext_idle_notifier_v1") {
    check_lost(ext_idle, false);
}

TEST_CASE("ext-idle-notify does not start without the global or without WAYLAND_DISPLAY") {
    check_declines(ext_idle);
}
