// How Clockout creates its files on this OS: one policy for every folder and file it owns (DESIGN.md section 3:
// folder 0700, file 0600). The journal, the log, the settings and the published device files all go through here.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace clockout::platform {

/// Creates `dir` and its missing parents, each folder created owner-only (0700 on POSIX; on Windows the profile's ACL);
/// a folder that already exists keeps the permissions its owner gave it. Returns "" or a one-line error with the fix;
/// `reason`, when given, also gets the OS's bare reason ("Permission denied") for a caller that words its own message.
std::string make_private_dir(const std::filesystem::path& dir, std::string* reason = nullptr);

/// Creates `file` empty and owner-only (0600 on POSIX, whatever the umask) unless it exists; an existing file is left
/// untouched. Returns "" or a one-line error with the fix; `reason` as for make_private_dir.
std::string create_private_file(const std::filesystem::path& file, std::string* reason = nullptr);

/// Takes group and other access away from an existing file (a journal copied in as 0644 becomes 0600); no-op on
/// Windows.
void restrict_to_owner(const std::filesystem::path& file);

/// Replaces `file` with `contents` atomically: a private temporary file beside it, flushed to disk, then renamed over
/// it (rename on POSIX, MoveFileEx on Windows), so a reader sees the old file or the new one, never half of one. A
/// missing folder is created as make_private_dir does. Returns "" or a one-line error; on error `file` is unchanged.
std::string write_file_atomically(const std::filesystem::path& file, std::string_view contents);

/// The permission bits of `path` as four octal digits ("0600"), "ACL" on Windows, or "" when it does not exist.
std::string mode_text(const std::filesystem::path& path);

/// True when files can be created in `folder`; otherwise false with the OS's reason in `why`.
bool folder_writable(const std::filesystem::path& folder, std::string& why);

}  // namespace clockout::platform
