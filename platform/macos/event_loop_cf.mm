// The daemon's loop on macOS: the main CFRunLoop, which also serves the main dispatch queue, so the sources' timers
// and notifications (and AppKit, when the UI runs) wake the same thread. Signals arrive as dispatch sources.
#import <CoreFoundation/CoreFoundation.h>
#include <dispatch/dispatch.h>

#include <algorithm>
#include <csignal>
#include <utility>
#include <vector>

#include "platform/event_loop.h"

namespace clockout::platform {

namespace {

class RunLoop final : public EventLoop {
  public:
    RunLoop() {
        // CFRunLoopRun returns at once on a loop with nothing in it: a timer that never fires keeps it running.
        keep_alive_ = CFRunLoopTimerCreateWithHandler(nullptr, 1e12, 1e12, 0, 0,
                                                      ^(CFRunLoopTimerRef){
                                                      });
        CFRunLoopAddTimer(CFRunLoopGetMain(), keep_alive_, kCFRunLoopCommonModes);
    }

    ~RunLoop() override {
        cancel_deadline();
        for (dispatch_source_t source : signal_sources_)
            dispatch_source_cancel(source);
        CFRunLoopTimerInvalidate(keep_alive_);
        CFRelease(keep_alive_);
    }

    RunLoop(const RunLoop&) = delete;
    RunLoop& operator=(const RunLoop&) = delete;

    void set_deadline(std::chrono::milliseconds delay, std::function<void()> callback) override {
        cancel_deadline();
        deadline_ = std::move(callback);
        if (!deadline_)
            return;
        // dispatch_time(DISPATCH_TIME_NOW) counts mach absolute time: a wall-clock jump neither fires nor delays it.
        timer_ = dispatch_source_create(DISPATCH_SOURCE_TYPE_TIMER, 0, 0, dispatch_get_main_queue());
        auto ns = std::max<std::chrono::milliseconds::rep>(delay.count(), 0) * NSEC_PER_MSEC;
        dispatch_source_set_timer(timer_, dispatch_time(DISPATCH_TIME_NOW, static_cast<int64_t>(ns)),
                                  DISPATCH_TIME_FOREVER, 10 * NSEC_PER_MSEC);
        dispatch_source_set_event_handler(timer_, ^{
          // Cleared first: the callback usually sets the next deadline, which must survive it.
          std::function<void()> fire = std::move(deadline_);
          cancel_deadline();
          if (fire)
              fire();
        });
        dispatch_resume(timer_);
    }

    void on_terminate(std::function<void(int signal)> callback) override {
        terminate_ = std::move(callback);
        if (!signal_sources_.empty())
            return;
        for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
            std::signal(sig, SIG_IGN);  // the dispatch source sees it; the default action must not end us first
            dispatch_source_t source = dispatch_source_create(DISPATCH_SOURCE_TYPE_SIGNAL, static_cast<uintptr_t>(sig),
                                                              0, dispatch_get_main_queue());
            dispatch_source_set_event_handler(source, ^{
              if (terminate_)
                  terminate_(sig);
            });
            dispatch_resume(source);
            signal_sources_.push_back(source);
        }
    }

    void run() override {
        quit_ = false;
        while (!quit_)
            CFRunLoopRun();
    }

    void quit() override {
        quit_ = true;
        CFRunLoopStop(CFRunLoopGetMain());
    }

  private:
    void cancel_deadline() {
        if (timer_) {
            dispatch_source_cancel(timer_);
            timer_ = nullptr;
        }
        deadline_ = nullptr;
    }

    CFRunLoopTimerRef keep_alive_ = nullptr;
    dispatch_source_t timer_ = nullptr;
    std::function<void()> deadline_;
    std::function<void(int)> terminate_;
    std::vector<dispatch_source_t> signal_sources_;
    bool quit_ = false;
};

}  // namespace

std::unique_ptr<EventLoop> make_event_loop() {
    return std::make_unique<RunLoop>();
}

}  // namespace clockout::platform
