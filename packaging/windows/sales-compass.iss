; Inno Setup 6 script: the Windows installer of Sales Compass (销售罗盘).
; (saved as UTF-8 with a byte-order mark: Inno Setup then reads the Chinese text as Unicode)
;
;   pyinstaller packaging\sales-compass.spec --noconfirm
;   iscc packaging\windows\sales-compass.iss
;
; Result: dist\sales-compass-<version>-setup.exe. It installs per user, without administrator
; rights (PrivilegesRequired=lowest), into %LOCALAPPDATA%\Programs\Sales Compass, adds a Start-menu
; entry (and, if ticked, a desktop icon and "Open with Sales Compass" for .sqlite3 archives).
; The version is read from the built executable's version resource, which the spec makes from
; pyproject.toml, so there is one version source.
;
; The user's archives, backups and settings are in %LOCALAPPDATA%\SalesCompass (platformdirs),
; never under {app}: the uninstaller removes only what it installed and keeps them.

#define Root AddBackslash(SourcePath) + "..\.."
#define Bundle Root + "\dist\sales-compass"
#define AppExe "sales-compass.exe"
#define CliExe "sales-compass-cli.exe"
#define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#if AppVersion == ""
  #error "No version in dist\sales-compass\sales-compass.exe: build the bundle first"
#endif

[Setup]
AppId={{6C2E4B9A-3F1D-4C7E-9B8A-5D0F2A1C7E34}
AppName=Sales Compass
AppVerName=Sales Compass {#AppVersion}
AppVersion={#AppVersion}
VersionInfoVersion={#GetVersionNumbersString(Bundle + "\" + AppExe)}
AppPublisher=Sales Compass
AppCopyright=Copyright (c) 2024-2026 the Sales Compass authors (MIT License)
DefaultDirName={autopf}\Sales Compass
DefaultGroupName=Sales Compass
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=sales-compass-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\sales-compass.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Sales Compass
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#ifexist "compiler:Languages\ChineseSimplified.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
en.AssociateArchives=Open .sqlite3 archives with Sales Compass
#ifexist "compiler:Languages\ChineseSimplified.isl"
zh_CN.AssociateArchives=用销售罗盘打开 .sqlite3 档案
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "{cm:AssociateArchives}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Sales Compass"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\Sales Compass"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER for a per-user install: no administrator rights needed.
Root: HKA; Subkey: "Software\Classes\.sqlite3\OpenWithProgids"; ValueType: string; ValueName: "SalesCompass.Archive"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\SalesCompass.Archive"; ValueType: string; ValueName: ""; ValueData: "Sales Compass archive"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\SalesCompass.Archive\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\SalesCompass.Archive\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --db ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".sqlite3"; ValueData: ""; Flags: uninsdeletekey; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,Sales Compass}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes the files listed above and nothing else. The
; archives in %LOCALAPPDATA%\SalesCompass (and any archive a user keeps elsewhere) stay.
