// Fills a journal on disk with years of realistic intervals and prints what the journal costs: file size per year,
// the time of a week and a day report, the time of a full export. Figures, not a timed test: it fails only on errors.
//
//   bench_journal [--short] [--years N] [--keep DIR]
//
// --short: one year (what CTest runs). --keep DIR: write the journal in DIR and leave it there to inspect.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/interval.h"
#include "core/metrics.h"
#include "core/schedule.h"
#include "core/time.h"
#include "journal/interchange.h"
#include "journal/journal.h"

using namespace clockout;
using namespace std::chrono_literals;
using core::State;

namespace fs = std::filesystem;

namespace {

constexpr core::Minutes kDayStart{4 * 60};

// SplitMix64: a fixed-seed generator whose sequence is the same with every standard library.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(int percent) { return between(1, 100) <= percent; }

  private:
    std::uint64_t state_;
};

// Writes state runs the way the tracker does: split at day_start, offset and work day frozen per row, one commit per
// simulated week.
class Writer {
  public:
    Writer(journal::Journal& j, core::ZonePtr zone) : journal_(j), zone_(std::move(zone)) {}

    void run(State state, core::TimePoint from, core::TimePoint to) {
        while (from < to) {
            core::Date day = core::work_day_of(zone_->to_local(from), kDayStart);
            core::TimePoint boundary =
                zone_->to_utc(core::work_day_start(core::Date{date::sys_days{day} + date::days{1}}, kDayStart));
            core::TimePoint end = std::min(to, boundary);
            core::Interval row;
            row.start = from;
            row.end = end;
            row.state = state;
            row.utc_offset = zone_->offset_at(from);
            row.work_day = day;
            row.source = "xsync";
            row.device = "laptop";
            journal_.insert(row);
            ++rows_;
            from = end;
        }
    }
    void commit() {
        journal_.commit("checkpoint");
        ++commits_;
    }
    std::int64_t rows() const { return rows_; }
    std::int64_t commits() const { return commits_; }

  private:
    journal::Journal& journal_;
    core::ZonePtr zone_;
    std::int64_t rows_ = 0;
    std::int64_t commits_ = 0;
};

core::TimePoint at_local(const core::TimeZone& zone, core::Date d, core::Minutes m) {
    return zone.to_utc(date::local_days{d} + m);
}

// One working half-day: active runs with short idles and the odd lock (coffee), ~8 state changes.
core::TimePoint work_block(Writer& w, Rng& rng, core::TimePoint t, core::TimePoint until) {
    while (t < until) {
        core::TimePoint end = std::min(until, t + core::Minutes{rng.between(20, 70)});
        w.run(State::active, t, end);
        t = end;
        if (t >= until)
            break;
        State pause = rng.chance(25) ? State::locked : State::idle;
        end = std::min(until, t + core::Minutes{rng.between(5, pause == State::locked ? 20 : 15)});
        w.run(pause, t, end);
        t = end;
    }
    return t;
}

