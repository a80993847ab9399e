// Where the UI finds its icons: next to the installed binary, else in the source and build trees.
#pragma once

#include <filesystem>
#include <string>

#include <wx/bmpbndl.h>

namespace clockout::ui {

/// The folder holding org.clockout.Clockout.svg and tray-*.svg.
std::filesystem::path icons_dir();
/// An icon of icons_dir() by file stem ("tray-day"), as a bundle of the given size (scaled for HiDPI).
wxBitmapBundle icon_bundle(const std::string& stem, int size);

}  // namespace clockout::ui
