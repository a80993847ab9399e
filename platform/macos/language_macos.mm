// The user's display language on macOS: an app opened from the Finder or the Dock gets no LANG, so the first of the
// user's preferred languages (System Settings > General > Language & Region) is what Clockout follows when its
// settings say "auto". Not compiled by the project's CI (docs/platform-macos.md).
#import <Foundation/Foundation.h>

#include <string>

#include "platform/terminal.h"

namespace clockout::platform {

std::string system_ui_language() {
    @autoreleasepool {
        NSArray<NSString*>* preferred = [NSLocale preferredLanguages];  // BCP 47 tags, "fr-FR" first for a French user
        if (preferred.count == 0)
            return "";
        const char* tag = [preferred.firstObject UTF8String];
        return tag ? std::string(tag) : std::string();
    }
}

}  // namespace clockout::platform
