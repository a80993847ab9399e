// "In a call" from the sound server: PulseAudio, or PipeWire through pipewire-pulse, which speaks the same protocol.
// A call is in progress while at least one other program records from a real source (a microphone, not a sink's
// monitor) with a stream that is not corked. Only that fact leaves this file, never which program. Event-driven on the
// GLib loop: a subscription to source outputs and sources, and one listing of both after each change; nothing wakes
// up while connected.
#include <pulse/glib-mainloop.h>
#include <pulse/pulseaudio.h>
#include <unistd.h>

#include <glib.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>

#include "../common/call_edge.h"
#include "call_sources.h"

namespace clockout::platform {

namespace {

using Steady = std::chrono::steady_clock;

// How long start() waits for a server to answer before saying there is none.
constexpr std::chrono::microseconds answer_within{1'000'000};
constexpr const char* no_server = "no PulseAudio/PipeWire server (PULSE_SERVER or the user's runtime folder)";

void forget(pa_operation* operation) {
    if (operation != nullptr)
        pa_operation_unref(operation);
}

pa_context* new_context(pa_mainloop_api* api) {
    pa_proplist* properties = pa_proplist_new();
    pa_proplist_sets(properties, PA_PROP_APPLICATION_NAME, "Clockout");
    pa_proplist_sets(properties, PA_PROP_APPLICATION_ID, "org.clockout.Clockout");
    pa_context* context = pa_context_new_with_proplist(api, "Clockout", properties);
    pa_proplist_free(properties);
    return context;
}

bool property_is(const pa_proplist* properties, const char* key, const std::string& value) {
    const char* found = properties != nullptr ? pa_proplist_gets(properties, key) : nullptr;
    return found != nullptr && value == found;
}

// "PulseAudio 16.1". PipeWire names itself "PulseAudio (on PipeWire 0.3.65)"; its version is the protocol's.
std::string server_label(const pa_server_info* info) {
    std::string name = info->server_name != nullptr ? info->server_name : "";
    if (name == "pulseaudio")
        return "PulseAudio " + std::string(info->server_version != nullptr ? info->server_version : "");
    return name.empty() ? "an unnamed PulseAudio server" : name;
}

void take_label(pa_context*, const pa_server_info* info, void* label) {
    if (info != nullptr)
        *static_cast<std::string*>(label) = server_label(info);
}

// Whether a server answers within answer_within, and what it is, on a plain libpulse loop of its own that blocks
// start() for that long at most. The GLib connection that does the work then opens without blocking: iterating the
// GLib loop here instead would run every other source's callbacks from inside start().
bool probe(std::string& label, std::string& error) {
    pa_mainloop* loop = pa_mainloop_new();
    pa_context* context = new_context(pa_mainloop_get_api(loop));
    bool answered = false;
    if (pa_context_connect(context, nullptr, PA_CONTEXT_NOAUTOSPAWN, nullptr) < 0) {
        error = pa_strerror(pa_context_errno(context));
    } else {
        auto deadline = Steady::now() + answer_within;
        bool asked = false;
        while (true) {
            pa_context_state_t state = pa_context_get_state(context);
            if (state == PA_CONTEXT_READY && !asked) {
                forget(pa_context_get_server_info(context, &take_label, &label));
                asked = true;
            }
            if (!label.empty()) {
                answered = true;
                break;
            }
            if (!PA_CONTEXT_IS_GOOD(state)) {
                error = pa_strerror(pa_context_errno(context));
                break;
            }
            auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Steady::now());
            if (left.count() <= 0) {
                error = "no answer within 1 s";
                break;
            }
            if (pa_mainloop_prepare(loop, static_cast<int>(left.count())) < 0 || pa_mainloop_poll(loop) < 0 ||
                pa_mainloop_dispatch(loop) < 0) {
                error = "libpulse's loop failed";
                break;
            }
        }
    }
    pa_context_disconnect(context);
    pa_context_unref(context);
    pa_mainloop_free(loop);
    return answered;
}

class PulseCallSource final : public ActivitySource {
  public:
    explicit PulseCallSource(std::chrono::seconds retry_every) : retry_every_(retry_every) {}
    ~PulseCallSource() override { stop(); }
    PulseCallSource(const PulseCallSource&) = delete;
    PulseCallSource& operator=(const PulseCallSource&) = delete;

