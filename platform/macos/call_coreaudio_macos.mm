// Written and reviewed, not compiled here: the project's CI builds no macOS (docs/platform-macos.md).
//
// "In a call" on macOS ("coreaudio"): kAudioDevicePropertyDeviceIsRunningSomewhere of the default input device, which
// Core Audio sets while any process runs I/O on that device (what the menu bar's orange microphone dot shows), and a
// listener on kAudioHardwarePropertyDefaultInputDevice, so that a new default device is watched instead. Both
// listeners are blocks on the main queue: the run loop's thread, as the other macOS sources. Only whether the device
// runs leaves this file, never which process. Clockout itself never opens the microphone, so it needs no exclusion.
// Known limit: a device that records and plays (a USB headset) also runs for playback alone; macOS 14's process
// objects (kAudioProcessPropertyIsRunningInput) would tell input apart, and are not used here.
#import <CoreAudio/CoreAudio.h>
#import <Foundation/Foundation.h>
#include <dispatch/dispatch.h>

#include <memory>
#include <string>

#include "../common/call_edge.h"
#include "platform/activity.h"

namespace clockout::platform {

namespace {

// kAudioObjectPropertyElementMain (named kAudioObjectPropertyElementMaster before the macOS 12 SDK).
constexpr AudioObjectPropertyElement main_element = 0;

constexpr AudioObjectPropertyAddress default_input_address{kAudioHardwarePropertyDefaultInputDevice,
                                                           kAudioObjectPropertyScopeGlobal, main_element};
constexpr AudioObjectPropertyAddress running_address{kAudioDevicePropertyDeviceIsRunningSomewhere,
                                                     kAudioObjectPropertyScopeGlobal, main_element};

AudioObjectID default_input_device(OSStatus& status) {
    AudioObjectID device = kAudioObjectUnknown;
    UInt32 size = sizeof device;
    status = AudioObjectGetPropertyData(kAudioObjectSystemObject, &default_input_address, 0, nullptr, &size, &device);
    return status == noErr ? device : kAudioObjectUnknown;
}

bool device_running(AudioObjectID device) {
    UInt32 running = 0;
    UInt32 size = sizeof running;
    if (device == kAudioObjectUnknown ||
        AudioObjectGetPropertyData(device, &running_address, 0, nullptr, &size, &running) != noErr)
        return false;
    return running != 0;
}

std::string device_name(AudioObjectID device) {
    constexpr AudioObjectPropertyAddress name_address{kAudioObjectPropertyName, kAudioObjectPropertyScopeGlobal,
                                                      main_element};
    CFStringRef name = nullptr;
    UInt32 size = sizeof name;
    if (AudioObjectGetPropertyData(device, &name_address, 0, nullptr, &size, &name) != noErr || name == nullptr)
        return {};
    NSString* text = CFBridgingRelease(name);  // the property hands over a retained string
    return text.UTF8String != nullptr ? std::string(text.UTF8String) : std::string();
}

class CoreAudioCallSource final : public ActivitySource {
  public:
    ~CoreAudioCallSource() override { stop(); }

    std::string name() const override { return "coreaudio"; }

    bool start(ActivitySink& sink, std::chrono::seconds, std::string& why_not) override {
        stop();
        OSStatus status = noErr;
        AudioObjectID device = default_input_device(status);
        if (status != noErr) {
            why_not = "Core Audio gives no default input device (OSStatus " + std::to_string(status) + ")";
            return false;
        }
        // The blocks may run once more after their listener is removed (already queued): they act only while the
        // start they belong to lasts. Everything here runs on the main thread, so a plain flag is enough.
        std::shared_ptr<bool> alive = alive_;
        on_default_changed_ = ^(UInt32, const AudioObjectPropertyAddress*) {
          if (*alive)
              default_changed();
        };
        status = AudioObjectAddPropertyListenerBlock(kAudioObjectSystemObject, &default_input_address,
                                                     dispatch_get_main_queue(), on_default_changed_);
        if (status != noErr) {
            on_default_changed_ = nil;
            why_not = "cannot watch the default input device (OSStatus " + std::to_string(status) + ")";
            return false;
        }
        on_running_changed_ = ^(UInt32, const AudioObjectPropertyAddress*) {
          if (*alive)
              check();
        };
        sink_ = &sink;
        watch(device);  // a Mac without a microphone has none yet: the default listener waits for one
        // The state found reaches the sink from the run loop, like every later change.
        dispatch_async(dispatch_get_main_queue(), ^{
          if (*alive)
              check();
        });
        return true;
    }

    void stop() override {
        unwatch();
        if (on_default_changed_ != nil)
            AudioObjectRemovePropertyListenerBlock(kAudioObjectSystemObject, &default_input_address,
                                                   dispatch_get_main_queue(), on_default_changed_);
        on_default_changed_ = nil;
        on_running_changed_ = nil;
        sink_ = nullptr;
        call_.reset();
        *alive_ = false;
        alive_ = std::make_shared<bool>(true);
    }

    std::string detail() const override {
        if (sink_ == nullptr)
            return {};
        if (device_ == kAudioObjectUnknown)
            return "no input device";
        std::string device = device_name(device_);
        return "default input device" + (device.empty() ? std::string() : " \"" + device + "\"");
    }

  private:
    void watch(AudioObjectID device) {
        if (device == kAudioObjectUnknown)
            return;
        if (AudioObjectAddPropertyListenerBlock(device, &running_address, dispatch_get_main_queue(),
                                                on_running_changed_) == noErr)
            device_ = device;
    }

    void unwatch() {
        if (device_ != kAudioObjectUnknown && on_running_changed_ != nil)
            AudioObjectRemovePropertyListenerBlock(device_, &running_address, dispatch_get_main_queue(),
                                                   on_running_changed_);
        device_ = kAudioObjectUnknown;
    }

    // A headset plugged in, or a new choice in System Settings: watch the new device and report what it does.
    void default_changed() {
        if (sink_ == nullptr)
            return;
        OSStatus status = noErr;
        AudioObjectID device = default_input_device(status);
        if (device != device_) {
            unwatch();
            watch(device);
        }
        check();
    }

    void check() {
        if (sink_ != nullptr)
            call_.update(device_running(device_), *sink_, name());
    }

    ActivitySink* sink_ = nullptr;
    AudioObjectID device_ = kAudioObjectUnknown;
    // The same block objects are needed to remove the listeners (Core Audio compares the pointers).
    AudioObjectPropertyListenerBlock on_default_changed_ = nil;
    AudioObjectPropertyListenerBlock on_running_changed_ = nil;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // false once the start it was made for ended
    CallEdge call_;
};

}  // namespace

std::unique_ptr<ActivitySource> make_coreaudio_call_source() {
    return std::make_unique<CoreAudioCallSource>();
}

}  // namespace clockout::platform
