// Zones from date/tz on Linux and macOS: it reads the system's zoneinfo (USE_OS_TZDB). Windows uses zone_tzif.cpp.
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include <date/tz.h>

#include "core/time.h"

namespace clockout::core {

namespace {

class DateZone final : public TimeZone {
  public:
    explicit DateZone(const date::time_zone* zone) : zone_(zone) {}
    std::string name() const override { return std::string(zone_->name()); }
    Seconds offset_at(TimePoint t) const override { return zone_->get_info(t).offset; }
    TimePoint to_utc(LocalTime local) const override {
        auto info = zone_->get_info(local);
        // Unique and ambiguous times take the first offset (the earliest instant); a time in a spring-forward gap,
        // read with the offset before the gap, lands just past it.
        return TimePoint{local.time_since_epoch() - info.first.offset};
    }

  private:
    const date::time_zone* zone_;
};

}  // namespace

ZonePtr make_zone(std::string_view iana_name) {
    if (iana_name.empty())
        return nullptr;
    if (iana_name == "UTC" || iana_name == "Etc/UTC")
        return fixed_zone(Seconds{0});
    try {
        return std::make_shared<DateZone>(date::locate_zone(iana_name));
    } catch (const std::exception&) {
        return nullptr;
    }
}

ZonePtr system_zone() {
    // TZ first, as any POSIX program does; date::current_zone() only reads /etc/localtime.
    if (const char* tz = std::getenv("TZ"); tz && *tz) {
        std::string_view name = tz;
        if (name.front() == ':')
            name.remove_prefix(1);
        if (auto zone = make_zone(name))
            return zone;
    }
    try {
        return std::make_shared<DateZone>(date::current_zone());
    } catch (const std::exception&) {
        return fixed_zone(Seconds{0});
    }
}

}  // namespace clockout::core
