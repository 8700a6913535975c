#!/usr/bin/env bash
# Builds the Linux package and proves it: a release build, `cpack -G DEB`, installation with
# apt-get, then the installed budgetdesk-cli --version and the installed window in demo mode
# under Xvfb (started, interactive, quit). Removes the package afterwards. Needs root (apt).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cmake --preset release
cmake --build --preset release --parallel "$(nproc 2>/dev/null || echo 2)"
(cd build/release && rm -f budgetdesk_*.deb && cpack -G DEB)

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' build/release/CMakeCache.txt)
package=$(ls build/release/budgetdesk_"${version}"_*.deb)
echo "::: installing $package"
dpkg-deb --info "$package" | sed -n '/Package:/,$p'
apt-get install -y -q "./$package"
trap 'apt-get remove -y -q budgetdesk >/dev/null' EXIT

echo "::: installed files"
dpkg -L budgetdesk | grep -E 'bin/|\.desktop$|scalable|256x256'
desktop-file-validate /usr/share/applications/com.budgetdesk.BudgetDesk.desktop

echo "::: budgetdesk-cli --version"
out=$(/usr/bin/budgetdesk-cli --version)
echo "$out"
[ "$out" = "budgetdesk-cli $version" ]
[ "$(/usr/bin/budgetdesk-sim --version)" = "budgetdesk-sim $version" ]
env -u DISPLAY /usr/bin/budgetdesk --version | grep -qx "BudgetDesk $version" # no display needed

echo "::: budgetdesk --demo under Xvfb (the xcb platform plugin, as on a desktop)"
home=$(mktemp -d)
XDG_DATA_HOME="$home" XDG_CONFIG_HOME="$home" BUDGETDESK_NO_KEYCHAIN=1 \
    timeout 60 xvfb-run -a /usr/bin/budgetdesk --demo --benchmark-startup | tee "$home/out.txt"
grep -q '^peak_rss_kb=' "$home/out.txt"
[ ! -e "$home/BudgetDesk" ] # demo mode left nothing in the user's data folder
rm -rf "$home"
echo "::: the .deb installs and runs: $package"
