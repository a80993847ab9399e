// The daemon's loop on Windows: the thread's message queue, so the hidden windows of the sources (and wx's windows,
// when the UI runs) are served by the same thread. The deadline is a SetTimer on a hidden top-level window, which any
// message loop dispatches; that window also turns WM_CLOSE (taskkill), WM_ENDSESSION and console events into
// on_terminate.
#pragma once

#include <windows.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "platform/event_loop.h"
#include "win32_util.h"

namespace clockout::platform::win32loop {

class MessageLoop final : public EventLoop {
  public:
    MessageLoop();
    ~MessageLoop() override;
    MessageLoop(const MessageLoop&) = delete;
    MessageLoop& operator=(const MessageLoop&) = delete;

    void set_deadline(std::chrono::milliseconds delay, std::function<void()> callback) override;
    void on_terminate(std::function<void(int signal)> callback) override;
    void run() override;
    void quit() override;

    /// The hidden window (tests post WM_CLOSE to it, as taskkill does).
    HWND window() const { return window_.handle(); }
    /// What SetConsoleCtrlHandler calls, on a thread of its own: hands the event to the loop that registered last.
    static BOOL WINAPI console_event(DWORD type);

  private:
    std::optional<LRESULT> on_message(UINT message, WPARAM wparam, LPARAM lparam);
    void arm(std::uint64_t now_tick);
    void terminate(int signal);

    win32::HiddenWindow window_;
    std::function<void()> deadline_;
    std::uint64_t deadline_tick_ = 0;
    std::function<void(int)> terminate_;
    HANDLE terminate_done_ = nullptr;  // set once a console event's callback has run
    bool quit_ = false;
};

}  // namespace clockout::platform::win32loop
