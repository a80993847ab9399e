// The kernel tells us when the wall clock is set (a CANCEL_ON_SET timerfd) and the zone is a file or timedate1 property
// we can watch, so none of this polls. Also the clocks.h readings, which are the same clock arithmetic.
#include "clock_watch.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include <glib-unix.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

#include "platform/clocks.h"
#include "session_sources.h"

namespace clockout::platform {

namespace {

using std::chrono::nanoseconds;
using std::chrono::seconds;

nanoseconds read_clock(clockid_t id) {
    timespec now{};
    ::clock_gettime(id, &now);
    return seconds(now.tv_sec) + nanoseconds(now.tv_nsec);
}

// `a − b`, with b read on both sides of a so that the gap between the two system calls cancels out.
nanoseconds clock_difference(clockid_t a, clockid_t b) {
    nanoseconds b_before = read_clock(b);
    nanoseconds a_now = read_clock(a);
    nanoseconds b_after = read_clock(b);
    return a_now - (b_before + (b_after - b_before) / 2);
}

constexpr const char* timedate1_name = "org.freedesktop.timedate1";

}  // namespace

seconds suspended_time() {
    auto asleep = std::chrono::floor<seconds>(clock_difference(CLOCK_BOOTTIME, CLOCK_MONOTONIC));
    return asleep < seconds(0) ? seconds(0) : asleep;
}

seconds monotonic_time() {
    return std::chrono::floor<seconds>(read_clock(CLOCK_MONOTONIC));
}

nanoseconds wall_offset_now() {
    return clock_difference(CLOCK_REALTIME, CLOCK_BOOTTIME);
}

seconds clock_jump(nanoseconds offset_before, nanoseconds offset_after, seconds threshold) {
    nanoseconds moved = offset_after - offset_before;
    return std::chrono::abs(moved) >= threshold ? std::chrono::round<seconds>(moved) : seconds(0);
}

std::string zone_from_link_target(const std::string& target) {
    static const std::string marker = "zoneinfo/";
    auto at = target.rfind(marker);
    if (at == std::string::npos)
        return "";
    std::string zone = target.substr(at + marker.size());
    // zoneinfo/posix/ and zoneinfo/right/ hold the same zones under the same names.
    for (const char* prefix : {"posix/", "right/"}) {
        if (zone.rfind(prefix, 0) == 0)
            zone.erase(0, std::char_traits<char>::length(prefix));
    }
    return zone;
}

struct ClockWatch::Impl {
    std::filesystem::path localtime;
    seconds horizon{0};
    ActivitySink* sink = nullptr;
    int timer_fd = -1;
    guint timer_watch = 0;
    nanoseconds offset{0};
    bool zone_watched = false;
    GFileMonitor* monitor = nullptr;
    GDBusConnection* bus = nullptr;
    guint timedate_subscription = 0;
    std::string zone_fingerprint;  // what the localtime file says, to tell a real change from a touch
    std::string zone;              // the last zone name reported or found
    std::string zone_note = "zone not watched";
    std::string timer_note = "clock changes not watched";

    ~Impl() { stop(); }

    // The two watches are independent: a timer the kernel refuses leaves the zone watched, and the other way round.
    // The source fails only when neither works.
    bool start(ActivitySink& new_sink, std::string& why_not) {
        stop();
        sink = &new_sink;
        start_timer();
        watch_zone();
        if (timer_fd < 0 && !zone_watched) {
            why_not = timer_note + "; " + zone_note;
            stop();
            return false;
        }
        return true;
    }

    void start_timer() {
        timer_fd = ::timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
        if (timer_fd < 0) {
            timer_note = std::string("clock changes not watched: timerfd_create failed (") + g_strerror(errno) + ")";
            return;
        }
        if (!arm()) {
            timer_note =
                std::string("clock changes not watched: cannot arm the clock-change timer (") + g_strerror(errno) + ")";
            ::close(timer_fd);
            timer_fd = -1;
            return;
        }
        timer_watch = g_unix_fd_add(timer_fd, G_IO_IN, &Impl::timer_readable, this);
        timer_note = "clock changes via timerfd";
    }

