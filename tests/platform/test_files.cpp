// platform/files.h and platform/process.h on POSIX: the one private-folder and private-file policy, atomic replace,
// modes, the program's path and the display check.
#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <filesystem>

#include "platform/files.h"
#include "platform/process.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace clockout;

namespace {

unsigned mode(const fs::path& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777u;
}

// Sets the umask for the scope, then restores it.
class ScopedUmask {
  public:
    explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
    ~ScopedUmask() { ::umask(old_); }

  private:
    mode_t old_;
};

}  // namespace

TEST_CASE("make_private_dir creates every missing folder 0700 whatever the umask, and leaves existing ones alone") {
    test::TempDir dir("files_private_dir");
    fs::create_directories(dir / "mine");
    fs::permissions(dir / "mine", fs::perms(0755), fs::perm_options::replace);
    {
        ScopedUmask odd(0700);  // mkdir(0700) would then give 0000: only the chmod after it makes 0700
        CHECK(platform::make_private_dir(dir / "mine" / "a" / "b") == "");
    }
    CHECK(mode(dir / "mine") == 0755u);  // the user's folder keeps what they chose
    CHECK(mode(dir / "mine" / "a") == 0700u);
    CHECK(mode(dir / "mine" / "a" / "b") == 0700u);
    CHECK(platform::make_private_dir(dir / "mine") == "");  // existing: nothing to do
    CHECK(mode(dir / "mine") == 0755u);
}

TEST_CASE("make_private_dir names the file standing where the folder should be, with the fix and the bare reason") {
    test::TempDir dir("files_not_a_folder");
    test::write_file(dir / "blocker", "x");
    std::string reason;
    std::string error = platform::make_private_dir(dir / "blocker", &reason);
    CHECK(error ==
          (dir / "blocker").string() + ": not a folder; fix: remove or rename that file, or choose another folder");
    CHECK(reason == "not a folder");
    error = platform::make_private_dir(dir / "blocker" / "below", &reason);
    CHECK(error.find((dir / "blocker" / "below").string() + ": cannot create the folder (") == 0);
    CHECK(reason == "Not a directory");
}

TEST_CASE("create_private_file makes an empty 0600 file under a 0000 umask and never touches an existing one") {
    test::TempDir dir("files_private_file");
    {
        ScopedUmask loose(0);
        CHECK(platform::create_private_file(dir / "journal.sqlite") == "");
    }
    CHECK(mode(dir / "journal.sqlite") == 0600u);
    CHECK(fs::file_size(dir / "journal.sqlite") == 0u);
    test::write_file(dir / "kept", "twelve bytes");
    fs::permissions(dir / "kept", fs::perms(0644), fs::perm_options::replace);
    CHECK(platform::create_private_file(dir / "kept") == "");
    CHECK(test::read_file(dir / "kept") == "twelve bytes");
    CHECK(mode(dir / "kept") == 0644u);
}

TEST_CASE("restrict_to_owner takes group and other bits away and keeps the owner's") {
    test::TempDir dir("files_restrict");
    test::write_file(dir / "copied", "x");
    fs::permissions(dir / "copied", fs::perms(0764), fs::perm_options::replace);
    platform::restrict_to_owner(dir / "copied");
    CHECK(mode(dir / "copied") == 0700u);          // 0764 & 07700 = 0700
    platform::restrict_to_owner(dir / "missing");  // no file: nothing happens, no throw
}

TEST_CASE("write_file_atomically replaces the whole file, 0600, in a folder it creates 0700, leaving no temporary") {
    test::TempDir dir("files_atomic");
    auto file = dir / "new" / "settings.toml";
    CHECK(platform::write_file_atomically(file, "first = 1\n") == "");
    CHECK(test::read_file(file) == "first = 1\n");
    CHECK(mode(file) == 0600u);
    CHECK(mode(dir / "new") == 0700u);
    CHECK(platform::write_file_atomically(file, "second = 2\n") == "");
    CHECK(test::read_file(file) == "second = 2\n");
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir / "new"))
        ++entries;
    CHECK(entries == 1);  // settings.toml alone: the temporary was renamed, not left beside it
}

TEST_CASE("write_file_atomically into a read-only folder fails with the file named and leaves it as it was") {
    test::TempDir dir("files_atomic_readonly");
    auto folder = dir / "ro";
    fs::create_directories(folder);
    test::write_file(folder / "settings.toml", "old\n");
    fs::permissions(folder, fs::perms(0555), fs::perm_options::replace);
    if (::geteuid() == 0) {
        MESSAGE("running as root: permissions do not stop root; the refusal is not checked");
    } else {
        std::string error = platform::write_file_atomically(folder / "settings.toml", "new\n");
        CHECK(error.find(folder.string()) != std::string::npos);
        CHECK(error.find("fix:") != std::string::npos);
        CHECK(test::read_file(folder / "settings.toml") == "old\n");
    }
    fs::permissions(folder, fs::perms(0755), fs::perm_options::replace);
}

TEST_CASE("mode_text gives four octal digits, or nothing for a missing path") {
    test::TempDir dir("files_mode_text");
    test::write_file(dir / "f", "x");
    fs::permissions(dir / "f", fs::perms(0640), fs::perm_options::replace);
    CHECK(platform::mode_text(dir / "f") == "0640");
    CHECK(platform::mode_text(dir / "missing") == "");
}

TEST_CASE("folder_writable says why a folder cannot take new files") {
    test::TempDir dir("files_writable");
    std::string why;
    CHECK(platform::folder_writable(dir.path(), why));
    CHECK_FALSE(platform::folder_writable(dir / "missing", why));
    CHECK(why == "No such file or directory");
}

TEST_CASE("executable_path is this test program, absolute") {
    auto exe = platform::executable_path();
    CHECK(exe.is_absolute());
    CHECK(exe.filename() == "platform_test_files");
}

TEST_CASE("has_display needs DISPLAY or WAYLAND_DISPLAY set and not empty") {
    test::ScopedEnv x("DISPLAY", std::nullopt);
    test::ScopedEnv wayland("WAYLAND_DISPLAY", std::nullopt);
    CHECK_FALSE(platform::has_display());
    {
        test::ScopedEnv empty("DISPLAY", std::string());
        CHECK_FALSE(platform::has_display());
    }
    {
        test::ScopedEnv set("DISPLAY", std::string(":7"));
        CHECK(platform::has_display());
    }
    test::ScopedEnv set("WAYLAND_DISPLAY", std::string("wayland-0"));
    CHECK(platform::has_display());
}
