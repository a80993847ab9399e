#include "app/agent.h"

#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/engine.h"
#include "app/i18n.h"
#include "app/logging.h"
#include "app/report.h"
#include "journal/journal.h"
#include "platform/event_loop.h"
#include "platform/notifier.h"
#include "platform/process.h"
#include "platform/single_instance.h"

namespace clockout::app {

namespace {

// Headless: every nudge becomes a desktop notification whose buttons answer the engine.
class NotificationPresenter final : public NudgePresenter {
  public:
    NotificationPresenter(platform::DesktopNotifier& notifier, const core::TimeZone& zone, const core::Clock& clock)
        : notifier_(notifier), zone_(zone), clock_(clock) {}
    void set_engine(Engine* engine) { engine_ = engine; }

    void present(const core::Nudge& nudge) override {
        std::vector<platform::NotificationAction> actions;
        const auto& settings = engine_ ? engine_->settings().nudge : core::NudgeSettings{};
        for (const auto& button : nudge_buttons(nudge, settings))
            actions.push_back({std::string(answer_id(button.answer)), button.label});
        bool urgent = nudge.kind == core::NudgeKind::firm;
        spdlog::info("nudge {}", static_cast<int>(nudge.kind));
        notifier_.show(nudge_title(nudge), nudge_body(nudge, zone_, clock_.now()), actions, urgent,
                       [this](const std::string& action) { answer(action); });
    }

  private:
    void answer(const std::string& id) {
        auto answer = answer_from_id(id);
        if (engine_ && answer)
            engine_->answer(*answer);
    }

