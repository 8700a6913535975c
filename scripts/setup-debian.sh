#!/usr/bin/env bash
# Installs every build and test dependency of BudgetDesk on Debian 12 / Ubuntu 22.04+.
# Idempotent and non-interactive: packages already present are skipped, so a second run
# costs one dpkg query. Run as root or with sudo available.
# Also Debian 13, inside the Qt 6.8 chroot of test-qt68.sh: the names below exist in both.
# Usage: setup-debian.sh [--packaging | --qt68]
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build clang clang-format clang-tidy libclang-rt-dev
  # Qt 6.4 and the modules BudgetDesk uses
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n fonts-noto-cjk
  qtkeychain-qt6-dev qt6-qpa-plugins libgl-dev
  # GB18030 spreadsheets (QTextCodec: ICU's, or Qt's own where Qt is built without ICU)
  qt6-5compat-dev
  # crypto
  libssl-dev openssl
  # headless GUI runs, screenshots, packaging checks
  xvfb xauth imagemagick dpkg-dev file desktop-file-utils
)
# --packaging: also what packaging/test-nsis.sh needs to build and drive the Windows installer
if [ "${1:-}" = "--packaging" ]; then
  packages+=(nsis wine64 locales)
fi
# --qt68: also what scripts/test-qt68.sh needs to make its Debian 13 chroot
if [ "${1:-}" = "--qt68" ]; then
  packages+=(debootstrap)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#packages[@]} packages already installed"
else
  export DEBIAN_FRONTEND=noninteractive
  echo "setup-debian: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The Chinese locale, so that Wine runs the installer as on a Chinese Windows.
if [ "${1:-}" = "--packaging" ] && ! locale -a | grep -qix 'zh_CN.utf8'; then
  $SUDO localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
fi
