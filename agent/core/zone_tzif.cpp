// A TZif reader (RFC 8536) and POSIX TZ rules, standard library only. A zone is a list of transitions (instant, offset
// after it) from the file's 64-bit block, then its footer rule for every instant after the last one: files are often
// "slim" (no transitions after 2007 in Europe/Paris) or stop in 2037, so the footer matters for today's dates.
#include "core/zone_tzif.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace clockout::core {

namespace {

using std::int64_t;

constexpr int64_t day_s = 86'400;
// RFC 8536 bounds a UT offset to -25:59:59..+25:59:59; every search window below is wider than any offset.
constexpr int64_t max_offset_s = 26 * 3600;
constexpr int64_t window_s = max_offset_s + 3600;

struct Change {
    int64_t at;      // UTC seconds
    int32_t offset;  // in force from `at`
};

// ---- POSIX TZ rules ("std offset [dst [offset] [,start[/time],end[/time]]]") ----

struct RuleDate {
    enum class Kind { julian, zero_based, month_week_day };
    Kind kind = Kind::month_week_day;
    int day = 0;          // Jn: 1..365 (29 February never counted); n: 0..365; Mm.w.d: the weekday d, 0 = Sunday
    int month = 0;        // Mm.w.d only
    int week = 0;         // Mm.w.d only: 1..4, or 5 for the last such weekday of the month
    int time = 2 * 3600;  // local time of day; TZif v3 allows -167..167 hours
};

struct PosixRule {
    int32_t std_offset = 0;  // east of UTC, the opposite of the POSIX sign
    int32_t dst_offset = 0;
    bool has_dst = false;
    RuleDate start;  // read in standard time
    RuleDate end;    // read in daylight time
};

class RuleParser {
  public:
    explicit RuleParser(std::string_view text) : text_(text) {}

    std::optional<PosixRule> parse() {
        PosixRule rule;
        if (!abbreviation())
            return std::nullopt;
        auto std_posix = hms(true, 24);
        if (!std_posix)
            return std::nullopt;
        rule.std_offset = static_cast<int32_t>(-*std_posix);
        if (at_end())
            return rule;
        if (!abbreviation())
            return std::nullopt;
        rule.has_dst = true;
        rule.dst_offset = rule.std_offset + 3600;
        if (!at_end() && peek() != ',') {
            auto dst_posix = hms(true, 24);
            if (!dst_posix)
                return std::nullopt;
            rule.dst_offset = static_cast<int32_t>(-*dst_posix);
        }
        if (at_end()) {
            // POSIX leaves the default rule to the implementation; glibc and tzcode use the US rule.
            rule.start = RuleDate{RuleDate::Kind::month_week_day, 0, 3, 2, 2 * 3600};
            rule.end = RuleDate{RuleDate::Kind::month_week_day, 0, 11, 1, 2 * 3600};
            return rule;
        }
        if (!take(','))
            return std::nullopt;
        auto start = date_time();
        if (!start || !take(','))
            return std::nullopt;
        auto end = date_time();
        if (!end || !at_end())
            return std::nullopt;
        rule.start = *start;
        rule.end = *end;
        return rule;
    }