    std::string name() const override { return "pulse"; }

    bool start(ActivitySink& sink, std::chrono::seconds, std::string& why_not) override {
        stop();
        std::string error;
        if (!probe(server_, error)) {
            why_not = std::string(no_server) + ": " + error;
            server_.clear();
            return false;
        }
        loop_ = pa_glib_mainloop_new(nullptr);
        sink_ = &sink;
        // The first state comes from the loop once the connection is ready, like every later change.
        if (!connect())
            lose();
        return true;
    }

    void stop() override {
        sink_ = nullptr;
        drop_context();
        if (retry_timer_ != 0)
            g_source_remove(retry_timer_);
        retry_timer_ = 0;
        if (loop_ != nullptr) {
            // Called from the sink inside one of libpulse's callbacks, the loop is still running that callback.
            if (in_sink_ > 0)
                g_idle_add(&free_loop, loop_);
            else
                pa_glib_mainloop_free(loop_);
        }
        loop_ = nullptr;
        server_.clear();
        real_sources_.clear();
        capturing_ = 0;
        listing_ = false;
        list_again_ = false;
        call_.reset();
        lost_ = false;
    }

    std::string detail() const override {
        if (sink_ == nullptr)
            return {};
        if (lost_)
            return server_ + ", gone: asked for again every " + std::to_string(retry_every_.count()) + " s";
        return server_;
    }

  private:
    static gboolean free_loop(gpointer loop) {
        pa_glib_mainloop_free(static_cast<pa_glib_mainloop*>(loop));
        return G_SOURCE_REMOVE;
    }

    bool connect() {
        context_ = new_context(pa_glib_mainloop_get_api(loop_));
        pa_context_set_state_callback(context_, &on_state, this);
        // A failure may already have reached on_state, which dropped the context.
        if (pa_context_connect(context_, nullptr, PA_CONTEXT_NOAUTOSPAWN, nullptr) < 0)
            drop_context();
        return context_ != nullptr;
    }

    void drop_context() {
        if (context_ == nullptr)
            return;
        // Pending listings are cancelled with the context: their callbacks never run.
        pa_context_set_state_callback(context_, nullptr, nullptr);
        pa_context_set_subscribe_callback(context_, nullptr, nullptr);
        pa_context_disconnect(context_);
        pa_context_unref(context_);
        context_ = nullptr;
    }

    static void on_state(pa_context* context, void* data) {
        auto* self = static_cast<PulseCallSource*>(data);
        switch (pa_context_get_state(context)) {
            case PA_CONTEXT_READY:
                self->ready();
                break;
            case PA_CONTEXT_FAILED:
            case PA_CONTEXT_TERMINATED:
                self->lose();
                break;
            default:
                break;
        }
    }

    void ready() {
        lost_ = false;
        if (retry_timer_ != 0)
            g_source_remove(retry_timer_);
        retry_timer_ = 0;
        // Subscribed before the first listing: the server answers in order, so no change falls between the two.
        pa_context_set_subscribe_callback(context_, &on_change, this);
        auto mask =
            static_cast<pa_subscription_mask_t>(PA_SUBSCRIPTION_MASK_SOURCE_OUTPUT | PA_SUBSCRIPTION_MASK_SOURCE);
        forget(pa_context_subscribe(context_, mask, nullptr, nullptr));
        forget(pa_context_get_server_info(context_, &take_label, &server_));
        list();
    }

