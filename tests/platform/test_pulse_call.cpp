// The PulseAudio call backend against a real PulseAudio that each test case starts on a private socket (no network
// module), with a null sink "out" (whose monitor is "out.monitor") and a null source "mic"; recordings come from
// parec, and one from this process (Clockout's own stream, which is no call). Skipped (exit 77) when pulseaudio or
// parec is missing.
#include <pulse/glib-mainloop.h>
#include <pulse/pulseaudio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

#include "call_sources.h"
#include "idle_test_support.h"
#include "support/test_support.h"

using namespace clockout::test::idle;
using clockout::test::ScopedEnv;
using clockout::test::TempDir;

namespace {

namespace fs = std::filesystem;

bool on_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string folders = path != nullptr ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= folders.size();) {
        std::size_t end = folders.find(':', start);
        if (end == std::string::npos)
            end = folders.size();
        if (access((folders.substr(start, end - start) + "/" + program).c_str(), X_OK) == 0)
            return true;
        start = end + 1;
    }
    return false;
}

// CTest's SKIP_RETURN_CODE: only a missing tool skips, never a failing server.
void skip_without_tools() {
    for (const char* program : {"pulseaudio", "parec"}) {
        if (!on_path(program)) {
            std::printf("SKIP: %s not found (Debian packages: pulseaudio pulseaudio-utils)\n", program);
            std::fflush(stdout);
            std::_Exit(77);
        }
    }
}

bool accepts(const fs::path& socket_path) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket_path.c_str());
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return ok;
}

// A PulseAudio of our own: private HOME and runtime folder, PULSE_SERVER naming its socket, for the case's duration.
class PulseServer {
  public:
    explicit PulseServer(const fs::path& dir)
        : dir_(dir),
          socket_(dir / "native"),
          home_("HOME", (dir / "home").string()),
          runtime_("XDG_RUNTIME_DIR", (dir / "run").string()),
          server_env_("PULSE_SERVER", "unix:" + socket_.string()) {
        fs::create_directories(dir / "home");
        fs::create_directories(dir / "run");
        chmod((dir / "run").c_str(), 0700);
        std::ofstream(dir / "server.pa") << "load-module module-native-protocol-unix socket=" << socket_.string()
                                         << " auth-anonymous=1\n"
                                            "load-module module-null-sink sink_name=out\n"
                                            "load-module module-null-source source_name=mic\n";
        start();
    }

    void start() {
        // As root, pulseaudio warns that it is meant for users and goes on; -n: no default script, only ours.
        server_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{"pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit",
                                     "--use-pid-file=no", "--realtime=no", "--high-priority=no", "--disable-shm=yes",
                                     "--log-target=stderr", "-F", (dir_ / "server.pa").string()},
            -1, (dir_ / "pulseaudio.log").string());
        REQUIRE_MESSAGE(server_->started(), "pulseaudio could not be started");
        auto deadline = Steady::now() + 10s;
        while (!accepts(socket_)) {
            REQUIRE_MESSAGE(Steady::now() < deadline, "pulseaudio did not listen within 10 s; its log:\n"
                                                          << clockout::test::read_file(dir_ / "pulseaudio.log"));
            std::this_thread::sleep_for(20ms);
        }
    }

    /// Ends the server at once, as a crash would (its socket file stays; the next start replaces it).
    void kill_now() { server_->stop(SIGKILL); }

  private:
    fs::path dir_;
    fs::path socket_;
    ScopedEnv home_;
    ScopedEnv runtime_;
    ScopedEnv server_env_;
    std::unique_ptr<ChildProcess> server_;
};

// A program recording from `source` until the object goes away.
std::unique_ptr<ChildProcess> record(const std::string& source) {
    auto recorder = std::make_unique<ChildProcess>(std::vector<std::string>{"parec", "-d", source});
    REQUIRE_MESSAGE(recorder->started(), "parec could not be started");
    return recorder;
}

// The events the sink holds after running the loop for `duration`: nothing may arrive in that time.
std::size_t quiet_for(RecordingSink& sink, std::chrono::milliseconds duration) {
    std::size_t before = sink.events.size();
    run_until([&] { return sink.events.size() > before; }, duration);
    return sink.events.size() - before;
}

struct Started {
    std::unique_ptr<clockout::platform::ActivitySource> source;
    RecordingSink sink;
    explicit Started(std::chrono::seconds retry_every = clockout::platform::pulse_retry_every)
        : source(clockout::platform::make_pulse_call_source(retry_every)) {
        std::string why_not;
        REQUIRE_MESSAGE(source->start(sink, 0s, why_not), "start() failed: " << why_not);
    }
};

// Waits for the next event and checks it is `kind` from "pulse", labelled now; returns when it came.
Steady::time_point expect(RecordingSink& sink, ActivityKind kind, const char* what) {
    std::size_t count = sink.events.size();
    bool arrived = run_until([&] { return sink.events.size() > count; }, 2s);
    REQUIRE_MESSAGE(arrived, what << ": no event within 2 s");
    const Received& got = sink.events[count];
    CHECK_MESSAGE(got.event.kind == kind, what << ": got " << kind_name(got.event.kind));
    CHECK(got.event.source == "pulse");
    CHECK(seconds_between(got.event.at, wall_now()) <= 1);
    return got.when;
}

