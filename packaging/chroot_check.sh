#!/usr/bin/env bash
# The issue's "done when" check: in a fresh Debian chroot with only the Qt runtime libraries
# (no Python, no Tesseract), the unpacked archive passes --self-test and opens its window offscreen.
#
#   sudo bash packaging/chroot_check.sh [dist/ocr-desktop-<version>-linux-x86_64.tar.gz] [CHROOT_DIR]
#
# Needs root and debootstrap (apt-get install debootstrap); downloads ~60 MB of Debian packages
# the first time (the chroot is kept in CHROOT_DIR, default /tmp/ocr-desktop-chroot, and reused).
set -euo pipefail

cd "$(dirname "$0")/.."
TARBALL=${1:-$(ls -t dist/ocr-desktop-*-linux-*.tar.gz | head -1)}
ROOT=${2:-/tmp/ocr-desktop-chroot}
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
# what the PySide6 wheels need from the system for the offscreen platform, nothing else
QT_RUNTIME=libgl1,libegl1,libxkbcommon0,libglib2.0-0,libfontconfig1,libdbus-1-3

if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
  echo "== debootstrap $SUITE into $ROOT (minbase + $QT_RUNTIME)"
  debootstrap --variant=minbase --include="$QT_RUNTIME" "$SUITE" "$ROOT" "$MIRROR" >/dev/null
fi
for absent in tesseract python3 python3.11; do
  if chroot "$ROOT" sh -c "command -v $absent" >/dev/null 2>&1; then
    echo "the chroot has $absent; use a fresh one" >&2
    exit 1
  fi
done

APPDIR="/opt/ocr desktop"   # a path with a space
rm -rf "${ROOT:?}$APPDIR" "$ROOT/tmp/home"
mkdir -p "$ROOT$APPDIR" "$ROOT/tmp/home"
tar -C "$ROOT$APPDIR" -xzf "$TARBALL"
EXE="$APPDIR/ocr-desktop/ocr-desktop"

mount -t proc proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
cleanup() { umount "$ROOT/dev" "$ROOT/proc" 2>/dev/null || true; }
trap cleanup EXIT

status=0
echo "== --self-test under env -i"
if chroot "$ROOT" env -i HOME=/tmp/home PATH=/nonexistent QT_QPA_PLATFORM=offscreen "$EXE" --self-test; then
  echo "PASS self-test"
else
  echo "FAIL self-test"; status=1
fi

echo "== window offscreen"
log="$ROOT/tmp/home/log"
start=$(date +%s%N)
chroot "$ROOT" env -i HOME=/tmp/home PATH=/nonexistent QT_QPA_PLATFORM=offscreen OCR_DESKTOP_LOG_DIR=/tmp/home/log \
  "$EXE" > "$ROOT/tmp/home/gui-output.txt" 2>&1 &
pid=$!
shown=""
for _ in $(seq 1 600); do
  if grep -qs "window shown" "$log"/*.log; then shown=$(( ($(date +%s%N) - start) / 1000000 )); break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
sleep 1
if [ -n "$shown" ] && kill -0 "$pid" 2>/dev/null && ! grep -qs Traceback "$ROOT/tmp/home/gui-output.txt" "$log"/*.log; then
  echo "PASS window shown after ${shown} ms, still running, no traceback"
else
  echo "FAIL window: shown='${shown}'"; cat "$ROOT/tmp/home/gui-output.txt"; status=1
fi
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
exit $status
