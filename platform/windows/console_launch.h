// What clockout.com (launcher/clockout_com.cpp) and clockout.exe (terminal_win32.cpp) agree on: the environment
// variable through which the launcher gives clockout.exe its process id, the console to attach to.
#pragma once

namespace clockout::platform::win32 {

constexpr const wchar_t* console_launcher_variable = L"CLOCKOUT_CONSOLE";

}  // namespace clockout::platform::win32