    void stop() {
        if (timer_watch != 0)
            g_source_remove(timer_watch);
        timer_watch = 0;
        if (timer_fd >= 0)
            ::close(timer_fd);
        timer_fd = -1;
        if (monitor != nullptr) {
            g_signal_handlers_disconnect_by_data(monitor, this);
            g_file_monitor_cancel(monitor);
            g_clear_object(&monitor);
        }
        if (bus != nullptr) {
            if (timedate_subscription != 0)
                g_dbus_connection_signal_unsubscribe(bus, timedate_subscription);
            timedate_subscription = 0;
            g_dbus_connection_close(bus, nullptr, nullptr, nullptr);
            g_clear_object(&bus);
        }
        zone_watched = false;
        timer_note = "clock changes not watched";
        zone_note = "zone not watched";
        sink = nullptr;
    }

    void emit(ActivityEvent event) {
        if (sink == nullptr)
            return;
        event.at = session::wall_now();
        event.source = "clock";
        sink->on_activity(event);
    }

    // --- wall clock ---

    // The timer exists for TFD_TIMER_CANCEL_ON_SET, which makes read() fail with ECANCELED as soon as anyone sets
    // CLOCK_REALTIME (or a resume moves it against the monotonic clock). Its deadline is far but finite: ten years from
    // now (the horizon). At the end of time (time_t's maximum) a program that shifts the clock it is shown, such as
    // libfaketime with a date in the past of the real one, overflows translating the deadline and the kernel refuses it
    // (EINVAL). Ten years from now stays valid under any offset up to about 280 years either way, and if it ever fires
    // it is re-armed.
    bool arm() {
        timespec now{};
        ::clock_gettime(CLOCK_REALTIME, &now);
        itimerspec far{};
        far.it_value.tv_sec = now.tv_sec + static_cast<time_t>(horizon.count());
        if (::timerfd_settime(timer_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &far, nullptr) != 0)
            return false;
        // Read after arming: a set in between cancels the new timer and is then measured as no jump, not missed.
        offset = wall_offset_now();
        return true;
    }

    void clock_was_set(nanoseconds now_offset) {
        seconds jump = clock_jump(offset, now_offset);
        // Small steps move the reference too, or many of them would add up to a phantom jump.
        offset = now_offset;
        if (jump == seconds(0))
            return;
        ActivityEvent event;
        event.kind = ActivityKind::clock_jump;
        event.jump = jump;
        emit(event);
    }

    static gboolean timer_readable(gint fd, GIOCondition, gpointer self_ptr) {
        auto* self = static_cast<Impl*>(self_ptr);
        std::uint64_t expirations = 0;
        ssize_t got = ::read(fd, &expirations, sizeof expirations);
        if (got < 0 && errno == EAGAIN)
            return G_SOURCE_CONTINUE;
        if (got < 0 && errno == ECANCELED)
            self->clock_was_set(wall_offset_now());
        if (self->timer_fd >= 0 && !self->arm()) {
            // Without a timer we cannot see jumps any more; durations stay right (monotonic), only labels suffer. The
            // zone watch goes on, so the source is not lost: doctor and the log say which half stopped.
            self->timer_note = std::string("clock changes not watched: cannot re-arm the clock-change timer (") +
                               g_strerror(errno) + ")";
            ::close(self->timer_fd);
            self->timer_fd = -1;
            self->timer_watch = 0;
            if (!self->zone_watched) {
                ActivityEvent lost;
                lost.kind = ActivityKind::backend_lost;
                self->emit(lost);
            }
            return G_SOURCE_REMOVE;
        }
        return G_SOURCE_CONTINUE;
    }

    // --- time zone ---

