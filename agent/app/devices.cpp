#include "app/devices.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/i18n.h"
#include "journal/device_file.h"
#include "journal/interchange.h"
#include "journal/journal.h"
#include "platform/files.h"

namespace clockout::app {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDeviceIdKey = "device_id";
// Where and under which name this device last published: another folder or name means every month again.
constexpr std::string_view kPublishedToKey = "devices_published_to";

bool is_device_id(std::string_view name) {
    return name.size() == 16 && std::all_of(name.begin(), name.end(),
                                            [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Hidden names are the sync engines' own (.stfolder, .syncthing.*.tmp, ~ files are not hidden but temporary) and our
// own temporaries (write_file_atomically's ".name.tmp-...").
bool is_quiet_name(std::string_view name) {
    return name.empty() || name.front() == '.' || name.front() == '~' || name.back() == '~';
}

// A problem is kept in the journal as its message's pieces, so it is shown in the language of whoever reads it:
// pieces separated by \x1e, a piece's pattern and arguments by \x1f.
std::string pack(const journal::Message& m) {
    std::string out;
    for (const auto& piece : m.pieces) {
        if (!out.empty())
            out += '\x1e';
        out += piece.pattern;
        for (const auto& a : piece.args)
            out += '\x1f' + a;
    }
    return out;
}

journal::Message unpack(std::string_view text) {
    journal::Message m;
    std::size_t at = 0;
    while (at <= text.size() && !text.empty()) {
        auto end = text.find('\x1e', at);
        std::string_view piece = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        journal::Message::Piece p;
        std::size_t f = 0;
        bool first = true;
        for (;;) {
            auto e = piece.find('\x1f', f);
            std::string field(piece.substr(f, e == std::string_view::npos ? std::string_view::npos : e - f));
            if (first)
                p.pattern = field;
            else
                p.args.push_back(field);
            first = false;
            if (e == std::string_view::npos)
                break;
            f = e + 1;
        }
        m.pieces.push_back(std::move(p));
        if (end == std::string_view::npos)
            break;
        at = end + 1;
    }
    return m;
}

std::string shown(std::string_view packed) {
    return unpack(packed).render([](std::string_view s) { return tr(s); });
}

journal::Message message(const char* pattern, std::vector<std::string> args) {
    return journal::Message{{journal::Message::Piece{pattern, std::move(args)}}};
}

constexpr std::string_view kIncomplete = "incomplete";

// Nanoseconds since 1970 (the file clock's own epoch is not 1970 in every library: libstdc++'s is in 2174).
std::int64_t unix_ns(fs::file_time_type t) {
    return static_cast<std::int64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(fs::file_time_type::clock::to_sys(t).time_since_epoch())
            .count());
}

std::int64_t mtime_of(const fs::directory_entry& entry) {
    std::error_code ec;
    auto t = entry.last_write_time(ec);
    return ec ? 0 : unix_ns(t);
}

std::int64_t unix_seconds_of_mtime(std::int64_t mtime) {
    return mtime / 1000000000;
}

std::string read_whole(const fs::path& file, bool& ok) {
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ok = !in.bad() && in.is_open();
    return text;
}

std::string folder_problem(const fs::path& folder) {
    std::error_code ec;
    if (!fs::exists(folder, ec))
        return trf(
            "the devices folder {} does not exist; fix: create it inside the folder your sync engine shares, "
            "or set [devices] folder = \"\" to turn this off",
            folder.string());
    if (!fs::is_directory(folder, ec))
        return trf("the devices folder {} is not a folder; fix: choose a folder in [devices] folder", folder.string());
    return {};
}

}  // namespace

std::string device_id(journal::Journal& journal) {
    std::string id = journal.meta(kDeviceIdKey);
    if (is_device_id(id))
        return id;
    std::random_device random;
    std::uniform_int_distribution<int> digit(0, 15);
    id.clear();
    for (int i = 0; i < 16; ++i)
        id += "0123456789abcdef"[digit(random)];
    journal.set_meta(kDeviceIdKey, id);
    return id;
}

DevicesFolder::DevicesFolder(journal::Journal& journal, const Context& context)
    : journal_(journal),
      folder_(context.settings.devices_folder),
      name_(context.device),
      day_start_(context.settings.schedule.day_start) {}

SyncReport DevicesFolder::publish() {
    SyncReport report;
    if (!enabled())
        return report;
    if (report.error = folder_problem(folder_); !report.error.empty())
        return report;
    const std::string id = device_id(journal_);
    const fs::path own = folder_ / id;
    if (auto why = platform::make_private_dir(own); !why.empty()) {
        report.error = why;
        return report;
    }
    const std::string target = folder_.string() + "\n" + name_;
    if (journal_.meta(kPublishedToKey) != target) {
        journal_.mark_months_pending({}, true);
        journal_.set_meta(kPublishedToKey, target);
    }
    std::map<std::string, journal::PublishedFile> published;
    std::vector<std::string> missing;
    for (auto& p : journal_.published_files()) {
        std::error_code ec;
        const auto size = fs::file_size(own / (p.month + ".csv"), ec);
        if (ec || static_cast<std::int64_t>(size) != p.size)
            missing.push_back(p.month);  // removed or replaced by someone: ours to write again
        published.emplace(p.month, std::move(p));
    }
    if (!missing.empty())
        journal_.mark_months_pending(missing);
    for (const auto& month : journal_.pending_months()) {
        const auto rows = journal_.take_own_month(month, name_);
        auto it = published.find(month);
        if (rows.empty() && it == published.end())
            continue;  // no own rows that month, and no file to empty
        const std::string text = journal::format_device_file(rows, name_);
        const std::string sum = journal::fnv1a64_hex(text);
        if (it != published.end() && it->second.checksum == sum &&
            std::find(missing.begin(), missing.end(), month) == missing.end())
            continue;  // the same bytes are there already: no needless work for the sync engine
        if (auto why = platform::write_file_atomically(own / (month + ".csv"), text); !why.empty()) {
            journal_.mark_months_pending({month});
            report.error = why;
            return report;
        }
        journal_.record_published(
            {month, sum, static_cast<std::int64_t>(rows.size()), static_cast<std::int64_t>(text.size())});
        ++report.files_published;
    }
    return report;
}

SyncReport DevicesFolder::read_others(core::TimePoint now) {
    SyncReport report;
    if (!enabled())
        return report;
    if (report.error = folder_problem(folder_); !report.error.empty())
        return report;
    const std::string own = device_id(journal_);
    std::map<std::pair<std::string, std::string>, journal::RemoteFile> known;
    for (auto& f : journal_.remote_files())
        known.emplace(std::make_pair(f.device_id, f.name), std::move(f));
    std::set<std::pair<std::string, std::string>> seen;

    // A problem seen for the first time (or changed) is told once; one still there is only listed.
    auto note = [&](journal::RemoteFile file, const journal::Message& why, const journal::RemoteFile* before) {
        file.problem = pack(why);
        const bool fresh = !before || before->problem != file.problem;
        report.problems.push_back(shown(file.problem));
        if (fresh)
            report.new_problems.push_back(report.problems.back());
        journal_.record_remote_file(file);
    };

    std::error_code ec;
    for (const auto& device_dir : fs::directory_iterator(folder_, ec)) {
        const std::string id = device_dir.path().filename().string();
        if (is_quiet_name(id))
            continue;
        std::error_code dir_ec;
        if (!device_dir.is_directory(dir_ec) || !is_device_id(id))
            continue;  // not a device's folder: left alone, as anything else the worker keeps there
        for (const auto& entry : fs::directory_iterator(device_dir.path(), dir_ec)) {
            const std::string name = entry.path().filename().string();
            if (is_quiet_name(name))
                continue;
            const auto key = std::make_pair(id, name);
            std::error_code file_ec;
            if (!entry.is_regular_file(file_ec))
                continue;
            journal::RemoteFile file;
            file.device_id = id;
            file.name = name;
            file.size = static_cast<std::int64_t>(entry.file_size(file_ec));
            file.mtime = mtime_of(entry);
            const std::string shown_name = id + "/" + name;
            const auto it = known.find(key);
            const journal::RemoteFile* before = it == known.end() ? nullptr : &it->second;
            if (id == own && !journal::is_conflict_copy(name))
                continue;  // this device's own files: never read back
            seen.insert(key);
            if (before && before->size == file.size && before->mtime == file.mtime) {
                if (before->problem == kIncomplete)
                    ++report.waiting;
                else if (!before->problem.empty())
                    report.problems.push_back(shown(before->problem));
                continue;
            }
            if (before) {
                file.display_name = before->display_name;
                file.checksum = before->checksum;
                file.rows = before->rows;
                file.read_at = before->read_at;
            }
            if (journal::is_conflict_copy(name)) {
                note(file,
                     message(N_("{}: a copy the sync engine made when two computers changed the file at once, "
                                "ignored; fix: delete it (its device writes its own file again)"),
                             {shown_name}),
                     before);
                continue;
            }
            const auto month = journal::month_of_file_name(name);
            if (!month) {
                note(file,
                     message(N_("{}: not a Clockout month file, ignored; fix: move it out of the devices folder"),
                             {shown_name}),
                     before);
                continue;
            }
            bool read_ok = false;
            const std::string text = read_whole(entry.path(), read_ok);
            auto parsed = journal::parse_device_file(text, shown_name, *month, day_start_);
            if (!read_ok || parsed.status == journal::DeviceFile::Status::incomplete) {
                // Half-synced: quietly waited for; the next change (or start) reads it again.
                file.problem = std::string(kIncomplete);
                journal_.record_remote_file(file);
                ++report.waiting;
                continue;
            }
            if (parsed.status == journal::DeviceFile::Status::malformed) {
                journal::Message why = parsed.message;
                why.pieces.push_back({N_("; nothing was read from it (the rows read from it before are kept)"), {}});
                note(file, why, before);
                continue;
            }
            file.display_name = parsed.display_name;
            file.problem.clear();
            if (before && before->checksum == parsed.checksum && before->problem.empty()) {
                journal_.record_remote_file(file);  // touched, not changed
                continue;
            }
            const auto days = journal::month_days(*month);
            file.checksum = parsed.checksum;
            file.rows = static_cast<std::int64_t>(parsed.rows.size());
            file.read_at = static_cast<std::int64_t>(now.time_since_epoch().count());
            journal_.replace_remote_rows(file, days->first, days->second, parsed.rows);
            ++report.files_read;
            report.rows_read += file.rows;
        }
    }
    if (ec) {
        report.error =
            trf("cannot read the devices folder {}: {}; fix: check its permissions", folder_.string(), ec.message());
        return report;
    }
    // A file gone from the folder is forgotten; its rows stay (docs/devices.md: a device empties a month by writing
    // the file again with fewer rows, never by deleting it).
    for (const auto& [key, file] : known)
        if (!seen.count(key))
            journal_.forget_remote_file(key.first, key.second);
    return report;
}

SyncReport DevicesFolder::sync(core::TimePoint now) {
    SyncReport report = publish();
    if (!report.error.empty())
        return report;
    SyncReport read = read_others(now);
    read.files_published = report.files_published;
    return read;
}

SyncReport sync_devices_now(const Context& context) {
    std::vector<std::string> notices;
    auto journal = open_journal(context, false, notices);
    DevicesFolder devices(*journal, context);
    SyncReport report = devices.sync(core::SystemClock{}.now());
    journal->commit("sync");
    return report;
}

std::vector<DeviceInfo> list_devices(const Context& context) {
    std::vector<DeviceInfo> out;
    std::vector<std::string> notices;
    std::error_code ec;
    if (!fs::exists(context.journal_file, ec))
        return out;
    auto journal = open_journal(context, true, notices);
    DeviceInfo self;
    self.self = true;
    self.id = journal->meta(kDeviceIdKey);
    self.name = context.device;
    self.rows = journal->own_row_count(context.device);
    std::int64_t newest = 0;
    for (const auto& p : journal->published_files()) {
        std::error_code e;
        auto t = fs::last_write_time(context.settings.devices_folder.empty()
                                         ? fs::path()
                                         : fs::path(context.settings.devices_folder) / self.id / (p.month + ".csv"),
                                     e);
        if (!e)
            newest = std::max(newest, unix_ns(t));
    }
    self.last_file = unix_seconds_of_mtime(newest);
    out.push_back(self);
    std::map<std::string, std::int64_t> rows;
    for (const auto& c : journal->rows_by_origin())
        rows[c.origin] = c.rows;
    std::map<std::string, DeviceInfo> others;
    std::map<std::string, std::int64_t> newest_of;
    for (const auto& f : journal->remote_files()) {
        if (f.device_id == self.id) {
            if (!f.problem.empty())
                out.front().problems.push_back(shown(f.problem));
            continue;
        }
        auto& d = others[f.device_id];
        d.id = f.device_id;
        if (!f.display_name.empty())
            d.name = f.display_name;
        if (f.problem == kIncomplete)
            d.problems.push_back(
                trf("{}/{}: not whole yet (the sync engine is still copying it)", f.device_id, f.name));
        else if (!f.problem.empty())
            d.problems.push_back(shown(f.problem));
        if (f.read_at > 0)
            newest_of[f.device_id] = std::max(newest_of[f.device_id], f.mtime);
    }
    for (auto& [id, d] : others) {
        d.rows = rows.count(id) ? rows[id] : 0;
        d.last_file = unix_seconds_of_mtime(newest_of[id]);
        out.push_back(std::move(d));
    }
    return out;
}

std::string devices_json(const std::vector<DeviceInfo>& devices) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : devices) {
        nlohmann::json j;
        j["id"] = d.id;
        j["name"] = d.name;
        j["self"] = d.self;
        j["rows"] = d.rows;
        j["last_file"] =
            d.last_file == 0
                ? nlohmann::json(nullptr)
                : nlohmann::json(date::format("%Y-%m-%dT%H:%M:%SZ", core::TimePoint{core::Seconds{d.last_file}}));
        j["problems"] = d.problems;
        out.push_back(std::move(j));
    }
    return out.dump(2) + "\n";
}

