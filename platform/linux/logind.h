// systemd-logind as a session source: screen lock (LockedHint), session switches (Active) and sleep (PrepareForSleep,
// with a delay inhibitor so the journal is committed before the machine goes down).
#pragma once

#include <memory>
#include <string>

#include "platform/activity.h"

namespace clockout::platform {

class LogindSource final : public ActivitySource {
  public:
    LogindSource();
    ~LogindSource() override;
    LogindSource(const LogindSource&) = delete;
    LogindSource& operator=(const LogindSource&) = delete;

    std::string name() const override { return "logind"; }
    bool start(ActivitySink& sink, std::chrono::seconds idle_threshold, std::string& why_not) override;
    void stop() override;

    /// True while the "sleep" delay inhibitor's file descriptor is held (the machine waits for us before sleeping).
    bool holding_sleep_inhibitor() const;
    /// What `clockout doctor` shows: the session watched and whether sleep is delayed, or why not.
    std::string detail() const override;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace clockout::platform
