#include "session_win32.h"

#include <wtsapi32.h>

#include <cstdlib>
#include <utility>

#include "platform/zone.h"

namespace clockout::platform::wts {

Readers system_readers() {
    Readers r;
    r.wall_minus_tick_ms = [] {
        FILETIME ft{};
        GetSystemTimeAsFileTime(&ft);
        // FILETIME counts 100 ns since 1601; only differences matter here.
        auto wall_100ns = (static_cast<std::int64_t>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime;
        return wall_100ns / 10'000 - static_cast<std::int64_t>(GetTickCount64());
    };
    r.zone_name = [] { return system_zone_name(); };
    r.wall_now = [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); };
    return r;
}

std::chrono::seconds clock_jump(std::int64_t before_ms, std::int64_t after_ms, std::chrono::seconds threshold) {
    std::int64_t delta = after_ms - before_ms;
    std::int64_t rounded = (delta >= 0 ? delta + 500 : delta - 500) / 1000;
    if (std::llabs(rounded) < threshold.count())
        return std::chrono::seconds{0};
    return std::chrono::seconds{rounded};
}

SessionSource::SessionSource(Readers readers) : readers_(std::move(readers)) {}

SessionSource::~SessionSource() {
    stop();
}

bool SessionSource::start(ActivitySink& sink, std::chrono::seconds, std::string& why_not) {
    stop();
    // The window lives as long as the source: stop() may come from a sink called inside its own procedure.
    if (!window_) {
        window_ = std::make_unique<win32::HiddenWindow>(
            win32::HiddenWindow::Kind::top_level, L"Clockout session",
            [this](UINT message, WPARAM wparam, LPARAM lparam) { return on_message(message, wparam, lparam); });
    }
    if (window_->handle() == nullptr) {
        why_not = window_->error();
        return false;
    }
    sink_ = &sink;
    clock_offset_ms_ = readers_.wall_minus_tick_ms();
    zone_ = readers_.zone_name();
    wake_reported_ = true;
    // Sleep, clock and zone still work without it, so a failure is reported, not fatal.
    registered_ = WTSRegisterSessionNotification(window_->handle(), NOTIFY_FOR_THIS_SESSION) != 0;
    detail_ = registered_ ? "lock, sleep, clock and zone events"
                          : "sleep, clock and zone events; no lock events (WTSRegisterSessionNotification: " +
                                win32::error_text(GetLastError()) + ")";
    return true;
}

void SessionSource::stop() {
    if (registered_ && window_ && window_->handle())
        WTSUnRegisterSessionNotification(window_->handle());
    registered_ = false;
    sink_ = nullptr;
}

std::optional<LRESULT> SessionSource::on_message(UINT message, WPARAM wparam, LPARAM lparam) {
    if (sink_ == nullptr)
        return std::nullopt;
    switch (message) {
        case WM_WTSSESSION_CHANGE:
            // Registered for this session only, so every change is ours.
            switch (wparam) {
                case WTS_SESSION_LOCK:
                    emit(ActivityKind::lock);
                    break;
                case WTS_SESSION_UNLOCK:
                    emit(ActivityKind::unlock);
                    break;
                case WTS_CONSOLE_DISCONNECT:
                case WTS_REMOTE_DISCONNECT:
                    emit(ActivityKind::session_inactive);  // fast user switching, or RDP taking the console
                    break;
                case WTS_CONSOLE_CONNECT:
                case WTS_REMOTE_CONNECT:
                    emit(ActivityKind::session_active);
                    break;
                default:
                    break;
            }
            return 0;
        case WM_POWERBROADCAST:
            switch (wparam) {
                case PBT_APMSUSPEND:
                    // Synchronous: the sink commits the journal before we return and Windows goes on to sleep.
                    wake_reported_ = false;
                    emit(ActivityKind::sleep);
                    break;
                case PBT_APMRESUMEAUTOMATIC:
                    // Sent on every resume, with or without a user; the suspend may have gone unannounced.
                    wake_reported_ = true;
                    emit(ActivityKind::wake);
                    break;
                case PBT_APMRESUMESUSPEND:
                    // Follows RESUMEAUTOMATIC when a user is there; only a wake of its own if that one was missed.
                    if (!wake_reported_) {
                        wake_reported_ = true;
                        emit(ActivityKind::wake);
                    }
                    break;
                default:
                    break;
            }
            return TRUE;
        case WM_TIMECHANGE: {
            std::int64_t offset = readers_.wall_minus_tick_ms();
            std::chrono::seconds jump = clock_jump(clock_offset_ms_, offset);
            clock_offset_ms_ = offset;
            if (jump != std::chrono::seconds{0}) {
                ActivityEvent e;
                e.kind = ActivityKind::clock_jump;
                e.at = readers_.wall_now();
                e.jump = jump;
                e.source = name();
                sink_->on_activity(e);
            }
            // A new zone also changes local time, and Windows announces it with this message too.
            if (sink_ != nullptr)
                check_zone();
            return 0;
        }
        case WM_SETTINGCHANGE:
            // The zone comes with "intl" or "TimeZone" as lParam, but which one is not documented: re-read it
            // whatever the setting (cheap), and report only a real change.
            (void)lparam;
            check_zone();
            return 0;
        default:
            return std::nullopt;
    }
}

void SessionSource::check_zone() {
    std::string zone = readers_.zone_name();
    if (zone == zone_)
        return;
    zone_ = zone;
    ActivityEvent e;
    e.kind = ActivityKind::zone_change;
    e.at = readers_.wall_now();
    e.zone = zone;
    e.source = name();
    sink_->on_activity(e);
}

void SessionSource::emit(ActivityKind kind) {
    ActivityEvent e;
    e.kind = kind;
    e.at = readers_.wall_now();
    e.source = name();
    sink_->on_activity(e);
}

}  // namespace clockout::platform::wts
