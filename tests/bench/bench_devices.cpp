// Several devices through one folder (issue 15, docs/devices.md): 3 devices x 10 years of rows, each journal publishing
// its month files and reading the others'. Prints the week report over the union of three devices (next to the same
// report on a journal of one device, measured in the same run), a sync pass over an unchanged folder, and the read of
// one changed month file. Figures, not a timed test: it fails only on errors.
//
//   bench_devices [--short] [--years N]       --short: one year (what CTest runs)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "app/devices.h"
#include "core/interval.h"
#include "core/metrics.h"
#include "core/schedule.h"
#include "journal/journal.h"

using namespace clockout;
using namespace std::chrono_literals;
using core::State;
namespace fs = std::filesystem;

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Device {
    app::Context context;
    std::unique_ptr<journal::Journal> journal;
    std::unique_ptr<app::DevicesFolder> folder;
};

// A working day of one device: runs of active and idle from `from` (local minutes) to `to`, ~16 rows, at +01:00.
std::int64_t fill(journal::Journal& j, const std::string& name, core::Date first, int days, int from, int to,
                  std::uint64_t seed) {
    std::int64_t rows = 0;
    for (int i = 0; i < days; ++i) {
        const core::Date d{date::sys_days{first} + date::days{i}};
        if (core::weekday_index(d) >= 5)
            continue;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        core::TimePoint t = core::TimePoint{date::sys_days{d}} + core::Minutes{from - 60 + int(seed >> 60)};
        const core::TimePoint end = core::TimePoint{date::sys_days{d}} + core::Minutes{to - 60};
        bool active = true;
        while (t < end) {
            core::Interval r;
            r.start = t;
            r.end = std::min(end, t + core::Minutes{active ? 40 : 10});
            r.state = active ? State::active : State::idle;
            r.utc_offset = core::Seconds{3600};
            r.work_day = d;
            r.source = "xsync";
            r.device = name;
            j.insert(r);
            ++rows;
            t = r.end;
            active = !active;
        }
        if (core::weekday_index(d) == 4)
            j.commit("week");
    }
    j.commit("end");
    return rows;
}

