#include "cli/cli.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "app/context.h"
#include "app/day_view.h"
#include "app/devices.h"
#include "app/doctor.h"
#include "app/headless.h"
#include "app/host.h"
#include "app/i18n.h"
#include "app/journal_access.h"
#include "app/period_report.h"
#include "app/report.h"
#include "core/metrics.h"
#include "core/nudge.h"
#include "core/period.h"

namespace clockout::cli {

namespace {

namespace fs = std::filesystem;
using app::tr;
using app::trf;

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kBadInput = 2;

// Every message the CLI prints on failure is one line on stderr, starting with the program name.
int fail(int status, const std::string& message) {
    std::cerr << "clockout: " << message << '\n';
    return status;
}

struct Args {
    std::string data_dir;
    std::string config;
    bool headless = false;
    bool json = false;
    std::string week;
    bool week_given = false;
    std::string day;
    bool day_given = false;
    std::string month;
    bool month_given = false;
    std::string year;
    bool year_given = false;
    bool html = false;
    std::string from;
    std::string to;
    std::string export_format = "csv";
    std::string output;
    std::string import_file;
    bool all = false;
    bool yes = false;
    std::string check_file;
    bool repair = false;
};

app::Options to_options(const Args& args) {
    app::Options options;
    if (!args.data_dir.empty())
        options.data_dir = fs::path(args.data_dir);
    if (!args.config.empty())
        options.config_file = fs::path(args.config);
    return options;
}

// Loads paths and settings; a settings problem is reported once and the last good settings are used.
bool load(const Args& args, app::Context& context, int& status, bool quiet_settings = false) {
    if (auto error = app::make_context(to_options(args), context); !error.empty()) {
        status = fail(kFailed, error);
        return false;
    }
    app::set_language(app::choose_language(context.settings.language));
    if (!quiet_settings) {
        for (const auto& issue : context.settings_issues) {
            std::cerr << "clockout: " << app::settings_issue_text(issue) << ' '
                      << (context.settings_source == app::Context::Source::lower_layers
                              ? tr("(the defaults are used)")
                              : tr("(the last good settings are used)"))
                      << '\n';
        }
    }
    return true;
}

std::optional<core::Date> date_arg(const std::string& text, const char* option, int& status) {
    if (text.empty())
        return std::nullopt;
    auto d = core::parse_date(text);
    if (!d)
        status = fail(kBadInput, trf("{} {}: not a date; fix: write it as YYYY-MM-DD, e.g. 2026-11-30", option, text));
    return d;
}

core::Date today(const app::Context& context) {
    return app::work_day_at(context, core::SystemClock{}.now());
}

// The journal for reading (a missing one reads as empty); its notices go to stderr. Null, with `status` set, when it
// cannot be opened.
std::unique_ptr<app::JournalAccess> open_for_reading(const app::Context& context, int& status) {
    std::vector<std::string> notices;
    std::unique_ptr<app::JournalAccess> journal;
    try {
        journal = std::make_unique<app::JournalAccess>(context, true, notices);
    } catch (const std::exception& e) {
        status = fail(kFailed, e.what());
        return nullptr;
    }
    for (const auto& n : notices)
        std::cerr << "clockout: " << n << '\n';
    return journal;
}

// The settings, then the journal for reading: what report and status start with.
std::unique_ptr<app::JournalAccess> load_and_open(const Args& args, app::Context& context, int& status) {
    if (!load(args, context, status))
        return nullptr;
    return open_for_reading(context, status);
}

// Writes `text` to args.output, or to standard output when none is given. `cannot_write` is the one-line error, with
// "{}" for the file (translated here).
int write_output(const Args& args, const std::string& text, std::string_view cannot_write) {
    if (args.output.empty()) {
        std::cout << text;
        return std::cout.good() ? kOk : fail(kFailed, tr("cannot write to standard output"));
    }
    std::ofstream out(args.output, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        return fail(kFailed, trf(cannot_write, args.output));
    return kOk;
}

// `report --month` and `--year`: the table, the JSON, or the printable page (--html).
int report_period(const Args& args, const app::Context& context, const app::JournalAccess& journal) {
    const auto& limits = context.settings.limits;
    const core::Date now_day = today(context);
    std::optional<core::Date> first;
    if (args.month_given) {
        first = args.month.empty() ? core::Date{now_day.year() / now_day.month() / 1} : core::parse_month(args.month);
        if (!first)
            return fail(kBadInput, trf("--month {}: not a month; fix: write it as YYYY-MM, e.g. 2026-11", args.month));
    } else {
        first = args.year.empty() ? core::Date{now_day.year() / 1 / 1} : core::parse_year(args.year);
        if (!first)
            return fail(kBadInput, trf("--year {}: not a year; fix: write it as YYYY, e.g. 2026", args.year));
    }
    const auto now = core::SystemClock{}.now();
    const auto period = app::compute_period(
        journal.intervals(), context, args.month_given ? app::PeriodKind::month : app::PeriodKind::year, *first, now);
    if (!args.html)
        return write_output(args, args.json ? app::period_json(period) : app::period_table(period, limits),
                            app::N_("{}: cannot write the report; fix: choose a folder you can write to"));
    return write_output(args, app::period_page(journal.intervals(), context, period, now),
                        app::N_("{}: cannot write the page; fix: choose a folder you can write to"));
}

int cmd_report(const Args& args) {
    app::Context context;
    int status = kOk;
    auto journal = load_and_open(args, context, status);
    if (!journal)
        return status;
    const auto& limits = context.settings.limits;
    if (args.html && args.json)
        return fail(kBadInput, tr("--html and --json: one at a time; fix: keep the one you need"));
    if (args.month_given || args.year_given)
        return report_period(args, context, *journal);
    if (args.html)
        return fail(kBadInput,
                    tr("--html makes the page of a month or a year; fix: add --month YYYY-MM or --year YYYY"));
    if (args.day_given) {
        auto parsed = date_arg(args.day, "--day", status);
        if (status != kOk)
            return status;
        core::Date d = parsed.value_or(today(context));
        auto metrics = core::compute_day(journal->intervals(), d, *context.schedule, limits);
        std::cout << (args.json ? app::day_json(metrics) : app::day_table(metrics, limits));
        return kOk;
    }
    core::Date monday = core::iso_week_monday(today(context));
    if (!args.week.empty()) {
        auto parsed = core::parse_iso_week(args.week);
        if (!parsed)
            return fail(kBadInput,
                        trf("--week {}: not an ISO week; fix: write it as YYYY-Www, e.g. 2026-W49", args.week));
        monday = *parsed;
    }
    auto metrics =
        core::compute_week(journal->intervals(), monday, *context.schedule, limits, core::SystemClock{}.now());
    std::cout << (args.json ? app::week_json(metrics) : app::week_table(metrics, limits));
    return kOk;
}

// The running agent's live view when one runs (the figures its menu shows); the journal otherwise, and it says so.
int cmd_status(const Args& args) {
    app::Context context;
    int status = kOk;
    if (!load(args, context, status))
        return status;
    std::string why;
    std::optional<app::DayView> view = app::ask_agent_day_view(context, why);
    if (!view) {
        auto journal = open_for_reading(context, status);
        if (!journal)
            return status;
        view = app::compute_day_view(context, journal->intervals(), core::SystemClock{}.now(), false, false);
    }
    const std::string fallback = tr("no agent running: figures from the journal, up to 5 minutes behind");
    if (args.json) {
        if (!view->live)
            std::cerr << "clockout: " << fallback << '\n';
        std::cout << app::day_view_json(*view, *context.zone);
        return kOk;
    }
    std::cout << app::day_view_heading(*view) << '\n';
    for (const auto& line : app::day_view_lines(*view, *context.zone))
        std::cout << "  " << line << '\n';
    if (!view->live)
        std::cout << "  (" << fallback << ")\n";
    return kOk;
}

// Settings and language, then the subcommand's --from and --to; false (with `status` set) when any is wrong.
bool load_with_range(const Args& args, app::Context& context, std::optional<core::Date>& from,
                     std::optional<core::Date>& to, int& status) {
    if (!load(args, context, status))
        return false;
    from = date_arg(args.from, "--from", status);
    to = date_arg(args.to, "--to", status);
    return status == kOk;
}

// A file size limit (ulimit -f) must not kill a process that writes past it: the write fails and SQLite reports it
// like a full disk, one line, nothing written.
void survive_file_size_limit() {
    app::survive_file_size_limit();
}

int cmd_export(const Args& args) {
    survive_file_size_limit();
    app::Context context;
    int status = kOk;
    std::optional<core::Date> from, to;
    if (!load_with_range(args, context, from, to, status))
        return status;
    app::ExportFormat format_kind = args.export_format == "json" ? app::ExportFormat::json : app::ExportFormat::csv;
    auto journal = open_for_reading(context, status);
    if (!journal)
        return status;
    std::string text;
    try {
        text = journal->export_text(format_kind, from, to);
    } catch (const std::exception& e) {
        return fail(kFailed, e.what());
    }
    return write_output(args, text, app::N_("{}: cannot write the export; fix: choose a folder you can write to"));
}

int cmd_import(const Args& args) {
    survive_file_size_limit();
    app::Context context;
    int status = kOk;
    if (!load(args, context, status))
        return status;
    std::string text;
    if (args.import_file == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::error_code ec;
        if (!fs::is_regular_file(args.import_file, ec)) {
            return fail(kBadInput,
                        trf("{}: no such file; fix: give the path of a CSV or JSON export", args.import_file));
        }
        std::ifstream in(args.import_file, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (in.bad())
            return fail(kFailed, trf("{}: cannot be read; fix: check its permissions", args.import_file));
    }
    std::vector<std::string> notices;
    try {
        app::JournalAccess journal(context, false, notices);
        for (const auto& n : notices)
            std::cerr << "clockout: " << n << '\n';
        std::string name = args.import_file == "-" ? "<stdin>" : fs::path(args.import_file).filename().string();
        auto result = journal.import_text(text, name, context.settings.schedule.day_start);
        if (!result.ok())
            return fail(kBadInput, result.error);
        // The count picks the form by the language's plural rule: "1 intervalle importé", "0 intervalle importé".
        std::cout << app::ntrf("Imported {} interval ({} already in the journal).",
                               "Imported {} intervals ({} already in the journal).", result.added, result.added,
                               result.skipped)
                  << '\n';
    } catch (const std::exception& e) {
        return fail(kFailed, e.what());
    }
    return kOk;
}

int cmd_purge(const Args& args) {
    survive_file_size_limit();
    app::Context context;
    int status = kOk;
    std::optional<core::Date> from, to;
    if (!load_with_range(args, context, from, to, status))
        return status;
    if (!args.all && !from && !to) {
        return fail(kBadInput,
                    tr("purge needs --from and/or --to, or --all; fix: e.g. clockout purge --to 2025-12-31"));
    }
    if (args.all && (from || to))
        return fail(kBadInput, tr("--all cannot be combined with --from or --to"));
    if (from && to && *to < *from)
        return fail(kBadInput, tr("--to is before --from; fix: swap the two dates"));
    std::string what = args.all ? tr("your whole journal")
                                : trf("the days from {} to {}", from ? core::format_date(*from) : tr("the start"),
                                      to ? core::format_date(*to) : tr("today"));
    if (!args.yes) {
        if (!app::stdin_is_terminal()) {
            return fail(kBadInput, trf("purge would delete {}; there is no terminal to confirm; fix: add --yes", what));
        }
        std::cout << trf("Delete {}? This cannot be undone. Type yes to confirm: ", what) << std::flush;
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "yes" && answer != tr("yes")) {
            std::cout << tr("Nothing was deleted.") << '\n';
            return kOk;
        }
    }
    std::vector<std::string> notices;
    try {
        app::JournalAccess journal(context, false, notices);
        auto removed = journal.purge(args.all ? std::nullopt : from, args.all ? std::nullopt : to);
        std::cout << app::ntrf("Deleted {} interval.", "Deleted {} intervals.", removed, removed) << '\n';
    } catch (const std::exception& e) {
        return fail(kFailed, e.what());
    }
    // Your own files in the devices folder are written again without the purged rows (docs/devices.md).
    if (!context.settings.devices_folder.empty()) {
        try {
            auto report = app::sync_devices_now(context);
            if (!report.error.empty())
                return fail(kFailed, report.error);
            std::cout << app::ntrf("Devices folder: {} file written again.", "Devices folder: {} files written again.",
                                   report.files_published, report.files_published)
                      << '\n';
        } catch (const std::exception& e) {
            return fail(kFailed, e.what());
        }
    }
    return kOk;
}

int cmd_sync(const Args& args) {
    survive_file_size_limit();
    app::Context context;
    int status = kOk;
    if (!load(args, context, status))
        return status;
    if (context.settings.devices_folder.empty())
        return fail(kBadInput, tr("no devices folder is set; fix: set [devices] folder in your settings "
                                  "(docs/devices.md)"));
    try {
        auto report = app::sync_devices_now(context);
        if (!report.error.empty())
            return fail(kFailed, report.error);
        std::cout << trf("Files published: {}. Files of other devices read: {} (rows: {}).", report.files_published,
                         report.files_read, report.rows_read)
                  << '\n';
        if (report.waiting > 0)
            std::cout << trf("Files the sync engine is still copying: {} (read when they are whole).", report.waiting)
                      << '\n';
        for (const auto& p : report.problems)
            std::cerr << "clockout: " << p << '\n';
    } catch (const std::exception& e) {
        return fail(kFailed, e.what());
    }
    return kOk;
}

int cmd_devices(const Args& args) {
    app::Context context;
    int status = kOk;
    if (!load(args, context, status))
        return status;
    std::vector<app::DeviceInfo> devices;
    try {
        devices = app::list_devices(context);
    } catch (const std::exception& e) {
        return fail(kFailed, e.what());
    }
    if (args.json) {
        std::cout << app::devices_json(devices);
        return kOk;
    }
    if (context.settings.devices_folder.empty())
        std::cout << tr("No devices folder is set ([devices] folder): only this device's rows are counted.") << '\n';
    std::cout << fmt::format("{:<20} {:<17} {:>8}  {:<20}  {}\n", tr("name"), tr("id"), tr("rows"), tr("last file"),
                             tr("problems"));
    for (const auto& d : devices) {
        std::string when = d.last_file == 0
                               ? std::string("-")
                               : date::format("%Y-%m-%d %H:%M UTC", core::TimePoint{core::Seconds{d.last_file}});
        std::string name = d.name + (d.self ? " " + tr("(this one)") : "");
        std::cout << fmt::format("{:<20} {:<17} {:>8}  {:<20}  {}\n", name, d.id.empty() ? "-" : d.id, d.rows, when,
                                 d.problems.empty() ? std::string("-") : std::to_string(d.problems.size()));
        for (const auto& p : d.problems)
            std::cout << "  " << p << '\n';
    }
    return kOk;
}

int cmd_config_check(const Args& args) {
    app::Context context;
    int status = kOk;
    if (!load(args, context, status, true))
        return status;
    std::vector<core::SettingsIssue> issues = context.settings_issues;
    std::vector<fs::path> checked = context.config_layers;
    if (!args.check_file.empty()) {
        std::error_code ec;
        if (!fs::is_regular_file(args.check_file, ec)) {
            return fail(kBadInput, trf("{}: no such file; fix: give the path of a settings file", args.check_file));
        }
        issues = core::load_settings_file(args.check_file, core::Settings{}).issues;
        checked = {args.check_file};
    }
    // Which settings the agent runs with: the files as written, or, when the user's file has a problem, the last
    // good copy the agent kept, or the layers below the file when there is none yet (said on the last problem's line,
    // so a long list still fits a screen).
    const bool whole = args.check_file.empty();
    const bool on_defaults = whole && context.settings_source == app::Context::Source::lower_layers;
    for (std::size_t i = 0; i < issues.size(); ++i)
        std::cerr << "clockout: " << app::settings_issue_text(issues[i])
                  << (on_defaults && i + 1 == issues.size() ? " " + tr("(the defaults are used)") : "") << '\n';
    if (whole && context.settings_source == app::Context::Source::last_good)
        std::cerr << trf("clockout: settings in force: the last good copy, {}, until {} is mended",
                         context.last_good_file.string(), context.user_config.string())
                  << '\n';
    if (!issues.empty())
        return kBadInput;
    for (const auto& file : checked) {
        std::error_code ec;
        if (fs::exists(file, ec))
            std::cout << trf("{}: settings are valid", file.string()) << '\n';
    }
    if (whole)
        std::cout << tr("Settings in force: these files, as written.") << '\n';
    std::cout << tr("Settings OK.") << '\n';
    return kOk;
}

int cmd_config_path(const Args& args) {
    app::Context context;
    int status = kOk;
    if (!load(args, context, status, true))
        return status;
    std::cout << tr("settings") << ": " << context.user_config.string() << '\n';
    for (const auto& layer : context.paths.system_config_files) {
        std::cout << tr("employer defaults") << ": " << layer.string() << '\n';
    }
    std::cout << tr("journal") << ": " << context.journal_file.string() << '\n';
    std::cout << tr("backups") << ": " << context.backup_dir.string() << '\n';
    std::cout << tr("log") << ": " << context.log_file.string() << '\n';
    return kOk;
}

std::string mode_of(const fs::path& p) {
    std::string mode = app::mode_text(p);
    return mode.empty() ? tr("missing") : mode;
}

int cmd_doctor(const Args& args) {
    app::Context context;
    int status = kOk;
    if (!load(args, context, status, true))
        return status;
    int problems = 0;
    std::cout << "clockout " << CLOCKOUT_VERSION << '\n';
    std::cout << tr("Paths") << '\n';
    std::cout << "  " << tr("data folder") << ": " << context.paths.data_dir.string() << " ("
              << mode_of(context.paths.data_dir) << ")\n";
    std::cout << "  " << tr("journal") << ": " << context.journal_file.string() << " (" << mode_of(context.journal_file)
              << ")\n";
    std::cout << "  " << tr("settings") << ": " << context.user_config.string() << " (" << mode_of(context.user_config)
              << ")\n";
    std::cout << "  " << tr("log") << ": " << context.log_file.string() << '\n';
    std::cout << tr("Settings") << '\n';
    if (context.settings_issues.empty()) {
        std::cout << "  " << tr("valid") << '\n';
    } else {
        for (const auto& issue : context.settings_issues)
            std::cout << "  " << app::settings_issue_text(issue) << '\n';
        ++problems;
    }
    std::cout << "  " << tr("time zone") << ": " << context.zone->name() << '\n';
    problems += app::print_doctor_journal(context, args.repair, std::cout);
    problems += app::print_doctor_devices(context, std::cout);
    app::print_doctor_backends(std::cout);
    return problems == 0 ? kOk : kFailed;
}

// ------------------------------------------------------------------------------------------ CLI11 in the user's
// language. CLI11 writes its own errors in English; each kind of ParseError is told again here in one translated line,
// naming the word it could not place, the command it was given to, and the nearest word it knows.

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The known word nearest to a mistyped one: two edits at most ("statut" -> "status", "chek" -> "check"), or one that
// starts the same way ("rep" -> "report").
std::optional<std::string> closest(const std::string& word, const std::vector<std::string>& known) {
    std::optional<std::string> best;
    std::size_t best_distance = 3;
    for (const auto& name : known) {
        std::size_t d = edit_distance(word, name);
        if (word.size() >= 3 && name.rfind(word, 0) == 0)
            d = std::min<std::size_t>(d, 1);
        if (d < best_distance) {
            best_distance = d;
            best = name;
        }
    }
    return best;
}

// The deepest command the parser got to: "clockout config" for "clockout config chek".
const CLI::App* innermost(const CLI::App& root) {
    const CLI::App* app = &root;
    for (;;) {
        auto parsed = app->get_subcommands();
        if (parsed.empty())
            return app;
        app = parsed.front();
    }
}

std::string command_path(const CLI::App* app) {
    std::string path = app->get_name();
    for (const CLI::App* up = app->get_parent(); up; up = up->get_parent())
        path = up->get_name() + " " + path;
    return path;
}

std::vector<std::string> subcommand_names(const CLI::App* app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; }))
        names.push_back(sub->get_name());
    return names;
}

