; Inno Setup script for the Windows installer of TTĐN Desktop.
;
; Build the one-folder app on Windows first (see packaging/README.md), then:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\ttdn.iss
; The installer goes to build\installer\. It installs per user (no administrator rights needed
; on an office PC) and keeps the user's data when uninstalled: the database lives in
; %LOCALAPPDATA%\TTDN Desktop, not in the program folder.

#define AppName "TTĐN Desktop"
#define AppVersion "0.1.0"
#define AppExe "TTDN Desktop.exe"
#define BuildDir "..\build\dist\TTDN Desktop"

[Setup]
AppId={{5C0E7C71-2B7A-4F7C-9A0F-1F3F6E2A7D11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=TTĐN Desktop
DefaultDirName={localappdata}\Programs\TTDN Desktop
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\build\installer
OutputBaseFilename=TTDN-Desktop-{#AppVersion}-Setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
; Code signing: define a sign tool in the Inno Setup IDE (Tools > Configure Sign Tools) named
; "signtool", then uncomment. See packaging/README.md.
;SignTool=signtool
;SignedUninstaller=yes

[Languages]
; Inno Setup ships no official Vietnamese messages file; the community translation
; (Vietnamese.isl from the Inno Setup translations page) can be added here beside English.
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình nền"; GroupDescription: "Biểu tượng:"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\Gỡ cài đặt {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Mở {#AppName}"; Flags: nowait postinstall skipifsilent
