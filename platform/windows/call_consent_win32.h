// "In a call" on Windows from the microphone's consent store, the registry key where Windows records, per program,
// when it last started and stopped using the microphone (what the taskbar's microphone icon shows).
#pragma once

#include <memory>
#include <string>

#include "platform/activity.h"

namespace clockout::platform::consent {

/// The key watched, under HKEY_CURRENT_USER (Windows 10 1903 and later).
inline constexpr const wchar_t* microphone_key =
    L"Software\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\ConsentStore\\microphone";

/// The name of a desktop program's subkey under microphone\NonPackaged: its full path with '#' for each '\'.
std::wstring nonpackaged_name(std::wstring path);

/// The "consent-store" source: a call is in progress while another program uses the microphone.
std::unique_ptr<ActivitySource> make_source();

}  // namespace clockout::platform::consent