    platform::DesktopNotifier& notifier_;
    const core::TimeZone& zone_;
    const core::Clock& clock_;
    Engine* engine_ = nullptr;
};

}  // namespace

AgentRuntime::AgentRuntime(Options options) : options_(std::move(options)) {}

AgentRuntime::~AgentRuntime() {
    stop();
}

AgentRuntime::Launch AgentRuntime::prepare(std::string& error) {
    // Past a file size limit a write should fail (and be kept in memory by the resilient sink), not kill the agent.
    platform::survive_file_size_limit();
    if (error = make_context(options_, context_); !error.empty())
        return Launch::failed;
    set_language(choose_language(context_.settings.language));
    setup_logging(context_.log_file);
    for (const auto& issue : context_.settings_issues)
        spdlog::warn("settings: {}", issue.to_string());
    spdlog::info("settings in force: {}", context_.settings_source == Context::Source::last_good ? "the last good copy"
                                          : context_.settings_source == Context::Source::lower_layers
                                              ? "the layers below the user's file"
                                              : "the files as written");
    // Told once: the one line of settings_problem(), or each problem of an employer's layer.
    if (update_settings_problem())
        notices_.push_back(settings_problem_);
    else
        for (const auto& issue : context_.settings_issues)
            notices_.push_back(settings_issue_text(issue));
    instance_ = platform::acquire_single_instance(context_.paths.runtime_dir, error);
    if (!instance_)
        return Launch::failed;
    // A primary that could not open its socket is still the one agent; a second launch just cannot reach it.
    if (!error.empty())
        spdlog::warn("single instance: {}", error);
    error.clear();
    if (!instance_->is_primary()) {
        instance_->send("show");
        return Launch::secondary;
    }
    std::vector<std::string> journal_notices;
    try {
        journal_ = open_journal(context_, false, journal_notices);
    } catch (const std::exception& e) {
        error = e.what();
        return Launch::failed;
    }
    for (const auto& notice : journal_notices) {
        spdlog::warn("{}", notice);
        notices_.push_back(notice);
    }
    remember_good_settings();
    notifier_ = platform::make_desktop_notifier("Clockout", CLOCKOUT_APP_ID);
    loop_ = platform::make_event_loop();
    return Launch::primary;
}

void AgentRuntime::start(NudgePresenter& presenter) {
    sink_ = std::make_unique<ResilientSink>(
        *journal_, *journal_,
        [this](const std::string& error) {
            spdlog::error("journal: {}; recording continues in memory and is written at the next commit that succeeds",
                          error);
            notifier_->show("Clockout",
                            tr("Your journal cannot be written right now (is the disk full?). Clockout keeps "
                               "recording and saves everything as soon as it can."),
                            {}, false, nullptr);
        },
        [] { spdlog::info("journal: writable again; everything kept in memory was written"); });
    engine_ = std::make_unique<Engine>(context_, *sink_, *sink_, clock_, presenter);
    // The tracker first hears that the agent started; the sources then report the state they find.
    engine_->start("agent");
    for (auto& source : platform::make_idle_sources()) {
        std::string why;
        if (source->start(forward_, context_.settings.idle_threshold, why)) {
            idle_name_ = source->name();
            spdlog::info("idle backend: {}", idle_name_);
            running_.push_back(std::move(source));
            break;
        }
        spdlog::info("idle backend {} does not work: {}", source->name(), why);
    }
    if (idle_name_.empty())
        spdlog::warn("no idle backend works: activity will be recorded as unknown");
    for (auto& source : platform::make_session_sources()) {
        std::string why;
        if (source->start(forward_, context_.settings.idle_threshold, why)) {
            std::string detail = source->detail();
            spdlog::info("session backend: {}{}", source->name(), detail.empty() ? "" : " (" + detail + ")");
            running_.push_back(std::move(source));
        } else {
            spdlog::info("session backend {} does not work: {}", source->name(), why);
        }
    }
    apply_call_detection();
    start_watch();
    apply_devices_folder();
    instance_->listen([this](const std::string& message) {
        spdlog::info("second launch asked: {}", message);
        if (message == "show" && on_show_)
            on_show_();
    });
    // `clockout status` asks for the live figures: the same DayView the menu shows, so both agree to the minute.
    instance_->answer([this](const std::string& message) -> std::optional<std::string> {
        if (message != "status")
            return std::nullopt;
        return day_view_json(day_view(), *context_.zone);
    });
    rearm();
    loop_->on_terminate([this](int signal) {
        spdlog::info("signal {}: committing and exiting", signal);
        if (on_quit_)
            on_quit_();
        else
            loop_->quit();
    });
}

void AgentRuntime::Forward::on_activity(const platform::ActivityEvent& event) {
    runtime_.engine_->on_activity(event);
    // An event can move the next deadline (input during the end of the day brings the nudges forward).
    runtime_.rearm();
    if (event.kind == platform::ActivityKind::input_active && runtime_.on_input_)
        runtime_.on_input_();
}

void AgentRuntime::rearm() {
    if (!engine_ || stopped_)
        return;
    auto delay = engine_->next_delay();
    if (on_deadline_) {
        // The tray's icon changes at the day's end and at quiet hours' edges even when the policy has nothing to say.
        if (auto change = next_tray_change(context_, clock_.now()))
            delay = std::min(delay,
                             std::max(std::chrono::milliseconds{1000},
                                      std::chrono::duration_cast<std::chrono::milliseconds>(*change - clock_.now())));
    }
    loop_->set_deadline(delay, [this] {
        engine_->on_deadline();
        publish_devices(false);
        if (on_deadline_)
            on_deadline_();
        rearm();
    });
}

DayView AgentRuntime::day_view() {
    const bool paused = engine_->live_state().paused;
    const auto intervals = engine_->intervals();
    auto view = compute_day_view(context_, intervals, clock_.now(), paused, true);
    view.in_call = engine_->tracker().in_call() && !paused;
    return view;
}

void AgentRuntime::run_loop() {
    loop_->run();
}

void AgentRuntime::start_watch() {
    // Hand edits are read within the watch's settling time (150 ms), not at the next start. Before the first run's
    // page wrote the file, its folder may not exist yet: the watch then starts at the first reload.
    watch_ = platform::make_file_watch();
    if (auto why = watch_->start(context_.user_config, [this] { reload_settings(); }); !why.empty()) {
        spdlog::info("settings file watch: {}; hand edits are read at the next start or reload", why);
        watch_.reset();
    } else {
        spdlog::info("settings file watch: {}", context_.user_config.string());
    }
}

bool AgentRuntime::update_settings_problem() {
    std::string line;
    const std::string user_file = context_.user_config.string();
    const auto& issues = context_.settings_issues;
    const auto first = std::find_if(issues.begin(), issues.end(),
                                    [&](const core::SettingsIssue& issue) { return issue.file == user_file; });
    if (first != issues.end()) {
        const auto count = std::count_if(issues.begin(), issues.end(),
                                         [&](const core::SettingsIssue& issue) { return issue.file == user_file; });
        line = settings_issue_text(*first);
        if (count > 1)
            line += " " + ntrf("(and {} more problem: clockout config check)",
                               "(and {} more problems: clockout config check)", count - 1, count - 1);
        line += ". " + (context_.settings_source == Context::Source::last_good
                            ? tr("Clockout keeps the last good settings until the file is mended.")
                            : tr("Clockout uses the defaults until the file is mended."));
    }
    if (line == settings_problem_)
        return false;
    settings_problem_ = line;
    return true;
}

void AgentRuntime::remember_good_settings() {
    if (context_.settings_source != Context::Source::files || user_file_has_problem(context_, context_.settings_issues))
        return;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(context_.user_config, ec))
        return;  // nothing of the worker's own to keep yet
    // Written only when it differs, so a reload that changes nothing writes nothing.
    if (core::load_settings_file(context_.last_good_file, core::Settings{}).settings == context_.settings &&
        std::filesystem::exists(context_.last_good_file, ec))
        return;
    if (auto error = write_settings_file(context_.last_good_file, context_.settings); !error.empty())
        spdlog::warn("settings: cannot keep a copy of the good settings: {}", error);
}

