// The private-folder and private-file policy of platform/files.h on Win32. There are no mode bits: a folder under
// %LOCALAPPDATA% inherits the profile's ACL (the user, SYSTEM and Administrators), which is what 0700 means here; a
// folder elsewhere (--data-dir) keeps its parent's ACL, as an existing POSIX folder keeps its mode.
#include <windows.h>

#include <system_error>

#include "../common/files_common.h"
#include "platform/files.h"
#include "win32_util.h"

namespace clockout::platform {

namespace fs = std::filesystem;

namespace {

std::string display(const fs::path& path) {
    return win32::utf8(path.native());
}

using files::folder_of;
using files::set_reason;

}  // namespace

std::string make_private_dir(const fs::path& dir, std::string* reason) {
    if (auto existing = files::existing_folder(dir, display(dir), reason))
        return *existing;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        set_reason(reason, ec.message());
        return display(dir) + ": cannot create the folder (" + ec.message() + "); fix: check its parent's permissions";
    }
    return "";
}

std::string create_private_file(const fs::path& file, std::string* reason) {
    HANDLE handle = CreateFileW(file.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (handle == INVALID_HANDLE_VALUE) {
        DWORD code = GetLastError();
        if (code == ERROR_FILE_EXISTS || code == ERROR_ALREADY_EXISTS)
            return "";
        set_reason(reason, win32::error_text(code));
        return display(file) + ": cannot create the file (" + win32::error_text(code) + "); fix: make " +
               display(folder_of(file)) + " writable, or choose another folder";
    }
    CloseHandle(handle);
    return "";
}

void restrict_to_owner(const fs::path&) {}

std::string write_file_atomically(const fs::path& file, std::string_view contents) {
    const fs::path folder = folder_of(file);
    if (auto error = make_private_dir(folder); !error.empty())
        return error;
    const fs::path temp = files::temporary_beside(file);
    HANDLE handle = CreateFileW(temp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (handle == INVALID_HANDLE_VALUE)
        return display(temp) + ": cannot create the file (" + win32::error_text(GetLastError()) + "); fix: make " +
               display(folder) + " writable";
    std::string why;
    const char* data = contents.data();
    std::size_t left = contents.size();
    while (left > 0 && why.empty()) {
        DWORD chunk = left > 0x40000000 ? 0x40000000 : static_cast<DWORD>(left);
        DWORD written = 0;
        if (!WriteFile(handle, data, chunk, &written, nullptr) || written == 0) {
            why = win32::error_text(GetLastError());
        } else {
            data += written;
            left -= written;
        }
    }
    // On disk before the move: after a power cut the name points at the whole new file or at the old one.
    if (why.empty() && !FlushFileBuffers(handle))
        why = win32::error_text(GetLastError());
    CloseHandle(handle);
    if (why.empty() && !MoveFileExW(temp.c_str(), file.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        why = win32::error_text(GetLastError());
    if (!why.empty()) {
        DeleteFileW(temp.c_str());
        return display(file) + ": cannot write the file (" + why + "); fix: check that the disk is not full and that " +
               display(folder) + " is writable";
    }
    return "";
}

std::string mode_text(const fs::path& path) {
    std::error_code ec;
    return fs::exists(path, ec) ? "ACL" : "";  // no mode bits: the folder's access control list decides
}

bool folder_writable(const fs::path& folder, std::string& why) {
    std::error_code ec;
    if (fs::is_directory(folder, ec))
        return true;
    why = ec ? ec.message() : "not a folder";
    return false;
}

}  // namespace clockout::platform
