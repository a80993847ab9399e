// Start at login on Linux: the XDG autostart file is written with the right Exec line, read back, and removed.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "platform/autostart.h"
#include "support/test_support.h"

namespace clockout::platform {

namespace {

// Points XDG_CONFIG_HOME at a test folder for the life of the object.
class ConfigHome {
  public:
    explicit ConfigHome(const std::filesystem::path& dir) {
        if (const char* old = std::getenv("XDG_CONFIG_HOME")) {
            had_old_ = true;
            old_ = old;
        }
        ::setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
    }
    ~ConfigHome() {
        if (had_old_)
            ::setenv("XDG_CONFIG_HOME", old_.c_str(), 1);
        else
            ::unsetenv("XDG_CONFIG_HOME");
    }
    ConfigHome(const ConfigHome&) = delete;
    ConfigHome& operator=(const ConfigHome&) = delete;

  private:
    bool had_old_ = false;
    std::string old_;
};

bool has_line(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("start at login writes the autostart file with a quoted Exec line, and turning it off removes it") {
    test::TempDir dir("autostart_toggle");
    ConfigHome home(dir.path());
    auto file = dir / "autostart/org.clockout.Clockout.desktop";

    CHECK_FALSE(autostart_enabled());
    CHECK(set_autostart(false, "/usr/bin/clockout") == "");  // nothing to remove is not an error

    std::string program = "/opt/My Tools/clockout";
    CHECK(set_autostart(true, program) == "");
    REQUIRE(std::filesystem::exists(file));
    CHECK(autostart_enabled());
    std::string text = test::read_file(file);
    CHECK(text.rfind("[Desktop Entry]\n", 0) == 0);
    CHECK(has_line(text, "Exec=\"/opt/My Tools/clockout\""));
    CHECK(has_line(text, "Type=Application"));
    CHECK(has_line(text, "Hidden=false"));
    CHECK(has_line(text, "X-GNOME-Autostart-enabled=true"));
    CHECK(has_line(text, "X-GNOME-Autostart-Delay=2"));
    CHECK(has_line(text, "X-KDE-autostart-after=panel"));
    CHECK(has_line(text, "X-LXQt-Need-Tray=true"));
    // No temporary file is left beside it.
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir / "autostart"))
        ++entries;
    CHECK(entries == 1);

    // Writing again replaces the program rather than adding a second entry.
    CHECK(set_autostart(true, "/usr/bin/clockout") == "");
    CHECK(has_line(test::read_file(file), "Exec=\"/usr/bin/clockout\""));

    // A bare name is left to PATH, as the package's menu entry does.
    CHECK(set_autostart(true, "clockout") == "");
    CHECK(has_line(test::read_file(file), "Exec=\"clockout\""));

    CHECK(set_autostart(false, "/usr/bin/clockout") == "");
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK_FALSE(autostart_enabled());
}

TEST_CASE("the Exec line escapes what the desktop entry specification reserves") {
    test::TempDir dir("autostart_escape");
    ConfigHome home(dir.path());
    CHECK(set_autostart(true, "/home/a\"b/100%/c$d/clockout") == "");
    std::string text = test::read_file(dir / "autostart/org.clockout.Clockout.desktop");
    // Inside quotes: \" and \$; then the value's own escaping doubles each backslash; % becomes %%.
    CHECK(has_line(text, R"(Exec="/home/a\\"b/100%%/c\\$d/clockout")"));
}

TEST_CASE("a session manager's own switch in the file counts as off") {
    test::TempDir dir("autostart_switch");
    ConfigHome home(dir.path());
    REQUIRE(set_autostart(true, "/usr/bin/clockout") == "");
    test::write_file(dir / "autostart/org.clockout.Clockout.desktop",
                     "[Desktop Entry]\nType=Application\nExec=clockout\nX-GNOME-Autostart-enabled=false\n");
    CHECK_FALSE(autostart_enabled());
}

TEST_CASE("an autostart folder that cannot be written gives an error naming the folder") {
    test::TempDir dir("autostart_readonly");
    ConfigHome home(dir.path());
    auto folder = dir / "autostart";

    SUBCASE("a file stands where the folder should be") {
        test::write_file(folder, "not a folder\n");
        std::string error = set_autostart(true, "/usr/bin/clockout");
        CHECK(error.find(folder.string()) != std::string::npos);
        CHECK(error.find("fix:") != std::string::npos);
        CHECK(error.find('\n') == std::string::npos);
        CHECK_FALSE(autostart_enabled());
    }
    SUBCASE("the folder is read-only") {
        std::filesystem::create_directories(folder);
        REQUIRE(::chmod(folder.c_str(), 0555) == 0);
        if (::geteuid() == 0) {
            MESSAGE("running as root: permissions do not stop root, so only the message's shape is checked above");
        } else {
            std::string error = set_autostart(true, "/usr/bin/clockout");
            CHECK(error.find(folder.string()) != std::string::npos);
            CHECK(error.find("fix:") != std::string::npos);
            CHECK_FALSE(autostart_enabled());
        }
        ::chmod(folder.c_str(), 0755);
    }
}

}  // namespace clockout::platform
