#!/usr/bin/env bash
# The whole test suite on Qt 6.8 LTS — the Qt the installers ship — on this Debian 12 machine:
# a Debian 13 "trixie" chroot (Qt 6.8.2), made with debootstrap from the mirror this machine's
# apt already uses, given the package set of setup-debian.sh, then the dev preset configured,
# built and tested inside it with the offscreen platform. The chroot is kept under
# build/qt68-chroot, so a second run only builds and tests. Needs root (debootstrap, chroot,
# mounts); everything it mounts is unmounted on exit.
# Usage: test-qt68.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir="$PWD"
chroot_dir="$source_dir/build/qt68-chroot"
inside_source=/budgetdesk
inside_build="$inside_source/build/qt68"
start=$SECONDS

if [ "$(id -u)" -ne 0 ]; then
  # debootstrap, chroot and bind mounts need root: through sudo, as setup-debian.sh does.
  command -v sudo >/dev/null && exec sudo --preserve-env=PATH "$0" "$@"
  echo "test-qt68: needs root (debootstrap, chroot and bind mounts), and sudo is not there" >&2
  exit 1
fi
command -v debootstrap >/dev/null || scripts/setup-debian.sh --qt68

# The mirror this machine's apt uses: deb822 .sources files first, then one-line .list files.
mirror() {
  local uri
  uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [ -z "$uri" ]; then
    uri=$(awk '$1 == "deb" && $2 !~ /^\[/ { print $2; exit }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
      2>/dev/null || true)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[$i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT
bind() { # bind SOURCE TARGET-INSIDE
  mkdir -p "$chroot_dir$2"
  mount --bind "$1" "$chroot_dir$2"
  mounted+=("$chroot_dir$2")
}

# Anything still mounted below the chroot (an earlier run killed mid-way) is released first:
# removing a half-made chroot must never reach through a bind mount into /dev or the sources.
mounted_below() { awk -v dir="$chroot_dir/" 'index($2 "/", dir) == 1 { print $2 }' /proc/mounts | sort -r; }
for m in $(mounted_below); do umount -l "$m" || true; done
if [ -n "$(mounted_below)" ]; then
  echo "test-qt68: still mounted below $chroot_dir: $(mounted_below | tr '\n' ' ')" >&2
  exit 1
fi

if [ ! -f "$chroot_dir/.budgetdesk-base" ]; then
  rm -rf --one-file-system "$chroot_dir"
  echo "test-qt68: debootstrap trixie from $(mirror)"
  debootstrap --variant=minbase trixie "$chroot_dir" "$(mirror)" >"$source_dir/build/qt68-debootstrap.log" 2>&1 ||
    { tail -20 "$source_dir/build/qt68-debootstrap.log" >&2; exit 1; }
  touch "$chroot_dir/.budgetdesk-base"
  echo "test-qt68: chroot ready after $((SECONDS - start)) s"
fi
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true

# The chroot's / is a mount point of its own, as a real system's is: tests that make a folder
# read-only for root (tests/support/ReadOnlyFolder.h) remount it in a private mount namespace.
mount --bind "$chroot_dir" "$chroot_dir"
mounted+=("$chroot_dir")
mkdir -p "$chroot_dir/proc" "$chroot_dir/dev"
mount -t proc proc "$chroot_dir/proc"
mounted+=("$chroot_dir/proc")
bind /dev /dev
bind /dev/pts /dev/pts
bind "$source_dir" "$inside_source"

in_chroot() {
  chroot "$chroot_dir" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen BUDGETDESK_NO_KEYCHAIN=1 "$@"
}

# The same packages as this machine's setup (the script picks Debian 13's names where they differ).
packages_start=$SECONDS
in_chroot bash "$inside_source/scripts/setup-debian.sh"
echo "test-qt68: packages ready in $((SECONDS - packages_start)) s"
in_chroot qmake6 -query QT_VERSION | sed 's/^/test-qt68: Qt /'

build_start=$SECONDS
jobs=$(nproc 2>/dev/null || echo 2)
in_chroot bash -c "cd '$inside_source' && cmake --preset dev -B '$inside_build'" >/dev/null
in_chroot cmake --build "$inside_build" --parallel "$jobs"
echo "test-qt68: built in $((SECONDS - build_start)) s"
test_start=$SECONDS
in_chroot ctest --test-dir "$inside_build" --parallel "$jobs" --output-on-failure
echo "test-qt68: tests passed in $((SECONDS - test_start)) s; all done in $((SECONDS - start)) s"
