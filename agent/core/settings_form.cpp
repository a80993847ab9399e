#include "core/settings_form.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace clockout::core {

namespace {

// Marks a message for translation (tests/i18n/check_translations.sh reads N_ in every agent/ file); the dialog
// translates it where it is shown. Core has no catalog of its own.
constexpr const char* N_(const char* english) {
    return english;
}

constexpr std::array<std::string_view, 7> k_days{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string trim(std::string_view s) {
    const auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string_view::npos)
        return "";
    const auto b = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(a, b - a + 1));
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> parts;
    std::stringstream in{std::string(text)};
    std::string part;
    while (std::getline(in, part, ',')) {
        auto t = trim(part);
        if (!t.empty())
            parts.push_back(t);
    }
    return parts;
}

std::string join_ranges(const std::vector<TimeRange>& ranges) {
    std::string s;
    for (const auto& r : ranges)
        s += (s.empty() ? "" : ", ") + format_time_range(r);
    return s;
}

// The schema name of the key written on `line` (1-based) of a to_toml text, or "".
std::string key_at_line(const std::string& toml_text, int line) {
    std::istringstream in(toml_text);
    std::string row, table;
    for (int n = 1; std::getline(in, row); ++n) {
        if (!row.empty() && row.front() == '[' && row.back() == ']')
            table = row.substr(1, row.size() - 2);
        if (n != line)
            continue;
        const auto eq = row.find(" = ");
        return eq == std::string::npos ? "" : table + "." + row.substr(0, eq);
    }
    return "";
}

bool is_form_field(const std::string& name) {
    const auto& f = form_fields();
    return std::find(f.begin(), f.end(), name) != f.end();
}

}  // namespace

std::string FieldProblem::english() const {
    return fill_template(message, args);
}

std::string format_field_duration(Seconds value, DisplayUnit unit) {
    const auto total = value.count();
    if (total % 60 != 0)
        return std::to_string(total) + " s";
    const auto minutes = total / 60;
    if (unit != DisplayUnit::hours)
        return std::to_string(minutes) + " min";
    const auto h = minutes / 60, m = minutes % 60;
    // A week's figures read as "44 h"; a day's as on a clock, "10 h 00" (French typography, as in the tray).
    if (m == 0 && h >= 24)
        return std::to_string(h) + " h";
    return std::to_string(h) + " h " + (m < 10 ? "0" : "") + std::to_string(m);
}

std::optional<Seconds> parse_field_duration(std::string_view text, DisplayUnit unit) {
    // Read as number-unit pairs: "10 h 30", "10h30min", "1 h 30 min", "90 s"; "10:30" is hours and minutes; a bare
    // number counts in the field's unit, and a number after hours counts minutes.
    std::string t;
    for (char c : text)
        t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    t = trim(t);
    if (t.empty())
        return std::nullopt;
    if (const auto colon = t.find(':'); colon != std::string::npos) {
        const auto h = trim(t.substr(0, colon)), m = trim(t.substr(colon + 1));
        if (h.empty() || m.size() != 2 || h.size() > 4 || !std::all_of(h.begin(), h.end(), ::isdigit) ||
            !std::all_of(m.begin(), m.end(), ::isdigit) || std::stoi(m) > 59)
            return std::nullopt;
        return Seconds{(std::stoll(h) * 60 + std::stoll(m)) * 60};
    }
    std::int64_t total = 0;
    bool after_hours = false, any = false;
    std::size_t i = 0;
    while (i < t.size()) {
        while (i < t.size() && t[i] == ' ')
            ++i;
        if (i >= t.size())
            break;
        std::size_t start = i;
        while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])))
            ++i;
        if (i == start || i - start > 6)
            return std::nullopt;
        const std::int64_t number = std::stoll(t.substr(start, i - start));
        while (i < t.size() && t[i] == ' ')
            ++i;
        std::size_t u = i;
        while (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i])))
            ++i;
        const std::string word = t.substr(u, i - u);
        std::int64_t factor = 0;
        if (word == "h")
            factor = 3600;
        else if (word == "min" || word == "m" || word == "mn")
            factor = 60;
        else if (word == "s")
            factor = 1;
        else if (word.empty())
            factor = after_hours ? 60 : unit == DisplayUnit::hours ? 3600 : 60;
        else
            return std::nullopt;
        if (word.empty() && after_hours && number > 59)
            return std::nullopt;  // "10 h 75"
        after_hours = word == "h";
        total += number * factor;
        any = true;
    }
    if (!any)
        return std::nullopt;
    return Seconds{total};
}

