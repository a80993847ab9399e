// One agent per user session: a named mutex decides atomically (Windows drops it with the last handle, so a crash
// leaves nothing stale), and the primary reads later launches' requests from a named pipe. Both names carry a hash of
// runtime_dir, so two users, or two test folders, never meet. A query (`clockout status` asking for the live figures)
// is answered on the same pipe, on the connection that asked: the pipe's reader thread hands the line to the loop's
// thread and waits for the reply (SendMessageTimeout), writes it, and closes that connection.
#include <windows.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cwctype>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "platform/single_instance.h"
#include "win32_util.h"

namespace clockout::platform {

namespace {

constexpr UINT request_message = WM_APP + 2;  // lParam: a std::string* the window takes ownership of
constexpr UINT query_message = WM_APP + 3;    // lParam: a Query* of the reader thread, sent (it waits for the reply)
constexpr std::size_t max_message = 4096;     // a request is one short word; anything longer is not ours
constexpr DWORD client_timeout_ms = 2000;     // a client that connects and says nothing must not block the next
constexpr UINT query_timeout_ms = 5000;       // the loop's thread busy longer (a modal dialog): no reply

struct Query {
    std::string text;
    std::optional<std::string> reply;
};

std::wstring name_suffix(const std::filesystem::path& runtime_dir) {
    // FNV-1a over the lower-cased path: Windows paths are case-insensitive.
    std::uint64_t hash = 1469598103934665603ull;
    for (wchar_t c : runtime_dir.native()) {
        hash ^= static_cast<std::uint64_t>(std::towlower(static_cast<wint_t>(c)));
        hash *= 1099511628211ull;
    }
    wchar_t buf[17];
    for (int i = 15; i >= 0; --i) {
        buf[i] = L"0123456789abcdef"[hash & 0xf];
        hash >>= 4;
    }
    buf[16] = L'\0';
    return buf;
}

// The pipe the primary reads and `ask_running_instance` writes to.
std::wstring pipe_name(const std::filesystem::path& runtime_dir) {
    return L"\\\\.\\pipe\\org.clockout.Clockout." + name_suffix(runtime_dir);
}

class Win32SingleInstance final : public SingleInstance {
  public:
    Win32SingleInstance(HANDLE mutex, bool primary, std::wstring pipe_name)
        : mutex_(mutex), primary_(primary), pipe_name_(std::move(pipe_name)) {}

    ~Win32SingleInstance() override {
        if (listener_.joinable()) {
            SetEvent(stop_);
            listener_.join();
        }
        if (window_ && window_->handle()) {
            // Requests the listener posted that nobody read: free them.
            MSG msg;
            while (PeekMessageW(&msg, window_->handle(), request_message, request_message, PM_REMOVE))
                delete reinterpret_cast<std::string*>(msg.lParam);
        }
        window_.reset();
        if (pipe_ != INVALID_HANDLE_VALUE)
            CloseHandle(pipe_);
        if (stop_)
            CloseHandle(stop_);
        if (mutex_)
            CloseHandle(mutex_);
    }

    Win32SingleInstance(const Win32SingleInstance&) = delete;
    Win32SingleInstance& operator=(const Win32SingleInstance&) = delete;

    // Created before acquire returns, so a launch racing with our start finds the pipe and its request waits in it.
    std::string create_pipe() {
        // FIRST_PIPE_INSTANCE: if someone else already made a pipe of this name, we refuse to serve it.
        pipe_ = CreateNamedPipeW(pipe_name_.c_str(),
                                 PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
                                 PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS, 1, 0,
                                 static_cast<DWORD>(max_message), 0, nullptr);
        if (pipe_ == INVALID_HANDLE_VALUE)
            return "cannot create the pipe for later launches (" + win32::error_text(GetLastError()) + ")";
        stop_ = CreateEventW(nullptr, TRUE, FALSE, nullptr);
        return "";
    }

    bool is_primary() const override { return primary_; }

    void listen(std::function<void(const std::string& message)> on_request) override {
        on_request_ = std::move(on_request);
        if (!primary_ || pipe_ == INVALID_HANDLE_VALUE || listener_.joinable())
            return;
        window_ = std::make_unique<win32::HiddenWindow>(
            win32::HiddenWindow::Kind::message_only, L"Clockout requests",
            [this](UINT message, WPARAM, LPARAM lparam) -> std::optional<LRESULT> {
                if (message == query_message) {
                    auto* query = reinterpret_cast<Query*>(lparam);
                    if (on_query_)
                        query->reply = on_query_(query->text);
                    return query->reply ? 1 : 0;
                }
                if (message != request_message)
                    return std::nullopt;
                std::unique_ptr<std::string> text(reinterpret_cast<std::string*>(lparam));
                std::function<void(const std::string&)> callback = on_request_;  // may replace itself
                if (callback)
                    callback(*text);
                return 0;
            });
        if (window_->handle() == nullptr)
            return;
        // Blocking pipe I/O needs a thread; it only reads and posts each line to the loop's thread.
        listener_ = std::thread([this, hwnd = window_->handle()] { serve(hwnd); });
    }