// From `first` for `days` days: Mon-Fri working days with lunch, some evenings, suspended nights and weekends,
// a few weeks of leave.
/// Returns the number of working days.
int fill(Writer& w, const core::TimeZone& zone, core::Date first, int days, Rng& rng) {
    int working_days = 0;
    core::TimePoint t = at_local(zone, first, core::Minutes{0});
    for (int i = 0; i < days; ++i) {
        core::Date d{date::sys_days{first} + date::days{i}};
        unsigned weekday = core::weekday_index(d);
        bool working = weekday < 5 && !rng.chance(8);  // ~5 weeks of leave and holidays a year
        if (working) {
            ++working_days;
            core::TimePoint morning = at_local(zone, d, core::Minutes{rng.between(8 * 60, 9 * 60 + 30)});
            w.run(State::suspended, t, morning);  // the night
            core::TimePoint lunch = at_local(zone, d, core::Minutes{rng.between(12 * 60, 12 * 60 + 45)});
            t = work_block(w, rng, morning, lunch);
            core::TimePoint back = t + core::Minutes{rng.between(40, 80)};
            w.run(rng.chance(70) ? State::locked : State::suspended, t, back);
            core::TimePoint evening = at_local(zone, d, core::Minutes{rng.between(16 * 60 + 30, 18 * 60 + 45)});
            t = work_block(w, rng, back, evening);
            if (rng.chance(20)) {  // back on in the evening for a while
                core::TimePoint later = at_local(zone, d, core::Minutes{rng.between(20 * 60, 22 * 60)});
                w.run(State::suspended, t, later);
                t = work_block(w, rng, later, later + core::Minutes{rng.between(20, 60)});
            }
        } else if (rng.chance(10)) {  // a short weekend or leave-day session
            core::TimePoint noon = at_local(zone, d, core::Minutes{rng.between(10 * 60, 15 * 60)});
            w.run(State::suspended, t, noon);
            w.run(State::personal, noon, noon + 25min);
            t = noon + 25min;
        }
        if (weekday == 6 || i + 1 == days) {
            // The rest of the week's night or weekend is written when it ends; close the week here.
            core::TimePoint next = at_local(zone, core::Date{date::sys_days{d} + date::days{1}}, kDayStart);
            w.run(State::suspended, t, next);
            t = next;
            w.commit();
        }
    }
    return working_days;
}

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double mb(std::uintmax_t bytes) {
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

int run(int years, const fs::path& folder) {
    core::ZonePtr zone = core::make_zone("Europe/Paris");
    if (!zone) {
        std::printf("note: no time zone database; using a fixed +01:00 offset\n");
        zone = core::fixed_zone(1h);
    }
    fs::path file = folder / "journal.sqlite";
    std::error_code ec;
    fs::remove(file, ec);
    core::Date first = core::iso_week_monday(core::Date{date::year{2027 - years}, date::January, date::day{4}});
    int days = static_cast<int>(
        (date::sys_days{core::Date{date::year{2027}, date::January, date::day{1}}} - date::sys_days{first}).count());
    days += (7 - days % 7) % 7;  // whole weeks

    Rng rng(0xC10C0u);
    auto start = std::chrono::steady_clock::now();
    std::int64_t rows = 0;
    std::int64_t commits = 0;
    int working_days = 0;
    {
        auto j = journal::Journal::open(file);
        Writer w(*j, zone);
        working_days = fill(w, *zone, first, days, rng);
        rows = w.rows();
        commits = w.commits();
    }
    double fill_ms = ms_since(start);
    std::uintmax_t size = fs::file_size(file);
    double per_year = mb(size) * 365.25 / days;
    std::printf("journal: %d year%s, %lld intervals, %.2f MB (%.2f MB/year, target <= 2 MB/year)\n", years,
                years == 1 ? "" : "s", static_cast<long long>(rows), mb(size), per_year);
    std::printf("state changes: %.1f rows per working day over %d working days\n",
                static_cast<double>(rows) / working_days, working_days);
    std::printf("fill: %.1f s for %lld commits (one per simulated week, synchronous=FULL)\n", fill_ms / 1000.0,
                static_cast<long long>(commits));

    start = std::chrono::steady_clock::now();
    auto j = journal::Journal::open(file, nullptr, {.read_only = true});
    std::printf("open read-only: %.1f ms (quick_check included)\n", ms_since(start));
    if (j->interval_count() != rows) {
        std::fprintf(stderr, "bench_journal: %lld rows written but %lld read back\n", static_cast<long long>(rows),
                     static_cast<long long>(j->interval_count()));
        return 1;
    }

    core::Schedule schedule(core::ScheduleConfig::defaults());
    core::Limits limits{};
    core::TimePoint now = at_local(*zone, core::Date{date::sys_days{first} + date::days{days}}, core::Minutes{0});
    std::vector<double> week_ms;
    std::vector<double> day_ms;
    std::int64_t checksum = 0;
    int weeks = days / 7;
    for (int i = 0; i < 50; ++i) {
        core::Date monday{date::sys_days{first} + date::days{7 * rng.between(0, weeks - 1)}};
        start = std::chrono::steady_clock::now();
        core::WeekMetrics week = core::compute_week(*j, monday, schedule, limits, now);
        week_ms.push_back(ms_since(start));
        checksum += week.total_active_min;

        core::Date d{date::sys_days{first} + date::days{rng.between(0, days - 1)}};
        start = std::chrono::steady_clock::now();
        core::DayMetrics day = core::compute_day(*j, d, schedule, limits);
        day_ms.push_back(ms_since(start));
        checksum += day.active_min;
    }
    if (checksum <= 0) {
        std::fprintf(stderr, "bench_journal: 100 reports found no activity at all\n");
        return 1;
    }
    std::printf("week report: median %.2f ms, worst %.2f ms over 50 random weeks (target <= 20 ms)\n", median(week_ms),
                *std::max_element(week_ms.begin(), week_ms.end()));
    std::printf("day report: median %.2f ms, worst %.2f ms over 50 random days\n", median(day_ms),
                *std::max_element(day_ms.begin(), day_ms.end()));

    for (journal::Format format : {journal::Format::csv, journal::Format::json}) {
        start = std::chrono::steady_clock::now();
        std::string text = journal::export_text(*j, format, std::nullopt, std::nullopt);
        double export_ms = ms_since(start);
        start = std::chrono::steady_clock::now();
        auto parsed = journal::parse_interchange(text, "bench", kDayStart);
        double parse_ms = ms_since(start);
        if (!parsed.ok() || static_cast<std::int64_t>(parsed.rows.size()) != rows) {
            std::fprintf(stderr, "bench_journal: the export does not read back: %s\n", parsed.error.c_str());
            return 1;
        }
        std::printf("export %s: %lld rows, %.2f MB in %.0f ms (parsed back in %.0f ms)\n",
                    format == journal::Format::csv ? "csv" : "json", static_cast<long long>(rows), mb(text.size()),
                    export_ms, parse_ms);
    }
    std::string detail;
    if (!j->integrity_ok(&detail)) {
        std::fprintf(stderr, "bench_journal: integrity_check: %s\n", detail.c_str());
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int years = 10;
    std::optional<fs::path> keep;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--short") {
            years = 1;
        } else if (arg == "--years" && i + 1 < argc) {
            years = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--keep" && i + 1 < argc) {
            keep = fs::path(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: bench_journal [--short] [--years N] [--keep DIR]\n");
            return 2;
        }
    }
    fs::path folder =
        keep ? *keep
             : fs::temp_directory_path() /
                   ("clockout-bench-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    int status = 1;
    try {
        status = run(years, folder);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_journal: %s\n", e.what());
    }
    if (!keep) {
        std::error_code ec;
        fs::remove_all(folder, ec);
    }
    return status;
}
