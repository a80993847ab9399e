#include "app/agent.h"

#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/engine.h"
#include "app/i18n.h"
#include "app/logging.h"
#include "app/report.h"
#include "platform/event_loop.h"
#include "platform/notifier.h"
#include "platform/single_instance.h"

namespace clockout::app {

namespace {

// A sink for doctor's dry runs: backends are started and stopped, their events ignored.
class NullSink final : public platform::ActivitySink {
  public:
    void on_activity(const platform::ActivityEvent&) override {}
};

std::string nudge_title(const core::Nudge& nudge) {
    switch (nudge.kind) {
        case core::NudgeKind::pre_notice:
            return tr("Your working day ends soon");
        case core::NudgeKind::end_notice:
            return tr("Your working day is over");
        case core::NudgeKind::firm:
            return tr("Time to disconnect");
        case core::NudgeKind::quiet_prompt:
            return tr("It's your quiet time: is this work?");
        case core::NudgeKind::amplitude:
            return tr("A long day");
        case core::NudgeKind::active_time:
            return tr("A lot of active time today");
        case core::NudgeKind::break_missing:
            return tr("Time for a break");
    }
    return "Clockout";
}

std::string clock_of(const core::TimeZone& zone, core::TimePoint t) {
    return core::format_local(t, zone.offset_at(t)).substr(11, 5);
}

std::string nudge_body(const core::Nudge& nudge, const core::TimeZone& zone) {
    using fmt::runtime;
    std::string body;
    switch (nudge.kind) {
        case core::NudgeKind::pre_notice:
            if (nudge.day_end)
                body = fmt::format(runtime(tr("Your last working window ends at {}.")), clock_of(zone, *nudge.day_end));
            break;
        case core::NudgeKind::end_notice:
        case core::NudgeKind::firm:
            body = fmt::format(runtime(tr("{} past the end of your day; amplitude today: {}.")),
                               format_minutes(nudge.overtime_min), format_minutes(nudge.amplitude_min));
            break;
        case core::NudgeKind::quiet_prompt:
            body = tr("Personal use is not counted as work.");
            break;
        case core::NudgeKind::amplitude:
            body = fmt::format(runtime(tr("Amplitude today: {}.")), format_minutes(nudge.amplitude_min));
            break;
        case core::NudgeKind::active_time:
            body = fmt::format(runtime(tr("Active time today: {}.")), format_minutes(nudge.active_min));
            break;
        case core::NudgeKind::break_missing:
            body = tr("A 20-minute break is the benchmark before 6 hours of work.");
            break;
    }
    if (nudge.latest_stop && (nudge.kind == core::NudgeKind::end_notice || nudge.kind == core::NudgeKind::firm)) {
        body += ' ';
        body +=
            fmt::format(runtime(tr("Stop before {} to keep 11 hours of rest.")), clock_of(zone, *nudge.latest_stop));
    }
    return body;
}

// Headless: every nudge becomes a desktop notification whose buttons answer the engine.
class NotificationPresenter final : public NudgePresenter {
  public:
    NotificationPresenter(platform::DesktopNotifier& notifier, const core::TimeZone& zone)
        : notifier_(notifier), zone_(zone) {}
    void set_engine(Engine* engine) { engine_ = engine; }

    void present(const core::Nudge& nudge) override {
        std::vector<platform::NotificationAction> actions;
        switch (nudge.kind) {
            case core::NudgeKind::end_notice:
                actions = {{"done", tr("I'm done")}, {"more", tr("10 more minutes")}, {"late", tr("Working late")}};
                break;
            case core::NudgeKind::firm:
                actions = {{"done", tr("Disconnect now")}, {"snooze", tr("Snooze 15 min")}};
                break;
            case core::NudgeKind::quiet_prompt:
                actions = {{"personal", tr("Personal")}, {"work", tr("Work")}};
                break;
            default:
                break;
        }
        bool urgent = nudge.kind == core::NudgeKind::firm;
        spdlog::info("nudge {}", static_cast<int>(nudge.kind));
        notifier_.show(nudge_title(nudge), nudge_body(nudge, zone_), actions, urgent,
                       [this](const std::string& action) { answer(action); });
    }

  private:
    void answer(const std::string& action) {
        if (!engine_)
            return;
        if (action == "done")
            engine_->done_for_today();
        if (action == "more")
            engine_->more_minutes();
        if (action == "late")
            engine_->working_late();
        if (action == "snooze")
            engine_->snooze();
        if (action == "personal")
            engine_->mark_personal();
        if (action == "work")
            engine_->mark_work();
    }

