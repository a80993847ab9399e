// Small Win32 helpers shared by the Windows backends: UTF-8 <-> UTF-16, error text, and hidden windows.
#pragma once

#include <windows.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace clockout::platform::win32 {

/// UTF-16 (the Win32 "W" calls) to UTF-8 (everything else in Clockout).
std::string utf8(std::wstring_view text);
/// UTF-8 to UTF-16.
std::wstring utf16(std::string_view text);
/// The system's text for an error code, e.g. "Access is denied. (5)".
std::string error_text(DWORD code);
/// A variable of the process environment read as UTF-16, so non-ASCII user names survive; "" when unset.
std::wstring environment(const wchar_t* name);

/// A window nobody sees, whose messages go to `handler` (an empty result falls through to DefWindowProc). Only a
/// top-level window receives broadcasts (WM_POWERBROADCAST, WM_TIMECHANGE, WM_SETTINGCHANGE, WM_ENDSESSION):
/// message-only windows (HWND_MESSAGE) are cheaper but never get them.
class HiddenWindow {
  public:
    using Handler = std::function<std::optional<LRESULT>(UINT message, WPARAM wparam, LPARAM lparam)>;
    enum class Kind { top_level, message_only };

    HiddenWindow(Kind kind, const wchar_t* title, Handler handler);
    ~HiddenWindow();
    HiddenWindow(const HiddenWindow&) = delete;
    HiddenWindow& operator=(const HiddenWindow&) = delete;

    /// nullptr when the window could not be created; error() says why.
    HWND handle() const { return hwnd_; }
    const std::string& error() const { return error_; }

  private:
    static LRESULT CALLBACK procedure(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam);

    HWND hwnd_ = nullptr;
    Handler handler_;
    std::string error_;
};

}  // namespace clockout::platform::win32