void AgentRuntime::reload_settings() {
    if (engine_ && !watch_ && !stopped_)
        start_watch();
    const core::Settings before = context_.settings;
    const std::string zone_before = context_.zone ? context_.zone->name() : "";
    auto loaded = core::load_settings(context_.config_layers);
    if (user_file_has_problem(context_, loaded.issues)) {
        // The user's file with a mistake keeps the settings in force (not the layers below it, which is what
        // load_settings returns): the worker's day's end, windows and leave stay as they were until it is mended.
        context_.settings_issues = loaded.issues;
        for (const auto& issue : loaded.issues)
            spdlog::warn("settings: {}; the settings in force are kept", issue.to_string());
        if (context_.settings_source == Context::Source::files)
            context_.settings_source = Context::Source::last_good;
    } else {
        // A mistake in the employer's defaults only skips that layer, as at start.
        for (const auto& issue : loaded.issues)
            spdlog::warn("settings: {}", issue.to_string());
        context_.settings_issues = loaded.issues;
        context_.settings = loaded.settings;
        context_.settings_source = Context::Source::files;
        remember_good_settings();
    }
    if (update_settings_problem()) {
        if (!settings_problem_.empty() && notifier_)
            notifier_->show("Clockout", settings_problem_, {}, false, nullptr);
        if (on_settings_problem_)
            on_settings_problem_(settings_problem_);
    }
    if (context_.settings == before)
        return;
    context_.zone = resolve_zone(context_.settings);
    context_.schedule = std::make_shared<core::Schedule>(context_.settings.schedule);
    set_language(choose_language(context_.settings.language));
    spdlog::info("settings reloaded (day_start {}){}", core::format_hhmm(context_.settings.schedule.day_start),
                 context_.zone->name() != zone_before ? " (zone " + context_.zone->name() + ")" : "");
    // The idle backend was armed with the threshold at start: armed again with the new one (it comes first in
    // running_, before the session sources).
    if (engine_ && context_.settings.idle_threshold != before.idle_threshold && !idle_name_.empty() &&
        !running_.empty()) {
        auto& idle = running_.front();
        idle->stop();
        std::string why;
        if (idle->start(forward_, context_.settings.idle_threshold, why))
            spdlog::info("idle backend {} armed again with a threshold of {}s", idle_name_,
                         context_.settings.idle_threshold.count());
        else
            spdlog::warn("idle backend {} could not be armed again: {}", idle_name_, why);
    }
    if (engine_) {
        apply_call_detection();
        apply_devices_folder();
        engine_->settings_changed();
        rearm();
    }
}

void AgentRuntime::apply_call_detection() {
    if (!context_.settings.detect_calls) {
        if (call_) {
            call_->stop();
            call_.reset();
            call_name_.clear();
            spdlog::info("call backend stopped: [calls] detect is off");
            // A call in progress ends here: from now on calls are not recorded.
            platform::ActivityEvent end;
            end.kind = platform::ActivityKind::call_ended;
            end.at = std::chrono::floor<std::chrono::seconds>(clock_.now());
            end.source = "settings";
            forward_.on_activity(end);
        }
        return;
    }
    if (call_)
        return;
    for (auto& source : platform::make_call_sources()) {
        std::string why;
        if (source->start(forward_, context_.settings.idle_threshold, why)) {
            call_name_ = source->name();
            std::string detail = source->detail();
            spdlog::info("call backend: {}{}", call_name_, detail.empty() ? "" : " (" + detail + ")");
            call_ = std::move(source);
            return;
        }
        spdlog::info("call backend {} does not work: {}", source->name(), why);
    }
    spdlog::info("no call backend works: calls with no input are recorded as idle");
}

