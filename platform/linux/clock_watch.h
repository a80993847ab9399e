// Wall-clock jumps (the clock was set, by hand or by NTP stepping it) and time-zone changes, as a session source.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "platform/activity.h"

namespace clockout::platform {

class ClockWatch final : public ActivitySource {
  public:
    /// Watches `localtime` for zone changes (a symlink into zoneinfo on most systems); tests pass a file of their own.
    explicit ClockWatch(std::filesystem::path localtime = "/etc/localtime");
    ~ClockWatch() override;
    ClockWatch(const ClockWatch&) = delete;
    ClockWatch& operator=(const ClockWatch&) = delete;

    std::string name() const override { return "clock"; }
    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override;
    void stop() override;

    /// What the kernel's "clock was set" notice leads to: reports the jump since the last reading, if large enough.
    void clock_was_set(std::chrono::nanoseconds wall_offset);
    /// What `clockout doctor` shows: which watches run.
    std::string detail() const override;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The wall clock minus the boot clock (CLOCK_REALTIME − CLOCK_BOOTTIME): constant until someone sets the clock, and,
/// unlike CLOCK_MONOTONIC, not moved by a sleep, so a resume is not mistaken for a jump.
std::chrono::nanoseconds wall_offset_now();

/// How far the clock was set between two wall_offset_now() readings, to the nearest second; zero under `threshold`
/// (small NTP steps and reading jitter are not jumps worth a journal marker).
std::chrono::seconds clock_jump(std::chrono::nanoseconds offset_before, std::chrono::nanoseconds offset_after,
                                std::chrono::seconds threshold = std::chrono::seconds(2));

/// The IANA name in a zoneinfo symlink's target ("/usr/share/zoneinfo/Europe/Paris" -> "Europe/Paris"), or "".
std::string zone_from_link_target(const std::string& target);

}  // namespace clockout::platform
