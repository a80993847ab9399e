#include "app/engine.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace clockout::app {

namespace {

core::SignalKind to_signal_kind(platform::ActivityKind kind) {
    using K = platform::ActivityKind;
    using S = core::SignalKind;
    switch (kind) {
        case K::input_active:
            return S::input_active;
        case K::input_idle:
            return S::input_idle;
        case K::lock:
            return S::lock;
        case K::unlock:
            return S::unlock;
        case K::sleep:
            return S::sleep;
        case K::wake:
            return S::wake;
        case K::clock_jump:
            return S::clock_jump;
        case K::zone_change:
            return S::zone_change;
        case K::session_active:
            return S::session_active;
        case K::session_inactive:
            return S::session_inactive;
        case K::backend_lost:
            return S::backend_lost;
        case K::call_started:
            return S::call_start;
        case K::call_ended:
            return S::call_end;
    }
    return S::backend_lost;
}

core::TrackerConfig tracker_config(const Context& context) {
    core::TrackerConfig config;
    config.day_start = context.settings.schedule.day_start;
    config.device = context.device;
    return config;
}

// The end of the last row this device recorded in the work days around `now`. A restarted agent starts nothing before
// it, so a wall clock set back between two runs cannot make them overlap.
core::TimePoint previous_run_end(const core::IntervalSource& source, const Context& context, core::TimePoint now) {
    const auto day = core::work_day_of(context.zone->to_local(now), context.settings.schedule.day_start);
    core::TimePoint end{};
    try {
        const date::sys_days d{day};
        for (const auto& row : source.intervals_for_days(core::Date{d - date::days{2}}, core::Date{d + date::days{2}}))
            if (row.device == context.device)
                end = std::max(end, row.end);
    } catch (const std::exception& e) {
        spdlog::warn("journal: the previous run's last row cannot be read: {}", e.what());
    }
    return end;
}

}  // namespace

Engine::Engine(const Context& context, core::IntervalSink& sink, core::IntervalSource& source, const core::Clock& clock,
               NudgePresenter& presenter)
    : context_(context),
      source_(source),
      clock_(clock),
      presenter_(presenter),
      tracker_(tracker_config(context), context.zone, sink) {}

void Engine::start(const std::string& source_name) {
    core::Signal s;
    s.kind = core::SignalKind::agent_start;
    s.at = clock_.now();
    s.since = previous_run_end(source_, context_, s.at);
    s.source = source_name;
    tracker_.handle(s);
    evaluate();
}

void Engine::stop() {
    core::Signal s;
    s.kind = core::SignalKind::agent_stop;
    s.at = clock_.now();
    tracker_.handle(s);
}

void Engine::on_activity(const platform::ActivityEvent& event) {
    core::Signal s;
    s.kind = to_signal_kind(event.kind);
    s.at = event.at;
    s.since = event.since;
    s.jump = event.jump;
    s.source = event.source;
    if (event.kind == platform::ActivityKind::zone_change) {
        s.zone = event.zone.empty() ? core::system_zone() : core::make_zone(event.zone);
        if (!s.zone)
            s.zone = core::system_zone();
    }
    spdlog::info("signal {} from {}", static_cast<int>(event.kind), event.source);
    handle(std::move(s));
}

void Engine::handle(core::Signal signal) {
    apply(signal);
    evaluate();
}

void Engine::apply(const core::Signal& signal) {
    const bool was_present = tracker_.present();
    tracker_.handle(signal);
    const bool present = tracker_.present();
    if (was_present && !present) {
        // Idle is backdated to the last input: that is when the activity ended.
        last_activity_end_ = signal.kind == core::SignalKind::input_idle ? signal.since : signal.at;
    } else if (!was_present && present) {
        auto away = context_.settings.nudge.quiet_away;
        if (!run_start_ || !last_activity_end_ || signal.at - *last_activity_end_ >= away) {
            previous_activity_end_ = last_activity_end_;
            run_start_ = signal.at;
        }
    }
}

void Engine::settings_changed() {
    const auto now = clock_.now();
    if (context_.zone && context_.zone->name() != tracker_.zone()->name()) {
        core::Signal s;
        s.kind = core::SignalKind::zone_change;
        s.at = now;
        s.zone = context_.zone;
        s.source = "settings";
        tracker_.handle(s);
    }
    tracker_.set_day_start(context_.settings.schedule.day_start, now);
    tracker_.tick(now);
    evaluate();
}

void Engine::on_deadline() {
    tracker_.tick(clock_.now());
    evaluate();
}

core::LiveIntervals Engine::intervals() const {
    // A read: the open interval as it stands now, computed, never written (the deadline's tick writes it).
    return core::LiveIntervals(source_, tracker_.live_rows(clock_.now()));
}

