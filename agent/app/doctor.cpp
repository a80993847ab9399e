#include "app/doctor.h"

#include <string>
#include <system_error>
#include <vector>

#include "app/i18n.h"
#include "journal/journal.h"
#include "platform/activity.h"
#include "platform/notifier.h"
#include "platform/single_instance.h"
#include "platform/tray_host.h"

namespace clockout::app {

namespace {

// A sink for doctor's dry runs: backends are started and stopped, their events ignored.
class NullSink final : public platform::ActivitySink {
  public:
    void on_activity(const platform::ActivityEvent&) override {}
};

}  // namespace

std::string day_list(const std::vector<core::Date>& days) {
    std::string out;
    constexpr std::size_t shown = 10;
    for (std::size_t i = 0; i < days.size() && i < shown; ++i)
        out += (out.empty() ? "" : ", ") + core::format_date(days[i]);
    if (days.size() > shown)
        out += ", " + trf("and {} more", days.size() - shown);
    return out;
}

// Rows of one device that share time (written by agents before 0.2 at each restart): reported, and merged with
// --repair while no agent runs. True when the journal has none (any more).
bool doctor_overlaps(bool repair, const Context& context, const journal::Journal& journal, std::ostream& out) {
    const auto found = journal.overlaps();
    if (found.between_devices > 0) {
        out << "  " << trf("rows of two devices that overlap: {} (their time is counted once)", found.between_devices)
            << '\n';
    }
    if (found.rows == 0) {
        out << "  " << tr("overlapping rows: none") << '\n';
        return true;
    }
    out << "  " << trf("overlapping rows: {} rows of one device share time, on {}", found.rows, day_list(found.days))
        << '\n';
    if (!repair) {
        out << "  "
            << tr("fix: clockout doctor --repair merges them, keeping every active minute (a copy of the journal "
                  "is taken first)")
            << '\n';
        return false;
    }
    // The agent writes the journal while it runs: the repair takes the agent's place for the moment it lasts.
    std::string error;
    auto instance = platform::acquire_single_instance(context.paths.runtime_dir, error);
    if (!instance || !instance->is_primary()) {
        out << "  "
            << tr("repair: not done, the Clockout agent is running; fix: quit it (Quit in its menu), then run "
                  "clockout doctor --repair again")
            << '\n';
        return false;
    }
    std::vector<std::string> notices;
    auto writable = open_journal(context, false, notices);
    const auto result = writable->repair_overlaps(context.backup_dir, core::SystemClock{}.now());
    out << "  "
        << trf("repaired: {} overlapping rows merged into {}; the journal before the repair: {}", result.rows_removed,
               result.rows_written, result.backup.string())
        << '\n';
    return writable->overlaps().rows == 0;
}

int print_doctor_journal(const Context& context, bool repair, std::ostream& out) {
    int problems = 0;
    out << tr("Journal") << '\n';
    std::error_code ec;
    if (!std::filesystem::exists(context.journal_file, ec)) {
        out << "  " << tr("not created yet (the agent creates it when it starts)") << '\n';
        return problems;
    }
    try {
        std::vector<std::string> notices;
        auto journal = open_journal(context, true, notices);
        std::string detail;
        bool ok = journal->integrity_ok(&detail);
        out << "  " << tr("integrity") << ": " << (ok ? "ok" : detail) << '\n';
        out << "  " << tr("schema version") << ": " << journal->schema_version() << '\n';
        out << "  " << tr("intervals") << ": " << journal->interval_count() << '\n';
        if (!ok)
            ++problems;
        if (ok && !doctor_overlaps(repair, context, *journal, out))
            ++problems;
    } catch (const std::exception& e) {
        out << "  " << e.what() << '\n';
        ++problems;
    }
    return problems;
}

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
        // A source made of parts (the clock: clock-set timer and zone watch) says which part works, read before stop.
        std::string detail = works ? source->detail() : why;
        if (works)
            source->stop();
        out << "  session " << source->name() << ": " << (works ? tr("works") : tr("does not work"))
            << (detail.empty() ? "" : " (" + detail + ")") << '\n';
    }
    bool call_chosen = false;
    for (auto& source : platform::make_call_sources()) {
        std::string why;
        bool works = source->start(sink, core::Seconds{300}, why);
        std::string detail = works ? source->detail() : why;
        if (works)
            source->stop();
        out << "  call    " << source->name() << ": " << (works ? tr("works") : tr("does not work"))
            << (detail.empty() ? "" : " (" + detail + ")")
            << (works && !call_chosen ? std::string(" ") + tr("[chosen]") : "") << '\n';
        call_chosen = call_chosen || works;
    }
    if (!call_chosen)
        out << "  " << tr("no call backend works: a call with no input is recorded as idle") << '\n';
    auto notifier = platform::make_desktop_notifier("Clockout", "org.clockout.Clockout");
    std::string detail;
    bool notifications = notifier->available(detail);
    out << tr("Tray host") << ": " << platform::probe_tray_host().detail << '\n';
    out << tr("Notification service") << ": " << (notifications ? detail : tr("none") + " (" + detail + ")") << '\n';
    return problems;
}

}  // namespace clockout::app
