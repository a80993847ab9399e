// libFuzzer: core::parse_settings over arbitrary bytes. Any input must come back as settings or issues, never a crash;
// a file that parses is written back with to_toml and must read back to the same settings.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/settings.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace clockout::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const Settings base;
    const SettingsResult result = parse_settings(text, "settings.toml", base);
    if (!result.ok()) {
        for (const auto& issue : result.issues)
            (void)issue.to_string();
        if (!(result.settings == base))
            std::abort();  // an invalid file keeps the last good settings
        return 0;
    }
    const SettingsResult again = parse_settings(to_toml(result.settings), "round-trip.toml", base);
    if (!again.ok() || !(again.settings == result.settings))
        std::abort();
    return 0;
}