int run(int years, const fs::path& root) {
    const fs::path shared = root / "Sync";
    fs::create_directories(shared);
    const core::Date first{date::year{2027 - years}, date::January, date::day{4}};
    const int days = 365 * years;
    const char* names[] = {"office", "home", "laptop"};
    const int spans[][2] = {{8 * 60, 12 * 60 + 30}, {13 * 60, 17 * 60 + 30}, {11 * 60, 19 * 60}};
    std::vector<Device> devices(3);
    std::int64_t own_rows = 0;
    auto start = std::chrono::steady_clock::now();
    for (int k = 0; k < 3; ++k) {
        auto& dv = devices[static_cast<std::size_t>(k)];
        dv.context.device = names[k];
        dv.context.settings.devices_folder = shared.string();
        dv.context.journal_file = root / (std::string(names[k]) + ".sqlite");
        dv.journal = journal::Journal::open(dv.context.journal_file);
        own_rows += fill(*dv.journal, names[k], first, days, spans[k][0], spans[k][1], 0x5EEDu + k);
        dv.folder = std::make_unique<app::DevicesFolder>(*dv.journal, dv.context);
    }
    std::printf("devices: 3 x %d year%s, %lld own rows in all (%.1f s to fill)\n", years, years == 1 ? "" : "s",
                static_cast<long long>(own_rows), ms_since(start) / 1000.0);

    core::Schedule schedule(core::ScheduleConfig::defaults());
    core::Limits limits{};
    const core::TimePoint now = core::TimePoint{date::sys_days{first} + date::days{days}};
    const int weeks = days / 7;
    auto week_median = [&](journal::Journal& j, std::int64_t& sum) {
        std::vector<double> ms;
        for (int i = 0; i < 50; ++i) {
            const core::Date monday{date::sys_days{core::iso_week_monday(first)} + date::days{7 * ((i * 37) % weeks)}};
            auto t0 = std::chrono::steady_clock::now();
            sum += core::compute_week(j, monday, schedule, limits, now).total_active_min;
            ms.push_back(ms_since(t0));
        }
        return median(ms);
    };
    std::int64_t one_sum = 0;
    const double one_device = week_median(*devices[0].journal, one_sum);

    start = std::chrono::steady_clock::now();
    int files = 0;
    for (auto& dv : devices) {
        auto r = dv.folder->publish();
        if (!r.error.empty())
            throw std::runtime_error(r.error);
        files += r.files_published;
    }
    std::printf("first publish: %d month files in %.0f ms (3 devices)\n", files, ms_since(start));
    start = std::chrono::steady_clock::now();
    auto first_read = devices[0].folder->read_others(now);
    std::printf("first read on one device: %d files, %lld rows in %.0f ms\n", first_read.files_read,
                static_cast<long long>(first_read.rows_read), ms_since(start));
    if (first_read.files_read == 0 || !first_read.problems.empty())
        throw std::runtime_error("the first read found nothing, or problems");

    std::int64_t union_sum = 0;
    const double three_devices = week_median(*devices[0].journal, union_sum);
    if (union_sum <= one_sum)
        throw std::runtime_error("the union of three devices holds no more activity than one");
    std::printf(
        "week report: median %.2f ms over 50 weeks, the union of 3 devices (target <= 20 ms); reference, one "
        "device's journal before the read: %.2f ms\n",
        three_devices, one_device);

    std::vector<double> pass_ms;
    for (int i = 0; i < 20; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        auto r = devices[0].folder->sync(now);
        pass_ms.push_back(ms_since(t0));
        if (r.files_read != 0 || r.files_published != 0 || !r.error.empty())
            throw std::runtime_error("a pass over an unchanged folder read or wrote files");
    }
    std::printf(
        "sync pass over an unchanged folder (%d files of others, %zu own): median %.2f ms, worst %.2f ms "
        "(target <= 50 ms)\n",
        first_read.files_read, devices[0].journal->published_files().size(), median(pass_ms),
        *std::max_element(pass_ms.begin(), pass_ms.end()));

    std::vector<double> changed_ms;
    for (int i = 0; i < 10; ++i) {
        // "home" works one more evening in a month of its past, publishes it; "office" reads that one file.
        const core::Date d{date::sys_days{first} + date::days{30 * i + 3}};
        core::Interval r;
        r.start = core::TimePoint{date::sys_days{d}} + 19h;
        r.end = r.start + 30min;
        r.state = State::active;
        r.utc_offset = core::Seconds{3600};
        r.work_day = d;
        r.source = "xsync";
        r.device = "home";
        devices[1].journal->insert(r);
        devices[1].journal->commit("bench");
        if (devices[1].folder->publish().files_published != 1)
            throw std::runtime_error("one changed month did not publish one file");
        auto t0 = std::chrono::steady_clock::now();
        auto read = devices[0].folder->read_others(now);
        changed_ms.push_back(ms_since(t0));
        if (read.files_read != 1)
            throw std::runtime_error("a changed month file was not read");
    }
    std::printf("a changed month file read in: median %.2f ms, worst %.2f ms over 10 months (target <= 100 ms)\n",
                median(changed_ms), *std::max_element(changed_ms.begin(), changed_ms.end()));
    std::string detail;
    if (!devices[0].journal->integrity_ok(&detail))
        throw std::runtime_error("integrity_check: " + detail);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int years = 10;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--short") {
            years = 1;
        } else if (arg == "--years" && i + 1 < argc) {
            years = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: bench_devices [--short] [--years N]\n");
            return 2;
        }
    }
    const fs::path root =
        fs::temp_directory_path() /
        ("clockout-bench-devices-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    int status = 1;
    try {
        status = run(years, root);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_devices: %s\n", e.what());
    }
    std::error_code ec;
    fs::remove_all(root, ec);
    return status;
}
