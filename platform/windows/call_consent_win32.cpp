// The microphone's consent store: each program that asked for the microphone has a subkey (packaged apps directly
// under microphone, desktop programs under microphone\NonPackaged, named by their path) whose QWORD values
// LastUsedTimeStart and LastUsedTimeStop Windows sets when the program starts and stops capturing. A program captures
// while Start is set and Stop is 0. RegNotifyChangeKeyValue signals an event on any change in the subtree; a thread
// pool wait on that event only posts a message to a hidden window, so the key is read and the sink called on the
// loop's thread, and nothing runs between changes. Only whether some program captures leaves this file.
#include "call_consent_win32.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../common/call_edge.h"
#include "win32_util.h"

namespace clockout::platform::consent {

namespace {

constexpr UINT changed_message = WM_APP + 20;  // lParam: the start's generation
constexpr WPARAM first_look = 0;               // start() asks for the state it finds
constexpr WPARAM notified = 1;                 // the subtree changed: watch again, then look

std::wstring this_program() {
    std::wstring path(MAX_PATH, L'\0');
    while (true) {
        DWORD got = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
        if (got == 0)
            return {};
        if (got < path.size()) {
            path.resize(got);
            return path;
        }
        path.resize(path.size() * 2);
    }
}

std::vector<std::wstring> subkeys(HKEY key) {
    std::vector<std::wstring> names;
    for (DWORD index = 0;; ++index) {
        wchar_t name[256];  // the registry's longest key name is 255 characters
        DWORD length = 256;
        LSTATUS status = RegEnumKeyExW(key, index, name, &length, nullptr, nullptr, nullptr, nullptr);
        if (status == ERROR_NO_MORE_ITEMS)
            break;
        if (status == ERROR_SUCCESS)
            names.emplace_back(name, length);
        else if (status != ERROR_MORE_DATA)
            break;
    }
    return names;
}

std::uint64_t qword(HKEY parent, const std::wstring& subkey, const wchar_t* value) {
    std::uint64_t data = 0;
    DWORD size = sizeof data;
    if (RegGetValueW(parent, subkey.c_str(), value, RRF_RT_REG_QWORD, nullptr, &data, &size) != ERROR_SUCCESS)
        return 0;
    return data;
}

bool capturing(HKEY parent, const std::wstring& subkey) {
    return qword(parent, subkey, L"LastUsedTimeStart") != 0 && qword(parent, subkey, L"LastUsedTimeStop") == 0;
}

bool same_name(const std::wstring& a, const std::wstring& b) {
    return CompareStringOrdinal(a.c_str(), -1, b.c_str(), -1, TRUE) == CSTR_EQUAL;
}

class ConsentStoreSource final : public ActivitySource {
  public:
    ~ConsentStoreSource() override { stop(); }

    std::string name() const override { return "consent-store"; }

    bool start(ActivitySink& sink, std::chrono::seconds, std::string& why_not) override {
        stop();
        // Not created when missing: without it, this Windows has no consent store (before 10 1903).
        LSTATUS status = RegOpenKeyExW(HKEY_CURRENT_USER, microphone_key, 0, KEY_READ, &key_);
        if (status != ERROR_SUCCESS) {
            key_ = nullptr;
            why_not = "no microphone consent store in the registry (Windows 10 1903 or later has one): " +
                      win32::error_text(static_cast<DWORD>(status));
            return false;
        }
        // The window lives as long as the source: stop() may come from the sink, inside its procedure.
        if (!window_) {
            window_ = std::make_unique<win32::HiddenWindow>(
                win32::HiddenWindow::Kind::message_only, L"Clockout calls",
                [this](UINT message, WPARAM wparam, LPARAM lparam) { return on_message(message, wparam, lparam); });
        }
        changed_ = CreateEventW(nullptr, FALSE, FALSE, nullptr);
        std::string error;
        if (window_->handle() == nullptr)
            error = window_->error();
        else if (changed_ == nullptr)
            error = "CreateEvent: " + win32::error_text(GetLastError());
        else if (watch(error) &&
                 !RegisterWaitForSingleObject(&wait_, changed_, &on_signalled, this, INFINITE, WT_EXECUTEDEFAULT))
            error = "RegisterWaitForSingleObject: " + win32::error_text(GetLastError());
        if (!error.empty()) {
            wait_ = nullptr;
            why_not = error;
            stop();
            return false;
        }
        own_name_ = nonpackaged_name(this_program());
        sink_ = &sink;
        detail_ = "HKCU\\" + win32::utf8(microphone_key);
        // The state found reaches the sink from the loop, like every later change.
        PostMessageW(window_->handle(), changed_message, first_look, static_cast<LPARAM>(generation_));
        return true;
    }

