#!/usr/bin/env bash
# Build the double-click OCR Desktop app (Linux; macOS works the same way, see the README) and check it.
#
#   bash packaging/build.sh            (what `make package` runs)
#
# Steps: stage Tesseract + tessdata → collect licence texts → PyInstaller (packaging/ocr-desktop.spec)
# → desktop files → checks of dist/ocr-desktop (ldd, --self-test under env -i, recognize, window offscreen)
# → dist/ocr-desktop-<version>-linux-<arch>.tar.gz → the same checks on a copy unpacked into a path with spaces.
#
# Options (environment):
#   OCR_DESKTOP_LANGS="eng osd fra deu"  Tesseract languages to bundle (eng and osd are always in)
#   OCR_DESKTOP_CLEAN=1                  throw away PyInstaller's cache first
#   OCR_DESKTOP_TESSERACT_STUBS=0        bundle the real libcurl/libarchive (see stage_tesseract.py)
#   OCR_DESKTOP_NO_TARBALL=1             skip the .tar.gz and its unpacked check
#   OCR_DESKTOP_LAUNCH_RUNS=3            window starts used to measure the launch time
#   OCR_DESKTOP_SELFTEST_OPTIONAL=1      report a failing self-test but do not fail the build (development only)
#   PYTHON=.venv/bin/python              the Python with the app's dependencies and PyInstaller
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$PWD
PYTHON=${PYTHON:-$REPO/.venv/bin/python}
STAGE=${OCR_DESKTOP_STAGE:-$REPO/build/stage}
DIST=$REPO/dist
APP=$DIST/ocr-desktop
export OCR_DESKTOP_STAGE=$STAGE OMP_THREAD_LIMIT=1

step() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }

case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=macos ;;
  *) echo "build.sh builds on Linux and macOS; on Windows follow README.md, "Building the app"" >&2; exit 2 ;;
esac
ARCH=$(uname -m)
VERSION=$("$PYTHON" -c 'import ocr_desktop; print(ocr_desktop.__version__)')

step "stage Tesseract (languages: ${OCR_DESKTOP_LANGS:-eng osd})"
"$PYTHON" packaging/stage_tesseract.py --out "$STAGE"

step "collect licence texts"
"$PYTHON" packaging/collect_licenses.py --out "$STAGE/licenses" --tesseract-stage "$STAGE/tesseract"

step "PyInstaller"
clean=()
[ "${OCR_DESKTOP_CLEAN:-0}" = 1 ] && clean=(--clean)
rm -rf "$APP" "$DIST/OCR Desktop.app"
"$PYTHON" -m PyInstaller --noconfirm "${clean[@]}" --log-level WARN \
  --workpath "$REPO/build/pyinstaller" --distpath "$DIST" packaging/ocr-desktop.spec

step "desktop integration files"
if [ "$OS" = linux ]; then
  cp packaging/ocr-desktop.desktop "$APP/ocr-desktop.desktop"
  cp packaging/install-desktop-entry.sh "$APP/install-desktop-entry.sh"
  chmod +x "$APP/install-desktop-entry.sh" "$APP/_internal/tesseract/bin/tesseract"
  cp packaging/README-bundle.txt "$APP/README.txt"
fi

step "check dist/ocr-desktop"
"$PYTHON" packaging/check_bundle.py "$APP" --launch-runs "${OCR_DESKTOP_LAUNCH_RUNS:-3}"

if [ "$OS" = linux ] && [ "${OCR_DESKTOP_NO_TARBALL:-0}" != 1 ]; then
  TARBALL=$DIST/ocr-desktop-$VERSION-linux-$ARCH.tar.gz
  step "archive $(basename "$TARBALL")"
  # fixed owner and order so two builds of the same tree give the same listing
  tar -C "$DIST" --owner=0 --group=0 --numeric-owner --sort=name -czf "$TARBALL.tmp" ocr-desktop
  mv "$TARBALL.tmp" "$TARBALL"
  step "check the archive unpacked into a path with spaces"
  UNPACK=$(mktemp -d "${TMPDIR:-/tmp}/ocr desktop unpacked XXXXXX")
  trap 'rm -rf "$UNPACK"' EXIT
  tar -C "$UNPACK" -xzf "$TARBALL"
  "$PYTHON" packaging/check_bundle.py "$UNPACK/ocr-desktop" --launch-runs 1
  printf '\narchive: %s (%s MB)\n' "$TARBALL" "$(( $(stat -c %s "$TARBALL") / 1000000 ))"
fi

step "done: $APP"
