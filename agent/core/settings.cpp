#include "core/settings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <system_error>
#include <utility>

#include <toml++/toml.h>

namespace clockout::core {

namespace {

namespace fs = std::filesystem;

// Marks words for translation (assets/po/fr.po) without translating them: core speaks English, and the CLI, the tray
// and the windows show these words in the user's language (app::settings_issue_text).
constexpr const char* N_(const char* english) {
    return english;
}
// The same for words with a plural (ngettext's singular and plural; tests/i18n/check_translations.sh reads both).
struct PluralWords {
    const char* one;
    const char* other;
};
constexpr PluralWords NP_(const char* one, const char* other) {
    return {one, other};
}

constexpr std::array<std::string_view, 7> k_days{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

template <Seconds NudgeSettings::*M>
Seconds nudge_get(const Settings& s) {
    return s.nudge.*M;
}
template <Seconds NudgeSettings::*M>
void nudge_set(Settings& s, Seconds v) {
    s.nudge.*M = v;
}
// Limits are compared with whole-minute figures; the reader refuses a limit in seconds before it gets here.
template <std::int64_t Limits::*M>
Seconds limit_get(const Settings& s) {
    return Minutes{s.limits.*M};
}
template <std::int64_t Limits::*M>
void limit_set(Settings& s, Seconds v) {
    s.limits.*M = v.count() / 60;
}
Seconds idle_get(const Settings& s) {
    return s.idle_threshold;
}
void idle_set(Settings& s, Seconds v) {
    s.idle_threshold = v;
}

constexpr Seconds k_day = date::days{1};
constexpr Seconds k_week = date::days{7};

SettingSpec nudge_key(std::string_view key, std::string_view comment, Seconds min, std::string_view example,
                      Seconds (*get)(const Settings&), void (*set)(Settings&, Seconds)) {
    return {"nudge", key, SettingKind::duration, comment, min, k_day, DisplayUnit::minutes, example, get, set};
}
SettingSpec limit_key(std::string_view key, std::string_view comment, DisplayUnit unit, std::string_view example,
                      Seconds (*get)(const Settings&), void (*set)(Settings&, Seconds)) {
    return {"limits", key, SettingKind::limit, comment, Minutes{1}, k_week, unit, example, get, set};
}
SettingSpec plain_key(std::string_view table, std::string_view key, SettingKind kind, std::string_view comment,
                      std::string_view example) {
    return {table, key, kind, comment, Seconds{0}, Seconds{0}, DisplayUnit::none, example, nullptr, nullptr};
}

// A key of one line of text, read and written through the member it names.
template <std::string Settings::*member>
SettingSpec text_key(std::string_view table, std::string_view key, std::string_view comment, std::string_view example) {
    SettingSpec spec = plain_key(table, key, SettingKind::text, comment, example);
    spec.get_text = [](const Settings& s) { return s.*member; };
    spec.set_text = [](Settings& s, std::string value) { s.*member = std::move(value); };
    return spec;
}

}  // namespace

const std::vector<SettingsTable>& settings_tables() {
    static const std::vector<SettingsTable> tables{
        {"schedule", ""},
        {"quiet", ""},
        {"idle", ""},
        {"nudge", ""},
        {"limits",
         "Legal benchmarks (repères légaux) of French labour law; an agreement may set others. Whole minutes."},
        {"calls", ""},
        {"ui", ""},
        {"journal", ""},
        {"devices", ""},
    };
    return tables;
}

const std::vector<SettingSpec>& settings_schema() {
    using H = DisplayUnit;
    using N = NudgeSettings;
    static const std::vector<SettingSpec> schema{
        plain_key("schedule", "timezone", SettingKind::zone,
                  "\"system\" follows TZ and the system's zone; or an IANA name such as \"Europe/Paris\".",
                  "\"Europe/Paris\""),
        plain_key("schedule", "day_start", SettingKind::time_of_day,
                  "When a work day begins: activity before it (say at 01:00) still counts for the evening before.",
                  "\"04:00\""),
        plain_key("schedule", "mon", SettingKind::windows,
                  "Working windows of each day; [] = no work planned that day.", "\"09:00-12:30\""),
        plain_key("schedule", "tue", SettingKind::windows, "", "\"09:00-12:30\""),
        plain_key("schedule", "wed", SettingKind::windows, "", "\"09:00-12:30\""),
        plain_key("schedule", "thu", SettingKind::windows, "", "\"09:00-12:30\""),
        plain_key("schedule", "fri", SettingKind::windows, "", "\"09:00-12:30\""),
        plain_key("schedule", "sat", SettingKind::windows, "", "\"09:00-12:30\""),
        plain_key("schedule", "sun", SettingKind::windows, "", "\"09:00-12:30\""),
        plain_key("quiet", "evenings", SettingKind::optional_range,
                  "Quiet hours of every evening, up to the next morning; \"\" = none.", "\"20:00-07:30\""),
        plain_key("quiet", "rest_days", SettingKind::days,
                  "Whole days of rest: quiet from 00:00 to 24:00, with no working windows.", "[\"sat\", \"sun\"]"),
        plain_key("quiet", "public_holidays", SettingKind::holidays,
                  "\"FR\" = French public holidays (Easter Monday, Ascension and Whit Monday included); \"FR-AM\" = "
                  "the same plus Good Friday and 26 December (Alsace-Moselle); \"\" = none.",
                  "\"FR\""),
        plain_key("quiet", "leave", SettingKind::dates,
                  "Days of leave: \"YYYY-MM-DD\" or \"YYYY-MM-DD..YYYY-MM-DD\" (both days included).",
                  "[\"2026-12-21..2027-01-02\"]"),
        {"idle", "threshold", SettingKind::duration, "No input for this long and you are away (from 1s to 2h).",
         Seconds{1}, std::chrono::hours{2}, H::minutes, "5m", idle_get, idle_set},
        nudge_key("pre_notice", "A gentle notice this long before the day's last window ends.", Seconds{0}, "10m",
                  nudge_get<&N::pre_notice>, nudge_set<&N::pre_notice>),
        nudge_key("firm_after", "Still active this long after the end: the small nudge window.", Seconds{0}, "30m",
                  nudge_get<&N::firm_after>, nudge_set<&N::firm_after>),
        nudge_key("repeat", "And again this often.", Seconds{1}, "30m", nudge_get<&N::repeat>, nudge_set<&N::repeat>),
        nudge_key("more_minutes", "What \"10 more minutes\" gives.", Seconds{1}, "10m", nudge_get<&N::more_minutes>,
                  nudge_set<&N::more_minutes>),
        nudge_key("snooze", "What \"Snooze\" gives.", Seconds{1}, "15m", nudge_get<&N::snooze>, nudge_set<&N::snooze>),
        nudge_key("screen_break",
                  "A reminder to take a screen break after this much work with no pause of 5 minutes (INRS advice: "
                  "break up screen work, ideally every 30 min); 0 = off. Never during a call nor near the day's end.",
                  Seconds{0}, "55m", nudge_get<&N::screen_break>, nudge_set<&N::screen_break>),
        nudge_key("quiet_away", "Away this long, then input in quiet hours: \"It's your quiet time, is this work?\"",
                  Seconds{1}, "20m", nudge_get<&N::quiet_away>, nudge_set<&N::quiet_away>),
        limit_key("amplitude_soft", "Amplitude (first to last activity of the day): a gentle notice.", H::hours, "10h",
                  limit_get<&Limits::amplitude_soft_min>, limit_set<&Limits::amplitude_soft_min>),
        limit_key("amplitude_firm", "Amplitude: a firm notice.", H::hours, "12h",
                  limit_get<&Limits::amplitude_firm_min>, limit_set<&Limits::amplitude_firm_min>),
        limit_key("amplitude_max", "Amplitude: the most that 11 h of daily rest allow.", H::hours, "13h",
                  limit_get<&Limits::amplitude_max_min>, limit_set<&Limits::amplitude_max_min>),
        limit_key("active_soft", "Active time in a day: a gentle notice.", H::hours, "8h",
                  limit_get<&Limits::active_soft_min>, limit_set<&Limits::active_soft_min>),
        limit_key("active_firm", "Active time in a day: the 10 h benchmark.", H::hours, "10h",
                  limit_get<&Limits::active_firm_min>, limit_set<&Limits::active_firm_min>),
        limit_key("daily_rest", "Rest between two days of work.", H::hours, "11h", limit_get<&Limits::daily_rest_min>,
                  limit_set<&Limits::daily_rest_min>),
        limit_key("break", "A break is a gap of at least this long...", H::minutes, "20m",
                  limit_get<&Limits::break_min>, limit_set<&Limits::break_min>),
        limit_key("break_after", "...and is due before this much work.", H::hours, "6h",
                  limit_get<&Limits::break_after_min>, limit_set<&Limits::break_after_min>),
        limit_key("week_soft", "Active time in a week: a gentle notice.", H::hours, "44h",
                  limit_get<&Limits::week_soft_min>, limit_set<&Limits::week_soft_min>),
        limit_key("week_firm", "Active time in a week: the 48 h benchmark.", H::hours, "48h",
                  limit_get<&Limits::week_firm_min>, limit_set<&Limits::week_firm_min>),
        limit_key("avg12_high", "Average week over 12 weeks.", H::hours, "44h", limit_get<&Limits::avg12_high_min>,
                  limit_set<&Limits::avg12_high_min>),
        limit_key("weekly_rest", "The longest rest of a week.", H::hours, "35h", limit_get<&Limits::weekly_rest_min>,
                  limit_set<&Limits::weekly_rest_min>),
        limit_key("reconnect_gap", "Away this long, then active in quiet hours: a reconnection.", H::minutes, "20m",
                  limit_get<&Limits::reconnect_gap_min>, limit_set<&Limits::reconnect_gap_min>),
        plain_key("limits", "night", SettingKind::time_range, "Night work.", "\"21:00-06:00\""),
        plain_key("calls", "detect", SettingKind::flag,
                  "A call (another program using the microphone) counts as work, with no input needed; only the fact "
                  "of a call is recorded, never which program. false = calls with no input are idle.",
                  "true"),
        plain_key("ui", "language", SettingKind::language,
                  "\"auto\" follows LC_ALL, LC_MESSAGES and LANG; or \"fr\", \"en\".", "\"auto\""),
        plain_key("journal", "retention", SettingKind::retention,
                  "Keep this much history (\"180d\", \"2y\"); \"\" = keep everything.", "\"2y\""),
        text_key<&Settings::device>("journal", "device", "The name of this computer in exports; \"\" = the host name.",
                                    "\"laptop\""),
        text_key<&Settings::devices_folder>(
            "devices", "folder",
            "A folder your sync engine (Syncthing, Nextcloud...) keeps on all your computers: each one publishes its "
            "rows there and reads the others' (docs/devices.md); \"\" = off.",
            "\"/home/me/Sync/clockout\""),
    };
    return schema;
}

const SettingSpec* find_setting(std::string_view table, std::string_view key) {
    for (const auto& spec : settings_schema())
        if (spec.table == table && spec.key == key)
            return &spec;
    return nullptr;
}

namespace {

bool is_table(std::string_view name) {
    const auto& t = settings_tables();
    return std::any_of(t.begin(), t.end(), [&](const SettingsTable& table) { return table.name == name; });
}

std::vector<std::string_view> keys_of(std::string_view table) {
    std::vector<std::string_view> keys;
    for (const auto& spec : settings_schema())
        if (spec.table == table)
            keys.push_back(spec.key);
    return keys;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += separator;
        out += parts[i];
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// A typo of two letters or fewer is most likely the key the user meant; further than that a guess would mislead.
std::optional<std::string_view> closest(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::optional<std::string_view> best;
    std::size_t best_distance = 3;
    for (auto c : candidates) {
        const auto d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string toml_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    return out + "\"";
}

std::string_view type_name(toml::node_type t) {
    switch (t) {
        case toml::node_type::string:
            return N_("text");
        case toml::node_type::integer:
            return N_("a number");
        case toml::node_type::floating_point:
            return N_("a decimal number");
        case toml::node_type::boolean:
            return N_("true or false");
        case toml::node_type::array:
            return N_("a list");
        case toml::node_type::table:
            return N_("a table");
        case toml::node_type::date:
            return N_("a date");
        case toml::node_type::time:
            return N_("a time");
        case toml::node_type::date_time:
            return N_("a date and time");
        case toml::node_type::none:
            break;
    }
    return N_("nothing");
}

// Only shapes parse_duration documents ("90s", "5m", "1h30m", "2h"), so what we write is always read back.
std::string format_duration(Seconds s) {
    const auto total = s.count();
    if (total % 60 != 0)
        return std::to_string(total) + "s";
    const auto minutes = total / 60;
    if (minutes == 0)
        return "0m";
    if (minutes % 60 == 0)
        return std::to_string(minutes / 60) + "h";
    if (minutes < 60)
        return std::to_string(minutes) + "m";
    return std::to_string(minutes / 60) + "h" + std::to_string(minutes % 60) + "m";
}

std::string format_retention(std::int64_t days) {
    if (days % 365 == 0)
        return std::to_string(days / 365) + "y";
    return std::to_string(days) + "d";
}

// parse_duration has no years, and a year of retention is a calendar notion, so "2y" is read here as 730 days.
std::optional<std::int64_t> parse_retention_days(std::string_view text) {
    if (text.size() >= 2 && text.back() == 'y') {
        std::int64_t years = 0;
        for (std::size_t i = 0; i + 1 < text.size(); ++i) {
            if (text[i] < '0' || text[i] > '9' || years > 1000)
                return std::nullopt;
            years = years * 10 + (text[i] - '0');
        }
        return years * 365;
    }
    const auto d = parse_duration(text);
    if (!d || d->count() % 86400 != 0)
        return std::nullopt;
    return d->count() / 86400;
}

std::string windows_text(const std::vector<TimeRange>& windows) {
    std::vector<std::string> parts;
    for (const auto& w : windows)
        parts.push_back(toml_quoted(format_time_range(w)));
    return "[" + join(parts, ", ") + "]";
}

// Reads one layer into `out`, collecting every issue rather than stopping at the first, so a user fixes a file in one
// pass.
class LayerReader {
  public:
    LayerReader(std::string_view file, Settings& out) : file_(file), out_(out) {}

    std::vector<SettingsIssue> take_issues() { return std::move(issues_); }

    void read(const toml::table& root) {
        for (auto&& [key, node] : root) {
            const auto name = key.str();
            if (!is_table(name)) {
                unknown_table(key, name);
                continue;
            }
            const auto* table = node.as_table();
            if (!table) {
                add(node.source(),
                    {N_("[{}] must be a table, not {}"), {std::string(name), std::string(type_name(node.type()))}},
                    {N_("write the line [{}] and put its keys under it"), {std::string(name)}});
                continue;
            }
            for (auto&& [sub_key, value] : *table) {
                const auto* spec = find_setting(name, sub_key.str());
                if (!spec) {
                    unknown_key(sub_key, name);
                    continue;
                }
                dispatch(*spec, sub_key, value);
            }
        }
        check_schedule_rules();
    }

  private:
    void add(const toml::source_region& where, Phrase message, Phrase fix) {
        SettingsIssue issue{std::string(file_), static_cast<int>(where.begin.line),
                            static_cast<int>(where.begin.column), message.english(), fix.english()};
        issue.message_words = std::move(message);
        issue.fix_words = std::move(fix);
        issues_.push_back(std::move(issue));
    }

    void unknown_table(const toml::key& key, std::string_view name) {
        std::vector<std::string> names;
        std::vector<std::string_view> plain;
        for (const auto& t : settings_tables()) {
            names.push_back("[" + std::string(t.name) + "]");
            plain.push_back(t.name);
        }
        // A key written above every table header lands at the top level; say where it belongs.
        for (const auto& spec : settings_schema()) {
            if (spec.key == name) {
                add(key.source(), {N_("\"{}\" is outside its table"), {std::string(name)}},
                    {N_("move it under the line [{}]"), {std::string(spec.table)}});
                return;
            }
        }
        Phrase fix{N_("The tables are {}"), {join(names, ", ")}};
        if (auto guess = closest(name, plain))
            fix = {N_("did you mean [{}]? The tables are {}"), {std::string(*guess), join(names, ", ")}};
        add(key.source(), {N_("unknown table [{}]"), {std::string(name)}}, fix);
    }

    void unknown_key(const toml::key& key, std::string_view table) {
        const auto keys = keys_of(table);
        std::vector<std::string> names(keys.begin(), keys.end());
        Phrase fix{N_("The keys of [{}] are {}"), {std::string(table), join(names, ", ")}};
        if (auto guess = closest(key.str(), keys))
            fix = {N_("did you mean \"{}\"? The keys of [{}] are {}"),
                   {std::string(*guess), std::string(table), join(names, ", ")}};
        add(key.source(), {N_("unknown key \"{}\" in [{}]"), {std::string(key.str()), std::string(table)}}, fix);
    }

    void wrong_type(const toml::node& node, std::string_view key, std::string_view expected, std::string_view example) {
        add(node.source(),
            {N_("\"{}\" must be {}, not {}"),
             {std::string(key), std::string(expected), std::string(type_name(node.type()))}},
            {N_("write {} = {}"), {std::string(key), std::string(example)}});
    }

    std::optional<std::string> text(const toml::node& node, std::string_view key, std::string_view example) {
        if (const auto* s = node.as_string())
            return s->get();
        wrong_type(node, key, N_("text in quotes"), example);
        return std::nullopt;
    }

    std::optional<TimeRange> range(const toml::node& node, std::string_view key, std::string_view example) {
        auto s = text(node, key, example);
        if (!s)
            return std::nullopt;
        if (auto r = parse_time_range(*s))
            return r;
        add(node.source(), {N_("{} is not a time range ({})"), {toml_quoted(*s), time_range_problem(*s)}},
            {N_("write HH:MM-HH:MM, e.g. {}"), {std::string(example)}});
        return std::nullopt;
    }

    std::optional<Seconds> duration(const toml::node& node, std::string_view key, std::string_view example, Seconds min,
                                    Seconds max) {
        auto s = text(node, key, "\"" + std::string(example) + "\"");
        if (!s)
            return std::nullopt;
        const auto d = parse_duration(*s);
        if (!d) {
            add(node.source(), {N_("{} is not a duration"), {toml_quoted(*s)}},
                {N_("write a number and a unit (h, m or s), e.g. \"{}\" or \"1h30m\""), {std::string(example)}});
            return std::nullopt;
        }
        if (*d < min || *d > max) {
            add(node.source(),
                {N_("\"{}\" = {} is outside {} to {}"),
                 {std::string(key), toml_quoted(*s), format_duration(min), format_duration(max)}},
                {N_("write a duration between {} and {}, e.g. \"{}\""),
                 {format_duration(min), format_duration(max), std::string(example)}});
            return std::nullopt;
        }
        return d;
    }

    void dispatch(const SettingSpec& spec, const toml::key& key_node, const toml::node& value) {
        const std::string_view table = spec.table, key = spec.key;
        if (spec.kind == SettingKind::duration || spec.kind == SettingKind::limit) {
            auto d = duration(value, key, spec.example, spec.min, spec.max);
            if (!d)
                return;
            // Limits are compared with whole-minute figures, so a limit in seconds would be silently rounded.
            if (spec.kind == SettingKind::limit && d->count() % 60 != 0) {
                add(value.source(), {N_("\"{}\" must be whole minutes"), {std::string(key)}},
                    {N_("write it in hours and minutes, e.g. \"{}\""), {std::string(spec.example)}});
                return;
            }
            spec.set(out_, *d);
            return;
        }
        if (table == "schedule")
            return schedule(key, value);
        if (table == "quiet")
            return quiet(key, key_node, value);
        if (table == "limits")
            return limits(key, value);
        if (table == "ui")
            return ui(value);
        if (table == "calls") {
            if (auto b = value.as_boolean())
                out_.detect_calls = b->get();
            else
                wrong_type(value, key, N_("true or false"), "true");
            return;
        }
        if (spec.kind == SettingKind::text)
            return text_value(spec, value);
        if (table == "journal")
            return journal(key, value);
    }

    // Written into files as it is (a device name in every exported row, a folder), so it has to stay on one line.
    void text_value(const SettingSpec& spec, const toml::node& value) {
        auto t = text(value, spec.key, spec.example);
        if (!t)
            return;
        if (std::any_of(t->begin(), t->end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
            add(value.source(), {N_("\"{}\" must be one line of text"), {std::string(spec.key)}},
                {N_("write {} = {}"), {std::string(spec.key), std::string(spec.example)}});
            return;
        }
        spec.set_text(out_, *t);
    }

    void schedule(std::string_view key, const toml::node& value) {
        auto& s = out_.schedule;
        if (key == "timezone") {
            auto name = text(value, key, "\"Europe/Paris\"");
            if (!name)
                return;
            bool known = *name == "system";
            if (!known) {
                try {
                    known = make_zone(*name) != nullptr;
                } catch (const std::exception&) {
                    known = false;
                }
            }
            if (!known) {
                add(value.source(), {N_("{} is not a time zone this system knows"), {toml_quoted(*name)}},
                    {N_("write \"system\" or an IANA name such as \"Europe/Paris\"")});
                return;
            }
            s.timezone = *name;
            return;
        }
        if (key == "day_start") {
            auto t = text(value, key, "\"04:00\"");
            if (!t)
                return;
            const auto m = parse_hhmm(*t);
            if (!m || *m >= Minutes{24 * 60}) {
                add(value.source(), {N_("{} is not a time of day"), {toml_quoted(*t)}},
                    {N_("write HH:MM from 00:00 to 23:59, e.g. \"04:00\"")});
                return;
            }
            s.day_start = *m;
            return;
        }
        const auto day = static_cast<std::size_t>(std::find(k_days.begin(), k_days.end(), key) - k_days.begin());
        day_nodes_[day] = &value;
        const auto* list = value.as_array();
        if (!list) {
            wrong_type(value, key, N_("a list"), N_("[\"09:00-12:30\", \"13:30-17:30\"] (or [] for no work)"));
            return;
        }
        std::vector<TimeRange> windows;
        bool good = true;
        for (const auto& element : *list) {
            auto r = range(element, key, "\"09:00-12:30\"");
            if (!r) {
                good = false;
                continue;
            }
            for (const auto& earlier : windows) {
                if (time_ranges_overlap(earlier, *r)) {
                    add(element.source(),
                        {N_("{} overlaps {} on {}"),
                         {toml_quoted(format_time_range(*r)), toml_quoted(format_time_range(earlier)),
                          std::string(key)}},
                        {N_("make the windows of one day follow each other, e.g. [\"09:00-12:30\", \"13:30-17:30\"]")});
                    good = false;
                    break;
                }
            }
            windows.push_back(*r);
        }
        if (good)
            s.windows[day] = std::move(windows);
    }

    void quiet(std::string_view key, const toml::key& key_node, const toml::node& value) {
        auto& s = out_.schedule;
        if (key == "evenings") {
            auto t = text(value, key, "\"20:00-07:30\"");
            if (!t)
                return;
            if (t->empty()) {
                s.quiet_evening.reset();
                return;
            }
            if (auto r = range(value, key, N_("\"20:00-07:30\" (or \"\" for none)")))
                s.quiet_evening = *r;
            return;
        }
        if (key == "rest_days") {
            rest_days_node_ = &key_node;
            const auto* list = value.as_array();
            if (!list) {
                wrong_type(value, key, N_("a list"), "[\"sat\", \"sun\"]");
                return;
            }
            std::array<bool, 7> days{};
            bool good = true;
            for (const auto& element : *list) {
                auto name = text(element, key, "[\"sat\", \"sun\"]");
                if (!name) {
                    good = false;
                    continue;
                }
                std::string lower;
                for (char c : *name)
                    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
                const auto it = std::find(k_days.begin(), k_days.end(), lower);
                if (it == k_days.end()) {
                    add(element.source(), {N_("{} is not a day"), {toml_quoted(*name)}},
                        {N_("write mon, tue, wed, thu, fri, sat or sun")});
                    good = false;
                    continue;
                }
                days[static_cast<std::size_t>(it - k_days.begin())] = true;
            }
            if (good)
                s.rest_days = days;
            return;
        }
        if (key == "public_holidays") {
            auto t = text(value, key, "\"FR\"");
            if (!t)
                return;
            std::string upper = *t;
            std::transform(upper.begin(), upper.end(), upper.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            if (upper == "FR") {
                s.public_holidays = "FR";
            } else if (upper == "FR-AM" || upper == "FR-57" || upper == "FR-67" || upper == "FR-68") {
                s.public_holidays = "FR-AM";  // the three départements share one calendar
            } else if (t->empty()) {
                s.public_holidays.clear();
            } else {
                add(value.source(), {N_("{} is not a holiday calendar Clockout knows"), {toml_quoted(*t)}},
                    {N_("write \"FR\" for French public holidays, \"FR-AM\" for Alsace-Moselle, or \"\" for none")});
            }
            return;
        }
        // leave
        const auto* list = value.as_array();
        if (!list) {
            wrong_type(value, key, N_("a list"), "[\"2026-12-21..2027-01-02\", \"2027-05-14\"]");
            return;
        }
        std::vector<DateRange> leave;
        bool good = true;
        for (const auto& element : *list) {
            auto t = text(element, key, "[\"2026-12-21..2027-01-02\"]");
            if (!t) {
                good = false;
                continue;
            }
            if (auto r = parse_date_range(*t)) {
                leave.push_back(*r);
                continue;
            }
            good = false;
            const auto dots = t->find("..");
            if (dots != std::string::npos && parse_date_range(t->substr(0, dots)) &&
                parse_date_range(t->substr(dots + 2)))
                add(element.source(), {N_("{} ends before it starts"), {toml_quoted(*t)}},
                    {N_("put the first day first, e.g. \"2026-12-21..2027-01-02\"")});
            else
                add(element.source(), {N_("{} is not a date or a range of dates"), {toml_quoted(*t)}},
                    {N_("write \"YYYY-MM-DD\" or \"YYYY-MM-DD..YYYY-MM-DD\", e.g. \"2026-12-21..2027-01-02\"")});
        }
        if (good)
            s.leave = std::move(leave);
    }

    void limits(std::string_view key, const toml::node& value) {
        auto& l = out_.limits;
        if (key == "night") {
            if (auto r = range(value, key, "\"21:00-06:00\"")) {
                l.night_start = r->start;
                l.night_end = r->end;
            }
            return;
        }
    }

    void ui(const toml::node& value) {
        auto t = text(value, "language", "\"auto\"");
        if (!t)
            return;
        if (*t == "auto" || *t == "fr" || *t == "en")
            out_.language = *t;
        else
            add(value.source(), {N_("{} is not a language Clockout speaks"), {toml_quoted(*t)}},
                {N_("write \"auto\" (follow the system), \"fr\" or \"en\"")});
    }

    void journal(std::string_view key, const toml::node& value) {
        auto t = text(value, key, "\"2y\"");
        if (!t)
            return;
        if (t->empty()) {
            out_.retention_days.reset();
            return;
        }
        const auto days = parse_retention_days(*t);
        if (!days || *days < 1 || *days > std::int64_t{100} * 365) {
            add(value.source(), {N_("{} is not a retention period"), {toml_quoted(*t)}},
                {N_("write a number of days or years, e.g. \"180d\" or \"2y\", or \"\" to keep everything")});
            return;
        }
        out_.retention_days = *days;
    }

    // The rules across keys (schedule_rule_problems), each said at what this file changed: the day's windows, else
    // the rest days; when both came from an earlier layer, that layer was checked when it was read.
    void check_schedule_rules() {
        for (const auto& p : schedule_rule_problems(out_.schedule)) {
            const std::string day(k_days[p.day]);
            if (p.kind == ScheduleRuleProblem::Kind::rest_day_with_windows) {
                const toml::source_region* where = nullptr;
                if (day_nodes_[p.day])
                    where = &day_nodes_[p.day]->source();
                else if (rest_days_node_)
                    where = &rest_days_node_->source();
                if (where)
                    add(*where, {N_("{} has working windows but is a rest day in [quiet] rest_days"), {day}},
                        {N_("remove \"{}\" from rest_days, or write {} = []"), {day, day}});
                continue;
            }
            const std::size_t before = (p.day + 6) % 7;
            const toml::node* where = day_nodes_[p.day] ? day_nodes_[p.day] : day_nodes_[before];
            if (!where)
                continue;
            const std::string other(k_days[before]);
            add(where->source(),
                {N_("{} on {} overlaps {} on {}, which runs on until {}"),
                 {toml_quoted(format_time_range(p.next)), day, toml_quoted(format_time_range(p.window)), other,
                  format_hhmm(p.window.end)}},
                {N_("end {}'s window earlier or start {}'s at {} or later"), {other, day, format_hhmm(p.window.end)}});
        }
    }

    std::string_view file_;
    Settings& out_;
    std::vector<SettingsIssue> issues_;
    std::array<const toml::node*, 7> day_nodes_{};
    const toml::key* rest_days_node_ = nullptr;
};

}  // namespace

std::vector<ScheduleRuleProblem> schedule_rule_problems(const ScheduleConfig& s) {
    std::vector<ScheduleRuleProblem> out;
    for (std::size_t d = 0; d < 7; ++d) {
        // A rest day is quiet from 00:00 to 24:00 and the schedule gives it no windows, so windows there would be
        // ignored without a word.
        if (s.rest_days[d] && !s.windows[d].empty())
            out.push_back({ScheduleRuleProblem::Kind::rest_day_with_windows, d, {}, {}});
        // A window crossing midnight runs on into the next morning ("22:00-06:00" on Friday holds Saturday
        // 00:00-06:00); a window of the next day starting in that stretch would count the same hours twice.
        const std::size_t next = (d + 1) % 7;
        for (const auto& w : s.windows[d]) {
            if (!w.crosses_midnight() || w.end == Minutes{0})
                continue;
            const auto& nv = s.windows[next];
            const auto clash = std::find_if(nv.begin(), nv.end(), [&](const TimeRange& v) { return v.start < w.end; });
            if (clash != nv.end()) {
                out.push_back({ScheduleRuleProblem::Kind::runs_into_next_day, next, w, *clash});
                break;
            }
        }
    }
    return out;
}

std::string fill_template(std::string_view text, const std::vector<std::string>& args) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '}') {
            out += next < args.size() ? args[next] : "";
            ++next;
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string Phrase::english() const {
    return fill_template(!plural.empty() && count != 1 ? plural : pattern, args);
}

std::string SettingsIssue::to_string() const {
    std::string out = file;
    if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0)
            out += ":" + std::to_string(column);
    }
    if (!out.empty())
        out += ": ";
    out += message;
    if (!fix.empty())
        out += "; fix: " + fix;
    return out;
}

SettingsResult parse_settings(std::string_view toml_text, std::string_view file_name, const Settings& base) {
    SettingsResult result{base, {}};
    try {
        const toml::table root = toml::parse(toml_text, file_name);
        Settings candidate = base;
        LayerReader reader(file_name, candidate);
        reader.read(root);
        result.issues = reader.take_issues();
        // toml++ keeps keys sorted by name; a user reads and fixes a file from top to bottom.
        std::stable_sort(result.issues.begin(), result.issues.end(),
                         [](const SettingsIssue& a, const SettingsIssue& b) {
                             return a.line < b.line || (a.line == b.line && a.column < b.column);
                         });
        if (result.issues.empty())
            result.settings = std::move(candidate);
    } catch (const toml::parse_error& e) {
        const std::string description(e.description());
        // toml++ says "utf-8" when the file was saved in another encoding (Windows-1252 from an old editor).
        const bool encoding = description.find("utf-8") != std::string::npos;
        SettingsIssue issue{
            std::string(file_name), static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
            description, encoding ? N_("save the file as UTF-8 text") : N_("check quotes and brackets on that line")};
        // toml++'s own words are English: the user's language says what is wrong, toml++'s words follow as detail.
        issue.message_words = {encoding ? N_("this is not UTF-8 text ({})") : N_("this is not valid TOML ({})"),
                               {description}};
        issue.message = issue.message_words.english();
        result.issues.push_back(std::move(issue));
    } catch (const std::exception& e) {
        // Nothing a user writes may stop the agent; an unexpected failure is reported like any other issue.
        SettingsIssue issue{std::string(file_name), 0, 0, std::string("cannot read the settings: ") + e.what(),
                            N_("check that the file is TOML text in UTF-8")};
        issue.message_words = {N_("cannot read the settings: {}"), {e.what()}};
        result.issues.push_back(std::move(issue));
    }
    if (!result.issues.empty())
        result.settings = base;
    // A file with thousands of faults (a list pasted 20 000 times) is told in a screenful, not 20 000 lines: the
    // first ten from the top, then how many more there are (found by the bad-input table).
    constexpr std::size_t kListed = 10;
    if (result.issues.size() > kListed) {
        const std::size_t more = result.issues.size() - kListed;
        result.issues.resize(kListed);
        SettingsIssue issue{std::string(file_name), 0, 0, "", N_("mend the ones above and check again")};
        constexpr PluralWords words = NP_("{} more problem not listed", "{} more problems not listed");
        issue.message_words = {words.one, {std::to_string(more)}, words.other, static_cast<std::int64_t>(more)};
        issue.message = issue.message_words.english();
        result.issues.push_back(std::move(issue));
    }
    return result;
}

SettingsResult load_settings_file(const fs::path& file, const Settings& base) {
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (status.type() == fs::file_type::not_found)
        return {base, {}};
    const std::string name = file.string();
    if (ec || status.type() == fs::file_type::directory) {
        const std::string why = ec ? ec.message() : N_("it is a folder");
        SettingsIssue issue{name, 0, 0, "cannot read the settings file: " + why,
                            N_("check the path and its permissions")};
        issue.message_words = {N_("cannot read the settings file: {}"), {why}};
        return {base, {std::move(issue)}};
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in)
        return {base, {{name, 0, 0, N_("cannot read the settings file"), N_("check the path and its permissions")}}};
    return parse_settings(text.str(), name, base);
}

SettingsResult load_settings(const std::vector<fs::path>& layers) {
    SettingsResult result{Settings{}, {}};
    for (const auto& layer : layers) {
        auto r = load_settings_file(layer, result.settings);
        result.settings = std::move(r.settings);
        result.issues.insert(result.issues.end(), r.issues.begin(), r.issues.end());
    }
    return result;
}

std::string format_setting_duration(Seconds s) {
    return format_duration(s);
}

std::string setting_value_text(const SettingSpec& spec, const Settings& settings) {
    const auto& s = settings.schedule;
    switch (spec.kind) {
        case SettingKind::zone:
            return toml_quoted(s.timezone);
        case SettingKind::time_of_day:
            return toml_quoted(format_hhmm(s.day_start));
        case SettingKind::windows: {
            const auto day =
                static_cast<std::size_t>(std::find(k_days.begin(), k_days.end(), spec.key) - k_days.begin());
            return windows_text(s.windows[day % 7]);
        }
        case SettingKind::time_range:
            return toml_quoted(format_time_range(TimeRange{settings.limits.night_start, settings.limits.night_end}));
        case SettingKind::optional_range:
            return toml_quoted(s.quiet_evening ? format_time_range(*s.quiet_evening) : "");
        case SettingKind::days: {
            std::vector<std::string> rest;
            for (std::size_t d = 0; d < 7; ++d)
                if (s.rest_days[d])
                    rest.push_back(toml_quoted(k_days[d]));
            return "[" + join(rest, ", ") + "]";
        }
        case SettingKind::holidays:
            return toml_quoted(s.public_holidays);
        case SettingKind::dates: {
            std::vector<std::string> leave;
            for (const auto& r : s.leave)
                leave.push_back(toml_quoted(format_date_range(r)));
            return "[" + join(leave, ", ") + "]";
        }
        case SettingKind::duration:
        case SettingKind::limit:
            return toml_quoted(format_duration(spec.get(settings)));
        case SettingKind::language:
            return toml_quoted(settings.language);
        case SettingKind::retention:
            return toml_quoted(settings.retention_days ? format_retention(*settings.retention_days) : "");
        case SettingKind::text:
            return toml_quoted(spec.get_text(settings));
        case SettingKind::flag:
            return settings.detect_calls ? "true" : "false";
    }
    return "\"\"";
}

namespace {

// A comment wrapped at 110 columns, each line starting with "# ".
void write_comment(std::ostringstream& out, std::string_view text) {
    std::string line;
    std::istringstream words{std::string(text)};
    std::string word;
    while (words >> word) {
        if (!line.empty() && line.size() + 1 + word.size() > 110) {
            out << "# " << line << "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty())
        out << "# " << line << "\n";
}

}  // namespace

std::string to_toml(const Settings& settings) {
    std::ostringstream out;
    out << "# Clockout settings. Lines starting with # are comments.\n"
           "# Durations: a number and a unit, h, m or s (\"5m\", \"1h30m\"). Ranges: \"HH:MM-HH:MM\"; an end before "
           "the\n"
           "# start crosses midnight (\"22:00-06:00\"). A key left out keeps the value of the layer below\n"
           "# (built-in defaults < /etc/xdg/clockout/defaults.toml < this file).\n";
    for (const auto& table : settings_tables()) {
        out << "\n[" << table.name << "]\n";
        if (!table.comment.empty())
            write_comment(out, table.comment);
        for (const auto& spec : settings_schema()) {
            if (spec.table != table.name)
                continue;
            if (!spec.comment.empty())
                write_comment(out, spec.comment);
            out << spec.key << " = " << setting_value_text(spec, settings) << "\n";
        }
    }
    return out.str();
}

std::vector<SettingsIssue> check_settings(const Settings& settings) {
    auto result = parse_settings(to_toml(settings), "settings.toml", Settings{});
    if (result.ok() && !(result.settings == settings)) {
        SettingsIssue issue;
        issue.file = "settings.toml";
        issue.message = N_("these settings do not read back the same once written");
        issue.fix = N_("report this as a bug; the file was not written");
        result.issues.push_back(issue);
    }
    return result.issues;
}

}  // namespace clockout::core
