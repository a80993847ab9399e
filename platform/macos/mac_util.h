// Shared by the macOS backends (Objective-C++, ARC): an Objective-C target that forwards notifications to C++, and
// the clocks the sources read. Nothing here has been compiled by the project's CI: see docs/platform-macos.md.
#pragma once

#import <Foundation/Foundation.h>

#include <chrono>
#include <functional>

#include "platform/activity.h"

/// Receives NSNotifications through a selector (the only API that takes a suspension behaviour) and calls C++.
@interface ClockoutNotificationTarget : NSObject
- (instancetype)initWithHandler:(std::function<void(NSNotification*)>)handler;
- (void)fire:(NSNotification*)notification;
@end

namespace clockout::platform::mac {

/// The wall time that labels events.
inline WallTime wall_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace clockout::platform::mac
