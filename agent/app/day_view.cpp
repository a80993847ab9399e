#include "app/day_view.h"

#include <nlohmann/json.hpp>

#include "app/i18n.h"
#include "app/nudge_text.h"
#include "app/report.h"
#include "core/metrics.h"
#include "core/nudge.h"
#include "platform/single_instance.h"

namespace clockout::app {

namespace {

std::string local_text(const core::TimeZone& zone, core::TimePoint t) {
    return core::format_local(t, zone.offset_at(t));
}

// "2026-11-09T10:00:00+01:00" back to its instant.
std::optional<core::TimePoint> parse_local_text(const std::string& text) {
    if (text.size() != 25)
        return std::nullopt;
    auto utc = core::parse_utc(text.substr(0, 19) + "Z");
    auto offset = core::parse_offset(text.substr(19));
    if (!utc || !offset)
        return std::nullopt;
    return *utc - *offset;
}

core::Date add_days_to(core::Date d, int n) {
    return core::Date{date::sys_days{d} + date::days{n}};
}

}  // namespace

const char* tray_state_name(TrayState state) {
    switch (state) {
        case TrayState::day:
            return "day";
        case TrayState::late:
            return "late";
        case TrayState::quiet:
            return "quiet";
        case TrayState::paused:
            return "paused";
    }
    return "day";
}

std::optional<TrayState> tray_state_from_name(const std::string& name) {
    for (auto state : {TrayState::day, TrayState::late, TrayState::quiet, TrayState::paused})
        if (name == tray_state_name(state))
            return state;
    return std::nullopt;
}

core::Date work_day_at(const Context& context, core::TimePoint now) {
    return core::work_day_of(context.zone->to_local(now), context.settings.schedule.day_start);
}

TrayState tray_state_at(const Context& context, core::TimePoint now, bool paused) {
    auto local_now = context.zone->to_local(now);
    if (paused)
        return TrayState::paused;
    if (context.schedule->in_quiet(local_now))
        return TrayState::quiet;
    auto end = context.schedule->last_window_end_of_day(local_now);
    if (end && local_now >= *end)
        return TrayState::late;
    return TrayState::day;
}

std::optional<core::TimePoint> next_tray_change(const Context& context, core::TimePoint now) {
    const auto local_now = context.zone->to_local(now);
    std::optional<core::LocalTime> next;
    auto consider = [&](core::LocalTime t) {
        if (t > local_now && (!next || t < *next))
            next = t;
    };
    if (auto end = context.schedule->last_window_end_of_day(local_now))
        consider(*end);
    for (const auto& span : context.schedule->quiet_between(local_now, local_now + std::chrono::hours{48})) {
        consider(span.start);
        consider(span.end);
    }
    // A new work day brings a new day's end.
    consider(core::work_day_start(add_days_to(work_day_at(context, now), 1), context.settings.schedule.day_start));
    if (!next)
        return std::nullopt;
    return context.zone->to_utc(*next);
}

DayView compute_day_view(const Context& context, const core::IntervalSource& intervals, core::TimePoint now,
                         bool paused, bool live) {
    DayView view;
    view.now = now;
    view.live = live;
    view.paused = paused;
    view.date = work_day_at(context, now);
    const auto& limits = context.settings.limits;
    auto day = core::compute_day(intervals, view.date, *context.schedule, limits);
    view.active_min = day.active_min;
    view.amplitude_min = day.amplitude_min;
    view.call_min = day.call_min;
    view.first_active = day.first_active;
    view.first_offset = day.first_offset;
    auto week = core::compute_week(intervals, core::iso_week_monday(view.date), *context.schedule, limits, now);
    view.week_active_min = week.total_active_min;
    auto local_now = context.zone->to_local(now);
    if (auto end = context.schedule->last_window_end_of_day(local_now)) {
        view.day_end = context.zone->to_utc(*end);
        view.late = local_now >= *end;
    }
    view.quiet = context.schedule->in_quiet(local_now);
    view.daily_rest_h = limits.daily_rest_min / 60;
    view.latest_stop = core::latest_stop(*context.schedule, *context.zone, now, core::Minutes{limits.daily_rest_min});
    view.state = tray_state_at(context, now, paused);
    return view;
}

std::string day_view_heading(const DayView& view) {
    return trf("Today, {}", format_day_label(view.date));
}

std::vector<std::string> day_view_lines(const DayView& view, const core::TimeZone& zone) {
    std::vector<std::string> lines;
    if (view.first_active) {
        lines.push_back(trf("Active time: {}; amplitude: {} since {}", format_minutes(view.active_min),
                            format_minutes(view.amplitude_min),
                            core::format_local(*view.first_active, view.first_offset).substr(11, 5)));
    } else {
        lines.push_back(tr("No activity recorded yet today."));
    }
    if (view.in_call)
        lines.push_back(view.call_min > 0
                            ? trf("In a call now (counted as work); calls today: {}", format_minutes(view.call_min))
                            : tr("In a call now (counted as work)"));
    else if (view.call_min > 0)
        lines.push_back(trf("Of the active time, in calls: {}", format_minutes(view.call_min)));
    if (view.day_end)
        lines.push_back(trf("Your day ends at {}", clock_of(zone, *view.day_end)));
    else
        lines.push_back(tr("No working window today: it is a day off."));
    if (view.latest_stop)
        lines.push_back(
            trf("Latest stop for {} h of rest: {}", view.daily_rest_h, stop_time(zone, *view.latest_stop, view.now)));
    lines.push_back(trf("This week: {}", format_minutes(view.week_active_min)));
    if (view.paused)
        lines.push_back(tr("Tracking is paused."));
    return lines;
}

std::string day_view_json(const DayView& view, const core::TimeZone& zone) {
    nlohmann::ordered_json j;
    j["date"] = core::format_date(view.date);
    j["active_min"] = view.active_min;
    j["amplitude_min"] = view.amplitude_min;
    j["call_min"] = view.call_min;
    j["in_call"] = view.in_call;
    j["first_active"] = view.first_active
                            ? nlohmann::ordered_json(core::format_local(*view.first_active, view.first_offset))
                            : nlohmann::ordered_json(nullptr);
    j["day_end"] = view.day_end ? nlohmann::ordered_json(local_text(zone, *view.day_end)) : nullptr;
    j["latest_stop"] = view.latest_stop ? nlohmann::ordered_json(local_text(zone, *view.latest_stop)) : nullptr;
    j["daily_rest_h"] = view.daily_rest_h;
    j["week_active_min"] = view.week_active_min;
    j["state"] = tray_state_name(view.state);
    j["paused"] = view.paused;
    j["quiet"] = view.quiet;
    j["late"] = view.late;
    j["source"] = view.live ? "agent" : "journal";
    j["now"] = local_text(zone, view.now);
    return j.dump(2) + "\n";
}

std::optional<DayView> parse_day_view_json(const std::string& text, std::string& error) {
    try {
        auto j = nlohmann::json::parse(text);
        DayView view;
        auto date = core::parse_date(j.at("date").get<std::string>());
        auto now = parse_local_text(j.at("now").get<std::string>());
        auto state = tray_state_from_name(j.at("state").get<std::string>());
        if (!date || !now || !state) {
            error = "date, now or state unreadable";
            return std::nullopt;
        }
        view.date = *date;
        view.now = *now;
        view.state = *state;
        view.active_min = j.at("active_min").get<std::int64_t>();
        view.amplitude_min = j.at("amplitude_min").get<std::int64_t>();
        // Absent in an agent older than the call state: none.
        view.call_min = j.value("call_min", std::int64_t{0});
        view.in_call = j.value("in_call", false);
        view.week_active_min = j.at("week_active_min").get<std::int64_t>();
        view.daily_rest_h = j.at("daily_rest_h").get<std::int64_t>();
        view.paused = j.at("paused").get<bool>();
        view.quiet = j.at("quiet").get<bool>();
        view.late = j.at("late").get<bool>();
        view.live = j.at("source").get<std::string>() == "agent";
        auto read_time = [&](const char* key) -> std::optional<core::TimePoint> {
            if (j.at(key).is_null())
                return std::nullopt;
            auto t = parse_local_text(j.at(key).get<std::string>());
            if (!t)
                throw std::runtime_error(std::string(key) + " unreadable");
            return t;
        };
        view.first_active = read_time("first_active");
        if (view.first_active)
            view.first_offset = *core::parse_offset(j.at("first_active").get<std::string>().substr(19));
        view.day_end = read_time("day_end");
        view.latest_stop = read_time("latest_stop");
        return view;
    } catch (const std::exception& e) {
        error = e.what();
        return std::nullopt;
    }
}

std::optional<DayView> ask_agent_day_view(const Context& context, std::string& why) {
    auto reply = platform::ask_running_instance(context.paths.runtime_dir, "status", std::chrono::seconds{2}, why);
    if (!reply)
        return std::nullopt;
    return parse_day_view_json(*reply, why);
}

}  // namespace clockout::app
