#include "app/doctor.h"

#include <string>
#include <system_error>
#include <vector>

#include "app/i18n.h"
#include "journal/journal.h"
#include "platform/activity.h"
#include "platform/notifier.h"
#include "platform/tray_host.h"

namespace clockout::app {

namespace {

// A sink for doctor's dry runs: backends are started and stopped, their events ignored.
class NullSink final : public platform::ActivitySink {
  public:
    void on_activity(const platform::ActivityEvent&) override {}
};

}  // namespace

int print_doctor_journal(const Context& context, std::ostream& out) {
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
    auto notifier = platform::make_desktop_notifier("Clockout", "org.clockout.Clockout");
    std::string detail;
    bool notifications = notifier->available(detail);
    out << tr("Tray host") << ": " << platform::probe_tray_host().detail << '\n';
    out << tr("Notification service") << ": " << (notifications ? detail : tr("none") + " (" + detail + ")") << '\n';
    return problems;
}

}  // namespace clockout::app