    void watch_zone() {
        // POSIX programs follow TZ when it is set, and so does the agent: the system zone is then irrelevant.
        if (std::getenv("TZ") != nullptr) {
            zone_note = "zone fixed by TZ";
            zone_watched = true;  // nothing to watch, and nothing missed
            return;
        }
        zone_fingerprint = fingerprint();
        zone = zone_in(zone_fingerprint);

        GFile* file = g_file_new_for_path(localtime.c_str());
        GError* failure = nullptr;
        // WATCH_MOVES: tools replace the symlink by renaming a new one over it, which must count as a change.
        monitor = g_file_monitor_file(file, G_FILE_MONITOR_WATCH_MOVES, nullptr, &failure);
        g_object_unref(file);
        if (monitor != nullptr) {
            g_signal_connect(monitor, "changed", G_CALLBACK(&Impl::localtime_changed), this);
            zone_note = "watching " + localtime.string();
            zone_watched = true;
        } else {
            zone_note = "cannot watch " + localtime.string() + " (" + session::take_message(failure) + ")";
        }

        // timedate1 knows the name even where /etc/localtime is a copy; it is optional (no system bus, no systemd).
        std::string error;
        bus = session::open_bus(G_BUS_TYPE_SYSTEM, error);
        if (bus != nullptr) {
            timedate_subscription =
                g_dbus_connection_signal_subscribe(bus, timedate1_name, "org.freedesktop.DBus.Properties",
                                                   "PropertiesChanged", "/org/freedesktop/timedate1", timedate1_name,
                                                   G_DBUS_SIGNAL_FLAGS_NONE, &Impl::timedate_changed, this, nullptr);
            zone_note += " and timedate1";
            zone_watched = true;
        }
    }

    // A symlink is known by its target, a plain file by its bytes.
    std::string fingerprint() const {
        GError* failure = nullptr;
        gchar* target = g_file_read_link(localtime.c_str(), &failure);
        if (target != nullptr) {
            std::string text = std::string("link:") + target;
            g_free(target);
            return text;
        }
        g_error_free(failure);
        std::ifstream in(localtime, std::ios::binary);
        if (!in)
            return "missing";
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return "file:" + bytes.str();
    }

    static std::string zone_in(const std::string& print) {
        return print.rfind("link:", 0) == 0 ? zone_from_link_target(print.substr(5)) : std::string();
    }

    void report_zone(const std::string& name) {
        ActivityEvent event;
        event.kind = ActivityKind::zone_change;
        event.zone = name;
        emit(event);
    }

    void check_localtime() {
        std::string print = fingerprint();
        if (print == zone_fingerprint || print == "missing")
            return;  // untouched, or between the unlink and the new link of a non-atomic update
        zone_fingerprint = print;
        std::string name = zone_in(print);
        // timedate1 may have told us already: one change, one event.
        if (!name.empty() && name == zone)
            return;
        zone = name;
        report_zone(name);
    }

    static void localtime_changed(GFileMonitor*, GFile*, GFile*, GFileMonitorEvent, gpointer self_ptr) {
        static_cast<Impl*>(self_ptr)->check_localtime();
    }

    static void timedate_changed(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*,
                                 GVariant* parameters, gpointer self_ptr) {
        auto* self = static_cast<Impl*>(self_ptr);
        if (!g_variant_is_of_type(parameters, G_VARIANT_TYPE("(sa{sv}as)")))
            return;
        GVariant* changed = g_variant_get_child_value(parameters, 1);
        const gchar* name = nullptr;
        if (g_variant_lookup(changed, "Timezone", "&s", &name) && name != nullptr && *name != '\0') {
            if (self->zone != name) {
                self->zone = name;
                self->report_zone(self->zone);
            }
        } else {
            self->check_localtime();  // announced without its value: the file has the news
        }
        g_variant_unref(changed);
    }
};

ClockWatch::ClockWatch(std::filesystem::path localtime, std::chrono::seconds timer_horizon)
    : impl_(std::make_unique<Impl>()) {
    impl_->localtime = std::move(localtime);
    impl_->horizon = timer_horizon;
}

ClockWatch::~ClockWatch() = default;

bool ClockWatch::start(ActivitySink& sink, std::chrono::seconds, std::string& why_not) {
    return impl_->start(sink, why_not);
}

void ClockWatch::stop() {
    impl_->stop();
}

void ClockWatch::clock_was_set(nanoseconds wall_offset) {
    impl_->clock_was_set(wall_offset);
}

std::string ClockWatch::detail() const {
    return impl_->timer_note + "; " + impl_->zone_note;
}

bool ClockWatch::watches_clock() const {
    return impl_->timer_fd >= 0;
}

bool ClockWatch::watches_zone() const {
    return impl_->zone_watched;
}

}  // namespace clockout::platform
