// Runs the real clockout binary in a private home, as a user would from a shell.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "support/test_support.h"

namespace clockout::test {

struct Run {
    int status = -1;
    std::string out;
    std::string err;
};

class CliHome {
  public:
    explicit CliHome(const std::string& name) : dir_(name) {}
    const std::filesystem::path& path() const { return dir_.path(); }

    /// Runs `clockout <args>` with HOME and the XDG folders inside this home; `env` is prepended (e.g.
    /// "LANG=fr_FR.UTF-8").
    Run run(const std::string& args, const std::string& env = "", const std::string& stdin_file = "/dev/null") const {
        auto err_file = dir_.path() / "stderr.txt";
        std::string command = "env -i PATH=/usr/bin:/bin HOME='" + dir_.path().string() + "' XDG_CONFIG_DIRS='" +
                              (dir_.path() / "etc").string() + "' TZ=Europe/Paris LANG=C.UTF-8 " + env + " '" +
                              CLOCKOUT_BIN + "' " + args + " <'" + stdin_file + "' 2>'" + err_file.string() + "'";
        Run result;
        FILE* pipe = ::popen(command.c_str(), "r");
        if (!pipe)
            return result;
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0)
            result.out.append(buf, n);
        int raw = ::pclose(pipe);
        result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
        result.err = read_file(err_file);
        return result;
    }

  private:
    TempDir dir_;
};

inline std::string sample_week() {
    return std::string(CLOCKOUT_SOURCE_DIR) + "/tests/data/sample-week.csv";
}

inline int count_lines(const std::string& text) {
    int lines = 0;
    for (char c : text)
        lines += c == '\n';
    return lines;
}

}  // namespace clockout::test
