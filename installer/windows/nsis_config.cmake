# Read by cpack when it runs (CPACK_PROJECT_CONFIG_FILE, set in installer/cpack.cmake): NSIS code written here goes
# through CMake's string escaping once ("\\" is one backslash in the script), not through configure time as well.
if(NOT CPACK_GENERATOR STREQUAL "NSIS")
    return()
endif()

set(CPACK_NSIS_PACKAGE_NAME "Clockout")
set(CPACK_NSIS_DISPLAY_NAME "Clockout")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\clockout.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "clockout.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "")

# A running agent holds clockout.exe open: ask it to quit before files are replaced or removed.
set(CPACK_NSIS_EXTRA_PREINSTALL_COMMANDS "nsExec::Exec 'taskkill /IM clockout.exe'")

# The Start-menu shortcut carries the AppUserModelID that Windows toasts need (research/tech-and-style.md section 7).
# Stamping it takes the WinShell plug-in (docs/packaging.md); without it the build says so and the shortcut has none.
set(CPACK_NSIS_CREATE_ICONS_EXTRA "
  CreateShortCut '$SMPROGRAMS\\$STARTMENU_FOLDER\\Clockout.lnk' '$INSTDIR\\bin\\clockout.exe'
  !if /FileExists '\${NSISDIR}\\Plugins\\x86-unicode\\WinShell.dll'
    WinShell::SetLnkAUMI '$SMPROGRAMS\\$STARTMENU_FOLDER\\Clockout.lnk' 'org.clockout.Clockout'
  !else
    !warning 'WinShell plug-in not found: the Start-menu shortcut has no AppUserModelID, so toasts will not show'
  !endif
")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "
  Delete '$SMPROGRAMS\\$MUI_TEMP\\Clockout.lnk'
")

# Start at login is the optional component 'autostart' (its section comes before this one in CPack's template).
# It writes what platform/windows/autostart_win32.cpp writes, so the settings dialog sees the same state.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "
  SectionGetFlags \${autostart} $0
  IntOp $0 $0 & 1
  IntCmp $0 1 0 clockout_no_autostart clockout_no_autostart
    WriteRegStr HKCU 'Software\\Microsoft\\Windows\\CurrentVersion\\Run' 'Clockout' '\"$INSTDIR\\bin\\clockout.exe\"'
  clockout_no_autostart:
")

# The uninstaller removes the Run value and its Task Manager mark, and nothing of the user's data: the journal in
# %LOCALAPPDATA%\\Clockout stays until the user runs 'clockout purge --all' or deletes it.
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "
  nsExec::Exec 'taskkill /IM clockout.exe'
  DeleteRegValue HKCU 'Software\\Microsoft\\Windows\\CurrentVersion\\Run' 'Clockout'
  DeleteRegValue HKCU 'Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run' 'Clockout'
")