  private:
    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }
    bool take(char c) {
        if (peek() != c)
            return false;
        ++pos_;
        return true;
    }
    static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }

    // "CET", or "<+1030>" for names with digits and signs; POSIX wants at least three characters.
    bool abbreviation() {
        std::size_t start = pos_;
        if (take('<')) {
            while (!at_end() && (is_alpha(peek()) || is_digit(peek()) || peek() == '+' || peek() == '-'))
                ++pos_;
            std::size_t length = pos_ - start - 1;
            return take('>') && length >= 3;
        }
        while (!at_end() && is_alpha(peek()))
            ++pos_;
        return pos_ - start >= 3;
    }

    std::optional<int> number(int max) {
        if (!is_digit(peek()))
            return std::nullopt;
        int value = 0;
        while (is_digit(peek())) {
            value = value * 10 + (text_[pos_] - '0');
            ++pos_;
            if (value > max)
                return std::nullopt;
        }
        return value;
    }

    // [+|-]hh[:mm[:ss]] in seconds.
    std::optional<int> hms(bool signed_value, int max_hours) {
        int sign = 1;
        if (signed_value && (peek() == '+' || peek() == '-'))
            sign = text_[pos_++] == '-' ? -1 : 1;
        auto hours = number(max_hours);
        if (!hours)
            return std::nullopt;
        int seconds = *hours * 3600;
        for (int scale : {60, 1}) {
            if (!take(':'))
                break;
            auto part = number(59);
            if (!part)
                return std::nullopt;
            seconds += *part * scale;
        }
        return sign * seconds;
    }

    std::optional<RuleDate> date_time() {
        RuleDate d;
        if (take('J')) {
            auto n = number(365);
            if (!n || *n < 1)
                return std::nullopt;
            d.kind = RuleDate::Kind::julian;
            d.day = *n;
        } else if (take('M')) {
            auto m = number(12);
            if (!m || *m < 1 || !take('.'))
                return std::nullopt;
            auto w = number(5);
            if (!w || *w < 1 || !take('.'))
                return std::nullopt;
            auto wd = number(6);
            if (!wd)
                return std::nullopt;
            d.kind = RuleDate::Kind::month_week_day;
            d.month = *m;
            d.week = *w;
            d.day = *wd;
        } else {
            auto n = number(365);
            if (!n)
                return std::nullopt;
            d.kind = RuleDate::Kind::zero_based;
            d.day = *n;
        }
        if (take('/')) {
            auto time = hms(true, 167);  // RFC 8536 version 3 extension
            if (!time)
                return std::nullopt;
            d.time = *time;
        }
        return d;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

int64_t days_since_epoch(date::year_month_day ymd) {
    return date::sys_days{ymd}.time_since_epoch().count();
}

int year_of(int64_t utc_seconds) {
    auto days =
        date::sys_days{date::days{utc_seconds >= 0 ? utc_seconds / day_s : -((-utc_seconds + day_s - 1) / day_s)}};
    return static_cast<int>(date::year_month_day{days}.year());
}

// The day a rule date falls on in year `y`, in days since 1970-01-01 (local calendar).
int64_t rule_day(const RuleDate& d, int y) {
    date::year year{y};
    int64_t jan1 = days_since_epoch(year / date::January / 1);
    switch (d.kind) {
        case RuleDate::Kind::julian:
            // Jn counts 1..365 and never names 29 February: from 1 March on, a leap year is one day later.
            return jan1 + (d.day - 1) + (year.is_leap() && d.day >= 60 ? 1 : 0);
        case RuleDate::Kind::zero_based:
            return jan1 + d.day;
        case RuleDate::Kind::month_week_day:
            break;
    }
    date::month month{static_cast<unsigned>(d.month)};
    date::weekday weekday{static_cast<unsigned>(d.day)};
    if (d.week == 5)
        return date::sys_days{year / month / date::weekday_last{weekday}}.time_since_epoch().count();
    return date::sys_days{year / month / weekday[static_cast<unsigned>(d.week)]}.time_since_epoch().count();
}

struct RuleEvent {
    int64_t at;
    bool starts_dst;
};

// The rule's switches of year `y`, in UTC. Each is read in the time in force just before it.
std::array<RuleEvent, 2> rule_events(const PosixRule& rule, int y) {
    int64_t start = rule_day(rule.start, y) * day_s + rule.start.time - rule.std_offset;
    int64_t end = rule_day(rule.end, y) * day_s + rule.end.time - rule.dst_offset;
    return {RuleEvent{start, true}, RuleEvent{end, false}};
}

// Every switch from year `first` to year `last`, in order. At equal instants the end of DST sorts first, so a rule
// that starts DST as it ends it ("EST5EDT,0/0,J365/25": DST all year) leaves DST in force.
std::vector<RuleEvent> rule_events(const PosixRule& rule, int first, int last) {
    std::vector<RuleEvent> events;
    for (int y = first; y <= last; ++y) {
        auto pair = rule_events(rule, y);
        events.insert(events.end(), pair.begin(), pair.end());
    }
    std::sort(events.begin(), events.end(), [](const RuleEvent& a, const RuleEvent& b) {
        return a.at != b.at ? a.at < b.at : (!a.starts_dst && b.starts_dst);
    });
    return events;
}

int32_t rule_offset_at(const PosixRule& rule, int64_t t) {
    if (!rule.has_dst)
        return rule.std_offset;
    // Rule times reach 167 h past their day, so two years back always hold a switch before `t`.
    int y = year_of(t);
    bool dst = false;
    for (const RuleEvent& e : rule_events(rule, y - 2, y + 1)) {
        if (e.at > t)
            break;
        dst = e.starts_dst;
    }
    return dst ? rule.dst_offset : rule.std_offset;
}

// The rule's switches in (from, to], with the offset each brings.
void rule_changes(const PosixRule& rule, int64_t from, int64_t to, std::vector<Change>& out) {
    if (!rule.has_dst || to <= from)
        return;
    for (const RuleEvent& e : rule_events(rule, year_of(from) - 1, year_of(to) + 1)) {
        if (e.at > from && e.at <= to)
            out.push_back(Change{e.at, e.starts_dst ? rule.dst_offset : rule.std_offset});
    }
}

// ---- the zone ----

class TzifZone final : public TimeZone {
  public:
    TzifZone(std::string name, std::vector<Change> changes, int32_t initial, std::optional<PosixRule> footer)
        : name_(std::move(name)), changes_(std::move(changes)), initial_(initial), footer_(std::move(footer)) {}

    std::string name() const override { return name_; }

    Seconds offset_at(TimePoint t) const override { return Seconds{offset_seconds(t.time_since_epoch().count())}; }

    TimePoint to_utc(LocalTime local) const override {
        // Walk the runs of one offset around `local`: the first run that contains it gives the earliest instant; a
        // local time that falls between two runs was skipped, and the offset before the gap carries it past.
        int64_t l = local.time_since_epoch().count();
        int64_t begin = l - window_s;
        int32_t offset = offset_seconds(begin);
        std::vector<Change> changes = changes_in(begin, l + window_s);
        for (const Change& next : changes) {
            int64_t u = l - offset;
            if (u >= begin && u < next.at)
                return TimePoint{Seconds{u}};
            if (u >= next.at && l - next.offset < next.at)
                return TimePoint{Seconds{u}};
            begin = next.at;
            offset = next.offset;
        }
        return TimePoint{Seconds{l - offset}};
    }

  private:
    int32_t offset_seconds(int64_t t) const {
        if (changes_.empty())
            return footer_ ? rule_offset_at(*footer_, t) : initial_;
        if (t < changes_.front().at)
            return initial_;  // RFC 8536: time type 0 before the first transition
        if (footer_ && t > changes_.back().at)
            return rule_offset_at(*footer_, t);
        auto after = std::upper_bound(changes_.begin(), changes_.end(), t,
                                      [](int64_t value, const Change& c) { return value < c.at; });
        return std::prev(after)->offset;
    }

    std::vector<Change> changes_in(int64_t from, int64_t to) const {
        std::vector<Change> out;
        auto by_time = [](const Change& c, int64_t value) { return c.at < value; };
        auto first = std::lower_bound(changes_.begin(), changes_.end(), from + 1, by_time);
        auto last = std::lower_bound(changes_.begin(), changes_.end(), to + 1, by_time);
        out.assign(first, last);
        if (footer_) {
            int64_t rule_from = changes_.empty() ? from : std::max(from, changes_.back().at);
            rule_changes(*footer_, rule_from, to, out);
        }
        return out;
    }

    std::string name_;
    std::vector<Change> changes_;
    int32_t initial_;
    std::optional<PosixRule> footer_;
};

// ---- TZif files ----

class Bytes {
  public:
    explicit Bytes(std::string_view data) : data_(data) {}
    bool has(uint64_t n) const { return n <= data_.size() - pos_; }
    std::size_t pos() const { return pos_; }
    void skip(std::size_t n) { pos_ += n; }
    std::uint8_t u8() { return static_cast<std::uint8_t>(data_[pos_++]); }
    std::uint32_t u32() {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v = (v << 8) | u8();
        return v;
    }
    int64_t s64() {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v = (v << 8) | u8();
        return static_cast<int64_t>(v);
    }
    int64_t time(int size) { return size == 8 ? s64() : static_cast<int32_t>(u32()); }
    std::string_view rest() const { return data_.substr(pos_); }

  private:
    std::string_view data_;
    std::size_t pos_ = 0;
};

struct Header {
    char version = 0;
    std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;

    uint64_t block_size(int time_size) const {
        uint64_t t = static_cast<uint64_t>(time_size);
        return timecnt * t + timecnt + typecnt * 6ull + charcnt + leapcnt * (t + 4) + isstdcnt + isutcnt;
    }
};

bool read_header(Bytes& in, Header& h, std::string& error) {
    if (!in.has(44) || in.rest().substr(0, 4) != "TZif") {
        error = "not a TZif file";
        return false;
    }
    in.skip(4);
    h.version = static_cast<char>(in.u8());
    in.skip(15);
    h.isutcnt = in.u32();
    h.isstdcnt = in.u32();
    h.leapcnt = in.u32();
    h.timecnt = in.u32();
    h.typecnt = in.u32();
    h.charcnt = in.u32();
    if (h.typecnt == 0 || h.charcnt == 0 || (h.isutcnt != 0 && h.isutcnt != h.typecnt) ||
        (h.isstdcnt != 0 && h.isstdcnt != h.typecnt)) {
        error = "inconsistent TZif header counts";
        return false;
    }
    return true;
}

struct Block {
    std::vector<int64_t> times;
    std::vector<std::uint8_t> indices;
    std::vector<int32_t> offsets;  // per time type
};

bool read_block(Bytes& in, const Header& h, int time_size, Block& b, std::string& error) {
    if (!in.has(h.block_size(time_size))) {
        error = "truncated TZif data";
        return false;
    }
    for (std::uint32_t i = 0; i < h.timecnt; ++i) {
        b.times.push_back(in.time(time_size));
        if (i > 0 && b.times[i] <= b.times[i - 1]) {
            error = "TZif transitions out of order";
            return false;
        }
    }
    for (std::uint32_t i = 0; i < h.timecnt; ++i) {
        b.indices.push_back(in.u8());
        if (b.indices.back() >= h.typecnt) {
            error = "TZif transition names a missing time type";
            return false;
        }
    }
    for (std::uint32_t i = 0; i < h.typecnt; ++i) {
        auto utoff = static_cast<int32_t>(in.u32());
        std::uint8_t isdst = in.u8();
        std::uint8_t abbr = in.u8();
        if (utoff <= -max_offset_s || utoff >= max_offset_s || isdst > 1 || abbr >= h.charcnt) {
            error = "bad TZif time type";
            return false;
        }
        b.offsets.push_back(utoff);
    }
    in.skip(h.charcnt);
    if (h.leapcnt != 0) {
        // "right/" zones count leap seconds in their time stamps; our instants are POSIX time and would be 27 s off.
        error = "TZif file with leap seconds (a \"right/\" zone); use the plain zone";
        return false;
    }
    in.skip(static_cast<std::size_t>(h.isstdcnt) + h.isutcnt);
    return true;
}

std::optional<PosixRule> parse_rule(std::string_view text) {
    return RuleParser(text).parse();
}

class PosixZone final : public TimeZone {
  public:
    PosixZone(std::string text, PosixRule rule) : text_(std::move(text)), rule_(rule) {}
    std::string name() const override { return text_; }
    Seconds offset_at(TimePoint t) const override {
        return Seconds{rule_offset_at(rule_, t.time_since_epoch().count())};
    }
    TimePoint to_utc(LocalTime local) const override {
        // The same walk as a TZif zone with no transition table.
        return TzifZone(text_, {}, rule_.std_offset, rule_).to_utc(local);
    }

  private:
    std::string text_;
    PosixRule rule_;
};

}  // namespace

