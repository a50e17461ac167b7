# Build the Windows installer of WebNova Console:
#   1. packaging\build.py: translations, PyInstaller bundle (dist\webnova), smoke test;
#   2. Inno Setup: dist\webnova-console-<version>-windows-x64-setup.exe.
# Usage (from any folder): powershell -File packaging\windows\build.ps1 [-Python py] [-Iscc path]
param(
    [string]$Python = "python",
    [string]$Iscc = ""
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Push-Location $Root
try {
    & $Python packaging\build.py
    if ($LASTEXITCODE -ne 0) { throw "packaging\build.py failed" }
    $Version = & $Python -c "import sys; sys.path.insert(0, 'packaging'); import webnova_bundle as b; print(b.app_version())"
    if ($LASTEXITCODE -ne 0) { throw "could not read the version" }

    if (-not $Iscc) {
        $found = Get-Command iscc.exe -ErrorAction SilentlyContinue
        $candidates = @(
            $(if ($found) { $found.Source }),
            "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
            "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
            "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
        ) | Where-Object { $_ -and (Test-Path $_) }
        if (-not $candidates) { throw "Inno Setup 6 (ISCC.exe) not found; pass -Iscc" }
        $Iscc = @($candidates)[0]
    }
    $Arabic = Join-Path (Split-Path $Iscc) "Languages\Arabic.isl"
    if (-not (Test-Path $Arabic)) { throw "Inno Setup 6.5 or later is needed (Languages\Arabic.isl)" }

    $defines = @("/DAppVersion=$Version", "/DSourceDir=$Root\dist\webnova", "/DOutputDir=$Root\dist")
    $icon = @("$Root\resources\icons\webnova.ico", "$Root\build\webnova.ico") | Where-Object { Test-Path $_ } | Select-Object -First 1
    if ($icon) { $defines += "/DIconFile=$icon" }
    & $Iscc @defines "packaging\windows\installer.iss"
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
    Get-Item "dist\webnova-console-$Version-windows-x64-setup.exe" | Format-Table Name, Length
}
finally {
    Pop-Location
}
