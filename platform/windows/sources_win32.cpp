// The Windows backends: one idle source (GetLastInputInfo) and one window for lock, sleep, session, clock and zone.
#include "idle_lastinput.h"
#include "session_win32.h"

namespace clockout::platform {

std::vector<std::unique_ptr<ActivitySource>> make_idle_sources() {
    std::vector<std::unique_ptr<ActivitySource>> sources;
    sources.push_back(lastinput::make_source());
    return sources;
}

std::vector<std::unique_ptr<ActivitySource>> make_session_sources() {
    std::vector<std::unique_ptr<ActivitySource>> sources;
    sources.push_back(std::make_unique<wts::SessionSource>());
    return sources;
}

}  // namespace clockout::platform
