// Helpers shared by the test suites: temporary folders, dates and instants written the way people read them.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "core/interval.h"
#include "core/time.h"

namespace clockout::test {

/// A fresh, empty folder under the build tree, removed when the object goes away.
class TempDir {
  public:
    explicit TempDir(const std::string& name);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& leaf) const { return path_ / leaf; }

  private:
    std::filesystem::path path_;
};

/// "2026-11-30T07:58:12Z" -> instant; aborts the test on a typo.
core::TimePoint utc(const std::string& rfc3339);
/// "2026-11-30" -> date; aborts the test on a typo.
core::Date day(const std::string& yyyy_mm_dd);
/// Local wall time "2026-11-30 09:00" at a fixed offset in minutes (+60 for Paris in winter) -> instant.
core::TimePoint local(const std::string& yyyy_mm_dd_hh_mm, int offset_minutes);

/// An interval of `state` from local `from` to local `to` ("2026-11-30 09:00") at `offset_minutes`, with its work day
/// computed with a 04:00 day_start.
core::Interval span(core::State state, const std::string& from, const std::string& to, int offset_minutes,
                    const std::string& device = "laptop");

std::string read_file(const std::filesystem::path& file);
void write_file(const std::filesystem::path& file, const std::string& text);

#ifndef _WIN32  // setenv/unsetenv are POSIX
/// Sets an environment variable for the scope, then restores it.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
        if (const char* old = std::getenv(name))
            old_ = old;
        if (value)
            ::setenv(name, value->c_str(), 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_)
            ::setenv(name_.c_str(), old_->c_str(), 1);
        else
            ::unsetenv(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    std::string name_;
    std::optional<std::string> old_;
};
#endif

}  // namespace clockout::test
