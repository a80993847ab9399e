#include "event_loop_win32.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <utility>

namespace clockout::platform {

namespace win32loop {

namespace {

constexpr UINT_PTR deadline_timer = 1;
constexpr UINT terminate_message = WM_APP + 1;  // wParam: the signal number
// A console closed, a logoff or a shutdown ends the process when the handler returns: give the loop this long to
// commit the journal first (Windows allows 5 s for CTRL_CLOSE_EVENT).
constexpr DWORD console_grace_ms = 4000;

std::atomic<MessageLoop*> console_loop{nullptr};
std::atomic<HWND> console_window{nullptr};
std::atomic<HANDLE> console_done{nullptr};

#ifndef SIGBREAK
constexpr int SIGBREAK = 21;
#endif

}  // namespace

MessageLoop::MessageLoop()
    : window_(win32::HiddenWindow::Kind::top_level, L"Clockout",
              [this](UINT message, WPARAM wparam, LPARAM lparam) { return on_message(message, wparam, lparam); }) {
    terminate_done_ = CreateEventW(nullptr, FALSE, FALSE, nullptr);
}

MessageLoop::~MessageLoop() {
    MessageLoop* self = this;
    if (console_loop.compare_exchange_strong(self, nullptr)) {
        console_window = nullptr;
        console_done = nullptr;
    }
    if (window_.handle())
        KillTimer(window_.handle(), deadline_timer);
    if (terminate_done_)
        CloseHandle(terminate_done_);
}

void MessageLoop::set_deadline(std::chrono::milliseconds delay, std::function<void()> callback) {
    if (window_.handle())
        KillTimer(window_.handle(), deadline_timer);
    deadline_ = std::move(callback);
    if (!deadline_)
        return;
    std::uint64_t now = GetTickCount64();
    deadline_tick_ = now + static_cast<std::uint64_t>(std::max<std::chrono::milliseconds::rep>(delay.count(), 0));
    arm(now);
}

void MessageLoop::arm(std::uint64_t now_tick) {
    // SetTimer counts in 32 bits (at most USER_TIMER_MAXIMUM, 24.8 days): a farther deadline takes several rounds.
    std::uint64_t remaining = deadline_tick_ > now_tick ? deadline_tick_ - now_tick : 0;
    auto ms = std::clamp<std::uint64_t>(remaining, USER_TIMER_MINIMUM, USER_TIMER_MAXIMUM);
    SetTimer(window_.handle(), deadline_timer, static_cast<UINT>(ms), nullptr);
}

void MessageLoop::on_terminate(std::function<void(int signal)> callback) {
    terminate_ = std::move(callback);
    console_window = window_.handle();
    console_done = terminate_done_;
    console_loop = this;
    static const bool registered = SetConsoleCtrlHandler(&MessageLoop::console_event, TRUE) != 0;
    (void)registered;
}

void MessageLoop::run() {
    if (window_.handle() == nullptr)
        return;  // no deadline could ever fire: better to return than to wait forever
    quit_ = false;
    MSG msg;
    while (!quit_) {
        BOOL got = GetMessageW(&msg, nullptr, 0, 0);
        if (got == 0) {
            // WM_QUIT belongs to whoever posted it (an outer loop, wx): leave it in the queue for them.
            PostQuitMessage(static_cast<int>(msg.wParam));
            return;
        }
        if (got == -1)
            return;
        TranslateMessage(&msg);
        DispatchMessageW(&msg);
    }
}

void MessageLoop::quit() {
    quit_ = true;
    if (window_.handle())
        PostMessageW(window_.handle(), WM_NULL, 0, 0);  // wakes GetMessage
}

BOOL WINAPI MessageLoop::console_event(DWORD type) {
    HWND hwnd = console_window.load();
    if (hwnd == nullptr)
        return FALSE;  // nobody listens: Windows' default (end the process)
    int signal = SIGTERM;
    if (type == CTRL_C_EVENT)
        signal = SIGINT;
    else if (type == CTRL_BREAK_EVENT)
        signal = SIGBREAK;
    HANDLE done = console_done.load();
    if (done)
        ResetEvent(done);  // an earlier WM_CLOSE may have left it set
    PostMessageW(hwnd, terminate_message, static_cast<WPARAM>(signal), 0);
    if (done && (type == CTRL_CLOSE_EVENT || type == CTRL_LOGOFF_EVENT || type == CTRL_SHUTDOWN_EVENT))
        WaitForSingleObject(done, console_grace_ms);
    return TRUE;
}

void MessageLoop::terminate(int signal) {
    if (terminate_) {
        std::function<void(int)> callback = terminate_;
        callback(signal);
    }
    if (terminate_done_)
        SetEvent(terminate_done_);
}

std::optional<LRESULT> MessageLoop::on_message(UINT message, WPARAM wparam, LPARAM) {
    switch (message) {
        case WM_TIMER: {
            if (wparam != deadline_timer)
                return std::nullopt;
            std::uint64_t now = GetTickCount64();
            // The tick count moves in ~16 ms steps: within one step of the deadline is on time.
            if (deadline_tick_ > now + 16) {
                arm(now);
                return 0;
            }
            KillTimer(window_.handle(), deadline_timer);
            // Cleared first: the callback usually sets the next deadline, which must survive it.
            std::function<void()> callback = std::move(deadline_);
            deadline_ = nullptr;
            if (callback)
                callback();
            return 0;
        }
        case terminate_message:
            terminate(static_cast<int>(wparam));
            return 0;
        case WM_CLOSE:
            // taskkill without /F, or another program closing us politely: Windows' SIGTERM. The window stays.
            terminate(SIGTERM);
            return 0;
        case WM_QUERYENDSESSION:
            return TRUE;
        case WM_ENDSESSION:
            // The session ends once this returns, so the callback runs now, not from the queue.
            if (wparam)
                terminate(SIGTERM);
            return 0;
        default:
            return std::nullopt;
    }
}

}  // namespace win32loop

std::unique_ptr<EventLoop> make_event_loop() {
    return std::make_unique<win32loop::MessageLoop>();
}

}  // namespace clockout::platform