ZonePtr parse_tzif(std::string name, std::string_view bytes, std::string& error) {
    Bytes in(bytes);
    Header h;
    if (!read_header(in, h, error))
        return nullptr;
    int time_size = 4;
    if (h.version != 0) {
        // Version 2 and later repeat the data with 64-bit times after the 32-bit block, which we skip.
        if (!in.has(h.block_size(4))) {
            error = "truncated TZif data";
            return nullptr;
        }
        in.skip(static_cast<std::size_t>(h.block_size(4)));
        if (!read_header(in, h, error))
            return nullptr;
        time_size = 8;
    }
    Block block;
    if (!read_block(in, h, time_size, block, error))
        return nullptr;

    std::optional<PosixRule> footer;
    if (time_size == 8) {
        std::string_view rest = in.rest();
        std::size_t close = rest.size() > 1 && rest.front() == '\n' ? rest.find('\n', 1) : std::string_view::npos;
        if (close == std::string_view::npos) {
            error = "TZif footer missing";
            return nullptr;
        }
        std::string_view text = rest.substr(1, close - 1);
        if (!text.empty()) {
            footer = parse_rule(text);
            if (!footer) {
                error = "TZif footer \"" + std::string(text) + "\" is not a POSIX TZ rule";
                return nullptr;
            }
        }
    }

    std::vector<Change> changes;
    changes.reserve(block.times.size());
    for (std::size_t i = 0; i < block.times.size(); ++i)
        changes.push_back(Change{block.times[i], block.offsets[block.indices[i]]});
    error.clear();
    return std::make_shared<TzifZone>(std::move(name), std::move(changes), block.offsets.front(), std::move(footer));
}