// A recording stream of this very process, on the GLib loop the source also uses.
class OwnRecording {
  public:
    OwnRecording() {
        loop_ = pa_glib_mainloop_new(nullptr);
        context_ = pa_context_new(pa_glib_mainloop_get_api(loop_), "clockout test");
        REQUIRE(pa_context_connect(context_, nullptr, PA_CONTEXT_NOAUTOSPAWN, nullptr) >= 0);
        REQUIRE_MESSAGE(run_until([&] { return pa_context_get_state(context_) == PA_CONTEXT_READY; }, 2s),
                        "the test's own connection did not become ready");
        pa_sample_spec spec{PA_SAMPLE_S16LE, 44100, 1};
        stream_ = pa_stream_new(context_, "own recording", &spec, nullptr);
        REQUIRE(pa_stream_connect_record(stream_, "mic", nullptr, PA_STREAM_NOFLAGS) >= 0);
        REQUIRE_MESSAGE(run_until([&] { return pa_stream_get_state(stream_) == PA_STREAM_READY; }, 2s),
                        "the test's own recording did not start");
    }
    ~OwnRecording() {
        pa_stream_disconnect(stream_);
        pa_stream_unref(stream_);
        pa_context_disconnect(context_);
        pa_context_unref(context_);
        pa_glib_mainloop_free(loop_);
    }
    OwnRecording(const OwnRecording&) = delete;
    OwnRecording& operator=(const OwnRecording&) = delete;

  private:
    pa_glib_mainloop* loop_ = nullptr;
    pa_context* context_ = nullptr;
    pa_stream* stream_ = nullptr;
};

}  // namespace

TEST_CASE("pulse is the Linux call backend") {
    auto sources = clockout::platform::make_call_sources();
    REQUIRE_FALSE(sources.empty());
    CHECK(sources.front()->name() == "pulse");
}

TEST_CASE("pulse: without a server, start() is false and says why in one line") {
    skip_without_tools();
    TempDir dir("pulse_none");
    ScopedEnv server("PULSE_SERVER", "unix:" + (dir / "nothing-here").string());
    auto source = clockout::platform::make_pulse_call_source();
    RecordingSink sink;
    std::string why_not;
    auto asked = Steady::now();
    CHECK_FALSE(source->start(sink, 0s, why_not));
    CHECK(ms(asked, Steady::now()) < 1500);
    CHECK_MESSAGE(why_not.find("no PulseAudio/PipeWire server") == 0, why_not);
    CHECK(why_not.find('\n') == std::string::npos);
    CHECK(sink.events.empty());
}

TEST_CASE("pulse: the server is named, a recording from the microphone is a call, its end the call's end") {
    skip_without_tools();
    TempDir dir("pulse_call");
    PulseServer server(dir.path());
    Started started;
    // Debian 12's PulseAudio is 16.1; another version only changes the figure.
    CHECK_MESSAGE(started.source->detail().rfind("PulseAudio ", 0) == 0, "detail: " << started.source->detail());
    CHECK_MESSAGE(quiet_for(started.sink, 300ms) == 0, "an event without any recording");

    auto begun = Steady::now();
    auto recorder = record("mic");
    auto came = expect(started.sink, ActivityKind::call_started, "recording from mic");
    MESSAGE("pulse: call_started " << ms(begun, came) << " ms after parec started");

    auto ended = Steady::now();
    recorder.reset();
    came = expect(started.sink, ActivityKind::call_ended, "recording from mic stopped");
    MESSAGE("pulse: call_ended " << ms(ended, came) << " ms after parec stopped");
    CHECK_MESSAGE(quiet_for(started.sink, 300ms) == 0, "an event after the call ended");
}

TEST_CASE("pulse: a recording of a sink's monitor, or Clockout's own recording, is no call") {
    skip_without_tools();
    TempDir dir("pulse_monitor");
    PulseServer server(dir.path());
    Started started;
    {
        auto monitor = record("out.monitor");
        CHECK_MESSAGE(quiet_for(started.sink, 1s) == 0, "a recording of out.monitor was taken for a call");
    }
    {
        OwnRecording own;
        CHECK_MESSAGE(quiet_for(started.sink, 1s) == 0, "Clockout's own recording was taken for a call");
    }
    // The source was listening all along.
    auto recorder = record("mic");
    expect(started.sink, ActivityKind::call_started, "recording from mic after the monitor");
}

TEST_CASE("pulse: two recordings overlapping are one call, ended when both stop") {
    skip_without_tools();
    TempDir dir("pulse_overlap");
    PulseServer server(dir.path());
    Started started;
    auto first = record("mic");
    expect(started.sink, ActivityKind::call_started, "first recording");
    auto second = record("mic");
    CHECK_MESSAGE(quiet_for(started.sink, 700ms) == 0, "a second recording started a second call");
    first.reset();
    CHECK_MESSAGE(quiet_for(started.sink, 700ms) == 0, "the call ended while the second recording went on");
    second.reset();
    expect(started.sink, ActivityKind::call_ended, "both recordings stopped");
}

TEST_CASE("pulse: the server killed during a call ends the call; the source connects again when it is back") {
    skip_without_tools();
    TempDir dir("pulse_killed");
    PulseServer server(dir.path());
    Started started(1s);
    auto recorder = record("mic");
    expect(started.sink, ActivityKind::call_started, "recording before the kill");

    server.kill_now();
    expect(started.sink, ActivityKind::call_ended, "server killed during a call");
    CHECK_MESSAGE(started.source->detail().find("gone") != std::string::npos, "detail: " << started.source->detail());
    recorder.reset();  // parec ended with the server (or is ended now)
    CHECK_MESSAGE(quiet_for(started.sink, 1500ms) == 0, "an event while the server was away");

    server.start();
    bool back = run_until([&] { return started.source->detail().find("gone") == std::string::npos; }, 4s);
    CHECK_MESSAGE(back, "not connected again within 4 s of the server's return: " << started.source->detail());
    recorder = record("mic");
    expect(started.sink, ActivityKind::call_started, "recording after the server came back");
    started.source->stop();
    CHECK(started.source->detail().empty());
}