std::vector<std::string> option_names(const CLI::App* app) {
    std::vector<std::string> names;
    for (const CLI::Option* opt : app->get_options()) {
        for (const auto& name : opt->get_lnames())
            names.push_back("--" + name);
        for (const auto& name : opt->get_snames())
            names.push_back("-" + name);
    }
    return names;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : ", ") + w;
    return out;
}

// A word the command does not know: a mistyped command or option, or one too many.
std::string unexpected_word(const CLI::App* app, const std::string& word) {
    const std::string path = command_path(app);
    const bool option = !word.empty() && word.front() == '-';
    const auto subcommands = subcommand_names(app);
    if (option) {
        if (auto guess = closest(word, option_names(app)))
            return trf("\"{}\" is not an option of {}; did you mean \"{}\"? See {} --help", word, path, *guess, path);
        return trf("\"{}\" is not an option of {}; see {} --help", word, path, path);
    }
    if (subcommands.empty())
        return trf("\"{}\" is not expected after {}; see {} --help", word, path, path);
    if (auto guess = closest(word, subcommands))
        return trf("\"{}\" is not a command of {}; did you mean \"{}\"? See {} --help", word, path, *guess, path);
    return trf("\"{}\" is not a command of {}; the commands are {}; see {} --help", word, path, join_words(subcommands),
               path);
}

