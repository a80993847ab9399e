#import "mac_util.h"

#include <utility>

@implementation ClockoutNotificationTarget {
    std::function<void(NSNotification*)> handler_;
}

- (instancetype)initWithHandler:(std::function<void(NSNotification*)>)handler {
    if ((self = [super init]))
        handler_ = std::move(handler);
    return self;
}

- (void)fire:(NSNotification*)notification {
    if (handler_)
        handler_(notification);
}

@end
