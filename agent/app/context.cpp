#include "app/context.h"

#include "app/i18n.h"

#include <algorithm>
#include <system_error>
#include "journal/journal.h"
#include "platform/files.h"
#include "platform/paths.h"

namespace clockout::app {

namespace fs = std::filesystem;

core::ZonePtr resolve_zone(const core::Settings& settings) {
    const std::string& name = settings.schedule.timezone;
    if (name.empty() || name == "system")
        return core::system_zone();
    if (auto zone = core::make_zone(name))
        return zone;
    return core::system_zone();
}

bool user_file_has_problem(const Context& context, const std::vector<core::SettingsIssue>& issues) {
    const std::string user_file = context.user_config.string();
    return std::any_of(issues.begin(), issues.end(),
                       [&](const core::SettingsIssue& issue) { return issue.file == user_file; });
}

void load_context_settings(Context& context) {
    auto loaded = core::load_settings(context.config_layers);
    context.settings_issues = loaded.issues;
    context.settings = loaded.settings;
    context.settings_source = Context::Source::files;
    if (!user_file_has_problem(context, loaded.issues))
        return;
    // The copy holds every key (to_toml), so it reads the same over any base.
    std::error_code ec;
    if (context.last_good_file.empty() || !fs::is_regular_file(context.last_good_file, ec)) {
        context.settings_source = Context::Source::lower_layers;
        return;
    }
    auto good = core::load_settings_file(context.last_good_file, core::Settings{});
    if (!good.ok()) {
        context.settings_source = Context::Source::lower_layers;
        return;
    }
    context.settings = good.settings;
    context.settings_source = Context::Source::last_good;
}

std::string make_context(const Options& options, Context& context) {
    std::string error;
    platform::Paths found = platform::default_paths(error);
    context.paths = {found.data_dir, found.config_dir, found.state_dir, found.runtime_dir, found.system_config_files};
    if (!error.empty() && !(options.data_dir && options.config_file))
        return error;
    if (options.data_dir)
        context.paths.data_dir = *options.data_dir;
    context.journal_file = context.paths.data_dir / "journal.sqlite";
    context.backup_dir = context.paths.data_dir / "backups";
    context.user_config = options.config_file ? *options.config_file : context.paths.config_dir / "settings.toml";
    context.log_file = context.paths.state_dir / "clockout.log";
    context.config_layers = context.paths.system_config_files;
    context.config_layers.push_back(context.user_config);

    context.last_good_file = context.paths.data_dir / "settings.last-good.toml";
    load_context_settings(context);
    context.zone = resolve_zone(context.settings);
    context.schedule = std::make_shared<core::Schedule>(context.settings.schedule);
    context.device = context.settings.device.empty() ? platform::host_name() : context.settings.device;
    return "";
}

std::unique_ptr<journal::Journal> open_journal(const Context& context, bool read_only,
                                               std::vector<std::string>& notices) {
    if (!read_only) {
        if (auto error = platform::make_private_dir(context.paths.data_dir); !error.empty()) {
            throw journal::JournalError(error);
        }
    }
    journal::OpenOptions options;
    options.read_only = read_only;
    return journal::Journal::open(context.journal_file, &notices, options);
}

std::string write_settings_file(const std::filesystem::path& file, const core::Settings& settings) {
    return platform::write_file_atomically(file, core::to_toml(settings));
}

namespace {

std::string phrase_text(const core::Phrase& words, const std::string& english) {
    if (words.pattern.empty())
        return tr(english);
    std::vector<std::string> args;
    for (const auto& a : words.args)
        args.push_back(tr(a));
    const std::string pattern =
        words.plural.empty() ? tr(words.pattern) : ntr(words.pattern, words.plural, words.count);
    return core::fill_template(pattern, args);
}

}  // namespace

std::string settings_issue_text(const core::SettingsIssue& issue) {
    std::string out = issue.file;
    if (issue.line > 0) {
        out += ":" + std::to_string(issue.line);
        if (issue.column > 0)
            out += ":" + std::to_string(issue.column);
    }
    if (!out.empty())
        out += ": ";
    out += phrase_text(issue.message_words, issue.message);
    if (!issue.fix.empty())
        out += trf("; fix: {}", phrase_text(issue.fix_words, issue.fix));
    return out;
}

}  // namespace clockout::app
