// Linux and macOS alike: SIGXFSZ.
#include <csignal>

#include "platform/process.h"

namespace clockout::platform {

void survive_file_size_limit() {
    // Ignored, a write past the limit fails with EFBIG: SQLite reports it like a full disk and the resilient sink keeps
    // the rows in memory; the process lives on.
    std::signal(SIGXFSZ, SIG_IGN);
}

}  // namespace clockout::platform