ZonePtr load_tzif(std::string name, const std::filesystem::path& file, std::string& error) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        error = file.generic_string() + ": cannot open the zone file";
        return nullptr;
    }
    // The largest zone is a few kilobytes; refuse anything absurd rather than read it whole.
    constexpr std::size_t max_size = 1 << 20;
    std::string bytes;
    bytes.resize(max_size + 1);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_size) {
        error = file.generic_string() + ": too large for a zone file";
        return nullptr;
    }
    auto zone = parse_tzif(std::move(name), bytes, error);
    if (!zone)
        error = file.generic_string() + ": " + error;
    return zone;
}

ZonePtr posix_zone(std::string_view rule) {
    auto parsed = parse_rule(rule);
    if (!parsed)
        return nullptr;
    return std::make_shared<PosixZone>(std::string(rule), *parsed);
}

bool is_zone_file_name(std::string_view name) {
    if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/')
        return false;
    std::size_t part_start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == '/') {
            std::string_view part = name.substr(part_start, i - part_start);
            if (part.empty() || part == "." || part == "..")
                return false;
            part_start = i + 1;
            continue;
        }
        char c = name[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                  c == '+' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

std::filesystem::path zoneinfo_dir() {
    if (const char* dir = std::getenv("CLOCKOUT_ZONEINFO"); dir && *dir)
        return std::filesystem::path(dir);
#ifdef _WIN32
        // The C runtime keeps the program's path (no OS header needed): the installer puts zoneinfo beside the .exe.
#ifdef _MSC_VER
    char* program = nullptr;
    _get_pgmptr(&program);
#else
    const char* program = _pgmptr;  // MinGW's msvcrt has the variable but not _get_pgmptr
#endif
    if (program && *program)
        return std::filesystem::path(program).parent_path() / "zoneinfo";
    return std::filesystem::path("zoneinfo");
#else
    return std::filesystem::path("/usr/share/zoneinfo");
#endif
}

#ifdef CLOCKOUT_ZONES_FROM_TZIF

ZonePtr make_zone(std::string_view iana_name) {
    if (iana_name.empty())
        return nullptr;
    if (iana_name == "UTC" || iana_name == "Etc/UTC")
        return fixed_zone(Seconds{0});
    // platform::system_zone_name() describes a Windows zone that has no IANA name as a rule with quoted names.
    if (iana_name.front() == '<')
        return posix_zone(iana_name);
    if (!is_zone_file_name(iana_name))
        return nullptr;
    std::string error;
    return load_tzif(std::string(iana_name), zoneinfo_dir() / std::filesystem::path(std::string(iana_name)), error);
}

ZonePtr system_zone() {
    // Only TZ here: the OS's own zone needs the Win32 API, which core may not call; platform::system_zone_name() reads
    // it and the agent passes the name to make_zone.
    if (const char* tz = std::getenv("TZ"); tz && *tz) {
        std::string_view name = tz;
        if (name.front() == ':')
            name.remove_prefix(1);
        if (auto zone = make_zone(name))
            return zone;
        if (auto zone = posix_zone(name))
            return zone;
    }
    return fixed_zone(Seconds{0});
}

#endif

}  // namespace clockout::core
