// The macOS backends: one idle source and one for lock, sleep, session, clock and zone.
#include <memory>
#include <vector>

#include "platform/activity.h"

namespace clockout::platform {

std::unique_ptr<ActivitySource> make_cgevent_idle_source();       // idle_cgevent.mm
std::unique_ptr<ActivitySource> make_workspace_session_source();  // session_workspace.mm

std::vector<std::unique_ptr<ActivitySource>> make_idle_sources() {
    std::vector<std::unique_ptr<ActivitySource>> sources;
    sources.push_back(make_cgevent_idle_source());
    return sources;
}

std::vector<std::unique_ptr<ActivitySource>> make_session_sources() {
    std::vector<std::unique_ptr<ActivitySource>> sources;
    sources.push_back(make_workspace_session_source());
    return sources;
}

}  // namespace clockout::platform
