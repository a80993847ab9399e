// The Linux "in a call" backends, each behind ActivitySource; call_sources.cpp puts them in the order to try.
#pragma once

#include <chrono>
#include <memory>

#include "platform/activity.h"

namespace clockout::platform {

/// How often a lost PulseAudio/PipeWire server is asked for again (only while disconnected).
inline constexpr std::chrono::seconds pulse_retry_every{30};

/// Source outputs (recording streams) on the PulseAudio server, PipeWire's pipewire-pulse included: a call is in
/// progress while another program records from a real (non-monitor) source. Tests pass a shorter `retry_every`.
std::unique_ptr<ActivitySource> make_pulse_call_source(std::chrono::seconds retry_every = pulse_retry_every);

}  // namespace clockout::platform