    void answer(std::function<std::optional<std::string>(const std::string& message)> on_query) override {
        on_query_ = std::move(on_query);  // read on the loop's thread only, in the window's handler
        answering_ = static_cast<bool>(on_query_);
    }

    bool send(const std::string& message) override {
        if (primary_)
            return false;
        std::string line = message;
        if (line.empty() || line.back() != '\n')
            line += '\n';
        // The primary creates its pipe right after taking the mutex; a launch in that instant retries briefly.
        for (int attempt = 0; attempt < 20; ++attempt) {
            HANDLE pipe = CreateFileW(pipe_name_.c_str(), GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, 0, nullptr);
            if (pipe != INVALID_HANDLE_VALUE) {
                DWORD wrote = 0;
                bool sent = WriteFile(pipe, line.data(), static_cast<DWORD>(line.size()), &wrote, nullptr) &&
                            wrote == line.size();
                FlushFileBuffers(pipe);
                CloseHandle(pipe);
                return sent;
            }
            DWORD error = GetLastError();
            if (error == ERROR_PIPE_BUSY)
                WaitNamedPipeW(pipe_name_.c_str(), 100);  // another launch is talking to the primary
            else if (error == ERROR_FILE_NOT_FOUND)
                Sleep(50);
            else
                return false;
        }
        return false;
    }

  private:
    // Waits for `io` or for stop_; false when stopping or on error (the I/O is cancelled).
    bool wait(OVERLAPPED& io, DWORD timeout_ms, DWORD& transferred) {
        HANDLE handles[2] = {io.hEvent, stop_};
        DWORD which = WaitForMultipleObjects(2, handles, FALSE, timeout_ms);
        if (which != WAIT_OBJECT_0) {
            CancelIo(pipe_);
            GetOverlappedResult(pipe_, &io, &transferred, TRUE);  // the cancelled I/O must end before `io` goes
            return false;
        }
        return GetOverlappedResult(pipe_, &io, &transferred, FALSE) != 0;
    }

    void serve(HWND hwnd) {
        HANDLE event = CreateEventW(nullptr, TRUE, FALSE, nullptr);
        while (WaitForSingleObject(stop_, 0) != WAIT_OBJECT_0) {
            OVERLAPPED io{};
            io.hEvent = event;
            ResetEvent(event);
            DWORD transferred = 0;
            bool connected = ConnectNamedPipe(pipe_, &io) != 0;
            DWORD error = GetLastError();
            if (!connected && error == ERROR_IO_PENDING)
                connected = wait(io, INFINITE, transferred);
            else if (!connected && error == ERROR_PIPE_CONNECTED)
                connected = true;  // the client came between CreateNamedPipe and ConnectNamedPipe
            if (!connected) {
                if (WaitForSingleObject(stop_, 0) == WAIT_OBJECT_0)
                    break;
                DisconnectNamedPipe(pipe_);
                continue;
            }
            read_client(hwnd, io, event);
            DisconnectNamedPipe(pipe_);
        }
        CloseHandle(event);
    }

    void read_client(HWND hwnd, OVERLAPPED& io, HANDLE event) {
        std::string buffer;
        char chunk[512];
        while (buffer.size() <= max_message) {
            ResetEvent(event);
            io = OVERLAPPED{};
            io.hEvent = event;
            DWORD got = 0;
            bool ok = ReadFile(pipe_, chunk, sizeof chunk, &got, &io) != 0;
            if (!ok && GetLastError() == ERROR_IO_PENDING)
                ok = wait(io, client_timeout_ms, got);
            else if (ok)
                GetOverlappedResult(pipe_, &io, &got, FALSE);
            if (!ok || got == 0)
                break;  // the client closed its end (ERROR_BROKEN_PIPE), went quiet, or we are stopping
            buffer.append(chunk, got);
            for (std::size_t end; (end = buffer.find('\n')) != std::string::npos;) {
                std::string line = buffer.substr(0, end);
                buffer.erase(0, end + 1);
                if (answered(hwnd, io, event, line))
                    return;  // a query's connection ends with its reply
                post(hwnd, line);
            }
        }
        if (!buffer.empty() && buffer.size() <= max_message && !answered(hwnd, io, event, buffer))
            post(hwnd, buffer);  // the last line may lack its newline
    }

    // Asks the loop's thread whether `line` is a query; if so, writes the reply to this connection and waits until the
    // asker has read it (closing the pipe end first would throw the unread reply away). False: not a query.
    bool answered(HWND hwnd, OVERLAPPED& io, HANDLE event, std::string line) {
        if (!answering_)
            return false;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        Query query{line, std::nullopt};
        DWORD_PTR result = 0;
        if (line.empty() || SendMessageTimeoutW(hwnd, query_message, 0, reinterpret_cast<LPARAM>(&query),
                                                SMTO_NORMAL | SMTO_ABORTIFHUNG, query_timeout_ms, &result) == 0)
            return false;
        if (!query.reply)
            return false;
        const std::string& reply = *query.reply;
        std::size_t sent = 0;
        while (sent < reply.size()) {
            ResetEvent(event);
            io = OVERLAPPED{};
            io.hEvent = event;
            DWORD wrote = 0;
            bool ok = WriteFile(pipe_, reply.data() + sent, static_cast<DWORD>(reply.size() - sent), &wrote, &io) != 0;
            if (!ok && GetLastError() == ERROR_IO_PENDING)
                ok = wait(io, client_timeout_ms, wrote);
            else if (ok)
                GetOverlappedResult(pipe_, &io, &wrote, FALSE);
            if (!ok || wrote == 0)
                return true;  // the asker went away: nothing more to do for it
            sent += wrote;
        }
        FlushFileBuffers(pipe_);
        return true;
    }