    platform::DesktopNotifier& notifier_;
    const core::TimeZone& zone_;
    Engine* engine_ = nullptr;
};

}  // namespace

int print_doctor_backends(std::ostream& out) {
    int problems = 0;
    NullSink sink;
    out << tr("Signal backends") << '\n';
    bool chosen = false;
    for (auto& source : platform::make_idle_sources()) {
        std::string why;
        bool works = source->start(sink, core::Seconds{300}, why);
        if (works)
            source->stop();
        out << "  idle    " << source->name() << ": " << (works ? tr("works") : tr("does not work") + " (" + why + ")")
            << (works && !chosen ? std::string(" ") + tr("[chosen]") : "") << '\n';
        chosen = chosen || works;
    }
    if (!chosen) {
        out << "  " << tr("no idle backend works: activity is recorded as unknown") << '\n';
        ++problems;
    }
    for (auto& source : platform::make_session_sources()) {
        std::string why;
        bool works = source->start(sink, core::Seconds{300}, why);
        if (works)
            source->stop();
        out << "  session " << source->name() << ": " << (works ? tr("works") : tr("does not work") + " (" + why + ")")
            << '\n';
    }
    auto notifier = platform::make_desktop_notifier("Clockout", "org.clockout.Clockout");
    std::string detail;
    bool notifications = notifier->available(detail);
    out << tr("Notification service") << ": " << (notifications ? detail : tr("none") + " (" + detail + ")") << '\n';
    return problems;
}

int run_agent(const Options& options, bool headless) {
    Context context;
    if (auto error = make_context(options, context); !error.empty()) {
        std::cerr << "clockout: " << error << '\n';
        return 1;
    }
    set_language(choose_language(context.settings.language));
    setup_logging(context.log_file);
    for (const auto& issue : context.settings_issues)
        spdlog::warn("settings: {}", issue.to_string());

    std::string error;
    auto instance = platform::acquire_single_instance(context.paths.runtime_dir, error);
    if (!instance) {
        std::cerr << "clockout: " << error << '\n';
        return 1;
    }
    // A primary that could not open its socket is still the one agent; a second launch just cannot reach it.
    if (!error.empty())
        spdlog::warn("single instance: {}", error);
    if (!instance->is_primary()) {
        instance->send("show");
        std::cout << tr("Clockout is already running; it was asked to show its status.") << '\n';
        return 0;
    }
    if (!headless) {
        // The tray agent is not built yet: run without a window, as --headless does.
        spdlog::info("no tray agent in this build: running headless");
    }

    std::vector<std::string> notices;
    std::unique_ptr<journal::Journal> journal;
    try {
        journal = open_journal(context, false, notices);
    } catch (const std::exception& e) {
        std::cerr << "clockout: " << e.what() << '\n';
        return 1;
    }
    auto notifier = platform::make_desktop_notifier("Clockout", "org.clockout.Clockout");
    for (const auto& notice : notices) {
        spdlog::warn("{}", notice);
        notifier->show("Clockout", notice, {}, false, nullptr);
    }

    core::SystemClock clock;
    NotificationPresenter presenter(*notifier, *context.zone);
    Engine engine(context, *journal, *journal, clock, presenter);
    presenter.set_engine(&engine);

    auto loop = platform::make_event_loop();
    // The tracker first hears that the agent started; the sources then report the state they find.
    engine.start("agent");
    std::vector<std::unique_ptr<platform::ActivitySource>> running;
    std::string idle_name;
    for (auto& source : platform::make_idle_sources()) {
        std::string why;
        if (source->start(engine, context.settings.idle_threshold, why)) {
            idle_name = source->name();
            spdlog::info("idle backend: {}", idle_name);
            running.push_back(std::move(source));
            break;
        }
        spdlog::info("idle backend {} does not work: {}", source->name(), why);
    }
    if (idle_name.empty())
        spdlog::warn("no idle backend works: activity will be recorded as unknown");
    for (auto& source : platform::make_session_sources()) {
        std::string why;
        if (source->start(engine, context.settings.idle_threshold, why)) {
            spdlog::info("session backend: {}", source->name());
            running.push_back(std::move(source));
        } else {
            spdlog::info("session backend {} does not work: {}", source->name(), why);
        }
    }

    instance->listen([&](const std::string& message) { spdlog::info("second launch asked: {}", message); });

    std::function<void()> arm = [&] {
        engine.on_deadline();
        loop->set_deadline(engine.next_delay(), arm);
    };
    loop->set_deadline(engine.next_delay(), arm);
    loop->on_terminate([&](int signal) {
        spdlog::info("signal {}: committing and exiting", signal);
        loop->quit();
    });
    loop->run();
    for (auto& source : running)
        source->stop();
    engine.stop();
    journal->backup_if_due(context.backup_dir,
                           core::work_day_of(context.zone->to_local(clock.now()), core::Minutes{0}));
    spdlog::info("stopped");
    return 0;
}

}  // namespace clockout::app
