#include "support/test_support.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace clockout::test {

namespace fs = std::filesystem;

TempDir::TempDir(const std::string& name) : path_(fs::path(CLOCKOUT_TEST_TMP) / name) {
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

static void die(const std::string& what) {
    std::cerr << "test_support: cannot parse " << what << '\n';
    std::abort();
}

core::TimePoint utc(const std::string& rfc3339) {
    auto t = core::parse_utc(rfc3339);
    if (!t)
        die(rfc3339);
    return *t;
}

core::Date day(const std::string& yyyy_mm_dd) {
    auto d = core::parse_date(yyyy_mm_dd);
    if (!d)
        die(yyyy_mm_dd);
    return *d;
}

core::TimePoint local(const std::string& text, int offset_minutes) {
    if (text.size() != 16)
        die(text);
    auto d = core::parse_date(text.substr(0, 10));
    auto hm = core::parse_hhmm(text.substr(11, 5));
    if (!d || !hm)
        die(text);
    auto local_time = date::local_days{*d} + *hm;
    return core::TimePoint{local_time.time_since_epoch() - core::Minutes{offset_minutes}};
}

core::Interval span(core::State state, const std::string& from, const std::string& to, int offset_minutes,
                    const std::string& device) {
    core::Interval i;
    i.start = local(from, offset_minutes);
    i.end = local(to, offset_minutes);
    i.state = state;
    i.utc_offset = core::Minutes{offset_minutes};
    i.work_day = core::work_day_of(i.local_start(), core::Minutes{4 * 60});
    i.source = "test";
    i.device = device;
    return i;
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void write_file(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

}  // namespace clockout::test