    static void post(HWND hwnd, std::string line) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            return;
        auto* text = new std::string(std::move(line));
        if (!PostMessageW(hwnd, request_message, 0, reinterpret_cast<LPARAM>(text)))
            delete text;
    }

    HANDLE mutex_;
    bool primary_;
    std::wstring pipe_name_;
    HANDLE pipe_ = INVALID_HANDLE_VALUE;
    HANDLE stop_ = nullptr;
    std::unique_ptr<win32::HiddenWindow> window_;
    std::thread listener_;
    std::function<void(const std::string&)> on_request_;
    std::function<std::optional<std::string>(const std::string&)> on_query_;
    std::atomic<bool> answering_{false};
};

}  // namespace

std::unique_ptr<SingleInstance> acquire_single_instance(const std::filesystem::path& runtime_dir, std::string& error) {
    error.clear();
    std::wstring suffix = name_suffix(runtime_dir);
    // Local\: one agent per session, which is where input, lock and the tray live.
    std::wstring mutex_name = L"Local\\org.clockout.Clockout." + suffix;
    HANDLE mutex = CreateMutexW(nullptr, FALSE, mutex_name.c_str());
    if (mutex == nullptr) {
        error = "cannot create the single-instance mutex (" + win32::error_text(GetLastError()) + ")";
        return nullptr;
    }
    bool primary = GetLastError() != ERROR_ALREADY_EXISTS;
    if (!primary) {
        // A secondary must not keep the mutex alive after the primary exits: the next launch would find no agent.
        CloseHandle(mutex);
        mutex = nullptr;
    }
    auto instance = std::make_unique<Win32SingleInstance>(mutex, primary, pipe_name(runtime_dir));
    if (primary) {
        // Still the one agent without the pipe; a second launch just cannot reach us. Say so, but go on.
        error = instance->create_pipe();
    }
    return instance;
}

std::optional<std::string> ask_running_instance(const std::filesystem::path& runtime_dir, const std::string& message,
                                                std::chrono::milliseconds timeout, std::string& why) {
    const std::wstring name = pipe_name(runtime_dir);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto left_ms = [&] {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        return static_cast<DWORD>(left.count() > 0 ? left.count() : 0);
    };
    HANDLE pipe = INVALID_HANDLE_VALUE;
    for (;;) {
        pipe = CreateFileW(name.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED,
                           nullptr);
        if (pipe != INVALID_HANDLE_VALUE)
            break;
        DWORD error = GetLastError();
        if (error == ERROR_PIPE_BUSY && left_ms() > 0) {
            WaitNamedPipeW(name.c_str(), std::min<DWORD>(left_ms(), 200));  // another launch is talking to it
            continue;
        }
        why = error == ERROR_FILE_NOT_FOUND ? "no agent running"
                                            : "cannot reach the agent (" + win32::error_text(error) + ")";
        return std::nullopt;
    }
    HANDLE event = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    // One overlapped transfer, waited for until the deadline; false (and the I/O cancelled) when it did not finish.
    auto transfer = [&](bool writing, char* data, DWORD size, DWORD& done) {
        OVERLAPPED io{};
        io.hEvent = event;
        ResetEvent(event);
        done = 0;
        bool ok = writing ? WriteFile(pipe, data, size, &done, &io) != 0 : ReadFile(pipe, data, size, &done, &io) != 0;
        if (ok)
            return GetOverlappedResult(pipe, &io, &done, FALSE) != 0;
        if (GetLastError() != ERROR_IO_PENDING)
            return false;
        if (WaitForSingleObject(event, left_ms()) != WAIT_OBJECT_0) {
            CancelIo(pipe);
            GetOverlappedResult(pipe, &io, &done, TRUE);
            why = "the agent did not answer in time";
            return false;
        }
        return GetOverlappedResult(pipe, &io, &done, FALSE) != 0;
    };
    std::string line = message + "\n";
    DWORD done = 0;
    std::optional<std::string> reply;
    if (!transfer(true, line.data(), static_cast<DWORD>(line.size()), done) || done != line.size()) {
        if (why.empty())
            why = "the agent went away";
    } else {
        std::string text;
        char chunk[4096];
        while (transfer(false, chunk, sizeof chunk, done) && done > 0)
            text.append(chunk, done);  // until the agent closes the connection (ERROR_BROKEN_PIPE) or time is up
        if (why.empty() && text.empty())
            why = "the agent does not answer this request (an older version?)";
        else if (why.empty())
            reply = std::move(text);
    }
    CloseHandle(event);
    CloseHandle(pipe);
    return reply;
}

}  // namespace clockout::platform
