// The running program and its session on Win32, and its name for the shell (the AppUserModelID).
#include <windows.h>
// clang-format off: windows.h first
#include <objbase.h>
#include <objidl.h>
#include <propidl.h>
#include <shlobj.h>
#include <shobjidl.h>
// clang-format on

#include <string>
#include <system_error>
#include <vector>

#include "platform/process.h"
#include "win32_util.h"

namespace clockout::platform {

std::filesystem::path executable_path() {
    // MAX_PATH is not a limit any more (long paths): grow until the name fits.
    std::vector<wchar_t> buf(MAX_PATH);
    for (;;) {
        DWORD size = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
        if (size == 0)
            return {};
        if (size < buf.size())
            return std::filesystem::path(std::wstring(buf.data(), size));
        buf.resize(buf.size() * 2);
    }
}

bool has_display() {
    return true;  // an interactive Windows session always has a desktop
}

void survive_file_size_limit() {}  // no SIGXFSZ: a write past a quota fails with an error code

namespace {

// PKEY_AppUserModel_ID ({9F4C2855-9F79-4B39-A8D0-E1D42DE1D5F3}, 5), written out: MinGW's import libraries lack it.
constexpr PROPERTYKEY app_user_model_id_key = {
    {0x9F4C2855, 0x9F79, 0x4B39, {0xA8, 0xD0, 0xE1, 0xD4, 0x2D, 0xE1, 0xD5, 0xF3}}, 5};

std::string hresult_text(const char* call, HRESULT hr) {
    return std::string(call) + ": " + win32::error_text(static_cast<DWORD>(hr));
}

// Releases a COM interface at the end of a scope.
template <class Interface>
struct Com {
    Interface* p = nullptr;
    Com() = default;
    Com(const Com&) = delete;
    Com& operator=(const Com&) = delete;
    ~Com() {
        if (p)
            p->Release();
    }
};

std::wstring programs_folder() {
    PWSTR folder = nullptr;
    std::wstring path;
    if (SUCCEEDED(SHGetKnownFolderPath(FOLDERID_Programs, 0, nullptr, &folder)))
        path = folder;
    CoTaskMemFree(folder);
    return path;
}

// The id the shortcut's property store holds ("" when none); `readable` is false when the store cannot be read.
std::wstring stored_id(IPropertyStore& store, bool& readable, std::string& why) {
    PROPVARIANT value;
    PropVariantInit(&value);
    const HRESULT hr = store.GetValue(app_user_model_id_key, &value);
    readable = SUCCEEDED(hr);
    if (!readable)
        why = hresult_text("IPropertyStore::GetValue", hr);
    std::wstring id;
    if (readable && value.vt == VT_LPWSTR && value.pwszVal != nullptr)
        id = value.pwszVal;
    PropVariantClear(&value);
    return id;
}

// Writes `id` into the Start-menu shortcut `lnk` when it starts this program and lacks it, then reads it back.
std::string mark_shortcut(const std::wstring& lnk, const std::wstring& id) {
    Com<IShellLinkW> link;
    HRESULT hr = CoCreateInstance(CLSID_ShellLink, nullptr, CLSCTX_INPROC_SERVER, IID_IShellLinkW,
                                  reinterpret_cast<void**>(&link.p));
    if (FAILED(hr))
        return hresult_text("CoCreateInstance(ShellLink)", hr);
    Com<IPersistFile> file;
    if (FAILED(hr = link.p->QueryInterface(IID_IPersistFile, reinterpret_cast<void**>(&file.p))))
        return hresult_text("IShellLink::QueryInterface(IPersistFile)", hr);
    if (FAILED(hr = file.p->Load(lnk.c_str(), STGM_READWRITE)))
        return hresult_text("IPersistFile::Load", hr);
    std::vector<wchar_t> target(32768);
    if (FAILED(hr = link.p->GetPath(target.data(), static_cast<int>(target.size()), nullptr, 0)))
        return hresult_text("IShellLink::GetPath", hr);
    std::error_code ec;
    if (!std::filesystem::equivalent(std::filesystem::path(target.data()), executable_path(), ec))
        return "";  // another program's shortcut, or another copy of Clockout's: not ours to change
    Com<IPropertyStore> store;
    if (FAILED(hr = link.p->QueryInterface(IID_IPropertyStore, reinterpret_cast<void**>(&store.p))))
        return hresult_text("IShellLink::QueryInterface(IPropertyStore)", hr);
    bool readable = false;
    std::string why;
    if (stored_id(*store.p, readable, why) == id)
        return "";  // the installer's shortcut, already marked
    PROPVARIANT value;
    PropVariantInit(&value);
    value.vt = VT_LPWSTR;
    value.pwszVal = static_cast<LPWSTR>(CoTaskMemAlloc((id.size() + 1) * sizeof(wchar_t)));
    if (value.pwszVal == nullptr)
        return "out of memory";
    id.copy(value.pwszVal, id.size());
    value.pwszVal[id.size()] = L'\0';
    hr = store.p->SetValue(app_user_model_id_key, value);
    PropVariantClear(&value);
    if (FAILED(hr))
        return hresult_text("IPropertyStore::SetValue", hr);
    if (FAILED(hr = store.p->Commit()))
        return hresult_text("IPropertyStore::Commit", hr);
    if (FAILED(hr = file.p->Save(nullptr, TRUE)))
        return hresult_text("IPersistFile::Save", hr);
    // Read back from the file, not from this object: what Windows will find when it shows a toast.
    Com<IShellLinkW> again;
    Com<IPersistFile> again_file;
    Com<IPropertyStore> again_store;
    if (FAILED(hr = CoCreateInstance(CLSID_ShellLink, nullptr, CLSCTX_INPROC_SERVER, IID_IShellLinkW,
                                     reinterpret_cast<void**>(&again.p))) ||
        FAILED(hr = again.p->QueryInterface(IID_IPersistFile, reinterpret_cast<void**>(&again_file.p))) ||
        FAILED(hr = again_file.p->Load(lnk.c_str(), STGM_READ)) ||
        FAILED(hr = again.p->QueryInterface(IID_IPropertyStore, reinterpret_cast<void**>(&again_store.p))))
        return hresult_text("reading the shortcut back", hr);
    const std::wstring kept = stored_id(*again_store.p, readable, why);
    if (!readable)
        return "the shortcut's AppUserModelID was written but cannot be read back (" + why + ")";
    if (kept != id)
        return "the shortcut did not keep its AppUserModelID";
    return "";
}

}  // namespace

std::string set_app_identity(const std::string& app_id) {
    const std::wstring id = win32::utf16(app_id);
    std::string problems;
    if (HRESULT hr = SetCurrentProcessExplicitAppUserModelID(id.c_str()); FAILED(hr))
        problems = hresult_text("SetCurrentProcessExplicitAppUserModelID", hr);
    const std::wstring folder = programs_folder();
    if (folder.empty())
        return problems;
    const std::wstring lnk = folder + L"\\Clockout.lnk";  // the installer's (installer/windows/clockout.nsi)
    if (GetFileAttributesW(lnk.c_str()) == INVALID_FILE_ATTRIBUTES)
        return problems;  // not installed (a build run from its folder): nothing to mark
    // wx has initialised COM on this thread already (OLE, single-threaded); this only counts a reference.
    const HRESULT init = CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED);
    std::string shortcut = mark_shortcut(lnk, id);
    if (SUCCEEDED(init))
        CoUninitialize();
    if (!shortcut.empty())
        problems += (problems.empty() ? "" : "; ") + win32::utf8(lnk) + ": " + shortcut;
    return problems;
}

}  // namespace clockout::platform
