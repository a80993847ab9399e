#include "cli/cli.h"

#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "app/agent.h"
#include "app/context.h"
#include "app/day_view.h"
#include "app/i18n.h"
#include "app/report.h"
#include "core/metrics.h"
#include "core/nudge.h"
#include "journal/interchange.h"
#include "platform/terminal.h"

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
    std::string from;
    std::string to;
    std::string export_format = "csv";
    std::string output;
    std::string import_file;
    bool all = false;
    bool yes = false;
    std::string check_file;
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
            std::cerr << "clockout: " << issue.to_string() << ' ' << tr("(the last good settings are used)") << '\n';
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
std::unique_ptr<journal::Journal> open_for_reading(const app::Context& context, int& status) {
    std::vector<std::string> notices;
    std::unique_ptr<journal::Journal> journal;
    try {
        journal = app::open_journal(context, true, notices);
    } catch (const std::exception& e) {
        status = fail(kFailed, e.what());
        return nullptr;
    }
    for (const auto& n : notices)
        std::cerr << "clockout: " << n << '\n';
    return journal;
}

// The settings, then the journal for reading: what report and status start with.
std::unique_ptr<journal::Journal> load_and_open(const Args& args, app::Context& context, int& status) {
    if (!load(args, context, status))
        return nullptr;
    return open_for_reading(context, status);
}

int cmd_report(const Args& args) {
    app::Context context;
    int status = kOk;
    auto journal = load_and_open(args, context, status);
    if (!journal)
        return status;
    const auto& limits = context.settings.limits;
    if (args.day_given) {
        auto parsed = date_arg(args.day, "--day", status);
        if (status != kOk)
            return status;
        core::Date d = parsed.value_or(today(context));
        auto metrics = core::compute_day(*journal, d, *context.schedule, limits);
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
    auto metrics = core::compute_week(*journal, monday, *context.schedule, limits, core::SystemClock{}.now());
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
        view = app::compute_day_view(context, *journal, core::SystemClock{}.now(), false, false);
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

// A file size limit (ulimit -f) kills a process that writes past it with SIGXFSZ; ignored, the write fails with EFBIG
// and SQLite reports it like a full disk: one line, nothing written.
void survive_file_size_limit() {
    std::signal(SIGXFSZ, SIG_IGN);
}

int cmd_export(const Args& args) {
    survive_file_size_limit();
    app::Context context;
    int status = kOk;
    std::optional<core::Date> from, to;
    if (!load_with_range(args, context, from, to, status))
        return status;
    journal::Format format_kind = args.export_format == "json" ? journal::Format::json : journal::Format::csv;
    auto journal = open_for_reading(context, status);
    if (!journal)
        return status;
    std::string text;
    try {
        text = journal::export_text(*journal, format_kind, from, to);
    } catch (const std::exception& e) {
        return fail(kFailed, e.what());
    }
    if (args.output.empty()) {
        std::cout << text;
        return std::cout.good() ? kOk : fail(kFailed, tr("cannot write to standard output"));
    }
    std::ofstream out(args.output, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
        return fail(kFailed, trf("{}: cannot write the export; fix: choose a folder you can write to", args.output));
    }
    return kOk;
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
        auto journal = app::open_journal(context, false, notices);
        for (const auto& n : notices)
            std::cerr << "clockout: " << n << '\n';
        std::string name = args.import_file == "-" ? "<stdin>" : fs::path(args.import_file).filename().string();
        auto result = journal::import_text(*journal, text, name, context.settings.schedule.day_start);
        if (!result.ok())
            return fail(kBadInput, result.error);
        // One interval is singular in both languages ("1 intervalles importés" read wrong).
        std::cout << trf(result.added == 1 ? app::N_("Imported {} interval ({} already in the journal).")
                                           : app::N_("Imported {} intervals ({} already in the journal)."),
                         result.added, result.skipped)
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
        if (!platform::stdin_is_terminal()) {
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
        auto journal = app::open_journal(context, false, notices);
        auto removed = journal->purge(args.all ? std::nullopt : from, args.all ? std::nullopt : to);
        std::cout << trf("Deleted {} intervals.", removed) << '\n';
    } catch (const std::exception& e) {
        return fail(kFailed, e.what());
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
    for (const auto& issue : issues)
        std::cerr << "clockout: " << issue.to_string() << '\n';
    if (!issues.empty())
        return kBadInput;
    for (const auto& file : checked) {
        std::error_code ec;
        if (fs::exists(file, ec))
            std::cout << trf("{}: settings are valid", file.string()) << '\n';
    }
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
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0)
        return tr("missing");
    return fmt::format("{:04o}", st.st_mode & 07777);
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
            std::cout << "  " << issue.to_string() << '\n';
        ++problems;
    }
    std::cout << "  " << tr("time zone") << ": " << context.zone->name() << '\n';
    std::cout << tr("Journal") << '\n';
    std::error_code ec;
    if (!fs::exists(context.journal_file, ec)) {
        std::cout << "  " << tr("not created yet (the agent creates it when it starts)") << '\n';
    } else {
        try {
            std::vector<std::string> notices;
            auto journal = app::open_journal(context, true, notices);
            std::string detail;
            bool ok = journal->integrity_ok(&detail);
            std::cout << "  " << tr("integrity") << ": " << (ok ? "ok" : detail) << '\n';
            std::cout << "  " << tr("schema version") << ": " << journal->schema_version() << '\n';
            std::cout << "  " << tr("intervals") << ": " << journal->interval_count() << '\n';
            if (!ok)
                ++problems;
        } catch (const std::exception& e) {
            std::cout << "  " << e.what() << '\n';
            ++problems;
        }
    }
    app::print_doctor_backends(std::cout);
    return problems == 0 ? kOk : kFailed;
}

}  // namespace

