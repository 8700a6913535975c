#!/usr/bin/env bash
# Builds the Windows installer's script with Debian's makensis and drives the installer under
# Wine, in a throw-away Wine prefix and home: per-user installation without elevation, the
# Start-menu, desktop and PATH options, the uninstall entry under HKCU, an upgrade over an
# earlier installation, and an uninstaller that keeps the user's profiles and audit log unless
# /DELETEDATA is given. The payload is the Linux release build (this machine cannot build
# Windows binaries); what is proven is the installer's own behaviour, not the Windows build.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh --packaging
cmake --preset release >/dev/null
cmake --build --preset release --parallel "$(nproc 2>/dev/null || echo 2)"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' build/release/CMakeCache.txt)

echo "::: the shipped configuration (32-bit Unicode stub) compiles"
(cd build/release && rm -f BudgetDesk-nsis-*.exe &&
    cpack -G NSIS -D CPACK_PACKAGE_FILE_NAME=BudgetDesk-nsis-x86 >/dev/null)
# Wine from Debian's wine64 runs 64-bit programs only, so the installer driven below is the
# same script with the 64-bit stub.
(cd build/release && cpack -G NSIS -D CPACK_PACKAGE_FILE_NAME=BudgetDesk-nsis-amd64 \
    -D "CPACK_BUDGETDESK_NSIS_TARGET=Target amd64-unicode" >/dev/null)
file build/release/BudgetDesk-nsis-x86.exe build/release/BudgetDesk-nsis-amd64.exe
installer="$PWD/build/release/BudgetDesk-nsis-amd64.exe"
staged="$PWD/build/release/_CPack_Packages/Linux/NSIS/BudgetDesk-nsis-amd64"

sandbox=$(mktemp -d)
trap 'wineserver -k 2>/dev/null || true; rm -rf "$sandbox"' EXIT
export PATH="/usr/lib/wine:$PATH" HOME="$sandbox/home" WINEPREFIX="$sandbox/prefix" WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe=d" # no Mono/Gecko prompts, no menus
unset DISPLAY
mkdir -p "$HOME"
wine64 wineboot -i >/dev/null 2>&1
wineserver -w

user_dir=$(ls -d "$WINEPREFIX"/drive_c/users/* | grep -v /Public)
local_app_data="$user_dir/AppData/Local"
app_dir="$local_app_data/Programs/BudgetDesk"
data_dir="$local_app_data/BudgetDesk"
start_menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
desktop_link=$(readlink -f "$user_dir/Desktop")/BudgetDesk.lnk
win_bin_dir='C:\users\'"$(basename "$user_dir")"'\AppData\Local\Programs\BudgetDesk\bin'
uninstall_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\BudgetDesk'

run() { # a Windows program, waiting for everything it starts (the uninstaller re-launches itself)
    wine64 "$@"
    wineserver -w
}
reg_value() { # the data of one registry value, or nothing
    wine64 reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' | sed -n "s/^ *$2 *REG_[A-Z_]* *//p"
}
user_path() { reg_value 'HKCU\Environment' Path; }
fail() {
    echo "test-nsis: FAILED: $*" >&2
    exit 1
}
expect_installed() {
    (cd "$staged" && find . -type f) | while read -r f; do
        [ -f "$app_dir/$f" ] || fail "not installed: $f"
    done
    [ -f "$app_dir/Uninstall.exe" ] || fail "no uninstaller"
    [ -f "$start_menu/BudgetDesk.lnk" ] || fail "no Start-menu entry"
    [ "$(reg_value "$uninstall_key" DisplayVersion)" = "$version" ] || fail "uninstall entry's DisplayVersion"
    reg_value "$uninstall_key" InstallLocation | grep -q 'AppData\\Local\\Programs\\BudgetDesk$' ||
        fail "InstallLocation is not the per-user folder"
    reg_value "$uninstall_key" QuietUninstallString | grep -q 'Uninstall.exe" /S$' || fail "QuietUninstallString"
    [ -z "$(reg_value 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\BudgetDesk' DisplayName)" ] ||
        fail "a machine-wide uninstall entry was written"
}
expect_uninstalled() {
    [ ! -e "$app_dir" ] || fail "installation folder left behind: $(cd "$app_dir" && find . | head)"
    [ -z "$(ls "$start_menu" | grep -i budgetdesk)" ] || fail "Start-menu entries left behind"
    [ ! -e "$desktop_link" ] || fail "desktop shortcut left behind"
    [ -z "$(reg_value "$uninstall_key" DisplayName)" ] || fail "uninstall entry left behind"
    user_path | grep -qi 'Programs\\BudgetDesk' && fail "PATH entry left behind" || true
}

