// What the agent needs to know from the OS about the user's presence: input idleness, screen lock, sleep, session
// switches, clock and zone changes. One class per backend, tried in order at run time (see make_*_sources).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace clockout::platform {

using WallTime = std::chrono::sys_seconds;

enum class ActivityKind {
    input_active,      // input seen at `at`
    input_idle,        // no input since `since`
    lock,              // the screen was locked
    unlock,            // the screen was unlocked
    sleep,             // the machine is about to sleep; the source holds its delay lock until on_activity returns
    wake,              // the machine woke up (not activity: input will say so)
    clock_jump,        // the wall clock moved by `jump` (new minus old) without time passing
    zone_change,       // the local time zone changed to `zone`
    session_active,    // our session is in the foreground again
    session_inactive,  // another session took the seat
    backend_lost,      // this source stopped working: state unknown
    call_started,      // a call began: another program captures the microphone (never which program)
    call_ended,        // no other program captures the microphone any more (also sent when a call backend is lost)
};

struct ActivityEvent {
    ActivityKind kind = ActivityKind::input_active;
    WallTime at{};
    WallTime since{};              // input_idle
    std::chrono::seconds jump{0};  // clock_jump
    std::string zone;              // zone_change: IANA name when known
    std::string source;            // the backend's name
};

/// Receives events on the main loop thread.
class ActivitySink {
  public:
    virtual ~ActivitySink() = default;
    /// Called for each event; for `sleep`, the journal must be committed before this returns.
    virtual void on_activity(const ActivityEvent& event) = 0;
};

/// One backend. All sources run on the GLib main loop (Linux), the message loop (Windows) or the run loop (macOS):
/// no thread of their own and no fixed-rate polling where the OS offers events.
class ActivitySource {
  public:
    virtual ~ActivitySource() = default;
    /// A short stable name reported by `clockout doctor` and stored with intervals ("xsync", "mutter", "logind").
    virtual std::string name() const = 0;
    /// Starts watching; returns false with a one-line reason in `why_not` when the backend cannot work here.
    virtual bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) = 0;
    /// Stops watching and releases everything (inhibitor locks included).
    virtual void stop() = 0;
    /// What a started source found, for `clockout doctor` (e.g. the logind session it watches); may be empty.
    virtual std::string detail() const { return {}; }
};

/// What `clockout doctor` prints for one backend.
struct BackendReport {
    std::string role;  // "idle", "session", "clock", "call"
    std::string name;
    bool works = false;
    bool chosen = false;
    std::string detail;  // why not, or what it found
};

/// Idle backends in the order they should be tried on this OS; the first that starts is used.
std::vector<std::unique_ptr<ActivitySource>> make_idle_sources();
/// Lock, sleep, session and clock backends; every one that starts is used.
std::vector<std::unique_ptr<ActivitySource>> make_session_sources();
/// "In a call" backends (call_started / call_ended events; the idle threshold is not used), in the order to try on
/// this OS; the first that starts is used. Event-driven: no polling where the OS gives events.
std::vector<std::unique_ptr<ActivitySource>> make_call_sources();

}  // namespace clockout::platform
