// The week rollover: at the first activity of a new ISO week, the week that ended opens by itself, once.
#include "ui/tray_parts.h"
#include "ui/windows.h"

#include <filesystem>
#include <fstream>

namespace clockout::ui {

void check_new_week(app::AgentRuntime& runtime) {
    auto& context = runtime.context();
    auto d = app::work_day_at(context, runtime.clock().now());
    auto monday = core::iso_week_monday(d);
    auto previous = add_days(monday, -7);
    auto file = context.paths.state_dir / "last-summary-week";
    std::string last;
    std::ifstream(file) >> last;
    auto label = core::iso_week_label(previous);
    if (last == label)
        return;
    bool first_use = last.empty();
    std::filesystem::create_directories(context.paths.state_dir);
    std::ofstream(file) << label << '\n';
    // No summary on the very first start (nothing recorded yet): only remember the week.
    auto first_day = runtime.engine().intervals().first_day();
    if (first_use && (!first_day || *first_day >= monday))
        return;
    if (!runtime.engine().live_state().present)
        return;
    show_summary(runtime, previous);
}

}  // namespace clockout::ui