# What a user of an earlier installation has: profiles and an audit log.
mkdir -p "$data_dir"
echo "merchant profile" >"$data_dir/settings.ini"
echo "audit rows" >"$data_dir/audit.sqlite"
wine64 reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d 'C:\Tools' /f >/dev/null

echo "::: silent per-user installation with /ADDTOPATH"
run "$installer" /S /ADDTOPATH
expect_installed
[ -f "$start_menu/BudgetDesk (demo mode).lnk" ] || fail "no demo-mode Start-menu entry"
[ -f "$desktop_link" ] || fail "no desktop shortcut (selected by default)"
[ "$(user_path)" = "C:\Tools;$win_bin_dir" ] || fail "PATH is '$(user_path)'"
echo "installed into ${app_dir#"$WINEPREFIX"/}, $(($(reg_value "$uninstall_key" EstimatedSize))) KiB"

echo "::: upgrade: the earlier installation is removed first, without the data question"
run "$installer" /S /NODESKTOP
expect_installed
[ ! -e "$desktop_link" ] || fail "/NODESKTOP still made a desktop shortcut"
[ "$(user_path)" = 'C:\Tools' ] || fail "PATH after the upgrade is '$(user_path)'"
[ -f "$data_dir/audit.sqlite" ] || fail "the upgrade deleted the audit log"

echo "::: silent uninstallation keeps profiles and the audit log"
run "$app_dir/Uninstall.exe" /S
expect_uninstalled
[ "$(cat "$data_dir/audit.sqlite")" = "audit rows" ] || fail "the uninstaller deleted the audit log"
[ -f "$data_dir/settings.ini" ] || fail "the uninstaller deleted the settings"

echo "::: a PATH longer than NSIS strings hold is left as it is"
long_path="C:\Tools$(printf ';C:\Long\Folder%04d' $(seq 1 80))" # 1528 characters
wine64 reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d "$long_path" /f >/dev/null
run "$installer" /S /ADDTOPATH
expect_installed
[ "$(user_path)" = "$long_path" ] || fail "a long PATH was changed to '$(user_path | cut -c1-80)…'"
run "$app_dir/Uninstall.exe" /S
expect_uninstalled
[ "$(user_path)" = "$long_path" ] || fail "uninstalling changed a long PATH"

echo "::: a Chinese Windows gets the Chinese texts; /DELETEDATA removes the data"
wine64 reg delete 'HKCU\Environment' /v Path /f >/dev/null # as on most accounts: no user PATH
LANG=zh_CN.UTF-8 run "$installer" /S /ADDTOPATH
[ "$(user_path)" = "$win_bin_dir" ] || fail "PATH, when there was none, is '$(user_path)'"
[ -f "$start_menu/BudgetDesk 演示模式.lnk" ] || fail "no Chinese demo-mode entry: $(ls "$start_menu")"
LANG=zh_CN.UTF-8 run "$app_dir/Uninstall.exe" /S /DELETEDATA
expect_uninstalled
[ ! -e "$data_dir" ] || fail "/DELETEDATA kept the data folder"
[ -z "$(user_path)" ] || fail "PATH after uninstalling is '$(user_path)'"

echo "::: the Windows installer script installs, upgrades and uninstalls per user"
