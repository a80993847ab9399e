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
    /// How far ahead the clock-set timer is armed: far, but finite (see arm() in clock_watch.cpp).
    static constexpr std::chrono::seconds default_timer_horizon{10LL * 365 * 24 * 3600};

    /// Watches `localtime` for zone changes (a symlink into zoneinfo on most systems); tests pass a file of their own,
    /// and may pass a timer horizon the kernel refuses (before 1970) to see the zone watch go on alone.
    explicit ClockWatch(std::filesystem::path localtime = "/etc/localtime",
                        std::chrono::seconds timer_horizon = default_timer_horizon);
    ~ClockWatch() override;
    ClockWatch(const ClockWatch&) = delete;
    ClockWatch& operator=(const ClockWatch&) = delete;

    std::string name() const override { return "clock"; }
    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override;
    void stop() override;

    /// What the kernel's "clock was set" notice leads to: reports the jump since the last reading, if large enough.
    void clock_was_set(std::chrono::nanoseconds wall_offset);
    /// What `clockout doctor` shows: which watches run, each with why not when it does not.
    std::string detail() const override;
    /// The two halves work and fail apart: the clock-set timer, and the zone watch (a file monitor and/or timedate1).
    bool watches_clock() const;
    bool watches_zone() const;

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