    void stop() override {
        sink_ = nullptr;
        if (wait_ != nullptr)
            UnregisterWaitEx(wait_, INVALID_HANDLE_VALUE);  // returns once a callback in flight has finished
        wait_ = nullptr;
        ++generation_;  // messages already posted belong to the run that ends here (no callback reads it now)
        if (key_ != nullptr)
            RegCloseKey(key_);  // ends the pending notification too
        key_ = nullptr;
        if (changed_ != nullptr)
            CloseHandle(changed_);
        changed_ = nullptr;
        call_.reset();
        detail_.clear();
    }

    std::string detail() const override { return detail_; }

  private:
    // One notification per call: it is asked for again after each, before the key is read.
    bool watch(std::string& error) {
        LSTATUS status =
            RegNotifyChangeKeyValue(key_, TRUE, REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET, changed_, TRUE);
        if (status == ERROR_SUCCESS)
            return true;
        error = "RegNotifyChangeKeyValue: " + win32::error_text(static_cast<DWORD>(status));
        return false;
    }

    // On a thread pool thread: only hands the change to the loop's thread.
    static void CALLBACK on_signalled(void* self_ptr, BOOLEAN) {
        auto* self = static_cast<ConsentStoreSource*>(self_ptr);
        PostMessageW(self->window_->handle(), changed_message, notified, static_cast<LPARAM>(self->generation_));
    }

    std::optional<LRESULT> on_message(UINT message, WPARAM wparam, LPARAM lparam) {
        if (message != changed_message)
            return std::nullopt;
        if (sink_ == nullptr || static_cast<unsigned>(lparam) != generation_)
            return 0;
        if (wparam == notified) {
            std::string error;
            if (!watch(error)) {
                // The key was deleted (or the handle broke): no more changes will come.
                detail_ = "HKCU\\" + win32::utf8(microphone_key) + " no longer watched: " + error;
                set_in_call(false);
                return 0;
            }
        }
        set_in_call(capturing_programs() > 0);
        return 0;
    }

    int capturing_programs() const {
        int count = 0;
        for (const std::wstring& name : subkeys(key_)) {
            if (!same_name(name, L"NonPackaged")) {
                count += capturing(key_, name) ? 1 : 0;
                continue;
            }
            HKEY desktop = nullptr;
            if (RegOpenKeyExW(key_, name.c_str(), 0, KEY_READ, &desktop) != ERROR_SUCCESS)
                continue;
            for (const std::wstring& program : subkeys(desktop)) {
                if (!same_name(program, own_name_))  // Clockout's own use is no call
                    count += capturing(desktop, program) ? 1 : 0;
            }
            RegCloseKey(desktop);
        }
        return count;
    }

    void set_in_call(bool calling) { call_.update(calling, *sink_, name()); }

    std::unique_ptr<win32::HiddenWindow> window_;
    ActivitySink* sink_ = nullptr;
    HKEY key_ = nullptr;
    HANDLE changed_ = nullptr;
    HANDLE wait_ = nullptr;
    unsigned generation_ = 0;
    std::wstring own_name_;
    std::string detail_;
    CallEdge call_;
};

}  // namespace

std::wstring nonpackaged_name(std::wstring path) {
    for (wchar_t& c : path) {
        if (c == L'\\')
            c = L'#';
    }
    return path;
}

std::unique_ptr<ActivitySource> make_source() {
    return std::make_unique<ConsentStoreSource>();
}

}  // namespace clockout::platform::consent