// "--week excludes --day" -> ("--week", "--day"); the first word of any other CLI11 message -> the option it names.
std::string first_word(const std::string& text) {
    const auto end = text.find_first_of(": ");
    return text.substr(0, end);
}

std::string parse_error_line(const CLI::App& root, const CLI::ParseError& e) {
    const CLI::App* app = innermost(root);
    const std::string path = command_path(app);
    const std::string what = e.what();
    std::vector<std::string> left = app->remaining();
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        if (left.empty())
            left = root.remaining();
        if (!left.empty())
            return unexpected_word(app, left.front());
    } else if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        if (app->get_require_subcommand_min() > 0 && app->get_subcommands().empty()) {
            // "config chek": the mistyped command is what is left over.
            if (!left.empty())
                return unexpected_word(app, left.front());
            const auto subcommands = subcommand_names(app);
            return trf("{} needs a command: {}; fix: e.g. {} {}", path, join_words(subcommands), path,
                       subcommands.empty() ? std::string() : subcommands.front());
        }
        for (const CLI::Option* opt : app->get_options()) {
            if (opt->get_required() && opt->count() == 0)
                return trf("{} needs the argument {}; see {} --help", path, opt->get_name(), path);
        }
    } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
        return trf("{} needs a value; see {} --help", first_word(what), path);
    } else if (dynamic_cast<const CLI::ExcludesError*>(&e) || dynamic_cast<const CLI::RequiresError*>(&e)) {
        const auto a = first_word(what);
        const auto space = what.rfind(' ');
        const auto b = space == std::string::npos ? std::string() : what.substr(space + 1);
        if (dynamic_cast<const CLI::ExcludesError*>(&e))
            return trf("{} and {} cannot be given together; fix: keep one of them", a, b);
        return trf("{} needs {} too; see {} --help", a, b, path);
    } else if (dynamic_cast<const CLI::ValidationError*>(&e)) {
        // Clockout's validators say what is wrong in the user's language already; CLI11 puts "--format: " before it.
        const auto colon = what.find(": ");
        if (colon != std::string::npos)
            return trf("{}: {}", what.substr(0, colon), what.substr(colon + 2));
        return what;
    }
    return trf("the command line cannot be read ({}); see clockout --help", what);
}