core::LiveState Engine::live_state() const {
    auto now = clock_.now();
    core::LiveState live;
    live.present = tracker_.present();
    live.personal = tracker_.state() == core::State::personal;
    live.paused = paused_until_ && now < *paused_until_;
    live.run_start = run_start_.value_or(now);
    live.previous_activity_end = previous_activity_end_;
    auto day = core::work_day_of(context_.zone->to_local(now), context_.settings.schedule.day_start);
    const core::LiveIntervals intervals(source_, tracker_.live_rows(now));
    auto metrics = core::compute_day(intervals, day, *context_.schedule, context_.settings.limits);
    live.today_first_active = metrics.first_active;
    live.today_active_min = metrics.active_min;
    live.today_amplitude_min = metrics.amplitude_min;
    // One pass over the day's activity, every instant counted once, for two stretches: active time since the last gap
    // of break_min or more (the 20-minute break rule), and continuous screen work since the last gap of 5 minutes or
    // more (a screen break taken) up to now, while the worker is here (the screen-break reminder).
    core::Seconds stretch{0};
    std::optional<core::TimePoint> last_end, screen_from;
    for (const auto& row : core::union_of_active(intervals.intervals_for_days(day, day))) {
        if (last_end && row.start - *last_end >= core::Minutes{context_.settings.limits.break_min})
            stretch = {};
        if (!last_end || row.start - *last_end >= core::k_screen_break_taken)
            screen_from = row.start;
        stretch += row.duration();
        last_end = last_end ? std::max(*last_end, row.end) : row.end;
    }
    live.stretch_min = core::round_minutes(stretch);
    live.in_call = tracker_.in_call() && !live.paused;
    if (live.present && !live.personal && screen_from && now - *last_end < core::k_screen_break_taken)
        live.screen_min = core::round_minutes(now - *screen_from);
    return live;
}

void Engine::evaluate() {
    auto now = clock_.now();
    if (paused_until_ && now >= *paused_until_) {
        paused_until_.reset();
        resume_tracking(now);
    }
    auto live = live_state();
    auto decision = core::decide(context_.settings.nudge, context_.settings.limits, *context_.schedule, *context_.zone,
                                 now, live, memory_);
    for (const auto& nudge : decision.show)
        presenter_.present(nudge);
    nudge_wake_ = decision.wake_at;
}

std::chrono::milliseconds Engine::next_delay() const {
    auto now = clock_.now();
    std::optional<core::TimePoint> next = tracker_.next_deadline();
    if (nudge_wake_ && (!next || *nudge_wake_ < *next))
        next = nudge_wake_;
    if (paused_until_ && (!next || *paused_until_ < *next))
        next = paused_until_;
    // With nothing planned, still wake hourly: cheap, and it bounds the damage of a missed signal.
    if (!next)
        return std::chrono::hours{1};
    auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(*next - now);
    return std::clamp(delay, std::chrono::milliseconds{1000}, std::chrono::milliseconds{std::chrono::hours{1}});
}

void Engine::done_for_today() {
    core::answer_done_for_today(memory_);
    evaluate();
}

void Engine::more_minutes() {
    core::answer_more_minutes(memory_, context_.settings.nudge, clock_.now());
    evaluate();
}

void Engine::working_late() {
    core::answer_working_late(memory_);
    evaluate();
}

void Engine::snooze() {
    core::answer_snooze(memory_, context_.settings.nudge, clock_.now());
    evaluate();
}

void Engine::mark_personal() {
    core::Signal s;
    s.kind = core::SignalKind::mark_personal;
    s.at = clock_.now();
    handle(s);
}

void Engine::mark_work() {
    core::Signal s;
    s.kind = core::SignalKind::mark_work;
    s.at = clock_.now();
    handle(s);
}

void Engine::answer(NudgeAnswer answer) {
    switch (answer) {
        case NudgeAnswer::done:
            done_for_today();
            break;
        case NudgeAnswer::more:
            more_minutes();
            break;
        case NudgeAnswer::late:
            working_late();
            break;
        case NudgeAnswer::snooze:
            snooze();
            break;
        case NudgeAnswer::personal:
            mark_personal();
            break;
        case NudgeAnswer::work:
            mark_work();
            break;
        case NudgeAnswer::later:
            core::answer_screen_break_later(memory_, clock_.now());
            evaluate();
            break;
        case NudgeAnswer::break_done:
            core::answer_screen_break_done(memory_, context_.settings.nudge, clock_.now());
            evaluate();
            break;
    }
}

void Engine::pause_until(std::optional<core::TimePoint> until) {
    paused_until_ = until;
    const auto now = clock_.now();
    if (until && *until > now) {
        // Nothing of the pause is counted: the tracker records input as `off` until it resumes.
        core::Signal s;
        s.kind = core::SignalKind::pause;
        s.at = now;
        apply(s);
    } else {
        paused_until_.reset();
        resume_tracking(now);
    }
    evaluate();
}

void Engine::resume_tracking(core::TimePoint now) {
    if (!tracker_.paused())
        return;
    core::Signal s;
    s.kind = core::SignalKind::resume;
    s.at = now;
    apply(s);
}

}  // namespace clockout::app