int print_doctor_devices(const Context& context, std::ostream& out) {
    out << tr("Devices folder") << '\n';
    if (context.settings.devices_folder.empty()) {
        out << "  " << tr("off ([devices] folder is empty)") << '\n';
        return 0;
    }
    const fs::path folder = context.settings.devices_folder;
    out << "  " << tr("folder") << ": " << folder.string() << '\n';
    if (auto why = folder_problem(folder); !why.empty()) {
        out << "  " << why << '\n';
        return 1;
    }
    int problems = 0;
    try {
        for (const auto& d : list_devices(context)) {
            out << "  " << (d.self ? tr("this device") : tr("device")) << " " << (d.name.empty() ? "?" : d.name) << " ("
                << (d.id.empty() ? tr("no id yet") : d.id) << "): " << ntrf("{} row", "{} rows", d.rows, d.rows)
                << '\n';
            if (d.self && !d.id.empty())
                out << "    " << tr("its files") << ": " << (folder / d.id).string() << " ("
                    << platform::mode_text(folder / d.id) << ")\n";
            for (const auto& p : d.problems) {
                out << "    " << p << '\n';
                ++problems;
            }
        }
    } catch (const std::exception& e) {
        out << "  " << e.what() << '\n';
        ++problems;
    }
    return problems;
}

}  // namespace clockout::app
