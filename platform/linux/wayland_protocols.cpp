// The Wayland protocols' interface tables, generated as C by wayland-scanner (platform/CMakeLists.txt). Compiled here,
// after the client headers' extern declarations, so that they keep external linkage in C++ (the project compiles no
// C); the test compositor links them from here too.
#include "ext-idle-notify-v1-client-protocol.h"
#include "kde-idle-client-protocol.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wattributes"  // visibility("hidden") on a definition declared extern before
#include "ext-idle-notify-v1-protocol.inc"
#include "kde-idle-protocol.inc"
#pragma GCC diagnostic pop
