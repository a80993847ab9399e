// Lock, sleep, session switches, clock and zone changes on macOS ("workspace"): NSWorkspace's notification centre for
// sleep, wake and fast user switching, the distributed com.apple.screenIsLocked / screenIsUnlocked notices (delivered
// immediately even to a background process), and NSSystemClockDidChange / NSSystemTimeZoneDidChange.
#import <AppKit/AppKit.h>
#import <Foundation/Foundation.h>

#include <time.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "mac_util.h"
#include "platform/activity.h"

namespace clockout::platform {

namespace {

// The wall clock minus a clock that runs during sleep (CLOCK_MONOTONIC_RAW is mach_continuous_time): constant until
// someone sets the clock, and not moved by a sleep.
std::int64_t wall_minus_continuous_ms() {
    auto wall =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
    auto continuous = static_cast<std::int64_t>(clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW) / 1'000'000);
    return wall.count() - continuous;
}

class WorkspaceSource final : public ActivitySource {
  public:
    ~WorkspaceSource() override { stop(); }

    std::string name() const override { return "workspace"; }

    bool start(ActivitySink& sink, std::chrono::seconds, std::string&) override {
        stop();
        sink_ = &sink;
        clock_offset_ms_ = wall_minus_continuous_ms();
        NSNotificationCenter* workspace = NSWorkspace.sharedWorkspace.notificationCenter;
        observe(workspace, NSWorkspaceWillSleepNotification, ActivityKind::sleep);  // sink commits before returning
        observe(workspace, NSWorkspaceDidWakeNotification, ActivityKind::wake);
        observe(workspace, NSWorkspaceSessionDidResignActiveNotification, ActivityKind::session_inactive);
        observe(workspace, NSWorkspaceSessionDidBecomeActiveNotification, ActivityKind::session_active);

        NSDistributedNotificationCenter* distributed = NSDistributedNotificationCenter.defaultCenter;
        for (auto [notice, kind] : {std::pair{@"com.apple.screenIsLocked", ActivityKind::lock},
                                    std::pair{@"com.apple.screenIsUnlocked", ActivityKind::unlock}}) {
            ActivityKind event_kind = kind;
            auto* target = [[ClockoutNotificationTarget alloc]
                initWithHandler:[this, event_kind](NSNotification*) { emit(event_kind); }];
            [distributed addObserver:target
                            selector:@selector(fire:)
                                name:notice
                              object:nil
                  suspensionBehavior:NSNotificationSuspensionBehaviorDeliverImmediately];
            distributed_targets_ = [distributed_targets_ arrayByAddingObject:target];
        }

        NSNotificationCenter* local = NSNotificationCenter.defaultCenter;
        add_token(local, [local addObserverForName:NSSystemClockDidChangeNotification
                                            object:nil
                                             queue:NSOperationQueue.mainQueue
                                        usingBlock:^(NSNotification*) {
                                          clock_changed();
                                        }]);
        add_token(local, [local addObserverForName:NSSystemTimeZoneDidChangeNotification
                                            object:nil
                                             queue:NSOperationQueue.mainQueue
                                        usingBlock:^(NSNotification*) {
                                          zone_changed();
                                        }]);
        return true;
    }

    void stop() override {
        for (NSUInteger i = 0; i < tokens_.count; ++i)
            [centers_[i] removeObserver:tokens_[i]];
        tokens_ = @[];
        centers_ = @[];
        for (ClockoutNotificationTarget* target in distributed_targets_)
            [NSDistributedNotificationCenter.defaultCenter removeObserver:target];
        distributed_targets_ = @[];
        sink_ = nullptr;
    }

  private:
    // queue:nil runs the block on the posting thread (AppKit posts these on the main one) before the post returns,
    // so the sink has committed before the system goes on to sleep.
    void observe(NSNotificationCenter* center, NSNotificationName notice, ActivityKind kind) {
        add_token(center, [center addObserverForName:notice
                                              object:nil
                                               queue:nil
                                          usingBlock:^(NSNotification*) {
                                            emit(kind);
                                          }]);
    }

    void add_token(NSNotificationCenter* center, id token) {
        tokens_ = [tokens_ arrayByAddingObject:token];
        centers_ = [centers_ arrayByAddingObject:center];
    }

    void emit(ActivityKind kind) {
        if (sink_ == nullptr)
            return;
        ActivityEvent e;
        e.kind = kind;
        e.at = mac::wall_now();
        e.source = name();
        sink_->on_activity(e);
    }

    void clock_changed() {
        if (sink_ == nullptr)
            return;
        std::int64_t offset = wall_minus_continuous_ms();
        std::int64_t delta = offset - clock_offset_ms_;
        clock_offset_ms_ = offset;
        auto jump = std::llround(static_cast<double>(delta) / 1000.0);
        if (std::llabs(jump) < 2)
            return;  // NTP's small steps are not jumps worth a journal marker
        ActivityEvent e;
        e.kind = ActivityKind::clock_jump;
        e.at = mac::wall_now();
        e.jump = std::chrono::seconds{jump};
        e.source = name();
        sink_->on_activity(e);
    }

    void zone_changed() {
        if (sink_ == nullptr)
            return;
        [NSTimeZone resetSystemTimeZone];  // the cached one is stale now
        ActivityEvent e;
        e.kind = ActivityKind::zone_change;
        e.at = mac::wall_now();
        e.zone = NSTimeZone.systemTimeZone.name.UTF8String;  // an IANA name
        e.source = name();
        sink_->on_activity(e);
    }

    ActivitySink* sink_ = nullptr;
    std::int64_t clock_offset_ms_ = 0;
    NSArray* tokens_ = @[];
    NSArray<NSNotificationCenter*>* centers_ = @[];
    NSArray<ClockoutNotificationTarget*>* distributed_targets_ = @[];
};

}  // namespace

std::unique_ptr<ActivitySource> make_workspace_session_source() {
    return std::make_unique<WorkspaceSource>();
}

}  // namespace clockout::platform
