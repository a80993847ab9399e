; Clockout's per-user Windows installer, built from Linux by installer/windows-build.sh (docs/platform-windows.md):
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSTAGE=<folder: bin/clockout.exe, bin/clockout.com, bin/zoneinfo/,
;            share/> -DICON=<clockout.ico> -DOUTFILE=<setup.exe> clockout.nsi
; Modern UI 2 pages in French or English (the one of Windows' display language; English otherwise): welcome, folder,
; components (Clockout, and "start at login", off unless ticked), progress, finish (with "start Clockout now").
; 64-bit (Target amd64-unicode: a 32-bit installer does not run under Debian's 64-bit-only wine, and Clockout is
; 64-bit), no administrator rights: it installs under %LOCALAPPDATA%\Programs\Clockout and registers its uninstaller
; under HKCU. `setup.exe /S` installs silently, `uninstall.exe /S` removes it. The journal (%LOCALAPPDATA%\Clockout)
; is never removed: `clockout purge --all` deletes a history.
Target amd64-unicode
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION | STAGE | OUTFILE | ICON
  !error "define VERSION, STAGE, ICON and OUTFILE (installer/windows-build.sh does)"
!endif
!include "MUI2.nsh"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Clockout"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"

Name "Clockout"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Clockout"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
ShowInstDetails show
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Clockout"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "Clockout installer"
VIAddVersionKey "LegalCopyright" "Clockout team"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\bin\clockout.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(run_now)"
!insertmacro MUI_PAGE_FINISH
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(keeps_journal)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
; The first language is the one used where Windows' display language is neither.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "French"
LangString start_at_login ${LANG_ENGLISH} "Start Clockout at login"
LangString start_at_login ${LANG_FRENCH} "Lancer Clockout à l'ouverture de session"
LangString run_now ${LANG_ENGLISH} "Start Clockout now"
LangString run_now ${LANG_FRENCH} "Lancer Clockout maintenant"
LangString keeps_journal ${LANG_ENGLISH} "Clockout will be removed from this computer. Your journal in %LOCALAPPDATA%\Clockout is kept; $\"clockout purge --all$\" deletes your history."
LangString keeps_journal ${LANG_FRENCH} "Clockout va être supprimé de cet ordinateur. Votre journal, dans %LOCALAPPDATA%\Clockout, est conservé ; « clockout purge --all » efface votre historique."

Section "Clockout" SecMain
  SectionIn RO
  ; A running agent holds clockout.exe open: ask it to quit (WM_CLOSE, what the agent handles) before replacing it.
  ExecWait 'taskkill /IM clockout.exe'
  ; The layout of the Linux package, which the program finds its files by: bin\clockout.exe and, beside it,
  ; IANA's compiled zones (core::make_zone reads <folder of clockout.exe>\zoneinfo\<name> on Windows);
  ; share\clockout\icons (the tray agent's icons, agent/ui/ui_paths.cpp). The French catalog is inside clockout.exe.
  SetOutPath "$INSTDIR"
  File /r "${STAGE}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\Clockout.lnk" "$INSTDIR\bin\clockout.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Clockout"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Clockout team"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\bin\clockout.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; What platform/windows/autostart_win32.cpp writes for "start at login" (the quoted path of clockout.exe), so that the
; settings' checkbox shows it ticked; off unless ticked on the components page (and in silent mode).
Section /o "$(start_at_login)" SecLogin
  WriteRegStr HKCU "${RUN_KEY}" "Clockout" '"$INSTDIR\bin\clockout.exe"'
SectionEnd

Section "Uninstall"
  ExecWait 'taskkill /IM clockout.exe'
  RMDir /r "$INSTDIR\bin"
  RMDir /r "$INSTDIR\share"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Clockout.lnk"
  ; What platform/windows/autostart_win32.cpp writes for "start at login", and Task Manager's mark beside it.
  DeleteRegValue HKCU "${RUN_KEY}" "Clockout"
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "Clockout"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
