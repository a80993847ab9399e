#include "app/logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "platform/files.h"

namespace clockout::app {

void setup_logging(const std::filesystem::path& log_file) {
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(spdlog::level::warn);
    std::vector<spdlog::sink_ptr> sinks{console};
    std::string problem = platform::make_private_dir(log_file.parent_path());
    if (problem.empty()) {
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(log_file.string(), 1024 * 1024, 3));
        } catch (const spdlog::spdlog_ex& e) {
            problem = e.what();
        }
    }
    auto logger = std::make_shared<spdlog::logger>("clockout", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
    if (!problem.empty())
        spdlog::warn("no log file: {}", problem);
}

}  // namespace clockout::app