void AgentRuntime::stop() {
    if (stopped_ || !engine_)
        return;
    stopped_ = true;
    if (watch_)
        watch_->stop();
    for (auto& source : running_)
        source->stop();
    running_.clear();
    if (call_)
        call_->stop();
    call_.reset();
    engine_->stop();
    if (devices_watch_)
        devices_watch_->stop();
    publish_devices(true);
    journal_->backup_if_due(context_.backup_dir,
                            core::work_day_of(context_.zone->to_local(clock_.now()), core::Minutes{0}));
    spdlog::info("stopped");
}

void AgentRuntime::apply_devices_folder() {
    if (devices_ && devices_folder_ == context_.settings.devices_folder)
        return;
    if (devices_watch_)
        devices_watch_->stop();
    devices_watch_.reset();
    devices_.reset();
    devices_folder_ = context_.settings.devices_folder;
    if (devices_folder_.empty())
        return;
    devices_ = std::make_unique<DevicesFolder>(*journal_, context_);
    publish_devices(true);
    read_devices();
    devices_watch_ = platform::make_file_watch();
    // A sync engine writes a file in steps (a temporary, then a rename): one read a second after the last change.
    if (auto why = devices_watch_->start_tree(
            devices_->folder(), [this] { read_devices(); }, 1000);
        !why.empty()) {
        spdlog::info("devices folder watch: {}; the others' files are read at the next start or clockout sync", why);
        devices_watch_.reset();
    } else {
        spdlog::info("devices folder watch: {}", devices_folder_);
    }
}

void AgentRuntime::tell_device_problems(const SyncReport& report) {
    if (!report.error.empty())
        spdlog::warn("devices folder: {}", report.error);
    for (const auto& line : report.new_problems) {
        spdlog::warn("devices folder: {}", line);
        if (notifier_)
            notifier_->show("Clockout", line, {}, false, nullptr);
    }
}

void AgentRuntime::read_devices() {
    if (!devices_ || stopped_)
        return;
    try {
        const auto report = devices_->read_others(clock_.now());
        if (report.files_read > 0)
            spdlog::info("devices folder: {} files read ({} rows)", report.files_read, report.rows_read);
        tell_device_problems(report);
    } catch (const std::exception& e) {
        spdlog::error("devices folder: {}", e.what());
    }
    // The other devices' rows may move a nudge (their activity counts as the worker's).
    rearm();
}

void AgentRuntime::publish_devices(bool now_anyway) {
    if (!devices_)
        return;
    const auto now = clock_.now();
    if (!now_anyway && now - last_publish_ < std::chrono::minutes{5})
        return;
    last_publish_ = now;
    try {
        const auto report = devices_->publish();
        if (report.files_published > 0)
            spdlog::info("devices folder: {} files published", report.files_published);
        tell_device_problems(report);
    } catch (const std::exception& e) {
        spdlog::error("devices folder: {}", e.what());
    }
}

int run_agent(const Options& options, bool /*headless*/) {
    AgentRuntime runtime(options);
    std::string error;
    switch (runtime.prepare(error)) {
        case AgentRuntime::Launch::failed:
            std::cerr << "clockout: " << error << '\n';
            return 1;
        case AgentRuntime::Launch::secondary:
            std::cout << tr("Clockout is already running; it was asked to show its status.") << '\n';
            return 0;
        case AgentRuntime::Launch::primary:
            break;
    }
    for (const auto& notice : runtime.notices())
        runtime.notifier().show("Clockout", notice, {}, false, nullptr);
    NotificationPresenter presenter(runtime.notifier(), *runtime.context().zone, runtime.clock());
    runtime.start(presenter);
    presenter.set_engine(&runtime.engine());
    runtime.run_loop();
    runtime.stop();
    return 0;
}

}  // namespace clockout::app
