// No file watch on this OS yet (ReadDirectoryChangesW on Windows, FSEvents on macOS are the next step): start() says
// so, and the agent reads hand edits at its next start or when the settings dialog saves.
#include "platform/file_watch.h"

namespace clockout::platform {

namespace {

class UnavailableWatch final : public FileWatch {
  public:
    std::string start(const std::filesystem::path&, std::function<void()>) override {
        return "watching files is not written for this system yet";
    }
    void stop() override {}
};

}  // namespace

std::unique_ptr<FileWatch> make_file_watch() {
    return std::make_unique<UnavailableWatch>();
}

}  // namespace clockout::platform