const std::vector<std::string>& form_fields() {
    static const std::vector<std::string> fields = [] {
        std::vector<std::string> out;
        for (const auto& spec : settings_schema()) {
            const auto name = spec.name();
            if (name == "schedule.timezone" || name == "limits.night" || name == "journal.retention" ||
                name == "journal.device")
                continue;
            out.push_back(name);
        }
        return out;
    }();
    return fields;
}

SettingsForm form_from_settings(const Settings& settings) {
    SettingsForm form;
    const auto& s = settings.schedule;
    form.rest_days = s.rest_days;
    for (const auto& spec : settings_schema()) {
        const auto name = spec.name();
        if (!is_form_field(name))
            continue;
        std::string text;
        switch (spec.kind) {
            case SettingKind::time_of_day:
                text = format_hhmm(s.day_start);
                break;
            case SettingKind::windows: {
                const auto d =
                    static_cast<std::size_t>(std::find(k_days.begin(), k_days.end(), spec.key) - k_days.begin());
                text = join_ranges(s.windows[d]);
                break;
            }
            case SettingKind::optional_range:
                text = s.quiet_evening ? format_time_range(*s.quiet_evening) : "";
                break;
            case SettingKind::holidays:
                text = s.public_holidays;
                break;
            case SettingKind::dates:
                for (const auto& r : s.leave)
                    text += (text.empty() ? "" : ", ") + format_date_range(r);
                break;
            case SettingKind::language:
                text = settings.language;
                break;
            case SettingKind::flag:
                text = settings.detect_calls ? "true" : "false";
                break;
            case SettingKind::text:
                text = spec.get_text(settings);
                break;
            case SettingKind::duration:
            case SettingKind::limit:
                text = format_field_duration(spec.get(settings), spec.unit);
                break;
            default:
                break;
        }
        form.text[name] = text;
    }
    return form;
}

