#include "ui/ui_paths.h"

#include "platform/process.h"

namespace clockout::ui {

namespace {

std::filesystem::path exe_dir() {
    return platform::executable_path().parent_path();
}

}  // namespace

std::filesystem::path icons_dir() {
    // The installed layout first (bin/../share/clockout/icons), so an installed binary never reads a source tree.
    auto installed = exe_dir().parent_path() / "share" / "clockout" / "icons";
    if (std::filesystem::exists(installed / "org.clockout.Clockout.svg"))
        return installed;
    return std::filesystem::path(CLOCKOUT_ASSETS_DIR) / "icons";
}

wxBitmapBundle icon_bundle(const std::string& stem, int size) {
    auto file = icons_dir() / (stem + ".svg");
    return wxBitmapBundle::FromSVGFile(file.string(), wxSize(size, size));
}

}  // namespace clockout::ui
