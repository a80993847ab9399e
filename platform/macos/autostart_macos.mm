// Start at login on macOS: a LaunchAgent, ~/Library/LaunchAgents/org.clockout.Clockout.plist, that launchd reads at
// the next login (RunAtLoad). Plain file I/O: the plist is five keys, and this file needs no framework to link.
// Not compiled in this project's CI (no macOS runner); see docs/packaging.md.
#include "platform/autostart.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace clockout::platform {

namespace fs = std::filesystem;

namespace {

fs::path agent_file() {
    const char* home = std::getenv("HOME");
    if (!home || !*home)
        return {};
    return fs::path(home) / "Library/LaunchAgents/org.clockout.Clockout.plist";
}

std::string xml_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

bool autostart_enabled() {
    fs::path file = agent_file();
    std::error_code ec;
    return !file.empty() && fs::exists(file, ec);
}

std::string set_autostart(bool enabled, const std::string& executable) {
    fs::path file = agent_file();
    if (file.empty())
        return "start at login: HOME is not set; fix: log in normally or set HOME";
    std::error_code ec;
    if (!enabled) {
        if (!fs::remove(file, ec) && ec)
            return file.string() + ": cannot remove the file (" + ec.message() + "); fix: remove it in the Finder";
        return "";
    }
    if (executable.empty())
        return "start at login: no program to start was given; fix: pass the path inside Clockout.app";
    fs::create_directories(file.parent_path(), ec);
    fs::path temporary = file;
    temporary += ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
               "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
               "<plist version=\"1.0\">\n<dict>\n"
               "    <key>Label</key>\n    <string>org.clockout.Clockout</string>\n"
               "    <key>ProgramArguments</key>\n    <array>\n        <string>"
            << xml_escape(executable)
            << "</string>\n    </array>\n"
               "    <key>RunAtLoad</key>\n    <true/>\n"
               "    <key>ProcessType</key>\n    <string>Interactive</string>\n"
               "</dict>\n</plist>\n";
        out.flush();
        if (!out) {
            fs::remove(temporary, ec);
            return file.parent_path().string() + ": cannot write the LaunchAgent; fix: check the folder's permissions";
        }
    }
    fs::rename(temporary, file, ec);
    if (ec) {
        fs::remove(temporary, ec);
        return file.string() + ": cannot write the LaunchAgent; fix: check the folder's permissions";
    }
    return "";
}

}  // namespace clockout::platform