    // The server went away (or never answered this connection): a call in progress ends with it. No event announces
    // a server that appears, so the source asks again every retry_every_, only while disconnected.
    void lose() {
        drop_context();
        listing_ = false;
        list_again_ = false;
        lost_ = true;
        if (retry_timer_ == 0)
            retry_timer_ = g_timeout_add_seconds(static_cast<guint>(retry_every_.count()), &on_retry, this);
        set_in_call(false);
    }

    static gboolean on_retry(gpointer data) {
        auto* self = static_cast<PulseCallSource*>(data);
        // One attempt at a time: the timer goes on until ready() removes it.
        if (self->context_ == nullptr)
            self->connect();
        return G_SOURCE_CONTINUE;
    }

    static void on_change(pa_context*, pa_subscription_event_type_t, uint32_t, void* data) {
        static_cast<PulseCallSource*>(data)->list();
    }

    // Sources first (which are monitors), then the recording streams; a change during the listing lists again.
    void list() {
        if (listing_) {
            list_again_ = true;
            return;
        }
        listing_ = true;
        real_sources_.clear();
        capturing_ = 0;
        forget(pa_context_get_source_info_list(context_, &on_source, this));
        forget(pa_context_get_source_output_info_list(context_, &on_output, this));
    }

    static void on_source(pa_context*, const pa_source_info* info, int eol, void* data) {
        if (eol == 0 && info->monitor_of_sink == PA_INVALID_INDEX)
            static_cast<PulseCallSource*>(data)->real_sources_.insert(info->index);
    }

    static void on_output(pa_context*, const pa_source_output_info* info, int eol, void* data) {
        auto* self = static_cast<PulseCallSource*>(data);
        if (eol != 0)
            return self->listed(eol < 0);
        if (self->records_a_call(*info))
            ++self->capturing_;
    }

    bool records_a_call(const pa_source_output_info& info) const {
        if (info.corked)
            return false;
        // A module's own stream (echo cancellation, a loopback) is no program; the program records from its source.
        if (info.client == PA_INVALID_INDEX)
            return false;
        // A sink's monitor carries what is played (screen recorders, visualisers), not a microphone.
        if (real_sources_.count(info.source) == 0)
            return false;
        // Level meters (pavucontrol, the desktop's sound settings): PulseAudio gives peak-detect streams the
        // resampler "peaks", PipeWire marks them stream.monitor.
        if (info.resample_method != nullptr && std::strcmp(info.resample_method, "peaks") == 0)
            return false;
        if (property_is(info.proplist, "stream.monitor", "true"))
            return false;
        return !property_is(info.proplist, PA_PROP_APPLICATION_PROCESS_ID, std::to_string(getpid()));
    }

    void listed(bool failed) {
        listing_ = false;
        if (list_again_) {
            list_again_ = false;
            return list();
        }
        if (!failed)  // a failed listing means the connection is failing: lose() follows
            set_in_call(capturing_ > 0);
    }

    void set_in_call(bool calling) {
        if (sink_ == nullptr)
            return;
        ++in_sink_;
        call_.update(calling, *sink_, name());
        --in_sink_;
    }

    std::chrono::seconds retry_every_;
    ActivitySink* sink_ = nullptr;
    pa_glib_mainloop* loop_ = nullptr;
    pa_context* context_ = nullptr;
    guint retry_timer_ = 0;
    std::string server_;
    std::set<std::uint32_t> real_sources_;  // the sources that are not a sink's monitor, in the current listing
    int capturing_ = 0;                     // streams recording a call, in the current listing
    bool listing_ = false;
    bool list_again_ = false;
    CallEdge call_;
    bool lost_ = false;
    int in_sink_ = 0;  // inside sink_->on_activity
};

}  // namespace

std::unique_ptr<ActivitySource> make_pulse_call_source(std::chrono::seconds retry_every) {
    return std::make_unique<PulseCallSource>(retry_every);
}

}  // namespace clockout::platform
