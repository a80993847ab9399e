// Start at login through the XDG Autostart specification: $XDG_CONFIG_HOME/autostart/<app id>.desktop. The keys beyond
// the standard ones follow KeePassXC's NixUtils: GNOME waits 2 s, KDE starts it after the panel, LXQt after its tray,
// so the tray icon finds a host.
#include "platform/autostart.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/files.h"
#include "platform/paths.h"

namespace clockout::platform {

namespace fs = std::filesystem;

namespace {

constexpr const char* file_name = "org.clockout.Clockout.desktop";

// $XDG_CONFIG_HOME/autostart, from the same rules as the settings folder.
fs::path autostart_dir(std::string& error) {
    Paths paths = default_paths(error);
    if (!error.empty())
        return {};
    return paths.config_dir.parent_path() / "autostart";
}

// One Exec argument: always in double quotes, with the four characters the Desktop Entry spec reserves inside quotes
// escaped; then the backslashes doubled again because the value of a key is itself an escaped string. '%' starts a
// field code, so it is doubled.
std::string exec_argument(const std::string& path) {
    std::string quoted = "\"";
    for (char c : path) {
        if (c == '"' || c == '`' || c == '$' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    quoted += '"';
    std::string value;
    for (char c : quoted) {
        if (c == '\\')
            value += "\\\\";
        else if (c == '%')
            value += "%%";
        else
            value += c;
    }
    return value;
}

std::string desktop_entry(const std::string& executable) {
    std::ostringstream out;
    out << "[Desktop Entry]\n"
           "Type=Application\n"
           "Name=Clockout\n"
           "Comment=A private agent for your right to disconnect\n"
           "Comment[fr]=Un agent privé pour votre droit à la déconnexion\n"
        << "Exec=" << exec_argument(executable) << "\n"
        << "Icon=org.clockout.Clockout\n"
           "Terminal=false\n"
           "Hidden=false\n"
           "X-GNOME-Autostart-enabled=true\n"
           "X-GNOME-Autostart-Delay=2\n"
           "X-KDE-autostart-after=panel\n"
           "X-LXQt-Need-Tray=true\n";
    return out.str();
}

}  // namespace

bool autostart_enabled() {
    std::string error;
    fs::path dir = autostart_dir(error);
    if (!error.empty())
        return false;
    std::ifstream in(dir / file_name);
    if (!in)
        return false;
    // A session manager's own switch (GNOME Tweaks, Hidden= of the spec) turns an existing file off.
    std::string line;
    while (std::getline(in, line)) {
        if (line == "Hidden=true" || line == "X-GNOME-Autostart-enabled=false")
            return false;
    }
    return true;
}

std::string set_autostart(bool enabled, const std::string& executable) {
    std::string error;
    fs::path dir = autostart_dir(error);
    if (!error.empty())
        return error;
    fs::path file = dir / file_name;
    std::error_code ec;
    if (!enabled) {
        if (!fs::remove(file, ec) && ec)
            return file.string() + ": cannot remove the file (" + ec.message() +
                   "); fix: check the folder's permissions";
        return "";
    }
    if (executable.empty())
        return "start at login: no program to start was given; fix: pass the path of the clockout binary";
    // A bare name ("clockout") is left for the session to find on PATH; a relative path would depend on today's
    // working folder, so it is made absolute.
    fs::path program = executable;
    if (executable.find('/') != std::string::npos && program.is_relative()) {
        program = fs::absolute(program, ec);
        if (ec)
            program = executable;
    }

    // Replaced atomically (platform/files.h), so a session starting now sees the old file or the new one.
    if (auto problem = make_private_dir(dir); !problem.empty())
        return problem;
    return write_file_atomically(file, desktop_entry(program.string()));
}

}  // namespace clockout::platform