FormResult settings_from_form(const SettingsForm& form, const Settings& base) {
    FormResult result{base, {}};
    Settings s = base;
    auto& problems = result.problems;
    auto problem = [&](const std::string& field, const char* message, std::vector<std::string> args = {}) {
        problems.push_back({field, message, std::move(args)});
    };
    auto field_text = [&](const std::string& name) -> std::string {
        const auto it = form.text.find(name);
        return it == form.text.end() ? std::string() : it->second;
    };
    const Settings shown = base;  // what the fields held when the dialog opened
    const SettingsForm before = form_from_settings(shown);
    s.schedule.rest_days = form.rest_days;
    std::array<bool, 7> day_ok{};
    for (const auto& spec : settings_schema()) {
        const auto name = spec.name();
        if (!is_form_field(name) || !form.text.count(name))
            continue;
        const std::string text = trim(field_text(name));
        switch (spec.kind) {
            case SettingKind::time_of_day: {
                const auto m = parse_hhmm(text);
                if (!m || *m >= Minutes{24 * 60})
                    problem(name, N_("write a time from 00:00 to 23:59, e.g. 04:00"));
                else
                    s.schedule.day_start = *m;
                break;
            }
            case SettingKind::windows: {
                const auto d =
                    static_cast<std::size_t>(std::find(k_days.begin(), k_days.end(), spec.key) - k_days.begin());
                std::vector<TimeRange> ranges;
                bool good = true;
                for (const auto& part : split_list(text)) {
                    const auto r = parse_time_range(part);
                    if (!r) {
                        const auto why = time_range_problem(part);
                        problem(name, N_("{}: {}"), {part, why.empty() ? std::string(N_("not a time range")) : why});
                        good = false;
                        break;
                    }
                    for (const auto& earlier : ranges)
                        if (time_ranges_overlap(earlier, *r)) {
                            problem(name, N_("{} overlaps {}"), {format_time_range(*r), format_time_range(earlier)});
                            good = false;
                            break;
                        }
                    if (!good)
                        break;
                    ranges.push_back(*r);
                }
                if (good) {
                    s.schedule.windows[d] = ranges;
                    day_ok[d] = true;
                }
                break;
            }
            case SettingKind::optional_range: {
                const auto parts = split_list(text);
                if (parts.empty()) {
                    s.schedule.quiet_evening.reset();
                } else if (parts.size() > 1) {
                    problem(name, N_("one range only, e.g. 20:00-07:30; empty = no quiet evenings"));
                } else if (const auto r = parse_time_range(parts[0])) {
                    s.schedule.quiet_evening = *r;
                } else {
                    problem(name, N_("{}: {}"), {parts[0], time_range_problem(parts[0])});
                }
                break;
            }
            case SettingKind::holidays:
                if (text == "FR" || text == "FR-AM" || text.empty())
                    s.schedule.public_holidays = text;
                else
                    problem(name, N_("choose France, Alsace-Moselle or none"));
                break;
            case SettingKind::dates: {
                std::vector<DateRange> leave;
                bool good = true;
                for (const auto& part : split_list(text)) {
                    if (auto r = parse_date_range(part)) {
                        leave.push_back(*r);
                        continue;
                    }
                    problem(name, N_("{} is not a date or a range of dates"), {part});
                    good = false;
                    break;
                }
                if (good)
                    s.schedule.leave = leave;
                break;
            }
            case SettingKind::language:
                if (text == "auto" || text == "fr" || text == "en")
                    s.language = text;
                else
                    problem(name, N_("choose Automatic, French or English"));
                break;
            case SettingKind::flag:
                if (text == "true" || text == "false")
                    s.detect_calls = text == "true";
                else
                    problem(name, N_("tick the box or leave it empty"));
                break;
            case SettingKind::text:
                if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
                    problem(name, N_("one line of text"));
                else
                    spec.set_text(s, text);
                break;
            case SettingKind::duration:
            case SettingKind::limit: {
                // A field left as it was shown keeps its value, so "90s" written by hand is not rounded to a minute.
                if (text == trim(before.text.at(name)))
                    break;
                const auto d = parse_field_duration(text, spec.unit);
                const std::string lo = format_field_duration(spec.min, spec.unit);
                const std::string hi = format_field_duration(spec.max, spec.unit);
                if (!d) {
                    problem(name, N_("write a duration such as {}"),
                            {format_field_duration(spec.get(Settings{}), spec.unit)});
                } else if (*d < spec.min || *d > spec.max) {
                    problem(name, N_("from {} to {}"), {lo, hi});
                } else if (spec.kind == SettingKind::limit && d->count() % 60 != 0) {
                    problem(name, N_("whole minutes only"));
                } else {
                    spec.set(s, *d);
                }
                break;
            }
            default:
                break;
        }
    }
    // The rules across keys, by the parser's own code (schedule_rule_problems), on the day's field. Only days whose
    // field read well are judged, so a day is not blamed twice.
    for (const auto& p : core::schedule_rule_problems(s.schedule)) {
        const std::size_t day_before = (p.day + 6) % 7;
        const std::string field = "schedule." + std::string(k_days[p.day]);
        if (!day_ok[p.day] || (p.kind == ScheduleRuleProblem::Kind::runs_into_next_day && !day_ok[day_before]))
            continue;
        if (p.kind == ScheduleRuleProblem::Kind::rest_day_with_windows)
            problem(field, N_("a rest day: empty this day or untick the box"));
        else
            problem(field, N_("the day before runs on until {} ({}): start this day later"),
                    {format_hhmm(p.window.end), format_time_range(p.window)});
    }
    if (!problems.empty())
        return result;
    // The whole result through the agent's own parser: what it would refuse is never written. Each issue goes to the
    // field of its key.
    const std::string text = to_toml(s);
    for (const auto& issue : check_settings(s)) {
        std::string field = key_at_line(text, issue.line);
        if (!is_form_field(field))
            field.clear();
        problems.push_back({field, "{}", {issue.message + (issue.fix.empty() ? "" : "; " + issue.fix)}});
    }
    if (problems.empty())
        result.settings = s;
    return result;
}

}  // namespace clockout::core