// One value among a few, told in the user's language when it is none of them (CLI::IsMember says it in English).
CLI::Validator one_of(std::vector<std::string> values) {
    const std::string shown = [&] {
        std::string out;
        for (const auto& v : values)
            out += (out.empty() ? "" : "|") + v;
        return out;
    }();
    return CLI::Validator(
        [values, shown](std::string& value) -> std::string {
            if (std::find(values.begin(), values.end(), value) != values.end())
                return {};
            return trf("\"{}\" is not one of {}; fix: write one of them", value, shown);
        },
        shown);
}

}  // namespace

int run(int argc, char** argv, const AgentRunner& agent_runner) {
    app::use_caller_console(argc > 1);  // Windows: the console of cmd.exe or PowerShell, before anything is printed
    app::set_language(app::choose_language("auto"));
    Args args;
    CLI::App cli{tr("Clockout: a private tray agent for your right to disconnect. With no command, starts the agent."),
                 "clockout"};
    // CLI11's own words, in the user's language too; set before the subcommands, which inherit them. Every option
    // carries its own placeholder (option_text), so CLI11 adds no English ("TEXT", "Excludes:") and the descriptions
    // start in one column.
    cli.option_defaults()->group(tr("Options"));  // before the help flag, which takes it
    cli.set_help_flag("-h,--help", tr("Print this help message and exit"));
    cli.set_version_flag("--version", std::string("clockout ") + CLOCKOUT_VERSION,
                         tr("Print the version of Clockout and exit"));
    auto formatter = cli.get_formatter();
    formatter->column_width(26);
    // CLI11 writes "<label>:" (and "<group>:"); French puts a space before the colon, so the French labels and group
    // names end with one.
    formatter->label("Usage", tr("Usage"));
    formatter->label("OPTIONS", tr("OPTIONS"));
    formatter->label("SUBCOMMAND", tr("COMMAND"));
    formatter->label("SUBCOMMANDS", tr("COMMANDS"));
    formatter->label("Positionals", tr("Arguments"));
    formatter->label("REQUIRED", tr("REQUIRED"));
    const std::string commands = tr("Commands");
    const std::string date_text = tr("DATE");
    const std::string file_text = tr("FILE");
    cli.add_option("--data-dir", args.data_dir, tr("Folder of the journal and its backups"))->option_text(tr("FOLDER"));
    cli.add_option("--config", args.config, tr("Settings file to use instead of your settings.toml"))
        ->option_text(file_text);
    cli.add_flag("--headless", args.headless, tr("Start the agent with no window: nudges come as notifications"));
    cli.require_subcommand(0, 1);

    auto* status = cli.add_subcommand("status", tr("Today so far: active time, amplitude, day's end, latest stop"));
    status->group(commands);
    status->add_flag("--json", args.json, tr("Print JSON"));

    auto* report = cli.add_subcommand("report", tr("The figures of a day, a week, a month or a year"));
    report->group(commands);
    auto* week_opt =
        report->add_option("--week", args.week, tr("ISO week, e.g. 2026-W49 (default: this week; not with --day)"))
            ->expected(0, 1)
            ->option_text(tr("[WEEK]"));
    auto* day_opt = report->add_option("--day", args.day, tr("Day, e.g. 2026-11-30 (default: today; not with --week)"))
                        ->expected(0, 1)
                        ->option_text(tr("[DAY]"));
    auto* month_opt =
        report->add_option("--month", args.month, tr("Month, e.g. 2026-11, per ISO week (default: this month)"))
            ->expected(0, 1)
            ->option_text(tr("[YYYY-MM]"));
    auto* year_opt = report->add_option("--year", args.year, tr("Year, e.g. 2026, per month (default: this year)"))
                         ->expected(0, 1)
                         ->option_text(tr("[YYYY]"));
    const std::vector<CLI::Option*> periods = {week_opt, day_opt, month_opt, year_opt};  // one at a time
    for (std::size_t a = 0; a < periods.size(); ++a)
        for (std::size_t b = a + 1; b < periods.size(); ++b)
            periods[a]->excludes(periods[b]);
    report->add_flag("--json", args.json, tr("Print JSON with the fields of the journal format"));
    report->add_flag("--html", args.html,
                     tr("With --month or --year: one HTML page to print or save as PDF (CSS and SVG inline, nothing "
                        "fetched)"));
    report->add_option("-o,--output", args.output, tr("File to write (default: standard output)"))
        ->option_text(file_text);

    auto* exp = cli.add_subcommand("export", tr("Write the journal as CSV or JSON"));
    exp->group(commands);
    exp->add_option("--from", args.from, tr("First work day, YYYY-MM-DD"))->option_text(date_text);
    exp->add_option("--to", args.to, tr("Last work day, YYYY-MM-DD"))->option_text(date_text);
    exp->add_option("--format", args.export_format, tr("csv or json (default: csv)"))
        ->check(one_of({"csv", "json"}))
        ->option_text("csv|json");
    exp->add_option("-o,--output", args.output, tr("File to write (default: standard output)"))->option_text(file_text);

    auto* imp = cli.add_subcommand("import", tr("Add intervals from a CSV or JSON export (all or nothing)"));
    imp->group(commands);
    imp->add_option(tr("file"), args.import_file, tr("The file, or - for standard input"))
        ->required()
        ->option_text(" ");

    auto* purge = cli.add_subcommand("purge", tr("Delete recorded days for good"));
    purge->group(commands);
    purge->add_option("--from", args.from, tr("First work day to delete, YYYY-MM-DD"))->option_text(date_text);
    purge->add_option("--to", args.to, tr("Last work day to delete, YYYY-MM-DD"))->option_text(date_text);
    purge->add_flag("--all", args.all, tr("Delete the whole journal"));
    purge->add_flag("--yes", args.yes, tr("Do not ask for confirmation"));

    auto* config = cli.add_subcommand("config", tr("Check the settings or show where files are"));
    config->group(commands);
    config->require_subcommand(1);
    auto* check = config->add_subcommand("check", tr("Validate the settings files"));
    check->group(commands);
    check->add_option(tr("file"), args.check_file, tr("A settings file to check alone"))->option_text(" ");
    auto* path = config->add_subcommand("path", tr("Show where settings, journal and log are"));
    path->group(commands);

    auto* doctor = cli.add_subcommand("doctor", tr("Check paths, settings, journal and signal backends"));
    doctor->add_flag("--repair", args.repair, tr("Merge the journal's overlapping rows (after a copy of it)"));
    doctor->group(commands);

    auto* devices = cli.add_subcommand("devices", tr("The devices whose rows this journal holds (docs/devices.md)"));
    devices->group(commands);
    devices->add_flag("--json", args.json, tr("Print JSON"));
    auto* sync = cli.add_subcommand("sync", tr("Publish this device's rows and read the others' now"));
    sync->group(commands);

    // A subcommand's help flag is made before it copies the option defaults: its group is set here.
    for (CLI::App* sub : {status, report, exp, imp, purge, config, check, path, doctor, devices, sync})
        sub->get_help_ptr()->group(tr("Options"));

    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(kBadInput, parse_error_line(cli, e));
    }
    args.week_given = week_opt->count() > 0;
    args.day_given = day_opt->count() > 0;
    args.month_given = month_opt->count() > 0;
    args.year_given = year_opt->count() > 0;

    try {
        if (*status)
            return cmd_status(args);
        if (*report)
            return cmd_report(args);
        if (*exp)
            return cmd_export(args);
        if (*imp)
            return cmd_import(args);
        if (*purge)
            return cmd_purge(args);
        if (*check)
            return cmd_config_check(args);
        if (*path)
            return cmd_config_path(args);
        if (*doctor)
            return cmd_doctor(args);
        if (*devices)
            return cmd_devices(args);
        if (*sync)
            return cmd_sync(args);
        if (agent_runner)
            return agent_runner(to_options(args), args.headless);
        return app::run_agent(to_options(args), true);
    } catch (const std::exception& e) {
        // Every expected failure is handled above; this keeps an unexpected one to a single line, never a crash.
        return fail(kFailed, e.what());
    }
}

}  // namespace clockout::cli
