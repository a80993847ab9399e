// clockout_fake_input: sends input to KWin through its org_kde_kwin_fake_input protocol, for tests/desktops/kwin.sh.
// Usage: clockout_fake_input pointer|key...  (on $WAYLAND_DISPLAY). `pointer` is one relative motion of (5, 5), `key`
// a press and release of left Shift (evdev 42). A round trip after the requests, so that on exit 0 KWin has handled
// them (the test times the return to active from just before the call). Exit 1 with one line on stderr otherwise.
#include "fake-input-client-protocol.h"

#include <wayland-client.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wattributes"  // visibility("hidden") on a definition declared extern before
#include "fake-input-protocol.inc"
#pragma GCC diagnostic pop

namespace {

constexpr std::uint32_t key_left_shift = 42;  // KEY_LEFTSHIFT of linux/input-event-codes.h
constexpr std::uint32_t keyboard_key_since = 4;

struct Globals {
    org_kde_kwin_fake_input* fake_input = nullptr;
    std::uint32_t version = 0;
};

void on_global(void* data, wl_registry* registry, std::uint32_t name, const char* interface, std::uint32_t version) {
    auto* globals = static_cast<Globals*>(data);
    if (std::strcmp(interface, org_kde_kwin_fake_input_interface.name) != 0 || globals->fake_input != nullptr)
        return;
    // Version 4 is the highest this client knows (the header's requests up to keyboard_key).
    globals->version = std::min(version, keyboard_key_since);
    globals->fake_input = static_cast<org_kde_kwin_fake_input*>(
        wl_registry_bind(registry, name, &org_kde_kwin_fake_input_interface, globals->version));
}

void on_global_remove(void*, wl_registry*, std::uint32_t) {}

constexpr wl_registry_listener registry_listener{&on_global, &on_global_remove};

int fail(const char* what) {
    std::fprintf(stderr, "clockout_fake_input: %s\n", what);
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2)
        return fail("usage: clockout_fake_input pointer|key...");
    // Without WAYLAND_DISPLAY libwayland would try "wayland-0", which may be another session's.
    const char* socket = std::getenv("WAYLAND_DISPLAY");
    if (socket == nullptr || *socket == '\0')
        return fail("WAYLAND_DISPLAY is not set");
    wl_display* display = wl_display_connect(nullptr);
    if (display == nullptr)
        return fail("cannot connect to the Wayland display");
    Globals globals;
    wl_registry* registry = wl_display_get_registry(display);
    wl_registry_add_listener(registry, &registry_listener, &globals);
    if (wl_display_roundtrip(display) < 0)
        return fail("the Wayland display closed during setup");
    if (globals.fake_input == nullptr)
        return fail("the compositor does not offer org_kde_kwin_fake_input");
    // KWin ignores a device's input until it has authenticated.
    org_kde_kwin_fake_input_authenticate(globals.fake_input, "clockout-test", "desktop test");
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "pointer") == 0) {
            org_kde_kwin_fake_input_pointer_motion(globals.fake_input, wl_fixed_from_int(5), wl_fixed_from_int(5));
        } else if (std::strcmp(argv[i], "key") == 0) {
            // No stand-in below version 4: a pointer motion sent for `key` would make the test time the wrong input.
            if (globals.version < keyboard_key_since)
                return fail("keyboard_key needs org_kde_kwin_fake_input version 4; the compositor offers less");
            org_kde_kwin_fake_input_keyboard_key(globals.fake_input, key_left_shift, 1);
            org_kde_kwin_fake_input_keyboard_key(globals.fake_input, key_left_shift, 0);
        } else {
            return fail("unknown input (pointer or key)");
        }
    }
    if (wl_display_roundtrip(display) < 0)
        return fail("the compositor closed the connection (input refused?)");
    org_kde_kwin_fake_input_destroy(globals.fake_input);
    wl_registry_destroy(registry);
    wl_display_disconnect(display);
    return 0;
}