int run(int argc, char** argv, const AgentRunner& agent_runner) {
    app::set_language(app::choose_language("auto"));
    Args args;
    CLI::App cli{tr("Clockout: a private tray agent for your right to disconnect. With no command, starts the agent."),
                 "clockout"};
    // CLI11's own words, in the user's language too; set before the subcommands, which inherit them.
    cli.set_help_flag("-h,--help", tr("Print this help message and exit"));
    cli.set_version_flag("--version", std::string("clockout ") + CLOCKOUT_VERSION,
                         tr("Print the version of Clockout and exit"));
    cli.get_formatter()->label("Usage", tr("Usage"));
    cli.add_option("--data-dir", args.data_dir, tr("Folder of the journal and its backups"));
    cli.add_option("--config", args.config, tr("Settings file to use instead of your settings.toml"));
    cli.add_flag("--headless", args.headless, tr("Start the agent with no window: nudges come as notifications"));
    cli.require_subcommand(0, 1);

    auto* status = cli.add_subcommand("status", tr("Today so far: active time, amplitude, day's end, latest stop"));
    status->add_flag("--json", args.json, tr("Print JSON"));

    auto* report = cli.add_subcommand("report", tr("The figures of a week or a day"));
    auto* week_opt =
        report->add_option("--week", args.week, tr("ISO week, e.g. 2026-W49 (default: this week)"))->expected(0, 1);
    auto* day_opt = report->add_option("--day", args.day, tr("Day, e.g. 2026-11-30 (default: today)"))->expected(0, 1);
    week_opt->excludes(day_opt);
    report->add_flag("--json", args.json, tr("Print JSON with the fields of the journal format"));

    auto* exp = cli.add_subcommand("export", tr("Write the journal as CSV or JSON"));
    exp->add_option("--from", args.from, tr("First work day, YYYY-MM-DD"));
    exp->add_option("--to", args.to, tr("Last work day, YYYY-MM-DD"));
    exp->add_option("--format", args.export_format, tr("csv or json"))->check(CLI::IsMember({"csv", "json"}));
    exp->add_option("-o,--output", args.output, tr("File to write (default: standard output)"));

    auto* imp = cli.add_subcommand("import", tr("Add intervals from a CSV or JSON export (all or nothing)"));
    imp->add_option("file", args.import_file, tr("The file, or - for standard input"))->required();

    auto* purge = cli.add_subcommand("purge", tr("Delete recorded days for good"));
    purge->add_option("--from", args.from, tr("First work day to delete, YYYY-MM-DD"));
    purge->add_option("--to", args.to, tr("Last work day to delete, YYYY-MM-DD"));
    purge->add_flag("--all", args.all, tr("Delete the whole journal"));
    purge->add_flag("--yes", args.yes, tr("Do not ask for confirmation"));

    auto* config = cli.add_subcommand("config", tr("Check the settings or show where files are"));
    config->require_subcommand(1);
    auto* check = config->add_subcommand("check", tr("Validate the settings files"));
    check->add_option("file", args.check_file, tr("A settings file to check alone"));
    auto* path = config->add_subcommand("path", tr("Show where settings, journal and log are"));

    auto* doctor = cli.add_subcommand("doctor", tr("Check paths, settings, journal and signal backends"));

    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(kBadInput, std::string(e.what()) + "; " + tr("see clockout --help"));
    }
    args.week_given = week_opt->count() > 0;
    args.day_given = day_opt->count() > 0;

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
        if (agent_runner)
            return agent_runner(to_options(args), args.headless);
        return app::run_agent(to_options(args), true);
    } catch (const std::exception& e) {
        // Every expected failure is handled above; this keeps an unexpected one to a single line, never a crash.
        return fail(kFailed, e.what());
    }
}

}  // namespace clockout::cli
