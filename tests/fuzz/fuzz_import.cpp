// libFuzzer: journal::parse_interchange (CSV and JSON, told apart by content). Any input is rows or one error line;
// rows that parse are exported again and must parse back to the same rows (round-trip exact).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "journal/interchange.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace clockout;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const core::Minutes day_start{4 * 60};
    const journal::ParseResult result = journal::parse_interchange(text, "fuzz.csv", day_start);
    if (!result.ok()) {
        if (result.error.find('\n') != std::string::npos)
            std::abort();  // one line
        return 0;
    }
    const journal::ParseResult csv = journal::parse_interchange(journal::to_csv(result.rows), "again.csv", day_start);
    if (!csv.ok() || csv.rows != result.rows)
        std::abort();
    const journal::ParseResult json =
        journal::parse_interchange(journal::to_json(result.rows), "again.json", day_start);
    if (!json.ok() || json.rows != result.rows)
        std::abort();
    return 0;
}
