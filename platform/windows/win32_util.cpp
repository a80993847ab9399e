#include "win32_util.h"

#include <utility>

namespace clockout::platform::win32 {

namespace {

constexpr const wchar_t* window_class = L"org.clockout.Clockout.HiddenWindow";

// One class for every hidden window of the process; registering it twice fails harmlessly.
bool register_class(WNDPROC procedure, std::string& error) {
    WNDCLASSEXW existing{};
    existing.cbSize = sizeof existing;
    if (GetClassInfoExW(GetModuleHandleW(nullptr), window_class, &existing))
        return true;
    WNDCLASSEXW wc{};
    wc.cbSize = sizeof wc;
    wc.lpfnWndProc = procedure;
    wc.hInstance = GetModuleHandleW(nullptr);
    wc.lpszClassName = window_class;
    if (RegisterClassExW(&wc) == 0 && GetLastError() != ERROR_CLASS_ALREADY_EXISTS) {
        error = "cannot register a window class (" + error_text(GetLastError()) + ")";
        return false;
    }
    return true;
}

}  // namespace

std::string utf8(std::wstring_view text) {
    if (text.empty())
        return {};
    int size =
        WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
    if (size > 0)
        WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), size, nullptr, nullptr);
    return out;
}

std::wstring utf16(std::string_view text) {
    if (text.empty())
        return {};
    int size = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
    std::wstring out(static_cast<std::size_t>(size > 0 ? size : 0), L'\0');
    if (size > 0)
        MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), size);
    return out;
}

std::string error_text(DWORD code) {
    wchar_t* buffer = nullptr;
    DWORD length =
        FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                       nullptr, code, 0, reinterpret_cast<wchar_t*>(&buffer), 0, nullptr);
    std::string text = length > 0 ? utf8(std::wstring_view(buffer, length)) : "error";
    if (buffer)
        LocalFree(buffer);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    return text + " (" + std::to_string(code) + ")";
}

std::wstring environment(const wchar_t* name) {
    DWORD size = GetEnvironmentVariableW(name, nullptr, 0);
    if (size == 0)
        return {};
    std::wstring value(size, L'\0');
    DWORD got = GetEnvironmentVariableW(name, value.data(), size);
    value.resize(got < size ? got : 0);
    return value;
}

HiddenWindow::HiddenWindow(Kind kind, const wchar_t* title, Handler handler) : handler_(std::move(handler)) {
    if (!register_class(&HiddenWindow::procedure, error_))
        return;
    // Never shown: no WS_VISIBLE. A tool window stays out of Alt+Tab even if something shows it.
    HWND parent = kind == Kind::message_only ? HWND_MESSAGE : nullptr;
    hwnd_ = CreateWindowExW(WS_EX_TOOLWINDOW, window_class, title, WS_OVERLAPPED, 0, 0, 0, 0, parent, nullptr,
                            GetModuleHandleW(nullptr), this);
    if (hwnd_ == nullptr)
        error_ = "cannot create a hidden window (" + error_text(GetLastError()) + ")";
}

HiddenWindow::~HiddenWindow() {
    if (hwnd_ == nullptr)
        return;
    // Detached first: the messages DestroyWindow sends must not reach a handler whose owner is going away.
    SetWindowLongPtrW(hwnd_, GWLP_USERDATA, 0);
    DestroyWindow(hwnd_);
}

LRESULT CALLBACK HiddenWindow::procedure(HWND hwnd, UINT message, WPARAM wparam, LPARAM lparam) {
    if (message == WM_NCCREATE) {
        auto* create = reinterpret_cast<CREATESTRUCTW*>(lparam);
        SetWindowLongPtrW(hwnd, GWLP_USERDATA, reinterpret_cast<LONG_PTR>(create->lpCreateParams));
    }
    auto* self = reinterpret_cast<HiddenWindow*>(GetWindowLongPtrW(hwnd, GWLP_USERDATA));
    if (self != nullptr && self->handler_) {
        if (std::optional<LRESULT> result = self->handler_(message, wparam, lparam))
            return *result;
    }
    return DefWindowProcW(hwnd, message, wparam, lparam);
}

}  // namespace clockout::platform::win32
