// What every "in a call" backend shares: the state it last reported, and the event for a change of it.
#pragma once

#include <chrono>
#include <string>

#include "platform/activity.h"

namespace clockout::platform {

/// call_started when the backend's "someone captures the microphone" turns true, call_ended when it turns false;
/// nothing when it stays. Events are labelled with the wall time now, to the second.
class CallEdge {
  public:
    /// Tells `sink` if `calling` differs from what was last told; the sink may stop the source from inside.
    void update(bool calling, ActivitySink& sink, const std::string& source) {
        if (calling == in_call_)
            return;
        in_call_ = calling;
        ActivityEvent event;
        event.kind = calling ? ActivityKind::call_started : ActivityKind::call_ended;
        event.at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        event.source = source;
        sink.on_activity(event);
    }
    /// Forgets the state without telling anyone (the source stops).
    void reset() { in_call_ = false; }

  private:
    bool in_call_ = false;
};

}  // namespace clockout::platform
